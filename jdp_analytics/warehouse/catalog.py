"""The one schema of the warehouse: every area's tables, in DDL order.

Each outcome area declares its tables beside the code that uses them (`budget/tables.py`, `participation/tables.py` …)
and plugs them in through its `area.py`; the registry (`registry.py`) lists the areas once, and the warehouse DDL, its
version, upload validation and the data dictionary are all generated from that list."""

from __future__ import annotations

import re

import pandas as pd

from jdp_analytics.common.i18n import N_, _
from jdp_analytics.warehouse import registry
from jdp_analytics.warehouse.schema import SOURCE, Table

TABLES: dict[str, Table] = {t.name: t for t in registry.tables()}

# Each table as a reader names it (Data quality, Data & sources): the identifier is for the SQL and the editors.
TITLES = registry.titles()


def title(name: str) -> str:
    """Return a table's name in a reader's words, in the current language ('Budget execution')."""
    return _(TITLES[name]) if name in TITLES else name


def ddl() -> list[str]:
    """Return the CREATE TABLE statements of the warehouse, in dependency order: the same for a DuckDB file and a
    DuckLake.

    No PRIMARY KEY clause: a table's key is kept unique by the loader (a file's rows are checked against each other
    and, under the load lock, against the stored rows) and by the build, which checks every key before it writes
    (`repeated_keys`). DuckLake has no such constraint, and in a DuckDB file the index behind it made a
    million-line load 0.6 s slower and needs memory for every key (DuckDB's guide: indexes slow down loading).
    """
    statements = []
    for table in TABLES.values():
        cols = [f"{c.name} {c.type}{' NOT NULL' if c.required else ''}" for c in table.columns]
        statements.append(f"CREATE TABLE {table.name} (\n  " + ",\n  ".join(cols) + "\n)")
    statements.append("CREATE TABLE build_info (key VARCHAR, value VARCHAR)")
    return statements


def repeated_keys(con) -> dict[str, int]:
    """Return, for each table holding a key more than once, how many rows repeat a key."""
    found = {}
    for table in TABLES.values():
        key = ", ".join(identifier(k) for k in table.key)
        # a grouping, which DuckDB spills to disk within its memory limit (count(DISTINCT …) of 10 M keys held
        # every key in memory: 3.1 GB for the national generator)
        extra = con.execute(f"SELECT coalesce(sum(n - 1), 0) FROM (SELECT count(*) AS n FROM {table.name} "
                            f"GROUP BY {key} HAVING count(*) > 1)").fetchall()[0][0]
        if extra:
            found[table.name] = int(extra)
    return found


def version() -> str:
    """Return a short fingerprint of the DDL and the roll-ups; a warehouse built from another schema is upgraded on
    open (which also recomputes the roll-ups)."""
    import hashlib

    from jdp_analytics.warehouse import rollups

    return hashlib.sha256("\n".join([*ddl(), *rollups.ROLLUPS.values()]).encode()).hexdigest()[:12]


# The schema, in every connection that reads the warehouse, under which each table holds its real rows only: those
# whose source is not generated (source.is_demo false). The app reads here unless a viewer asks for demonstration
# data, so no generated row reaches a page, a ranking over counties, a download or a document by default.
REAL_SCHEMA = "real_only"
# Tables read whole in either mode: the record of loads is about files, not figures (and shown to editors only).
UNFILTERED = ("load_log", "load_replaced", "build_info")


def real_views(con, database: str) -> None:
    """Create, in the connection's in-memory database, a view of each table `database` holds under REAL_SCHEMA: its
    rows from real sources only, or every row for a table without a source_id (counties, wards, build_info…) and the
    record of loads. `database` is the connection's alias of the warehouse, never a user's text; table names come
    from the warehouse's own catalogue and are checked against the schema's."""
    from jdp_analytics.warehouse import rollups

    if not re.fullmatch(r"[a-z_]+", database):
        raise ValueError(f"{database!r} is not a database alias")
    known = {*TABLES, *rollups.ROLLUPS, "build_info"}
    sourced = {name for (name,) in con.execute(
        "SELECT table_name FROM duckdb_columns() WHERE database_name = ? AND column_name = 'source_id'",
        [database]).fetchall()}
    present = [name for (name,) in con.execute(
        "SELECT table_name FROM duckdb_tables() WHERE database_name = ? AND schema_name = 'main' ORDER BY table_name",
        [database]).fetchall() if name in known]
    con.execute(f"CREATE SCHEMA IF NOT EXISTS memory.{REAL_SCHEMA}")
    real_sources = f"SELECT source_id FROM {database}.main.source WHERE NOT is_demo"
    for name in present:
        table = f"{database}.main.{name}"
        if name == SOURCE.name:
            select = f"SELECT * FROM {table} WHERE NOT is_demo"
        elif name in sourced and name not in UNFILTERED:
            select = f"SELECT * FROM {table} WHERE source_id IN ({real_sources})"
        else:
            select = f"SELECT * FROM {table}"
        con.execute(f"CREATE OR REPLACE VIEW memory.{REAL_SCHEMA}.{name} AS {select}")


