"""The Assessment page's model (and the brief's section, the workbook's sheet and the quarterly report's annex, which
read it too): a county's area scores and minimum conditions met, the counties side by side, the change since the
baseline per area and indicator, the weakest indicators with the evidence behind their scores, where each indicator
is tracked between rounds, and the framework itself."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd

from jdp_analytics.assessment import charts, framework, metrics
from jdp_analytics.assessment.metrics import round_label
from jdp_analytics.common import demonstration, formatting
from jdp_analytics.common.i18n import N_, _
from jdp_analytics.common.presentation import Card, ExportTable, citation, file_stem, source_line
from jdp_analytics.common.vocabulary import terms
from jdp_analytics.geography.counties import COUNTIES
from jdp_analytics.participation.views import Chart

PAGE = "assessment"
WEAKEST = 10  # indicators listed as a county's weakest
# The pages an indicator can be tracked on, by the title the navigation gives them (app.py).
PAGE_TITLES = {"participation": N_("Participation"), "accountability": N_("Social accountability"),
               "proposals": N_("From proposals to budget"), "budget": N_("Budget execution"),
               "budget_composition": N_("Budget composition"), "oversight": N_("Oversight"),
               "sdg_explorer": N_("Indicator explorer"), "sdg_scorecard": N_("County SDG scorecard"),
               "sdg_gaps": N_("Evidence gaps"), "progress": N_("Progress"),
               "programme_finance": N_("Programme finance")}
SCORES_SHOW = N_("This page would show the county's score in each area of the governance and service-delivery "
                 "assessment, the minimum conditions met, the change since the baseline per area and indicator, the "
                 "weakest indicators with the evidence the assessors saw, and the counties side by side.")

NO_ROUND = N_("No assessment round is loaded for this selection: Area scores says who holds the scores and how to "
              "load them.")


def deep_link(page: str, county_code: str | None, fiscal_year: str, demo: bool = False) -> str:
    """Return the path that opens an app page on the county and year: '/oversight?county=002&fy=2024/25' (with
    &demo=1 when the figures shown are generated). Page, county and year are the app's own values, never loaded
    text."""
    return f"/{page}?county={county_code or 'all'}&fy={fiscal_year}" + ("&demo=1" if demo else "")


def _demo(rows: pd.DataFrame) -> bool:
    return demonstration.is_demo(rows)


def _day(value) -> str:
    return "–" if value is None or pd.isna(value) else formatting.as_of(pd.Timestamp(value))


def score_words(score: str, out_of) -> str:
    """A score as a reader reads it: 'pass', 'fail' or '1 of 2'."""
    if score in ("pass", "fail"):
        return _(score)
    return _("{points} of {top}").format(points=score, top=int(out_of))


def framework_in_use(rows: pd.DataFrame, frameworks: pd.DataFrame) -> tuple[str, str]:
    """Return the framework and version the county's latest round names; without scores, the project's default when
    held, else the first version held."""
    if len(rows):
        last = metrics.latest(metrics.scored(rows)).iloc[0]
        return last["framework"], last["version"]
    held = set(zip(frameworks["framework"], frameworks["version"]))
    if (framework.FRAMEWORK, framework.VERSION) in held or not held:
        return framework.FRAMEWORK, framework.VERSION
    return sorted(held)[0]


def areas_table(areas: pd.DataFrame, name: str, source_rows: pd.DataFrame) -> ExportTable:
    """A county's area scores, one column per round (baseline and the latest), and the change."""
    wide = areas.pivot_table(index="area", columns="round_no", values="score_pct", aggfunc="first")
    rounds = areas.drop_duplicates("round_no").set_index("round_no")["round"]
    shown = pd.DataFrame({_("Area"): [_(a) for a in wide.index]})
    for number in wide.columns:
        shown[_("{round} (%)").format(round=round_label(rounds[number]))] = [formatting.pct(v) if pd.notna(v) else "–"
                                                                             for v in wide[number]]
    if len(wide.columns) > 1:
        first, last = wide.columns[0], wide.columns[-1]
        shown[_("Change")] = [formatting.points(c) if pd.notna(c) else "–" for c in wide[last] - wide[first]]
    counts = areas.groupby("area")["indicators"].max().reindex(wide.index)
    shown[_("Indicators")] = counts.to_numpy()
    return ExportTable(shown, areas, file_stem(name, _("assessment-area-scores")), citation(source_rows),
                       _demo(source_rows))


