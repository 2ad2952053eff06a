"""Ward and county boundary uploads: three file formats load and draw the ward map; bad files are refused with a
message and leave the warehouse byte-identical; boundary sets with different dates drive different years."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
import shapely

from jdp_analytics.geography import versions
from jdp_analytics.warehouse import loader
from jdp_analytics.warehouse.queries import Warehouse
from jdp_analytics.warehouse.schema import ValidationError
from tests.geography.conftest import digest, geojson_bytes

SOURCE = loader.DeclaredSource("Homa Bay County GIS unit", "Ward boundaries", "Not stated", date(2024, 1, 31))
IEBC_2012 = date(2012, 3, 6)

@pytest.fixture
def open_page(open_app):
    """Return a function that opens pages/<page>.py on a county and fiscal year (FY 2024/25 unless told)."""
    return lambda page, county, fiscal_year="2024/25": open_app(f"pages/{page}.py", county=county, fy=fiscal_year,
                                                                 demo="1")  # the shipped forums are generated



def load(data: bytes, name: str, warehouse: Path, kind: str = "ward_boundaries", effective: date | None = IEBC_2012,
         layer: str | None = None) -> loader.Preview:
    preview = loader.prepare(data, name, kind, warehouse, sheet=layer, effective_date=effective)
    loader.load(preview, warehouse, SOURCE, "tester")
    return preview


def boundaries(warehouse: Path, as_of: date, county: str = "043"):
    return Warehouse(warehouse).query("ward_boundaries", county_code=county, as_of=as_of)


def refused(data: bytes, name: str, warehouse: Path, **kwargs) -> str:
    """Return the problems' text of a refused file, after checking the warehouse did not change."""
    before = digest(warehouse)
    with pytest.raises(ValidationError) as err:
        loader.prepare(data, name, kwargs.pop("kind", "ward_boundaries"), warehouse,
                       effective_date=kwargs.pop("effective", IEBC_2012), **kwargs)
    assert digest(warehouse) == before
    return str(err.value)


@pytest.mark.parametrize("form", ["geojson", "shapefile", "geopackage"])
def test_a_ward_file_loads_in_each_format_and_the_participation_page_draws_the_ward_map(form, boundary_file,
                                                                                           upload_warehouse, open_page):
    data, name = boundary_file(form)
    preview = load(data, name, upload_warehouse)
    assert preview.rows_added == 40
    assert any(note.startswith("Homa Bay: 40 ward polygon(s)") for note in preview.notes)
    wards = boundaries(upload_warehouse, date(2025, 6, 30))
    assert len(wards) == 40
    assert len(set(wards["ward_name"])) == 40
    assert abs(wards["area_km2"].sum() - 4710) < 5  # the test wards' area, measured on the kept geometry, same in
    # every format
    at = open_page("participation", "043")
    assert len(at.get("deck_gl_json_chart")) == 1
    assert any("in force from 6 Mar 2012" in c.value for c in at.caption)


def test_the_shapefile_in_utm_37s_is_reprojected_to_wgs84(boundary_file, upload_warehouse):
    data, name = boundary_file("shapefile")
    preview = loader.prepare(data, name, "ward_boundaries", upload_warehouse, effective_date=IEBC_2012)
    west, south, east, north = shapely.from_geojson(preview.rows["geometry_full"].iloc[0]).bounds
    assert 34 < west < east < 35 and -1 < south < north < 0


def test_a_shapefile_without_its_prj_is_refused_with_the_fix(homa_bay_wards, tmp_path, upload_warehouse):
    from tests.geography.conftest import shapefile_zip

    message = refused(shapefile_zip(homa_bay_wards, tmp_path, with_prj=False), "no_crs.zip", upload_warehouse)
    assert "the file has no coordinate reference system (CRS)" in message
    assert "include the .prj file in the zip" in message


def test_an_unrepairable_self_intersecting_polygon_is_refused_naming_the_feature(homa_bay_wards, boundary_file,
                                                                                upload_warehouse):
    frame = homa_bay_wards.copy()
    x, y = frame.geometry.iloc[3].centroid.coords[0]
    frame.loc[3, "geometry"] = shapely.Polygon([(x, y), (x + 0.05, y + 0.05), (x + 0.05, y), (x, y + 0.05)])
    data, name = boundary_file("geojson", frame)
    message = refused(data, name, upload_warehouse)
    assert f"row 4, column 'geometry', value '{frame.loc[3, 'ward_name']}'" in message
    assert "the polygon is invalid (Self-intersection" in message
    assert "repairing it would change its area by" in message


