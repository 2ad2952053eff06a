"""The Reports page in headless Chromium: a county brief downloaded as a user would, then read back."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

pytestmark = pytest.mark.browser


def brief_pages(page, name: str) -> list[str]:
    """Download the brief offered under `name` and return the text of its pages."""
    button = page.get_by_role("button", name=f"Download {name}")
    expect(button).to_be_enabled(timeout=30_000)
    with page.expect_download(timeout=120_000) as download:
        button.click()
    assert download.value.suggested_filename == name
    pdf = Path(download.value.path()).read_bytes()
    assert pdf[:5] == b"%PDF-"
    return [p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages]


def test_homa_bay_brief_holds_real_figures_and_marks_demonstration_pages_only_when_asked(page, visit, settle):
    visit("reports?county=043&fy=2023/24&period=2026Q3")
    expect(page.get_by_role("heading", name="Reports · Homa Bay")).to_be_visible(timeout=60_000)
    pages = brief_pages(page, "homa-bay-brief-2023-24.pdf")  # no real results framework: no quarter to name
    assert "County briefing pack · Homa Bay" in pages[0]
    assert "1,131,950" in " ".join(pages)  # Homa Bay's 2019 census population
    assert not any("DEMONSTRATION DATA" in text for text in pages)  # real figures only by default
    text = " ".join(pages)
    assert "JDP_APP_URL" not in text and "--" not in text  # a handout, not a configuration note
    page.get_by_test_id("stSidebar").get_by_text("Demonstration data", exact=True).click()  # the one switch
    settle()
    pages = brief_pages(page, "homa-bay-brief-2023-24-2026q3-demonstration.pdf")
    assert any("DEMONSTRATION DATA" in text for text in pages)
