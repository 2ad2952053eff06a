"""Tables of planning and budgeting: budget execution (Controller of Budget), budget lines and county fiscal rows."""

from __future__ import annotations

from jdp_analytics.common.i18n import N_
from jdp_analytics.warehouse.schema import (
    FISCAL_YEAR_PATTERN,
    Column,
    RowRule,
    Table,
    at_most_rule,
    county_code_column,
    fiscal_year_column,
    kes_column,
    load_id_column,
    source_id_column,
)

FACT_BUDGET_EXECUTION = Table(
    "fact_budget_execution",
    N_("County budget and expenditure per fiscal year, as published by the Controller of Budget in its "
    "annual County Governments Budget Implementation Review Report (CBIRR)."),
    (
        county_code_column(),
        Column("fiscal_year", "VARCHAR", N_("Kenyan fiscal year, July to June, e.g. '2023/24'."),
               pattern=FISCAL_YEAR_PATTERN, pattern_hint=N_("YYYY/YY, e.g. 2023/24")),
        Column("budget_kes", "DOUBLE", N_("Approved (supplementary) total budget."), unit="KES", min=0),
        Column("expenditure_kes", "DOUBLE", N_("Total expenditure in the year."), unit="KES", min=0),
        Column("absorption_pct", "DOUBLE", N_("Overall absorption: expenditure as % of budget."), unit="%",
               min=0, max=150),
        Column("development_absorption_pct", "DOUBLE", N_("Development expenditure as % of development budget."),
               unit="%", min=0, max=150, required=False),
        Column("rate_method", "VARCHAR", N_("How the rates were obtained (printed table, annex, or derived)."),
               required=False),
        Column("flag", "VARCHAR", N_("Set when a value is suspect; flagged values are shown as such, "
               "never plotted as if right."), required=False),
        Column("source_page", "INTEGER", N_("Page of the CBIRR the row was read from."), required=False, min=1),
        source_id_column(),
        load_id_column(),
    ),
    key=("county_code", "fiscal_year"),
    group="fact",
)


PENDING_BILL_AGES = ("pending_bills_under_1y_kes", "pending_bills_1_2y_kes", "pending_bills_2_3y_kes",
                     "pending_bills_over_3y_kes")

FACT_BUDGET_LINE = Table(
    "fact_budget_line",
    N_("County budget by sector (department) and programme, one row per county, fiscal year, sector and programme: "
    "the approved (supplementary) budget and the expenditure, each split development / recurrent, with the "
    "amounts tagged gender-responsive and child-inclusive and what the Annual Development Plan (ADP) planned. "
    "Read from the county Programme Based Budget, its budget implementation reports and the ADP. A programme "
    "the ADP planned that the budget did not fund has approved amounts of 0 and its adp_planned_kes."),
    (
        county_code_column(),
        fiscal_year_column(),
        Column("sector", "VARCHAR", N_("Sector or county department (vote) as the budget names it, e.g. 'Health'.")),
        Column("programme", "VARCHAR", N_("Programme of the Programme Based Budget, e.g. 'Preventive and promotive "
               "health'.")),
        kes_column("approved_development_kes", N_("Approved (supplementary) development budget of the programme."),
                   True),
        kes_column("approved_recurrent_kes", N_("Approved (supplementary) recurrent budget of the programme."), True),
        kes_column("expenditure_development_kes", N_("Development expenditure of the programme in the year; empty "
                                                     "until "
             "reported.")),
        kes_column("expenditure_recurrent_kes", N_("Recurrent expenditure of the programme in the year; empty until "
             "reported.")),
        kes_column("gender_tagged_kes", N_("Part of the approved budget tagged gender-responsive (county gender budget "
             "statement); empty when not assessed, 0 when assessed and none.")),
        kes_column("child_tagged_kes", N_("Part of the approved budget tagged child-inclusive (spending that reaches "
             "children); empty when not assessed, 0 when assessed and none.")),
        Column("in_adp", "BOOLEAN", N_("True when the programme is in the year's Annual Development Plan."),
               required=False),
        kes_column("adp_planned_kes", N_("Amount the Annual Development Plan planned for the programme; empty when the "
             "programme is not in the ADP.")),
        source_id_column(),
        load_id_column(),
    ),
    key=("county_code", "fiscal_year", "sector", "programme"),
    group="fact",
    rules=(
        at_most_rule("gender_tagged_kes", ("approved_development_kes", "approved_recurrent_kes"),
                 N_("the gender-tagged amount is larger than the programme's approved budget."),
                 N_("the tagged amount is a part of the approved development + recurrent budget; correct either.")),
        at_most_rule("child_tagged_kes", ("approved_development_kes", "approved_recurrent_kes"),
                 N_("the child-tagged amount is larger than the programme's approved budget."),
                 N_("the tagged amount is a part of the approved development + recurrent budget; correct either.")),
        RowRule("adp_planned_kes", ("in_adp", "adp_planned_kes"), lambda f: f["in_adp"] | (f["adp_planned_kes"] == 0),
                N_("an ADP amount is given for a programme marked as not in the ADP."),
                N_("set in_adp to yes, or leave adp_planned_kes empty.")),
    ),
)

