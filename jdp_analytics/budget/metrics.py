"""Measures of planning and budgeting, pure functions on DataFrames: absorption, per person, PEFA PI-1 and PI-2,
fiscal rules, budget-line totals and fiscal years."""

from __future__ import annotations

import pandas as pd

# Budget execution, budget credibility and per-person figures (the Budget execution page).

# PEFA 2016 framework (PEFA Secretariat, "Framework for assessing public financial management", February 2016),
# PI-1 Aggregate expenditure outturn, dimension 1.1, scored alike in the subnational (SNG) guidance:
#   A: aggregate expenditure outturn between 95 % and 105 % of the approved aggregate budget in at least two of
#      the last three years; B: between 90 % and 110 %; C: between 85 % and 115 %; D: less than required for C.
# "Between" is read inclusively: an outturn of exactly 90.0 % is within B's range, exactly 85.0 % within C's.
# PEFA measures against the *originally* approved budget (guidance 1.1:5); the Controller of Budget's absorption
# rate is against the final (supplementary) budget, so a score from it is PI-1's method on the final budget.
PEFA_PI1_RANGES = (("A", 95.0, 105.0), ("B", 90.0, 110.0), ("C", 85.0, 115.0))
PEFA_PI1_YEARS = 3  # the last three completed fiscal years
PEFA_PI1_YEARS_WITHIN = 2  # the outturn must be within a band's range in at least two of them
RATE_COLUMNS = ("absorption_pct", "development_absorption_pct")

# Fiscal responsibility rules for county governments.
DEV_FLOOR_PCT = 30.0  # PFM Act 2012 s.107(2)(b): over the medium term at least 30 % of the budget to development
WAGE_CEILING_PCT = 35.0  # PFM (County Governments) Regulations 2015 reg. 25(1)(b): wages ≤ 35 % of total revenue


def _present(value) -> bool:
    return value is not None and not pd.isna(value)


def absorption(expenditure: float | None, budget: float | None) -> float | None:
    """Return expenditure as a percentage of budget; None when either is missing or the budget is zero."""
    if not (_present(expenditure) and _present(budget)) or budget == 0:
        return None
    return 100.0 * float(expenditure) / float(budget)


def per_person(amount: float | None, population: float | None) -> float | None:
    """Return an amount per person; None when either is missing or the population is zero."""
    if not (_present(amount) and _present(population)) or population == 0:
        return None
    return float(amount) / float(population)


def outturn_band(outturn_pct: float | None) -> str | None:
    """Return the narrowest PEFA PI-1 band whose range holds one year's outturn (bounds included), else 'D'."""
    if not _present(outturn_pct):
        return None
    value = round(float(outturn_pct), 9)  # 90 % computed as 89.99999999999 is still 90 %
    for band, low, high in PEFA_PI1_RANGES:
        if low <= value <= high:
            return band
    return "D"


def pefa_pi1_band(outturns) -> str | None:
    """Return the PEFA PI-1 score (A–D) of the last three years' outturns (% of budget); None unless all three known.

    The ranges nest (A's inside B's inside C's), so the score is the second best of the three yearly bands: the
    best band whose range holds the outturn in at least two of the three years.
    """
    values = list(outturns)
    if len(values) != PEFA_PI1_YEARS or not all(_present(v) for v in values):
        return None
    return sorted(outturn_band(v) for v in values)[PEFA_PI1_YEARS_WITHIN - 1]


def previous_fiscal_year(fiscal_year: str) -> str:
    """Return the fiscal year before another: '2019/20' → '2018/19'."""
    start = int(fiscal_year[:4]) - 1
    return f"{start}/{(start + 1) % 100:02d}"


def last_fiscal_years(fiscal_year: str, count: int) -> list[str]:
    """Return `count` consecutive fiscal years ending with `fiscal_year`, oldest first."""
    years = [fiscal_year]
    while len(years) < count:
        years.insert(0, previous_fiscal_year(years[0]))
    return years


