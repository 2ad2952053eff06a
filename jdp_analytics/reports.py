"""Generated documents: the county briefing pack (PDF, PPTX), the quarterly progress report (PDF) and the donor
results workbook (XLSX), from the same warehouse queries and plotly figures as the pages.

Every document states the view it was made from (county, period, filters, the deep links that reopen it in the
app), its sources and as-of dates, when it was generated, and carries a "DEMONSTRATION DATA" mark on each page or
slide or sheet where a demonstration figure appears. Charts are drawn by kaleido in Debian's chromium, in one
browser session per document.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from jdp_analytics import exports, report_sections, results, results_views
from jdp_analytics.report_sections import Document, ReportData, ReportView, Section

DEMO_MARK = "DEMONSTRATION DATA — generated, not real figures"
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")  # Debian fonts-dejavu-core: the glyphs of KES, –, ✔, ▲, ✖
FONT = "DejaVu"
BRAND = (31, 78, 121)
DEMO_RED = (192, 0, 0)
STATUS_FILL = {results.ON_TRACK: (204, 235, 214), results.AT_RISK: (252, 236, 190), results.OFF_TRACK: (244, 204, 204),
               results.NO_DATA: (235, 235, 235)}


@dataclass(frozen=True)
class Kind:
    """A kind of document: its title, registry, file extension and media type."""

    key: str
    label: str
    extension: str
    mime: str


KINDS = {k.key: k for k in (
    Kind("brief-pdf", "County briefing pack (PDF)", "pdf", "application/pdf"),
    Kind("brief-pptx", "County briefing pack (PowerPoint)", "pptx",
         "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
    Kind("quarterly", "Quarterly progress report (PDF)", "pdf", "application/pdf"),
    Kind("workbook", "Donor results workbook (Excel)", "xlsx",
         "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
)}


class ReportError(RuntimeError):
    """A document that cannot be made; the message says why and what to do."""


def render_pngs(figures: list, width: int = exports.PNG_WIDTH, scale: float = exports.PNG_SCALE) -> list[bytes]:
    """Return each plotly figure as PNG bytes, all drawn in ONE kaleido browser session."""
    if not figures:
        return []
    import kaleido  # needs Debian's chromium; imported only when a document draws charts

    async def draw() -> list[bytes]:
        async with kaleido.Kaleido(n=1, mathjax=False) as browser:
            return [await browser.calc_fig(f, opts={"format": "png", "width": width, "scale": scale,
                                                    "height": f.layout.height or 500}) for f in figures]

    return exports.run_coroutine(draw)


def _png_size(png: bytes) -> tuple[int, int]:
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")


def document(kind: str, data: ReportData, view: ReportView) -> Document:
    """Return the sections of a kind of document for a view."""
    if kind.startswith("brief"):
        title = f"County briefing pack · {view.county_name}"
        registry = report_sections.BRIEF_SECTIONS
    else:
        title = f"Quarterly progress report, {view.period} · " + (view.county_name if view.county_code
                                                                 else "Joint Devolution Programme")
        registry = report_sections.QUARTERLY_SECTIONS
    return Document(title, view, report_sections.build_sections(registry, data, view),
                    datetime.now(UTC).strftime("%d %b %Y %H:%M UTC"), data.built_at())


# PDF (fpdf2).

def _pdf_class():
    from fpdf import FPDF

    class ReportPDF(FPDF):
        """A4 pages with the document's title and view on top and the demo mark on every page that needs it."""

        def __init__(self, doc: Document, orientation: str):
            super().__init__(orientation=orientation, unit="mm", format="A4")
            for style, file in (("", "DejaVuSans.ttf"), ("B", "DejaVuSans-Bold.ttf")):
                path = FONT_DIR / file
                if not path.is_file():
                    raise ReportError(f"{path} is missing: install Debian's fonts-dejavu-core "
                                      "(apt-get install fonts-dejavu-core).")
                self.add_font(FONT, style, str(path))
            self.doc = doc
            self.demo_now = False  # the section being written holds demonstration figures
            self.page_demo = False  # this page shows demonstration figures
            self.set_auto_page_break(True, margin=24)
            self.set_margins(14, 14, 14)
            self.set_title(doc.title)
            self.set_creator("JDP Analytics")

        def header(self):
            self.page_demo = self.demo_now
            self.set_font(FONT, "", 7.5)
            self.set_text_color(90, 90, 90)
            view = self.doc.view
            self.cell(0, 4, f"{self.doc.title} · FY {view.fiscal_year} · results {view.period}", new_x="LMARGIN",
                      new_y="NEXT")
            self.ln(2)

        def footer(self):
            if self.page_demo:
                self.set_xy(self.l_margin, -21)
                self.set_fill_color(*DEMO_RED)
                self.set_text_color(255, 255, 255)
                self.set_font(FONT, "B", 10)
                self.cell(self.epw, 7, f"{DEMO_MARK} — on this page", align="C", fill=True)
            self.set_xy(self.l_margin, -12)
            self.set_font(FONT, "", 7.5)
            self.set_text_color(90, 90, 90)
            self.cell(0, 4, f"Generated {self.doc.generated_at} by JDP Analytics · page {self.page_no()} of "
                            "{nb}", align="R")

        def mark_demo(self, demo: bool):
            self.demo_now = demo
            self.page_demo = self.page_demo or demo

    return ReportPDF


