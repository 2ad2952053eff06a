"""Geometry checked for place (issue 31, items 6 and 8): wards within their county's published outline, county
outlines near their own, swapped coordinates named as such, zips bounded before they are unpacked, and messages that
name the user's file. Every refusal leaves the warehouse byte-identical (`refused` checks it)."""

from __future__ import annotations

import io
import json
import resource
import time
import zipfile
from datetime import date
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
import shapely

from jdp_analytics.geography import boundaries, placement
from jdp_analytics.geography.names import county_code
from jdp_analytics.warehouse import loader
from tests.conftest import open_read_only
from tests.geography.conftest import geojson_bytes, shapefile_zip
from tests.geography.test_boundary_uploads import refused

PUBLISHED = Path(__file__).resolve().parents[2] / "data" / "reference" / "county_boundaries.geojson"
SWAP_FIX = ("Fix: export the layer again with longitude as x and latitude as y (in QGIS, check the layer's CRS and "
            "axis order before 'Save Features As').")


def swap_xy(geometry):
    return shapely.transform(geometry, lambda xy: xy[:, ::-1])


def published_county(code: str, name: str, change=lambda outline: outline) -> bytes:
    """Return a GeoJSON of one published county outline (data/reference) under a name, its geometry changed."""
    features = json.loads(PUBLISHED.read_text())["features"]
    feature = next(f for f in features if f["properties"]["county_code"] == code)
    feature["properties"] = {"county_name": name}
    feature["geometry"] = shapely.geometry.mapping(change(shapely.geometry.shape(feature["geometry"])))
    return json.dumps({"type": "FeatureCollection", "features": [feature]}).encode()


def facility_register(*rows: tuple) -> bytes:
    """Return a CSV register of facilities (code, name, latitude, longitude) in Homa Bay."""
    return pd.DataFrame([{"facility_code": code, "facility_name": name, "facility_type": "Dispensary",
                          "sector": "Health", "county": "Homa Bay", "latitude": lat, "longitude": lon}
                         for code, name, lat, lon in rows]).to_csv(index=False).encode()


# Ward boundaries: each ward within its county's published outline

def test_a_ward_with_its_coordinates_swapped_is_refused_as_swapped(homa_bay_wards, upload_warehouse):
    frame = homa_bay_wards.copy()
    frame.loc[0, "geometry"] = swap_xy(frame.geometry.iloc[0])
    message = refused(geojson_bytes(frame), "wards.geojson", upload_warehouse)
    assert message == ("wards.geojson, row 1, column 'geometry', value 'WEST KASIPUL': the coordinates look swapped: "
                       "the feature spans x -0.60 to -0.44 and y 34.63 to 34.67, so its x values are Kenya's latitudes "
                       "(-4.7 to 5.4) and its y values Kenya's longitudes (33.9 to 41.9). " + SWAP_FIX)


@pytest.mark.parametrize(("feature", "degrees_east", "refusal"), [
    (1, -55, "value 'WEST KASIPUL': the feature lies 7,712.7 km outside Kenya (its farthest point from Kenya's "
             "published outline). Fix: check the coordinates and the file's coordinate reference system: a CRS "
             "declared wrongly moves every feature."),  # into the Atlantic, at 20.4° W
    (1, 0.5, "value 'WEST KASIPUL': ward West Kasipul (KEW-1221) is coded to Homa Bay but lies in Kericho (100% "
             "of its area). Fix: check the feature's ward code or county: give the code of the Kericho ward this "
             "polygon is, or West Kasipul's own polygon."),  # 55 km east
    (30, "spike", "value 'KANYAMWA KOLOGI': ward Kanyamwa Kologi (KEW-1250) reaches 39.1 km outside Homa Bay's "
                  "published outline (at most 25 km for a ward that lies mostly in its county). Fix: check the polygon "
                  "and the file's coordinate reference system: a ward this far out was moved, or drawn beyond its "
                  "county."),  # a ward on the county's eastern edge
], ids=["into the Atlantic", "55 km east", "a spike 37 km out"])
def test_a_moved_ward_is_refused_saying_where_it_lies(homa_bay_wards, upload_warehouse, feature, degrees_east,
                                                      refusal):
    frame = homa_bay_wards.copy()
    ward = frame.geometry.iloc[feature - 1]
    if degrees_east == "spike":  # the ward and a thin spike eastward: most of its area is still in Homa Bay
        x, y = ward.centroid.x, ward.centroid.y
        frame.loc[feature - 1, "geometry"] = ward.union(shapely.Polygon([(x, y), (x + 0.7, y), (x, y + 0.002)]))
    else:
        frame.loc[feature - 1, "geometry"] = shapely.affinity.translate(ward, degrees_east)
    message = refused(geojson_bytes(frame), "wards.geojson", upload_warehouse)
    assert message == f"wards.geojson, row {feature}, column 'geometry', " + refusal


