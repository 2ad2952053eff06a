"""The oversight area in the warehouse: what the press reported of audit opinions, pending bills and budget approval;
the Auditor-General's opinions, the budget calendar, the assembly's amendments and the follow-up of recommendations as
counties and the programme load them; the rule that an approved amount is on a vote of the county's budget."""

from __future__ import annotations

from jdp_analytics.common.i18n import N_
from jdp_analytics.oversight import checks, demo
from jdp_analytics.oversight import tables as oversight
from jdp_analytics.warehouse.area import BUDGET, Area, Dataset, Kind


def demonstration(frames) -> dict:
    """Calendars, amendments and recommendations that follow the demonstration budget lines."""
    return demo.to_warehouse(frames["fact_budget_line"])


AREA = Area(
    "oversight",
    tables=(oversight.FACT_REPORTED_STATEMENT, oversight.FACT_AUDIT_OPINION, oversight.FACT_BUDGET_MILESTONE,
            oversight.FACT_BUDGET_AMENDMENT, oversight.FACT_OVERSIGHT_ACTION),
    titles={"fact_reported_statement": N_("Statements as reported in the press"),
            "fact_audit_opinion": N_("Audit opinions"), "fact_budget_milestone": N_("Budget calendar"),
            "fact_budget_amendment": N_("The assembly's amendments to the budget"),
            "fact_oversight_action": N_("Follow-up of oversight recommendations")},
    kinds=(
        Kind("audit_opinions", oversight.FACT_AUDIT_OPINION, N_("Audit opinions of the Auditor-General (one row per "
             "county, fiscal year and entity: county executive, county assembly or a named fund)"),
             replace_existing=True, template_rows=(
                 {"county": "Kwale", "fiscal_year": "2023/24", "entity": "county executive", "opinion": "qualified",
                  "report_date": "2024-12-20", "report": "Report of the Auditor-General on the financial statements "
                  "of the County Executive of Kwale for the year ended 30 June 2024"},
                 {"county": "Kwale", "fiscal_year": "2023/24", "entity": "county assembly", "opinion": "unmodified",
                  "report_date": "2024-12-18", "report": ""})),
        Kind("budget_calendar", oversight.FACT_BUDGET_MILESTONE, N_("Budget calendar: the date each milestone "
             "happened (CFSP, estimates, approval, Appropriation Act, Finance Bill, supplementary budgets); leave "
             "the date empty when it has not happened"), replace_existing=True, template_rows=(
                 {"county": "Kwale", "fiscal_year": "2024/25", "milestone": "CFSP submitted",
                  "happened_date": "2024-02-28", "due_date": "", "reference": "Order paper, 28 February 2024",
                  "note": ""},
                 {"county": "Kwale", "fiscal_year": "2024/25", "milestone": "Budget estimates approved",
                  "happened_date": "2024-06-27", "due_date": "", "reference": "Hansard, 27 June 2024", "note": ""},
                 {"county": "Kwale", "fiscal_year": "2024/25", "milestone": "Supplementary budget 1 approved",
                  "happened_date": "2025-02-20", "due_date": "2025-02-28", "reference": "", "note": ""})),
        Kind("budget_amendments", oversight.FACT_BUDGET_AMENDMENT, N_("The assembly's amendments: the executive's "
             "proposed and the assembly's approved amount per vote (and programme, or 'all')"),
             replace_existing=True, check=checks.check_amendments, template_rows=(
                 {"county": "Kwale", "fiscal_year": "2024/25", "estimates": "original", "vote": "Health",
                  "programme": "all", "proposed_kes": "3100000000", "approved_kes": "3050000000",
                  "note": "Moved to ward water projects"},
                 {"county": "Kwale", "fiscal_year": "2024/25", "estimates": "original", "vote": "Water",
                  "programme": "Rural water supply", "proposed_kes": "410000000", "approved_kes": "460000000",
                  "note": ""})),
        Kind("oversight_actions", oversight.FACT_OVERSIGHT_ACTION, N_("Follow-up of oversight recommendations (one "
             "row per recommendation of a report: who must act, by when, whether and when it was done)"),
             replace_existing=True, template_rows=(
                 {"report_id": "KWL-OAG-2324", "recommendation_no": "1", "county": "Kwale", "fiscal_year": "2023/24",
                  "reported_by": "Auditor-General", "report_title": "Report of the Auditor-General on the County "
                  "Executive of Kwale, FY 2023/24", "tabled_date": "2025-02-18",
                  "recommendation": "Reconcile the pending bills register with the ledger",
                  "responsible": "County Treasury", "due_date": "2025-06-30", "status": "done",
                  "done_date": "2025-05-15", "evidence": "Reconciliation report, May 2025"},)),
    ),
    rules=checks.RULES,
    demo=demonstration,
    datasets=(
        Dataset("fact_budget_milestone", BUDGET, N_("the budget calendar (the date of each milestone)"),
                N_("the county assembly clerk records each milestone (order papers, Hansard) and the county budget "
                   "office the dates it submitted each document; the Controller of Budget reports the budgets not "
                   "approved by 1 July."), ("budget_calendar",)),
        Dataset("fact_budget_amendment", BUDGET, N_("the assembly's changes to the executive's budget"),
                N_("the county assembly's Budget and Appropriations Committee reports its amendments to the "
                   "estimates before they are approved; the county budget office keeps the proposed and approved "
                   "estimates."), ("budget_amendments",)),
        Dataset("fact_audit_opinion", BUDGET, N_("audit opinions of the Auditor-General"),
                N_("the Office of the Auditor-General publishes its report on each county entity once a year "
                   "(oagkenya.go.ke); it is tabled in the county assembly and the Senate."), ("audit_opinions",)),
        Dataset("fact_oversight_action", BUDGET, N_("the follow-up of oversight recommendations"),
                N_("the county assembly clerk and its Public Accounts Committee track the recommendations of the "
                   "Auditor-General's and the Controller of Budget's reports; the county executive reports what it "
                   "did."), ("oversight_actions",)),
    ),
)
