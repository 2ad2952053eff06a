"""Tables of oversight: statements of the Auditor-General and the Controller of Budget as the press reported them."""

from __future__ import annotations

from jdp_analytics.common.i18n import N_
from jdp_analytics.warehouse.schema import (
    Column,
    Table,
    county_code_column,
    kes_column,
    load_id_column,
    source_id_column,
)

TOPICS = ("audit_opinion", "pending_bills", "budget_approval")

FACT_REPORTED_STATEMENT = Table(
    "fact_reported_statement",
    N_("What the press reported of the Auditor-General's audit opinions on county governments, of county pending-bill "
    "stocks and of the Controller of Budget's statements on budgets not approved after 1 July: one row per outlet's "
    "statement, with the sentence it rests on, the outlet, its date and address. Partial and second-hand: a county "
    "or year not named has no row (not found in public reporting, never clean or zero); no share, rank or total is "
    "computed from these rows."),
    (
        county_code_column(),
        Column("topic", "VARCHAR", N_("What the statement is about: audit_opinion, pending_bills or "
               "budget_approval."), allowed=TOPICS),
        Column("period", "VARCHAR", N_("The fiscal year or the date the statement is about, as the outlet gives it.")),
        Column("subject", "VARCHAR", N_("The entity (county executive, county assembly) or the timing the statement "
               "gives.")),
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
