"""The narrative rules: the sentences a brief writes from a fixture, and none about figures that are missing."""

from __future__ import annotations

import pandas as pd

from jdp_analytics.documents import narrative
from jdp_analytics.geography.counties import JDP_TARGETS
from jdp_analytics.results.metrics import AT_RISK, NO_DATA, OFF_TRACK, ON_TRACK, Burn
from jdp_analytics.results.views import FrameworkStatus

# Development absorption of the eight targets in FY 2023/24: Homa Bay (043) lowest at 41.3 %.
DEV_2023 = {"002": 55.0, "008": 60.0, "014": 70.0, "015": 65.0, "024": 50.0, "025": 75.0, "033": 80.0, "043": 41.3}
OVERALL_2023 = {"002": 90.0, "008": 86.0, "014": 70.0, "015": 65.0, "024": 50.0, "025": 75.0, "033": 80.0,
                "043": 85.5}


def history() -> pd.DataFrame:
    rows = []
    for code in JDP_TARGETS:
        rows.append({"county_code": code, "fiscal_year": "2022/23", "is_jdp_target": True, "budget_kes": 9.0e9,
                     "absorption_pct": 80.0, "development_absorption_pct": None if code == "002" else 62.0,
                     "flag": "development_rate_looks_like_fraction" if code == "008" else None})
        rows.append({"county_code": code, "fiscal_year": "2023/24", "is_jdp_target": True,
                     "budget_kes": 9.9e9 if code == "043" else None, "absorption_pct": OVERALL_2023[code],
                     "development_absorption_pct": DEV_2023[code], "flag": None})
    rows.append({"county_code": "047", "fiscal_year": "2022/23", "is_jdp_target": False, "budget_kes": 40e9,
                 "absorption_pct": 70.0, "development_absorption_pct": 30.0, "flag": None})
    rows.append({"county_code": "047", "fiscal_year": "2023/24", "is_jdp_target": False, "budget_kes": 40e9,
                 "absorption_pct": 70.0, "development_absorption_pct": 45.0, "flag": None})
    return pd.DataFrame(rows)


def test_development_absorption_fell_to_the_lowest_of_the_eight_target_counties():
    assert narrative.absorption_change(history(), "043", "Homa Bay", "2023/24", "development_absorption_pct") == (
        "Development absorption in Homa Bay fell from 62.0 % in FY 2022/23 to 41.3 % in FY 2023/24, the lowest of "
        "the eight target counties.")


def test_overall_absorption_rose_to_the_3rd_highest_of_the_eight():
    assert narrative.absorption_change(history(), "043", "Homa Bay", "2023/24", "absorption_pct") == (
        "Overall budget absorption in Homa Bay rose from 80.0 % in FY 2022/23 to 85.5 % in FY 2023/24, the 3rd "
        "highest of the eight target counties.")


def test_a_county_that_is_not_a_target_is_placed_among_all_counties_with_a_rate():
    assert narrative.absorption_change(history(), "047", "Nairobi", "2023/24", "development_absorption_pct") == (
        "Development absorption in Nairobi rose from 30.0 % in FY 2022/23 to 45.0 % in FY 2023/24, the 2nd lowest "
        "of the nine counties.")


def test_the_budget_grew_by_ten_percent():
    assert narrative.budget_growth(history(), "043", "Homa Bay", "2023/24") == (
        "The approved budget of Homa Bay rose by 10.0 % to KES 9.90 bn in FY 2023/24.")


def test_no_sentence_is_written_about_a_missing_or_flagged_figure():
    # Kwale has no development rate for 2022/23, Wajir's is flagged, Embu has no 2023/24 budget.
    assert narrative.absorption_change(history(), "002", "Kwale", "2023/24", "development_absorption_pct") is None
    assert narrative.absorption_change(history(), "008", "Wajir", "2023/24", "development_absorption_pct") is None
    assert narrative.budget_growth(history(), "014", "Embu", "2023/24") is None
    assert narrative.absorption_change(history(), "043", "Homa Bay", "2013/14", "absorption_pct") is None


def statuses(*names: str) -> pd.DataFrame:
    return pd.DataFrame({"status": list(names)})


def test_the_status_summary_states_what_it_counts_and_says_nothing_when_no_row_has_a_value():
    framework = pd.DataFrame({"indicator_code": list("ABCDE"), "scope": ["043"] * 3 + ["programme"] * 2})
    status = FrameworkStatus("043", "2026Q3", statuses(ON_TRACK, ON_TRACK, AT_RISK, OFF_TRACK, NO_DATA).assign(
        is_demo=False), framework, {ON_TRACK: 2, AT_RISK: 1, OFF_TRACK: 1, NO_DATA: 1}, 3, 2)
    assert narrative.status_summary(status, "Homa Bay") == (
        "Of the 5 indicator rows for Homa Bay in 2026Q3 (3 of Homa Bay's own, 2 programme-wide), 2 were on track, "
        "1 at risk, 1 off track and 1 had no value.")
    empty = FrameworkStatus("043", "2026Q3", statuses(NO_DATA, NO_DATA).assign(is_demo=True), framework,
                            {ON_TRACK: 0, AT_RISK: 0, OFF_TRACK: 0, NO_DATA: 2}, 2, 0)
    assert narrative.status_summary(empty, "Homa Bay") is None
    generated = FrameworkStatus("043", "2026Q3", statuses(ON_TRACK, ON_TRACK, AT_RISK, OFF_TRACK, NO_DATA).assign(
        is_demo=True), framework, {ON_TRACK: 2, AT_RISK: 1, OFF_TRACK: 1, NO_DATA: 1}, 3, 2)
    assert narrative.status_summary(generated, "Homa Bay") == (
        "Demonstration: Of the 5 indicator rows for Homa Bay in 2026Q3 (3 of Homa Bay's own, 2 programme-wide), with "
        "figures like these 2 would be on track, 1 at risk, 1 off track, and 1 without a value.")


