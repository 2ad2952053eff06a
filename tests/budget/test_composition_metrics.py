"""Composition, fiscal-rule, revenue and pending-bill metrics on small fixtures: PEFA PI-2 at its exact limits,
the 30 % and 35 % rules on their thresholds, own-source revenue growth across a missing year."""

from __future__ import annotations

import pandas as pd
import pytest

from jdp_analytics.budget import metrics as budget_metrics


def lines(rows) -> pd.DataFrame:
    """Budget lines: (county, year, sector, approved dev, approved rec, spent dev, spent rec, gender, child, in_adp,
    adp planned)."""
    return pd.DataFrame(rows, columns=["county_code", "fiscal_year", "sector", "approved_development_kes",
                                       "approved_recurrent_kes", "expenditure_development_kes",
                                       "expenditure_recurrent_kes", "gender_tagged_kes", "child_tagged_kes",
                                       "in_adp", "adp_planned_kes"])


@pytest.mark.parametrize("value, threshold, floor, met", [
    (30.0, 30.0, True, True), (29.99, 30.0, True, False), (100 * 0.3, 30.0, True, True),
    (35.0, 35.0, False, True), (35.01, 35.0, False, False), (None, 35.0, False, None)])
def test_a_rule_is_met_on_its_threshold_and_broken_beyond_it(value, threshold, floor, met):
    assert budget_metrics.meets_rule(value, threshold, floor) is met


def test_development_share_and_wage_bill_ratio_are_parts_of_their_wholes():
    assert budget_metrics.pct_of(3_000, 10_000) == 30.0
    assert budget_metrics.pct_of(4_100_000_000, 11_500_000_000) == pytest.approx(35.652, abs=0.001)
    assert budget_metrics.pct_of(1, 0) is None and budget_metrics.pct_of(None, 5) is None


def test_composition_variance_removes_the_aggregate_deviation_first():
    # Every head spent 80 % of its budget: the composition did not change, whatever PI-1 says.
    assert budget_metrics.composition_variance_pct([100, 300], [80, 240]) == 0.0
    # Budget 100 / 100, outturn 60 / 140: adjusted budgets 100 / 100, deviations 40 + 40 over 200 = 40 %.
    assert budget_metrics.composition_variance_pct([100, 100], [60, 140]) == 40.0
    assert budget_metrics.composition_variance_pct([100, None], [60, 140]) is None
    assert budget_metrics.composition_variance_pct([0, 0], [60, 140]) is None


@pytest.mark.parametrize("variance, band", [
    (0.0, "A"), (4.99, "A"), (5.0, "B"),  # PEFA: A is "less than 5 %", so exactly 5 % is B
    (9.99, "B"), (10.0, "C"), (14.99, "C"), (15.0, "D"), (60.0, "D")])
def test_one_years_composition_variance_gets_the_band_whose_limit_it_is_below(variance, band):
    assert budget_metrics.composition_year_band(variance) == band


def test_a_variance_computed_a_hair_below_a_limit_counts_as_on_the_limit():
    assert budget_metrics.composition_year_band(100 * 0.05 - 1e-12) == "B"


@pytest.mark.parametrize("variances, score", [
    ((1.0, 2.0, 3.0), "A"), ((1.0, 4.0, 40.0), "A"), ((1.0, 5.0, 40.0), "B"), ((5.0, 5.0, 5.0), "B"),
    ((10.0, 14.9, 2.0), "C"), ((15.0, 1.0, 15.0), "D"), ((20.0, 30.0, 40.0), "D")])
def test_the_pi2_score_is_the_best_band_met_in_two_of_the_three_years(variances, score):
    assert budget_metrics.pefa_pi2_band(variances) == score


@pytest.mark.parametrize("variances", [(1.0, 2.0), (1.0, None, 2.0), ()])
def test_the_pi2_score_needs_three_known_years(variances):
    assert budget_metrics.pefa_pi2_band(variances) is None


