"""Tables of public participation and social accountability: forums, facility feedback, budget documents and
the budget transparency scores."""

from __future__ import annotations

from jdp_analytics.common.i18n import N_
from jdp_analytics.warehouse.schema import (
    FISCAL_YEAR_PATTERN,
    Column,
    RowRule,
    Table,
    count_column,
    county_code_column,
    load_id_column,
    source_id_column,
)

FACT_BUDGET_TRANSPARENCY_SCORE = Table(
    "fact_budget_transparency_score",
    N_("County Budget Transparency Survey (IBP Kenya; from 2024 Bajeti Hub) scores as publicly reported, one row "
    "per county, survey round and outlet, each with its address and the sentence the figure was read from. "
    "Partial: no round covers all 47 counties and gaps are never filled; where outlets disagree both rows are "
    "kept. Survey round N assesses the documents of fiscal year N-1/N (CBTS 2024: FY2023/24)."),
    (
        county_code_column(),
        Column("survey_year", "INTEGER", N_("Survey round, e.g. 2023 for CBTS 2023."), min=2015, max=2100),
        Column("score_out_of_100", "DOUBLE", N_("Transparency index, 0–100 (from CBTS 2020); empty when the outlet "
               "gave none."), unit="score", min=0, max=100, required=False),
        Column("rank", "INTEGER", N_("Rank among the 47 counties, when reported."), min=1, max=47, required=False),
        Column("documents_published", "VARCHAR", N_("Documents published online as reported, e.g. '9 of 10'."),
               required=False),
        Column("source_url", "VARCHAR", N_("Address of the page the figure was read from.")),
        Column("quote", "VARCHAR", N_("The sentence the figure was read from, verbatim.")),
        Column("notes", "VARCHAR", N_("Other outlets, conflicts and caveats."), required=False),
        source_id_column(),
    ),
    key=("county_code", "survey_year", "source_url"),
    group="fact",
)

# The stages as files name them (shown translated: _(stage)); CIDP, ADP and CFSP are the plans' own names.
BUDGET_STAGES = ("CIDP", "ADP", "CFSP", N_("Budget estimates"), N_("Finance bill"), N_("Budget implementation review"))

FACT_PARTICIPATION_EVENT = Table(
    "fact_participation_event",
    N_("Public participation forums: one row per event, with attendance by sex, youth and disability, the "
    "proposals citizens made and what became of them."),
    (
        Column("event_id", "VARCHAR", N_("Identifier of the event, unique across the warehouse (e.g. KWL-2024-017)."),
               pattern=r"^[A-Za-z0-9][A-Za-z0-9_./-]{0,39}$",
               pattern_hint=N_("letters, digits, '-', '_', '.' or '/', at most 40 characters")),
        Column("event_date", "DATE", N_("Date the forum was held."), not_future=True),
        county_code_column(),
        Column("ward_code", "VARCHAR", N_("Ward where the forum was held."), references="dim_ward.ward_code"),
        Column("venue", "VARCHAR", N_("Venue."), required=False),
        Column("budget_stage", "VARCHAR", N_("Budget-cycle stage the forum served."), allowed=BUDGET_STAGES),
        Column("sectors", "VARCHAR", N_("Sectors discussed, separated by ';'."), required=False),
        Column("organiser", "VARCHAR", N_("Who organised the forum (department, assembly, CSO)."), required=False),
        Column("documents_shared", "BOOLEAN", N_("Were the documents shared with participants beforehand?")),
        Column("documents_shared_days_before", "INTEGER", N_("How many days before the forum the documents were "
               "shared."), unit="days", min=0, max=365, required=False),
        count_column("attendance_women", N_("Women attending.")),
        count_column("attendance_men", N_("Men attending.")),
        count_column("attendance_total", N_("All attending (women + men).")),
        Column("attendance_youth", "INTEGER", N_("Youth attending: aged 18 up to their 35th birthday (Constitution "
               "Art. 260)."), unit="persons", min=0, required=False),
        Column("attendance_pwd", "INTEGER", N_("Persons with disabilities attending."), unit="persons", min=0,
               required=False),
        Column("proposals_received", "INTEGER", N_("Proposals citizens made."), unit="proposals", min=0,
               required=False),
        Column("proposals_adopted", "INTEGER", N_("Proposals adopted into the plan or budget."),
               unit="proposals", min=0,
               required=False),
        Column("feedback_date", "DATE", N_("Date feedback was given to participants."), required=False,
               not_future=True),
        source_id_column(),
        load_id_column(),
    ),
    key=("event_id",),
    group="fact",
    rules=(
        RowRule("attendance_total", ("attendance_women", "attendance_men", "attendance_total"),
                lambda f: f["attendance_women"] + f["attendance_men"] == f["attendance_total"],
                N_("women + men does not equal the total."),
                N_("correct the women, men or total so that they add up.")),
        RowRule("attendance_youth", ("attendance_youth", "attendance_total"),
                lambda f: f["attendance_youth"] <= f["attendance_total"],
                N_("more youth than people attending."),
                N_("youth are counted within the total; correct either count.")),
        RowRule("attendance_pwd", ("attendance_pwd", "attendance_total"),
                lambda f: f["attendance_pwd"] <= f["attendance_total"],
                N_("more persons with disabilities than people attending."),
                N_("persons with disabilities are counted within the total; correct either count.")),
        RowRule("proposals_adopted", ("proposals_adopted", "proposals_received"),
                lambda f: f["proposals_adopted"] <= f["proposals_received"],
                N_("more proposals adopted than received."), N_("adopted proposals are a part of those received.")),
        RowRule("feedback_date", ("feedback_date", "event_date"),
                lambda f: f["feedback_date"] >= f["event_date"],
                N_("feedback is dated before the forum."),
                N_("give the date feedback reached participants, after the forum.")),
    ),
)

