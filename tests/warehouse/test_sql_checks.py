"""The schema's column checks run as SQL over the typed rows. pandera's checks, which they replaced, are the oracle
here until this test is removed with them: the same problems, rows, values, messages and counts, in the same order,
on every table an upload can reach and on cells that break each rule."""

from __future__ import annotations

import itertools

import pandas as pd
import pandera.pandas as pa
import pytest

from jdp_analytics.common.i18n import _
from jdp_analytics.warehouse import catalog, loader, schema
from jdp_analytics.warehouse.schema import Problem

PANDAS_TYPES = {"VARCHAR": "string", "DOUBLE": "float64", "BIGINT": "Int64", "INTEGER": "Int64",
                "BOOLEAN": "boolean", "DATE": "datetime64[ns]", "TIMESTAMP": "datetime64[ns]"}


def pandera_checks(col: schema.Column, known: dict[str, set[str]]) -> list[pa.Check]:
    checks = []
    if col.min is not None:
        checks.append(pa.Check.ge(col.min, error=_("the value is below {min}.").format(min=f"{col.min:g}") + "|"
                                  + _("enter a value of {min} or more.").format(min=f"{col.min:g}")))
    if col.max is not None:
        checks.append(pa.Check.le(col.max, error=_("the value is above {max}.").format(max=f"{col.max:g}") + "|"
                                  + _("enter a value of {max} or less.").format(max=f"{col.max:g}")))
    if col.allowed:
        checks.append(pa.Check.isin(col.allowed, error=_("the value is not an allowed one.") + "|"
                                    + _("use one of: {values}.").format(values=", ".join(col.allowed))))
    if col.pattern:
        checks.append(pa.Check.str_matches(col.pattern, error=_("the value has the wrong format.") + "|"
                                           + _("write {format}.").format(format=_(col.pattern_hint))))
    if col.references and col.references in known:
        checks.append(pa.Check.isin(sorted(known[col.references]),
                                    error=_("the value is not in {column}.").format(column=col.references) + "|"
                                    + _("use a value that exists in {column}.").format(column=col.references)))
    return checks


def pandera_check_problems(table, typed, frame, file, first_row, known, bad_cells, checked, log) -> None:
    """The column checks as they ran through pandera."""
    spec = pa.DataFrameSchema(
        {c.name: pa.Column(PANDAS_TYPES[c.type], checks=pandera_checks(c, known), nullable=not c.required,
                           required=False) for c in table.columns})
    try:
        spec.validate(typed, lazy=True)
    except pa.errors.SchemaErrors as err:
        cases = err.failure_cases
        cases = cases[cases["index"].notna() & cases["column"].isin(typed.columns)]
        check = cases["check"].astype(str)
        cases = cases[(check == "not_nullable") | check.str.contains("|", regex=False)]
        for column, group in cases.groupby("column", sort=False):
            if column in bad_cells:
                group = group[~bad_cells[column].reindex(group["index"], fill_value=False).to_numpy()]
            for check_text, rows in group.groupby(group["check"].astype(str), sort=False):
                empty = check_text == "not_nullable"
                if empty:
                    message, fix = _("the value is empty."), _("fill in a value; this column is required.")
                else:
                    message, fix = check_text.split("|", 1)
                seen = checked.setdefault(column, set())
                indices = [idx for idx in rows["index"].drop_duplicates() if idx not in seen]
                seen.update(indices)
                log.add_rows(indices, lambda idx, c=column, m=message, f=fix, e=empty: Problem(
                    file, int(idx) + first_row, c, "" if e else str(frame.at[idx, c]), m, f), column, message)


# Cells that break each kind of rule, and good ones; every column of a table gets a mix of them.
CELLS = ["", "12", "-5", "1e9", "2.5", "abc", "2023/24", "2023-24", "043", "43", "999", "KEW-0001", "yes", "maybe",
         "2024-05-01", "2031-01-01", "ADP", "adp", "#REF!", "0", "100", "100.5", "Kwale"]


def frame_for(table: schema.Table, rows: int, seed: int) -> pd.DataFrame:
    names = table.column_names
    cycle = itertools.cycle(CELLS)
    for _skip in range(seed):
        next(cycle)
    return pd.DataFrame({name: pd.array([next(cycle) or None for _row in range(rows)], dtype="string")
                         for name in names})


def problems(table, frame, known, max_problems, oracle: bool, monkeypatch):
    if oracle:
        monkeypatch.setattr(schema, "_check_problems", pandera_check_problems)
    try:
        schema.validate(table, frame, "f.csv", known, first_row=2, max_problems=max_problems)
        return [], {}
    except schema.ValidationError as err:
        return [(p.row, p.column, p.value, p.message, p.fix) for p in err.problems], dict(err.overflow)
    finally:
        monkeypatch.undo()


KNOWN = {"dim_county.county_code": {f"{i:03d}" for i in range(1, 48)}, "dim_ward.ward_code": {"KEW-0001"},
         "source.source_id": {"upload"}}


@pytest.mark.parametrize("kind", sorted(k for k in loader.KINDS if not loader.KINDS[k].geometry))
@pytest.mark.parametrize("max_problems", [10_000, 7])
def test_the_sql_checks_find_what_pandera_found(kind, max_problems, monkeypatch):
    table = loader.KINDS[kind].table
    for seed in range(3):
        frame = frame_for(table, 40, seed)
        found = problems(table, frame, KNOWN, max_problems, False, monkeypatch)
        assert found == problems(table, frame, KNOWN, max_problems, True, monkeypatch)
        assert found[0], "the cells break no rule: the comparison would prove nothing"


def test_every_table_of_the_catalog_is_checked_alike(monkeypatch):
    for table in catalog.TABLES.values():
        frame = frame_for(table, 25, len(table.name))
        assert problems(table, frame, KNOWN, 10_000, False, monkeypatch) == problems(
            table, frame, KNOWN, 10_000, True, monkeypatch), table.name
