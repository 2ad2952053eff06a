"""Pure functions on the results framework and programme finance: status, changes, burn rate, cost per output.

The status rule and the cost-per-output benchmarks are written once here; pages and documents show these texts.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from jdp_analytics.common.i18n import N_, _

# The statuses, in English (keys everywhere; shown as _(status)).
ON_TRACK, AT_RISK, OFF_TRACK, NO_DATA = N_("on track"), N_("at risk"), N_("off track"), N_("no data")
STATUSES = (ON_TRACK, AT_RISK, OFF_TRACK, NO_DATA)
ON_TRACK_FROM = 0.90  # share of the planned change achieved
AT_RISK_FROM = 0.60
TARGET_YEARS = (2025, 2026, 2027, 2028)

STATUS_RULE_TEMPLATE = N_(
    "Status of an indicator in a quarter: the expected value is the straight line from the baseline (inception "
    "assessment, late 2024) — or from the previous year's target — to this year's target, reached in Q4. "
    "Progress = (actual − baseline) ÷ (expected − baseline). On track: progress of {on_track_from} or more. "
    "At risk: {at_risk_from} to under {on_track_from}. Off track: under {at_risk_from}. Where no change "
    "is planned (expected = baseline), on track when the actual is at least as good as the baseline, else off "
    "track. No data: no value reported for the quarter, or no baseline or target for its year.")
THRESHOLDS = dict(on_track_from=f"{ON_TRACK_FROM:.0%}", at_risk_from=f"{AT_RISK_FROM:.0%}")
STATUS_RULE = STATUS_RULE_TEMPLATE.format(**THRESHOLDS)  # in English, as the documents print it


def status_rule() -> str:
    """Return the status rule in the current language."""
    return _(STATUS_RULE_TEMPLATE).format(**THRESHOLDS)


STATUS_ICONS = {ON_TRACK: "✅", AT_RISK: "⚠️", OFF_TRACK: "❌", NO_DATA: "⬜"}
STATUS_COLOURS = {ON_TRACK: "#1a7f4b", AT_RISK: "#e3b23c", OFF_TRACK: "#c0504d", NO_DATA: "#bbbbbb"}


def quarter_parts(period: str) -> tuple[int, int]:
    """Return (year, quarter) of '2026Q3'."""
    return int(period[:4]), int(period[-1])


def previous_quarter(period: str) -> str:
    """Return the quarter before: '2026Q1' → '2025Q4'."""
    year, quarter = quarter_parts(period)
    return f"{year - 1}Q4" if quarter == 1 else f"{year}Q{quarter - 1}"


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or pd.isna(value)


def expected_value(baseline, targets: dict[int, float | None], period: str) -> float | None:
    """Return the value planned for the end of a quarter: linear from the last year's target (or the baseline)."""
    year, quarter = quarter_parts(period)
    target = targets.get(year)
    start = baseline if year == TARGET_YEARS[0] else targets.get(year - 1)
    if _missing(baseline) or _missing(target) or _missing(start):
        return None
    return float(start) + (float(target) - float(start)) * quarter / 4


def status(baseline, expected, actual, higher_is_better: bool = True) -> str:
    """Return the status of one indicator in one quarter by STATUS_RULE."""
    if _missing(baseline) or _missing(expected) or _missing(actual):
        return NO_DATA
    planned = float(expected) - float(baseline)
    if planned == 0:
        better = actual >= baseline if higher_is_better else actual <= baseline
        return ON_TRACK if better else OFF_TRACK
    progress = round((float(actual) - float(baseline)) / planned, 9)
    if progress >= ON_TRACK_FROM:
        return ON_TRACK
    return AT_RISK if progress >= AT_RISK_FROM else OFF_TRACK


def progress_pct(baseline, expected, actual) -> float | None:
    """Return the share of the planned change achieved, in %; None when it cannot be computed."""
    if _missing(baseline) or _missing(expected) or _missing(actual) or float(expected) == float(baseline):
        return None
    return 100 * (float(actual) - float(baseline)) / (float(expected) - float(baseline))


