"""Staged loads: a clean CSV read, typed and checked inside DuckDB, its rows never held as a pandas frame (issue 16).

`loader.prepare` tries this lane first for a CSV file of a plain kind (one whose rows need no reshaping, completing,
filling from a register or checks against other uploads). It answers one question, "is every row clean?", over the
file as DuckDB reads it, and keeps the typed rows in an in-process DuckDB database that `loader.load` inserts from.
A file of a million lines is read, typed and checked in about the time DuckDB takes to read it, in bounded memory.

The lane gives up (returns None) on any problem, and on anything it does not read exactly as the full path reads it:
a date not written YYYY-MM-DD, a name not in the gazetteer, a row that would replace a stored one, a blank line.
The full path (`readers.read_table`, names, `schema.validate`) then reads the file again and names every problem
with its row and fix, so the messages have one implementation and a clean file gets the same rows either way.
"""

from __future__ import annotations

import shutil
import tempfile
import weakref
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa

from jdp_analytics.geography.names import Gazetteer, UnknownNameError
from jdp_analytics.warehouse import catalog, schema
from jdp_analytics.warehouse.readers import CsvLayout, read_csv_sql

PREVIEW_ROWS = 100  # rows of a staged file kept as a frame for the preview table
MEMORY_LIMIT = "200MB"  # the stage's memory while it reads and checks; beyond it DuckDB spills to the stage's folder
BATCH_ROWS = 1 << 18  # rows per batch where rows leave DuckDB (row rules, inserts into a lake)
NAME_COLUMNS = {"county": "county_code", "ward": "ward_code"}
SYSTEM_COLUMNS = {"source_id", "load_id"}
_DATE = "(1[89]|2[01])[0-9]{2}-[0-9]{2}-[0-9]{2}"  # what the full path reads as the same date, surely
ROWS = "memory.main.staged_rows"  # qualified: a load attaches the warehouse and makes it the default catalog
_PANDAS_TYPES = {"VARCHAR": "string", "BIGINT": "Int64", "INTEGER": "Int64", "DOUBLE": "float64",
                 "BOOLEAN": "boolean", "DATE": "datetime64[us]", "TIMESTAMP": "datetime64[us]"}


@dataclass(eq=False)
class Stage:
    """A file's typed rows in an in-process DuckDB database (view `staged_rows`), ready to insert."""

    con: duckdb.DuckDBPyConnection
    folder: Path
    table: schema.Table
    columns: list[str]  # the table's columns the file gives, in table order
    row_count: int
    numbered: bool = False  # each row carries its file row (`_row`): a file the full path read in batches
    _closer: weakref.finalize | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        self._closer = weakref.finalize(self, _close, self.con, self.folder)

    def select(self) -> str:
        """Return the SELECT of the rows with the load's source and load ids as the last two parameters."""
        return f"SELECT {', '.join(catalog.identifier(c) for c in self.columns)}, ? AS source_id, ? AS load_id " \
               f"FROM {ROWS}"

    def keys(self) -> pa.Table:
        """Return the rows' keys (distinct: a staged file has no repeated key) as an Arrow table."""
        key = ", ".join(catalog.identifier(k) for k in self.table.key)
        return self.con.sql(f"SELECT {key} FROM {ROWS}").to_arrow_table()

    def frame(self, limit: int | None = None) -> pd.DataFrame:
        """Return the rows (the first `limit`) as the full path returns them: schema types as pandas types."""
        query = f"SELECT {', '.join(catalog.identifier(c) for c in self.columns)} FROM {ROWS}"
        frame = self.con.sql(query + (f" LIMIT {int(limit)}" if limit is not None else "")).to_df()
        types = {c.name: c.type for c in self.table.columns}
        return frame.astype({name: _PANDAS_TYPES[types[name]] for name in self.columns})

    def totals(self, columns: list[str]) -> dict[str, float]:
        """Return the sum of each of these columns over the rows, in one pass."""
        if not columns:
            return {}
        sums = self.con.execute(f"SELECT {', '.join(f'coalesce(sum({catalog.identifier(c)}), 0)' for c in columns)} "
                                f"FROM {ROWS}").fetchall()[0]
        return {column: float(value) for column, value in zip(columns, sums, strict=True)}

    def close(self) -> None:
        """Free the stage's memory and folder (also done when the stage is garbage-collected)."""
        if self._closer is not None:
            self._closer()


