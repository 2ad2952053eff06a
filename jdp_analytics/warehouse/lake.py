"""The warehouse on DuckLake: a PostgreSQL catalog and Parquet data files, for a national deployment.

Chosen by one setting, `JDP_WAREHOUSE=ducklake:postgres:dbname=jdp host=… user=…` with `JDP_LAKE_DATA=DIR` (a
folder every server mounts, or s3://… with httpfs), or `--warehouse` on any command. The single-file DuckDB
warehouse stays the default; everything else (pages, loads, rollbacks, documents) runs unchanged on either.

How it differs underneath:
- a load is one DuckLake transaction: several offices can load at once (DuckLake commits both; appends never
  conflict), a reader sees one snapshot, and nothing is copied;
- the app pins each rerun to one snapshot (its cache key), so a page never mixes totals from before and after
  a load;
- rolling a load back is a new snapshot: the load's rows are deleted and the rows it replaced are read back from
  the snapshot before the load (DuckLake time travel);
- DuckLake has no PRIMARY KEY constraint; neither has the DuckDB file (one DDL for both): keys are checked by the
  loader and the build.

The DuckDB extensions come from Python wheels (duckdb-extension-ducklake, -postgres-scanner), installed from the
file inside the wheel, so no server needs network access to extensions.duckdb.org. The wheels exist for duckdb
1.5.5, not 2.0.1: a lake deployment installs requirements-lake.txt (see docs/national-deployment.md).
"""

from __future__ import annotations

import importlib.util
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import duckdb

from jdp_analytics.warehouse import catalog

PREFIX = "ducklake:"
ALIAS = "lake"
EXTENSIONS = (("ducklake", "duckdb_extension_ducklake"), ("postgres_scanner", "duckdb_extension_postgres_scanner"),
              ("httpfs", "duckdb_extension_httpfs"))


class LakeError(RuntimeError):
    """The lake cannot be reached or used; the message says what to set or install."""


def is_lake(target) -> bool:
    return str(target).startswith(PREFIX)


def target(value: str | Path | None) -> str | Path:
    """Return a warehouse target as given on the command line or in $JDP_WAREHOUSE: a lake string or a file path."""
    from jdp_analytics.warehouse.paths import DEFAULT_WAREHOUSE

    value = value if value is not None else os.environ.get("JDP_WAREHOUSE") or DEFAULT_WAREHOUSE
    return str(value) if is_lake(value) else Path(value)


def data_path() -> str:
    path = os.environ.get("JDP_LAKE_DATA", "")
    if not path:
        raise LakeError("JDP_LAKE_DATA is not set: give the folder (or s3://bucket/prefix) of the lake's data files.")
    return path


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def load_extensions(con: duckdb.DuckDBPyConnection) -> None:
    """Load ducklake and postgres_scanner (httpfs when the data path is s3://) from their wheels, without network."""
    wanted = ["ducklake", "postgres_scanner"] + (["httpfs"] if data_path().startswith("s3://") else [])
    for name, package in EXTENSIONS:
        if name not in wanted:
            continue
        try:
            con.execute(f"LOAD {name}")
            continue
        except duckdb.Error:
            pass
        spec = importlib.util.find_spec(package)
        file = None
        if spec is not None and spec.submodule_search_locations:
            file = Path(list(spec.submodule_search_locations)[0]) / "extensions" / f"v{duckdb.__version__}" / \
                f"{name}.duckdb_extension"
        if file is None or not file.is_file():
            raise LakeError(f"the DuckDB extension {name} for duckdb {duckdb.__version__} is not installed; a lake "
                            "deployment installs requirements-lake.txt (duckdb 1.5.5 and the extension wheels).")
        con.execute(f"INSTALL {_quote(str(file))}")
        con.execute(f"LOAD {name}")


def connect(lake: str, snapshot: int | None = None) -> duckdb.DuckDBPyConnection:
    """Return a new in-memory DuckDB connection with the lake attached as `lake` and in use.

    With `snapshot`, the lake is attached read-only at that snapshot (DuckLake time travel).
    """
    con = duckdb.connect()
    load_extensions(con)
    options = [f"DATA_PATH {_quote(data_path())}"]
    if snapshot is not None:
        options += [f"SNAPSHOT_VERSION {int(snapshot)}", "READ_ONLY"]
    try:
        con.execute(f"ATTACH {_quote(lake)} AS {ALIAS} ({', '.join(options)})")
    except duckdb.Error as err:
        con.close()
        raise LakeError(f"cannot attach the lake {lake!r}: {err}") from None
    con.execute(f"USE {ALIAS}")
    return con


