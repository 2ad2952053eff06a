"""Benchmark of the pages at national scale, in one run on one machine (issue 16).

1. The embedded warehouse (built from the reference set) and a national one (`generate --lines N`, default 10 M).
2. Each page's warm rerun (the same session rerun) and its "new selection" rerun (another county: the page's
   views are not cached yet, so every query runs) in Streamlit's AppTest, on each warehouse; a child process per
   warehouse, whose peak memory (VmHWM) is the app's.
3. The line-item figures the Budget page draws (votes, months, economic items of one county and year) computed
   the database way (the page's queries over the roll-ups) and the pandas way (the fact table into a DataFrame,
   filtered and grouped in pandas on every rerun, as many Streamlit apps do), in a child process of its own.

Run: .venv/bin/python bench/bench_national.py [--lines 10000000] [--national FILE] [--runs 5]
     (--national reuses a generated warehouse; otherwise one is generated into a temporary folder).
Prints medians and ratios; it is not a test and asserts nothing (tests/warehouse/test_bench_national.py runs it
at a small N so CI's log carries the figures).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from bench.harness import peak_mb  # noqa: E402

PAGES = ["pages/overview.py", "pages/budget.py", "pages/budget_composition.py", "pages/participation.py"]
FIRST, OTHERS = {"county": "043", "fy": "2023/24"}, ["002", "047", "013", "032", "041", "007", "022"]
COUNTY, YEAR = "043", "2023/24"


def _median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def child_pages(warehouse: Path, runs: int) -> dict:
    """In this process: time each page's warm and new-selection reruns; return medians and peak memory."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    os.environ["JDP_WAREHOUSE"] = str(warehouse)
    os.environ["JDP_DEMO"] = "on"  # the pages as they draw the generated rows (the national lines are generated)
    out = {}
    for page in PAGES:
        st.cache_data.clear()
        st.cache_resource.clear()
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
        for key, value in FIRST.items():
            at.query_params[key] = value
        at.run()
        at.switch_page(page).run()
        warm, new = [], []
        for run in range(runs):
            start = time.perf_counter()
            at.run()
            warm.append(time.perf_counter() - start)
            at.session_state["county"] = OTHERS[run % len(OTHERS)]
            start = time.perf_counter()
            at.run()
            new.append(time.perf_counter() - start)
            if at.exception:
                raise RuntimeError(f"{page}: {[e.message for e in at.exception]}")
        out[page] = {"warm": _median(warm), "new": _median(new)}
    out["peak_mb"] = peak_mb()
    return out


def child_figures(warehouse: Path, runs: int) -> dict:
    """In this process: the Budget page's line-item figures the database way and the pandas way."""
    import duckdb

    from jdp_analytics.budget import line_items
    from jdp_analytics.warehouse.queries import Warehouse

    wh = Warehouse(warehouse, include_demo=True)  # the generated rows: what the pages draw with the switch on
    db, pandas_way = [], []
    for run in range(runs):
        county = [COUNTY, *OTHERS][run % (len(OTHERS) + 1)]
        start = time.perf_counter()
        view = line_items.view(wh.query, county, YEAR)
        db.append(time.perf_counter() - start)
        start = time.perf_counter()
        con = duckdb.connect(str(warehouse), read_only=True)
        lines = con.execute("SELECT * FROM fact_budget_item").df()
        sources = con.execute("SELECT * FROM source").df()
        con.close()
        picked = lines[(lines["county_code"] == county) & (lines["fiscal_year"] == YEAR)].merge(sources,
                                                                                               on="source_id")
        votes = picked.groupby("vote")[["approved_kes", "spent_kes"]].sum().sort_values("approved_kes")
        months = picked.groupby("month")[["approved_kes", "spent_kes"]].sum()
        items = picked.groupby("economic_item")[["approved_kes", "spent_kes"]].sum()
        pandas_way.append(time.perf_counter() - start)
        del lines
        assert abs(votes["approved_kes"].sum() - view.votes["approved_kes"].sum()) <= 1
        assert len(months) == len(view.months) and len(items) == len(view.items)
    return {"db": _median(db), "pandas": _median(pandas_way),
            "peak_mb": peak_mb()}


def _child(kind: str, warehouse: Path, runs: int) -> dict:
    done = subprocess.run([sys.executable, __file__, "--child", kind, "--national", str(warehouse), "--runs",
                           str(runs)], capture_output=True, text=True, cwd=ROOT, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"child {kind} on {warehouse} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lines", type=int, default=10_000_000)
    parser.add_argument("--national", type=Path, help="a generated national warehouse to reuse")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--child", choices=["pages", "figures"], help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        result = (child_pages if args.child == "pages" else child_figures)(args.national, args.runs)
        print(json.dumps(result))
        return result

    from jdp_analytics.warehouse import national
    from jdp_analytics.warehouse.build import build

    with tempfile.TemporaryDirectory() as folder:
        embedded = Path(folder) / "embedded.duckdb"
        build(embedded, None, progress=lambda _: None)
        big = args.national
        if big is None:
            big = Path(folder) / "national.duckdb"
            start = time.perf_counter()
            national.generate(args.lines, big, progress=lambda _: None)
            print(f"generate --lines {args.lines:,}: {time.perf_counter() - start:.1f} s, "
                  f"{big.stat().st_size / 1e6:,.0f} MB")
        import duckdb

        con = duckdb.connect(str(big), read_only=True)
        lines = con.execute("SELECT count(*) FROM fact_budget_item").fetchone()[0]
        con.close()
        print(f"national warehouse: {big} ({lines:,} budget lines); runs per figure: {args.runs}")
        small = _child("pages", embedded, args.runs)
        large = _child("pages", big, args.runs)
        print(f"{'page':34s} {'warm embedded':>14s} {'warm national':>14s} {'ratio':>6s} "
              f"{'new sel. emb.':>14s} {'new sel. nat.':>14s} {'ratio':>6s}")
        ratios = {}
        for page in PAGES:
            a, b = small[page], large[page]
            ratios[page] = b["warm"] / a["warm"]
            print(f"{page:34s} {a['warm'] * 1000:11.0f} ms {b['warm'] * 1000:11.0f} ms {ratios[page]:6.2f} "
                  f"{a['new'] * 1000:11.0f} ms {b['new'] * 1000:11.0f} ms {b['new'] / a['new']:6.2f}")
        print(f"app peak memory (AppTest process, all pages): embedded {small['peak_mb']:,.0f} MB, "
              f"national {large['peak_mb']:,.0f} MB")
        figures = _child("figures", big, args.runs)
        speedup = figures["pandas"] / figures["db"]
        print(f"line-item figures of one county and year: database {figures['db'] * 1000:.1f} ms, pandas way "
              f"{figures['pandas'] * 1000:,.0f} ms ({speedup:,.0f}x slower; pandas process peak "
              f"{figures['peak_mb']:,.0f} MB)")
        return {"ratios": ratios, "speedup": speedup, "peak_mb": large["peak_mb"]}


if __name__ == "__main__":
    main()
