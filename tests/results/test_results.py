"""The status rule, changes since last quarter, burn rate and cost per output, against hand-worked cases."""

from __future__ import annotations

import pandas as pd
import pytest

from jdp_analytics.results import metrics as results_metrics
from jdp_analytics.results.metrics import AT_RISK, NO_DATA, OFF_TRACK, ON_TRACK

TARGETS = {2025: 30.0, 2026: 50.0, 2027: None, 2028: 90.0}


@pytest.mark.parametrize(("period", "expected"), [("2025Q2", 20.0), ("2025Q4", 30.0), ("2026Q1", 35.0),
                                                  ("2026Q3", 45.0), ("2027Q2", None), ("2028Q1", None)])
def test_the_expected_value_runs_straight_from_the_baseline_or_last_years_target_to_this_years(period, expected):
    # baseline 10; 2025Q2 is half-way to 30; 2026Q1 a quarter of the way from 30 to 50; 2027 has no target,
    # so neither 2027 nor 2028 (which starts from 2027's) has an expected value.
    assert results_metrics.expected_value(10.0, TARGETS, period) == expected


@pytest.mark.parametrize(("actual", "status"), [(19.0, ON_TRACK), (25.0, ON_TRACK), (18.0, AT_RISK),
                                                (16.0, AT_RISK), (15.9, OFF_TRACK), (8.0, OFF_TRACK),
                                                (None, NO_DATA)])
def test_the_status_of_an_indicator_planned_to_rise_from_10_to_20(actual, status):
    # progress = (actual - 10) / (20 - 10): 19 → 90 % on track, 18 → 80 % at risk, 16 → 60 % at risk, 15.9 → off.
    assert results_metrics.status(10.0, 20.0, actual) == status


def test_the_status_of_an_indicator_planned_to_fall_reads_progress_the_same_way():
    # days to report: baseline 60, 2025 target 40. 2025Q4 expects 40: 42 days is 18 of 20 days' fall = 90 %.
    expected_q4 = results_metrics.expected_value(60.0, {2025: 40.0, 2026: 20.0}, "2025Q4")
    assert results_metrics.status(60.0, expected_q4, 42.0, higher_is_better=False) == ON_TRACK
    # 2026Q1 expects 35: 45 days is 15 of 25 = 60 % → at risk; 46 days is 56 % → off track.
    expected_q1 = results_metrics.expected_value(60.0, {2025: 40.0, 2026: 20.0}, "2026Q1")
    assert expected_q1 == 35.0
    assert results_metrics.status(60.0, expected_q1, 45.0, higher_is_better=False) == AT_RISK
    assert results_metrics.status(60.0, expected_q1, 46.0, higher_is_better=False) == OFF_TRACK


def test_with_no_change_planned_the_status_is_on_track_when_not_worse_than_the_baseline():
    assert results_metrics.status(5.0, 5.0, 5.0) == ON_TRACK
    assert results_metrics.status(5.0, 5.0, 4.0) == OFF_TRACK
    assert results_metrics.status(5.0, 5.0, 4.0, higher_is_better=False) == ON_TRACK


def test_the_rule_text_names_the_thresholds_the_code_uses():
    assert "On track: progress of 90% or more" in results_metrics.STATUS_RULE
    assert "At risk: 60% to under 90%" in results_metrics.STATUS_RULE


def framework() -> pd.DataFrame:
    return pd.DataFrame([
        {"indicator_code": "A", "scope": "043", "baseline_value": 10.0, "target_2025": 30.0, "target_2026": 50.0,
         "target_2027": 70.0, "target_2028": 90.0, "higher_is_better": True},
        {"indicator_code": "A", "scope": "002", "baseline_value": 10.0, "target_2025": 30.0, "target_2026": 50.0,
         "target_2027": 70.0, "target_2028": 90.0, "higher_is_better": True},
        {"indicator_code": "B", "scope": "programme", "baseline_value": 60.0, "target_2025": 40.0,
         "target_2026": 20.0, "target_2027": 20.0, "target_2028": 20.0, "higher_is_better": False},
    ])


ACTUALS = pd.DataFrame([
    {"indicator_code": "A", "scope": "043", "period": "2026Q2", "value": 39.0, "evidence": None},  # expects 40
    {"indicator_code": "A", "scope": "043", "period": "2026Q3", "value": 40.0, "evidence": "a.pdf"},  # expects 45
    {"indicator_code": "A", "scope": "002", "period": "2026Q2", "value": 20.0, "evidence": None},
    {"indicator_code": "B", "scope": "programme", "period": "2026Q3", "value": 25.0, "evidence": None},  # expects 25
])


def test_indicator_status_gives_each_row_its_actual_expected_value_and_status():
    table = results_metrics.indicator_status(framework(), ACTUALS, "2026Q3")
    assert table[["indicator_code", "scope", "expected", "status"]].to_dict("records") == [
        {"indicator_code": "A", "scope": "043", "expected": 45.0, "status": AT_RISK},  # 30 of 35 planned = 86 %
        {"indicator_code": "A", "scope": "002", "expected": 45.0, "status": NO_DATA},
        {"indicator_code": "B", "scope": "programme", "expected": 25.0, "status": ON_TRACK},
    ]
    assert table["actual"].tolist()[::2] == [40.0, 25.0] and pd.isna(table["actual"].iloc[1])
    assert table["progress_pct"].iloc[0] == pytest.approx(100 * 30 / 35)


