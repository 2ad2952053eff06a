"""Benchmarks of the foundation: build time, page script time, time to first chart, map payload size.

Run: .venv/bin/python bench/benchmark.py [--sources ../shared/data] [--runs 5]
Prints medians (and min/max) of several runs; it is not a test and asserts nothing.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
from pathlib import Path

from harness import CHROMIUM, ROOT, arguments, chromium, navigation_times, page_times, serve, summary, timed

sys.path.insert(0, str(ROOT))  # the repository, for jdp_analytics

from jdp_analytics.warehouse.build import build  # noqa: E402

PAGES = ["pages/overview.py", "pages/data_sources.py"]


def bench_build(sources: Path | None, runs: int, folder: Path) -> Path:
    out = folder / ("full.duckdb" if sources else "reference.duckdb")
    times, _ = timed(lambda: build(out, sources, progress=lambda _: None), runs)
    summary(f"build {'--sources ' + str(sources) if sources else '(embedded reference set)'}", times, "s")
    return out


def bench_pages(warehouse: Path, runs: int) -> None:
    for page in PAGES:
        for query in ({"county": "all"}, {"county": "043"}):
            cold, warm = page_times(warehouse, page, query, runs, clear_page_cache=False)
            summary(f"AppTest {page} county={query['county']} cold", cold)
            summary(f"AppTest {page} county={query['county']} warm", warm)


def map_payload(warehouse: Path) -> None:
    from jdp_analytics.common import measures
    from jdp_analytics.geography import maps
    from jdp_analytics.overview import views as overview_views
    from jdp_analytics.warehouse.queries import Warehouse

    wh = Warehouse(warehouse, include_demo=True)  # the generated rows: what the pages draw with the switch on
    counties = wh.query("counties")
    values = overview_views.measure_values(wh.query("county_measures", fiscal_year="2024/25"), counties,
                                           "absorption_pct")
    measure = measures.measures(wh.query("indicators"))["absorption_pct"]
    deck = maps.county_deck(wh.query("county_boundaries"), values, measure)
    print(f"{'county map (pydeck JSON sent to the browser)':62s} {maps.geojson_size(deck) / 1024:8.1f} KB")
    grid = maps.tile_grid(values, counties, measure)
    print(f"{'tile grid (plotly JSON)':62s} {len(grid.to_json()) / 1024:8.1f} KB")


def bench_browser(warehouse: Path, runs: int) -> None:
    if not CHROMIUM.exists():
        print("browser: skipped (no /usr/bin/chromium)")
        return
    # the pages as they draw generated rows
    with serve(warehouse, env={"JDP_DEMO": "on"}) as url, chromium() as browser:
        for target, selector in (("?county=043", ".js-plotly-plot"),
                                 ("?county=043", '[data-testid="stDeckGlJsonChart"] canvas'),
                                 ("data_sources", '[data-testid="stDataFrame"]')):
            times, sizes = navigation_times(browser, f"{url}/{target}", selector, runs)
            summary(f"Chromium: navigation to first {selector.split()[0][:26]} ({target})", times, "s")
            kib = statistics.median(sizes) / 1024
            print(f"{'   websocket bytes received by the page':62s} median {kib:8.1f} KB")


def main() -> None:
    args = arguments(__doc__, runs=5, sources=True).parse_args()
    with tempfile.TemporaryDirectory() as folder:
        reference = bench_build(None, args.runs, Path(folder))
        full = bench_build(args.sources, args.runs, Path(folder)) if args.sources else reference
        map_payload(full)
        bench_pages(full, args.runs)
        bench_browser(full, args.runs)


if __name__ == "__main__":
    main()
