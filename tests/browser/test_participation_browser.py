"""The Participation page in headless Chromium: the ward map and the representation chart, with screenshots."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_homa_bay_shows_the_ward_map_and_who_takes_part_and_labels_the_demonstration_csv(page, visit, shots):
    visit("participation?county=043&fy=2024/25&demo=1", full=True)  # the ward map needs ward polygons
    expect(page.get_by_role("heading", name="Public participation · Homa Bay")).to_be_visible(timeout=30_000)
    expect(page.get_by_text("DEMONSTRATION DATA — generated, not real figures").first).to_be_visible()

    ward_map = page.get_by_test_id("stDeckGlJsonChart")
    expect(ward_map.locator("canvas").first).to_be_attached(timeout=30_000)
    expect(page.get_by_text("no forum in the period")).to_be_visible(timeout=30_000)
    ward_map.scroll_into_view_if_needed()
    ward_map.screenshot(path=str(shots / "participation-homa-bay-ward-map.png"))

    page.get_by_role("tab", name="Who takes part").click()  # one section at a time: the ward map first
    chart = page.locator(".stPlotlyChart").filter(has_text="Who takes part, Homa Bay")
    chart.scroll_into_view_if_needed()
    expect(chart.locator(".scatterlayer .point").first).to_be_attached(timeout=30_000)
    expect(chart).to_contain_text("Women", timeout=30_000)
    expect(chart).to_contain_text("Persons with disabilities")
    chart.screenshot(path=str(shots / "participation-homa-bay-representation.png"))

    with page.expect_download() as download:
        page.get_by_role("button", name="homa-bay-representation-2024-25.csv").click()
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert text.splitlines()[1] == "# DEMONSTRATION DATA: generated, not real figures"
    assert "Kenya National Bureau of Statistics" in text.splitlines()[0]
