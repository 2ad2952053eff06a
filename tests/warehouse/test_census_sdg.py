"""Census-derived SDG proxies equal values computed by hand from the published tables (their rows for Kenya, Wajir and
Homa Bay, cut into tests/files/published), and the reference set equals a derivation from the whole tables."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from jdp_analytics.warehouse import reference
from jdp_analytics.warehouse.sources import census_sdg

CENSUS = "knbs-census-2019-rKenyaCensus"


def published_row(sources: Path, table: str, county: str) -> dict[str, str]:
    """The county row of a published census table, read with the csv module (not the deriver's reader)."""
    with (sources / CENSUS / table).open(newline="", encoding="utf-8") as handle:
        return next(r for r in csv.DictReader(handle) if r["County"] == county and r["AdminArea"] == "County")


def derivation(sources: Path) -> dict[tuple, float]:
    frame = census_sdg.derive(sources)["census2019_sdg_indicators"]
    return {(r.indicator_code, r.geo_code, r.sex, r.residence): float(r.value) for r in frame.itertuples()}


@pytest.fixture(scope="module")
def derived(published_cuts):
    """The derivation from the published rows of Kenya, rural and urban Kenya, Wajir and Homa Bay."""
    return derivation(published_cuts)


@pytest.fixture(scope="module")
def derived_from_whole_tables(shared_data):
    return derivation(shared_data)


@pytest.mark.parametrize("county, code", [("WAJIR", "008"), ("HOMA BAY", "043")])
def test_improved_water_is_the_sum_of_the_improved_source_percentages(published_cuts, derived, county, code):
    row = published_row(published_cuts, "V4_T2.15.csv", county)
    improved = ["Pipedintodwelling", "Pipedtoyard/Plot", "Publictap/Standpipe", "Borehole/TubeWell", "ProtectedWell",
                "ProtectedSpring", "Rain/Harvestedwater", "Bottledwater", "WaterVendor"]
    by_hand = round(sum(float(row[c] or 0) for c in improved), 1)
    assert derived[("CEN_WATER_IMPROVED", code, "all", "all")] == by_hand


@pytest.mark.parametrize("county, code", [("WAJIR", "008"), ("HOMA BAY", "043")])
def test_internet_use_by_sex_is_users_over_persons_aged_3_and_above(published_cuts, derived, county, code):
    row = published_row(published_cuts, "V4_T2.33.csv", county)
    for sex, users, persons in (("all", "UoI_Total", "Total"), ("female", "UoI_Female", "Female"),
                                ("male", "UoI_Male", "Male")):
        by_hand = round(100 * float(row[users]) / float(row[persons]), 2)
        assert derived[("CEN_INTERNET_USE", code, sex, "all")] == by_hand


@pytest.mark.parametrize("county, code", [("WAJIR", "008"), ("HOMA BAY", "043")])
def test_disability_prevalence_by_sex_is_persons_with_a_disability_over_persons_aged_5_and_above(
        published_cuts, derived, county, code):
    row = published_row(published_cuts, "V4_T2.26.csv", county)
    for sex, suffix in (("all", "Total"), ("female", "Female"), ("male", "Male")):
        expected = round(100 * float(row[f"WithDisability_{suffix}"]) / float(row[f"PopAge>5_{suffix}"]), 2)
        assert derived[("CEN_DISABILITY_PREVALENCE", code, sex, "all")] == expected


def test_the_derived_values_match_figures_checked_by_hand_against_the_published_tables(derived):
    # Wajir, Table 2.33: 58,976 of 711,571 persons aged 3+ used the internet (8.29 %); women 23,958 of 331,969.
    assert derived[("CEN_INTERNET_USE", "008", "all", "all")] == 8.29
    assert derived[("CEN_INTERNET_USE", "008", "female", "all")] == 7.22
    # Homa Bay, Table 2.26: 25,130 of 512,195 women aged 5+ with a disability (4.91 %); KNBS prints 4.3 % overall.
    assert derived[("CEN_DISABILITY_PREVALENCE", "043", "female", "all")] == 4.91
    assert derived[("CEN_DISABILITY_PREVALENCE", "043", "all", "all")] == 4.35
    # Homa Bay, Table 2.19: 18.4 % of households lit mainly by mains electricity; Kenya 50.4 %, urban 88.4 %.
    assert derived[("CEN_ELECTRICITY_LIGHTING", "043", "all", "all")] == 18.4
    assert derived[("CEN_ELECTRICITY_LIGHTING", "KE", "all", "all")] == 50.4
    assert derived[("CEN_ELECTRICITY_LIGHTING", "KE", "all", "urban")] == 88.4


def test_every_indicator_has_kenya_and_all_47_counties(derived_from_whole_tables):
    for spec in census_sdg.DERIVATIONS:
        places = {geo for code, geo, sex, residence in derived_from_whole_tables if code == spec.code and sex == "all"
                  and residence == "all"}
        assert len(places) == 48, spec.code


def test_the_embedded_reference_set_holds_the_same_values_as_a_derivation_from_the_public_files(
        derived_from_whole_tables):
    tables, provenance = reference.load(None)
    frame = tables["census2019_sdg_indicators"]
    committed = {(r.indicator_code, r.geo_code, r.sex, r.residence): float(r.value) for r in frame.itertuples()}
    assert committed == derived_from_whole_tables
    assert provenance["census2019_sdg_indicators.csv"]["source_id"] == "knbs_census_2019_sdg"


def test_every_census_indicator_documents_its_table_and_formula_and_is_a_proxy_of_its_sdg(reference_warehouse,
                                                                                          query):
    found = query(reference_warehouse, "SELECT indicator_code, sdg_indicator, sdg_correspondence, method FROM "
                                       "dim_indicator WHERE code_scheme = 'census-derived' ORDER BY 1")
    assert [(code, sdg, kind) for code, sdg, kind, _ in found] == [
        ("CEN_CLEAN_COOKING", "7.1.2", "proxy"), ("CEN_DISABILITY_PREVALENCE", None, None),
        ("CEN_ELECTRICITY_LIGHTING", "7.1.1", "proxy"), ("CEN_INTERNET_USE", "17.8.1", "proxy"),
        ("CEN_MOBILE_OWNERSHIP", "5.b.1", "proxy"), ("CEN_SANITATION_IMPROVED", "6.2.1", "proxy"),
        ("CEN_WATER_IMPROVED", "6.1.1", "proxy"), ("CEN_WATER_PIPED", "6.1.1", "proxy")]
    assert dict((code, method) for code, _, _, method in found)["CEN_INTERNET_USE"] == (
        "KPHC 2019 Vol. IV Table 2.33: the persons counted as a percentage of all persons the table counts them "
        "among, from the published counts, for both sexes together and for each sex.")  # no column identifiers
