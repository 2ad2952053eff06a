"""View models of the Budget composition page and the fiscal rules panel, from query results, without Streamlit.

Inputs are the `budget_lines` and `county_fiscal` queries (one row per line / per county and year, with source
columns). Every table comes as a views.ExportTable (shown and exact), every figure with its source line; rows
from a demonstration source make the figure, its chart title and its exports say so.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from jdp_analytics.budget import execution, metrics
from jdp_analytics.budget.execution import FiscalRule
from jdp_analytics.common import demonstration, formatting, presentation
from jdp_analytics.common.i18n import N_, _
from jdp_analytics.common.measures import BASE_MEASURES
from jdp_analytics.common.presentation import ExportTable, citation, file_stem, source_line
from jdp_analytics.common.vocabulary import term, terms

ALL_SECTORS = N_("All sectors")  # the URL keeps the English; shown as _(ALL_SECTORS)
DEMO_NOTE = N_("DEMONSTRATION DATA: the sector and programme lines, revenue, wage bill and pending bills of the eight "
             "target counties are generated, not real. Their totals follow the Controller of Budget: the lines of "
             "each county and year add up to its published budget and expenditure to the shilling, and reproduce "
             "its development absorption rate. Replace them by loading the county's own figures (Upload data).")
PI2_NOTE = N_("Scored with PEFA's PI-2 method (PEFA 2016 framework, dimension 2.1 Expenditure composition outturn, "
            "applied here to the county sectors): each sector's budget is scaled by total expenditure / total budget, "
            "and the variance is the sum of the sectors' absolute deviations from it over total expenditure. A when "
            "the variance is less than 5 % in at least two of the last three years, B less than 10 %, C less than "
            "15 %, D otherwise; a limit itself is outside (exactly 5.0 % is B). PEFA compares with the originally "
            "approved budget; the lines here carry the final (supplementary) budget, so this is PI-2's method on "
            "the final budget, not an official PEFA assessment.")
NEED_NOTE = N_("Against need: no poverty or other need indicator covering the 47 counties is in the warehouse. KIHBS "
             "2015/16 poverty rates have been found only as quoted in news reports, for 20 counties (4 of the 8 "
             "targets), too partial to rank allocations by need; the budget per person is not adjusted for need.")
WAGE_RULE_CHECKED = N_("Checked: PFM (County Governments) Regulations 2015 (Legal Notice 35 of 2015), reg. 25(1)(b): "
                     "the limit on wages and benefits \"shall not exceed thirty five (35) percent of the county "
                     "government's total revenue\"; reg. 25(1)(c) leaves out revenue from extractive natural "
                     "resources, which the total revenue here does not separate.")
NO_LINES = N_("No budget lines for {name} in FY {year}: none has been loaded. Load the template \"County budget by "
            "sector and programme\" on the Upload data page.")
NO_FISCAL = N_("No revenue, wage bill or pending bills figures for {name} in FY {year}: none has been loaded. Load the "
             "template \"County own-source revenue, total revenue, wage bill and pending bills\".")


def is_demo(rows: pd.DataFrame) -> bool:
    """Return True when any of the rows comes from a demonstration source."""
    return bool(len(rows)) and bool(rows["is_demo"].fillna(False).astype(bool).any())


def select(rows: pd.DataFrame, county_code: str | None, fiscal_year: str | None = None) -> pd.DataFrame:
    """Return the rows of one county (or all) and one fiscal year (or all)."""
    mask = pd.Series(True, index=rows.index)
    if county_code:
        mask &= rows["county_code"] == county_code
    if fiscal_year:
        mask &= rows["fiscal_year"] == fiscal_year
    return rows[mask]


def stem(name: str, what: str, county_code: str | None, fiscal_year: str) -> str:
    """Return a chart's file name: 'kwale-own-source-revenue' for a county's years, 'own-source-revenue-2023-24'
    for the counties of one year."""
    return file_stem(name, what) if county_code else file_stem(what, fiscal_year)


# The fiscal rules panel (Budget execution and Budget composition pages).

@dataclass(frozen=True)
class RuleFigure:
    """A fiscal rule with the figure that tests it: value, whether it is met, and in words why."""

    rule: FiscalRule
    value: str
    status: str  # 'meets the rule', 'breaks the rule', 'No figure', or on generated figures WOULD_MEET/WOULD_BREAK
    sentence: str
    source: str
    is_demo: bool


# The statuses, in English (keys of the page's badge colours; translated where shown, `_(figure.status)`).
WOULD_MEET, WOULD_BREAK = N_("would meet the rule"), N_("would break the rule")  # the verdicts of generated figures
MEETS, BREAKS, BREAK, NO_FIGURE = N_("meets the rule"), N_("breaks the rule"), N_("break the rule"), N_("No figure")
RULE_CHECKS = ((execution.FISCAL_RULES[0], "development_share_pct", True),  # floor: at least 30 %
               (execution.FISCAL_RULES[1], "wage_bill_pct", False))  # ceiling: at most 35 %


def rule_values(lines: pd.DataFrame, fiscal: pd.DataFrame) -> pd.DataFrame:
    """Return per county and year the development share of the budget and the wage bill / total revenue ratio:
    county_code, county_name, fiscal_year, development_share_pct, wage_bill_pct, source columns."""
    shares = metrics.line_totals(lines, ["county_code", "county_name", "fiscal_year"])[
        ["county_code", "county_name", "fiscal_year", "development_share_pct"]] if len(lines) else pd.DataFrame(
        columns=["county_code", "county_name", "fiscal_year", "development_share_pct"])
    wages = fiscal_measures(fiscal)[["county_code", "county_name", "fiscal_year", "wage_bill_pct"]]
    out = shares.merge(wages, on=["county_code", "county_name", "fiscal_year"], how="outer")
    sources = pd.concat([lines, fiscal])[["county_code", "fiscal_year", "source_title", "publisher", "as_of",
                                          "is_demo"]].drop_duplicates(["county_code", "fiscal_year"])
    return out.merge(sources, on=["county_code", "fiscal_year"], how="left").sort_values(
        ["county_code", "fiscal_year"]).reset_index(drop=True)


def _status(met: bool, demo: bool, plural: bool = False) -> str:
    if demo:
        return WOULD_MEET if met else WOULD_BREAK
    return MEETS if met else BREAK if plural else BREAKS


def rule_figures(rules: pd.DataFrame, county_code: str | None, county_name: str,
                 fiscal_year: str) -> list[RuleFigure]:
    """Return the two rules with the figure of a county (or the spread over the counties with figures) in a year;
    `rules` is rule_values(...)."""
    values = select(rules, None, fiscal_year)
    figures = []
    for rule, column, floor in RULE_CHECKS:
        rows = values.dropna(subset=[column])
        source = source_line(rows if county_code is None else select(rows, county_code))
        if county_code is not None:
            row = select(rows, county_code)
            if row.empty:
                figures.append(RuleFigure(rule, "–", NO_FIGURE, _(
                    "The check needs {needs} for {county}, {year}. {load}").format(
                    needs=_(rule.needs), county=county_name, year=formatting.fy(fiscal_year),
                    load=_(execution.NO_RULE_FIGURE)), source, False))
                continue
            value = float(row[column].iloc[0])
            met = metrics.meets_rule(value, rule.threshold_pct, floor)
            against = (_("{value} against the {limit} floor ({gap})") if floor else
                       _("{value} against the {limit} ceiling ({gap})")).format(
                value=formatting.pct(value), limit=_("{value} %").format(value=formatting.number(rule.threshold_pct)),
                gap=formatting.points(value - rule.threshold_pct))
            demo = is_demo(row)  # generated figures illustrate the check; they say nothing of the county
            illustration = (_("with figures like these, {against}, the rule would be met.") if met else
                            _("with figures like these, {against}, the rule would be broken.")).format(against=against)
            figures.append(RuleFigure(rule, formatting.pct(value), _status(met, demo), demonstration.verdict(
                _("{county}, {year}: {against}.").format(county=county_name, year=formatting.fy(fiscal_year),
                                                         against=against), demo, illustration), source, demo))
            continue
        if rows.empty:
            figures.append(RuleFigure(rule, "–", NO_FIGURE, _("No county has {needs} for {year}. {load}").format(
                needs=_(rule.needs), year=formatting.fy(fiscal_year), load=_(execution.NO_RULE_FIGURE)), source, False))
            continue
        broken = rows[[metrics.meets_rule(v, rule.threshold_pct, floor) is False for v in rows[column]]]
        names = ", ".join(broken["county_name"]) or _("none")
        covered, demo = demonstration.coverage(rows["county_code"]), is_demo(rows)
        counts = dict(broken=len(broken), total=len(rows), covered=covered)
        figures.append(RuleFigure(rule, _("{broken} of {total}").format(**counts), _status(False, demo, plural=True),
                                  demonstration.verdict(
                                      _("Counties breaking it in {year}: {names}. Only {covered} have the figures; "
                                        "the others have none loaded.").format(
                                          year=formatting.fy(fiscal_year), names=names, covered=covered), demo,
                                      _("with figures like these for {covered}, the rule would be broken in {broken} "
                                        "of {total}; no county is named, the figures are generated.").format(**counts)),
                                  source, demo))
    return figures


def rule_table(rules: pd.DataFrame, county_code: str | None, county_name: str, fiscal_year: str) -> ExportTable:
    """Return the rule figures by year for a county, or by county for a year (All 47); `rules` is rule_values(...)."""
    values = select(rules, county_code) if county_code else select(rules, None, fiscal_year)
    data = values[["county_code", "county_name", "fiscal_year", "development_share_pct", "wage_bill_pct"]].copy()
    data["development_rule_met"] = [metrics.meets_rule(v, metrics.DEV_FLOOR_PCT, True)
                                    for v in data["development_share_pct"]]
    data["wage_rule_met"] = [metrics.meets_rule(v, metrics.WAGE_CEILING_PCT, False) for v in data["wage_bill_pct"]]
    data["is_demo"] = values["is_demo"].fillna(False).astype(bool).to_numpy()
    verdicts = {False: {True: _("meets"), False: _("BREAKS"), None: "–"},  # generated rows only illustrate the check
                True: {True: _("would meet"), False: _("would break"), None: "–"}}
    shown = pd.DataFrame({
        _by(county_code): data["county_name" if county_code is None else "fiscal_year"],
        _("Development share of budget"): data["development_share_pct"].map(formatting.pct),
        _("30 % floor (PFM Act s.107(2)(b))"): [verdicts[d][m] for d, m in zip(data["is_demo"],
                                                                               data["development_rule_met"])],
        _("Wage bill / total revenue"): data["wage_bill_pct"].map(formatting.pct),
        _("35 % ceiling (reg. 25(1)(b))"): [verdicts[d][m] for d, m in zip(data["is_demo"], data["wage_rule_met"])]})
    stem = file_stem(county_name, _("fiscal-rules")) if county_code else file_stem(_("fiscal-rules"), fiscal_year)
    return ExportTable(shown, data, stem, citation(values), is_demo(values))


# Own-source revenue: the Controller of Budget's table for the 47 counties (own_source_revenue.sql, one answer).

OSR_FIF_NOTE = N_("‡ From FY 2023/24 the Controller of Budget's totals include FIF / A-I-A (health facility "
                  "revenue): they are not comparable with earlier years, nor is the growth into FY 2023/24.")
OSR_SHOWS = N_("Own-source revenue would show the county's target and collection, its growth, its share of all "
               "counties' own-source revenue and its rank among the 47.")
OSR_CHECKS = {"matches_afrocave": N_("two sources agree"),
              "differs_from_afrocave": N_("two sources differ by KES 1; the report's extraction is shown"),
              "single_source": N_("one source"),
              "single_source_inconsistent": N_("one source; its printed % does not match its amounts"),
              "county_record": N_("loaded by the county")}
FIF_YEARS = ("2023/24",)  # years whose totals include FIF / A-I-A (sources/cob_osr.WITH_FIF)

OSR_MEASURE = next(m for m in BASE_MEASURES if m.key == "osr_performance_pct")


def osr_growth(value, fiscal_year: str) -> str:
    """Growth on the year before, signed, with ‡ where the totals changed what they count (FIF / A-I-A)."""
    if value is None or pd.isna(value):
        return "–"
    return _signed(value) + (" ‡" if fiscal_year in FIF_YEARS else "")


def osr_sentence(osr: pd.DataFrame, county_code: str | None, county_name: str, fiscal_year: str) -> str:
    """Return own-source revenue against target, its growth, its share of all counties' and its rank, in words."""
    rows = select(osr, county_code, fiscal_year)
    year = formatting.fy(fiscal_year)
    if rows.empty:
        return _("No own-source revenue figure for {county} in {year}.").format(county=county_name, year=year)
    actual, target = rows["osr_actual_kes"].sum(), rows["osr_target_kes"].sum()
    if county_code is None:
        text = _("{year}: the {count} counties with figures collected {actual} of own-source revenue against "
                 "targets of {target} ({performance}).").format(year=formatting.sentence_case(year), count=len(rows),
                                                                actual=formatting.kes(actual),
                                                                target=formatting.kes(target),
                                                                performance=formatting.pct(metrics.pct_of(actual,
                                                                                                          target)))
        return demonstration.mark(text, is_demo(rows))
    row = rows.iloc[0]
    text = _("{county}, {year}: own-source revenue {actual} against a target of {target} ({performance}).").format(
        county=county_name, year=year, actual=formatting.kes(actual), target=formatting.kes(target),
        performance=formatting.pct(row["osr_performance_pct"]))
    previous = formatting.fy(metrics.previous_fiscal_year(fiscal_year))
    text += " " + (_("Growth on {year}: {growth}.").format(year=previous,
                                                           growth=osr_growth(row["osr_growth_pct"], fiscal_year))
                   if pd.notna(row["osr_growth_pct"])
                   else _("No growth figure: {year} has no own-source revenue figure.").format(year=previous))
    if pd.notna(row["osr_rank"]):  # published rows only: no share or rank is computed over generated ones
        text += " " + _("{share} of the own-source revenue of the {count} counties; rank {rank} of {count} by "
                        "share of target collected.").format(share=formatting.pct(row["osr_share_pct"]),
                                                             count=int(row["counties_in_year"]),
                                                             rank=int(row["osr_rank"]))
    return demonstration.mark(text, is_demo(rows))


