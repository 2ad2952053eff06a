"""Assessment measures: each score as a share of its scale, the weighted area scores, the minimum conditions met, the
change since the baseline and the weakest indicators. Pure functions on the rows of sql/assessment_scores.sql (a
score with its indicator as the framework version it names defines it), used alike by the page, the brief, the
workbook and the quarterly report's annex."""

from __future__ import annotations

import pandas as pd

from jdp_analytics.assessment.tables import BASELINE, PASS, PASS_FAIL
from jdp_analytics.common.i18n import N_, _

AREA_FORMULA = N_("Area score = sum(weight × score ÷ maximum) ÷ sum(weight), as a percentage, over the area's "
                  "indicators scored in the round (a pass counts 1 of 1, a fail 0 of 1). Minimum conditions are not "
                  "in the area scores: they are counted as met (a pass, or full points) or not.")


def round_number(round_: str) -> int:
    """The round's place: baseline 0, follow-up N → N."""
    return 0 if round_ == BASELINE else int(str(round_).rsplit(" ", 1)[-1])


def round_label(round_: str) -> str:
    """A round in the current language: 'baseline', 'follow-up 2'."""
    if round_ == BASELINE:
        return _("baseline")
    return _("follow-up {number}").format(number=round_number(round_))


def scored(rows: pd.DataFrame) -> pd.DataFrame:
    """Return the rows with each score as points, out_of (its scale's maximum), share (points ÷ out_of) and met
    (full marks: a pass, or the maximum points)."""
    pass_fail = rows["scale"] == PASS_FAIL
    points = pd.to_numeric(rows["score"].where(~pass_fail), errors="coerce").astype(float)
    points = points.where(~pass_fail, (rows["score"] == PASS).astype(float))
    out_of = pd.to_numeric(rows["max_points"], errors="coerce").astype(float).where(~pass_fail, 1.0)
    out = rows.assign(points=points, out_of=out_of, share=points / out_of, met=points == out_of,
                      round_no=rows["round"].map(round_number),
                      is_demo=rows["is_demo"].fillna(False).astype(bool) if "is_demo" in rows else False)
    return out


def area_scores(rows: pd.DataFrame) -> pd.DataFrame:
    """Return one row per county, round and area: the weighted area score in % (AREA_FORMULA), the indicators scored
    and the assessment's date, framework and version; minimum conditions and indicators of weight 0 are left out."""
    columns = ["county_code", "county_name", "round", "round_no", "assessed_date", "framework", "version", "area",
               "score_pct", "indicators", "is_demo"]
    data = scored(rows)
    data = data[~data["minimum_condition"].astype(bool) & (data["weight"] > 0)]
    if data.empty:
        return pd.DataFrame(columns=columns)
    data = data.assign(weighted=data["weight"] * data["share"])
    keys = ["county_code", "county_name", "round", "round_no", "assessed_date", "framework", "version", "area"]
    out = data.groupby(keys, as_index=False, sort=False).agg(weighted=("weighted", "sum"), weight=("weight", "sum"),
                                                             indicators=("indicator_code", "count"),
                                                             is_demo=("is_demo", "any"))
    out["score_pct"] = 100 * out["weighted"] / out["weight"]
    return out[columns].sort_values(["county_code", "round_no", "area"]).reset_index(drop=True)


def minimum_conditions(rows: pd.DataFrame) -> pd.DataFrame:
    """Return one row per county and round: the minimum conditions met, their number, and the codes of those not
    met (in code order)."""
    data = scored(rows)
    data = data[data["minimum_condition"].astype(bool)]
    columns = ["county_code", "county_name", "round", "round_no", "assessed_date", "met", "conditions", "failed",
               "is_demo"]
    if data.empty:
        return pd.DataFrame(columns=columns)
    out = data.groupby(["county_code", "county_name", "round", "round_no", "assessed_date"], as_index=False,
                       sort=False).agg(met=("met", "sum"), conditions=("met", "count"),
                                       failed=("indicator_code", lambda s: sorted(s[~data.loc[s.index, "met"]])),
                                       is_demo=("is_demo", "any"))
    out["met"] = out["met"].astype(int)
    return out[columns].sort_values(["county_code", "round_no"]).reset_index(drop=True)


def latest(frame: pd.DataFrame) -> pd.DataFrame:
    """Return each county's rows of its latest round (from any frame with county_code and round_no)."""
    if frame.empty:
        return frame
    last = frame.groupby("county_code")["round_no"].transform("max")
    return frame[frame["round_no"] == last]


def area_changes(areas: pd.DataFrame) -> pd.DataFrame:
    """Return one row per county and area scored in the baseline and a later round: the baseline's score, the latest
    round's, and the change in percentage points (latest − baseline)."""
    columns = ["county_code", "county_name", "area", "round", "baseline_pct", "latest_pct", "change_pp", "is_demo"]
    later = latest(areas)
    later = later[later["round_no"] > 0]
    base = areas[areas["round_no"] == 0][["county_code", "area", "score_pct", "is_demo"]]
    if later.empty or base.empty:
        return pd.DataFrame(columns=columns)
    out = later.merge(base, on=["county_code", "area"], suffixes=("", "_baseline"))
    out = out.rename(columns={"score_pct": "latest_pct", "score_pct_baseline": "baseline_pct"})
    out["change_pp"] = out["latest_pct"] - out["baseline_pct"]
    out["is_demo"] = out["is_demo"] | out["is_demo_baseline"]
    return out[columns].reset_index(drop=True)


def indicator_changes(rows: pd.DataFrame) -> pd.DataFrame:
    """Return one row per county and indicator scored in the baseline and the county's latest later round: both
    scores as written, the points out of the maximum, and the change in points and in share of the scale (pp)."""
    columns = ["county_code", "county_name", "area", "indicator_code", "indicator", "minimum_condition", "round",
               "baseline_score", "latest_score", "baseline_points", "latest_points", "out_of", "change_points",
               "change_pp", "is_demo"]
    data = scored(rows)
    later = latest(data)
    later = later[later["round_no"] > 0]
    base = data[data["round_no"] == 0][["county_code", "indicator_code", "score", "points", "share", "is_demo"]]
    if later.empty or base.empty:
        return pd.DataFrame(columns=columns)
    out = later.merge(base, on=["county_code", "indicator_code"], suffixes=("", "_baseline"))
    out = out.rename(columns={"score": "latest_score", "score_baseline": "baseline_score", "points": "latest_points",
                              "points_baseline": "baseline_points"})
    out["change_points"] = out["latest_points"] - out["baseline_points"]
    out["change_pp"] = 100 * (out["share"] - out["share_baseline"])
    out["is_demo"] = out["is_demo"] | out["is_demo_baseline"]
    return out[columns].reset_index(drop=True)


def weakest(rows: pd.DataFrame, count: int = 10) -> pd.DataFrame:
    """Return the `count` weakest indicators of each county's latest round: lowest share of the scale first, then the
    heaviest weight, then the code; minimum conditions not met come first of all."""
    data = latest(scored(rows))
    if data.empty:
        return data
    data = data.assign(unmet_condition=data["minimum_condition"].astype(bool) & ~data["met"])
    data = data.sort_values(["county_code", "unmet_condition", "share", "weight", "indicator_code"],
                            ascending=[True, False, True, False, True])
    return data.groupby("county_code", sort=False).head(count).reset_index(drop=True)
