"""Documents hold real figures only by default; with include_demo (--include-demo, the Reports checkbox) the generated
sections are added and every one of them is marked, on its page, in its sentences and on its cards."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from jdp_analytics.__main__ import main
from jdp_analytics.common import demonstration
from jdp_analytics.documents import make
from jdp_analytics.documents.sections import ReportData, ReportView
from jdp_analytics.documents.style import DEMO_MARK

KWALE = ReportView("002", "2023/24", "2026Q3")
KWALE_DEMO = ReportView("002", "2023/24", "2026Q3", include_demo=True)
# The shipped participation records, proposals (issue 15), results framework and programme finance are generated.
GENERATED_SECTIONS = ("Oversight", "Public participation", "From proposals to budget", "Results framework, 2026Q3",
                      "Programme finance and cost-effectiveness", "Governance and service-delivery assessment")


@pytest.fixture(scope="module")
def briefs(reference_warehouse) -> dict[str, list[str]]:
    """The text of each page of Kwale's brief, by default and with the demonstration."""
    return {name: [page.extract_text() for page in PdfReader(io.BytesIO(
        make.make("brief-pdf", reference_warehouse, view))).pages] for name, view in (("real", KWALE),
                                                                                     ("demo", KWALE_DEMO))}


def test_a_default_brief_holds_no_generated_figure(briefs, reference_warehouse):
    text = " ".join(briefs["real"])
    assert "DEMONSTRATION" not in text and "Demonstration" not in text and "generated, not real" not in text
    for title in GENERATED_SECTIONS:
        assert not any(re.search(rf"^{re.escape(title)}$", page, re.M) for page in briefs["real"])  # no heading
    doc = make.document("brief-pdf", ReportData(reference_warehouse), KWALE)
    assert not doc.is_demo and all(not demo for _, demo in doc.key_points())
    assert all(not c.is_demo for s in doc.sections for c in s.cards)
    assert "real figures only" in text


def test_a_brief_is_ready_to_hand_out_no_developer_text_no_repeated_or_filler_key_point(briefs, reference_warehouse):
    for name, pages in briefs.items():
        text = re.sub(r"\s+", " ", " ".join(pages))
        assert "JDP_APP_URL" not in text and "app_url" not in text and " --" not in text, name
        assert not re.search(r"\b(fact|dim|geo)_\w+|\b\w+_(kes|pct|id|code)\b|\bis_demo\b", text), name
        assert not re.search(r"(?<![\w.])/(work|srv|home|tmp|root)/", text), name  # no server path
    doc = make.document("brief-pdf", ReportData(reference_warehouse, include_demo=True), KWALE_DEMO)
    points = [sentence for sentence, _demo in doc.key_points()]
    assert len(points) == len(set(points))
    assert not [p for p in points if "would mark some counties as outliers" in p]  # a sentence saying nothing


def test_only_the_pages_that_hold_generated_figures_are_marked(briefs):
    for page in briefs["demo"]:
        headings = [line for line in page.split("\n") if line in ("SDG scorecard", "Budget execution", "Map")]
        generated = [line for line in page.split("\n") if line in GENERATED_SECTIONS]
        marked_rows = "\nDemonstration " in page  # a table's rows marked in its Figures column, its heading before
        if headings and not generated and "Demonstration:" not in page and not marked_rows:
            assert "DEMONSTRATION DATA" not in page, f"a page of real figures is marked: {headings}"


def test_a_brief_with_the_demonstration_marks_every_generated_section_page_sentence_and_card(briefs,
                                                                                              reference_warehouse):
    pages = briefs["demo"]
    for title in GENERATED_SECTIONS:
        holding = [page for page in pages if re.search(rf"^{re.escape(title)}$", page, re.M)]  # its heading
        assert holding, f"{title} is missing from the brief with the demonstration"
        assert all("DEMONSTRATION DATA" in page for page in holding), f"a page of {title} is not marked"
    doc = make.document("brief-pdf", ReportData(reference_warehouse, include_demo=True), KWALE_DEMO)
    generated = [s for s in doc.sections if s.is_demo]
    assert {s.title for s in generated} == set(GENERATED_SECTIONS)
    flat = re.sub(r"\s+", " ", " ".join(pages))
    for section in generated:
        assert all(c.comparison.startswith("Demonstration: ") for c in section.cards)
        for sentence in section.sentences:
            assert sentence.startswith("Demonstration: "), sentence
            assert not re.search(r"(lowest|highest) of the|outlier among|breaks the rule", sentence), sentence
            assert sentence[:50] in flat
        for figure in section.figures:
            assert demonstration.has_watermark(figure)
        for table in section.tables:
            assert set(table.frame[demonstration.TABLE_COLUMN]) == {demonstration.TABLE_MARK}
    real = [s for s in doc.sections if not s.is_demo]
    assert all(not sentence.startswith("Demonstration") for s in real for sentence in s.sentences)
    assert DEMO_MARK in flat


def test_the_quarterly_report_of_a_generated_framework_needs_include_demo(reference_warehouse, tmp_path, capsys):
    out = tmp_path / "q.pdf"
    assert main(["report", "quarterly", "--warehouse", str(reference_warehouse), "--out", str(out)]) == 1
    assert "--include-demo" in capsys.readouterr().err and not out.exists()


def test_the_quarterly_reports_table_headings_keep_their_words_whole(reference_warehouse):
    """The results table's narrow columns are widened to their longest word: "Result" once read "Resul / t"."""
    pdf = make.make("quarterly", reference_warehouse, ReportView(None, "2023/24", "2026Q3", include_demo=True))
    lines = {line.strip() for page in PdfReader(io.BytesIO(pdf)).pages for line in page.extract_text().split("\n")}
    for heading in ("Status", "Result", "Agency", "Baseline", "Target", "Expected", "Actual", "Evidence"):
        assert any(re.search(rf"\b{heading}\b", line) for line in lines), heading
    assert not {"Resul", "Baselin", "Expecte", "Evidenc"} & lines