def osr_table(osr: pd.DataFrame, county_code: str | None, county_name: str, fiscal_year: str) -> ExportTable:
    """Return own-source revenue by year for a county, or by county for a year (All 47): target, collected, % of
    target, growth, share of all counties', the FIF / A-I-A part where printed and how the row was checked."""
    rows = select(osr, county_code) if county_code else select(osr, None, fiscal_year)
    data = rows[["county_code", "county_name", "fiscal_year", "osr_target_kes", "osr_actual_kes",
                 "osr_performance_pct", "performance_pct_published", "osr_growth_pct", "osr_share_pct", "osr_rank",
                 "ordinary_osr_actual_kes", "fif_aia_actual_kes", "verification", "note", "is_demo"]].copy()
    kes, pct = formatting.kes, formatting.pct
    shown = pd.DataFrame({
        _by(county_code): data["county_name" if county_code is None else "fiscal_year"],
        _("OSR target"): data["osr_target_kes"].map(kes), _("OSR collected"): data["osr_actual_kes"].map(kes),
        _("OSR, % of target"): data["osr_performance_pct"].map(pct),
        _("OSR growth"): [osr_growth(v, y) for v, y in zip(data["osr_growth_pct"], data["fiscal_year"])],
        _("Share of all counties' OSR"): data["osr_share_pct"].map(pct),
        _("FIF / A-I-A collected"): data["fif_aia_actual_kes"].map(kes),
        _("Checked"): [(_(OSR_CHECKS[v]) if v in OSR_CHECKS else "–") + (f" ({n})" if isinstance(n, str) and n
                                                                         else "")
                       for v, n in zip(data["verification"], data["note"])]})
    stem = (file_stem(county_name, _("own-source-revenue")) if county_code
            else file_stem(_("own-source-revenue"), fiscal_year))
    return ExportTable(shown.reset_index(drop=True), data.reset_index(drop=True), stem, citation(rows),
                       is_demo(rows))


