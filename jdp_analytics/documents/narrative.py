"""Sentences for briefs and reports, written from the data by rules: no invented prose.

Each rule returns a sentence (or a list) only when the figures it speaks of exist; a rule whose figures are
missing returns None and says nothing, so a brief never fills space with sentences about absent data.
"""

from __future__ import annotations

import pandas as pd

from jdp_analytics.budget import metrics as budget_metrics
from jdp_analytics.common import demonstration, formatting
from jdp_analytics.results import metrics as results_metrics
from jdp_analytics.results import views as results_views
from jdp_analytics.results.views import scope_label

RATE_LABELS = {"absorption_pct": "Overall budget absorption", "development_absorption_pct": "Development absorption"}
WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine"}


def _ordinal(n: int) -> str:
    suffix = "th" if 11 <= n % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _position(values: pd.Series, value: float, group: str) -> str:
    """Return ', the lowest of the eight target counties' / ', the 3rd highest of …' for a value among a group's."""
    count = int(values.notna().sum())
    if count < 2:
        return ""
    higher = int((values > value).sum())
    lower = int((values < value).sum())
    name = f"the {WORDS.get(count, count)} {group}" + ("" if count == len(values) else " with a published rate")
    if higher == 0:
        return f", the highest of {name}"
    if lower == 0:
        return f", the lowest of {name}"
    if higher <= lower:
        return f", the {_ordinal(higher + 1)} highest of {name}"
    return f", the {_ordinal(lower + 1)} lowest of {name}"


def absorption_change(history: pd.DataFrame, county_code: str, county_name: str, fiscal_year: str,
                      column: str) -> str | None:
    """Return e.g. 'Development absorption fell from 62.0 % in FY 2022/23 to 41.3 % in FY 2023/24, the lowest of
    the eight target counties.' (flagged rates left out; among all counties for a county that is not a target)."""
    usable = budget_metrics.usable_rates(history)
    previous = budget_metrics.previous_fiscal_year(fiscal_year)
    rows = usable[usable["county_code"] == county_code].set_index("fiscal_year")[column]
    now, before = rows.get(fiscal_year), rows.get(previous)
    if now is None or pd.isna(now) or before is None or pd.isna(before):
        return None
    verb = ("rose" if round(now, 1) > round(before, 1) else "fell" if round(now, 1) < round(before, 1)
            else "was unchanged")
    year = usable[usable["fiscal_year"] == fiscal_year]
    target = bool(year.loc[year["county_code"] == county_code, "is_jdp_target"].astype(bool).any())
    group = year[year["is_jdp_target"].astype(bool)] if target else year
    where = _position(group[column], now, "target counties" if target else "counties")
    label = RATE_LABELS[column]
    if verb == "was unchanged":
        return f"{label} in {county_name} was unchanged at {formatting.pct(now)} in FY {fiscal_year}{where}."
    return (f"{label} in {county_name} {verb} from {formatting.pct(before)} in FY {previous} to "
            f"{formatting.pct(now)} in FY {fiscal_year}{where}.")


def budget_growth(history: pd.DataFrame, county_code: str, county_name: str, fiscal_year: str) -> str | None:
    """Return 'The approved budget of Kwale rose by 8.2 % to KES 9.87 bn in FY 2023/24.' when both years exist."""
    rows = history[history["county_code"] == county_code].set_index("fiscal_year")["budget_kes"]
    previous = budget_metrics.previous_fiscal_year(fiscal_year)
    now, before = rows.get(fiscal_year), rows.get(previous)
    growth = budget_metrics.growth_pct(now, before)
    if growth is None or pd.isna(growth):
        return None
    verb = "rose" if growth > 0 else "fell" if growth < 0 else "was unchanged"
    if verb == "was unchanged":
        return f"The approved budget of {county_name} was unchanged at {formatting.kes(now)} in FY {fiscal_year}."
    return (f"The approved budget of {county_name} {verb} by {abs(growth):.1f} % to {formatting.kes(now)} in "
            f"FY {fiscal_year}.")


