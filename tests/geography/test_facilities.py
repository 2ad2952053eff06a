"""Facilities as points: each placed in its ward by a spatial join, points outside their county refused with the
distance, and the Social accountability page maps them by complaints resolved."""

from __future__ import annotations

import json
from datetime import date

import geopandas as gpd
import pandas as pd
import pytest
import shapely

from jdp_analytics.geography import boundaries, maps
from jdp_analytics.warehouse import loader
from jdp_analytics.warehouse.queries import Warehouse
from jdp_analytics.warehouse.schema import ValidationError
from tests.geography.conftest import digest
from tests.geography.test_boundary_uploads import SOURCE, load

WARD_A = shapely.box(36.00, 0.00, 36.01, 0.01)
WARD_B = shapely.box(36.01, 0.00, 36.02, 0.01)

@pytest.fixture
def open_page(open_app):
    """Return a function that opens pages/<page>.py on a county and fiscal year (FY 2024/25 unless told)."""
    return lambda page, county, fiscal_year="2024/25": open_app(f"pages/{page}.py", county=county, fy=fiscal_year,
                                                                 demo="1")  # the shipped forums are generated



def placed(*points: tuple[float, float]) -> list:
    wards = gpd.GeoDataFrame({"ward_code": ["KEW-0002", "KEW-0001"]}, geometry=[WARD_B, WARD_A], crs="EPSG:4326")
    frame = gpd.GeoDataFrame(geometry=[shapely.Point(p) for p in points], crs="EPSG:4326")
    return boundaries.place_points(frame, wards).tolist()


def test_a_point_inside_a_ward_is_placed_in_it():
    assert placed((36.005, 0.005), (36.015, 0.005)) == ["KEW-0001", "KEW-0002"]


def test_a_point_on_the_edge_two_wards_share_goes_to_the_lower_ward_code():
    assert placed((36.01, 0.005), (36.01, 0.0)) == ["KEW-0001", "KEW-0001"]


def test_a_point_just_outside_every_ward_goes_to_the_nearest_within_the_tolerance():
    # 0.0005° (about 55 m) west of ward A and 0.0005° north of ward B: slivers between simplified edges
    assert placed((35.9995, 0.005), (36.019, 0.0105)) == ["KEW-0001", "KEW-0002"]


def test_a_point_far_from_every_ward_is_not_placed():
    assert placed((36.2, 0.2)) == [pd.NA]


def test_areas_are_measured_in_an_equal_area_projection():
    square = gpd.GeoSeries([shapely.box(36.0, 0.0, 36.1, 0.1), shapely.box(36.0, 3.9, 36.1, 4.0)], crs="EPSG:4326")
    areas = boundaries.areas_km2(square)
    assert areas.iloc[0] == pytest.approx(123.1, abs=0.2)  # 11.13 km × 11.06 km at the equator
    assert areas.iloc[1] == pytest.approx(122.8, abs=0.2)  # the same square of degrees is narrower at 4° N


def point_outside(warehouse, county: str, metres: float) -> tuple[float, float]:
    """Return (lat, lon) of a point `metres` outside a county's outline in the warehouse."""
    text = Warehouse(warehouse).query("county_boundaries").set_index("county_code").loc[county, "geometry_geojson"]
    outline = gpd.GeoSeries([shapely.from_geojson(text)], crs="EPSG:4326").to_crs(boundaries.METRIC)
    ring = outline.buffer(metres, quad_segs=32).exterior
    point = gpd.GeoSeries([shapely.Point(ring.iloc[0].coords[0])], crs=boundaries.METRIC).to_crs("EPSG:4326")
    return point.y.iloc[0], point.x.iloc[0]


def register(rows: list[dict]) -> bytes:
    return pd.DataFrame(rows).to_csv(index=False).encode()


def test_a_facility_5_km_outside_its_county_is_refused_with_the_distance(upload_warehouse):
    lat, lon = point_outside(upload_warehouse, "043", 5000)
    data = register([{"facility_code": "HB-1", "facility_name": "Lakeside Dispensary", "facility_type": "Dispensary",
                      "sector": "Health", "county": "Homa Bay", "latitude": lat, "longitude": lon}])
    before = digest(upload_warehouse)
    with pytest.raises(ValidationError) as err:
        loader.prepare(data, "facilities.csv", "facilities", upload_warehouse)
    assert (f"facilities.csv, row 2, column 'latitude, longitude', value '{lat:.5f}, {lon:.5f}': the point lies 5.0 km "
            "outside Homa Bay county.") in str(err.value)
    assert digest(upload_warehouse) == before


