"""What the SDG pages show, assembled from query results without Streamlit: explorer, scorecard and gaps tables."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from jdp_analytics.common import formatting
from jdp_analytics.common.i18n import N_, _
from jdp_analytics.common.measures import Measure
from jdp_analytics.common.presentation import ExportTable, citation, file_stem, source_line
from jdp_analytics.common.vocabulary import term, terms
from jdp_analytics.sdg import metrics

GOAL_NAMES = {1: N_("No poverty"), 2: N_("Zero hunger"), 3: N_("Good health and well-being"),
              4: N_("Quality education"), 5: N_("Gender equality"), 6: N_("Clean water and sanitation"),
              7: N_("Affordable and clean energy"), 8: N_("Decent work and economic growth"),
              9: N_("Industry, innovation and infrastructure"), 10: N_("Reduced inequalities"),
              11: N_("Sustainable cities and communities"), 12: N_("Responsible consumption and production"),
              13: N_("Climate action"), 14: N_("Life below water"), 15: N_("Life on land"),
              16: N_("Peace, justice and strong institutions"), 17: N_("Partnerships for the goals")}
CORRESPONDENCE = {"same definition": N_("same definition"), "proxy": N_("proxy")}  # catalogue values, shown as _()
DIMENSION_LABELS = {"sex": N_("Sex"), "age_group": N_("Age group"), "disability": N_("Disability"),
                    "residence": N_("Urban / rural"), "other_disaggregation": N_("Other breakdown")}


def goal_label(goal) -> str:
    """Return 'SDG 5 · Gender equality', or the heading of indicators outside the SDG framework."""
    if goal is None or pd.isna(goal):
        return _("Other service indicators (no SDG code)")
    name = GOAL_NAMES.get(int(goal), "")
    return f"SDG {int(goal)} · {_(name) if name else ''}"


def indicator_label(row) -> str:
    """Return the picker label of an indicator: name, then the UN code it is or stands in for."""
    name = term(row["indicator_name"])
    if pd.notna(row["sdg_indicator"]) and row["sdg_indicator"] != row["indicator_code"]:
        relation = row["sdg_correspondence"]
        return _("{name} · {relation} of {code}").format(name=name, relation=_(CORRESPONDENCE.get(relation, relation)),
                                                          code=row["sdg_indicator"])
    if pd.notna(row["sdg_indicator"]):
        return f"{row['sdg_indicator']} {name}"
    return name


def measure_of(row) -> Measure:
    """Return the map and ranking measure of a catalogue row."""
    better = None if pd.isna(row["higher_is_better"]) else bool(row["higher_is_better"])
    return Measure(row["indicator_code"], term(row["indicator_name"]), "pct" if row["unit"] == "percent" else "number",
                   better)


@dataclass(frozen=True)
class Explorer:
    """One indicator across the counties: latest values, the Kenya value, trend and breakdown."""

    period: str | None  # the latest period with county values
    values: pd.DataFrame  # one row per county: county_code, county_name, is_jdp_target, value, flag, source …
    national: float | None  # Kenya's headline value in that period
    trend: pd.DataFrame  # period, place, value
    breakdown: pd.DataFrame  # dimension, group, value (the selected place, latest period)
    place_name: str
    source: str


def explorer(observations: pd.DataFrame, counties: pd.DataFrame, county_code: str | None) -> Explorer:
    """Return the explorer's figures of one indicator's observations for the selected county (None = Kenya)."""
    heads = metrics.headline(observations)
    county_rows = heads[heads["geo_code"].isin(counties["county_code"])]
    period = None
    if not county_rows.empty:
        period = max(county_rows["period"], key=metrics.period_year)
    latest = county_rows[county_rows["period"] == period]
    values = counties[["county_code", "county_name", "is_jdp_target"]].merge(
        latest[["geo_code", "value", "period", "publisher", "source_title", "as_of", "is_demo"]].rename(
            columns={"geo_code": "county_code"}), on="county_code", how="left").assign(flag=None)
    kenya = heads[heads["geo_code"] == "KE"]
    national = kenya[kenya["period"] == period]["value"]
    place = county_code or "KE"
    names = dict(zip(counties["county_code"], counties["county_name"]))
    place_name = names.get(county_code, "Kenya") if county_code else "Kenya"
    trend_parts = [kenya.assign(place="Kenya")]
    if county_code:
        trend_parts.append(heads[heads["geo_code"] == county_code].assign(place=place_name))
    medians = county_rows.groupby("period", as_index=False)["value"].median().assign(place="Median of counties")
    trend = pd.concat([*(p[["period", "value", "place"]] for p in trend_parts), medians], ignore_index=True)
    trend = trend.assign(year=trend["period"].map(metrics.period_year)).sort_values(["place", "year"])
    return Explorer(period, values, float(national.iloc[0]) if not national.empty else None, trend,
                    breakdown(observations, place, period), place_name, source_line(observations))


def kenya_line(ex: Explorer, measure: Measure) -> str:
    """Return 'Kenya 18.0 % in 2022', or say that Kenya's value of that year is not in the sources held."""
    if ex.period is None:
        return _("no county values")
    if ex.national is None:
        return _("Kenya's {period} value is not in the sources held").format(period=ex.period)
    return _("Kenya {value} in {period}").format(value=measure.format(ex.national), period=ex.period)


