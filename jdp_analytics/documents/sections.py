"""What goes into the generated documents: the view a document is made from, its sections, and the section registry.

A section function takes the report's data and view and returns a `Section` (title, cards, figures, tables,
sentences, notes, sources, is_demo, the app page that shows the same) or None when it has nothing to show for the
view; documents never carry a section that only says data is missing. The registries BRIEF_SECTIONS and
QUARTERLY_SECTIONS list the section functions in document order: a new section (participation, SDG scorecard …)
is a function in its own module added to the tuple, and every renderer (PDF, PPTX) picks it up.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

from jdp_analytics.budget import composition, execution, execution_charts
from jdp_analytics.common import demonstration, formatting, presentation
from jdp_analytics.common import measures as common_measures
from jdp_analytics.common.i18n import N_, _
from jdp_analytics.common.presentation import Card
from jdp_analytics.common.vocabulary import terms
from jdp_analytics.documents import narrative
from jdp_analytics.geography import static_map
from jdp_analytics.geography.counties import COUNTIES, JDP_TARGETS
from jdp_analytics.overview import views as overview_views
from jdp_analytics.results import charts as results_charts
from jdp_analytics.results import metrics as results_metrics
from jdp_analytics.results import views as results_views
from jdp_analytics.warehouse import coverage
from jdp_analytics.warehouse.queries import Warehouse


def configured_app_url() -> str:
    """Return the app's public address from $JDP_APP_URL ('https://jdp.example.org'), or '' when none is set."""
    return os.environ.get("JDP_APP_URL", "").strip().rstrip("/")


@dataclass(frozen=True)
class ReportView:
    """The view a document is made from: the app's global county and fiscal year, the quarter and page filters."""

    county_code: str | None
    fiscal_year: str
    period: str  # calendar quarter of the results framework, '2026Q3'
    outcome: str = results_views.ALL
    agency: str = results_views.ALL
    include_demo: bool = False  # documents hold real figures only unless generated sections are asked for
    app_url: str = field(default_factory=configured_app_url)  # the public address links start with; '' = none
    lang: str = "en"  # the language the document is written in ('en' or 'sw')

    @property
    def county_name(self) -> str:
        return COUNTIES[self.county_code] if self.county_code else _("All 47 counties")

    @property
    def programme_name(self) -> str:
        """The county's name, or 'the whole programme' for programme-wide documents."""
        return COUNTIES[self.county_code] if self.county_code else _("the whole programme")

    def deep_link(self, page: str) -> str:
        """Return the address that reopens this view on an app page, 'https://jdp.example.org/progress?county=043&
        fy=2023/24&period=…', or '' when no public address is configured (a host-less path is useless on paper)."""
        if not self.app_url:
            return ""
        query = f"county={self.county_code or 'all'}&fy={self.fiscal_year}&period={self.period}"
        if self.outcome != results_views.ALL:
            query += f"&outcome={self.outcome}"
        if self.agency != results_views.ALL:
            query += f"&agency={self.agency}"
        if self.include_demo:  # the link reopens what the document shows, the demonstration included
            query += "&demo=1"
        path = "" if page == "overview" else page  # the Overview is the app's default page, served at its root
        return f"{self.app_url.rstrip('/')}/{path}?{query}"

    def describe(self) -> str:
        """Return the view in words: county, fiscal year, quarter and filters."""
        county = (_("county {code} {name}").format(code=self.county_code, name=self.county_name) if self.county_code
                  else _("the whole programme, its {count} target counties").format(count=len(JDP_TARGETS)))
        outcome = (_("all outcomes") if self.outcome == results_views.ALL
                   else _(results_views.OUTCOMES[self.outcome]))
        agency = _("all agencies") if self.agency == results_views.ALL else self.agency
        demo = (_("generated demonstration sections included and marked") if self.include_demo
                else _("real figures only"))
        if not self.period:  # no results framework quarter: its quarter and filters do not apply
            return _("View: {county}; fiscal year {year}; {demo}.").format(county=county, year=self.fiscal_year,
                                                                           demo=demo)
        return _("View: {county}; fiscal year {year}; results framework quarter {period}; filters: {outcome}, "
                 "{agency}; {demo}.").format(county=county, year=self.fiscal_year,
                                              period=formatting.quarter(self.period), outcome=outcome, agency=agency,
                                              demo=demo)


@dataclass(frozen=True)
class ReportTable:
    """A table as printed: formatted text cells, a title and optional relative column widths."""

    title: str
    frame: pd.DataFrame
    widths: tuple[float, ...] | None = None


