"""The county brief's From proposals to budget section and the workbook's Proposals sheet: real (loaded) proposals
only, unless demonstration data is asked for, and then marked as such."""

from __future__ import annotations

import io
import shutil
from dataclasses import dataclass
from datetime import date

import pytest
from openpyxl import load_workbook

from jdp_analytics.documents import sections, workbook
from jdp_analytics.documents.sections import ReportData, ReportView
from jdp_analytics.warehouse import loader

HEADER = ("proposal_id,county,ward,fiscal_year,budget_stage,proposed_date,sector,proposal_text,raised_by_group,"
          "decision,programme,feedback_date")
ROWS = ("KWL-P1,Kwale,Tsimba Golini,2024/25,ADP,2024-08-02,Water,Borehole at Tsimba market,women,"
        "adopted into budget,Rural water supply,2024-09-30",
        "KWL-P2,Kwale,Tsimba Golini,2024/25,ADP,2024-08-02,Roads,Grade the Golini road,youth,rejected,,")
LINKS = ("proposal_id,county,fiscal_year,sector,programme,allocated_kes,spent_kes",
         "KWL-P1,Kwale,2024/25,Water,Rural water supply,2500000,1000000")
SOURCE = loader.DeclaredSource("Kwale County Treasury", "Proposals register 2024/25", "CC BY 4.0", date(2025, 6, 30))


@dataclass(frozen=True)
class ViewWithDemo(ReportView):
    include_demo: bool = True


@pytest.fixture
def loaded(reference_warehouse, tmp_path):
    copy = tmp_path / "jdp.duckdb"
    shutil.copyfile(reference_warehouse, copy)
    for kind, lines in (("proposals", (HEADER, *ROWS)), ("proposal_links", LINKS)):
        data = ("\n".join(lines) + "\n").encode()
        loader.load(loader.prepare(data, f"{kind}.csv", kind, copy), copy, SOURCE, "tester")
    return copy


def test_the_brief_leaves_out_proposals_that_are_only_demonstration_rows(reference_warehouse):
    data = ReportData(reference_warehouse)
    assert sections.proposals_section(data, ReportView("043", "2024/25", "")) is None


def test_asked_for_demonstration_data_the_section_is_built_and_marked(reference_warehouse):
    section = sections.proposals_section(ReportData(reference_warehouse, include_demo=True),
                                         ViewWithDemo("043", "2024/25", ""))
    assert section.is_demo and section.title == "From proposals to budget"
    assert section.sentences[0].startswith("Of the 3,390 proposals made in Homa Bay in FY 2024/25, 1,827 were adopted")


def test_loaded_proposals_give_a_real_section_with_the_funnel_in_words(loaded):
    section = sections.proposals_section(ReportData(loaded), ReportView("002", "2024/25", ""))
    assert not section.is_demo
    assert section.sentences[0] == ("Of the 2 proposals made in Kwale in FY 2024/25, 1 were adopted into the plan or "
                                    "budget, 1 were given KES 2.5 m of which KES 1.0 m was spent, and the proposers "
                                    "of 1 were told the decision.")
    assert [c.value for c in section.cards] == ["2", "50.0 %", "2.5 m", "1.0 m"]
    assert section.sources == ("Kwale County Treasury, Proposals register 2024/25; as of 30 Jun 2025.",)
    assert section.tables == ()  # the one adopted proposal is funded


def test_the_workbook_has_a_proposals_sheet_with_the_loaded_proposals(loaded):
    book = load_workbook(io.BytesIO(workbook.workbook(ReportData(loaded), ReportView("002", "2024/25", "2026Q4"))))
    sheet = book["Proposals"]
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=1) if any(c.value for c in row)]
    header = next(i for i, r in enumerate(rows) if r[0] == "Proposal ID")
    assert [r[0] for r in rows[header + 1:]] == ["KWL-P1", "KWL-P2"]
    first = dict(zip(rows[header], rows[header + 1]))
    assert (first["Ward"], first["Decision"], first["KES allocated"], first["KES spent"]) == (
        "Tsimba Golini", "adopted into budget", 2_500_000, 1_000_000)
    assert rows[1][0].startswith("View: county 002 Kwale")


def test_the_workbook_has_no_proposals_sheet_when_only_demonstration_proposals_exist(reference_warehouse):
    book = load_workbook(io.BytesIO(workbook.workbook(ReportData(reference_warehouse),
                                                      ReportView("043", "2024/25", "2026Q4"))))
    assert "Proposals" not in book.sheetnames
