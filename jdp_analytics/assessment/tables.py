"""Tables of the governance and service-delivery assessment (issue 34): the framework (areas, indicators, their
questions, scales, weights and evidence, versions kept side by side) and the scores each county received in each round,
with the evidence the assessors saw."""

from __future__ import annotations

import re

import pandas as pd

from jdp_analytics.common.i18n import N_
from jdp_analytics.warehouse.schema import Column, RowRule, Table, county_code_column, load_id_column, source_id_column

PASS_FAIL, POINTS = "pass/fail", "points"
SCALES = (PASS_FAIL, POINTS)
PASS, FAIL = "pass", "fail"
MAX_POINTS = 10  # no assessment scale the programme follows has more levels (KDSP ACPA measures score 0 to 3 or 5)
BASELINE = "baseline"
ROUND_PATTERN = r"^(baseline|follow-up [1-9][0-9]?)$"
VERSION_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,19}$"
INDICATOR_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,15}$"
# The pages an indicator may name as the one that tracks it (their paths; the page shows them by title).
TRACKED_ON = ("participation", "accountability", "proposals", "budget", "budget_composition", "oversight",
              "sdg_explorer", "sdg_scorecard", "sdg_gaps", "progress", "programme_finance")
LEVEL = re.compile(r"^\s*([^:;]+?)\s*:\s*([^;]*\S)\s*$")


def levels_given(levels: str) -> dict[str, str]:
    """Return the levels a framework row describes, {'0': 'no plan', '1': '…'} from '0: no plan; 1: …' ({} when a
    part has no 'level: description')."""
    found = {}
    for part in str(levels).split(";"):
        match = LEVEL.match(part)
        if not match:
            return {}
        found[match[1].casefold()] = match[2]
    return found


def levels_expected(scale: str, max_points) -> list[str]:
    """The levels a scale has: pass and fail, or every whole number of points from 0 to the maximum."""
    if scale == PASS_FAIL:
        return [PASS, FAIL]
    if pd.isna(max_points) or not 1 <= max_points <= MAX_POINTS:
        return []  # no maximum, or one out of bounds: the column's own check says so (a 1e9 would list a billion)
    return [str(n) for n in range(int(max_points) + 1)]


def _maxima(f: pd.DataFrame) -> pd.Series:
    return f["max_points"] if "max_points" in f else pd.Series(pd.NA, index=f.index)


def _levels_described(f: pd.DataFrame) -> pd.Series:
    expected = [levels_expected(scale, top) for scale, top in zip(f["scale"], _maxima(f))]
    return pd.Series([not wanted or sorted(levels_given(text)) == sorted(wanted)  # no maximum: its own rule says so
                      for text, wanted in zip(f["levels"], expected)], index=f.index, dtype=bool)


