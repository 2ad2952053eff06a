"""Charts of Budget execution (and the Overview's absorption trend); plotly figures from DataFrames."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from jdp_analytics.budget.metrics import PEFA_PI1_RANGES
from jdp_analytics.common import formatting
from jdp_analytics.common.charts import (
    BUDGET_COLOUR,
    COUNTY_COLOUR,
    MEDIAN_COLOUR,
    TARGET_COLOUR,
    layout,
    value_column,
    wrap,
)
from jdp_analytics.common.i18n import _
from jdp_analytics.common.inert import plotly_text


def absorption_trend(trend: pd.DataFrame, county_name: str | None, source: str) -> go.Figure:
    """Line chart of a county's overall and development absorption by fiscal year against the national medians.

    Flagged development rates are drawn as crosses at no height and named in the hover, never joined to the line.
    """
    fig = go.Figure()
    years = trend["fiscal_year"]
    hover = _("FY %{{x}}<br>{series}: %{{y:.1f}} %<extra></extra>")
    for column, series, dash in (("national_median_absorption_pct", _("National median, overall"), "dash"),
                                 ("national_median_development_pct", _("National median, development"), "dot")):
        fig.add_scatter(x=years, y=trend[column], name=series, line=dict(color=MEDIAN_COLOUR, dash=dash),
                        hovertemplate=hover.format(series=series))
    if county_name:
        overall = _("{county}, overall").format(county=county_name)
        fig.add_scatter(x=years, y=trend["absorption_pct"], name=overall, mode="lines+markers",
                        line=dict(color=COUNTY_COLOUR, width=3),
                        hovertemplate=hover.format(series=overall))
        ok = trend["flag"].isna()
        dev = trend["development_absorption_pct"].where(ok)
        development = _("{county}, development").format(county=county_name)
        fig.add_scatter(x=years, y=dev, name=development, mode="lines+markers",
                        line=dict(color=TARGET_COLOUR, width=3),
                        hovertemplate=hover.format(series=development))
        flagged = trend[~ok].assign(flag=lambda rows: rows["flag"].map(plotly_text))  # a publisher's own words
        if not flagged.empty:
            fig.add_scatter(x=flagged["fiscal_year"], y=[0] * len(flagged), mode="markers", name=_("Flagged value"),
                            marker=dict(symbol="x", size=12, color="#c00000"),
                            customdata=flagged[["development_absorption_pct", "flag"]],
                            hovertemplate=_("FY %{x}: published development rate %{customdata[0]} flagged "
                                            "as suspect (%{customdata[1]})<extra></extra>"))
    fig.update_yaxes(title=_("% of budget spent"), rangemode="tozero", gridcolor="#e5e5e5", ticksuffix=" %")
    fig.update_xaxes(title=_("Fiscal year (July–June)"), type="category")
    title = _("Budget absorption, {county}").format(county=county_name) if county_name \
        else _("Budget absorption, national median")
    return layout(fig, title, source)
BAND_COLOURS = {"A": "#1a7f4b", "B": "#7fb069", "C": "#e3b23c", "D": "#c0504d"}


def budget_and_expenditure(trend: pd.DataFrame, name: str, source: str) -> go.Figure:
    """Bars of the approved budget and the expenditure per fiscal year, in KES billion, exact amounts on hover.

    `trend` has columns fiscal_year, budget_kes, expenditure_kes, absorption_pct; a year with no figure is written
    as such on the chart rather than left as an unexplained gap.
    """
    fig = go.Figure()
    years = trend["fiscal_year"]
    rates = [formatting.pct(v) for v in trend["absorption_pct"]]
    for column, label, colour in (("budget_kes", _("Approved budget"), BUDGET_COLOUR),
                                  ("expenditure_kes", _("Expenditure"), COUNTY_COLOUR)):
        fig.add_bar(x=years, y=trend[column] / 1e9, name=label, marker_color=colour,
                    customdata=list(zip(formatting.kes_hover(trend[column]), rates)),
                    hovertemplate=_("FY %{{x}}<br>{series}: %{{customdata[0]}}<br>Absorption: %{{customdata[1]}}"
                                    "<extra></extra>").format(series=label))
    for year in trend.loc[trend["budget_kes"].isna(), "fiscal_year"]:
        fig.add_annotation(x=year, y=0, text=_("no figure"), textangle=-90, yanchor="bottom", showarrow=False,
                           font=dict(size=11, color="#555"))
    fig.update_yaxes(title=_("KES billion"), rangemode="tozero", gridcolor="#e5e5e5")
    # a dozen years' labels side by side touch on paper ("2013/142014/15"): tilted, they keep apart, and the axis
    # takes the room they need under the plot
    tilted = len(years) > 8
    fig.update_xaxes(title=_("Fiscal year (July–June)"), type="category", tickangle=-45 if tilted else 0)
    fig.update_layout(barmode="group", bargap=0.25)
    return layout(fig, _("Approved budget and expenditure, {county}").format(county=name), source,
                  axis_room=105 if tilted else 70)


def target_absorption(values: pd.DataFrame, selected: str | None, medians: tuple[float | None, float | None],
                      fiscal_year: str, source: str) -> go.Figure:
    """Horizontal bars of overall and development absorption of the eight target counties in one year.

    `values` has columns county_code, county_name, absorption_pct, development_absorption_pct, flag and
    development_published (the published rate, shown in the hover of a flagged one, which gets a cross, not a bar).
    `medians` are the national medians (overall, development), drawn as dashed and dotted lines.
    """
    data = values.sort_values("county_name", ascending=False)
    names = data["county_name"].map(plotly_text)
    labels = [f"<b>{n}</b>" if c == selected else n for c, n in zip(data["county_code"], names)]
    fig = go.Figure()
    series = (("absorption_pct", _("Overall"), _("%{y}, overall: %{hovertext}<extra></extra>"), COUNTY_COLOUR),
              ("development_absorption_pct", _("Development"), _("%{y}, development: %{hovertext}<extra></extra>"),
               TARGET_COLOUR))
    for number, (column, label, hover, colour) in enumerate(series):
        text = [formatting.pct(v) if pd.notna(v) else "" for v in data[column]]
        fig.add_bar(y=labels, x=data[column], name=label, orientation="h", marker_color=colour, hovertext=text,
                    hovertemplate=hover)
        value_column(fig, labels, text, offset=-0.2 + 0.4 * number)  # bargap 0.2: two bars of 0.4 a county
    flagged = data[data["flag"].notna()].assign(flag=lambda rows: rows["flag"].map(plotly_text))
    if not flagged.empty:
        fig.add_scatter(y=[labels[list(data.index).index(i)] for i in flagged.index], x=[0] * len(flagged),
                        mode="markers+text", name=_("Flagged development rate"), text=[_("flagged")] * len(flagged),
                        textposition="middle right", marker=dict(symbol="x", size=12, color="#c00000"),
                        customdata=flagged[["development_published", "flag"]],
                        hovertemplate=_("%{y}: published development rate %{customdata[0]} flagged as suspect "
                                        "(%{customdata[1]})<extra></extra>"))
    for label, missing in zip(labels, data["absorption_pct"].isna() & data["development_published"].isna()):
        if missing:
            fig.add_annotation(y=label, x=0, xanchor="left", text=_("no published figure"), showarrow=False,
                               font=dict(size=11, color="#555"))
    for median, dash in zip(medians, ("dash", "dot")):
        if median is not None and pd.notna(median):
            fig.add_vline(x=median, line=dict(color=MEDIAN_COLOUR, dash=dash))
    overall, development = (formatting.pct(m) for m in medians)
    fig.update_xaxes(title=_("% of budget spent"), ticksuffix=" %", rangemode="tozero", gridcolor="#e5e5e5")
    fig.update_layout(barmode="group", bargap=0.2)
    fig = layout(fig, _("Target counties, {year}").format(year=formatting.fy(fiscal_year)), wrap(source, 45),
                 height=590, bottom=140,
                 subtitle=_("Medians: overall {overall} (dashed),<br>development {development} (dotted)").format(
                     overall=overall, development=development))
    # half a page wide, the legend takes two rows under the two-line subtitle; it lists the bars as drawn, the
    # development bar above the overall one
    fig.update_layout(margin=dict(r=60, t=130), legend=dict(traceorder="reversed"))
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
    fig.add_scatter(x=trend["fiscal_year"], y=trend["absorption_pct"], mode="lines+markers+text", name=_("Outturn"),
                    line=dict(color=COUNTY_COLOUR, width=2), marker=dict(size=9, color=COUNTY_COLOUR),
                    text=bands, textposition="bottom center", textfont=dict(size=12, color="#333"),
                    customdata=list(zip(rates, bands)),
                    hovertemplate=_("FY %{x}: outturn %{customdata[0]} of the budget, range %{customdata[1]}"
                                    "<extra></extra>"))
    lowest = trend["absorption_pct"].min()
    bottom = min(40.0, 10 * ((lowest - 5) // 10)) if pd.notna(lowest) else 40.0
    fig.update_yaxes(title=_("Expenditure as % of budget"), ticksuffix=" %", range=[bottom, 120],
                     gridcolor="#e5e5e5")
    fig.update_xaxes(title=_("Fiscal year (July–June)"), type="category")
    fig = layout(fig, _("Budget credibility, {county}: outturn against the PEFA PI-1 ranges").format(county=name),
                 source, subtitle=_("Letter under each point: the narrowest range that year's outturn falls in"))
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
                    hovertemplate=_("FY %{{x}}: %{{y}} counties score {band}<extra></extra>").format(band=band))
    for year in years:
        if scored[scored["fiscal_year"] == year].empty:
            fig.add_annotation(x=year, y=0, text=_("not scored: fewer than three years"), textangle=-90,
                               yanchor="bottom", showarrow=False, font=dict(size=11, color="#555"))
    fig.update_yaxes(title=_("Counties"), gridcolor="#e5e5e5")
    fig.update_xaxes(title=_("Fiscal year (July–June), the last of the three years scored"), type="category")
    fig.update_layout(barmode="stack", legend=dict(traceorder="normal"))
    return layout(fig, _("Budget credibility of the 47 counties: PEFA PI-1 score by fiscal year"), source,
                  subtitle=_("A: outturn within 95–105 % of budget in two of three years; B: 90–110 %; C: 85–115 %"))
