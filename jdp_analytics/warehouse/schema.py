"""How the warehouse's schema is declared and checked: columns, tables, row rules and the validation of
every built or loaded frame (every problem at once, with file, row, column, value and fix).

The tables themselves are declared by each area (`budget/tables.py` …) and listed in `catalog.py`; the
warehouse's own bookkeeping tables (sources, load log) are declared here."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from jdp_analytics.common.i18n import N_, _

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
    max_reason: str = ""  # why `max` is the ceiling, shown with it (the bound is then written in full, with commas)


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
    private: bool = False  # names who loaded what: shown and downloadable to editors and admins only

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]


def source_id_column() -> Column:
    return Column("source_id", "VARCHAR", N_("The source row this fact comes from."), references="source.source_id")


def load_id_column() -> Column:
    return Column("load_id", "VARCHAR", N_("The upload that brought this row (see load_log); empty for rows of the "
                  "warehouse build."), required=False)


def count_column(name: str, description: str) -> Column:
    return Column(name, "INTEGER", description, unit="persons", min=0)


def county_code_column(description: str = N_("KNBS county code, '001' Mombasa … '047' Nairobi.")) -> Column:
    return Column("county_code", "VARCHAR", description, pattern=COUNTY_CODE_PATTERN,
                  pattern_hint=N_("a three-digit KNBS code from 001 to 047, e.g. 043 for Homa Bay"),
                  references="dim_county.county_code")


SOURCE = Table(
    "source",
    N_("Where every figure comes from: publisher, title, address, licence and as-of date. "
    "`is_demo` marks generated demonstration data, which is never real."),
    (
        Column("source_id", "VARCHAR", N_("Short stable identifier of the source."), pattern=r"^[a-z0-9_]+$",
               pattern_hint=N_("lower-case letters, digits and underscores")),
        Column("publisher", "VARCHAR", N_("Organisation that published the figures.")),
        Column("title", "VARCHAR", N_("Title of the publication or dataset.")),
        Column("url", "VARCHAR", N_("Address or reference of the publication."), required=False),
        Column("licence", "VARCHAR", N_("Licence or terms of use as stated.")),
        Column("as_of", "DATE", N_("Date the figures describe (end of period) or were published.")),
        Column("is_demo", "BOOLEAN", N_("True for generated demonstration data, never for real figures.")),
        Column("notes", "VARCHAR", N_("How the figures reached the project, and caveats."), required=False),
        Column("file_sha256", "VARCHAR", N_("SHA-256 of the published file the figures were read from."),
               required=False),
    ),
    key=("source_id",),
    group="provenance",
)

LOAD_LOG = Table(
    "load_log",
    N_("Every upload: who loaded which file, when, how many rows, under which declared source; rolled-back loads "
    "stay in the log."),
    (
        Column("load_id", "VARCHAR", N_("Identifier of the load.")),
        Column("kind", "VARCHAR", N_("Kind of data loaded (the schema table it went to).")),
        Column("table_name", "VARCHAR", N_("Warehouse table the rows went to.")),
        Column("file_name", "VARCHAR", N_("Name of the uploaded file.")),
        Column("file_sha256", "VARCHAR", N_("SHA-256 of the file's bytes: the same file loaded twice is recognised.")),
        Column("row_count", "INTEGER", N_("Rows in the file."), min=0),
        Column("rows_added", "INTEGER", N_("Rows that were new."), min=0),
        Column("rows_replaced", "INTEGER", N_("Rows that replaced ones already in the warehouse."), min=0),
        Column("loaded_by", "VARCHAR", N_("Who loaded it.")),
        Column("loaded_at", "TIMESTAMP", N_("When (UTC).")),
        Column("source_id", "VARCHAR", N_("The source the upload declared."), references="source.source_id"),
        Column("status", "VARCHAR", N_("loaded or rolled back."), allowed=("loaded", "rolled back")),
        Column("rolled_back_by", "VARCHAR", N_("Who rolled it back."), required=False),
        Column("rolled_back_at", "TIMESTAMP", N_("When it was rolled back (UTC)."), required=False),
        Column("ignored_columns", "VARCHAR", N_("Columns of the file the loader chose to leave out (--ignore-column)."),
               required=False),
    ),
    key=("load_id",),
    group="provenance",
    private=True,
)

LOAD_REPLACED = Table(
    "load_replaced",
    N_("Rows a load replaced, kept so that rolling the load back restores them."),
    (
        Column("load_id", "VARCHAR", N_("The load that replaced the row.")),
        Column("table_name", "VARCHAR", N_("Table of the row.")),
        Column("row_key", "VARCHAR", N_("Natural key of the row, as JSON.")),
        Column("row_json", "VARCHAR", N_("The replaced row, as JSON.")),
    ),
    key=("load_id", "table_name", "row_key"),
    group="provenance",
    private=True,  # the rows a load replaced, read with the log, tell who loaded what
)

def fiscal_year_column() -> Column:
    return Column("fiscal_year", "VARCHAR", N_("Kenyan fiscal year, July to June, e.g. '2023/24'."),
                  pattern=FISCAL_YEAR_PATTERN, pattern_hint=N_("YYYY/YY, e.g. 2023/24"))


# No single amount a county publishes comes near a trillion shillings: the 47 counties' equitable share together is
# under KES 400 bn a year (Division of Revenue Act 2024) and Nairobi's whole budget, the largest, under KES 50 bn. A
# larger amount is a typing or unit error (KES 1e20 of spending was once accepted).
KES_CEILING = 1e12
KES_CEILING_REASON = N_("no amount of a county comes near that: all 47 counties together receive less than KES 400 "
                        "billion a year")


def kes_column(name: str, description: str, required: bool = False) -> Column:
    return Column(name, "DOUBLE", description, unit="KES", min=0, required=required, max=KES_CEILING,
                  max_reason=KES_CEILING_REASON)


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
    rule: str = ""  # what the problem counts as in a summary, when the message names a particular row

    def __str__(self) -> str:
        where = f"{self.file}, row {self.row}" if self.row else self.file
        return f"{where}, column {self.column!r}, value {self.value!r}: {self.message} Fix: {self.fix}"


SHOWN_PROBLEMS = 1000  # problems listed in full; the rest are counted per column and rule
MAX_PROBLEMS = 10_000  # validation stops after this many problems (a file this wrong is of another kind or broken)


class ValidationError(ValueError):
    """Raised when a file breaks the schema: the problems found (the first SHOWN_PROBLEMS are listed in full, the
    rest counted per column and rule), and whether checking stopped early at the problem limit."""

    def __init__(self, problems: list[Problem], overflow: Counter | None = None, stopped: bool = False):
        self.problems = problems  # every problem kept, in the order the raiser sorted them
        self.overflow = Counter(overflow or {})  # (column, message) -> problems found but not kept
        self.stopped = stopped
        shown = "; ".join(str(p) for p in problems[:5])
        more = f" (and {self.total - min(5, len(problems)):,} more problems)" if self.total > 5 else ""
        super().__init__(shown + more)

    @property
    def total(self) -> int:
        return len(self.problems) + sum(self.overflow.values())

    @property
    def shown(self) -> list[Problem]:
        """The problems listed in full."""
        return self.problems[:SHOWN_PROBLEMS]

    def summary(self) -> list[tuple[str, str, int]]:
        """Return (column, problem, count) for every problem not listed in full, most frequent first."""
        counts = Counter((p.column, p.rule or p.message) for p in self.problems[SHOWN_PROBLEMS:]) + self.overflow
        return [(column, message, n) for (column, message), n in counts.most_common()]

    def stop_note(self) -> str:
        """Say where checking stopped: a reader that stops at the problem limit leaves the rest of the file unread;
        when the whole file was read (and the problems past the limit counted), the rules after it were not run."""
        if sum(self.overflow.values()):
            return _("Checking stopped after {count} problems: the whole file was read, and the rules not yet checked "
                     "by then were not run.").format(count=f"{self.total:,}")
        return _("Checking stopped after {count} problems; the rest of the file was not checked.").format(
            count=f"{self.total:,}")

    def describe(self) -> list[str]:
        """Return the report as lines: each shown problem, then the counts, then the total (and if checking stopped)."""
        lines = [str(p) for p in self.shown]
        for column, message, count in self.summary():
            lines.append(f"{count:,} more in column {column!r}: {message}")
        if self.total > len(self.shown):
            lines.append(f"{self.total:,} problems in all; the first {len(self.shown):,} are listed in full.")
        if self.stopped:
            lines.append(self.stop_note())
        return lines


class ProblemLog:
    """Collects problems up to a limit, then only counts them per (column, message)."""

    def __init__(self, limit: int = MAX_PROBLEMS):
        self.limit = limit
        self.items: list[Problem] = []
        self.overflow: Counter = Counter()

    @property
    def full(self) -> bool:
        return len(self.items) >= self.limit

    def add(self, problem: Problem) -> None:
        if self.full:
            self.overflow[(problem.column, problem.rule or problem.message)] += 1
        else:
            self.items.append(problem)

    def add_rows(self, indices, make: Callable[[object], Problem], column: str, message: str) -> None:
        """Add one problem per index, building at most what fits under the limit and counting the rest."""
        indices = list(indices)
        room = max(self.limit - len(self.items), 0)
        self.items += [make(idx) for idx in indices[:room]]
        if len(indices) > room:
            self.overflow[(column, message)] += len(indices) - room

    def error(self, key: Callable[[Problem], object] = lambda p: (p.row or 0, p.column)) -> ValidationError:
        """Return the problems as one error, sorted by `key` (row, then column)."""
        self.items.sort(key=key)
        return ValidationError(self.items, self.overflow, self.full)


_TYPE_WORDS = {"DOUBLE": N_("a number"), "BIGINT": N_("a whole number"), "INTEGER": N_("a whole number"),
               "BOOLEAN": N_("true or false"), "DATE": N_("a date (YYYY-MM-DD)"), "TIMESTAMP": N_("a date and time"),
               "VARCHAR": N_("text")}  # shown as _(word)
_WHOLE_DATE = r"\d{4}[-/]\d{1,2}[-/]\d{1,2}([T ]\d{1,2}:\d\d(:\d\d(\.\d+)?)?)?"  # a four-digit year, month and day
_TRUE = {"true", "yes", "y", "1", "t"}
_FALSE = {"false", "no", "n", "0", "f"}


def _coerce(table: Table, frame: pd.DataFrame, file: str, first_row: int,
            log: ProblemLog, bad_cells: dict[str, pd.Series]) -> pd.DataFrame:
    """Convert every column to its schema type, reporting each value that does not convert (marked in bad_cells)."""
    out = pd.DataFrame(index=frame.index)
    texts = {c.name: _stripped(frame[c.name]) for c in table.columns if c.name in frame.columns}
    converted = _convert(table, texts)
    for col in table.columns:
        if col.name not in frame.columns:
            continue
        raw, text = frame[col.name], texts[col.name]
        if col.type in ("DOUBLE", "BIGINT", "INTEGER", "BOOLEAN"):
            values, bad = converted[col.name]
        elif col.type in ("DATE", "TIMESTAMP"):
            empty = text.isna() | (text == "")
            codes, uniques = pd.factorize(text)  # each distinct date text is parsed once
            uniques = pd.Series(uniques, dtype="string")
            # A whole date, with or without a time: pandas' ISO 8601 reading alone would take '2024' (1 January),
            # '2024-03' or even '-3' (the year -3) as dates.
            uniques = uniques.where(uniques.str.fullmatch(_WHOLE_DATE).fillna(False))
            parsed = pd.to_datetime(uniques, errors="coerce", format="ISO8601")
            parsed = pd.concat([parsed, pd.Series([pd.NaT], dtype=parsed.dtype)])  # code -1 (empty) reads NaT
            values = pd.Series(parsed.to_numpy()[codes], index=frame.index)
            if col.type == "DATE":
                values = values.dt.normalize()
            bad = ~empty & values.isna()
            if col.not_future:
                future = values > pd.Timestamp(today())
                message = _("the date is in the future.")
                log.add_rows(future[future.fillna(False)].index, lambda idx, c=col, r=raw, m=message: Problem(
                    file, int(idx) + first_row, c.name, str(r[idx]), m,
                    _("give the date the event happened; future events are not recorded.")), col.name, message)
        else:
            values, bad = text.mask(text == ""), pd.Series(False, index=frame.index)
        message = _("the value is not {kind}.").format(kind=_(_TYPE_WORDS[col.type]))
        log.add_rows(bad[bad].index, lambda idx, c=col, r=raw, m=message: Problem(
            file, int(idx) + first_row, c.name, str(r[idx]), m,
            _("write {kind} in this cell.").format(kind=_(_TYPE_WORDS[c.type]))),
            col.name, message)
        bad_cells[col.name] = bad
        out[col.name] = values
    return out


def _stripped(column: pd.Series) -> pd.Series:
    """Return a column as text without surrounding spaces; the column itself when it has none (no second copy of a
    large file's text)."""
    text = column.astype("string")
    stripped = text.str.strip()
    return text if bool((stripped == text).all()) else stripped


def _convert(table: Table, texts: dict[str, pd.Series]) -> dict[str, tuple[pd.Series, pd.Series]]:
    """Return {column: (typed values, cells that do not convert)} for the number and true/false columns, converted
    by DuckDB in one pass over the columns' stripped text (not copied: DuckDB reads its Arrow buffers).

    A number is read as pandas.to_numeric read one (after thousands separators are removed): DuckDB's cast of text
    made only of digits, signs, a point and an exponent; the cast alone would also take '1_000', 'nan' and 'inf'.
    """

    columns = [c for c in table.columns if c.name in texts and c.type in ("DOUBLE", "BIGINT", "INTEGER", "BOOLEAN")]
    if not columns:
        return {}
    index = texts[columns[0].name].index
    cells = pd.DataFrame({f"c{i}": texts[c.name] for i, c in enumerate(columns)})
    # Three steps, each naming what the next reads, so that a cell's text is cast once: n (the cast), u (usable: a
    # finite number), then the value and whether the cell is bad.
    steps = [conversion_sql(col, f"c{i}", i) for i, col in enumerate(columns)]
    cast, usable = [step[0] for step in steps], [step[1] for step in steps]
    parts = [part for step in steps for part in step[2:]]
    names = ", ".join(f"c{i}" for i in range(len(columns)))
    query = (f"SELECT {', '.join(parts)} FROM (SELECT {names}, {', '.join(usable)} FROM "
             f"(SELECT {names}, {', '.join(cast)} FROM cells))")
    con = _scratch_cursor()
    try:
        con.register("cells", cells)
        result = con.sql(query).to_arrow_table()
    finally:
        con.close()
    dtypes = {"DOUBLE": "float64", "BIGINT": "Int64", "INTEGER": "Int64", "BOOLEAN": "boolean"}
    out = {}
    for i, col in enumerate(columns):
        values = pd.Series(pd.array(result.column(f"v{i}"), dtype=dtypes[col.type]), index=index)
        if col.type == "DOUBLE":
            values = values.astype("float64")
        bad = pd.Series(result.column(f"b{i}").to_numpy(zero_copy_only=False), index=index).fillna(False)
        out[col.name] = (values, bad.astype(bool))
    return out


def conversion_sql(col: Column, text: str, i: int) -> tuple[str, str, str, str]:
    """Return the SQL that converts a number or true/false column's stripped text, in three steps over one row:
    the cast (`n{i}`, reading `text`), the usable value (`u{i}`, reading `n{i}`), then the value (`v{i}`) and
    whether the cell is bad (`b{i}`), both reading `u{i}` and `text`. Shared by `validate` and staged loads."""
    if col.type == "BOOLEAN":
        lowered = f"lower({text})"
        return (f"CASE WHEN {lowered} IN ({', '.join(repr(v) for v in sorted(_TRUE))}) THEN true "
                f"WHEN {lowered} IN ({', '.join(repr(v) for v in sorted(_FALSE))}) THEN false END AS n{i}",
                f"n{i} AS u{i}", f"u{i} AS v{i}", f"{text} <> '' AND u{i} IS NULL AS b{i}")
    bare = f"replace({text}, ',', '')"
    cast = f"CASE WHEN regexp_full_match({bare}, '[0-9eE+.-]+') THEN TRY_CAST({bare} AS DOUBLE) END AS n{i}"
    usable = f"CASE WHEN isfinite(n{i}) THEN n{i} END AS u{i}"  # 'inf' and overflow are not usable figures
    if col.type == "DOUBLE":
        return cast, usable, f"u{i} AS v{i}", f"{text} <> '' AND u{i} IS NULL AS b{i}"
    whole = f"(u{i} = trunc(u{i}) AND abs(u{i}) < 9.2e18)"  # fits a BIGINT
    return (cast, usable, f"CASE WHEN {whole} THEN CAST(u{i} AS BIGINT) END AS v{i}",
            f"{text} <> '' AND NOT coalesce({whole}, false) AS b{i}")


def cell_problems(table: Table, frame: pd.DataFrame, file: str, first_row: int,
                  limit: int = MAX_PROBLEMS) -> list[Problem]:
    """Return the problems of single cells in a block of rows (types, empty required cells, bounds, allowed values,
    patterns; at most `limit`): the reader checks each block of a large file with these, the same checks as
    `validate`, to stop reading a file that is wrong throughout. References, keys and row rules wait for `validate`.
    """
    log, bad_cells, checked = ProblemLog(limit), {}, {}
    typed = _coerce(table, frame, file, first_row, log, bad_cells)
    if not log.full:
        _check_problems(table, typed, frame, file, first_row, {}, bad_cells, checked, log)
    return log.items


def today() -> date:
    """Return today's date (a function so that tests can fix it)."""
    return date.today()


DUPLICATE_KEY = N_("the same key appears on more than one row.")  # shown as _(DUPLICATE_KEY)


def _duplicate_problems(table: Table, typed: pd.DataFrame, frame: pd.DataFrame, file: str, first_row: int,
                        log: ProblemLog) -> None:
    """Report the second and later rows of each key, naming the key's first row."""
    key = [k for k in table.key if k in typed.columns]
    if len(key) < len(table.key) or typed.empty:
        return
    keys = typed[key]
    later = keys.duplicated(keep="first")
    if not later.any():
        return
    group = keys.groupby(key, dropna=False, sort=False).ngroup()
    first_of_group = pd.Series(typed.index, index=typed.index).groupby(group.values).transform("first")
    label = ", ".join(table.key)

    def problem(idx) -> Problem:
        value = " / ".join(str(frame.at[idx, k]) if k in frame.columns else str(typed.at[idx, k]) for k in key)
        return duplicate_key_problem(table, file, int(idx) + first_row, int(first_of_group[idx]) + first_row, value)

    log.add_rows(later[later].index, problem, label, _(DUPLICATE_KEY))


def duplicate_key_problem(table: Table, file: str, row: int, first: int, value: str) -> Problem:
    """The problem of a row whose key (`value`, as the file gives it) the file's row `first` has already."""
    return Problem(file, row, ", ".join(table.key), value, _("the same key is already on row {first}.").format(
        first=first), _("keep one row per key."), rule=_(DUPLICATE_KEY))


def _rule_problems(table: Table, typed: pd.DataFrame, frame: pd.DataFrame, file: str, first_row: int,
                   bad_cells: dict[str, pd.Series], checked: dict[str, set], log: ProblemLog) -> None:
    for rule in table.rules:
        if not all(c in typed.columns for c in rule.columns):
            continue
        present = typed[list(rule.columns)].notna().all(axis=1)
        holds = rule.holds(typed[present]).astype("boolean").fillna(True)
        failing = holds[~holds].index
        if rule.column in bad_cells:
            failing = failing[~bad_cells[rule.column].reindex(failing, fill_value=False).to_numpy()]
        failing = failing[~failing.isin(list(checked.get(rule.column, ())))]
        text, fix_text = _(rule.message), _(rule.fix)
        message, fix = text[0].upper() + text[1:], fix_text[0].upper() + fix_text[1:]
        log.add_rows(failing, lambda idx, r=rule, m=message, f=fix: Problem(
            file, int(idx) + first_row, r.column, ", ".join(f"{c}={frame.at[idx, c]}" for c in r.columns), m, f),
            rule.column, message)


def _column_checks(col: Column, known: dict[str, str], value: str) -> list[tuple[str, list, str, str]]:
    """Return the column's checks in the order they are reported: (SQL condition of a failing cell, its parameters,
    message, fix). A cell is reported for the first check it fails; empty cells only for being empty. `known` names
    the table holding the values each reference allows."""
    checks = []
    empty = f"({value} IS NULL" + (f" OR isnan({value}))" if col.type == "DOUBLE" else ")")
    if col.required:
        checks.append((empty, [], _("the value is empty."), _("fill in a value; this column is required.")))
    if col.min is not None:
        checks.append((f"{value} < ?", [col.min], _("the value is below {min}.").format(min=f"{col.min:g}"),
                       _("enter a value of {min} or more.").format(min=f"{col.min:g}")))
    if col.max is not None and col.max_reason:
        checks.append((f"{value} > ?", [col.max], _("the value is above {max}: {reason}.").format(
            max=f"{col.max:,.15g}", reason=_(col.max_reason)), _("check the figure and its unit (whole shillings, not "
                                                                  "cents); enter {max} or less.").format(
                max=f"{col.max:,.15g}")))
    elif col.max is not None:
        checks.append((f"{value} > ?", [col.max], _("the value is above {max}.").format(max=f"{col.max:g}"),
                       _("enter a value of {max} or less.").format(max=f"{col.max:g}")))
    if col.allowed:
        checks.append((f"{value} NOT IN ({', '.join('?' * len(col.allowed))})", list(col.allowed),
                       _("the value is not an allowed one."),
                       _("use one of: {values}.").format(values=", ".join(col.allowed))))
    if col.pattern:
        checks.append((f"NOT regexp_matches({value}, ?)", [f"^(?:{col.pattern})"],
                       _("the value has the wrong format."), _("write {format}.").format(format=_(col.pattern_hint))))
    if col.references and col.references in known:
        checks.append((f"{value} NOT IN (SELECT value FROM {known[col.references]})", [],
                       _("the value is not in {column}.").format(column=col.references),
                       _("use a value that exists in {column}.").format(column=col.references)))
    return checks


def _check_problems(table: Table, typed: pd.DataFrame, frame: pd.DataFrame, file: str, first_row: int,
                    known: dict[str, set[str]], bad_cells: dict[str, pd.Series], checked: dict[str, set],
                    log: ProblemLog) -> None:
    """Run the columns' checks (empty, bounds, allowed values, patterns, references) as SQL over the typed rows, one
    query for every column; a cell is reported once (`checked` collects the rows reported per column), and a value
    that did not convert was reported as such already."""

    # Only the value lists this table's columns refer to (a build's lists hold 36,000 proposal ids and more).
    tables = {reference: f"known{n}" for n, reference in enumerate(known)
              if any(c.references == reference and c.name in typed.columns for c in table.columns)}
    columns = [(c, _column_checks(c, tables, f"v{i}")) for i, c in enumerate(table.columns) if c.name in typed.columns]
    columns = [(j, col, checks) for j, (col, checks) in enumerate(columns) if checks]
    if not columns or typed.empty:
        return
    cells = pd.DataFrame({"i": np.arange(len(typed))} | {
        f"v{table.columns.index(col)}": typed[col.name].reset_index(drop=True) for _j, col, _checks in columns})
    kinds = [f"CASE {' '.join(f'WHEN {check[0]} THEN {n}' for n, check in enumerate(checks))} END AS k{j}"
             for j, col, checks in columns]
    con = _scratch_cursor()
    try:  # one pass over the rows for every column: the first check each cell fails, if any
        con.register("cells", cells)
        for reference, name in tables.items():
            con.register(name, pd.DataFrame({"value": pd.array(list(known[reference]), dtype="string")}))
        found = con.execute(
            f"SELECT * FROM (SELECT i, {', '.join(kinds)} FROM cells) WHERE coalesce("
            f"{', '.join(f'k{j}' for j, _col, _checks in columns)}) IS NOT NULL ORDER BY i",
            [p for _j, _col, checks in columns for check in checks for p in check[1]]).fetchnumpy()
    finally:
        con.close()
    if not len(found["i"]):
        return
    positions = typed.index.to_numpy()[found["i"]]
    for j, col, checks in columns:
        kind = found[f"k{j}"]  # a masked array: masked where the cell fails no check
        failing = ~np.ma.getmaskarray(kind)
        rows, kind = positions[failing], np.ma.getdata(kind)[failing]
        if col.name in bad_cells:
            keep = ~bad_cells[col.name].reindex(rows, fill_value=False).to_numpy()
            rows, kind = rows[keep], kind[keep]
        seen = checked.setdefault(col.name, set())
        for n, (_condition, _params, message, fix) in enumerate(checks):
            indices = [idx for idx in rows[kind == n].tolist() if idx not in seen]
            seen.update(indices)
            empty = n == 0 and col.required
            log.add_rows(indices, lambda idx, c=col.name, m=message, f=fix, e=empty: Problem(
                file, int(idx) + first_row, c, "" if e else str(frame.at[idx, c]), m, f), col.name, message)


_SCRATCH = []  # this process's in-memory database for the checks' queries, opened once
_SCRATCH_LOCK = threading.Lock()


def _scratch_cursor():
    """Return a new connection (cursor) to the process's in-memory scratch database, for one check's query: opening
    a database costs about 90 ms (duckdb 2.0.1), a cursor 0.5 ms, and a build checks 29 tables twice. A frame
    registered on a cursor is its own, and goes with it when it is closed."""
    import duckdb

    with _SCRATCH_LOCK:
        if not _SCRATCH:
            _SCRATCH.append(duckdb.connect())
        return _SCRATCH[0].cursor()


def validate(table: Table, frame: pd.DataFrame, file: str, known: dict[str, set[str]] | None = None,
             first_row: int = 2, max_problems: int = MAX_PROBLEMS) -> pd.DataFrame:
    """Check a frame against a table's rules and return it with schema types.

    Raises ValidationError listing the problems (every one up to `max_problems`, then only counted); row numbers
    are the file's lines (the header is row 1, so the first data row is `first_row`). `known` maps
    "table.column" to the values that a column with that reference must take.
    """
    typed, log = checked_rows(table, frame, file, known, first_row, max_problems)
    if log.items:
        raise log.error()
    return typed


def checked_rows(table: Table, frame: pd.DataFrame, file: str, known: dict[str, set[str]] | None = None,
                 first_row: int = 2, max_problems: int = MAX_PROBLEMS,
                 duplicates: bool = True) -> tuple[pd.DataFrame, ProblemLog]:
    """Return a frame's rows with schema types and the problems `validate` finds in them, without raising for them.

    Without `duplicates`, repeated keys are not looked for: a file read in batches has its keys checked across the
    batches once they are all stored (loader._duplicate_key_problems). Raises ValidationError for missing columns.
    """
    missing = [c.name for c in table.columns if c.required and c.name not in frame.columns]
    if missing:
        raise ValidationError([Problem(file, 1, name, "", _("the column is missing."),
                                       _("add a column headed {name!r} (see the data dictionary).").format(name=name))
                               for name in missing])
    # The index is the row's offset from first_row (readers keep gaps for blank lines), so keep it.
    log, bad_cells, checked = ProblemLog(max_problems), {}, {}
    typed = _coerce(table, frame, file, first_row, log, bad_cells)
    steps = [lambda: _check_problems(table, typed, frame, file, first_row, known or {}, bad_cells, checked, log)]
    if duplicates:
        steps.append(lambda: _duplicate_problems(table, typed, frame, file, first_row, log))
    steps.append(lambda: _rule_problems(table, typed, frame, file, first_row, bad_cells, checked, log))
    for step in steps:
        if log.full:  # the file is this wrong already: stop checking
            break
        step()
    return typed[[c.name for c in table.columns if c.name in typed.columns]], log
