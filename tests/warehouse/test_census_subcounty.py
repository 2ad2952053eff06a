"""2019 census denominators below the county: sub-county population by sex and youth, county youth and
disability counts. Figures hand-checked against the rKenyaCensus CSVs (V1_T2.5, V3_T2.3, V4_T2.26)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from jdp_analytics.warehouse.sources import SourceError, census_subcounty

SUBCOUNTY_SQL = ("SELECT population_total, population_male, population_female, population_intersex, "
                 "youth_18_34_total, youth_18_34_male, youth_18_34_female, is_special_area, source_id "
                 "FROM dim_subcounty_population WHERE county_code = ? AND subcounty_name = ?")
GROUPS_SQL = ("SELECT population_group, sex, persons FROM fact_county_population_group WHERE county_code = ? "
              "ORDER BY population_group, sex")


def test_youth_are_the_single_year_ages_18_to_34():
    assert census_subcounty.YOUTH_AGES == tuple(range(18, 35))


def test_kinango_in_kwale_has_94_220_people_and_21_313_aged_18_to_34(reference_warehouse, query):
    # V1_T2.5: 'Kwale County,Kinango,SubCounty,45413.0,48806.0,1.0,94220.0'; V3_T2.3: KWALE, KINANGO, ages 18..34.
    assert query(reference_warehouse, SUBCOUNTY_SQL, "002", "Kinango") == [
        (94_220, 45_413, 48_806, 1, 21_313, 9_190, 12_123, False, "knbs_census_2019_subcounty")]


def test_ndhiwa_in_homa_bay_has_218_136_people_and_54_267_aged_18_to_34(reference_warehouse, query):
    assert query(reference_warehouse, SUBCOUNTY_SQL, "043", "Ndhiwa") == [
        (218_136, 103_706, 114_422, 8, 54_267, 23_962, 30_305, False, "knbs_census_2019_subcounty")]


def test_kwale_counts_225_968_youth_and_12_152_persons_with_disabilities(reference_warehouse, query):
    assert query(reference_warehouse, GROUPS_SQL, "002") == [
        ("aged_18_plus", "female", 220_018), ("aged_18_plus", "male", 198_377), ("aged_18_plus", "total", 418_395),
        ("aged_5_plus", "female", 373_559), ("aged_5_plus", "male", 355_194), ("aged_5_plus", "total", 728_767),
        ("pwd_aged_5_plus", "female", 6_430), ("pwd_aged_5_plus", "male", 5_722), ("pwd_aged_5_plus", "total", 12_152),
        ("youth_18_34", "female", 122_121), ("youth_18_34", "male", 103_847), ("youth_18_34", "total", 225_968)]


def test_homa_bay_counts_292_209_youth_and_42_181_persons_with_disabilities(reference_warehouse, query):
    assert query(reference_warehouse, GROUPS_SQL, "043") == [
        ("aged_18_plus", "female", 295_738), ("aged_18_plus", "male", 241_814), ("aged_18_plus", "total", 537_552),
        ("aged_5_plus", "female", 512_195), ("aged_5_plus", "male", 458_186), ("aged_5_plus", "total", 970_400),
        ("pwd_aged_5_plus", "female", 25_130), ("pwd_aged_5_plus", "male", 17_050),
        ("pwd_aged_5_plus", "total", 42_181),
        ("youth_18_34", "female", 161_128), ("youth_18_34", "male", 131_081), ("youth_18_34", "total", 292_209)]


def test_the_sub_counties_keep_their_published_names_and_the_12_special_areas(reference_warehouse, query):
    assert query(reference_warehouse, "SELECT list(subcounty_name ORDER BY subcounty_name) FROM "
                                      "dim_subcounty_population WHERE county_code = '002'") == [
        (["Kinango", "Lungalunga", "Matuga", "Msambweni", "Samburu-Kwale"],)]
    assert query(reference_warehouse, "SELECT count(*), count(*) FILTER (WHERE is_special_area), "
                                      "count(DISTINCT county_code) FROM dim_subcounty_population") == [(345, 12, 47)]


def test_the_sub_counties_of_every_county_add_up_to_its_census_population(reference_warehouse, query):
    assert query(reference_warehouse, "SELECT county_code FROM (SELECT county_code, sum(population_total) AS people "
                                      "FROM dim_subcounty_population GROUP BY 1) JOIN dim_county USING (county_code) "
                                      "WHERE people <> population_2019") == []


def test_the_sub_county_youth_add_up_to_the_county_youth(reference_warehouse, query):
    assert query(reference_warehouse, "SELECT count(*) FROM (SELECT county_code, sum(youth_18_34_total) AS youth "
                                      "FROM dim_subcounty_population GROUP BY 1) s JOIN fact_county_population_group g "
                                      "ON g.county_code = s.county_code AND population_group = 'youth_18_34' "
                                      "AND sex = 'total' WHERE youth = persons") == [(47,)]


def test_a_sub_county_missing_from_the_age_table_stops_the_derivation_naming_it(tmp_path, published_cuts):
    folder = tmp_path / census_subcounty.FOLDER  # Kwale's rows: the derivation stops before it counts the 47 counties
    shutil.copytree(published_cuts / census_subcounty.FOLDER, folder)
    ages = folder / "V3_T2.3.csv"
    ages.write_text(ages.read_text(encoding="utf-8").replace("KWALE,KINANGO,", "KWALE,KINANGOO,"), encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        census_subcounty.derive(tmp_path)
    assert str(caught.value) == (f"{Path(tmp_path) / census_subcounty.AGE_FILE}: no single-year ages for sub-county "
                                 "'Kinango' of county 002 as named in knbs-census-2019-rKenyaCensus/V1_T2.5.csv. "
                                 "Restore the published files.")
