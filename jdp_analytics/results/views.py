"""View models of the Reporting pages and documents: the results framework and programme finance as shown."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from jdp_analytics.common import demonstration, formatting
from jdp_analytics.common.i18n import N_, _
from jdp_analytics.common.presentation import Card, ExportTable, citation, file_stem, source_line
from jdp_analytics.common.vocabulary import term, terms
from jdp_analytics.geography.counties import COUNTIES
from jdp_analytics.results import metrics

OUTCOMES = {"O1": N_("Outcome 1"), "O2": N_("Outcome 2"), "O3": N_("Outcome 3"), "RE": N_("Reporting and efficiency")}
ALL = "all"
STATUS_MARKS = {metrics.ON_TRACK: "✔", metrics.AT_RISK: "▲", metrics.OFF_TRACK: "✖", metrics.NO_DATA: "–"}


# What a status would be, read from generated rows (demonstration.status): never a county's or the programme's record.
ILLUSTRATIONS = {metrics.ON_TRACK: N_("would be on track"), metrics.AT_RISK: N_("would be at risk"),
                 metrics.OFF_TRACK: N_("would be off track"), metrics.NO_DATA: N_("no data")}


def status_label(status: str, print_marks: bool = False, demo: bool = False) -> str:
    """Return a status that reads without colour: '✅ on track' on screen, '✔ on track' in print; from generated
    rows what it would be: '✅ would be on track'."""
    words = demonstration.status(_(status), _(ILLUSTRATIONS[status]), demo)
    return f"{(STATUS_MARKS if print_marks else metrics.STATUS_ICONS)[status]} {words}"


def scope_label(scope: str) -> str:
    """Return 'Programme' or the county's name for a scope."""
    return _("Programme") if scope == "programme" else COUNTIES.get(scope, scope)


def _is_demo(rows: pd.DataFrame) -> bool:
    return bool(rows["is_demo"].fillna(False).astype(bool).any()) if "is_demo" in rows and len(rows) else False


def select(frame: pd.DataFrame, county_code: str | None = None, outcome: str = ALL, agency: str = ALL,
           with_programme: bool = True) -> pd.DataFrame:
    """Return the rows of a county (and programme-wide rows, unless with_programme is False), outcome and agency."""
    rows = frame
    if county_code:
        keep = rows["scope"] == county_code
        rows = rows[keep | (rows["scope"] == "programme")] if with_programme else rows[keep]
    if outcome != ALL:
        rows = rows[rows["outcome_code"] == outcome]
    if agency != ALL:
        rows = rows[rows["agency"] == agency]
    return rows.reset_index(drop=True)


def _value(value, unit: str) -> str:
    if value is None or pd.isna(value):
        return "–"
    if unit == "percent":
        return formatting.pct(value)
    if unit == "KES":
        return formatting.kes(value)
    return formatting.number(value, 0 if float(value).is_integer() else 1)


def progress_table(status_frame: pd.DataFrame, period: str, stem: str, print_marks: bool = False) -> ExportTable:
    """Return the framework with the quarter's status as shown (status in words and icon) and as exported."""
    year = metrics.quarter_parts(period)[0]
    target = f"target_{year}" if f"target_{year}" in status_frame else None
    units, quarter = status_frame["unit"], formatting.quarter(period)
    shown = pd.DataFrame({
        _("Status"): [status_label(s, print_marks, g)
                      for s, g in zip(status_frame["status"], demonstration.generated_rows(status_frame))],
        _("Result"): status_frame["result_code"],
        _("Indicator"): terms(status_frame["indicator_name"]),
        _("For"): [scope_label(s) for s in status_frame["scope"]],
        _("Agency"): status_frame["agency"],
        _("Baseline"): [_value(v, u) for v, u in zip(status_frame["baseline_value"], units)],
        _("Target {year}").format(year=year): [_value(v, u) for v, u in zip(status_frame[target], units)]
        if target else "–",
        _("Expected {period}").format(period=quarter): [_value(v, u) for v, u in zip(status_frame["expected"], units)],
        _("Actual {period}").format(period=quarter): [_value(v, u) for v, u in zip(status_frame["actual"], units)],
        _("Progress"): [formatting.pct(v) for v in status_frame["progress_pct"]],
        _("Means of verification"): terms(status_frame["means_of_verification"]),
        _("Evidence"): status_frame["evidence"].fillna("–"),
    })
    data = status_frame[["outcome_code", "result_code", "indicator_code", "indicator_name", "scope", "agency", "unit",
                         "baseline_value", "target_2025", "target_2026", "target_2027", "target_2028", "period",
                         "expected", "actual", "progress_pct", "status", "means_of_verification", "evidence"]]
    return ExportTable(shown, data, stem, citation(status_frame), _is_demo(status_frame))