def test_facilities_are_placed_in_their_wards_and_mapped_by_complaints_resolved(homa_bay_wards, boundary_file,
                                                                                upload_warehouse, open_page):
    load(*boundary_file("geojson"), upload_warehouse, effective=date(2012, 3, 6))
    wards = Warehouse(upload_warehouse).query("ward_boundaries", county_code="043", as_of=date(2025, 6, 30))
    inside = {code: shapely.from_geojson(text).representative_point()
              for code, text in zip(wards["ward_code"], wards["geometry_geojson"])}
    rows = [{"facility_code": "DEMO-043-F01", "facility_name": "Gwassi North Water Project", "facility_type": "Water "
             "project", "sector": "Water", "county": "Homa Bay", "latitude": inside["KEW-1258"].y,
             "longitude": inside["KEW-1258"].x},
            {"facility_code": "DEMO-043-F03", "facility_name": "Gwassi South Dispensary", "facility_type": "Dispensary",
             "sector": "Health", "county": "043", "latitude": inside["KEW-1257"].y,
             "longitude": inside["KEW-1257"].x}]
    preview = loader.prepare(register(rows), "facilities.csv", "facilities", upload_warehouse)
    assert preview.rows["ward_code"].tolist() == ["KEW-1258", "KEW-1257"]
    assert preview.notes == ["2 of 2 facilities placed in a ward by a spatial join on the ward boundaries in force."]
    loader.load(preview, upload_warehouse, SOURCE, "tester")

    facilities = Warehouse(upload_warehouse, include_demo=True).query("facility_map", county_code="043",
                                                                      fiscal_year="2024/25")
    assert facilities[["facility_code", "ward_name", "received", "resolved"]].values.tolist() == [
        ["DEMO-043-F01", "Gwassi North", 44, 27], ["DEMO-043-F03", "Gwassi South", 32, 22]]
    assert maps.resolution_colour(44, 27) == (253, 174, 97)  # 61 % resolved
    assert maps.resolution_colour(32, 22) == (253, 174, 97)
    assert maps.resolution_colour(10, 9) == (44, 123, 182)
    assert maps.resolution_colour(0, 0) == maps.NO_RECORDS

    at = open_page("accountability", "043")
    assert "Where the facilities are" in [s.value for s in at.subheader]  # beside issue 30's reported statements
    deck = json.loads(next(c for c in at.get("deck_gl_json_chart")).proto.json)
    assert [layer["@@type"] for layer in deck["layers"]] == ["GeoJsonLayer", "ScatterplotLayer"]
    assert len(deck["layers"][0]["data"]["features"]) == 40
    assert any(c.value.startswith("2 facilities from the facility register") for c in at.caption)


def test_simplification_fits_the_byte_budget_and_keeps_the_edge_two_wards_share():
    wiggle = [(36.0 + i * 0.0005, 0.01 + 0.0002 * ((i % 2) * 2 - 1)) for i in range(1, 40)]
    south = shapely.Polygon([(36.0, 0.0), (36.02, 0.0), (36.02, 0.01), *reversed(wiggle), (36.0, 0.01)])
    north = shapely.Polygon([(36.0, 0.01), *wiggle, (36.02, 0.01), (36.02, 0.02), (36.0, 0.02)])
    wards = gpd.GeoSeries([south, north], crs="EPSG:4326")
    assert shapely.coverage_is_valid(wards.values)
    texts, tolerance, size = boundaries.simplify_for_browser(wards, budget=600)
    assert size <= 600 and tolerance > 0
    simple_south, simple_north = (shapely.from_geojson(t) for t in texts)
    assert simple_south.intersection(simple_north).area == pytest.approx(0, abs=1e-12)  # no overlap
    assert simple_south.union(simple_north).area == pytest.approx(0.0004, rel=1e-6)  # no gap


def test_a_feedback_row_may_name_a_registered_facility_by_its_code_alone(boundary_file, upload_warehouse):
    load(*boundary_file("geojson"), upload_warehouse, effective=date(2012, 3, 6))
    lat, lon = -0.5273, 34.4571  # Homa Bay town
    register_file = register([{"facility_code": "HB-HC-7", "facility_name": "Homa Bay Town Health Centre",
                               "facility_type": "Health centre", "sector": "Health", "county": "Homa Bay",
                               "latitude": lat, "longitude": lon}])
    loader.load(loader.prepare(register_file, "register.csv", "facilities", upload_warehouse), upload_warehouse,
                SOURCE, "tester")
    feedback = ("facility_id,facility_name,facility_type,county,ward,fiscal_year,quarter,channel,received,resolved\n"
                "HB-HC-7,,,,,2025/26,1,Walk-in,12,9\n")
    preview = loader.prepare(feedback.encode(), "feedback.csv", "facility_feedback", upload_warehouse)
    row = preview.rows.iloc[0]
    assert (row["facility_name"], row["facility_type"], row["county_code"], row["ward_code"]) == (
        "Homa Bay Town Health Centre", "Health", "043", "KEW-1242")  # the test ward Homa Bay Arujo holds the town
    with pytest.raises(ValidationError) as err:
        loader.prepare(feedback.replace("HB-HC-7", "HB-HC-8").encode(), "feedback.csv", "facility_feedback",
                       upload_warehouse)
    assert "feedback.csv, row 2, column 'facility_name', value '': the value is empty." in str(err.value)


def test_a_facility_code_of_another_county_is_refused_in_the_load_naming_both_counties(boundary_file,
                                                                                        upload_warehouse):
    load(*boundary_file("geojson"), upload_warehouse, effective=date(2012, 3, 6))
    homa_bay = {"facility_code": "HB-HC-7", "facility_name": "Homa Bay Town Health Centre",
                "facility_type": "Health centre", "sector": "Health", "county": "Homa Bay", "latitude": -0.5273,
                "longitude": 34.4571}
    loader.load(loader.prepare(register([homa_bay]), "register.csv", "facilities", upload_warehouse), upload_warehouse,
                SOURCE, "tester")
    kwale = homa_bay | {"facility_name": "Kwale Health Centre", "county": "Kwale", "latitude": -4.1737,
                        "longitude": 39.4521}  # Kwale town
    preview = loader.prepare(register([kwale]), "kwale.csv", "facilities", upload_warehouse)
    before = digest(upload_warehouse)
    with pytest.raises(loader.RuleError) as err:
        loader.load(preview, upload_warehouse, SOURCE, "tester")
    assert [str(p) for p in err.value.problems] == [
        "kwale.csv, row 2, column 'facility_code', value 'HB-HC-7': facility_code HB-HC-7 belongs to Homa Bay (043) in "
        "the warehouse; this row is for Kwale (002), and loading it would replace Homa Bay (043)'s row. Fix: give the "
        "row an identifier of its own county (e.g. with the county's prefix), or correct the county; to move a row "
        "to another county, roll back the load that brought it first."]
    assert digest(upload_warehouse) == before
