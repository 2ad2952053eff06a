"""Progress: the results framework with each indicator's status in the quarter, and what changed since the last."""

import streamlit as st

from jdp_analytics.app import downloads, panels, reporting, ui
from jdp_analytics.common import demonstration, formatting, presentation
from jdp_analytics.common.i18n import _
from jdp_analytics.common.inert import markdown_text as md
from jdp_analytics.geography.counties import JDP_TARGETS
from jdp_analytics.results import charts as results_charts
from jdp_analytics.results import metrics as results_metrics
from jdp_analytics.results import views as results_views

ui.page_guard()
filters = ui.current_filters()
code = filters.county_code
name = filters.county_name if code else _("the whole programme")  # the framework covers 8 counties and national work
st.title(_("Progress · {county}").format(county=filters.county_name))  # the selection, as on every page
if ui.query("result_periods").empty:  # no framework values yet: one block, not empty pickers
    panels.front_door(("fact_result_actual",),
                      _("This page would show each indicator of the programme's results framework with its baseline, "
                        "target and the value reported in the quarter, its status (on track, at risk, off track) and "
                        "what changed since the previous quarter."), filters, "progress")
    st.stop()
outcome, agency, period = reporting.filters_row()
framework = results_views.select(ui.query("results_framework"), code, outcome, agency)
actuals = ui.query("result_actuals")
if code and code not in JDP_TARGETS:
    st.info(_("{county} is not a JDP target county: the framework has county rows for the eight target counties only. "
              "Programme-wide indicators are shown.").format(county=name))
if framework.empty or not period:
    st.info(_("No indicator of the results framework matches these filters."))
    st.stop()
reporting.period_note(period, filters.fiscal_year)

status = results_views.framework_status(ui.query("results_framework"), actuals, code, period, outcome, agency)
now, before = status.now, status.before
source = presentation.source_line(now)
if status.is_demo:
    st.warning(_("{demo}. The results framework shipped with the app is generated; load the programme's own with the "
                 "upload templates.").format(demo=_(ui.DEMO_LABEL)), icon=":material/science:")
ui.cards(results_views.status_cards(status, name))
st.caption(f"{md(formatting.sentence_case(status.scope(name)))}. {_(results_views.COUNTING_RULE)}")
st.info(_("**How the status is decided.** {rule}").format(rule=results_metrics.status_rule()), icon=":material/rule:")

st.header(_("Results framework, {period}").format(period=formatting.quarter(period)))
st.plotly_chart(results_charts.status_by_outcome(now, period, source), config=downloads.CHART_CONFIG,
                key="status_chart")
downloads.table(results_views.progress_table(now, period, presentation.file_stem(_("results-framework"), name, period)),
                "progress_table", sheet=period)

previous = results_metrics.previous_quarter(period)
st.header(_("Changes since {period}").format(period=formatting.quarter(previous)))
changes = results_metrics.changes_since(now, before)
if changes.empty:
    st.markdown(_("No indicator value or status changed between {previous} and {period}.").format(
        previous=formatting.quarter(previous), period=formatting.quarter(period)))
else:
    downloads.grid(demonstration.mark(results_views.changes_table(changes, framework, period, demo=status.is_demo),
                                      status.is_demo), "changes_table")
st.caption(md(source))
