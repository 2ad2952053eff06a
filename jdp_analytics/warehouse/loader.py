"""One load path for every kind of data the schema knows: read, resolve names, validate, preview, load, roll back.

Used by the upload page, `python -m jdp_analytics load` and the tests. How a load stays atomic with
DuckDB's single-writer model: a load never writes to the warehouse file the app is reading. It takes an
exclusive lock (one loader at a time), copies the warehouse to a temporary file beside it, applies the
whole load there in one transaction, checkpoints, and renames the copy over the original (an atomic
rename on POSIX). Readers hold the old file open and see the old totals until they reopen; the app
reopens when the file's modification time changes. A process killed at any moment leaves at worst a
temporary `.jdp.duckdb.<pid>.loading` file behind; the warehouse itself is untouched.
"""

from __future__ import annotations

import fcntl
import io
import json
import os
import random
import shutil
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TypeVar

import duckdb
import pandas as pd

from jdp_analytics.common import formatting
from jdp_analytics.common.i18n import N_, _, ngettext
from jdp_analytics.proposals import checks as proposal_checks
from jdp_analytics.warehouse import catalog, lake, registry, rollups, schema, staged
from jdp_analytics.warehouse.area import Broken, Kind
from jdp_analytics.warehouse.queries import read_cursor
from jdp_analytics.warehouse.schema import Problem, ValidationError
from jdp_analytics.warehouse.staging import (
    NAME_COLUMNS,
    SYSTEM_COLUMNS,
    Preview,
    already_loaded,
    count_stored_keys,
    existing_keys,
    file_sha256,
    gazetteer_of,
    reference_values,
    resolve_names,
    totals_before_after,
)

# Every kind of every area (each declares its own in its area.py), in the Upload page's order.
KINDS: dict[str, Kind] = {kind.name: kind for kind in registry.kinds()}

# Columns a file may give by name instead of by code; the resolver turns them into codes.


@dataclass(frozen=True)
class DeclaredSource:
    """The source an upload declares for its rows."""

    publisher: str
    title: str
    licence: str
    as_of: date
    url: str = ""
    is_demo: bool = False


class LoadError(RuntimeError):
    """A load that was refused or failed; the warehouse is unchanged."""


