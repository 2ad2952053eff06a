"""Charts of the Oversight page: the budget calendar against the law, the counties side by side on it, and what the
assembly moved between votes. Plotly figures from DataFrames, never queries."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from jdp_analytics.common import formatting
from jdp_analytics.common.charts import COUNTY_COLOUR, OTHER_COLOUR, TARGET_COLOUR, label_room, layout, wrap
from jdp_analytics.common.i18n import N_, _
from jdp_analytics.common.inert import plotly_text
from jdp_analytics.common.vocabulary import term
from jdp_analytics.oversight import calendar

EARLY_COLOUR, LATE_COLOUR = "#2e7d32", "#c62828"
DEMO_SUBTITLE = N_("DEMONSTRATION DATA — generated, not real")
DAYS_SHOWN = 60  # the colour scale of the side-by-side grid stops at two months early or late (the text gives all)


def _subtitle(text: str, demo: bool) -> str:
    return wrap(_("{demo} · {text}").format(demo=_(DEMO_SUBTITLE), text=text) if demo else text, 100,
                split_words=False)


def signed(text: str, value) -> str:
    """A formatted amount or share with its sign: '+KES 59.6 m', '−2.1 %' (formatting writes the minus already)."""
    return f"+{text}" if value is not None and pd.notna(value) and value > 0 else text


def timeline(judged: pd.DataFrame, name: str, fiscal_year: str, source: str, demo: bool) -> go.Figure:
    """One line per milestone, in the order of the cycle: the legal deadline (a grey diamond) and the day it happened
    (a dot, red when late), joined; a milestone not done is drawn at its deadline with a red cross."""
    data = judged[judged["deadline"].notna() | judged["happened_date"].notna()].iloc[::-1]
    names = [_(m) for m in data["milestone"]]
    words = [calendar.status_words(s, d, demo) for s, d in zip(data["status"], data["days"])]
    happened = pd.to_datetime(data["happened_date"])
    due = pd.to_datetime(data["deadline"])
    late = data["status"].isin([calendar.LATE, calendar.MISSED])
    fig = go.Figure()
    for y, start, end in zip(names, due, happened):
        if pd.notna(start) and pd.notna(end):
            fig.add_trace(go.Scatter(x=[start, end], y=[y, y], mode="lines", line=dict(color="#bbb", width=3),
                                     showlegend=False, hoverinfo="skip"))
    fig.add_trace(go.Scatter(x=due, y=names, mode="markers", name=_("Legal deadline"),
                             marker=dict(symbol="diamond-open", size=13, color="#555", line=dict(width=2)),
                             customdata=[_(law) for law in data["law"]],
                             hovertemplate="%{y}: " + _("due") + " %{x|%d %b %Y}<br>%{customdata}<extra></extra>"))
    shown = happened.notna()
    fig.add_trace(go.Scatter(
        x=happened[shown], y=[n for n, s in zip(names, shown) if s], mode="markers", name=_("Happened"),
        marker=dict(size=12, color=[LATE_COLOUR if x else EARLY_COLOUR for x in late[shown]]),
        text=[w for w, s in zip(words, shown) if s], hovertemplate="%{y}: %{x|%d %b %Y}, %{text}<extra></extra>"))
    # The words right of the later of the two marks: beside an early dot they ran across the deadline's diamond.
    fig.add_trace(go.Scatter(
        x=happened[shown].combine(due[shown], lambda h, d: h if pd.isna(d) else max(h, d)),
        y=[n for n, s in zip(names, shown) if s], mode="text", text=[f"   {w}" for w, s in zip(words, shown) if s],
        textposition="middle right", cliponaxis=False, showlegend=False, hoverinfo="skip"))
    missing = ~shown & due.notna()
    if missing.any():
        fig.add_trace(go.Scatter(
            x=due[missing], y=[n for n, m in zip(names, missing) if m], mode="markers+text", name=_("Not done"),
            marker=dict(symbol="x", size=12, color=LATE_COLOUR), text=[w for w, m in zip(words, missing) if m],
            textposition="middle right", cliponaxis=False, hovertemplate="%{y}: %{text}<extra></extra>"))
    fig.update_xaxes(gridcolor="#eee", tickformat="%b %Y")
    fig = layout(fig, _("Budget calendar against the law, {name}, {year}").format(
        name=name, year=formatting.fy(fiscal_year)), source, height=max(380, 44 * len(data) + 220),
        subtitle=_subtitle(_("deadlines of the PFM Act 2012; hover a deadline for its section"), demo), demo=demo)
    fig.update_layout(margin=dict(r=label_room(words)))
    return fig


def side_by_side(grid: pd.DataFrame, names: dict[str, str], selected: str | None, fiscal_year: str, source: str,
                 demo: bool) -> go.Figure:
    """Counties (rows) × milestones loaded (columns): days after the legal deadline, red when late, green when early;
    an empty cell has no date loaded. The selected county's name is in bold."""
    labels = [f"<b>{plotly_text(names[c])}</b>" if c == selected else plotly_text(names[c]) for c in grid.index]
    values = grid.astype("Float64").to_numpy(dtype=float, na_value=float("nan"))
    text = [["" if pd.isna(v) else f"{int(v):+d}" for v in row] for row in values]
    fig = go.Figure(go.Heatmap(
        z=values.clip(-DAYS_SHOWN, DAYS_SHOWN), x=[wrap(_(m), 14) for m in grid.columns], y=labels, text=text,
        texttemplate="%{text}", zmin=-DAYS_SHOWN, zmax=DAYS_SHOWN, zmid=0,
        colorscale=[[0, EARLY_COLOUR], [0.5, "#f5f5f5"], [1, LATE_COLOUR]], xgap=2, ygap=2,
        colorbar=dict(title=dict(text=_("days")), thickness=12),
        hovertemplate="%{y} · %{x}: %{text} " + _("days") + "<extra></extra>"))
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(side="top")
    return layout(fig, _("The counties side by side on the budget calendar, {year}").format(
        year=formatting.fy(fiscal_year)), source, height=max(360, 30 * len(grid) + 240),
        subtitle=_subtitle(_("days after the legal deadline (negative: early); empty: no date loaded"), demo),
        demo=demo, top_room=40)


