"""Benchmark of the two budget pages: cold and warm script time for one county and for all 47, and the bytes the
page sends to the browser (websocket frames received by headless Chromium until the page settles).

Run: .venv/bin/python bench/bench_budget.py [--sources ../shared/data] [--runs 5]
Cold = caches cleared, the page's first run; warm = the same session rerun (what a user's next click costs).
Prints medians (and min/max) of several runs; it is not a test and asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from benchmark import serve, summary  # noqa: E402

from jdp_analytics.warehouse.build import build  # noqa: E402

PAGES = ["pages/budget.py", "pages/budget_composition.py"]
VIEWS = ({"county": "002", "fy": "2019/20"}, {"county": "all", "fy": "2023/24"})


def bench_scripts(warehouse: Path, runs: int) -> None:
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    os.environ["JDP_WAREHOUSE"] = str(warehouse)
    for page in PAGES:
        for params in VIEWS:
            cold, warm = [], []
            for _ in range(runs):
                st.cache_data.clear()
                st.cache_resource.clear()
                at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
                for key, value in params.items():
                    at.query_params[key] = value
                at.run()
                st.cache_data.clear()  # the page's own queries cold too, not only the sidebar's
                start = time.perf_counter()
                at.switch_page(page).run()
                cold.append(time.perf_counter() - start)
                start = time.perf_counter()
                at.run()
                warm.append(time.perf_counter() - start)
                assert not at.exception, [e.message for e in at.exception]
            summary(f"script {page.split('/')[1]} county={params['county']} cold", cold, "ms")
            summary(f"script {page.split('/')[1]} county={params['county']} warm", warm, "ms")


def bench_bytes(warehouse: Path, runs: int) -> None:
    from playwright.sync_api import sync_playwright

    with serve(warehouse) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium",
                                    args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        for page_name in ("budget", "budget_composition"):
            for params in VIEWS:
                target = f"{page_name}?county={params['county']}&fy={params['fy']}"
                times, sizes = [], []
                for _ in range(runs):
                    page = browser.new_page(viewport={"width": 1400, "height": 1000})
                    received = []
                    page.on("websocket", lambda ws, received=received: ws.on(
                        "framereceived", lambda payload: received.append(len(payload))))
                    start = time.perf_counter()
                    page.goto(f"{url}/{target}")
                    page.wait_for_selector(".js-plotly-plot", timeout=180_000)
                    times.append(time.perf_counter() - start)
                    page.wait_for_function("!document.querySelector('[data-testid=\"stStatusWidget\"]')",
                                           timeout=180_000)
                    page.wait_for_timeout(1500)
                    sizes.append(sum(received))
                    page.close()
                summary(f"Chromium: navigation to first chart ({target})", times)
                print(f"{'   websocket bytes received by the page':58s} median "
                      f"{statistics.median(sizes) / 1024:8.1f} KB")
        browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sources", type=Path, default=None)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        warehouse = Path(folder) / "jdp.duckdb"
        build(warehouse, args.sources, progress=lambda _: None)
        bench_scripts(warehouse, args.runs)
        if Path("/usr/bin/chromium").exists():
            bench_bytes(warehouse, args.runs)


if __name__ == "__main__":
    main()
