"""Sentences for briefs and reports, written from the data by rules: no invented prose.

Each rule returns a sentence (or a list) only when the figures it speaks of exist; a rule whose figures are
missing returns None and says nothing, so a brief never fills space with sentences about absent data.
"""

from __future__ import annotations

import pandas as pd

from jdp_analytics.budget import metrics as budget_metrics
from jdp_analytics.common import demonstration, formatting, i18n
from jdp_analytics.common.i18n import N_, _, ngettext
from jdp_analytics.common.vocabulary import term
from jdp_analytics.results import metrics as results_metrics
from jdp_analytics.results import views as results_views
from jdp_analytics.results.views import scope_label

RATE_LABELS = {"absorption_pct": N_("Overall budget absorption"),
               "development_absorption_pct": N_("Development absorption")}
WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine"}


def _count(n: int) -> str:
    """Return a small count in words in English ('eight'), as a numeral in other languages."""
    return WORDS.get(n, str(n)) if i18n.language() == "en" else formatting.number(n)


def _ordinal(n: int) -> str:
    """Return '3rd' in English; other languages' templates carry their own ordinal words around the number."""
    if i18n.language() != "en":
        return str(n)
    suffix = "th" if 11 <= n % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _position(values: pd.Series, value: float, target: bool) -> str:
    """Return ', the lowest of the eight target counties' / ', the 3rd highest of …' for a value among a group's."""
    count = int(values.notna().sum())
    if count < 2:
        return ""
    higher = int((values > value).sum())
    lower = int((values < value).sum())
    complete = count == len(values)
    if target:
        group = (_("the {count} target counties") if complete
                 else _("the {count} target counties with a published rate")).format(count=_count(count))
    else:
        group = (_("the {count} counties") if complete
                 else _("the {count} counties with a published rate")).format(count=_count(count))
    if higher == 0:
        return _(", the highest of {group}").format(group=group)
    if lower == 0:
        return _(", the lowest of {group}").format(group=group)
    if higher <= lower:
        return _(", the {rank} highest of {group}").format(rank=_ordinal(higher + 1), group=group)
    return _(", the {rank} lowest of {group}").format(rank=_ordinal(lower + 1), group=group)


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
    year = usable[usable["fiscal_year"] == fiscal_year]
    target = bool(year.loc[year["county_code"] == county_code, "is_jdp_target"].astype(bool).any())
    group = year[year["is_jdp_target"].astype(bool)] if target else year
    fields = {"measure": _(RATE_LABELS[column]), "county": county_name, "before": formatting.pct(before),
              "now": formatting.pct(now), "previous": formatting.fy(previous), "year": formatting.fy(fiscal_year),
              "position": _position(group[column], now, target)}
    if round(now, 1) > round(before, 1):
        text = _("{measure} in {county} rose from {before} in {previous} to {now} in {year}{position}.")
    elif round(now, 1) < round(before, 1):
        text = _("{measure} in {county} fell from {before} in {previous} to {now} in {year}{position}.")
    else:
        text = _("{measure} in {county} was unchanged at {now} in {year}{position}.")
    return text.format(**fields)


def budget_growth(history: pd.DataFrame, county_code: str, county_name: str, fiscal_year: str) -> str | None:
    """Return 'The approved budget of Kwale rose by 8.2 % to KES 9.87 bn in FY 2023/24.' when both years exist."""
    rows = history[history["county_code"] == county_code].set_index("fiscal_year")["budget_kes"]
    previous = budget_metrics.previous_fiscal_year(fiscal_year)
    now, before = rows.get(fiscal_year), rows.get(previous)
    growth = budget_metrics.growth_pct(now, before)
    if growth is None or pd.isna(growth):
        return None
    fields = {"county": county_name, "amount": formatting.kes(now), "year": formatting.fy(fiscal_year),
              "growth": formatting.pct(abs(growth))}
    if growth > 0:
        return _("The approved budget of {county} rose by {growth} to {amount} in {year}.").format(**fields)
    if growth < 0:
        return _("The approved budget of {county} fell by {growth} to {amount} in {year}.").format(**fields)
    return _("The approved budget of {county} was unchanged at {amount} in {year}.").format(**fields)


def status_summary(status: results_views.FrameworkStatus, name: str) -> str | None:
    """Return 'Of the 12 indicator rows for Kwale in 2026Q3: 8 of Kwale's own and 4 programme-wide, 3 were on
    track, …' (FrameworkStatus.summary, the same counts as the Progress page), or None when no row has a value."""
    if status.counts[results_metrics.NO_DATA] == status.total:
        return None
    return status.summary(name)


