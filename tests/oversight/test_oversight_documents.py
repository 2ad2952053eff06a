"""Oversight in the documents (issue 33): the brief's Oversight section names the late milestones of a loaded
calendar and links back to the page; the audit opinions found are a section of their own, real, never marked; the
workbook's Oversight sheet holds the calendar's exact values; with real figures only, no generated row reaches them."""

from __future__ import annotations

import io
from datetime import date

import openpyxl

from jdp_analytics.documents import make
from jdp_analytics.documents.sections import ReportData, ReportView
from jdp_analytics.documents.workbook import workbook
from jdp_analytics.warehouse import loader

SOURCE = loader.DeclaredSource("Kwale County Assembly", "Clerk's record of the budget calendar", "CC BY 4.0",
                               date(2025, 6, 30))
CALENDAR = ("county,fiscal_year,milestone,happened_date,due_date,reference,note",
            "Kwale,2024/25,CFSP submitted,2024-03-17,,Order paper,",
            "Kwale,2024/25,Budget estimates approved,2024-06-27,,Hansard,")
KWALE = ReportView("002", "2024/25", "2026Q3", app_url="https://jdp.example.org")


def test_the_brief_names_the_late_milestones_and_links_back_to_the_page(warehouse, csv_bytes):
    loader.load(loader.prepare(csv_bytes(*CALENDAR), "calendar.csv", "budget_calendar", warehouse), warehouse,
                SOURCE, "clerk")
    doc = make.document("brief-pdf", ReportData(warehouse), KWALE)
    oversight = next(s for s in doc.sections if s.title == "Oversight")
    assert oversight.sentences == ("Late against the law in Kwale, FY 2024/25: CFSP submitted late by 18 days.",)
    assert not oversight.is_demo
    assert oversight.sources == ("Kwale County Assembly, Clerk's record of the budget calendar; as of 30 Jun 2025.",)
    assert "https://jdp.example.org/oversight?county=002&fy=2024/25&period=2026Q3" in doc.links


def test_the_audit_opinions_found_are_a_real_section_of_the_brief(reference_warehouse):
    doc = make.document("brief-pdf", ReportData(reference_warehouse, include_demo=True),
                        ReportView("002", "2024/25", "2026Q3", include_demo=True))
    audit = next(s for s in doc.sections if s.title == "Audit opinions")
    assert not audit.is_demo
    found = audit.tables[0].frame
    assert list(found["Opinion"]) == ["adverse, as reported", "disclaimer of opinion, as reported"]
    assert "Figures" not in found.columns  # real rows: no demonstration column
    assert audit.sentences[0].startswith("Kwale: no audit opinion was found for FY 2013/14, FY 2014/15, FY 2017/18")


def test_a_brief_of_real_figures_carries_no_generated_oversight(reference_warehouse):
    doc = make.document("brief-pdf", ReportData(reference_warehouse), ReportView("002", "2024/25", "2026Q3"))
    assert "Oversight" not in [s.title for s in doc.sections]


def test_the_workbook_sheet_holds_the_calendars_exact_days(warehouse, csv_bytes):
    loader.load(loader.prepare(csv_bytes(*CALENDAR), "calendar.csv", "budget_calendar", warehouse), warehouse,
                SOURCE, "clerk")
    view = ReportView("002", "2024/25", "2026Q3", include_demo=True, app_url="https://jdp.example.org")
    book = openpyxl.load_workbook(io.BytesIO(workbook(ReportData(warehouse, include_demo=True), view)))
    rows = [[c for c in row if c is not None] for row in book["Oversight"].iter_rows(values_only=True)]
    cfsp = next(r for r in rows if r[:3] == ["Kwale", "2024/25", "CFSP submitted"])
    assert cfsp[5:7] == [18, "late"]  # days after the deadline, the status
    assert ["Reopen on the Oversight page: https://jdp.example.org/oversight?county=002&fy=2024/25&period=2026Q3"
            "&demo=1"] in rows
