"""The budget area in the warehouse: what the Controller of Budget publishes of every county's budget, and what
counties load of their own (lines by sector and programme, line items, revenue, wage bill, pending bills)."""

from __future__ import annotations

from jdp_analytics.budget import demo
from jdp_analytics.budget import tables as budget
from jdp_analytics.common.i18n import N_
from jdp_analytics.warehouse.area import BUDGET, Area, Dataset, Kind


def demonstration(frames) -> dict:
    """Budget lines and county fiscal rows that follow the real CoB totals of the target counties; generated
    own-source revenue only for the county-years the CoB table lacks."""
    return demo.to_warehouse(frames["fact_budget_execution"], frames["fact_own_source_revenue"])


AREA = Area(
    "budget",
    tables=(budget.FACT_BUDGET_EXECUTION, budget.FACT_BUDGET_LINE, budget.FACT_COUNTY_FISCAL, budget.FACT_BUDGET_ITEM,
            budget.FACT_OWN_SOURCE_REVENUE),
    titles={
        "fact_budget_execution": N_("Budget execution"),
        "fact_budget_line": N_("Budget by sector and programme"),
        "fact_county_fiscal": N_("Revenue, wage bill and pending bills"),
        "fact_budget_item": N_("Budget line items"),
        "fact_own_source_revenue": N_("Own-source revenue"),
    },
    kinds=(
        Kind("budget_execution", budget.FACT_BUDGET_EXECUTION, N_("County budget execution (budget, expenditure, "
             "absorption) per fiscal year"), replace_existing=True, template_rows=(
                 {"county": "Kwale", "fiscal_year": "2025/26", "budget_kes": "12000000000",
                  "expenditure_kes": "9000000000", "absorption_pct": "75.0", "development_absorption_pct": "60.2"},)),
        Kind("budget_lines", budget.FACT_BUDGET_LINE, N_("County budget by sector and programme (development / "
             "recurrent, gender and child tags, ADP) per fiscal year"), replace_existing=True, template_rows=(
                 {"county": "Kwale", "fiscal_year": "2025/26", "sector": "Health",
                  "programme": "Preventive and promotive health", "approved_development_kes": "250000000",
                  "approved_recurrent_kes": "600000000", "expenditure_development_kes": "180000000",
                  "expenditure_recurrent_kes": "570000000", "gender_tagged_kes": "120000000",
                  "child_tagged_kes": "300000000", "in_adp": "yes", "adp_planned_kes": "300000000"},
                 {"county": "Kwale", "fiscal_year": "2025/26", "sector": "Water",
                  "programme": "Rural water supply", "approved_development_kes": "0", "approved_recurrent_kes": "0",
                  "expenditure_development_kes": "0", "expenditure_recurrent_kes": "0", "gender_tagged_kes": "",
                  "child_tagged_kes": "", "in_adp": "yes", "adp_planned_kes": "90000000"},)),
        Kind("budget_items", budget.FACT_BUDGET_ITEM, N_("County budget line items (vote, programme, sub-programme, "
             "economic item, month: approved and spent)"), replace_existing=True, template_rows=(
                 {"county": "Kwale", "fiscal_year": "2025/26", "vote": "Health Services",
                  "programme": "Preventive and promotive health", "sub_programme": "Community health",
                  "economic_item": "2211000 Specialised materials and supplies", "month": "7",
                  "approved_kes": "12500000", "spent_kes": "9800000"},)),
        Kind("county_fiscal", budget.FACT_COUNTY_FISCAL, N_("County own-source revenue, total revenue, wage bill and "
             "pending bills per fiscal year"), replace_existing=True, template_rows=(
                 {"county": "Kwale", "fiscal_year": "2025/26", "osr_target_kes": "600000000",
                  "osr_actual_kes": "480000000", "total_revenue_kes": "11500000000", "wage_bill_kes": "4100000000",
                  "pending_bills_kes": "900000000", "pending_bills_under_1y_kes": "500000000",
                  "pending_bills_1_2y_kes": "200000000", "pending_bills_2_3y_kes": "120000000",
                  "pending_bills_over_3y_kes": "80000000"},)),
        Kind("own_source_revenue", budget.FACT_OWN_SOURCE_REVENUE, N_("County own-source revenue: target and "
             "collected per fiscal year (as the Controller of Budget's table or the county treasury gives them)"),
             replace_existing=True, template_rows=(
                 {"county": "Kwale", "fiscal_year": "2024/25", "osr_target_kes": "650000000",
                  "osr_actual_kes": "470000000", "performance_pct_published": "72.3", "ordinary_osr_target_kes": "",
                  "fif_aia_target_kes": "", "ordinary_osr_actual_kes": "", "fif_aia_actual_kes": "",
                  "verification": "county_record", "note": ""},)),
    ),
    demo=demonstration,
    datasets=(
        Dataset("fact_budget_execution", BUDGET, N_("budget execution (budget, expenditure, absorption)"),
                N_("the Controller of Budget publishes every county's figures in its County Budget Implementation "
                   "Review Reports, each quarter and for the year."), ("budget_execution",)),
        Dataset("fact_budget_line", BUDGET, N_("the budget by sector and programme"),
                N_("the county treasury: the approved programme-based budget each June and the budget implementation "
                   "reports each quarter."), ("budget_lines",)),
        Dataset("fact_own_source_revenue", BUDGET, N_("own-source revenue (target and collected)"),
                N_("the Controller of Budget publishes every county's own-source revenue target and collection in its "
                   "annual County Budget Implementation Review Report; the county treasury reports it each quarter."),
                ("own_source_revenue",)),
        Dataset("fact_county_fiscal", BUDGET, N_("wage bill and pending bills"),
                N_("the county treasury's payroll and pending-bills registers, reported each quarter; the Controller "
                   "of Budget's annual county review quotes pending bills."),
                ("county_fiscal",)),
        Dataset("fact_budget_item", BUDGET, N_("budget line items"),
                N_("the county treasury's IFMIS: approved and spent amounts per vote, programme and item, each month."),
                ("budget_items",)),
    ),
)