@dataclass(frozen=True)
class Section:
    """One section of a document; renderers lay out its parts in this order."""

    title: str
    page: str  # the app page (path) that shows the same figures, for the deep link
    cards: tuple[Card, ...] = ()
    sentences: tuple[str, ...] = ()  # written from the data by the rules in narrative.py
    figures: tuple[go.Figure, ...] = ()
    tables: tuple[ReportTable, ...] = ()
    notes: tuple[str, ...] = ()  # methods and definitions (status rule, benchmark definitions)
    sources: tuple[str, ...] = ()
    is_demo: bool = False


class ReportData:
    """The warehouse queries a document needs, each run once per document."""

    def __init__(self, warehouse: Path, include_demo: bool = False):
        self.warehouse = Warehouse(warehouse, include_demo=include_demo)  # real rows only unless asked
        self._cache: dict[tuple, pd.DataFrame] = {}

    def query(self, name: str, **params) -> pd.DataFrame:
        key = (name, tuple(sorted(params.items())))
        if key not in self._cache:
            self._cache[key] = self.warehouse.query(name, **params)
        return self._cache[key]

    def coverage(self) -> pd.DataFrame:
        """Return the coverage query over every row, real and generated (it counts rows, never gives a figure)."""
        key = ("coverage", "all rows")
        if key not in self._cache:
            self._cache[key] = Warehouse(self.warehouse.path, self.warehouse.snapshot, include_demo=True).query(
                "coverage")
        return self._cache[key]

    def built_at(self) -> str:
        info = dict(self.query("build_info").itertuples(index=False, name=None))
        return info.get("built_at", "unknown")


SectionFn = Callable[[ReportData, ReportView], "Section | None"]


def _plain(source: str) -> str:
    """Return a source line without its 'DEMONSTRATION DATA. ' and 'Source: ' prefixes (documents add their own)."""
    demo_prefix = _("DEMONSTRATION DATA. {source}").split("{source}")[0]
    source_prefix = _("Source: {citation}").split("{citation}")[0]
    return source.removeprefix(demo_prefix).removeprefix(source_prefix)


def _sources(*frames: pd.DataFrame) -> tuple[str, ...]:
    lines = [_plain(presentation.source_line(f)) for f in frames if not f.empty]
    return tuple(dict.fromkeys(line for line in lines if line != _("No published figure for this selection.")))


def _demo(*frames: pd.DataFrame) -> bool:
    return any(bool(f["is_demo"].fillna(False).astype(bool).any()) for f in frames if "is_demo" in f and len(f))


# The county briefing pack.

def headline_section(data: ReportData, view: ReportView) -> Section:
    """Headline figures: population, absorption, development absorption and budget per person, as on the Overview."""
    counties = data.query("counties")
    measures = data.query("county_measures", fiscal_year=view.fiscal_year)
    catalogue = common_measures.measures(data.query("indicators"))
    cards = overview_views.headline_cards(measures, counties, catalogue, view.county_code, view.fiscal_year)
    sentences = []
    if view.county_code:
        history = data.query("budget_execution_history")
        sentences.append(narrative.budget_growth(history, view.county_code, view.county_name, view.fiscal_year))
    held = ReportTable(_("What the warehouse holds for {county}").format(county=view.county_name),
                       coverage.by_area(data.coverage(), view.county_code, with_demonstration=False), (1.2, 2.6, 2.4))
    return Section(_("Headline figures"), "overview", cards=tuple(cards), sentences=tuple(s for s in sentences if s),
                   tables=(held,),
                   sources=tuple(dict.fromkeys(_plain(c.source) for c in cards
                                               if c.source != _("No published figure for this selection."))),
                   is_demo=any(c.is_demo for c in cards))


MAP_MEASURE = "development_absorption_pct"


def map_section(data: ReportData, view: ReportView) -> Section | None:
    """The 47 counties coloured by development absorption in the year, targets outlined, the county in black."""
    counties = data.query("counties")
    measures = data.query("county_measures", fiscal_year=view.fiscal_year)
    catalogue = common_measures.measures(data.query("indicators"))
    values = overview_views.measure_values(measures, counties, MAP_MEASURE)
    if values["value"].notna().sum() == 0:
        return None
    measure = catalogue[MAP_MEASURE]
    source = presentation.source_line(values)
    figure = static_map.county_choropleth(data.query("county_boundaries"), values, measure, view.county_code,
                                          source,
                                          _("{measure}, {year}").format(measure=_(measure.label),
                                                                        year=formatting.fy(view.fiscal_year)))
    return Section(_("Map"), "overview", figures=(figure,), sources=_sources(values), is_demo=_demo(values))