def test_pi2_scores_per_county_use_three_consecutive_years_of_sector_totals():
    rows = []
    for year, spent in (("2019/20", (50, 50)), ("2020/21", (45, 55)), ("2021/22", (30, 70)), ("2023/24", (50, 50))):
        rows += [("002", year, "Health", 40, 10, spent[0] * 4 // 5, spent[0] // 5, None, None, True, 50),
                 ("002", year, "Roads", 40, 10, spent[1] * 4 // 5, spent[1] // 5, None, None, False, None)]
    scores = budget_metrics.pefa_pi2_scores(lines(rows)).set_index("fiscal_year")
    assert scores["variance_pct"].round(6).to_dict() == {"2019/20": 0.0, "2020/21": 10.0, "2021/22": 40.0,
                                                         "2023/24": 0.0}
    assert scores["year_band"].to_dict() == {"2019/20": "A", "2020/21": "C", "2021/22": "D", "2023/24": "A"}
    assert scores.loc["2021/22", "pi2_band"] == "C"  # C's limit (below 15 %) is met in two of the three years
    assert scores.loc["2021/22", "pi2_years"] == "2019/20 to 2021/22"
    assert pd.isna(scores.loc["2023/24", "pi2_band"])  # FY 2022/23 is missing


def test_line_totals_add_development_and_recurrent_and_count_adp_programmes_funded():
    totals = budget_metrics.line_totals(lines([
        ("002", "2023/24", "Health", 300, 700, 150, 650, 200, 500, True, 400),
        ("002", "2023/24", "Health", 0, 0, 0, 0, 0, 0, True, 90),  # planned in the ADP, not funded
        ("002", "2023/24", "Roads", 900, 100, 600, 100, 0, None, False, None)]), ["county_code", "fiscal_year"])
    row = totals.iloc[0]
    assert (row["approved_kes"], row["expenditure_kes"], row["development_share_pct"]) == (2000, 1500, 60.0)
    assert (row["development_absorption_pct"], row["recurrent_absorption_pct"]) == (62.5, 93.75)
    assert (row["gender_share_pct"], row["child_share_pct"]) == (10.0, 25.0)
    assert (row["programmes"], row["adp_programmes"], row["adp_funded_programmes"], row["adp_planned_kes"]) == (
        3, 2, 1, 490)


def test_a_tag_never_assessed_stays_empty_rather_than_zero():
    totals = budget_metrics.line_totals(
        lines([("002", "2015/16", "Health", 300, 700, 150, 650, None, None, None, None)]),
                                 ["county_code"])
    assert pd.isna(totals.loc[0, "gender_tagged_kes"]) and pd.isna(totals.loc[0, "gender_share_pct"])


def fiscal(rows) -> pd.DataFrame:
    columns = ["county_code", "fiscal_year", "osr_target_kes", "osr_actual_kes", "total_revenue_kes",
               "wage_bill_kes", "pending_bills_kes", "pending_bills_under_1y_kes", "pending_bills_1_2y_kes",
               "pending_bills_2_3y_kes", "pending_bills_over_3y_kes"]
    return pd.DataFrame(rows, columns=columns)


def test_own_source_revenue_growth_is_none_after_a_missing_year_and_for_each_countys_first_year():
    measures = budget_metrics.fiscal_measures(fiscal([
        ("043", "2019/20", 100, 80, 1000, 400, 100, 40, 30, 20, 10),
        ("043", "2020/21", 100, 90, 1000, 350, None, None, None, None, None),
        ("043", "2022/23", 100, 120, 1000, 300, 100, 100, 0, 0, 0),  # FY 2021/22 missing
        ("043", "2023/24", 100, 150, 1000, 351, 100, 50, 50, 0, 0),
        ("002", "2023/24", None, 50, 1000, 200, 10, 10, 0, 0, 0)])).set_index(["county_code", "fiscal_year"])
    growth = measures["osr_growth_pct"]
    assert growth.loc[("043", "2019/20")] is None
    assert growth.loc[("043", "2020/21")] == pytest.approx(12.5)
    assert growth.loc[("043", "2022/23")] is None  # not growth over two years
    assert growth.loc[("043", "2023/24")] == pytest.approx(25.0)
    assert growth.loc[("002", "2023/24")] is None
    assert measures.loc[("043", "2023/24"), "osr_performance_pct"] == 150.0
    assert pd.isna(measures.loc[("002", "2023/24"), "osr_performance_pct"])  # no target
    assert measures.loc[("043", "2023/24"), "osr_share_pct"] == 15.0
    assert list(measures["wage_rule_met"]) == [True, False, True, True, False]  # 35.0 % meets, 35.1 % breaks
    assert measures.loc[("043", "2019/20"), "pending_over_1y_pct"] == 60.0
    assert pd.isna(measures.loc[("043", "2020/21"), "pending_over_1y_pct"])
