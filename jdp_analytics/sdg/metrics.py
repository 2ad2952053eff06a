"""SDG localisation: progress status the way the UN SDG progress assessments do it, county scorecards and gaps.

Pure functions on DataFrames (the query results of sdg_catalogue.sql, sdg_observations.sql, sdg_targets.sql),
plus `scorecard(con_or_frames, county_code)` for other parts of the package (results framework, briefs).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from jdp_analytics.common import formatting
from jdp_analytics.common.i18n import N_, _
from jdp_analytics.common.vocabulary import term

BASE_YEAR = 2015  # the 2030 Agenda's base year (UN progress chart; Open SDG / Statistics Canada)
TARGET_YEAR = 2030
ON_TRACK, MODERATE, LIMITED = 0.95, 0.60, 0.0  # ratio R of actual to required growth (Open SDG thresholds)
NO_TARGET_ON_TRACK, NO_TARGET_MODERATE = 0.015, 0.005  # annual growth in the desired direction, without a target
ZERO = 0.001  # replaces a zero base or target: the growth model is exponential (Open SDG)

TARGET_MET = N_("target met")
# The status keys are English in the data and translated where shown: _(status).
STATUS_ORDER = (TARGET_MET, N_("on track"), N_("moderately improving"), N_("stagnating"), N_("deteriorating"),
                N_("insufficient data"), N_("not assessed"))
STATUS_COLOURS = {TARGET_MET: "#1a7f4b", "on track": "#4c9a2a", "moderately improving": "#e3b23c",
                  "stagnating": "#e07b39", "deteriorating": "#c0504d", "insufficient data": "#8c8c8c",
                  "not assessed": "#8c8c8c"}

METHOD = N_(
    "How the status is computed. Following the UN SDG progress chart and the regional commissions' method (as "
    "implemented by Open SDG and Statistics Canada): the observed compound annual growth rate from the base year "
    "(2015, or the first later year with data; the first year when all data are earlier) to the latest year, "
    "CAGRa = (latest / base)^(1 / years) − 1, is compared with the rate needed to reach the target by its year, "
    "CAGRr = (target / base)^(1 / (target year − base year)) − 1, as R = d × CAGRa / |CAGRr|, where d is +1 when "
    "higher is better and −1 when lower is better. On track: R ≥ 0.95; moderately improving (progress made, "
    "acceleration needed): 0.60 ≤ R < 0.95; stagnating (limited progress): 0 ≤ R < 0.60; deteriorating: R < 0. "
    "Target met: the latest value already meets the target (county target where the county set one, else the "
    "national one). Without a numerical target, d × CAGRa is judged instead: ≥ 1.5 % a year on track, 0.5–1.5 % "
    "moderately improving, 0–0.5 % stagnating, below 0 deteriorating. Insufficient data: fewer than two years "
    "with a value. Not assessed: no desired direction (e.g. disability prevalence, a denominator). Statuses use "
    "the headline value (every breakdown 'all'). Most indicators now in the warehouse have one year only (census "
    "2019, KDHS 2022), so no trend can be judged for them: no trend is invented; their row says instead where the "
    "one value stands: above or below Kenya's value of the same year, in percentage points (better or worse by "
    "the desired direction), and how far it is from the target. Kenya's KDHS values are the DHS Program's national "
    "estimates of KDHS 2022 and 2014 for the same reference period as the county values (births in the two years "
    "before the survey); Kenya's own scorecard judges the 2014 to 2022 trend. National health targets come from "
    "the Ministry of Health's KHSSP 2013–2017 (their year and definition are stated under the table); they are "
    "never county targets.")


@dataclass(frozen=True)
class Progress:
    """The progress status of one series, with the figures it was computed from."""

    status: str
    ratio: float | None = None  # R with a target; d × CAGRa without one
    base_year: int | None = None
    latest_year: int | None = None
    note: str = ""


def period_year(period: str) -> int:
    """Return the year a period starts in: '2019' → 2019, fiscal year '2023/24' → 2023."""
    found = re.match(r"\d{4}", str(period))
    if not found:
        raise ValueError(f"{period!r} is not a year or a fiscal year.")
    return int(found.group())


def progress_status(series: pd.DataFrame, higher_is_better: bool | None, target_value: float | None = None,
                    target_year: int | None = None, base_year: int = BASE_YEAR) -> Progress:
    """Return the progress status of a series (columns period, value) towards a target, or on its trend alone."""
    points = (series.dropna(subset=["value"]).assign(year=lambda f: f["period"].map(period_year))
              .drop_duplicates("year", keep="last").sort_values("year"))
    if points.empty:
        return Progress("insufficient data", note="no value")
    if higher_is_better is None or pd.isna(higher_is_better):
        return Progress("not assessed", note="no desired direction: neither higher nor lower is better")
    direction = 1 if higher_is_better else -1
    has_target = target_value is not None and not pd.isna(target_value)
    latest_year, latest = int(points["year"].iloc[-1]), float(points["value"].iloc[-1])
    if has_target and direction * (latest - float(target_value)) >= 0:
        return Progress(TARGET_MET, latest_year=latest_year,
                        note=f"{formatting.number(latest, 1)} in {latest_year} meets the target")
    if len(points) < 2:
        return Progress("insufficient data", latest_year=latest_year, note=f"one year only ({latest_year})")
    earlier = points[points["year"] < latest_year]
    from_base = earlier[earlier["year"] >= base_year]
    base_row = from_base.iloc[0] if not from_base.empty else earlier.iloc[0]
    first_year, first = int(base_row["year"]), float(base_row["value"])
    if min(first, latest) < 0:
        return Progress("not assessed", note="negative values: the growth model needs positive ones")
    first, latest = max(first, ZERO), max(latest, ZERO)
    actual = (latest / first) ** (1 / (latest_year - first_year)) - 1
    if not has_target:
        growth = direction * actual
        status = ("on track" if growth >= NO_TARGET_ON_TRACK else "moderately improving" if growth >= NO_TARGET_MODERATE
                  else "stagnating" if growth >= 0 else "deteriorating")
        return Progress(status, growth, first_year, latest_year, "no numerical target: judged on the trend")
    year = int(target_year or TARGET_YEAR)
    if year <= first_year:
        return Progress("not assessed", None, first_year, latest_year, "the target year is not after the base year")
    required = (max(float(target_value), ZERO) / first) ** (1 / (year - first_year)) - 1
    if required == 0:
        ratio = float("inf") if direction * actual >= 0 else float("-inf")
    else:
        ratio = direction * actual / abs(required)
    status = ("on track" if ratio >= ON_TRACK else "moderately improving" if ratio >= MODERATE
              else "stagnating" if ratio >= LIMITED else "deteriorating")
    return Progress(status, ratio, first_year, latest_year, f"target {formatting.number(target_value, 1)} by {year}")


DIMENSIONS = ("sex", "age_group", "disability", "residence", "other_disaggregation")


def headline(observations: pd.DataFrame) -> pd.DataFrame:
    """Return the rows not broken down by any dimension (every one 'all')."""
    mask = pd.Series(True, index=observations.index)
    for dimension in DIMENSIONS:
        mask &= observations[dimension] == "all"
    return observations[mask]


def pick_target(targets: pd.DataFrame, indicator_code: str, county_code: str | None) -> pd.Series | None:
    """Return the target row that applies: the county's own, else the national one; the nearest year first."""
    rows = targets[targets["indicator_code"] == indicator_code]
    for geo in ([county_code] if county_code else []) + ["KE"]:
        found = rows[rows["geo_code"] == geo].sort_values("target_year")
        if not found.empty:
            return found.iloc[0]
    return None


