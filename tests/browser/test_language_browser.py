"""English and Kiswahili in headless Chromium: the sidebar switch changes the page and keeps ?lang= in the address;
the county stays chosen across the switch."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def choose_language(page, name: str) -> None:
    """Open the sidebar's language picker and choose a language (the list can take a moment to open)."""
    option = page.get_by_role("option", name=name)
    for _ in range(3):
        page.get_by_test_id("stSelectbox").filter(has_text="Language · Lugha").get_by_role("combobox").click()
        try:
            option.wait_for(timeout=10_000)
            break
        except Exception:  # noqa: BLE001 - the picker did not open yet: click it again
            page.keyboard.press("Escape")
    option.click()


def test_the_language_switch_turns_the_page_into_kiswahili_and_back(page, visit, settle):
    visit("budget?county=002&fy=2023/24")
    expect(page.get_by_role("heading", name="Budget execution · Kwale")).to_be_visible(timeout=30_000)
    choose_language(page, "Kiswahili")
    settle()
    expect(page.get_by_role("heading", name="Utekelezaji wa bajeti · Kwale")).to_be_visible(timeout=30_000)
    expect(page.get_by_text("Mwenendo tangu mwaka wa fedha 2013/14")).to_be_visible()
    assert "lang=sw" in page.url and "county=002" in page.url
    choose_language(page, "English")
    settle()
    expect(page.get_by_role("heading", name="Budget execution · Kwale")).to_be_visible(timeout=30_000)
    assert "lang=" not in page.url and "county=002" in page.url and "fy=2023" in page.url  # the choice stays


def test_a_kiswahili_link_opens_in_kiswahili_with_its_figures(page, visit):
    visit("?county=002&fy=2023/24&lang=sw")
    expect(page.get_by_role("heading", name="Muhtasari · Kwale")).to_be_visible(timeout=30_000)
    expect(page.get_by_text("Idadi ya watu, sensa ya 2019")).to_be_visible()
    expect(page.get_by_text("866,820")).to_be_visible()  # Kwale's 2019 census population, as on the English page


def test_a_pages_own_choice_stays_across_the_language_switch(page, visit, settle):
    visit("reports?county=002&fy=2023/24")
    expect(page.get_by_role("heading", name="Reports · Kwale")).to_be_visible(timeout=30_000)
    page.get_by_test_id("stSidebar").get_by_text("Demonstration data", exact=True).click()
    settle()
    expect(page.get_by_role("switch", name="Demonstration data")).to_be_checked()
    assert "demo=1" in page.url
    choose_language(page, "Kiswahili")
    settle()
    expect(page.get_by_role("heading", name="Ripoti · Kwale")).to_be_visible(timeout=30_000)
    expect(page.get_by_role("switch", name="Takwimu za mfano")).to_be_checked()
    assert "demo=1" in page.url


def test_a_breakdown_chosen_stays_across_the_language_switch(page, visit, settle):
    visit("programme_finance?county=002&fy=2023/24&demo=1")  # the shipped programme finance is generated
    expect(page.get_by_role("heading", name="Programme finance · Kwale")).to_be_visible(timeout=30_000)
    breakdown = page.locator(".st-key-finance_by")
    breakdown.get_by_role("radio", name="Agency", exact=True).click()
    settle()
    expect(breakdown.get_by_role("radio", name="Agency", exact=True)).to_have_attribute("aria-checked", "true")
    choose_language(page, "Kiswahili")
    settle()
    expect(page.get_by_role("heading", name="Fedha za mpango · Kwale")).to_be_visible(timeout=30_000)
    expect(breakdown.get_by_role("radio", name="Shirika", exact=True)).to_have_attribute("aria-checked", "true")