def changes_table(changes: pd.DataFrame, framework: pd.DataFrame, period: str, print_marks: bool = False,
                  demo: bool = False) -> pd.DataFrame:
    """Return what changed since the previous quarter, in words: indicator, for whom, status then and now, values."""
    names = framework.drop_duplicates("indicator_code").set_index("indicator_code")
    previous = metrics.previous_quarter(period)
    status_in, value_in = _("Status {period}"), _("Value {period}")
    before, now = formatting.quarter(previous), formatting.quarter(period)
    return pd.DataFrame({
        _("Indicator"): [term(names.at[c, "indicator_name"]) for c in changes["indicator_code"]],
        _("For"): [scope_label(s) for s in changes["scope"]],
        status_in.format(period=before): [status_label(s, print_marks, demo) for s in changes["previous_status"]],
        status_in.format(period=now): [status_label(s, print_marks, demo) for s in changes["status"]],
        value_in.format(period=before): [_value(v, names.at[c, "unit"]) for v, c in zip(changes["previous_value"],
                                                                                          changes["indicator_code"])],
        value_in.format(period=now): [_value(v, names.at[c, "unit"]) for v, c in zip(changes["value"],
                                                                                        changes["indicator_code"])],
    })


COUNTING_RULE = N_("Counted over every indicator row of the results framework for the view: for a county, its own "
                 "county rows and the programme-wide rows; for the programme, every row. Each row counts once in "
                 "the quarter; a row with no value reported is 'no data'.")


@dataclass(frozen=True)
class FrameworkStatus:
    """The ONE answer to "how many indicators are on track" for a county (or the programme) and quarter: the
    Progress page, the county brief, the quarterly report and the donor workbook all read it from `framework_status`.
    """

    county_code: str | None
    period: str
    now: pd.DataFrame  # metrics.indicator_status of the view's rows in the quarter
    before: pd.DataFrame  # the same rows in the previous quarter
    counts: dict[str, int]  # rows per status, metrics.STATUSES order (no data included)
    own_rows: int  # the county's own rows (every non-programme row for the programme)
    programme_rows: int  # programme-wide rows

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def is_demo(self) -> bool:
        return _is_demo(self.now)

    def scope(self, name: str) -> str:
        """Return what the counts cover: '12 indicator rows for Kwale in 2026Q3 (8 of Kwale's own,
        4 programme-wide)'."""
        figures = dict(total=self.total, period=formatting.quarter(self.period), own=self.own_rows,
                       programme=self.programme_rows)
        if self.county_code is None:
            return _("{total} indicator rows of the programme in {period} ({own} county rows, {programme} "
                     "programme-wide)").format(**figures)
        return _("{total} indicator rows for {name} in {period} ({own} of {name}'s own, {programme} "
                 "programme-wide)").format(name=name, **figures)

    def summary(self, name: str) -> str:
        """Return the counts in one sentence (marked when the framework is generated)."""
        c = self.counts
        real = _("Of the {scope}, {on_track} were on track, {at_risk} at risk, {off_track} off track and {no_data} had "
                 "no value.")
        illustration = _("Of the {scope}, with figures like these {on_track} would be on track, {at_risk} at risk, "
                         "{off_track} off track, and {no_data} without a value.")
        return demonstration.mark(demonstration.status(real, illustration, self.is_demo).format(
            scope=self.scope(name), on_track=c[metrics.ON_TRACK], at_risk=c[metrics.AT_RISK],
            off_track=c[metrics.OFF_TRACK], no_data=c[metrics.NO_DATA]), self.is_demo)


