"""Plotly figures from DataFrames; they never query or read files."""

from __future__ import annotations

import textwrap

import pandas as pd
import plotly.graph_objects as go

from jdp_analytics import formatting
from jdp_analytics.metrics import PEFA_PI1_RANGES, Measure

TARGET_COLOUR = "#b3541e"
OTHER_COLOUR = "#8fa3b8"
COUNTY_COLOUR = "#1f4e79"
MEDIAN_COLOUR = "#555555"
FONT = dict(family="Source Sans Pro, Arial, sans-serif", size=14)


def wrap(text: str, width: int = 120) -> str:
    """Return text broken into lines of at most `width` characters with <br> (plotly annotations do not wrap)."""
    return "<br>".join(textwrap.wrap(text, width))


def _layout(fig: go.Figure, title: str, source: str, height: int = 440, subtitle: str = "",
            bottom: int = 110) -> go.Figure:
    """Apply the house layout: title and legend on top, the source written under the plot."""
    top = 95 if subtitle else 80
    fig.update_layout(title=dict(text=title, x=0, y=0.98, yanchor="top", font=dict(size=17),
                                 subtitle=dict(text=subtitle)), height=height, font=FONT,
                      margin=dict(l=10, r=10, t=top, b=bottom), plot_bgcolor="white", paper_bgcolor="white",
                      legend=dict(orientation="h", y=1.0, yanchor="bottom", x=0))
    plot_height = height - top - bottom
    text = source if "<br>" in source else wrap(source)
    fig.add_annotation(text=text, xref="paper", yref="paper", x=0, y=-(bottom - 12) / plot_height,
                       yanchor="bottom", showarrow=False, font=dict(size=11, color="#555"), xanchor="left",
                       align="left")
    return fig


def absorption_trend(trend: pd.DataFrame, county_name: str | None, source: str) -> go.Figure:
    """Line chart of a county's overall and development absorption by fiscal year against the national medians.

    Flagged development rates are drawn as crosses at no height and named in the hover, never joined to the line.
    """
    fig = go.Figure()
    years = trend["fiscal_year"]
    fig.add_scatter(x=years, y=trend["national_median_absorption_pct"], name="National median, overall",
                    line=dict(color=MEDIAN_COLOUR, dash="dash"),
                    hovertemplate="FY %{x}<br>National median, overall: %{y:.1f} %<extra></extra>")
    fig.add_scatter(x=years, y=trend["national_median_development_pct"], name="National median, development",
                    line=dict(color=MEDIAN_COLOUR, dash="dot"),
                    hovertemplate="FY %{x}<br>National median, development: %{y:.1f} %<extra></extra>")
    if county_name:
        fig.add_scatter(x=years, y=trend["absorption_pct"], name=f"{county_name}, overall", mode="lines+markers",
                        line=dict(color=COUNTY_COLOUR, width=3),
                        hovertemplate="FY %{x}<br>" + county_name + ", overall: %{y:.1f} %<extra></extra>")
        ok = trend["flag"].isna()
        dev = trend["development_absorption_pct"].where(ok)
        fig.add_scatter(x=years, y=dev, name=f"{county_name}, development", mode="lines+markers",
                        line=dict(color=TARGET_COLOUR, width=3),
                        hovertemplate="FY %{x}<br>" + county_name + ", development: %{y:.1f} %<extra></extra>")
        flagged = trend[~ok]
        if not flagged.empty:
            fig.add_scatter(x=flagged["fiscal_year"], y=[0] * len(flagged), mode="markers", name="Flagged value",
                            marker=dict(symbol="x", size=12, color="#c00000"),
                            customdata=flagged[["development_absorption_pct", "flag"]],
                            hovertemplate="FY %{x}: published development rate %{customdata[0]} flagged "
                                          "as suspect (%{customdata[1]})<extra></extra>")
    fig.update_yaxes(title="% of budget spent", rangemode="tozero", gridcolor="#e5e5e5", ticksuffix=" %")
    fig.update_xaxes(title="Fiscal year (July–June)", type="category")
    title = f"Budget absorption, {county_name}" if county_name else "Budget absorption, national median"
    return _layout(fig, title, source)