def test_a_ward_beyond_the_tolerance_but_mostly_in_its_county_loads_and_is_named(homa_bay_wards, upload_warehouse):
    frame = homa_bay_wards.copy()  # Kanyamwa Kologi 7.8 km east, across the county's edge: a border drawn differently
    frame.loc[29, "geometry"] = shapely.affinity.translate(frame.geometry.iloc[29], 0.07)
    preview = loader.prepare(geojson_bytes(frame), "wards.geojson", "ward_boundaries", upload_warehouse,
                             effective_date=date(2012, 3, 4))
    assert preview.rows_added == 40
    assert ("Ward Kanyamwa Kologi (KEW-1250) reaches 6.8 km outside Homa Bay's published outline (tolerance 4 km) but "
            "lies mostly in Homa Bay: loaded as drawn; check its border if it was not meant to differ."
            ) in preview.notes


def test_homa_bay_ward_polygons_coded_as_busias_wards_are_refused_naming_both_counties(homa_bay_wards, query,
                                                                                       upload_warehouse):
    busia = query(upload_warehouse, "select ward_code from dim_ward where county_code = '040' order by 1 limit 2")
    frame = homa_bay_wards.iloc[:2].assign(ward_code=[code for (code,) in busia])
    message = refused(geojson_bytes(frame), "wards.geojson", upload_warehouse)
    assert message == (
        "wards.geojson, row 1, column 'geometry', value 'KEW-1121': ward Malaba Central (KEW-1121) is coded to Busia "
        "but lies in Homa Bay (99% of its area). Fix: check the feature's ward code or county: give the code of the "
        "Homa Bay ward this polygon is, or Malaba Central's own polygon.; "
        "wards.geojson, row 2, column 'geometry', value 'KEW-1122': ward Malaba North (KEW-1122) is coded to Busia "
        "but lies in Homa Bay (91% of its area). Fix: check the feature's ward code or county: give the code of the "
        "Homa Bay ward this polygon is, or Malaba North's own polygon.")


def test_iebcs_wards_load_but_one_in_another_county_and_four_borders_drawn_differently_are_named(shared_data,
                                                                                            reference_warehouse):
    wards = gpd.read_file(shared_data / "wards-iebc-2012" / "kenya_wards.geojson", on_invalid="fix")
    wards = wards[~wards.geometry.is_empty & wards.geometry.notna()].reset_index(drop=True)
    frame = gpd.GeoDataFrame({"feature": wards.index + 1, "code": wards["ward_name"], "label": wards["ward_name"],
                              "county_code": wards["county_name"].map(county_code)},
                             geometry=wards.make_valid(), crs=boundaries.WGS84)
    with open_read_only(reference_warehouse) as con:
        outlines = placement.published_outlines(con)
    problems, notes = placement.ward_problems(frame, outlines, {}, "kenya_wards.geojson")
    assert [(p.value, p.message) for p in problems] == [
        ("LOKORI/KOCHODIN", "ward LOKORI/KOCHODIN (LOKORI/KOCHODIN) is coded to Turkana but lies in West Pokot (100% "
                            "of its area)."),  # IEBC's file gives Lokori/Kochodin a polygon in West Pokot
    ]
    assert [note.split(" (tolerance")[0] for note in notes] == [  # borders drawn differently: loaded, and named
        "Ward CHAIK (CHAIK) reaches 7.7 km outside Kericho's published outline",
        "Ward BASUBA (BASUBA) reaches 5.4 km outside Lamu's published outline",
        "Ward KIUNGA (KIUNGA) reaches 6.7 km outside Lamu's published outline",
        "Ward LELAN (LELAN) reaches 19.8 km outside West Pokot's published outline",  # the Kerio valley border
    ]


