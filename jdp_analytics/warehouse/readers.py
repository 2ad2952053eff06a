"""Read an uploaded CSV or XLSX file into a frame of text cells, ready for `schema.validate`.

County offices upload what their tools produce: Excel workbooks with title blocks, merged cells and
formulas; CSV files in UTF-8 or Windows-1252, separated by commas, semicolons, tabs or pipes. `read_table`
accepts those and reports anything else as `schema.Problem`s in one `schema.ValidationError`, never as a
traceback. Row numbers are those the user sees: the file's line (CSV) or the sheet's row (XLSX).
"""

from __future__ import annotations

import codecs
import csv
import functools
import io
import math
import posixpath
import re
import tempfile
import warnings
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from itertools import chain, islice
from pathlib import Path
from xml.etree import ElementTree
from xml.sax.saxutils import unescape

import duckdb
import numpy as np
import openpyxl
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format, is_timedelta_format
from openpyxl.utils.cell import column_index_from_string, coordinate_to_tuple, get_column_letter, range_boundaries
from openpyxl.utils.datetime import MAC_EPOCH, WINDOWS_EPOCH, from_excel, from_ISO8601
from openpyxl.utils.exceptions import InvalidFileException
from python_calamine import CalamineError, CalamineWorkbook

from jdp_analytics.common import formatting
from jdp_analytics.common.i18n import N_, _
from jdp_analytics.warehouse.schema import MAX_PROBLEMS, Problem, ProblemLog, ValidationError

MAX_BYTES = 50 * 1024 * 1024  # uploads larger than this are refused before parsing

