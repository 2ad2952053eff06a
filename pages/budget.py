"""Budget execution: budget against expenditure and absorption, the trend since 2013/14, the 47 counties in a year,
budget credibility (PEFA PI-1 method), the fiscal responsibility rules and the budget per person."""

import streamlit as st

from jdp_analytics.app import downloads, panels, ui
from jdp_analytics.budget import composition, execution, execution_charts, line_items
from jdp_analytics.budget import metrics as budget_metrics
from jdp_analytics.common import charts as common_charts
from jdp_analytics.common import formatting, measures, presentation
from jdp_analytics.common.i18n import _

ui.page_guard()

filters = ui.current_filters()
code, year, name = filters.county_code, filters.fiscal_year, filters.county_name
history = ui.query("budget_execution_history")
year_rows = history[history["fiscal_year"] == year]
trend = execution.budget_trend(history, code)
source, year_source = presentation.source_line(trend), presentation.source_line(year_rows)
catalogue = {m.key: m for m in measures.BASE_MEASURES}


st.title(_("Budget execution · {county}").format(county=name))
st.caption(_("{year}. Approved (supplementary) budget, expenditure and absorption as the Controller of Budget "
             "published them; hover an amount for its exact value.").format(year=formatting.fiscal_year_label(year)))
if missing := execution.missing_sentence(history, code, name, year):
    st.info(missing)
ui.cards(execution.budget_cards(history, trend, code, name, year), widths=[5, 5, 4, 4])
st.caption(f"{execution.median_sentence(trend, year)} {_(execution.RECURRENT_NOTE)}")
for sentence in execution.flagged_sentences(history[history["county_code"] == code] if code else year_rows):
    st.warning(sentence)

st.header(_("Trend since {year}").format(year=formatting.fy("2013/14")))
if trend["budget_kes"].notna().any():
    downloads.chart(ui.figure(execution_charts.budget_and_expenditure, trend, name, source),
                    presentation.file_stem(name, _("budget-and-expenditure")), "budget_bars")
    downloads.chart(ui.figure(execution_charts.absorption_trend, trend, code and name, source),
                    presentation.file_stem(name, _("absorption-trend")), "absorption_trend")
    downloads.table(execution.trend_table(trend, code, name), "trend_table", sheet=_("by fiscal year"))
else:
    st.info(_("No published budget execution figure for {county} in any fiscal year in the warehouse.").format(
        county=name))

st.header(_("The 47 counties in {year}").format(year=formatting.fy(year)))
medians = execution.year_medians(trend, year)
left, right = st.columns([3, 2])
with left:
    downloads.chart(ui.figure(common_charts.county_ranking, budget_metrics.rate_values(year_rows, "absorption_pct"),
                              catalogue["absorption_pct"], code, medians[0], year_source),
                    presentation.file_stem(_("absorption-47-counties"), year), "ranking")
with right:
    downloads.chart(ui.figure(execution_charts.target_absorption, execution.target_values(history, year), code,
                              medians, year,
                              year_source),
                    presentation.file_stem(_("absorption-target-counties"), year), "targets")
downloads.table(execution.year_table(history, year), "year_table", sheet=formatting.fy(year.replace("/", "-")))

st.header(_("Budget credibility"))
left, right = st.columns([1, 3])
with left.container(border=True):
    ui.card(execution.credibility_card(history, trend, code, year))
with right:
    downloads.chart(ui.figure(execution_charts.outturn_bands, trend, name, source) if code
                    else ui.figure(execution_charts.pi1_band_counts, budget_metrics.pefa_pi1_scores(history), source),
                    presentation.file_stem(name, _("budget-credibility")), "credibility")
st.caption(_(execution.PEFA_NOTE))

st.header(_("Fiscal responsibility rules"))
rules = ui.view(composition.derived_view).rules
panels.fiscal_rules(composition.rule_figures(rules, code, name, year))
st.caption(_("Figures by year and county, own-source revenue and pending bills: the Budget composition page."))

st.header(_("Budget per person"))
per_person = execution.per_person_values(history, year)
left, right = st.columns([3, 2])
with left:
    downloads.chart(ui.figure(common_charts.county_ranking, per_person, catalogue["budget_per_person_kes"], code,
                              measures.compare(per_person, None).median,
                              _("{source} Population: KNBS, 2019 census.").format(source=year_source)),
                    presentation.file_stem(_("budget-per-person"), year), "per_person")
with right:
    st.markdown(execution.per_person_sentence(history, code, name, year))
    st.caption(_(execution.PER_PERSON_NOTE))

st.header(_("Line items in {year}: votes, months, economic items").format(year=formatting.fy(year)))
items = ui.view(line_items.view, county_code=code or "", fiscal_year=year)
if items.empty:
    st.info(_(line_items.EMPTY))
else:
    if items.is_demo:
        st.warning(_("Demonstration data: these line items are generated, not a county's real budget; only their "
                     "totals follow the Controller of Budget's published figures."))
    left, right = st.columns([1, 1])
    with left:
        downloads.chart(ui.figure(line_items.votes_chart, items.votes, name, year, items.source()),
                        presentation.file_stem(name, _("votes"), year), "votes")
    with right:
        downloads.chart(ui.figure(line_items.months_chart, items.months, name, year, items.source()),
                        presentation.file_stem(name, _("months"), year), "months")
    downloads.table(line_items.items_table(items, name, year), "items_table", sheet=_("economic items"))
