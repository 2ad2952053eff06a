"""Many people at once: N concurrent sessions on one app server, each walking the pages as a user does.

Each session is a real Streamlit client on the app's websocket (`/_stcore/stream`, the protocol the browser speaks):
it asks for a page with a county and year in the query string, reads the server's messages until the script
finished, then asks for the next page, changing county as it goes. What is timed is the server's answer (script
run, queries, figures serialised and sent), not the browser's drawing. Printed: median, p95 and max seconds per
page view over all sessions, views per second, exception boxes and failed views, and the server's peak memory.

    python bench/bench_sessions.py --sessions 20 --views 6                 # the embedded warehouse
    python bench/bench_sessions.py --sessions 20 --warehouse national.duckdb   # e.g. a 10 M-line warehouse

With --browser, one real browser (Debian's Chromium) walks the same pages while the crowd runs, as the user in
front of the projector would: the time from navigation to the page drawn (its script finished, nothing running,
its first chart or map on screen where it has one), and from a county change in the sidebar to the same. It is
the user's view of a busy server, measured in the same run as the server's answers.
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import threading
import time
from pathlib import Path

import websockets
from harness import ROOT, arguments, chromium, script_runs_finished, serve
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

sys.path.insert(0, str(ROOT))
from jdp_analytics.geography.counties import COUNTIES, JDP_TARGETS  # noqa: E402
from jdp_analytics.warehouse.build import ensure_warehouse  # noqa: E402
from jdp_analytics.warehouse.paths import DEFAULT_WAREHOUSE  # noqa: E402

CHANGES = 3  # views per page: one opening it, then two county changes in the sidebar
PAGES = ["overview", "budget", "participation", "budget_composition", "sdg_explorer", "progress", "proposals",
         "accountability"]


async def view(ws, page: str, query: str, timeout: float, widgets: dict, county: str | None = None
               ) -> tuple[float, int]:
    """Ask for one page (or, with `county`, change the sidebar's county on it as a user does); return seconds until
    the script finished and the number of exception boxes sent. `widgets` collects the selectboxes seen
    (id → options), so that a county change can name the county picker's widget and its option."""
    message = BackMsg()
    message.rerun_script.query_string = query
    message.rerun_script.page_name = "" if page == "overview" else page  # the default page is the app's root
    if county is not None:
        picker = next(i for i in widgets if i.endswith("-county"))
        state = message.rerun_script.widget_states.widgets.add()
        state.id = picker
        state.string_value = next(o for o in widgets[picker] if o.startswith(COUNTIES[county]))
    start = time.perf_counter()
    await ws.send(message.SerializeToString())
    exceptions = 0
    elements = 0
    named = county is None
    while True:
        raw = await asyncio.wait_for(ws.recv(), timeout)
        forward = ForwardMsg()
        forward.ParseFromString(raw)
        kind = forward.WhichOneof("type")
        if kind == "page_not_found":
            raise LookupError(f"no page {page!r}")
        if kind == "delta" and forward.delta.WhichOneof("type") == "new_element":
            elements += 1
            element = forward.delta.new_element
            exceptions += element.WhichOneof("type") == "exception"
            kind_of = element.WhichOneof("type")
            text = element.heading.body if kind_of == "heading" else element.markdown.body if kind_of == "markdown" \
                else ""
            named = named or (county is not None and COUNTIES[county] in text)
            if element.WhichOneof("type") == "selectbox":
                widgets[element.selectbox.id] = list(element.selectbox.options)
        if kind == "script_finished" and forward.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
            if elements < 5:
                raise LookupError(f"{page!r} sent only {elements} element(s)")
            if not named:
                raise LookupError(f"{page!r}: no heading or text names {COUNTIES[county]} after the county change")
            return time.perf_counter() - start, exceptions


async def session(url: str, number: int, views: int, timeout: float, results: list, errors: list,
                  think: float = 0) -> None:
    address = url.replace("http://", "ws://") + "/_stcore/stream"
    try:
        async with websockets.connect(address, subprotocols=["streamlit"], max_size=None,
                                      origin=url) as ws:
            widgets: dict = {}
            for step in range(views):
                page = PAGES[(number + step // CHANGES) % len(PAGES)]
                county = JDP_TARGETS[(number + step) % len(JDP_TARGETS)]
                change = step % CHANGES != 0  # the first view of a page opens it; the next ones change county
                if think and step:
                    await asyncio.sleep(think * (0.5 + ((number * 7 + step * 3) % 10) / 10))  # a reader, ±50 %
                try:
                    seconds, exceptions = await view(ws, page, f"county={county}&fy=2023/24", timeout, widgets,
                                                     county if change else None)
                    results.append((("county change on " if change else "open ") + page, seconds))
                    if exceptions:
                        errors.append(f"session {number}: {page} for {county} showed {exceptions} exception(s)")
                except LookupError as err:
                    errors.append(f"session {number}: {err}")
                except TimeoutError:
                    errors.append(f"session {number}: {page} for {county} did not finish in {timeout:.0f} s")
                    return
    except (OSError, websockets.WebSocketException) as err:
        errors.append(f"session {number}: {err}")


# A page is drawn when its script has finished, nothing is running and, where it has one, its first chart is shown.
DRAWN_JS = """() => !document.querySelector('[data-testid="stStatusWidget"]') && (
    !document.querySelector('.js-plotly-plot, [data-testid="stDeckGlJsonChart"]') ||
    [...document.querySelectorAll('.js-plotly-plot .main-svg, [data-testid="stDeckGlJsonChart"] canvas')].some(
        e => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0; }))"""


def browser_walk(url: str, stop: threading.Event, results: list, errors: list, timeout: float) -> None:
    """One Chromium user beside the crowd: open each page, then change its county in the sidebar, until `stop`."""
    from playwright.sync_api import Error as PlaywrightError

    with chromium() as browser:
        step = 0
        while not stop.is_set():
            page_name = PAGES[step % len(PAGES)]
            county, other = JDP_TARGETS[step % len(JDP_TARGETS)], JDP_TARGETS[(step + 3) % len(JDP_TARGETS)]
            step += 1
            context = browser.new_context(viewport={"width": 1280, "height": 720})
            tab = context.new_page()
            finished = script_runs_finished(tab)
            path = "" if page_name == "overview" else page_name
            try:
                start = time.perf_counter()
                tab.goto(f"{url}/{path}?county={county}&fy=2023/24", timeout=timeout * 1000)
                while not finished and time.perf_counter() - start < timeout:
                    tab.wait_for_timeout(20)
                tab.wait_for_function(DRAWN_JS, timeout=timeout * 1000, polling=50)
                results.append(("open " + page_name, time.perf_counter() - start))
                sidebar = tab.get_by_test_id("stSidebar")
                # Every step waits as long as the walk's timeout, not Playwright's 30 s: on a loaded machine the
                # picker's options took longer to open (CI, with another clone's tests running beside it).
                sidebar.get_by_test_id("stSelectbox").filter(has=tab.get_by_text("County", exact=True)).first.click(
                    timeout=timeout * 1000)
                tab.keyboard.type(COUNTIES[other])
                tab.get_by_role("option").first.wait_for(timeout=timeout * 1000)
                start = time.perf_counter()
                tab.keyboard.press("Enter")
                while not any(t > start for t in finished) and time.perf_counter() - start < timeout:
                    tab.wait_for_timeout(20)
                tab.wait_for_function(DRAWN_JS, timeout=timeout * 1000, polling=50)
                results.append(("county change on " + page_name, time.perf_counter() - start))
                if tab.get_by_test_id("stException").count():
                    errors.append(f"browser: {page_name} showed an exception box")
            except PlaywrightError as err:
                errors.append(f"browser: {page_name}: {str(err).splitlines()[0]}")
            finally:
                context.close()


def p95(sorted_seconds: list[float]) -> float:
    """The 95th percentile (nearest rank) of sorted values."""
    return sorted_seconds[max(int(round(0.95 * len(sorted_seconds))) - 1, 0)]


def memory_mb(pid: int) -> float:
    """Peak resident memory of the server process (VmHWM), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def crowd(url: str, sessions: int, views: int, timeout: float, think: float = 0) -> tuple[list, list, float]:
    results: list = []
    errors: list = []
    start = time.perf_counter()
    await asyncio.gather(*(session(url, n, views, timeout, results, errors, think) for n in range(sessions)))
    return results, errors, time.perf_counter() - start


def main() -> int:
    parser = arguments(__doc__.splitlines()[0], runs=1)
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--views", type=int, default=9, help="views per session: each page is opened, then its "
                                                              "county changed twice in the sidebar")
    parser.add_argument("--warehouse", type=Path, default=DEFAULT_WAREHOUSE)
    parser.add_argument("--timeout", type=float, default=180)
    parser.add_argument("--think", type=float, default=0, help="seconds a user reads between views (0: every session "
                                                               "clicks again as soon as its page is drawn)")
    parser.add_argument("--browser", action="store_true", help="one Chromium user walks the pages beside the crowd")
    args = parser.parse_args()
    ensure_warehouse(args.warehouse)
    with serve(args.warehouse, env={"JDP_DEMO": "on"}, return_process=True) as (url, server):
        # one session first, alone: the server's cold start (first import, first queries) is not the crowd's
        asyncio.run(crowd(url, 1, len(PAGES), args.timeout))
        for run in range(args.runs):
            stop, seen, failed = threading.Event(), [], []
            walker = threading.Thread(target=browser_walk, args=(url, stop, seen, failed, args.timeout))
            if args.browser:
                walker.start()
            results, errors, wall = asyncio.run(crowd(url, args.sessions, args.views, args.timeout, args.think))
            stop.set()
            if args.browser:
                walker.join()
            print(f"run {run + 1}: {args.sessions} sessions × {args.views} views (think {args.think:g} s) on "
                  f"{args.warehouse.name}: "
                  f"{len(results)} views in {wall:.1f} s ({len(results) / wall:.2f} views/s); {len(errors)} "
                  f"error(s); server peak memory {memory_mb(server.pid):.0f} MB", flush=True)
            for what in ("open", "county change on"):
                own = sorted(s for p, s in results if p.startswith(what))
                if own:
                    print(f"  {what + ' a page':24s} median {statistics.median(own):6.2f} s  p95 {p95(own):6.2f} s  "
                          f"max {own[-1]:6.2f} s  n={len(own)}")
            for page in PAGES:
                own = sorted(s for p, s in results if p.endswith(" " + page))
                if own:
                    print(f"    {page:22s} median {statistics.median(own):6.2f} s  p95 {p95(own):6.2f} s  n={len(own)}")
            if args.browser:
                print(f"  one browser beside them (Chromium, 1280×720): {len(seen)} views, {len(failed)} error(s)")
                for what in ("open", "county change on"):
                    own = sorted(s for p, s in seen if p.startswith(what))
                    if own:
                        print(f"    {what + ' a page':22s} median {statistics.median(own):6.2f} s  "
                              f"max {own[-1]:6.2f} s  n={len(own)}")
            for error in (errors + failed)[:10]:
                print("    ERROR", error)
    return 0


if __name__ == "__main__":
    sys.exit(main())
