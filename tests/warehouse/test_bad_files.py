"""The corpus of bad files: for each, the CLI's exit code, the message, and a byte-identical warehouse."""

from __future__ import annotations

import hashlib
import io
import subprocess
import sys
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from jdp_analytics.__main__ import main
from jdp_analytics.warehouse.loader import KINDS, template
from jdp_analytics.warehouse.paths import ROOT

READERS = ROOT / "tests" / "files" / "readers"
BUDGET_HEADER = "county,fiscal_year,budget_kes,expenditure_kes,absorption_pct"

CASES = [
    ("empty.csv", b"", "empty.csv, column '', value '': the file is empty."),
    ("header_only.csv", f"{BUDGET_HEADER}\n".encode(), "the file has a header but no data rows."),
    ("colon.csv", b"county:fiscal_year:budget_kes:expenditure_kes:absorption_pct\nKwale:2025/26:1:1:100\n",
     "wrong delimiter: the header row is not split into columns by a comma, semicolon, tab or pipe."),
    ("negative.csv", f"{BUDGET_HEADER}\nKwale,2025/26,-400,1,100\n".encode(),
     "negative.csv, row 2, column 'budget_kes', value '-400': the value is below 0. Fix: enter a value of 0 or more."),
    ("unknown_county.csv", f"{BUDGET_HEADER}\nHoma Bey,2025/26,1,1,100\n".encode(),
     "unknown_county.csv, row 2, column 'county', value 'Homa Bey': no county is called 'Homa Bey'. "
     "Fix: use one of: Homa Bay, or the KNBS code (001–047)."),
    ("duplicate.csv", f"{BUDGET_HEADER}\nKwale,2025/26,1,1,100\n002,2025/26,2,2,100\n".encode(),
     "duplicate.csv, row 3, column 'county_code, fiscal_year', value '002 / 2025/26': the same key is already on "
     "row 2. Fix: keep one row per key."),
    ("fiscal_year.csv", f"{BUDGET_HEADER}\nKwale,2025-26,1,1,100\n".encode(),
     "row 2, column 'fiscal_year', value '2025-26': the value has the wrong format. Fix: write YYYY/YY, e.g. 2023/24."),
]


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _arguments(path: Path, warehouse: Path, kind: str, options: tuple[str, ...]) -> list[str]:
    return ["load", str(path), "--kind", kind, "--warehouse", str(warehouse), "--publisher", "Test", "--as-of",
            "2025-06-30", *options]


def load(path: Path, warehouse: Path, kind: str = "budget_execution", *options: str) -> subprocess.CompletedProcess:
    """Run the CLI's `load` as `python -m jdp_analytics load …` does (its main function, in this process: a new
    Python per file cost 2-3 s of imports); its exit code and what it printed."""
    argv = _arguments(path, warehouse, kind, options)
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(argv)
    return subprocess.CompletedProcess(argv, code, out.getvalue(), err.getvalue())


def load_in_a_process(path: Path, warehouse: Path, kind: str = "budget_execution", *options: str) \
        -> subprocess.CompletedProcess:
    """The same command in a process of its own, as a user types it (the exit status the shell sees)."""
    return subprocess.run([sys.executable, "-m", "jdp_analytics", *_arguments(path, warehouse, kind, options)],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize(("name", "content", "message"), CASES, ids=[c[0] for c in CASES])
def test_a_bad_file_is_refused_with_its_message_and_the_warehouse_is_unchanged(warehouse, tmp_path, name, content,
                                                                                message):
    path = tmp_path / name
    path.write_bytes(content)
    before = sha(warehouse)
    result = load(path, warehouse)
    assert result.returncode == 1
    assert f"error: {name}: " in result.stderr and "nothing was loaded." in result.stderr
    assert message in result.stderr
    assert sha(warehouse) == before


def test_a_100_mb_file_is_refused_by_size_without_being_read(warehouse, tmp_path):
    path = tmp_path / "huge.csv"
    with path.open("wb") as handle:
        handle.truncate(100 * 1024 * 1024)
    before = sha(warehouse)
    result = load_in_a_process(path, warehouse)
    assert result.returncode == 1
    assert "the file is 100.0 MB; uploads are limited to 50 MB." in result.stderr
    assert "Fix: split the file by fiscal year or county, or raise the limit with --max-mb (now 50)." in result.stderr
    assert "command line" not in result.stderr
    assert sha(warehouse) == before


def test_latin1_accents_and_a_bom_are_read_right(warehouse, tmp_path):
    latin1 = tmp_path / "budget_latin1.csv"
    latin1.write_bytes(f"{BUDGET_HEADER},rate_method\nMurang’a,2025/26,1,1,100,Café\n".encode("cp1252"))
    bom = tmp_path / "budget_bom.csv"
    bom.write_bytes(f"\ufeff{BUDGET_HEADER}\nMuranga,2026/27,1,1,100\n".encode())
    for path in (latin1, bom):
        result = load(path, warehouse)
        assert result.returncode == 0, result.stderr
        assert "1 rows valid: 1 to add, 0 to replace." in result.stdout


def test_an_xlsx_with_a_merged_title_block_and_formulas_loads_its_cached_values(warehouse):
    result = load(READERS / "budget_title_block.xlsx", warehouse, "budget_execution", "--ignore-column", "report_date")
    assert result.returncode == 0, result.stderr
    assert "budget_title_block.xlsx: 3 rows valid" in result.stdout


def test_an_xlsx_whose_formulas_were_never_calculated_is_refused(warehouse):
    before = sha(warehouse)
    result = load(READERS / "budget_uncalculated.xlsx", warehouse)
    assert result.returncode == 1
    assert "cell D7 holds a formula whose value was never calculated" in result.stderr
    assert sha(warehouse) == before


# Boundary kinds take geometry files, and refuse a CSV by its type (tests/geography/test_boundary_uploads.py).
KIND_NAMES = sorted(k for k in KINDS if KINDS[k].geometry not in ("ward", "county"))
WRONG_KIND = [(kind, KIND_NAMES[(i + 1) % len(KIND_NAMES)]) for i, kind in enumerate(KIND_NAMES)]
WRONG_KIND_MESSAGES = ("files have no column", "which {kind} files need", "no header row was found")


@pytest.mark.parametrize(("kind", "other"), WRONG_KIND, ids=[f"{k}-given-{o}" for k, o in WRONG_KIND])
def test_a_file_with_the_columns_of_another_kind_is_refused_and_the_warehouse_is_unchanged(warehouse, tmp_path, kind,
                                                                                          other):
    path = tmp_path / f"indicator_5-5-1_{other}.csv"
    path.write_bytes(template(other).to_csv(index=False).encode())
    before = sha(warehouse)
    result = load(path, warehouse, kind)
    assert result.returncode == 1, result.stdout
    assert any(m.format(kind=kind) in result.stderr for m in WRONG_KIND_MESSAGES), result.stderr
    assert sha(warehouse) == before
