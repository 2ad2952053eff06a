"""Rules between the assessment's scores and its framework: an indicator absent from the framework version a score
names, a score outside its indicator's scale, and a county assessed twice in one round are refused, each with its fix.
The loader asks them when a file is checked (on the table as the load would leave it) and again inside the load's
transaction, through the registry, so rows loaded in between cannot slip past. A framework row that puts scores
already loaded off its scale is refused too. The SQL is in warehouse/sql (assessment_*.sql)."""

from __future__ import annotations

import pandas as pd

from jdp_analytics.common.i18n import _
from jdp_analytics.geography.counties import COUNTIES
from jdp_analytics.warehouse.area import Broken
from jdp_analytics.warehouse.schema import Problem


def _lowered(frame: pd.DataFrame, column: str) -> pd.DataFrame:
    """The column's text trimmed and in lower case ('Pass ' → 'pass'), empty cells left as they are."""
    if column in frame.columns:
        frame = frame.copy()
        frame[column] = frame[column].where(frame[column].isna(), frame[column].astype("string").str.strip()
                                            .str.lower())
    return frame


def check_scores(frame: pd.DataFrame, con, file: str, first_row: int) -> tuple[pd.DataFrame, list[Problem]]:
    """Write each score as the scale spells it ('Pass' → 'pass'); the rules between kinds (RULES) then run on the
    file as the load would leave the table, before anything is written."""
    return _lowered(frame, "score"), []


def check_framework(frame: pd.DataFrame, con, file: str, first_row: int) -> tuple[pd.DataFrame, list[Problem]]:
    """Write each scale and page as the schema spells them ('Points' → 'points', 'Oversight' → 'oversight')."""
    return _lowered(_lowered(frame, "scale"), "tracked_on"), []


def _rows(con, name: str, load_id: str) -> list[dict]:
    from jdp_analytics.warehouse.queries import sql  # imported here: queries reads the catalog, which reads the areas

    cursor = con.execute(sql(name), {"load_id": load_id})
    columns = [d[0] for d in cursor.description]
    return [dict(zip(columns, row)) for row in cursor.fetchall()]


def unframed(framework: str, version: str, code: str, version_held: bool) -> tuple[str, str]:
    """The message and fix for a score of an indicator absent from the framework version it names."""
    if not version_held:
        return (_("no framework {framework!r} version {version!r} is in the warehouse.").format(
            framework=framework, version=version),
            _("load the framework version first (upload kind assessment_framework), or correct the framework's "
              "name and version."))
    return (_("{framework} version {version} has no indicator {code!r}.").format(framework=framework, version=version,
                                                                               code=code),
            _("use an indicator of that version (the Assessment page lists them), or load the version that has it."))


def off_scale(code: str, score: str, scale: str, max_points, levels: str) -> tuple[str, str]:
    """The message and fix for a score outside its indicator's scale."""
    if scale == "pass/fail":
        return (_("{code} is scored pass or fail; {score!r} is neither.").format(code=code, score=score),
                _("write pass or fail ({levels}).").format(levels=levels))
    return (_("{code} is scored in whole points from 0 to {top}; {score!r} is not on its scale.").format(
        code=code, top=max_points, score=score),
        _("write a whole number from 0 to {top} ({levels}).").format(top=max_points, levels=levels))


def assessed_twice(county: str, round_: str, other_date, framework: str, version: str) -> tuple[str, str]:
    """The message and fix for a county given a second assessment in a round."""
    return (_("{county} was already assessed in the {round} round on {date} against {framework} {version}: a county "
              "is assessed once in a round.").format(county=COUNTIES.get(county, county), round=round_,
                                                     date=other_date, framework=framework, version=version),
            _("give a new assessment the next round (e.g. follow-up 1); to correct this round's scores, give them its "
              "date and framework version."))


def _iso(day) -> str:
    return pd.Timestamp(day).date().isoformat()


def _scores_broken(con, load_id: str) -> list[Broken]:
    """The scores of load `load_id` that name an indicator the framework version lacks, are off their scale, or give
    a county a second assessment in a round."""
    found = []
    for r in _rows(con, "assessment_scores_unframed", load_id):
        message, fix = unframed(r["framework"], r["version"], r["indicator_code"], r["version_held"])
        found.append(Broken((r["county_code"], r["round"], r["indicator_code"]), "indicator_code",
                            r["indicator_code"], message, fix))
    for r in _rows(con, "assessment_scores_off_scale", load_id):
        if r["by_framework"]:
            continue  # reported on the framework's row when the framework is loaded
        message, fix = off_scale(r["indicator_code"], r["score"], r["scale"], r["max_points"], r["levels"])
        found.append(Broken((r["county_code"], r["round"], r["indicator_code"]), "score", r["score"], message, fix))
    for r in _rows(con, "assessment_rounds_twice", load_id):
        message, fix = assessed_twice(r["county_code"], r["round"], _iso(r["other_date"]), r["other_framework"],
                                      r["other_version"])
        found.append(Broken((r["county_code"], r["round"], r["indicator_code"]), "assessed_date",
                            _iso(r["assessed_date"]), message, fix))
    return found


def _framework_broken(con, load_id: str) -> list[Broken]:
    """The framework rows of load `load_id` that put scores already loaded off their scale."""
    found = []
    for r in _rows(con, "assessment_scores_off_scale", load_id):
        if not r["by_framework"]:
            continue
        found.append(Broken(
            (r["framework"], r["version"], r["indicator_code"]), "scale", r["scale"],
            _("{county}'s {round} score {score!r} of {code} would be off this scale: a version that has scores keeps "
              "its scales.").format(county=COUNTIES.get(r["county_code"], r["county_code"]), round=r["round"],
                                    score=r["score"], code=r["indicator_code"]),
            _("load the changed indicator as a new version (e.g. {version}.1), or keep its scale.").format(
                version=r["version"])))
    return found


RULES = {"fact_assessment_score": _scores_broken, "dim_assessment_indicator": _framework_broken}
