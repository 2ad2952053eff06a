"""The warehouse build: the figures a user checks, from the reference set and from the public sources,
and a failed build that names the file, row and problem while leaving the previous warehouse untouched."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from jdp_analytics.warehouse.catalog import TABLES
from jdp_analytics.warehouse.paths import ROOT

COB_FILE = "cob-county-budget/cob_county_budget_absorption_fy2013_14_to_fy2024_25.csv"
CENSUS_FILE = "knbs-census-2019-rKenyaCensus/V1_T2.2.csv"
TABLES_WITH_SOURCE = [name for name, table in TABLES.items() if "source_id" in table.column_names and name != "source"]
STOPPED = "error: The build stopped and the previous warehouse was left as it was: "


# Built with no sources: the committed reference set plus the installed kenya-data package.

def test_the_reference_build_has_the_47_counties_in_knbs_order(reference_warehouse, query):
    rows = query(reference_warehouse, "SELECT county_code, county_name FROM dim_county ORDER BY county_code")
    assert len(rows) == 47
    assert (rows[0], rows[1], rows[42], rows[46]) == (("001", "Mombasa"), ("002", "Kwale"), ("043", "Homa Bay"),
                                                      ("047", "Nairobi"))


def test_the_reference_build_marks_the_eight_jdp_target_counties(reference_warehouse, query):
    assert query(reference_warehouse, "SELECT list(county_name ORDER BY county_code) FROM dim_county "
                                      "WHERE is_jdp_target") == [
        (["Kwale", "Wajir", "Embu", "Kitui", "West Pokot", "Samburu", "Narok", "Homa Bay"],)]


def test_kwale_absorbed_66_7_percent_of_its_budget_in_2013_14(reference_warehouse, query):
    assert query(reference_warehouse,
                 "SELECT budget_kes, expenditure_kes, absorption_pct, development_absorption_pct, source_page, "
                 "source_id FROM fact_budget_execution WHERE county_code = ? AND fiscal_year = ?",
                 "002", "2013/14") == [(4_391_400_000.0, 2_929_300_000.0, 66.7, 56.9, 225, "cob_cbirr_2013_14")]


def test_the_budget_table_has_47_counties_for_each_of_12_fiscal_years(reference_warehouse, query):
    assert query(reference_warehouse, "SELECT count(*), count(DISTINCT county_code), min(fiscal_year), "
                                      "max(fiscal_year) FROM fact_budget_execution") == [
        (564, 47, "2013/14", "2024/25")]


def test_the_census_counts_47_564_296_people_in_2019(reference_warehouse, query):
    assert query(reference_warehouse, "SELECT sum(population_2019), sum(population_male_2019), "
                                      "sum(population_female_2019), sum(population_intersex_2019) "
                                      "FROM dim_county") == [(47_564_296, 23_548_056, 24_014_716, 1_524)]


def test_homa_bay_has_its_2019_census_population_households_and_area(reference_warehouse, query):
    assert query(reference_warehouse, "SELECT population_2019, households_2019, area_km2 FROM dim_county "
                                      "WHERE county_code = '043'") == [(1_131_950, 262_036, 3153.0)]


def test_the_reference_build_has_a_boundary_for_each_of_the_47_counties(reference_warehouse, query):
    assert query(reference_warehouse, "SELECT count(*), count(DISTINCT county_code) FROM geo_county") == [(47, 47)]


def test_the_reference_build_has_the_ward_list_but_no_ward_boundaries(reference_warehouse, query):
    assert query(reference_warehouse, "SELECT (SELECT count(*) FROM dim_ward), (SELECT count(*) FROM geo_ward), "
                                      "(SELECT value FROM build_info WHERE key = 'has_ward_boundaries')") == [
        (1450, 0, "false")]


def test_the_demonstration_sources_of_the_reference_build_are_the_generated_ones_and_say_so(
        reference_warehouse, query):
    demo = query(reference_warehouse, "SELECT source_id, title, publisher FROM source WHERE is_demo ORDER BY 1")
    assert {"demo_budget_documents", "demo_county_budget", "demo_facility_feedback",
            "demo_participation_events", "demo_results_framework"} <= {r[0] for r in demo}
    assert all(r[0].startswith("demo_") and "generated, not real" in r[1] and "(generated)" in r[2] for r in demo)
    assert query(reference_warehouse, "SELECT count(*) FROM source WHERE NOT is_demo AND source_id LIKE 'demo%'") == [
        (0,)]


@pytest.mark.parametrize("table", TABLES_WITH_SOURCE)
def test_every_row_of_the_reference_build_names_a_source_that_exists(reference_warehouse, query, table):
    assert query(reference_warehouse, f"SELECT DISTINCT t.source_id FROM {table} t "
                                      "LEFT JOIN source s USING (source_id) WHERE s.source_id IS NULL") == []


# Built from the public sources folder (in a plain clone, `full_warehouse` is the reference build with Homa Bay's test
# wards loaded: a test of the build from the published files asks for `shared_data` as well, and skips without it).

def test_the_full_build_has_47_counties_1450_wards_and_1435_ward_boundaries(shared_data, full_warehouse, query):
    assert query(full_warehouse, "SELECT (SELECT count(*) FROM dim_county), (SELECT count(*) FROM dim_ward), "
                                 "(SELECT count(*) FROM geo_ward), (SELECT count(*) FROM dim_constituency)") == [
        (47, 1450, 1435, 290)]


def test_the_full_build_has_ward_boundaries_for_the_target_counties_as_documented(shared_data, full_warehouse,
                                                                                   query):
    rows = query(full_warehouse, "SELECT d.county_code, count(*) FROM geo_ward g JOIN dim_ward d USING (ward_code) "
                                 "JOIN dim_county c USING (county_code) WHERE c.is_jdp_target "
                                 "GROUP BY 1 ORDER BY 1")
    assert rows == [("002", 19), ("008", 30), ("014", 20), ("015", 40), ("024", 19), ("025", 15), ("033", 30),
                    ("043", 40)]


def test_the_full_build_records_the_ward_boundary_source_as_real_and_only_generated_sources_as_demo(
        shared_data, full_warehouse, query):
    assert query(full_warehouse, "SELECT is_demo FROM source WHERE source_id = 'iebc_wards_2012'") == [(False,)]
    assert query(full_warehouse, "SELECT count(*) FROM source WHERE is_demo <> (source_id LIKE 'demo_%')") == [(0,)]


@pytest.mark.parametrize("table", TABLES_WITH_SOURCE)
def test_every_row_of_the_full_build_names_a_source_that_exists(full_warehouse, query, table):
    assert query(full_warehouse, f"SELECT DISTINCT t.source_id FROM {table} t "
                                 "LEFT JOIN source s USING (source_id) WHERE s.source_id IS NULL") == []


SAME_IN_BOTH_BUILDS = ["fact_budget_execution", "dim_county", "fact_indicator", "dim_indicator", "geo_county",
                       "dim_constituency", "dim_ward", "dim_subcounty_population", "fact_county_population_group",
                       "fact_budget_transparency_score", "fact_participation_event", "fact_budget_line",
                       "fact_county_fiscal", "fact_indicator_observation", "fact_indicator_target",
                       "fact_facility_feedback", "fact_budget_document", "dim_result", "dim_result_indicator",
                       "fact_result_target", "fact_result_actual", "fact_programme_finance", "fact_ta_contract"]


def test_the_full_build_has_the_same_tables_as_the_reference_build(shared_data, reference_warehouse, full_warehouse,
                                                                   read_table):
    # One test over the 23 tables, naming every table that differs: it compares the whole published folder.
    differ = {}
    for table in SAME_IN_BOTH_BUILDS:
        try:
            pd.testing.assert_frame_equal(read_table(full_warehouse, table), read_table(reference_warehouse, table))
        except AssertionError as difference:
            differ[table] = str(difference)
    assert differ == {}, "\n\n".join(f"{table}: {difference}" for table, difference in differ.items())


# A build from broken sources: exit 1, one line naming file, row and problem, previous warehouse untouched. The
# sources are the cuts in tests/files/published (the build stops at the broken file before it needs another).

def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def replace_on_line(path: Path, line: int, old: str, new: str) -> None:
    """Replace text on one line (1-based) of a published CSV, failing loudly if the text is not there."""
    lines = path.read_text(encoding="utf-8").split("\n")
    assert old in lines[line - 1], f"{old!r} is not on line {line} of {path}: {lines[line - 1]!r}"
    lines[line - 1] = lines[line - 1].replace(old, new, 1)
    path.write_text("\n".join(lines), encoding="utf-8")


def truncate_cob_mid_row(sources: Path) -> None:
    """Cut the CoB file in the middle of line 100 ('2015/16,005,Lamu,3180,...'), as an interrupted download does."""
    path = sources / COB_FILE
    lines = path.read_text(encoding="utf-8").split("\n")
    assert lines[99].startswith("2015/16,005,Lamu,")
    path.write_text("\n".join(lines[:99]) + "\n" + lines[99][:len("2015/16,005,La")], encoding="utf-8")


def rename_census_female_column(sources: Path) -> None:
    replace_on_line(sources / CENSUS_FILE, 1, "County,Male,Female,", "County,Male,Females,")


def rename_kwale_to_atlantis(sources: Path) -> None:
    replace_on_line(sources / COB_FILE, 3, "2013/14,002,Kwale,", "2013/14,002,Atlantis,")


def write_words_in_kwale_budget(sources: Path) -> None:
    replace_on_line(sources / COB_FILE, 3, ",Kwale,4391.4,", ",Kwale,4391.4 mn,")


def write_words_in_kwale_census_males(sources: Path) -> None:
    # Line 2 of V1_T2.2.csv is the national 'Total' row, so Kwale is on line 4.
    replace_on_line(sources / CENSUS_FILE, 4, "Kwale,425121.0,", "Kwale,425 121 persons,")


BROKEN_SOURCES = [
    pytest.param(truncate_cob_mid_row,
                 "{sources}/" + COB_FILE + ", row 100: 3 fields where the header has 11; the file looks truncated "
                 "or corrupt. Restore the published file.", id="CoB CSV truncated mid-row"),
    pytest.param(rename_census_female_column,
                 "{sources}/" + CENSUS_FILE + ", row 1 (header): the column(s) Female are missing; the header is "
                 "County, Male, Females, Intersex, Total. Use the file in its published layout.",
                 id="census column renamed"),
    pytest.param(rename_kwale_to_atlantis,
                 "{sources}/" + COB_FILE + ", row 3, column 'county_name': Unknown county name 'Atlantis'. "
                 "Closest known names: Nandi, Kisii, Trans Nzoia.", id="CoB county named Atlantis"),
    pytest.param(write_words_in_kwale_budget,
                 "{sources}/" + COB_FILE + ", row 3, column 'budget_total_ksh_mn': '4391.4 mn' is not a number. "
                 "Restore the published file.", id="CoB budget with words"),
    pytest.param(write_words_in_kwale_census_males,
                 "{sources}/" + CENSUS_FILE + ", row 4, column 'Male': '425 121 persons' is not a number. "
                 "Restore the published file.", id="census count with words below the national row"),
]


@pytest.mark.parametrize(("break_sources", "error"), BROKEN_SOURCES)
def test_a_build_from_broken_sources_exits_1_naming_the_problem_and_keeps_the_old_warehouse(
        tmp_path, published_cuts, reference_warehouse, break_sources, error):
    sources = tmp_path / "sources"
    shutil.copytree(published_cuts, sources)
    break_sources(sources)
    out = tmp_path / "warehouse" / "jdp.duckdb"
    out.parent.mkdir()
    shutil.copyfile(reference_warehouse, out)
    before = sha256(out)

    result = subprocess.run([sys.executable, "-m", "jdp_analytics", "build", "--sources", str(sources),
                             "--out", str(out)], cwd=ROOT, capture_output=True, text=True, timeout=120)

    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines()[-1] == STOPPED + error.format(sources=sources)
    assert sha256(out) == before
    assert sorted(p.name for p in out.parent.iterdir()) == ["jdp.duckdb"]  # no half-built file left beside it


def test_an_older_warehouse_gains_the_new_tables_with_their_rows_and_keeps_its_own(reference_warehouse, tmp_path,
                                                                                   query):
    import duckdb

    from jdp_analytics.warehouse.build import ensure_warehouse
    from jdp_analytics.warehouse.queries import forget

    old = tmp_path / "jdp.duckdb"
    shutil.copyfile(reference_warehouse, old)
    con = duckdb.connect(str(old))
    con.execute("DROP TABLE fact_facility_feedback")
    con.execute("DROP TABLE fact_budget_document")
    con.execute("DELETE FROM source WHERE source_id IN ('demo_facility_feedback', 'demo_budget_documents')")
    con.execute("DELETE FROM fact_participation_event WHERE event_id = 'DEMO-002-0001'")  # a change of its own
    con.execute("UPDATE build_info SET value = 'older' WHERE key = 'schema_version'")
    con.close()
    ensure_warehouse(old)
    forget(old)
    assert query(old, "SELECT count(*) FROM fact_facility_feedback") == [(1216,)]
    assert query(old, "SELECT count(*) FROM fact_budget_document") == [(144,)]
    assert query(old, "SELECT list(source_id ORDER BY source_id) FROM source WHERE source_id IN "
                      "('demo_facility_feedback', 'demo_budget_documents') AND is_demo") == [
        (["demo_budget_documents", "demo_facility_feedback"],)]
    assert query(old, "SELECT count(*) FROM fact_participation_event") == [(1613,)]


def test_a_fresh_build_records_its_schema_version_so_opening_it_changes_nothing(reference_warehouse, tmp_path):
    from jdp_analytics.warehouse.build import ensure_warehouse

    copy = tmp_path / "jdp.duckdb"
    shutil.copyfile(reference_warehouse, copy)
    before = copy.read_bytes()
    ensure_warehouse(copy)
    assert copy.read_bytes() == before


def test_a_first_start_builds_the_published_rows_then_adds_the_generated_ones_to_equal_a_full_build(
        reference_warehouse, tmp_path, query):
    from jdp_analytics.warehouse import catalog
    from jdp_analytics.warehouse.build import DEMO_ROWS, add_demonstration, ensure_warehouse
    from jdp_analytics.warehouse.queries import forget

    quick = tmp_path / "jdp.duckdb"
    ensure_warehouse(quick, demo=False)
    assert query(quick, "SELECT count(*) FROM fact_budget_execution") == [(564,)]  # the CoB's figures at once
    assert query(quick, "SELECT count(*) FROM fact_proposal") == [(0,)]
    assert query(quick, "SELECT count(*) FROM source WHERE is_demo") == [(0,)]
    assert query(quick, "SELECT value FROM build_info WHERE key = ?", DEMO_ROWS) == [("false",)]
    added = add_demonstration(quick)
    forget(quick)
    assert added["fact_proposal"] == 36439 and added["source"] == 8  # one demonstration source per generator
    for name in catalog.TABLES:  # every table now holds what a full build holds, row for row
        rows = f"SELECT * FROM {name} ORDER BY ALL"
        assert query(quick, rows) == query(reference_warehouse, rows), name
    assert query(quick, "SELECT value FROM build_info WHERE key = ?", DEMO_ROWS) == [("true",)]
    assert add_demonstration(quick) == {}  # once only
