"""View model of Budget execution: what the page shows, assembled from query results without Streamlit."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from jdp_analytics.budget import metrics
from jdp_analytics.common import formatting
from jdp_analytics.common.i18n import N_, _
from jdp_analytics.common.measures import compare
from jdp_analytics.common.presentation import Card, ExportTable, citation, file_stem, is_demo, source_line
from jdp_analytics.geography.counties import JDP_TARGETS

# The Budget execution page.

RECURRENT_NOTE = N_("Recurrent absorption is not shown: the Controller of Budget table in the warehouse has each "
                  "county's total budget and expenditure and its development absorption rate, but no recurrent or "
                  "development amounts, so a recurrent rate cannot be derived from it.")
PEFA_NOTE = N_("Scored with PEFA's PI-1 method (PEFA 2016 framework, dimension 1.1 Aggregate expenditure outturn): "
             "A when expenditure is within 95–105 % of the budget in at least two of the last three years, B within "
             "90–110 %, C within 85–115 %, D otherwise; a bound counts as inside (exactly 90.0 % is within B's range). "
             "PEFA compares with the originally approved budget, the Controller of Budget with the final "
             "(supplementary) budget: this is PI-1's method on the final budget, not an official PEFA assessment.")
PER_PERSON_NOTE = N_("Total approved budget divided by the 2019 census population. The equitable share (County "
                   "Allocation of Revenue Act) is one part of that budget; its schedules and a need indicator such as "
                   "poverty are not in the warehouse yet.")
NO_RULE_FIGURE = N_("No published figure in the warehouse yet; load the county budget template.")
# Why the data_quality_outliers query lists a value (its SQL writes these English words), as shown: _(REASONS[…]).
REASONS = {"spent more than the budget": N_("spent more than the budget"),
           "spent less than a fifth of the budget": N_("spent less than a fifth of the budget")}
FLAGGED_UPSTREAM = "flagged upstream: "


def reason_words(reason: str) -> str:
    """Return an outlier's reason in the current language; a publisher's own flag is quoted as it stands."""
    if isinstance(reason, str) and reason.startswith(FLAGGED_UPSTREAM):
        return _("flagged upstream: {flag}").format(flag=reason.removeprefix(FLAGGED_UPSTREAM))
    return _(REASONS[reason]) if reason in REASONS else reason


@dataclass(frozen=True)
class FiscalRule:
    """A fiscal responsibility rule for county governments, with its legal source and the figures it needs."""

    name: str
    rule: str
    threshold_pct: float
    source: str
    needs: str


FISCAL_RULES = (
    FiscalRule(N_("Development share of the budget"), N_("At least 30 % of the county budget goes to development "
               "expenditure over the medium term."), metrics.DEV_FLOOR_PCT, "PFM Act 2012, s.107(2)(b)",
               N_("development and recurrent budget amounts")),
    FiscalRule(N_("Wage bill"), N_("Spending on wages and benefits of county public officers is at most 35 % of the "
               "county's total revenue."), metrics.WAGE_CEILING_PCT,
               "PFM (County Governments) Regulations 2015, reg. 25(1)(b), under PFM Act 2012 s.107(2)(c)",
               N_("the wage bill and total revenue")),
)


def budget_trend(history: pd.DataFrame, county_code: str | None) -> pd.DataFrame:
    """Return per fiscal year what the page charts for one county, or (None) for the 47 counties' totals.

    Columns: fiscal_year, budget_kes, expenditure_kes, budget_growth_pct, absorption_pct (usable rate),
    development_absorption_pct (usable rate), development_published, flag, national medians, counties_reporting,
    outturn_band, pi1_band, pi1_years, source_page and the source columns.
    """
    if county_code:
        rows = history[history["county_code"] == county_code]
        usable = metrics.usable_rates(rows)
        trend = rows[["fiscal_year", "budget_kes", "expenditure_kes", "flag", "source_page", "source_title",
                      "publisher", "as_of", "is_demo"]].copy()
        trend["absorption_pct"] = usable["absorption_pct"]
        trend["development_absorption_pct"] = usable["development_absorption_pct"]
        trend["development_published"] = rows["development_absorption_pct"]
        scores = metrics.pefa_pi1_scores(rows)[["fiscal_year", "outturn_band", "pi1_band", "pi1_years"]]
        trend = trend.merge(scores, on="fiscal_year", how="left")
    else:
        sources = history.dropna(subset=["source_title"]).drop_duplicates("fiscal_year")[
            ["fiscal_year", "source_title", "publisher", "as_of", "is_demo"]]
        trend = metrics.national_totals(history).merge(sources, on="fiscal_year", how="left")
        for column in ("development_absorption_pct", "development_published", "flag", "source_page", "outturn_band",
                       "pi1_band", "pi1_years"):
            trend[column] = None
    trend = trend.merge(metrics.national_medians(history), on="fiscal_year", how="left").sort_values("fiscal_year")
    trend["budget_growth_pct"] = metrics.yoy_growth(trend.set_index("fiscal_year")["budget_kes"]).to_numpy()
    return trend.reset_index(drop=True)


def rank_sentence(year_rows: pd.DataFrame, column: str, county_code: str, county_name: str) -> str:
    """Return a county's rate against the national median, with its rank among the 47 and the eight targets."""
    values = metrics.rate_values(year_rows, column)
    national = compare(values, county_code)
    if national.flagged:
        return _("{county}: the published figure is flagged as suspect and is not compared.").format(
            county=county_name)
    if national.value is None:
        return _("No published figure for {county}.").format(county=county_name)
    figures = dict(gap=formatting.points(national.difference), median=formatting.pct(national.median),
                   rank=national.rank, counties=national.counties)
    if county_code in JDP_TARGETS:
        targets = compare(values[values["is_jdp_target"].astype(bool)], county_code)
        return _("{gap} against the national median of {median}; rank {rank} of {counties} counties, "
                 "{target_rank} of the {targets} target counties.").format(
            target_rank=targets.rank, targets=targets.counties, **figures)
    return _("{gap} against the national median of {median}; rank {rank} of {counties} counties.").format(**figures)


