"""Programme finance and cost-effectiveness: budget and spending per quarter, burn rate and forecast, contracts
and grants, and cost-per-output benchmarks compared across the counties."""

import streamlit as st

from jdp_analytics.app import downloads, panels, reporting, ui
from jdp_analytics.common import presentation
from jdp_analytics.common.i18n import _
from jdp_analytics.results import charts as results_charts
from jdp_analytics.results import metrics as results_metrics
from jdp_analytics.results import views as results_views

ui.page_guard()
filters = ui.current_filters()
code = filters.county_code
name = filters.county_name if code else _("the whole programme")  # the framework covers 8 counties and national work
st.title(_("Programme finance · {name}").format(name=filters.county_name))  # the selection, as on every page
if ui.query("programme_finance").empty:  # no programme finance yet: one block, not empty pickers
    panels.front_door(("fact_programme_finance", "fact_ta_contract"),
                      _("This page would show the programme's budget and spending per quarter, its burn rate and "
                        "forecast, the technical-assistance contracts and grants, and the cost per output compared "
                        "across the counties."), filters, "programme_finance")
    st.stop()
outcome, agency, period = reporting.filters_row()
finance = results_views.select(ui.query("programme_finance"), code, outcome, agency, with_programme=code is None)
contracts = ui.query("ta_contracts")
if finance.empty or not period:
    st.info(_("No programme budget in the warehouse for {name} with these filters: the programme budgets the eight "
              "target counties and its national work.").format(name=name))
    st.stop()
reporting.period_note(period, filters.fiscal_year)

source = presentation.source_line(finance)
if bool(finance["is_demo"].any()):
    st.warning(_("{demo}. Programme finance and contracts shipped with the app are generated.").format(
        demo=_(ui.DEMO_LABEL)), icon=":material/science:")
burn = results_metrics.burn(finance, period)
ui.cards(results_views.burn_cards(burn, name, finance, period))
st.caption(_(results_metrics.FORECAST_RULE))

# One section at a time (lazy tabs): a county or filter change redraws the open one only.
spending_tab, benchmark_tab, contract_tab = ui.sections(
    "finance_section", [_("Spending"), _("Cost-effectiveness: cost per output"),
                        _("Technical-assistance contracts and grants")])

if spending_tab.open:
    with spending_tab.container:
        downloads.chart(results_charts.spending_by_quarter(results_views.quarterly_spending(finance), name, source),
                        presentation.file_stem(name, _("programme-spending")), "spending_chart")
        by_labels = {key: _(label) for key, label in results_views.BY_LABELS.items()}
        by = st.segmented_control(_("Break down by"), list(by_labels), default="outcome_code",
                                  format_func=by_labels.get, key="finance_by") or "outcome_code"
        downloads.table(results_views.burn_table(finance, period, by), "burn_table", sheet=_("by {what}").format(
            what=by_labels[by]))

if benchmark_tab.open:
    with benchmark_tab.container:
        st.header(_("Cost-effectiveness: cost per output"))
        st.caption(results_metrics.outlier_rule())
        for benchmark in results_metrics.BENCHMARKS:
            table = results_views.benchmark_table(contracts, benchmark)
            with st.container(border=True, key=f"benchmark_{benchmark.key}"):
                st.markdown(_("**{name}.** {description}").format(name=_(benchmark.name),
                                                                   description=_(benchmark.description)))
                st.plotly_chart(results_charts.benchmark_bars(table.data, benchmark, code,
                                                              presentation.source_line(contracts)),
                                config=downloads.CHART_CONFIG, key=f"chart_{benchmark.key}")
                downloads.table(table, f"table_{benchmark.key}")

if contract_tab.open:
    with contract_tab.container:
        st.header(_("Technical-assistance contracts and grants"))
        shown = contracts[contracts["scope"] == code] if code else contracts
        downloads.table(results_views.contracts_table(shown, presentation.file_stem(name, _("contracts-and-grants"))),
                        "contracts")
