"""The national benchmark runs at a small N in CI, so its figures are in the log (pytest -s shows them; they are
printed to the terminal either way). Speed itself is judged from the figures, not asserted here."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run(script: str, *options: str, capsys) -> str:
    """Run a benchmark script, print what it printed (so CI's log carries the figures) and return its output."""
    done = subprocess.run([sys.executable, f"bench/{script}", *options], capture_output=True, text=True, cwd=ROOT,
                          timeout=1200)
    with capsys.disabled():
        print("\n" + done.stdout + done.stderr[-2000:])
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def test_the_national_benchmark_runs_at_a_small_n_and_prints_its_medians_and_ratios(capsys):
    out = run("bench_national.py", "--lines", "5000", "--runs", "1", "--pages", "budget,data_sources",
              "--report-only", capsys=capsys)
    assert [line.split()[0] for line in out.splitlines() if line.startswith(("budget ", "data_sources "))] == [
        "budget", "data_sources"]
    assert "pandas way" in out and "app peak memory" in out and "interleaved" in out
    assert "whole line-item table downloaded (Data & sources): 5,000 rows" in out


def test_the_load_benchmark_runs_at_a_small_n_and_prints_the_ratio_to_duckdbs_bare_read(capsys):
    out = run("bench_load.py", "--rows", "20000", "--xlsx-rows", "500", "--runs", "1", capsys=capsys)
    assert "DuckDB's bare read" in out and "20,000 rows (staged lane)" in out


def test_the_many_users_benchmark_runs_with_a_browser_beside_the_crowd(capsys):
    out = run("bench_sessions.py", "--sessions", "2", "--views", "3", "--browser", capsys=capsys)
    assert "0 error(s); server peak memory" in out
    assert "one browser beside them (Chromium, 1280×720)" in out and ", 0 error(s)" in out