def _text(pdf, text: str, size: float = 10, bold: bool = False, colour=(30, 30, 30), height: float | None = None):
    pdf.set_font(FONT, "B" if bold else "", size)
    pdf.set_text_color(*colour)
    pdf.multi_cell(0, height or size * 0.5, text, new_x="LMARGIN", new_y="NEXT", align="L")


def _ensure_space(pdf, height: float) -> None:
    if pdf.get_y() + height > pdf.page_break_trigger:
        pdf.add_page()


def _pdf_cards(pdf, cards) -> None:
    per_row = 4
    width = pdf.epw / per_row
    for start in range(0, len(cards), per_row):
        row = cards[start:start + per_row]
        heights = []
        for card in row:
            pdf.set_font(FONT, "", 7)
            lines = len(pdf.multi_cell(width - 4, 3.2, card.comparison, dry_run=True, output="LINES"))
            pdf.set_font(FONT, "", 7.5)
            label_lines = len(pdf.multi_cell(width - 4, 3.4, card.label, dry_run=True, output="LINES"))
            heights.append(4 + label_lines * 3.4 + 8 + lines * 3.2)
        height = max(heights)
        _ensure_space(pdf, height + 2)
        top = pdf.get_y()
        for i, card in enumerate(row):
            x = pdf.l_margin + i * width
            pdf.set_draw_color(200, 200, 200)
            pdf.rect(x + 0.5, top, width - 1, height)
            pdf.set_xy(x + 2, top + 2)
            pdf.set_font(FONT, "", 7.5)
            pdf.set_text_color(90, 90, 90)
            pdf.multi_cell(width - 4, 3.4, card.label, new_x="LEFT", new_y="NEXT", align="L")
            pdf.set_x(x + 2)
            pdf.set_font(FONT, "B", 14)
            pdf.set_text_color(*BRAND)
            pdf.cell(width - 4, 8, card.value, new_x="LEFT", new_y="NEXT")
            pdf.set_x(x + 2)
            pdf.set_font(FONT, "", 7)
            pdf.set_text_color(60, 60, 60)
            pdf.multi_cell(width - 4, 3.2, card.comparison, new_x="LEFT", new_y="NEXT", align="L")
        pdf.set_xy(pdf.l_margin, top + height + 2)


def _status_of(text: str) -> str | None:
    return next((s for s in results.STATUSES if text.endswith(s)), None)


