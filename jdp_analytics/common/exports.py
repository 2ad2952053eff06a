"""Exports that are safe to open in a spreadsheet and always say where the figures come from."""

from __future__ import annotations

import asyncio
import csv
import io
import json
import shutil
import tempfile
import threading
import zipfile
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

import pandas as pd

DEMO_LINE = "DEMONSTRATION DATA: generated, not real figures"
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
# Deflate level of a zipped table: 1 packs a CSV of budget lines to 12 % of its size 3.4x faster than 6 does to 8 %.
ZIP_LEVEL = 1


def neutralise(value):
    """Return a text cell prefixed with an apostrophe if a spreadsheet would run it as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Return a copy of a frame with every formula-like text cell neutralised (numbers are left alone)."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(neutralise)
    return out


def comment_lines(lines: list[str]) -> str:
    """Return comment lines as CSV rows of one cell each, quoted when they hold a delimiter or a quote mark, so that no
    reader splits them into cells (a line without one stays a plain '# ...' line that `comment="#"` readers skip).

    The text (a publisher, a title, a URL a user typed) is neutralised too: a reader that strips the '#' still
    finds no formula.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
    for line in lines:
        writer.writerow(["# " + " ".join(str(neutralise(word)) for word in line.split(" "))])
    return buffer.getvalue()


def _csv_head(citation: str, demo: bool) -> str:
    """The start of every CSV export: a byte-order mark (for Excel) and comment lines naming the source."""
    head = comment_lines([f"Source: {citation}"])
    if demo:  # the project's own words: a plain comment line, as readers with comment="#" expect
        head += f"# {DEMO_LINE}\n"
    return "\ufeff" + head


def to_csv(frame: pd.DataFrame, citation: str, demo: bool = False) -> bytes:
    """Return CSV bytes (UTF-8 with BOM for Excel) headed by comment lines naming the source."""
    return (_csv_head(citation, demo) + safe_frame(frame).to_csv(index=False, lineterminator="\n")).encode("utf-8")


def table_file(write: Callable[[Path], int], name: str, citation: str, demo: bool = False,
               zipped: bool = False) -> bytes:
    """Return a whole table as a CSV download headed like `to_csv`, or that CSV in a ZIP archive when `zipped`.

    `write(path)` writes the table's CSV to a file (queries.Warehouse.write_csv: DuckDB streams it, text already
    neutralised); the rows are copied from that file into the archive in chunks, so a ten-million-line table is held
    in this process once, compressed (about 220 MB; its CSV is about 1.8 GB)."""
    with tempfile.TemporaryDirectory(prefix="jdp-download-") as folder:
        body = Path(folder) / name
        write(body)
        head = _csv_head(citation, demo).encode("utf-8")
        if not zipped:
            return head + body.read_bytes()
        packed = Path(folder) / "table.zip"
        with (zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED, compresslevel=ZIP_LEVEL) as archive,
              archive.open(name, "w", force_zip64=True) as entry, body.open("rb") as rows):
            entry.write(head)
            shutil.copyfileobj(rows, entry, 1 << 20)
        return packed.read_bytes()


def text_cell(sheet, row: int, column: int, value):
    """Write a value into an openpyxl sheet; text is neutralised and stored as a string cell, never a formula."""
    cell = sheet.cell(row, column)
    cell.value = neutralise(value)
    if isinstance(value, str):
        cell.data_type = "s"  # openpyxl reads any text starting with '=' as a formula unless told otherwise
    return cell


def to_excel(frame: pd.DataFrame, citation: str, sheet: str = "data", demo: bool = False) -> bytes:
    """Return XLSX bytes: the data sheet plus a 'source' sheet with the citation."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        safe_frame(frame).to_excel(writer, sheet_name=sheet[:31], index=False)
        notes = [citation] + ([DEMO_LINE] if demo else [])
        source = writer.book.create_sheet("source")
        text_cell(source, 1, 1, "source")
        for row, note in enumerate(notes, start=2):
            text_cell(source, row, 1, note)
        data_sheet = writer.sheets[sheet[:31]]
        for cells in data_sheet.iter_rows(min_row=2):
            for cell in cells:
                if isinstance(cell.value, str):
                    cell.data_type = "s"
    return buffer.getvalue()


PNG_WIDTH = 1100  # px before scaling: the width of a report page's figure
PNG_SCALE = 2  # twice that many pixels, sharp in print and slides


DRAW_TIMEOUT_S = 60  # a kept-open browser that has not answered by then is given up for good
_BROWSER_LOCK = threading.Lock()
_BROWSER = {"usable": True}


def run_coroutine(make):
    """Return `asyncio.run(make())` run on a thread of its own, re-raising its error here.

    kaleido is asyncio code, and callers may already run an event loop (Streamlit, tests), so it gets its own.
    """
    box: dict[str, object] = {}

    def run() -> None:
        try:
            box["result"] = asyncio.run(make())
        except BaseException as err:  # noqa: BLE001 - re-raised below in the caller's thread
            box["error"] = err

    worker = threading.Thread(target=run)
    worker.start()
    worker.join()
    if "error" in box:
        raise box["error"]
    return box["result"]


def _in_own_browser(figure: dict, opts: dict) -> bytes:
    """Draw one figure in a Chromium started for it (about 7 s on two cores)."""
    import kaleido

    # No MathJax: nothing is fetched from a CDN.
    return run_coroutine(lambda: kaleido.calc_fig(figure, opts=opts, kopts={"mathjax": False}))


def _in_kept_browser(figure: dict, opts: dict) -> bytes | None:
    """Draw one figure in the Chromium this process keeps open (kaleido's sync server), or None if it cannot.

    The server answers through one queue and waits forever on a dead browser, so calls are serialised by a lock
    and bounded by DRAW_TIMEOUT_S; after one failure the process never uses it again.
    """
    import kaleido

    box: dict[str, object] = {}

    def call() -> None:
        try:
            kaleido.start_sync_server(mathjax=False, silence_warnings=True)
            box["png"] = kaleido.calc_fig_sync(figure, opts=opts)
        except BaseException as err:  # noqa: BLE001 - any failure means: draw it another way
            box["error"] = err

    worker = threading.Thread(target=call, daemon=True)  # a hung call must not keep the process alive
    worker.start()
    worker.join(DRAW_TIMEOUT_S)
    if "png" not in box:
        _BROWSER["usable"] = False
        return None
    return box["png"]


@lru_cache(maxsize=32)
def _png(figure_json: str, width: int, scale: float = PNG_SCALE) -> bytes:
    figure = json.loads(figure_json)
    height = figure.get("layout", {}).get("height") or 500
    opts = {"format": "png", "width": width, "height": height, "scale": scale}
    with _BROWSER_LOCK:
        png = _in_kept_browser(figure, opts) if _BROWSER["usable"] else None
    return png if png is not None else _in_own_browser(figure, opts)


def to_pngs(figures: list, width: int = PNG_WIDTH, scale: float = PNG_SCALE) -> list[bytes]:
    """Return several plotly figures as PNG bytes, drawn one after another in the Chromium this process keeps open
    (the one PNG downloads use), so a document after the first costs no browser start."""
    return [_png(figure.to_json(), width, scale) for figure in figures]


def to_png(figure, width: int = PNG_WIDTH) -> bytes:
    """Return a plotly figure as PNG bytes, drawn offline by kaleido in the Chromium it finds on the PATH.

    The first PNG of a process starts a browser that stays open for the next ones (well under a second each).
    """
    return _png(figure.to_json(), width)