def status_summary(status: results_views.FrameworkStatus, name: str) -> str | None:
    """Return 'Of the 12 indicator rows for Kwale in 2026Q3: 8 of Kwale's own and 4 programme-wide, 3 were on
    track, …' (FrameworkStatus.summary, the same counts as the Progress page), or None when no row has a value."""
    if status.counts[results_metrics.NO_DATA] == status.total:
        return None
    return status.summary(name)


def status_moves(changes: pd.DataFrame, framework: pd.DataFrame, period: str, limit: int = 3) -> list[str]:
    """Return one sentence per indicator whose status moved between two quarters that both have a value."""
    names = framework.drop_duplicates("indicator_code").set_index("indicator_code")["indicator_name"]
    moved = changes[(changes["status"] != changes["previous_status"]) & (changes["status"] != results_metrics.NO_DATA)
                    & (changes["previous_status"] != results_metrics.NO_DATA)]
    order = {results_metrics.OFF_TRACK: 0, results_metrics.AT_RISK: 1, results_metrics.ON_TRACK: 2}
    moved = moved.assign(order=moved["status"].map(order)).sort_values(["order", "indicator_code", "scope"])
    return [f"“{names[row.indicator_code]}” ({scope_label(row.scope)}) moved from {row.previous_status} in "
            f"{results_metrics.previous_quarter(period)} to {row.status} in {period}."
            for row in moved.head(limit).itertuples()]


def spending_pace(burn: results_metrics.Burn, name: str, period: str) -> str | None:
    """Return the spending to date against the budget and the year-end forecast, in one sentence."""
    if not burn.budget_year_kes or burn.burn_rate_pct is None:
        return None
    return (f"By the end of {period} the programme had spent {formatting.kes(burn.spent_to_date_kes)} for {name}, "
            f"{formatting.pct(burn.burn_rate_pct)} of the {formatting.kes(burn.budget_to_date_kes)} budgeted to "
            f"date; at this pace it will spend {formatting.pct(burn.forecast_pct)} of its {burn.year} budget of "
            f"{formatting.kes(burn.budget_year_kes)}.")


def benchmark_outliers(contracts: pd.DataFrame, county_code: str | None, demo: bool = False) -> list[str]:
    """Return one sentence per benchmark on which a county (or, for the programme, any county) is an outlier; on
    generated contracts (`demo`) one sentence on the method per benchmark that names no county."""
    sentences = []
    if demo:
        for benchmark in results_metrics.BENCHMARKS:
            table = results_metrics.cost_per_output(contracts, benchmark)
            if table["outlier"].notna().any():
                sentences.append(demonstration.verdict("", True, f"with figures like these, {benchmark.name.lower()} "
                                                       "would mark some counties as outliers; no county is named, "
                                                       "the contracts are generated."))
        return sentences
    for benchmark in results_metrics.BENCHMARKS:
        table = results_metrics.cost_per_output(contracts, benchmark)
        marked = table[table["outlier"].notna()]
        if county_code:
            marked = marked[marked["county_code"] == county_code]
        for row in marked.itertuples():
            sentences.append(f"{benchmark.name} in {scope_label(row.county_code)}, "
                             f"{formatting.kes(row.cost_per_unit)}, "
                             f"is a {row.outlier} outlier among the {WORDS.get(len(table), len(table))} counties "
                             f"(median {formatting.kes(row.median)}).")
    return sentences


def representation_gap(representation: pd.DataFrame, name: str, fiscal_year: str) -> str | None:
    """'Women were 42.4 % of participants in Homa Bay's forums in FY 2024/25, 12.6 points below their 55.0 % …'."""
    rows = representation.set_index("group")
    if "Women" not in rows.index or pd.isna(rows.loc["Women", "gap_points"]):
        return None
    women = rows.loc["Women"]
    side = "below" if women["gap_points"] < 0 else "above"
    return (f"Women were {women['participants_pct']:.1f} % of participants in {name}'s forums in FY {fiscal_year}, "
            f"{abs(women['gap_points']):.1f} points {side} their {women['population_pct']:.1f} % share of adults.")