def growth_pct(current: float | None, previous: float | None) -> float | None:
    """Return the growth of a value over its previous value in %; None when either is missing or the previous is 0."""
    if not (_present(current) and _present(previous)) or previous == 0:
        return None
    return 100.0 * (float(current) / float(previous) - 1.0)


def yoy_growth(by_year: pd.Series) -> pd.Series:
    """Return each fiscal year's growth (%) over the fiscal year before; None where that year or a value is missing.

    `by_year` is indexed by fiscal year ('2019/20'); a year absent from the index is a missing year, so the year
    after a gap has no growth rather than growth over two years.
    """
    values = by_year.to_dict()
    growth = [growth_pct(value, values.get(previous_fiscal_year(year))) for year, value in values.items()]
    return pd.Series(growth, index=by_year.index, dtype=object)


def suspect_rates(flag) -> tuple[str, ...]:
    """Return the rate columns a budget-execution flag marks as suspect: a 'dev_' flag the development rate only.

    The Controller of Budget file flags four development rates that look like fractions
    ('dev_absorption_looks_like_fraction_not_pct'); any other flag is taken to mark both rates of its row.
    """
    if not _present(flag):
        return ()
    return ("development_absorption_pct",) if str(flag).startswith("dev_") else RATE_COLUMNS


def usable_rates(rows: pd.DataFrame) -> pd.DataFrame:
    """Return budget-execution rows with every suspect rate blanked, so it is neither plotted nor in a median."""
    out = rows.copy()
    for column in RATE_COLUMNS:
        suspect = out["flag"].map(lambda flag, column=column: column in suspect_rates(flag)).astype(bool)
        out[column] = out[column].where(~suspect)
    return out


def rate_values(rows: pd.DataFrame, column: str) -> pd.DataFrame:
    """Return one rate per county for `compare` and the ranking chart; `flag` only where it marks this rate."""
    out = rows[["county_code", "county_name", "is_jdp_target"]].copy()
    out["value"] = rows[column].astype(float)
    out["flag"] = rows["flag"].where(rows["flag"].map(lambda flag: column in suspect_rates(flag)).astype(bool))
    return out


def national_medians(history: pd.DataFrame) -> pd.DataFrame:
    """Return per fiscal year the median overall and development absorption over the counties with a usable
    published rate, and how many counties that is: fiscal_year, national_median_absorption_pct,
    national_median_development_pct, counties_reporting."""
    usable = usable_rates(history).groupby("fiscal_year")
    return pd.DataFrame({"national_median_absorption_pct": usable["absorption_pct"].median(),
                         "national_median_development_pct": usable["development_absorption_pct"].median(),
                         "counties_reporting": usable["absorption_pct"].count()}).reset_index()


def national_totals(history: pd.DataFrame) -> pd.DataFrame:
    """Return per fiscal year the sums of the county budgets and expenditure over the counties that report both,
    and the aggregate absorption they give: fiscal_year, budget_kes, expenditure_kes, absorption_pct, counties."""
    both = history.dropna(subset=["budget_kes", "expenditure_kes"]).groupby("fiscal_year")
    totals = pd.DataFrame({"budget_kes": both["budget_kes"].sum(), "expenditure_kes": both["expenditure_kes"].sum(),
                           "counties": both["county_code"].count()}).reset_index()
    totals["absorption_pct"] = [absorption(e, b) for e, b in zip(totals["expenditure_kes"], totals["budget_kes"])]
    return totals


def pefa_pi1_scores(history: pd.DataFrame) -> pd.DataFrame:
    """Return for every county and fiscal year its outturn band and its PI-1 score over that year and the two
    before: county_code, fiscal_year, outturn_pct, outturn_band, pi1_band, pi1_years ('2017/18 to 2019/20')."""
    rates = usable_rates(history).set_index(["county_code", "fiscal_year"])["absorption_pct"].to_dict()
    return three_year_scores(rates, ("outturn_pct", "outturn_band", "pi1_band", "pi1_years"), outturn_band,
                             pefa_pi1_band)


