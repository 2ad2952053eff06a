"""County, constituency and ward names as the public files spell them resolve to one code each."""

from __future__ import annotations

import pytest

from jdp_analytics.geography.names import Gazetteer, UnknownNameError, county_code
from jdp_analytics.warehouse.sources import kenya_data

# (spelling as published, where it was seen, KNBS code)
PUBLISHED_SPELLINGS = [
    ("MOMBASA", "census V2_T2.2", "001"),
    ("Mombasa County", "census V1_T2.5", "001"),
    ("Mombasa", "CoB budget CSV", "001"),
    ("Taita/Taveta", "census V1_T2.2", "006"),
    ("TAITA/ TAVETA", "census V3 tables", "006"),
    ("TAITA-TAVETA", "census V4 tables", "006"),
    ("Taita Taveta", "CoB budget CSV, KDHS, OCHA", "006"),
    ("Taita-Taveta", "kenya-data wards.csv", "006"),
    ("Tharaka-Nithi", "census V1_T2.2, KDHS, OCHA", "013"),
    ("THARAKA-NITHI", "IEBC ward file", "013"),
    ("Tharaka-Nithi County", "census V1_T2.5", "013"),
    ("Murang'a", "census V1_T2.2, OCHA", "021"),
    ("MURANG'A", "IEBC ward file", "021"),
    ("Trans Nzoia", "census V1_T2.2, OCHA", "026"),
    ("Trans-Nzoia", "KDHS", "026"),
    ("TransNzoia   ", "census V4 tables", "026"),
    ("Elgeyo/Marakwet", "census V1_T2.2", "028"),
    ("ELGEYO/MARAKWET", "IEBC ward file", "028"),
    ("ELGEYO-MARAKWET", "census V3 tables", "028"),
    ("Elgeyo Marakwet", "KDHS", "028"),
    ("Elgeyo-Marakwet", "CoB budget CSV, OCHA", "028"),
    ("Elgeyo/Marakwet   ", "census V4 tables", "028"),
    ("HOMA BAY", "census V2_T2.2, IEBC ward file", "043"),
    ("HOMABAY", "census V4 tables", "043"),
    ("HomaBay   ", "census V4 tables", "043"),
    ("Homa Bay County", "census V1_T2.5", "043"),
    ("KE043", "OCHA adm1_pcode, kenya-data counties.csv", "043"),
    ("043", "CoB budget CSV county_code", "043"),
    ("KE008", "OCHA adm1_pcode (Wajir)", "008"),
    ("WEST POKOT", "census V2_T2.2", "024"),
    ("Nairobi City", "census V1_T2.2", "047"),
    ("NAIROBI CITY", "census V2_T2.2", "047"),
    ("Nairobi City County", "census V1_T2.5", "047"),
    ("NairobiCity   ", "census V4 tables", "047"),
    ("Nairobi", "CoB budget CSV, KDHS, OCHA", "047"),
]


@pytest.mark.parametrize(("spelling", "seen_in", "code"), PUBLISHED_SPELLINGS,
                         ids=[f"{s.strip()} ({where})" for s, where, _ in PUBLISHED_SPELLINGS])
def test_every_published_spelling_of_a_county_resolves_to_its_knbs_code(spelling, seen_in, code):
    assert county_code(spelling) == code


def test_a_misspelt_county_raises_an_error_that_suggests_the_closest_names():
    with pytest.raises(UnknownNameError) as caught:
        county_code("Homa Bey")
    assert str(caught.value) == "Unknown county name 'Homa Bey'. Closest known names: Homa Bay."
    assert caught.value.suggestions == ["Homa Bay"]


def test_an_invented_county_raises_an_error_naming_it_and_its_closest_names():
    with pytest.raises(UnknownNameError,
                       match=r"^Unknown county name 'Atlantis'\. Closest known names: Nandi, Kisii, Trans Nzoia\.$"):
        county_code("Atlantis")


@pytest.mark.parametrize("code", ["048", "000", "KE099"])
def test_a_county_code_outside_001_to_047_is_unknown(code):
    with pytest.raises(UnknownNameError, match=rf"^Unknown county name '{code}'\."):
        county_code(code)


@pytest.mark.parametrize(("spelling", "closest"), [("HOMA BEY", "Homa Bay"), ("KWALLE", "Kwale"),
                                                   ("NAIROBBI", "Nairobi")])