def conditions_table(rows: pd.DataFrame, name: str) -> ExportTable:
    """A county's minimum conditions in its latest round: met or not, the score, the evidence seen and the
    assessor."""
    data = metrics.latest(metrics.scored(rows))
    data = data[data["minimum_condition"].astype(bool)]
    shown = pd.DataFrame({
        _("Code"): data["indicator_code"], _("Minimum condition"): [_(i) for i in data["indicator"]],
        _("Met"): [_("met") if m else _("not met") for m in data["met"]],
        _("Score"): [score_words(s, o) for s, o in zip(data["score"], data["out_of"])],
        _("Evidence seen"): terms(data["evidence_seen"]), _("Assessor"): terms(data["assessor"])})
    return ExportTable(shown.reset_index(drop=True), data.reset_index(drop=True),
                       file_stem(name, _("assessment-minimum-conditions")), citation(rows), _demo(rows))


def conditions_sentence(conditions: pd.DataFrame, rows: pd.DataFrame, name: str) -> str:
    """Return '{name} met 3 of 5 minimum conditions in follow-up 1 (assessed 6 Oct 2025); not met: …'."""
    last = metrics.latest(conditions).iloc[0]
    indicators = dict(zip(rows["indicator_code"], rows["indicator"]))
    failed = formatting.all_of(_("{indicator} ({code})").format(indicator=_(indicators[c]), code=c)
                               for c in last["failed"])
    sentence = _("{name} met {met} of {total} minimum conditions in the {round} round (assessed {date}).").format(
        name=name, met=last["met"], total=last["conditions"], round=round_label(last["round"]),
        date=_day(last["assessed_date"]))
    if failed:
        sentence += " " + _("Not met: {failed}.").format(failed=failed)
    return demonstration.mark(sentence, bool(last["is_demo"]))


def largest_changes_sentence(changed: pd.DataFrame, name: str) -> str:
    """Return the largest rise and the largest fall of an area score since the baseline, in words."""
    if changed.empty:
        return ""
    rise, fall = changed.loc[changed["change_pp"].idxmax()], changed.loc[changed["change_pp"].idxmin()]
    risen, fallen = rise["area"], fall["area"]  # areas are passed to _() by a plain name (Babel's extraction)
    parts = []
    if rise["change_pp"] > 0:
        parts.append(_("{area} rose most, {change} ({before} → {after})").format(
            area=_(risen), change=formatting.points(rise["change_pp"]),
            before=formatting.pct(rise["baseline_pct"]), after=formatting.pct(rise["latest_pct"])))
    if fall["change_pp"] < 0:
        parts.append(_("{area} fell most, {change} ({before} → {after})").format(
            area=_(fallen), change=formatting.points(fall["change_pp"]),
            before=formatting.pct(fall["baseline_pct"]), after=formatting.pct(fall["latest_pct"])))
    if not parts:
        return demonstration.mark(_("{name}: no area score changed since the baseline.").format(name=name),
                                  bool(changed["is_demo"].any()))
    return demonstration.mark(_("{name}, since the baseline: {changes}.").format(
        name=name, changes="; ".join(parts)), bool(changed["is_demo"].any()))


