"""Shared fixtures: the public source folder, two warehouses built once per session, read-only queries."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from jdp_analytics.warehouse.build import build
from jdp_analytics.warehouse.catalog import TABLES, identifier

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = Path(os.environ.get("JDP_SOURCES", REPO_ROOT / ".." / "shared" / "data"))


@contextmanager
def open_read_only(warehouse: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """Open a warehouse read-only (as the app does) and close it afterwards."""
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        yield con
    finally:
        con.close()


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The folder of published source files (/work/shared/data), or skip when this checkout has none."""
    folder = (SHARED_DATA if SHARED_DATA.is_absolute() else REPO_ROOT / SHARED_DATA).resolve()
    if not (folder / "SOURCES.md").is_file():
        pytest.skip(f"the public source folder {folder} is missing")
    return folder


@pytest.fixture(scope="session")
def reference_warehouse(tmp_path_factory) -> Path:
    """A warehouse built with no sources: the committed reference set and the kenya-data package."""
    out = tmp_path_factory.mktemp("reference") / "jdp.duckdb"
    build(out, None, progress=lambda _: None)
    return out


@pytest.fixture(scope="session")
def full_warehouse(tmp_path_factory, shared_data) -> Path:
    """A warehouse built from the public source folder, ward boundaries included."""
    out = tmp_path_factory.mktemp("full") / "jdp.duckdb"
    build(out, shared_data, progress=lambda _: None)
    return out


@pytest.fixture(scope="session")
def query() -> Callable[..., list[tuple]]:
    """Return a function that runs one SQL statement on a warehouse, read-only, and returns its rows."""
    def run(warehouse: Path, sql: str, *params) -> list[tuple]:
        with open_read_only(warehouse) as con:
            return con.execute(sql, list(params)).fetchall()
    return run


@pytest.fixture(scope="session")
def read_table() -> Callable[[Path, str], pd.DataFrame]:
    """Return a function that reads a whole warehouse table, ordered by its key, read-only."""
    def read(warehouse: Path, table: str) -> pd.DataFrame:
        order = ", ".join(identifier(c) for c in TABLES[table].key)
        with open_read_only(warehouse) as con:
            return con.execute(f"SELECT * FROM {identifier(table)} ORDER BY {order}").df()
    return read