def budget_section(data: ReportData, view: ReportView) -> Section | None:
    """Budget execution: budget against expenditure over the years and the target counties' absorption in the year."""
    history = data.query("budget_execution_history")
    trend = execution.budget_trend(history, view.county_code)
    if trend["budget_kes"].isna().all():
        return None
    name, code, year = view.county_name, view.county_code, view.fiscal_year
    source = presentation.source_line(trend)
    year_rows = history[history["fiscal_year"] == year]
    figures = [execution_charts.budget_and_expenditure(trend, name, source),
               execution_charts.target_absorption(execution.target_values(history, year), code,
                                                  execution.year_medians(trend, year),
                                        year, presentation.source_line(year_rows))]
    sentences, notes = [], []
    osr = composition.select(data.query("own_source_revenue"), code, year).iloc[0:0]
    if code:
        sentences += [narrative.absorption_change(history, code, name, year, column)
                      for column in ("absorption_pct", "development_absorption_pct")]
        osr = composition.select(data.query("own_source_revenue"), code, year)
        if len(osr):  # the page's own sentence: one answer (own_source_revenue.sql)
            sentences.append(composition.osr_sentence(data.query("own_source_revenue"), code, name, year))
            notes += [_(composition.OSR_FIF_NOTE)] if year in composition.FIF_YEARS else []
    cards = execution.budget_cards(history, trend, code, name, year)[:2]
    return Section(_("Budget execution"), "budget", cards=tuple(cards), sentences=tuple(s for s in sentences if s),
                   figures=tuple(figures), notes=tuple(notes), sources=_sources(trend, year_rows, osr),
                   is_demo=_demo(trend, year_rows))


def _framework_status(data: ReportData, view: ReportView) -> results_views.FrameworkStatus:
    """Return the view's indicator rows and status counts: the one answer the Progress page shows too."""
    return results_views.framework_status(data.query("results_framework"), data.query("result_actuals"),
                                          view.county_code, view.period, view.outcome, view.agency)


BRIEF_RESULT_COLUMNS = (N_("Status"), N_("Indicator"), N_("Baseline"))


def results_section(data: ReportData, view: ReportView) -> Section | None:
    """The county's indicators of the results framework in the quarter, their status and what moved."""
    if not view.period or (not view.include_demo and demonstration.all_generated(data.query("results_framework"))):
        return None  # no results framework yet, or only a generated one that a document of real figures leaves out
    status = _framework_status(data, view)
    framework, now, before = status.now, status.now, status.before
    if now.empty or (now["status"] == results_metrics.NO_DATA).all():
        return None
    table = results_views.progress_table(now, view.period, "brief", print_marks=True).shown
    year = results_metrics.quarter_parts(view.period)[0]
    compact = table[[*(_(c) for c in BRIEF_RESULT_COLUMNS), _("Target {year}").format(year=year),
                     _("Expected {period}").format(period=formatting.quarter(view.period)),
                     _("Actual {period}").format(period=formatting.quarter(view.period))]]
    changes = results_metrics.changes_since(now, before)
    sentences = [narrative.status_summary(status, view.programme_name),
                 *narrative.status_moves(changes, framework, view.period)]
    return Section(_("Results framework, {period}").format(period=formatting.quarter(view.period)), "progress",
                   cards=tuple(results_views.status_cards(status, view.programme_name, print_marks=True)),
                   sentences=tuple(s for s in sentences if s),
                   tables=(ReportTable(_("Indicators"), compact, (1.3, 4.2, 1, 1, 1, 1)),),
                   notes=(_(results_views.COUNTING_RULE), results_metrics.status_rule()), sources=_sources(now),
                   is_demo=_demo(now))


