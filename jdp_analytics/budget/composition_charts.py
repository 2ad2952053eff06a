"""Plotly figures of the Budget composition page: fiscal rules, revenue, pending bills, sectors and programmes.

They never query; inputs are the view-model tables of composition_views (exact values). Amounts are drawn in
KES million or billion with the exact shilling figure on hover.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from jdp_analytics.common import formatting
from jdp_analytics.common.charts import (
    BUDGET_COLOUR,
    COUNTY_COLOUR,
    MEDIAN_COLOUR,
    TARGET_COLOUR,
    label_room,
    layout,
    wrap,
)
from jdp_analytics.common.i18n import N_, _
from jdp_analytics.common.inert import plotly_text
from jdp_analytics.common.vocabulary import term

MEETS_COLOUR, BREAKS_COLOUR = "#1a7f4b", "#c0504d"
AGE_COLOURS = ("#c9d6e3", "#8fa3b8", "#e3b23c", "#c0504d")
AGE_LABELS = (N_("Under 1 year"), N_("1–2 years"), N_("2–3 years"), N_("Over 3 years"))


def _subtitle(text: str, demo: bool) -> str:
    """Return a chart's subtitle; a chart of generated rows is marked by its watermark (demonstration.mark)."""
    return text


def _half(source: str) -> str:
    """Return a source line wrapped for a chart half the page wide."""
    return wrap(source, 60)


def _scale(values: pd.Series) -> tuple[float, str]:
    biggest = pd.to_numeric(values, errors="coerce").abs().max()
    return (1e9, _("KES billion")) if pd.notna(biggest) and biggest >= 2e9 else (1e6, _("KES million"))


def upright_labels(heights, tallest: float) -> dict:
    """Return a bar trace's label settings: each label upright at the foot of its bar, white, at a size a projector
    shows. Lying flat above a bar, plotly shrinks it to the bar's width (3-5 px with twelve years on half a page), and
    near the bar's top a threshold line would cross it. A bar under 30 % of the `tallest` has its label above it."""
    return dict(textposition=["inside" if pd.notna(v) and v >= 0.3 * tallest else "outside" for v in heights],
                textangle=-90, constraintext="none", insidetextanchor="start",
                insidetextfont=dict(color="white", size=12), outsidetextfont=dict(size=12))


def rule_bars(labels: pd.Series, values: pd.Series, threshold: float, floor: bool, title: str, source: str,
              axis_title: str, demo: bool = False) -> go.Figure:
    """Bars of a rule's figure (%) per year or county, green where the rule is met, red where broken, with the
    threshold drawn and named; a label with no figure says so on the chart."""
    met = [None if pd.isna(v) else (v >= threshold if floor else v <= threshold) for v in values]
    colours = [MEDIAN_COLOUR if m is None else MEETS_COLOUR if m else BREAKS_COLOUR for m in met]
    text = [formatting.pct(v) if pd.notna(v) else "" for v in values]
    tallest = max([threshold, *[v for v in values if pd.notna(v)]])
    verdict = [_("no figure") if m is None else (_("would meet the rule") if m else _("would break the rule")) if demo
               else _("meets the rule") if m else _("BREAKS the rule") for m in met]
    fig = go.Figure(go.Bar(x=[plotly_text(label) for label in labels], y=values, marker_color=colours, text=text,
                           **upright_labels(values, tallest), cliponaxis=False, customdata=list(zip(text, verdict)),
                           hovertemplate="%{x}: %{customdata[0]}, %{customdata[1]}<extra></extra>"))
    for label, value in zip(labels, values):
        if pd.isna(value):
            fig.add_annotation(x=label, y=0, text=_("no figure"), textangle=-90, yanchor="bottom", showarrow=False,
                               font=dict(size=11, color="#555"))
    # the threshold's name beside its line, on two short lines when long ("kiwango cha<br>juu 35 %")
    limit = wrap((_("{value} % floor") if floor else _("{value} % ceiling")).format(value=f"{threshold:.0f}"), 12,
                 split_words=False)
    fig.add_hline(y=threshold, line=dict(color="#333", dash="dash"),
                  annotation_text=limit, annotation_position="right",
                  annotation_bgcolor="white")
    fig.update_yaxes(title="%", ticksuffix=" %", rangemode="tozero", gridcolor="#e5e5e5")
    fig.update_xaxes(title=axis_title, type="category")
    fig = layout(fig, title, _half(source), height=440, axis_room=100,
                  subtitle=_subtitle(_("green: would meet · red: would break") if demo
                                     else _("green: meets · red: breaks"), demo), demo=demo)
    fig.update_layout(showlegend=False, margin=dict(r=label_room(limit.split("<br>"), least=80)))
    return fig


