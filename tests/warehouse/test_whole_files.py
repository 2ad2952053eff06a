"""Whole-file pins: every row of each published file the warehouse carries, re-read with the csv module, compared
with the warehouse row it became (the Controller of Budget's budget execution, the 47 census county totals, their
households and land area, own-source revenue, Kenya's KDHS values and the 517 KDHS 2022 county values), and for
one county-year of each the figure a page shows.

A change that keeps the medians or one pinned county-year but alters any other row fails here, naming the row. The
census file is whole in tests/files/published (tests/test_published_cuts.py proves it equal to the published one),
so its pin runs in a plain clone too; the others need the public source folder (JDP_SOURCES) and skip without it,
except the budget page check, which reads a county-year the cut keeps."""

from __future__ import annotations

import csv
import re
from pathlib import Path

from jdp_analytics.common import formatting
from tests.shown import table_with

COB_FILE = "cob-county-budget/cob_county_budget_absorption_fy2013_14_to_fy2024_25.csv"
CENSUS_FILE = "knbs-census-2019-rKenyaCensus/V1_T2.2.csv"
OSR_FILE = "cob-own-source-revenue/county_osr_target_actual.csv"
KDHS_NATIONAL_FILE = "dhs-kdhs-national/kdhs_national_indicators.csv"
KDHS_SOURCES = {"KE2022DHS": "dhs_kdhs_2022_national", "KE2014DHS": "dhs_kdhs_2014_national"}


def published_rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8-sig") as handle:
        return list(csv.DictReader(handle))


def number(text: str) -> float | None:
    return float(text) if text.strip() else None


def text(value: str) -> str | None:
    return value if value.strip() else None


def differences(published: dict, stored: dict) -> list[str]:
    """Every key missing from the warehouse, every row it has that the file has not, and every row that differs."""
    problems = [f"{key}: published {published[key]}, stored {stored.get(key, 'no row')}" for key in published
                if stored.get(key) != published[key]]
    return problems + [f"{key}: stored {stored[key]}, not in the published file" for key in stored
                       if key not in published]


def test_every_row_of_the_controller_of_budget_file_is_a_warehouse_row(shared_data, reference_warehouse, query):
    rows = published_rows(shared_data / COB_FILE)
    assert len(rows) == 564
    published = {(r["fiscal_year"], r["county_code"]): (
        float(r["budget_total_ksh_mn"]) * 1e6, float(r["expenditure_total_ksh_mn"]) * 1e6,
        float(r["overall_absorption_pct"]), number(r["development_absorption_pct"]), r["rate_method"], text(r["flag"]),
        int(r["source_page"]) if r["source_page"] else None, "cob_cbirr_" + r["fiscal_year"].replace("/", "_"))
        for r in rows}
    stored = {(fy, code): tuple(rest) for fy, code, *rest in query(
        reference_warehouse, "SELECT fiscal_year, county_code, budget_kes, expenditure_kes, absorption_pct, "
                             "development_absorption_pct, rate_method, flag, source_page, source_id "
                             "FROM fact_budget_execution")}
    assert differences(published, stored) == []


def test_every_census_county_total_is_the_warehouse_population_of_its_county(published_cuts, reference_warehouse,
                                                                             query):
    # The cut keeps the table whole: the national row and the 47 counties in the census's (KNBS code) order.
    national, *counties = published_rows(published_cuts / CENSUS_FILE)
    stored = query(reference_warehouse, "SELECT county_code, county_name, population_male_2019, "
                                        "population_female_2019, population_intersex_2019, population_2019 "
                                        "FROM dim_county ORDER BY county_code")
    assert len(counties) == len(stored) == 47
    problems = []
    for row, (code, name, *figures) in zip(counties, stored):
        letters = re.sub(r"[^a-z]", "", row["County"].lower())
        if not letters.startswith(re.sub(r"[^a-z]", "", name.lower())):
            problems.append(f"{code}: the census's row {row['County']!r} is not {name!r}")
        published = [int(float(row[column])) for column in ("Male", "Female", "Intersex", "Total")]
        if published != figures:
            problems.append(f"{code} {name}: published {published}, stored {figures}")
    assert problems == []
    assert national["County"] == "Total"
    assert [int(float(national[c])) for c in ("Male", "Female", "Intersex", "Total")] == [
        sum(figures[i] for _code, _name, *figures in stored) for i in range(4)] == [23_548_056, 24_014_716, 1_524,
                                                                                    47_564_296]


def test_every_row_of_the_own_source_revenue_file_is_a_warehouse_row(shared_data, reference_warehouse, query):
    rows = published_rows(shared_data / OSR_FILE)
    assert len(rows) == 512
    amounts = ["osr_target_kes", "osr_actual_kes", "performance_pct_published", "ordinary_osr_target_kes",
               "fif_aia_target_kes", "ordinary_osr_actual_kes", "fif_aia_actual_kes"]
    published = {(r["fiscal_year"], r["county_code"]): (
        *(number(r[column]) for column in amounts), r["verification"], text(r["note"]),
        "cob_osr_" + r["fiscal_year"].replace("/", "_")) for r in rows}
    stored = {(fy, code): tuple(rest) for fy, code, *rest in query(
        reference_warehouse, f"SELECT fiscal_year, county_code, {', '.join(amounts)}, verification, note, source_id "
                             "FROM fact_own_source_revenue o JOIN source s USING (source_id) WHERE NOT s.is_demo")}
    assert differences(published, stored) == []