def _close(con: duckdb.DuckDBPyConnection, folder: Path) -> None:
    try:
        con.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def stage_csv(layout: CsvLayout, folder: Path, table: schema.Table, columns: dict[int, str],
              gazetteer: Gazetteer, known: dict[str, set[str]], ward_counties: dict[str, str]) -> Stage | None:
    """Read the file of `layout` into a stage when every row is clean; None when the full path must read it.

    `columns` maps the position of each header cell to keep to its table column (or 'county' / 'ward' for names);
    `folder` becomes the stage's (removed with it). `known` maps each reference to the values it allows and
    `ward_counties` each ward code to its county, as the full path checks them.
    """
    given = set(columns.values())
    missing = [c.name for c in table.columns if c.required and c.name not in given and c.name not in SYSTEM_COLUMNS
               and c.name not in {NAME_COLUMNS.get(name) for name in given}]
    if missing or any(NAME_COLUMNS[name] in given for name in NAME_COLUMNS if name in given):
        return None  # a required column missing, or a name given beside its code: the full path says what to do
    con = connect(folder)
    try:
        stage = _stage(con, layout, folder, table, columns, gazetteer, known, ward_counties)
    except duckdb.Error:
        stage = None
    if stage is None:
        con.close()
    return stage


def _stage(con, layout: CsvLayout, folder: Path, table: schema.Table, columns: dict[int, str],
           gazetteer: Gazetteer, known: dict[str, set[str]], ward_counties: dict[str, str]) -> Stage | None:
    by_name = {c.name: c for c in table.columns}
    read, read_params = read_csv_sql(layout)
    texts = [f"c{i}" for i in range(len(layout.names))]
    cells = {i: by_name.get(name) for i, name in columns.items()}  # None: a name column (county, ward)
    # Conversions in three steps, as schema.validate does them (n: cast, u: usable, v: value and b: bad).
    steps = {i: schema.conversion_sql(col, f"c{i}", i) for i, col in cells.items()
             if col is not None and col.type in ("DOUBLE", "BIGINT", "INTEGER", "BOOLEAN")}
    dates = {i: f"CASE WHEN regexp_full_match(c{i}, '{_DATE}') THEN TRY_CAST(c{i} AS DATE) END AS d{i}"
             for i, col in cells.items() if col is not None and col.type == "DATE"}
    values, unsure, params = [], [], []
    for i, name in columns.items():
        col = cells[i]
        if i in steps:
            values.append(f"v{i} AS {catalog.identifier(name)}")
            unsure.append(f"coalesce(b{i}, false)")
        elif i in dates:
            values.append(f"d{i} AS {catalog.identifier(name)}")
            unsure.append(f"(c{i} IS NOT NULL AND d{i} IS NULL)")
            if col.not_future:
                unsure.append(f"coalesce(d{i} > ?, false)")
                params.append(schema.today())
        elif col is not None and col.type == "TIMESTAMP":
            values.append(f"NULL::TIMESTAMP AS {catalog.identifier(name)}")
            unsure.append(f"c{i} IS NOT NULL")
        else:
            values.append(f"c{i} AS {name if name in NAME_COLUMNS else catalog.identifier(name)}")
    # A cell that may hold an Excel error (#N/A, #REF! …; all start with '#'): the full path names it.
    unsure += [f"coalesce(starts_with(c{i}, '#'), false)" for i, name in enumerate(layout.names) if name]
    unsure += [f"c{i} IS NOT NULL" for i, name in enumerate(layout.names) if not name]  # data under no name
    unsure.append(f"({' AND '.join(f'{t} IS NULL' for t in texts)})")  # a blank line: the full path skips it
    carried = texts + [f"d{i}" for i in dates]
    cast = ", ".join(texts + [step[0] for step in steps.values()] + list(dates.values()))
    usable = ", ".join(carried + [step[1] for step in steps.values()])
    final = ", ".join(carried + [part for step in steps.values() for part in step[2:]])
    query = (f"CREATE TABLE staged AS SELECT {', '.join(values)}, ({' OR '.join(unsure)}) AS _unsure "
             f"FROM (SELECT {final} FROM (SELECT {usable} FROM (SELECT {cast} FROM ({read}))))")
    params += read_params  # the reader's parameters come last in the text
    con.execute(query, params)
    rows, unsure_rows = con.execute("SELECT count(*), count(*) FILTER (WHERE _unsure) FROM staged").fetchall()[0]
    rejected = con.execute("SELECT count(*) FROM reject_errors").fetchall()[0][0]
    if rejected or unsure_rows or rows != layout.lines or not rows:
        return None
    codes = _resolve_names(con, gazetteer, set(columns.values()))
    if codes is None:
        return None
    kept = [c.name for c in table.columns if c.name in codes or c.name in columns.values()]
    kept = [name for name in kept if name not in SYSTEM_COLUMNS]
    selected = ", ".join(codes.get(name, f"s.{catalog.identifier(name)}") for name in kept)
    con.execute(f"CREATE VIEW staged_rows AS SELECT {selected} FROM memory.main.staged s{_name_joins(codes)}")
    if not _clean(con, table, kept, known, ward_counties):
        return None
    return Stage(con, folder, table, kept, rows)


