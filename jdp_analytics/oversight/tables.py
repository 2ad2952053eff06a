"""Tables of oversight: statements of the Auditor-General and the Controller of Budget, and counts of women members
of county assemblies, as the press reported them;
the audit opinions, the budget calendar, the assembly's amendments and the follow-up of recommendations as loaded."""

from __future__ import annotations

import pandas as pd

from jdp_analytics.common.i18n import N_
from jdp_analytics.warehouse.schema import (
    Column,
    RowRule,
    Table,
    county_code_column,
    fiscal_year_column,
    kes_column,
    load_id_column,
    source_id_column,
)

TOPICS = ("audit_opinion", "pending_bills", "budget_approval", "women_mcas")

FACT_REPORTED_STATEMENT = Table(
    "fact_reported_statement",
    N_("What the press reported of the Auditor-General's audit opinions on county governments, of county pending-bill "
    "stocks, of the Controller of Budget's statements on budgets not approved after 1 July and of the women members "
    "of county assemblies: one row per outlet's statement, with the sentence it rests on, the outlet, its date and "
    "address. Partial and second-hand: a county or year not named has no row (not found in public reporting, never "
    "clean or zero); no share, rank or total is computed from these rows."),
    (
        county_code_column(),
        Column("topic", "VARCHAR", N_("What the statement is about: audit_opinion, pending_bills, budget_approval "
               "or women_mcas."), allowed=TOPICS),
        Column("period", "VARCHAR", N_("The fiscal year or the date the statement is about, as the outlet gives it.")),
        Column("subject", "VARCHAR", N_("The entity (county executive, county assembly), the timing the statement "
               "gives, or what was counted (women elected, nominated …).")),
        Column("reported", "VARCHAR", N_("What was reported, as stated: the opinion, the amount as printed, the "
               "status.")),
        kes_column("amount_kes", N_("An amount the statement gives, in KES, with the outlet's rounding.")),
        Column("quote", "VARCHAR", N_("The sentence the row rests on, copied."), required=False),
        Column("outlet", "VARCHAR", N_("The news outlet or blog that published the statement.")),
        Column("published_date", "DATE", N_("When the outlet published it; empty when the stored copy shows none."),
               required=False),
        Column("url", "VARCHAR", N_("The address the statement was read at.")),
        Column("check_note", "VARCHAR", N_("How the row was checked: single source, corroborated by a second outlet, "
               "named in the source or a complement of a named list."), required=False),
        Column("note", "VARCHAR", N_("What a reader should know about the row."), required=False),
        source_id_column(),
        load_id_column(),
    ),
    key=("county_code", "topic", "period", "subject", "url"),
    group="fact",
)


# What an upload of the Auditor-General's opinions, the budget calendar, the assembly's amendments and the follow-up
# of recommendations holds (issue 33). The words of the law and of the audit standards are the values: the pages show
# them as _(value).

OPINIONS = ("unmodified", "qualified", "adverse", "disclaimer")  # ISSAI 1700 / 1705: the four opinions
STANDARD_ENTITIES = (N_("county executive"), N_("county assembly"))  # a named fund is written as its name

# The budget calendar's milestones, in the order of the cycle; their deadlines and the sections of the law are in
# oversight/calendar.py. A supplementary budget has no date in the law: it is due two months after the first
# withdrawal it covers (PFM Act 2012 s.135(4)), which a row gives as due_date.
CFSP_SUBMITTED, CFSP_APPROVED = N_("CFSP submitted"), N_("CFSP approved")
ESTIMATES_SUBMITTED, ESTIMATES_APPROVED = N_("Budget estimates submitted"), N_("Budget estimates approved")
APPROPRIATION_ASSENTED, FINANCE_BILL_PASSED = N_("Appropriation Act assented"), N_("Finance Bill passed")
SUPPLEMENTARY = (N_("Supplementary budget 1 approved"), N_("Supplementary budget 2 approved"),
                 N_("Supplementary budget 3 approved"))
MILESTONES = (CFSP_SUBMITTED, CFSP_APPROVED, ESTIMATES_SUBMITTED, ESTIMATES_APPROVED, APPROPRIATION_ASSENTED,
              FINANCE_BILL_PASSED, *SUPPLEMENTARY)

# Which budget the assembly amended.
ESTIMATES = (N_("original"), N_("supplementary 1"), N_("supplementary 2"), N_("supplementary 3"))
WHOLE_VOTE = "all"  # the programme of an amendment to a vote as a whole (as a breakdown reads 'all' elsewhere)