def test_status_moves_name_the_indicator_and_skip_quarters_without_a_value():
    framework = pd.DataFrame({"indicator_code": ["A", "B", "C"], "indicator_name": ["Officials trained",
                                                                                    "Forums held", "Audit follow-up"]})
    changes = pd.DataFrame({"indicator_code": ["A", "B", "C"], "scope": ["043", "043", "programme"],
                            "previous_status": [AT_RISK, NO_DATA, ON_TRACK],
                            "status": [ON_TRACK, ON_TRACK, OFF_TRACK]})
    assert narrative.status_moves(changes, framework, "2026Q3") == [
        "“Audit follow-up” (Programme) moved from on track in 2026Q2 to off track in 2026Q3.",
        "“Officials trained” (Homa Bay) moved from at risk in 2026Q2 to on track in 2026Q3.",
    ]
    # generated rows give no county a status: one sentence on the method, no county named
    assert narrative.status_moves(changes, framework.assign(is_demo=True), "2026Q3") == [
        "Demonstration: with figures like these, 2 indicator rows would have moved to another status between 2026Q2 "
        "and 2026Q3 (1 to off track, 1 to on track); no county is named, the figures are generated."]


def test_spending_pace_in_one_sentence():
    burn = Burn(2026, 3, 400e6, 300e6, 225e6)
    assert narrative.spending_pace(burn, "Homa Bay", "2026Q3") == (
        "By the end of 2026Q3 the programme had spent KES 225.0 m for Homa Bay, 75.0 % of the KES 300.0 m budgeted "
        "to date; at this pace it will spend 75.0 % of its 2026 budget of KES 400.0 m.")


def test_a_high_cost_per_output_outlier_is_named_with_the_median():
    rows = [("C1", "001", 100_000), ("C2", "002", 110_000), ("C3", "003", 120_000), ("C4", "004", 130_000),
            ("C5", "043", 500_000)]
    contracts = pd.DataFrame([{"contract_id": c, "scope": s, "cost_kes": float(k), "primary_output":
                               "officials_trained", "officials_trained": 10, "forums_held": 0, "citizens_reached": 0,
                               "data_systems_strengthened": 0} for c, s, k in rows])
    assert narrative.benchmark_outliers(contracts, "043") == [
        "Cost per official trained in Homa Bay, KES 50,000, is a high outlier among the five counties (median "
        "KES 12,000)."]
    assert narrative.benchmark_outliers(contracts, "001") == []


def test_the_representation_rule_states_the_womens_gap_against_adults():
    frame = pd.DataFrame({"group": ["Women", "Youth (18–34)"], "participants_pct": [42.4, 29.5],
                          "population_pct": [55.0, 54.4], "gap_points": [-12.6, -24.9]})
    assert narrative.representation_gap(frame, "Homa Bay", "2024/25") == (
        "Women were 42.4 % of participants in Homa Bay's forums in FY 2024/25, 12.6 points below their 55.0 % "
        "share of adults.")


def test_the_representation_rule_is_silent_without_attendance():
    frame = pd.DataFrame({"group": ["Women"], "participants_pct": [None], "population_pct": [55.0],
                          "gap_points": [None]})
    assert narrative.representation_gap(frame, "Homa Bay", "2024/25") is None


def test_the_turnout_rule_ranks_the_county_among_the_target_counties():
    comparison = pd.DataFrame({"county_code": ["002", "008", "043"], "attendance_per_1000_adults": [13.5, 50.0, 34.0]})
    assert narrative.turnout_rank(comparison, "043", "Homa Bay") == (
        "Turnout in Homa Bay was 34.0 attendances per 1,000 adults, the 2nd highest of the three target counties.")
    assert narrative.turnout_rank(comparison, None, "All 47 counties") is None


def test_the_proposals_rule_needs_proposals():
    assert narrative.proposals_adopted([3390, 1827, 887], "Homa Bay") == (
        "1,827 of the 3,390 proposals citizens made in Homa Bay were adopted into the plan or budget (53.9 %).")
    assert narrative.proposals_adopted([0, 0, 0], "Homa Bay") is None


def test_the_scorecard_rule_counts_only_statuses_that_judge_progress():
    card = pd.DataFrame({"status": ["target met", "target met", "stagnating", "insufficient data"]})
    assert narrative.scorecard_statuses(card, "Kwale") == (
        "In Kwale, 2 indicators have met their target, 1 indicator has stagnated.")
    assert narrative.scorecard_statuses(pd.DataFrame({"status": ["insufficient data"]}), "Kwale") is None
