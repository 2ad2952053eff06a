"""Documents ready to hand out: links that work on paper, slides whose shapes and tables stay on the slide, no
blank slide, print-size captions and the quarterly report's real scope."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from jdp_analytics.documents import make, slides
from jdp_analytics.documents.sections import ReportView

EMU_PER_INCH = 914400


@pytest.fixture(scope="module")
def deck(reference_warehouse):
    from pptx import Presentation

    view = ReportView("002", "2023/24", "2026Q3")
    return Presentation(io.BytesIO(make.make("brief-pptx", reference_warehouse, view)))


def test_every_shape_lies_within_the_slide(deck):
    for number, slide in enumerate(deck.slides, start=1):
        for shape in slide.shapes:
            assert shape.left >= 0 and shape.top >= 0, f"slide {number}"
            assert shape.left + shape.width <= deck.slide_width, f"slide {number}: {shape.name} runs off the right"
            assert shape.top + shape.height <= deck.slide_height, f"slide {number}: {shape.name} runs off the bottom"


def test_no_table_runs_below_the_footer(deck):
    footer_top = slides.FOOTER_TOP * EMU_PER_INCH
    tables = [(n, s) for n, slide in enumerate(deck.slides, 1) for s in slide.shapes if s.has_table]
    assert tables
    for number, shape in tables:
        bottom = shape.top + sum(row.height for row in shape.table.rows)
        assert bottom <= footer_top <= deck.slide_height, f"slide {number}: ends at {bottom / EMU_PER_INCH:.2f} in"


def test_no_slide_is_blank_beside_its_title_and_footer(deck):
    for number, slide in enumerate(deck.slides, start=1):
        content = [s for s in slide.shapes if s != slide.shapes.title and s.top < slides.FOOTER_TOP * EMU_PER_INCH
                   and not (s.has_text_frame and s.text_frame.text.startswith("DEMONSTRATION DATA"))]
        assert any(s.has_table or s.shape_type == 13 or (s.has_text_frame and s.text_frame.text.strip())
                   for s in content), f"slide {number} ({slide.shapes.title.text}) is blank"


def test_a_long_slide_title_gets_a_smaller_size_that_fits_its_box():
    assert slides.title_size("Map") == 28
    long = "Programme finance and cost-effectiveness: Cost per output (2 of 2)"
    size = slides.title_size(long)
    assert size < 28 and len(long) * size * 0.55 / 72 <= slides.TITLE_BOX_IN


def test_the_pdf_links_are_absolute_addresses_of_the_configured_app(reference_warehouse):
    view = ReportView("043", "2023/24", "2026Q3", app_url="https://jdp.example.org")
    reader = PdfReader(io.BytesIO(make.make("brief-pdf", reference_warehouse, view)))
    uris = [a.get_object()["/A"]["/URI"] for page in reader.pages for a in page.get("/Annots", [])
            if a.get_object().get("/A", {}).get("/URI")]
    assert "https://jdp.example.org/budget?county=043&fy=2023/24&period=2026Q3" in uris
    assert all(uri.startswith("https://jdp.example.org/") for uri in uris)


def test_without_an_app_address_a_document_prints_no_link_and_no_developer_text(reference_warehouse):
    # The shipped results framework is generated: the quarterly report of it is made only with include_demo.
    view = ReportView(None, "2023/24", "2026Q3", include_demo=True, app_url="")
    reader = PdfReader(io.BytesIO(make.make("quarterly", reference_warehouse, view)))
    text = " ".join(page.extract_text() for page in reader.pages).replace("\n", " ")
    assert "JDP_APP_URL" not in text and "app_url" not in text and "--" not in text  # handed out, not configured
    assert "/progress?county=" not in text
    assert not any(page.get("/Annots") for page in reader.pages)


def test_the_app_address_comes_from_jdp_app_url(monkeypatch):
    monkeypatch.setenv("JDP_APP_URL", "https://jdp.example.org/")
    assert ReportView("043", "2023/24", "2026Q3").deep_link("overview") == (
        "https://jdp.example.org/?county=043&fy=2023/24&period=2026Q3")  # the Overview is the root
    monkeypatch.delenv("JDP_APP_URL")
    assert ReportView("043", "2023/24", "2026Q3").deep_link("overview") == ""


def test_the_quarterly_report_names_the_programme_of_eight_counties_not_all_47():
    described = ReportView(None, "2023/24", "2026Q3").describe()
    assert "the whole programme, its 8 target counties" in described and "47" not in described


def test_the_cli_takes_the_app_address(reference_warehouse, tmp_path):
    from jdp_analytics.__main__ import main

    out = tmp_path / "brief.pdf"
    assert main(["report", "brief-pdf", "--county", "043", "--warehouse", str(reference_warehouse), "--out", str(out),
                 "--app-url", "https://jdp.example.org"]) == 0
    assert "https://jdp.example.org/?county=043" in " ".join(
        p.extract_text() for p in PdfReader(out).pages).replace("\n", "")


def test_table_columns_are_as_wide_as_their_longest_word_and_the_room_comes_from_the_wider_ones():
    from jdp_analytics.documents.style import fit_widths

    assert fit_widths([1, 1], [10, 10], 100) == [50, 50]  # room enough: the shares as given
    widths = fit_widths([0.6, 4.0, 1.0], [12, 20, 10], 100)  # the first column's word needs 12, its share gives 10.5
    assert widths[0] == 12 and sum(widths) == pytest.approx(100) and widths[1] > 20 and widths[2] >= 10
    deficit, spare = 12 - 60 / 5.6, (400 / 5.6 - 20, 100 / 5.6 - 10)  # given up in proportion to what each spares
    assert widths[1] == pytest.approx(400 / 5.6 - deficit * spare[0] / sum(spare))
    assert fit_widths([1, 1], [80, 40], 100) == pytest.approx([200 / 3, 100 / 3])  # too wide: scaled to fit
