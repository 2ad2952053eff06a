"""The proposals area in the warehouse: citizens' proposals, ward projects and the links between them and the
budget lines, with the rules between these kinds and the budget lines."""

from __future__ import annotations

from jdp_analytics.common.i18n import N_
from jdp_analytics.proposals import checks as proposal_checks
from jdp_analytics.proposals import demo
from jdp_analytics.proposals import tables as proposals
from jdp_analytics.warehouse.area import PARTICIPATION, Area, Dataset, Kind


def demonstration(frames) -> dict:
    """Proposals, ward projects and links that follow the demonstration forums and budget lines."""
    return demo.to_warehouse(frames["fact_participation_event"], frames["fact_budget_line"], frames["dim_ward"])


AREA = Area(
    "proposals",
    tables=(proposals.FACT_PROPOSAL, proposals.FACT_WARD_PROJECT, proposals.FACT_PROPOSAL_LINK),
    titles={
        "fact_proposal": N_("Citizens' proposals"),
        "fact_ward_project": N_("Ward projects"),
        "fact_proposal_link": N_("Proposals linked to budget lines"),
    },
    kinds=(
        Kind("proposals", proposals.FACT_PROPOSAL, N_("Citizens' proposals and the county's decision on each (one row "
             "per proposal)"), replace_existing=True, check=proposal_checks.check_proposals, template_rows=(
                 {"proposal_id": "KWL-2024-P0001", "county": "Kwale", "ward": "Tsimba Golini", "event_id": "",
                  "fiscal_year": "2024/25", "budget_stage": "ADP", "proposed_date": "2025-02-14", "sector": "Health",
                  "proposal_text": "Maternity wing at Tsimba dispensary", "raised_by_group": "women",
                  "decision": "adopted into budget", "decision_reason": "Ward priority in the CIDP",
                  "programme": "Preventive and promotive health", "project": "Tsimba dispensary maternity wing",
                  "feedback_date": "2025-04-30"},
                 {"proposal_id": "KWL-2024-P0002", "county": "Kwale", "ward": "Tsimba Golini", "event_id": "",
                  "fiscal_year": "2024/25", "budget_stage": "ADP", "proposed_date": "2025-02-14", "sector": "Roads",
                  "proposal_text": "Grade the Tsimba–Golini road", "raised_by_group": "youth",
                  "decision": "deferred", "decision_reason": "Not in the CIDP; to be considered in 2026/27",
                  "programme": "", "project": "", "feedback_date": ""})),
        Kind("ward_projects", proposals.FACT_WARD_PROJECT,
             N_("Ward development projects with approved and spent amounts and status"), replace_existing=True,
             check=proposal_checks.check_projects, template_rows=(
                 {"project_id": "KWL-WDP-2024-014", "county": "Kwale", "ward": "Tsimba Golini",
                  "fiscal_year": "2024/25", "sector": "Health", "programme": "Preventive and promotive health",
                  "project_name": "Tsimba dispensary maternity wing", "approved_kes": "6500000",
                  "spent_kes": "2100000", "status": "ongoing"},)),
        Kind("proposal_links", proposals.FACT_PROPOSAL_LINK, N_("Which budget lines and ward projects answer which "
             "proposals, with the amount allocated"), replace_existing=True, check=proposal_checks.check_links,
             template_rows=(
                 {"proposal_id": "KWL-2024-P0001", "county": "Kwale", "fiscal_year": "2024/25", "sector": "Health",
                  "programme": "Preventive and promotive health", "project_id": "KWL-WDP-2024-014",
                  "allocated_kes": "6500000", "spent_kes": "2100000"},)),
    ),
    rules=proposal_checks.RULES,
    demo=demonstration,
    datasets=(
        Dataset("fact_proposal", PARTICIPATION, N_("citizens' proposals and the county's decisions"),
                N_("the county planning unit records each proposal in the public participation reports and the Annual "
                   "Development Plan, once per budget cycle; ward development fund committees keep the ward projects."),
                ("proposals", "ward_projects", "proposal_links")),
    ),
)