def county_ranking(values: pd.DataFrame, measure: Measure, selected: str | None, median: float | None,
                   source: str) -> go.Figure:
    """Horizontal bars of a measure for every county, highest first; target counties coloured, median marked.

    `values` has columns county_code, county_name, is_jdp_target, value, flag.
    """
    data = values.dropna(subset=["value"]).copy()
    data = data[data["flag"].isna()].sort_values("value")
    colours = [COUNTY_COLOUR if code == selected else TARGET_COLOUR if target else OTHER_COLOUR
               for code, target in zip(data["county_code"], data["is_jdp_target"])]
    labels = [f"<b>{name}</b>" if target else name for name, target in zip(data["county_name"], data["is_jdp_target"])]
    text = [measure.format(v) for v in data["value"]]
    fig = go.Figure(go.Bar(x=data["value"], y=labels, orientation="h", marker_color=colours, text=text,
                           textposition="outside", cliponaxis=False, hovertext=text,
                           hovertemplate="%{y}: %{hovertext}<extra></extra>"))
    if median is not None:
        fig.add_vline(x=median, line=dict(color=MEDIAN_COLOUR, dash="dash"))
    median_text = f"dashed: national median {measure.format(median)}" if median is not None else ""
    fig.update_xaxes(showticklabels=False, showgrid=False, title=None)
    fig.update_yaxes(tickfont=dict(size=11))
    fig = _layout(fig, f"{measure.label}, all counties", wrap(source, 55), height=max(440, 17 * len(data) + 200),
                  subtitle=f"Targets in bold orange · {median_text}", bottom=80)
    fig.update_layout(margin=dict(r=70), showlegend=False)
    return fig


BUDGET_COLOUR = "#8fa3b8"
BAND_COLOURS = {"A": "#1a7f4b", "B": "#7fb069", "C": "#e3b23c", "D": "#c0504d"}


def _kes_hover(values: pd.Series) -> list[str]:
    """Return 'KES 4.39 bn (KES 4,391,400,000)' for each amount: the short figure and the exact one."""
    return [f"{formatting.kes(v)} ({formatting.kes_exact(v)})" for v in values]


def budget_and_expenditure(trend: pd.DataFrame, name: str, source: str) -> go.Figure:
    """Bars of the approved budget and the expenditure per fiscal year, in KES billion, exact amounts on hover.

    `trend` has columns fiscal_year, budget_kes, expenditure_kes, absorption_pct; a year with no figure is written
    as such on the chart rather than left as an unexplained gap.
    """
    fig = go.Figure()
    years = trend["fiscal_year"]
    rates = [formatting.pct(v) for v in trend["absorption_pct"]]
    for column, label, colour in (("budget_kes", "Approved budget", BUDGET_COLOUR),
                                  ("expenditure_kes", "Expenditure", COUNTY_COLOUR)):
        fig.add_bar(x=years, y=trend[column] / 1e9, name=label, marker_color=colour,
                    customdata=list(zip(_kes_hover(trend[column]), rates)),
                    hovertemplate="FY %{x}<br>" + label + ": %{customdata[0]}<br>Absorption: %{customdata[1]}"
                                  "<extra></extra>")
    for year in trend.loc[trend["budget_kes"].isna(), "fiscal_year"]:
        fig.add_annotation(x=year, y=0, text="no figure", textangle=-90, yanchor="bottom", showarrow=False,
                           font=dict(size=11, color="#555"))
    fig.update_yaxes(title="KES billion", rangemode="tozero", gridcolor="#e5e5e5")
    fig.update_xaxes(title="Fiscal year (July–June)", type="category")
    fig.update_layout(barmode="group", bargap=0.25)
    return _layout(fig, f"Approved budget and expenditure, {name}", source)