def side_table(areas: pd.DataFrame, conditions: pd.DataFrame, every_county: bool,
               source_rows: pd.DataFrame) -> ExportTable:
    """Every county with a round: its latest round and date, each area's score (%) and the minimum conditions met."""
    last = metrics.latest(areas)
    grid = last.pivot_table(index="county_code", columns="area", values="score_pct", aggfunc="first")
    facts = last.drop_duplicates("county_code").set_index("county_code")
    met = metrics.latest(conditions).set_index("county_code") if len(conditions) else None
    shown = pd.DataFrame({_("County"): [COUNTIES[c] for c in grid.index],
                          _("Round"): [round_label(facts.at[c, "round"]) for c in grid.index],
                          _("Assessed"): [_day(facts.at[c, "assessed_date"]) for c in grid.index]})
    for area in sorted(grid.columns, key=lambda a: _(a)):  # in the chart's order
        shown[_(area)] = [formatting.pct(v) if pd.notna(v) else "–" for v in grid[area]]
    shown[_("Minimum conditions met")] = [
        _("{met} of {total}").format(met=met.at[c, "met"], total=met.at[c, "conditions"])
        if met is not None and c in met.index else "–" for c in grid.index]
    data = grid.reset_index()
    stem = file_stem(_("all-counties") if every_county else _("counties"), _("assessment"))
    return ExportTable(shown.reset_index(drop=True), data, stem, citation(source_rows), _demo(source_rows))


def counties_changes_table(changed: pd.DataFrame, source_rows: pd.DataFrame) -> ExportTable:
    """Every county with a later round: each area's change since the baseline (pp)."""
    grid = changed.pivot_table(index="county_code", columns="area", values="change_pp", aggfunc="first")
    grid = grid[sorted(grid.columns, key=lambda a: _(a))]
    shown = pd.DataFrame({_("County"): [COUNTIES[c] for c in grid.index]})
    for area in grid.columns:
        shown[_(area)] = [formatting.points(v) if pd.notna(v) else "–" for v in grid[area]]
    return ExportTable(shown, grid.reset_index(), file_stem(_("counties"), _("assessment-change-since-baseline")),
                       citation(source_rows), _demo(source_rows))


def indicator_changes_table(changed: pd.DataFrame, name: str, source_rows: pd.DataFrame) -> ExportTable:
    """Each indicator's score in the baseline and the latest round, and the change (points and pp of its scale)."""
    data = changed.sort_values(["change_pp", "indicator_code"])
    shown = pd.DataFrame({
        _("Code"): data["indicator_code"], _("Indicator"): [_(i) for i in data["indicator"]],
        _("Area"): [_(a) for a in data["area"]],
        _("Baseline"): [score_words(s, o) for s, o in zip(data["baseline_score"], data["out_of"])],
        _("Latest"): [score_words(s, o) for s, o in zip(data["latest_score"], data["out_of"])],
        _("Change"): [formatting.points(c) for c in data["change_pp"]]})
    return ExportTable(shown.reset_index(drop=True), data.reset_index(drop=True),
                       file_stem(name, _("assessment-indicator-changes")), citation(source_rows), _demo(source_rows))


def weakest_table(weak: pd.DataFrame, name: str, every_county: bool) -> ExportTable:
    """The weakest indicators of the latest round with the evidence seen and the assessor (and the county, for
    several)."""
    shown = pd.DataFrame({
        **({_("County"): weak["county_name"]} if every_county else {}),
        _("Code"): weak["indicator_code"], _("Indicator"): [_(i) for i in weak["indicator"]],
        _("Area"): [_(a) for a in weak["area"]],
        _("Score"): [score_words(s, o) for s, o in zip(weak["score"], weak["out_of"])],
        _("Evidence seen"): terms(weak["evidence_seen"]), _("Assessor"): terms(weak["assessor"]),
        _("Round"): [round_label(r) for r in weak["round"]]})
    data = weak.drop(columns=["publisher", "source_title", "as_of", "source_id"], errors="ignore")
    return ExportTable(shown.reset_index(drop=True), data.reset_index(drop=True),
                       file_stem(name, _("assessment-weakest")), citation(weak), _demo(weak))


