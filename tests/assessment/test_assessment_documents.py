"""The assessment in the documents (issue 34): the brief's section names a loaded county's minimum conditions met and
its largest change since the baseline and links back to the page, for a target county and All 47, in English and
Kiswahili; with real figures only no generated round reaches it; the workbook's Assessment sheet holds the exact area
scores and scores; the quarterly report's annex sets every target county side by side for the PIU."""

from __future__ import annotations

import io
from datetime import date

import openpyxl
import pytest

from jdp_analytics.common import i18n
from jdp_analytics.documents import make
from jdp_analytics.documents.sections import ReportData, ReportView
from jdp_analytics.documents.workbook import workbook
from jdp_analytics.warehouse import loader
from tests.assessment.test_assessment_page import MOMBASA

SOURCE = loader.DeclaredSource("JDP PIU", "Assessors' score sheets", "CC BY 4.0", date(2025, 11, 30))
TITLE = "Governance and service-delivery assessment"


@pytest.fixture
def mombasa(warehouse, csv_bytes):
    loader.load(loader.prepare(csv_bytes(*MOMBASA), "mombasa.csv", "assessment_scores", warehouse), warehouse,
                SOURCE, "piu")
    return warehouse


def test_the_brief_names_the_conditions_met_and_the_largest_change_and_links_back(mombasa):
    view = ReportView("001", "2024/25", "2026Q3", app_url="https://jdp.example.org")
    doc = make.document("brief-pdf", ReportData(mombasa), view)
    section = next(s for s in doc.sections if s.title == TITLE)
    assert section.sentences == (
        "Mombasa met 2 of 2 minimum conditions in the follow-up 1 round (assessed 20 Oct 2025).",
        "Mombasa, since the baseline: Public financial management rose most, +16.7 pp (66.7 % → 83.3 %).")
    assert not section.is_demo
    assert section.sources == ("JDP PIU, Assessors' score sheets; as of 30 Nov 2025.",)
    assert list(section.tables[0].frame.iloc[0]) == ["Public financial management", "66.7 %", "83.3 %", "+16.7 pp"]
    assert "https://jdp.example.org/assessment?county=001&fy=2024/25&period=2026Q3" in doc.links


@pytest.mark.parametrize("lang", ["en", "sw"])
@pytest.mark.parametrize("county", [None, "043"])
def test_the_brief_section_for_a_target_county_and_all_47_in_both_languages(reference_warehouse, county, lang):
    view = ReportView(county, "2024/25", "2026Q3", include_demo=True, lang=lang)
    with i18n.use(lang):
        doc = make.document("brief-pdf", ReportData(reference_warehouse, include_demo=True), view)
        section = next(s for s in doc.sections if s.page == "assessment")
        assert section.is_demo and len(section.figures) == (2 if county else 1)
        if county:
            assert len(section.tables[0].frame) == 7  # seven areas, each with its baseline, latest and change
            assert len(section.cards) == 3
        else:
            assert {"en": "Demonstration: 8 of 47 counties", "sw": "Takwimu za mfano: Kaunti 8 kati ya 47"}[lang] \
                in section.sentences[0]  # marked as demonstration, in the language


def test_a_brief_of_real_figures_carries_no_generated_assessment(reference_warehouse):
    doc = make.document("brief-pdf", ReportData(reference_warehouse), ReportView("043", "2024/25", "2026Q3"))
    assert "assessment" not in [s.page for s in doc.sections]


def test_the_workbook_sheet_holds_the_exact_area_scores_and_scores(mombasa):
    view = ReportView("001", "2024/25", "2026Q3", include_demo=True, app_url="https://jdp.example.org")
    book = openpyxl.load_workbook(io.BytesIO(workbook(ReportData(mombasa, include_demo=True), view)))
    rows = [[c for c in row if c is not None] for row in book["Assessment"].iter_rows(values_only=True)]
    area = next(r for r in rows if r[:2] == ["Mombasa", "baseline"] and r[5:6] == ["Public financial management"])
    assert area[6] == pytest.approx(200 / 3) and area[7] == 2
    score = next(r for r in rows if r[:2] == ["Mombasa", "follow-up 1"] and r[4] == "MC2")
    assert score[7:] == ["yes", "pass", 1.0, 1.0, 1.0, "Appropriation Act assented 27 June", "Team A"]
    assert ["Reopen on the Assessment page: https://jdp.example.org/assessment?county=001&fy=2024/25&period=2026Q3"
            "&demo=1"] in rows


def test_the_quarterly_reports_annex_sets_the_target_counties_side_by_side(reference_warehouse):
    view = ReportView(None, "2024/25", "2026Q3", include_demo=True)
    doc = make.document("quarterly", ReportData(reference_warehouse, include_demo=True), view)
    annex = doc.sections[-1]
    assert annex.title == "Annex: governance and service-delivery assessment, target counties" and annex.is_demo
    latest, changes = annex.tables
    assert len(latest.frame) == 8 and len(changes.frame) == 8
    assert set(latest.frame["Figures"]) == {"Demonstration"}
