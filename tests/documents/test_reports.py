"""The generated documents, read back as a user would: the PDF rendered and its text, the slides' titles, the
workbook's totals against the warehouse, the demonstration mark, and the CLI."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader

from jdp_analytics.__main__ import main
from jdp_analytics.documents import make, style
from jdp_analytics.documents.sections import ReportView

HOMA_BAY = ReportView("043", "2023/24", "2026Q3", app_url="https://jdp.example.org")
PROGRAMME = ReportView(None, "2023/24", "2026Q3", app_url="")
# The shipped results framework, participation records and contracts are generated: the documents that show them
# are asked for with include_demo (--include-demo, the Reports checkbox); test_demonstration.py checks the default.
HOMA_BAY_DEMO = ReportView("043", "2023/24", "2026Q3", include_demo=True, app_url="https://jdp.example.org")
PROGRAMME_DEMO = ReportView(None, "2023/24", "2026Q3", include_demo=True, app_url="")


@pytest.fixture(scope="module")
def documents(reference_warehouse) -> dict[str, bytes]:
    """The Homa Bay brief as PDF and PPTX and the programme's quarterly report, counting browsers started for them."""
    from jdp_analytics.common import exports

    own = []
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(exports, "_in_own_browser", lambda *args: own.append(1) or b"")
        made = {"brief-pdf": make.make("brief-pdf", reference_warehouse, HOMA_BAY_DEMO)}
        made["sessions"] = len(own)
        made["brief-pptx"] = make.make("brief-pptx", reference_warehouse, HOMA_BAY_DEMO)
        made["quarterly"] = make.make("quarterly", reference_warehouse, PROGRAMME_DEMO)
    return made