def _finance(data: ReportData, view: ReportView) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return the view's programme finance rows (a county's own, or all for the programme) and every contract."""
    finance = results_views.select(data.query("programme_finance"), view.county_code, view.outcome, view.agency,
                                   with_programme=view.county_code is None)
    return finance, data.query("ta_contracts")


def finance_section(data: ReportData, view: ReportView) -> Section | None:
    """Programme budget and spending for the county, burn rate and forecast, and its cost per output."""
    if not view.period or (not view.include_demo and demonstration.all_generated(data.query("programme_finance"))):
        return None  # no results framework yet, or only generated finance that a document of real figures leaves out
    finance, contracts = _finance(data, view)
    if finance.empty:
        return None
    burn, name = results_metrics.burn(finance, view.period), view.programme_name
    figure = results_charts.spending_by_quarter(results_views.quarterly_spending(finance), name,
                                                presentation.source_line(finance))
    rows = []
    for benchmark in results_metrics.BENCHMARKS:
        table = results_metrics.cost_per_output(contracts, benchmark)
        own = table[table["county_code"] == view.county_code] if view.county_code else table.iloc[0:0]
        if view.county_code and own.empty:
            continue
        rows.append({_("Benchmark"): _(benchmark.name),
                     name: formatting.kes(own["cost_per_unit"].iloc[0]) if not own.empty else "–",
                     _("Median county"): formatting.kes(table["median"].iloc[0]) if not table.empty else "–",
                     _("Outlier"): {"high": "▲ " + _("high"), "low": "▼ " + _("low")}.get(own["outlier"].iloc[0], "")
                     if not own.empty else ", ".join(results_views.scope_label(c) for c in
                                                     table.loc[table["outlier"].notna(), "county_code"])})
    tables = (ReportTable(_("Cost per output"), pd.DataFrame(rows), (2.5, 1.4, 1.4, 1.2)),) if rows else ()
    sentences = [narrative.spending_pace(burn, name, view.period),
                 *narrative.benchmark_outliers(contracts, view.county_code, _demo(contracts))]
    return Section(_("Programme finance and cost-effectiveness"), "programme_finance",
                   cards=tuple(results_views.burn_cards(burn, name, finance, view.period)),
                   sentences=tuple(s for s in sentences if s), figures=(figure,), tables=tables,
                   notes=(_(results_metrics.FORECAST_RULE), results_metrics.outlier_rule()),
                   sources=_sources(finance, contracts),
                   is_demo=_demo(finance, contracts))


# The quarterly progress report (programme-wide unless a county is chosen).

def quarterly_summary_section(data: ReportData, view: ReportView) -> Section | None:
    """Status of the whole framework in the quarter by outcome."""
    if not view.period:  # no results framework in the warehouse yet
        return None
    status = _framework_status(data, view)
    now = status.now
    if now.empty:
        return None
    figure = results_charts.status_by_outcome(now, view.period, presentation.source_line(now))
    sentence = narrative.status_summary(status, view.programme_name)
    cards = tuple(results_views.status_cards(status, view.programme_name, print_marks=True))
    return Section(_("Summary, {period}").format(period=formatting.quarter(view.period)), "progress", cards=cards,
                   sentences=(sentence,) if sentence else (), figures=(figure,),
                   notes=(_(results_views.COUNTING_RULE), results_metrics.status_rule()),
                   sources=_sources(now), is_demo=_demo(now))


QUARTERLY_COLUMNS = ("Status", "Result", "Indicator", "For", "Agency", "Baseline", "Target", "Expected", "Actual",
                     "Evidence")


def framework_section(data: ReportData, view: ReportView) -> Section | None:
    """The results framework table, one table per outcome."""
    if not view.period:  # no results framework in the warehouse yet
        return None
    now = _framework_status(data, view).now
    if now.empty:
        return None
    shown = results_views.progress_table(now, view.period, "quarterly", print_marks=True).shown
    shown = shown.drop(columns=[_("Progress"), _("Means of verification")])
    tables = tuple(ReportTable(f"{code} · {_(results_views.OUTCOMES[code])}", shown[now["outcome_code"] == code],
                               (1.2, 0.6, 4.0, 1.1, 0.9, 0.9, 0.9, 0.9, 0.9, 1.6))
                   for code in results_views.OUTCOMES if (now["outcome_code"] == code).any())
    return Section(_("Results framework, {period}").format(period=formatting.quarter(view.period)), "progress",
                   tables=tables,
                   sources=_sources(now),
                   is_demo=_demo(now))


def changes_section(data: ReportData, view: ReportView) -> Section | None:
    """Indicators whose value or status changed since the previous quarter."""
    if not view.period:  # no results framework in the warehouse yet
        return None
    status = _framework_status(data, view)
    framework, now = status.now, status.now
    changes = results_metrics.changes_since(now, status.before)
    if changes.empty:
        return None
    previous = results_metrics.previous_quarter(view.period)
    return Section(_("Changes since {period}").format(period=formatting.quarter(previous)), "progress",
                   sentences=tuple(narrative.status_moves(changes, framework, view.period, limit=5)),
                   tables=(ReportTable(_("Changed values and statuses"),
                                       results_views.changes_table(changes, framework, view.period, print_marks=True,
                                                                   demo=_demo(now)),
                                       (4.0, 1.2, 1.3, 1.3, 1, 1)),),
                   sources=_sources(now), is_demo=_demo(now))


def quarterly_finance_section(data: ReportData, view: ReportView) -> Section | None:
    """Budget, spending, burn rate and forecast by outcome and by agency, and the cost-per-output benchmarks."""
    if not view.period:  # no results framework in the warehouse yet
        return None
    finance, contracts = _finance(data, view)
    if finance.empty:
        return None
    burn, name = results_metrics.burn(finance, view.period), view.programme_name
    tables = [ReportTable(_("By outcome"), results_views.burn_table(finance, view.period, "outcome_code").shown),
              ReportTable(_("By agency"), results_views.burn_table(finance, view.period, "agency").shown)]
    for benchmark in results_metrics.BENCHMARKS:
        tables.append(ReportTable(_(benchmark.name), results_views.benchmark_table(contracts, benchmark).shown))
    sentences = [narrative.spending_pace(burn, name, view.period),
                 *narrative.benchmark_outliers(contracts, view.county_code, _demo(contracts))]
    return Section(_("Programme finance and cost-effectiveness"), "programme_finance",
                   cards=tuple(results_views.burn_cards(burn, name, finance, view.period)),
                   sentences=tuple(s for s in sentences if s), tables=tuple(tables),
                   notes=(_(results_metrics.FORECAST_RULE), results_metrics.outlier_rule(),
                          *(f"{_(b.name)}: {_(b.description)}" for b in results_metrics.BENCHMARKS)),
                   sources=_sources(finance, contracts), is_demo=_demo(finance, contracts))


def participation_section(data: ReportData, view: ReportView) -> Section | None:
    """Public participation: forums, turnout, who takes part against the census, and the proposal funnel."""
    from jdp_analytics.participation import views as participation_views

    sources = participation_views.sources_of(data.query("participation_sources"), "fact_participation_event")
    if not view.include_demo and participation_views.is_demo(sources):
        return None  # what the demonstration rule would drop is not built (the brief's time)
    model = participation_views.participation_view(data.query, view.county_code, view.fiscal_year)
    if not model.has_events:
        return None
    representation = model.representation_table.data
    comparison = model.comparison_table.data
    sentences = (narrative.representation_gap(representation, view.county_name, view.fiscal_year),
                 narrative.turnout_rank(comparison, view.county_code, view.county_name, model.is_demo),
                 narrative.proposals_adopted(model.funnel_chart.figure.data[0].x, view.county_name))
    figures = tuple(c.figure for c in (model.representation_chart, model.funnel_chart) if c is not None)
    source = model.source
    return Section(_("Public participation"), "participation", cards=tuple(model.cards[:4]),
                   sentences=tuple(s for s in sentences if s), figures=figures,
                   notes=(_(participation_views.WARD_POPULATION_NOTE),),
                   sources=(_plain(source), _plain(participation_views.citation(
                       participation_views.sources_of(data.query("participation_sources"),
                                                      "fact_county_population_group")))),
                   is_demo=model.is_demo)


def proposals_section(data: ReportData, view: ReportView) -> Section | None:
    """From proposals to budget: the funnel, whose proposals were adopted and the oldest adopted ones not yet funded.

    Real (loaded) proposals only, unless the view asks for demonstration data (`include_demo`, which the data
    follows); built on generated rows, the section is marked as demonstration.
    """
    from jdp_analytics.proposals import metrics as proposal_metrics
    from jdp_analytics.proposals import views as proposal_views

    model = proposal_views.proposals_view(data.query, view.county_code, view.fiscal_year)
    if not model.has_proposals:
        return None
    sentences = (narrative.proposals_to_budget(model.funnel, view.county_name, view.fiscal_year),
                 narrative.group_adoption_gap(model.groups, proposal_views.GROUP_LABELS))
    oldest = model.oldest_table.shown.head(5)  # the page lists ten; a brief keeps to a page
    columns = [_(c) for c in ("Proposal", "Made", "Ward", "Sector", "Proposal text", "Decision")]
    tables = (ReportTable(_("Oldest adopted proposals not yet funded"),
                          oldest[[c for c in columns if c in oldest.columns]], (1.6, 0.9, 1.1, 1.6, 2.6, 1.3)),
              ) if len(oldest) else ()
    return Section(_("From proposals to budget"), proposal_views.PAGE, cards=tuple(model.cards[:4]),
                   sentences=tuple(s for s in sentences if s), figures=(model.funnel_chart.figure,), tables=tables,
                   notes=(_(proposal_metrics.WARD_BASE_NOTE),), sources=(_plain(model.source),), is_demo=model.is_demo)


SCORECARD_COLUMNS = (N_("SDG"), N_("Indicator"), N_("Latest"), N_("Kenya"), N_("As of"), N_("Status"))


def sdg_section(data: ReportData, view: ReportView) -> Section | None:
    """The county SDG scorecard: indicators with a county value, their latest value, Kenya's, target and status."""
    from jdp_analytics.sdg import metrics as sdg_metrics
    from jdp_analytics.sdg import views as sdg_views

    if not view.county_code:
        return None
    card = sdg_metrics.scorecard({"catalogue": data.query("sdg_catalogue"),
                          "observations": data.query("sdg_observations", indicator_code="",
                                                     county_code=view.county_code),
                          "targets": data.query("sdg_targets")}, view.county_code)
    card = card[card["latest_value"].notna()]
    if card.empty:
        return None
    def value(v, unit):
        return "–" if pd.isna(v) else (formatting.pct(v) if unit == "percent" else formatting.number(v, 1))
    sdg, indicator, latest, kenya, as_of, status = (_(c) for c in SCORECARD_COLUMNS)
    frame = pd.DataFrame({
        sdg: card["sdg_indicator"].fillna(card["sdg_goal"].astype("string")).fillna("–"),
        indicator: [name[:70] for name in terms(card["indicator_name"])],
        latest: [_("{value} ({period})").format(value=value(v, u), period=p)
                 for v, u, p in zip(card["latest_value"], card["unit"], card["latest_period"])],
        kenya: [value(v, u) for v, u in zip(card["national_value"], card["unit"])],
        as_of: [formatting.as_of(a) if pd.notna(a) else "–" for a in card["as_of"]],
        status: [sdg_views.status_text(s, t, v, scope) for s, t, v, scope in zip(
            card["status"], card["standing"], card["latest_value"], card["target_scope"])]})
    sentences = (narrative.scorecard_statuses(card, view.county_name),
                 sdg_metrics.against_kenya_sentence(card, view.county_name))
    table = ReportTable(_("Indicators with a county value"), frame, (0.6, 2.5, 1.1, 0.7, 0.9, 2.4))
    return Section(_("SDG scorecard"), "sdg_scorecard", tables=(table,),
                   sentences=tuple(s for s in sentences if s), notes=(_(sdg_metrics.METHOD),),
                   sources=tuple(dict.fromkeys(str(s) for s in (*card["source"].dropna(),
                                                                 *card["national_source"].dropna()))))


