"""The national benchmark runs at a small N in CI, so its figures are in the log (pytest -s shows them; they are
printed to the terminal either way). Speed itself is judged from the figures, not asserted here."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_national_benchmark_runs_at_a_small_n_and_prints_its_medians_and_ratios(capsys):
    done = subprocess.run([sys.executable, "bench/bench_national.py", "--lines", "5000", "--runs", "1"],
                          capture_output=True, text=True, cwd=ROOT, timeout=1200)
    with capsys.disabled():
        print("\n" + done.stdout + done.stderr[-2000:])
    assert done.returncode == 0, done.stderr[-3000:]
    assert "pages/budget.py" in done.stdout
    assert "pandas way" in done.stdout and "app peak memory" in done.stdout


def test_the_load_benchmark_runs_at_a_small_n_and_prints_the_ratio_to_duckdbs_bare_read(capsys):
    done = subprocess.run([sys.executable, "bench/bench_load.py", "--rows", "20000", "--xlsx-rows", "500",
                           "--runs", "1"], capture_output=True, text=True, cwd=ROOT, timeout=1200)
    with capsys.disabled():
        print("\n" + done.stdout + done.stderr[-2000:])
    assert done.returncode == 0, done.stderr[-3000:]
    assert "DuckDB's bare read" in done.stdout and "20,000 rows" in done.stdout


def test_the_many_users_benchmark_runs_with_a_browser_beside_the_crowd(capsys):
    done = subprocess.run([sys.executable, "bench/bench_sessions.py", "--sessions", "2", "--views", "3", "--browser"],
                          capture_output=True, text=True, cwd=ROOT, timeout=1200)
    with capsys.disabled():
        print("\n" + done.stdout + done.stderr[-2000:])
    assert done.returncode == 0, done.stderr[-3000:]
    assert "0 error(s); server peak memory" in done.stdout
    assert "one browser beside them (Chromium, 1280×720)" in done.stdout and ", 0 error(s)" in done.stdout
