"""Runs the warehouse's SQL, one statement per file in sql/, with user values as bound parameters."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import duckdb
import pandas as pd

from jdp_analytics import schema
from jdp_analytics.paths import DEFAULT_WAREHOUSE

SQL_DIR = Path(__file__).parent / "sql"


@cache
def sql(name: str) -> str:
    """Return the text of sql/<name>.sql."""
    path = SQL_DIR / f"{name}.sql"
    if not path.is_file():
        raise KeyError(f"no query named {name!r} in {SQL_DIR}")
    return path.read_text(encoding="utf-8")


class Warehouse:
    """A read-only connection to the warehouse file; each query runs on its own cursor (thread-safe)."""

    def __init__(self, path: Path = DEFAULT_WAREHOUSE):
        self.path = Path(path)
        self._con = duckdb.connect(str(self.path), read_only=True)

    def query(self, name: str, **params) -> pd.DataFrame:
        """Run sql/<name>.sql with named parameters ($name in the SQL) and return a DataFrame."""
        cursor = self._con.cursor()
        try:
            return cursor.execute(sql(name), params or None).df()
        finally:
            cursor.close()

    def table(self, name: str) -> pd.DataFrame:
        """Return a whole warehouse table; the name must be one the schema knows."""
        cursor = self._con.cursor()
        try:
            return cursor.execute(f"SELECT * FROM {schema.identifier(name)}").df()
        finally:
            cursor.close()

    def has_rows(self, table: str) -> bool:
        """Return True when a schema table holds at least one row."""
        cursor = self._con.cursor()
        try:
            return cursor.execute(f"SELECT count(*) FROM {schema.identifier(table)}").fetchone()[0] > 0
        finally:
            cursor.close()

    def close(self) -> None:
        self._con.close()