BRIEF_CALENDAR_COLUMNS = (N_("Milestone"), N_("Legal deadline"), N_("Happened"), N_("Against the law"))


def oversight_section(data: ReportData, view: ReportView) -> Section | None:
    """Oversight by the county assembly: the budget calendar against the law (late milestones named with their days),
    what the assembly moved between votes and how far the recommendations of oversight reports were followed up.

    Real (loaded) rows only unless the view asks for the demonstration (the data follows it); the audit opinions,
    real as the press reported them, are a section of their own (`audit_section`), so that a generated calendar
    never marks them."""
    from jdp_analytics.oversight import metrics as oversight_metrics
    from jdp_analytics.oversight import views as oversight_views

    model = oversight_views.oversight_view(data.query, view.county_code, view.fiscal_year)
    milestones = data.query("budget_milestones", county_code=view.county_code or "")
    frames = [milestones[milestones["fiscal_year"] == view.fiscal_year],  # what the section cites
              data.query("budget_amendments", county_code=view.county_code or "", fiscal_year=view.fiscal_year)]
    sentences, figures, tables = [], [], []
    if model.calendar_table is not None:
        sentences.append(model.late_sentence)
        figures.append(model.timeline_chart.figure)
        shown = model.calendar_table.shown
        tables.append(ReportTable(_("Budget calendar, {year}").format(year=formatting.fy(view.fiscal_year)),
                                  shown[[_(c) for c in BRIEF_CALENDAR_COLUMNS]], (2.2, 1.1, 1.1, 1.6)))
    elif model.side_chart is not None and not view.county_code:
        figures.append(model.side_chart.figure)
    if model.moved_sentence:
        sentences.append(model.moved_sentence)
    if model.amendments_chart is not None:
        figures.append(model.amendments_chart.figure)
    if model.actions is not None:
        found = oversight_metrics.follow_up(model.actions, oversight_views.records_as_of(model.actions))
        sentences.append(demonstration.mark(_("{done} of {total} recommendations of oversight reports done ({share}); "
                                              "{open} open, {overdue} past their due date.").format(
            done=found["done"], total=found["recommendations"], share=formatting.pct(found["done_pct"]),
            open=found["open"], overdue=found["overdue"]), _demo(model.actions)))
        reports = model.reports_table.shown.head(6)
        tables.append(ReportTable(_("Oversight reports and their follow-up"),
                                  reports[[_("Report"), _("Tabled"), _("Done")]], (4.0, 1.1, 1.4)))
        frames.append(model.actions)
    if not sentences and not figures:
        return None
    law = _("Deadlines of the PFM Act 2012: the CFSP by 28 February (s.117(1)), adopted within 14 days (s.117(6)); "
            "the estimates by 30 April (s.129(2)), approved by 30 June (s.131(1)); the Finance Bill within 90 days "
            "of the Appropriation Act (s.133(2)).")
    return Section(_("Oversight"), oversight_views.PAGE, sentences=tuple(s for s in sentences if s),
                   figures=tuple(figures), tables=tuple(tables), notes=(law,), sources=_sources(*frames),
                   is_demo=_demo(*frames))


