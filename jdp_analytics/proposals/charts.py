"""Charts of the From proposals to budget page; plotly figures from DataFrames, never queries."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from jdp_analytics.common import formatting
from jdp_analytics.common.charts import COUNTY_COLOUR, OTHER_COLOUR, TARGET_COLOUR, label_room, layout, wrap
from jdp_analytics.common.i18n import N_, _
from jdp_analytics.common.inert import plotly_text

STEP_COLOURS = ("#9fb4c8", "#7b98b5", "#5a7ea3", COUNTY_COLOUR, TARGET_COLOUR, "#6a8f4e")
DEMO_SUBTITLE = N_("DEMONSTRATION DATA — generated, not real")


def _subtitle(text: str, demo: bool) -> str:
    """The subtitle, led by the demonstration mark on generated rows, wrapped to the chart's width (Kiswahili's
    ran past the edge)."""
    return wrap(_("{demo} · {text}").format(demo=_(DEMO_SUBTITLE), text=text) if demo else text, 100,
                split_words=False)


def funnel(steps: pd.DataFrame, name: str, fiscal_year: str, source: str, demo: bool) -> go.Figure:
    """Bars of proposals at each step, from made to feedback given, with KES on the funded and spent steps."""
    data = steps.iloc[::-1]
    text = [f"{formatting.number(n)} ({formatting.pct(r)})" + (f" · {formatting.kes(k)}" if pd.notna(k) else "")
            for n, r, k in zip(data["proposals"], data["pct_of_proposals"], data["kes"])]
    fig = go.Figure(go.Bar(x=data["proposals"], y=[_(s) for s in data["step"]], orientation="h", text=text,
                           textposition="outside",
                           cliponaxis=False, marker_color=list(STEP_COLOURS[::-1]),
                           hovertemplate="%{y}: %{text}<extra></extra>"))
    fig.update_xaxes(title=_("Proposals"), gridcolor="#eee")
    # the source line starts under the bars, right of the step names: wrapped as every chart's, it fits a printed page
    fig = layout(fig, _("From proposals to budget, {name}, {year}").format(name=name, year=formatting.fy(fiscal_year)),
                 source, height=400,
                 subtitle=_subtitle(_("% of proposals made; feedback counts every proposal, adopted or not"), demo))
    fig.update_layout(margin=dict(r=label_room(text)), showlegend=False)
    return fig


def wards(summary: pd.DataFrame, name: str, fiscal_year: str, source: str, demo: bool) -> go.Figure:
    """Horizontal bars of KES allocated to citizens' proposals per ward, KES per proposal written beside."""
    data = summary.sort_values(["allocated_kes", "ward_name"], ascending=[True, False])
    text = [_("{allocated} · {funded} of {made} funded · {per} per proposal").format(
        allocated=formatting.kes(a), funded=f, made=m, per=formatting.kes(a / m)) if m else _("no proposal")
            for a, f, m in zip(data["allocated_kes"], data["funded"], data["made"])]
    fig = go.Figure(go.Bar(x=data["allocated_kes"], y=data["ward_name"].map(plotly_text), orientation="h",
                           marker_color=COUNTY_COLOUR, text=text, textposition="outside", cliponaxis=False,
                           hovertemplate="%{y}: %{text}<extra></extra>"))
    fig.update_xaxes(title=_("KES allocated to citizens' proposals"), gridcolor="#eee")
    fig.update_yaxes(tickfont=dict(size=11))
    fig = layout(fig, _("KES allocated to citizens' proposals per ward, {name}, {year}").format(
        name=name, year=formatting.fy(fiscal_year)), source,
                 height=max(400, 18 * len(data) + 230),
                 subtitle=_subtitle(_("per proposal, not per adult: ward populations are not published"), demo))
    fig.update_layout(margin=dict(r=label_room(text)), showlegend=False)
    return fig


