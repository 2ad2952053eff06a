"""Benchmark of the indicator explorer on an indicator with 47 counties × 10 years × 6 disaggregations.

Run: .venv/bin/python bench/bench_sdg_explorer.py [--runs 7]
Builds the reference warehouse in a temporary folder and adds ONE synthetic indicator to that copy only
(BENCH_SYNTH, its source marked is_demo; random.Random(7)): 47 counties and Kenya × 2015–2024 × 6 rows (all,
female, male, urban, rural, with disability) = 2,880 observations. Prints medians (min, max) of several runs of:
the query and view model (no Streamlit), the figures, and the page script in AppTest (cold: caches cleared;
warm: a rerun). It is not a test and asserts nothing about speed.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

import duckdb
import pandas as pd
from harness import ROOT, arguments, page_times, summary

sys.path.insert(0, str(ROOT))  # the repository, for jdp_analytics

from jdp_analytics.geography import maps  # noqa: E402
from jdp_analytics.geography.counties import COUNTIES  # noqa: E402
from jdp_analytics.sdg import charts as sdg_charts  # noqa: E402
from jdp_analytics.sdg import views as sdg_views  # noqa: E402
from jdp_analytics.warehouse.build import build  # noqa: E402
from jdp_analytics.warehouse.queries import Warehouse, forget  # noqa: E402

CODE = "BENCH_SYNTH"
BREAKDOWNS = (("all", "all", "all"), ("female", "all", "all"), ("male", "all", "all"), ("all", "all", "urban"),
              ("all", "all", "rural"), ("all", "with disability", "all"))  # (sex, disability, residence)


def synthetic_warehouse(folder: Path) -> Path:
    """Return a reference warehouse with the synthetic indicator added (demonstration source)."""
    path = folder / "bench.duckdb"
    build(path, None, progress=lambda _: None)
    rng = random.Random(7)
    rows = []
    for geo in ["KE", *COUNTIES]:
        level = rng.uniform(10, 80)
        for year in range(2015, 2025):
            level += rng.uniform(-1, 3)
            for sex, disability, residence in BREAKDOWNS:
                rows.append({"indicator_code": CODE, "geo_code": geo, "county_code": None if geo == "KE" else geo,
                             "ward_code": None, "period": str(year), "sex": sex, "age_group": "all",
                             "disability": disability, "residence": residence, "other_disaggregation": "all",
                             "value": round(level * rng.uniform(0.8, 1.2), 2), "sample_n": None, "note": None,
                             "source_id": "bench_synthetic", "load_id": None})
    con = duckdb.connect(str(path))
    try:
        con.execute("INSERT INTO source (source_id, publisher, title, licence, as_of, is_demo, notes) VALUES "
                    "('bench_synthetic', 'JDP Analytics benchmark', 'Synthetic indicator', 'none', DATE '2024-12-31', "
                    "true, 'Generated for bench/bench_sdg_explorer.py only')")
        con.execute("INSERT INTO dim_indicator (indicator_code, indicator_name, unit, higher_is_better, source_id, "
                    "sdg_goal) VALUES (?, 'Synthetic benchmark indicator', 'percent', true, 'bench_synthetic', 17)",
                    [CODE])
        con.register("incoming", pd.DataFrame(rows))
        con.execute("INSERT INTO fact_indicator_observation SELECT * FROM incoming")
        con.execute("CHECKPOINT")
    finally:
        con.close()
    print(f"synthetic indicator: {len(rows):,} observations (48 places × 10 years × {len(BREAKDOWNS)} rows)")
    return path


def bench_package(path: Path, runs: int) -> None:
    wh = Warehouse(path, include_demo=True)
    counties, catalogue = wh.query("counties"), wh.query("sdg_catalogue")
    row = catalogue.set_index("indicator_code", drop=False).loc[CODE]
    measure = sdg_views.measure_of(row)
    boundaries = wh.query("county_boundaries")
    query, model, figures = [], [], []
    for _ in range(runs):
        start = time.perf_counter()
        observations = wh.query("sdg_observations", indicator_code=CODE, county_code="")
        query.append(time.perf_counter() - start)
        start = time.perf_counter()
        ex = sdg_views.explorer(observations, counties, "043")
        sdg_views.ranking_table(ex, row)
        model.append(time.perf_counter() - start)
        start = time.perf_counter()
        maps.county_deck(boundaries, ex.values, measure, "043").to_json()
        sdg_charts.ranking(ex.values, measure, "043", ex.national, ex.period, ex.source).to_json()
        sdg_charts.trend(ex.trend, measure, ex.place_name, ex.source).to_json()
        sdg_charts.breakdown(ex.breakdown, measure, ex.place_name, ex.period, ex.source).to_json()
        figures.append(time.perf_counter() - start)
    summary("query sdg_observations (one indicator, all places)", query)
    summary("view model: explorer() + ranking table", model)
    summary("figures: map deck JSON + ranking + trend + breakdown JSON", figures)


def bench_page(path: Path, runs: int) -> None:
    def shows_the_indicator(at) -> None:
        assert at.selectbox(key="sdg_indicator").value == CODE

    cold, warm = page_times(path, "pages/sdg_explorer.py", {"county": "043", "indicator": CODE}, runs,
                            clear_page_cache=False, check=shows_the_indicator)
    summary("AppTest pages/sdg_explorer.py county=043, cold (caches cleared)", cold)
    summary("AppTest pages/sdg_explorer.py county=043, warm (rerun)", warm)


def main() -> None:
    args = arguments(__doc__, runs=7).parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = synthetic_warehouse(Path(folder))
        bench_package(path, args.runs)
        bench_page(path, args.runs)
        forget(path)


if __name__ == "__main__":
    main()