def audit_section(data: ReportData, view: ReportView) -> Section | None:
    """Audit opinions of a county: as the Auditor-General's reports give them where loaded, else as the press
    reported them (the outlet named), each year without one named 'not found', never clean. A county's only."""
    from jdp_analytics.oversight import metrics as oversight_metrics
    from jdp_analytics.oversight import views as oversight_views

    if not view.county_code:
        return None
    model = oversight_views.oversight_view(data.query, view.county_code, view.fiscal_year)
    years = model.opinions
    found = years[years["kind"] != oversight_metrics.NOT_FOUND]
    if found.empty:
        return None
    shown = model.opinions_table.shown[years["kind"].to_numpy() != oversight_metrics.NOT_FOUND]
    missing = sorted(set(years["fiscal_year"]) - set(found["fiscal_year"]))
    sentence = _("{county}: no audit opinion was found for {years} (neither loaded nor publicly reported): not "
                 "found, which says nothing of the accounts.").format(
        county=view.county_name, years=formatting.all_of(formatting.fy(y) for y in missing)) if missing else ""
    reported = data.query("reported_statements")
    reported = reported[(reported["topic"] == oversight_views.AUDIT_OPINION)
                        & (reported["county_code"] == view.county_code)]
    outlets = tuple(dict.fromkeys(_("{outlet}, as reported: {url}").format(outlet=o, url=u)
                                  for o, u in zip(reported["outlet"], reported["url"])))
    loaded = data.query("audit_opinions", county_code=view.county_code)
    return Section(_("Audit opinions"), oversight_views.PAGE, sentences=(sentence,) if sentence else (),
                   tables=(ReportTable(_("Audit opinions found"), shown, (0.9, 1.3, 2.2, 3.0)),),
                   notes=(_(oversight_views.NOT_FOUND_NOTE),), sources=(*_sources(loaded), *outlets),
                   is_demo=_demo(loaded))