def status_moves(changes: pd.DataFrame, framework: pd.DataFrame, period: str, limit: int = 3) -> list[str]:
    """Return one sentence per indicator whose status moved between two quarters that both have a value; on a
    generated framework one sentence on the method that names no county (a status is a verdict)."""
    names = framework.drop_duplicates("indicator_code").set_index("indicator_code")["indicator_name"]
    moved = changes[(changes["status"] != changes["previous_status"]) & (changes["status"] != results_metrics.NO_DATA)
                    & (changes["previous_status"] != results_metrics.NO_DATA)]
    order = {results_metrics.OFF_TRACK: 0, results_metrics.AT_RISK: 1, results_metrics.ON_TRACK: 2}
    moved = moved.assign(order=moved["status"].map(order)).sort_values(["order", "indicator_code", "scope"])
    before, now = formatting.quarter(results_metrics.previous_quarter(period)), formatting.quarter(period)
    if demonstration.is_demo(framework):
        if moved.empty:
            return []
        counts = moved["status"].value_counts()
        moves = ", ".join(_("{count} to {status}").format(count=counts[s], status=_(s)) for s in order if s in counts)
        return [demonstration.verdict("", True, ngettext(
            "with figures like these, {count} indicator row would have moved to another status between {previous} "
            "and {period} ({moves}); no county is named, the figures are generated.",
            "with figures like these, {count} indicator rows would have moved to another status between {previous} "
            "and {period} ({moves}); no county is named, the figures are generated.", len(moved)).format(
            count=len(moved), previous=before, period=now, moves=moves))]
    return [_("“{indicator}” ({scope}) moved from {before} in {previous} to {now} in {period}.").format(
        indicator=term(names[row.indicator_code]), scope=scope_label(row.scope), before=_(row.previous_status),
        previous=before, now=_(row.status), period=now)
        for row in moved.head(limit).itertuples()]


def spending_pace(burn: results_metrics.Burn, name: str, period: str) -> str | None:
    """Return the spending to date against the budget and the year-end forecast, in one sentence."""
    if not burn.budget_year_kes or burn.burn_rate_pct is None:
        return None
    return _("By the end of {period} the programme had spent {spent} for {name}, {rate} of the {budget} budgeted to "
             "date; at this pace it will spend {forecast} of its {year} budget of {budget_year}.").format(
        period=formatting.quarter(period), spent=formatting.kes(burn.spent_to_date_kes), name=name,
        rate=formatting.pct(burn.burn_rate_pct), budget=formatting.kes(burn.budget_to_date_kes),
        forecast=formatting.pct(burn.forecast_pct), year=burn.year, budget_year=formatting.kes(burn.budget_year_kes))


def benchmark_outliers(contracts: pd.DataFrame, county_code: str | None, demo: bool = False) -> list[str]:
    """Return one sentence per benchmark on which a county (or, for the programme, any county) is an outlier; none on
    generated contracts (`demo`): a sentence that names no county says nothing worth a key point, and the benchmark
    tables already show what each would be."""
    sentences: list[str] = []
    if demo:
        return sentences
    for benchmark in results_metrics.BENCHMARKS:
        table = results_metrics.cost_per_output(contracts, benchmark)
        marked = table[table["outlier"].notna()]
        if county_code:
            marked = marked[marked["county_code"] == county_code]
        for row in marked.itertuples():
            text = (_("{benchmark} in {county}, {cost}, is a high outlier among the {count} counties (median "
                      "{median}).") if row.outlier == "high" else
                    _("{benchmark} in {county}, {cost}, is a low outlier among the {count} counties (median "
                      "{median})."))
            sentences.append(text.format(benchmark=_(benchmark.name), county=scope_label(row.county_code),
                                         cost=formatting.kes(row.cost_per_unit), count=_count(len(table)),
                                         median=formatting.kes(row.median)))
    return sentences


def representation_gap(representation: pd.DataFrame, name: str, fiscal_year: str) -> str | None:
    """'Women were 42.4 % of participants in Homa Bay's forums in FY 2024/25, 12.6 points below their 55.0 % …'."""
    rows = representation.set_index("group")
    if "Women" not in rows.index or pd.isna(rows.loc["Women", "gap_points"]):
        return None
    women = rows.loc["Women"]
    text = (_("Women were {share} of participants in {county}'s forums in {year}, {gap} points below their "
              "{population} share of adults.") if women["gap_points"] < 0 else
            _("Women were {share} of participants in {county}'s forums in {year}, {gap} points above their "
              "{population} share of adults."))
    return text.format(share=formatting.pct(women["participants_pct"]), county=name, year=formatting.fy(fiscal_year),
                       gap=formatting.number(abs(women["gap_points"]), 1),
                       population=formatting.pct(women["population_pct"]))


