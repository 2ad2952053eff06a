"""The look every chart shares (colours, fonts, title, subtitle and source line) and the 47-county ranking.

Charts are plotly figures made from DataFrames; they never query or read files."""

from __future__ import annotations

import textwrap

import pandas as pd
import plotly.graph_objects as go

from jdp_analytics.common import demonstration
from jdp_analytics.common.i18n import _
from jdp_analytics.common.inert import plotly_text
from jdp_analytics.common.measures import Measure

TARGET_COLOUR = "#b3541e"
OTHER_COLOUR = "#8fa3b8"
COUNTY_COLOUR = "#1f4e79"
MEDIAN_COLOUR = "#555555"
FONT = dict(family="Source Sans Pro, Arial, sans-serif", size=14)


TITLE_PAD = 12  # pixels a title of several lines is moved down per line beyond the first (see layout)


def wrap(text: str, width: int = 80, split_words: bool = True) -> str:
    """Return text broken into lines of at most `width` characters with <br> (plotly annotations do not wrap); with
    `split_words=False` a word longer than `width` keeps its own line whole (axis labels)."""
    return "<br>".join(textwrap.wrap(text, width, break_long_words=split_words))


def lines_text(text: str) -> str:
    """Return a title or source line with its text escaped for plotly (it may name a loaded programme, publisher or
    title) and the line breaks the app put in (<br>) kept."""
    return "<br>".join(plotly_text(line) for line in text.split("<br>"))


def layout(fig: go.Figure, title: str, source: str, height: int = 440, subtitle: str = "",
            bottom: int = 110, demo: bool | None = None, axis_room: int = 70, top_room: int = 0) -> go.Figure:
    """Apply the house layout: title and legend on top, the source written under the plot; a chart of generated
    rows (`demo`, or a source line that says so) is watermarked across its plot area (demonstration.mark).
    `axis_room` is what the x axis takes under the plot (tick labels and title; more for labels turned upright): the
    bottom margin holds it and every line of the source, so the source never runs into the axis title. `top_room` is
    what an x axis drawn on top takes beyond one line of tick labels, so they never run into the subtitle."""
    text = lines_text(source) if "<br>" in source else wrap(plotly_text(source))
    title, subtitle = lines_text(title), lines_text(subtitle)
    # Room for every line: a wrapped title or subtitle pushes the plot down, a longer source line (Kiswahili runs
    # about a third longer than English) pushes it up, so that neither crosses the axis titles.
    top = 80 + 22 * title.count("<br>") + ((15 + 16 * subtitle.count("<br>")) if subtitle else 0) + top_room
    bottom = max(bottom, axis_room + 15 * (text.count("<br>") + 1) + 12)
    # plotly lifts a title of several lines above its anchor, cutting the top of its first line: each line beyond
    # the first is padded down by about half a line (TITLE_PAD), which puts it where a one-line title sits.
    fig.update_layout(title=dict(text=title, x=0, y=0.98, yanchor="top", font=dict(size=17),
                                 pad=dict(t=TITLE_PAD * title.count("<br>")), subtitle=dict(text=subtitle)),
                      height=height, font=FONT,
                      margin=dict(l=10, r=10, t=top, b=bottom), plot_bgcolor="white", paper_bgcolor="white",
                      legend=dict(orientation="h", y=1.0, yanchor="bottom", x=0))
    plot_height = height - top - bottom
    fig.add_annotation(text=text, xref="paper", yref="paper", x=0, y=-(bottom - 12) / plot_height,
                       yanchor="bottom", showarrow=False, font=dict(size=11, color="#555"), xanchor="left",
                       align="left")
    return demonstration.mark(fig, demonstration.source_is_demo(source) if demo is None else demo)


def label_room(texts, size: float = 12, least: int = 40, centred: bool = False) -> int:
    """Return the right margin (px) that a bar's words written beside it need: the longest of `texts` at `size` px
    (about 0.55 of the size a character, as measured on the drawn charts) and a little air; Kiswahili labels run about
    a third longer than English ones, so a fixed margin cut them at the chart's edge. `centred`: bars centred in the
    plot (a funnel), whose words beside the narrowest bar need only half their width beyond the plot."""
    longest = max((len(str(t).replace("<b>", "").replace("</b>", "")) for t in texts), default=0)
    return max(least, int(longest * size * 0.55 / (2 if centred else 1)) + 24)