def _pdf_table(pdf, table: report_sections.ReportTable, size: float = 7.5) -> None:
    from fpdf.fonts import FontFace

    _ensure_space(pdf, 20)
    _text(pdf, table.title, 9.5, bold=True)
    pdf.set_font(FONT, "", size)
    pdf.set_text_color(30, 30, 30)
    pdf.set_draw_color(190, 190, 190)
    headings = FontFace(emphasis="BOLD", fill_color=(225, 232, 240))
    frame = table.frame.astype(str).replace({"nan": "–", "None": "–", "<NA>": "–"})
    with pdf.table(col_widths=table.widths, text_align="LEFT", line_height=size * 0.48, headings_style=headings,
                   padding=0.8, first_row_as_headings=True) as grid:
        heading = grid.row()
        for column in frame.columns:
            heading.cell(str(column))
        for values in frame.itertuples(index=False):
            row = grid.row()
            for column, value in zip(frame.columns, values):
                status = _status_of(value) if str(column).startswith("Status") else None
                row.cell(value, style=FontFace(fill_color=STATUS_FILL[status]) if status else None)
    pdf.ln(3)


def _image_box(pdf, png: bytes) -> tuple[float, float]:
    width_px, height_px = _png_size(png)
    width = pdf.epw
    height = width * height_px / width_px
    available = pdf.page_break_trigger - pdf.t_margin - 20
    if height > available:  # a tall chart (all 47 counties) is shrunk to fit one page
        width, height = width * available / height, available
    return width, height


def _pdf_image(pdf, png: bytes) -> None:
    width, height = _image_box(pdf, png)
    _ensure_space(pdf, height + 2)
    pdf.image(io.BytesIO(png), x=pdf.l_margin + (pdf.epw - width) / 2, w=width, h=height)
    pdf.ln(2)


def _pdf_section(pdf, section: Section, pngs: list[bytes], with_sentences: bool) -> None:
    first_chart = _image_box(pdf, pngs[0])[1] if pngs and not section.cards else 0
    _ensure_space(pdf, max(40, 12 + first_chart))  # a heading never stands alone at the foot of a page
    pdf.mark_demo(section.is_demo)
    _text(pdf, section.title, 14, bold=True, colour=BRAND, height=8)
    if section.is_demo:
        _text(pdf, DEMO_MARK, 8.5, bold=True, colour=DEMO_RED)
    if section.cards:
        _pdf_cards(pdf, section.cards)
    if with_sentences:
        for sentence in section.sentences:
            _text(pdf, sentence, 9.5, height=5)
        pdf.ln(2 if section.sentences else 0)
    for png in pngs:
        _pdf_image(pdf, png)
    for table in section.tables:
        _pdf_table(pdf, table)
    for note in section.notes:
        _text(pdf, note, 7.5, colour=(80, 80, 80), height=3.6)
    for source in section.sources:
        _text(pdf, f"Source: {source}", 7.5, colour=(80, 80, 80), height=3.6)
    pdf.ln(4)


def _pdf_front(pdf, doc: Document) -> None:
    _text(pdf, doc.title, 20, bold=True, colour=BRAND, height=10)
    _text(pdf, "Joint Devolution Programme (UNDP, UNICEF, UN Women, State Department for Devolution)", 10)
    pdf.ln(2)
    _text(pdf, doc.view.describe(), 9)
    _text(pdf, "Reopen this view in JDP Analytics: " + "  ·  ".join(doc.links), 8.5, colour=BRAND)
    _text(pdf, f"Generated {doc.generated_at} from the warehouse built {doc.built_at}. Every figure names its source "
               "and as-of date; the list is at the end.", 8.5, colour=(80, 80, 80))
    if doc.is_demo:
        pdf.mark_demo(True)
        _text(pdf, f"{DEMO_MARK}: parts of this document show generated demonstration data; each page that does "
                   "says so at its foot.", 9, bold=True, colour=DEMO_RED)
    points = doc.key_points()
    if points:
        pdf.ln(3)
        _text(pdf, "Key points", 13, bold=True, colour=BRAND, height=7)
        for sentence, demo in points:
            pdf.mark_demo(demo or pdf.demo_now)
            _text(pdf, f"• {sentence}", 9.5, height=5)
    pdf.mark_demo(False)
    pdf.ln(4)


def _pdf_sources(pdf, doc: Document) -> None:
    pdf.mark_demo(False)
    _ensure_space(pdf, 30)
    _text(pdf, "Sources and as-of dates", 13, bold=True, colour=BRAND, height=7)
    for source in doc.sources:
        _text(pdf, f"• {source}", 8.5, height=4.4)
    _text(pdf, doc.view.describe(), 8.5, height=4.4)