def three_year_scores(values: dict, columns: tuple[str, str, str, str], year_band, score) -> pd.DataFrame:
    """Return per (county_code, fiscal_year) of `values` the value, its yearly band, and the score over that year
    and the two before (None unless all three are known), in `columns` (value, band, score, years scored)."""
    rows = []
    for (code, year), value in values.items():
        years = last_fiscal_years(year, PEFA_PI1_YEARS)
        rows.append({"county_code": code, "fiscal_year": year, columns[0]: value, columns[1]: year_band(value),
                     columns[2]: score(values.get((code, y)) for y in years),
                     columns[3]: f"{years[0]} to {years[-1]}"})
    return pd.DataFrame(rows, columns=["county_code", "fiscal_year", *columns])


# Budget composition, fiscal rules, own-source revenue and pending bills (fact_budget_line, fact_county_fiscal).

# PEFA 2016 framework, PI-2 Expenditure composition outturn, dimension 2.1 (by program, administrative or
# functional classification), the indicator set the PEFA subnational (SNG) guidance applies to subnational
# governments: A when the variance in expenditure composition was *less than* 5 % in at least two of the last
# three years, B less than 10 %, C less than 15 %, D otherwise. The bound itself is outside: exactly 5.0 % is B.
# Variance: each head's budget is scaled by total outturn / total budget (removing the aggregate deviation that
# PI-1 measures); the variance is the sum of the absolute differences of outturn from that adjusted budget over
# the sum of the adjusted budget. Here the heads are the county sectors (departments, the votes of the budget).
PEFA_PI2_LIMITS = (("A", 5.0), ("B", 10.0), ("C", 15.0))
LINE_AMOUNTS = ("approved_development_kes", "approved_recurrent_kes", "expenditure_development_kes",
                "expenditure_recurrent_kes", "gender_tagged_kes", "child_tagged_kes", "adp_planned_kes")


def pct_of(part: float | None, whole: float | None) -> float | None:
    """Return a part as a percentage of its whole; None when either is missing or the whole is zero."""
    return absorption(part, whole)


def meets_rule(value_pct: float | None, threshold_pct: float, floor: bool) -> bool | None:
    """Return whether a figure meets a fiscal rule, a floor (≥ threshold) or a ceiling (≤); None when unknown."""
    if not _present(value_pct):
        return None
    value = round(float(value_pct), 9)
    return value >= threshold_pct if floor else value <= threshold_pct


def composition_variance_pct(budget: pd.Series, outturn: pd.Series) -> float | None:
    """Return PEFA's variance in expenditure composition (%) of heads' budgets and outturns; None if not computable.

    Each head's budget is first scaled by total outturn / total budget, so that only the shifts between heads
    count, not the aggregate under- or overspending.
    """
    budget, outturn = pd.Series(budget, dtype=float), pd.Series(outturn, dtype=float)
    if budget.isna().any() or outturn.isna().any() or budget.sum() <= 0 or outturn.sum() <= 0:
        return None
    adjusted = budget * outturn.sum() / budget.sum()
    return 100.0 * float((outturn - adjusted).abs().sum() / adjusted.sum())


def composition_year_band(variance_pct: float | None) -> str | None:
    """Return the PEFA PI-2 band of one year's composition variance: A below 5 %, B below 10 %, C below 15 %, else D."""
    if not _present(variance_pct):
        return None
    value = round(float(variance_pct), 9)
    return next((band for band, limit in PEFA_PI2_LIMITS if value < limit), "D")


def pefa_pi2_band(variances) -> str | None:
    """Return the PI-2 (dimension 2.1) score of the last three years' composition variances; None unless all known."""
    values = list(variances)
    if len(values) != PEFA_PI1_YEARS or not all(_present(v) for v in values):
        return None
    return sorted(composition_year_band(v) for v in values)[PEFA_PI1_YEARS_WITHIN - 1]