def ward_table(observations: pd.DataFrame, county_code: str | None, row) -> ExportTable | None:
    """Return the headline values of the county's wards, latest period of each ward; None when there are none."""
    heads = metrics.headline(observations)
    wards = heads[heads["ward_code"].notna() & (heads["county_code"] == county_code)] if county_code else heads[[]]
    if wards.empty:
        return None
    wards = wards.assign(year=wards["period"].map(metrics.period_year)).sort_values("year").drop_duplicates(
        "ward_code", keep="last").sort_values("value", ascending=lower_is_better(row))
    shown = pd.DataFrame({_("Ward"): wards["ward_name"],
                          _("Value"): [measure_of(row).format(v) for v in wards["value"]],
                          _("Period"): wards["period"]})
    data = wards[["ward_code", "ward_name", "county_code", "period", "value"]]
    return ExportTable(shown, data, file_stem(row["indicator_code"], _("wards"), county_code), citation(wards),
                       bool(wards["is_demo"].fillna(False).astype(bool).any()))


def breakdown(observations: pd.DataFrame, geo_code: str, period: str | None) -> pd.DataFrame:
    """Return a place's values in a period broken down by exactly one dimension: dimension, group, value."""
    rows = observations[(observations["geo_code"] == geo_code) & (observations["period"] == period)]
    broken = (rows[list(metrics.DIMENSIONS)] != "all").sum(axis=1)
    out = [{"dimension": "All", "group": "all", "value": value} for value in metrics.headline(rows)["value"]]
    for row in rows[broken == 1].itertuples():
        dimension = next(d for d in metrics.DIMENSIONS if getattr(row, d) != "all")
        out.append({"dimension": DIMENSION_LABELS[dimension], "group": getattr(row, dimension), "value": row.value})
    return pd.DataFrame(out, columns=["dimension", "group", "value"])


def lower_is_better(row) -> bool:
    """Return True when the indicator's desired direction is down (stunting, no vaccination)."""
    return not pd.isna(row["higher_is_better"]) and not bool(row["higher_is_better"])


def ranking_table(ex: Explorer, row) -> ExportTable:
    """Return the 47-county table of the explorer: rank (1 = best), county, value, and the Kenya value."""
    data = ex.values.sort_values("value", ascending=lower_is_better(row), na_position="last")
    data = data.assign(rank=data["value"].rank(ascending=lower_is_better(row), method="min"))
    shown = pd.DataFrame({_("Rank"): data["rank"].astype("Int64"), _("County"): data["county_name"],
                          _("JDP target"): data["is_jdp_target"].map({True: _("yes"), False: ""}),
                          _("Value"): [measure_of(row).format(v) for v in data["value"]],
                          _("Period"): data["period"]})
    exact = data[["county_code", "county_name", "is_jdp_target", "period", "value"]].assign(
        indicator_code=row["indicator_code"], kenya_value=ex.national)
    return ExportTable(shown, exact, file_stem(row["indicator_code"], _("counties"), ex.period or ""),
                       citation(ex.values), bool(ex.values["is_demo"].fillna(False).astype(bool).any()))