def framework_status(framework: pd.DataFrame, actuals: pd.DataFrame, county_code: str | None, period: str,
                     outcome: str = ALL, agency: str = ALL) -> FrameworkStatus:
    """Return the status of the view's indicator rows in `period` and the previous quarter, and their counts.

    `framework` is the whole results_framework query (every scope): the view's rows are chosen here, once, by the
    rule COUNTING_RULE states, so that no caller can count another set."""
    rows = select(framework, county_code, outcome, agency, with_programme=True)
    now = metrics.indicator_status(rows, actuals, period)
    before = metrics.indicator_status(rows, actuals, metrics.previous_quarter(period))
    programme = int((rows["scope"] == "programme").sum())
    return FrameworkStatus(county_code, period, now, before, metrics.status_counts(now["status"]),
                           len(rows) - programme, programme)


def status_summary_line(status: FrameworkStatus, name: str) -> str:
    """Return the counts as the workbook states them: 'Status in 2026Q3: 3 on track, 5 at risk, 2 off track,
    2 no data, of 12 indicator rows for Kwale in 2026Q3 (…)'."""
    counts = ", ".join(f"{count} {_(key)}" for key, count in status.counts.items())
    return demonstration.mark(_("Status in {period}: {counts}, of the {scope}.").format(
        period=formatting.quarter(status.period), counts=counts, scope=status.scope(name)), status.is_demo)


def status_cards(status: FrameworkStatus, name: str, print_marks: bool = False) -> list[Card]:
    """Return one card per status: how many of the view's indicator rows have it in the quarter."""
    source = source_line(status.now)
    return [Card(status_label(key, print_marks, status.is_demo).capitalize(), formatting.number(count),
                 _("of {total} indicator rows for {name} in {period}").format(total=status.total, name=name,
                                                                              period=formatting.quarter(status.period)),
                 source, status.is_demo)
            for key, count in status.counts.items()]


def burn_cards(burn: metrics.Burn, name: str, finance: pd.DataFrame, period: str) -> list[Card]:
    """Return the finance headline: budget of the year, spent to date, burn rate, forecast to year end."""
    source, demo = source_line(finance), _is_demo(finance)
    return [
        Card(_("Budget {year}, {name}").format(year=burn.year, name=name), formatting.kes(burn.budget_year_kes),
             _("Exactly {amount}.").format(amount=formatting.kes_exact(burn.budget_year_kes)), source, demo),
        Card(_("Spent to {period}").format(period=formatting.quarter(period)), formatting.kes(burn.spent_to_date_kes),
             _("{share} of the year's budget; about {monthly} a month.").format(
                 share=formatting.pct(burn.spent_of_year_pct), monthly=formatting.kes(burn.monthly_kes)),
             source, demo),
        Card(_("Burn rate"), formatting.pct(burn.burn_rate_pct),
             _("Of the {amount} budgeted to {period}.").format(amount=formatting.kes(burn.budget_to_date_kes),
                                                                period=formatting.quarter(period)), source, demo),
        Card(_("Forecast to end {year}").format(year=burn.year), formatting.kes(burn.forecast_kes),
             _("{share} of the year's budget at this pace.").format(share=formatting.pct(burn.forecast_pct)),
             source, demo),
    ]


BY_LABELS = {"outcome_code": N_("Outcome"), "agency": N_("Agency"), "scope": N_("County")}


