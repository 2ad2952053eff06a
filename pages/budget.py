"""Budget execution: budget against expenditure and absorption, the trend since 2013/14, the 47 counties in a year,
budget credibility (PEFA PI-1 method), the fiscal responsibility rules and the budget per person."""

import streamlit as st

from jdp_analytics.app import downloads, panels, ui
from jdp_analytics.budget import composition, execution, line_items
from jdp_analytics.budget.execution_view import execution_view
from jdp_analytics.common import formatting, presentation
from jdp_analytics.common.i18n import _
from jdp_analytics.common.inert import markdown_text as md

ui.page_guard()

filters = ui.current_filters()
code, year, name = filters.county_code, filters.fiscal_year, filters.county_name
view = ui.view(execution_view, county_code=code, fiscal_year=year)  # built once per county, year and language


st.title(_("Budget execution · {county}").format(county=name))
st.caption(_("{year}. Approved (supplementary) budget, expenditure and absorption as the Controller of Budget "
             "published them; hover an amount for its exact value.").format(year=formatting.fiscal_year_label(year)))
if view.missing:
    st.info(md(view.missing))
ui.cards(view.cards, widths=[5, 5, 4, 4])
st.caption(f"{md(view.median_sentence)} {_(execution.RECURRENT_NOTE)}")
for sentence in view.flagged:
    st.warning(md(sentence))  # quotes a publisher's own flag

# One section at a time (lazy tabs): a county or year change redraws the open one only.
trend, counties, credibility, rule_section, per_person, item_section = ui.sections("budget_section", [
    _("Trend"), _("The 47 counties"), _("Budget credibility"),
    _("Fiscal responsibility rules"), _("Budget per person"), _("Line items")])

if trend.open:
    with trend.container:
        st.header(_("Trend since {year}").format(year=formatting.fy("2013/14")))
        if view.has_trend:
            downloads.chart(view.budget_chart, presentation.file_stem(name, _("budget-and-expenditure")),
                            "budget_bars")
            downloads.chart(view.absorption_chart, presentation.file_stem(name, _("absorption-trend")),
                            "absorption_trend")
            downloads.table(view.trend_table, "trend_table", sheet=_("by fiscal year"))
            if note := execution.beyond_note(view.trend_table):
                st.caption(note)
        else:
            st.info(_("No published budget execution figure for {county} in any fiscal year in the warehouse.")
                    .format(county=name))

if counties.open:
    with counties.container:
        st.header(_("The 47 counties in {year}").format(year=formatting.fy(year)))
        left, right = st.columns([3, 2])
        with left:
            downloads.chart(view.ranking_chart, presentation.file_stem(_("absorption-47-counties"), year), "ranking")
        with right:
            downloads.chart(view.targets_chart, presentation.file_stem(_("absorption-target-counties"), year),
                            "targets")
        downloads.table(view.year_table, "year_table", sheet=formatting.fy(year.replace("/", "-")))
        if note := execution.beyond_note(view.year_table):
            st.caption(note)

if credibility.open:
    with credibility.container:
        st.header(_("Budget credibility"))
        left, right = st.columns([1, 3])
        with left.container(border=True):
            ui.card(view.credibility_card)
        with right:
            downloads.chart(view.credibility_chart, presentation.file_stem(name, _("budget-credibility")),
                            "credibility")
        st.caption(_(execution.PEFA_NOTE))

if rule_section.open:
    with rule_section.container:
        st.header(_("Fiscal responsibility rules"))
        rules = ui.view(composition.derived_view).rules
        panels.fiscal_rules(composition.rule_figures(rules, code, name, year))
        st.caption(_("Figures by year and county, own-source revenue and pending bills: the Budget composition page."))

if per_person.open:
    with per_person.container:
        st.header(_("Budget per person"))
        left, right = st.columns([3, 2])
        with left:
            downloads.chart(view.per_person_chart, presentation.file_stem(_("budget-per-person"), year), "per_person")
        with right:
            st.markdown(md(view.per_person_sentence))
            st.caption(_(execution.PER_PERSON_NOTE))

if item_section.open:
    with item_section.container:
        st.header(_("Line items in {year}: votes, months, economic items").format(year=formatting.fy(year)))
        items = ui.view(line_items.view, county_code=code or "", fiscal_year=year)
        if items.empty:
            panels.front_door(("fact_budget_item",), _(line_items.EMPTY), filters, "budget_items")
        else:
            if items.is_demo:
                st.warning(_("Demonstration data: these line items are generated, not a county's real budget; only "
                             "their totals follow the Controller of Budget's published figures."))
            left, right = st.columns([1, 1])
            with left:
                downloads.chart(ui.figure(line_items.votes_chart, items.votes, name, year, items.source()),
                                presentation.file_stem(name, _("votes"), year), "votes")
            with right:
                downloads.chart(ui.figure(line_items.months_chart, items.months, name, year, items.source()),
                                presentation.file_stem(name, _("months"), year), "months")
            downloads.table(line_items.items_table(items, name, year), "items_table", sheet=_("economic items"))