def indicator_status(framework: pd.DataFrame, actuals: pd.DataFrame, period: str) -> pd.DataFrame:
    """Return the framework rows with the quarter's actual, expected value, progress and status.

    `framework` has one row per indicator and scope with baseline_value, target_2025 … target_2028 and
    higher_is_better; `actuals` has indicator_code, scope, period, value, evidence.
    """
    quarter = actuals[actuals["period"] == period][["indicator_code", "scope", "value", "evidence"]]
    rows = framework.merge(quarter.rename(columns={"value": "actual"}), on=["indicator_code", "scope"], how="left")
    expected, progress, statuses = [], [], []
    for row in rows.itertuples():
        targets = {year: getattr(row, f"target_{year}") for year in TARGET_YEARS}
        value = expected_value(row.baseline_value, targets, period)
        expected.append(value)
        progress.append(progress_pct(row.baseline_value, value, row.actual))
        statuses.append(status(row.baseline_value, value, row.actual, bool(row.higher_is_better)))
    return rows.assign(period=period, expected=expected, progress_pct=progress, status=statuses)


def changes_since(now: pd.DataFrame, before: pd.DataFrame) -> pd.DataFrame:
    """Return the indicators whose status or value changed between two quarters' indicator_status frames.

    Columns: indicator_code, scope, previous_status, status, previous_value, value, change (value difference).
    """
    key = ["indicator_code", "scope"]
    merged = now[[*key, "status", "actual"]].merge(
        before[[*key, "status", "actual"]].rename(columns={"status": "previous_status", "actual": "previous_value"}),
        on=key, how="left")
    merged = merged.rename(columns={"actual": "value"})
    merged["previous_status"] = merged["previous_status"].fillna(NO_DATA)
    merged["change"] = merged["value"] - merged["previous_value"]
    moved = (merged["status"] != merged["previous_status"]) | (merged["change"].fillna(0) != 0)
    return merged[moved][[*key, "previous_status", "status", "previous_value", "value", "change"]].reset_index(
        drop=True)


def status_counts(statuses: pd.Series) -> dict[str, int]:
    """Return how many rows have each status, in STATUSES order."""
    counts = statuses.value_counts()
    return {name: int(counts.get(name, 0)) for name in STATUSES}


# Programme finance.

@dataclass(frozen=True)
class Burn:
    """Spending of one year up to a quarter, its pace and the linear forecast to the year's end."""

    year: int
    quarters: int  # quarters elapsed in the year
    budget_year_kes: float
    budget_to_date_kes: float
    spent_to_date_kes: float

    @property
    def burn_rate_pct(self) -> float | None:
        """Spending to date as % of the budget to date."""
        return 100 * self.spent_to_date_kes / self.budget_to_date_kes if self.budget_to_date_kes else None

    @property
    def spent_of_year_pct(self) -> float | None:
        return 100 * self.spent_to_date_kes / self.budget_year_kes if self.budget_year_kes else None

    @property
    def monthly_kes(self) -> float:
        """Average spending per month so far this year."""
        return self.spent_to_date_kes / (3 * self.quarters)

    @property
    def forecast_kes(self) -> float:
        """Spending by year end if the pace so far holds: spent to date ÷ quarters elapsed × 4."""
        return self.spent_to_date_kes / self.quarters * 4

    @property
    def forecast_pct(self) -> float | None:
        return 100 * self.forecast_kes / self.budget_year_kes if self.budget_year_kes else None


FORECAST_RULE = N_("Burn rate: spending so far this calendar year as a share of the budget for the same quarters. "
                 "Forecast: spending to date ÷ quarters elapsed × 4, the year's spending if the pace so far holds, "
                 "compared with the year's whole budget.")


def burn(finance: pd.DataFrame, period: str) -> Burn:
    """Return the burn of the rows' year up to `period` (finance: period, budget_kes, spent_kes)."""
    year, quarter = quarter_parts(period)
    rows = finance[finance["period"].str.startswith(str(year))]
    to_date = rows[rows["period"] <= period]
    return Burn(year, quarter, float(rows["budget_kes"].sum()), float(to_date["budget_kes"].sum()),
                float(to_date["spent_kes"].fillna(0).sum()))


