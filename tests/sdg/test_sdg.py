"""SDG progress status against hand-worked cases, the county scorecard and the evidence gaps."""

from __future__ import annotations

import pandas as pd
import pytest

from jdp_analytics.sdg import metrics as sdg_metrics


def series(*points: tuple[str, float]) -> pd.DataFrame:
    return pd.DataFrame(points, columns=["period", "value"])


def test_a_series_growing_faster_than_the_target_requires_is_on_track():
    # 50 → 75 over 2015–2020: CAGRa = 1.5^(1/5) − 1 = 0.08447; to reach 100 by 2030 CAGRr = 2^(1/15) − 1 = 0.04729;
    # R = 0.08447 / 0.04729 = 1.786.
    progress = sdg_metrics.progress_status(series(("2015", 50), ("2020", 75)), True, 100, 2030)
    assert progress.status == "on track"
    assert round(progress.ratio, 3) == 1.786
    assert (progress.base_year, progress.latest_year) == (2015, 2020)


def test_a_series_growing_at_two_thirds_of_the_required_rate_is_moderately_improving():
    # 40 → 47 over 2015–2020: CAGRa = 1.175^(1/5) − 1 = 0.03278; to reach 80 by 2030 CAGRr = 0.04729; R = 0.693.
    progress = sdg_metrics.progress_status(series(("2015", 40), ("2020", 47)), True, 80, 2030)
    assert progress.status == "moderately improving"
    assert round(progress.ratio, 3) == 0.693


def test_a_series_growing_too_slowly_is_stagnating_and_one_falling_is_deteriorating():
    # 40 → 44: CAGRa = 1.1^(1/5) − 1 = 0.01924, R = 0.407 (off track: limited progress).
    slow = sdg_metrics.progress_status(series(("2015", 40), ("2020", 44)), True, 80, 2030)
    assert (slow.status, round(slow.ratio, 3)) == ("stagnating", 0.407)
    falling = sdg_metrics.progress_status(series(("2015", 40), ("2020", 38)), True, 80, 2030)
    assert falling.status == "deteriorating" and falling.ratio < 0


def test_a_latest_value_at_the_target_is_target_met_whatever_the_trend():
    progress = sdg_metrics.progress_status(series(("2015", 100), ("2019", 99), ("2022", 100)), True, 100, 2030)
    assert progress.status == "target met"
    assert sdg_metrics.progress_status(series(("2019", 50.4)), True, 40, 2030).status == "target met"


def test_one_year_only_is_insufficient_data():
    progress = sdg_metrics.progress_status(series(("2019", 50.4)), True, 100, 2030)
    assert (progress.status, progress.note) == ("insufficient data", "one year only (2019)")
    assert sdg_metrics.progress_status(series(), True, 100, 2030).status == "insufficient data"


def test_a_decreasing_is_better_indicator_falling_fast_enough_is_on_track():
    # Stunting 26 % (2014) → 18 % (2022), target 13 % by 2030; no 2015 value, so the base is 2014.
    # CAGRa = (18/26)^(1/8) − 1 = −0.04493; CAGRr = (13/26)^(1/16) − 1 = −0.04240; R = −1 × −0.04493 / 0.04240 = 1.060.
    progress = sdg_metrics.progress_status(series(("2014", 26), ("2022", 18)), False, 13, 2030)
    assert (progress.status, round(progress.ratio, 3), progress.base_year) == ("on track", 1.06, 2014)
    rising = sdg_metrics.progress_status(series(("2014", 26), ("2022", 28)), False, 13, 2030)
    assert rising.status == "deteriorating"


def test_the_base_year_is_2015_when_there_is_a_value_for_it():
    progress = sdg_metrics.progress_status(series(("2010", 10), ("2015", 40), ("2020", 47)), True, 80, 2030)
    assert progress.base_year == 2015 and round(progress.ratio, 3) == 0.693


def test_without_a_target_the_trend_alone_is_judged_in_the_desired_direction():
    # 20 → 22 over 2015–2020: 1.925 % a year, above 1.5 %: on track.
    assert sdg_metrics.progress_status(series(("2015", 20), ("2020", 22)), True).status == "on track"
    assert sdg_metrics.progress_status(series(("2015", 20), ("2020", 20.7)), True).status == "moderately improving"
    assert sdg_metrics.progress_status(series(("2015", 20), ("2020", 22)), False).status == "deteriorating"


def test_an_indicator_with_no_desired_direction_is_not_assessed():
    assert sdg_metrics.progress_status(series(("2015", 2), ("2019", 2.2)), None).status == "not assessed"