def metadata(row, targets: pd.DataFrame) -> pd.DataFrame:
    """Return the indicator's metadata as Open SDG's metadata tab lists it: field and value."""
    own = targets[targets["indicator_code"] == row["indicator_code"]]
    target_text = "; ".join(_("{place}: {value} by {year} ({basis})").format(
        place="Kenya" if t.geo_code == "KE" else _("county {code}").format(code=t.geo_code),
        value=formatting.number(t.target_value, 1), year=t.target_year, basis=t.basis)
        for t in own.itertuples()) or _("none in the warehouse")
    direction = {True: _("higher is better"), False: _("lower is better")}.get(
        None if pd.isna(row["higher_is_better"]) else bool(row["higher_is_better"]), _("no desired direction"))
    observed = _("{observations} ({counties} counties, {periods} period(s), latest {latest})").format(
        observations=row["observations"], counties=row["counties"], periods=row["periods"],
        latest=row["latest_period"] or "—")
    relation = row["sdg_correspondence"]
    relation = _(CORRESPONDENCE[relation]) if relation in CORRESPONDENCE else relation
    fields = [
        (_("Indicator code"), row["indicator_code"]), (_("Name"), term(row["indicator_name"])),
        (_("SDG goal"), goal_label(row["sdg_goal"])), (_("SDG target"), row["sdg_target"]),
        (_("UN global indicator"), row["sdg_indicator"]),
        (_("Relation to the UN indicator"), relation),
        (_("Code scheme"), row["code_scheme"]), (_("Unit"), term(row["unit"])),
        (_("Population"), term(row["population"])),
        (_("Direction"), direction), (_("Definition"), row["definition"]), (_("Method"), row["method"]),
        (_("Targets"), target_text), (_("Source"), f"{row['publisher']}, {row['source_title']}"),
        (_("Licence"), row["licence"]), (_("As of"), formatting.as_of(row["as_of"])), (_("Address"), row["url"]),
        (_("Observations in the warehouse"), observed)]
    return pd.DataFrame([(f, "—" if v is None or (not isinstance(v, str) and pd.isna(v)) else str(v))
                         for f, v in fields], columns=[_("Field"), _("Value")])


NBSP = "\u00a0"  # keeps '18.0 %' and '31 Jul 2022' on one line where a table cell wraps
STATUS_ICON = {"target met": "●", "on track": "●", "moderately improving": "◐", "stagnating": "○",
               "deteriorating": "▼", "insufficient data": "·", "not assessed": "·"}


def status_text(status: str, standing: str, value=None, scope: str | None = None) -> str:
    """Return the status cell: the progress status, or for one year only where that value stands; a target met is
    said to be the national one where it is (never a county's own target)."""
    if status == "target met" and scope == "national":
        return f"{STATUS_ICON[status]} " + _("national target met")
    if status == "insufficient data" and (value is None or pd.isna(value)):
        return "· " + _("no value yet (see Evidence gaps)")
    if status == "insufficient data" and standing:
        return "◌ " + _("one year only: {standing}").format(standing=standing)
    return f"{STATUS_ICON.get(status, '·')} {_(status)}"


def target_notes(card: pd.DataFrame, targets: pd.DataFrame, geo_code: str) -> list[str]:
    """Return, for each target the scorecard applies, its indicator and the document and wording that set it (a
    national plan's definition may differ from the survey's: the basis says so)."""
    used = card[card["target_value"].notna()]
    notes = []
    for row in used.itertuples():
        found = targets[(targets["indicator_code"] == row.indicator_code)
                        & (targets["geo_code"] == (geo_code if row.target_scope == "county" else "KE"))
                        & (targets["target_year"] == row.target_year)]
        if len(found):
            notes.append(_("Target of {indicator}: {basis} ({publisher}).").format(
                indicator=term(row.indicator_name), basis=found["basis"].iloc[0], publisher=found["publisher"].iloc[0]))
    return notes


def scorecard_table(card: pd.DataFrame, place_name: str) -> ExportTable:
    """Return the scorecard as shown (formatted, grouped by SDG) and as exported (exact values)."""
    def fmt(value, unit):
        return "—" if value is None or pd.isna(value) else (formatting.pct(value).replace(" ", NBSP)
                                                            if unit == "percent" else formatting.number(value, 1))

    def target(value, unit, year, scope):
        if pd.isna(value):
            return _("none set")
        text = _("{target} by {year} (county)") if scope == "county" else _(
            "{target} by {year} (national)")
        return text.format(target=fmt(value, unit), year=int(year))
    shown = pd.DataFrame({
        _("SDG"): [goal_label(g) for g in card["sdg_goal"]],
        _("Indicator"): terms(card["indicator_name"]),
        _("UN code"): [("" if pd.isna(s) else s) + ("" if pd.isna(c) or c == "global"
                                                     else f" ({_(CORRESPONDENCE.get(c, c))})")
                       for s, c in zip(card["sdg_indicator"], card["sdg_correspondence"])],
        _("Latest"): [_("{value} ({period})").format(value=fmt(v, u), period=p) if pd.notna(v) else _("no value")
                      for v, u, p in zip(card["latest_value"], card["unit"], card["latest_period"])],
        _("Kenya"): [fmt(v, u) for v, u in zip(card["national_value"], card["unit"])],
        _("As of"): ["—" if pd.isna(a) else formatting.as_of(a).replace(" ", NBSP) for a in card["as_of"]],
        _("Target"): [target(v, u, y, s) for v, u, y, s in zip(card["target_value"], card["unit"],
                                                              card["target_year"], card["target_scope"])],
        _("Status"): [status_text(s, t, v, scope) for s, t, v, scope in zip(card["status"], card["standing"],
                                                                            card["latest_value"],
                                                                            card["target_scope"])]})
    sources = sorted({s for s in card["source"].dropna()} | {s for s in card["national_source"].dropna()})
    return ExportTable(shown, card, file_stem(_("sdg-scorecard"), place_name), "; ".join(sources) or _("no values"))


