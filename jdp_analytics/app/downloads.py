"""Streamlit helpers that show a table or a chart with its download buttons: CSV and Excel, or PNG.

Every file carries the source and as-of date: CSV in its first line, Excel on a 'source' sheet, PNG in the source
line drawn under the chart. Files are made only when a button is pressed (Streamlit calls the function then), so a
page that offers many downloads costs nothing until one is wanted. These belong with the shared helpers of ui.py.
"""

from __future__ import annotations

import re

import plotly.graph_objects as go
import streamlit as st

from jdp_analytics.common import demonstration, exports
from jdp_analytics.common.i18n import _
from jdp_analytics.common.inert import markdown_frame
from jdp_analytics.common.presentation import ExportTable

CHART_CONFIG = {"displayModeBar": False}


GRID_WIDTH_PX = 760  # the main column at a 1280 px projector, less the grid's own margins: a wider grid would hide
# columns at its right edge (a PEFA PI-2 grid estimated at 795 px did)
CHAR_PX, CELL_PAD_PX = 7.5, 24


def grid_width(frame) -> float:
    """Return the width (px) an interactive grid gives a frame: each column as wide as its longest text."""
    return sum(min(max([len(str(c)), *(len(str(v)) for v in frame[c])], default=0), 60) * CHAR_PX + CELL_PAD_PX
               for c in frame.columns)


def wraps(frame) -> bool:
    """Whether a table reads better as a plain table that wraps its text than as a grid that cuts it off: a grid
    wider than a projector's main column would hide its right-hand columns (a table wraps its cells instead)."""
    return grid_width(frame) > GRID_WIDTH_PX


LONG_TOKEN = re.compile(r"[^\s]{16,}")


# An amount or a share with its unit, as formatting writes them ('KES 973.1 m', '66.7 %', '+6.8 pp'; in Kiswahili the
# number with its unit word, 'KES / bilioni 4.39', so narrow columns may still break after KES): one piece that a
# wrapping table never breaks ("KES 973.1 / m" read as two values on a projector).
WHOLE = re.compile(r"KES [-+]?[\d.,]+(?: (?:m|bn)\b)?|(?:milioni|bilioni) [-+]?[\d.,]+|[-+]?\d[\d.,]* (?:%|pp\b)")


def breakable(frame):
    """Return a frame whose long unbroken values (file names, codes, addresses) may wrap after '_', '/', '.' or '-'
    (a zero-width space), and whose amounts and shares never wrap inside (non-breaking spaces), so that a wrapping
    table fits its column and reads whole; only for showing, never for exports."""
    def soften(value):
        if not isinstance(value, str):
            return value
        value = WHOLE.sub(lambda m: m.group().replace(" ", "\u00a0"), value)
        if not LONG_TOKEN.search(value):
            return value
        return LONG_TOKEN.sub(lambda m: re.sub(r"([_/.\-])", "\\1\u200b", m.group()), value)
    return frame.map(soften)


def table(export: ExportTable, key: str, sheet: str = "data") -> None:
    """Show a table and offer its exact values as CSV and Excel, headed by their source and as-of date; generated
    rows carry the demonstration mark (demonstration.table).

    A table with long text or too many columns for a projector's width is shown as a plain table that wraps
    (st.table), otherwise as an interactive grid; both hold up to 15 rows before scrolling."""
    export = demonstration.table(export)
    grid(export.shown, key)
    buttons(export, key, sheet)


def grid(frame, key: str) -> None:
    """Show a frame as an interactive grid, or as a table that wraps when a grid would be wider than a projector's
    main column; both hold up to 15 rows before scrolling."""
    if wraps(frame):
        st.table(markdown_frame(breakable(frame)), hide_index=True,  # st.table renders cells as markdown
                 height="content" if len(frame) <= 15 else 560)
    else:
        st.dataframe(frame, hide_index=True, key=key, height=35 * (min(len(frame), 15) + 1) + 3)


PICK_WIDE_MIN_PX = 160  # a picker's long text column is never narrower (about 20 characters; hover shows the rest)


def picker(export: ExportTable, key: str, order: tuple[str, ...], wide: str):
    """Show a table whose rows are picked one at a time, marked like every table (demonstration.table): the mark,
    then only the columns in `order` (labels not translated yet; those missing are skipped), `wide` given room; offer
    all its values as CSV and Excel. Return the selection event."""
    export = demonstration.table(export)
    columns = [c for c in (_(demonstration.TABLE_COLUMN), *map(_, order)) if c in export.shown.columns]
    # the long text column takes what the others leave of a projector's main column, so no column is hidden
    room = GRID_WIDTH_PX - grid_width(export.shown[[c for c in columns if c != _(wide)]])
    event = st.dataframe(export.shown, hide_index=True, key=key, on_select="rerun", selection_mode="single-row",
                         height=35 * (min(len(export.shown), 10) + 1) + 3, column_order=columns,  # no empty rows
                         column_config={_(wide): st.column_config.TextColumn(width=int(max(room, PICK_WIDE_MIN_PX)))})
    buttons(export, key)
    return event


def buttons(export: ExportTable, key: str, sheet: str = "data") -> None:
    """Offer a table's exact values as CSV and Excel (for a table shown in parts, e.g. grouped by SDG)."""
    row = st.container(horizontal=True)
    row.download_button(f"{export.file_stem}.csv",
                            lambda: exports.to_csv(export.data, export.citation, export.is_demo),
                            file_name=f"{export.file_stem}.csv", mime="text/csv", key=f"{key}_csv", on_click="ignore",
                            icon=":material/download:")
    row.download_button(f"{export.file_stem}.xlsx",
                            lambda: exports.to_excel(export.data, export.citation, sheet, export.is_demo),
                            file_name=f"{export.file_stem}.xlsx", key=f"{key}_xlsx", on_click="ignore",
                            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                            icon=":material/download:")


def item(chart_item, key: str) -> None:
    """Show a view model's chart (anything with .figure and .file_stem) as `chart` does; nothing when it is None."""
    if chart_item is not None:
        chart(chart_item.figure, chart_item.file_stem, key)


def chart(figure: go.Figure, file_stem: str, key: str) -> None:
    """Show a plotly chart and offer it as a PNG drawn by kaleido, with the source line under the plot."""
    st.plotly_chart(figure, config=CHART_CONFIG, key=key)
    st.download_button(f"{file_stem}.png", lambda: exports.to_png(figure), file_name=f"{file_stem}.png",
                       mime="image/png", key=f"{key}_png", on_click="ignore", icon=":material/image:")