def test_fiscal_years_count_from_their_first_year():
    assert sdg_metrics.period_year("2023/24") == 2023 and sdg_metrics.period_year("2019") == 2019


CATALOGUE = pd.DataFrame([
    {"indicator_code": "W", "indicator_name": "Water", "sdg_goal": 6, "sdg_indicator": "6.1.1",
     "sdg_correspondence": "proxy", "unit": "percent", "higher_is_better": True},
    {"indicator_code": "S", "indicator_name": "Stunting", "sdg_goal": 2, "sdg_indicator": "2.2.1",
     "sdg_correspondence": "same definition", "unit": "percent", "higher_is_better": False},
])


def obs(indicator, geo, period, value, sex="all"):
    return {"indicator_code": indicator, "geo_code": geo, "county_code": None if geo == "KE" else geo,
            "period": period, "sex": sex, "age_group": "all", "disability": "all", "residence": "all",
            "other_disaggregation": "all", "value": value, "publisher": "KNBS", "source_title": "Census"}


OBSERVATIONS = pd.DataFrame([obs("W", "002", "2015", 40), obs("W", "002", "2020", 47), obs("W", "KE", "2020", 60),
                             obs("W", "002", "2020", 30, sex="female"), obs("S", "002", "2022", 18)])
TARGETS = pd.DataFrame([{"indicator_code": "W", "geo_code": "KE", "target_year": 2030, "target_value": 100.0},
                        {"indicator_code": "W", "geo_code": "002", "target_year": 2030, "target_value": 80.0}])


def test_the_scorecard_uses_the_county_target_over_the_national_one_and_the_headline_value():
    card = sdg_metrics.scorecard({"catalogue": CATALOGUE, "observations": OBSERVATIONS, "targets": TARGETS}, "002")
    water = card.set_index("indicator_code").loc["W"]
    assert (water["latest_period"], water["latest_value"], water["national_value"]) == ("2020", 47.0, 60.0)
    assert (water["target_value"], water["target_scope"], water["status"]) == (80.0, "county", "moderately improving")
    stunting = card.set_index("indicator_code").loc["S"]
    assert stunting["status"] == "insufficient data" and pd.isna(stunting["target_value"])


def test_the_scorecard_reads_the_reference_warehouse_and_says_insufficient_data_for_single_years(
        reference_warehouse):
    card = sdg_metrics.scorecard(reference_warehouse, "043")
    internet = card.set_index("indicator_code").loc["CEN_INTERNET_USE"]
    assert (internet["latest_period"], internet["latest_value"], internet["national_value"]) == ("2019", 15.19, 22.57)
    assert internet["status"] == "insufficient data"
    assert card.set_index("indicator_code").loc["CEN_DISABILITY_PREVALENCE", "status"] == "not assessed"
    assert set(card["status"]) <= {"insufficient data", "not assessed", "target met"}
    assert pd.isna(card.set_index("indicator_code").loc["3.1.2", "latest_value"])  # no upload for the UN code yet


def test_the_gaps_list_the_indicators_a_county_has_no_value_for():
    counties = pd.DataFrame({"county_code": ["002", "008"], "county_name": ["Kwale", "Wajir"],
                             "is_jdp_target": [True, True]})
    grid = sdg_metrics.coverage(CATALOGUE, OBSERVATIONS, counties)
    gaps = sdg_metrics.gaps_by_county(grid)
    assert gaps.to_dict("records") == [
        {"county_code": "002", "county_name": "Kwale", "is_jdp_target": True, "indicators_with_data": 2,
         "indicators_missing": 0, "missing": ""},
        {"county_code": "008", "county_name": "Wajir", "is_jdp_target": True, "indicators_with_data": 0,
         "indicators_missing": 2, "missing": "6.1.1, 2.2.1"}]


def test_the_method_text_names_the_thresholds_and_the_single_year_caveat():
    assert "R ≥ 0.95" in sdg_metrics.METHOD and "0.60 ≤ R < 0.95" in sdg_metrics.METHOD
    assert "no trend is invented" in sdg_metrics.METHOD


@pytest.mark.parametrize("code, sdg_code", [("RH_DELA_C_SKP", "3.1.2"), ("CN_NUTS_C_HA2", "2.2.1")])
def test_kdhs_indicators_that_follow_the_un_definition_carry_its_code(reference_warehouse, query, code, sdg_code):
    assert query(reference_warehouse, "SELECT sdg_indicator, sdg_correspondence FROM dim_indicator "
                                      "WHERE indicator_code = ?", code) == [(sdg_code, "same definition")]