REPORTERS = (N_("Auditor-General"), N_("Controller of Budget"), N_("County assembly committee"))
DONE, IN_PROGRESS, NOT_STARTED = "done", "in progress", "not started"
ACTION_STATUSES = (DONE, IN_PROGRESS, NOT_STARTED)
REPORT_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_./-]{0,39}$"


def _year_start(fiscal_year: pd.Series, years_before: int = 0) -> pd.Series:
    """1 July of a fiscal year's first year ('2024/25' → 1 July 2024), `years_before` earlier; NaT for a year that
    is not one (its own check reports it)."""
    first = pd.to_numeric(fiscal_year.astype("string").str.slice(0, 4), errors="coerce") - years_before
    return pd.to_datetime(first.astype("Int64").astype("string") + "-07-01", errors="coerce", format="%Y-%m-%d")


def not_before(column: str, years_before: int, applies=None):
    """A row rule's test: `column` is not before 1 July of the fiscal year (`years_before` years earlier), on the
    rows `applies` selects (all by default)."""
    def holds(f: pd.DataFrame) -> pd.Series:
        start = _year_start(f["fiscal_year"], years_before)
        chosen = applies(f) if applies is not None else pd.Series(True, index=f.index)
        return ~chosen | start.isna() | (f[column] >= start)
    return holds


def _supplementary(f: pd.DataFrame) -> pd.Series:
    return f["milestone"].isin(SUPPLEMENTARY)


FACT_AUDIT_OPINION = Table(
    "fact_audit_opinion",
    N_("The Auditor-General's opinion on the financial statements of a county entity (the county executive, the "
    "county assembly or a named fund) for a fiscal year, as the audit report gives it: one row per county, year and "
    "entity, with the report's date. A year without a row was not loaded: it reads 'not found', never clean."),
    (
        county_code_column(),
        fiscal_year_column(),
        Column("entity", "VARCHAR", N_("The entity audited: county executive, county assembly, or the fund's name as "
               "the report gives it (e.g. 'Kwale County Bursary Fund').")),
        Column("opinion", "VARCHAR", N_("The opinion: unmodified (clean), qualified, adverse or disclaimer."),
               allowed=OPINIONS),
        Column("report_date", "DATE", N_("The date of the audit report (signed, or tabled where that is the date "
               "known)."), not_future=True),
        Column("report", "VARCHAR", N_("The report the opinion is in: its title or address."), required=False),
        source_id_column(),
        load_id_column(),
    ),
    key=("county_code", "fiscal_year", "entity"),
    group="fact",
    rules=(
        RowRule("report_date", ("report_date", "fiscal_year"), not_before("report_date", -1),
                N_("the report is dated before the fiscal year it audits ended (30 June)."),
                N_("give the date of the audit report, after the fiscal year's 30 June; check the fiscal year.")),
    ),
)

FACT_BUDGET_MILESTONE = Table(
    "fact_budget_milestone",
    N_("The county budget calendar: when each milestone of a fiscal year's budget happened (the CFSP submitted and "
    "approved, the estimates submitted and approved, the Appropriation Act assented, the Finance Bill passed, each "
    "supplementary budget approved), from the county assembly's records. Deadlines come from the PFM Act 2012, "
    "not from the file; an empty date means it had not happened when the record was made."),
    (
        county_code_column(),
        fiscal_year_column(),
        Column("milestone", "VARCHAR", N_("The milestone of the budget calendar."), allowed=MILESTONES),
        Column("happened_date", "DATE", N_("The date it happened (submitted, approved, assented or passed); empty "
               "when it had not happened by the record's date."), required=False, not_future=True),
        Column("due_date", "DATE", N_("Only for a supplementary budget, whose deadline the law ties to an event: two "
               "months after the first withdrawal it covers (PFM Act 2012 s.135(4))."), required=False),
        Column("reference", "VARCHAR", N_("Where the date is recorded: Hansard, order paper, Gazette notice."),
               required=False),
        Column("note", "VARCHAR", N_("What a reader should know about the row."), required=False),
        source_id_column(),
        load_id_column(),
    ),
    key=("county_code", "fiscal_year", "milestone"),
    group="fact",
    rules=(
        RowRule("happened_date", ("happened_date", "fiscal_year", "milestone"),
                not_before("happened_date", 1, lambda f: ~_supplementary(f)),
                N_("the date is before the budget cycle of the fiscal year began (1 July of the year before)."),
                N_("give the date in the year's budget cycle (a CFSP of FY 2024/25 is submitted in February 2024), "
                   "or correct the fiscal year.")),
        RowRule("happened_date", ("happened_date", "fiscal_year", "milestone"),
                not_before("happened_date", 0, _supplementary),
                N_("a supplementary budget is dated before the fiscal year it amends began (1 July)."),
                N_("give the date the assembly approved the supplementary budget, within or after the fiscal year.")),
        RowRule("due_date", ("due_date", "milestone"), _supplementary,
                N_("the law gives this milestone its deadline; only a supplementary budget takes one from the file."),
                N_("leave due_date empty for this milestone.")),
    ),
)

