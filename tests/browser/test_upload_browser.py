"""Uploading a filled-in template through the page, in headless Chromium (local editor mode on localhost)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

EVENTS = ("event_id,event_date,county,ward,venue,budget_stage,sectors,organiser,documents_shared,"
          "documents_shared_days_before,attendance_women,attendance_men,attendance_total,attendance_youth,"
          "attendance_pwd,proposals_received,proposals_adopted,feedback_date\n"
          "BRW-2025-001,2025-03-03,Homa Bay,Rusinga Island,Mbita Hall,ADP,Health,Finance,yes,5,30,25,55,20,3,9,4,"
          "2025-05-02\n")


def wait_until_idle(page):
    page.wait_for_selector('[data-testid="stApp"]', timeout=60_000)
    expect(page.get_by_test_id("stStatusWidget")).to_have_count(0, timeout=60_000)


def test_an_editor_uploads_a_participation_template_and_sees_it_in_the_load_history(page, app_url, tmp_path):
    page.goto(f"{app_url}/upload")
    wait_until_idle(page)
    page.get_by_test_id("stSelectbox").filter(has_text="What does the file hold?").click()
    page.get_by_role("option", name="Public participation forums (one row per event)").click()
    wait_until_idle(page)
    upload = tmp_path / "homa_bay_forums.csv"
    upload.write_text(EVENTS, encoding="utf-8")
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(upload))
    expect(page.get_by_text("homa_bay_forums.csv: 1 rows are valid.")).to_be_visible(timeout=60_000)
    page.get_by_label("Publisher").fill("Homa Bay County Public Participation Office")
    page.get_by_role("button", name="Load 1 rows").click()
    expect(page.get_by_text("Loaded as L")).to_be_visible(timeout=60_000)
    page.goto(f"{app_url}/load_history")
    wait_until_idle(page)
    expect(page.get_by_test_id("stDataFrame")).to_be_visible(timeout=30_000)
    expect(page.get_by_role("button", name="Roll back this load")).to_be_visible()
    assert page.problems == []


def test_a_file_of_another_kind_is_refused_and_its_unknown_columns_can_be_left_out(page, app_url, tmp_path):
    page.goto(f"{app_url}/upload")
    wait_until_idle(page)
    page.get_by_test_id("stSelectbox").filter(has_text="What does the file hold?").click()
    page.get_by_role("option", name="County own-source revenue, total revenue, wage bill and pending bills per "
                                    "fiscal year").click()
    wait_until_idle(page)
    upload = tmp_path / "x.csv"
    upload.write_text("fiscal_year,county,budget,expenditure\n2023/24,Kwale,14260,10140\n", encoding="utf-8")
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(upload))
    expect(page.get_by_text("x.csv: 2 problem(s) found; nothing was loaded.")).to_be_visible(timeout=60_000)
    expect(page.get_by_text("Traceback")).to_have_count(0)
    page.get_by_test_id("stCheckbox").filter(has_text="budget").click()
    wait_until_idle(page)
    page.get_by_test_id("stCheckbox").filter(has_text="expenditure").click()
    expect(page.get_by_text("x.csv: 1 rows are valid.")).to_be_visible(timeout=60_000)
    expect(page.get_by_text("Rows that replace existing ones")).to_be_visible()
    assert page.problems == []
