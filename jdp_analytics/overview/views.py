"""View model of the Overview: the headline cards of a county with their sources and comparisons."""

from __future__ import annotations

import pandas as pd

from jdp_analytics.common import formatting
from jdp_analytics.common.i18n import N_, _
from jdp_analytics.common.measures import Measure, compare, comparison_sentence
from jdp_analytics.common.presentation import Card, source_line


def with_own_source_revenue(measures: pd.DataFrame, osr: pd.DataFrame, fiscal_year: str) -> pd.DataFrame:
    """Return the county measures with own-source revenue as % of target for the year, read from the
    own_source_revenue query: the one answer Budget composition gives too (composition.osr_measure_rows)."""
    from jdp_analytics.budget.composition import osr_measure_rows

    extra = osr_measure_rows(osr, fiscal_year)
    return pd.concat([measures, extra], ignore_index=True) if len(extra) else measures


def measure_values(measures: pd.DataFrame, counties: pd.DataFrame, key: str) -> pd.DataFrame:
    """Return one row per county for one measure: county_code, county_name, is_jdp_target, value, flag, source."""
    rows = measures[measures["measure"] == key][["county_code", "value", "flag", "source_title", "publisher",
                                                 "as_of", "is_demo"]]
    return counties[["county_code", "county_name", "is_jdp_target"]].merge(rows, on="county_code", how="left")


CARD_LABELS = {"population_2019": N_("Population, 2019 census"), "absorption_pct": N_("Absorption, FY {fy}"),
               "development_absorption_pct": N_("Development absorption, FY {fy}"),
               "budget_per_person_kes": N_("Budget per person, FY {fy}")}


def headline_cards(measures: pd.DataFrame, counties: pd.DataFrame, catalogue: dict[str, Measure],
                   county_code: str | None, fiscal_year: str) -> list[Card]:
    """Return the Overview's headline cards for a county (or all 47) and fiscal year."""
    cards = []
    name = counties.set_index("county_code")["county_name"].get(county_code, _("All 47 counties"))
    for key in ("population_2019", "absorption_pct", "development_absorption_pct", "budget_per_person_kes"):
        measure = catalogue[key]
        values = measure_values(measures, counties, key)
        label = _(CARD_LABELS[key]).format(fy=fiscal_year)
        if key == "population_2019" and county_code is None:
            value, sentence = formatting.number(values["value"].sum()), _("Total of the 47 counties.")
        else:
            result = compare(values, county_code)
            value = measure.format(result.value) if not result.flagged else _("flagged")
            sentence = (comparison_sentence(measure, result, name) if county_code
                        else _("Median of the {count} counties with a published figure.").format(
                            count=result.counties))
        cards.append(Card(label, value, sentence, source_line(values[values["county_code"] == county_code]
                                                              if county_code else values),
                          bool(values["is_demo"].fillna(False).any())))
    return cards