def target_absorption(values: pd.DataFrame, selected: str | None, medians: tuple[float | None, float | None],
                      fiscal_year: str, source: str) -> go.Figure:
    """Horizontal bars of overall and development absorption of the eight target counties in one year.

    `values` has columns county_code, county_name, absorption_pct, development_absorption_pct, flag and
    development_published (the published rate, shown in the hover of a flagged one, which gets a cross, not a bar).
    `medians` are the national medians (overall, development), drawn as dashed and dotted lines.
    """
    data = values.sort_values("county_name", ascending=False)
    labels = [f"<b>{n}</b>" if c == selected else n for c, n in zip(data["county_code"], data["county_name"])]
    fig = go.Figure()
    for column, label, colour in (("absorption_pct", "Overall", COUNTY_COLOUR),
                                  ("development_absorption_pct", "Development", TARGET_COLOUR)):
        text = [formatting.pct(v) if pd.notna(v) else "" for v in data[column]]
        fig.add_bar(y=labels, x=data[column], name=label, orientation="h", marker_color=colour, text=text,
                    textposition="outside", cliponaxis=False, hovertext=text,
                    hovertemplate="%{y}, " + label.lower() + ": %{hovertext}<extra></extra>")
    flagged = data[data["flag"].notna()]
    if not flagged.empty:
        fig.add_scatter(y=[labels[list(data.index).index(i)] for i in flagged.index], x=[0] * len(flagged),
                        mode="markers+text", name="Flagged development rate", text=["flagged"] * len(flagged),
                        textposition="middle right", marker=dict(symbol="x", size=12, color="#c00000"),
                        customdata=flagged[["development_published", "flag"]],
                        hovertemplate="%{y}: published development rate %{customdata[0]} flagged as suspect "
                                      "(%{customdata[1]})<extra></extra>")
    for label, missing in zip(labels, data["absorption_pct"].isna() & data["development_published"].isna()):
        if missing:
            fig.add_annotation(y=label, x=0, xanchor="left", text="no published figure", showarrow=False,
                               font=dict(size=11, color="#555"))
    for median, dash in zip(medians, ("dash", "dot")):
        if median is not None and pd.notna(median):
            fig.add_vline(x=median, line=dict(color=MEDIAN_COLOUR, dash=dash))
    overall, development = (formatting.pct(m) for m in medians)
    fig.update_xaxes(title="% of budget spent", ticksuffix=" %", rangemode="tozero", gridcolor="#e5e5e5")
    fig.update_layout(barmode="group", bargap=0.2)
    fig = _layout(fig, f"Target counties, FY {fiscal_year}", wrap(source, 45), height=560,
                  subtitle=f"Medians: overall {overall} (dashed),<br>development {development} (dotted)")
    fig.update_layout(margin=dict(r=60, t=110))
    return fig