def pefa_sentence(trend: pd.DataFrame, fiscal_year: str) -> str:
    """Return the outturns behind a PI-1 score, or why there is none, in words."""
    years = metrics.last_fiscal_years(fiscal_year, metrics.PEFA_PI1_YEARS)
    outturns = trend.set_index("fiscal_year")["absorption_pct"].reindex(years)
    if outturns.isna().any():
        missing = _(" and ").join(formatting.fy(y) for y in outturns[outturns.isna()].index)
        first = trend["fiscal_year"].min()
        figures = dict(first=formatting.fy(years[0]), last=formatting.fy(years[-1]), missing=missing)
        if years[0] < first:
            return _("Not scored: PI-1 needs the outturn of three consecutive years, {first} to {last}; no published "
                     "figure for {missing} (the figures start in {start}).").format(start=formatting.fy(first),
                                                                                    **figures)
        return _("Not scored: PI-1 needs the outturn of three consecutive years, {first} to {last}; no published "
                 "figure for {missing}.").format(**figures)
    listed = ", ".join(_("{share} in {year}").format(share=formatting.pct(v), year=formatting.fy(y))
                       for y, v in outturns.items())
    return _("Expenditure as a share of the budget: {years}.").format(years=listed)


def budget_cards(history: pd.DataFrame, trend: pd.DataFrame, county_code: str | None, county_name: str,
                 fiscal_year: str) -> list[Card]:
    """Return the page's four headline cards: budget, expenditure, overall and development absorption."""
    year_rows = history[history["fiscal_year"] == fiscal_year]
    this = trend[trend["fiscal_year"] == fiscal_year].iloc[0]
    previous = metrics.previous_fiscal_year(fiscal_year)
    growth = this["budget_growth_pct"]
    growth_text = (_("{growth} on {year}.").format(growth=_growth(growth), year=formatting.fy(previous))
                   if growth is not None and pd.notna(growth)
                   else _("No growth figure: {year} or this year has no published budget.").format(
                       year=formatting.fy(previous)))
    if county_code is None:
        return _national_budget_cards(year_rows, this, fiscal_year, growth_text)
    rows = year_rows[year_rows["county_code"] == county_code]
    source, demo = source_line(rows), is_demo(rows)
    labels = (_("Budget, {year}").format(year=formatting.fy(fiscal_year)),
              _("Expenditure, {year}").format(year=formatting.fy(fiscal_year)), _("Absorption"),
              _("Development absorption"))
    if pd.isna(this["budget_kes"]):
        none = _("No published figure for {county} in {year}.").format(county=county_name,
                                                                      year=formatting.fy(fiscal_year))
        return [Card(label, "–", none, source, demo) for label in labels]
    unspent = this["budget_kes"] - this["expenditure_kes"]
    development = (_("flagged") if "development_absorption_pct" in metrics.suspect_rates(this["flag"])
                   else formatting.pct(this["development_absorption_pct"]))
    exactly = _("Exactly {amount}. {source}")
    return [
        Card(labels[0], formatting.kes(this["budget_kes"]),
             _("Approved (supplementary) budget; {growth}").format(growth=growth_text),
             exactly.format(amount=formatting.kes_exact(this["budget_kes"]), source=source), demo),
        Card(labels[1], formatting.kes(this["expenditure_kes"]),
             _("Unspent: {amount}.").format(amount=formatting.kes(unspent)),
             exactly.format(amount=formatting.kes_exact(this["expenditure_kes"]), source=source), demo),
        Card(labels[2], formatting.pct(this["absorption_pct"]),
             rank_sentence(year_rows, "absorption_pct", county_code, county_name), source, demo),
        Card(labels[3], development,
             rank_sentence(year_rows, "development_absorption_pct", county_code, county_name), source, demo),
    ]


