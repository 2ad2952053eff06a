"""What every benchmark script shares: the printed summary line, the AppTest cold/warm loop, the served app and the
headless Chromium. The scripts say what they measure; this module says how.

A script in bench/ imports it as `from harness import ...` (`python bench/<script>.py` puts bench/ on sys.path);
the browser tests import it as `bench.harness`, so the app is served and Chromium launched the same way in both.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "app.py"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]


def arguments(description: str, runs: int, sources: bool = False) -> argparse.ArgumentParser:
    """The options every benchmark takes: --runs (how many runs a median is taken over) and, with `sources`,
    --sources (a folder of public source files to build from; the embedded reference set without it)."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--runs", type=int, default=runs)
    if sources:
        parser.add_argument("--sources", type=Path, default=None)
    return parser


def script_runs_finished(page) -> list[float]:
    """Return a list that fills with the times (perf_counter) at which the server told this browser page that a
    script run was over (Streamlit's script_finished message on the page's websocket)."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    finished: list[float] = []

    def on_frame(payload) -> None:
        if isinstance(payload, bytes):
            message = ForwardMsg()
            message.ParseFromString(payload)
            if message.WhichOneof("type") == "script_finished":
                finished.append(time.perf_counter())

    page.on("websocket", lambda socket: socket.on("framereceived", on_frame))
    return finished


def peak_mb() -> float:
    """This process's peak resident memory (VmHWM), in MB. Not ru_maxrss: a child started by fork keeps its parent's
    ru_maxrss across exec, so a benchmark child of a parent that built a warehouse reported the parent's memory."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def summary(label: str, seconds: list[float], unit: str = "ms") -> None:
    """Print one line: the label, the median of `seconds` in `unit` ("ms" or "s"), min, max and the run count."""
    scale = 1000 if unit == "ms" else 1
    print(f"{label:62s} median {statistics.median(seconds) * scale:8.1f} {unit}   "
          f"(min {min(seconds) * scale:.1f}, max {max(seconds) * scale:.1f}, n={len(seconds)})", flush=True)


def timed(function: Callable[[], object], runs: int) -> tuple[list[float], object]:
    """Call `function` `runs` times; return the seconds of each call and the last result."""
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return times, result


def page_times(warehouse: Path, page: str, params: dict[str, str], runs: int, timeout: float = 120,
               clear_page_cache: bool = True, check: Callable | None = None) -> tuple[list[float], list[float]]:
    """Time a page's script in Streamlit's AppTest over `warehouse`: (cold, warm) seconds of `runs` runs each.

    Cold: every cache cleared, the app opened with `params` as its query string, then the switch to `page` timed
    (with `clear_page_cache`, the data cache is cleared again after the first run so the page's own queries are
    cold too, not only the sidebar's). Warm: the same session rerun, what a user's next click costs. Each run must
    end without an exception; `check(at)`, when given, may assert more.
    """
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    os.environ["JDP_WAREHOUSE"] = str(warehouse)
    os.environ["JDP_DEMO"] = "on"  # the pages as they draw the generated rows (the national lines are generated)
    cold, warm = [], []
    for _ in range(runs):
        st.cache_data.clear()
        st.cache_resource.clear()
        at = AppTest.from_file(str(APP), default_timeout=timeout)
        for key, value in params.items():
            at.query_params[key] = value
        at.run()
        if clear_page_cache:
            st.cache_data.clear()
        start = time.perf_counter()
        at.switch_page(page).run()
        cold.append(time.perf_counter() - start)
        assert not at.exception, [e.message for e in at.exception]
        if check is not None:
            check(at)
        start = time.perf_counter()
        at.run()
        warm.append(time.perf_counter() - start)
        assert not at.exception, [e.message for e in at.exception]
    return cold, warm


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def serve(warehouse: Path, env: dict[str, str] | None = None, wait: float = 60,
          return_process: bool = False) -> Iterator[str]:
    """Run `streamlit run app.py` on 127.0.0.1 over `warehouse`; yield its address once it answers (with
    `return_process`, the address and the server's Popen); stop it after."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true", "--server.port", str(port),
         "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env={**os.environ, "JDP_WAREHOUSE": str(warehouse), **(env or {})},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2):
                    break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError(f"streamlit did not answer its health check within {wait:.0f} s") from None
                time.sleep(0.3)
        yield (url, server) if return_process else url
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


@contextmanager
def chromium() -> Iterator[object]:
    """Launch Debian's headless Chromium through Playwright with the standard arguments; close it afterwards."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def navigation_times(browser, url: str, selector: str, runs: int, viewport: dict | None = None,
                     timeout: float = 60_000, until_idle: bool = False) -> tuple[list[float], list[int]]:
    """Open `url` in a fresh page `runs` times; return the seconds until `selector` appeared and the bytes of the
    websocket frames the page received until it settled (Streamlit's running indicator gone if `until_idle`,
    then 1.5 s)."""
    times, sizes = [], []
    for _ in range(runs):
        page = browser.new_page(viewport=viewport)
        received: list[int] = []
        page.on("websocket", lambda ws, received=received: ws.on(
            "framereceived", lambda payload: received.append(len(payload))))
        start = time.perf_counter()
        page.goto(url)
        page.wait_for_selector(selector, timeout=timeout)
        times.append(time.perf_counter() - start)
        if until_idle:
            page.wait_for_function("!document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=timeout)
        page.wait_for_timeout(1500)
        sizes.append(sum(received))
        page.close()
    return times, sizes