def osr_measure_rows(osr: pd.DataFrame, fiscal_year: str) -> pd.DataFrame:
    """Return the year's own-source revenue as % of target in the long form of the county measures (county_code,
    measure, value, flag, source columns), for the Overview map and the 47-county ranking; a row whose printed %
    does not match its amounts is flagged, so it is left off the map's classes and the ranking."""
    rows = osr[osr["fiscal_year"] == fiscal_year]
    return pd.DataFrame({"county_code": rows["county_code"], "measure": "osr_performance_pct",
                         "value": rows["osr_performance_pct"],
                         "flag": rows["verification"].where(rows["verification"] == "single_source_inconsistent"),
                         "source_title": rows["source_title"], "publisher": rows["publisher"],
                         "as_of": rows["as_of"], "is_demo": rows["is_demo"]})


def osr_ranking(osr: pd.DataFrame, counties: pd.DataFrame, fiscal_year: str) -> pd.DataFrame:
    """Return the year's % of target collected for every county, as the 47-county ranking chart reads it
    (county_code, county_name, is_jdp_target, value, flag, source columns)."""
    rows = osr_measure_rows(osr, fiscal_year).drop(columns="measure")
    return counties[["county_code", "county_name", "is_jdp_target"]].merge(rows, on="county_code", how="left")


