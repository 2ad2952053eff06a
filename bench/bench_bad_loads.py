"""Refusing bad files of 49 MB: values of the wrong type on every row (reading stops early), values of the right
type that break a rule on every row, every row with the same key (only found once the whole file is read), and
another kind's columns (refused at the header).

Run: .venv/bin/python bench/bench_bad_loads.py [--mb 49] [--runs 3]
Each refusal runs `python -m jdp_analytics load --dry-run` in a fresh process, so that peak memory (ru_maxrss of
the child) belongs to that run alone. Prints medians and the refusal's last lines; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def write(path: Path, header: str, row: str, mb: float) -> None:
    """Write a header and copies of one row (with its number) until the file has `mb` megabytes."""
    target = int(mb * 1024 * 1024)
    with path.open("w", encoding="utf-8") as handle:
        handle.write(header + "\n")
        size, i = len(header) + 1, 0
        while size < target:
            line = row.format(i=i) + "\n"
            handle.write(line)
            size += len(line)
            i += 1


def refuse(path: Path, kind: str, warehouse: Path) -> tuple[float, float, int, str]:
    """Return (seconds, peak MB of the child, exit code, last lines of its report)."""
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:  # the child: its own ru_maxrss
        with open(path.with_suffix(".out"), "w") as out:
            os.dup2(out.fileno(), 2)
            os.dup2(out.fileno(), 1)
            os.execv(sys.executable, [sys.executable, "-m", "jdp_analytics", "load", str(path), "--kind", kind,
                                      "--warehouse", str(warehouse), "--dry-run"])
    _, status, usage = os.wait4(pid, 0)
    seconds = time.perf_counter() - start
    text = path.with_suffix(".out").read_text()
    lines = text.splitlines()
    return seconds, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status), "\n".join(
        [lines[0], f"  ... ({len(lines)} lines)", *lines[-4:]] if lines else [])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=float, default=49)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    os.chdir(ROOT)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        warehouse = tmp / "jdp.duckdb"
        subprocess.run([sys.executable, "-m", "jdp_analytics", "build", "--out", str(warehouse)], check=True,
                       capture_output=True)
        cases = {
            "bad values (every row)": ("budget_execution", "county,fiscal_year,budget_kes,expenditure_kes,"
                                       "absorption_pct", "Kwale,2025/26,twelve,{i},75.0"),
            "numbers below zero (a rule)": ("budget_execution", "county,fiscal_year,budget_kes,expenditure_kes,"
                                            "absorption_pct", "Kwale,2025/26,-1,{i},75.0"),
            "one key on every row (read to the end)": ("budget_execution", "county,fiscal_year,budget_kes,"
                                                       "expenditure_kes,absorption_pct", "Kwale,2025/26,1,{i},75.0"),
            "another kind's columns": ("county_fiscal", "fiscal_year,county,budget,expenditure",
                                       "2023/24,Kwale,{i},10140"),
        }
        for label, (kind, header, row) in cases.items():
            path = tmp / f"{kind}.csv"
            write(path, header, row, args.mb)
            size = path.stat().st_size / 1024 / 1024
            runs = [refuse(path, kind, warehouse) for _ in range(args.runs)]
            print(f"{label}: {size:.1f} MB, {kind}: median {statistics.median(r[0] for r in runs):.1f} s, "
                  f"peak memory median {statistics.median(r[1] for r in runs):.0f} MB "
                  f"(max {max(r[1] for r in runs):.0f} MB), exit code {runs[0][2]}")
            print(runs[0][3])
    print(f"(ru_maxrss of this process's children; soft memory limit {resource.getrlimit(resource.RLIMIT_AS)[0]})")


if __name__ == "__main__":
    main()
