"""Plotly figures of the SDG pages (ranking, trend, breakdown); like charts.py they never query."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from jdp_analytics.common.charts import (
    COUNTY_COLOUR,
    MEDIAN_COLOUR,
    OTHER_COLOUR,
    TARGET_COLOUR,
    layout,
    value_labels,
    wrap,
)
from jdp_analytics.common.i18n import N_, _
from jdp_analytics.common.inert import plotly_text
from jdp_analytics.common.measures import Measure

KENYA_COLOUR = "#333333"
TITLE_LINE_PX = 22


def _title_room(fig: go.Figure) -> go.Figure:
    """Grow the top margin and the height alike for a title on several lines, keeping the plot area (and so the
    source line drawn under it) where _layout put it."""
    extra = TITLE_LINE_PX * fig.layout.title.text.count("<br>")
    fig.update_layout(height=fig.layout.height + extra, margin=dict(t=fig.layout.margin.t + extra))
    return fig


def ranking(values: pd.DataFrame, measure: Measure, selected: str | None, national: float | None, period: str,
            source: str) -> go.Figure:
    """Horizontal bars of the 47 counties, best at the top; targets in orange, selected dark, Kenya dashed."""
    data = values.dropna(subset=["value"])
    data = data.sort_values("value", ascending=measure.higher_is_better is not False)
    colours = [COUNTY_COLOUR if code == selected else TARGET_COLOUR if target else OTHER_COLOUR
               for code, target in zip(data["county_code"], data["is_jdp_target"])]
    labels = [f"<b>{plotly_text(n)}</b>" if t else plotly_text(n) for n, t in zip(data["county_name"],
                                                                                 data["is_jdp_target"])]
    text = [measure.format(v) for v in data["value"]]
    fig = go.Figure(go.Bar(x=data["value"], y=labels, orientation="h", marker_color=colours, hovertext=text,
                           hovertemplate="%{y}: %{hovertext}<extra></extra>"))
    value_labels(fig, labels, text, data["value"])
    note = _("no Kenya value")
    if national is not None:
        fig.add_vline(x=national, line=dict(color=KENYA_COLOUR, dash="dash", width=1.5), layer="below")
        note = _("dashed: Kenya {value}").format(value=measure.format(national))
    fig.update_xaxes(showticklabels=False, showgrid=False, title=None)
    fig.update_yaxes(tickfont=dict(size=11))
    order = _("lowest (best) first") if measure.higher_is_better is False else _("highest first")
    fig = layout(fig, wrap(_("{measure}: {count} counties, {period}").format(
        measure=measure.label, count=len(data), period=period), 42), wrap(source, 36),
                 height=max(440, 17 * len(data) + 250),
                 subtitle=wrap(_("Targets in orange · {order} · {note}").format(order=order, note=note), 52),
                 bottom=110)
    fig.update_layout(margin=dict(r=70), showlegend=False)
    return _title_room(fig)


def trend(points: pd.DataFrame, measure: Measure, place_name: str, source: str) -> go.Figure:
    """Lines of the selected place, Kenya and the median of counties by period; single years are dots."""
    fig = go.Figure()
    N_("Median of counties")  # the trend's place name for the median (sdg.views.explorer), shown translated
    styles = {"Kenya": dict(color=KENYA_COLOUR, dash="dash"), "Median of counties": dict(color=MEDIAN_COLOUR,
                                                                                         dash="dot")}
    for place, part in points.groupby("place", sort=False):
        shown = plotly_text(_(place) if place == "Median of counties" else place)  # a place's name: untranslated
        fig.add_scatter(x=part["period"], y=part["value"], name=shown, mode="lines+markers",
                        line=styles.get(place, dict(color=COUNTY_COLOUR, width=3)), marker=dict(size=10),
                        hovertext=[measure.format(v) for v in part["value"]],
                        hovertemplate=_("{place}, %{{x}}: %{{hovertext}}<extra></extra>").format(place=shown))
    periods = points["period"].nunique()
    subtitle = (_("{count} period(s) with a value: one point is no trend").format(count=periods) if periods < 2
                else _("{count} periods with a value").format(count=periods))
    fig.update_xaxes(title=_("Year"), type="category")
    fig.update_yaxes(title=measure.label if len(measure.label) < 40 else None, rangemode="tozero",
                     gridcolor="#e5e5e5", ticksuffix=" %" if measure.unit == "pct" else "")
    title = wrap(_("{measure}: {place}, Kenya and the median county").format(measure=measure.label,
                                                                               place=place_name), 80)
    return _title_room(layout(fig, title, wrap(source, 50),
                               subtitle=subtitle))


def breakdown(rows: pd.DataFrame, measure: Measure, place_name: str, period: str, source: str) -> go.Figure:
    """Bars of one place's value by group (sex, urban/rural, disability …), the total first."""
    labels = [_("{dimension}: {group}").format(dimension=_(d), group=plotly_text(g)) if d != "All" else _("All (total)")
              for d, g in zip(rows["dimension"], rows["group"])]
    text = [measure.format(v) for v in rows["value"]]
    colours = [KENYA_COLOUR if d == "All" else COUNTY_COLOUR for d in rows["dimension"]]
    fig = go.Figure(go.Bar(x=rows["value"], y=labels, orientation="h", marker_color=colours, text=text,
                           textposition="outside", cliponaxis=False,
                           hovertemplate="%{y}: %{text}<extra></extra>"))
    fig.update_xaxes(showticklabels=False, showgrid=False, title=None)
    fig.update_yaxes(autorange="reversed")
    fig = layout(fig, wrap(_("{measure} by group: {place}, {period}").format(
        measure=measure.label, place=place_name, period=period), 80), wrap(source, 50),
                  height=max(300, 40 * len(rows) + 200))
    fig.update_layout(margin=dict(r=70), showlegend=False)
    return _title_room(fig)