# Wage bill and pending bills (the county treasury's figures; generated rows until a county loads its own).

def fiscal_measures(fiscal: pd.DataFrame) -> pd.DataFrame:
    """Return metrics.fiscal_measures of the county fiscal rows, with its columns even when there is no row."""
    return metrics.fiscal_measures(fiscal) if len(fiscal) else fiscal.assign(
        osr_performance_pct=None, osr_growth_pct=None, osr_share_pct=None, wage_bill_pct=None, wage_rule_met=None,
        pending_over_1y_pct=None)


def fiscal_table(measures: pd.DataFrame, county_code: str | None, county_name: str,
                 fiscal_year: str) -> ExportTable:
    """Return total revenue, the wage bill and pending bills by year for a county, or by county for a year (All 47);
    `measures` is fiscal_measures(...). Own-source revenue has its own table (osr_table)."""
    rows = select(measures, county_code) if county_code else select(measures, None, fiscal_year)
    data = rows[["county_code", "county_name", "fiscal_year", "total_revenue_kes", "wage_bill_kes", "wage_bill_pct",
                 "pending_bills_kes", "pending_bills_under_1y_kes", "pending_bills_1_2y_kes",
                 "pending_bills_2_3y_kes", "pending_bills_over_3y_kes", "pending_over_1y_pct", "is_demo"]].copy()
    kes, pct = formatting.kes, formatting.pct
    shown = pd.DataFrame({
        _by(county_code): data["county_name" if county_code is None else "fiscal_year"],
        _("Total revenue"): data["total_revenue_kes"].map(kes),
        _("Wage bill"): data["wage_bill_kes"].map(kes), _("Wage bill / total revenue"): data["wage_bill_pct"].map(pct),
        _("Pending bills, 30 June"): data["pending_bills_kes"].map(kes),
        _("Pending bills a year old or more"): data["pending_over_1y_pct"].map(pct)})
    stem = (file_stem(county_name, _("wages-pending-bills")) if county_code
            else file_stem(_("wages-pending-bills"), fiscal_year))
    return ExportTable(shown, data, stem, citation(rows), is_demo(rows))


