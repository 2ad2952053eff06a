"""Documents in Kiswahili: `report … --lang sw` and the Reports page's language make the brief, the quarterly report
and the workbook in Kiswahili, with the same real figures as in English, formatted for sw_KE by Babel."""

from __future__ import annotations

import io
import re

import pytest
from openpyxl import load_workbook
from pptx import Presentation
from pypdf import PdfReader

from jdp_analytics.__main__ import main
from jdp_analytics.common import formatting, i18n
from jdp_analytics.documents import make
from jdp_analytics.documents.sections import ReportView

KWALE_SW = ReportView("002", "2023/24", "2026Q3", lang="sw")
HEADINGS_SW = ("Taarifa fupi ya kaunti · Kwale", "Mambo muhimu", "Takwimu kuu", "Utekelezaji wa bajeti",
               "Vyanzo na tarehe zake")
HEADINGS_EN = ("County briefing pack", "Key points", "Headline figures", "Budget execution",
               "Sources and as-of dates", "Generated ", "Source: ")


def _pdf_text(content: bytes) -> str:
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages))


@pytest.fixture(scope="module")
def brief_sw(reference_warehouse) -> str:
    return _pdf_text(make.make("brief-pdf", reference_warehouse, KWALE_SW))


def test_a_kiswahili_brief_has_kiswahili_headings_and_no_english_ones(brief_sw):
    for heading in HEADINGS_SW:
        assert heading in brief_sw
    for heading in HEADINGS_EN:
        assert heading not in brief_sw
    assert "mwaka wa fedha 2023/24" in brief_sw  # as a sentence writes it, not FY


def test_a_kiswahili_brief_carries_kwales_published_figures(brief_sw, query, reference_warehouse):
    budget, spent, absorption = query(reference_warehouse, "select budget_kes, expenditure_kes, absorption_pct from "
                                      "fact_budget_execution where county_code = '002' and fiscal_year = '2023/24'")[0]
    with i18n.use("sw"):
        for figure in (formatting.kes(budget), formatting.kes(spent), formatting.pct(absorption)):
            assert figure in brief_sw, figure
    assert "KES bilioni" in brief_sw and " bn" not in brief_sw
    assert "Office of the Controller of Budget (Kenya)" in brief_sw  # a source's name is a citation: not translated


def test_the_kiswahili_slides_title_every_section_in_kiswahili(reference_warehouse):
    deck = Presentation(io.BytesIO(make.make("brief-pptx", reference_warehouse, KWALE_SW)))
    titles = [slide.shapes.title.text for slide in deck.slides]
    assert titles[0] == "Taarifa fupi ya kaunti · Kwale"
    assert "Mambo muhimu" in titles and titles[-1] == "Vyanzo"
    assert not {"Key points", "Sources", "Headline figures"} & set(titles)


def test_the_kiswahili_workbook_and_quarterly_report(reference_warehouse):
    view = ReportView(None, "2023/24", "2026Q3", include_demo=True, lang="sw")
    book = load_workbook(io.BytesIO(make.make("workbook", reference_warehouse, view)))
    assert book.sheetnames[0] == "Kuhusu" and "Fedha" in book.sheetnames
    assert book["Kuhusu"]["A1"].value == "Kitabu cha matokeo kwa wafadhili · Mpango wa Pamoja wa Ugatuzi"
    assert book["Kuhusu"]["A3"].value == "TAKWIMU ZA MFANO — za kubuni, si takwimu halisi"
    report = _pdf_text(make.make("quarterly", reference_warehouse, view))
    assert "Ripoti ya maendeleo ya robo mwaka, Robo ya 3, 2026 · Mpango wa Pamoja wa Ugatuzi" in report
    assert "Muhtasari, Robo ya 3, 2026" in report and "Summary, 2026Q3" not in report


def test_file_names_follow_the_documents_language():
    assert make.file_name("brief-pdf", KWALE_SW) == "kwale-muhtasari-2023-24-2026q3.pdf"
    assert make.file_name("brief-pdf", ReportView("002", "2023/24", "2026Q3")) == "kwale-brief-2023-24-2026q3.pdf"


def test_the_cli_makes_a_kiswahili_brief(reference_warehouse, tmp_path):
    out = tmp_path / "brief.pdf"
    assert main(["report", "brief-pdf", "--county", "002", "--fy", "2023/24", "--lang", "sw", "--out", str(out),
                 "--warehouse", str(reference_warehouse)]) == 0
    assert "Mambo muhimu" in _pdf_text(out.read_bytes())