def _resolve_names(con, gazetteer: Gazetteer, given: set[str]) -> dict[str, str] | None:
    """Map 'county' and 'ward' names to codes (tables county_map, ward_map); return {code column: its SQL} or None
    when a name is not in the gazetteer."""
    codes = {}
    if "county" in given:
        names = [name for (name,) in con.execute("SELECT DISTINCT county FROM staged WHERE county IS NOT NULL")
                 .fetchall()]
        try:
            resolved = [gazetteer.county_code(name) for name in names]
        except UnknownNameError:
            return None
        con.register("county_names", pa.table({"name": pa.array(names, pa.string()),
                                               "code": pa.array(resolved, pa.string())}))
        con.execute("CREATE TABLE county_map AS SELECT * FROM county_names")
        codes["county_code"] = "cm.code AS county_code"
    if "ward" in given:
        if "county" not in given:
            return None
        pairs = con.execute("SELECT DISTINCT cm.code, s.ward FROM staged s JOIN county_map cm ON s.county = cm.name "
                            "WHERE s.ward IS NOT NULL").fetchall()
        try:
            resolved = [gazetteer.ward_code(name, county) for county, name in pairs]
        except UnknownNameError:
            return None
        con.register("ward_names", pa.table({"county": pa.array([c for c, _n in pairs], pa.string()),
                                             "name": pa.array([n for _c, n in pairs], pa.string()),
                                             "code": pa.array(resolved, pa.string())}))
        con.execute("CREATE TABLE ward_map AS SELECT * FROM ward_names")
        codes["ward_code"] = "wm.code AS ward_code"
    return codes


def _name_joins(codes: dict[str, str]) -> str:
    joins = ""
    if "county_code" in codes:
        joins += " LEFT JOIN memory.main.county_map cm ON s.county = cm.name"
    if "ward_code" in codes:
        joins += " LEFT JOIN memory.main.ward_map wm ON wm.county = cm.code AND s.ward = wm.name"
    return joins