def _national_budget_cards(year_rows: pd.DataFrame, this: pd.Series, fiscal_year: str,
                           growth_text: str) -> list[Card]:
    source, demo = source_line(year_rows), is_demo(year_rows)
    usable = metrics.usable_rates(year_rows)
    flagged = int(year_rows["development_absorption_pct"].notna().sum() - usable["development_absorption_pct"].count())
    exactly = _("Exactly {amount}. {source}")
    return [
        Card(_("Budget, {year}").format(year=formatting.fy(fiscal_year)), formatting.kes(this["budget_kes"]),
             _("Sum of {count} counties' approved budgets; {growth}").format(count=this["counties"],
                                                                            growth=growth_text),
             exactly.format(amount=formatting.kes_exact(this["budget_kes"]), source=source), demo),
        Card(_("Expenditure, {year}").format(year=formatting.fy(fiscal_year)), formatting.kes(this["expenditure_kes"]),
             _("Together {share} of the budget.").format(share=formatting.pct(this["absorption_pct"])),
             exactly.format(amount=formatting.kes_exact(this["expenditure_kes"]), source=source), demo),
        Card(_("Absorption, median county"), formatting.pct(this["national_median_absorption_pct"]),
             _("Median of the {count} counties with a published rate.").format(
                 count=usable["absorption_pct"].count()), source, demo),
        Card(_("Development absorption, median"), formatting.pct(this["national_median_development_pct"]),
             _("Median of {count} counties; {flagged} flagged rate(s) left out.").format(
                 count=usable["development_absorption_pct"].count(), flagged=flagged),
             source, demo),
    ]


