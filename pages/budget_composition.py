"""Budget composition: fiscal responsibility rules, own-source revenue, pending bills, the budget by sector and
programme (development and recurrent, gender and child tags, ADP funded), and PEFA PI-2 composition outturn."""

import streamlit as st

from jdp_analytics.app import downloads, panels, ui
from jdp_analytics.budget import composition as cv
from jdp_analytics.budget import composition_charts as charts
from jdp_analytics.common import charts as common_charts
from jdp_analytics.common import demonstration, formatting, presentation
from jdp_analytics.common import measures as common_measures
from jdp_analytics.common.i18n import _
from jdp_analytics.common.inert import markdown_text as md
from jdp_analytics.common.vocabulary import term
from jdp_analytics.geography.counties import COUNTIES
from jdp_analytics.oversight import views as oversight

ui.page_guard()

filters = ui.current_filters()
code, year, name = filters.county_code, filters.fiscal_year, filters.county_name
lines, fiscal, osr = ui.query("budget_lines"), ui.query("county_fiscal"), ui.query("own_source_revenue")
derived = ui.view(cv.derived_view)
year_lines, year_fiscal, year_osr = (cv.select(rows, code, year) for rows in (lines, fiscal, osr))
by, axis = ("fiscal_year", _("Fiscal year")) if code else ("county_name", _("County"))  # a county's years, or all

st.title(_("Budget composition · {scope}").format(scope=name))  # the selection, as on every page
st.caption(_("{year}. Fiscal rules, own-source revenue, pending bills and the budget by sector and programme; hover an "
             "amount for its exact value.").format(year=formatting.fiscal_year_label(year)))
if cv.is_demo(year_lines) or cv.is_demo(year_fiscal) or cv.is_demo(year_osr):
    panels.demo_banner()
LINES_SHOW = _("The budget by sector and programme would show each sector's approved and spent amounts, development "
               "and recurrent, the gender- and child-tagged shares, the ADP programmes funded and the composition "
               "outturn (PEFA PI-2).")
FISCAL_SHOWS = _("The wage bill and pending bills would show the wage bill against the 35 % ceiling and pending bills "
                 "by age.")
empty = year_lines.empty and year_fiscal.empty and year_osr.empty
if empty:  # one block for the page, not four empty sections
    panels.front_door(("fact_own_source_revenue", "fact_budget_line", "fact_county_fiscal"),
                      _("This page would show the fiscal rules with their figures. {lines} {fiscal}").format(
                          lines=LINES_SHOW, fiscal=f"{_(cv.OSR_SHOWS)} {FISCAL_SHOWS}"), filters,
                      "budget_composition")
elif code is None and (gap := cv.counties_without(lines, year, COUNTIES)):
    st.info(md(gap))

# One section at a time (lazy tabs): a county or year change redraws the open one only; a link that names a sector
# opens on the composition.
rule_tab, revenue_tab, composition_tab, credibility_tab = ui.sections(
    "composition_section", [_("Fiscal rules"), _("Revenue and pending bills"), _("Sectors and programmes"),
                            _("Composition outturn")],  # short: the four fit a projector's width in both languages
    default=2 if "sector" in st.query_params else 0) if not empty else [ui.Section(st.container(), False)] * 4

if rule_tab.open:
    with rule_tab.container:
        st.header(_("Fiscal responsibility rules"))
        panels.fiscal_rules(cv.rule_figures(derived.rules, code, name, year))
        rules = cv.rule_table(derived.rules, code, name, year)
        covered = cv.scope(rules.data, code, name)
        for column, (rule, value, floor) in zip(st.columns(2) if not rules.data.empty else (), cv.RULE_CHECKS):
            with column:  # no figure: the cards above say so and how to load one; an empty chart would not
                title = _("{rule}, {scope}").format(rule=_(rule.name), scope=covered)
                law = _("Rule: {law}. {citation}").format(law=rule.source, citation=rules.citation)
                downloads.chart(charts.rule_bars(rules.data[by], rules.data[value], rule.threshold_pct, floor, title,
                                                 law, axis, rules.is_demo), cv.stem(name, _(rule.name), code, year),
                                f"chart_{value}")
        if not rules.data.empty:
            downloads.table(rules, "rules_table", sheet=_("fiscal rules"))
        st.caption(_(cv.WAGE_RULE_CHECKED))