def to_pdf(doc: Document, orientation: str = "P") -> bytes:
    """Return the document as PDF bytes, its charts drawn in one browser session."""
    figures = [f for s in doc.sections for f in s.figures]
    pngs = iter(render_pngs(figures))
    pdf = _pdf_class()(doc, orientation)
    pdf.add_page()
    _pdf_front(pdf, doc)
    for section in doc.sections:
        # the brief's sentences stand once, as key points on the first page; a report repeats them by section
        _pdf_section(pdf, section, [next(pngs) for _ in section.figures], with_sentences=orientation == "L")
    _pdf_sources(pdf, doc)
    return bytes(pdf.output())


# PowerPoint (python-pptx).

def to_pptx(doc: Document) -> bytes:
    """Return the document as a 16:9 slide deck: a title slide, one slide per section (more for extra charts and
    tables), and a sources slide; a red mark on every slide that shows demonstration figures."""
    from pptx import Presentation
    from pptx.dml.color import RGBColor
    from pptx.util import Inches, Pt

    figures = [f for s in doc.sections for f in s.figures]
    pngs = iter(render_pngs(figures))
    deck = Presentation()
    deck.slide_width, deck.slide_height = Inches(13.333), Inches(7.5)
    layout = deck.slide_layouts[5]  # title only

    def text_box(slide, left, top, width, height, lines, size=12, colour=(30, 30, 30), bold=False):
        box = slide.shapes.add_textbox(Inches(left), Inches(top), Inches(width), Inches(height))
        frame = box.text_frame
        frame.word_wrap = True
        for i, line in enumerate(lines):
            paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
            paragraph.text = line
            paragraph.font.size = Pt(size)
            paragraph.font.bold = bold
            paragraph.font.color.rgb = RGBColor(*colour)
        return box

    def new_slide(title: str, demo: bool, sources: tuple[str, ...] = ()):
        slide = deck.slides.add_slide(layout)
        slide.shapes.title.text = title
        slide.shapes.title.left, slide.shapes.title.top = Inches(0.4), Inches(0.25)
        slide.shapes.title.width, slide.shapes.title.height = Inches(9.2), Inches(0.9)
        slide.shapes.title.text_frame.paragraphs[0].font.size = Pt(28)
        if demo:
            mark = text_box(slide, 9.7, 0.3, 3.3, 0.7, ["DEMONSTRATION DATA", "generated, not real figures"], 12,
                            (255, 255, 255), bold=True)
            mark.fill.solid()
            mark.fill.fore_color.rgb = RGBColor(*DEMO_RED)
        footer = [f"Source: {s}" for s in sources] + [f"{doc.view.describe()} Generated {doc.generated_at}."]
        text_box(slide, 0.4, 6.75, 12.5, 0.7, footer, 8, (90, 90, 90))
        return slide

    first = new_slide(doc.title, doc.is_demo)
    text_box(first, 0.6, 1.5, 12, 4.5, [
        "Joint Devolution Programme (UNDP, UNICEF, UN Women, State Department for Devolution)", "",
        doc.view.describe(), "Reopen in JDP Analytics: " + "  ·  ".join(doc.links), "",
        f"Generated {doc.generated_at} from the warehouse built {doc.built_at}.",
        *([f"{DEMO_MARK}: slides marked in red show generated demonstration data."] if doc.is_demo else [])], 16)
    points = doc.key_points()
    if points:
        slide = new_slide("Key points", any(demo for _, demo in points))
        text_box(slide, 0.6, 1.4, 12.2, 5.2, [f"• {s}" for s, _ in points], 16 if len(points) < 7 else 13)
    for section in doc.sections:
        section_pngs = [next(pngs) for _ in section.figures]
        slide = new_slide(section.title, section.is_demo, section.sources)
        lines = [f"{c.label}: {c.value} — {c.comparison}" for c in section.cards] + [f"• {s}" for s in
                                                                                       section.sentences]
        left_width = 4.6 if section_pngs else 12.2
        text_box(slide, 0.5, 1.35, left_width, 5.3, lines, 12 if len(lines) < 9 else 10)
        for i, png in enumerate(section_pngs):
            if i:
                slide = new_slide(f"{section.title} (continued)", section.is_demo, section.sources)
            width_px, height_px = _png_size(png)
            box_w, box_h = (8.0, 5.3) if i == 0 else (12.3, 5.3)
            scale = min(box_w / width_px, box_h / height_px)
            left = 5.1 if i == 0 else 0.5 + (box_w - width_px * scale) / 2
            slide.shapes.add_picture(io.BytesIO(png), Inches(left), Inches(1.35), Inches(width_px * scale),
                                     Inches(height_px * scale))
        for table in section.tables:
            frame = table.frame.head(14).astype(str)
            slide = new_slide(f"{section.title}: {table.title}", section.is_demo, section.sources)
            shape = slide.shapes.add_table(len(frame) + 1, len(frame.columns), Inches(0.4), Inches(1.3), Inches(12.5),
                                           Inches(0.3 * (len(frame) + 1)))
            for c, column in enumerate(frame.columns):
                shape.table.cell(0, c).text = str(column)
            for r, values in enumerate(frame.itertuples(index=False), start=1):
                for c, value in enumerate(values):
                    shape.table.cell(r, c).text = value
            for cell in (shape.table.cell(r, c) for r in range(len(frame) + 1) for c in range(len(frame.columns))):
                for paragraph in cell.text_frame.paragraphs:
                    paragraph.font.size = Pt(10)
    slide = new_slide("Sources", False)
    text_box(slide, 0.6, 1.4, 12.2, 5.2, [f"• {s}" for s in doc.sources], 12)
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()