def _value_text(value, unit: str) -> str:
    if value is None or pd.isna(value):
        return "—"
    return formatting.pct(value) if unit == "percent" else formatting.number(value, 1)


def build_scorecard(catalogue: pd.DataFrame, observations: pd.DataFrame, targets: pd.DataFrame,
                    county_code: str) -> pd.DataFrame:
    """Return one row per catalogue indicator for a county: latest value, national value, target and status."""
    heads = headline(observations)
    empty = heads.iloc[0:0]
    own_rows = dict(tuple(heads[heads["geo_code"] == county_code].groupby("indicator_code", sort=False)))
    kenya_rows = dict(tuple(heads[heads["geo_code"] == "KE"].groupby("indicator_code", sort=False)))
    rows = []
    for ind in catalogue.itertuples():
        own = own_rows.get(ind.indicator_code, empty)
        national = kenya_rows.get(ind.indicator_code, empty)
        target = pick_target(targets, ind.indicator_code, county_code)
        progress = progress_status(own[["period", "value"]], ind.higher_is_better,
                                   None if target is None else target["target_value"],
                                   None if target is None else int(target["target_year"]))
        latest = own.assign(year=own["period"].map(period_year)).sort_values("year").tail(1)
        same_year = national[national["period"].isin(latest["period"])]
        national_value = float(same_year["value"].iloc[0]) if not same_year.empty else None
        latest_value = float(latest["value"].iloc[0]) if not latest.empty else None
        rows.append({
            "sdg_goal": ind.sdg_goal, "indicator_code": ind.indicator_code, "indicator_name": ind.indicator_name,
            "sdg_indicator": ind.sdg_indicator, "sdg_correspondence": ind.sdg_correspondence, "unit": ind.unit,
            "higher_is_better": ind.higher_is_better,
            "latest_period": latest["period"].iloc[0] if not latest.empty else None,
            "latest_value": latest_value,
            "national_value": national_value,
            "national_source": (f"{same_year['publisher'].iloc[0]}, {same_year['source_title'].iloc[0]}"
                                if not same_year.empty and county_code != "KE" else None),
            "as_of": latest["as_of"].iloc[0] if not latest.empty and "as_of" in latest else None,
            "target_value": None if target is None else float(target["target_value"]),
            "target_year": None if target is None else int(target["target_year"]),
            "target_scope": None if target is None else ("county" if target["geo_code"] not in ("KE", None)
                                                         and target["geo_code"] == county_code else "national"),
            "status": progress.status, "ratio": progress.ratio, "years_with_data": own["period"].nunique(),
            "status_note": progress.note,
            "standing": standing(latest_value, None if county_code == "KE" else national_value, ind.unit,
                                 ind.higher_is_better, None if target is None else float(target["target_value"]),
                                 None if target is None else int(target["target_year"]), county_code == "KE",
                                 period_year(latest["period"].iloc[0]) if not latest.empty else None),
            "source": (f"{latest['publisher'].iloc[0]}, {latest['source_title'].iloc[0]}" if not latest.empty
                       else None)})
    frame = pd.DataFrame(rows)
    frame["sdg_goal"] = frame["sdg_goal"].astype("Int64")
    return frame


