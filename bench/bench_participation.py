"""Benchmark of the Participation and Social accountability pages: script time, cold and warm, with the
demonstration events (1,614) and with 200,000 events spread over every ward of the 47 counties.

Run: .venv/bin/python bench/bench_participation.py [--runs 5] [--events 200000]
Prints medians (and min/max); it is not a test and asserts nothing.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
from harness import ROOT, arguments, page_times, summary

sys.path.insert(0, str(ROOT))  # the repository, for jdp_analytics

from jdp_analytics.participation.tables import BUDGET_STAGES  # noqa: E402
from jdp_analytics.warehouse.build import build  # noqa: E402

PAGES = ["pages/participation.py", "pages/accountability.py"]


def add_events(warehouse: Path, count: int, seed: int = 7) -> None:
    """Replace the events with `count` synthetic ones over every ward, FY2023/24 and FY2024/25 (bench only)."""
    from jdp_analytics.warehouse.queries import forget

    forget(warehouse)  # the pages' read-only connection must close before a writer opens the file
    rng = np.random.default_rng(seed)
    con = duckdb.connect(str(warehouse))
    wards = con.execute("SELECT ward_code, county_code FROM dim_ward ORDER BY ward_code").df()
    pick = rng.integers(0, len(wards), count)
    total = rng.integers(10, 300, count)
    women = (total * rng.uniform(0.25, 0.6, count)).astype(int)
    received = rng.integers(0, 50, count)
    days = rng.integers(0, 730, count)
    frame = pd.DataFrame({
        "event_id": [f"BENCH-{i:07d}" for i in range(count)],
        "event_date": pd.Timestamp("2023-07-01") + pd.to_timedelta(days, unit="D"),
        "county_code": wards["county_code"].to_numpy()[pick], "ward_code": wards["ward_code"].to_numpy()[pick],
        "venue": None, "budget_stage": np.array(BUDGET_STAGES)[rng.integers(0, len(BUDGET_STAGES), count)],
        "sectors": None, "organiser": None, "documents_shared": rng.random(count) < 0.7,
        "documents_shared_days_before": rng.integers(1, 21, count), "attendance_women": women,
        "attendance_men": total - women, "attendance_total": total, "attendance_youth": (total * 0.3).astype(int),
        "attendance_pwd": (total * 0.03).astype(int), "proposals_received": received,
        "proposals_adopted": (received * rng.uniform(0, 1, count)).astype(int),
        "feedback_date": pd.Timestamp("2023-07-01") + pd.to_timedelta(days + 30, unit="D"),
        "source_id": "demo_participation_events", "load_id": None})
    con.execute("DELETE FROM fact_participation_event")
    con.register("incoming", frame)
    con.execute("INSERT INTO fact_participation_event SELECT * FROM incoming")
    con.execute("CHECKPOINT")
    con.close()


def bench_pages(warehouse: Path, runs: int, label: str) -> None:
    for page in PAGES:
        for county in ("043", "all"):
            cold, warm = page_times(warehouse, page, {"county": county, "fy": "2024/25"}, runs, timeout=300,
                                    clear_page_cache=False)
            summary(f"{label}: {page} county={county} cold", cold)
            summary(f"{label}: {page} county={county} warm", warm)


def main() -> None:
    parser = arguments(__doc__.splitlines()[0], runs=5)
    parser.add_argument("--events", type=int, default=200_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        warehouse = Path(folder) / "jdp.duckdb"
        build(warehouse, None, progress=lambda _: None)
        bench_pages(warehouse, args.runs, "1,614 demo events")
        add_events(warehouse, args.events)
        bench_pages(warehouse, args.runs, f"{args.events:,} events")


if __name__ == "__main__":
    main()