if revenue_tab.open:
    with revenue_tab.container:
        st.header(_("Own-source revenue"))
        if year_osr.empty:
            panels.front_door(("fact_own_source_revenue",), _(cv.OSR_SHOWS), filters, "own_source_revenue")
        else:
            st.markdown(md(cv.osr_sentence(osr, code, name, year)))
            revenue = cv.osr_table(osr, code, name, year)
            ranking = cv.osr_ranking(osr, ui.query("counties"), year)
            measure = cv.OSR_MEASURE
            left, right = st.columns(2) if code else (None, st.container())
            if left is not None:  # a county's years; for All 47 the ranking says it
                with left:
                    title = _("Own-source revenue, {scope}").format(scope=name)
                    downloads.chart(charts.osr_bars(revenue.data, by, title, revenue.citation, revenue.is_demo),
                                    cv.stem(name, _("own-source-revenue"), code, year), "osr")
            with right:
                median = common_measures.compare(ranking, None).median
                downloads.chart(common_charts.county_ranking(ranking, measure, code, median,
                                                             presentation.source_line(ranking)),
                                cv.stem(name, _("own-source-revenue-ranking"), None, year), "osr_ranking")
            downloads.table(revenue, "osr_table", sheet=_("own-source revenue"))
            st.caption(_(cv.OSR_FIF_NOTE))
        st.header(_("Wage bill and pending bills"))
        wages = cv.fiscal_table(derived.measures, code, name, year)
        if year_fiscal.empty:
            panels.front_door(("fact_county_fiscal",), FISCAL_SHOWS, filters, "county_fiscal")
        else:
            st.markdown(md(cv.pending_sentence(fiscal, code, name, year)))
            title = _("Pending bills, {scope}").format(scope=cv.scope(year_fiscal, code, name))
            downloads.chart(charts.pending_by_age(wages.data, by, title, wages.citation, wages.is_demo),
                            cv.stem(name, _("pending-bills"), code, year), "pending")
            downloads.table(wages, "revenue_table", sheet=_("wages and bills"))
        panels.as_reported(oversight.PENDING_BILLS, code, name)

if composition_tab.open:
    with composition_tab.container:
        st.header(_("Composition by sector and programme"))
        if year_lines.empty:
            panels.front_door(("fact_budget_line",), LINES_SHOW, filters, "budget_lines")
        else:
            composition = cv.composition_cards(year_lines, name, year)
            panels.cards(composition.cards)
            if composition.unfunded:
                unfunded = "; ".join(md(programme) for programme in composition.unfunded)  # loaded names: text
                st.markdown(demonstration.mark(_("In the ADP but not funded in {year}: {programmes}.").format(
                    year=formatting.fy(year), programmes=unfunded), cv.is_demo(year_lines)))
            sectors = cv.sector_table(year_lines, name, year)
            scope = _("{scope}, {year}").format(scope=cv.scope(year_lines, code, name), year=formatting.fy(year))
            title = _("Budget by sector, {scope}").format(scope=scope)
            downloads.chart(charts.amounts_by_part(sectors.data, "sector", title, sectors.citation, sectors.is_demo),
                            sectors.file_stem, "sectors")
            downloads.table(sectors, "sector_table", sheet=_("by sector"))
            sector = panels.url_choice(_("Sector (drill down to its programmes)"),
                                       [cv.ALL_SECTORS, *sectors.data["sector"]], "sector",
                                       labels={cv.ALL_SECTORS: _(cv.ALL_SECTORS),
                                               **{s: term(s) for s in sectors.data["sector"]}})
            programmes = cv.programme_table(year_lines, name, year, sector)
            if sector != cv.ALL_SECTORS:
                title = _("{sector}: programmes, {scope}").format(sector=term(sector), scope=scope)
                downloads.chart(charts.amounts_by_part(programmes.data, "programme", title, programmes.citation,
                                                       programmes.is_demo), programmes.file_stem, "programmes")
            downloads.table(programmes, "programme_table", sheet=_("by programme"))

if credibility_tab.open:
    with credibility_tab.container:
        st.header(_("Budget credibility: composition outturn"))
        if lines.empty:  # no budget lines in any year: nothing to score
            panels.front_door(("fact_budget_line",), LINES_SHOW, filters, "pi2_lines")
        else:
            left, right = st.columns([1, 3])
            with left.container(border=True):
                panels.card(cv.pi2_card(derived.pi2, lines, code, name, year))
            with right:
                downloads.table(cv.pi2_table(derived.pi2, lines, code, name, year), "pi2_table", sheet="PEFA PI-2")
            st.caption(_(cv.PI2_NOTE))

st.header(_("Allocation per person and need"))
st.page_link("pages/budget.py", label=_("The budget per person (2019 census) of every county: Budget execution"),
             icon=":material/account_balance:")
st.caption(_(cv.NEED_NOTE))