def credibility_card(history: pd.DataFrame, trend: pd.DataFrame, county_code: str | None,
                     fiscal_year: str) -> Card:
    """Return the PI-1 score (PEFA method) of the county over the three years to `fiscal_year`, or the 47's spread."""
    label, demo = _("Budget credibility, PEFA PI-1 method"), is_demo(trend)
    if county_code:
        band = trend.set_index("fiscal_year")["pi1_band"].get(fiscal_year)
        return Card(label, band if pd.notna(band) else "–", pefa_sentence(trend, fiscal_year), _(PEFA_NOTE), demo)
    scores = metrics.pefa_pi1_scores(history)
    bands = scores[scores["fiscal_year"] == fiscal_year]["pi1_band"].value_counts()
    years = metrics.last_fiscal_years(fiscal_year, metrics.PEFA_PI1_YEARS)
    if bands.empty:
        first = trend["fiscal_year"].min()
        return Card(label, "–", _("Not scored: PI-1 needs three consecutive years, {first} to {last}, and the "
                                  "figures start in {start}.").format(first=formatting.fy(years[0]),
                                                                      last=formatting.fy(years[-1]),
                                                                      start=formatting.fy(first)), _(PEFA_NOTE), demo)
    common = bands.idxmax()
    spread = ", ".join(f"{band} {bands.get(band, 0)}" for band in "ABCD")
    return Card(label, _("{band}: {count} of {total}").format(band=common, count=bands[common], total=bands.sum()),
                _("Counties by score over {first} to {last}: {spread}.").format(
                    first=formatting.fy(years[0]), last=formatting.fy(years[-1]), spread=spread), _(PEFA_NOTE), demo)


def year_medians(trend: pd.DataFrame, fiscal_year: str) -> tuple[float | None, float | None]:
    """Return the national median overall and development absorption of one year (flagged rates left out)."""
    this = trend[trend["fiscal_year"] == fiscal_year].iloc[0]
    return this["national_median_absorption_pct"], this["national_median_development_pct"]


def median_sentence(trend: pd.DataFrame, fiscal_year: str) -> str:
    """Return the national medians of the year in words (flagged rates left out)."""
    this = trend[trend["fiscal_year"] == fiscal_year].iloc[0]
    overall = formatting.pct(this["national_median_absorption_pct"])
    return _("National median, {year}: overall absorption {overall} over {count} counties; development absorption "
             "{development} (flagged rates left out).").format(
        year=formatting.fy(fiscal_year), overall=overall, count=this["counties_reporting"],
        development=formatting.pct(this["national_median_development_pct"]))


def missing_sentence(history: pd.DataFrame, county_code: str | None, county_name: str, fiscal_year: str) -> str | None:
    """Return, in words, which county has no published figure for the year; None when every one has."""
    year_rows = history[(history["fiscal_year"] == fiscal_year) & history["budget_kes"].isna()]
    if county_code is None:
        if year_rows.empty:
            return None
        return _("No published budget execution figure for {year} for {count} counties: {counties}. Totals and "
                 "medians are over the others.").format(year=formatting.fy(fiscal_year), count=len(year_rows),
                                                        counties=", ".join(year_rows["county_name"]))
    if county_code not in set(year_rows["county_code"]):
        return None
    return _("No published budget execution figure for {county} in {year}: the Controller of Budget table in the "
             "warehouse has no row for it. The trend below shows the years that have one.").format(
        county=county_name, year=formatting.fy(fiscal_year))


def flagged_sentences(rows: pd.DataFrame) -> list[str]:
    """Return one sentence per flagged row: county, year, the published figure and what the page does with it."""
    sentences = []
    for row in rows[rows["flag"].notna()].itertuples():
        rates = metrics.suspect_rates(row.flag)
        published = "; ".join(f"{getattr(row, c):g}" for c in rates if pd.notna(getattr(row, c)))
        template = (_("{county}, {year}: the published development absorption rate ({published}) is flagged as "
                      "suspect upstream ({flag}); it is shown as flagged and left out of the charts, medians and "
                      "ranks.") if rates == ("development_absorption_pct",) else
                    _("{county}, {year}: the published absorption rates ({published}) are flagged as suspect "
                      "upstream ({flag}); they are shown as flagged and left out of the charts, medians and ranks."))
        sentences.append(template.format(county=row.county_name, year=formatting.fy(row.fiscal_year),
                                         published=published, flag=row.flag.replace("_", " ")))
    return sentences


def _growth(value) -> str:
    return "–" if value is None or pd.isna(value) else f"{value:+.1f} %"


