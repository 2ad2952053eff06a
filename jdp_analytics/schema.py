"""The one schema of the warehouse.

Each table lists its columns with type, unit, description and rules. The warehouse DDL
(`ddl`), the validation of every loaded file (`validate`) and the data dictionary page
(`dictionary`) are all generated from `TABLES`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pandera.pandas as pa

FISCAL_YEAR_PATTERN = r"^20\d\d/\d\d$"  # '2023/24': July 2023 to June 2024
COUNTY_CODE_PATTERN = r"^(0[0-3]\d|04[0-7])$"


@dataclass(frozen=True)
class Column:
    """One column: its DuckDB type, meaning, unit and the rules every loaded value must meet."""

    name: str
    type: str
    description: str
    unit: str = ""
    required: bool = True
    min: float | None = None
    max: float | None = None
    allowed: tuple[str, ...] | None = None
    pattern: str | None = None
    pattern_hint: str = ""
    references: str | None = None  # "table.column" that must hold the value


@dataclass(frozen=True)
class Table:
    """One warehouse table, its natural key and its place in the public contract."""

    name: str
    description: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    group: str  # 'dimension', 'fact', 'geometry', 'provenance'

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]


def _source_id() -> Column:
    return Column("source_id", "VARCHAR", "The source row this fact comes from.", references="source.source_id")


def _county_code(description: str = "KNBS county code, '001' Mombasa … '047' Nairobi.") -> Column:
    return Column("county_code", "VARCHAR", description, pattern=COUNTY_CODE_PATTERN,
                  pattern_hint="a three-digit KNBS code from 001 to 047, e.g. 043 for Homa Bay",
                  references="dim_county.county_code")


SOURCE = Table(
    "source",
    "Where every figure comes from: publisher, title, address, licence and as-of date. "
    "`is_demo` marks generated demonstration data, which is never real.",
    (
        Column("source_id", "VARCHAR", "Short stable identifier of the source.", pattern=r"^[a-z0-9_]+$",
               pattern_hint="lower-case letters, digits and underscores"),
        Column("publisher", "VARCHAR", "Organisation that published the figures."),
        Column("title", "VARCHAR", "Title of the publication or dataset."),
        Column("url", "VARCHAR", "Address or reference of the publication.", required=False),
        Column("licence", "VARCHAR", "Licence or terms of use as stated."),
        Column("as_of", "DATE", "Date the figures describe (end of period) or were published."),
        Column("is_demo", "BOOLEAN", "True for generated demonstration data, never for real figures."),
        Column("notes", "VARCHAR", "How the figures reached the project, and caveats.", required=False),
        Column("file_sha256", "VARCHAR", "SHA-256 of the published file the figures were read from.",
               required=False),
    ),
    key=("source_id",),
    group="provenance",
)

DIM_COUNTY = Table(
    "dim_county",
    "The 47 counties with their 2019 census population and land area.",
    (
        _county_code(),
        Column("county_name", "VARCHAR", "County name in the project's spelling (OCHA COD-AB)."),
        Column("is_jdp_target", "BOOLEAN", "True for the eight Joint Devolution Programme target counties."),
        Column("population_2019", "BIGINT", "Population, 2019 census (KNBS KPHC Vol. I, Table 2.2).",
               unit="persons", min=0),
        Column("population_male_2019", "BIGINT", "Male population, 2019 census.", unit="persons", min=0),
        Column("population_female_2019", "BIGINT", "Female population, 2019 census.", unit="persons", min=0),
        Column("population_intersex_2019", "BIGINT", "Intersex population, 2019 census.", unit="persons", min=0),
        Column("households_2019", "BIGINT", "Households, 2019 census (KPHC Vol. II, Table 2.2).",
               unit="households", min=0, required=False),
        Column("area_km2", "DOUBLE", "Land area (KPHC Vol. II, Table 2.2).", unit="km²", min=0),
        _source_id(),
    ),
    key=("county_code",),
    group="dimension",
)

DIM_CONSTITUENCY = Table(
    "dim_constituency",
    "The 290 constituencies (IEBC), each in its county.",
    (
        Column("constituency_code", "VARCHAR", "Code of the constituency: KE + county + number, e.g. KE043245.",
               pattern=r"^KE\d{6}$", pattern_hint="KE followed by six digits"),
        Column("constituency_name", "VARCHAR", "Constituency name."),
        _county_code(),
        _source_id(),
    ),
    key=("constituency_code",),
    group="dimension",
)

DIM_WARD = Table(
    "dim_ward",
    "The 1,450 county assembly wards (IEBC 2012 hierarchy, codes of the kenya-data package).",
    (
        Column("ward_code", "VARCHAR", "Ward code of the kenya-data package, KEW-0001 … KEW-1450.",
               pattern=r"^KEW-\d{4}$", pattern_hint="KEW- followed by four digits"),
        Column("ward_name", "VARCHAR", "Ward name."),
        Column("constituency_code", "VARCHAR", "Constituency the ward belongs to.",
               references="dim_constituency.constituency_code"),
        _county_code(),
        _source_id(),
    ),
    key=("ward_code",),
    group="dimension",
)

FACT_BUDGET_EXECUTION = Table(
    "fact_budget_execution",
    "County budget and expenditure per fiscal year, as published by the Controller of Budget in its "
    "annual County Governments Budget Implementation Review Report (CBIRR).",
    (
        _county_code(),
        Column("fiscal_year", "VARCHAR", "Kenyan fiscal year, July to June, e.g. '2023/24'.",
               pattern=FISCAL_YEAR_PATTERN, pattern_hint="YYYY/YY, e.g. 2023/24"),
        Column("budget_kes", "DOUBLE", "Approved (supplementary) total budget.", unit="KES", min=0),
        Column("expenditure_kes", "DOUBLE", "Total expenditure in the year.", unit="KES", min=0),
        Column("absorption_pct", "DOUBLE", "Overall absorption: expenditure as % of budget.", unit="%",
               min=0, max=150),
        Column("development_absorption_pct", "DOUBLE", "Development expenditure as % of development budget.",
               unit="%", min=0, max=150, required=False),
        Column("rate_method", "VARCHAR", "How the rates were obtained (printed table, annex, or derived).",
               required=False),
        Column("flag", "VARCHAR", "Set when a value is suspect; flagged values are shown as such, "
               "never plotted as if right.", required=False),
        Column("source_page", "INTEGER", "Page of the CBIRR the row was read from.", required=False, min=1),
        _source_id(),
    ),
    key=("county_code", "fiscal_year"),
    group="fact",
)

DIM_INDICATOR = Table(
    "dim_indicator",
    "Indicators the warehouse holds values for, with unit and population.",
    (
        Column("indicator_code", "VARCHAR", "Indicator code (DHS indicator id, SDG code or project code)."),
        Column("indicator_name", "VARCHAR", "Indicator name."),
        Column("unit", "VARCHAR", "Unit of the values.", allowed=("percent", "number", "rate", "score", "KES")),
        Column("population", "VARCHAR", "Who the indicator describes.", required=False),
        Column("topic", "VARCHAR", "Topic group, e.g. maternal, immunisation, nutrition.", required=False),
        Column("higher_is_better", "BOOLEAN", "True when a higher value is the better outcome.", required=False),
        _source_id(),
    ),
    key=("indicator_code",),
    group="dimension",
)

FACT_INDICATOR = Table(
    "fact_indicator",
    "Indicator values per county and period.",
    (
        Column("indicator_code", "VARCHAR", "Indicator the value belongs to.",
               references="dim_indicator.indicator_code"),
        _county_code(),
        Column("period", "VARCHAR", "Year or period the value describes, e.g. '2022'."),
        Column("value", "DOUBLE", "The value, in the indicator's unit."),
        Column("sample_n", "INTEGER", "Unweighted sample size behind a survey value.", required=False, min=0),
        _source_id(),
    ),
    key=("indicator_code", "county_code", "period"),
    group="fact",
)

GEO_COUNTY = Table(
    "geo_county",
    "Simplified county boundaries (GeoJSON geometry, WGS84) for maps.",
    (
        _county_code(),
        Column("geometry_geojson", "VARCHAR", "GeoJSON geometry of the county, simplified."),
        _source_id(),
    ),
    key=("county_code",),
    group="geometry",
)

GEO_WARD = Table(
    "geo_ward",
    "Simplified ward boundaries (GeoJSON geometry, WGS84); present only when built with --sources.",
    (
        Column("ward_code", "VARCHAR", "Ward the geometry belongs to.", references="dim_ward.ward_code"),
        Column("geometry_geojson", "VARCHAR", "GeoJSON geometry of the ward, simplified."),
        _source_id(),
    ),
    key=("ward_code",),
    group="geometry",
)

TABLES: dict[str, Table] = {
    t.name: t
    for t in (SOURCE, DIM_COUNTY, DIM_CONSTITUENCY, DIM_WARD, DIM_INDICATOR, FACT_BUDGET_EXECUTION,
              FACT_INDICATOR, GEO_COUNTY, GEO_WARD)
}


def ddl() -> list[str]:
    """Return the CREATE TABLE statements of the warehouse, in dependency order."""
    statements = []
    for table in TABLES.values():
        cols = [f"{c.name} {c.type}{' NOT NULL' if c.required else ''}" for c in table.columns]
        cols.append(f"PRIMARY KEY ({', '.join(table.key)})")
        statements.append(f"CREATE TABLE {table.name} (\n  " + ",\n  ".join(cols) + "\n)")
    statements.append("CREATE TABLE build_info (key VARCHAR PRIMARY KEY, value VARCHAR)")
    return statements


def dictionary() -> pd.DataFrame:
    """Return the data dictionary: one row per table column with type, unit, rules and meaning."""
    rows = []
    for table in TABLES.values():
        for c in table.columns:
            rules = []
            if c.required:
                rules.append("required")
            if c.name in table.key:
                rules.append("key")
            if c.min is not None:
                rules.append(f"≥ {c.min:g}")
            if c.max is not None:
                rules.append(f"≤ {c.max:g}")
            if c.allowed:
                rules.append("one of " + ", ".join(c.allowed))
            if c.pattern_hint:
                rules.append(c.pattern_hint)
            if c.references:
                rules.append(f"must exist in {c.references}")
            rows.append({"table": table.name, "column": c.name, "type": c.type, "unit": c.unit,
                         "rules": "; ".join(rules), "description": c.description})
    return pd.DataFrame(rows)


@dataclass(frozen=True)
class Problem:
    """One problem found in a file: where it is, what is wrong and how to fix it."""

    file: str
    row: int | None  # 1-based line of the file, header = 1; None for the whole file
    column: str
    value: str
    message: str
    fix: str

    def __str__(self) -> str:
        where = f"{self.file}, row {self.row}" if self.row else self.file
        return f"{where}, column {self.column!r}, value {self.value!r}: {self.message} Fix: {self.fix}"


class ValidationError(ValueError):
    """Raised when a file breaks the schema; lists every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        shown = "; ".join(str(p) for p in problems[:5])
        more = f" (and {len(problems) - 5} more problems)" if len(problems) > 5 else ""
        super().__init__(shown + more)


