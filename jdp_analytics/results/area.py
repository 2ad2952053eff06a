"""The results area in the warehouse: the programme's results framework, its finance and its contracts."""

from __future__ import annotations

from jdp_analytics.common.i18n import N_
from jdp_analytics.results import demo
from jdp_analytics.results import tables as results
from jdp_analytics.warehouse.area import REPORTING, Area, Dataset, Kind


def demonstration(frames) -> dict:
    """The generated results framework, programme finance and contracts (they need no other table)."""
    return demo.to_warehouse()


AREA = Area(
    "results",
    tables=(results.DIM_RESULT, results.DIM_RESULT_INDICATOR, results.FACT_RESULT_TARGET, results.FACT_RESULT_ACTUAL,
            results.FACT_PROGRAMME_FINANCE, results.FACT_TA_CONTRACT),
    titles={
        "dim_result": N_("Results framework: results"),
        "dim_result_indicator": N_("Results framework: indicators"),
        "fact_result_target": N_("Results framework: baselines and targets"),
        "fact_result_actual": N_("Results framework: quarterly values"),
        "fact_programme_finance": N_("Programme budget and spending"),
        "fact_ta_contract": N_("Technical-assistance contracts"),
    },
    kinds=(
        Kind("results", results.DIM_RESULT, N_("Results framework: outcomes and outputs"), replace_existing=True,
             template_rows=({"result_code": "O1.3", "result_level": "output", "outcome_code": "O1",
                             "title": "County assemblies' budget committees supported", "agency": "UNDP"},)),
        Kind("result_indicators", results.DIM_RESULT_INDICATOR, N_("Results framework: indicators"),
             replace_existing=True, template_rows=(
                 {"indicator_code": "O1.2.b", "result_code": "O1.2", "indicator_name": "Budget committee members "
                  "trained (cumulative)", "indicator_level": "county", "unit": "number", "higher_is_better": "yes",
                  "agency": "UNDP", "means_of_verification": "Training registers"},)),
        Kind("result_targets", results.FACT_RESULT_TARGET, N_("Results framework: baselines and annual targets"),
             replace_existing=True, template_rows=(
                 {"indicator_code": "O1.1.a", "scope": "043", "baseline_value": "4", "baseline_date": "2024-11-30",
                  "target_2025": "25", "target_2026": "50", "target_2027": "75", "target_2028": "100"},)),
        Kind("result_actuals", results.FACT_RESULT_ACTUAL, N_("Results framework: values reported per quarter"),
             replace_existing=True, template_rows=(
                 {"indicator_code": "O1.1.a", "scope": "043", "period": "2026Q4", "value": "58",
                  "evidence": "https://example.org/reports/homa-bay-training-2026q4.pdf", "comment": ""},)),
        Kind("programme_finance", results.FACT_PROGRAMME_FINANCE, N_("Programme budget and spending per outcome, "
             "agency, county and quarter"), replace_existing=True, template_rows=(
                 {"outcome_code": "O1", "agency": "UNDP", "scope": "043", "period": "2026Q4",
                  "budget_kes": "9500000", "spent_kes": "7100000"},)),
        Kind("ta_contracts", results.FACT_TA_CONTRACT, N_("Technical-assistance contracts and grants with costs and "
             "outputs"), replace_existing=True, template_rows=(
                 {"contract_id": "UNDP-KE-2026-014", "contract_type": "technical assistance",
                  "title": "Training of Homa Bay budget officers", "agency": "UNDP", "scope": "043",
                  "outcome_code": "O1", "period": "2026Q4", "cost_kes": "2400000",
                  "primary_output": "officials_trained", "officials_trained": "60", "forums_held": "0",
                  "citizens_reached": "0", "data_systems_strengthened": "0"},)),
    ),
    demo=demonstration,
    datasets=(
        Dataset("fact_result_actual", REPORTING, N_("the results framework and its quarterly values"),
                N_("the programme's PIU (monitoring and evaluation): the framework with baselines and targets, and the "
                   "values reported each quarter with their evidence."),
                ("result_actuals", "results", "result_indicators", "result_targets"), programme_wide=True),
        Dataset("fact_programme_finance", REPORTING, N_("programme budget and spending"),
                N_("the PIU and the finance units of UNDP, UNICEF and UN Women: budget and spending each quarter."),
                ("programme_finance",), programme_wide=True),
        Dataset("fact_ta_contract", REPORTING, N_("technical-assistance contracts and their outputs"),
                N_("the agencies' procurement units, as contracts are signed and outputs delivered."),
                ("ta_contracts",), programme_wide=True),
    ),
)
