"""Charts of the Assessment page: a county's area scores in the baseline and its latest round, the counties side by
side by area, and the change since the baseline per area. Plotly figures from DataFrames, never queries."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from jdp_analytics.assessment.metrics import round_label
from jdp_analytics.common import formatting
from jdp_analytics.common.charts import COUNTY_COLOUR, OTHER_COLOUR, TARGET_COLOUR, label_room, layout, wrap
from jdp_analytics.common.i18n import N_, _
from jdp_analytics.common.inert import plotly_text

DEMO_SUBTITLE = N_("DEMONSTRATION DATA — generated, not real")
AREA_WIDTH = 30  # characters of an area's name per line on an axis (the table gives it whole)


def _subtitle(text: str, demo: bool) -> str:
    return wrap(_("{demo} · {text}").format(demo=_(DEMO_SUBTITLE), text=text) if demo else text, 100,
                split_words=False)


def area_label(area: str) -> str:
    """An area's name as an axis shows it: translated, escaped, wrapped."""
    return wrap(plotly_text(_(area)), AREA_WIDTH, split_words=False)


def area_scores(areas: pd.DataFrame, name: str, source: str, demo: bool) -> go.Figure:
    """Horizontal bars of a county's area scores (%), one bar per round shown (the baseline grey, the latest blue),
    each labelled with its score right of the bar."""
    rounds = sorted(areas["round"].unique(), key=lambda r: areas.loc[areas["round"] == r, "round_no"].iloc[0])
    order = sorted(areas["area"].unique(), key=lambda a: _(a))[::-1]
    fig = go.Figure()
    texts = []
    # the latest round first: plotly stacks a group's bars upwards, so the baseline is drawn above it
    colours = [OTHER_COLOUR, COUNTY_COLOUR] if len(rounds) > 1 else [COUNTY_COLOUR]
    for round_, colour in reversed(list(zip(rounds, colours))):
        shown = areas[areas["round"] == round_].set_index("area").reindex(order)
        text = [formatting.pct(v) if pd.notna(v) else "–" for v in shown["score_pct"]]
        texts += text
        label = plotly_text(round_label(round_))
        fig.add_trace(go.Bar(x=shown["score_pct"], y=[area_label(a) for a in order], orientation="h", name=label,
                             marker_color=colour, text=text, textposition="outside", cliponaxis=False,
                             hovertemplate="%{y}: %{x:.0f} %<extra>" + label + "</extra>"))
    fig.update_layout(barmode="group", bargap=0.25, legend=dict(traceorder="reversed"))
    fig.update_xaxes(range=[0, 100], ticksuffix=" %", gridcolor="#eee", title=_("area score (weighted, % of the "
                                                                                 "maximum)"))
    fig = layout(fig, _("Area scores, {name}").format(name=name), source, height=max(380, 34 * len(order) * len(rounds)
                                                                                      + 240),
                 subtitle=_subtitle(_("weighted score of each area's indicators; minimum conditions counted apart"),
                                    demo), demo=demo)
    fig.update_layout(margin=dict(r=label_room(texts)))
    return fig


def side_by_side(grid: pd.DataFrame, names: dict[str, str], selected: str | None, source: str,
                 demo: bool) -> go.Figure:
    """Counties (rows) × areas (columns): each county's latest area scores (%), darker when higher; the selected
    county's name in bold."""
    labels = [f"<b>{plotly_text(names[c])}</b>" if c == selected else plotly_text(names[c]) for c in grid.index]
    values = grid.astype("Float64").to_numpy(dtype=float, na_value=float("nan"))
    text = [["" if pd.isna(v) else f"{v:.0f}" for v in row] for row in values]
    fig = go.Figure(go.Heatmap(
        z=values, x=[wrap(plotly_text(_(a)), 16, split_words=False) for a in grid.columns], y=labels, text=text,
        texttemplate="%{text}", zmin=0, zmax=100, colorscale=[[0, "#f7f7f7"], [1, COUNTY_COLOUR]], xgap=2, ygap=2,
        colorbar=dict(title=dict(text="%"), thickness=12), hovertemplate="%{y} · %{x}: %{text} %<extra></extra>"))
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(side="top", tickangle=0)
    return layout(fig, _("The counties side by side, latest round"), source, height=max(360, 34 * len(grid) + 300),
                  subtitle=_subtitle(_("area scores in % of the maximum; empty: the area was not scored"), demo),
                  demo=demo, top_room=70)


def changes(changed: pd.DataFrame, name: str, source: str, demo: bool) -> go.Figure:
    """Bars of the change in each area's score since the baseline (percentage points), gains right, losses left,
    each labelled right of its bar or of the zero line."""
    data = changed.assign(label=[_(a) for a in changed["area"]]).sort_values(["change_pp", "label"],
                                                                              ascending=[True, False])
    text = [_("{change} ({before} → {after})").format(change=formatting.points(c), before=formatting.pct(b),
                                                      after=formatting.pct(a))
            for c, b, a in zip(data["change_pp"], data["baseline_pct"], data["latest_pct"])]
    areas = [area_label(a) for a in data["area"]]
    fig = go.Figure(go.Bar(x=data["change_pp"], y=areas, orientation="h", textposition="none",
                           marker_color=[COUNTY_COLOUR if c > 0 else TARGET_COLOUR if c < 0 else OTHER_COLOUR
                                         for c in data["change_pp"]],
                           hovertemplate="%{y}: %{x:+.0f} pp<extra></extra>"))
    fig.add_scatter(x=[max(c, 0) for c in data["change_pp"]], y=areas, mode="text", text=[f" {t}" for t in text],
                    textposition="middle right", cliponaxis=False, hoverinfo="skip")
    fig.update_xaxes(title=_("change in the area score since the baseline (percentage points)"), gridcolor="#eee",
                     zeroline=True, zerolinecolor="#888")
    round_ = data["round"].iloc[0] if len(data) else ""
    fig = layout(fig, _("Change since the baseline, {name}").format(name=name), source,
                 height=max(360, 40 * len(data) + 220),
                 subtitle=_subtitle(_("{round} against the baseline, per area").format(round=round_label(round_)),
                                    demo), demo=demo)
    fig.update_layout(margin=dict(r=label_room(text)), showlegend=False)
    return fig