@dataclass(frozen=True)
class Tracked:
    """Where an indicator is tracked between rounds: its code and name, the page's title and the app's link."""

    code: str
    indicator: str
    where: str
    link: str


def tracked(indicators: pd.DataFrame, county_code: str | None, fiscal_year: str, demo: bool) -> list[Tracked]:
    """Each indicator of the framework that names a page or a results framework indicator, with its deep link."""
    found = []
    for row in indicators.itertuples():
        page = row.tracked_on if isinstance(row.tracked_on, str) and row.tracked_on in PAGE_TITLES else None
        if page:
            found.append(Tracked(row.indicator_code, _(row.indicator), _(PAGE_TITLES[page]),
                                 deep_link(page, county_code, fiscal_year, demo)))
        if isinstance(row.result_indicator, str) and row.result_indicator.strip():
            found.append(Tracked(row.indicator_code, _(row.indicator), _("Progress · results framework indicator "
                                                                        "{code}").format(code=row.result_indicator),
                                 deep_link("progress", county_code, fiscal_year, demo)))
    return found


def framework_table(indicators: pd.DataFrame) -> ExportTable:
    """The framework version: each indicator's area, question, scale with its levels, weight, evidence required,
    whether it is a minimum condition, and the documents it follows."""
    shown = pd.DataFrame({
        _("Code"): indicators["indicator_code"], _("Area"): [_(a) for a in indicators["area"]],
        _("Indicator"): [_(i) for i in indicators["indicator"]],
        _("Question"): [_(q) for q in indicators["question"]],
        _("Levels"): [_(v) for v in indicators["levels"]],
        _("Weight"): [formatting.number(w, 1) for w in indicators["weight"]],
        _("Minimum condition"): [_("yes") if m else _("no") for m in indicators["minimum_condition"]],
        _("Evidence required"): [_(e) for e in indicators["evidence_required"]],
        _("Basis"): indicators["basis"].fillna("–")})
    first = indicators.iloc[0] if len(indicators) else None
    stem = file_stem(_("assessment-framework"), first["version"] if first is not None else "")
    data = indicators.drop(columns=["publisher", "source_title", "as_of", "source_id"], errors="ignore")
    return ExportTable(shown.reset_index(drop=True), data.reset_index(drop=True), stem, citation(indicators), False)


@dataclass
class AssessmentView:
    """Everything the Assessment page shows for a county (or all 47), built without Streamlit."""

    name: str
    county_code: str | None
    fiscal_year: str
    rows: pd.DataFrame  # the scores the view covers (the county's, or every county's), with their indicators
    framework: str = ""
    version: str = ""
    framework_table: ExportTable | None = None
    framework_source: str = ""
    source: str = ""
    is_demo: bool = False
    areas: pd.DataFrame | None = None  # area scores of every round of the rows
    conditions: pd.DataFrame | None = None  # minimum conditions met per county and round
    cards: list[Card] = field(default_factory=list)
    conditions_sentence: str = ""
    areas_chart: Chart | None = None
    areas_table: ExportTable | None = None
    conditions_table: ExportTable | None = None
    counties_with_round: int = 0
    counties_changes_table: ExportTable | None = None
    side_chart: Chart | None = None
    side_table: ExportTable | None = None
    area_changes: pd.DataFrame | None = None
    changes_sentence: str = ""
    changes_chart: Chart | None = None
    indicator_changes_table: ExportTable | None = None
    weakest_table: ExportTable | None = None
    tracked: list[Tracked] = field(default_factory=list)

    @property
    def has_scores(self) -> bool:
        return len(self.rows) > 0

    @property
    def missing_counties(self) -> int:
        """Counties without a round, of the 47."""
        return len(COUNTIES) - self.counties_with_round

    @property
    def formula(self) -> str:
        return _(metrics.AREA_FORMULA)


