"""The Overview in headless Chromium: the map and a chart appear, with no page error or failed request."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_the_overview_draws_the_county_map_and_the_charts_without_errors(page, visit, shots):
    visit("?county=043&fy=2023/24")
    expect(page.get_by_role("heading", name="Overview · Homa Bay")).to_be_visible(timeout=30_000)
    expect(page.get_by_test_id("stDeckGlJsonChart").locator("canvas").first).to_be_visible(timeout=30_000)
    expect(page.locator(".js-plotly-plot").first).to_be_visible(timeout=30_000)
    expect(page.locator(".js-plotly-plot .bars path").first).to_be_attached(timeout=30_000)
    page.screenshot(path=str(shots / "overview-homa-bay.png"), full_page=True)


def test_the_tile_grid_view_shows_one_tile_per_county(page, visit, settle):
    visit("?county=047")
    page.get_by_role("radio", name="Tile grid").click()
    settle()
    tiles = page.locator(".js-plotly-plot").first.locator(".scatterlayer .point")
    expect(tiles).to_have_count(47, timeout=30_000)
    expect(page).to_have_url(re.compile(r"[?&]view=tiles"))  # the address reopens the tile grid, in any language
    visit("?county=047&view=tiles&lang=sw")
    expect(page.locator(".js-plotly-plot").first.locator(".scatterlayer .point")).to_have_count(47, timeout=30_000)
    expect(page.get_by_test_id("stDeckGlJsonChart")).to_have_count(0)


def test_the_data_page_offers_every_table_as_csv(page, visit):
    visit("data_sources")
    expect(page.get_by_role("heading", name="Data dictionary")).to_be_visible(timeout=30_000)
    with page.expect_download() as download:
        page.get_by_role("button", name="fact_budget_execution.csv").click()
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert text.startswith('"# Source: Office of the Controller of Budget')  # one quoted cell: it holds commas
    assert "002,2013/14,4391400000.0,2929300000.0,66.7" in text
