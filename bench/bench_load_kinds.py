"""Peak memory of a large load of each kind that does not take the staged lane (issue 32, item 2), and of a large
file with a problem in a kind that does (a problem sends any file down the full path, which names every row).

For each kind, `template KIND --rows N` writes N valid rows; the file is then checked with `load --dry-run` in a fresh
process whose own high-water mark (VmHWM) is read at its exit. The 'with a problem' case breaks the last row of a
budget_items file. Prints seconds and peak memory per kind, and OVER past the bound of 1 GB; exits 1 if any is over.

Run: .venv/bin/python bench/bench_load_kinds.py [--rows 1000000] [--kinds facility_feedback,open_sdg]
(--rows takes several sizes, e.g. 500000,1000000,2000000: a peak that does not grow with them is a bounded load.)
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from harness import ROOT

KINDS = ("facility_feedback", "indicator_observations", "open_sdg", "proposals", "ward_projects", "proposal_links")
BOUND_MB = 1024
# Runs the command line in this process, then prints this process's VmHWM (not ru_maxrss, which a child started
# by fork inherits from its parent).
CHILD = ("import sys; from pathlib import Path; from jdp_analytics.__main__ import main\n"
         "try:\n    code = main(sys.argv[1:])\nexcept SystemExit as stop:\n    code = stop.code\n"
         "hwm = [l for l in Path('/proc/self/status').read_text().splitlines() if l.startswith('VmHWM')][0]\n"
         "print('PEAK_KB', hwm.split()[1], 'EXIT', code)")


def measured(args: list[str], warehouse: Path) -> tuple[float, float, str]:
    """(seconds, peak MB, last line of output) of `python -m jdp_analytics ARGS` in a fresh process."""
    start = time.perf_counter()
    run = subprocess.run([sys.executable, "-c", CHILD, *args, "--warehouse", str(warehouse)], cwd=ROOT,
                         capture_output=True, text=True)
    seconds = time.perf_counter() - start
    peak = next((int(line.split()[1]) / 1024 for line in run.stdout.splitlines() if line.startswith("PEAK_KB")), 0.0)
    said = [line for line in (run.stdout + run.stderr).splitlines() if line.strip() and "PEAK_KB" not in line]
    return seconds, peak, (said[-1] if said else "")[:110]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=lambda text: [int(n) for n in text.split(",")], default=[1_000_000])
    parser.add_argument("--kinds", default=",".join(KINDS))
    parser.add_argument("--bad-budget-items", action=argparse.BooleanOptionalAction, default=True)
    args = parser.parse_args()
    over = False
    with tempfile.TemporaryDirectory() as folder:
        warehouse = Path(folder) / "jdp.duckdb"
        subprocess.run([sys.executable, "-m", "jdp_analytics", "build", "--out", str(warehouse)], cwd=ROOT,
                       check=True, capture_output=True)
        cases = [(kind, False) for kind in args.kinds.split(",") if kind]
        if args.bad_budget_items:
            cases.append(("budget_items", True))
        cases = [(kind, broken, rows) for rows in args.rows for kind, broken in cases]
        print(f"{'kind':<34} {'rows':>11} {'write s':>8} {'check s':>8} {'peak MB':>8}  said")
        for kind, broken, rows in cases:
            path = Path(folder) / f"{kind}.csv"
            start = time.perf_counter()
            made = subprocess.run([sys.executable, "-m", "jdp_analytics", "template", kind, "--rows",
                                   str(rows), "--out", str(path)], cwd=ROOT, capture_output=True, text=True)
            if made.returncode:  # a kind whose key leaves no room for many rows (open_sdg: codes and periods)
                print(f"{kind:<34} {'':>11} {'':>8} {'':>8} {'':>8}  {made.stderr.strip()[:110]}")
                continue
            if broken:  # the last row's amount is not a number: found only once the whole file is read
                with path.open("rb+") as handle:
                    handle.seek(-200, 2)
                    tail = handle.read()
                    cut = tail.rstrip(b"\n").rfind(b"\n") + 1
                    handle.seek(-200 + cut, 2)
                    handle.truncate()
                    last = tail[cut:].rstrip(b"\n").split(b",")
                    handle.write(b",".join([*last[:-1], b"twelve"]) + b"\n")
            written = time.perf_counter() - start
            seconds, peak, said = measured(["load", "--kind", kind, "--dry-run", "--max-mb", "100000", str(path)],
                                           warehouse)
            flag = " OVER" if peak > BOUND_MB else ""
            over = over or bool(flag)
            label = f"{kind} (last row broken)" if broken else kind
            print(f"{label:<34} {rows:>11,} {written:>8.1f} {seconds:>8.1f} {peak:>8.0f}{flag}  {said}",
                  flush=True)
            path.unlink()
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
