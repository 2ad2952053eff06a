"""The assessment's measures worked by hand (issue 34): a weighted area score, the change since the baseline per area
and per indicator, the minimum conditions met for one county, and the weakest indicators' order."""

from __future__ import annotations

import pandas as pd
import pytest

from jdp_analytics.assessment import metrics

AREA = "Public financial management"
MINIMUM = "Minimum conditions"
# code, area, scale, max_points, weight, minimum condition; then the baseline's and follow-up 1's scores
INDICATORS = (("PFM2", AREA, "points", 2, 2.0, False, "1", "2"),
              ("PFM3", AREA, "points", 2, 1.0, False, "2", "2"),
              ("PFM6", AREA, "pass/fail", None, 1.0, False, "fail", "pass"),
              ("PFM7", AREA, "points", 3, 0.0, False, "0", "0"),  # weight 0: left out of the area score
              ("MC1", MINIMUM, "pass/fail", None, 1.0, True, "pass", "pass"),
              ("MC2", MINIMUM, "pass/fail", None, 1.0, True, "fail", "pass"),
              ("MC3", MINIMUM, "points", 2, 1.0, True, "2", "1"))


def rows() -> pd.DataFrame:
    found = []
    for round_, when, column in (("baseline", "2024-11-12", 6), ("follow-up 1", "2025-10-20", 7)):
        for item in INDICATORS:
            code, area, scale, top, weight, minimum = item[:6]
            found.append({"county_code": "002", "county_name": "Kwale", "round": round_,
                          "assessed_date": pd.Timestamp(when), "framework": "F", "version": "1", "indicator_code": code,
                          "indicator": code, "area": area, "scale": scale, "max_points": top, "weight": weight,
                          "minimum_condition": minimum, "score": item[column], "evidence_seen": f"seen {code}",
                          "assessor": "Team A", "is_demo": False})
    return pd.DataFrame(found)


def test_the_weighted_area_score_is_worked_by_hand():
    areas = metrics.area_scores(rows()).set_index("round")
    # baseline: (2 × 1/2 + 1 × 2/2 + 1 × 0/1) / (2 + 1 + 1) = 2 / 4 = 50 %; follow-up 1: (2 + 1 + 1) / 4 = 100 %
    assert areas.loc["baseline", "score_pct"] == pytest.approx(50.0)
    assert areas.loc["follow-up 1", "score_pct"] == pytest.approx(100.0)
    assert list(areas["area"]) == [AREA, AREA]  # minimum conditions are not an area score
    assert list(areas["indicators"]) == [3, 3]  # PFM7, of weight 0, is left out


def test_the_change_since_the_baseline_is_worked_by_hand():
    changed = metrics.area_changes(metrics.area_scores(rows())).iloc[0]
    assert (changed["baseline_pct"], changed["latest_pct"], changed["change_pp"]) == pytest.approx((50, 100, 50))
    per_indicator = metrics.indicator_changes(rows()).set_index("indicator_code")
    assert per_indicator.loc["PFM2", "change_points"] == 1 and per_indicator.loc["PFM2", "change_pp"] == 50
    assert per_indicator.loc["PFM6", "change_pp"] == 100  # fail → pass
    assert per_indicator.loc["MC3", "change_pp"] == -50  # 2 of 2 → 1 of 2


def test_minimum_conditions_met_are_counted_for_one_county():
    met = metrics.minimum_conditions(rows()).set_index("round")
    # baseline: MC1 pass, MC2 fail, MC3 2 of 2 (full points) → 2 of 3; follow-up 1: MC3 1 of 2 is not met → 2 of 3
    assert (met.loc["baseline", "met"], met.loc["baseline", "conditions"], met.loc["baseline", "failed"]) == (
        2, 3, ["MC2"])
    assert met.loc["follow-up 1", "failed"] == ["MC3"]


def test_the_weakest_put_unmet_minimum_conditions_first_then_the_lowest_share():
    weak = metrics.weakest(rows(), 3)
    # follow-up 1: MC3 unmet; PFM7 0 of 3; then full marks, the heaviest (PFM2, weight 2) first
    assert list(weak["indicator_code"]) == ["MC3", "PFM7", "PFM2"]


def test_rounds_are_ordered_baseline_first_then_by_number():
    assert sorted(["follow-up 10", "baseline", "follow-up 2"], key=metrics.round_number) == [
        "baseline", "follow-up 2", "follow-up 10"]
