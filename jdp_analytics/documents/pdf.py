"""Documents as PDF (fpdf2 with Debian's DejaVu fonts): the county brief and the quarterly report."""

from __future__ import annotations

import io

from jdp_analytics.common import formatting
from jdp_analytics.common.i18n import _
from jdp_analytics.documents import sections
from jdp_analytics.documents.sections import Document, Section
from jdp_analytics.documents.style import (
    BRAND,
    DEMO_MARK,
    DEMO_RED,
    FONT,
    FONT_DIR,
    PROGRAMME,
    STATUS_FILL,
    ReportError,
    fit_widths,
    png_size,
    render_pngs,
)
from jdp_analytics.results import metrics as results_metrics

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
            self.set_font(FONT, "", 8)
            self.set_text_color(90, 90, 90)
            view = self.doc.view
            head = (_("{title} · {year} · results {period}") if view.period else _("{title} · {year}")).format(
                title=self.doc.title, year=formatting.fy(view.fiscal_year), period=formatting.quarter(view.period))
            self.cell(0, 4, head, new_x="LMARGIN", new_y="NEXT")
            self.ln(2)

        def footer(self):
            if self.page_demo:
                self.set_xy(self.l_margin, -21)
                self.set_fill_color(*DEMO_RED)
                self.set_text_color(255, 255, 255)
                self.set_font(FONT, "B", 10)
                self.cell(self.epw, 7, _("{mark} — on this page").format(mark=_(DEMO_MARK)), align="C", fill=True)
            self.set_xy(self.l_margin, -12)
            self.set_font(FONT, "", 8)
            self.set_text_color(90, 90, 90)
            # fpdf2 puts the page count where the footer says {nb}
            self.cell(0, 4, _("Generated {time} by JDP Analytics · page {page} of {pages}").format(
                time=self.doc.generated_at, page=self.page_no(), pages="{nb}"), align="R")

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
            pdf.set_font(FONT, "", 8)
            lines = len(pdf.multi_cell(width - 4, 3.6, card.comparison, dry_run=True, output="LINES"))
            label_lines = len(pdf.multi_cell(width - 4, 3.6, card.label, dry_run=True, output="LINES"))
            heights.append(4 + label_lines * 3.6 + 8 + lines * 3.6)
        height = max(heights)
        _ensure_space(pdf, height + 2)
        top = pdf.get_y()
        for i, card in enumerate(row):
            x = pdf.l_margin + i * width
            pdf.set_draw_color(200, 200, 200)
            pdf.rect(x + 0.5, top, width - 1, height)
            pdf.set_xy(x + 2, top + 2)
            pdf.set_font(FONT, "", 8)
            pdf.set_text_color(90, 90, 90)
            pdf.multi_cell(width - 4, 3.6, card.label, new_x="LEFT", new_y="NEXT", align="L")
            pdf.set_x(x + 2)
            size = 14  # shrunk until the value fits its card ("KES bilioni 14.88" is longer than "KES 14.88 bn")
            pdf.set_font(FONT, "B", size)
            while size > 9 and pdf.get_string_width(card.value) > width - 5:
                size -= 0.5
                pdf.set_font(FONT, "B", size)
            pdf.set_text_color(*BRAND)
            pdf.cell(width - 4, 8, card.value, new_x="LEFT", new_y="NEXT")
            pdf.set_x(x + 2)
            pdf.set_font(FONT, "", 8)
            pdf.set_text_color(60, 60, 60)
            pdf.multi_cell(width - 4, 3.6, card.comparison, new_x="LEFT", new_y="NEXT", align="L")
        pdf.set_xy(pdf.l_margin, top + height + 2)


def _status_of(text: str) -> str | None:
    return next((s for s in results_metrics.STATUSES if text.endswith(_(s))), None)


def _pdf_table(pdf, table: sections.ReportTable, size: float = 8) -> None:
    from fpdf.fonts import FontFace

    _ensure_space(pdf, 20)
    _text(pdf, table.title, 9.5, bold=True)
    pdf.set_font(FONT, "", size)
    pdf.set_text_color(30, 30, 30)
    pdf.set_draw_color(190, 190, 190)
    headings = FontFace(emphasis="BOLD", fill_color=(225, 232, 240))
    frame = table.frame.astype(str).replace({"nan": "–", "None": "–", "<NA>": "–"})
    widths = _fitted_widths(pdf, frame, table.widths, size)
    with pdf.table(col_widths=widths, text_align="LEFT", line_height=size * 0.48, headings_style=headings,
                   padding=CELL_PADDING, first_row_as_headings=True) as grid:
        heading = grid.row()
        for column in frame.columns:
            heading.cell(str(column))
        for values in frame.itertuples(index=False):
            row = grid.row()
            for column, value in zip(frame.columns, values):
                status = _status_of(value) if str(column).startswith(_("Status")) else None
                row.cell(value, style=FontFace(fill_color=STATUS_FILL[status]) if status else None)
    pdf.ln(3)


CELL_PADDING = 0.8  # mm on each side of a table cell's text


