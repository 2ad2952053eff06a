"""The Budget execution page in headless Chromium: chart, rule panel and the downloads a county treasury uses."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest
from playwright.sync_api import expect

from jdp_analytics.budget import execution

pytestmark = pytest.mark.browser


def test_kwale_2019_20_shows_the_chart_the_rule_panel_and_an_excel_file_whose_totals_match(
        page, visit, shots, reference_warehouse, query):
    visit("budget?county=002&fy=2019/20&demo=1")  # the rule figures of a county come from generated rows
    expect(page.get_by_role("heading", name="Budget execution · Kwale")).to_be_visible(timeout=30_000)
    expect(page.locator(".js-plotly-plot").first).to_be_visible(timeout=30_000)
    expect(page.locator(".js-plotly-plot .bars path").first).to_be_attached(timeout=30_000)

    # one section at a time: the trend first, the rules one click away
    expect(page.get_by_role("heading", name="Fiscal responsibility rules")).to_have_count(0)
    page.get_by_role("tab", name="Fiscal responsibility rules").click()
    expect(page.get_by_role("heading", name="Fiscal responsibility rules")).to_be_visible(timeout=30_000)
    expect(page.locator(".st-key-rule_30")).to_contain_text("PFM Act 2012, s.107(2)(b)")
    expect(page.locator(".st-key-rule_35")).to_contain_text("reg. 25(1)(b)")
    # generated lines: an illustration of the rule marked as demonstration, no verdict on Kwale
    expect(page.locator(".st-key-rule_30")).to_contain_text("would break the rule")
    expect(page.locator(".st-key-rule_30")).to_contain_text("Demonstration:")
    expect(page.locator(".st-key-rule_30")).not_to_contain_text("breaks the rule")
    expect(page.locator(".st-key-rule_30")).to_contain_text("27.8 %")
    expect(page.get_by_text(execution.NO_RULE_FIGURE)).to_have_count(0)

    page.get_by_role("tab", name="The 47 counties").click()
    with page.expect_download() as download:
        page.get_by_role("button", name="47-counties-budget-execution-2019-20.xlsx").click(timeout=30_000)
    assert download.value.suggested_filename == "47-counties-budget-execution-2019-20.xlsx"
    workbook = openpyxl.load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
    sheet = workbook["FY 2019-20"]
    header = [cell.value for cell in sheet[1]]
    rows = [dict(zip(header, (cell.value for cell in row))) for row in sheet.iter_rows(min_row=2)]
    budget, expenditure = query(reference_warehouse, "SELECT sum(budget_kes), sum(expenditure_kes) "
                                                     "FROM fact_budget_execution WHERE fiscal_year = ?", "2019/20")[0]
    assert len(rows) == 47
    assert sum(r["budget_kes"] for r in rows) == pytest.approx(budget)
    assert sum(r["expenditure_kes"] for r in rows) == pytest.approx(expenditure)
    assert round(budget) == 499_618_381_000  # the 47 counties' approved budgets, KES (the page: KES 499.62 bn)
    kwale = next(r for r in rows if r["county_code"] == "002")
    assert (kwale["budget_kes"], kwale["expenditure_kes"], kwale["absorption_pct"]) == (13_250_000_000,
                                                                                         8_900_000_000, 67.17)
    citation = workbook["source"]["A2"].value
    assert citation.startswith("Office of the Controller of Budget") and citation.endswith("as of 30 Jun 2020.")

    page.screenshot(path=str(shots / "budget-kwale-2019-20.png"))


def test_a_chart_downloads_as_a_png_drawn_by_kaleido(page, visit):
    visit("budget?county=043&fy=2023/24")
    expect(page.get_by_role("heading", name="Budget execution · Homa Bay")).to_be_visible(timeout=30_000)
    with page.expect_download(timeout=60_000) as download:
        page.get_by_role("button", name="homa-bay-budget-and-expenditure.png").click()
    assert download.value.suggested_filename == "homa-bay-budget-and-expenditure.png"
    png = Path(download.value.path()).read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert int.from_bytes(png[16:20], "big") == 2200  # 1,100 px at scale 2


def test_the_composition_page_downloads_an_excel_of_sectors_that_add_up_to_the_published_budget(
        page, visit, shots, reference_warehouse, query):
    visit("budget_composition?county=002&fy=2019/20&sector=Health&demo=1")  # generated sector lines
    expect(page.get_by_role("heading", name="Budget composition · Kwale")).to_be_visible(timeout=30_000)
    expect(page.get_by_text("DEMONSTRATION DATA: the sector and programme lines")).to_be_visible()
    expect(page.locator(".js-plotly-plot .bars path").first).to_be_attached(timeout=30_000)
    with page.expect_download() as download:
        page.get_by_role("button", name="kwale-budget-by-sector-2019-20.xlsx").click()
    workbook = openpyxl.load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
    sheet = workbook["by sector"]
    header = [cell.value for cell in sheet[1]]
    rows = [dict(zip(header, (cell.value for cell in row))) for row in sheet.iter_rows(min_row=2)]
    [(budget, expenditure)] = query(reference_warehouse, "SELECT budget_kes, expenditure_kes "
                                                         "FROM fact_budget_execution "
                                                         "WHERE county_code = '002' AND fiscal_year = '2019/20'")
    assert len(rows) == 11
    assert sum(r["approved_kes"] for r in rows) == budget == 13_250_000_000  # the CoB budget, to the shilling
    assert sum(r["expenditure_kes"] for r in rows) == expenditure == 8_900_000_000
    assert sum(r["approved_development_kes"] + r["approved_recurrent_kes"] for r in rows) == budget
    assert workbook["source"]["A3"].value == "DEMONSTRATION DATA: generated, not real figures"
    expect(page.get_by_role("button", name="kwale-programmes-health-2019-20.xlsx")).to_be_visible()
    page.screenshot(path=str(shots / "budget-composition-kwale-2019-20.png"))
