"""A county's own ward map in Chromium: Homa Bay's test wards (tests/files/wards), uploaded as a zipped Shapefile in
UTM 37S into a warehouse built without ward boundaries, drawn on the Participation page (screenshot in screenshots/)."""

from __future__ import annotations

import shutil
from datetime import date

import geopandas as gpd
import pytest
from PIL import Image
from playwright.sync_api import expect

from bench.harness import serve
from jdp_analytics.warehouse import loader
from jdp_analytics.warehouse.paths import ROOT
from tests.conftest import TEST_WARDS
from tests.geography.conftest import shapefile_zip

pytestmark = pytest.mark.browser
SHOTS = ROOT / "screenshots"


@pytest.fixture(scope="module")
def uploaded_url(reference_warehouse, tmp_path_factory):
    folder = tmp_path_factory.mktemp("uploaded")
    warehouse = folder / "jdp.duckdb"
    shutil.copyfile(reference_warehouse, warehouse)
    data = shapefile_zip(gpd.read_file(TEST_WARDS).to_crs("EPSG:32737"), folder / "shp")
    preview = loader.prepare(data, "homa_bay_wards.zip", "ward_boundaries", warehouse, effective_date=date(2012, 3, 6))
    loader.load(preview, warehouse, loader.DeclaredSource("Homa Bay County GIS unit", "Ward boundaries",
                                                          "Not stated", date(2024, 1, 31)), "tester")
    with serve(warehouse, env={"JDP_LOCAL_EDITOR": "1"}) as url:
        yield url


def test_uploaded_ward_boundaries_are_drawn_as_polygons_on_the_participation_page(page, uploaded_url):
    # `page` is watched: a page error, failed request or exception box fails the test (tests/browser/conftest.py)
    page.goto(f"{uploaded_url}/participation?county=043&fy=2024/25&demo=1")  # the shipped forums are generated
    page.wait_for_selector('[data-testid="stApp"]', timeout=60_000)
    expect(page.get_by_test_id("stStatusWidget")).to_have_count(0, timeout=60_000)
    expect(page.get_by_text("Ward boundaries: Homa Bay County GIS unit").first).to_be_visible(timeout=30_000)
    ward_map = page.get_by_test_id("stDeckGlJsonChart")
    expect(ward_map.locator("canvas").first).to_be_attached(timeout=30_000)
    expect(page.get_by_text("no forum in the period")).to_be_visible(timeout=30_000)
    ward_map.scroll_into_view_if_needed()
    SHOTS.mkdir(exist_ok=True)
    shot = SHOTS / "participation-homa-bay-uploaded-wards.png"
    ward_map.screenshot(path=str(shot))
    # Polygons drawn: the map holds many colours (forum classes, red wards, grey edges), not a blank canvas.
    colours = Image.open(shot).convert("RGB").getcolors(maxcolors=1_000_000)
    assert len(colours) > 20
    assert sum(count for count, rgb in colours if rgb != (255, 255, 255)) > 0.2 * sum(c for c, _ in colours)