def pending_sentence(fiscal: pd.DataFrame, county_code: str | None, county_name: str, fiscal_year: str) -> str:
    """Return the stock of pending bills on 30 June and the part a year old or more, in words."""
    rows = select(fiscal, county_code, fiscal_year).dropna(subset=["pending_bills_kes"])
    if rows.empty:
        return _("No pending bills figure for {county} at the end of {year}: none has been loaded.").format(
            county=county_name, year=formatting.fy(fiscal_year))
    stock = rows["pending_bills_kes"].sum()
    older = rows[["pending_bills_1_2y_kes", "pending_bills_2_3y_kes", "pending_bills_over_3y_kes"]].sum().sum()
    over3 = rows["pending_bills_over_3y_kes"].sum()
    who = county_name if county_code else demonstration.coverage(rows["county_code"])
    return demonstration.mark(_("Pending bills of {who} on 30 June {end}: {stock}; {older} a year old or more, "
                                "{over3} more than three years old.").format(
        who=who, end=int(fiscal_year[:4]) + 1, stock=formatting.kes(stock),
        older=formatting.pct(metrics.pct_of(older, stock)), over3=formatting.pct(metrics.pct_of(over3, stock))),
        is_demo(rows))


# Composition: sectors, programmes, tags, ADP.

def sector_table(lines: pd.DataFrame, county_name: str, fiscal_year: str) -> ExportTable:
    """Return the year's budget by sector (lines already selected): approved and spent, development and recurrent."""
    totals = metrics.line_totals(lines, ["sector"]) if len(lines) else pd.DataFrame(
        columns=["sector", *metrics.LINE_AMOUNTS, "approved_kes", "expenditure_kes", "programmes",
                 "funded_programmes", "adp_programmes", "adp_funded_programmes", "development_share_pct",
                 "absorption_pct", "gender_share_pct", "child_share_pct"])
    totals = totals.sort_values("approved_kes", ascending=False)
    whole = totals["approved_kes"].sum()
    totals["share_of_budget_pct"] = [metrics.pct_of(v, whole) for v in totals["approved_kes"]]
    data = totals[["sector", "approved_development_kes", "approved_recurrent_kes", "approved_kes",
                   "share_of_budget_pct", "development_share_pct", "expenditure_development_kes",
                   "expenditure_recurrent_kes", "expenditure_kes", "absorption_pct", "gender_tagged_kes",
                   "gender_share_pct", "child_tagged_kes", "child_share_pct", "programmes", "funded_programmes",
                   "adp_programmes", "adp_funded_programmes", "adp_planned_kes"]].copy()
    data.insert(0, "fiscal_year", fiscal_year)
    data["is_demo"] = is_demo(lines)
    kes, pct = formatting.kes, formatting.pct
    shown = pd.DataFrame({
        _("Sector"): terms(data["sector"]), _("Approved budget"): data["approved_kes"].map(kes),
        _("Share of budget"): data["share_of_budget_pct"].map(pct),
        _("Development share"): data["development_share_pct"].map(pct),
        _("Expenditure"): data["expenditure_kes"].map(kes), _("Absorption"): data["absorption_pct"].map(pct),
        _("Gender-tagged"): data["gender_share_pct"].map(pct), _("Child-tagged"): data["child_share_pct"].map(pct),
        _("ADP programmes funded"): [_("{funded} of {planned}").format(funded=f, planned=p)
                                     for f, p in zip(data["adp_funded_programmes"], data["adp_programmes"])]})
    return ExportTable(shown, data, file_stem(county_name, _("budget-by-sector"), fiscal_year), citation(lines),
                       is_demo(lines))