_PANDAS_TYPES = {"VARCHAR": "string", "DOUBLE": "float64", "BIGINT": "Int64", "INTEGER": "Int64",
                 "BOOLEAN": "boolean", "DATE": "datetime64[ns]"}
_TYPE_WORDS = {"DOUBLE": "a number", "BIGINT": "a whole number", "INTEGER": "a whole number",
               "BOOLEAN": "true or false", "DATE": "a date (YYYY-MM-DD)", "VARCHAR": "text"}
_TRUE = {"true", "yes", "y", "1", "t"}
_FALSE = {"false", "no", "n", "0", "f"}


def _checks(col: Column, known: dict[str, set[str]]) -> list[pa.Check]:
    """Return pandera checks whose error text is 'message|fix' for the user."""
    checks = []
    if col.min is not None:
        checks.append(pa.Check.ge(col.min, error=f"the value is below {col.min:g}.|"
                                                 f"enter a value of {col.min:g} or more."))
    if col.max is not None:
        checks.append(pa.Check.le(col.max, error=f"the value is above {col.max:g}.|"
                                                 f"enter a value of {col.max:g} or less."))
    if col.allowed:
        checks.append(pa.Check.isin(col.allowed, error="the value is not an allowed one.|"
                                                       f"use one of: {', '.join(col.allowed)}."))
    if col.pattern:
        checks.append(pa.Check.str_matches(col.pattern, error="the value has the wrong format.|"
                                                              f"write {col.pattern_hint}."))
    if col.references and col.references in known:
        checks.append(pa.Check.isin(sorted(known[col.references]),
                                    error=f"the value is not in {col.references}.|"
                                          f"use a value that exists in {col.references}."))
    return checks


