"""The SDG pages in headless Chromium: explorer tabs with their figures, the scorecard and a CSV download."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_the_explorer_shows_map_ranking_trend_breakdown_and_metadata_for_internet_use_in_wajir(page, visit, shots):
    visit("sdg_explorer?county=008&indicator=CEN_INTERNET_USE")
    expect(page.get_by_role("heading", name="Indicator explorer")).to_be_visible(timeout=30_000)
    expect(page.locator("canvas").first).to_be_attached(timeout=30_000)  # the pydeck county map
    expect(page.locator(".js-plotly-plot .bars path").first).to_be_attached(timeout=30_000)
    page.screenshot(path=str(shots / "sdg-explorer-wajir-counties.png"), full_page=True)

    page.get_by_role("tab", name="Breakdown").click()
    expect(page.get_by_text("by group: Wajir, 2019")).to_be_visible(timeout=30_000)
    page.screenshot(path=str(shots / "sdg-explorer-wajir-breakdown.png"))

    page.get_by_role("tab", name="Trend").click()
    expect(page.get_by_text("One period only (2019): no trend can be read")).to_be_visible()
    page.screenshot(path=str(shots / "sdg-explorer-wajir-trend.png"))

    page.get_by_role("tab", name="Metadata").click()
    expect(page.get_by_text("Table 2.33: the persons counted as a percentage").first).to_be_visible()
    page.screenshot(path=str(shots / "sdg-explorer-wajir-metadata.png"))
    assert "indicator=CEN_INTERNET_USE" in page.url


def test_the_scorecard_of_kwale_downloads_as_csv_headed_by_its_sources(page, visit, shots):
    visit("sdg_scorecard?county=002")
    expect(page.get_by_role("heading", name="SDG scorecard · Kwale")).to_be_visible(timeout=30_000)
    expect(page.get_by_role("heading", name="SDG 17 · Partnerships for the goals")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("button", name="sdg-scorecard-kwale.csv").click()
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    first, header = text.splitlines()[:2]
    assert first.lstrip('"').startswith("# Source: ") and "Kenya National Bureau of Statistics (KNBS)" in first
    assert header.startswith("sdg_goal,indicator_code,indicator_name")
    page.screenshot(path=str(shots / "sdg-scorecard-kwale.png"), full_page=True)