def burn_table(finance: pd.DataFrame, period: str, by: str) -> ExportTable:
    """Return budget, spending to date, burn rate and forecast per outcome, agency or county."""
    data = metrics.burn_by(finance, period, by)
    labels = data[by].map(scope_label) if by == "scope" else data[by].map(lambda v: _(OUTCOMES[v]) if v in OUTCOMES
                                                                           else v)
    quarter = formatting.quarter(period)
    shown = pd.DataFrame({
        _(BY_LABELS[by]): labels, _("Budget of the year"): data["budget_year_kes"].map(formatting.kes),
        _("Budget to {period}").format(period=quarter): data["budget_to_date_kes"].map(formatting.kes),
        _("Spent to {period}").format(period=quarter): data["spent_to_date_kes"].map(formatting.kes),
        _("Burn rate"): data["burn_rate_pct"].map(formatting.pct),
        _("Forecast to year end"): data["forecast_kes"].map(formatting.kes),
        _("Forecast, % of budget"): data["forecast_pct"].map(formatting.pct)})
    return ExportTable(shown, data, file_stem(_("programme-finance-by"), _(BY_LABELS[by]), period), citation(finance),
                       _is_demo(finance))


def quarterly_spending(finance: pd.DataFrame) -> pd.DataFrame:
    """Return budget and spending per quarter of the rows (period, budget_kes, spent_kes; spent empty if none)."""
    return finance.groupby("period", sort=True).agg(budget_kes=("budget_kes", "sum"),
                                                    spent_kes=("spent_kes", lambda s: s.sum(min_count=1))
                                                    ).reset_index()


def contracts_table(contracts: pd.DataFrame, stem: str) -> ExportTable:
    """Return the contracts and grants as shown and exported."""
    output_words = {"officials_trained": _("officials trained"), "forums_held": _("forums held"),
                    "citizens_reached": _("citizens reached"),
                    "data_systems_strengthened": _("data systems strengthened")}
    shown = pd.DataFrame({
        _("Contract"): contracts["contract_id"], _("Type"): terms(contracts["contract_type"]),
        _("What for"): terms(contracts["title"]), _("Agency"): contracts["agency"],
        _("For"): contracts["scope"].map(scope_label),
        _("Cost to date"): contracts["cost_kes"].map(formatting.kes),
        _("Primary output"): contracts["primary_output"].map(output_words),
        _("Officials trained"): contracts["officials_trained"].map(formatting.number),
        _("Forums held"): contracts["forums_held"].map(formatting.number),
        _("Citizens reached"): contracts["citizens_reached"].map(formatting.number),
        _("Data systems"): contracts["data_systems_strengthened"].map(formatting.number)})
    data = contracts.drop(columns=["source_title", "publisher", "as_of", "is_demo"])
    return ExportTable(shown, data, stem, citation(contracts), _is_demo(contracts))


def benchmark_table(contracts: pd.DataFrame, benchmark: metrics.Benchmark) -> ExportTable:
    """Return a benchmark's cost per output per county, with the median and outliers in words."""
    data = metrics.cost_per_output(contracts, benchmark)
    shown = pd.DataFrame({
        _("County"): data["county_code"].map(scope_label), _("Cost"): data["cost_kes"].map(formatting.kes),
        _("Output"): data["output"].map(formatting.number),
        _(benchmark.name): data["cost_per_unit"].map(formatting.kes_exact),
        _("Against the median"): [_("{ratio} × median").format(ratio=f"{v / m:.2f}") if m else "–"
                                  for v, m in zip(data["cost_per_unit"], data["median"])],
        _("Outlier"): data["outlier"].map(outlier_labels(_is_demo(contracts))).fillna("")})
    return ExportTable(shown, data, file_stem(benchmark.key), citation(contracts), _is_demo(contracts))


def outlier_labels(demo: bool) -> dict[str, str]:
    """Return the words beside an outlier's cost: a verdict on real contracts; on generated ones what the method
    would say, which is not a verdict on the county (the demonstration rule)."""
    if demo:
        return {"high": _("▲ would be a high outlier"), "low": _("▼ would be a low outlier")}
    return {"high": _("▲ high outlier"), "low": _("▼ low outlier")}