def pages_text(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def test_a_brief_draws_its_charts_in_the_browser_the_process_keeps_open(documents):
    assert documents["sessions"] == 0  # no browser of its own: the kept one (PNG downloads use it too)


def test_the_brief_pdf_renders_with_pdftoppm(documents, tmp_path):
    assert shutil.which("pdftoppm"), "pdftoppm (Debian poppler-utils) is installed by .ci/run"
    (tmp_path / "brief.pdf").write_bytes(documents["brief-pdf"])
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(tmp_path / "brief.pdf"), str(tmp_path / "page")], check=True)
    pngs = sorted(tmp_path.glob("page-*.png"))
    assert len(pngs) == len(pages_text(documents["brief-pdf"])) >= 3
    assert all(p.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" for p in pngs)


def test_the_brief_pdf_names_the_county_and_shows_the_headline_figures_as_text(documents):
    text = "\n".join(pages_text(documents["brief-pdf"]))
    assert "County briefing pack · Homa Bay" in text
    assert "1,131,950" in text  # Homa Bay's population, 2019 census
    assert "Population, 2019 census" in text and "Absorption, FY 2023/24" in text
    assert "Development absorption in Homa Bay" in text  # a key point written by the rules


def test_the_brief_states_its_view_deep_links_generation_date_and_sources(documents):
    text = " ".join(pages_text(documents["brief-pdf"])).replace("\n", " ")
    assert "View: county 043 Homa Bay; fiscal year 2023/24; results framework quarter 2026Q3" in text
    assert "https://jdp.example.org/budget?county=043&fy=2023/24&period=2026Q3" in text.replace(" ", "")
    assert "Generated " in text and " UTC" in text
    assert "Office of the Controller of Budget" in text and "as of 30 Jun 2024" in text


def test_every_pdf_page_with_demonstration_figures_carries_the_mark_and_real_only_pages_do_not(documents):
    pages = pages_text(documents["brief-pdf"])
    for number, text in enumerate(pages, start=1):
        shows_demo = "Results framework, 2026Q3" in text or "Programme finance and cost" in text
        if shows_demo:
            assert "DEMONSTRATION DATA" in text, f"page {number} shows demonstration figures without the mark"
    assert any("DEMONSTRATION DATA" not in text for text in pages), "the real-figure pages should not be marked"


def test_no_sentence_of_the_brief_speaks_of_missing_data(documents):
    text = " ".join(pages_text(documents["brief-pdf"])).lower()
    assert "no published figure" not in text and "missing" not in text


def test_the_pptx_opens_and_has_the_expected_slide_titles(documents):
    from pptx import Presentation

    deck = Presentation(io.BytesIO(documents["brief-pptx"]))
    titles = list(dict.fromkeys(re.sub(r" \(\d+ of \d+\)$", "", slide.shapes.title.text) for slide in deck.slides))
    # A section's own slide only when it has cards or sentences (the SDG scorecard's sentence against Kenya); the
    # generated proposals come with include_demo (issue 15).
    assert titles == ["County briefing pack · Homa Bay", "Key points", "Headline figures",
                      "Headline figures: What the warehouse holds for Homa Bay", "Map", "Budget execution",
                      "Budget execution (continued)", "Oversight", "Oversight (continued)",
                      "Oversight: Budget calendar, FY 2023/24", "Oversight: Oversight reports and their follow-up",
                      "Audit opinions", "Audit opinions: Audit opinions found", "Public participation",
                      "Public participation (continued)",
                      "From proposals to budget", "From proposals to budget: Oldest adopted proposals not yet funded",
                      "SDG scorecard", "SDG scorecard: Indicators with a county value",
                      "Governance and service-delivery assessment",
                      "Governance and service-delivery assessment (continued)",
                      "Governance and service-delivery assessment: Area scores", "Results framework, 2026Q3",
                      "Results framework, 2026Q3: Indicators", "Programme finance and cost-effectiveness",
                      "Programme finance and cost-effectiveness: Cost per output", "Sources"]
    marked = {slide.shapes.title.text for slide in deck.slides
              if any(shape.has_text_frame and shape.text_frame.text.startswith("DEMONSTRATION DATA")
                     for shape in slide.shapes)}
    assert "Results framework, 2026Q3" in marked and "Programme finance and cost-effectiveness" in marked
    assert "Public participation" in marked and "Governance and service-delivery assessment" in marked
    assert {"From proposals to budget", "From proposals to budget: Oldest adopted proposals not yet funded"} <= marked
    assert "Map" not in marked and "Budget execution" not in marked
    # the generated calendar, amendments and follow-up are marked; the audit opinions, as reported, are real
    assert {"Oversight", "Oversight: Budget calendar, FY 2023/24"} <= marked and "Audit opinions" not in marked
    assert not any(title.startswith("SDG scorecard") for title in marked)


def test_the_quarterly_report_lists_every_outcome_and_the_status_rule(documents):
    text = " ".join(pages_text(documents["quarterly"])).replace("\n", " ")
    assert "Quarterly progress report, 2026Q3 · Joint Devolution Programme" in text
    for heading in ("O1 · Outcome 1", "O2 · Outcome 2", "O3 · Outcome 3", "RE · Reporting and efficiency",
                    "Changes since 2026Q2", "Cost per official trained"):
        assert heading in text
    assert "On track: progress of 90% or more" in text
    *figures, sources = pages_text(documents["quarterly"])  # the last page lists the sources only
    assert all("DEMONSTRATION DATA" in page for page in figures)
    assert sources.startswith("Quarterly progress report") and "Sources and as-of dates" in sources


def test_the_workbook_totals_equal_the_warehouse_totals(reference_warehouse, query):
    book = openpyxl.load_workbook(io.BytesIO(make.make("workbook", reference_warehouse, PROGRAMME_DEMO)))
    # The shipped proposals are generated: with include_demo the workbook has their sheet (issue 15), marked.
    assert book.sheetnames == ["About", "O1", "O2", "O3", "RE", "Finance", "Proposals", "Own-source revenue",
                               "Oversight", "Assessment"]
    reported = 0.0
    for name in ("O1", "O2", "O3", "RE"):
        sheet = book[name]
        header_row = next(r for r in range(1, 8) if sheet.cell(r, 1).value == "Outcome")
        header = [c.value for c in sheet[header_row]]
        quarters = [i for i, h in enumerate(header) if isinstance(h, str) and h[:4].isdigit() and "Q" in h]
        for row in sheet.iter_rows(min_row=header_row + 1, values_only=True):
            reported += sum(row[i] for i in quarters if row[i] is not None)
        assert sheet["A3"].value == style.DEMO_MARK
    [(warehouse_sum,)] = query(reference_warehouse, "SELECT sum(value) FROM fact_result_actual WHERE period <= ?",
                               "2026Q3")
    assert reported == pytest.approx(warehouse_sum)
    finance = book["Finance"]
    total_row = next(r for r in finance.iter_rows(values_only=True) if r[3] == "Total")
    [(budget, spent)] = query(reference_warehouse, "SELECT sum(budget_kes), sum(spent_kes) FROM "
                                                   "fact_programme_finance WHERE period <= '2026Q4'")
    assert total_row[4] == pytest.approx(budget) and total_row[5] == pytest.approx(spent)
    proposals = book["Proposals"]
    assert proposals["A1"].value == "From proposals to budget, 8 target counties, FY 2023/24"  # counted from its rows
    assert proposals["A3"].value == style.DEMO_MARK
    header_row = next(r for r in range(1, 8) if proposals.cell(r, 1).value == "Proposal ID")
    header = [c.value for c in proposals[header_row]]
    rows = list(proposals.iter_rows(min_row=header_row + 1, values_only=True))
    allocated = sum(r[header.index("KES allocated")] or 0 for r in rows)
    [(linked,)] = query(reference_warehouse, "SELECT sum(l.allocated_kes) FROM fact_proposal p JOIN fact_proposal_link "
                                             "l USING (proposal_id) WHERE p.fiscal_year = '2023/24'")
    [(made,)] = query(reference_warehouse, "SELECT count(*) FROM fact_proposal WHERE fiscal_year = '2023/24'")
    assert len(rows) == made > 0 and allocated == pytest.approx(linked)


def test_the_cli_writes_a_workbook_for_a_county(reference_warehouse, tmp_path, capsys):
    out = tmp_path / "kwale.xlsx"
    assert main(["report", "workbook", "--county", "002", "--period", "2026Q3", "--include-demo", "--warehouse",
                 str(reference_warehouse), "--out", str(out)]) == 0
    assert "county 002 Kwale" in capsys.readouterr().out
    book = openpyxl.load_workbook(out)
    scopes = {row[6] for row in book["O1"].iter_rows(min_row=6, values_only=True)}
    assert scopes == {"Kwale", "Programme"}


def test_the_cli_refuses_a_brief_without_a_county_and_a_quarter_with_no_values(reference_warehouse, capsys):
    with pytest.raises(SystemExit):
        main(["report", "brief-pdf", "--warehouse", str(reference_warehouse)])
    assert "a county briefing pack needs --county" in capsys.readouterr().err
    assert main(["report", "quarterly", "--period", "2027Q1", "--warehouse", str(reference_warehouse),
                 "--include-demo"]) == 1
    assert "no indicator value was reported for 2027Q1" in capsys.readouterr().err
    # without --include-demo the shipped framework, generated, is not there to report on
    assert main(["report", "quarterly", "--period", "2026Q3", "--warehouse", str(reference_warehouse)]) == 1
    assert "the results framework in the warehouse is generated demonstration data" in capsys.readouterr().err


def test_file_names_say_who_what_and_when():
    assert make.file_name("brief-pdf", HOMA_BAY) == "homa-bay-brief-2023-24-2026q3.pdf"
    assert make.file_name("workbook", PROGRAMME) == "programme-results-workbook-2023-24-2026q3.xlsx"
    assert Path(make.file_name("brief-pptx", HOMA_BAY)).suffix == ".pptx"


def test_every_shape_of_the_slides_lies_on_its_slide(documents):
    from pptx import Presentation

    deck = Presentation(io.BytesIO(documents["brief-pptx"]))
    for number, slide in enumerate(deck.slides, start=1):
        for shape in slide.shapes:
            assert shape.left >= 0 and shape.top >= 0, (number, shape.name)
            assert shape.left + shape.width <= deck.slide_width, (number, shape.name)
            assert shape.top + shape.height <= deck.slide_height, (number, shape.name)


def test_a_brief_for_a_county_outside_the_programme_has_only_the_sections_with_figures(reference_warehouse):
    from jdp_analytics.documents.sections import ReportData

    doc = make.document("brief-pdf", ReportData(reference_warehouse), ReportView("047", "2023/24", "2026Q3"))
    assert [s.title for s in doc.sections] == ["Headline figures", "Map", "Budget execution", "Audit opinions",
                                               "SDG scorecard"]  # Nairobi's opinions as the press reported them
    assert not doc.is_demo
    assert all("no published" not in sentence.lower() for sentence, _ in doc.key_points())