def value_column(fig: go.Figure, labels: list, texts: list, offset: float = 0.0) -> go.Figure:
    """Write each bar's value in a column right of the plot area, where no reference line drawn in the plot (a
    median, Kenya's value) can cross it; `offset` moves the labels off the category centre (grouped bars)."""
    for position, (label, text) in enumerate(zip(labels, texts)):
        if text:
            fig.add_annotation(x=1, xref="paper", xanchor="left", xshift=4, y=position + offset if offset else label,
                               text=text, showarrow=False, font=dict(size=11, color="#333"), align="left")
    return fig


def value_labels(fig: go.Figure, labels: list, texts: list, values: pd.Series) -> go.Figure:
    """Write each bar's value in one column just right of the longest bar: a reference line drawn at a value
    inside the range (a median, Kenya's value) then never crosses a label. One text trace, cheap to draw."""
    right = max(float(values.max()), 0.0) if len(values) else 0.0
    fig.add_scatter(x=[right] * len(labels), y=labels, mode="text", text=[f"  {t}" for t in texts],
                    textposition="middle right", textfont=dict(size=11, color="#333"), cliponaxis=False,
                    hoverinfo="skip", showlegend=False)
    return fig


def beyond_full(values: pd.DataFrame, measure: Measure) -> list[str]:
    """Return the names of counties whose percentage passes 100 % (spending more than the budget, as published)."""
    if measure.unit != "pct" or not measure.capped:
        return []
    return [_("{county} {value}").format(county=n, value=measure.format(v))
            for n, v in zip(values["county_name"], values["value"]) if v > 100]


def county_ranking(values: pd.DataFrame, measure: Measure, selected: str | None, median: float | None,
                   source: str) -> go.Figure:
    """Horizontal bars of a measure for every county, highest first; target counties coloured, median marked.

    `values` has columns county_code, county_name, is_jdp_target, value, flag.
    """
    data = values.dropna(subset=["value"]).copy()
    data = data[data["flag"].isna()].sort_values("value")
    colours = [COUNTY_COLOUR if code == selected else TARGET_COLOUR if target else OTHER_COLOUR
               for code, target in zip(data["county_code"], data["is_jdp_target"])]
    labels = [f"<b>{plotly_text(name)}</b>" if target else plotly_text(name)
              for name, target in zip(data["county_name"], data["is_jdp_target"])]
    text = [measure.format(v) + (" †" if measure.unit == "pct" and measure.capped and v > 100 else "")
            for v in data["value"]]
    fig = go.Figure(go.Bar(x=data["value"], y=labels, orientation="h", marker_color=colours, hovertext=text,
                           hovertemplate="%{y}: %{hovertext}<extra></extra>"))
    value_labels(fig, labels, text, data["value"])
    if median is not None:
        fig.add_vline(x=median, line=dict(color=MEDIAN_COLOUR, dash="dash"))
    median_text = _("dashed: national median {median}").format(median=measure.format(median)) \
        if median is not None else ""
    beyond = beyond_full(data, measure)
    subtitle = "<br>".join(textwrap.wrap(_("Targets in bold orange · {median}").format(median=median_text), 52))
    if beyond:
        subtitle += "<br>" + _("† {counties}: spent more than the approved<br>budget, as published "
                               "(see Data quality)").format(counties=", ".join(beyond))
    fig.update_xaxes(showticklabels=False, showgrid=False, title=None)
    fig.update_yaxes(tickfont=dict(size=11))
    extra = 36 if beyond else 0  # two more subtitle lines (layout makes room above): the plot keeps its height
    fig = layout(fig, wrap(_("{measure}, all counties").format(measure=measure.label), 42), wrap(source, 40),
                  height=max(440, 17 * len(data) + 200) + extra, subtitle=subtitle, bottom=95,
                  axis_room=10)  # the x axis is hidden: the source comes right under the bars, no empty band
    fig.update_layout(margin=dict(r=70), showlegend=False)
    return fig


BUDGET_COLOUR = "#8fa3b8"