_LOCK = threading.Lock()
_OPEN: dict[tuple[str, int | None], duckdb.DuckDBPyConnection] = {}


def read_cursor(lake: str, snapshot: int | None = None, include_demo: bool = True) -> duckdb.DuckDBPyConnection:
    """Return a cursor on the lake (at `snapshot`, or the latest at each query), its tables holding their real rows
    only without `include_demo` (catalog.real_views); close it when done."""
    key = (lake, snapshot)
    with _LOCK:
        if key not in _OPEN:
            if snapshot is not None and len([k for k in _OPEN if k[0] == lake and k[1] is not None]) >= 4:
                old = min(k for k in _OPEN if k[0] == lake and k[1] is not None)
                _OPEN.pop(old).close()
            _OPEN[key] = connect(lake, snapshot)
            catalog.real_views(_OPEN[key], ALIAS)
        cursor = _OPEN[key].cursor()
    cursor.execute(f"USE {ALIAS}" if include_demo else f"USE memory.{catalog.REAL_SCHEMA}")
    return cursor


def forget(lake: str) -> None:
    with _LOCK:
        for key in [k for k in _OPEN if k[0] == lake]:
            _OPEN.pop(key).close()


def current_snapshot(lake: str) -> int:
    """Return the id of the lake's latest snapshot (a new one after every committed load)."""
    cursor = read_cursor(lake)
    try:
        return int(cursor.execute(f"SELECT id FROM {ALIAS}.current_snapshot()").fetchone()[0])
    finally:
        cursor.close()


def has_warehouse(lake: str) -> bool:
    cursor = read_cursor(lake)
    try:
        return cursor.execute("SELECT count(*) FROM duckdb_tables() WHERE database_name = ? AND table_name = "
                              "'build_info'", [ALIAS]).fetchone()[0] > 0
    finally:
        cursor.close()


@contextmanager
def transaction(lake: str, message: str = "", author: str = "") -> Iterator[duckdb.DuckDBPyConnection]:
    """Yield a connection inside one DuckLake transaction; commit on success (one new snapshot), else roll back."""
    con = connect(lake)
    try:
        con.begin()
        if message:
            con.execute(f"CALL {ALIAS}.set_commit_message(?, ?)", [author or "jdp_analytics", message])
        yield con
        con.commit()
    except BaseException:
        try:
            con.rollback()
        except duckdb.Error:
            pass
        raise
    finally:
        con.close()
        forget(lake)  # this process's readers re-attach and see the new snapshot


def write_warehouse(frames, lake: str, info: dict[str, str], insert) -> None:
    """Replace the lake's warehouse tables with `frames` in one transaction (readers keep the old snapshot)."""
    with transaction(lake, "build", "jdp_analytics build") as con:
        present = {name for (name,) in con.execute("SELECT table_name FROM duckdb_tables() WHERE database_name = ?",
                                                   [ALIAS]).fetchall()}
        from jdp_analytics.warehouse import rollups

        for name in [*catalog.TABLES, "build_info", *rollups.ROLLUPS]:
            if name in present:
                con.execute(f"DROP TABLE {name}")
        for statement in catalog.ddl():
            con.execute(statement)
        for name, frame in frames.items():
            insert(con, name, frame)
        rollups.refresh(con)
        con.executemany("INSERT INTO build_info VALUES (?, ?)", sorted(info.items()))


# A data file that no snapshot lists and is older than this is a killed load's: no load runs that long (a
# 10-million-line file loads in under a minute), so a load in progress never loses its files.
ORPHAN_AGE = timedelta(hours=6)


def remove_orphaned_files(lake: str, older_than: timedelta = ORPHAN_AGE) -> list[str]:
    """Delete the lake's data files that no snapshot lists (written by loads killed before their commit) and that
    are older than `older_than`; return their paths. Loads call it first; `vacuum` on demand."""
    con = connect(lake)
    try:
        cutoff = (datetime.now(UTC) - older_than).strftime("%Y-%m-%d %H:%M:%S+00")
        return [path for (path,) in con.execute(
            f"CALL ducklake_delete_orphaned_files({_quote(ALIAS)}, older_than => TIMESTAMPTZ {_quote(cutoff)})"
        ).fetchall()]
    finally:
        con.close()


def snapshot_of(con, load_id: str) -> int | None:
    """Return the snapshot a load committed, found by its commit message."""
    rows = con.execute(f"SELECT snapshot_id FROM {ALIAS}.snapshots() WHERE commit_message = ?",
                       [f"load {load_id}"]).fetchall()
    return int(rows[0][0]) if rows else None
