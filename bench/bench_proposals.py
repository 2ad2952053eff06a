"""Benchmark of the From proposals to budget page's view model and of generating its demonstration rows.

Run: .venv/bin/python bench/bench_proposals.py [--runs 5]
Prints medians (and min/max); it is not a test and asserts nothing.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from jdp_analytics.proposals import demo, views  # noqa: E402
from jdp_analytics.warehouse.build import build  # noqa: E402
from jdp_analytics.warehouse.queries import Warehouse  # noqa: E402


def summary(label: str, seconds: list[float]) -> None:
    print(f"{label:62s} median {statistics.median(seconds) * 1000:8.1f} ms   "
          f"(min {min(seconds) * 1000:.1f}, max {max(seconds) * 1000:.1f}, n={len(seconds)})")


def timed(runs: int, fn) -> list[float]:
    out = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        out.append(time.perf_counter() - started)
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "jdp.duckdb"
        build(path, None, progress=lambda _: None)
        warehouse = Warehouse(path, include_demo=True)
        events = warehouse.table("fact_participation_event")
        lines, wards = warehouse.table("fact_budget_line"), warehouse.table("dim_ward")
        print(f"{len(warehouse.table('fact_proposal')):,} demonstration proposals")
        summary("generate the demonstration proposals, projects and links",
                timed(runs, lambda: demo.generate(events, lines, wards)))
        summary("view model, Homa Bay FY 2024/25", timed(runs, lambda: views.proposals_view(warehouse.query, "043",
                                                                                             "2024/25")))
        summary("view model, All 47 FY 2024/25", timed(runs, lambda: views.proposals_view(warehouse.query, None,
                                                                                           "2024/25")))
        summary("a proposal's trail", timed(runs, lambda: views.proposal_trail(warehouse.query,
                                                                              "DEMO-043-0175-P21")))
        warehouse.close()


if __name__ == "__main__":
    main()