def programme_table(lines: pd.DataFrame, county_name: str, fiscal_year: str, sector: str) -> ExportTable:
    """Return the programmes of a sector (or of all sectors) in the year, summed over the selected counties."""
    rows = lines if sector == ALL_SECTORS else lines[lines["sector"] == sector]
    totals = metrics.line_totals(rows, ["sector", "programme"]) if len(rows) else pd.DataFrame(
        columns=["sector", "programme", *metrics.LINE_AMOUNTS, "approved_kes", "expenditure_kes", "absorption_pct",
                 "adp_programmes"])
    totals = totals.sort_values(["approved_kes", "adp_planned_kes"], ascending=False)
    data = totals[["sector", "programme", "approved_development_kes", "approved_recurrent_kes", "approved_kes",
                   "expenditure_development_kes", "expenditure_recurrent_kes", "expenditure_kes", "absorption_pct",
                   "gender_tagged_kes", "child_tagged_kes", "adp_programmes", "adp_planned_kes"]].copy()
    data = data.rename(columns={"adp_programmes": "in_adp_counties"})
    data.insert(0, "fiscal_year", fiscal_year)
    data["is_demo"] = is_demo(rows)
    kes = formatting.kes
    shown = pd.DataFrame({
        _("Sector"): terms(data["sector"]), _("Programme"): terms(data["programme"]),
        _("Approved, development"): data["approved_development_kes"].map(kes),
        _("Approved, recurrent"): data["approved_recurrent_kes"].map(kes),
        _("Expenditure"): data["expenditure_kes"].map(kes), _("Absorption"): data["absorption_pct"].map(formatting.pct),
        _("In the ADP"): [_("yes") if n else _("no") for n in data["in_adp_counties"]],
        _("ADP planned"): data["adp_planned_kes"].map(kes),
        _("Funded"): [_("NOT FUNDED") if a == 0 and p > 0 else _("yes") if a > 0 else "–"
                      for a, p in zip(data["approved_kes"], data["adp_planned_kes"].fillna(0))]})
    part = _("all-sectors") if sector == ALL_SECTORS else sector.split(" ")[0].strip(",")
    return ExportTable(shown, data, file_stem(county_name, _("programmes"), part, fiscal_year), citation(rows),
                       is_demo(rows))


