"""Charts of the Participation and Social accountability pages; plotly figures from DataFrames."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from jdp_analytics.common import formatting
from jdp_analytics.common.charts import COUNTY_COLOUR, OTHER_COLOUR, TARGET_COLOUR, label_room, layout, wrap
from jdp_analytics.common.i18n import _
from jdp_analytics.common.inert import plotly_text
from jdp_analytics.common.vocabulary import term

# The Participation page.

NO_FORUM_COLOUR = "#c0504d"
POPULATION_COLOUR = "#9e9e9e"


def ward_forums(summary: pd.DataFrame, name: str, fiscal_year: str, source: str) -> go.Figure:
    """Horizontal bars of forums per ward, wards without a forum named in red at zero."""
    data = summary.sort_values(["forums", "ward_name"], ascending=[True, False])
    none = data["forums"] == 0
    colours = [NO_FORUM_COLOUR if n else COUNTY_COLOUR for n in none]
    text = [_("no forum") if n else _("{forums} · {people} attending").format(forums=f, people=formatting.number(a))
            for n, f, a in zip(none, data["forums"], data["attendance"])]
    labels = [f"<span style='color:{NO_FORUM_COLOUR}'><b>{w}</b></span>" if n else w
              for w, n in zip(data["ward_name"].map(plotly_text), none)]
    fig = go.Figure(go.Bar(x=data["forums"], y=labels, orientation="h", marker_color=colours, text=text,
                           textposition="outside", cliponaxis=False,
                           hovertemplate="%{y}: %{text}<extra></extra>"))
    fig.update_xaxes(title=_("Forums held"), showgrid=True, gridcolor="#eee")
    fig.update_yaxes(tickfont=dict(size=11))
    fig = layout(fig, _("Forums per ward, {name}, {year}").format(name=name, year=formatting.fy(fiscal_year)),
                 wrap(source, 90), height=max(380, 18 * len(data) + 230),
                 subtitle=_("{count} ward(s) with no forum, in red").format(count=int(none.sum())), bottom=120)
    fig.update_layout(margin=dict(r=150), showlegend=False)
    return fig


def representation(rep: pd.DataFrame, name: str, fiscal_year: str, source: str) -> go.Figure:
    """Dot plot per group: share of participants against share of the population, the gap written beside."""
    data = rep.iloc[::-1].assign(group=[_(g) for g in rep.iloc[::-1]["group"]])
    fig = go.Figure()
    for row in data.itertuples():
        if pd.notna(row.participants_pct) and pd.notna(row.population_pct):
            fig.add_shape(type="line", x0=row.population_pct, x1=row.participants_pct, y0=row.group, y1=row.group,
                          line=dict(color="#bbb", width=6), layer="below")
    fig.add_scatter(x=data["population_pct"], y=data["group"], mode="markers", name=_("Share of the population"),
                    marker=dict(color=POPULATION_COLOUR, size=16, symbol="line-ns-open", line=dict(width=4)),
                    hovertemplate=_("%{y}: %{x:.1f} % of the population<extra></extra>"))
    gaps = [formatting.points(g) for g in data["gap_points"]]
    fig.add_scatter(x=data["participants_pct"], y=data["group"], mode="markers", name=_("Share of participants"),
                    marker=dict(color=COUNTY_COLOUR, size=16), text=gaps,
                    hovertemplate=_("%{y}: %{x:.1f} % of participants (%{text})<extra></extra>"))
    # The gap is written right of both marks, where neither the population mark nor the axis can hide its sign.
    fig.add_scatter(x=data[["participants_pct", "population_pct"]].max(axis=1), y=data["group"], mode="text",
                    text=[f"   {g}" for g in gaps], textposition="middle right", textfont=dict(color="#333"),
                    cliponaxis=False, hoverinfo="skip", showlegend=False)
    fig.update_xaxes(title=_("% of participants or of the population"), range=[0, 100], ticksuffix=" %",
                     gridcolor="#eee")
    return layout(fig, _("Who takes part, {name}, {year}").format(name=name, year=formatting.fy(fiscal_year)), source,
                  height=400, subtitle=_("Gap in percentage points: participants minus population (negative = "
                                         "under-represented)"))


def stage_coverage(coverage: pd.DataFrame, name: str, fiscal_year: str, source: str) -> go.Figure:
    """Heatmap of forums per ward (rows) and budget-cycle stage (columns); empty cells are stages with no forum."""
    stages = [c for c in coverage.columns if c not in ("ward_code", "ward_name")]
    data = coverage.sort_values("ward_name", ascending=False)
    values = data[stages].to_numpy()
    text = [["–" if v == 0 else str(int(v)) for v in row] for row in values]
    fig = go.Figure(go.Heatmap(z=values, x=[_(s) for s in stages], y=data["ward_name"].map(plotly_text), text=text,
                               texttemplate="%{text}",
                               colorscale=[[0, "#f4f4f4"], [0.001, "#c6dbef"], [1, "#08519c"]], showscale=False,
                               hovertemplate=_("%{y}, %{x}: %{z} forum(s)<extra></extra>"), xgap=2, ygap=2))
    # Stage names of two words or more on two lines: six columns share a half-width chart on a 1280-pixel projector,
    # where "Finance bill" and "Budget implementation review" ran into each other on one line.
    names = [_(s) for s in stages]
    ticks = [wrap(n, 12, split_words=False) for n in names]
    fig.update_xaxes(side="top", tickangle=0, tickvals=names, ticktext=ticks, tickfont=dict(size=12))
    fig.update_yaxes(tickfont=dict(size=11))
    room = 15 * max(t.count("<br>") for t in ticks) if ticks else 0  # each tick line beyond the first
    return layout(fig, _("Forums per ward and budget-cycle stage, {name}, {year}").format(
        name=name, year=formatting.fy(fiscal_year)), wrap(source, 100), height=max(380, 20 * len(data) + 230) + room,
        subtitle=_("'–': no forum at that stage"), bottom=80, top_room=room)


def proposal_funnel(funnel: pd.DataFrame, name: str, fiscal_year: str, source: str) -> go.Figure:
    """Funnel from proposals received to adopted to adopted with feedback to participants."""
    text = [f"{formatting.number(n)} ({formatting.pct(r)})" for n, r in zip(funnel["proposals"],
                                                                            funnel["pct_of_received"])]
    fig = go.Figure(go.Funnel(y=[wrap(_(s), 18, split_words=False) for s in funnel["step"]], x=funnel["proposals"],
                              text=text, textinfo="text",
                              marker=dict(color=[OTHER_COLOUR, COUNTY_COLOUR, TARGET_COLOUR]), cliponaxis=False,
                              hovertemplate="%{y}: %{text}<extra></extra>"))
    fig = layout(fig, wrap(_("What became of citizens' proposals, {name}, {year}").format(
        name=name, year=formatting.fy(fiscal_year)), 40), wrap(source, 36), height=380)
    fig.update_layout(margin=dict(r=label_room(text, least=30, centred=True)))  # a narrow bar's words beside it
    return fig


def target_comparison(comparison: pd.DataFrame, selected: str | None, fiscal_year: str, source: str) -> go.Figure:
    """Bars of attendance per 1,000 adults for the target counties, the women's gap written on each bar."""
    data = comparison.sort_values("attendance_per_1000_adults")
    colours = [COUNTY_COLOUR if c == selected else TARGET_COLOUR for c in data["county_code"]]
    text = [_("{rate} · women {gap}").format(rate=formatting.number(v, 1), gap=formatting.points(g)) for v, g in
            zip(data["attendance_per_1000_adults"], data["women_gap_points"])]
    fig = go.Figure(go.Bar(x=data["attendance_per_1000_adults"], y=data["county_name"].map(plotly_text),
                           orientation="h", marker_color=colours, text=text, textposition="outside", cliponaxis=False,
                           hovertemplate="%{y}: %{text}<extra></extra>"))
    fig.update_xaxes(title=_("Attendances per 1,000 adults (census 2019)"), gridcolor="#eee")
    fig = layout(fig, _("Turnout in the eight target counties, {year}").format(year=formatting.fy(fiscal_year)),
                 source, height=400,
                 subtitle=_("Attendances per 1,000 adults; women's gap against their share of adults"))
    # room for the longest label beside its bar: "… · wanawake pointi za asilimia −3.7" ran past a fixed 170 px
    fig.update_layout(margin=dict(r=label_room(text, least=170)), showlegend=False)
    return fig