# County boundaries: within Kenya and near their published outline

def test_turkanas_outline_named_homa_bay_is_refused_naming_both(upload_warehouse):
    message = refused(published_county("023", "Homa Bay"), "counties.geojson", upload_warehouse,
                      kind="county_boundaries")
    assert message == ("counties.geojson, row 1, column 'geometry', value 'Homa Bay': the outline named Homa Bay is "
                       "Turkana's: it matches Turkana's published outline (intersection over union 1.00) and overlaps "
                       "Homa Bay's by 0.00 (at least 0.60 expected). Fix: check the county name or code of this "
                       "feature: the shape is Turkana's.")


def test_a_county_outline_moved_off_its_place_is_refused_with_its_overlap(upload_warehouse):
    data = published_county("043", "Homa Bay", lambda outline: shapely.affinity.translate(outline, xoff=0.3))
    message = refused(data, "counties.geojson", upload_warehouse, kind="county_boundaries")
    assert message == ("counties.geojson, row 1, column 'geometry', value 'Homa Bay': the outline named Homa Bay "
                       "overlaps Homa Bay's published outline by 0.37 (intersection over union; at least 0.60 "
                       "expected). Fix: check that the feature is Homa Bay's outline and that the file's coordinate "
                       "reference system is the one declared.")


def test_a_county_outline_with_swapped_coordinates_is_refused_as_swapped(upload_warehouse):
    message = refused(published_county("043", "Homa Bay", swap_xy), "counties.geojson", upload_warehouse,
                      kind="county_boundaries")
    assert message == ("counties.geojson, row 1, column 'geometry', value 'Homa Bay': the coordinates look swapped: "
                       "the feature spans x -0.87 to -0.26 and y 33.93 to 35.02, so its x values are Kenya's "
                       "latitudes (-4.7 to 5.4) and its y values Kenya's longitudes (33.9 to 41.9). " + SWAP_FIX)


# The coordinates are longitude and latitude

def test_a_utm_geojson_without_a_crs_is_refused_once_as_projected_coordinates(homa_bay_wards, upload_warehouse):
    utm = json.loads(homa_bay_wards.to_crs("EPSG:32737").to_json())
    utm.pop("crs", None)  # GeoJSON without a CRS is read as longitude/latitude
    message = refused(json.dumps(utm).encode(), "utm.geojson", upload_warehouse)
    assert message == ("utm.geojson, row 1, column 'geometry', value '15,812.0, 9,934,620.0': the coordinates are not "
                       "longitude and latitude: feature 1 has a point at x 15,812.0, y 9,934,620.0, beyond 180° "
                       "east-west or 90° north-south. The file most likely holds projected coordinates (metres, e.g. "
                       "UTM 37S) without a declared coordinate reference system (CRS). Fix: export the layer as WGS84 "
                       "(EPSG:4326) from your GIS, or declare its CRS (a Shapefile's .prj, a GeoPackage's layer CRS) "
                       "and upload again.")


def garbage_shapefile_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for suffix in ("shp", "shx", "dbf"):
            archive.writestr(f"wards.{suffix}", b"garbage" * 10)
        archive.writestr("wards.prj", 'GEOGCS["WGS 84"]')
    return buffer.getvalue()


@pytest.mark.parametrize(("data", "name", "refusal"), [
    (b"{not json", "homa_bay.geojson", "the file could not be read as geometry ('homa_bay.geojson' not recognized "
                                       "as being in a supported file format.). Fix: save it again from your GIS (QGIS: "
                                       "Export > Save Features As) as GeoJSON, GeoPackage or a zipped Shapefile."),
    (garbage_shapefile_zip(), "homa_bay.zip", "the file could not be read as geometry ('homa_bay.zip' not recognized "
                                              "as being in a supported file format.). Fix: save it again from your "
                                              "GIS (QGIS: Export > Save Features As) as GeoJSON, GeoPackage or a "
                                              "zipped Shapefile."),  # GDAL named /vsizip//tmp/…/upload.zip/wards.shp
    (b"garbage" * 100, "homa_bay.gpkg", "the GeoPackage could not be opened ('homa_bay.gpkg' not recognized as being "
                                        "in a supported file format.). Fix: export the layer again from your GIS as a "
                                        "GeoPackage."),
], ids=["geojson", "shapefile", "geopackage"])
def test_gdals_error_names_the_users_file_not_the_servers_temporary_path(upload_warehouse, data, name, refusal):
    message = refused(data, name, upload_warehouse)
    assert message == f"{name}, column '(whole file)', value '': " + refusal