@dataclass(frozen=True)
class CompositionCards:
    """The headline figures of the composition: development share, tags, ADP funded."""

    cards: list[presentation.Card]
    unfunded: list[str]  # ADP programmes with no approved budget, 'Sector: programme'


def composition_cards(lines: pd.DataFrame, county_name: str, fiscal_year: str) -> CompositionCards:
    """Return the year's development share, gender and child-tagged shares and ADP programmes funded."""
    source, demo = source_line(lines), is_demo(lines)
    total = metrics.line_totals(lines.assign(all="all"), ["all"]).iloc[0]
    kes, pct = formatting.kes, formatting.pct
    tags_missing = _("Not assessed: no tagged amounts for this year.") if pd.isna(total["gender_tagged_kes"]) \
        else None
    planned = lines[lines["in_adp"].fillna(False).astype(bool)]
    unfunded = planned[(planned["approved_development_kes"] + planned["approved_recurrent_kes"]) == 0]
    funded_planned = planned["adp_planned_kes"].sum() - unfunded["adp_planned_kes"].sum()
    cards = [
        presentation.Card(_("Development share of budget"), pct(total["development_share_pct"]), _(
            "{development} of {approved} approved; development absorption {development_rate}, recurrent "
            "{recurrent_rate}.").format(development=kes(total["approved_development_kes"]),
                                        approved=kes(total["approved_kes"]),
                                        development_rate=pct(total["development_absorption_pct"]),
                                        recurrent_rate=pct(total["recurrent_absorption_pct"])), source, demo),
        presentation.Card(_("Gender-responsive (tagged)"), pct(total["gender_share_pct"]), tags_missing or _(
            "{amount} of the approved budget.").format(amount=kes(total["gender_tagged_kes"])), source, demo),
        presentation.Card(_("Child-inclusive (tagged)"), pct(total["child_share_pct"]), tags_missing or _(
            "{amount} of the approved budget.").format(amount=kes(total["child_tagged_kes"])), source, demo),
        presentation.Card(_("ADP programmes funded"), _("{funded} of {planned}").format(
            funded=len(planned) - len(unfunded), planned=len(planned)), _(
            "ADP planned {planned}; {unfunded} of it for programmes the budget left unfunded (funded ones planned at "
            "{funded}).").format(planned=kes(planned["adp_planned_kes"].sum()),
                                 unfunded=kes(unfunded["adp_planned_kes"].sum()), funded=kes(funded_planned)),
            source, demo),
    ]
    every = county_name in ("All 47 counties", _("All 47 counties"))
    names = [f"{term(s)}: {term(p)}" + (f" ({c})" if every and not demo else "")  # no county named
             for s, p, c in zip(unfunded["sector"], unfunded["programme"], unfunded["county_name"])]
    return CompositionCards(cards, names)


# Budget credibility by composition (PEFA PI-2).

def pi2_scores(lines: pd.DataFrame) -> pd.DataFrame:
    """Return metrics.pefa_pi2_scores of the lines with each county's name, with its columns even with no line."""
    scores = metrics.pefa_pi2_scores(lines) if len(lines) else pd.DataFrame(
        columns=["county_code", "fiscal_year", "variance_pct", "year_band", "pi2_band", "pi2_years"])
    names = lines.drop_duplicates("county_code").set_index("county_code")["county_name"]
    scores.insert(1, "county_name", scores["county_code"].map(names))
    return scores


def pi2_table(scores: pd.DataFrame, lines: pd.DataFrame, county_code: str | None, county_name: str,
              fiscal_year: str) -> ExportTable:
    """Return PI-2 by year for a county, or by county for a year (All 47): variance, yearly band and score
    (`scores` is pi2_scores(lines))."""
    rows = select(scores, county_code) if county_code else select(scores, None, fiscal_year)
    data = rows.assign(is_demo=is_demo(lines)).reset_index(drop=True)
    shown = pd.DataFrame({
        _by(county_code): data["county_name" if county_code is None else "fiscal_year"],
        _("Composition variance"): data["variance_pct"].map(formatting.pct),
        _("Band of the year"): data["year_band"].fillna("–"),
        _("PEFA PI-2, three years to this"): data["pi2_band"].fillna("–")})
    stem = file_stem(county_name, "pefa-pi2") if county_code else file_stem("pefa-pi2", fiscal_year)
    return ExportTable(shown, data, stem, citation(lines), is_demo(lines))


