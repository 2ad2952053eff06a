"""What every upload kind shares before anything is written: the preview of a load, the file's hash, names resolved
to codes, the values a column may reference, the keys already stored and the totals before and after.

Both the table load path (`loader.py`) and the geometry uploads (`geography/uploads.py`) use these, so neither
needs the other.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb
import pandas as pd

from jdp_analytics.common.i18n import _
from jdp_analytics.geography.names import Gazetteer, UnknownNameError
from jdp_analytics.warehouse import catalog, schema
from jdp_analytics.warehouse.schema import Problem

if TYPE_CHECKING:
    from jdp_analytics.warehouse.staged import Stage

NAME_COLUMNS = {"county": "county_code", "ward": "ward_code"}
SYSTEM_COLUMNS = {"source_id", "load_id"}


@dataclass
class Preview:
    """What a load would do: rows to add and to replace, and totals before and after, per numeric column.

    A file read by the staged lane keeps its rows in `stage` (DuckDB), and `rows` holds only the first of them.
    """

    kind: str
    file_name: str
    file_sha256: str
    rows: pd.DataFrame
    rows_added: int
    rows_replaced: int
    totals: pd.DataFrame  # column, before, after
    replaced_keys: list[tuple] = field(default_factory=list)
    ignored: tuple[str, ...] = ()  # columns of the file the user chose to leave out (recorded in the load log)
    notes: list[str] = field(default_factory=list)  # what was done to the file (repairs, simplification, warnings)
    stage: Stage | None = None  # the typed rows in DuckDB, when the staged lane read the file
    first_row: int = 2  # the file's row of the first row of `frame()`, to name rows in problems found at load time

    @property
    def row_count(self) -> int:
        """Return how many rows the file gives."""
        return self.stage.row_count if self.stage is not None else len(self.rows)

    def frame(self) -> pd.DataFrame:
        """Return every row of the file, typed (from the stage when there is one)."""
        return self.stage.frame() if self.stage is not None else self.rows


def file_sha256(data: bytes | Path) -> str:
    """Return the SHA-256 of a file's bytes; a file on disk is read in blocks, not held whole a second time."""
    if isinstance(data, Path):
        with data.open("rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    return hashlib.sha256(data).hexdigest()


def gazetteer_of(con: duckdb.DuckDBPyConnection) -> Gazetteer:
    cons = con.execute("SELECT constituency_code, constituency_name, county_code FROM dim_constituency").fetchall()
    wards = con.execute("SELECT ward_code, ward_name, constituency_code, county_code FROM dim_ward").fetchall()
    return Gazetteer({c: (n, k) for c, n, k in cons}, {w: (n, c, k) for w, n, c, k in wards})


def resolve_names(frame: pd.DataFrame, gazetteer: Gazetteer, file_name: str,
                  first_row: int) -> tuple[pd.DataFrame, list[Problem]]:
    """Turn 'county' and 'ward' name columns into codes; each unknown name is a problem listing close names.

    Each distinct spelling is resolved once, so a million-row register costs a few thousand look-ups.
    """
    frame = frame.copy()
    problems = []
    if "county" in frame.columns and "county_code" not in frame.columns:
        resolved, failed = {}, {}
        for name in frame["county"].dropna().unique():
            try:
                resolved[name] = gazetteer.county_code(name)
            except UnknownNameError as err:
                failed[name] = err
        frame["county_code"] = frame["county"].map(resolved).astype("string")
        for idx, name in frame["county"][frame["county"].isin(list(failed))].items():
            err = failed[name]
            fix = (_("use one of: {names}, or the KNBS code (001–047).").format(names=", ".join(err.suggestions))
                   if err.suggestions else _("check the spelling, or the KNBS code (001–047)."))
            problems.append(Problem(file_name, idx + first_row, "county", str(name),
                                    _("no county is called {name!r}.").format(name=name), fix))
    if "ward" in frame.columns and "ward_code" not in frame.columns:
        pairs = frame[["county_code", "ward"]].dropna().drop_duplicates() if "county_code" in frame else frame[[]]
        resolved, failed = {}, {}
        for county, name in pairs.itertuples(index=False, name=None):
            try:
                resolved[(county, name)] = gazetteer.ward_code(name, county)
            except UnknownNameError as err:
                failed[(county, name)] = err
        county = frame["county_code"] if "county_code" in frame else pd.Series(pd.NA, index=frame.index,
                                                                               dtype="string")
        keys = pd.MultiIndex.from_arrays([county, frame["ward"]])  # looked up as a whole column, not row by row
        codes = pd.Series(resolved, dtype="string") if resolved else pd.Series([], dtype="string")
        frame["ward_code"] = pd.array(codes.reindex(keys).to_numpy(), dtype="string") if resolved else pd.array(
            [pd.NA] * len(frame), dtype="string")
        unknown = keys.isin(list(failed)) if failed else []
        for idx, key in zip(frame.index[unknown], keys[unknown]):
            err = failed[key]
            fix = (_("use one of: {names}, or the ward code (KEW-nnnn) from the data dictionary.").format(
                names=", ".join(err.suggestions)) if err.suggestions
                else _("check the spelling, or the ward code (KEW-nnnn) from the data dictionary."))
            problems.append(Problem(file_name, idx + first_row, "ward", str(key[1]),
                                    _("no ward of that county is called {name!r}.").format(name=key[1]), fix))
    return frame, problems


def reference_values(con: duckdb.DuckDBPyConnection, table: schema.Table) -> dict[str, set[str]]:
    known = {}
    for column in table.columns:
        if column.references and column.name not in SYSTEM_COLUMNS:
            ref_table, ref_column = column.references.split(".")
            rows = con.execute(f"SELECT {catalog.identifier(ref_column)} FROM {catalog.identifier(ref_table)}")
            known[column.references] = {str(v) for (v,) in rows.fetchall()}
    return known


def already_loaded(con: duckdb.DuckDBPyConnection, digest: str, file_name: str) -> Problem | None:
    """Return the problem of a file whose bytes were already loaded (and not rolled back), else None."""
    rows = con.execute("SELECT load_id, loaded_by, loaded_at FROM load_log WHERE file_sha256 = ? "
                       "AND status = 'loaded'", [digest]).fetchall()
    if not rows:
        return None
    load_id, by, at = rows[0]
    return Problem(file_name, None, _("(whole file)"), digest[:12],
                   _("this file was already loaded as load {load_id} by {by} on {at} UTC.").format(
                       load_id=load_id, by=by, at=f"{at:%Y-%m-%d %H:%M}"),
                   _("nothing to do; to load it again, first roll that load back on the Load history page."))


def existing_keys(con, table: schema.Table, typed: pd.DataFrame) -> set[tuple]:
    key = list(table.key)
    incoming = typed[key].drop_duplicates()
    con.register("incoming_keys", incoming)
    try:
        on = " AND ".join(f"t.{catalog.identifier(k)} = i.{catalog.identifier(k)}" for k in key)
        rows = con.execute(f"SELECT {', '.join('i.' + k for k in key)} FROM incoming_keys i "
                           f"JOIN {catalog.identifier(table.name)} t ON {on}").fetchall()
    finally:
        con.unregister("incoming_keys")
    return {tuple(str(v) for v in row) for row in rows}


def count_stored_keys(con, table: schema.Table, rows: str) -> int:
    """Return how many rows of the relation `rows` (a registered frame, a view or a parenthesised SELECT; the
    caller's, never a user's text) have a key the table holds. The tables have no PRIMARY KEY constraint (see
    `catalog.ddl`): this count, when a file is checked and again inside its load and any rollback, keeps keys unique.
    """
    key = ", ".join(catalog.identifier(k) for k in table.key)
    return con.execute(f"SELECT count(*) FROM (SELECT {key} FROM {rows}) i SEMI JOIN "
                       f"{catalog.identifier(table.name)} USING ({key})").fetchall()[0][0]


def totals_before_after(con, table: schema.Table, typed: pd.DataFrame, existing: set[tuple],
                        stage: Stage | None = None, stored: str | None = None) -> pd.DataFrame:
    """Return each amount or count column's total in the warehouse before and after the load; a staged file's
    rows are summed in its stage (`typed` then holds only the first rows), and `stored` names the relation of its
    keys that the warehouse holds already (registered on `con`)."""
    given = stage.columns if stage is not None else typed.columns
    numeric = [c.name for c in table.columns  # amounts and counts add up; percentages and days do not
               if c.type in ("DOUBLE", "BIGINT", "INTEGER") and c.unit in ("KES", "persons", "proposals")]
    rows = []
    key = list(table.key)
    added = stage.totals([name for name in numeric if name in given]) if stage is not None else {}
    replaced = ([tuple(str(v) for v in k) in existing for k in typed[key].itertuples(index=False, name=None)]
                if existing else None)  # only a file replacing rows needs its rows matched to them
    for name in numeric:
        before = con.execute(f"SELECT coalesce(sum({catalog.identifier(name)}), 0) FROM "
                             f"{catalog.identifier(table.name)}").fetchall()[0][0]
        removed = 0.0
        if name not in given:  # the file does not have the column: stored values are kept (_keep_stored_values)
            rows.append({"column": name, "before": float(before), "after": float(before)})
            continue
        if stored:
            removed = con.execute(f"SELECT coalesce(sum({catalog.identifier(name)}), 0) FROM "
                                  f"{catalog.identifier(table.name)} SEMI JOIN {stored} USING "
                                  f"({', '.join(catalog.identifier(k) for k in key)})").fetchall()[0][0]
        elif existing:
            con.register("replaced_keys", typed[replaced][key])
            on = " AND ".join(f"t.{k} = r.{k}" for k in key)
            removed = con.execute(f"SELECT coalesce(sum(t.{name}), 0) FROM {catalog.identifier(table.name)} t "
                                  f"JOIN replaced_keys r ON {on}").fetchall()[0][0]
            con.unregister("replaced_keys")
        if stage is None:
            added[name] = float(pd.to_numeric(typed[name]).sum())
        rows.append({"column": name, "before": float(before), "after": float(before) - float(removed) + added[name]})
    return pd.DataFrame(rows, columns=["column", "before", "after"])