# The donor results workbook (openpyxl).

WORKBOOK_COLUMNS = ("Outcome", "Result", "Result statement", "Indicator code", "Indicator", "Level", "For", "Agency",
                    "Unit", "Baseline", "Baseline date", "Target 2025", "Target 2026", "Target 2027", "Target 2028")


def workbook(data: ReportData, view: ReportView) -> bytes:
    """Return the donor results workbook: an About sheet, one sheet per outcome in the results-framework layout
    (baseline, annual targets, the value of every quarter to the view's, status, means of verification, evidence)
    and a Finance sheet; exact values, never rounded text."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    framework = results_views.select(data.query("results_framework"), view.county_code, view.outcome, view.agency)
    actuals = data.query("result_actuals")
    actuals = actuals[actuals["period"] <= view.period]
    quarters = sorted(actuals["period"].unique())
    status = results.indicator_status(framework, actuals, view.period)
    finance = results_views.select(data.query("programme_finance"), view.county_code, view.outcome, view.agency,
                                   with_programme=view.county_code is None)
    finance = finance[finance["period"] <= f"{view.period[:4]}Q4"]
    demo = bool(framework["is_demo"].any() or finance["is_demo"].any())
    generated = datetime.now(UTC).strftime("%d %b %Y %H:%M UTC")
    book = Workbook()
    bold, red = Font(bold=True), PatternFill("solid", fgColor="C00000")

    def head(sheet, title: str, sheet_demo: bool) -> int:
        sheet["A1"] = title
        sheet["A1"].font = Font(bold=True, size=14)
        sheet["A2"] = f"{view.describe()} Generated {generated}. Reopen: {view.deep_link('progress')}"
        row = 3
        if sheet_demo:
            sheet.cell(row, 1, DEMO_MARK).font = Font(bold=True, color="FFFFFF")
            sheet.cell(row, 1).fill = red
            sheet.oddHeader.center.text = DEMO_MARK  # printed on every page of the sheet
            row += 1
        return row + 1

    about = book.active
    about.title = "About"
    row = head(about, "Donor results workbook · Joint Devolution Programme", demo)
    for line in ["One sheet per outcome: each indicator row with baseline (inception assessment, late 2024), annual "
                 "targets 2025–2028, the value reported for each quarter, the status in "
                 f"{view.period}, means of verification and evidence.", results.STATUS_RULE,
                 "Sources and as-of dates:", *report_sections._sources(framework, finance),
                 f"Warehouse built {data.built_at()}."]:
        about.cell(row, 1, line).alignment = Alignment(wrap_text=True)
        row += 1
    about.column_dimensions["A"].width = 140
    for code, title in results_views.OUTCOMES.items():
        rows = status[status["outcome_code"] == code]
        if rows.empty:
            continue
        sheet = book.create_sheet(code)
        top = head(sheet, f"{code} · {title}: {rows['outcome_title'].iloc[0]}", bool(rows["is_demo"].any()))
        columns = [*WORKBOOK_COLUMNS, *quarters, f"Status {view.period}", "Means of verification",
                   f"Evidence {view.period}"]
        for c, name in enumerate(columns, start=1):
            sheet.cell(top, c, name).font = bold
        values = actuals.pivot_table(index=["indicator_code", "scope"], columns="period", values="value",
                                     aggfunc="first")
        for r, item in enumerate(rows.itertuples(), start=top + 1):
            cells = [code, item.result_code, item.result_title, item.indicator_code, item.indicator_name,
                     item.indicator_level, results_views.scope_label(item.scope), item.agency, item.unit,
                     item.baseline_value, item.baseline_date.date() if pd.notna(item.baseline_date) else None,
                     *(getattr(item, f"target_{y}") for y in results.TARGET_YEARS)]
            cells += [values.at[(item.indicator_code, item.scope), q]
                      if (item.indicator_code, item.scope) in values.index and q in values.columns else None
                      for q in quarters]
            cells += [results_views.status_label(item.status, print_marks=True), item.means_of_verification,
                      item.evidence if isinstance(item.evidence, str) else None]
            for c, value in enumerate(cells, start=1):
                sheet.cell(r, c, None if value is None or (isinstance(value, float) and pd.isna(value))
                           else exports.neutralise(value))
        sheet.freeze_panes = sheet.cell(top + 1, 6)
        for letter, width in (("C", 40), ("E", 50)):
            sheet.column_dimensions[letter].width = width
    sheet = book.create_sheet("Finance")
    top = head(sheet, f"Programme budget and spending per quarter, {view.programme_name}",
               bool(finance["is_demo"].any()))
    columns = ["Outcome", "Agency", "For", "Quarter", "Budget (KES)", "Spent (KES)"]
    for c, name in enumerate(columns, start=1):
        sheet.cell(top, c, name).font = bold
    for r, item in enumerate(finance.itertuples(), start=top + 1):
        for c, value in enumerate([item.outcome_code, item.agency, results_views.scope_label(item.scope), item.period,
                                   item.budget_kes, None if pd.isna(item.spent_kes) else item.spent_kes], start=1):
            sheet.cell(r, c, value)
    last = top + len(finance)
    sheet.cell(last + 1, 4, "Total").font = bold
    sheet.cell(last + 1, 5, float(finance["budget_kes"].sum())).font = bold
    sheet.cell(last + 1, 6, float(finance["spent_kes"].sum())).font = bold
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def make(kind: str, warehouse: Path, view: ReportView) -> bytes:
    """Return the bytes of a document of `kind` (see KINDS) for a view of the warehouse."""
    if kind not in KINDS:
        raise ReportError(f"no document kind {kind!r}; use one of: {', '.join(KINDS)}.")
    data = ReportData(warehouse)
    if kind in ("quarterly", "workbook") and not view.period:
        raise ReportError("the warehouse holds no results framework values yet: load them with the result_actuals "
                          "template, or rebuild the warehouse for the demonstration framework.")
    if kind == "workbook":
        return workbook(data, view)
    doc = document(kind, data, view)
    if kind == "brief-pptx":
        return to_pptx(doc)
    return to_pdf(doc, "L" if kind == "quarterly" else "P")


def file_name(kind: str, view: ReportView) -> str:
    """Return the file name of a document: 'homa-bay-brief-2023-24-2026q3.pdf'."""
    who = view.county_name.lower().replace(" ", "-").replace("'", "") if view.county_code else "programme"
    stem = {"brief-pdf": "brief", "brief-pptx": "brief", "quarterly": "quarterly-report",
            "workbook": "results-workbook"}[kind]
    parts = [who, stem, view.fiscal_year.replace("/", "-"), view.period.lower()]
    return "-".join(p for p in parts if p) + f".{KINDS[kind].extension}"
