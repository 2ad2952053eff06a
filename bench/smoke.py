"""Run the benchmarks once each at small sizes, as a CI step after the tests: their figures go to the log, and a
benchmark that fails (exits with an error, or no longer prints a line the figures are read from) fails the step.

Speed is judged from the figures of a benchmark run alone, not asserted; here two run at a time (CI's two cores), so
these figures are not a measurement. Usage: `python bench/smoke.py` (exits 1 naming every benchmark that failed).
These ran as tests until issue 36; they are not tests of the app and took 95 s of the test run.
"""

from __future__ import annotations

import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# (script, its options at a small size, lines its output must hold)
SMOKE = [
    ("bench_national.py", ["--lines", "5000", "--runs", "1", "--pages", "budget,data_sources", "--report-only"],
     ["pandas way", "app peak memory", "interleaved", "whole line-item table downloaded (Data & sources): 5,000 rows"]),
    ("bench_load.py", ["--rows", "20000", "--xlsx-rows", "500", "--runs", "1"],
     ["DuckDB's bare read", "20,000 rows (staged lane)"]),
    ("bench_sessions.py", ["--sessions", "2", "--views", "3", "--browser"],
     ["0 error(s); server peak memory", "one browser beside them (Chromium, 1280×720)", ", 0 error(s)"]),
    ("bench_reports.py", ["--runs", "1"],
     ["first brief (PDF) of the process", "a brief (PDF) of another county after the first",
      "Quarterly progress report (PDF)", "Donor results workbook (Excel)"]),
]


def run(script: str, options: list[str], expected: list[str]) -> tuple[str, str | None]:
    """Run one benchmark; return its output and why it failed (None when it ran and printed its figures)."""
    started = time.monotonic()
    done = subprocess.run([sys.executable, f"bench/{script}", *options], capture_output=True, text=True, cwd=ROOT,
                          timeout=1200)
    shown = (f"== bench/{script} {' '.join(options)} ({time.monotonic() - started:.0f} s)\n{done.stdout}"
             f"{done.stderr[-2000:]}")
    if done.returncode != 0:
        return shown, f"bench/{script} exited with {done.returncode}: {done.stderr.strip().splitlines()[-1:]}"
    missing = [line for line in expected if line not in done.stdout]
    return shown, f"bench/{script} no longer prints {missing}" if missing else None


def main() -> int:
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(lambda case: run(*case), SMOKE))
    for shown, _why in results:
        print(shown, flush=True)
    failures = [why for _shown, why in results if why]
    for why in failures:
        print(f"FAILED: {why}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
