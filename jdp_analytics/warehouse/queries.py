"""Runs the warehouse's SQL, one statement per file in sql/, with user values as bound parameters."""

from __future__ import annotations

import os
import threading
from functools import cache
from pathlib import Path

import duckdb
import pandas as pd

from jdp_analytics.common.exports import FORMULA_PREFIXES
from jdp_analytics.warehouse import catalog, lake
from jdp_analytics.warehouse.paths import DEFAULT_WAREHOUSE, SQL_DIR


@cache
def sql(name: str) -> str:
    """Return the text of sql/<name>.sql; /*SOURCE_ROWS*/ in it stands for every sourced table's
    (table_name, source_id) rows (catalog.source_rows_sql: table names from the schema only, never user input), and
    /*SOURCE_ROWS_BY_COUNTY*/ for its (table_name, county_code, source_id) rows."""
    path = SQL_DIR / f"{name}.sql"
    if not path.is_file():
        raise KeyError(f"no query named {name!r} in {SQL_DIR}")
    return (path.read_text(encoding="utf-8").replace("/*SOURCE_ROWS*/", catalog.source_rows_sql())
            .replace("/*SOURCE_ROWS_BY_COUNTY*/", catalog.source_rows_by_county_sql()))


_LOCK = threading.Lock()
_OPEN: dict[str, tuple[tuple[int, int], duckdb.DuckDBPyConnection]] = {}
ALIAS = "wh"  # the warehouse file, attached read-only to each process's in-memory connection


def read_cursor(path: Path | str, snapshot: int | None = None, include_demo: bool = True) -> duckdb.DuckDBPyConnection:
    """Return a read-only cursor on the file now at `path`, reopening it when a load or build replaced it.

    `path` may be a DuckLake target ('ducklake:postgres:…'): the cursor reads the lake, pinned to `snapshot` if given.
    Without `include_demo`, every table the cursor names holds its real rows only (catalog.real_views): the
    generated demonstration rows are out of every query, total and ranking run on it.

    DuckDB shares one database instance per path within a process, so a connection opened after a
    file was swapped would still read the old file while any old connection stays open: the old one
    is closed first. Close the cursor when done.
    """
    if lake.is_lake(path):
        return lake.read_cursor(str(path), snapshot, include_demo)
    key = str(Path(path).resolve())
    stat = os.stat(key)
    identity = (stat.st_ino, stat.st_mtime_ns)
    with _LOCK:
        current = _OPEN.get(key)
        if current is None or current[0] != identity:
            if current is not None:
                current[1].close()
            _OPEN[key] = (identity, _connect(key))
        cursor = _OPEN[key][1].cursor()
    cursor.execute(f"USE {ALIAS}" if include_demo else f"USE memory.{catalog.REAL_SCHEMA}")
    return cursor


def _connect(file: str) -> duckdb.DuckDBPyConnection:
    """Return an in-memory connection with the warehouse file attached read-only and its real-rows views."""
    con = duckdb.connect()
    try:
        con.execute(f"ATTACH {_literal(file)} AS {ALIAS} (READ_ONLY)")
        catalog.real_views(con, ALIAS)
    except BaseException:
        con.close()
        raise
    return con


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _quoted(column: str) -> str:
    return '"' + column.replace('"', '""') + '"'


def _neutralised(column: str) -> str:
    """The SQL of a text column whose formula-like cells (exports.FORMULA_PREFIXES) start with an apostrophe."""
    name = _quoted(column)
    prefixes = ", ".join(f"chr({ord(prefix)})" for prefix in FORMULA_PREFIXES)
    return f"CASE WHEN left({name}, 1) IN ({prefixes}) THEN chr(39) || {name} ELSE {name} END AS {name}"


def forget(path: Path | str) -> None:
    """Close this process's connection to a warehouse file (before a test deletes or rewrites it)."""
    if lake.is_lake(path):
        lake.forget(str(path))
        return
    with _LOCK:
        current = _OPEN.pop(str(Path(path).resolve()), None)
        if current is not None:
            current[1].close()


class Warehouse:
    """Read-only access to the warehouse file; each query runs on its own cursor (thread-safe).

    Real by default: every query reads the real rows only, unless `include_demo` asks for the generated
    demonstration rows too (a viewer's "Demonstration data" switch, a document's --include-demo)."""

    def __init__(self, path: Path | str = DEFAULT_WAREHOUSE, snapshot: int | None = None, include_demo: bool = False):
        self.path = str(path) if lake.is_lake(path) else Path(path)
        self.snapshot = snapshot  # a lake's snapshot every query reads (None: the latest)
        self.include_demo = include_demo

    def _cursor(self) -> duckdb.DuckDBPyConnection:
        return read_cursor(self.path, self.snapshot, self.include_demo)

    def query(self, name: str, **params) -> pd.DataFrame:
        """Run sql/<name>.sql with named parameters ($name in the SQL) and return a DataFrame."""
        cursor = self._cursor()
        try:
            return cursor.execute(sql(name), params or None).df()
        finally:
            cursor.close()

    def table(self, name: str) -> pd.DataFrame:
        """Return a whole warehouse table; the name must be one the schema knows."""
        cursor = self._cursor()
        try:
            return cursor.execute(f"SELECT * FROM {catalog.identifier(name)}").df()
        finally:
            cursor.close()

    def write_csv(self, name: str, out: Path) -> int:
        """Write a whole table to a CSV file at `out` and return its rows: DuckDB streams it, so ten million line
        items never pass through this process; a text cell a spreadsheet would run as a formula gets an apostrophe
        (exports.neutralise, done in SQL)."""
        table = catalog.identifier(name)
        cursor = self._cursor()
        try:
            columns = cursor.execute(f"DESCRIBE SELECT * FROM {table}").fetchall()
            cells = ", ".join(_neutralised(column) if kind == "VARCHAR" else _quoted(column)
                              for column, kind, *_ in columns)
            copy = f"COPY (SELECT {cells} FROM {table}) TO {_literal(str(out))} (FORMAT csv, HEADER)"
            return cursor.execute(copy).fetchone()[0]
        finally:
            cursor.close()

    def row_counts(self, names: list[str]) -> dict[str, int]:
        """Return each named table's rows as this reader sees them (real rows only unless demonstration is on)."""
        if not names:
            return {}
        counts = " UNION ALL ".join(f"SELECT {_literal(name)}, count(*) FROM {catalog.identifier(name)}"
                                    for name in names)
        cursor = self._cursor()
        try:
            return dict(cursor.execute(counts).fetchall())
        finally:
            cursor.close()

    def has_rows(self, table: str) -> bool:
        """Return True when a schema table holds at least one row."""
        cursor = self._cursor()
        try:
            return cursor.execute(f"SELECT count(*) FROM {catalog.identifier(table)}").fetchone()[0] > 0
        finally:
            cursor.close()

    def close(self) -> None:
        forget(self.path)
