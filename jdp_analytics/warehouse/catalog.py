"""The one schema of the warehouse: every area's tables, registered here in DDL order.

Each outcome area declares its tables beside the code that uses them (`budget/tables.py`, `participation/tables.py` …);
this module lists them once, and the warehouse DDL, its version, upload validation and the data dictionary
are all generated from that list."""

from __future__ import annotations

import re

import pandas as pd

from jdp_analytics.budget.tables import (
    FACT_BUDGET_EXECUTION,
    FACT_BUDGET_ITEM,
    FACT_BUDGET_LINE,
    FACT_COUNTY_FISCAL,
)
from jdp_analytics.common.i18n import N_, _
from jdp_analytics.geography.tables import (
    DIM_CONSTITUENCY,
    DIM_COUNTY,
    DIM_FACILITY,
    DIM_SUBCOUNTY_POPULATION,
    DIM_WARD,
    FACT_COUNTY_POPULATION_GROUP,
    GEO_COUNTY,
    GEO_COUNTY_BOUNDARY,
    GEO_WARD,
    GEO_WARD_BOUNDARY,
)
from jdp_analytics.participation.tables import (
    FACT_BUDGET_DOCUMENT,
    FACT_BUDGET_TRANSPARENCY_SCORE,
    FACT_FACILITY_FEEDBACK,
    FACT_PARTICIPATION_EVENT,
)
from jdp_analytics.proposals.tables import FACT_PROPOSAL, FACT_PROPOSAL_LINK, FACT_WARD_PROJECT
from jdp_analytics.results.tables import (
    DIM_RESULT,
    DIM_RESULT_INDICATOR,
    FACT_PROGRAMME_FINANCE,
    FACT_RESULT_ACTUAL,
    FACT_RESULT_TARGET,
    FACT_TA_CONTRACT,
)
from jdp_analytics.sdg.tables import DIM_INDICATOR, FACT_INDICATOR, FACT_INDICATOR_OBSERVATION, FACT_INDICATOR_TARGET
from jdp_analytics.warehouse.schema import LOAD_LOG, LOAD_REPLACED, SOURCE, Table

TABLES: dict[str, Table] = {
    t.name: t
    for t in (SOURCE, DIM_COUNTY, DIM_CONSTITUENCY, DIM_WARD, DIM_SUBCOUNTY_POPULATION, DIM_INDICATOR,
              FACT_BUDGET_EXECUTION, FACT_INDICATOR, FACT_COUNTY_POPULATION_GROUP, FACT_BUDGET_TRANSPARENCY_SCORE,
              FACT_PARTICIPATION_EVENT, FACT_FACILITY_FEEDBACK, FACT_BUDGET_DOCUMENT, GEO_COUNTY, GEO_WARD, LOAD_LOG,
              LOAD_REPLACED, FACT_BUDGET_LINE, FACT_COUNTY_FISCAL, FACT_INDICATOR_OBSERVATION, FACT_INDICATOR_TARGET,
              DIM_RESULT, DIM_RESULT_INDICATOR, FACT_RESULT_TARGET, FACT_RESULT_ACTUAL, FACT_PROGRAMME_FINANCE,
              FACT_TA_CONTRACT, FACT_BUDGET_ITEM, FACT_PROPOSAL, FACT_WARD_PROJECT, FACT_PROPOSAL_LINK,
              GEO_WARD_BOUNDARY, GEO_COUNTY_BOUNDARY, DIM_FACILITY)
}


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
        extra = con.execute(f"SELECT count(*) - count(DISTINCT ({key})) FROM {table.name}").fetchall()[0][0]
        if extra:
            found[table.name] = int(extra)
    return found


def version() -> str:
    """Return a short fingerprint of the DDL; a warehouse built from another schema is upgraded on open."""
    import hashlib

    return hashlib.sha256("\n".join(ddl()).encode()).hexdigest()[:12]


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
                rules.append(_("≤ {max}").format(max=f"{c.max:g}"))
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


def identifier(name: str) -> str:
    """Return a table or column name known to the schema, refusing anything else (for SQL identifiers)."""
    known = set(TABLES) | {c.name for t in TABLES.values() for c in t.columns}
    if name not in known or not re.fullmatch(r"[a-z_0-9]+", name):
        raise ValueError(f"{name!r} is not a table or column of the warehouse schema.")
    return name
