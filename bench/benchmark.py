"""Benchmarks of the foundation: build time, page script time, time to first chart, map payload size.

Run: .venv/bin/python bench/benchmark.py [--sources ../shared/data] [--runs 5]
Prints medians (and min/max) of several runs; it is not a test and asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from jdp_analytics.warehouse.build import build  # noqa: E402

PAGES = ["pages/overview.py", "pages/data_sources.py"]


def summary(label: str, seconds: list[float], unit: str = "s") -> None:
    scale = 1000 if unit == "ms" else 1
    print(f"{label:58s} median {statistics.median(seconds) * scale:8.1f} {unit}   "
          f"(min {min(seconds) * scale:.1f}, max {max(seconds) * scale:.1f}, n={len(seconds)})")


def bench_build(sources: Path | None, runs: int, folder: Path) -> Path:
    times, out = [], folder / ("full.duckdb" if sources else "reference.duckdb")
    for _ in range(runs):
        start = time.perf_counter()
        build(out, sources, progress=lambda _: None)
        times.append(time.perf_counter() - start)
    summary(f"build {'--sources ' + str(sources) if sources else '(embedded reference set)'}", times)
    return out


def bench_pages(warehouse: Path, runs: int) -> None:
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    os.environ["JDP_WAREHOUSE"] = str(warehouse)
    for page in PAGES:
        for query in ({"county": "all"}, {"county": "043"}):
            cold, warm = [], []
            for _ in range(runs):
                st.cache_data.clear()
                st.cache_resource.clear()
                at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
                for key, value in query.items():
                    at.query_params[key] = value
                at.run()
                start = time.perf_counter()
                at.switch_page(page).run()
                cold.append(time.perf_counter() - start)
                start = time.perf_counter()
                at.run()
                warm.append(time.perf_counter() - start)
                assert not at.exception, [e.message for e in at.exception]
            summary(f"AppTest {page} county={query['county']} cold", cold, "ms")
            summary(f"AppTest {page} county={query['county']} warm", warm, "ms")


def map_payload(warehouse: Path) -> None:
    from jdp_analytics.common import measures
    from jdp_analytics.geography import maps
    from jdp_analytics.overview import views as overview_views
    from jdp_analytics.warehouse.queries import Warehouse

    wh = Warehouse(warehouse)
    counties = wh.query("counties")
    values = overview_views.measure_values(wh.query("county_measures", fiscal_year="2024/25"), counties,
                                           "absorption_pct")
    measure = measures.measures(wh.query("indicators"))["absorption_pct"]
    deck = maps.county_deck(wh.query("county_boundaries"), values, measure)
    print(f"{'county map (pydeck JSON sent to the browser)':58s} {maps.geojson_size(deck) / 1024:8.1f} KB")
    grid = maps.tile_grid(values, counties, measure)
    print(f"{'tile grid (plotly JSON)':58s} {len(grid.to_json()) / 1024:8.1f} KB")


@contextmanager
def serve(warehouse: Path) -> Iterator[str]:
    """Run the app on a free port over `warehouse` and yield its address once it answers; stop it afterwards."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {**os.environ, "JDP_WAREHOUSE": str(warehouse)}
    server = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
                               "--server.headless", "true"], cwd=ROOT, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"{url}/_stcore/health", timeout=2)
                break
            except OSError:
                time.sleep(0.5)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=20)


def bench_browser(warehouse: Path, runs: int) -> None:
    from playwright.sync_api import sync_playwright

    if not Path("/usr/bin/chromium").exists():
        print("browser: skipped (no /usr/bin/chromium)")
        return
    with serve(warehouse) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium",
                                    args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        for target, selector in (("?county=043", ".js-plotly-plot"),
                                 ("?county=043", '[data-testid="stDeckGlJsonChart"] canvas'),
                                 ("data_sources", '[data-testid="stDataFrame"]')):
            times, sizes = [], []
            for _ in range(runs):
                page = browser.new_page()
                received = []
                page.on("websocket", lambda ws, received=received: ws.on(
                    "framereceived", lambda payload: received.append(len(payload))))
                start = time.perf_counter()
                page.goto(f"{url}/{target}")
                page.wait_for_selector(selector, timeout=60_000)
                times.append(time.perf_counter() - start)
                page.wait_for_timeout(1500)
                sizes.append(sum(received))
                page.close()
            summary(f"Chromium: navigation to first {selector.split()[0][:26]} ({target})", times)
            kib = statistics.median(sizes) / 1024
            print(f"{'   websocket bytes received by the page':58s} median {kib:8.1f} KB")
        browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sources", type=Path, default=None)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        reference = bench_build(None, args.runs, Path(folder))
        full = bench_build(args.sources, args.runs, Path(folder)) if args.sources else reference
        map_payload(full)
        bench_pages(full, args.runs)
        bench_browser(full, args.runs)


if __name__ == "__main__":
    main()