def _coerce(table: Table, frame: pd.DataFrame, file: str, first_row: int) -> tuple[pd.DataFrame, list[Problem]]:
    """Convert every column to its schema type, reporting each value that does not convert."""
    out, problems = pd.DataFrame(index=frame.index), []
    for col in table.columns:
        if col.name not in frame.columns:
            continue
        raw = frame[col.name]
        text = raw.astype("string").str.strip()
        empty = text.isna() | (text == "")
        if col.type in ("DOUBLE", "BIGINT", "INTEGER"):
            values = pd.to_numeric(text.str.replace(",", "", regex=False), errors="coerce")
            values = values.where(np.isfinite(values.astype("float64")))  # 'inf' is not a usable figure
            bad = ~empty & values.isna()
            if col.type != "DOUBLE":
                fractional = values.notna() & (values % 1 != 0)
                bad |= fractional
                values = values.where(~fractional).astype("Int64")
            else:
                values = values.astype("float64")
        elif col.type == "BOOLEAN":
            lowered = text.str.lower()
            values = pd.Series(pd.NA, index=frame.index, dtype="boolean")
            values[lowered.isin(_TRUE).fillna(False)] = True
            values[lowered.isin(_FALSE).fillna(False)] = False
            bad = ~empty & values.isna()
        elif col.type == "DATE":
            values = pd.to_datetime(text, errors="coerce", format="ISO8601")
            bad = ~empty & values.isna()
        else:
            values, bad = text.mask(empty), pd.Series(False, index=frame.index)
        for idx in bad[bad].index:
            problems.append(Problem(file, int(idx) + first_row, col.name, str(raw[idx]),
                                    f"the value is not {_TYPE_WORDS[col.type]}.",
                                    f"write {_TYPE_WORDS[col.type]} in this cell."))
        out[col.name] = values
    return out, problems