# Units of the schema that are words, marked for the catalog (symbols such as KES, km² and % have no entry, so they
# read the same in every language); every unit is shown as _(unit).
UNIT_WORDS = {N_("persons"), N_("households"), N_("days"), N_("proposals"), N_("cases"), N_("forums"), N_("systems"),
              N_("degrees"), N_("score")}


def dictionary() -> pd.DataFrame:
    """Return the data dictionary: one row per table column with type, unit, rules and meaning, in the current
    language (table and column names, types and unit symbols such as KES are identifiers and stay as they are; a
    unit that is a word, 'persons', is translated)."""
    rows = []
    for table in TABLES.values():
        for c in table.columns:
            rules = []
            if c.required:
                rules.append(_("required"))
            if c.name in table.key:
                rules.append(_("key"))
            if c.min is not None:
                rules.append(_("≥ {min}").format(min=f"{c.min:g}"))
            if c.max is not None:
                rules.append(_("≤ {max}").format(max=f"{c.max:,.15g}" if c.max_reason else f"{c.max:g}"))
            if c.allowed:
                rules.append(_("one of {values}").format(values=", ".join(c.allowed)))
            if c.pattern_hint:
                rules.append(_(c.pattern_hint))
            if c.references:
                rules.append(_("must exist in {column}").format(column=c.references))
            rows.append({"table": table.name, "column": c.name, "type": c.type,
                         "unit": _(c.unit) if c.unit else "",  # a symbol (KES) has no entry: it stays
                         "rules": "; ".join(rules), "description": _(c.description)})
    return pd.DataFrame(rows)


DICTIONARY_HEADERS = {"column": N_("column"), "type": N_("type"), "unit": N_("unit"), "rules": N_("rules"),
                      "description": N_("description")}  # shown as _(header)


def known_values(frames: dict[str, pd.DataFrame]) -> dict[str, set[str]]:
    """Return the values each referenced 'table.column' holds in the given frames."""
    known = {}
    for table in TABLES.values():
        for col in table.columns:
            if col.references:
                ref_table, ref_col = col.references.split(".")
                if ref_table in frames:
                    known[col.references] = set(frames[ref_table][ref_col].astype(str))
    return known


def sourced_tables() -> list[str]:
    """Return the tables whose rows cite a source (a source_id column), in DDL order."""
    return [name for name, table in TABLES.items() if name != SOURCE.name and any(
        c.name == "source_id" for c in table.columns)]


def source_rows_sql() -> str:
    """Return a UNION ALL of (table_name, source_id) over every sourced table: what sql/ files include as
    /*SOURCE_ROWS*/, so that a table added to TABLES is counted without editing the query."""
    return "\n    union all ".join(f"select '{identifier(name)}' as table_name, source_id from {identifier(name)}"
                                    for name in sourced_tables())


def source_rows_by_county_sql() -> str:
    """Return a UNION ALL of (table_name, county_code, source_id) over every sourced table, county_code NULL where a
    table has none (the programme's results framework): what sql/ files include as /*SOURCE_ROWS_BY_COUNTY*/."""
    def county(name: str) -> str:
        return "county_code" if any(c.name == "county_code" for c in TABLES[name].columns) else "NULL::VARCHAR"
    return "\n    union all ".join(f"select '{identifier(name)}' as table_name, {county(name)} as county_code, "
                                    f"source_id from {identifier(name)}" for name in sourced_tables())


def identifier(name: str) -> str:
    """Return a table or column name known to the schema, refusing anything else (for SQL identifiers)."""
    known = set(TABLES) | {c.name for t in TABLES.values() for c in t.columns}
    if name not in known or not re.fullmatch(r"[a-z_0-9]+", name):
        raise ValueError(f"{name!r} is not a table or column of the warehouse schema.")
    return name