def _county_part(view: AssessmentView, own: pd.DataFrame) -> None:
    name, demo = view.name, _demo(own)
    areas = view.areas[view.areas["county_code"] == view.county_code]
    conditions = view.conditions[view.conditions["county_code"] == view.county_code]
    shown = areas[areas["round_no"].isin([0, areas["round_no"].max()])]  # the baseline and the latest round
    source = source_line(own)
    view.areas_chart = Chart(charts.area_scores(shown, name, source, demo), file_stem(name, _("assessment-areas")))
    view.areas_table = areas_table(shown, name, own)
    view.conditions_table = conditions_table(own, name)
    if len(conditions):
        view.conditions_sentence = conditions_sentence(conditions, own, name)
        last = metrics.latest(conditions).iloc[0]
        view.cards.append(Card(_("Minimum conditions met"), _("{met} of {total}").format(
            met=last["met"], total=last["conditions"]), _("{round}, assessed {date}").format(
            round=round_label(last["round"]), date=_day(last["assessed_date"])), source, demo))
    latest_areas = metrics.latest(areas)
    if len(latest_areas):
        best = latest_areas.loc[latest_areas["score_pct"].idxmax()]
        worst = latest_areas.loc[latest_areas["score_pct"].idxmin()]
        strongest, weakest_area = best["area"], worst["area"]
        view.cards += [Card(_("Strongest area"), formatting.pct(best["score_pct"]), _(strongest), source, demo),
                       Card(_("Weakest area"), formatting.pct(worst["score_pct"]), _(weakest_area), source, demo)]
    view.area_changes = metrics.area_changes(areas)
    if len(view.area_changes):
        view.changes_sentence = largest_changes_sentence(view.area_changes, name)
        view.changes_chart = Chart(charts.changes(view.area_changes, name, source, demo),
                                   file_stem(name, _("assessment-change-since-baseline")))
        view.indicator_changes_table = indicator_changes_table(metrics.indicator_changes(own), name, own)
    view.weakest_table = weakest_table(metrics.weakest(own, WEAKEST), name, False)


def assessment_view(query: Callable[..., pd.DataFrame], county_code: str | None, fiscal_year: str) -> AssessmentView:
    """Return the page's figures and tables (from the rows `query` reads: the real ones only, unless the viewer or the
    document asked for the demonstration)."""
    name = COUNTIES[county_code] if county_code else _("All 47 counties")
    everywhere = query("assessment_scores", county_code="")
    own = everywhere[everywhere["county_code"] == county_code] if county_code else everywhere
    view = AssessmentView(name, county_code, fiscal_year, own)
    frameworks = query("assessment_framework")
    view.framework, view.version = framework_in_use(own, frameworks)
    indicators = frameworks[(frameworks["framework"] == view.framework) & (frameworks["version"] == view.version)]
    if len(indicators):
        view.framework_table = framework_table(indicators)
        view.framework_source = source_line(indicators)
    view.is_demo, view.source = _demo(everywhere), source_line(own)
    view.tracked = tracked(indicators, county_code, fiscal_year, view.is_demo)
    if everywhere.empty:
        return view
    view.areas, view.conditions = metrics.area_scores(everywhere), metrics.minimum_conditions(everywhere)
    view.counties_with_round = everywhere["county_code"].nunique()
    if len(view.areas):
        view.side_table = side_table(view.areas, view.conditions, county_code is None, everywhere)
        grid = metrics.latest(view.areas).pivot_table(index="county_code", columns="area", values="score_pct",
                                                      aggfunc="first")
        grid = grid[sorted(grid.columns, key=lambda a: _(a))]
        view.side_chart = Chart(charts.side_by_side(grid, COUNTIES, county_code, source_line(everywhere), view.is_demo),
                                file_stem(_("counties"), _("assessment")))
    if county_code and len(own):
        _county_part(view, own)
    elif not county_code:
        changed = metrics.area_changes(view.areas)
        if len(changed):
            view.counties_changes_table = counties_changes_table(changed, everywhere)
        view.weakest_table = weakest_table(metrics.weakest(everywhere, 3), name, True)
    return view