def test_an_upper_case_misspelling_suggests_the_same_names_as_title_case(spelling, closest):
    # The census V2 tables and the IEBC ward file are all upper case: that is where typos are met.
    with pytest.raises(UnknownNameError) as caught:
        county_code(spelling)
    assert f"Closest known names: {closest}" in str(caught.value)


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    """The resolver over the installed kenya-data package (290 constituencies, 1,450 wards), as the build makes it
    when no source folder is given."""
    admin = kenya_data.to_warehouse(*kenya_data.read(None))
    return Gazetteer(
        {r.constituency_code: (r.constituency_name, r.county_code) for r in admin["dim_constituency"].itertuples()},
        {r.ward_code: (r.ward_name, r.constituency_code, r.county_code) for r in admin["dim_ward"].itertuples()})


def test_the_gazetteer_holds_290_constituencies_and_1450_wards(gazetteer):
    assert (len(gazetteer.constituencies), len(gazetteer.wards)) == (290, 1450)


# (ward, county, constituency as the IEBC ward file or a user writes them, ward code, ward name in kenya-data)
WARD_SPELLINGS = [
    ("PORT REITZ", "MOMBASA", "CHANGAMWE", "KEW-0001", "Port Reitz"),
    ("ZIWA LA NG'OMBE", "MOMBASA", "NYALI", "KEW-0017", "Ziwa la Ng'ombe"),
    ("MJI WA KALE/MAKADARA", "MOMBASA", "MVITA", "KEW-0026", "Mji wa Kale/Makadara"),
    ("MACKINNON-ROAD", "KWALE", "KINANGO", "KEW-0047", "Mackinnon-Road"),
    ("CHERANG'ANY/CHEBORORWA", "ELGEYO/MARAKWET", "MARAKWET WEST", "KEW-0737", "Cherang'any/Chebororwa"),
    ("HOMA BAY ARUJO", "HOMA BAY", "HOMA BAY TOWN", "KEW-1242", "Homa Bay Arujo"),
    ("KABUOCH SOUTH/PALA", "HOMA BAY", "NDHIWA", "KEW-1249", "Kabuoch South/Pala"),
    ("DANDORA AREA II", "NAIROBI", "EMBAKASI NORTH", "KEW-1413", "Dandora Area Ii"),
    ("Gwassi North", "Homabay", None, "KEW-1258", "Gwassi North"),
    ("Township", "Kiambu", "Thika Town", "KEW-0564", "Township"),
    ("TOWNSHIP", "KIAMBU", "KIAMBU", "KEW-0585", "Township"),
]


@pytest.mark.parametrize(("ward", "county", "constituency", "code", "name"), WARD_SPELLINGS,
                         ids=[f"{w} ({c})" for w, c, *_ in WARD_SPELLINGS])
def test_a_ward_spelt_as_published_resolves_to_its_kenya_data_code(gazetteer, ward, county, constituency, code,
                                                                   name):
    assert gazetteer.ward_code(ward, county, constituency) == code
    assert gazetteer.wards[code][0] == name


def test_a_constituency_with_a_double_space_resolves_as_in_the_iebc_file(gazetteer):
    assert gazetteer.constituency_code("BARINGO  NORTH", "BARINGO") == "KE030158"


def test_a_ward_name_two_constituencies_share_asks_for_the_constituency(gazetteer):
    with pytest.raises(UnknownNameError) as caught:
        gazetteer.ward_code("Township", "Kiambu")
    assert str(caught.value) == ("Unknown ward name 'Township' in Kiambu (several wards share it: "
                                 "name the constituency).")


def test_a_ward_looked_up_in_the_wrong_county_is_unknown(gazetteer):
    with pytest.raises(UnknownNameError, match=r"^Unknown ward name 'Port Reitz' in Nairobi\."):
        gazetteer.ward_code("Port Reitz", "Nairobi")


def test_a_misspelt_ward_suggests_the_closest_wards_of_its_county(gazetteer):
    with pytest.raises(UnknownNameError) as caught:
        gazetteer.ward_code("Rusinga Islnd", "Homa Bay")
    assert str(caught.value) == ("Unknown ward name 'Rusinga Islnd' in Homa Bay. "
                                 "Closest known names: Rusinga Island, Mfangano Island.")


def test_a_misspelt_upper_case_ward_suggests_the_same_wards_as_title_case(gazetteer):
    # The IEBC ward file writes every name in capitals.
    with pytest.raises(UnknownNameError) as caught:
        gazetteer.ward_code("RUSINGA ISLND", "HOMA BAY")
    assert "Closest known names: Rusinga Island" in str(caught.value)


def test_a_misspelt_constituency_suggests_the_closest_constituencies_of_its_county(gazetteer):
    with pytest.raises(UnknownNameError) as caught:
        gazetteer.constituency_code("Kitui Centrl", "Kitui")
    assert str(caught.value) == ("Unknown constituency name 'Kitui Centrl' in Kitui. "
                                 "Closest known names: Kitui Central, Kitui West, Kitui East.")