def _fitted_widths(pdf, frame, widths: tuple[float, ...] | None, size: float) -> list[float]:
    """Return the table's column widths in mm: the given shares of the page's width, each widened to hold its
    longest word (bold in the heading; style.fit_widths); a word longer than a quarter of the page may still break."""
    shares = list(widths) if widths and len(widths) == len(frame.columns) else [1.0] * len(frame.columns)
    least = []
    for column in frame.columns:
        pdf.set_font(FONT, "B", size)
        heading = max((pdf.get_string_width(word) for word in str(column).split()), default=0)
        pdf.set_font(FONT, "", size)
        words = (word for value in frame[column] for word in str(value).split())
        longest = min(max((pdf.get_string_width(word) for word in words), default=0), pdf.epw / 4)  # not a long link
        least.append(max(heading, longest) + 2 * CELL_PADDING + 0.5)
    return fit_widths(shares, least, pdf.epw)


def _image_box(pdf, png: bytes) -> tuple[float, float]:
    width_px, height_px = png_size(png)
    width = pdf.epw
    height = width * height_px / width_px
    available = pdf.page_break_trigger - pdf.t_margin - 20
    if height > available:  # a tall chart (all 47 counties) is shrunk to fit one page
        width, height = width * available / height, available
    return width, height


SHRINK_TO_FIT = 0.7  # a chart shrinks to as little as this share of its width to fit the rest of a page


def _pdf_image(pdf, png: bytes) -> None:
    width, height = _image_box(pdf, png)
    room = pdf.page_break_trigger - pdf.get_y() - 2
    if height > room >= height * SHRINK_TO_FIT:  # shrink a little rather than leave half a page empty
        width, height = width * room / height, room
    _ensure_space(pdf, height + 2)
    pdf.image(io.BytesIO(png), x=pdf.l_margin + (pdf.epw - width) / 2, w=width, h=height)
    pdf.ln(2)


def _pdf_section(pdf, section: Section, pngs: list[bytes], with_sentences: bool) -> None:
    first_chart = _image_box(pdf, pngs[0])[1] if pngs and not section.cards else 0
    pdf.demo_now = section.is_demo  # a page this section starts on is marked only if the section is generated
    _ensure_space(pdf, max(40, 12 + first_chart * SHRINK_TO_FIT))  # a heading never stands alone at a page foot
    pdf.mark_demo(section.is_demo)
    _text(pdf, section.title, 14, bold=True, colour=BRAND, height=8)
    if section.is_demo:
        _text(pdf, _(DEMO_MARK), 8.5, bold=True, colour=DEMO_RED)
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
        _text(pdf, note, 8, colour=(80, 80, 80), height=3.8)
    for source in section.sources:
        _text(pdf, _("Source: {citation}").format(citation=source), 8, colour=(80, 80, 80), height=3.8)
    pdf.ln(4)


def _pdf_links(pdf, doc: Document) -> None:
    """Write the addresses that reopen the view as clickable links; nothing when no public address is set (a handout
    carries no configuration advice)."""
    if not doc.links:
        return
    pdf.set_font(FONT, "", 8.5)
    pdf.set_text_color(*BRAND)
    pdf.write(4.4, _("Reopen this view in JDP Analytics:") + " ")
    for number, link in enumerate(doc.links):
        pdf.write(4.4, "  ·  " if number else "")
        pdf.write(4.4, link, link=link)
    pdf.ln(5)


def _pdf_front(pdf, doc: Document) -> None:
    _text(pdf, doc.title, 20, bold=True, colour=BRAND, height=10)
    _text(pdf, _(PROGRAMME), 10)
    pdf.ln(2)
    _text(pdf, doc.view.describe(), 9)
    _pdf_links(pdf, doc)
    _text(pdf, _("Generated {time} from the warehouse built {built}. Every figure names its source and as-of date; "
                 "the list is at the end.").format(time=doc.generated_at, built=doc.built_at), 8.5,
          colour=(80, 80, 80))
    if doc.is_demo:
        pdf.mark_demo(True)
        _text(pdf, _("{mark}: parts of this document show generated demonstration data; each page that does says so "
                     "at its foot.").format(mark=_(DEMO_MARK)), 9, bold=True, colour=DEMO_RED)
    points = doc.key_points()
    if points:
        pdf.ln(3)
        _text(pdf, _("Key points"), 13, bold=True, colour=BRAND, height=7)
        for sentence, demo in points:
            pdf.mark_demo(demo or pdf.demo_now)
            _text(pdf, f"• {sentence}", 9.5, height=5)
    pdf.mark_demo(False)
    pdf.ln(4)


def _pdf_sources(pdf, doc: Document) -> None:
    pdf.mark_demo(False)
    _ensure_space(pdf, 30)
    _text(pdf, _("Sources and as-of dates"), 13, bold=True, colour=BRAND, height=7)
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
        # the sentences stand once, as key points on the first page
        _pdf_section(pdf, section, [next(pngs) for _figure in section.figures], with_sentences=False)
    _pdf_sources(pdf, doc)
    return bytes(pdf.output())
