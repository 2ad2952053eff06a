"""The CSV reader at national speed: DuckDB's reader gives the same cells, rows and problems as the line-by-line
reader, on the bad-file corpus and on every awkward CSV a county office produces (both paths run until the
line-by-line one is removed)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from jdp_analytics.warehouse import readers, schema
from jdp_analytics.warehouse.paths import ROOT
from jdp_analytics.warehouse.schema import ValidationError
from tests.warehouse.test_bad_files import CASES

FILES = ROOT / "tests" / "files" / "readers"
BUDGET = ["county", "fiscal_year", "budget_kes", "expenditure_kes", "absorption_pct"]
HEADER = ",".join(BUDGET)

AWKWARD = {
    "plain": f"{HEADER}\nKwale,2025/26,1000,900,90\nEmbu,2025/26,2000,1500,75\n",
    "crlf": f"{HEADER}\r\nKwale,2025/26,1000,900,90\r\nEmbu,2025/26,2000,1500,75\r\n",
    "no final line break": f"{HEADER}\nKwale,2025/26,1000,900,90",
    "title block": f"Kwale County\nBudget execution FY 2025/26\n\n{HEADER}\nKwale,2025/26,1000,900,90\n",
    "blank line between rows": f"{HEADER}\nKwale,2025/26,1000,900,90\n\nEmbu,2025/26,2000,1500,75\n",
    "blank lines at the end": f"{HEADER}\nKwale,2025/26,1000,900,90\n\n\n",
    "row of spaces": f"{HEADER}\nKwale,2025/26,1000,900,90\n   \nEmbu,2025/26,2000,1500,75\n",
    "row of empty cells": f"{HEADER}\nKwale,2025/26,1000,900,90\n,,,,\nEmbu,2025/26,2000,1500,75\n",
    "short row": f"{HEADER}\nKwale,2025/26,1000\n",
    "extra cells": f"{HEADER}\nKwale,2025/26,1000,900,90,oops,more\n",
    "quoted comma": f'{HEADER}\n"Homa Bay, county",2025/26,"1,000",900,90\n',
    "value across lines": f'{HEADER}\n"Homa\nBay",2025/26,1000,900,90\nEmbu,2025/26,2000,1500,75\n',
    "stray quote": f'{HEADER}\nKwa"le,2025/26,1000,900,90\n',
    "quote never closed": f'{HEADER}\n"Kwale,2025/26,1000,900,90\nEmbu,2025/26,2000,1500,75\n',
    "text after a closing quote": f'{HEADER}\n"Kwale"x,2025/26,1000,900,90\n',
    "doubled quotes": f'{HEADER}\n"Kwale ""county""",2025/26,1000,900,90\n',
    "spaces and tabs around values": f"{HEADER}\n  Kwale\t,\t2025/26 , 1000,900 ,90\n",
    "no-break spaces": f"{HEADER}\n\u00a0Kwale\u00a0,2025/26,1000,900,90\u3000\n",
    "Excel errors": f"{HEADER}\nKwale,2025/26,#REF!,900,#DIV/0!\nEmbu,2025/26,#N/A,1,1\n",
    "column without a name": "county,fiscal_year,,budget_kes\nKwale,2025/26,note,1000\nEmbu,2025/26,,2000\n",
    "empty column without a name": "county,fiscal_year,,budget_kes\nKwale,2025/26,,1000\n",
    "header only": f"{HEADER}\n",
    "header and blank rows": f"{HEADER}\n,,,,\n\n",
    "semicolons": HEADER.replace(",", ";") + "\nKwale;2025/26;1000;900;90\n",
    "tabs": HEADER.replace(",", "\t") + "\nKwale\t2025/26\t1000\t900\t90\n",
    "pipes": HEADER.replace(",", "|") + "\nKwale|2025/26|1000|900|90\n",
    "quoted header": ",".join(f'"{name}"' for name in BUDGET) + '\n"Kwale","2025/26",1,1,1\n',
}


def read(data: bytes | Path, name: str, expected: list[str], duckdb: bool):
    """Return (frame, first_row) or the problems, reading with DuckDB's reader or only line by line."""
    saved = readers._duckdb_table
    used = []

    def spy(*args, **kwargs):
        if not duckdb:
            return None
        used.append(True)  # unless it hands the file over: its problems are DuckDB's reader's
        result = saved(*args, **kwargs)
        used[-1] = result is not None
        return result

    readers._duckdb_table = spy
    try:
        result = readers.read_table(data, name, expected)
        return (result.frame, result.first_row, result.encoding, result.delimiter), any(used)
    except ValidationError as err:
        return [(p.row, p.column, p.value, p.message, p.fix) for p in err.problems], any(used)
    finally:
        readers._duckdb_table = saved


def same(data: bytes | Path, name: str, expected: list[str]) -> bool:
    """Assert both readers agree; return whether DuckDB's reader was the one used."""
    fast, used = read(data, name, expected, duckdb=True)
    slow, _used = read(data, name, expected, duckdb=False)
    if isinstance(fast, list) or isinstance(slow, list):
        assert fast == slow
    else:
        pd.testing.assert_frame_equal(fast[0], slow[0])
        assert fast[1:] == slow[1:]
    return used