def _points(difference: float, unit: str) -> str:
    amount = formatting.number(abs(difference), 1)
    return _("{amount} points").format(amount=amount) if unit == "percent" else amount


def standing(value: float | None, kenya: float | None, unit: str, higher_is_better: bool | None,
             target: float | None = None, target_year: int | None = None, is_kenya: bool = False,
             year: int | None = None) -> str:
    """Return where one value stands against Kenya's and the target: 'below Kenya by 9.2 points; target 75.0 %'.

    Read where a series has one year only (no trend can be judged): the comparison a reader can still make.
    'better' or 'worse' is added where the indicator has a desired direction. Each part is one whole template.
    """
    if value is None or pd.isna(value):
        return _("no value")
    directed = higher_is_better is not None and not pd.isna(higher_is_better)
    parts = []
    if kenya is not None and not pd.isna(kenya):
        difference = value - kenya
        by = _points(difference, unit)
        if round(difference, 1) == 0:
            parts.append(_("level with Kenya"))
        elif not directed:
            parts.append((_("above Kenya by {difference}") if difference > 0
                          else _("below Kenya by {difference}")).format(difference=by))
        elif (difference > 0) == bool(higher_is_better):
            parts.append((_("above Kenya by {difference} (better)") if difference > 0
                          else _("below Kenya by {difference} (better)")).format(difference=by))
        else:
            parts.append((_("above Kenya by {difference} (worse)") if difference > 0
                          else _("below Kenya by {difference} (worse)")).format(difference=by))
    elif not is_kenya:
        parts.append(_("Kenya's value of that year not in the sources held"))
    if target is not None and not pd.isna(target):
        shown = _value_text(target, unit)
        to_go = target - value
        reached = directed and ((to_go <= 0) if higher_is_better else (to_go >= 0))
        if reached:
            text = (_("target {target} by {year} met") if target_year else _("target {target} met"))
        elif target_year and year and year > target_year:  # a past target: short of it, not still to go
            text = _("target {target} by {year} not reached ({to_go} short)")
        else:
            text = (_("target {target} by {year} ({to_go} to go)") if target_year
                    else _("target {target} ({to_go} to go)"))
        parts.append(text.format(target=shown, year=target_year, to_go=_points(to_go, unit)))
    else:
        parts.append(_("no numerical target"))
    return "; ".join(parts)