def amendments(per_vote: pd.DataFrame, name: str, fiscal_year: str, source: str, demo: bool) -> go.Figure:
    """Bars of what the assembly added to (right) or cut from (left) each vote of the executive's budget."""
    data = per_vote.sort_values(["change_kes", "vote"], ascending=[True, False])
    text = [_("{change} ({share})").format(change=signed(formatting.kes(c), c), share=signed(formatting.pct(p), p))
            if c else _("unchanged") for c, p in zip(data["change_kes"], data["change_pct"])]
    votes = [plotly_text(term(v)) for v in data["vote"]]
    fig = go.Figure(go.Bar(
        x=data["change_kes"], y=votes, orientation="h", text=text, textposition="none",
        marker_color=[TARGET_COLOUR if c > 0 else COUNTY_COLOUR if c < 0 else OTHER_COLOUR for c in data["change_kes"]],
        customdata=[formatting.kes_exact(p) for p in data["proposed_kes"]],
        hovertemplate="%{y}: %{text}; " + _("proposed") + " %{customdata}<extra></extra>"))
    # Every label right of its bar's end or of the zero line: a cut's label left of its bar ran into the vote names.
    fig.add_scatter(x=[max(c, 0) for c in data["change_kes"]], y=votes, mode="text", text=[f" {t}" for t in text],
                    textposition="middle right", cliponaxis=False, hoverinfo="skip")
    fig.update_xaxes(title=_("KES the assembly added (+) or cut (−)"), gridcolor="#eee", zeroline=True,
                     zerolinecolor="#888")
    fig = layout(fig, _("What the county assembly changed in the executive's budget, {name}, {year}").format(
        name=name, year=formatting.fy(fiscal_year)), source, height=max(380, 28 * len(data) + 220),
        subtitle=_subtitle(_("approved minus proposed, per vote"), demo), demo=demo)
    fig.update_layout(margin=dict(r=label_room(text)), showlegend=False)
    return fig
