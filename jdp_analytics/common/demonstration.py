"""The one rule for generated demonstration data (rows whose source has is_demo): marked where it is read, never a
verdict about a real county, out of documents unless asked for.

Every card, sentence, rule light, table, chart, export and document section goes through `mark`, which marks a
figure computed from generated rows and leaves a real one unchanged:

- a sentence or bullet starts with "Demonstration:";
- a card carries "Demonstration:" before its comparison, the line under its figure;
- a table gets a first column "Figures" that reads "Demonstration" on each generated row;
- a chart gets a watermark across its plot area (a plotly annotation, so PNG, PDF and PPTX carry it too).

`verdict` turns a named judgement ("Kwale breaks the rule") into an illustration of the method on generated rows
("with figures like these, the rule would be broken"), and `status` does it for a status in a cell or card ("would
be late by 12 days", "would be off track"); `coverage` names what a figure covers from its rows.
"""

from __future__ import annotations

import base64
import dataclasses
import html
from collections.abc import Iterable, Sequence
from functools import singledispatch

import pandas as pd
import plotly.graph_objects as go

from jdp_analytics.common import formatting
from jdp_analytics.common.i18n import N_, _
from jdp_analytics.common.presentation import Card, ExportTable

# The marks, in English; each is translated where it is written (`_(SENTENCE_MARK)`).
SENTENCE_MARK = N_("Demonstration:")
SENTENCE = N_("Demonstration: {sentence}")  # a sentence or bullet of generated figures
LABEL_MARK = N_("(demonstration)")  # after a figure written inline (a fiscal rule's value)
TABLE_COLUMN = N_("Figures")
TABLE_MARK = N_("Demonstration")
TABLE_REAL = N_("Published")
WATERMARK = N_("DEMONSTRATION<br>generated figures")  # two short lines: it fits a half-width chart
WATERMARK_NAME = "demonstration-watermark"
# What a source line or citation says when its rows include generated ones (presentation.source_line and the
# demonstration sources' titles): a chart whose source says so is watermarked.
SOURCE_MARKERS = (N_("DEMONSTRATION DATA"), "generated, not real")


def is_demo(rows: pd.DataFrame | None) -> bool:
    """Return whether any of the rows comes from a generated (is_demo) source."""
    if rows is None or not len(rows) or "is_demo" not in rows:
        return False
    return bool(rows["is_demo"].fillna(False).astype(bool).any())


def generated_rows(rows: pd.DataFrame) -> list[bool]:
    """Return, for each row, whether it comes from a generated source (all False without an is_demo column)."""
    return rows["is_demo"].fillna(False).astype(bool).tolist() if "is_demo" in rows else [False] * len(rows)


def all_generated(rows: pd.DataFrame | None) -> bool:
    """Return whether there are rows and every one comes from a generated source: what is built only on them is left
    out of a document of real figures, so it need not be built."""
    return rows is not None and len(rows) > 0 and bool(rows["is_demo"].fillna(False).astype(bool).all())


def source_is_demo(source: str) -> bool:
    """Return whether a source line or citation names generated rows."""
    return any(marker in source or _(marker) in source for marker in SOURCE_MARKERS)


@singledispatch
def mark(item, demo):
    """Return `item` marked as demonstration when `demo` (a flag, or one flag per row for a table) says so."""
    raise TypeError(f"nothing to mark on a {type(item).__name__}")


@mark.register
def _mark_text(item: str, demo) -> str:
    if not bool(demo) or not item or item.startswith((SENTENCE_MARK, _(SENTENCE_MARK))):
        return item
    return _(SENTENCE).format(sentence=item)


@mark.register
def _mark_card(item: Card, demo) -> Card:
    # The mark goes under the figure, where it is read; a label stays short (cards sit four to a row).
    if not bool(demo):
        return item
    return dataclasses.replace(item, comparison=mark(item.comparison, True), is_demo=True)


@mark.register
def _mark_frame(item: pd.DataFrame, demo) -> pd.DataFrame:
    flags = _row_flags(demo, len(item))
    if not any(flags) or TABLE_COLUMN in item.columns or _(TABLE_COLUMN) in item.columns:
        return item
    out = item.copy()
    out.insert(0, _(TABLE_COLUMN), [_(TABLE_MARK) if flag else _(TABLE_REAL) for flag in flags])
    return out


@mark.register
def _mark_export(item: ExportTable, demo) -> ExportTable:
    flags = demo
    if isinstance(demo, bool) and demo and "is_demo" in item.data and len(item.data) == len(item.shown):
        flags = generated_rows(item.data)  # one flag per row where the data has them
    return dataclasses.replace(item, shown=mark(item.shown, flags), is_demo=item.is_demo or any(
        _row_flags(flags, len(item.shown))))