def test_a_small_self_intersection_is_repaired_when_the_area_changes_by_less_than_1_percent(homa_bay_wards,
                                                                                           boundary_file,
                                                                                           upload_warehouse):
    frame = homa_bay_wards.copy()
    cx, cy = frame.geometry.iloc[5].centroid.coords[0]
    size = 0.04
    # a square whose closing edge crosses the first one near a corner: a self-intersection whose loop is tiny
    bowtie = [(cx, cy), (cx + size, cy), (cx + size, cy + size), (cx, cy + size), (cx + 0.0001, cy - 0.00005)]
    frame.loc[5, "geometry"] = shapely.Polygon(bowtie)
    assert not frame.geometry.iloc[5].is_valid
    data, name = boundary_file("geojson", frame)
    preview = loader.prepare(data, name, "ward_boundaries", upload_warehouse, effective_date=IEBC_2012)
    assert preview.notes[0] == ("1 invalid polygon(s) repaired with an area change under 1 %: "
                                f"{frame.loc[5, 'ward_name']}.")


def test_iebcs_homa_bay_wards_load_with_the_polygon_drawn_with_a_hole_outside_repaired(iebc_homa_bay_wards,
                                                                                      upload_warehouse):
    preview = load(geojson_bytes(iebc_homa_bay_wards), "homa_bay_wards.geojson", upload_warehouse)
    assert preview.rows_added == 40
    # the published file draws Homa Bay Arujo with a 'hole' outside its shell, read as an island
    assert preview.notes[0] == "1 invalid polygon(s) repaired with an area change under 1 %: HOMA BAY ARUJO."
    assert abs(boundaries(upload_warehouse, date(2025, 6, 30))["area_km2"].sum() - 4608) < 5  # IEBC's 40 wards


def test_an_unknown_ward_name_is_refused_with_the_closest_names(homa_bay_wards, boundary_file, upload_warehouse):
    frame = homa_bay_wards.copy()
    frame.loc[0, "ward_name"] = "KABONDO EASTT"
    frame.loc[0, "constituency_name"] = ""
    data, name = boundary_file("geojson", frame)
    message = refused(data, name, upload_warehouse)
    assert "row 1, column 'ward_name', value 'KABONDO EASTT': no ward of Homa Bay is called 'KABONDO EASTT'." in message
    assert "closest names: Kabondo East" in message