@pytest.mark.parametrize("case", list(AWKWARD))
def test_duckdbs_reader_reads_each_awkward_csv_as_the_line_by_line_reader(case):
    same(AWKWARD[case].encode("utf-8"), f"{case}.csv", BUDGET)


@pytest.mark.parametrize("case", list(AWKWARD))
def test_a_file_on_disk_is_read_as_its_bytes(case, tmp_path):
    path = tmp_path / "upload.csv"
    path.write_bytes(AWKWARD[case].encode("utf-8"))
    same(path, "upload.csv", BUDGET)


@pytest.mark.parametrize("name,data,message", CASES, ids=[c[0] for c in CASES])
def test_the_bad_file_corpus_gets_the_same_problems(name, data, message):
    same(data, name, BUDGET)


@pytest.mark.parametrize("path", sorted(FILES.glob("*.csv")), ids=lambda p: p.name)
def test_the_reader_corpus_gets_the_same_cells(path):
    expected = readers.header_names(path.read_bytes(), path.name, BUDGET) or BUDGET
    same(path, path.name, expected)


def test_plain_files_are_read_by_duckdb_and_awkward_ones_line_by_line():
    assert same(AWKWARD["plain"].encode(), "plain.csv", BUDGET)
    assert same(AWKWARD["crlf"].encode(), "crlf.csv", BUDGET)
    assert same(AWKWARD["title block"].encode(), "title.csv", BUDGET)
    assert same(f"{HEADER}\nMurang\u2019a,2025/26,1,1,1\n".encode("cp1252"), "cp1252.csv", BUDGET)
    assert not same(AWKWARD["value across lines"].encode(), "across.csv", BUDGET)
    assert not same(AWKWARD["extra cells"].encode(), "extra.csv", BUDGET)


def test_the_row_numbers_of_a_large_file_are_its_lines():
    rows = "".join(f"{'Kwale' if i != 54_321 else '#VALUE!'},2025/26,{i},1,1\n" for i in range(60_000))
    problems, used = read(f"title\n{HEADER}\n{rows}".encode(), "large.csv", BUDGET, duckdb=True)
    assert used and [(p[0], p[1], p[2]) for p in problems] == [(54_324, "county", "#VALUE!")]


# The cells' conversion to numbers and true/false runs in DuckDB; pandas' conversion, which it replaced, is the
# oracle here.
CELLS = ["1_000", "1e3", "+5", ".5", "5.", "0x10", "1,5", "1,234,567.89", "nan", "NaN", "inf", "Infinity", "1 000",
         "\u0663", "", None, "-0", "1.5", "12", "1e400", "-3", "2.0", "1.e5", "0.1", "TRUE", "no", "y", "F", "2024",
         "12345678901234.5", "007", "1e", ".", "+", "-", "e5", "1.2.3", "--1", "1e+", ".e1", "5.e", "0.5e-3", "1E5",
         "+.5", "-.5e2", "1e-400", "1e309", "1-", "1+1", "1ee5", "1e5.5", "0x1A", "1d5", " 12 "]


def pandas_numbers(text: pd.Series, whole: bool) -> tuple[pd.Series, pd.Series]:
    empty = text.isna() | (text == "")
    values = pd.to_numeric(text.str.replace(",", "", regex=False), errors="coerce")
    values = values.where(np.isfinite(values.astype("float64")))
    bad = ~empty & values.isna()
    if whole:
        fractional = values.notna() & (values % 1 != 0)
        return values.where(~fractional).astype("Int64"), bad | fractional
    return values.astype("float64"), bad


def test_cells_convert_to_numbers_and_truth_as_pandas_converted_them():
    table = schema.Table("t", "", (schema.Column("d", "DOUBLE", ""), schema.Column("i", "INTEGER", ""),
                                   schema.Column("b", "BOOLEAN", "")), key=("d",), group="fact")
    text = pd.Series(CELLS, dtype="string").str.strip()  # as `_coerce` hands the cells over
    converted = schema._convert(table, {"d": text, "i": text, "b": text})
    for name, whole in (("d", False), ("i", True)):
        values, bad = pandas_numbers(text, whole)
        pd.testing.assert_series_equal(converted[name][0], values, check_names=False)
        assert converted[name][1].tolist() == bad.astype(bool).tolist()
    truth = text.str.lower().map({**dict.fromkeys(schema._TRUE, True), **dict.fromkeys(schema._FALSE, False)})
    assert converted["b"][0].tolist() == truth.astype("boolean").tolist()
    assert converted["b"][1].tolist() == (text.fillna("").ne("") & truth.isna()).tolist()


def test_a_whole_number_too_large_to_store_is_refused_not_wrapped_around():
    table = schema.Table("t", "", (schema.Column("i", "INTEGER", ""),), key=("i",), group="fact")
    cells = {"i": pd.Series(["99999999999999999999", "7"], dtype="string")}
    values, bad = schema._convert(table, cells)["i"]
    assert bad.tolist() == [True, False] and values.tolist() == [pd.NA, 7]
