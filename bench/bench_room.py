"""How fast each page shows its first chart, against a bare Streamlit app with one st.plotly_chart, side by side.

Run: .venv/bin/python bench/bench_room.py [--runs 5] [--pages ,budget] [--county 002]
Builds the reference warehouse in a temporary folder, serves the app and bench/bare_app.py on two local ports,
and visits them in turn (a fresh browser context per visit, Debian's Chromium through Playwright): the time from
navigation to the first visible plotly chart or map canvas. Then, on each loaded page, a county change in the
sidebar, timed to the end of the rerun (Streamlit's script_finished message, then a drawn chart), against the
same change in the bare app. Prints medians and the ratio of each page to the bare app. Both are measured in
the same run, interleaved, because the machine is shared.
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
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.harness import script_runs_finished  # noqa: E402
from jdp_analytics.warehouse.build import build  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
# Every page that draws a chart or map (the others show tables and text only).
PAGES = ["", "participation", "budget", "budget_composition", "sdg_explorer", "progress", "programme_finance"]
# The first chart drawn: a plotly chart or a map canvas with a size (not in a hidden tab, not a skeleton).
FIRST_CHART = ".js-plotly-plot .main-svg, [data-testid='stDeckGlJsonChart'] canvas"
DRAWN_JS = """(sel) => [...document.querySelectorAll(sel)].some(e => {
    const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0; })"""
IDLE_JS = "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve(script: str, env: dict) -> tuple[subprocess.Popen, str]:
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "streamlit", "run", script, "--server.headless", "true",
                               "--server.port", str(port), "--server.address", "127.0.0.1",
                               "--browser.gatherUsageStats", "false"], cwd=ROOT, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2):
                return server, url
        except OSError:
            time.sleep(0.3)
    server.kill()
    raise SystemExit(f"{script} did not start")


def visit(browser, url: str, change: str | None) -> tuple[float, float | None]:
    """Return (seconds to the first drawn chart, seconds for a county change to rerun or None)."""
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    finished = script_runs_finished(page)  # when the server said a script run was over
    try:
        start = time.perf_counter()
        page.goto(url)
        page.wait_for_function(DRAWN_JS, arg=FIRST_CHART, timeout=90000, polling=50)
        first = time.perf_counter() - start
        if change is None:
            return first, None
        page.wait_for_function(IDLE_JS, timeout=90000)
        time.sleep(0.5)
        scope = page.get_by_test_id("stSidebar") if page.get_by_test_id("stSidebar").count() else page
        # The County picker by its label: the sidebar's first box is the language switch (English / Kiswahili).
        scope.get_by_test_id("stSelectbox").filter(has=page.get_by_text("County", exact=True)).first.click()
        page.keyboard.type(change)
        page.get_by_role("option").first.wait_for()
        start = time.perf_counter()
        page.keyboard.press("Enter")
        for _ in range(3000):  # the rerun is over when its script has finished and the first chart is drawn
            if any(t > start for t in finished):
                break
            page.wait_for_timeout(20)
        page.wait_for_function(DRAWN_JS, arg=FIRST_CHART, timeout=90000, polling=50)
        return first, time.perf_counter() - start
    finally:
        context.close()


def main() -> None:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--pages", default=",".join(PAGES), help="url paths; the Overview is the empty one")
    parser.add_argument("--county", default="002", help="the county in the URL; the change goes to Embu")
    args = parser.parse_args()
    pages = args.pages.split(",")
    with tempfile.TemporaryDirectory() as folder:
        warehouse = Path(folder) / "jdp.duckdb"
        build(warehouse, None, progress=lambda _: None)
        env = {**os.environ, "JDP_WAREHOUSE": str(warehouse), "JDP_DEMO": "on"}
        app, app_url = serve("app.py", env)
        bare, bare_url = serve("bench/bare_app.py", env)
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                targets = {"bare app": f"{bare_url}/"}
                targets |= {p or "overview": f"{app_url}/{p}?county={args.county}&fy=2023/24" for p in pages}
                for url in targets.values():  # warm the servers' caches once: the room sees a running app
                    visit(browser, url, None)
                first = {name: [] for name in targets}
                rerun = {name: [] for name in targets}
                for _ in range(args.runs):  # interleaved, so load from other agents falls on all alike
                    for name, url in targets.items():
                        try:
                            seconds, change = visit(browser, url, "Embu")
                        except Exception as err:  # noqa: BLE001 - a visit stuck past 90 s is dropped and counted
                            print(f"{name}: visit dropped ({type(err).__name__})", flush=True)
                            continue
                        first[name].append(seconds)
                        rerun[name].append(change)
                browser.close()
        finally:
            for server in (app, bare):
                server.terminate()
                server.wait(timeout=20)
    print(f"{args.runs} runs, 1280x720, fresh context per visit, bare app and pages interleaved in one run.")
    report(first, rerun, "page")


def report(first: dict[str, list[float]], rerun: dict[str, list[float]], heading: str) -> None:
    """Print each target's medians (first chart, county change) and their ratios to the bare app's."""
    base_first, base_rerun = statistics.median(first["bare app"]), statistics.median(rerun["bare app"])
    print(f"{heading:22s} {'first chart':>12s} {'ratio':>6s} {'county change':>14s} {'ratio':>6s}")
    for name in first:
        f, r = statistics.median(first[name]), statistics.median(rerun[name])
        print(f"{name:22s} {f:10.2f} s {f / base_first:5.2f}x {r:12.2f} s {r / base_rerun:5.2f}x", flush=True)


if __name__ == "__main__":
    main()
