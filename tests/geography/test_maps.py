"""Maps: what the browser receives is small enough for a slow connection and fetches nothing."""

from __future__ import annotations

import json
from datetime import date

import pytest

from jdp_analytics.common import measures
from jdp_analytics.geography import maps
from jdp_analytics.geography.counties import JDP_TARGETS
from jdp_analytics.overview import views as overview_views
from jdp_analytics.warehouse.queries import Warehouse


@pytest.fixture(scope="module")
def warehouse(reference_warehouse):
    """The reference warehouse: county boundaries are part of the embedded set."""
    wh = Warehouse(reference_warehouse)
    yield wh
    wh.close()


def test_the_eight_target_counties_ward_maps_send_less_than_1_5_mb_together(shared_data, full_warehouse):
    wh = Warehouse(full_warehouse)  # every target county's ward boundaries: the published IEBC file only
    try:
        in_force = date(2024, 6, 30)
        sizes = {code: maps.geojson_size(maps.ward_deck(
            wh.query("ward_boundaries", county_code=code, as_of=in_force),
            wh.query("wards_of_county", county_code=code))) for code in JDP_TARGETS}
    finally:
        wh.close()
    assert sum(sizes.values()) <= 1.5 * 1024 * 1024, sizes


def test_the_county_map_has_47_polygons_and_no_basemap(warehouse):
    counties = warehouse.query("counties")
    values = overview_views.measure_values(warehouse.query("county_measures", fiscal_year="2013/14"), counties,
                                  "absorption_pct")
    measure = measures.measures(warehouse.query("indicators"))["absorption_pct"]
    spec = json.loads(maps.county_deck(warehouse.query("county_boundaries"), values, measure, "002").to_json())
    features = spec["layers"][0]["data"]["features"]
    assert len(features) == 47
    assert spec.get("mapStyle") in (None, "__MAP_STYLE__") and spec.get("mapProvider") is None
    kwale = next(f["properties"] for f in features if f["properties"]["code"] == "002")
    assert kwale["value_text"] == "66.7 %"
    assert kwale["target"] == "JDP target county"


def test_a_flagged_development_rate_is_shown_as_flagged_not_coloured(warehouse):
    counties = warehouse.query("counties")
    values = overview_views.measure_values(warehouse.query("county_measures", fiscal_year="2016/17"), counties,
                                  "development_absorption_pct")
    measure = measures.measures(warehouse.query("indicators"))["development_absorption_pct"]
    spec = json.loads(maps.county_deck(warehouse.query("county_boundaries"), values, measure).to_json())
    mandera = next(f["properties"] for f in spec["layers"][0]["data"]["features"] if f["properties"]["code"] == "009")
    assert mandera["value_text"] == "flagged as suspect"
    assert mandera["fill"] == list(maps.NO_DATA)


def test_the_tile_grid_places_each_county_once():
    frame = maps.tile_frame()
    assert len(frame) == 47
    assert frame["county_code"].is_unique
    assert not frame.duplicated(["row", "col"]).any()