class RuleError(LoadError):
    """A load refused inside its transaction: its rows break a rule with rows of another kind as stored (links within
    their line, a key of another county …). Nothing was loaded; `problems` names each row as validation does."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(_("Nothing was loaded; the warehouse is unchanged. {problems}").format(
            problems=" ".join(str(p) for p in problems)))


def template(kind: str) -> pd.DataFrame:
    """Return the upload template of a kind: its columns in order, with one example row."""
    spec = KINDS[kind]
    if spec.template_columns:
        return pd.DataFrame(list(spec.template_rows), columns=list(spec.template_columns), dtype="string").fillna("")
    columns = []
    for column in spec.table.columns:
        if column.name in SYSTEM_COLUMNS or column.name in spec.derived:
            continue
        name = next((alias for alias, code in NAME_COLUMNS.items() if code == column.name), column.name)
        columns.append(name)
    return pd.DataFrame(list(spec.template_rows), columns=columns, dtype="string").fillna("")


def header_columns(kind: str) -> list[str]:
    """Return the column names that identify a header row: the required columns, codes under either name."""
    if KINDS[kind].header:
        return list(KINDS[kind].header)
    names = []
    for column in KINDS[kind].table.columns:
        if column.required and column.name not in SYSTEM_COLUMNS and column.name not in KINDS[kind].derived:
            names.append(column.name)
            names += [alias for alias, code in NAME_COLUMNS.items() if code == column.name]
    return names


def known_columns(kind: str) -> list[str]:
    """Return every column a file of this kind may have: the template's, the table's, and codes under either name."""
    spec = KINDS[kind]
    names = list(template(kind).columns)
    for column in spec.table.columns:
        if column.name not in SYSTEM_COLUMNS and column.name not in spec.derived and column.name not in names:
            names.append(column.name)
    return names


def required_columns(kind: str) -> list[tuple[str, ...]]:
    """Return the columns a file of this kind must have, each as the names that satisfy it (a code or its name)."""
    spec = KINDS[kind]
    if spec.required:
        return [(name,) for name in spec.required]
    return [(c.name, *[alias for alias, code in NAME_COLUMNS.items() if code == c.name]) for c in spec.table.columns
            if c.required and c.name not in SYSTEM_COLUMNS and c.name not in spec.derived]


UNKNOWN_COLUMN = N_("the file has a column its kind does not have.")  # shown as _(UNKNOWN_COLUMN)
# How to leave an unknown column out, in an unknown column's fix: from the command line, or on the Upload page.
LEAVE_OUT_CLI = N_("pass --ignore-column {name!r} (on the Upload page, tick it under 'Columns to leave out')")
LEAVE_OUT_PAGE = N_("tick it under 'Columns to leave out' on this page")


def header_problems(kind: str, names: list[str], file_name: str, header_row: int,
                    ignore: tuple[str, ...] = (), leave_out: str = LEAVE_OUT_CLI) -> list[Problem]:
    """Check a header against the kind's column contract: every required column there, no unknown column.

    An unknown column is named with the closest known one; `ignore` lists columns the user chose to leave out, and
    `leave_out` (LEAVE_OUT_CLI or LEAVE_OUT_PAGE) says how to leave one out where the user reads the problem.
    """
    from rapidfuzz import fuzz, process, utils

    spec = KINDS[kind]
    given = {_key(n) for n in names}
    ignored = {_key(n) for n in ignore}
    columns = ", ".join(template(kind).columns)
    problems = []
    for alternatives in required_columns(kind):
        if not given & {_key(n) for n in alternatives}:
            shown = formatting.one_of(repr(n) for n in reversed(alternatives))
            problems.append(Problem(
                file_name, header_row, alternatives[-1], "",
                _("the file has no column {column}, which {kind} files need.").format(column=shown, kind=kind),
                _("a {kind} file has the columns {columns} (download the template on the Upload page); check that you "
                  "chose the right kind of data.").format(kind=kind, columns=columns),
                rule=_("a required column is missing.")))
    if spec.open_columns:
        return problems
    known = known_columns(kind)
    known_keys = {_key(n) for n in known}
    for name in names:
        if _key(name) in known_keys or _key(name) in ignored:
            continue
        closest = process.extractOne(name, known, scorer=fuzz.WRatio, processor=utils.default_process)[0]
        problems.append(Problem(
            file_name, header_row, name, name,
            _("{kind} files have no column {name!r}; did you mean {closest!r}?").format(kind=kind, name=name,
                                                                                       closest=closest),
            _("rename the column to {closest!r} if that is what it holds, or delete it; to load the file without it, "
              "{leave_out}.").format(closest=closest, leave_out=_(leave_out).format(name=name)),
            rule=_(UNKNOWN_COLUMN)))
    return problems


def _key(name: str) -> str:
    return name.strip().lstrip("\ufeff").strip().casefold()


def _ward_in_county(frame: pd.DataFrame, con, file_name: str, first_row: int) -> list[Problem]:
    if not {"ward_code", "county_code"} <= set(frame.columns):
        return []
    wards = dict(con.execute("SELECT ward_code, county_code FROM dim_ward").fetchall())
    actual = frame["ward_code"].map(wards)
    wrong = actual.notna() & frame["county_code"].notna() & (actual != frame["county_code"])
    return [Problem(file_name, idx + first_row, "ward_code", str(frame.at[idx, "ward_code"]),
                    _("the ward belongs to county {actual}, not {given}.").format(
                        actual=actual[idx], given=frame.at[idx, "county_code"]),
                    _("give the ward's own county, or the right ward.")) for idx in wrong[wrong.fillna(False)].index]


def _county_key_problems(con, table: schema.Table, typed: pd.DataFrame, file_name: str,
                         first_row: int) -> list[Problem]:
    """Return a problem for each row whose key the warehouse holds for another county (checked again in the load)."""
    if "county_code" not in typed.columns or not proposal_checks.owns_county_keys(table):
        return []
    rows = typed[[*table.key, "county_code"]]
    con.register("arriving_rows", rows.reset_index(drop=True))
    try:
        clashes = proposal_checks.county_key_clashes(con, table, "arriving_rows", catalog.identifier(table.name))
    finally:
        con.unregister("arriving_rows")
    position = {tuple(str(v) for v in k): int(i) + first_row  # the index counts rows from the first one
                for i, k in zip(rows.index, rows[list(table.key)].itertuples(index=False, name=None))}
    return [Problem(file_name, position.get(tuple(c.key)), c.column, c.value, c.message, c.fix) for c in clashes]


def _rules_before_load(con, table: schema.Table, typed: pd.DataFrame, file_name: str,
                       first_row: int) -> list[Problem]:
    """Return the rules between kinds the file's rows would break, found by the rules the load runs (checked again
    there): on this read-only cursor, a temporary view of the table as the load would leave it (stored rows, those
    with the file's keys replaced; a column the file lacks keeps its stored value) shadows the table."""
    if not registry.has_rules_between_kinds(table.name):
        return []
    given = [c for c in typed.columns if c in table.column_names and c not in SYSTEM_COLUMNS]
    con.register("arriving_rows", typed[given].reset_index(drop=True))
    try:
        broken = _broken_before_load(con, table, "arriving_rows", given)
    finally:
        con.unregister("arriving_rows")
    rows = {tuple(str(v) for v in k): int(i) + first_row
            for i, k in zip(typed.index, typed[list(table.key)].itertuples(index=False, name=None))}
    return [Problem(file_name, rows.get(tuple(str(v) for v in b.key)), b.column, b.value, b.message, b.fix)
            for b in broken]


def _broken_before_load(con, table: schema.Table, arriving: str, given: list[str]) -> list[Broken]:
    """Return the rules between kinds that the rows of `arriving` (a relation of the caller's with the `given`
    columns) would break: a temporary view of the table as the load would leave it shadows the table on `con`."""
    catalog_name, schema_name = con.execute("SELECT current_database(), current_schema()").fetchall()[0]
    name = catalog.identifier(table.name)
    stored = ".".join('"' + part.replace('"', '""') + '"' for part in (catalog_name, schema_name)) + f".{name}"
    absent = [c.name for c in table.columns if c.name not in given and c.name not in SYSTEM_COLUMNS]
    key = _key_list(table)
    columns = [*(f"a.{catalog.identifier(c)}" for c in given), *(f"s.{catalog.identifier(c)}" for c in absent)]
    con.execute(
        f"CREATE TEMP VIEW {name} AS SELECT * EXCLUDE (load_id), NULL AS load_id FROM {stored} ANTI JOIN "
        f"(SELECT {key} FROM {arriving}) USING ({key}) UNION ALL BY NAME SELECT {', '.join(columns)}, "
        f"'preview' AS load_id FROM {arriving} a LEFT JOIN {stored} s USING ({key})")
    try:
        return registry.broken_rules(con, table.name, "preview")
    finally:
        con.execute(f"DROP VIEW temp.main.{name}")


def prepare(data: bytes | Path, file_name: str, kind: str, warehouse: Path, sheet: str | None = None,
            max_bytes: int | None = None, ignore_columns: tuple[str, ...] = (), geography: str | None = None,
            max_problems: int = schema.MAX_PROBLEMS, size_fix: str | None = None,
            effective_date: date | None = None, leave_out: str = LEAVE_OUT_CLI) -> Preview:
    """Read, resolve and validate a file against the warehouse; return what loading it would do.

    Raises ValidationError listing the problems (checking stops after `max_problems`); nothing is written.
    `ignore_columns` are columns of the file to leave out; `geography` ('KE' or a county) is where the rows of an
    Open SDG file are for when the file does not say. For geometry kinds `sheet` names the GeoPackage layer and
    `effective_date` dates the boundary set. `leave_out` says, in an unknown column's fix, how to leave it out:
    LEAVE_OUT_CLI (--ignore-column) or LEAVE_OUT_PAGE (the Upload page's checkboxes).
    """
    if KINDS[kind].geometry:
        from jdp_analytics.geography import uploads

        return uploads.prepare(kind, KINDS[kind], data, file_name, warehouse, sheet, effective_date, max_bytes)
    from jdp_analytics.warehouse import readers  # imported here: openpyxl is needed only when a file is read

    spec = KINDS[kind]
    if STAGED_LANE and not (spec.reshape or spec.complete or spec.fill or spec.check):
        preview = _prepare_staged(data, file_name, kind, warehouse, max_bytes or readers.MAX_BYTES,
                                  tuple(ignore_columns), size_fix, leave_out)
        if preview is not None:
            return preview
    if BATCHED_LANE and not spec.reshape and not lake.is_lake(warehouse) and not _lines_at_most(data,
                                                                                                  FULL_BATCH_ROWS):
        preview = _prepare_batched(data, file_name, kind, warehouse, max_bytes or readers.MAX_BYTES,
                                   tuple(ignore_columns), size_fix, leave_out, max_problems)
        if preview is not None:
            return preview
    cells_early = not (spec.reshape or spec.complete or spec.fill)  # else cells are checked after those steps
    expected = header_columns(kind)
    ignore = tuple(ignore_columns)
    canonical = {_key(n): n for n in known_columns(kind)} if not spec.open_columns else {}
    extra = {"size_fix": size_fix} if size_fix else {}
    result = readers.read_table(
        data, file_name, expected, sheet=sheet, max_bytes=max_bytes or readers.MAX_BYTES, max_problems=max_problems,
        header_check=lambda names, row: header_problems(kind, names, file_name, row, ignore, leave_out),
        chunk_check=None if not cells_early else lambda chunk, first_row: schema.cell_problems(
            spec.table, chunk.rename(columns=lambda n: canonical.get(_key(n), n)), file_name, first_row,
            max_problems), **extra)
    frame = result.frame
    ignored = _left_out(list(frame.columns), ignore)
    frame = frame.drop(columns=list(ignored)).rename(columns=lambda n: canonical.get(_key(n), n))
    digest = file_sha256(data)
    con = read_cursor(warehouse)
    try:
        previous = already_loaded(con, digest, file_name)
        if previous:
            raise ValidationError([previous])
        rows = spec.reshape(frame, file_name, geography) if spec.reshape else frame
        known = reference_values(con, spec.table)
        known["source.source_id"] = {"upload"}
        checked = _checked_batch(spec, rows, con, gazetteer_of(con), known, file_name, result.first_row, max_problems)
        frame, problems, overflow = checked.frame, checked.problems, checked.overflow
        typed = checked.typed if checked.valid else None
        if typed is not None:
            problems += _county_key_problems(con, spec.table, typed, file_name, result.first_row)
        if typed is not None and not problems:
            problems += _rules_before_load(con, spec.table, typed, file_name, result.first_row)
        if problems:
            raise _refusal(problems, overflow, max_problems)
        existing = existing_keys(con, spec.table, typed)
        if existing and not spec.replace_existing:
            key = spec.table.key
            rows = typed.reset_index(drop=True)
            dupes = [Problem(file_name, idx + result.first_row, ", ".join(key), " / ".join(map(str, k)),
                             _("a row with this key is already in the warehouse."),
                             _("give a new identifier, or roll back the load that brought the existing row."))
                     for idx, k in enumerate(rows[list(key)].itertuples(index=False, name=None)) if k in existing]
            raise ValidationError(dupes)
        totals = totals_before_after(con, spec.table, typed, existing)
    finally:
        con.close()
    return Preview(kind, file_name, digest, typed, len(typed) - len(existing), len(existing), totals,
                   sorted(existing), ignored, first_row=result.first_row)


@dataclass
class _Checked:
    """A file's rows (or a batch of them) after names, fill, completion, the kind's checks and validation."""

    frame: pd.DataFrame  # the rows as given, names resolved, filled and completed (validation's input)
    typed: pd.DataFrame | None  # the rows with schema types (None: a required column is missing)
    problems: list[Problem]
    overflow: Counter
    valid: bool  # validation found no problem (names, the kind's checks and wards may have)


def _checked_batch(spec: Kind, rows: pd.DataFrame, con, gazetteer, known: dict[str, set[str]], file_name: str,
                   first_row: int, max_problems: int, duplicates: bool = True) -> _Checked:
    """Resolve names, fill, complete, run the kind's checks and validate rows of a file (rows indexed by their offset
    from `first_row`); the whole file, or one batch of it (then without `duplicates`: keys are checked across the
    batches once all are staged)."""
    frame, problems = resolve_names(rows, gazetteer, file_name, first_row)
    if spec.fill:
        frame = spec.fill(frame, con)
    if spec.complete:
        frame = spec.complete(frame)
    if spec.check:
        frame, found = spec.check(frame, con, file_name, first_row)
        problems += found
    frame = frame.assign(source_id="upload")  # the declared source gets its id at load time
    named = {(p.row, NAME_COLUMNS.get(p.column, p.column)) for p in problems}
    named |= {(row, column) for row, _column in named for column in spec.derived}  # derived from the bad name
    try:
        typed, log = schema.checked_rows(spec.table, frame, file_name, known, first_row, max_problems, duplicates)
        found, overflow = sorted(log.items, key=lambda p: (p.row or 0, p.column)), log.overflow
    except ValidationError as err:  # a required column is missing
        typed, found, overflow = None, err.problems, err.overflow
    problems += [p for p in found if (p.row, p.column) not in named]  # a bad name is reported once
    problems += _ward_in_county(frame, con, file_name, first_row)
    return _Checked(frame, typed, problems, overflow, typed is not None and not found)


STAGED_LANE = True  # tests turn it off to compare the two lanes on the same files


def _refusal(problems: list[Problem], overflow: Counter, max_problems: int) -> ValidationError:
    """The refusal of a file: its problems in file order, those past the limit counted."""
    return ValidationError(sorted(problems, key=lambda p: (p.row or 0, p.column)), overflow,
                           len(problems) >= max_problems)


def _left_out(names: list[str], ignore: tuple[str, ...]) -> tuple[str, ...]:
    """The file's columns the user chose to leave out (names compared as the header check compares them)."""
    left_out = {_key(n) for n in ignore}
    return tuple(name for name in names if name and _key(name) in left_out)


def _prepare_staged(data: bytes | Path, file_name: str, kind: str, warehouse: Path, max_bytes: int,
                    ignore: tuple[str, ...], size_fix: str | None, leave_out: str) -> Preview | None:
    """Prepare a CSV file through the staged lane (rows typed and checked in DuckDB, see `staged`); None when the
    file is not a CSV, has any problem, or replaces stored rows: then the full path reads it and says why."""
    spec = KINDS[kind]
    folder = staged.stage_folder()
    stage, kept = None, False
    try:
        layout = _csv_layout(data, file_name, kind, folder, max_bytes, ignore, size_fix, leave_out)
        if layout is None:
            return None
        canonical = {_key(n): n for n in known_columns(kind)}
        ignored = _left_out(layout.names, ignore)
        columns = {i: canonical.get(_key(name), name) for i, name in enumerate(layout.names)
                   if name and name not in ignored}
        digest = file_sha256(data)
        con = read_cursor(warehouse)
        try:
            previous = already_loaded(con, digest, file_name)
            if previous:
                raise ValidationError([previous])
            stage = staged.stage_csv(layout, folder, spec.table, columns, gazetteer_of(con),
                                     reference_values(con, spec.table),
                                     dict(con.execute("SELECT ward_code, county_code FROM dim_ward").fetchall()))
            if stage is None:
                return None
        finally:
            con.close()
        with _stored_side(stage, warehouse) as (against, keys):
            stored = count_stored_keys(against, spec.table, keys)
            if stored and not spec.replace_existing:
                return None  # rows already there: the full path names each one
            totals = totals_before_after(against, spec.table, pd.DataFrame(), set(), stage,
                                         stored=keys if stored else None)
        preview = Preview(kind, file_name, digest, stage.frame(staged.PREVIEW_ROWS), stage.row_count - stored, stored,
                          totals, [], ignored, stage=stage, first_row=layout.header_row + 1)
        kept = True  # the preview owns the stage now
        return preview
    finally:
        if not kept:
            if stage is not None:
                stage.close()
            shutil.rmtree(folder, ignore_errors=True)


BATCHED_LANE = True  # tests turn it off to compare a file read in batches with the same file read whole
# Rows of a large file checked at a time by the full path: its memory then stays bounded (about 0.5 GB at this size,
# whatever the file's length), the typed rows waiting in a stage that spills to disk (issue 32).
FULL_BATCH_ROWS = 100_000


def _lines_at_most(data: bytes | Path, limit: int) -> bool:
    """True when the file has at most `limit` line breaks (read in blocks; a file on disk is never held whole)."""
    if isinstance(data, bytes | bytearray | memoryview):
        data = bytes(data)
        return max(data.count(b"\n"), data.count(b"\r")) <= limit
    count = 0
    with data.open("rb") as handle:
        while block := handle.read(1 << 22):
            count += max(block.count(b"\n"), block.count(b"\r"))
            if count > limit:
                return False
    return True


def _prepare_batched(data: bytes | Path, file_name: str, kind: str, warehouse: Path, max_bytes: int,
                     ignore: tuple[str, ...], size_fix: str | None, leave_out: str,
                     max_problems: int) -> Preview | None:
    """Prepare a CSV file longer than a batch through the full path, in batches of FULL_BATCH_ROWS rows: each is
    checked as a whole file is (`_checked_batch`) and its typed rows appended to a stage; repeated keys, keys stored
    already, keys of another county and the rules between kinds are then checked in SQL on the stage. The preview
    holds the stage, which `load` inserts from as it does the staged lane's. None when the reader would not read the
    file line for line (a workbook, a value over several lines …): then it is read whole."""
    from jdp_analytics.warehouse import readers

    spec = KINDS[kind]
    folder = staged.stage_folder()
    stage, kept = None, False
    try:
        layout = _csv_layout(data, file_name, kind, folder, max_bytes, ignore, size_fix, leave_out)
        if layout is None:
            return None
        stage = staged.Stage(staged.connect(folder), folder, spec.table, [], 0, numbered=True)  # its folder too
        first_row = readers.stage_cells(stage.con, layout, file_name, max_problems)
        if first_row is None:
            return None
        digest = file_sha256(data)
        problems, overflow, valid = _check_batches(stage, layout, first_row, spec, digest, file_name, warehouse,
                                                   ignore, max_problems)
        ignored = _left_out(layout.names, ignore)
        if problems and not valid:
            raise _refusal(problems, overflow, max_problems)
        with _stored_side(stage, warehouse) as (against, keys):
            problems += _staged_key_problems(against, spec.table, stage, file_name)
            if not problems and registry.has_rules_between_kinds(spec.table.name):
                broken = _broken_before_load(against, spec.table, staged.ROWS, stage.columns)
                rows = staged.rows_of_keys(stage.con, spec.table, [tuple(str(v) for v in b.key) for b in broken])
                problems += [Problem(file_name, rows.get(tuple(str(v) for v in b.key)), b.column, b.value,
                                     b.message, b.fix) for b in broken]
            if problems:
                raise _refusal(problems, overflow, max_problems)
            stored = count_stored_keys(against, spec.table, keys)
            if stored and not spec.replace_existing:
                raise _taken_keys_error(against, spec.table, file_name, stored, max_problems)
            totals = totals_before_after(against, spec.table, pd.DataFrame(), set(), stage,
                                         stored=keys if stored else None)
        preview = Preview(kind, file_name, digest, stage.frame(staged.PREVIEW_ROWS), stage.row_count - stored, stored,
                          totals, [], ignored, stage=stage, first_row=first_row)
        kept = True  # the preview owns the stage now
        return preview
    finally:
        if not kept:
            if stage is not None:
                stage.close()
            shutil.rmtree(folder, ignore_errors=True)


def _check_batches(stage: staged.Stage, layout, first_row: int, spec: Kind, digest: str, file_name: str,
                   warehouse: Path, ignore: tuple[str, ...],
                   max_problems: int) -> tuple[list[Problem], Counter, bool]:
    """Check the staged cells batch by batch and append each batch's typed rows to the stage (whose columns and row
    count are set here); then look for keys the file repeats across batches. Return (problems, problems counted
    beyond the limit, whether validation found none)."""
    from jdp_analytics.warehouse import readers

    canonical = {_key(n): n for n in known_columns(spec.name)} if not spec.open_columns else {}
    left_out = list(_left_out(layout.names, ignore))
    problems, overflow, valid, columns = [], Counter(), True, None
    con, cursor = read_cursor(warehouse), stage.con.cursor()  # the cursor streams the batches
    try:
        previous = already_loaded(con, digest, file_name)
        if previous:
            raise ValidationError([previous])
        known = reference_values(con, spec.table)
        known["source.source_id"] = {"upload"}
        gazetteer = gazetteer_of(con)
        for batch in readers.cell_batches(cursor, layout, first_row, FULL_BATCH_ROWS):
            rows = batch.drop(columns=left_out).rename(columns=lambda n: canonical.get(_key(n), n))
            checked = _checked_batch(spec, rows, con, gazetteer, known, file_name, first_row,
                                     max_problems - len(problems), duplicates=False)
            problems += checked.problems
            overflow += checked.overflow
            valid = valid and checked.valid
            if checked.typed is None or len(problems) >= max_problems:
                break  # a column missing, or enough problems to refuse the file
            if columns is None:
                columns = [c.name for c in spec.table.columns
                           if c.name in checked.typed.columns and c.name not in SYSTEM_COLUMNS]
                staged.create_rows(stage.con, spec.table, columns)
            staged.append_rows(stage.con, spec.table, columns, checked.typed, checked.frame, first_row)
    finally:
        cursor.close()
        con.close()
    if columns is None:
        return problems, overflow, valid
    stage.columns = columns
    stage.row_count = stage.con.execute(f"SELECT count(*) FROM {staged.ROWS}").fetchall()[0][0]
    if len(problems) < max_problems and all(k in columns for k in spec.table.key):
        found, total = staged.repeated_keys(stage.con, spec.table, max_problems - len(problems))
        problems += [schema.duplicate_key_problem(spec.table, file_name, row, first, value)
                     for row, first, value in found]
        if total > len(found):
            overflow[(", ".join(spec.table.key), _(schema.DUPLICATE_KEY))] += total - len(found)
        valid = valid and not total
    return problems, overflow, valid


def _staged_key_problems(con, table: schema.Table, stage: staged.Stage, file_name: str) -> list[Problem]:
    """`_county_key_problems` of a stage's rows: each row whose key the warehouse holds for another county."""
    if "county_code" not in stage.columns or not proposal_checks.owns_county_keys(table):
        return []
    arriving = f"(SELECT {_key_list(table)}, county_code FROM {staged.ROWS})"
    clashes = proposal_checks.county_key_clashes(con, table, arriving, catalog.identifier(table.name))
    rows = staged.rows_of_keys(stage.con, table, [tuple(c.key) for c in clashes])
    return [Problem(file_name, rows.get(tuple(c.key)), c.column, c.value, c.message, c.fix) for c in clashes]


def _taken_keys_error(con, table: schema.Table, file_name: str, stored: int, max_problems: int) -> ValidationError:
    """The error of a staged file whose rows have keys the warehouse holds (a kind whose rows are never replaced)."""
    label, message = ", ".join(table.key), _("a row with this key is already in the warehouse.")
    problems = [Problem(file_name, int(row), label, " / ".join(map(str, key)), message,
                        _("give a new identifier, or roll back the load that brought the existing row."))
                for row, *key in staged.stored_key_rows(con, table, max_problems)]
    return ValidationError(problems, Counter({(label, message): stored - len(problems)}) if stored > len(problems)
                           else None)


def _csv_layout(data: bytes | Path, file_name: str, kind: str, folder: Path, max_bytes: int, ignore: tuple[str, ...],
                size_fix: str | None, leave_out: str):
    """The layout of a CSV file for a lane that reads it in DuckDB (`readers.csv_layout`), its header checked as the
    full path checks it; None for a file DuckDB would not read line for line."""
    from jdp_analytics.warehouse import readers

    return readers.csv_layout(
        data, file_name, header_columns(kind), folder, max_bytes=max_bytes, size_fix=size_fix or readers.SIZE_FIX,
        header_check=lambda names, row: header_problems(kind, names, file_name, row, ignore, leave_out))


@contextmanager
def _stored_side(stage: staged.Stage, warehouse: Path | str) -> Iterator[tuple[duckdb.DuckDBPyConnection, str]]:
    """Yield a connection that reads the warehouse's tables and the name of the stage's keys on it. A file warehouse
    is attached read-only to the stage's own DuckDB, whose memory limit spills: the stored keys are counted there,
    rather than carrying a national file's 10 M keys into this process as one Arrow table (2.4 GB)."""
    if lake.is_lake(warehouse):
        con = read_cursor(warehouse)
        con.register("staged_keys", stage.keys())
        try:
            yield con, "staged_keys"
        finally:
            con.unregister("staged_keys")
            con.close()
        return
    stage.con.execute("ATTACH ? AS stored_side (READ_ONLY)", [str(warehouse)])
    try:
        stage.con.execute("USE stored_side")
        yield stage.con, staged.ROWS
    finally:
        stage.con.execute("USE memory")
        stage.con.execute("DETACH stored_side")


def _key_list(table: schema.Table) -> str:
    return ", ".join(catalog.identifier(k) for k in table.key)


def remove_stale_copies(warehouse: Path) -> list[Path]:
    """Delete the temporary copies that killed loads left beside the warehouse; return what was removed.

    Call only while holding the load lock: then no other load is writing a copy.
    """
    removed = []
    for path in Path(warehouse).parent.glob(f".{Path(warehouse).name}.*.loading"):
        path.unlink(missing_ok=True)
        removed.append(path)
    return removed


@contextmanager
def writable_copy(warehouse: Path | str, message: str = "", author: str = "",
                  attach_to: duckdb.DuckDBPyConnection | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
    """Yield a writable connection to a copy of the warehouse; on success the copy replaces the original.

    `attach_to`: a connection (a stage's) that attaches the copy as its default database instead, so that its own
    tables are inserted without leaving DuckDB. On a DuckLake warehouse there is no copy: the connection is one
    DuckLake transaction (one snapshot, named by `message`), and other loads may run at the same time.
    """
    if lake.is_lake(warehouse):
        with lake.transaction(str(warehouse), message, author) as con:
            yield con
        return
    warehouse = Path(warehouse)
    lock_path = warehouse.with_name(f".{warehouse.name}.lock")
    with open(lock_path, "a") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise LoadError(_("Another load is running on this warehouse; try again in a minute.")) from None
        remove_stale_copies(warehouse)  # under the lock, no other load is running: any copy left is a killed load's
        tmp = warehouse.with_name(f".{warehouse.name}.{os.getpid()}.loading")
        try:
            shutil.copyfile(warehouse, tmp)
            if attach_to is None:
                con = duckdb.connect(str(tmp))
            else:
                con = attach_to
                con.execute("ATTACH ? AS load_target", [str(tmp)])
                con.execute("USE load_target")
            try:
                con.begin()
                yield con
                con.commit()
                con.execute("CHECKPOINT" if attach_to is None else "CHECKPOINT load_target")
            except BaseException:
                con.rollback()
                raise
            finally:
                if attach_to is None:
                    con.close()
                else:
                    con.execute("USE memory")
                    con.execute("DETACH load_target")
            os.replace(tmp, warehouse)
        finally:
            tmp.unlink(missing_ok=True)


T = TypeVar("T")

# A lake load or rollback that refreshes a roll-up conflicts with another one committed meanwhile (both replace the
# roll-up table): it is run again on the newer snapshot, at most this many times in all.
LAKE_ATTEMPTS = 4


def _again_on_conflict(run: Callable[[], T], warehouse: Path | str) -> T:
    """Run a load or rollback; on a lake, run it again when another load's commit conflicts with it."""
    for attempt in range(1, LAKE_ATTEMPTS + 1):
        try:
            return run()
        except duckdb.TransactionException as err:
            if not lake.is_lake(warehouse) or "conflict" not in str(err).lower():
                raise
            if attempt == LAKE_ATTEMPTS:
                raise LoadError(_("Other loads kept committing to the same tables while this one ran ({attempts} "
                                  "tries); nothing was loaded. Try again in a minute.").format(
                                      attempts=LAKE_ATTEMPTS)) from None
            time.sleep(random.uniform(0.1, 0.5) * attempt)  # apart, so the next try does not meet the same one
    raise AssertionError("unreachable")


def load(preview: Preview, warehouse: Path, source: DeclaredSource, user: str) -> str:
    """Apply a prepared load atomically; return its load id (on a lake, run again if another load's commit
    conflicts with it: its checks then see that load's rows)."""
    if lake.is_lake(warehouse):
        lake.remove_orphaned_files(str(warehouse))  # what killed loads left behind
    return _again_on_conflict(lambda: _load_once(preview, warehouse, source, user), warehouse)


def _load_once(preview: Preview, warehouse: Path, source: DeclaredSource, user: str) -> str:
    spec = KINDS[preview.kind]
    load_id = "L" + datetime.now(UTC).strftime("%Y%m%d%H%M%S") + "-" + uuid.uuid4().hex[:6]
    source_id = f"upload_{load_id.lower().replace('-', '_')}"
    stage = preview.stage
    rows = preview.rows.assign(source_id=source_id, load_id=load_id)
    table, key = spec.table, list(spec.table.key)
    with writable_copy(warehouse, f"load {load_id}", user, stage.con if stage is not None else None) as con:
        con.execute("INSERT INTO source (source_id, publisher, title, url, licence, as_of, is_demo, notes, "
                    "file_sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [source_id, source.publisher, source.title, source.url, source.licence, source.as_of,
                     source.is_demo, f"Uploaded as {preview.file_name} (load {load_id}).", preview.file_sha256])
        if preview.replaced_keys:
            con.register("replaced_keys", pd.DataFrame(preview.replaced_keys, columns=key))
            on = " AND ".join(f"t.{catalog.identifier(k)} = r.{catalog.identifier(k)}" for k in key)
            old = con.execute(f"SELECT t.* FROM {catalog.identifier(table.name)} t JOIN replaced_keys r ON {on}").df()
            archive = pd.DataFrame({
                "load_id": load_id, "table_name": table.name,
                "row_key": [json.dumps([str(v) for v in r], separators=(",", ":"))
                            for r in old[key].itertuples(index=False, name=None)],
                "row_json": old.to_json(orient="records", lines=True, date_format="iso").splitlines()})
            con.register("archive", archive)
            con.execute("INSERT INTO load_replaced SELECT load_id, table_name, row_key, row_json FROM archive")
            rows = _keep_stored_values(rows, old, table)
            con.execute(f"DELETE FROM {catalog.identifier(table.name)} t USING replaced_keys r WHERE {on}")
        if stage is not None:
            _insert_staged(con, warehouse, table, stage, source_id, load_id, preview.rows_replaced)
        else:
            columns = ", ".join(catalog.identifier(c) for c in rows.columns)
            con.register("incoming", rows)
            _refuse_taken_keys(con, table, "incoming")
            con.execute(f"INSERT INTO {catalog.identifier(table.name)} ({columns}) SELECT {columns} FROM incoming")
        _refuse_broken_rules(con, preview, table, load_id)
        rollups.refresh_for(con, table.name)
        con.execute("INSERT INTO load_log (load_id, kind, table_name, file_name, file_sha256, row_count, rows_added, "
                    "rows_replaced, loaded_by, loaded_at, source_id, status, ignored_columns) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'loaded', ?)",
                    [load_id, preview.kind, table.name, preview.file_name, preview.file_sha256, preview.row_count,
                     preview.rows_added, preview.rows_replaced, user, datetime.now(UTC).replace(tzinfo=None),
                     source_id, ", ".join(preview.ignored) or None])
    if stage is not None:
        stage.close()  # loaded: its memory is no longer needed
    return load_id


def _insert_staged(con, warehouse: Path | str, table: schema.Table, stage: staged.Stage, source_id: str,
                   load_id: str, replacing: int) -> None:
    """Insert a stage's rows: in the same DuckDB (the warehouse copy is attached to the stage's connection), or,
    into a lake, streamed across as Arrow batches. Rows that replace stored ones are archived to `load_replaced`
    first (as the full path archives them), and keep the stored values of the columns the file does not have."""
    target, key = catalog.identifier(table.name), _key_list(table)
    into_lake = lake.is_lake(warehouse)
    absent = [c.name for c in table.columns if c.name not in stage.columns and c.name not in SYSTEM_COLUMNS]
    kept = ""
    keys = "staged_keys" if into_lake else staged.ROWS
    if into_lake:
        con.register("staged_keys", stage.keys())
    if replacing:
        con.execute(f"CREATE TEMP TABLE replaced_rows AS SELECT t.* FROM {target} t SEMI JOIN "
                    f"(SELECT {key} FROM {keys}) k USING ({key})")
        row_key = ", ".join(f"CAST(r.{catalog.identifier(k)} AS VARCHAR)" for k in table.key)
        con.execute(f"INSERT INTO load_replaced SELECT ?, ?, to_json([{row_key}])::VARCHAR, to_json(r)::VARCHAR "
                    f"FROM temp.main.replaced_rows r", [load_id, table.name])
        on = " AND ".join(f"t.{catalog.identifier(k)} = r.{catalog.identifier(k)}" for k in table.key)
        con.execute(f"DELETE FROM {target} t USING temp.main.replaced_rows r WHERE {on}")
        kept = f" LEFT JOIN temp.main.replaced_rows r USING ({key})"
    names = [*stage.columns, "source_id", "load_id"]
    selected = ", ".join([*(f"i.{catalog.identifier(c)}" for c in names), *(f"r.{catalog.identifier(c)}" if kept
                                                                            else "NULL" for c in absent)])
    columns = ", ".join(catalog.identifier(c) for c in [*names, *absent])
    try:
        _refuse_taken_keys(con, table, keys)
        if into_lake:  # opened last: another query on the stage's connection would end this stream
            con.register("incoming", stage.con.sql(stage.select(), params=[source_id, load_id])
                         .to_arrow_reader(staged.BATCH_ROWS))
            incoming, parameters = "incoming", []
        else:
            incoming, parameters = f"({stage.select()})", [source_id, load_id]
        con.execute(f"INSERT INTO {target} ({columns}) SELECT {selected} FROM {incoming} i{kept}", parameters)
    finally:
        if into_lake:
            for view in ("incoming", "staged_keys"):
                con.execute(f"DROP VIEW IF EXISTS {view}")
        if replacing:
            con.execute("DROP TABLE temp.main.replaced_rows")


def _refuse_broken_rules(con, preview: Preview, table: schema.Table, load_id: str) -> None:
    """Raise RuleError when the rows just inserted (not committed) break a rule between kinds or take another
    county's key (the rows they replaced are in load_replaced, as both lanes archive them); the caller's transaction
    then rolls the whole load back. `load_id` is the loader's own ('L' + timestamp + hex), never a user's text."""
    name = catalog.identifier(table.name)
    stored_columns = [*table.key, "county_code"] if proposal_checks.owns_county_keys(table) else []
    replaced = "(SELECT " + ", ".join(f"json_extract_string(row_json, '$.{c}') AS {catalog.identifier(c)}"
                                      for c in stored_columns) + f" FROM load_replaced WHERE load_id = '{load_id}')"
    broken = proposal_checks.county_key_clashes(con, table, f"(SELECT * FROM {name} WHERE load_id = '{load_id}')",
                                                replaced) if stored_columns else []
    broken += registry.broken_rules(con, table.name, load_id)
    if not broken:
        return
    if preview.stage is not None and preview.stage.numbered:  # the rows stay in the stage: ask it for their rows
        rows = staged.rows_of_keys(preview.stage.con, table, [tuple(str(v) for v in b.key) for b in broken])
    else:
        frame = preview.frame()
        rows = {tuple(str(v) for v in k): int(i) + preview.first_row  # the index counts rows from the first one
                for i, k in zip(frame.index, frame[list(table.key)].itertuples(index=False, name=None))}
    raise RuleError([Problem(preview.file_name, rows.get(tuple(str(v) for v in b.key)), b.column, b.value, b.message,
                             b.fix) for b in broken])


def _refuse_restoring_taken_keys(con, table: schema.Table, restored: str, load_id: str) -> None:
    """Raise LoadError when a rollback would restore rows whose keys a later load holds now (it replaced this
    load's rows): that load must be rolled back first."""
    if not count_stored_keys(con, table, restored):
        return
    key = _key_list(table)
    later = [row[0] for row in con.execute(
        f"SELECT DISTINCT coalesce(t.load_id, '—') AS holder FROM {catalog.identifier(table.name)} t SEMI JOIN "
        f"(SELECT {key} FROM {restored}) r USING ({key}) ORDER BY holder").fetchall()]
    raise LoadError(_("Load {load_id} cannot be rolled back yet: a later load replaced rows it brought, and the rows "
                      "it replaced cannot come back beside them. Nothing was changed. Roll back {loads} first.").format(
        load_id=load_id, loads=", ".join(later)))


def _refuse_taken_keys(con, table: schema.Table, incoming: str) -> None:
    """Raise LoadError when rows about to be inserted (from `incoming`) have keys the table holds: another load
    brought them after the file was checked (the rows the file replaces are deleted by then)."""
    taken = count_stored_keys(con, table, incoming)
    if taken:
        raise LoadError(ngettext(
            "Since this file was checked, another load added {count:,} row with a key the file has; nothing was "
            "loaded. Check the file again: the preview will say which rows are already in the warehouse.",
            "Since this file was checked, another load added {count:,} rows with keys the file has; nothing was "
            "loaded. Check the file again: the preview will say which rows are already in the warehouse.",
            taken).format(count=taken))


def _keep_stored_values(rows: pd.DataFrame, old: pd.DataFrame, table: schema.Table) -> pd.DataFrame:
    """Return the incoming rows with the stored values of every column the file did not have.

    A file without a column says nothing about it, so replacing a row keeps what the warehouse holds there; only an
    empty cell in a column the file has writes an empty value.
    """
    absent = [c.name for c in table.columns if c.name not in rows.columns and c.name not in SYSTEM_COLUMNS]
    if not absent or old.empty:
        return rows
    key = list(table.key)
    stored = {tuple(str(v) for v in k): i for i, k in enumerate(old[key].itertuples(index=False, name=None))}
    positions = [stored.get(tuple(str(v) for v in k)) for k in rows[key].itertuples(index=False, name=None)]
    rows = rows.copy()
    taken = pd.Index([-1 if p is None else p for p in positions])  # -1: a new row, nothing stored
    for name in absent:
        rows[name] = old[name].reset_index(drop=True).reindex(taken).to_numpy()
    return rows


def rollback(load_id: str, warehouse: Path, user: str) -> int:
    """Remove a load's rows and restore the rows it replaced; the log keeps both. Return rows removed."""
    if lake.is_lake(warehouse):
        return _again_on_conflict(lambda: _rollback_lake(load_id, str(warehouse), user), warehouse)
    with writable_copy(warehouse) as con:
        entry = con.execute("SELECT table_name, status FROM load_log WHERE load_id = ?", [load_id]).fetchall()
        entry = entry[0] if entry else None
        if entry is None:
            raise LoadError(_("There is no load {load_id!r}; the Load history page lists them.").format(
                load_id=load_id))
        table_name, status = entry
        if status != "loaded":
            raise LoadError(_("Load {load_id} was already rolled back.").format(load_id=load_id))
        table = catalog.TABLES[catalog.identifier(table_name)]
        removed = con.execute(f"DELETE FROM {catalog.identifier(table.name)} WHERE load_id = ?",
                              [load_id]).fetchall()[0][0]
        replaced = con.execute("SELECT row_json FROM load_replaced WHERE load_id = ?", [load_id]).fetchall()
        if replaced:
            old = pd.read_json(io.StringIO("\n".join(r for (r,) in replaced)), lines=True, dtype=False)
            old = old[[c.name for c in table.columns if c.name in old.columns]]
            for column in table.columns:
                if column.name in old and column.type == "VARCHAR":
                    old[column.name] = old[column.name].astype("string")
                elif column.name in old and column.type in ("DATE", "TIMESTAMP"):
                    old[column.name] = pd.to_datetime(old[column.name])
            con.register("restored", old)
            _refuse_restoring_taken_keys(con, table, "restored", load_id)
            columns = ", ".join(catalog.identifier(c) for c in old.columns)
            con.execute(f"INSERT INTO {catalog.identifier(table.name)} ({columns}) SELECT {columns} FROM restored")
        rollups.refresh_for(con, table.name)
        con.execute("UPDATE load_log SET status = 'rolled back', rolled_back_by = ?, rolled_back_at = ? "
                    "WHERE load_id = ?", [user, datetime.now(UTC).replace(tzinfo=None), load_id])
    return int(removed)


def _rollback_lake(load_id: str, warehouse: str, user: str) -> int:
    """Roll a load back on a DuckLake warehouse, in one new snapshot: delete the load's rows and read the rows it
    replaced back from the snapshot before the load (time travel), rather than from their JSON copy."""
    with writable_copy(warehouse, f"rollback {load_id}", user) as con:
        entry = con.execute("SELECT table_name, status FROM load_log WHERE load_id = ?", [load_id]).fetchall()
        if not entry:
            raise LoadError(_("There is no load {load_id!r}; the Load history page lists them.").format(
                load_id=load_id))
        table_name, status = entry[0]
        if status != "loaded":
            raise LoadError(_("Load {load_id} was already rolled back.").format(load_id=load_id))
        table = catalog.TABLES[catalog.identifier(table_name)]
        loaded = lake.snapshot_of(con, load_id)
        if loaded is None:
            raise LoadError(_("Load {load_id} has no snapshot in the lake's history; it cannot be rolled back "
                              "here.").format(load_id=load_id))
        before = con.execute(f"SELECT max(snapshot_id) FROM {lake.ALIAS}.snapshots() WHERE snapshot_id < ?",
                             [loaded]).fetchone()[0]
        name, keys = catalog.identifier(table.name), ", ".join(catalog.identifier(k) for k in table.key)
        # The rows to restore: those before the load with a key the load brought, as it brought them (at its own
        # snapshot: a later load may have replaced them since, and then they are refused below, not skipped). Read
        # before the delete: inside the transaction, time travel sees its own changes.
        con.execute(f"CREATE TEMP TABLE restored AS SELECT b.* FROM (SELECT * FROM {name} AT "
                    f"(VERSION => {int(before)})) b SEMI JOIN (SELECT {keys} FROM {name} AT "
                    f"(VERSION => {int(loaded)}) WHERE load_id = ?) k USING ({keys})", [load_id])
        removed = con.execute(f"DELETE FROM {name} WHERE load_id = ?", [load_id]).fetchall()[0][0]
        _refuse_restoring_taken_keys(con, table, "temp.main.restored", load_id)
        con.execute(f"INSERT INTO {name} SELECT * FROM restored")
        rollups.refresh_for(con, table.name)
        con.execute("UPDATE load_log SET status = 'rolled back', rolled_back_by = ?, rolled_back_at = ? "
                    "WHERE load_id = ?", [user, datetime.now(UTC).replace(tzinfo=None), load_id])
    return int(removed)