# A rate past 100 % (more spent than approved, as published) is marked where it is shown, with its note.
BEYOND_NOTE = N_("† More was spent than the approved budget, as published (see Data quality).")


def _rate(value) -> str:
    return formatting.pct(value) + (" †" if pd.notna(value) and value > 100 else "")


def _development(published, flag) -> str:
    if "development_absorption_pct" in metrics.suspect_rates(flag):
        return _("flagged: {value} published").format(value=f"{published:g}")
    return _rate(published)


def trend_table(trend: pd.DataFrame, county_code: str | None, county_name: str) -> ExportTable:
    """Return the trend per fiscal year as shown and as exported (a county's rows, or the 47 counties' totals)."""
    pct, kes = formatting.pct, formatting.kes
    if county_code is None:
        data = trend[["fiscal_year", "budget_kes", "expenditure_kes", "budget_growth_pct", "absorption_pct",
                      "national_median_absorption_pct", "national_median_development_pct", "counties_reporting"]]
        data = data.rename(columns={"absorption_pct": "aggregate_absorption_pct"})
        shown = pd.DataFrame({
            _("Fiscal year"): data["fiscal_year"], _("Budget, 47 counties"): data["budget_kes"].map(kes),
            _("Expenditure, 47 counties"): data["expenditure_kes"].map(kes),
            _("Budget growth"): data["budget_growth_pct"].map(_growth),
            _("Aggregate absorption"): data["aggregate_absorption_pct"].map(pct),
            _("Median absorption, overall"): data["national_median_absorption_pct"].map(pct),
            _("Median absorption, development"): data["national_median_development_pct"].map(pct),
            _("Counties reporting"): data["counties_reporting"]})
    else:
        data = trend[["fiscal_year", "budget_kes", "expenditure_kes", "budget_growth_pct", "absorption_pct",
                      "national_median_absorption_pct", "development_published", "flag",
                      "national_median_development_pct", "outturn_band", "pi1_band", "pi1_years", "source_page"]]
        data = data.rename(columns={"development_published": "development_absorption_pct"})
        shown = pd.DataFrame({
            _("Fiscal year"): data["fiscal_year"], _("Approved budget"): data["budget_kes"].map(kes),
            _("Expenditure"): data["expenditure_kes"].map(kes),
            _("Budget growth"): data["budget_growth_pct"].map(_growth),
            _("Absorption, overall"): data["absorption_pct"].map(_rate),
            _("National median, overall"): data["national_median_absorption_pct"].map(pct),
            _("Absorption, development"): [_development(v, f) for v, f in zip(data["development_absorption_pct"],
                                                                               data["flag"])],
            _("National median, development"): data["national_median_development_pct"].map(pct),
            _("PEFA PI-1, three years to this"): data["pi1_band"].fillna("–")})
    return ExportTable(shown, data, file_stem(county_name, _("budget-execution-by-year")), citation(trend),
                       is_demo(trend))


def beyond_note(table: ExportTable) -> str | None:
    """Return the note a table with a rate past 100 % (marked †) carries where it is shown, or None."""
    marked = table.shown.map(lambda v: isinstance(v, str) and v.endswith("†")).any().any()
    return _(BEYOND_NOTE) if marked else None


