"""Tables of citizens' proposals followed to the budget: each proposal, the budget lines and ward projects that
answer it (many to many), and ward development projects with their approved and spent amounts."""

from __future__ import annotations

from jdp_analytics.common.i18n import N_
from jdp_analytics.participation.tables import BUDGET_STAGES
from jdp_analytics.warehouse.schema import (
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

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_./-]{0,39}$"
ID_HINT = "letters, digits, '-', '_', '.' or '/', at most 40 characters"
GROUPS = ("women", "youth", "PWD", "mixed")
ADOPTED_ADP, ADOPTED_BUDGET, DEFERRED, REJECTED = ("adopted into ADP", "adopted into budget", "deferred",
                                                   "rejected")
DECISIONS = (ADOPTED_ADP, ADOPTED_BUDGET, DEFERRED, REJECTED)
ADOPTED = (ADOPTED_ADP, ADOPTED_BUDGET)
PROJECT_STATUSES = ("not started", "ongoing", "completed", "stalled", "cancelled")
# In Kiswahili, beside the English (common/vocabulary.py shows them on `?lang=sw`; uploads keep the English values).
DECISIONS_SW = {ADOPTED_ADP: "limekubaliwa kwenye ADP", ADOPTED_BUDGET: "limekubaliwa kwenye bajeti",
                DEFERRED: "limeahirishwa", REJECTED: "limekataliwa"}  # agrees with 'pendekezo' (a proposal)
PROJECT_STATUSES_SW = {"not started": "haujaanza", "ongoing": "unaendelea", "completed": "umekamilika",
                       "stalled": "umekwama", "cancelled": "umesitishwa"}  # agrees with 'mradi' (a project)

FACT_PROPOSAL = Table(
    "fact_proposal",
    N_("Citizens' proposals, one row per proposal: where and when it was made (county, ward, forum, fiscal year, "
    "budget-cycle stage), its sector and text, who raised it where recorded, the county's decision with its reason "
    "and, when adopted, the programme (and project) it went into and the date the proposers were told."),
    (
        Column("proposal_id", "VARCHAR", N_("Identifier of the proposal, unique across the warehouse "
               "(e.g. KWL-2025-P0142)."), pattern=ID_PATTERN, pattern_hint=ID_HINT),
        county_code_column(),
        Column("ward_code", "VARCHAR", N_("Ward the proposal is for."), references="dim_ward.ward_code"),
        Column("event_id", "VARCHAR", N_("The participation forum it was made at, when known."), required=False,
               references="fact_participation_event.event_id"),
        fiscal_year_column(),
        Column("budget_stage", "VARCHAR", N_("Budget-cycle stage it was made at."), allowed=BUDGET_STAGES),
        Column("proposed_date", "DATE", N_("Date it was made (the forum's date when made at a forum)."),
               not_future=True),
        Column("sector", "VARCHAR", N_("Sector (county department) as the budget names it; common spellings such as "
               "'Water' are resolved to the budget's sector name.")),
        Column("proposal_text", "VARCHAR", N_("The proposal in a short sentence, e.g. 'Borehole at Kamuga market'.")),
        Column("raised_by_group", "VARCHAR", N_("Who raised it, where recorded."), required=False, allowed=GROUPS),
        Column("decision", "VARCHAR", N_("What the county decided."), allowed=DECISIONS),
        Column("decision_reason", "VARCHAR", N_("The reason the county gave for its decision."), required=False),
        Column("programme", "VARCHAR", N_("Programme of the Programme Based Budget it went into; required when "
               "adopted, and it must be a budget line of the county and year."), required=False),
        Column("project", "VARCHAR", N_("Project, where the county names one."), required=False),
        Column("feedback_date", "DATE", N_("Date the proposers were told the decision; empty when they were not."),
               required=False, not_future=True),
        source_id_column(),
        load_id_column(),
    ),
    key=("proposal_id",),
    group="fact",
    rules=(
        RowRule("programme", ("decision",),
                lambda f: ~f["decision"].isin(ADOPTED) | (f["programme"].notna() if "programme" in f else False),
                N_("an adopted proposal names no programme."),
                N_("give the programme of the budget it was adopted into, or correct the decision.")),
        RowRule("feedback_date", ("feedback_date", "proposed_date"),
                lambda f: f["feedback_date"] >= f["proposed_date"],
                N_("feedback is dated before the proposal."),
                N_("give the date the proposers were told, after it was made.")),
    ),
)

FACT_WARD_PROJECT = Table(
    "fact_ward_project",
    N_("Development projects per ward as the county publishes them (ward development fund, ADP project lists, budget "
    "implementation reports): project, ward, programme, approved and spent amounts and status."),
    (
        Column("project_id", "VARCHAR", N_("Identifier of the project, unique across the warehouse."),
               pattern=ID_PATTERN, pattern_hint=ID_HINT),
        county_code_column(),
        Column("ward_code", "VARCHAR", N_("Ward the project is in."), references="dim_ward.ward_code"),
        fiscal_year_column(),
        Column("sector", "VARCHAR", N_("Sector (county department) as the budget names it.")),
        Column("programme", "VARCHAR", N_("Programme of the Programme Based Budget that funds it.")),
        Column("project_name", "VARCHAR", N_("Name of the project.")),
        kes_column("approved_kes", N_("Approved amount for the project in the year."), True),
        kes_column("spent_kes", N_("Amount spent on the project in the year; empty until reported.")),
        Column("status", "VARCHAR", N_("Implementation status."), allowed=PROJECT_STATUSES),
        source_id_column(),
        load_id_column(),
    ),
    key=("project_id",),
    group="fact",
    rules=(
        at_most_rule("spent_kes", ("approved_kes",), N_("the project's spent amount is larger than its approved "
                     "amount."), N_("spending is a part of the approved amount; correct either amount.")),
    ),
)

FACT_PROPOSAL_LINK = Table(
    "fact_proposal_link",
    N_("Which budget lines and ward projects answer which proposals (many to many): one row per proposal and budget "
    "line (county, year, sector, programme), optionally through a ward project, with the amount of the line "
    "allocated to what the proposal asked for. The amounts linked to one line never exceed the line."),
    (
        Column("proposal_id", "VARCHAR", N_("The proposal answered."), references="fact_proposal.proposal_id"),
        county_code_column(),
        fiscal_year_column(),
        Column("sector", "VARCHAR", N_("Sector of the budget line.")),
        Column("programme", "VARCHAR", N_("Programme of the budget line.")),
        Column("project_id", "VARCHAR", N_("The ward project that answers it, when there is one."), required=False,
               references="fact_ward_project.project_id"),
        kes_column("allocated_kes", N_("Part of the line (or project) allocated to what the proposal asked for."),
                   True),
        kes_column("spent_kes", N_("Of it, spent in the year; empty until reported.")),
        source_id_column(),
        load_id_column(),
    ),
    key=("proposal_id", "fiscal_year", "programme"),
    group="fact",
    rules=(
        at_most_rule("spent_kes", ("allocated_kes",), N_("the link's spent amount is larger than its allocated "
                     "amount."), N_("spending is a part of the allocated amount; correct either amount.")),
    ),
)
