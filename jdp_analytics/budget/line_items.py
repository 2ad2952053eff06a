"""View model and charts of a county's line-item budget: by vote, month by month, by economic item.

Read through queries over the roll-ups (warehouse/rollups.py) that return at most a few dozen rows, so the
section costs the same on the embedded warehouse and on ten million national lines."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
from babel.dates import get_month_names

from jdp_analytics.common import formatting
from jdp_analytics.common.charts import BUDGET_COLOUR, COUNTY_COLOUR, layout
from jdp_analytics.common.formatting import kes_hover
from jdp_analytics.common.i18n import N_, _, locale
from jdp_analytics.common.inert import plotly_text
from jdp_analytics.common.presentation import ExportTable, file_stem
from jdp_analytics.common.vocabulary import term

EMPTY = N_("This section would show the budget by vote and by economic item, and spending month by month, from the "
          "county's own line items (vote, programme, sub-programme, economic item, month).")


@dataclass(frozen=True)
class LineItems:
    votes: pd.DataFrame  # vote, approved_kes, spent_kes, absorption_pct, lines, is_demo, source_title, as_of
    months: pd.DataFrame  # month, fiscal_month, approved_kes, spent_kes, cumulative_spent_kes, cumulative_spent_pct
    items: pd.DataFrame  # economic_item, approved_kes, spent_kes, absorption_pct, share_pct

    @property
    def empty(self) -> bool:
        return self.votes.empty

    @property
    def is_demo(self) -> bool:
        return bool(self.votes["is_demo"].fillna(False).any())

    def citation(self) -> str:
        """The line items' sources and as-of date, as an export names them."""
        if self.votes.empty:
            return _("No line items for this selection.")
        titles = "; ".join(sorted({term(t) for t in "; ".join(self.votes["source_title"].dropna()).split("; ")}))
        return _("{titles}; as of {date}.").format(titles=titles, date=formatting.as_of(self.votes["as_of"].max()))

    def source(self) -> str:
        if self.votes.empty:
            return self.citation()
        line = _("Source: {citation}").format(citation=self.citation())
        return _("DEMONSTRATION DATA. {source}").format(source=line) if self.is_demo else line


def view(query, county_code: str, fiscal_year: str) -> LineItems:
    """Return the line-item view of a county ('' for all 47) and fiscal year."""
    params = {"county_code": county_code or "", "fiscal_year": fiscal_year}
    return LineItems(query("budget_item_votes", **params), query("budget_item_months", **params),
                     query("budget_item_economic", **params))


def votes_chart(votes: pd.DataFrame, name: str, fiscal_year: str, source: str) -> go.Figure:
    """Horizontal bars of approved budget and expenditure per vote, KES billion, exact amounts on hover."""
    ordered = votes.sort_values("approved_kes")
    fig = go.Figure()
    votes_shown = ordered["vote"].map(term).map(plotly_text)
    for column, label, colour in (("approved_kes", _("Approved"), BUDGET_COLOUR),
                                  ("spent_kes", _("Spent"), COUNTY_COLOUR)):
        fig.add_bar(y=votes_shown, x=ordered[column] / 1e9, name=label, orientation="h", marker_color=colour,
                    customdata=kes_hover(ordered[column]),
                    hovertemplate=_("%{{y}}<br>{series}: %{{customdata}}<extra></extra>").format(series=label))
    fig.update_xaxes(title=_("KES billion"), rangemode="tozero", gridcolor="#e5e5e5")
    fig.update_layout(barmode="group", bargap=0.25)
    return layout(fig, _("By vote, {county}, {year}").format(county=name, year=formatting.fy(fiscal_year)), source,
                  height=520)


def months_chart(months: pd.DataFrame, name: str, fiscal_year: str, source: str) -> go.Figure:
    """Line of cumulative spending as % of the year's approved budget, July to June."""
    labels = [_month(m) for m in months["month"]]
    fig = go.Figure()
    fig.add_scatter(x=labels, y=months["cumulative_spent_pct"], mode="lines+markers", name=_("Spent so far"),
                    line=dict(color=COUNTY_COLOUR, width=3), customdata=kes_hover(months["cumulative_spent_kes"]),
                    hovertemplate=_("%{x}: %{y:.1f} % of the budget (%{customdata})<extra></extra>"))
    fig.update_yaxes(title=_("% of approved budget spent"), rangemode="tozero", gridcolor="#e5e5e5", ticksuffix=" %")
    fig.update_xaxes(title=_("Month of the fiscal year"), type="category")
    return layout(fig, _("Spent so far, {county}, {year}").format(county=name, year=formatting.fy(fiscal_year)),
                  source, height=520)


def _month(number: int) -> str:
    """The month's short name in the current language (CLDR, through Babel): 'Jul', 'Jul'; 'Aug', 'Ago'."""
    return get_month_names("abbreviated", locale=locale())[number]


def items_table(view: LineItems, name: str, fiscal_year: str) -> ExportTable:
    """The economic items as the page shows them and as CSV/XLSX carry them."""
    headers = {"economic_item": _("Economic item"), "approved_kes": _("Approved (KES)"),
               "spent_kes": _("Spent (KES)"), "absorption_pct": _("Absorption (%)"),
               "share_pct": _("Share of budget (%)")}
    data = view.items.rename(columns=headers)
    shown = data.assign(**{headers[c]: data[headers[c]].map(f) for c, f in (
        ("economic_item", term), ("approved_kes", formatting.kes), ("spent_kes", formatting.kes),
        ("absorption_pct", formatting.pct), ("share_pct", formatting.pct))})
    return ExportTable(shown, data, file_stem(name, _("economic-items"), fiscal_year), view.citation(), view.is_demo)