def year_table(history: pd.DataFrame, fiscal_year: str) -> ExportTable:
    """Return the 47 counties' budget execution in one year, with ranks, PI-1 score and budget per person."""
    rows = history[history["fiscal_year"] == fiscal_year].copy()
    usable = metrics.usable_rates(rows)
    scores = metrics.pefa_pi1_scores(history)
    scores = scores[scores["fiscal_year"] == fiscal_year][["county_code", "pi1_band", "pi1_years"]]
    rows["absorption_rank"] = usable["absorption_pct"].rank(ascending=False, method="min").astype("Int64")
    rows["budget_per_person_kes"] = [metrics.per_person(b, p) for b, p in zip(rows["budget_kes"],
                                                                                rows["population_2019"])]
    data = rows.merge(scores, on="county_code", how="left")[[
        "county_code", "county_name", "is_jdp_target", "fiscal_year", "budget_kes", "expenditure_kes",
        "absorption_pct", "absorption_rank", "development_absorption_pct", "flag", "population_2019",
        "budget_per_person_kes", "pi1_band", "pi1_years", "source_page"]]
    kes = formatting.kes
    shown = pd.DataFrame({
        _("County"): data["county_name"], _("JDP target"): data["is_jdp_target"].map({True: _("yes"), False: ""}),
        _("Approved budget"): data["budget_kes"].map(kes), _("Expenditure"): data["expenditure_kes"].map(kes),
        _("Absorption, overall"): data["absorption_pct"].map(_rate),
        _("Rank"): ["–" if pd.isna(rank) else str(rank) for rank in data["absorption_rank"]],
        _("Absorption, development"): [_development(v, f) for v, f in zip(data["development_absorption_pct"],
                                                                           data["flag"])],
        _("Budget per person"): data["budget_per_person_kes"].map(kes),
        _("PEFA PI-1"): data["pi1_band"].fillna("–"), _("CBIRR page"): data["source_page"],
    })
    return ExportTable(shown, data, file_stem(_("47-counties-budget-execution"), fiscal_year), citation(rows),
                       is_demo(rows))


def target_values(history: pd.DataFrame, fiscal_year: str) -> pd.DataFrame:
    """Return the eight target counties' rates in one year for the target chart (flagged rates blanked)."""
    rows = history[(history["fiscal_year"] == fiscal_year) & history["is_jdp_target"].astype(bool)]
    out = metrics.usable_rates(rows)[["county_code", "county_name", "absorption_pct", "development_absorption_pct",
                                      "flag"]].copy()
    out["development_published"] = rows["development_absorption_pct"]
    out["flag"] = out["flag"].where(out["flag"].map(lambda f: "development_absorption_pct" in metrics.suspect_rates(f))
                                    .astype(bool))
    return out


def per_person_values(history: pd.DataFrame, fiscal_year: str) -> pd.DataFrame:
    """Return one row per county with its budget per person in one year, as the ranking chart takes it."""
    rows = history[history["fiscal_year"] == fiscal_year]
    out = rows[["county_code", "county_name", "is_jdp_target", "source_title", "publisher", "as_of",
                "is_demo"]].copy()
    out["value"] = [metrics.per_person(b, p) for b, p in zip(rows["budget_kes"], rows["population_2019"])]
    out["flag"] = None
    return out


def per_person_sentence(history: pd.DataFrame, county_code: str | None, county_name: str, fiscal_year: str) -> str:
    """Return the county's (or the country's) budget per person against the median county, in words."""
    rows = history[history["fiscal_year"] == fiscal_year]
    values = per_person_values(history, fiscal_year)
    national = compare(values, county_code)
    targets = compare(values[values["is_jdp_target"].astype(bool)], None)
    medians = _("median county {median}, median target county {target_median}").format(
        median=formatting.kes(national.median), target_median=formatting.kes(targets.median))
    year = formatting.fy(fiscal_year)
    if county_code is None:
        budget, people = rows["budget_kes"].sum(), rows.loc[rows["budget_kes"].notna(), "population_2019"].sum()
        return _("All 47 counties: {per_person} per person in {year} ({budget} for {people} people); "
                 "{medians}.").format(per_person=formatting.kes(metrics.per_person(budget, people)), year=year,
                                      budget=formatting.kes(budget), people=formatting.number(people),
                                      medians=medians)
    if national.value is None:
        return _("No published budget for {county} in {year}, so no figure per person; {medians}.").format(
            county=county_name, year=year, medians=medians)
    row = rows[rows["county_code"] == county_code].iloc[0]
    return _("{county}: {per_person} per person in {year} ({budget} for {people} people, 2019 census); {medians}; "
             "rank {rank} of {counties}.").format(
        county=county_name, per_person=formatting.kes(national.value), year=year,
        budget=formatting.kes(row["budget_kes"]), people=formatting.number(row["population_2019"]), medians=medians,
        rank=national.rank, counties=national.counties)
