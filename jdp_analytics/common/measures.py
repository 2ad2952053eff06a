"""Measures shown for every county (population, absorption, KDHS values …): their catalogue, medians, ranks
and the sentence that compares a county with the others."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from jdp_analytics.common import formatting
from jdp_analytics.common.i18n import N_, _
from jdp_analytics.common.vocabulary import term


@dataclass(frozen=True)
class Measure:
    """A headline measure a map or card can show."""

    key: str
    name: str  # the English label (a catalog message, or a source's own indicator name)
    unit: str  # 'persons', 'per_km2', 'pct', 'kes'
    higher_is_better: bool | None = True
    template: str = ""  # how the label is written around `name`, e.g. "{name} (KDHS 2022)"
    capped: bool = True  # a percentage whose 100 % is a ceiling (spending against a budget): past it is marked †

    @property
    def label(self) -> str:
        """The label in the current language (an owned indicator name in its Kiswahili form, a loaded one as it is)."""
        name = term(self.name)  # an owned indicator name in the current language; a loaded one as it is
        return _(self.template).format(name=name) if self.template else _(name)

    def format(self, value) -> str:
        if self.unit == "pct":
            return formatting.pct(value)
        if self.unit == "kes":
            return formatting.kes(value)
        if self.unit == "per_km2":
            return _("{value} per km²").format(value=formatting.number(value))
        return formatting.number(value)


BASE_MEASURES = (
    Measure("population_2019", N_("Population (2019 census)"), "persons", None),
    Measure("density_per_km2", N_("Population density (2019 census)"), "per_km2", None),
    Measure("absorption_pct", N_("Budget absorption, overall"), "pct"),
    Measure("development_absorption_pct", N_("Development budget absorption"), "pct"),
    Measure("budget_per_person_kes", N_("Budget per person"), "kes"),
    Measure("osr_performance_pct", N_("Own-source revenue collected, % of target"), "pct", capped=False),
)


def measures(indicators: pd.DataFrame) -> dict[str, Measure]:
    """Return every measure by key: the census and budget ones, then each indicator in the warehouse."""
    found = {m.key: m for m in BASE_MEASURES}
    for row in indicators.itertuples():
        unit = "pct" if row.unit == "percent" else "persons"
        found[f"indicator:{row.indicator_code}"] = Measure(f"indicator:{row.indicator_code}", row.indicator_name,
                                                           unit, bool(row.higher_is_better),
                                                           N_("{name} (KDHS 2022)"))
    return found


def usable(values: pd.DataFrame) -> pd.DataFrame:
    """Return the rows whose value can be compared: present and not flagged as suspect."""
    return values[values["value"].notna() & values["flag"].isna()]


@dataclass(frozen=True)
class Comparison:
    """One county's value against the national median of the 47 counties."""

    value: float | None
    median: float | None
    rank: int | None  # 1 = highest value
    counties: int
    flagged: bool = False

    @property
    def difference(self) -> float | None:
        if self.value is None or self.median is None:
            return None
        return self.value - self.median


def compare(values: pd.DataFrame, county_code: str | None) -> Comparison:
    """Compare a county's value of a measure with the median over counties (flagged rows left out).

    `values` has columns county_code, value, flag (one row per county). With no county, the
    comparison's value is the median itself.
    """
    ok = usable(values)
    median = float(ok["value"].median()) if not ok.empty else None
    if county_code is None:
        return Comparison(median, median, None, len(ok))
    row = values[values["county_code"] == county_code]
    if row.empty or pd.isna(row["value"].iloc[0]):
        return Comparison(None, median, None, len(ok))
    if pd.notna(row["flag"].iloc[0]):
        return Comparison(float(row["value"].iloc[0]), median, None, len(ok), flagged=True)
    value = float(row["value"].iloc[0])
    rank = int((ok["value"] > value).sum()) + 1
    return Comparison(value, median, rank, len(ok))


def comparison_sentence(measure: Measure, comparison: Comparison, county_name: str) -> str:
    """Return a one-line comparison with the national median, in words."""
    if comparison.flagged:
        return _("{county}: the published figure is flagged as suspect and is not compared.").format(
            county=county_name)
    if comparison.value is None:
        return _("No published figure for {county}.").format(county=county_name)
    if comparison.median is None:
        return ""
    diff = comparison.difference
    if measure.unit == "pct":
        gap = formatting.points(diff)
    else:
        gap = ("+" if diff >= 0 else "−") + measure.format(abs(diff))
    return _("{gap} against the national median of {median}; rank {rank} of {counties}.").format(
        gap=gap, median=measure.format(comparison.median), rank=comparison.rank, counties=comparison.counties)
