"""Many people at once: N concurrent sessions on one app server, each walking the pages as a user does.

Each session is a real Streamlit client on the app's websocket (`/_stcore/stream`, the protocol the browser speaks):
it asks for a page with a county and year in the query string, reads the server's messages until the script
finished, then asks for the next page, changing county as it goes. What is timed is the server's answer (script
run, queries, figures serialised and sent), not the browser's drawing. Printed: median, p95 and max seconds per
page view over all sessions, views per second, exception boxes and failed views, and the server's peak memory.

    python bench/bench_sessions.py --sessions 20 --views 6                 # the embedded warehouse
    python bench/bench_sessions.py --sessions 20 --warehouse national.duckdb   # e.g. a 10 M-line warehouse
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import time
from pathlib import Path

import websockets
from harness import ROOT, arguments, serve
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

sys.path.insert(0, str(ROOT))
from jdp_analytics.geography.counties import JDP_TARGETS  # noqa: E402
from jdp_analytics.warehouse.build import ensure_warehouse  # noqa: E402
from jdp_analytics.warehouse.paths import DEFAULT_WAREHOUSE  # noqa: E402

PAGES = ["overview", "budget", "participation", "budget_composition", "sdg_explorer", "progress", "proposals",
         "accountability"]


async def view(ws, page: str, query: str, timeout: float) -> tuple[float, int]:
    """Ask for one page; return seconds until the script finished and the number of exception boxes sent."""
    message = BackMsg()
    message.rerun_script.query_string = query
    message.rerun_script.page_name = "" if page == "overview" else page  # the default page is the app's root
    start = time.perf_counter()
    await ws.send(message.SerializeToString())
    exceptions = 0
    elements = 0
    while True:
        raw = await asyncio.wait_for(ws.recv(), timeout)
        forward = ForwardMsg()
        forward.ParseFromString(raw)
        kind = forward.WhichOneof("type")
        if kind == "page_not_found":
            raise LookupError(f"no page {page!r}")
        if kind == "delta" and forward.delta.WhichOneof("type") == "new_element":
            elements += 1
            exceptions += forward.delta.new_element.WhichOneof("type") == "exception"
        if kind == "script_finished" and forward.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
            if elements < 5:
                raise LookupError(f"{page!r} sent only {elements} element(s)")
            return time.perf_counter() - start, exceptions


async def session(url: str, number: int, views: int, timeout: float, results: list, errors: list) -> None:
    address = url.replace("http://", "ws://") + "/_stcore/stream"
    try:
        async with websockets.connect(address, subprotocols=["streamlit"], max_size=None,
                                      origin=url) as ws:
            for step in range(views):
                page = PAGES[(number + step) % len(PAGES)]
                county = JDP_TARGETS[(number + step) % len(JDP_TARGETS)]
                try:
                    seconds, exceptions = await view(ws, page, f"county={county}&fy=2023/24", timeout)
                    results.append((page, seconds))
                    if exceptions:
                        errors.append(f"session {number}: {page} for {county} showed {exceptions} exception(s)")
                except LookupError as err:
                    errors.append(f"session {number}: {err}")
                except TimeoutError:
                    errors.append(f"session {number}: {page} for {county} did not finish in {timeout:.0f} s")
                    return
    except (OSError, websockets.WebSocketException) as err:
        errors.append(f"session {number}: {err}")


def memory_mb(pid: int) -> float:
    """Peak resident memory of the server process (VmHWM), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def crowd(url: str, sessions: int, views: int, timeout: float) -> tuple[list, list, float]:
    results: list = []
    errors: list = []
    start = time.perf_counter()
    await asyncio.gather(*(session(url, n, views, timeout, results, errors) for n in range(sessions)))
    return results, errors, time.perf_counter() - start


def main() -> int:
    parser = arguments(__doc__.splitlines()[0], runs=1)
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--views", type=int, default=6, help="pages each session opens, one after the other")
    parser.add_argument("--warehouse", type=Path, default=DEFAULT_WAREHOUSE)
    parser.add_argument("--timeout", type=float, default=180)
    args = parser.parse_args()
    ensure_warehouse(args.warehouse)
    with serve(args.warehouse, return_process=True) as (url, server):
        # one session first, alone: the server's cold start (first import, first queries) is not the crowd's
        asyncio.run(crowd(url, 1, len(PAGES), args.timeout))
        for run in range(args.runs):
            results, errors, wall = asyncio.run(crowd(url, args.sessions, args.views, args.timeout))
            seconds = sorted(s for _, s in results)
            p95 = seconds[max(int(round(0.95 * len(seconds))) - 1, 0)] if seconds else float("nan")
            print(f"run {run + 1}: {args.sessions} sessions × {args.views} views on {args.warehouse.name}: "
                  f"{len(results)} views in {wall:.1f} s ({len(results) / wall:.2f} views/s); per view median "
                  f"{statistics.median(seconds):.2f} s, p95 {p95:.2f} s, max {seconds[-1]:.2f} s; "
                  f"{len(errors)} error(s); server peak memory {memory_mb(server.pid):.0f} MB", flush=True)
            for page in PAGES:
                own = [s for p, s in results if p == page]
                if own:
                    print(f"    {page:22s} median {statistics.median(own):6.2f} s  max {max(own):6.2f} s  n={len(own)}")
            for error in errors[:10]:
                print("    ERROR", error)
    return 0


if __name__ == "__main__":
    sys.exit(main())