def turnout_rank(comparison: pd.DataFrame, county_code: str | None, name: str, demo: bool = False) -> str | None:
    """'Turnout was 34.0 attendances per 1,000 adults, the 3rd highest of the eight target counties.' (no rank on
    generated records: `demo` gives the figure as an illustration)."""
    values = comparison.set_index("county_code")["attendance_per_1000_adults"].astype(float)
    if not county_code or county_code not in values.index or pd.isna(values[county_code]):
        return None
    figure = f"{values[county_code]:.1f} attendances per 1,000 adults"
    return demonstration.verdict(
        f"Turnout in {name} was {figure}{_position(values, values[county_code], 'target counties')}.", demo,
        f"with records like these, turnout would read {figure}; no rank is given, the records are generated.")


def proposals_adopted(funnel_counts, name: str) -> str | None:
    """'1,827 of the 3,390 proposals citizens made in Homa Bay were adopted (53.9 %).'"""
    received, adopted = int(funnel_counts[0]), int(funnel_counts[1])
    if received == 0:
        return None
    return (f"{adopted:,} of the {received:,} proposals citizens made in {name} were adopted into the plan or "
            f"budget ({100 * adopted / received:.1f} %).")


def proposals_to_budget(funnel: pd.DataFrame, name: str, fiscal_year: str) -> str | None:
    """'Of the 3,390 proposals made in Homa Bay in FY 2024/25, 1,827 were adopted, 523 were given KES 1.72 bn of
    which KES 1.12 bn was spent, and the proposers of 1,652 were told the decision.' (from the proposals funnel)"""
    steps = funnel.set_index("step")
    made = int(steps["proposals"].iloc[0])
    if made == 0:
        return None
    adopted, funded, spent, told = (steps.iloc[i] for i in (1, 3, 4, 5))
    return (f"Of the {made:,} proposals made in {name} in FY {fiscal_year}, {int(adopted['proposals']):,} were "
            f"adopted into the plan or budget, {int(funded['proposals']):,} were given "
            f"{formatting.kes(funded['kes'])} of which {formatting.kes(spent['kes'])} was spent, and the proposers of "
            f"{int(told['proposals']):,} were told the decision.")


def group_adoption_gap(groups: pd.DataFrame, labels: dict[str, str]) -> str | None:
    """'Youth raised 27.5 % of the proposals and 24.7 % of those adopted.' (the group whose share fell most)."""
    known = groups.dropna(subset=["gap_points"])
    known = known[known["group"].isin([g for g in labels if g not in ("mixed", "not recorded")])]
    if known.empty or known["gap_points"].min() >= 0:
        return None
    row = known.loc[known["gap_points"].idxmin()]
    return (f"{labels[row['group']]} raised {formatting.pct(row['share_of_proposals_pct'])} of the proposals and "
            f"{formatting.pct(row['share_of_adopted_pct'])} of those adopted.")


def scorecard_statuses(card: pd.DataFrame, name: str) -> str | None:
    """'In Homa Bay, 2 indicators have met their target and 1 is on track.' (only statuses that judge progress)."""
    judged = card["status"].value_counts()
    parts = [f"{judged[s]} {'indicator has' if judged[s] == 1 else 'indicators have'} {words}"
             for s, words in (("target met", "met their target"), ("on track", "been on track"),
                              ("moderately improving", "improved moderately"), ("stagnating", "stagnated"),
                              ("deteriorating", "deteriorated")) if judged.get(s, 0)]
    if not parts:
        return None
    return f"In {name}, " + ", ".join(parts) + "."