def amounts_by_part(data: pd.DataFrame, label: str, title: str, source: str, demo: bool = False) -> go.Figure:
    """Horizontal stacked bars of the approved development and recurrent budget per sector or programme, with the
    expenditure as a diamond; `data` has the column `label` and approved_development_kes, approved_recurrent_kes,
    approved_kes, expenditure_kes."""
    data = data.sort_values("approved_kes")
    scale, unit = _scale(data["approved_kes"])
    fig = go.Figure()
    hover = _("%{{y}}<br>{series}: %{{customdata}}<extra></extra>")
    # an owned name in the page's language; a loaded one as it is (plotly would draw its <a href> as a link)
    parts = data[label].map(term).map(plotly_text)
    for column, name, colour in (("approved_development_kes", _("Approved, development"), TARGET_COLOUR),
                                 ("approved_recurrent_kes", _("Approved, recurrent"), BUDGET_COLOUR)):
        fig.add_bar(y=parts, x=data[column] / scale, name=name, orientation="h", marker_color=colour,
                    customdata=formatting.kes_hover(data[column]), hovertemplate=hover.format(series=name))
    fig.add_scatter(y=parts, x=data["expenditure_kes"] / scale, mode="markers", name=_("Expenditure"),
                    marker=dict(symbol="diamond", size=10, color=COUNTY_COLOUR),
                    customdata=formatting.kes_hover(data["expenditure_kes"]),
                    hovertemplate=hover.format(series=_("Expenditure")))
    fig.update_xaxes(title=unit, gridcolor="#e5e5e5", rangemode="tozero")
    fig.update_yaxes(tickfont=dict(size=11), automargin=True)
    fig.update_layout(barmode="stack")
    return layout(fig, title, source, height=max(380, 34 * len(data) + 220),
                  subtitle=_subtitle(_("bars: approved budget · diamonds: expenditure"), demo), demo=demo)


def osr_bars(rows: pd.DataFrame, label: str, title: str, source: str, demo: bool = False) -> go.Figure:
    """Grouped bars of the own-source revenue target and collection per year (or county), the share of target
    written over the collection; a year with no figure says so."""
    scale, unit = _scale(rows["osr_target_kes"])
    fig = go.Figure()
    fig.add_bar(x=rows[label], y=rows["osr_target_kes"] / scale, name=_("Target"), marker_color=BUDGET_COLOUR,
                customdata=formatting.kes_hover(rows["osr_target_kes"]),
                hovertemplate=_("%{x}<br>Target: %{customdata}<extra></extra>"))
    performance = [formatting.pct(v) if pd.notna(v) else "" for v in rows["osr_performance_pct"]]
    tallest = pd.concat([rows["osr_target_kes"], rows["osr_actual_kes"]]).max() / scale
    fig.add_bar(x=rows[label], y=rows["osr_actual_kes"] / scale, name=_("Collected"), marker_color=COUNTY_COLOUR,
                text=performance, **upright_labels(rows["osr_actual_kes"] / scale, tallest), cliponaxis=False,
                customdata=list(zip(formatting.kes_hover(rows["osr_actual_kes"]), performance)),
                hovertemplate=_("%{x}<br>Collected: %{customdata[0]} (%{customdata[1]} of target)<extra></extra>"))
    for x in rows.loc[rows["osr_actual_kes"].isna(), label]:
        fig.add_annotation(x=x, y=0, text=_("no figure"), textangle=-90, yanchor="bottom", showarrow=False,
                           font=dict(size=11, color="#555"))
    fig.update_yaxes(title=unit, rangemode="tozero", gridcolor="#e5e5e5")
    fig.update_xaxes(type="category")
    fig.update_layout(barmode="group", bargap=0.2, bargroupgap=0.05)
    return layout(fig, title, _half(source), height=440, axis_room=100,
                  subtitle=_subtitle(_("labels: % of target"), demo), demo=demo)


def pending_by_age(rows: pd.DataFrame, label: str, title: str, source: str, demo: bool = False) -> go.Figure:
    """Stacked bars of the stock of pending bills on 30 June by age band, per year (or county)."""
    columns = ("pending_bills_under_1y_kes", "pending_bills_1_2y_kes", "pending_bills_2_3y_kes",
               "pending_bills_over_3y_kes")
    scale, unit = _scale(rows["pending_bills_kes"])
    fig = go.Figure()
    for column, name, colour in zip(columns, AGE_LABELS, AGE_COLOURS):
        fig.add_bar(x=rows[label], y=rows[column] / scale, name=_(name), marker_color=colour,
                    customdata=formatting.kes_hover(rows[column]),
                    hovertemplate=_("%{{x}}<br>{series}: %{{customdata}}<extra></extra>").format(series=_(name)))
    for x in rows.loc[rows["pending_bills_kes"].isna(), label]:
        fig.add_annotation(x=x, y=0, text=_("no figure"), textangle=-90, yanchor="bottom", showarrow=False,
                           font=dict(size=11, color="#555"))
    fig.update_yaxes(title=unit, rangemode="tozero", gridcolor="#e5e5e5")
    fig.update_xaxes(type="category")
    fig.update_layout(barmode="stack")
    fig = layout(fig, title, _half(source), height=440, axis_room=100,
                  subtitle=_subtitle(_("unpaid on 30 June, by age"), demo), demo=demo)
    fig.update_layout(margin=dict(t=125))
    return fig