def quarterly_trend(trend: pd.DataFrame, name: str, source: str) -> go.Figure:
    """Forums per fiscal quarter (bars) and the women's share of attendance (line, right axis)."""
    fig = go.Figure()
    fig.add_bar(x=trend["quarter"], y=trend["forums"], name=_("Forums held"), marker_color=OTHER_COLOUR,
                hovertemplate=_("%{x}: %{y} forums<extra></extra>"))
    fig.add_scatter(x=trend["quarter"], y=trend["women_pct"], name=_("Women, % of attendance"), yaxis="y2",
                    mode="lines+markers", line=dict(color=TARGET_COLOUR, width=3),
                    hovertemplate=_("%{x}: women %{y:.1f} % of attendance<extra></extra>"))
    fig.add_scatter(x=trend["quarter"], y=trend["adopted_pct"], name=_("Proposals adopted, %"), yaxis="y2",
                    mode="lines+markers", line=dict(color=COUNTY_COLOUR, width=3, dash="dot"),
                    hovertemplate=_("%{x}: %{y:.1f} % of proposals adopted<extra></extra>"))
    fig.update_layout(yaxis=dict(title=_("Forums"), gridcolor="#eee"),
                      yaxis2=dict(title="%", overlaying="y", side="right", range=[0, 100], tickmode="linear",
                                  dtick=25, showgrid=False))
    return layout(fig, _("Forums by fiscal quarter, {name}").format(name=name), source, height=400,
                  subtitle=_("Q1 = July–September"))


def facility_resolution(summary: pd.DataFrame, name: str, fiscal_year: str, source: str) -> go.Figure:
    """Bars of complaints received and resolved per facility type, the resolution rate written on each."""
    data = summary.sort_values("received")
    fig = go.Figure()
    types = data["facility_type"].map(term).map(plotly_text)
    fig.add_bar(y=types, x=data["received"], name=_("Received"), orientation="h",
                marker_color=OTHER_COLOUR, hovertemplate=_("%{y}: %{x} received<extra></extra>"))
    fig.add_bar(y=types, x=data["resolved"], name=_("Resolved"), orientation="h",
                marker_color=COUNTY_COLOUR, text=[formatting.pct(v) for v in data["resolved_pct"]],
                textposition="outside", cliponaxis=False,
                hovertemplate=_("%{y}: %{x} resolved (%{text})<extra></extra>"))
    fig.update_layout(barmode="group")
    fig.update_xaxes(title=_("Complaints and suggestions"), gridcolor="#eee")
    return layout(fig, _("Complaints resolved by facility type, {name}, {year}").format(
        name=name, year=formatting.fy(fiscal_year)), source, height=380)
