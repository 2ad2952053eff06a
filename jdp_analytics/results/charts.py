"""Plotly figures of the results framework and programme finance; they never query or read files."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from jdp_analytics.common import demonstration, formatting
from jdp_analytics.common.charts import (
    BUDGET_COLOUR,
    COUNTY_COLOUR,
    MEDIAN_COLOUR,
    OTHER_COLOUR,
    TARGET_COLOUR,
    label_room,
    layout,
    value_labels,
)
from jdp_analytics.common.i18n import _
from jdp_analytics.common.inert import plotly_text
from jdp_analytics.results import metrics, views
from jdp_analytics.results.views import OUTCOMES, STATUS_MARKS, scope_label, status_label


def status_by_outcome(status_frame: pd.DataFrame, period: str, source: str) -> go.Figure:
    """Stacked bars: how many indicator rows of each outcome are on track, at risk, off track or without data.

    Each segment carries its count and the status mark, so the chart reads in grey print too.
    """
    fig = go.Figure()
    outcomes = [o for o in OUTCOMES if o in set(status_frame["outcome_code"])]
    labels = [_(OUTCOMES[o]) for o in outcomes]
    demo = demonstration.is_demo(status_frame)  # generated rows: the legend says what each status would be
    for name in metrics.STATUSES:
        counts = [int(((status_frame["outcome_code"] == o) & (status_frame["status"] == name)).sum())
                  for o in outcomes]
        fig.add_bar(y=labels, x=counts, name=status_label(name, print_marks=True, demo=demo), orientation="h",
                    marker_color=metrics.STATUS_COLOURS[name], text=[f"{STATUS_MARKS[name]} {c}" if c else ""
                                                                     for c in counts],
                    textposition="inside", insidetextanchor="middle",
                    hovertemplate=_("%{{y}}: %{{x}} {status}<extra></extra>").format(
                        status=status_label(name, print_marks=True, demo=demo).split(" ", 1)[1]))
    fig.update_layout(barmode="stack", legend=dict(traceorder="normal"))
    fig.update_xaxes(title=_("Indicator rows (programme and county)"), gridcolor="#e5e5e5")
    fig.update_yaxes(autorange="reversed")
    title = _("Status of the results framework, {period}").format(period=formatting.quarter(period))
    return layout(fig, title, source, height=360)


BARGAP = 0.25  # the gap between quarters in spending_by_quarter, a share of a quarter's width


def spending_by_quarter(quarters: pd.DataFrame, name: str, source: str) -> go.Figure:
    """Bars of budget and spending per quarter (KES million), exact amounts on hover; unspent quarters named."""
    fig = go.Figure()
    for column, label, colour in (("budget_kes", _("Budget"), BUDGET_COLOUR), ("spent_kes", _("Spent"), COUNTY_COLOUR)):
        fig.add_bar(x=quarters["period"], y=quarters[column] / 1e6, name=label, marker_color=colour,
                    customdata=[formatting.kes_exact(v) for v in quarters[column]],
                    hovertemplate=_("%{{x}}<br>{series}: %{{customdata}}<extra></extra>").format(series=label))
    # Upright in the empty slot of the spending bar (the right of the quarter's pair), not across the budget bar:
    # on a category axis x is the quarter's position; each of the two bars takes (1 - bargap) / 2 of its width.
    place = {period: i for i, period in enumerate(quarters["period"])}
    for period in quarters.loc[quarters["spent_kes"].isna(), "period"]:
        fig.add_annotation(x=place[period] + (1 - BARGAP) / 4, y=0, text=_("not yet reported"), textangle=-90,
                           yanchor="bottom", showarrow=False, font=dict(size=11, color="#555"))
    fig.update_yaxes(title=_("KES million"), rangemode="tozero", gridcolor="#e5e5e5")
    fig.update_xaxes(title=_("Calendar quarter"), type="category")
    fig.update_layout(barmode="group", bargap=BARGAP)
    return layout(fig, _("Programme budget and spending per quarter, {name}").format(name=name), source)


def benchmark_bars(table: pd.DataFrame, benchmark: metrics.Benchmark, selected: str | None,
                   source: str) -> go.Figure:
    """Horizontal bars of a cost per output per county; the median dashed, outliers in red and named.

    `table` is results.cost_per_output's frame (county_code, cost_per_unit, outlier, median).
    """
    data = table.sort_values("cost_per_unit")
    names = [plotly_text(scope_label(c)) for c in data["county_code"]]
    labels = [f"<b>{n}</b>" if c == selected else n for c, n in zip(data["county_code"], names)]
    colours = ["#c00000" if o else COUNTY_COLOUR if c == selected else TARGET_COLOUR if c != "programme"
               else OTHER_COLOUR for c, o in zip(data["county_code"], data["outlier"])]
    words = views.outlier_labels(demonstration.source_is_demo(source))
    text = [formatting.kes(v) + (f"  {words[o]}" if isinstance(o, str) else "")
            for v, o in zip(data["cost_per_unit"], data["outlier"])]
    fig = go.Figure(go.Bar(x=data["cost_per_unit"], y=labels, orientation="h", marker_color=colours,
                           customdata=[formatting.kes_exact(v) for v in data["cost_per_unit"]],
                           hovertemplate=_("%{{y}}: %{{customdata}} {unit}<extra></extra>").format(
                               unit=_(benchmark.unit_label))))
    value_labels(fig, labels, text, data["cost_per_unit"])
    median = data["median"].iloc[0] if not data.empty else None
    if median is not None and pd.notna(median):
        fig.add_vline(x=median, line=dict(color=MEDIAN_COLOUR, dash="dash"))
    fig.update_xaxes(title=_("KES {unit}").format(unit=_(benchmark.unit_label)), gridcolor="#e5e5e5",
                     rangemode="tozero")
    subtitle = (_("Dashed: median {median} · red: outlier beyond 1.5 IQR").format(median=formatting.kes(median))
                if median is not None and pd.notna(median) else "")
    fig = layout(fig, _(benchmark.name), source, height=max(360, 40 * len(data) + 200), subtitle=subtitle)
    fig.update_layout(showlegend=False, margin=dict(r=label_room(text, size=11, least=150)))  # outlier words included
    return fig