FACT_COUNTY_FISCAL = Table(
    "fact_county_fiscal",
    N_("County revenue, wage bill and pending bills per fiscal year, as the county treasury or the Controller of "
    "Budget's review reports give them: own-source revenue (OSR) target and actual, total revenue (equitable "
    "share, conditional grants, OSR and other receipts), the wage bill (personnel emoluments) and the stock of "
    "pending bills at the end of the year (30 June), by age. Every amount may be empty when not reported."),
    (
        county_code_column(),
        fiscal_year_column(),
        kes_column("osr_target_kes", N_("Own-source revenue target in the approved budget.")),
        kes_column("osr_actual_kes", N_("Own-source revenue collected in the year.")),
        kes_column("total_revenue_kes", N_("Total revenue of the county government in the year, OSR included (the "
             "denominator of the wage-bill rule, PFM (County Governments) Regulations 2015 reg. 25(1)(b)).")),
        kes_column("wage_bill_kes", N_("Expenditure on wages and benefits of county public officers (personnel "
             "emoluments) in the year.")),
        kes_column("pending_bills_kes",
                   N_("Stock of pending bills (eligible unpaid invoices) on 30 June, the end of the "
             "fiscal year.")),
        kes_column("pending_bills_under_1y_kes", N_("Part of the stock less than one year old.")),
        kes_column("pending_bills_1_2y_kes", N_("Part of the stock one to two years old.")),
        kes_column("pending_bills_2_3y_kes", N_("Part of the stock two to three years old.")),
        kes_column("pending_bills_over_3y_kes", N_("Part of the stock more than three years old.")),
        source_id_column(),
        load_id_column(),
    ),
    key=("county_code", "fiscal_year"),
    group="fact",
    rules=(
        at_most_rule("osr_actual_kes", ("total_revenue_kes",), N_("own-source revenue is larger than total revenue."),
                 N_("total revenue includes own-source revenue; correct either amount.")),
        RowRule("pending_bills_kes", ("pending_bills_kes", *PENDING_BILL_AGES),
                lambda f: (f[list(PENDING_BILL_AGES)].sum(axis=1) - f["pending_bills_kes"]).abs() <= 1,
                N_("the pending bills by age do not add up to the stock."),
                N_("correct the stock or the four age bands so that the bands add up to the stock.")),
    ),
)

OSR_VERIFICATIONS = ("matches_afrocave", "differs_from_afrocave", "single_source", "single_source_inconsistent",
                     "county_record")

FACT_OWN_SOURCE_REVENUE = Table(
    "fact_own_source_revenue",
    N_("County own-source revenue (OSR) per fiscal year: the annual target and the amount collected, as the "
    "Controller of Budget prints them in its annual County Governments Budget Implementation Review Report (table "
    "Own Source Revenue Collection), or as a county treasury loads them. From FY2023/24 the totals include FIF / "
    "A-I-A (health facility revenue), so they are not comparable with earlier years; the split is kept where the "
    "report printed it. One row per county and year, from one source: never part published, part generated."),
    (
        county_code_column(),
        fiscal_year_column(),
        kes_column("osr_target_kes", N_("Own-source revenue target for the year, as printed."), True),
        kes_column("osr_actual_kes", N_("Own-source revenue collected in the year, as printed."), True),
        Column("performance_pct_published", "DOUBLE", N_("Collected as % of the target, as the report printed it."),
               unit="%", min=0, max=1000, required=False),
        kes_column("ordinary_osr_target_kes", N_("Target of ordinary OSR (without FIF / A-I-A), where printed.")),
        kes_column("fif_aia_target_kes", N_("Target of Facility Improvement Fund / Appropriations-in-Aid revenue, "
                   "where printed.")),
        kes_column("ordinary_osr_actual_kes", N_("Ordinary OSR collected (without FIF / A-I-A), where printed.")),
        kes_column("fif_aia_actual_kes", N_("FIF / A-I-A revenue collected, where printed.")),
        Column("verification", "VARCHAR", N_("How the row was checked: matches_afrocave (two sources agree), "
               "differs_from_afrocave, single_source, single_source_inconsistent (the printed % does not match the "
               "amounts), county_record (loaded by a county)."), allowed=OSR_VERIFICATIONS, required=False),
        Column("note", "VARCHAR", N_("What a reader should know about the row (a source's disagreement)."),
               required=False),
        source_id_column(),
        load_id_column(),
    ),
    key=("county_code", "fiscal_year"),
    group="fact",
    rules=(
        at_most_rule("ordinary_osr_actual_kes", ("osr_actual_kes",), N_("ordinary OSR is larger than the total."),
                     N_("the total includes ordinary OSR; correct either amount.")),
    ),
)

FACT_BUDGET_ITEM = Table(
    "fact_budget_item",
    N_("County budget line items as a county treasury keeps them: one row per county, fiscal year, vote (department), "
    "programme, sub-programme, economic item (GFS code and name) and calendar month, with the approved allocation "
    "for the month (the cash plan) and what was spent in it. Summed over a county and year, the lines equal the "
    "county's approved budget and expenditure. Millions of rows at national scale: pages read it only through "
    "queries that aggregate in the database."),
    (
        county_code_column(),
        fiscal_year_column(),
        Column("vote", "VARCHAR",
               N_("Vote: the county department or entity the budget appropriates to, e.g. 'Health'.")),
        Column("programme", "VARCHAR", N_("Programme of the Programme Based Budget.")),
        Column("sub_programme", "VARCHAR", N_("Sub-programme of the programme.")),
        Column("economic_item", "VARCHAR", N_("Economic classification (GFS item code and name), e.g. "
               "'2110100 Basic salaries'.")),
        Column("month", "INTEGER", N_("Calendar month of the fiscal year the amounts fall in: 7 = July … 6 = June."),
               min=1, max=12),
        kes_column("approved_kes", N_("Approved (supplementary) allocation of the line for the month."), True),
        kes_column("spent_kes", N_("Expenditure of the line in the month; empty until reported.")),
        source_id_column(),
        load_id_column(),
    ),
    key=("county_code", "fiscal_year", "vote", "programme", "sub_programme", "economic_item", "month"),
    group="fact",
)