def test_every_preferred_kdhs_national_row_is_kenyas_value_in_the_warehouse(shared_data, reference_warehouse, query):
    rows = published_rows(shared_data / KDHS_NATIONAL_FILE)
    assert len(rows) == 33 and {r["country"] for r in rows} == {"Kenya"}
    indicators = {code for (code,) in query(reference_warehouse, "SELECT indicator_code FROM dim_indicator")}
    # Kenya's value is the DHS-preferred row (births in the two years before the survey, as the county rows); an
    # indicator the county file lacks (a postnatal check within two days) is kept out.
    published = {(r["indicator_id"], r["survey_year"]): (
        float(r["value_pct"]), int(r["denominator_unweighted"]), KDHS_SOURCES[r["survey_id"]])
        for r in rows if r["is_preferred"] == "1" and r["indicator_id"] in indicators}
    assert [(r["indicator_id"], r["survey_year"]) for r in rows if r["is_preferred"] == "1"
            and r["indicator_id"] not in indicators] == [("RH_PCMT_W_DY2", "2022")]
    stored = {(code, period): (value, sample_n, source) for code, period, value, sample_n, source in query(
        reference_warehouse, "SELECT indicator_code, period, value, sample_n, source_id FROM "
                             "fact_indicator_observation WHERE geo_code = 'KE' AND source_id IN (?, ?)",
        *KDHS_SOURCES.values())}
    assert len(published) == 20  # 10 indicators, 2022 and 2014
    assert differences(published, stored) == []


# One county-year of each file as a page shows it ---------------------------------------------------------------


def published_row(path: Path, **match: str) -> dict[str, str]:
    [row] = [r for r in published_rows(path) if all(r[k] == v for k, v in match.items())]
    return row


def test_the_budget_page_shows_wajirs_2015_16_budget_and_absorption_as_published(published_cuts, reference, open_app):
    row = published_row(published_cuts / COB_FILE, fiscal_year="2015/16", county_code="008")
    at = open_app("pages/budget.py", county="008", fy="2015/16")
    shown = {m.label: m.value for m in at.metric}
    assert (shown["Budget, FY 2015/16"], shown["Expenditure, FY 2015/16"], shown["Absorption"],
            shown["Development absorption"]) == (
        formatting.kes(float(row["budget_total_ksh_mn"]) * 1e6),
        formatting.kes(float(row["expenditure_total_ksh_mn"]) * 1e6),
        f"{float(row['overall_absorption_pct']):.1f} %", f"{float(row['development_absorption_pct']):.1f} %")


def test_the_overview_shows_samburus_census_population_as_published(published_cuts, reference, open_app):
    row = published_row(published_cuts / CENSUS_FILE, County="Samburu")
    at = open_app(county="025", fy="2023/24")
    assert at.metric[0].label == "Population, 2019 census"
    assert at.metric[0].value == f"{int(float(row['Total'])):,}" == "310,327"


def test_budget_composition_shows_narok_2020_21_own_source_revenue_as_published(shared_data, reference, open_app):
    row = published_row(shared_data / OSR_FILE, fiscal_year="2020/21", county_code="033")
    at = open_app("pages/budget_composition.py", county="033", fy="2020/21")
    table = table_with(at, "OSR target", "OSR collected")
    shown = table[table["Fiscal year"] == "2020/21"].iloc[0]
    target, actual = float(row["osr_target_kes"]), float(row["osr_actual_kes"])
    assert (shown["OSR target"], shown["OSR collected"], shown["OSR, % of target"]) == (
        formatting.kes(target), formatting.kes(actual), f"{100 * actual / target:.1f} %")


def test_the_sdg_explorer_shows_kenyas_2022_dpt3_coverage_as_published(shared_data, reference, open_app):
    row = published_row(shared_data / KDHS_NATIONAL_FILE, survey_id="KE2022DHS", indicator_id="CH_VACC_C_DP3",
                        is_preferred="1")
    at = open_app("pages/sdg_explorer.py", indicator="CH_VACC_C_DP3", county="015")
    assert f"Kenya {float(row['value_pct']):.1f} % in 2022" in at.caption[0].value


HOUSEHOLDS_FILE = "knbs-census-2019-rKenyaCensus/V2_T2.2.csv"
KDHS_COUNTY_FILE = "kdhs2022-swahili-health-mcp/kdhs2022_county_indicators_long.csv"


def test_every_census_household_and_land_area_row_is_the_warehouse_row_of_its_county(shared_data, reference_warehouse,
                                                                                    query):
    from jdp_analytics.geography.names import county_code

    kenya, *rows = published_rows(shared_data / HOUSEHOLDS_FILE)
    assert kenya["County"] == "KENYA" and len(rows) == 47
    published = {county_code(r["County"]): (int(float(r["Households_Total"])), float(r["LandArea(Sq km)"]),
                                            int(float(r["Sex_Total"]))) for r in rows}
    stored = {code: (households, area, population) for code, households, area, population in query(
        reference_warehouse, "SELECT county_code, households_2019, area_km2, population_2019 FROM dim_county")}
    assert differences(published, stored) == []
    assert sum(h for h, _, _ in stored.values()) == int(float(kenya["Households_Total"]))  # 12,143,913


def test_every_kdhs_2022_county_value_is_the_warehouse_value(shared_data, reference_warehouse, query):
    from jdp_analytics.geography.names import county_code

    rows = published_rows(shared_data / KDHS_COUNTY_FILE)
    assert len(rows) == 517  # 47 counties × 11 indicators
    published = {(r["indicator_id"], county_code(r["county"])): (float(r["value"]), int(r["n"]) if r["n"] else None)
                 for r in rows}
    stored = {(code, county): (value, n) for code, county, value, n in query(
        reference_warehouse, "SELECT indicator_code, county_code, value, sample_n FROM fact_indicator "
                             "WHERE source_id = 'dhs_kdhs_2022'")}
    assert differences(published, stored) == []