def scorecard(con_or_frames, county_code: str) -> pd.DataFrame:
    """Return a county's SDG scorecard: every indicator with latest value, target and status (see METHOD).

    `con_or_frames` is a warehouse path, a queries.Warehouse, a DuckDB connection, or a dict of the frames
    {'catalogue', 'observations', 'targets'} (the results of sdg_catalogue, sdg_observations, sdg_targets).
    """
    if isinstance(con_or_frames, dict):
        frames = con_or_frames
    else:
        frames = _read_frames(con_or_frames, county_code)
    return build_scorecard(frames["catalogue"], frames["observations"], frames["targets"], county_code)


def _read_frames(source, county_code: str) -> dict[str, pd.DataFrame]:
    from jdp_analytics.warehouse.queries import Warehouse, sql

    params = {"catalogue": {}, "observations": {"indicator_code": "", "county_code": county_code}, "targets": {}}
    names = {"catalogue": "sdg_catalogue", "observations": "sdg_observations", "targets": "sdg_targets"}
    if isinstance(source, (str, Path)):
        source = Warehouse(Path(source))
    if isinstance(source, Warehouse):
        return {key: source.query(name, **params[key]) for key, name in names.items()}
    return {key: source.execute(sql(name), params[key] or None).df() for key, name in names.items()}  # DuckDB


def coverage(catalogue: pd.DataFrame, observations: pd.DataFrame, counties: pd.DataFrame) -> pd.DataFrame:
    """Return one row per county and catalogue indicator: whether any county value exists, and its latest period."""
    heads = observations[observations["geo_code"].isin(counties["county_code"])]
    latest = heads.groupby(["indicator_code", "geo_code"])["period"].max().rename("latest_period").reset_index()
    grid = counties[["county_code", "county_name", "is_jdp_target"]].merge(
        catalogue[["indicator_code", "indicator_name", "sdg_goal", "sdg_indicator"]], how="cross")
    grid = grid.merge(latest, left_on=["indicator_code", "county_code"], right_on=["indicator_code", "geo_code"],
                      how="left").drop(columns="geo_code")
    grid["has_data"] = grid["latest_period"].notna()
    return grid


def gaps_by_county(grid: pd.DataFrame) -> pd.DataFrame:
    """Return per county: indicators with data, indicators missing, and the missing ones' codes."""
    rows = []
    for (code, name, target), part in grid.groupby(["county_code", "county_name", "is_jdp_target"], sort=True):
        missing = part[~part["has_data"]]
        rows.append({"county_code": code, "county_name": name, "is_jdp_target": bool(target),
                     "indicators_with_data": int(part["has_data"].sum()), "indicators_missing": len(missing),
                     "missing": ", ".join(missing["sdg_indicator"].fillna(missing["indicator_code"]))})
    return pd.DataFrame(rows)


def coverage_by_source(observations: pd.DataFrame, counties: pd.DataFrame) -> pd.DataFrame:
    """Return one row per source and period with county values: indicators, counties covered, and as-of date."""
    heads = headline(observations)
    heads = heads[heads["geo_code"].isin(counties["county_code"])]
    if heads.empty:
        return pd.DataFrame(columns=["source", "period", "as_of", "indicators", "counties", "is_demo"])
    heads = heads.assign(source=heads["publisher"] + ", " + heads["source_title"])
    out = heads.groupby(["source", "period"], as_index=False).agg(
        as_of=("as_of", "max"), indicators=("indicator_code", "nunique"), counties=("geo_code", "nunique"),
        is_demo=("is_demo", "max"))
    return out.sort_values(["period", "source"], ascending=[False, True]).reset_index(drop=True)


def shared_gaps(grid: pd.DataFrame) -> list[str] | None:
    """Return the indicator codes every county lacks when all counties lack exactly the same ones, else None."""
    missing = grid[~grid["has_data"]].groupby("county_code")["indicator_code"].apply(frozenset)
    sets = {missing.get(code, frozenset()) for code in grid["county_code"].unique()}
    return sorted(next(iter(sets))) if len(sets) == 1 else None