def validate(table: Table, frame: pd.DataFrame, file: str, known: dict[str, set[str]] | None = None,
             first_row: int = 2) -> pd.DataFrame:
    """Check a frame against a table's rules and return it with schema types.

    Raises ValidationError listing every problem at once; row numbers are the file's lines
    (the header is row 1, so the first data row is `first_row`). `known` maps "table.column"
    to the values that a column with that reference must take.
    """
    missing = [c.name for c in table.columns if c.required and c.name not in frame.columns]
    if missing:
        raise ValidationError([Problem(file, 1, name, "", "the column is missing.",
                                       f"add a column headed {name!r} (see the data dictionary).")
                               for name in missing])
    frame = frame.reset_index(drop=True)
    typed, problems = _coerce(table, frame, file, first_row)
    reported = {(p.row, p.column) for p in problems}
    schema = pa.DataFrameSchema(
        {c.name: pa.Column(_PANDAS_TYPES[c.type], checks=_checks(c, known or {}), nullable=not c.required,
                           required=False) for c in table.columns},
        unique=list(table.key), report_duplicates="all")
    try:
        schema.validate(typed, lazy=True)
    except pa.errors.SchemaErrors as err:
        key_label = ", ".join(table.key)
        for case in err.failure_cases.itertuples(index=False):
            row = None if case.index is None or pd.isna(case.index) else int(case.index) + first_row
            check = str(case.check)
            if "uniqueness" in check or "unique" in check:
                column, value = key_label, " / ".join(str(frame.at[row - first_row, k]) for k in table.key)
                message, fix = "the same key appears on more than one row.", "keep one row per key."
            elif check == "not_nullable":
                column, value = case.column, ""
                message, fix = "the value is empty.", "fill in a value; this column is required."
            elif "|" in check:
                column, value = case.column, str(frame.at[row - first_row, case.column])
                message, fix = check.split("|", 1)
            else:
                continue  # dtype checks: the conversion above already reported the value
            if (row, column) not in reported:
                reported.add((row, column))
                problems.append(Problem(file, row, column, value, message, fix))
    if problems:
        problems.sort(key=lambda p: (p.row or 0, p.column))
        raise ValidationError(problems)
    return typed[[c.name for c in table.columns if c.name in typed.columns]]


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


def identifier(name: str) -> str:
    """Return a table or column name known to the schema, refusing anything else (for SQL identifiers)."""
    known = set(TABLES) | {c.name for t in TABLES.values() for c in t.columns}
    if name not in known or not re.fullmatch(r"[a-z_0-9]+", name):
        raise ValueError(f"{name!r} is not a table or column of the warehouse schema.")
    return name