DIM_ASSESSMENT_INDICATOR = Table(
    "dim_assessment_indicator",
    N_("The assessment framework: for each framework and version, its areas and indicators, the question the "
       "assessors answer, the scale (pass/fail, or points from 0 to a maximum with each level described), the "
       "indicator's weight in its area, the evidence required, and whether it is a minimum condition. Versions are "
       "kept side by side: a round is scored against the version its scores name. The project ships a default "
       "framework (JDP governance and service-delivery assessment, 2024.1); a programme loads its own as another "
       "framework or version."),
    (
        Column("framework", "VARCHAR", N_("The framework's name, e.g. 'JDP governance and service-delivery "
               "assessment'.")),
        Column("version", "VARCHAR", N_("The framework's version, e.g. 2024.1: changed questions, scales or weights "
               "are a new version, so that rounds scored before keep their scores."), pattern=VERSION_PATTERN,
               pattern_hint=N_("letters, digits, '.', '_' or '-', at most 20 characters, e.g. 2024.1")),
        Column("area", "VARCHAR", N_("The area the indicator belongs to (public financial management, planning and "
               "monitoring …); minimum conditions are an area of their own.")),
        Column("indicator_code", "VARCHAR", N_("The indicator's code within the version, e.g. PFM2."),
               pattern=INDICATOR_PATTERN,
               pattern_hint=N_("letters, digits, '.', '_' or '-', at most 16 characters, e.g. PFM2")),
        Column("indicator", "VARCHAR", N_("The indicator's short name.")),
        Column("question", "VARCHAR", N_("The question the assessors answer.")),
        Column("scale", "VARCHAR", N_("How the indicator is scored: pass/fail, or points from 0 to max_points."),
               allowed=SCALES),
        Column("max_points", "INTEGER", N_("The highest score of a points scale; empty for pass/fail."),
               required=False, min=1, max=MAX_POINTS),
        Column("levels", "VARCHAR", N_("Each level described, 'level: description' separated by ';': "
               "'pass: …; fail: …', or '0: …; 1: …; 2: …' up to max_points.")),
        Column("weight", "DOUBLE", N_("The indicator's weight in its area's score (0 leaves it out). Area score = "
               "sum(weight × score / max) / sum(weight), as a percentage, over the area's indicators scored in the "
               "round; a pass counts 1 of 1, a fail 0."), min=0, max=100),
        Column("evidence_required", "VARCHAR", N_("The evidence the assessors must see to give the score.")),
        Column("minimum_condition", "BOOLEAN", N_("True for a minimum condition: counted as met (a pass, or full "
               "points) or not, and left out of the area scores.")),
        Column("basis", "VARCHAR", N_("The documents and sections of the law the indicator follows."),
               required=False),
        Column("tracked_on", "VARCHAR", N_("The app page that tracks the indicator between rounds, where one does "
               "(its path, e.g. budget or oversight)."), required=False, allowed=TRACKED_ON),
        Column("result_indicator", "VARCHAR", N_("The results framework indicator that tracks it, where one does "
               "(its code, e.g. O1.2.a)."), required=False),
        source_id_column(),
        load_id_column(),
    ),
    key=("framework", "version", "indicator_code"),
    group="dimension",
    rules=(
        RowRule("max_points", ("max_points", "scale"), lambda f: f["scale"] == POINTS,
                N_("max_points is given for a pass/fail indicator."),
                N_("leave max_points empty for pass/fail, or set the scale to points.")),
        RowRule("max_points", ("scale",), lambda f: (f["scale"] != POINTS) | _maxima(f).notna(),
                N_("a points scale has no max_points."),
                N_("give the highest score in max_points (1 to 10).")),
        RowRule("levels", ("levels", "scale"), _levels_described,
                N_("the levels do not describe each level of the scale (pass and fail, or every score from 0 to "
                   "max_points)."),
                N_("write each level as 'level: description' separated by ';', e.g. 'pass: adopted by the assembly; "
                   "fail: not adopted' or '0: none; 1: drafted; 2: adopted'.")),
    ),
)

FACT_ASSESSMENT_SCORE = Table(
    "fact_assessment_score",
    N_("The assessment's scores: for each county and round (the baseline, then follow-up 1, 2 …) the date it was "
       "assessed, the framework version it was scored against, and per indicator the score, the evidence the "
       "assessors saw and who assessed it. A county has one assessment per round; a score must be on the "
       "indicator's scale, and the indicator in the version named."),
    (
        county_code_column(),
        Column("round", "VARCHAR", N_("The round: baseline, or follow-up 1, follow-up 2 …"), pattern=ROUND_PATTERN,
               pattern_hint=N_("'baseline' or 'follow-up N', e.g. follow-up 1")),
        Column("assessed_date", "DATE", N_("The date the county was assessed (the assessors' visit or its last "
               "day)."), not_future=True),
        Column("framework", "VARCHAR", N_("The framework the round was scored against, as the framework names it.")),
        Column("version", "VARCHAR", N_("The framework's version the round was scored against."),
               pattern=VERSION_PATTERN, pattern_hint=N_("letters, digits, '.', '_' or '-', at most 20 characters, "
                                                        "e.g. 2024.1")),
        Column("indicator_code", "VARCHAR", N_("The indicator scored, by its code in that version."),
               pattern=INDICATOR_PATTERN,
               pattern_hint=N_("letters, digits, '.', '_' or '-', at most 16 characters, e.g. PFM2")),
        Column("score", "VARCHAR", N_("The score: pass or fail, or the whole number of points (0 to the indicator's "
               "max_points).")),
        Column("evidence_seen", "VARCHAR", N_("The evidence the assessors saw for the score (documents, minutes, "
               "addresses).")),
        Column("assessor", "VARCHAR", N_("Who assessed it: the firm or team.")),
        Column("note", "VARCHAR", N_("What a reader should know about the score."), required=False),
        source_id_column(),
        load_id_column(),
    ),
    key=("county_code", "round", "indicator_code"),
    group="fact",
)