def coverage_matrix(grid: pd.DataFrame, catalogue: pd.DataFrame, county_codes) -> pd.DataFrame:
    """Return catalogue indicators × the given counties, each cell the latest period with a value or '—' (a gap)."""
    rows = grid[grid["county_code"].isin(county_codes)]
    matrix = rows.pivot_table(index=["indicator_code", "indicator_name"], columns="county_name",
                              values="latest_period", aggfunc="first", dropna=False)
    matrix = matrix.reindex(catalogue.set_index(["indicator_code", "indicator_name"]).index).fillna("—")
    matrix = matrix.reset_index().assign(indicator_name=lambda m: terms(m["indicator_name"]))
    return matrix.rename(columns={"indicator_code": _("Code"), "indicator_name": _("Indicator")})


def gaps_table(gaps: pd.DataFrame, total: int) -> ExportTable:
    """Return the per-county evidence gaps: indicators with and without a value, targets first."""
    data = gaps.sort_values(["is_jdp_target", "indicators_missing", "county_name"], ascending=[False, False, True])
    shown = pd.DataFrame({_("County"): data["county_name"],
                          _("JDP target"): data["is_jdp_target"].map({True: _("yes"), False: ""}),
                          _("With a value (of {total})").format(total=total): data["indicators_with_data"],
                          _("Missing"): data["indicators_missing"], _("Missing indicators (UN code or own code)"):
                          data["missing"]})
    return ExportTable(shown, data, _("sdg-evidence-gaps"), _("JDP Analytics indicator catalogue and warehouse"))


def sources_table(sources: pd.DataFrame) -> ExportTable:
    """Return the sources of county values: source, year, indicators, counties covered, as of."""
    shown = pd.DataFrame({_("Source"): sources["source"], _("Year"): sources["period"],
                          _("Indicators with county values"): sources["indicators"],
                          _("Counties covered"): [_("{count} of 47").format(count=n) for n in sources["counties"]],
                          _("As of"): [formatting.as_of(None if pd.isna(a) else a) for a in sources["as_of"]]})
    return ExportTable(shown, sources, _("sdg-evidence-sources"), "; ".join(sorted(set(sources["source"])))
                       or _("no county values"), bool(sources["is_demo"].fillna(False).astype(bool).any()))


def same_gaps_text(common: list[str], sources: pd.DataFrame, counties: int) -> str:
    """Return why the gaps are the same for every county, naming the sources that cover them all alike."""
    years = ", ".join(sorted(set(sources["period"]), reverse=True)) or _("none")
    return _("Every one of the {counties} counties lacks the same {count} indicators. The county values in the "
             "warehouse come from {sources} public sources ({years}) that cover the counties alike (table below), so "
             "counties differ in their values, not in their gaps. The gaps are UN global indicators for which no "
             "county series has been loaded; a county's own figures (Upload data: template or Open SDG file) close "
             "its gaps and make its row here differ.").format(counties=counties, count=len(common),
                                                              sources=len(sources), years=years)


def county_gaps(own: pd.DataFrame, proxies: dict[str, str]) -> pd.DataFrame:
    """Return a county's gaps: SDG, UN code, indicator, and the stand-in with a value the county has, if any."""
    return pd.DataFrame({_("UN code"): own["sdg_indicator"].fillna(own["indicator_code"]),
                         _("SDG"): [goal_label(g) for g in own["sdg_goal"]],
                         _("Indicator"): terms(own["indicator_name"]),
                         _("Stand-in with a value"): [proxies.get(c, _("none")) for c in own["indicator_code"]]})