def test_a_truncated_zip_is_refused(boundary_file, upload_warehouse):
    data, name = boundary_file("shapefile")
    message = refused(data[: len(data) // 2], name, upload_warehouse)
    assert "the zip file is damaged or incomplete" in message


def test_a_boundary_set_without_an_effective_date_is_refused(boundary_file, upload_warehouse):
    data, name = boundary_file("geojson")
    message = refused(data, name, upload_warehouse, effective=None)
    assert "the boundary set has no effective date." in message


def test_a_geopackage_with_two_layers_asks_for_the_layer(homa_bay_wards, tmp_path, upload_warehouse):
    path = tmp_path / "two.gpkg"
    homa_bay_wards.to_file(path, layer="wards_2012", driver="GPKG")
    homa_bay_wards.to_file(path, layer="wards_2022", driver="GPKG")
    message = refused(path.read_bytes(), "two.gpkg", upload_warehouse)
    assert "the GeoPackage holds 2 layers: wards_2012, wards_2022." in message
    assert load(path.read_bytes(), "two.gpkg", upload_warehouse, layer="wards_2022").rows_added == 40


def test_two_boundary_sets_with_different_dates_drive_the_maps_of_two_years(homa_bay_wards, boundary_file,
                                                                           upload_warehouse, open_page):
    load(*boundary_file("geojson"), upload_warehouse, effective=IEBC_2012)
    merged = homa_bay_wards.copy()
    merged.loc[0, "geometry"] = merged.geometry.iloc[0].buffer(-0.002)  # a redrawn ward in the 2024 set; one ward less
    later = merged.iloc[:39]
    load(*boundary_file("geopackage", later), upload_warehouse, effective=date(2024, 7, 1))

    assert len(boundaries(upload_warehouse, versions.in_force_on("2023/24"))) == 40
    assert len(boundaries(upload_warehouse, versions.in_force_on("2024/25"))) == 39
    assert boundaries(upload_warehouse, versions.in_force_on("2024/25"))["effective_date"].iloc[0] == pd.Timestamp(
        "2024-07-01")
    sets = Warehouse(upload_warehouse).query("ward_boundary_sets", county_code="043")
    assert sets["wards"].tolist() == [40, 39]
    note = versions.change_note(sets, date(2013, 7, 1), date(2025, 6, 30), "Forums counted by ward")
    assert note.startswith("The ward boundaries changed during the period shown: a new set took effect on "
                           "1 Jul 2024 (Homa Bay County GIS unit).")
    assert versions.change_note(sets, date(2013, 7, 1), date(2024, 6, 30)) is None

    old, new = open_page("participation", "043", "2023/24"), open_page("participation", "043", "2024/25")
    assert any("in force from 6 Mar 2012 (40 wards" in c.value for c in old.caption)
    assert any("in force from 1 Jul 2024 (39 wards" in c.value for c in new.caption)
    old_map = json.loads(old.get("deck_gl_json_chart")[0].proto.json)
    new_map = json.loads(new.get("deck_gl_json_chart")[0].proto.json)
    assert len(old_map["layers"][0]["data"]["features"]) == 40
    assert len(new_map["layers"][0]["data"]["features"]) == 39
    assert any("a new set took effect on 1 Jul 2024" in i.value for i in new.info)


def test_a_county_boundary_upload_is_measured_and_compared_with_the_census(homa_bay_wards, tmp_path,
                                                                          upload_warehouse, open_page):
    wards = homa_bay_wards.assign(geometry=homa_bay_wards.make_valid())
    county = wards.dissolve(by="county_name").reset_index()[["county_name", "geometry"]]
    buffer = io.BytesIO(county.to_json().encode())
    preview = load(buffer.getvalue(), "homa_bay.geojson", upload_warehouse, kind="county_boundaries",
                   effective=date(2013, 3, 4))
    assert preview.rows["county_code"].tolist() == ["043"]
    areas = Warehouse(upload_warehouse).query("county_areas").set_index("county_code")
    assert abs(areas.loc["043", "boundary_area_km2"] - 4710) < 5  # the test wards' outline
    assert areas.loc["043", "census_area_km2"] == 3153.0
    assert areas.loc["043", "census_density"] == 359.0  # 1,131,950 persons in 2019
    assert areas.loc["043", "boundary_density"] == pytest.approx(1131950 / areas.loc["043", "boundary_area_km2"],
                                                                 abs=0.1)
    at = open_page("data_quality", "043")
    table = next(d.value for d in at.dataframe if "boundary_area_km2" in d.value.columns)
    assert table.set_index("county_code").loc["043", "boundary_source"] == "Homa Bay County GIS unit"
    outlines = Warehouse(upload_warehouse).query("county_boundaries").set_index("county_code")
    assert len(outlines) == 47
    assert outlines.loc["043", "publisher"] == "Homa Bay County GIS unit"  # the county map draws the upload
    assert outlines.loc["002", "publisher"] == "UN OCHA (data from IEBC and KNBS)"


def test_the_zip_must_hold_one_shapefile(upload_warehouse):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "no shapefile here")
    assert "the zip must hold exactly one Shapefile; it holds no .shp file." in refused(buffer.getvalue(), "x.zip",
                                                                                         upload_warehouse)


def test_rolling_back_a_redrawn_boundary_set_restores_the_wards_it_replaced(homa_bay_wards, boundary_file,
                                                                           upload_warehouse):
    load(*boundary_file("geojson"), upload_warehouse)
    before = boundaries(upload_warehouse, date(2025, 6, 30)).set_index("ward_code")["geometry_geojson"]
    redrawn = homa_bay_wards.assign(geometry=homa_bay_wards.make_valid().apply(lambda g: g.buffer(-0.001)))
    data, name = boundary_file("geopackage", redrawn)
    preview = loader.prepare(data, name, "ward_boundaries", upload_warehouse, effective_date=IEBC_2012)
    assert (preview.rows_added, preview.rows_replaced) == (0, 40)
    load_id = loader.load(preview, upload_warehouse, SOURCE, "tester")
    assert boundaries(upload_warehouse, date(2025, 6, 30)).set_index("ward_code")["geometry_geojson"].ne(before).all()
    assert loader.rollback(load_id, upload_warehouse, "tester") == 40
    after = boundaries(upload_warehouse, date(2025, 6, 30)).set_index("ward_code")["geometry_geojson"]
    assert after.equals(before)


def test_a_csv_given_as_ward_boundaries_is_refused_by_its_type(upload_warehouse):
    message = refused(b"ward_name,county_name\nKwabwai,Homa Bay\n", "wards.csv", upload_warehouse)
    assert "a .csv file cannot hold boundaries." in message
    assert "upload a GeoJSON (.geojson), a zipped ESRI Shapefile" in message
