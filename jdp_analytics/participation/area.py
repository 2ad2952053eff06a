"""The participation area in the warehouse: public participation forums, complaints at facilities, the
publication of budget documents and the budget transparency survey."""

from __future__ import annotations

from jdp_analytics.common.i18n import N_
from jdp_analytics.geography import facilities
from jdp_analytics.participation import demo
from jdp_analytics.participation import tables as participation
from jdp_analytics.warehouse.area import PARTICIPATION, Area, Dataset, Kind


def demonstration(frames) -> dict:
    """Forums, facility records and document dates for the wards of the eight target counties."""
    return demo.to_warehouse(frames["dim_ward"])


AREA = Area(
    "participation",
    tables=(participation.FACT_BUDGET_TRANSPARENCY_SCORE, participation.FACT_PARTICIPATION_EVENT,
            participation.FACT_FACILITY_FEEDBACK, participation.FACT_BUDGET_DOCUMENT),
    titles={
        "fact_budget_transparency_score": N_("Budget transparency survey scores"),
        "fact_participation_event": N_("Public participation forums"),
        "fact_facility_feedback": N_("Complaints at facilities"),
        "fact_budget_document": N_("Budget documents' publication"),
    },
    kinds=(
        Kind("participation_events", participation.FACT_PARTICIPATION_EVENT,
             N_("Public participation forums (one row per event)"), replace_existing=False, template_rows=(
                 {"event_id": "KWL-2025-001", "event_date": "2025-02-14", "county": "Kwale",
                  "ward": "Tsimba Golini", "venue": "Kwale Social Hall", "budget_stage": "CFSP",
                  "sectors": "Health; Water", "organiser": "Department of Finance", "documents_shared": "yes",
                  "documents_shared_days_before": "7", "attendance_women": "48", "attendance_men": "52",
                  "attendance_total": "100", "attendance_youth": "35", "attendance_pwd": "4",
                  "proposals_received": "12", "proposals_adopted": "5", "feedback_date": "2025-04-30"},)),
        Kind("facility_feedback", participation.FACT_FACILITY_FEEDBACK, N_("Complaints and suggestions at "
             "service-delivery facilities (one row per facility, quarter and channel)"), replace_existing=True,
             template_rows=(
                 {"facility_id": "KWL-HF-001", "facility_name": "Tsimba Dispensary", "facility_type": "Health",
                  "county": "Kwale", "ward": "Tsimba Golini", "fiscal_year": "2024/25", "quarter": "3",
                  "channel": "Suggestion box", "received": "14", "resolved": "11", "median_days_to_resolve": "9"},),
             fill=facilities.fill_from_register),  # a facility in the register may be named by its code alone
        Kind("budget_documents", participation.FACT_BUDGET_DOCUMENT,
             N_("Publication of key budget documents (one row per county, fiscal year and document; leave the date "
                "empty when not published)"), replace_existing=True,
             template_rows=(
                 {"county": "Kwale", "fiscal_year": "2025/26", "document": "CFSP", "published_date": "2025-03-04",
                  "url": "https://county.example/documents/cfsp-2025.pdf"},)),
    ),
    demo=demonstration,
    datasets=(
        Dataset("fact_participation_event", PARTICIPATION, N_("public participation forums"),
                N_("the county's public participation office keeps each forum's notice, attendance register and "
                   "report; the county assembly receives them with the budget. No national register publishes them: "
                   "the programme's county experts gather them each quarter."), ("participation_events",)),
        Dataset("fact_facility_feedback", PARTICIPATION, N_("complaints and suggestions at facilities"),
                N_("facility management committees and the county departments (health, water, agriculture) keep the "
                   "registers of suggestion boxes, hotlines and SMS, summarised each quarter."),
                ("facility_feedback",)),
        Dataset("fact_budget_document", PARTICIPATION, N_("budget documents' publication dates"),
                N_("the county treasury publishes each budget document on the county website; the Controller of "
                   "Budget and the County Budget Transparency Survey (IBP Kenya, Bajeti Hub) record when they "
                   "appeared, once a year."), ("budget_documents",)),
        Dataset("fact_budget_transparency_score", PARTICIPATION, N_("County Budget Transparency Survey scores"),
                N_("IBP Kenya (from 2024 Bajeti Hub) publishes the survey once a year."), ()),
    ),
)