def pi2_card(scores: pd.DataFrame, lines: pd.DataFrame, county_code: str | None, county_name: str,
             fiscal_year: str) -> presentation.Card:
    """Return the PI-2 score of a county over the three years to `fiscal_year`, or the spread over the counties."""
    table = pi2_table(scores, lines, county_code, county_name, fiscal_year).data
    label, source = _("Composition outturn, PEFA PI-2 method"), source_line(lines)
    years = metrics.last_fiscal_years(fiscal_year, metrics.PEFA_PI1_YEARS)
    if county_code:
        row = table[table["fiscal_year"] == fiscal_year]
        if row.empty:
            return presentation.Card(label, "–", _(NO_LINES).format(name=county_name, year=fiscal_year), source)
        band = row["pi2_band"].iloc[0]
        by_year = table.set_index("fiscal_year")["variance_pct"].reindex(years)
        if pd.isna(band):
            missing = _(" and ").join(formatting.fy(y) for y in by_year[by_year.isna()].index)
            return presentation.Card(label, "–", _("Not scored: PI-2 needs the sector lines of {first} to {last}; "
                                                   "none for {missing}.").format(
                first=formatting.fy(years[0]), last=formatting.fy(years[-1]), missing=missing), source, is_demo(lines))
        listed = ", ".join(_("{share} in {year}").format(share=formatting.pct(v), year=formatting.fy(y))
                           for y, v in by_year.items())
        return presentation.Card(label, band, _("Composition variance {years}.").format(years=listed), source,
                                 is_demo(lines))
    bands = table["pi2_band"].dropna().value_counts()
    if bands.empty:
        return presentation.Card(label, "–", _("No county has sector lines for {first} to {last}.").format(
            first=formatting.fy(years[0]), last=formatting.fy(years[-1])), source, is_demo(lines))
    spread = ", ".join(f"{band} {bands.get(band, 0)}" for band in "ABCD")
    return presentation.Card(label, _("{band}: {count} of {total}").format(band=bands.idxmax(), count=bands.max(),
                                                                            total=bands.sum()),
                             _("Counties with sector lines, by score over {first} to {last}: {spread}.").format(
                                 first=formatting.fy(years[0]), last=formatting.fy(years[-1]), spread=spread),
                             source, is_demo(lines))


def counties_without(rows: pd.DataFrame, fiscal_year: str, all_codes: dict[str, str]) -> str | None:
    """Return, in words, how many of the 47 counties have no rows for the year; None when every one has."""
    have = set(select(rows, None, fiscal_year)["county_code"])
    missing = [name for code, name in all_codes.items() if code not in have]
    if not missing:
        return None
    return _("{missing} of the 47 counties have no budget lines or fiscal figures loaded for {year}; figures below "
             "are over the {have} that have. Pick a county in the sidebar to drill down to its sectors and "
             "programmes.").format(missing=len(missing), year=formatting.fy(fiscal_year), have=47 - len(missing))


def _by(county_code: str | None) -> str:
    """The first column of a table: the counties of a year, or a county's years."""
    return _("County") if county_code is None else _("Fiscal year")


def _signed(value: float) -> str:
    return _("{value} %").format(value=f"{value:+.1f}")


def scope(lines: pd.DataFrame, county_code: str | None, county_name: str) -> str:
    """Return what a chart title names: the county, or for All 47 how many counties the lines cover."""
    if county_code:
        return county_name
    return demonstration.coverage(lines["county_code"])


@dataclass(frozen=True)
class Derived:
    """What the budget pages compute once per warehouse version from all lines and fiscal rows."""

    rules: pd.DataFrame  # rule_values
    measures: pd.DataFrame  # fiscal_measures
    pi2: pd.DataFrame  # pi2_scores


def derive(lines: pd.DataFrame, fiscal: pd.DataFrame) -> Derived:
    """Return the rule figures, fiscal measures and PI-2 scores of every county and year."""
    return Derived(rule_values(lines, fiscal), fiscal_measures(fiscal), pi2_scores(lines))


def derived_view(query) -> Derived:
    """Return `derive` of the warehouse's budget lines and county fiscal rows (a view builder for ui.view)."""
    return derive(query("budget_lines"), query("county_fiscal"))