FACT_BUDGET_AMENDMENT = Table(
    "fact_budget_amendment",
    N_("What the county assembly changed in the executive's budget: per vote (and programme, where given) the amount "
    "the executive proposed and the amount the assembly approved, for the original estimates or a supplementary "
    "budget. An approved amount must be on a vote of the county's budget (budget lines or line items)."),
    (
        county_code_column(),
        fiscal_year_column(),
        Column("estimates", "VARCHAR", N_("The budget the assembly amended: original, supplementary 1, 2 or 3."),
               allowed=ESTIMATES),
        Column("vote", "VARCHAR", N_("The vote (county department) as the budget names it; common spellings such as "
               "'Water' are resolved to the budget's own.")),
        Column("programme", "VARCHAR", N_("The programme, or 'all' for the vote as a whole.")),
        kes_column("proposed_kes", N_("The amount the county executive proposed."), True),
        kes_column("approved_kes", N_("The amount the county assembly approved."), True),
        Column("note", "VARCHAR", N_("The assembly's reason, where the committee report gives one."), required=False),
        source_id_column(),
        load_id_column(),
    ),
    key=("county_code", "fiscal_year", "estimates", "vote", "programme"),
    group="fact",
)

FACT_OVERSIGHT_ACTION = Table(
    "fact_oversight_action",
    N_("The follow-up of oversight reports: each recommendation of a report of the Auditor-General, the Controller of "
    "Budget or a county assembly committee, the date the report was tabled, who must act, by when, and whether and "
    "when it was done."),
    (
        Column("report_id", "VARCHAR", N_("Identifier of the report, unique across the warehouse (e.g. "
               "KWL-OAG-2023)."), pattern=REPORT_ID_PATTERN,
               pattern_hint=N_("letters, digits, '-', '_', '.' or '/', at most 40 characters")),
        Column("recommendation_no", "INTEGER", N_("The recommendation's number in the report."), min=1, max=10_000),
        county_code_column(),
        fiscal_year_column(),
        Column("reported_by", "VARCHAR", N_("Who made the report."), allowed=REPORTERS),
        Column("report_title", "VARCHAR", N_("The report's title.")),
        Column("tabled_date", "DATE", N_("The date the report was tabled in the county assembly."), not_future=True),
        Column("recommendation", "VARCHAR", N_("The recommendation, in a sentence.")),
        Column("responsible", "VARCHAR", N_("Who must act (an office, a department, the assembly).")),
        Column("due_date", "DATE", N_("By when, where the report or the assembly set a date."), required=False),
        Column("status", "VARCHAR", N_("Whether it was done: done, in progress or not started."),
               allowed=ACTION_STATUSES),
        Column("done_date", "DATE", N_("When it was done; only with status done."), required=False,
               not_future=True),
        Column("evidence", "VARCHAR", N_("What shows it was done (a document, a minute, an address)."),
               required=False),
        source_id_column(),
        load_id_column(),
    ),
    key=("report_id", "recommendation_no"),
    group="fact",
    rules=(
        RowRule("tabled_date", ("tabled_date", "fiscal_year"), not_before("tabled_date", 0),
                N_("the report is tabled before the fiscal year it covers began (1 July)."),
                N_("give the date the report was tabled, or correct the fiscal year it covers.")),
        RowRule("due_date", ("due_date", "tabled_date"), lambda f: f["due_date"] >= f["tabled_date"],
                N_("the recommendation is due before the report was tabled."),
                N_("give the date it is due, after the report was tabled.")),
        RowRule("done_date", ("done_date", "tabled_date"), lambda f: f["done_date"] >= f["tabled_date"],
                N_("the recommendation is dated done before the report was tabled."),
                N_("give the date it was done, after the report was tabled.")),
        RowRule("done_date", ("done_date", "status"), lambda f: f["status"] == DONE,
                N_("a date done is given but the status is not done."),
                N_("set the status to done, or leave done_date empty.")),
    ),
)