def outturn_bands(trend: pd.DataFrame, name: str, source: str) -> go.Figure:
    """A county's yearly outturn (expenditure as % of budget) over the PEFA PI-1 ranges A (95–105 %), B, C.

    `trend` has columns fiscal_year, absorption_pct, outturn_band; each point is labelled with the narrowest
    range its outturn falls in, and the ranges are named at the right edge.
    """
    fig = go.Figure()
    inner_high = None  # each name sits in the strip its range adds above the narrower one
    for band, low, high in PEFA_PI1_RANGES:
        fig.add_hrect(y0=low, y1=high, fillcolor=BAND_COLOURS[band], opacity=0.15, line_width=0)
        fig.add_annotation(x=1, xref="paper", xanchor="left", y=(low + high) / 2 if inner_high is None
                           else (inner_high + high) / 2, text=f"{band}: {low:.0f}–{high:.0f} %", showarrow=False,
                           font=dict(size=11, color="#333"))
        inner_high = high
    bands = trend["outturn_band"].fillna("")
    rates = [formatting.pct(v) for v in trend["absorption_pct"]]
    fig.add_scatter(x=trend["fiscal_year"], y=trend["absorption_pct"], mode="lines+markers+text", name="Outturn",
                    line=dict(color=COUNTY_COLOUR, width=2), marker=dict(size=9, color=COUNTY_COLOUR),
                    text=bands, textposition="bottom center", textfont=dict(size=12, color="#333"),
                    customdata=list(zip(rates, bands)),
                    hovertemplate="FY %{x}: outturn %{customdata[0]} of the budget, range %{customdata[1]}"
                                  "<extra></extra>")
    lowest = trend["absorption_pct"].min()
    bottom = min(40.0, 10 * ((lowest - 5) // 10)) if pd.notna(lowest) else 40.0
    fig.update_yaxes(title="Expenditure as % of budget", ticksuffix=" %", range=[bottom, 120], gridcolor="#e5e5e5")
    fig.update_xaxes(title="Fiscal year (July–June)", type="category")
    fig = _layout(fig, f"Budget credibility, {name}: outturn against the PEFA PI-1 ranges", source,
                  subtitle="Letter under each point: the narrowest range that year's outturn falls in")
    fig.update_layout(showlegend=False, margin=dict(r=95))
    return fig


def pi1_band_counts(scores: pd.DataFrame, source: str) -> go.Figure:
    """Stacked bars of how many counties score A, B, C or D (PEFA PI-1 method) in each fiscal year.

    `scores` has columns fiscal_year, pi1_band (None where fewer than three years of figures exist).
    """
    scored = scores.dropna(subset=["pi1_band"])
    fig = go.Figure()
    years = sorted(scores["fiscal_year"].unique())
    for band, colour in BAND_COLOURS.items():
        counts = scored[scored["pi1_band"] == band].groupby("fiscal_year").size().reindex(years, fill_value=0)
        fig.add_bar(x=years, y=counts, name=band, marker_color=colour,
                    hovertemplate="FY %{x}: %{y} counties score " + band + "<extra></extra>")
    for year in years:
        if scored[scored["fiscal_year"] == year].empty:
            fig.add_annotation(x=year, y=0, text="not scored: fewer than three years", textangle=-90,
                               yanchor="bottom", showarrow=False, font=dict(size=11, color="#555"))
    fig.update_yaxes(title="Counties", gridcolor="#e5e5e5")
    fig.update_xaxes(title="Fiscal year (July–June), the last of the three years scored", type="category")
    fig.update_layout(barmode="stack", legend=dict(traceorder="normal"))
    return _layout(fig, "Budget credibility of the 47 counties: PEFA PI-1 score by fiscal year", source,
                   subtitle="A: outturn within 95–105 % of budget in two of three years; B: 90–110 %; C: 85–115 %")


# The Participation page.

NO_FORUM_COLOUR = "#c0504d"
POPULATION_COLOUR = "#9e9e9e"


def ward_forums(summary: pd.DataFrame, name: str, fiscal_year: str, source: str) -> go.Figure:
    """Horizontal bars of forums per ward, wards without a forum named in red at zero."""
    data = summary.sort_values(["forums", "ward_name"], ascending=[True, False])
    none = data["forums"] == 0
    colours = [NO_FORUM_COLOUR if n else COUNTY_COLOUR for n in none]
    text = ["no forum" if n else f"{f} · {formatting.number(a)} attending" for n, f, a in
            zip(none, data["forums"], data["attendance"])]
    labels = [f"<span style='color:{NO_FORUM_COLOUR}'><b>{w}</b></span>" if n else w
              for w, n in zip(data["ward_name"], none)]
    fig = go.Figure(go.Bar(x=data["forums"], y=labels, orientation="h", marker_color=colours, text=text,
                           textposition="outside", cliponaxis=False,
                           hovertemplate="%{y}: %{text}<extra></extra>"))
    fig.update_xaxes(title="Forums held", showgrid=True, gridcolor="#eee")
    fig.update_yaxes(tickfont=dict(size=11))
    fig = _layout(fig, f"Forums per ward, {name}, FY {fiscal_year}", wrap(source, 90),
                  height=max(380, 18 * len(data) + 230), subtitle=f"{int(none.sum())} ward(s) with no forum, in red",
                  bottom=120)
    fig.update_layout(margin=dict(r=150), showlegend=False)
    return fig


def representation(rep: pd.DataFrame, name: str, fiscal_year: str, source: str) -> go.Figure:
    """Dot plot per group: share of participants against share of the population, the gap written beside."""
    data = rep.iloc[::-1]
    fig = go.Figure()
    for row in data.itertuples():
        if pd.notna(row.participants_pct) and pd.notna(row.population_pct):
            fig.add_shape(type="line", x0=row.population_pct, x1=row.participants_pct, y0=row.group, y1=row.group,
                          line=dict(color="#bbb", width=6), layer="below")
    fig.add_scatter(x=data["population_pct"], y=data["group"], mode="markers", name="Share of the population",
                    marker=dict(color=POPULATION_COLOUR, size=16, symbol="line-ns-open", line=dict(width=4)),
                    hovertemplate="%{y}: %{x:.1f} % of the population<extra></extra>")
    gaps = [formatting.points(g) for g in data["gap_points"]]
    fig.add_scatter(x=data["participants_pct"], y=data["group"], mode="markers+text", name="Share of participants",
                    marker=dict(color=COUNTY_COLOUR, size=16), text=gaps, textposition="bottom center",
                    hovertemplate="%{y}: %{x:.1f} % of participants (%{text})<extra></extra>")
    fig.update_xaxes(title="% of participants or of the population", range=[0, 100], ticksuffix=" %",
                     gridcolor="#eee")
    fig.update_yaxes(range=[-0.7, len(data) - 0.4])  # room for the gap written under the lowest dot
    return _layout(fig, f"Who takes part, {name}, FY {fiscal_year}", source, height=400,
                   subtitle="Gap in percentage points: participants minus population (negative = under-represented)")


def stage_coverage(coverage: pd.DataFrame, name: str, fiscal_year: str, source: str) -> go.Figure:
    """Heatmap of forums per ward (rows) and budget-cycle stage (columns); empty cells are stages with no forum."""
    stages = [c for c in coverage.columns if c not in ("ward_code", "ward_name")]
    data = coverage.sort_values("ward_name", ascending=False)
    values = data[stages].to_numpy()
    text = [["–" if v == 0 else str(int(v)) for v in row] for row in values]
    fig = go.Figure(go.Heatmap(z=values, x=stages, y=data["ward_name"], text=text, texttemplate="%{text}",
                               colorscale=[[0, "#f4f4f4"], [0.001, "#c6dbef"], [1, "#08519c"]], showscale=False,
                               hovertemplate="%{y}, %{x}: %{z} forum(s)<extra></extra>", xgap=2, ygap=2))
    fig.update_xaxes(side="top", tickangle=0)
    fig.update_yaxes(tickfont=dict(size=11))
    return _layout(fig, f"Forums per ward and budget-cycle stage, {name}, FY {fiscal_year}", wrap(source, 100),
                   height=max(380, 20 * len(data) + 230), subtitle="'–': no forum at that stage", bottom=80)


def proposal_funnel(funnel: pd.DataFrame, name: str, fiscal_year: str, source: str) -> go.Figure:
    """Funnel from proposals received to adopted to adopted with feedback to participants."""
    text = [f"{formatting.number(n)} ({formatting.pct(r)})" for n, r in zip(funnel["proposals"],
                                                                            funnel["pct_of_received"])]
    fig = go.Figure(go.Funnel(y=funnel["step"], x=funnel["proposals"], text=text, textinfo="text",
                              marker=dict(color=[OTHER_COLOUR, COUNTY_COLOUR, TARGET_COLOUR]),
                              hovertemplate="%{y}: %{text}<extra></extra>"))
    return _layout(fig, f"What became of citizens' proposals, {name}, FY {fiscal_year}", wrap(source, 60), height=360)


def target_comparison(comparison: pd.DataFrame, selected: str | None, fiscal_year: str, source: str) -> go.Figure:
    """Bars of attendance per 1,000 adults for the target counties, the women's gap written on each bar."""
    data = comparison.sort_values("attendance_per_1000_adults")
    colours = [COUNTY_COLOUR if c == selected else TARGET_COLOUR for c in data["county_code"]]
    text = [f"{formatting.number(v, 1)} · women {formatting.points(g)}" for v, g in
            zip(data["attendance_per_1000_adults"], data["women_gap_points"])]
    fig = go.Figure(go.Bar(x=data["attendance_per_1000_adults"], y=data["county_name"], orientation="h",
                           marker_color=colours, text=text, textposition="outside", cliponaxis=False,
                           hovertemplate="%{y}: %{text}<extra></extra>"))
    fig.update_xaxes(title="Attendances per 1,000 adults (census 2019)", gridcolor="#eee")
    fig = _layout(fig, f"Turnout in the eight target counties, FY {fiscal_year}", source, height=400,
                  subtitle="Attendances per 1,000 adults; women's gap against their share of adults")
    fig.update_layout(margin=dict(r=170), showlegend=False)
    return fig


def quarterly_trend(trend: pd.DataFrame, name: str, source: str) -> go.Figure:
    """Forums per fiscal quarter (bars) and the women's share of attendance (line, right axis)."""
    fig = go.Figure()
    fig.add_bar(x=trend["quarter"], y=trend["forums"], name="Forums held", marker_color=OTHER_COLOUR,
                hovertemplate="%{x}: %{y} forums<extra></extra>")
    fig.add_scatter(x=trend["quarter"], y=trend["women_pct"], name="Women, % of attendance", yaxis="y2",
                    mode="lines+markers", line=dict(color=TARGET_COLOUR, width=3),
                    hovertemplate="%{x}: women %{y:.1f} % of attendance<extra></extra>")
    fig.add_scatter(x=trend["quarter"], y=trend["adopted_pct"], name="Proposals adopted, %", yaxis="y2",
                    mode="lines+markers", line=dict(color=COUNTY_COLOUR, width=3, dash="dot"),
                    hovertemplate="%{x}: %{y:.1f} % of proposals adopted<extra></extra>")
    fig.update_layout(yaxis=dict(title="Forums", gridcolor="#eee"),
                      yaxis2=dict(title="%", overlaying="y", side="right", range=[0, 100], tickmode="linear",
                                  dtick=25, showgrid=False))
    return _layout(fig, f"Forums by fiscal quarter, {name}", source, height=400,
                   subtitle="Q1 = July–September")


def facility_resolution(summary: pd.DataFrame, name: str, fiscal_year: str, source: str) -> go.Figure:
    """Bars of complaints received and resolved per facility type, the resolution rate written on each."""
    data = summary.sort_values("received")
    fig = go.Figure()
    fig.add_bar(y=data["facility_type"], x=data["received"], name="Received", orientation="h",
                marker_color=OTHER_COLOUR, hovertemplate="%{y}: %{x} received<extra></extra>")
    fig.add_bar(y=data["facility_type"], x=data["resolved"], name="Resolved", orientation="h",
                marker_color=COUNTY_COLOUR, text=[formatting.pct(v) for v in data["resolved_pct"]],
                textposition="outside", cliponaxis=False, hovertemplate="%{y}: %{x} resolved (%{text})<extra></extra>")
    fig.update_layout(barmode="group")
    fig.update_xaxes(title="Complaints and suggestions", gridcolor="#eee")
    return _layout(fig, f"Complaints resolved by facility type, {name}, FY {fiscal_year}", source, height=380)
