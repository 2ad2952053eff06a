"""The county brief as PowerPoint slides (python-pptx)."""

from __future__ import annotations

import io
import math

from jdp_analytics.common.i18n import _
from jdp_analytics.documents.sections import Document
from jdp_analytics.documents.style import DEMO_MARK, DEMO_RED, PROGRAMME, fit_widths, png_size, render_pngs

# PowerPoint (python-pptx). Lengths in inches on a 13.333 x 7.5 in slide.
SLIDE_HEIGHT = 7.5
FOOTER_TOP = 6.75  # the sources and view footer
TABLE_LEFT, TABLE_TOP, TABLE_WIDTH = 0.4, 1.3, 12.5
TABLE_PT = 10
LINE_IN = TABLE_PT * 1.2 / 72  # one line of table text
CELL_PAD = 0.04  # above and below a cell's text
CHAR_IN = TABLE_PT * 0.55 / 72  # a DejaVu/Calibri character's average width
TITLE_BOX_IN = 9.2  # beside the demonstration mark


def title_size(title: str) -> int:
    """Return the largest title size (pt) at which the title fits its box on one line, 28 pt down to 18 pt."""
    for size in (28, 24, 20):
        if len(title) * size * 0.55 / 72 <= TITLE_BOX_IN - 0.3:
            return size
    return 18


def _column_widths(frame, relative) -> list[float]:
    """Return each column's width in inches: the table's relative widths, else by the longest text of each, each
    wide enough for its longest word (style.fit_widths; heading words at bold width, about 10 % more)."""
    if relative is None or len(relative) != len(frame.columns):
        relative = [max([len(str(c)), *(len(v) for v in frame[c])], default=1) ** 0.5 + 1 for c in frame.columns]
    least = [max(max((len(w) * 1.1 for w in str(c).split()), default=0),
                 *(len(w) for v in frame[c] for w in str(v).split()), 0) * CHAR_IN + 0.2 for c in frame.columns]
    return fit_widths(list(relative), [min(m, TABLE_WIDTH / 4) for m in least], TABLE_WIDTH)


def _row_height(values, widths: list[float]) -> float:
    """Return the height (in) of a table row once its text wraps to the column widths."""
    lines = max(math.ceil(len(str(v)) * CHAR_IN / max(w - 0.2, 0.3)) or 1 for v, w in zip(values, widths))
    return lines * LINE_IN + 2 * CELL_PAD + 0.05


def _table_parts(frame, widths: list[float]) -> list[list[int]]:
    """Return the row positions of each slide's part of a table, so that no part runs below the footer."""
    room = FOOTER_TOP - 0.05 - TABLE_TOP - _row_height(frame.columns, widths)
    parts, current, used = [], [], 0.0
    for position, values in enumerate(frame.itertuples(index=False)):
        height = _row_height(values, widths)
        if current and used + height > room:
            parts.append(current)
            current, used = [], 0.0
        current.append(position)
        used += height
    return [*parts, current] if current else parts or [[]]

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
        slide.shapes.title.text_frame.word_wrap = True
        slide.shapes.title.text_frame.paragraphs[0].font.size = Pt(title_size(title))
        if demo:
            mark = text_box(slide, 9.7, 0.3, 3.3, 0.7, [_("DEMONSTRATION DATA"), _("generated, not real figures")], 12,
                            (255, 255, 255), bold=True)
            mark.fill.solid()
            mark.fill.fore_color.rgb = RGBColor(*DEMO_RED)
        footer = [_("Source: {citation}").format(citation=s) for s in sources] + [
            _("{view} Generated {time}.").format(view=doc.view.describe(), time=doc.generated_at)]
        text_box(slide, 0.4, 6.75, 12.5, 0.7, footer, 8, (90, 90, 90))
        return slide

    first = new_slide(doc.title, doc.is_demo)
    text_box(first, 0.6, 1.5, 12, 4.5, [
        _(PROGRAMME), "",
        doc.view.describe(),
        *([_("Reopen in JDP Analytics: {links}").format(links="  ·  ".join(doc.links))] if doc.links else []),
        "", _("Generated {time} from the warehouse built {built}.").format(time=doc.generated_at, built=doc.built_at),
        *([_("{mark}: slides marked in red show generated demonstration data.").format(mark=_(DEMO_MARK))]
          if doc.is_demo else [])], 16)
    points = doc.key_points()
    if points:
        slide = new_slide(_("Key points"), any(demo for _sentence, demo in points))
        text_box(slide, 0.6, 1.4, 12.2, 5.2, [f"• {s}" for s, _demo in points], 16 if len(points) < 7 else 13)
    for section in doc.sections:
        section_pngs = [next(pngs) for _figure in section.figures]
        lines = [f"{c.label}: {c.value} — {c.comparison}" for c in section.cards] + [f"• {s}" for s in
                                                                                       section.sentences]
        slide = None  # a section's first slide is made for its first content: never a slide with nothing on it
        if lines or section_pngs:
            slide = new_slide(section.title, section.is_demo, section.sources)
        if lines:
            text_box(slide, 0.5, 1.35, 4.6 if section_pngs else 12.2, 5.3, lines, 12 if len(lines) < 9 else 10)
        for i, png in enumerate(section_pngs):
            if i:
                slide = new_slide(_("{title} (continued)").format(title=section.title), section.is_demo,
                                  section.sources)
            width_px, height_px = png_size(png)
            box_w, box_h = (8.0, 5.3) if i == 0 and lines else (12.3, 5.3)
            scale = min(box_w / width_px, box_h / height_px)
            left = 5.1 if i == 0 and lines else 0.5 + (box_w - width_px * scale) / 2
            slide.shapes.add_picture(io.BytesIO(png), Inches(left), Inches(1.35), Inches(width_px * scale),
                                     Inches(height_px * scale))
        for table in section.tables:
            frame = table.frame.astype(str).replace({"nan": "–", "None": "–", "<NA>": "–"})
            widths = _column_widths(frame, table.widths)
            parts = _table_parts(frame, widths)
            for number, rows in enumerate(parts, 1):
                template = _("{section}: {table} ({part} of {parts})") if len(parts) > 1 else _("{section}: {table}")
                title = template.format(section=section.title, table=table.title, part=number, parts=len(parts))
                slide = new_slide(title, section.is_demo, section.sources)
                part = frame.iloc[rows]
                heights = [_row_height(frame.columns, widths), *(_row_height(v, widths) for v in
                                                                 part.itertuples(index=False))]
                shape = slide.shapes.add_table(len(part) + 1, len(frame.columns), Inches(TABLE_LEFT),
                                               Inches(TABLE_TOP), Inches(TABLE_WIDTH), Inches(sum(heights)))
                for c, width in enumerate(widths):
                    shape.table.columns[c].width = Inches(width)
                for r, height in enumerate(heights):
                    shape.table.rows[r].height = Inches(height)
                for c, column in enumerate(frame.columns):
                    shape.table.cell(0, c).text = str(column)
                for r, values in enumerate(part.itertuples(index=False), start=1):
                    for c, value in enumerate(values):
                        shape.table.cell(r, c).text = value
                for cell in (shape.table.cell(r, c) for r in range(len(part) + 1) for c in range(len(frame.columns))):
                    cell.margin_top = cell.margin_bottom = Inches(CELL_PAD)
                    for paragraph in cell.text_frame.paragraphs:
                        paragraph.font.size = Pt(TABLE_PT)
    slide = new_slide(_("Sources"), False)
    text_box(slide, 0.6, 1.4, 12.2, 5.2, [f"• {s}" for s in doc.sources], 12)
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()
