"""Where a page's time goes before its content: the app's frame built up in steps, against the bare app.

Run: .venv/bin/python bench/bench_frame.py [--runs 5] [--pages ,budget]
Serves bench/bare_app.py, bench/frame_app.py at each step (the county picker in the sidebar; + page setup and the
16-link navigation; + the app's own sidebar, style rules and URL sync), and the app's pages, and measures each as
bench_room.py does (a fresh browser context per visit: navigation to the first drawn chart, then a county change
to the end of its rerun). Prints medians and the ratios to the bare app; what a step adds is the difference to the
line above it, and what a page adds beyond `frame` is its own content.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.bench_room import CHROMIUM, CHROMIUM_ARGS, report, serve, visit  # noqa: E402
from jdp_analytics.warehouse.build import build  # noqa: E402

STEPS = ["sidebar", "navigation", "frame", "cards", "tabs", "figure", "page"]


def main() -> None:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--steps", default=",".join(STEPS))
    parser.add_argument("--pages", default=",budget", help="the app's url paths to compare; the Overview is ''")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        warehouse = Path(folder) / "jdp.duckdb"
        build(warehouse, None, progress=lambda _: None)
        env = {**os.environ, "JDP_WAREHOUSE": str(warehouse), "JDP_DEMO": "on"}
        servers = {"bare app": serve("bench/bare_app.py", env)}
        servers |= {step: serve("bench/frame_app.py", {**env, "JDP_FRAME": step}) for step in args.steps.split(",")}
        app = serve("app.py", env)
        targets = {name: f"{url}/?county=002&fy=2023/24" for name, (_server, url) in servers.items()}
        targets |= {f"page {p or 'overview'}": f"{app[1]}/{p}?county=002&fy=2023/24" for p in args.pages.split(",")}
        first = {name: [] for name in targets}
        rerun = {name: [] for name in targets}
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                for url in targets.values():  # warm the servers once
                    visit(browser, url, None)
                for _ in range(args.runs):  # interleaved, so the machine's other load falls on all alike
                    for name, url in targets.items():
                        seconds, change = visit(browser, url, "Embu")
                        first[name].append(seconds)
                        rerun[name].append(change)
                browser.close()
        finally:
            for server, _url in [*servers.values(), app]:
                server.terminate()
                server.wait(timeout=20)
    print(f"{args.runs} runs, 1280x720, fresh context per visit, all interleaved in one run.")
    report(first, rerun, "step or page")

if __name__ == "__main__":
    main()
