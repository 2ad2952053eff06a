"""Tables of the results framework and programme reporting: results, indicators, targets, actuals, programme
finance and technical-assistance contracts."""

from __future__ import annotations

from jdp_analytics.common.i18n import N_
from jdp_analytics.warehouse.schema import Column, RowRule, Table, count_column, load_id_column, source_id_column

# Results framework and programme finance (issue 8): the programme's own monitoring data.

AGENCIES = ("UNDP", "UNICEF", "UN Women", "SDD")  # SDD: State Department for Devolution
QUARTER_PATTERN = r"^20\d\dQ[1-4]$"  # '2025Q3': calendar quarter July–September 2025
SCOPE_PATTERN = r"^(programme|0[0-3]\d|04[0-7])$"
_SCOPE_HINT = "'programme' for a programme-wide row, or a three-digit county code from 001 to 047, e.g. 043"
PRIMARY_OUTPUTS = ("officials_trained", "forums_held", "citizens_reached", "data_systems_strengthened")


def _scope(description: str) -> Column:
    return Column("scope", "VARCHAR", description, pattern=SCOPE_PATTERN, pattern_hint=_SCOPE_HINT)


def _quarter(description: str) -> Column:
    return Column("period", "VARCHAR", description, pattern=QUARTER_PATTERN,
                  pattern_hint=N_("the calendar quarter as YYYYQn, e.g. 2025Q3 for July–September 2025"))


def _agency(description: str) -> Column:
    return Column("agency", "VARCHAR", description, allowed=AGENCIES)


DIM_RESULT = Table(
    "dim_result",
    N_("The programme's results framework above the indicators: outcomes 1–3, the reporting and efficiency "
    "results, and the outputs under each."),
    (
        Column("result_code", "VARCHAR", N_("Code of the result: 'O1' … 'O3' and 'RE' for outcomes, 'O1.2' for the "
               "second output of outcome 1."), pattern=r"^(O[1-3]|RE)(\.\d{1,2})?$",
               pattern_hint=N_("O1, O2, O3 or RE, optionally followed by .n for an output, e.g. O2.1")),
        Column("result_level", "VARCHAR", N_("outcome or output."), allowed=("outcome", "output")),
        Column("outcome_code", "VARCHAR", N_("The outcome the result belongs to (itself for an outcome)."),
               allowed=("O1", "O2", "O3", "RE")),
        Column("title", "VARCHAR", N_("Statement of the result as in the results framework.")),
        _agency(N_("Agency leading the result.")),
        source_id_column(),
        load_id_column(),
    ),
    key=("result_code",),
    group="dimension",
    rules=(RowRule("outcome_code", ("result_code", "outcome_code"),
                   lambda f: f["result_code"].str.split(".").str[0] == f["outcome_code"],
                   N_("the result code does not start with its outcome code."),
                   N_("write the output as the outcome code followed by .n, e.g. O2.1 under O2.")),),
)

DIM_RESULT_INDICATOR = Table(
    "dim_result_indicator",
    N_("Indicators of the results framework: what is measured, at which level, by whom and how it is verified."),
    (
        Column("indicator_code", "VARCHAR", N_("Code of the indicator, e.g. 'O1.1.a'."),
               pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,19}$", pattern_hint=N_("letters, digits, '.', '-' or '_', "
               "at most 20 characters")),
        Column("result_code", "VARCHAR", N_("Outcome or output the indicator measures."),
               references="dim_result.result_code"),
        Column("indicator_name", "VARCHAR", N_("Indicator as worded in the results framework.")),
        Column("indicator_level", "VARCHAR", N_("programme (one value for the whole programme) or county (one value "
               "per target county)."), allowed=("programme", "county")),
        Column("unit", "VARCHAR", N_("Unit of baseline, targets and actuals."),
               allowed=("percent", "number", "score", "KES")),
        Column("higher_is_better", "BOOLEAN", N_("True when a higher value is progress.")),
        _agency(N_("Agency responsible for reporting the indicator.")),
        Column("means_of_verification", "VARCHAR", N_("Where the reported value can be checked.")),
        source_id_column(),
        load_id_column(),
    ),
    key=("indicator_code",),
    group="dimension",
)

