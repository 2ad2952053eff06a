"""Browser tests: the app served by Streamlit on localhost, driven by Playwright in Debian's Chromium.

The app runs on a copy of the reference warehouse (what a plain clone builds), so these tests need no
../shared/data; a test that needs ward polygons asks for `full=True` and runs on the full warehouse instead.
Every test that uses `page` (or a page of its own made with `watched`) fails on a page error, a failed request, an HTTP
error or a Streamlit exception box, without having to check: see pytest_runtest_call below.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Page, expect

from bench.harness import CHROMIUM, chromium, serve
from jdp_analytics.warehouse.paths import ROOT

SHOTS = ROOT / "screenshots"


def _served(warehouse: Path, tmp_path_factory) -> Iterator[str]:
    """Serve the app in local editor mode on a copy of `warehouse` (uploads write to the copy)."""
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (apt-get install -y chromium)")
    copy = tmp_path_factory.mktemp("browser") / "jdp.duckdb"
    shutil.copyfile(warehouse, copy)
    try:
        with serve(copy, env={"JDP_LOCAL_EDITOR": "1"}) as url:
            yield url
    except RuntimeError as error:
        pytest.fail(str(error))


@pytest.fixture(scope="session")
def app_url(reference_warehouse, tmp_path_factory) -> Iterator[str]:
    """The app's address, served over a copy of the reference warehouse."""
    yield from _served(reference_warehouse, tmp_path_factory)


@pytest.fixture(scope="session")
def full_app_url(full_warehouse, tmp_path_factory) -> Iterator[str]:
    """The app's address, served over a copy of the full warehouse (ward boundaries included)."""
    yield from _served(full_warehouse, tmp_path_factory)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (apt-get install -y chromium)")
    with chromium() as launched:
        yield launched


def _probe(url: str) -> bool:
    """Streamlit's frontend looks for its server under the page's path first; a 404 there is expected."""
    path = urlparse(url).path
    return path.endswith(("/_stcore/health", "/_stcore/host-config")) and not path.startswith("/_stcore/")


def watched(page: Page) -> Page:
    """Record the page's errors, failed requests and HTTP errors in `page.problems`: a test that has the page as a
    fixture fails on any of them (pytest_runtest_call below)."""
    page.problems = []
    page.on("pageerror", lambda err: page.problems.append(f"page error: {err}"))
    page.on("requestfailed", lambda req: page.problems.append(f"failed request: {req.url} {req.failure}"))
    page.on("response", lambda res: res.status >= 400 and not _probe(res.url)
            and page.problems.append(f"HTTP {res.status}: {res.url}"))
    return page


@pytest.fixture
def new_page(browser) -> Iterator[Callable[[int, int], Page]]:
    """Return a function that opens a watched page in a fresh context of a viewport's size (closed after the test);
    a fixture that yields such a page puts its test under the page-error check."""
    contexts = []

    def open_(width: int, height: int) -> Page:
        contexts.append(browser.new_context(viewport={"width": width, "height": height}))
        return watched(contexts[-1].new_page())
    yield open_
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page) -> Page:
    """A fresh page that records page errors, failed requests and HTTP errors; the test fails on any of them."""
    return new_page(1400, 1000)


def wait_until_idle(page: Page) -> None:
    """Wait until the app is drawn and Streamlit no longer shows its running indicator."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=60_000)
    expect(page.get_by_test_id("stStatusWidget")).to_have_count(0, timeout=60_000)


@pytest.fixture
def settle(page) -> Callable[[], None]:
    """Return a function that waits until the page's script has finished (after a click, say)."""
    return lambda: wait_until_idle(page)


@pytest.fixture
def visit(page, request) -> Callable[..., Page]:
    """Return a function that opens a path of the app (`visit("budget?county=002")`) and waits until it has
    finished; `full=True` opens it on the full warehouse (ward boundaries)."""
    def go(path: str, full: bool = False) -> Page:
        base = request.getfixturevalue("full_app_url" if full else "app_url")
        page.goto(f"{base}/{path}")
        wait_until_idle(page)
        return page
    return go


@pytest.fixture(scope="session")
def shots() -> Path:
    """The folder screenshots go to (screenshots/ at the repository root, ignored by git)."""
    SHOTS.mkdir(exist_ok=True)
    return SHOTS


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """After a test that used a watched page (`page`, or another fixture's page made with `watched`) has run, fail it
    if the page recorded a problem or shows an exception box."""
    result = yield
    for page in [v for v in item.funcargs.values() if isinstance(v, Page) and hasattr(v, "problems")]:
        problems = list(page.problems)
        if not page.is_closed():
            problems += [f"Streamlit exception: {text}"
                         for text in page.get_by_test_id("stException").all_inner_texts()]
        assert not problems, "\n".join(problems)
    return result
