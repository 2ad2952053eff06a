"""SDG observations: an Open SDG data file and the project template load through the one validated path."""

from __future__ import annotations

from datetime import date

import pytest

from jdp_analytics.sdg import observations
from jdp_analytics.warehouse import loader
from jdp_analytics.warehouse.schema import ValidationError

SOURCE = loader.DeclaredSource("Kenya National Bureau of Statistics", "Kenya SDG platform, indicator 5.5.1",
                               "CC BY 4.0", date(2023, 6, 30))

# The Open SDG layout (open-sdg.org data files): Year, disaggregation columns, GeoCode, Value; a row with every
# disaggregation empty is the headline series (here: Kenya as a whole).
OPEN_SDG_FILE = (
    b"Year,Series,County,Sex,Observation status,Value\n"
    b"2017,Seats held by women in local government,,,,32.9\n"
    b"2022,Seats held by women in local government,,,,33.6\n"
    b"2017,Seats held by women in local government,Kwale,,,27.1\n"
    b"2022,Seats held by women in local government,Kwale,,Provisional,34.0\n"
    b"2022,Seats held by women in local government,Homabay,,,36.2\n"
)


def test_the_indicator_code_is_read_from_an_open_sdg_file_name():
    assert observations.indicator_of_file("indicator_5-5-1.csv") == "5.5.1"
    assert observations.indicator_of_file("data/indicator_16-7-1.csv") == "16.7.1"
    assert observations.indicator_of_file("indicator_5-b-1.csv") == "5.b.1"
    assert observations.indicator_of_file("women_seats.csv") is None


def test_an_open_sdg_file_loads_unchanged_with_its_headline_as_kenya_and_its_counties_resolved(warehouse, app_rows):
    preview = loader.prepare(OPEN_SDG_FILE, "indicator_5-5-1.csv", "open_sdg", warehouse)
    assert preview.rows_added == 5 and preview.rows_replaced == 0
    loader.load(preview, warehouse, SOURCE, "tester")
    series = "Series: Seats held by women in local government"  # one series in the file: a note, not a breakdown
    assert app_rows(warehouse, "SELECT geo_code, county_code, period, sex, other_disaggregation, value, note "
                               "FROM fact_indicator_observation WHERE indicator_code = '5.5.1' "
                               "ORDER BY geo_code, period") == [
        ("002", "002", "2017", "all", "all", 27.1, series),
        ("002", "002", "2022", "all", "all", 34.0, f"Provisional; {series}"),
        ("043", "043", "2022", "all", "all", 36.2, series),
        ("KE", None, "2017", "all", "all", 32.9, series),
        ("KE", None, "2022", "all", "all", 33.6, series)]


def test_an_open_sdg_file_with_two_series_keeps_them_apart_as_a_breakdown(warehouse):
    data = (b"Year,Series,Value\n2022,County assembly members,33.6\n2022,County executive committee members,"
            b"38.0\n")
    preview = loader.prepare(data, "indicator_5-5-1.csv", "open_sdg", warehouse, geography="KE")
    assert sorted(preview.rows["other_disaggregation"]) == ["Series=County assembly members",
                                                            "Series=County executive committee members"]


def test_an_open_sdg_file_without_an_indicator_in_its_name_is_refused_with_how_to_name_it(warehouse):
    with pytest.raises(ValidationError) as caught:
        loader.prepare(OPEN_SDG_FILE, "women.csv", "open_sdg", warehouse)
    assert [(p.column, p.message) for p in caught.value.problems] == [
        ("(file name)", "the file name does not say which indicator it holds.")]
    assert "indicator_5-5-1.csv" in caught.value.problems[0].fix


def test_an_open_sdg_file_of_an_indicator_not_in_the_catalogue_names_the_row_and_the_catalogue(warehouse):
    with pytest.raises(ValidationError) as caught:
        loader.prepare(b"Year,Value\n2020,4.5\n", "indicator_9-9-9.csv", "open_sdg", warehouse, geography="KE")
    assert [(p.row, p.column, p.value, p.message) for p in caught.value.problems] == [
        (2, "indicator_code", "9.9.9", "the value is not in dim_indicator.indicator_code.")]


def test_an_unknown_county_in_an_open_sdg_file_is_one_problem_with_close_names(warehouse):
    data = b"Year,County,Value\n2022,Homa Bey,36.2\n2022,,33.6\n"
    with pytest.raises(ValidationError) as caught:
        loader.prepare(data, "indicator_5-5-1.csv", "open_sdg", warehouse)
    assert [(p.row, p.column, p.value) for p in caught.value.problems] == [(2, "county", "Homa Bey")]
    assert "Homa Bay" in caught.value.problems[0].fix


def test_a_template_row_with_empty_breakdowns_is_a_county_value_of_all_groups(warehouse, app_rows):
    template = loader.template("indicator_observations")
    assert list(template.columns) == ["indicator_code", "county", "ward", "period", "sex", "age_group", "disability",
                                      "residence", "other_disaggregation", "value", "sample_n", "note"]
    data = (b"indicator_code,county,period,Sex,value\n"
            b"CEN_INTERNET_USE,Kwale,2024,,18.5\n"
            b"CEN_INTERNET_USE,Kwale,2024,Female,16.0\n")
    preview = loader.prepare(data, "kwale_internet.csv", "indicator_observations", warehouse)
    loader.load(preview, warehouse, SOURCE, "tester")
    assert app_rows(warehouse, "SELECT geo_code, sex, age_group, disability, residence, value "
                               "FROM fact_indicator_observation "
                               "WHERE indicator_code = 'CEN_INTERNET_USE' AND period = '2024' "
                               "ORDER BY sex") == [("002", "all", "all", "all", "all", 18.5),
                                                   ("002", "female", "all", "all", "all", 16.0)]


