"""Benchmark of the two budget pages: cold and warm script time for one county and for all 47, and the bytes the
page sends to the browser (websocket frames received by headless Chromium until the page settles).

Run: .venv/bin/python bench/bench_budget.py [--sources ../shared/data] [--runs 5]
Cold = caches cleared, the page's first run; warm = the same session rerun (what a user's next click costs).
Prints medians (and min/max) of several runs; it is not a test and asserts nothing.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
from pathlib import Path

from harness import CHROMIUM, ROOT, arguments, chromium, navigation_times, page_times, serve, summary

sys.path.insert(0, str(ROOT))  # the repository, for jdp_analytics

from jdp_analytics.warehouse.build import build  # noqa: E402

PAGES = ["pages/budget.py", "pages/budget_composition.py"]
VIEWS = ({"county": "002", "fy": "2019/20"}, {"county": "all", "fy": "2023/24"})


def bench_scripts(warehouse: Path, runs: int) -> None:
    for page in PAGES:
        for params in VIEWS:
            cold, warm = page_times(warehouse, page, params, runs)
            summary(f"script {page.split('/')[1]} county={params['county']} cold", cold)
            summary(f"script {page.split('/')[1]} county={params['county']} warm", warm)


def bench_bytes(warehouse: Path, runs: int) -> None:
    # the pages as they draw generated rows
    with serve(warehouse, env={"JDP_DEMO": "on"}) as url, chromium() as browser:
        for page_name in ("budget", "budget_composition"):
            for params in VIEWS:
                target = f"{page_name}?county={params['county']}&fy={params['fy']}"
                times, sizes = navigation_times(browser, f"{url}/{target}", ".js-plotly-plot", runs,
                                                viewport={"width": 1400, "height": 1000}, timeout=180_000,
                                                until_idle=True)
                summary(f"Chromium: navigation to first chart ({target})", times, "s")
                print(f"{'   websocket bytes received by the page':62s} median "
                      f"{statistics.median(sizes) / 1024:8.1f} KB")


def main() -> None:
    args = arguments(__doc__, runs=5, sources=True).parse_args()
    with tempfile.TemporaryDirectory() as folder:
        warehouse = Path(folder) / "jdp.duckdb"
        build(warehouse, args.sources, progress=lambda _: None)
        bench_scripts(warehouse, args.runs)
        if CHROMIUM.exists():
            bench_bytes(warehouse, args.runs)


if __name__ == "__main__":
    main()