def _clean(con, table: schema.Table, kept: list[str], known: dict[str, set[str]],
           ward_counties: dict[str, str]) -> bool:
    """True when no row fails a column check, a key, a row rule or the ward's county, as schema.validate checks."""
    tables = {reference: f"known{n}" for n, reference in enumerate(known)}
    for reference, name in tables.items():
        con.register(f"{name}_values", pa.table({"value": pa.array(sorted(known[reference]), pa.string())}))
        con.execute(f"CREATE TABLE {name} AS SELECT * FROM {name}_values")
    checks = [check for col in table.columns if col.name in kept
              for check in schema._column_checks(col, tables, catalog.identifier(col.name))]
    # One pass for the column checks and the key: cells failing a check, and rows beyond one per key.
    counts = [f"count(*) FILTER (WHERE {' OR '.join(f'({c[0]})' for c in checks)})" if checks else "0"]
    if all(k in kept for k in table.key):
        key = ", ".join(catalog.identifier(k) for k in table.key)
        counts.append(f"count(*) - count(DISTINCT ({key}))")
    if any(con.execute(f"SELECT {', '.join(counts)} FROM {ROWS}",
                       [p for check in checks for p in check[1]]).fetchall()[0]):
        return False
    if {"ward_code", "county_code"} <= set(kept):
        con.register("ward_counties", pa.table({"ward_code": pa.array(list(ward_counties), pa.string()),
                                                "county_code": pa.array(list(ward_counties.values()), pa.string())}))
        if con.execute(f"SELECT count(*) FROM {ROWS} r JOIN ward_counties w ON r.ward_code = w.ward_code "
                       "WHERE r.county_code IS NOT NULL AND w.county_code <> r.county_code").fetchall()[0][0]:
            return False
    rules = [rule for rule in table.rules if all(c in kept for c in rule.columns)]
    operands = list(dict.fromkeys(c for rule in rules for c in rule.columns))
    if rules:  # one pass for every rule, in batches: each rule holds on the rows whose operands are all given
        types = {c.name: c.type for c in table.columns}
        # Dates leave DuckDB as timestamps (pandas reads those without a conversion per value); numbers need no
        # nullable type (a rule skips a row with an empty operand); text and true/false do.
        selected = [f"CAST({catalog.identifier(c)} AS TIMESTAMP) AS {catalog.identifier(c)}" if types[c] == "DATE"
                    else catalog.identifier(c) for c in operands]
        reader = con.sql(f"SELECT {', '.join(selected)} FROM {ROWS}").to_arrow_reader(BATCH_ROWS)
        for batch in reader:
            frame = batch.to_pandas().astype({c: _PANDAS_TYPES[types[c]] for c in operands
                                              if types[c] in ("VARCHAR", "BOOLEAN")})
            for rule in rules:
                present = frame[list(rule.columns)].notna().all(axis=1)
                if not rule.holds(frame[present]).astype("boolean").fillna(True).all():
                    return False
    return True


def connect(folder: Path) -> duckdb.DuckDBPyConnection:
    """Return a stage's own in-process database: its memory bounded, spilling beyond that to `folder`."""
    return duckdb.connect(config={"memory_limit": MEMORY_LIMIT, "temp_directory": str(folder / "spill")})


# Batches of a file read by the full path (loader._prepare_batched) ------------------------------------------------
# Each batch's typed rows are appended to the stage's table `staged_rows`, with the file row of each (`_row`) and its
# key cells as the file gave them (`_given0`, `_given1` …, for the message of a key the file repeats).

def create_rows(con: duckdb.DuckDBPyConnection, table: schema.Table, columns: list[str]) -> None:
    """Create the stage's table of typed rows, for these of the table's columns."""
    types = {c.name: c.type for c in table.columns}
    defined = ", ".join(f"{catalog.identifier(name)} {types[name]}" for name in columns)
    given = "".join(f", _given{i} VARCHAR" for i in range(len(table.key)))
    con.execute(f"CREATE TABLE {ROWS} ({defined}, _row BIGINT{given})")