FACT_RESULT_TARGET = Table(
    "fact_result_target",
    N_("Baseline (the inception assessment of late 2024) and annual targets 2025–2028 of each indicator, for the "
    "programme or one county: the usual results-framework row."),
    (
        Column("indicator_code", "VARCHAR", N_("Indicator."), references="dim_result_indicator.indicator_code"),
        _scope(N_("Whom the row describes: the whole programme or one county.")),
        Column("baseline_value", "DOUBLE", N_("Value found by the inception assessment.")),
        Column("baseline_date", "DATE", N_("Date of the baseline measurement."), not_future=True),
        Column("target_2025", "DOUBLE", N_("Target for the end of 2025."), required=False),
        Column("target_2026", "DOUBLE", N_("Target for the end of 2026."), required=False),
        Column("target_2027", "DOUBLE", N_("Target for the end of 2027."), required=False),
        Column("target_2028", "DOUBLE", N_("Target for the end of 2028 (end of programme)."), required=False),
        source_id_column(),
        load_id_column(),
    ),
    key=("indicator_code", "scope"),
    group="fact",
)

FACT_RESULT_ACTUAL = Table(
    "fact_result_actual",
    N_("Values of the indicators as reported each quarter, with the evidence behind each."),
    (
        Column("indicator_code", "VARCHAR", N_("Indicator."), references="dim_result_indicator.indicator_code"),
        _scope(N_("Whom the value describes: the whole programme or one county.")),
        _quarter(N_("Quarter the value was reported for (cumulative to its end where the indicator counts).")),
        Column("value", "DOUBLE", N_("The reported value, in the indicator's unit.")),
        Column("evidence", "VARCHAR", N_("Link to the evidence: an address (https://…) or the name of a file uploaded "
               "with the report."), required=False),
        Column("comment", "VARCHAR", N_("Reporting agency's remark."), required=False),
        source_id_column(),
        load_id_column(),
    ),
    key=("indicator_code", "scope", "period"),
    group="fact",
)

FACT_PROGRAMME_FINANCE = Table(
    "fact_programme_finance",
    N_("Programme budget and spending per outcome, agency, county (or programme-wide) and quarter."),
    (
        Column("outcome_code", "VARCHAR", N_("Outcome the money serves."), allowed=("O1", "O2", "O3", "RE")),
        _agency(N_("Agency that holds the budget.")),
        _scope(N_("County the money was spent for, or 'programme' for national and management costs.")),
        _quarter(N_("Quarter.")),
        Column("budget_kes", "DOUBLE", N_("Budget planned for the quarter."), unit="KES", min=0),
        Column("spent_kes", "DOUBLE", N_("Spending (expenditure incurred) in the quarter."), unit="KES", min=0,
               required=False),
        source_id_column(),
        load_id_column(),
    ),
    key=("outcome_code", "agency", "scope", "period"),
    group="fact",
)

FACT_TA_CONTRACT = Table(
    "fact_ta_contract",
    N_("Technical-assistance contracts and grants with their cost and what they delivered. Each names its primary "
    "output, the one the cost-per-output benchmarks charge its whole cost to."),
    (
        Column("contract_id", "VARCHAR", N_("Contract or grant reference."),
               pattern=r"^[A-Za-z0-9][A-Za-z0-9_./-]{0,39}$",
               pattern_hint=N_("letters, digits, '-', '_', '.' or '/', at most 40 characters")),
        Column("contract_type", "VARCHAR", N_("technical assistance or grant."),
               allowed=("technical assistance", "grant")),
        Column("title", "VARCHAR", N_("What the contract or grant is for.")),
        _agency(N_("Contracting agency.")),
        _scope(N_("County served, or 'programme'.")),
        Column("outcome_code", "VARCHAR", N_("Outcome the contract serves."), allowed=("O1", "O2", "O3", "RE")),
        _quarter(N_("Quarter the contract's outputs were last reported for.")),
        Column("cost_kes", "DOUBLE", N_("Cost to date."), unit="KES", min=0),
        Column("primary_output", "VARCHAR", N_("The output the contract exists to deliver."), allowed=PRIMARY_OUTPUTS),
        count_column("officials_trained", N_("County officials trained.")),
        Column("forums_held", "INTEGER", N_("Public forums held."), unit="forums", min=0),
        count_column("citizens_reached", N_("Citizens reached.")),
        Column("data_systems_strengthened", "INTEGER", N_("Data systems strengthened."), unit="systems", min=0),
        source_id_column(),
        load_id_column(),
    ),
    key=("contract_id",),
    group="fact",
)
