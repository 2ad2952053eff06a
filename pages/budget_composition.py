"""Budget composition: fiscal responsibility rules, own-source revenue, pending bills, the budget by sector and
programme (development and recurrent, gender and child tags, ADP funded), and PEFA PI-2 composition outturn."""

import streamlit as st

from jdp_analytics.app import downloads, panels, ui
from jdp_analytics.budget import composition as cv
from jdp_analytics.budget import composition_charts as charts
from jdp_analytics.common import demonstration, formatting
from jdp_analytics.geography.counties import COUNTIES

ui.page_guard()

filters = ui.current_filters()
code, year, name = filters.county_code, filters.fiscal_year, filters.county_name
lines, fiscal = ui.query("budget_lines"), ui.query("county_fiscal")
derived = ui.view(cv.derived_view)
year_lines, year_fiscal = cv.select(lines, code, year), cv.select(fiscal, code, year)
by, axis = ("fiscal_year", "Fiscal year") if code else ("county_name", "County")  # a county's years, or the counties

st.title(f"Budget composition · {cv.scope(year_lines, code, name) if len(year_lines) else name}")
st.caption(f"{formatting.fiscal_year_label(year)}. Fiscal rules, own-source revenue, pending bills and the budget by "
           "sector and programme; hover an amount for its exact value.")
if cv.is_demo(year_lines) or cv.is_demo(year_fiscal):
    panels.demo_banner()
if code is None and (gap := cv.counties_without(lines, year, COUNTIES)):
    st.info(gap)

st.header("Fiscal responsibility rules")
panels.fiscal_rules(cv.rule_figures(derived.rules, code, name, year))
rules = cv.rule_table(derived.rules, code, name, year)
covered = cv.scope(rules.data, code, name)
for column, (rule, value, floor) in zip(st.columns(2), cv.RULE_CHECKS):
    with column:
        downloads.chart(charts.rule_bars(rules.data[by], rules.data[value], rule.threshold_pct, floor,
                                         f"{rule.name}, {covered}", f"Rule: {rule.source}. {rules.citation}", axis,
                                         rules.is_demo), cv.stem(name, rule.name, code, year), f"chart_{value}")
downloads.table(rules, "rules_table", sheet="fiscal rules")
st.caption(cv.WAGE_RULE_CHECKED)

st.header("Own-source revenue and pending bills")
revenue = cv.fiscal_table(derived.measures, code, name, year)
revenue_scope = cv.scope(cv.select(derived.measures, code, year), code, name)
st.markdown(cv.osr_sentence(derived.measures, code, name, year))
st.markdown(cv.pending_sentence(fiscal, code, name, year))
if revenue.data.empty:
    st.info(cv.NO_FISCAL.format(name=name, year=year))
else:
    left, right = st.columns(2)
    with left:
        downloads.chart(charts.osr_bars(revenue.data, by, f"Own-source revenue, {revenue_scope}", revenue.citation,
                                        revenue.is_demo), cv.stem(name, "own-source-revenue", code, year), "osr")
    with right:
        downloads.chart(charts.pending_by_age(revenue.data, by, f"Pending bills, {revenue_scope}", revenue.citation,
                                              revenue.is_demo), cv.stem(name, "pending-bills", code, year), "pending")
    downloads.table(revenue, "revenue_table", sheet="revenue and bills")

st.header("Composition by sector and programme")
if year_lines.empty:
    st.info(cv.NO_LINES.format(name=name, year=year))
else:
    composition = cv.composition_cards(year_lines, name, year)
    panels.cards(composition.cards)
    if composition.unfunded:
        st.markdown(demonstration.mark(f"In the ADP but not funded in FY {year}: {'; '.join(composition.unfunded)}.",
                                       cv.is_demo(year_lines)))
    sectors, scope = cv.sector_table(year_lines, name, year), f"{cv.scope(year_lines, code, name)}, FY {year}"
    downloads.chart(charts.amounts_by_part(sectors.data, "sector", f"Budget by sector, {scope}", sectors.citation,
                                           sectors.is_demo), sectors.file_stem, "sectors")
    downloads.table(sectors, "sector_table", sheet="by sector")
    sector = panels.url_choice("Sector (drill down to its programmes)", [cv.ALL_SECTORS, *sectors.data["sector"]],
                               "sector")
    programmes = cv.programme_table(year_lines, name, year, sector)
    if sector != cv.ALL_SECTORS:
        downloads.chart(charts.amounts_by_part(programmes.data, "programme", f"{sector}: programmes, {scope}",
                                               programmes.citation, programmes.is_demo), programmes.file_stem,
                        "programmes")
    downloads.table(programmes, "programme_table", sheet="by programme")

st.header("Budget credibility: composition outturn")
left, right = st.columns([1, 3])
with left.container(border=True):
    panels.card(cv.pi2_card(derived.pi2, lines, code, name, year))
with right:
    downloads.table(cv.pi2_table(derived.pi2, lines, code, name, year), "pi2_table", sheet="PEFA PI-2")
st.caption(cv.PI2_NOTE)

st.header("Allocation per person and need")
st.page_link("pages/budget.py", label="The budget per person (2019 census) of every county: Budget execution",
             icon=":material/account_balance:")
st.caption(cv.NEED_NOTE)