def append_rows(con: duckdb.DuckDBPyConnection, table: schema.Table, columns: list[str], typed: pd.DataFrame,
                given: pd.DataFrame, first_row: int) -> None:
    """Append a batch's typed rows; `given` holds the cells the rows were typed from (indexed as `typed`)."""
    cells = {f"_given{i}": (given[k] if k in given.columns else typed[k]) for i, k in enumerate(table.key)}
    rows = typed.reindex(columns=columns).assign(
        _row=typed.index.to_numpy() + first_row,
        **{name: cell if isinstance(cell.dtype, pd.StringDtype) else cell.astype("string")
           for name, cell in cells.items()})
    con.register("batch_rows", rows.reset_index(drop=True))
    try:
        names = ", ".join([*(catalog.identifier(c) for c in columns), "_row", *cells])
        con.execute(f"INSERT INTO {ROWS} ({names}) SELECT {names} FROM batch_rows")
    finally:
        con.unregister("batch_rows")


def repeated_keys(con: duckdb.DuckDBPyConnection, table: schema.Table,
                  limit: int) -> tuple[list[tuple[int, int, str]], int]:
    """Return the rows whose key an earlier row has (file row, the key's first row, the key as given), at most
    `limit` of them in file order, and how many there are in all. Keys compare as schema._duplicate_problems compares
    them: an empty cell equals an empty cell."""
    key = ", ".join(catalog.identifier(k) for k in table.key)
    on = " AND ".join(f"r.{catalog.identifier(k)} IS NOT DISTINCT FROM f.{catalog.identifier(k)}" for k in table.key)
    repeated = (f"FROM {ROWS} r JOIN (SELECT {key}, min(_row) AS first_row FROM {ROWS} GROUP BY ALL "
                f"HAVING count(*) > 1) f ON {on} WHERE r._row > f.first_row")
    total = con.execute(f"SELECT count(*) {repeated}").fetchall()[0][0]
    if not total:
        return [], 0
    # As schema._duplicate_problems shows a key: str() of each cell as given, an empty one '<NA>'.
    shown = ", ".join(f"coalesce(r._given{i}, '<NA>')" for i in range(len(table.key)))
    found = con.execute(f"SELECT r._row, f.first_row, concat_ws(' / ', {shown}) {repeated} ORDER BY r._row LIMIT ?",
                        [max(limit, 0)]).fetchall()
    return [(int(row), int(first), text) for row, first, text in found], int(total)


def stored_key_rows(con: duckdb.DuckDBPyConnection, table: schema.Table, limit: int) -> list[tuple]:
    """Return (file row, *key) of the rows whose key the warehouse holds, at most `limit` of them in file order; `con`
    reads the warehouse's tables by their own names (loader._stored_side)."""
    key = ", ".join(catalog.identifier(k) for k in table.key)
    return con.execute(f"SELECT _row, {key} FROM {ROWS} SEMI JOIN {catalog.identifier(table.name)} USING ({key}) "
                       f"ORDER BY _row LIMIT ?", [max(limit, 0)]).fetchall()


def rows_of_keys(con: duckdb.DuckDBPyConnection, table: schema.Table, keys: list[tuple]) -> dict[tuple, int]:
    """Return {key as text: its file row} for these keys (each given as a tuple of texts)."""
    if not keys:
        return {}
    con.register("asked_keys", pa.table({f"k{i}": pa.array([str(k[i]) for k in keys], pa.string())
                                         for i in range(len(table.key))}))
    try:
        on = " AND ".join(f"CAST(r.{catalog.identifier(k)} AS VARCHAR) = a.k{i}" for i, k in enumerate(table.key))
        found = con.execute(f"SELECT {', '.join(f'a.k{i}' for i in range(len(table.key)))}, min(r._row) "
                            f"FROM {ROWS} r JOIN asked_keys a ON {on} GROUP BY ALL").fetchall()
    finally:
        con.unregister("asked_keys")
    return {tuple(row[:-1]): int(row[-1]) for row in found}


def stage_folder() -> Path:
    """Return a new folder for a stage (its spill files and any re-encoded copy of the upload)."""
    return Path(tempfile.mkdtemp(prefix="jdp-stage-"))