_MB = 1024 * 1024
_HEADER_SEARCH_ROWS = 30  # the header must be among the first 30 rows; title blocks are a few rows
_DELIMITERS = {",": N_("comma"), ";": N_("semicolon"), "\t": N_("tab"), "|": N_("pipe")}  # shown as _(name)
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # compound file: an old .xls, or a password-protected .xlsx
# A multi-byte UTF-8 character; text in Windows-1252 almost never holds one by chance.
_UTF8_CHARACTER = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_CELL_REF = re.compile(rb'\br="([A-Z]+[0-9]+)"')
_CELL_TYPE = re.compile(rb'\bt="(\w+)"')
_MERGED_RANGE = re.compile(rb'<(?:\w+:)?mergeCell\b[^>]*\bref="([A-Z]+[0-9]+:[A-Z]+[0-9]+)"')
_EXCEL_ERRORS = frozenset({"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#SPILL!",
                           "#CALC!", "#GETTING_DATA", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!"})
# What a damaged workbook (or a zip that is no workbook) makes Calamine, the XML readers or the zip reader raise.
_UNREADABLE_WORKBOOK = (zipfile.BadZipFile, zlib.error, EOFError, KeyError, OSError, CalamineError,
                        ElementTree.ParseError, TypeError, ValueError)
# Fixes said by several problems; shown as _(FIX).
_WORKBOOK_FIX = N_("open it in Excel or LibreOffice, save it as .xlsx (Excel Workbook) or CSV UTF-8, and upload it "
                   "again.")
_FORMULA_FIX = N_("open the file in Excel or LibreOffice and save it, or copy the cells and paste them as values "
                  "(Paste Special > Values).")

Rows = Iterable[tuple[int, list[str | None]]]  # (row number as the user sees it, stripped cells; None = empty)
# Checks a header before any data row is read: (column names, header row) -> problems; a file whose header breaks
# its kind's column contract is refused without reading the rest.
HeaderCheck = Callable[[list[str], int], list[Problem]]
# Checks a block of rows while the file is read ((frame of the block, file row of the frame's offset 0) ->
# problems); when the problems found reach the limit, reading stops and the file is refused with them.
ChunkCheck = Callable[[pd.DataFrame, int], list[Problem]]
SIZE_FIX = N_("split the file by fiscal year or county, or load it with the command line")
CHUNK_ROWS = 20_000  # rows kept as Python text before they are stored compactly (and checked, with chunk_check)


@dataclass(frozen=True)
class ReadResult:
    """A file read into text cells, with what was detected about it.

    `frame` holds every cell as text ("string" dtype, stripped, empty = <NA>), columns in file order. Its
    index is each row's offset from `first_row`: the file row of the frame row labelled i is first_row + i.
    Wholly blank rows are dropped, so a blank row between data rows leaves a gap in the index.
    """

    frame: pd.DataFrame
    first_row: int
    file_name: str
    format: str
    encoding: str | None
    delimiter: str | None
    sheet: str | None


def read_table(data: bytes | Path, file_name: str, expected_columns: Sequence[str], sheet: str | None = None,
               max_bytes: int = MAX_BYTES, header_check: HeaderCheck | None = None,
               max_problems: int = MAX_PROBLEMS, size_fix: str = SIZE_FIX,
               chunk_check: ChunkCheck | None = None) -> ReadResult:
    """Read a CSV or XLSX upload; raise schema.ValidationError listing what is wrong with the file.

    `header_check` is run on the header before any data row is read; `chunk_check` on each block of CHUNK_ROWS
    rows as it is read; reading stops once `max_problems` problems were found.
    """
    _check_size(data, file_name, max_bytes, size_fix)
    raw = data.read_bytes() if isinstance(data, Path) else bytes(data)
    suffix = Path(file_name).suffix.lower()
    if raw.startswith(_OLE_MAGIC):
        if suffix in (".xlsx", ".xlsm"):
            raise _file_error(file_name, _("the workbook is protected by a password, so it cannot be read."),
                              _("open it in Excel, remove the password (File > Info > Protect Workbook), save it "
                              "and upload it again."))
        raise _old_excel_error(file_name)
    limits = {"header_check": header_check, "max_problems": max_problems, "chunk_check": chunk_check}
    if raw.startswith(b"PK"):
        return _read_xlsx(raw, file_name, expected_columns, sheet, **limits)
    if suffix == ".xls":
        raise _old_excel_error(file_name)
    return _read_csv(raw, file_name, expected_columns, source=data if isinstance(data, Path) else None, **limits)


def _check_size(data: bytes | Path, file_name: str, max_bytes: int, size_fix: str) -> None:
    """Refuse a file over the size limit before a byte of it is read."""
    size = data.stat().st_size if isinstance(data, Path) else len(data)
    if size > max_bytes:
        shown = math.ceil(size / _MB * 10) / 10  # rounded up, so that a file just over the limit never shows it
        raise _file_error(file_name, _("the file is {size} MB; uploads are limited to {limit} MB.").format(
            size=f"{shown:.1f}", limit=f"{max_bytes / _MB:g}"), _("{fix}.").format(fix=_(size_fix)))


def header_names(data: bytes, file_name: str, expected_columns: Sequence[str], sheet: str | None = None) -> list[str]:
    """Return the column names of a file's header row, reading no data row (for offering columns to leave out)."""
    names: list[str] = []

    def keep(found: list[str], _row: int) -> list[Problem]:
        names.extend(found)
        return [Problem(file_name, None, "", "", _("header read."), "")]  # stops the reader before the rows

    try:
        read_table(data, file_name, expected_columns, sheet=sheet, header_check=keep)
    except ValidationError:
        pass
    return names


def _file_error(file_name: str, message: str, fix: str, value: str = "") -> ValidationError:
    return ValidationError([Problem(file_name, None, "", value, message, fix)])


def _old_excel_error(file_name: str) -> ValidationError:
    return _file_error(file_name, _("the file is an old-format Excel workbook (.xls), which cannot be read."),
                       _("open it in Excel and save it as .xlsx (Excel Workbook) or as CSV UTF-8, then upload that."))


def _key(name: str) -> str:
    """Return a header name as compared: case-blind, without surrounding spaces or a byte-order mark."""
    return name.strip().lstrip("\ufeff").strip().casefold()


# CSV ------------------------------------------------------------------------------------------------------------


def _read_csv(raw: bytes, file_name: str, expected: Sequence[str], source: Path | None = None,
              **limits) -> ReadResult:
    text, encoding = _decode(raw, file_name)
    del raw  # the text is all that is needed from here: keep one copy of the file in memory, not two
    delimiter = _detect_delimiter(text, expected, file_name)
    read = _duckdb_table(text, source if encoding in ("utf-8", "utf-8-sig") else None, encoding, delimiter,
                         expected, file_name, **limits)
    if read is None:  # a file DuckDB does not read line for line: the reader below names each problem
        read = _table(_csv_rows(text, delimiter, file_name), expected, file_name, delimiter=delimiter, **limits)
    return ReadResult(read[0], read[1], file_name, "csv", encoding, delimiter, None)


@dataclass(frozen=True)
class CsvLayout:
    """Where a CSV file's rows are, for DuckDB's reader: one row per line below the header, as `_table` reads them."""

    source: Path  # a UTF-8 file: the upload itself, or its text re-encoded into a temporary folder
    delimiter: str
    header_row: int
    names: list[str | None]  # None where a header cell is empty
    lines: int  # lines below the header: DuckDB must return as many rows
    spaces_only: bool  # no whitespace but spaces inside cells: DuckDB's trim strips as str.strip
    encoding: str


def csv_layout(data: bytes | Path, file_name: str, expected: Sequence[str], folder: Path, *,
               max_bytes: int = MAX_BYTES, size_fix: str = SIZE_FIX,
               header_check: HeaderCheck | None = None) -> CsvLayout | None:
    """Return the layout of a CSV upload whose rows DuckDB can read line for line; None for a workbook, or a file
    that needs the line-by-line reader. Raises the same problems as `read_table` for the size, the encoding and the
    header. A file not in UTF-8 is re-encoded into `folder`. A UTF-8 file on disk is scanned in blocks, never held
    whole in memory (a national file of ten million lines is close to a gigabyte)."""
    _check_size(data, file_name, max_bytes, size_fix)
    if Path(file_name).suffix.lower() == ".xls":
        return None
    if isinstance(data, Path):
        with data.open("rb") as handle:
            head = handle.read(_HEAD_BYTES)
        if head.startswith((_OLE_MAGIC, b"PK")):
            return None
        if len(head) == _HEAD_BYTES:  # a large file
            return _streamed_layout(data, head, file_name, expected, header_check)
        raw = data.read_bytes()
    else:
        raw = bytes(data)
        if raw.startswith((_OLE_MAGIC, b"PK")):
            return None
    text, encoding = _decode(raw, file_name)
    del raw
    delimiter = _detect_delimiter(text, expected, file_name)
    return _text_layout(text, data if isinstance(data, Path) and encoding in ("utf-8", "utf-8-sig") else None,
                        encoding, delimiter, expected, file_name, folder, header_check)


def _text_layout(text: str, source: Path | None, encoding: str, delimiter: str, expected: Sequence[str],
                 file_name: str, folder: Path, header_check: HeaderCheck | None) -> CsvLayout | None:
    """The layout of a file read whole into `text`; a file not read from disk in UTF-8 is written to `folder`."""
    found = _header_at(text, delimiter, expected, file_name, header_check)
    if found is None:
        return None
    header_row, names, offset = found
    lines = text.count("\n", offset) + text.count("\r", offset) - text.count("\r\n", offset)
    lines += not text.endswith(("\n", "\r"))
    other = _other_whitespace(delimiter, quoted='"' in text, ascii_only=text.isascii())
    spaces_only = not any(text.find(c, offset) >= 0 for c in other)
    if source is None:
        source = Path(folder) / "upload.csv"
        source.write_bytes(text.encode("utf-8"))
    return CsvLayout(source, delimiter, header_row, names, lines, spaces_only, encoding)


_HEAD_BYTES = 1 << 20  # the part of a file on disk read whole to find its header and delimiter
_SCAN_BYTES = 1 << 22  # blocks in which the rest of it is scanned


def _streamed_layout(path: Path, head: bytes, file_name: str, expected: Sequence[str],
                     header_check: HeaderCheck | None) -> CsvLayout | None:
    """The layout of a UTF-8 file on disk, its body scanned in blocks; None when it is not UTF-8 throughout (the
    full reader then says what it is) or its header is not in the first megabyte."""
    bom = len(codecs.BOM_UTF8) if head.startswith(codecs.BOM_UTF8) else 0
    cut = max(head.rfind(b"\n"), head.rfind(b"\r")) + 1 if len(head) == _HEAD_BYTES else len(head)
    if b"\x00" in head[:65536] or head.startswith(b"%PDF") or cut <= 0:
        return None
    try:
        text = head[bom:cut].decode("utf-8")
    except UnicodeDecodeError:
        return None
    delimiter = _detect_delimiter(text, expected, file_name)
    found = _header_at(text, delimiter, expected, file_name, header_check)
    if found is None or found[2] >= len(text) and len(head) == _HEAD_BYTES:
        return None
    header_row, names, offset = found
    start = bom + len(text[:offset].encode("utf-8"))
    decoder = codecs.getincrementaldecoder("utf-8")()
    everything = _other_whitespace(delimiter, quoted=True, ascii_only=False)
    others = everything - {delimiter}  # the delimiter counts only in a file with quoted values
    ascii_others = [c.encode("ascii") for c in others if c.isascii()]
    wide_others = [c for c in others if not c.isascii()]
    lines = quotes = 0
    found_other, last = False, b""
    with path.open("rb") as handle:
        handle.seek(start)
        while block := handle.read(_SCAN_BYTES):
            # Line breaks and quotes are counted in the bytes: in UTF-8 no byte of another character equals them.
            # A block of ASCII is UTF-8 as it is; any other is decoded, to check it and to look for wide whitespace.
            if not block.isascii() or decoder.getstate()[0]:
                try:
                    chunk = decoder.decode(block)
                except UnicodeDecodeError:
                    return None
                found_other = found_other or any(chunk.find(c) >= 0 for c in wide_others)
            crlf = block.count(b"\r\n") + (last == b"\r" and block.startswith(b"\n"))  # one across two blocks
            lines += block.count(b"\n") + block.count(b"\r") - crlf
            quotes += block.count(b'"')
            found_other = found_other or any(block.find(c) >= 0 for c in ascii_others)
            last = block[-1:]
    try:
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return None
    spaces_only = not found_other and not (quotes and delimiter in everything)
    lines += last not in (b"\n", b"\r")
    return CsvLayout(path, delimiter, header_row, names, lines, spaces_only, "utf-8-sig" if bom else "utf-8")


def _other_whitespace(delimiter: str, quoted: bool, ascii_only: bool) -> set[str]:
    """Return the whitespace other than spaces and line breaks to look for in cells; the delimiter is none when no
    value is quoted (it cannot be inside a cell then)."""
    other = set(_OTHER_WHITESPACE) - {"\n", "\r"} - ({delimiter} if not quoted else set())
    return {c for c in other if c.isascii()} if ascii_only else other


def _header_at(text: str, delimiter: str, expected: Sequence[str], file_name: str,
               header_check: HeaderCheck | None) -> tuple[int, list[str | None], int] | None:
    """Find the header as `_table` finds it: (its row, its names, the offset in `text` of the line below it); None
    when DuckDB's rows would not be the file's lines one for one (a quoted value above or in the header, a blank
    line below it, no line after it)."""
    try:
        head = list(islice(_csv_rows(text, delimiter, file_name), _HEADER_SEARCH_ROWS))
    except ValidationError:
        return None
    rest = iter(())
    if len(head) == _HEADER_SEARCH_ROWS:  # only asked of files whose first 30 rows are blank
        rest = (row for row in islice(_csv_rows(text, delimiter, file_name), _HEADER_SEARCH_ROWS, None))
    position, names = _header(head, rest, expected, file_name, None, "", header_check)
    header_row = head[position][0]
    offset = 0
    for count, match in enumerate(_LINE_BREAK.finditer(text), start=1):
        if count == header_row:
            offset = match.end()
            break
    else:
        return None  # no line after the header
    if '"' in text[:offset] or (position + 1 < len(head) and head[position + 1][0] != header_row + 1):
        return None  # a quoted value above or in the header, or a blank line below it: line numbers would drift
    return header_row, names, offset


def _duckdb_table(text: str, source: Path | None, encoding: str, delimiter: str, expected: Sequence[str],
                  file_name: str, *, header_check: HeaderCheck | None = None, max_problems: int = MAX_PROBLEMS,
                  chunk_check: ChunkCheck | None = None) -> tuple[pd.DataFrame, int] | None:
    """Read the rows below the header with DuckDB's CSV reader; None when the file needs the line-by-line reader.

    The header is found as `_table` finds it. DuckDB reads every cell as text (explicit VARCHAR columns, no type
    guessing) and keeps the lines it rejects. Its rows are tied to the file's lines only when each line below
    the header is one row: a rejected line (a stray quote, more cells than the header), a value spanning lines
    or a blank line hands the file to `_table`, which reports the same problems as always. `chunk_check` is not
    needed here: the whole file is read in one pass and checked by `schema.validate`.
    """
    with tempfile.TemporaryDirectory(prefix="jdp-read-") as folder:
        layout = _text_layout(text, source, encoding, delimiter, expected, file_name, Path(folder), header_check)
        if layout is None:
            return None
        con = duckdb.connect()
        try:
            return _cells_frame(con, layout, file_name, max_problems)
        except duckdb.Error:
            return None
        finally:
            con.close()


def read_csv_sql(layout: CsvLayout) -> tuple[str, list]:
    """Return the SQL that reads the layout's rows as stripped text cells c0, c1, … (empty = NULL), rows in file
    order, and its parameters. Lines DuckDB rejects are kept in `reject_errors`."""
    width = len(layout.names)
    columns = ", ".join(f"'c{i}': 'VARCHAR'" for i in range(width))
    cell = [f"nullif(trim(c{i}), '')" if layout.spaces_only else
            f"nullif(regexp_replace(c{i}, '^[{_STRIP}]+|[{_STRIP}]+$', '', 'g'), '')" for i in range(width)]
    return (f"""SELECT {", ".join(f"{cell[i]} AS c{i}" for i in range(width))}
        FROM read_csv(?, delim = ?, quote = '"', escape = '"', header = false, skip = {int(layout.header_row)},
        auto_detect = false, columns = {{{columns}}}, null_padding = true, strict_mode = true, store_rejects = true)""",
            [str(layout.source), layout.delimiter])


# What str.strip() removes besides the space: a cell holding one of these at either end is trimmed by a regular
# expression (slower) instead of DuckDB's trim, which removes spaces only.
_OTHER_WHITESPACE = "".join(chr(c) for c in range(0x3001) if chr(c).isspace() and chr(c) != " ")
_STRIP = "".join(f"\\x{{{ord(c):x}}}" for c in " " + _OTHER_WHITESPACE)


def _cells_frame(con, layout: CsvLayout, file_name: str, max_problems: int) -> tuple[pd.DataFrame, int] | None:
    """Read the lines below the header into stripped text cells, rows by file line, blank rows dropped, as `_table`
    returns them; None when a line was rejected or the rows are not the file's lines one for one.
    """
    names, lines, header_row, width = layout.names, layout.lines, layout.header_row, len(layout.names)
    query, params = read_csv_sql(layout)
    # One pass: the file read and stripped straight into Arrow (rows in file order: the n-th row is the n-th line).
    table = con.sql(query, params=params).to_arrow_table()
    if con.execute("SELECT count(*) FROM reject_errors").fetchall()[0][0] or table.num_rows != lines:
        return None
    table = table.append_column("line_no", pa.array(np.arange(lines) + header_row + 1))
    blank = functools.reduce(pc.and_, (pc.is_null(table.column(f"c{i}")) for i in range(width)))
    if pc.any(blank).as_py():
        table = table.filter(pc.invert(blank))  # a copy only when the file has blank rows
    if not table.num_rows:
        return None  # only blank rows below the header: `_table` says so
    named = [i for i, name in enumerate(names) if name]
    con.register("rows", table)  # DuckDB reads the Arrow buffers where they are
    _raise_cell_errors(con, "rows", layout, file_name, max_problems)
    con.unregister("rows")
    line_no = table.column("line_no").to_numpy()
    first_row = int(line_no[0])
    text = pd.StringDtype("pyarrow")
    frame = pd.DataFrame({names[i]: text.__from_arrow__(table.column(f"c{i}")) for i in named},
                         index=pd.Index(line_no - first_row))
    if frame.index[-1] == len(frame) - 1:
        frame.index = pd.RangeIndex(len(frame))
    return frame, first_row


def _raise_cell_errors(con, rows: str, layout: CsvLayout, file_name: str, max_problems: int) -> None:
    """Raise the problems the reader finds in cells, as `_table` finds them: Excel errors (#N/A …) and values under a
    header cell left empty. `rows` is a relation (the caller's) with the cells c0, c1, … and each one's line_no."""
    names, log = layout.names, ProblemLog(max_problems)
    named = [i for i, name in enumerate(names) if name]
    errors = " UNION ALL ".join(f"SELECT line_no, {i} AS position, c{i} AS value FROM {rows} WHERE c{i} IN "
                                f"({', '.join('?' * len(_EXCEL_ERRORS))})" for i in named)
    for row_no, i, value in con.execute(f"{errors} ORDER BY line_no, position LIMIT {int(max_problems)}",
                                        [e for _i in named for e in sorted(_EXCEL_ERRORS)]).fetchall():
        log.add(_excel_error(file_name, row_no, names[i], value))
    for i in (i for i, name in enumerate(names) if not name):
        first = con.execute(f"SELECT c{i} FROM {rows} WHERE c{i} IS NOT NULL ORDER BY line_no LIMIT 1").fetchall()
        if first:
            log.add(_unnamed_column(file_name, layout.header_row, i, first[0][0]))
    if log.items:
        raise log.error(key=lambda p: p.row or 0)


CELLS = "memory.main.file_cells"  # a file's text cells read into a stage, for reading in batches


def stage_cells(con, layout: CsvLayout, file_name: str, max_problems: int = MAX_PROBLEMS) -> int | None:
    """Read the layout's lines into the table CELLS on `con` (text cells c0, c1, … and each one's line_no), for
    `cell_batches`; return the file row of the first data row. None when the file needs the line-by-line reader
    (as `_cells_frame`); raises the problems `_table` would find in cells (Excel errors, unnamed columns)."""
    query, params = read_csv_sql(layout)
    # The n-th row stored is the n-th line (insertion order is kept): its rowid gives its line.
    con.execute(f"CREATE TABLE {CELLS}_read AS {query}", params)
    con.execute(f"CREATE VIEW {CELLS} AS SELECT *, rowid + {int(layout.header_row) + 1} AS line_no "
                f"FROM {CELLS}_read")
    if con.execute("SELECT count(*) FROM reject_errors").fetchall()[0][0]:
        return None
    blank = " AND ".join(f"c{i} IS NULL" for i in range(len(layout.names)))
    rows, first_row = con.execute(f"SELECT count(*), min(line_no) FILTER (WHERE NOT ({blank})) "
                                  f"FROM {CELLS}").fetchall()[0]
    if rows != layout.lines or first_row is None:
        return None
    _raise_cell_errors(con, CELLS, layout, file_name, max_problems)
    return int(first_row)


def cell_batches(con, layout: CsvLayout, first_row: int, batch_rows: int) -> Iterator[pd.DataFrame]:
    """Yield the cells `stage_cells` read, blank rows dropped, in frames of at most `batch_rows` rows as `read_table`
    returns a file's rows: text columns named as the header names them, each row's index its offset from `first_row`.
    `con` must run no other query until the batches are read (use a cursor of the stage's connection)."""
    names = layout.names
    named = [i for i, name in enumerate(names) if name]
    blank = " AND ".join(f"c{i} IS NULL" for i in range(len(names)))
    reader = con.sql(f"SELECT line_no - ? AS row_offset, {', '.join(f'c{i}' for i in named)} FROM {CELLS} "
                     f"WHERE NOT ({blank})", params=[first_row]).to_arrow_reader(batch_rows)  # in line order
    text = pd.StringDtype("pyarrow")
    for batch in reader:
        yield pd.DataFrame({names[i]: text.__from_arrow__(batch.column(f"c{i}")) for i in named},
                           index=pd.Index(batch.column("row_offset").to_numpy()))


_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1f]")  # never in text but for a stray one


def _decode(raw: bytes, file_name: str) -> tuple[str, str]:
    """Return the file's text and its encoding: UTF-8 (with or without BOM), else Windows-1252, else Latin-1."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):  # Excel's "Unicode Text"
        try:
            return raw.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            pass
    if raw.startswith(b"%PDF"):
        raise _file_error(file_name, _("the file is a PDF, not a CSV file or an Excel workbook."),
                          _("copy the table into Excel and save it as .xlsx or CSV UTF-8."))
    if (nul := raw.find(b"\x00")) >= 0:
        head = raw[:65536]
        if len(_CONTROL_BYTES.findall(head)) > max(3, len(head) // 100):  # many: a file of another kind, not text
            raise _file_error(file_name, _("the file is not a CSV file or an Excel workbook."),
                              _("upload the table as .csv or .xlsx (in Excel: File > Save As > CSV UTF-8 or Excel "
                              "Workbook)."))
        line = len(_LINE_BREAK.findall(raw[:nul].decode("latin-1"))) + 1  # one character per byte
        shown = _line(raw.decode("utf-8", errors="replace"), line).replace("\x00", "\N{SYMBOL FOR NULL}")
        raise ValidationError([Problem(
            file_name, line, "", shown[:200],
            _("this row holds a NUL character (an invisible character, code 0, shown here as \N{SYMBOL FOR NULL}), "
              "which no value may contain."),
            _("remove it (a text editor that shows invisible characters finds it) or export the file again from "
              "where it came from."))])
    try:
        return raw.decode("utf-8-sig"), "utf-8-sig" if raw.startswith(codecs.BOM_UTF8) else "utf-8"
    except UnicodeDecodeError as err:
        first_bad = err.start
    if _UTF8_CHARACTER.search(raw):  # both encodings in one file: decoding it either way garbles some letters
        before = raw[:first_bad].decode("latin-1")  # one character per byte, so positions match
        line = len(_LINE_BREAK.findall(before)) + 1
        raise ValidationError([Problem(
            file_name, line, "", _line(raw.decode("cp1252", errors="replace"), line)[:200],
            _("the file mixes two text encodings: this row is in Windows-1252 (ANSI), other rows are in UTF-8."),
            _("open the file in Excel and save it as CSV UTF-8, or retype the accented letters on this row."))])
    try:
        return raw.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return raw.decode("latin-1"), "latin-1"


def _parsed_head(text: str, delimiter: str) -> list[tuple[int, list[str | None]]]:
    """Return the rows among the first 30 that parse with this delimiter."""
    head = []
    try:
        for row in _csv_rows(text, delimiter, ""):
            if row[0] > _HEADER_SEARCH_ROWS:
                break
            head.append(row)
    except ValidationError:  # a quote that does not close with this delimiter: keep the rows before it
        pass
    return head


def _detect_delimiter(text: str, expected: Sequence[str], file_name: str) -> str:
    """Return the delimiter that splits a header row into the most expected columns (or, failing that, the most
    cells); raise 'wrong delimiter' when a row names the columns but none of the four delimiters splits it."""
    keys = {_key(c) for c in expected}
    scores = {}
    for delimiter in _DELIMITERS:
        head = _parsed_head(text, delimiter)
        found = _find_header(head, keys)
        widest = max((len(cells) for _row, cells in head), default=0)  # fields, empty or not: where it splits
        scores[delimiter] = (found[1] + 1, widest) if found else (0, widest)
    best = max(scores, key=lambda d: scores[d])  # the first of equals, so comma wins ties
    if scores[best][0] or len(keys) < 2:
        return best
    for line_no in range(1, _HEADER_SEARCH_ROWS + 1):
        line = _line(text, line_no)
        names_in_line = sum(key in line.casefold() for key in keys)
        split_best = max(len(keys & {_key(cell) for cell in line.split(d)}) for d in _DELIMITERS)
        widest = max(len(line.split(d)) for d in _DELIMITERS)
        if names_in_line >= 2 and split_best < 2 and widest < 3:  # the names are there, but nothing separates them
            raise ValidationError([Problem(
                file_name, line_no, "", line[:200],
                _("wrong delimiter: the header row is not split into columns by a comma, semicolon, tab or pipe."),
                _("save the file with its columns separated by commas (,), semicolons (;), tabs or pipes (|); a CSV "
                  "file from Excel (File > Save As > CSV UTF-8) uses commas."))])
    return best


def _csv_rows(text: str, delimiter: str, file_name: str) -> Iterator[tuple[int, list[str | None]]]:
    """Yield each record with the line it starts on; a quote that breaks the file is a Problem."""
    reader = csv.reader(_lines(text), delimiter=delimiter, strict=True)
    line = 0
    while True:
        try:
            cells = next(reader, None)
        except csv.Error as err:
            shown = _line(text, line + 1)
            if "field limit" in str(err) and '"' not in shown:  # no quote: one cell is simply that long
                cells = [len(cell) for cell in shown.split(delimiter)]
                longest = max(cells)
                raise ValidationError([Problem(
                    file_name, line + 1, "", shown[:200],
                    _("cell {position} of this row holds {length:,} characters; a value may hold at most "
                      "{limit:,}.").format(position=cells.index(longest) + 1, length=longest,
                                           limit=csv.field_size_limit()),
                    _("shorten the value, or keep long text (a report, a transcript) in a document and put its "
                      "address in the cell."))]) from None
            spans_lines = reader.line_num > line + 1 or "end of data" in str(err) or "field limit" in str(err)
            raise ValidationError([Problem(
                file_name, line + 1, "", _line(text, line + 1)[:200],
                _('a quote mark (") opened on this row is never closed, so the row cannot be split into cells.')
                if spans_lines else
                _('a quote mark (") inside a value is not doubled, so the row cannot be split into cells.'),
                _('put quote marks only around whole values, write a quote mark inside a value as two (""), or '
                "remove the stray quote mark."))]) from None
        if cells is None:
            return
        yield line + 1, [cell.strip() or None for cell in cells]
        line = reader.line_num


def _lines(text: str) -> Iterator[str]:
    """Yield the text's lines with their line breaks, without copying the whole text (io.StringIO would hold a
    second, four-bytes-a-character copy of a 50 MB file)."""
    start = 0
    for match in _LINE_BREAK.finditer(text):
        yield text[start:match.end()]
        start = match.end()
    if start < len(text):
        yield text[start:]


def _line(text: str, number: int) -> str:
    """Return line `number` (1-based) of the text, as a text editor counts lines."""
    start = 0
    for count, match in enumerate(_LINE_BREAK.finditer(text), start=1):
        if count == number:
            return text[start:match.start()]
        start = match.end()
    return text[start:] if number > 0 else ""


# XLSX -----------------------------------------------------------------------------------------------------------
#
# Calamine (Rust) reads the cells; it gives each cell's value but not its number format, and reads some cells
# otherwise than Excel shows them (an error as an empty cell, a percentage as a fraction). The workbook's own XML
# says which cells those are: its styles (read here as openpyxl read them) and one streaming pass over the sheet's
# XML, which also finds formulas never calculated and merged ranges. Those cells are then shown as Excel shows them.

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_PACKAGE = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_RELATIONSHIP_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_CONTENT_TYPES = "{http://schemas.openxmlformats.org/package/2006/content-types}"
# The workbook part's content type, in the order openpyxl looks for them: templates and macro workbooks too.
_WORKBOOK_TYPES = ("application/vnd.ms-excel.template.macroEnabled.main+xml",
                   "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml",
                   "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
                   "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml")
# In a sheet's XML, what makes a cell worth a second look. Each pattern starts with literal text, which the
# regular expression engine finds fast: the sheet is scanned at little more than the speed of inflating it.
_FORMULA_TAG = re.compile(rb"<f[\s>/]")
_PREFIXED_FORMULA_TAG = re.compile(rb":f[\s>/]")  # <x:f>, in a sheet whose tags carry a namespace prefix
# A formula without a stored result: not followed by a value holding text (when Excel need not recalculate, only
# these can be never calculated).
_UNCALCULATED_TAG = re.compile(rb"<f\b[^>]*?(?:/>|>[^<]*</f>)(?!\s*<v\b[^>]*>[^<])")
_PREFIXED_UNCALCULATED_TAG = re.compile(
    rb":f\b[^>]*?(?:/>|>[^<]*</(?:\w+:)?f>)(?!\s*<(?:\w+:)?v\b[^>]*>[^<])")
_ERROR_OR_DATE_TYPE = re.compile(rb"""t=["'][ed]["']""")  # an error (Calamine: empty) or an ISO 8601 date
# A value that is not a plain number (a string formula's result; in a number cell, text openpyxl refused), a whole
# number of 16 digits or more, or (_ODD_NUMBER, when some style makes numbers dates) a number matching _ODD_VALUE.
_ODD_NUMBER = re.compile(rb"<v>(?:-|\d{7}|0\.99999999|[\d.]*+[eE]|[-+.\deE]*+[^-+.\deE<])")
_BIG_NUMBER = re.compile(rb"<v>(?:-?\d{16}|[-+.\deE]*+[^-+.\deE<])")
# The same after a namespace prefix (<x:v>) or with attributes (<v xml:space="preserve">): looked for when present.
_PREFIXED_ODD_NUMBER = re.compile(rb"v\b[^>]*>(?:-|\d{7}|0\.99999999|[\d.]*+[eE]|[-+.\deE]*+[^-+.\deE<])")
_PREFIXED_BIG_NUMBER = re.compile(rb"v\b[^>]*>(?:-?\d{16}|[-+.\deE]*+[^-+.\deE<])")
# A number Calamine may show otherwise than Excel when its style is a date or the zero-padding format "0":
# negative, seven digits or more (beyond the year 9999), within half a millisecond of 1, or with an exponent.
_ODD_VALUE = re.compile(rb"-|\d{7}|0\.99999999|[\d.]*[eE]")
# A whole number of 16 digits or more: Calamine reads it as a float, which loses digits and shows an exponent.
_BIG_INTEGER = re.compile(rb"-?\d{16,}")
_NOT_A_NUMBER = re.compile(rb"[^-+.\deE]")  # openpyxl read ' 5' as 5, and refused 'nan'
_CELL_TAG = re.compile(rb"<(?:\w+:)?c\b[^>]*>")
# A cell: its attributes, formula (the schema puts <f> before <v>) and value.
_CELL = re.compile(rb"<(?:\w+:)?c\b(?P<attributes>[^>]*?)(?:/>|>\s*(?P<f><(?:\w+:)?f\b[^>]*?(?:/>|>(?P<formula>[^<]*)"
                   rb"</(?:\w+:)?f>))?\s*(?:<(?:\w+:)?v\b[^>]*?(?:/>|>(?P<value>[^<]*)</(?:\w+:)?v>))?)")
_ROW_TAG = re.compile(rb"<(?:\w+:)?row\b([^>]*)>")
_ROW_OR_CELL_TAG = re.compile(rb"<(?:\w+:)?(row|c)\b([^>]*)>")
_ANY_CELL_REF = re.compile(rb"""\br=["']([A-Z]+)([0-9]+)["']""")
_ANY_CELL_TYPE = re.compile(rb"""\bt=["'](\w+)["']""")
_CELL_STYLE = re.compile(rb"""\bs=["'](\d+)["']""")
_ROW_NUMBER = re.compile(rb"""\br=["']([0-9]+)["']""")


@dataclass(frozen=True)
class _Style:
    """How a cell style shows a number, and whether Calamine reads such a number as Excel shows it."""

    shown_as: str = ""  # '%', the zeros of a zero-padding format ('000'), else ''
    kind: str = "number"  # "number", "date" or "timedelta": what openpyxl made of a number in this style
    redo: bool = False  # Calamine reads a number in this style otherwise: every one is read again from the XML
    restyle: bool = False  # a percentage or zero-padding style: Calamine's number is shown as `shown_as` says
    odd: bool = False  # a number in this style matching _ODD_VALUE is read again from the sheet's XML


_GENERAL = _Style()


@dataclass(frozen=True)
class _Workbook:
    """What the workbook's own XML says: its worksheets (title → part, in order), cell styles and date system."""

    sheets: dict[str, str]
    styles: list[_Style]
    epoch: datetime


@dataclass
class _SheetScan:
    """What one pass over a sheet's XML found."""

    formulas: dict[tuple[int, int], tuple[str, bool]]  # (row, column) → (formula, has a calculated value)
    merges: list[str]  # merged ranges, as 'A1:C2'
    shown: dict[int, list[tuple[int, str | None]]]  # row → (column, text) of cells to show otherwise than Calamine
    styled: dict[tuple[int, str], set[int]]  # (column, shown_as) → rows of cells in a percentage or zero-padding style
    last_row: int | None  # the number of the sheet's last row element (0: it has no reference; None: no row)
    damaged_row: int | None = None  # the first row holding a value openpyxl refused: reading it says "damaged"


class _Unplaced(Exception):
    """A cell to show otherwise has no reference: the sheet is scanned again, counting rows and cells."""


def _read_xlsx(raw: bytes, file_name: str, expected: Sequence[str], sheet: str | None, **limits) -> ReadResult:
    try:
        book = _workbook(raw)
    except _UNREADABLE_WORKBOOK:
        raise _file_error(file_name, _("the file is a zip archive but not a readable Excel workbook (.xlsx)."),
                          _(_WORKBOOK_FIX)) from None
    try:
        workbook = _calamine(CalamineWorkbook.from_filelike, io.BytesIO(raw))
    except CalamineError:
        workbook = None  # Calamine refuses the workbook: openpyxl reads it, as before
    try:
        sheet_names = list(book.sheets)
        title = _pick_sheet(sheet_names, sheet, file_name)
        try:
            recalculate = _recalculates_on_load(raw)
            scan = _scan_sheet(raw, book.sheets[title], book.styles, book.epoch, recalculate)
        except _UNREADABLE_WORKBOOK:
            raise _file_error(file_name, _("the workbook is damaged and cannot be read."), _(_WORKBOOK_FIX)) from None
        try:
            cells = _calamine(workbook.get_sheet_by_name, title) if workbook is not None else None
        except CalamineError:
            cells = None  # Calamine refuses the sheet (it reads all of it at once): openpyxl reads it row by row
        flagged = {cell: (formula, _("cell {cell} holds a formula whose value was never calculated (the file was "
                                     "written by a program, not saved by Excel).").format(
                                         cell=f"{get_column_letter(cell[1])}{cell[0]}"), _(_FORMULA_FIX))
                   for cell, (formula, calculated) in scan.formulas.items() if recalculate or not calculated}
        fallback = functools.partial(_openpyxl_rows, raw, title, file_name=file_name)
        frame, first_row = _table(_xlsx_rows(cells, scan, fallback, file_name), expected, file_name,
                                  flagged=flagged, sheet_title=title, sheet_names=sheet_names, **limits)
    finally:
        if workbook is not None:
            workbook.close()
    return ReadResult(frame, first_row, file_name, "xlsx", None, None, title)


def _calamine(call: Callable, *args):
    """Return call(*args); a panic in Calamine (an exception that is no Exception) is raised as a CalamineError."""
    try:
        return call(*args)
    except BaseException as error:
        if type(error).__name__ == "PanicException":
            raise CalamineError(str(error)) from None
        raise


def _pick_sheet(titles: list[str], sheet: str | None, file_name: str) -> str:
    """Return the title of the named worksheet (exact, else case-blind), or of the first."""
    if not titles:
        raise _file_error(file_name, _("the file is empty."), _("check that you chose the right file."))
    if sheet is None:
        return titles[0]
    exact = [title for title in titles if title == sheet]
    loose = [title for title in titles if _key(title) == _key(sheet)]
    if exact or loose:
        return (exact or loose)[0]
    names = ", ".join(titles)
    raise _file_error(file_name, _("the workbook has no sheet named {sheet!r}; its sheets are {names}.").format(
        sheet=sheet, names=names),
                      _("choose one of the workbook's sheets."), value=sheet)


def _workbook(raw: bytes) -> _Workbook:
    """Read the workbook's worksheets, cell styles and date system as openpyxl read them.

    A worksheet is a sheet whose part is in the file and is not a chart sheet; the styles are in xl/styles.xml.
    """
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        names = set(archive.namelist())
        types = ElementTree.fromstring(archive.read("[Content_Types].xml"))
        overrides = {}
        for override in types.iter(f"{_CONTENT_TYPES}Override"):
            overrides.setdefault(override.get("ContentType"), override.get("PartName", "")[1:])
        defaults = {default.get("ContentType") for default in types.iter(f"{_CONTENT_TYPES}Default")}
        part = next((overrides[kind] for kind in _WORKBOOK_TYPES if kind in overrides), None)
        if part is None and not defaults & set(_WORKBOOK_TYPES):
            raise OSError("the file holds no workbook part")
        part = part or "xl/workbook.xml"
        root = ElementTree.fromstring(archive.read(part))
        relationships = {}
        folder = posixpath.dirname(part)
        rels = posixpath.join(folder, "_rels", f"{posixpath.basename(part)}.rels")
        if rels in names:
            for relationship in ElementTree.fromstring(archive.read(rels)).iter(f"{_PACKAGE}Relationship"):
                target = relationship.get("Target", "")
                if relationship.get("TargetMode") != "External":
                    target = target[1:] if target.startswith("/") else posixpath.normpath(
                        posixpath.join(folder, target))
                relationships[relationship.get("Id")] = (relationship.get("Type", ""), target)
        sheets = {}
        for element in root.iterfind(f"{_MAIN}sheets/{_MAIN}sheet"):
            if not element.get(_RELATIONSHIP_ID):
                continue
            kind, target = relationships[element.get(_RELATIONSHIP_ID)]
            if target in names and "chartsheet" not in kind:
                sheets.setdefault(element.get("name"), target)
        properties = root.find(f"{_MAIN}workbookPr")
        mac = properties is not None and properties.get("date1904", "").lower() in ("1", "true")
        styles = _styles(archive.read("xl/styles.xml")) if "xl/styles.xml" in names else []
    return _Workbook(sheets, styles, MAC_EPOCH if mac else WINDOWS_EPOCH)


def _styles(xml: bytes) -> list[_Style]:
    """Return each cell style (cellXfs, by index) with what it does to numbers."""
    root = ElementTree.fromstring(xml)
    custom = {int(element.get("numFmtId")): element.get("formatCode", "")
              for element in root.iterfind(f"{_MAIN}numFmts/{_MAIN}numFmt")}
    return [_style(int(element.get("numFmtId", 0)), custom) for element in root.iterfind(f"{_MAIN}cellXfs/{_MAIN}xf")]


@functools.cache
def _style_of(number_format_id: int, code: str | None, custom: bool) -> _Style:
    # openpyxl: a custom format by its code, else a built-in one (or none: 'General'); dates and durations found
    # by its is_date_format and is_timedelta_format. Calamine: its own reading of the code, or of built-in ids.
    kind = "timedelta" if is_date_format(code) and is_timedelta_format(code) else "date" if is_date_format(code) \
        else "number"
    calamine = _calamine_kind(code or "") if custom else _CALAMINE_BUILT_IN.get(number_format_id, "number")
    shown_as = _shown_as(code or "General") if kind == "number" else ""
    return _Style(shown_as, kind, redo=calamine != kind, restyle=calamine == kind and shown_as not in ("", "0"),
                  odd=kind != "number" or shown_as == "0")


def _style(number_format_id: int, custom: dict[int, str]) -> _Style:
    if number_format_id in custom:
        return _style_of(number_format_id, custom[number_format_id], True)
    return _style_of(number_format_id, BUILTIN_FORMATS.get(number_format_id), False)


# How Calamine reads a number in a built-in format: 14-22, 45 and 47 are dates and times, 46 a duration.
_CALAMINE_BUILT_IN = {**dict.fromkeys((*range(14, 23), 45, 47), "date"), 46: "timedelta"}


def _calamine_kind(code: str) -> str:
    """Return what Calamine makes of a number in a custom format: "date", "timedelta" or "number".

    Calamine's own test of the format code (formats.rs, detect_custom_number_format), step for step: the first
    section only; quoted, escaped and bracketed text skipped, except [h], [m] and [s], which make a duration.
    """
    escaped = quoted = hms = am_pm = False
    brackets = 0
    previous = " "
    for character in code:
        if escaped:
            escaped = False
        elif character in "_\\*":
            escaped = True
        elif quoted:
            quoted = character != '"'
        elif character == '"':
            quoted = True
        elif character == ";":
            return "number"
        elif character == "[":
            brackets += 1
        elif character == "]" and brackets == 1 and hms:
            return "timedelta"
        elif character == "]":
            brackets = max(brackets - 1, 0)
        elif character in "aA" and not am_pm and not brackets:
            am_pm = True
        elif character in "pm/PM" and am_pm and not brackets:
            return "date"
        elif character in "dmhysDMHYS" and not am_pm and not brackets:
            return "date"
        elif not (hms and character.lower() == previous.lower()):
            hms = previous == "[" and character in "mhsMHS"
        previous = character
    return "number"


def _recalculates_on_load(raw: bytes) -> bool:
    """Return whether the workbook asks Excel to recalculate every formula on opening (fullCalcOnLoad).

    Programs that write formulas without calculating them set it (XlsxWriter then stores 0 as every formula's
    value); Excel clears it when it saves. openpyxl reads a missing flag as set, so the XML is read here.
    """
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        types = ElementTree.fromstring(archive.read("[Content_Types].xml"))
        parts = [override.get("PartName", "").lstrip("/") for override in types
                 if re.search(r"spreadsheetml\.(sheet|template)\.main\+xml$|macroEnabled\.main\+xml$",
                              override.get("ContentType", ""))]
        for part in parts or ["xl/workbook.xml"]:
            if re.search(rb'<(\w+:)?calcPr\b[^>]*\bfullCalcOnLoad="(1|true)"', archive.read(part)):
                return True
    return False


def _sheet_chunks(raw: bytes, part: str) -> Iterator[bytes]:
    """Yield the sheet's XML a megabyte at a time, each piece ending after a row tag: cells are never cut."""
    with zipfile.ZipFile(io.BytesIO(raw)) as archive, archive.open(part) as source:
        pending = b""
        while True:
            chunk = source.read(1 << 20)
            pending += chunk
            cut = pending.rfind(b"row>") + len(b"row>") if chunk else len(pending)  # after a row tag: whole cells
            if cut < len(b"row>"):
                continue
            text, pending = pending[:cut], pending[cut:]
            yield text
            if not chunk:
                return


def _scan_sheet(raw: bytes, part: str, styles: list[_Style], epoch: datetime, recalculate: bool) -> _SheetScan:
    """Return the sheet's formula cells, merged ranges and the cells Calamine reads otherwise than Excel shows them.

    Calamine shows a formula without a stored result, and one whose result is empty text, both as empty; the
    sheet's XML tells them apart. It is scanned with regular expressions, a row at a time: parsing it as XML a
    second time would double the time a large sheet takes to read. Only cells that a pattern picks out are looked
    at, by their reference; a sheet whose cells or last row have none is scanned again counting rows and cells,
    as Excel places them. `recalculate`: every formula is reported, calculated or not.
    """
    try:
        return _scan(raw, part, styles, epoch, recalculate, positional=False)
    except _Unplaced:
        return _scan(raw, part, styles, epoch, recalculate, positional=True)


def _scan(raw: bytes, part: str, styles: list[_Style], epoch: datetime, recalculate: bool,
          positional: bool) -> _SheetScan:
    scan = _SheetScan({}, [], {}, {}, None)
    redone = [str(i).encode() for i, style in enumerate(styles) if style.redo]
    redone_style = re.compile(rb"""s=["'](?:%s)["']""" % b"|".join(redone)) if redone else None
    restyled = {str(i).encode(): style.shown_as for i, style in enumerate(styles) if style.restyle}
    restyled_style = re.compile(rb"""s=["'](%s)["']""" % b"|".join(restyled)) if restyled else None
    # A cell tag as Excel and most programs write it, reference first: found in bulk, without looking back.
    restyled_cell = re.compile(rb'<c r="([A-Z]+)([0-9]+)" s="(%s)"' % b"|".join(restyled)) if restyled else None
    dated = any(style.odd for style in styles)
    odd_number, prefixed_odd_number = (_ODD_NUMBER, _PREFIXED_ODD_NUMBER) if dated else (_BIG_NUMBER,
                                                                                      _PREFIXED_BIG_NUMBER)
    formula_tag, prefixed_formula_tag = ((_FORMULA_TAG, _PREFIXED_FORMULA_TAG) if recalculate else
                                         (_UNCALCULATED_TAG, _PREFIXED_UNCALCULATED_TAG))
    every_cell = bool(styles) and (styles[0].redo or styles[0].restyle)  # cells without a style attribute count
    row = column = 0  # where the last row and cell are, counted as Excel counts them (positional scan only)
    for text in _sheet_chunks(raw, part):
        if positional or every_cell:
            for tag in _ROW_OR_CELL_TAG.finditer(text):
                if tag[1] == b"row":
                    number = _ROW_NUMBER.search(tag[2])
                    row, column = int(number[1]) if number else row + 1, 0
                    scan.last_row = row
                    continue
                ref = _ANY_CELL_REF.search(tag[2])
                place = (int(ref[2]), _column_number(ref[1])) if ref else (row, column + 1)
                if ref is None and not positional:
                    raise _Unplaced
                column = place[1]
                _look_at(text, tag.start(), place, scan, styles, epoch)
                index = _CELL_STYLE.search(tag[2])
                style = _style_at(styles, int(index[1]) if index else 0)
                if style.restyle:
                    scan.styled.setdefault((place[1], style.shown_as), set()).add(place[0])
        else:
            starts = {_cell_start(text, match.start()) for match in formula_tag.finditer(text)}
            if b":f" in text:
                starts.update(_cell_start(text, match.start()) for match in prefixed_formula_tag.finditer(text))
            starts.update(_cell_start(text, match.start()) for match in _ERROR_OR_DATE_TYPE.finditer(text))
            if b":v" in text or b"<v " in text:
                starts.update(_cell_start(text, match.start()) for match in prefixed_odd_number.finditer(text))
            else:
                starts.update(_cell_start(text, match.start()) for match in odd_number.finditer(text))
            if redone_style is not None:
                starts.update(_cell_start(text, match.start()) for match in redone_style.finditer(text))
            for start in sorted(starts - {-1}):
                _look_at(text, start, None, scan, styles, epoch)
            if restyled_style is not None:
                _note_styled(text, restyled_cell, restyled_style, restyled, scan)
            last = _last_row(text)
            if last is not None:
                scan.last_row = last
        if b"mergeCell" in text:
            scan.merges += [ref.decode() for ref in _MERGED_RANGE.findall(text)]
    if scan.last_row == 0 and (scan.shown or scan.merges or scan.damaged_row) and not positional:
        raise _Unplaced  # the last row has no reference: where the rows end is known only by counting them
    return scan


_column_number = functools.cache(lambda letters: column_index_from_string(letters.decode()))


def _style_at(styles: list[_Style], index: int) -> _Style:
    return styles[index] if index < len(styles) else _GENERAL


def _note_styled(text: bytes, cell_pattern: re.Pattern, style_pattern: re.Pattern, shown_as: dict[bytes, str],
                 scan: _SheetScan) -> None:
    """Note where the cells in a percentage or zero-padding style are, from the style attribute of their tags.

    `cell_pattern` finds the tags written as Excel writes them; when it does not find every style attribute that
    `style_pattern` finds, each of those is looked at: its tag may have its attributes in another order or quotes.
    """
    found = cell_pattern.findall(text)
    if len(found) == len(style_pattern.findall(text)):
        columns: dict[tuple[bytes, bytes], list[bytes]] = {}
        for letters, digits, index in found:
            columns.setdefault((letters, index), []).append(digits)
        for (letters, index), rows in columns.items():
            scan.styled.setdefault((_column_number(letters), shown_as[index]), set()).update(map(int, rows))
        return
    for match in style_pattern.finditer(text):
        start = text.rfind(b"<", 0, match.start())
        if not text[match.start() - 1:match.start()].isspace() or not _CELL_TAG.match(text, start):
            continue  # another attribute ending in s, or a row's style
        ref = _ANY_CELL_REF.search(text, start, match.start())
        if ref is None:
            ref = _ANY_CELL_REF.search(text, match.end(), text.find(b">", match.end()))
            if ref is None:
                raise _Unplaced
        scan.styled.setdefault((_column_number(ref[1]), shown_as[match[1]]), set()).add(int(ref[2]))


def _cell_start(text: bytes, position: int) -> int:
    """Return where the cell tag holding the tag or attribute at `position` starts, else -1.

    A cell's children come in the order formula, value: the cell tag is at most two tags back.
    """
    for _step in range(3):
        position = text.rfind(b"<", 0, position)
        if position < 0:
            return -1
        if _CELL_TAG.match(text, position):
            return position
    return -1


def _last_row(text: bytes) -> int | None:
    """Return the number of the last row tag in this piece of the sheet (0 if it has no reference), else None."""
    end = len(text)
    while True:
        position = max(text.rfind(b"<row", 0, end), text.rfind(b":row", 0, end))
        if position < 0:
            return None
        start = text.rfind(b"<", 0, position + 1)
        tag = _ROW_TAG.match(text, start) if start >= 0 else None
        if tag is not None:
            number = _ROW_NUMBER.search(tag[1])
            return int(number[1]) if number else 0
        end = position


def _look_at(text: bytes, start: int, place: tuple[int, int] | None, scan: _SheetScan, styles: list[_Style],
             epoch: datetime) -> None:
    """Note the cell whose tag starts at `start`: a formula, or a value shown otherwise than Calamine reads it."""
    cell = _CELL.match(text, start)
    if cell is None:
        return
    attributes = cell["attributes"]
    if cell["f"] is not None:
        ref, kind = _CELL_REF.search(attributes), _CELL_TYPE.search(attributes)
        if ref is not None:  # a cell without a reference: its place is unknown, so it cannot be named
            written = unescape(cell["formula"].decode()) if cell["formula"] else ""
            calculated = bool(cell["value"]) or (kind is not None and kind[1] == b"str")
            scan.formulas[coordinate_to_tuple(ref[1].decode())] = (f"={written}" if written else "", calculated)
    try:
        shown, damaged = _shown_text(attributes, cell["value"], styles, epoch), False
    except ValueError:  # openpyxl refused the cell's value ('nan' as a number): the workbook is damaged from its row
        shown, damaged = None, True
    if shown is _CALAMINE:
        return
    if place is None:
        ref = _ANY_CELL_REF.search(attributes)
        if ref is None:
            raise _Unplaced
        place = (int(ref[2]), _column_number(ref[1]))
    if damaged:
        scan.damaged_row = min(place[0], scan.damaged_row or place[0])
    else:
        scan.shown.setdefault(place[0], []).append((place[1], shown))


_CALAMINE = object()  # _shown_text: the cell is shown as Calamine reads it


def _shown_text(attributes: bytes, value: bytes | None, styles: list[_Style], epoch: datetime):
    """Return a cell's text as Excel shows it, from its XML, or _CALAMINE when Calamine reads it so already.

    Read as openpyxl read it: an error as its text, an ISO 8601 date as a date, a number as a whole number when it
    has no decimal point or exponent, and as a date or duration when its style's format is one.
    """
    kind = _ANY_CELL_TYPE.search(attributes)
    kind = kind[1] if kind else b"n"
    if kind == b"e":
        return (unescape(value.decode()).strip() or None) if value else None
    if kind == b"d":
        return _value_text(from_ISO8601(value.decode())) if value else None
    if kind == b"b" and value:
        int(value)  # openpyxl refused a true/false cell holding anything but a number: the workbook is damaged
    if kind != b"n" or not value:
        return _CALAMINE
    index = _CELL_STYLE.search(attributes)
    style = _style_at(styles, int(index[1]) if index else 0)
    if not (style.redo or (style.odd and _ODD_VALUE.match(value)) or _BIG_INTEGER.fullmatch(value)
            or _NOT_A_NUMBER.search(value)):
        return _CALAMINE
    written = value.decode()  # a number as openpyxl read it; text that is no number raises ValueError: damaged
    number = float(written) if "." in written or "e" in written or "E" in written else int(written)
    if style.kind != "number":
        try:
            number = from_excel(number, epoch, timedelta=style.kind == "timedelta")
        except (OverflowError, ValueError):
            return "#VALUE!"  # a date beyond the year 9999, as Excel shows it
    return _value_text(number, style.shown_as)


def _xlsx_rows(sheet, scan: _SheetScan, fallback: Callable[[int], Iterator[list[str | None]]], file_name: str
               ) -> Iterator[tuple[int, list[str | None]]]:
    """Yield each sheet row's cells as text from row 1; every cell of a merged range shows the range's value.

    As openpyxl did, rows run to the sheet's last row element, and reading stops with "damaged" at the first row
    holding a value openpyxl refused.
    """
    spans: dict[int, list[tuple[int, int, int]]] = {}  # top row → (first column, last column, last row)
    for ref in scan.merges:
        min_col, min_row, max_col, max_row = range_boundaries(ref)
        spans.setdefault(min_row, []).append((min_col, max_col, max_row))
    fill: dict[int, dict[int, str | None]] = {}  # row → column → value shown there
    shown = scan.shown
    damaged_row = scan.damaged_row or math.inf
    row_no = 0
    for row_no, cells in enumerate(_calamine_rows(sheet, scan.styled, fallback), start=1):
        if row_no >= damaged_row:
            break
        if row_no in shown or row_no in spans or row_no in fill:
            _place(row_no, cells, shown, spans, fill)
        yield row_no, cells
    last_row = scan.last_row if scan.last_row is not None else row_no
    while row_no < min(last_row, damaged_row - 1) and (shown or fill or damaged_row <= last_row):
        row_no += 1  # below Calamine's last row: cells shown otherwise, merged values, up to a damaged row
        yield row_no, _place(row_no, [], shown, spans, fill)
    if damaged_row <= max(last_row, row_no + 1):
        raise _file_error(file_name, _("the workbook is damaged and cannot be read."), _(_WORKBOOK_FIX))


def _calamine_rows(sheet, styled: dict[tuple[int, str], set[int]],
                   fallback: Callable[[int], Iterator[list[str | None]]]) -> Iterator[list[str | None]]:
    """Yield each row's cells, as text, from row 1; a number in a percentage or zero-padding style (`styled`) as
    that style shows it.

    Calamine's rows start at row 1 (`iter_rows` gives the rows above its first used row empty), its cells at the
    first used column (`sheet.start`). A sheet Calamine refused (`sheet` None), or a value it cannot convert (a
    duration of millions of years), hands the rest of the sheet to `fallback`, which reads it as openpyxl did.
    """
    if sheet is None:
        yield from fallback(1)
        return
    if sheet.start is None:  # no value in the sheet
        return
    pad = [None] * sheet.start[1]
    styled_columns = [(column - 1 - len(pad), shown_as, rows) for (column, shown_as), rows in styled.items()
                      if column > len(pad)]
    rows = sheet.iter_rows()
    count = 0
    while True:
        try:
            values = next(rows)
        except StopIteration:
            return
        except BaseException as error:  # Calamine panics with an exception that is no Exception
            if not _calamine_failed(error):
                raise
            yield from fallback(count + 1)
            return
        count += 1
        cells = [value.strip() or None if value.__class__ is str else _TEXT_OF.get(value.__class__, _value_text)(value)
                 for value in values]
        for i, shown_as, styled_rows in styled_columns:
            if count in styled_rows and i < len(values):
                cells[i] = _value_text(values[i], shown_as)
        yield [*pad, *cells] if pad else cells


def _calamine_failed(error: BaseException) -> bool:
    """Return whether Calamine failed to convert a value: Python refused it, or Calamine panicked."""
    return isinstance(error, OverflowError | ValueError) or type(error).__name__ == "PanicException"


def _openpyxl_rows(raw: bytes, title: str, first: int, file_name: str) -> Iterator[list[str | None]]:
    """Yield the sheet's rows from row `first` on, read by openpyxl (for what Calamine cannot read)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl's notes on unsupported extensions mean nothing to users
            workbook = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except (*_UNREADABLE_WORKBOOK, InvalidFileException):
        raise _file_error(file_name, _("the file is a zip archive but not a readable Excel workbook (.xlsx)."),
                          _(_WORKBOOK_FIX)) from None
    try:
        worksheet = workbook[title]
        worksheet.reset_dimensions()  # some writers record a wrong sheet size; read every row there is
        rows = worksheet.iter_rows(min_row=first, min_col=1)
        while True:
            try:
                row = next(rows, None)
            except (*_UNREADABLE_WORKBOOK, InvalidFileException):
                raise _file_error(file_name, _("the workbook is damaged and cannot be read."),
                                  _(_WORKBOOK_FIX)) from None
            if row is None:
                return
            yield [_value_text(cell.value, _shown_as(cell.number_format or "")
                               if isinstance(cell.value, int | float) else "") for cell in row]
    finally:
        workbook.close()


def _place(row_no: int, cells: list[str | None], shown: dict[int, list[tuple[int, str | None]]],
           spans: dict[int, list[tuple[int, int, int]]], fill: dict[int, dict[int, str | None]]) -> list[str | None]:
    """Put into a row the cells shown otherwise than Calamine reads them, then the values of merged ranges."""
    for col, value in shown.pop(row_no, ()):
        cells.extend([None] * (col - len(cells)))
        cells[col - 1] = value
    for min_col, max_col, max_row in spans.pop(row_no, ()):
        value = cells[min_col - 1] if min_col <= len(cells) else None
        for r in range(row_no, max_row + 1):
            for c in range(min_col, max_col + 1):
                fill.setdefault(r, {})[c] = value
    for col, value in fill.pop(row_no, {}).items():
        cells.extend([None] * (col - len(cells)))
        cells[col - 1] = value
    return cells


def _datetime_text(value: datetime) -> str:
    return value.date().isoformat() if value.time() == time() else value.isoformat(sep=" ", timespec="seconds")


def _value_text(value, shown_as: str = "") -> str | None:
    """Return a cell's value as text: dates ISO, whole numbers without '.0', percentages and zero-padded codes
    as Excel shows them (`shown_as`: see _shown_as)."""
    if value.__class__ is float or value.__class__ is int:  # the common case first
        return _number_shown(value, shown_as)
    if value is None:
        return None
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime):
        return _datetime_text(value)
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, timedelta):
        return str(value)
    if isinstance(value, int | float):
        return _number_shown(value, shown_as)
    return str(value).strip() or None


def _number_shown(value: int | float, shown_as: str) -> str:
    if shown_as == "%":
        return f"{_number_text(value * 100)}%"
    if shown_as and float(value).is_integer():  # '000' shows 43 as 043
        return str(int(value)).zfill(len(shown_as))
    return _number_text(value)


@functools.cache
def _shown_as(number_format: str) -> str:
    """Return '%' for a percentage format, the zeros of a zero-padding format ('000'), else ''."""
    bare = re.sub(r'"[^"]*"|\\.', "", number_format)  # quoted text and escaped characters are shown as is
    return "%" if "%" in bare else bare if re.fullmatch(r"0+", bare) else ""


def _number_text(value: int | float) -> str:
    """Return a number as text: 1200.0 → '1200', 12.5 → '12.5', binary noise beyond Excel's 15 digits dropped."""
    if isinstance(value, int):
        return str(value)
    text = f"{value:.15g}"  # never '1200.0': without a point or an exponent, it is a whole number already
    return "0" if text == "-0" else text


# A value Calamine gives, as text (see _value_text), by its type: the common ones without a chain of tests.
_TEXT_OF = {float: _number_text, bool: lambda value: "TRUE" if value else "FALSE", int: str, date: date.isoformat,
            datetime: _datetime_text, time: time.isoformat, timedelta: str}


# Both formats ---------------------------------------------------------------------------------------------------


def _find_header(rows: list[tuple[int, list[str | None]]], keys: set[str]) -> tuple[int, int] | None:
    """Return (position in rows, expected columns named) of the first row naming at least half of `keys`."""
    needed = math.ceil(len(keys) / 2)
    for position, (_line, cells) in enumerate(rows):
        names = {_key(c) for c in cells if c is not None}
        if names and len(keys & names) >= needed:
            return position, len(keys & names)
    return None


def _table(rows: Rows, expected: Sequence[str], file_name: str, *, delimiter: str | None = None,
           flagged: dict[tuple[int, int], tuple[str, str, str]] | None = None, sheet_title: str | None = None,
           sheet_names: Sequence[str] = (), header_check: HeaderCheck | None = None,
           max_problems: int = MAX_PROBLEMS, chunk_check: ChunkCheck | None = None) -> tuple[pd.DataFrame, int]:
    """Find the header, check the rows and return (frame of text cells, file row of the first data row).

    `delimiter` is set for CSV, where a row longer than the header is a Problem of that row; in a sheet a
    column right of the header holding values is one Problem of the header. `flagged` maps (row, column)
    to a (value, message, fix) Problem to report if that cell lands in the frame.
    """
    rows = iter(rows)
    head = list(islice(rows, _HEADER_SEARCH_ROWS))
    other_sheets = ", ".join(sheet_names) if len(sheet_names) > 1 else ""
    position, names = _header(head, rows, expected, file_name, sheet_title, other_sheets, header_check)
    header_row, width = head[position][0], len(names)
    log = ProblemLog(max_problems)
    stored: list[pd.DataFrame] = []
    checked: list[Problem] = []  # what chunk_check found; reported only if reading stops on it, else found again later
    named = [i for i, name in enumerate(names) if name]
    columns: list[list[str | None]] = [[] for _column in named]
    unnamed_values: dict[int, str] = {}  # column position → first value under a header cell left empty
    row_numbers = []
    for row_no, cells in chain(head[position + 1:], rows):
        if log.full:
            break  # stop reading: the problems found are enough to refuse the file
        if all(c is None for c in cells):
            continue
        last = max(i for i, c in enumerate(cells) if c is not None) + 1
        if delimiter is not None and last > width:
            extra = next(i for i in range(width, last) if cells[i] is not None)
            log.add(Problem(
                file_name, row_no, get_column_letter(extra + 1), delimiter.join(c or "" for c in cells[width:last]),
                _("the row has {last} cells but the header has {width} columns.").format(last=last, width=width),
                _("put quote marks around values that contain a {delimiter} (as Excel does when it saves a CSV), or "
                  "remove the extra cells.").format(delimiter=_(_DELIMITERS[delimiter])),
                rule=_("the row has more cells than the header has columns.")))
        for i in range(last):
            if cells[i] is not None and (i >= width or names[i] is None) and (delimiter is None or i < width):
                unnamed_values.setdefault(i, cells[i])
        cells = cells[:width] + [None] * (width - len(cells))
        for column, i in zip(columns, named):
            column.append(cells[i])
            if cells[i] in _EXCEL_ERRORS:
                log.add(_excel_error(file_name, row_no, names[i], cells[i]))
            if flagged and (row_no, i + 1) in flagged:
                log.add(Problem(file_name, row_no, names[i], *flagged[(row_no, i + 1)]))
        row_numbers.append(row_no)
        if len(columns[0]) >= CHUNK_ROWS:
            stored.append(_store(columns, named, names, row_numbers[-len(columns[0]):], row_numbers[0]))
            columns = [[] for _column in named]
            if chunk_check is not None and not log.full:
                checked += chunk_check(stored[-1], row_numbers[0])
                if len(log.items) + len(checked) >= max_problems:  # enough to refuse the file: stop reading
                    for problem in checked:
                        log.add(problem)
    if columns and columns[0]:
        stored.append(_store(columns, named, names, row_numbers[-len(columns[0]):], row_numbers[0]))
    for i, value in sorted(unnamed_values.items()):
        log.add(_unnamed_column(file_name, header_row, i, value))
    if not row_numbers:
        log.add(Problem(file_name, None, "", "", _("the file has a header but no data rows."),
                        _("add the data rows below the header, or check that you chose the right file or sheet (the "
                          "workbook's sheets are {sheets}).").format(sheets=other_sheets) if other_sheets else
                        _("add the data rows below the header, or check that you chose the right file.")))
    if log.items:
        raise log.error(key=lambda p: p.row or 0)
    first_row = row_numbers[0]
    frame = stored[0] if len(stored) == 1 else pd.concat(stored)
    if frame.index[-1] == len(frame) - 1:
        frame.index = pd.RangeIndex(len(frame))
    return frame, first_row


def _header(head: list[tuple[int, list[str | None]]], rows: Iterator[tuple[int, list[str | None]]],
            expected: Sequence[str], file_name: str, sheet_title: str | None, other_sheets: str,
            header_check: HeaderCheck | None) -> tuple[int, list[str | None]]:
    """Return (position in head of the header row, its column names: None where a header cell is empty).

    Raises the file's problem when it is empty, has no header row, or its header is wrong (repeated names, or
    what `header_check` finds): a header this wrong says the file is of another kind, so its rows are not read.
    """
    if not any(c is not None for _row, cells in head for c in cells) and not _any_value(rows):
        if other_sheets:
            raise _file_error(file_name, _("the sheet {sheet!r} is empty.").format(sheet=sheet_title),
                              _("choose the sheet that holds the data (the workbook's sheets are {sheets}).").format(
                                  sheets=other_sheets))
        raise _file_error(file_name, _("the file is empty."), _("check that you chose the right file."))
    found = _find_header(head, {_key(c) for c in expected})
    if found is None:
        raise _header_not_found(head, expected, file_name, other_sheets)
    header_row, header = head[found[0]][0], head[found[0]][1]
    names = [None if c is None else c.lstrip("\ufeff").strip() or None for c in header]
    width = max((i + 1 for i, name in enumerate(names) if name), default=0)
    canonical = {_key(c): c for c in expected}
    names = [canonical.get(_key(name), name) if name else None for name in names[:width]]
    problems = _duplicate_names(names, file_name, header_row)
    if header_check is not None:
        problems += header_check([name for name in names if name], header_row)
    if problems:
        raise ValidationError(sorted(problems, key=lambda p: (p.row or 0, p.column)))
    return found[0], names


def _excel_error(file_name: str, row: int, column: str, error: str) -> Problem:
    return Problem(file_name, row, column, error, _("the cell holds the Excel error {error}.").format(error=error),
                   _("correct the formula in the workbook, or type the value (leave the cell empty if there is "
                     "none)."), rule=_("the cell holds an Excel error."))


def _unnamed_column(file_name: str, header_row: int, position: int, value: str) -> Problem:
    column = get_column_letter(position + 1)
    return Problem(file_name, header_row, column, value,
                   _("column {column} has values but no name in the header row.").format(column=column),
                   _("type a name for the column in the header row, or delete the column."))


def _store(columns: list[list[str | None]], named: list[int], names: list[str | None], rows: list[int],
           first_row: int) -> pd.DataFrame:
    """Return a block of rows as a frame of compact text columns, indexed by each row's offset from first_row."""
    return pd.DataFrame({names[i]: pd.array(column, dtype="string") for column, i in zip(columns, named)},
                        index=pd.Index([r - first_row for r in rows]))


def _any_value(rows: Iterator[tuple[int, list[str | None]]]) -> bool:
    """Return whether any of the remaining rows holds a value (only asked when the first 30 rows are blank)."""
    return any(c is not None for _row, cells in rows for c in cells)


def _header_not_found(head: list[tuple[int, list[str | None]]], expected: Sequence[str], file_name: str,
                      other_sheets: str) -> ValidationError:
    """Return the Problem of a file with no header row: what was expected and the most header-like row."""
    candidates = [[c for c in cells if c is not None] for _row, cells in head]
    nearest = max(candidates, key=lambda cells: len(set(cells)))  # first of the widest rows: a header, not a title
    found = ", ".join(nearest) or _("only empty rows")
    return ValidationError([Problem(
        file_name, 1, "", found,
        _("no header row was found in the first {rows} rows: expected the columns {columns}; found {found}.").format(
            rows=_HEADER_SEARCH_ROWS, columns=", ".join(expected), found=found),
        _("put the column names in one row above the data, spelled as in the data dictionary (the workbook's sheets "
          "are {sheets}).").format(sheets=other_sheets) if other_sheets else
        _("put the column names in one row above the data, spelled as in the data dictionary."))])


def _duplicate_names(names: list[str | None], file_name: str, header_row: int) -> list[Problem]:
    """Return a Problem for each header name used by more than one column."""
    positions: dict[str, list[int]] = {}
    for i, name in enumerate(names):
        if name:
            positions.setdefault(_key(name), []).append(i)
    return [Problem(file_name, header_row, names[cols[0]], names[cols[0]],
                    _("the column name appears more than once in the header row (columns {columns}).").format(
                        columns=formatting.all_of(get_column_letter(i + 1) for i in cols)),
                    _("rename or delete all but one of these columns."))
            for cols in positions.values() if len(cols) > 1]