def test_changes_since_last_quarter_list_moved_values_and_statuses_only():
    now = results_metrics.indicator_status(framework(), ACTUALS, "2026Q3")
    before = results_metrics.indicator_status(framework(), ACTUALS, "2026Q2")
    changes = results_metrics.changes_since(now, before)
    # 043: 39 of 40 expected (29 of 30 planned: on track) → 40 of 45 (30 of 35: at risk), value +1;
    # 002: 20 of 40 (10 of 30: off track) → no value; B: no value → 25 of 25 expected (on track).
    assert changes[["indicator_code", "scope", "previous_status", "status"]].to_dict("records") == [
        {"indicator_code": "A", "scope": "043", "previous_status": ON_TRACK, "status": AT_RISK},
        {"indicator_code": "A", "scope": "002", "previous_status": OFF_TRACK, "status": NO_DATA},
        {"indicator_code": "B", "scope": "programme", "previous_status": NO_DATA, "status": ON_TRACK},
    ]
    assert changes["change"].iloc[0] == 1.0 and changes["change"].iloc[1:].isna().all()


@pytest.mark.parametrize(("period", "previous"), [("2026Q1", "2025Q4"), ("2026Q3", "2026Q2")])
def test_the_previous_quarter_crosses_the_year(period, previous):
    assert results_metrics.previous_quarter(period) == previous


def test_burn_rate_and_linear_forecast_to_year_end():
    finance = pd.DataFrame({"period": ["2025Q4", "2026Q1", "2026Q2", "2026Q3", "2026Q4"],
                            "budget_kes": [999.0, 100.0, 100.0, 100.0, 100.0],
                            "spent_kes": [999.0, 60.0, 90.0, 75.0, None]})
    burn = results_metrics.burn(finance, "2026Q3")
    # 2026 only: budget 400, 300 to date, 225 spent → 75 % burn; 225 / 3 quarters × 4 = 300 → 75 % of the year.
    assert (burn.budget_year_kes, burn.budget_to_date_kes, burn.spent_to_date_kes) == (400.0, 300.0, 225.0)
    assert burn.burn_rate_pct == 75.0
    assert burn.forecast_kes == 300.0
    assert burn.forecast_pct == 75.0
    assert burn.monthly_kes == 25.0


def contracts() -> pd.DataFrame:
    rows = [("C1", "001", 100_000, "officials_trained", 10), ("C2", "002", 110_000, "officials_trained", 10),
            ("C3", "003", 120_000, "officials_trained", 10), ("C4", "004", 130_000, "officials_trained", 10),
            ("C5", "005", 500_000, "officials_trained", 10), ("C6", "001", 900_000, "forums_held", 5),
            ("C7", "006", 50_000, "officials_trained", 0)]
    return pd.DataFrame([{"contract_id": c, "scope": s, "cost_kes": float(k), "primary_output": p,
                          "officials_trained": n, "forums_held": 3} for c, s, k, p, n in rows])


def test_cost_per_official_trained_per_county_with_median_and_the_outlier_marked():
    table = results_metrics.cost_per_output(contracts(), results_metrics.BENCHMARKS[0])
    # 10,000 / 11,000 / 12,000 / 13,000 / 50,000 per official. Quartiles 11,000 and 13,000, IQR 2,000:
    # fences 8,000 and 16,000, so 005 is a high outlier. C6 trains nobody as primary output; 006 trained none.
    assert table[["county_code", "cost_per_unit", "outlier"]].to_dict("records") == [
        {"county_code": "001", "cost_per_unit": 10_000.0, "outlier": None},
        {"county_code": "002", "cost_per_unit": 11_000.0, "outlier": None},
        {"county_code": "003", "cost_per_unit": 12_000.0, "outlier": None},
        {"county_code": "004", "cost_per_unit": 13_000.0, "outlier": None},
        {"county_code": "005", "cost_per_unit": 50_000.0, "outlier": "high"},
    ]
    assert table["median"].iloc[0] == 12_000.0
    assert results_metrics.fences(table["cost_per_unit"]) == (8_000.0, 16_000.0)


def test_fewer_than_four_counties_have_no_fences_and_no_outliers():
    table = results_metrics.cost_per_output(contracts()[contracts()["scope"].isin(["001", "002", "005"])],
                                    results_metrics.BENCHMARKS[0])
    assert table["outlier"].isna().all()


def test_the_benchmarks_are_defined_once_for_the_four_outputs():
    assert [b.name for b in results_metrics.BENCHMARKS] == ["Cost per official trained", "Cost per forum held",
                                                    "Cost per citizen reached", "Cost per data system strengthened"]


def test_a_quarter_not_yet_reported_is_named_in_its_spending_slot_not_across_its_budget_bar():
    from jdp_analytics.results import charts

    quarters = pd.DataFrame({"period": ["2026Q3", "2026Q4"], "budget_kes": [7e6, 8e6], "spent_kes": [6e6, None]})
    fig = charts.spending_by_quarter(quarters, "Kwale", "Source: test")
    [note] = [a for a in fig.layout.annotations if a.text == "not yet reported"]
    bar = (1 - fig.layout.bargap) / 2  # each of a quarter's two bars; the budget bar spans [1 - bar, 1) for 2026Q4
    assert 1 < note.x < 1 + bar  # inside the empty spending slot of 2026Q4, clear of its budget bar


def test_generated_contracts_name_their_county_in_words():
    """A contract reads "Training of county officials in Kwale", not "in 002" (the county code)."""
    import random

    from jdp_analytics.geography.counties import COUNTIES
    from jdp_analytics.results import demo

    generated = demo.contracts(random.Random(demo.SEED))
    for title, scope in zip(generated["title"], generated["scope"]):
        assert COUNTIES[scope] in title and scope not in title, title