def turnout_rank(comparison: pd.DataFrame, county_code: str | None, name: str, demo: bool = False) -> str | None:
    """'Turnout was 34.0 attendances per 1,000 adults, the 3rd highest of the eight target counties.' (no rank on
    generated records: `demo` gives the figure as an illustration)."""
    values = comparison.set_index("county_code")["attendance_per_1000_adults"].astype(float)
    if not county_code or county_code not in values.index or pd.isna(values[county_code]):
        return None
    figure = _("{value} attendances per 1,000 adults").format(value=formatting.number(values[county_code], 1))
    return demonstration.verdict(
        _("Turnout in {county} was {figure}{position}.").format(
            county=name, figure=figure, position=_position(values, values[county_code], True)), demo,
        _("with records like these, turnout would read {figure}; no rank is given, the records are generated.").format(
            figure=figure))


def proposals_adopted(funnel_counts, name: str) -> str | None:
    """'1,827 of the 3,390 proposals citizens made in Homa Bay were adopted (53.9 %).'"""
    received, adopted = int(funnel_counts[0]), int(funnel_counts[1])
    if received == 0:
        return None
    return _("{adopted} of the {received} proposals citizens made in {county} were adopted into the plan or budget "
             "({share}).").format(adopted=formatting.number(adopted), received=formatting.number(received),
                                  county=name, share=formatting.pct(100 * adopted / received))


def proposals_to_budget(funnel: pd.DataFrame, name: str, fiscal_year: str) -> str | None:
    """'Of the 3,390 proposals made in Homa Bay in FY 2024/25, 1,827 were adopted, 523 were given KES 1.72 bn of
    which KES 1.12 bn was spent, and the proposers of 1,652 were told the decision.' (from the proposals funnel)"""
    steps = funnel.set_index("step")
    made = int(steps["proposals"].iloc[0])
    if made == 0:
        return None
    adopted, funded, spent, told = (steps.iloc[i] for i in (1, 3, 4, 5))
    return _("Of the {made} proposals made in {county} in {year}, {adopted} were adopted into the plan or budget, "
             "{funded} were given {allocated} of which {spent} was spent, and the proposers of {told} were told the "
             "decision.").format(made=formatting.number(made), county=name, year=formatting.fy(fiscal_year),
                                 adopted=formatting.number(adopted["proposals"]),
                                 funded=formatting.number(funded["proposals"]),
                                 allocated=formatting.kes(funded["kes"]), spent=formatting.kes(spent["kes"]),
                                 told=formatting.number(told["proposals"]))


def group_adoption_gap(groups: pd.DataFrame, labels: dict[str, str]) -> str | None:
    """'Youth raised 27.5 % of the proposals and 24.7 % of those adopted.' (the group whose share fell most)."""
    known = groups.dropna(subset=["gap_points"])
    known = known[known["group"].isin([g for g in labels if g not in ("mixed", "not recorded")])]
    if known.empty or known["gap_points"].min() >= 0:
        return None
    row = known.loc[known["gap_points"].idxmin()]
    label = labels[row["group"]]
    return _("{group} raised {share} of the proposals and {adopted} of those adopted.").format(
        group=_(label), share=formatting.pct(row["share_of_proposals_pct"]),
        adopted=formatting.pct(row["share_of_adopted_pct"]))


def scorecard_statuses(card: pd.DataFrame, name: str) -> str | None:
    """'In Homa Bay, 2 indicators have met their target and 1 is on track.' (only statuses that judge progress; a
    national target met is said to be the national one)."""
    national = (card["status"] == "target met") & (card.get("target_scope", pd.Series(index=card.index, dtype=object))
                                                   == "national")
    judged = card["status"].where(~national, "national target met").value_counts()
    phrases = {"target met": lambda n: ngettext("{count} indicator has met its target",
                                                "{count} indicators have met their target", n),
               "national target met": lambda n: ngettext("{count} indicator has met the national target",
                                                         "{count} indicators have met the national target", n),
               "on track": lambda n: ngettext("{count} indicator has been on track",
                                              "{count} indicators have been on track", n),
               "moderately improving": lambda n: ngettext("{count} indicator has improved moderately",
                                                          "{count} indicators have improved moderately", n),
               "stagnating": lambda n: ngettext("{count} indicator has stagnated", "{count} indicators have stagnated",
                                                n),
               "deteriorating": lambda n: ngettext("{count} indicator has deteriorated",
                                                   "{count} indicators have deteriorated", n)}
    parts = [phrase(int(judged[s])).format(count=int(judged[s])) for s, phrase in phrases.items() if judged.get(s, 0)]
    if not parts:
        return None
    return _("In {county}, {statuses}.").format(county=name, statuses=", ".join(parts))