def nearest_proxies(catalogue: pd.DataFrame, grid: pd.DataFrame, county_code: str) -> dict[str, str]:
    """Return, for each UN indicator, the county's indicators with a value that measure or stand in for it."""
    have = set(grid[(grid["county_code"] == county_code) & grid["has_data"]]["indicator_code"])
    stand_ins = catalogue[catalogue["indicator_code"].isin(have) & catalogue["sdg_indicator"].notna()
                          & (catalogue["sdg_indicator"] != catalogue["indicator_code"])]
    return {code: "; ".join(f"{term(r.indicator_name)} ({_(r.sdg_correspondence)})" for r in part.itertuples())
            for code, part in stand_ins.groupby("sdg_indicator")}


def against_kenya(card: pd.DataFrame) -> tuple[int, int, int]:
    """Return (compared, better, worse): scorecard rows with a value and Kenya's of the same year, by direction."""
    rows = card[card["latest_value"].notna() & card["national_value"].notna() & card["higher_is_better"].notna()]
    difference = (rows["latest_value"] - rows["national_value"]).round(1)
    up = rows["higher_is_better"].astype(bool)
    better = int(((difference > 0) & up).sum() + ((difference < 0) & ~up).sum())
    worse = int(((difference < 0) & up).sum() + ((difference > 0) & ~up).sum())
    return len(rows), better, worse


def targets_met(card: pd.DataFrame) -> tuple[int, int]:
    """Return (met, with a target): scorecard rows with a value, a target and a desired direction, and how many of
    those values already meet their target."""
    rows = card[card["latest_value"].notna() & card["target_value"].notna() & card["higher_is_better"].notna()]
    up = rows["higher_is_better"].astype(bool)
    met = ((rows["latest_value"] >= rows["target_value"]) & up) | ((rows["latest_value"] <= rows["target_value"]) & ~up)
    return int(met.sum()), len(rows)


def summary_cards(card: pd.DataFrame, is_kenya: bool) -> list[tuple[str, str, str]]:
    """Return the scorecard's four headline figures as (label, value, what it counts), judging only what the data
    allow: with one survey round there is no trend, so a county is read against Kenya and the targets; Kenya's own
    scorecard has the KDHS 2014 and 2022 rounds, so it counts the trends those give."""
    with_value = card["latest_value"].notna()
    trends = with_value & (card["years_with_data"] >= 2) & (card["status"] != "not assessed")
    improving = card["status"].isin(["target met", "on track", "moderately improving"]) & trends
    met, targeted = targets_met(card)
    cards = [(_("Indicators with a value"), _("{count} of {total}").format(count=int(with_value.sum()),
                                                                         total=len(card)),
              _("the others have no value yet (see Evidence gaps)"))]
    if is_kenya:
        cards += [(_("With a trend (two rounds or more)"), str(int(trends.sum())),
                   _("KDHS 2014 and 2022; the census has one round")),
                  (_("Improving or on track"), _("{count} of {total}").format(count=int(improving.sum()),
                                                                              total=int(trends.sum())),
                   _("by the method below"))]
    else:
        compared, better, worse = against_kenya(card)
        cards += [(_("Better than Kenya"), _("{count} of {total}").format(count=better, total=compared),
                   _("same year, by the desired direction")),
                  (_("Worse than Kenya"), _("{count} of {total}").format(count=worse, total=compared),
                   _("one survey round: no trend can be judged"))]
    cards.append((_("Targets met"), _("{count} of {total}").format(count=met, total=targeted),
                  _("national targets unless the county set its own")))
    return cards


def against_kenya_sentence(card: pd.DataFrame, name: str) -> str | None:
    """'Of the 11 indicators with Kenya's value of the same year, Kwale does better on 2 and worse on 9.'"""
    compared, better, worse = against_kenya(card)
    if not compared:
        return None
    level = compared - better - worse
    if level:
        return _("Of the {compared} indicators with Kenya's value of the same year, {name} does better than Kenya "
                 "on {better}, worse on {worse} and level on {level}.").format(
            compared=compared, name=name, better=better, worse=worse, level=level)
    return _("Of the {compared} indicators with Kenya's value of the same year, {name} does better than Kenya on "
             "{better} and worse on {worse}.").format(compared=compared, name=name, better=better, worse=worse)