def test_a_point_beyond_an_empty_outline_has_no_distance():
    assert boundaries.distance_outside_m(shapely.Point(34.5, -0.5), shapely.Polygon()) is None
    assert boundaries.distance_outside_m(shapely.Point(34.5, -0.5), None) is None


# Zips and vertices bounded before reading

def zip_declaring(size: int) -> bytes:
    """Return a small zip whose central directory declares its wards.shp `size` bytes long."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for suffix in ("shp", "shx", "dbf", "prj"):
            archive.writestr(f"wards.{suffix}", b"\0" * 100)
    data = bytearray(buffer.getvalue())
    entry = data.index(b"PK\x01\x02")  # the first central directory entry: wards.shp
    data[entry + 24:entry + 28] = size.to_bytes(4, "little")  # its uncompressed size
    return bytes(data)


def test_a_zip_declaring_2_gb_is_refused_in_seconds_before_unpacking(upload_warehouse):
    data = zip_declaring(2_160_000_000)
    assert len(data) < 1000
    started, peak = time.monotonic(), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    message = refused(data, "bomb.zip", upload_warehouse)
    assert time.monotonic() - started < 5
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak < 100_000  # KiB: under 100 MB more
    assert message == ("bomb.zip, column '(whole file)', value '2,160,000,300 bytes': the zip would unpack to 2,060 "
                       "MB, more than the 500 MB a boundary file may hold. Fix: zip only the layer's .shp, .shx, .dbf "
                       "and .prj files; for a larger layer, simplify the polygons or load fewer counties at a time.")


def test_a_part_compressed_a_thousand_times_is_refused_before_unpacking(upload_warehouse):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        with archive.open("wards.dbf", "w") as part:  # 64 MB of zeros, streamed: memory stays low
            for _chunk in range(64):
                part.write(bytes(1024 * 1024))
        archive.writestr("wards.shp", b"\0" * 100)
    info = zipfile.ZipFile(buffer).getinfo("wards.dbf")
    ratio = info.file_size / info.compress_size
    assert ratio > 900
    started = time.monotonic()
    message = refused(buffer.getvalue(), "bomb.zip", upload_warehouse)
    assert time.monotonic() - started < 5
    assert message == (f"bomb.zip, column '(whole file)', value 'wards.dbf': wards.dbf in the zip is compressed "
                       f"{ratio:,.0f} times (at most 100 for a real layer), as a zip bomb is. Fix: zip the "
                       "Shapefile's files again from your GIS export.")


def test_a_shapefile_with_room_for_more_vertices_than_allowed_is_refused_unread(homa_bay_wards, tmp_path,
                                                                                upload_warehouse, monkeypatch):
    data = shapefile_zip(homa_bay_wards, tmp_path)
    size = zipfile.ZipFile(io.BytesIO(data)).getinfo("wards.shp").file_size
    monkeypatch.setattr(boundaries, "MAX_VERTICES", 300)  # the test wards have 354 vertices
    message = refused(data, "wards.zip", upload_warehouse)
    assert message == (f"wards.zip, column '(whole file)', value 'wards.shp': wards.shp in the zip is "
                       f"{size / 1024 / 1024:,.1f} MB: room for {(size - 100) // 16:,} vertices, more than the 300 a "
                       "boundary or facility file may hold. Fix: simplify the polygons (QGIS: Vector > Geometry Tools "
                       "> Simplify, e.g. 10 m) or load fewer counties at a time.")


def test_a_layer_with_more_vertices_than_allowed_is_refused(homa_bay_wards, upload_warehouse, monkeypatch):
    count = int(shapely.get_num_coordinates(homa_bay_wards.geometry.values).sum())
    monkeypatch.setattr(boundaries, "MAX_VERTICES", 300)
    message = refused(geojson_bytes(homa_bay_wards), "wards.geojson", upload_warehouse)
    assert message == (f"wards.geojson, column '(whole file)', value '{count:,}': the layer holds {count:,} vertices, "
                       "more than the 300 a boundary or facility file may hold. Fix: simplify the polygons (QGIS: "
                       "Vector > Geometry Tools > Simplify, e.g. 10 m) or load fewer counties at a time.")


# Facility points

def test_a_facility_with_latitude_and_longitude_swapped_is_refused_as_swapped(upload_warehouse):
    data = facility_register(("HB-1", "Lakeside Dispensary", 34.4571, -0.5273))
    message = refused(data, "facilities.csv", upload_warehouse, kind="facilities")
    assert message == ("facilities.csv, row 2, column 'latitude, longitude', value '34.45710, -0.52730': the latitude "
                       "and longitude columns look swapped: 34.4571 is a longitude in Kenya (33.9 to 41.9) and -0.5273 "
                       "a latitude (-4.7 to 5.4). Fix: put the latitude (north-south, -4.7 to 5.4 in Kenya) in the "
                       "latitude column and the longitude in the longitude column.")


def test_facilities_in_the_atlantic_or_in_utm_metres_are_refused_on_their_lines(upload_warehouse):
    data = facility_register(("HB-1", "Homa Bay Town Health Centre", -0.5273, 34.4571),
                             ("HB-2", "Atlantic Dispensary", 0.5, -20.0),
                             ("HB-3", "UTM Dispensary", 9941000, 650000))
    message = refused(data, "facilities.csv", upload_warehouse, kind="facilities")
    assert message == ("facilities.csv, row 3, column 'latitude, longitude', value '0.50000, -20.00000': the point "
                       "lies 7,631.0 km outside Kenya. Fix: check the coordinates (decimal degrees, latitude south of "
                       "the equator negative) and the county.; "
                       "facilities.csv, row 4, column 'latitude, longitude', value '9941000.00000, 650000.00000': the "
                       "coordinates are not decimal degrees of latitude and longitude. Fix: give latitude and "
                       "longitude in decimal degrees (WGS84), e.g. -0.52734, 34.45712; convert UTM metres or "
                       "degrees-minutes-seconds first.")


def test_a_facility_layer_with_swapped_points_names_the_feature(upload_warehouse):
    points = gpd.GeoDataFrame({"facility_code": ["HB-1", "HB-2"], "facility_name": ["A", "B"],
                               "facility_type": ["Dispensary"] * 2, "sector": ["Health"] * 2,
                               "county": ["Homa Bay"] * 2},
                              geometry=[shapely.Point(34.4571, -0.5273), shapely.Point(-0.5273, 34.4571)],
                              crs="EPSG:4326")
    message = refused(geojson_bytes(points), "facilities.geojson", upload_warehouse, kind="facilities")
    assert message.startswith("facilities.geojson, row 2, column 'latitude, longitude', value '34.45710, -0.52730': "
                              "the latitude and longitude columns look swapped")


def test_a_facility_registers_rows_are_its_lines_with_the_header_as_row_1(upload_warehouse):
    data = facility_register(("HB-1", "Homa Bay Town Health Centre", -0.5273, 34.4571),
                             ("HB-2", "", -0.5273, 34.4571))
    message = refused(data, "facilities.csv", upload_warehouse, kind="facilities")
    assert message.startswith("facilities.csv, row 3, column 'facility_name', value '': the value is empty.")


def test_a_genuine_facility_register_still_loads(upload_warehouse):
    data = facility_register(("HB-1", "Homa Bay Town Health Centre", -0.5273, 34.4571))
    preview = loader.prepare(data, "facilities.csv", "facilities", upload_warehouse)
    assert preview.rows[["facility_code", "county_code"]].values.tolist() == [["HB-1", "043"]]


@pytest.mark.parametrize("kind", ["ward_boundaries", "county_boundaries"])
def test_the_published_places_load_as_they_are(homa_bay_wards, upload_warehouse, kind):
    if kind == "ward_boundaries":
        data, name = geojson_bytes(homa_bay_wards), "wards.geojson"
    else:
        data, name = published_county("043", "Homa Bay"), "counties.geojson"
    preview = loader.prepare(data, name, kind, upload_warehouse, effective_date=pd.Timestamp("2012-03-06").date())
    assert preview.rows_added == (40 if kind == "ward_boundaries" else 1)
