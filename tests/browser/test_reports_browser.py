"""The Reports page in headless Chromium: a county brief downloaded as a user would, then read back."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

pytestmark = pytest.mark.browser


def test_homa_bay_brief_downloads_as_a_pdf_that_names_the_county_and_marks_demonstration_pages(page, visit):
    visit("reports?county=043&fy=2023/24&period=2026Q3")
    expect(page.get_by_role("heading", name="Reports · Homa Bay")).to_be_visible(timeout=60_000)
    button = page.get_by_role("button", name="Download homa-bay-brief-2023-24-2026q3.pdf")
    expect(button).to_be_enabled(timeout=30_000)
    with page.expect_download(timeout=120_000) as download:
        button.click()
    assert download.value.suggested_filename == "homa-bay-brief-2023-24-2026q3.pdf"
    pdf = Path(download.value.path()).read_bytes()
    assert pdf[:5] == b"%PDF-"
    pages = [p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages]
    assert "County briefing pack · Homa Bay" in pages[0]
    assert "1,131,950" in " ".join(pages)
    assert any("DEMONSTRATION DATA" in text for text in pages)