def watermark_image() -> str:
    """Return the watermark as an SVG data address: the two lines of WATERMARK, red, tilted, in the current
    language. Drawn as a layout image under the traces, it shows through the plot area without ever covering a bar,
    a line or a value label (an annotation would be drawn over them)."""
    lines = [html.escape(line) for line in _(WATERMARK).split("<br>")]
    sizes = (46, 30, 30)
    texts = "".join(f'<text x="300" y="{130 + 52 * i}" font-size="{sizes[min(i, 2)]}">{line}</text>'
                    for i, line in enumerate(lines))
    svg = ('<svg xmlns="http://www.w3.org/2000/svg" width="600" height="260" viewBox="0 0 600 260">'
           '<g transform="rotate(-12 300 130)" fill="#c00000" fill-opacity="0.30" font-weight="bold" '
           f'font-family="Source Sans Pro, DejaVu Sans, Arial, sans-serif" text-anchor="middle">{texts}</g></svg>')
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def has_watermark(figure: go.Figure) -> bool:
    """Return whether a figure carries the demonstration watermark."""
    return any(image.name == WATERMARK_NAME for image in figure.layout.images)


@mark.register
def _mark_figure(item: go.Figure, demo) -> go.Figure:
    if not bool(demo) or has_watermark(item):
        return item
    # A grid of cells (a heatmap) covers its whole plot area: under it the watermark would show only as red dashes
    # in the gaps between cells, so there it lies over the cells, fainter, and their numbers read through it.
    covered = any(trace.type == "heatmap" for trace in item.data)
    item.add_layout_image(source=watermark_image(), name=WATERMARK_NAME, xref="x domain", yref="y domain", x=0.5,
                          y=0.5, sizex=1, sizey=1, xanchor="center", yanchor="middle", sizing="contain",
                          layer="above" if covered else "below", opacity=0.6 if covered else 1)
    return item


def _row_flags(demo, count: int) -> list[bool]:
    if isinstance(demo, bool | int) or demo is None:
        return [bool(demo)] * count
    flags = [bool(f) for f in demo]
    return flags if len(flags) == count else [any(flags)] * count


def table(export: ExportTable) -> ExportTable:
    """Return a view model's table marked by its own flags (per row where its data has is_demo, else the table's)."""
    return mark(export, export.is_demo)


def card(item: Card) -> Card:
    """Return a card marked by its own flag."""
    return mark(item, item.is_demo)


def verdict(named: str, demo: bool, illustration: str = "") -> str:
    """Return the named judgement of real figures, or on generated rows an illustration of the method that names
    no county ("Demonstration: with figures like these, the rule would be broken")."""
    return mark(illustration or _("with figures like these, the rule would be broken."), True) if demo else named


def status(real: str, illustration: str, demo: bool) -> str:
    """Return a status as real rows give it ('late by 12 days', 'off track'), or, read from generated rows, what it
    would be ('would be late by 12 days'): the cell and card form of `verdict`, so that no generated row gives a real
    county a status."""
    return illustration if demo else real


def coverage(county_codes: Iterable[str], targets: Sequence[str] | None = None) -> str:
    """Return what a figure covers, counted from its rows: 'All 47 counties' only when 47 counties are in it,
    '8 target counties' when they are the eight targets, else '5 counties'."""
    from jdp_analytics.geography.counties import COUNTIES, JDP_TARGETS

    codes = {c for c in county_codes if isinstance(c, str) and c in COUNTIES}
    targets = set(targets if targets is not None else JDP_TARGETS)
    if len(codes) == len(COUNTIES):
        return _("All {count} counties").format(count=len(COUNTIES))
    if codes and codes <= targets:
        return _("{count} target counties").format(count=len(codes)) if len(codes) > 1 else COUNTIES[next(iter(codes))]
    return _("{count} counties").format(count=len(codes)) if len(codes) != 1 else COUNTIES[next(iter(codes))]


def share_sentence(shares: pd.DataFrame) -> str:
    """Return which tables hold generated rows and their share, from the data_quality_sources query (one row per
    table with a source_id: table_name, row_count, demo_rows, demo_pct), read from the source.is_demo flags."""
    demo = shares[shares["demo_rows"] > 0]
    if demo.empty:
        return _("No table holds generated demonstration rows: every figure comes from a published or loaded "
                 "source.")
    parts = [_("{table} ({share} of {rows} rows)").format(table=row.table_name, share=formatting.pct(row.demo_pct),
                                                          rows=formatting.number(row.row_count))
             for row in demo.itertuples()]
    return _("{count} of {total} tables with sourced rows hold generated demonstration rows: {tables}. Every figure "
             "computed from them is marked \"{mark}\".").format(count=len(demo), total=len(shares),
                                                                 tables="; ".join(parts), mark=_(TABLE_MARK))