def groups(adoption: pd.DataFrame, name: str, fiscal_year: str, source: str, demo: bool) -> go.Figure:
    """Paired bars per group: its share of proposals made and its share of those adopted."""
    data = adoption.iloc[::-1]
    fig = go.Figure([
        go.Bar(x=data["share_of_adopted_pct"], y=data["group"], orientation="h", name=_("Share of proposals adopted"),
               marker_color=COUNTY_COLOUR, text=data["share_of_adopted_pct"].map(formatting.pct),
               textposition="outside", cliponaxis=False),
        go.Bar(x=data["share_of_proposals_pct"], y=data["group"], orientation="h", name=_("Share of proposals made"),
               marker_color=OTHER_COLOUR, text=data["share_of_proposals_pct"].map(formatting.pct),
               textposition="outside", cliponaxis=False)])
    fig.update_xaxes(title=_("% of proposals"), gridcolor="#eee", ticksuffix=" %")
    fig.update_layout(barmode="group")
    fig = layout(fig, _("Whose proposals were adopted, {name}, {year}").format(
        name=name, year=formatting.fy(fiscal_year)), wrap(source, 110), height=400,
        subtitle=_subtitle(_("a group adopted as often as the others has equal bars"), demo))
    fig.update_layout(margin=dict(r=70, t=120), legend=dict(y=1.02, traceorder="reversed"))  # made on top
    return fig


def counties(comparison: pd.DataFrame, selected: str | None, fiscal_year: str, source: str, demo: bool) -> go.Figure:
    """Bars of KES allocated to citizens' proposals per 1,000 adults for each county, funded % written beside."""
    data = comparison.dropna(subset=["kes_per_1000_adults"]).sort_values("kes_per_1000_adults")
    colours = [COUNTY_COLOUR if c == selected else TARGET_COLOUR for c in data["county_code"]]
    text = [_("{amount} · {share} funded").format(amount=formatting.kes(v), share=formatting.pct(f)) for v, f in
            zip(data["kes_per_1000_adults"], data["funded_pct"])]
    fig = go.Figure(go.Bar(x=data["kes_per_1000_adults"], y=data["county_name"].map(plotly_text), orientation="h",
                           marker_color=colours, text=text, textposition="outside", cliponaxis=False,
                           hovertemplate="%{y}: %{text}<extra></extra>"))
    fig.update_xaxes(title=_("KES allocated to citizens' proposals per 1,000 adults (census 2019)"), gridcolor="#eee")
    fig = layout(fig, _("Counties side by side, {year}").format(year=formatting.fy(fiscal_year)), wrap(source, 110),
                 height=420, subtitle=_subtitle(_("KES per 1,000 adults; % of proposals made that were funded"), demo))
    fig.update_layout(margin=dict(r=label_room(text)), showlegend=False)
    return fig


def equity(table: pd.DataFrame, name: str, fiscal_year: str, source: str, demo: bool) -> go.Figure:
    """Bars of each ward's share of ward-project spending, the equal-share line drawn across; the figures are written
    in the ward labels so that the line crosses no text."""
    data = table.sort_values(["share_of_spent_pct", "ward_name"], ascending=[True, False])
    labels = [f"{plotly_text(w)}  <b>{formatting.pct(s)}</b> · {formatting.kes(k)}" for w, s, k in
              zip(data["ward_name"], data["share_of_spent_pct"], data["spent_kes"])]
    fig = go.Figure(go.Bar(x=data["share_of_spent_pct"], y=labels, orientation="h",
                           marker_color=[TARGET_COLOUR if g < 0 else COUNTY_COLOUR for g in data["gap_points"]],
                           hovertemplate="%{y}<extra></extra>"))
    if len(data):
        fig.add_vline(x=float(data["equal_share_pct"].iloc[0]), line=dict(color="#555", dash="dash"))
    fig.update_xaxes(title=_("% of the county's ward-project spending"), gridcolor="#eee", ticksuffix=" %")
    fig.update_yaxes(tickfont=dict(size=11))
    fig = layout(fig, _("Development spending per ward, {name}, {year}").format(
        name=name, year=formatting.fy(fiscal_year)), source,
                 height=max(400, 18 * len(data) + 230),
                 subtitle=_subtitle(_("dashed: an equal split of the county's adults (no ward population is "
                                      "published); orange: below it"), demo))
    fig.update_layout(showlegend=False)
    return fig