def test_a_county_target_loads_from_its_template(warehouse, app_rows):
    preview = loader.prepare(b"indicator_code,geo_code,target_year,target_value,basis\n"
                             b"CEN_WATER_IMPROVED,002,2027,85,Kwale CIDP 2023-2027\n",
                             "targets.csv", "indicator_targets", warehouse)
    loader.load(preview, warehouse, SOURCE, "tester")
    assert app_rows(warehouse, "SELECT target_value, basis FROM fact_indicator_target WHERE geo_code = '002'") == [
        (85.0, "Kwale CIDP 2023-2027")]


def test_a_county_indicator_added_to_the_catalogue_can_then_take_observations(warehouse, app_rows):
    template = loader.template("indicator_catalogue")
    assert list(template.columns)[:3] == ["indicator_code", "indicator_name", "unit"]
    catalogue = (b"indicator_code,indicator_name,unit,higher_is_better,sdg_goal,sdg_target,sdg_indicator,"
                 b"sdg_correspondence,code_scheme\n"
                 b"KWL_WARD_FORUMS,Wards that held a budget forum,percent,yes,16,16.7,16.7.2,proxy,county\n")
    loader.load(loader.prepare(catalogue, "catalogue.csv", "indicator_catalogue", warehouse), warehouse, SOURCE,
                "tester")
    values = b"indicator_code,county,period,value\nKWL_WARD_FORUMS,Kwale,2024/25,85.0\n"
    loader.load(loader.prepare(values, "forums.csv", "indicator_observations", warehouse), warehouse, SOURCE,
                "tester")
    assert app_rows(warehouse, "SELECT i.sdg_indicator, o.geo_code, o.period, o.value "
                               "FROM fact_indicator_observation o JOIN dim_indicator i USING (indicator_code) "
                               "WHERE indicator_code = 'KWL_WARD_FORUMS'") == [
        ("16.7.2", "002", "2024/25", 85.0)]


def test_a_catalogue_row_with_a_malformed_un_code_is_refused_with_the_expected_form(warehouse):
    data = b"indicator_code,indicator_name,unit,sdg_indicator\nX1,Something,percent,16-7-2\n"
    with pytest.raises(ValidationError) as caught:
        loader.prepare(data, "catalogue.csv", "indicator_catalogue", warehouse)
    assert [(p.row, p.column, p.value, p.fix) for p in caught.value.problems] == [
        (2, "sdg_indicator", "16-7-2", "write goal.target.indicator, e.g. 5.5.1.")]


# Issue 31, item 3: a file whose geography column is blank on every row (another country's headline figures, e.g.
# Rwanda's 16.7.2) is not Kenya's by default: it needs --geography, as a file without the column does.
RWANDA_16_7_2 = (b"Year,Geography,Sex,Value\n"
                 b"2021,,,61.2\n"
                 b"2021,,Female,58.9\n"
                 b"2021,,Male,63.4\n")


def test_an_open_sdg_file_whose_geography_is_blank_on_every_row_is_refused_without_a_declared_geography(
        warehouse, app_rows):
    before = warehouse.read_bytes()
    with pytest.raises(ValidationError) as caught:
        loader.prepare(RWANDA_16_7_2, "indicator_16-7-2.csv", "open_sdg", warehouse)
    assert [str(p) for p in caught.value.problems] == [
        "indicator_16-7-2.csv, column 'Geography', value '': column Geography names no place on any row (every cell "
        "is empty, or says only national or total): the file does not say where its figures are for. Fix: declare "
        "the geography: --geography KE if the figures are Kenya's as a whole or --geography 002 for a county (on the "
        "Upload page: 'Where are the figures for?'); or fill the column with the county of each row."]
    assert warehouse.read_bytes() == before


def test_a_geography_column_saying_only_total_is_refused_as_a_blank_one(warehouse):
    with pytest.raises(ValidationError) as caught:
        loader.prepare(b"Year,County,Value\n2021,Total,61.2\n2021,,58.9\n", "indicator_16-7-2.csv", "open_sdg",
                       warehouse)
    assert [(p.column, p.value) for p in caught.value.problems] == [("County", "Total")]


def test_a_blank_geography_declared_as_kenya_loads_as_kenya(warehouse):
    preview = loader.prepare(RWANDA_16_7_2, "indicator_16-7-2.csv", "open_sdg", warehouse, geography="KE")
    assert preview.rows[["geo_code", "sex"]].values.tolist() == [["KE", "all"], ["KE", "female"], ["KE", "male"]]


def test_a_file_naming_kenya_in_its_geography_column_needs_no_declaration(warehouse):
    preview = loader.prepare(b"Year,Reference area,Value\n2021,Kenya,61.2\n", "indicator_16-7-2.csv", "open_sdg",
                             warehouse)
    assert preview.rows["geo_code"].tolist() == ["KE"]