ASSESSMENT_BRIEF_COLUMNS = 4  # the area, the baseline, the latest round and the change: a portrait page's width


def assessment_section(data: ReportData, view: ReportView) -> Section | None:
    """The governance and service-delivery assessment: a county's area scores (baseline and latest round), the
    minimum conditions met and the largest changes since the baseline; for All 47, the counties side by side. Real
    (loaded) scores only unless the view asks for the demonstration (the data follows it)."""
    from jdp_analytics.assessment import views as assessment_views

    model = assessment_views.assessment_view(data.query, view.county_code, view.fiscal_year)
    if view.county_code and model.areas_table is not None:
        shown = model.areas_table.shown
        tables = (ReportTable(_("Area scores"), shown[shown.columns[:ASSESSMENT_BRIEF_COLUMNS]], (3.0, 1.1, 1.1, 1.0)),)
        figures = (model.areas_chart.figure,) + ((model.changes_chart.figure,) if model.changes_chart else ())
        sentences = (model.conditions_sentence, model.changes_sentence)
        cards = tuple(model.cards)
    elif not view.county_code and model.side_chart is not None:
        tables, figures, cards = (), (model.side_chart.figure,), ()
        sentences = (_("{count} of 47 counties have an assessment round; {missing} have none.").format(
            count=model.counties_with_round, missing=model.missing_counties),)
    else:
        return None
    return Section(_("Governance and service-delivery assessment"), assessment_views.PAGE, cards=cards,
                   sentences=tuple(s for s in sentences if s), figures=figures, tables=tables, notes=(model.formula,),
                   sources=_sources(model.rows), is_demo=model.is_demo)


