"""How the warehouse's schema is declared and checked: columns, tables, row rules and the validation of
every built or loaded frame (every problem at once, with file, row, column, value and fix).

The tables themselves are declared by each area (`budget/tables.py` …) and listed in `catalog.py`; the
warehouse's own bookkeeping tables (sources, load log) are declared here."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

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
    not_future: bool = False  # dates: not after today


@dataclass(frozen=True)
class RowRule:
    """A rule between columns of one row (e.g. women + men = total); rows with an empty operand are skipped."""

    column: str  # the column a problem is reported on
    columns: tuple[str, ...]  # every column the rule reads
    holds: Callable[[pd.DataFrame], pd.Series]
    message: str
    fix: str


@dataclass(frozen=True)
class Table:
    """One warehouse table, its natural key and its place in the public contract."""

    name: str
    description: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    group: str  # 'dimension', 'fact', 'geometry', 'provenance'
    rules: tuple[RowRule, ...] = ()

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]


def source_id_column() -> Column:
    return Column("source_id", "VARCHAR", "The source row this fact comes from.", references="source.source_id")


def load_id_column() -> Column:
    return Column("load_id", "VARCHAR", "The upload that brought this row (see load_log); empty for rows of the "
                  "warehouse build.", required=False)


def count_column(name: str, description: str) -> Column:
    return Column(name, "INTEGER", description, unit="persons", min=0)


def county_code_column(description: str = "KNBS county code, '001' Mombasa … '047' Nairobi.") -> Column:
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

LOAD_LOG = Table(
    "load_log",
    "Every upload: who loaded which file, when, how many rows, under which declared source; rolled-back loads "
    "stay in the log.",
    (
        Column("load_id", "VARCHAR", "Identifier of the load."),
        Column("kind", "VARCHAR", "Kind of data loaded (the schema table it went to)."),
        Column("table_name", "VARCHAR", "Warehouse table the rows went to."),
        Column("file_name", "VARCHAR", "Name of the uploaded file."),
        Column("file_sha256", "VARCHAR", "SHA-256 of the file's bytes: the same file loaded twice is recognised."),
        Column("row_count", "INTEGER", "Rows in the file.", min=0),
        Column("rows_added", "INTEGER", "Rows that were new.", min=0),
        Column("rows_replaced", "INTEGER", "Rows that replaced ones already in the warehouse.", min=0),
        Column("loaded_by", "VARCHAR", "Who loaded it."),
        Column("loaded_at", "TIMESTAMP", "When (UTC)."),
        Column("source_id", "VARCHAR", "The source the upload declared.", references="source.source_id"),
        Column("status", "VARCHAR", "loaded or rolled back.", allowed=("loaded", "rolled back")),
        Column("rolled_back_by", "VARCHAR", "Who rolled it back.", required=False),
        Column("rolled_back_at", "TIMESTAMP", "When it was rolled back (UTC).", required=False),
    ),
    key=("load_id",),
    group="provenance",
)

LOAD_REPLACED = Table(
    "load_replaced",
    "Rows a load replaced, kept so that rolling the load back restores them.",
    (
        Column("load_id", "VARCHAR", "The load that replaced the row."),
        Column("table_name", "VARCHAR", "Table of the row."),
        Column("row_key", "VARCHAR", "Natural key of the row, as JSON."),
        Column("row_json", "VARCHAR", "The replaced row, as JSON."),
    ),
    key=("load_id", "table_name", "row_key"),
    group="provenance",
)

def fiscal_year_column() -> Column:
    return Column("fiscal_year", "VARCHAR", "Kenyan fiscal year, July to June, e.g. '2023/24'.",
                  pattern=FISCAL_YEAR_PATTERN, pattern_hint="YYYY/YY, e.g. 2023/24")


def kes_column(name: str, description: str, required: bool = False) -> Column:
    return Column(name, "DOUBLE", description, unit="KES", min=0, required=required)


def at_most_rule(part: str, wholes: tuple[str, ...], message: str, fix: str) -> RowRule:
    """A part that cannot exceed the sum of its wholes (a shilling of rounding allowed)."""
    return RowRule(part, (part, *wholes), lambda f: f[part] <= sum(f[w] for w in wholes) + 1, message, fix)


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
                 "BOOLEAN": "boolean", "DATE": "datetime64[ns]", "TIMESTAMP": "datetime64[ns]"}
_TYPE_WORDS = {"DOUBLE": "a number", "BIGINT": "a whole number", "INTEGER": "a whole number",
               "BOOLEAN": "true or false", "DATE": "a date (YYYY-MM-DD)", "TIMESTAMP": "a date and time",
               "VARCHAR": "text"}
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
        elif col.type in ("DATE", "TIMESTAMP"):
            values = pd.to_datetime(text, errors="coerce", format="ISO8601")
            if col.type == "DATE":
                values = values.dt.normalize()
            bad = ~empty & values.isna()
            if col.not_future:
                future = values > pd.Timestamp(today())
                for idx in future[future.fillna(False)].index:
                    problems.append(Problem(file, int(idx) + first_row, col.name, str(raw[idx]),
                                            "the date is in the future.",
                                            "give the date the event happened; future events are not recorded."))
        else:
            values, bad = text.mask(empty), pd.Series(False, index=frame.index)
        for idx in bad[bad].index:
            problems.append(Problem(file, int(idx) + first_row, col.name, str(raw[idx]),
                                    f"the value is not {_TYPE_WORDS[col.type]}.",
                                    f"write {_TYPE_WORDS[col.type]} in this cell."))
        out[col.name] = values
    return out, problems


def today() -> date:
    """Return today's date (a function so that tests can fix it)."""
    return date.today()


def _rule_problems(table: Table, typed: pd.DataFrame, frame: pd.DataFrame, file: str, first_row: int,
                   reported: set) -> list[Problem]:
    problems = []
    for rule in table.rules:
        if not all(c in typed.columns for c in rule.columns):
            continue
        present = typed[list(rule.columns)].notna().all(axis=1)
        holds = rule.holds(typed[present]).astype("boolean").fillna(True)
        for idx in holds[~holds].index:
            row = int(idx) + first_row
            if (row, rule.column) in reported:
                continue
            values = ", ".join(f"{c}={frame.at[idx, c]}" for c in rule.columns)
            problems.append(Problem(file, row, rule.column, values, rule.message[0].upper() + rule.message[1:],
                                    rule.fix[0].upper() + rule.fix[1:]))
    return problems


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
    # The index is the row's offset from first_row (readers keep gaps for blank lines), so keep it.
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
    problems += _rule_problems(table, typed, frame, file, first_row, reported)
    if problems:
        problems.sort(key=lambda p: (p.row or 0, p.column))
        raise ValidationError(problems)
    return typed[[c.name for c in table.columns if c.name in typed.columns]]