def line_totals(lines: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """Return budget lines summed by `by` with totals, shares and absorption rates.

    Adds approved_kes, expenditure_kes, development_share_pct, absorption_pct, development_absorption_pct,
    recurrent_absorption_pct, gender_share_pct, child_share_pct, programmes, funded_programmes, adp_programmes,
    adp_funded_programmes. A sum of a column that is empty on every line stays empty (not reported is not zero).
    """
    frame = lines.copy()
    frame["approved_kes"] = frame["approved_development_kes"] + frame["approved_recurrent_kes"]
    frame["funded"] = frame["approved_kes"] > 0
    frame["in_adp"] = frame["in_adp"].fillna(False).astype(bool)
    frame["adp_funded"] = frame["in_adp"] & frame["funded"]
    grouped = frame.groupby(by, sort=True)
    out = grouped[[*LINE_AMOUNTS, "approved_kes"]].sum(min_count=1)
    out["programmes"] = grouped.size()
    out["funded_programmes"] = grouped["funded"].sum()
    out["adp_programmes"] = grouped["in_adp"].sum()
    out["adp_funded_programmes"] = grouped["adp_funded"].sum()
    out = out.reset_index()
    out["expenditure_kes"] = out["expenditure_development_kes"] + out["expenditure_recurrent_kes"]
    pairs = {"development_share_pct": ("approved_development_kes", "approved_kes"),
             "absorption_pct": ("expenditure_kes", "approved_kes"),
             "development_absorption_pct": ("expenditure_development_kes", "approved_development_kes"),
             "recurrent_absorption_pct": ("expenditure_recurrent_kes", "approved_recurrent_kes"),
             "gender_share_pct": ("gender_tagged_kes", "approved_kes"),
             "child_share_pct": ("child_tagged_kes", "approved_kes")}
    for name, (part, whole) in pairs.items():
        out[name] = [pct_of(p, w) for p, w in zip(out[part], out[whole])]
    return out


def pefa_pi2_scores(lines: pd.DataFrame) -> pd.DataFrame:
    """Return per county and fiscal year the composition variance over its sectors, its yearly band and the PI-2
    score over that year and the two before: county_code, fiscal_year, variance_pct, year_band, pi2_band, pi2_years.
    """
    sectors = line_totals(lines, ["county_code", "fiscal_year", "sector"])
    variances = {key: composition_variance_pct(rows["approved_kes"], rows["expenditure_kes"])
                 for key, rows in sectors.groupby(["county_code", "fiscal_year"])}
    return three_year_scores(variances, ("variance_pct", "year_band", "pi2_band", "pi2_years"),
                             composition_year_band, pefa_pi2_band)


def fiscal_measures(fiscal: pd.DataFrame) -> pd.DataFrame:
    """Return county fiscal rows with their ratios: osr_performance_pct (actual / target), osr_growth_pct (on the
    fiscal year before; none after a missing year), osr_share_pct (of total revenue), wage_bill_pct (of total
    revenue, the reg. 25(1)(b) ratio), wage_rule_met, pending_over_1y_pct (share of the stock a year old or more)."""
    out = fiscal.sort_values(["county_code", "fiscal_year"]).copy()
    out["osr_performance_pct"] = [pct_of(a, t) for a, t in zip(out["osr_actual_kes"], out["osr_target_kes"])]
    growth = []  # rows are sorted by county and year, the order groupby walks them in
    for _, rows in out.groupby("county_code"):
        growth += yoy_growth(rows.set_index("fiscal_year")["osr_actual_kes"]).tolist()
    out["osr_growth_pct"] = pd.Series(growth, index=out.index, dtype=object)
    out["osr_share_pct"] = [pct_of(a, r) for a, r in zip(out["osr_actual_kes"], out["total_revenue_kes"])]
    out["wage_bill_pct"] = [pct_of(w, r) for w, r in zip(out["wage_bill_kes"], out["total_revenue_kes"])]
    out["wage_rule_met"] = [meets_rule(v, WAGE_CEILING_PCT, floor=False) for v in out["wage_bill_pct"]]
    older = out[["pending_bills_1_2y_kes", "pending_bills_2_3y_kes", "pending_bills_over_3y_kes"]].sum(axis=1,
                                                                                                        min_count=3)
    out["pending_over_1y_pct"] = [pct_of(o, s) for o, s in zip(older, out["pending_bills_kes"])]
    return out.reset_index(drop=True)