FACILITY_TYPES = ("Health", "ECDE", "Water", "Agriculture", "Social services", "Other")
FEEDBACK_CHANNELS = ("Suggestion box", "SMS or hotline", "Facility committee", "Community meeting", "Walk-in",
                     "Online")
# In Kiswahili, beside the English (common/vocabulary.py shows them on `?lang=sw`; uploads keep the English values).
FACILITY_TYPES_SW = {"Health": "Afya", "ECDE": "ECDE", "Water": "Maji", "Agriculture": "Kilimo",
                     "Social services": "Huduma za kijamii", "Other": "Nyingine"}
FEEDBACK_CHANNELS_SW = {"Suggestion box": "Sanduku la maoni", "SMS or hotline": "SMS au simu ya msaada",
                        "Facility committee": "Kamati ya kituo", "Community meeting": "Mkutano wa jamii",
                        "Walk-in": "Kufika ana kwa ana", "Online": "Mtandaoni"}

FACT_FACILITY_FEEDBACK = Table(
    "fact_facility_feedback",
    N_("Social accountability at service-delivery facilities: complaints and suggestions received and resolved per "
    "facility, fiscal quarter and channel (Q1 is July to September)."),
    (
        Column("facility_id", "VARCHAR", N_("Identifier of the facility (e.g. the KMHFL code of a health facility)."),
               pattern=r"^[A-Za-z0-9][A-Za-z0-9_./-]{0,39}$",
               pattern_hint=N_("letters, digits, '-', '_', '.' or '/', at most 40 characters")),
        Column("facility_name", "VARCHAR", N_("Name of the facility.")),
        Column("facility_type", "VARCHAR", N_("Kind of service the facility delivers."), allowed=FACILITY_TYPES),
        county_code_column(),
        Column("ward_code", "VARCHAR", N_("Ward the facility is in."), references="dim_ward.ward_code"),
        Column("fiscal_year", "VARCHAR", N_("Kenyan fiscal year, July to June, e.g. '2023/24'."),
               pattern=FISCAL_YEAR_PATTERN, pattern_hint=N_("YYYY/YY, e.g. 2023/24")),
        Column("quarter", "INTEGER", N_("Quarter of the fiscal year: 1 = July–September … 4 = April–June."),
               min=1, max=4),
        Column("channel", "VARCHAR", N_("How the complaints or suggestions came in."), allowed=FEEDBACK_CHANNELS),
        Column("received", "INTEGER", N_("Complaints and suggestions received in the quarter."), unit="cases", min=0),
        Column("resolved", "INTEGER", N_("Of those received, how many were resolved."), unit="cases", min=0),
        Column("median_days_to_resolve", "DOUBLE", N_("Median days from receipt to resolution of the resolved cases."),
               unit="days", min=0, max=730, required=False),
        source_id_column(),
        load_id_column(),
    ),
    key=("facility_id", "fiscal_year", "quarter", "channel"),
    group="fact",
    rules=(
        RowRule("resolved", ("resolved", "received"), lambda f: f["resolved"] <= f["received"],
                N_("more cases resolved than received."),
                N_("resolved cases are a part of those received in the quarter.")),
    ),
)

BUDGET_DOCUMENTS = ("ADP", "CBROP", "CFSP", "Budget estimates", "Approved budget", "Q1 implementation report",
                    "Q2 implementation report", "Q3 implementation report", "Q4 implementation report")

FACT_BUDGET_DOCUMENT = Table(
    "fact_budget_document",
    N_("Access to information: when a county published each key budget document of a fiscal year (the documents "
    "the County Budget Transparency Survey looks for). An empty publication date means not published; lateness "
    "is judged against the legal deadline of each document (see the Participation page)."),
    (
        county_code_column(),
        Column("fiscal_year", "VARCHAR", N_("Fiscal year the document serves, e.g. '2024/25' for the CFSP of "
               "February 2024."), pattern=FISCAL_YEAR_PATTERN, pattern_hint=N_("YYYY/YY, e.g. 2023/24")),
        Column("document", "VARCHAR", N_("Budget document."), allowed=BUDGET_DOCUMENTS),
        Column("published_date", "DATE", N_("Date the document was first publicly available (county website or "
               "notice board); empty when it was not published."), required=False, not_future=True),
        Column("url", "VARCHAR", N_("Where the document is published."), required=False),
        source_id_column(),
        load_id_column(),
    ),
    key=("county_code", "fiscal_year", "document"),
    group="fact",
)