def burn_by(finance: pd.DataFrame, period: str, column: str) -> pd.DataFrame:
    """Return one row per value of `column` (outcome_code, agency or scope) with its burn figures."""
    rows = []
    for value, part in finance.groupby(column, sort=True):
        result = burn(part, period)
        rows.append({column: value, "budget_year_kes": result.budget_year_kes,
                     "budget_to_date_kes": result.budget_to_date_kes, "spent_to_date_kes": result.spent_to_date_kes,
                     "burn_rate_pct": result.burn_rate_pct, "forecast_kes": result.forecast_kes,
                     "forecast_pct": result.forecast_pct})
    return pd.DataFrame(rows)


@dataclass(frozen=True)
class Benchmark:
    """A cost-per-output benchmark: numerator ÷ denominator over the contracts whose primary output it measures."""

    key: str
    name: str
    numerator: str  # column summed over the contracts charged
    denominator: str  # output column; only contracts whose primary_output is this column are charged
    unit_label: str
    description: str


# The one place the benchmark definitions live: edit here, pages and documents follow.
BENCHMARKS = (
    Benchmark("cost_per_official_trained", N_("Cost per official trained"), "cost_kes", "officials_trained",
              N_("per official"), N_("Cost of the contracts whose primary output is training county officials, "
                                     "divided by the officials they trained.")),
    Benchmark("cost_per_forum_held", N_("Cost per forum held"), "cost_kes", "forums_held", N_("per forum"),
              N_("Cost of the grants and contracts whose primary output is public forums, divided by the forums "
                 "held. Citizens those forums reached are reported but not charged again.")),
    Benchmark("cost_per_citizen_reached", N_("Cost per citizen reached"), "cost_kes", "citizens_reached",
              N_("per citizen"), N_("Cost of the contracts whose primary output is reaching citizens (civic "
                                    "education), divided by the citizens reached.")),
    Benchmark("cost_per_data_system", N_("Cost per data system strengthened"), "cost_kes",
              "data_systems_strengthened", N_("per system"), N_("Cost of the contracts whose primary output is a "
                                                                "data system, divided by the systems strengthened.")),
)
OUTLIER_IQR = 1.5  # Tukey's fences: beyond 1.5 interquartile ranges from the quartiles
OUTLIER_RULE_TEMPLATE = N_("Outlier: a county whose cost per output lies more than {iqr} interquartile ranges below "
                           "the first quartile or above the third quartile of the counties (Tukey's fences; quartiles "
                           "by linear interpolation).")
OUTLIER_RULE = OUTLIER_RULE_TEMPLATE.format(iqr=f"{OUTLIER_IQR:g}")  # in English, as the documents print it


def outlier_rule() -> str:
    """Return the outlier rule in the current language."""
    return _(OUTLIER_RULE_TEMPLATE).format(iqr=f"{OUTLIER_IQR:g}")


def fences(values: pd.Series) -> tuple[float | None, float | None]:
    """Return Tukey's (low, high) fences of the values, or (None, None) with fewer than four values."""
    present = values.dropna()
    if len(present) < 4:
        return None, None
    q1, q3 = present.quantile(0.25), present.quantile(0.75)
    return float(q1 - OUTLIER_IQR * (q3 - q1)), float(q3 + OUTLIER_IQR * (q3 - q1))


def cost_per_output(contracts: pd.DataFrame, benchmark: Benchmark) -> pd.DataFrame:
    """Return one row per county: cost, output, cost per unit, and 'high'/'low' outlier marks (None otherwise).

    Only contracts whose primary_output is the benchmark's denominator count; a county with no output has none.
    """
    charged = contracts[(contracts["primary_output"] == benchmark.denominator)]
    grouped = charged.groupby("scope", sort=True).agg(cost_kes=(benchmark.numerator, "sum"),
                                                      output=(benchmark.denominator, "sum"),
                                                      contracts=("contract_id", "count")).reset_index()
    grouped = grouped[grouped["output"] > 0].copy()
    grouped["cost_per_unit"] = grouped["cost_kes"] / grouped["output"]
    low, high = fences(grouped["cost_per_unit"])
    grouped["outlier"] = pd.Series([("high" if high is not None and v > high else "low" if low is not None and v < low
                                     else None) for v in grouped["cost_per_unit"]], index=grouped.index, dtype=object)
    grouped["median"] = grouped["cost_per_unit"].median() if not grouped.empty else None
    return grouped.rename(columns={"scope": "county_code"}).reset_index(drop=True)