def assessment_annex_section(data: ReportData, view: ReportView) -> Section | None:
    """The quarterly report's annex for the PIU: every target county's latest assessment round beside the others
    (area scores and minimum conditions met) and each county's change since the baseline, whatever county the
    report is for."""
    from jdp_analytics.assessment import metrics as assessment_metrics
    from jdp_analytics.assessment import views as assessment_views

    rows = data.query("assessment_scores", county_code="")
    rows = rows[rows["county_code"].isin(JDP_TARGETS)]
    areas = assessment_metrics.area_scores(rows)
    if areas.empty:
        return None
    conditions = assessment_metrics.minimum_conditions(rows)
    side = assessment_views.side_table(areas, conditions, False, rows).shown
    tables = [ReportTable(_("Latest round of each target county"), side)]
    changed = assessment_metrics.area_changes(areas)
    if len(changed):
        tables.append(ReportTable(_("Change in each area score since the baseline (percentage points)"),
                                  assessment_views.counties_changes_table(changed, rows).shown))
    return Section(_("Annex: governance and service-delivery assessment, target counties"), assessment_views.PAGE,
                   tables=tuple(tables), notes=(_(assessment_metrics.AREA_FORMULA),), sources=_sources(rows),
                   is_demo=_demo(rows))


# The registries, in document order.
BRIEF_SECTIONS: tuple[SectionFn, ...] = (headline_section, map_section, budget_section, oversight_section,
                                         audit_section, participation_section, proposals_section, sdg_section,
                                         assessment_section, results_section, finance_section)
QUARTERLY_SECTIONS: tuple[SectionFn, ...] = (quarterly_summary_section, framework_section, changes_section,
                                             quarterly_finance_section, assessment_annex_section)


def build_sections(registry: tuple[SectionFn, ...], data: ReportData, view: ReportView) -> list[Section]:
    """Return the sections of a registry that have something to show for the view, by the demonstration rule:
    real figures only unless the view includes demonstration (`include_demo`), and then every part of a generated
    section marked (demonstration.mark)."""
    built = (demonstration_rule(fn(data, view), view.include_demo) for fn in registry)
    return [section for section in built if section is not None]


def demonstration_rule(section: Section | None, include_demo: bool) -> Section | None:
    """Return a section as a document may carry it: without its generated cards, or None when everything in it is
    generated, unless `include_demo`; with it, its sentences, cards, tables and charts marked."""
    if section is None:
        return None
    if not include_demo:
        if section.is_demo:
            return None
        return replace(section, cards=tuple(c for c in section.cards if not c.is_demo))
    if not section.is_demo:
        return replace(section, cards=tuple(demonstration.card(c) for c in section.cards))
    return replace(section, cards=tuple(demonstration.mark(c, True) for c in section.cards),
                   sentences=tuple(demonstration.mark(t, True) for t in section.sentences),
                   tables=tuple(replace(t, frame=demonstration.mark(t.frame, True),
                                        widths=(1.3, *t.widths) if t.widths else None) for t in section.tables),
                   figures=tuple(demonstration.mark(f, True) for f in section.figures))


@dataclass
class Document:
    """A document before rendering: its title, view, sections and the facts every document states."""

    title: str
    view: ReportView
    sections: list[Section]
    generated_at: str
    built_at: str
    extra_notes: list[str] = field(default_factory=list)

    @property
    def is_demo(self) -> bool:
        return any(s.is_demo for s in self.sections)

    @property
    def sources(self) -> list[str]:
        return list(dict.fromkeys(line for s in self.sections for line in s.sources))

    @property
    def links(self) -> list[str]:
        return [link for link in dict.fromkeys(self.view.deep_link(s.page) for s in self.sections) if link]

    def key_points(self) -> list[tuple[str, bool]]:
        """Return every section's sentences with whether they speak of demonstration data, each sentence once."""
        points = [(sentence, s.is_demo) for s in self.sections for sentence in s.sentences]
        return list(dict.fromkeys(points))


def results_are_demo(warehouse: Path) -> bool:
    """Return whether the warehouse's results framework is generated only: no real quarter reported, some generated
    one (documents of real figures then have no quarterly report or workbook to make)."""
    return (ReportData(warehouse).query("result_periods").empty
            and not ReportData(warehouse, include_demo=True).query("result_periods").empty)


def default_period(data: ReportData) -> str:
    """Return the latest quarter with reported values ('' when the framework is empty)."""
    periods = data.query("result_periods")["period"]
    return periods.iloc[0] if len(periods) else ""


def default_fiscal_year(data: ReportData) -> str:
    """Return the latest fiscal year with budget execution figures."""
    return data.query("fiscal_years")["fiscal_year"].iloc[0]


def is_target(county_code: str | None) -> bool:
    return county_code in JDP_TARGETS
