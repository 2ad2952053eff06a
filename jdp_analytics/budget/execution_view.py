"""The Budget execution page's view model: every card, sentence, table and figure of one county and year, built once
per warehouse version and language (ui.view) so that a rerun (a county change back, a second visitor) only draws.

No Streamlit here: the page shows the model, in the order the room reads it."""

from __future__ import annotations

from dataclasses import dataclass

import plotly.graph_objects as go

from jdp_analytics.budget import execution, execution_charts
from jdp_analytics.budget import metrics as budget_metrics
from jdp_analytics.common import charts as common_charts
from jdp_analytics.common import measures
from jdp_analytics.common.i18n import _
from jdp_analytics.common.presentation import Card, ExportTable, source_line
from jdp_analytics.geography.counties import COUNTIES


@dataclass(frozen=True)
class ExecutionView:
    """What the Budget execution page shows for a county (or all 47) and a fiscal year."""

    missing: str | None
    cards: list[Card]
    median_sentence: str
    flagged: list[str]
    has_trend: bool
    budget_chart: go.Figure | None
    absorption_chart: go.Figure | None
    trend_table: ExportTable | None
    ranking_chart: go.Figure
    targets_chart: go.Figure
    year_table: ExportTable
    credibility_card: Card
    credibility_chart: go.Figure
    per_person_chart: go.Figure
    per_person_sentence: str


def execution_view(query, county_code: str | None, fiscal_year: str) -> ExecutionView:
    """Build the page's model from the warehouse's budget execution history (a view builder for ui.view)."""
    code, year = county_code, fiscal_year
    name = COUNTIES[code] if code else _("All 47 counties")
    history = query("budget_execution_history")
    year_rows = history[history["fiscal_year"] == year]
    trend = execution.budget_trend(history, code)
    source, year_source = source_line(trend), source_line(year_rows)
    catalogue = {m.key: m for m in measures.BASE_MEASURES}
    has_trend = bool(trend["budget_kes"].notna().any())
    medians = execution.year_medians(trend, year)
    per_person = execution.per_person_values(history, year)
    return ExecutionView(
        missing=execution.missing_sentence(history, code, name, year),
        cards=execution.budget_cards(history, trend, code, name, year),
        median_sentence=execution.median_sentence(trend, year),
        flagged=execution.flagged_sentences(history[history["county_code"] == code] if code else year_rows),
        has_trend=has_trend,
        budget_chart=execution_charts.budget_and_expenditure(trend, name, source) if has_trend else None,
        absorption_chart=execution_charts.absorption_trend(trend, code and name, source) if has_trend else None,
        trend_table=execution.trend_table(trend, code, name) if has_trend else None,
        ranking_chart=common_charts.county_ranking(budget_metrics.rate_values(year_rows, "absorption_pct"),
                                                   catalogue["absorption_pct"], code, medians[0], year_source),
        targets_chart=execution_charts.target_absorption(execution.target_values(history, year), code, medians, year,
                                                         year_source),
        year_table=execution.year_table(history, year),
        credibility_card=execution.credibility_card(history, trend, code, year),
        credibility_chart=(execution_charts.outturn_bands(trend, name, source) if code
                           else execution_charts.pi1_band_counts(budget_metrics.pefa_pi1_scores(history), source)),
        per_person_chart=common_charts.county_ranking(
            per_person, catalogue["budget_per_person_kes"], code, measures.compare(per_person, None).median,
            _("{source} Population: KNBS, 2019 census.").format(source=year_source)),
        per_person_sentence=execution.per_person_sentence(history, code, name, year),
    )
