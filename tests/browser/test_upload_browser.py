"""Uploading a filled-in template through the page, in headless Chromium (local editor mode on localhost).

The app here is served over a warehouse of its own (a copy of the reference warehouse): a load changes the warehouse
it is served over, and the other browser tests' app must not depend on whether this ran first."""

from __future__ import annotations

import re
import shutil

import pytest
from playwright.sync_api import expect

from bench.harness import serve

pytestmark = pytest.mark.browser

EVENTS = ("event_id,event_date,county,ward,venue,budget_stage,sectors,organiser,documents_shared,"
          "documents_shared_days_before,attendance_women,attendance_men,attendance_total,attendance_youth,"
          "attendance_pwd,proposals_received,proposals_adopted,feedback_date\n"
          "BRW-2025-001,2025-03-03,Homa Bay,Rusinga Island,Mbita Hall,ADP,Health,Finance,yes,5,30,25,55,20,3,9,4,"
          "2025-05-02\n")


@pytest.fixture(scope="module")
def own_app_url(reference_warehouse, tmp_path_factory):
    """The app's address, served in local editor mode over this module's own copy of the reference warehouse."""
    warehouse = tmp_path_factory.mktemp("upload_browser") / "jdp.duckdb"
    shutil.copyfile(reference_warehouse, warehouse)
    with serve(warehouse, env={"JDP_LOCAL_EDITOR": "1"}) as url:
        yield url


@pytest.fixture
def visit(page, settle, own_app_url):
    """Return a function that opens a path of the app served over this module's warehouse and waits until it has
    finished."""
    def go(path: str):
        page.goto(f"{own_app_url}/{path}")
        settle()
        return page
    return go


def choose_kind(page, settle, kind: str) -> None:
    """Choose what the file holds by typing it (the list narrowed to one kind: under load a click on an option of
    the long list could land while it was being laid out, and the list stayed open)."""
    picker = page.get_by_role("combobox", name="What does the file hold?")
    picker.click()
    picker.fill(kind)
    page.get_by_role("option", name=kind).click()
    settle()
    expect(picker).to_have_value(kind)


def test_an_editor_uploads_a_participation_template_and_sees_it_in_the_load_history(page, visit, settle, tmp_path):
    visit("upload")
    choose_kind(page, settle, "Public participation forums (one row per event)")
    upload = tmp_path / "homa_bay_forums.csv"
    upload.write_text(EVENTS, encoding="utf-8")
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(upload))
    expect(page.get_by_text("homa_bay_forums.csv: 1 rows are valid.")).to_be_visible(timeout=60_000)
    page.get_by_label("Publisher").fill("Homa Bay County Public Participation Office")
    page.get_by_role("button", name="Load 1 rows").click()
    loaded = page.get_by_text("Loaded as L")
    expect(loaded).to_be_visible(timeout=60_000)
    load_id = re.search(r"Loaded as (\S+)\.", loaded.inner_text()).group(1)
    visit("load_history")
    expect(page.get_by_test_id("stDataFrame")).to_be_visible(timeout=30_000)
    # the grid is drawn on a canvas: the load is read where the page names it, the load to roll back (the only one)
    expect(page.get_by_role("combobox", name="Load to roll back")).to_have_value(f"{load_id} · homa_bay_forums.csv")
    expect(page.get_by_role("button", name="Roll back this load")).to_be_visible()


def test_a_file_of_another_kind_is_refused_and_its_unknown_columns_can_be_left_out(page, visit, settle, tmp_path,
                                                                                 shots):
    visit("upload")
    choose_kind(page, settle, "County own-source revenue, total revenue, wage bill and pending bills per fiscal year")
    upload = tmp_path / "x.csv"
    upload.write_text("fiscal_year,county,budget,expenditure\n2023/24,Kwale,14260,10140\n", encoding="utf-8")
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(upload))
    expect(page.get_by_text("x.csv: 2 problem(s) found; nothing was loaded.")).to_be_visible(timeout=60_000)
    expect(page.get_by_text("Traceback")).to_have_count(0)
    problems = page.get_by_test_id("stTable").filter(has_text="how to fix")  # wraps: no column hidden at 1280
    expect(problems).to_be_visible()
    assert problems.evaluate("e => e.scrollWidth <= e.clientWidth + 1")
    # the fix speaks of this page's checkboxes, not of the command line's --ignore-column
    expect(problems).to_contain_text("tick it under 'Columns to leave out' on this page")
    expect(problems).not_to_contain_text("--ignore-column")
    page.screenshot(path=str(shots / "upload-refused-file.png"), full_page=True)
    page.get_by_test_id("stCheckbox").filter(has_text="budget").click()
    settle()
    page.get_by_test_id("stCheckbox").filter(has_text="expenditure").click()
    expect(page.get_by_text("x.csv: 1 rows are valid.")).to_be_visible(timeout=60_000)
    expect(page.get_by_text("Rows that replace existing ones")).to_be_visible()
