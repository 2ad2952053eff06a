"""Shared fixtures: the public source folder and the cuts of it kept in tests/files, two warehouses built once per
session, a writable copy, read-only queries, CSV bytes for uploads, and the app opened in Streamlit's AppTest on a
chosen warehouse. The summary at the end of a run says how many tests need the public source folder."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from streamlit import config
from streamlit.testing.v1 import AppTest

from jdp_analytics.warehouse import loader
from jdp_analytics.warehouse.build import build
from jdp_analytics.warehouse.catalog import TABLES, identifier
from jdp_analytics.warehouse.paths import ROOT
from jdp_analytics.warehouse.queries import read_cursor

APP = ROOT / "app.py"
SHARED_DATA = Path(os.environ.get("JDP_SOURCES", ROOT / ".." / "shared" / "data"))
PUBLISHED_CUTS = ROOT / "tests" / "files" / "published"  # README.md there: each file's origin, licence and cut
TEST_WARDS = ROOT / "tests" / "files" / "wards" / "homa_bay_test_wards.geojson"  # test polygons, not ward boundaries
TEST_WARDS_SOURCE = loader.DeclaredSource(
    "JDP Analytics tests: OCHA COD-AB constituencies (CC BY-IGO) cut into strips", "Homa Bay test wards (not ward "
    "boundaries)", "CC BY-IGO (OCHA / IEBC / KNBS); ward names kenya-data (MIT)", date(2019, 10, 31))
MISSING_FOLDER = "the public source folder"  # how the shared_data skip begins; the run's summary counts them
NEEDS_SOURCE_FOLDER = "needs the public source folder"  # a user property of the tests that ask for it


def source_folder() -> Path:
    """The folder of published source files that JDP_SOURCES names (a relative one from the repository root)."""
    return (SHARED_DATA if SHARED_DATA.is_absolute() else ROOT / SHARED_DATA).resolve()


def has_source_folder() -> bool:
    return (source_folder() / "SOURCES.md").is_file()


@contextmanager
def open_read_only(warehouse: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """Open a warehouse read-only (as the app does) and close it afterwards."""
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        yield con
    finally:
        con.close()


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The folder of published source files (/work/shared/data), or skip when this checkout has none.

    Only for tests that compare a whole published file (or the IEBC ward file) with the repository: a test that needs
    a few rows reads `published_cuts`."""
    if not has_source_folder():
        pytest.skip(f"{MISSING_FOLDER} {source_folder()} is missing")
    return source_folder()


@pytest.fixture(scope="session")
def published_cuts() -> Path:
    """The rows of the published files the tests need, kept in tests/files/published in the folder's layout (cut by
    tests/files/published/cut.py; tests/test_published_cuts.py checks them against the folder when it is present)."""
    return PUBLISHED_CUTS


@pytest.fixture(scope="session")
def reference_warehouse(tmp_path_factory) -> Path:
    """A warehouse built with no sources: the committed reference set and the kenya-data package."""
    out = tmp_path_factory.mktemp("reference") / "jdp.duckdb"
    build(out, None, progress=lambda _: None)
    return out


@pytest.fixture(scope="session")
def full_warehouse(tmp_path_factory) -> Path:
    """A warehouse with ward boundaries: built from the public source folder when there is one (every ward the IEBC
    file draws); in a plain clone, the reference build with Homa Bay's test wards loaded as a county uploads its own.

    A test about the build from the published files (its counts of IEBC wards, say) also asks for `shared_data`."""
    out = tmp_path_factory.mktemp("full") / "jdp.duckdb"
    if has_source_folder():
        build(out, source_folder(), progress=lambda _: None)
        return out
    build(out, None, progress=lambda _: None)
    preview = loader.prepare(TEST_WARDS.read_bytes(), TEST_WARDS.name, "ward_boundaries", out,
                             effective_date=date(2012, 3, 6))  # the IEBC 2012 delimitation the ward list follows
    loader.load(preview, out, TEST_WARDS_SOURCE, "tests")
    return out


@pytest.fixture(scope="session")
def query() -> Callable[..., list[tuple]]:
    """Return a function that runs one SQL statement on a warehouse, read-only, and returns its rows."""
    def run(warehouse: Path, sql: str, *params) -> list[tuple]:
        with open_read_only(warehouse) as con:
            return con.execute(sql, list(params)).fetchall()
    return run


@pytest.fixture(scope="session")
def read_table() -> Callable[[Path, str], pd.DataFrame]:
    """Return a function that reads a whole warehouse table, ordered by its key, read-only."""
    def read(warehouse: Path, table: str) -> pd.DataFrame:
        order = ", ".join(identifier(c) for c in TABLES[table].key)
        with open_read_only(warehouse) as con:
            return con.execute(f"SELECT * FROM {identifier(table)} ORDER BY {order}").df()
    return read


@pytest.fixture
def warehouse(reference_warehouse, tmp_path) -> Path:
    """A copy of the reference warehouse that the test may load into, upgrade or damage.

    A test module whose tests need another warehouse overrides this fixture (the page tests run the app on the
    reference or the full warehouse under this name)."""
    copy = tmp_path / "jdp.duckdb"
    shutil.copyfile(reference_warehouse, copy)
    return copy


@pytest.fixture(scope="session")
def app_rows() -> Callable[..., list[tuple]]:
    """Return a function that runs one SQL statement the way the app reads (read_cursor, which reopens the file
    after a load replaced it) and returns its rows."""
    def run(warehouse: Path, sql: str, *params) -> list[tuple]:
        cursor = read_cursor(warehouse)
        try:
            return cursor.execute(sql, list(params)).fetchall()
        finally:
            cursor.close()
    return run


@pytest.fixture(scope="session")
def scalar(app_rows) -> Callable[..., object]:
    """Return a function that runs one SQL statement as app_rows does and returns the first value of its first row."""
    return lambda warehouse, sql, *params: app_rows(warehouse, sql, *params)[0][0]


@pytest.fixture(scope="session")
def csv_bytes() -> Callable[..., bytes]:
    """Return a function that joins lines into the UTF-8 bytes of a CSV upload (one line each, final newline)."""
    def join(*lines: str) -> bytes:
        return ("\n".join(lines) + "\n").encode("utf-8")
    return join


@pytest.fixture
def use_warehouse(monkeypatch) -> Callable[[Path], Path]:
    """Return a function that points the app (JDP_WAREHOUSE) at a warehouse for this test and returns its path."""
    def point(path: Path) -> Path:
        monkeypatch.setenv("JDP_WAREHOUSE", str(path))
        return path
    return point


@pytest.fixture
def reference(reference_warehouse, use_warehouse) -> Path:
    """The reference warehouse, which the app reads in this test."""
    return use_warehouse(reference_warehouse)


@pytest.fixture
def full(full_warehouse, use_warehouse) -> Path:
    """The full warehouse (ward boundaries included), which the app reads in this test."""
    return use_warehouse(full_warehouse)


@pytest.fixture
def local_editor(monkeypatch):
    """An editor on a local app (JDP_LOCAL_EDITOR on 127.0.0.1), who may upload."""
    monkeypatch.setenv("JDP_LOCAL_EDITOR", "1")
    previous = config.get_option("server.address")
    config.set_option("server.address", "127.0.0.1")
    yield
    config.set_option("server.address", previous)


@pytest.fixture(scope="session")
def open_app() -> Callable[..., AppTest]:
    """Return a function that opens app.py in AppTest with a query string, optionally switches to a page, and
    fails the test if the script raised: `open_app("pages/budget.py", county="002", fy="2019/20")`. Pages show every
    section one after another (?all_sections=true) unless the test passes all_sections=None (then: tabs)."""
    def open_(page: str | None = None, timeout: float = 90, **query: str) -> AppTest:
        at = AppTest.from_file(str(APP), default_timeout=timeout)
        query.setdefault("all_sections", "true")  # every section drawn; tests/test_sections.py opens the tabs
        for key, value in query.items():
            if value is None:
                continue
            at.query_params[key] = value
        at.run()
        if page is not None:
            at.switch_page(page).run()
        assert not at.exception, [e.message for e in at.exception]
        return at
    return open_


@pytest.hookimpl(trylast=True)  # after -k and -m have deselected
def pytest_collection_modifyitems(config, items) -> None:
    for item in items:  # carried by each test's reports, so that the run's summary counts them under xdist too
        if "shared_data" in item.fixturenames:
            item.user_properties.append((NEEDS_SOURCE_FOLDER, True))


def pytest_terminal_summary(terminalreporter, config) -> None:
    """Say how many tests need the public source folder: those a plain clone skips, counted in every run's log."""
    needing = len({report.nodeid for reports in terminalreporter.stats.values() for report in reports
                   if (NEEDS_SOURCE_FOLDER, True) in getattr(report, "user_properties", ())})
    terminalreporter.write_sep("-", "public source folder (JDP_SOURCES)")
    if has_source_folder():
        terminalreporter.write_line(f"{source_folder()}: present. {needing} of the tests collected read it; a plain "
                                    "clone without it skips them and runs the rest on the reference set and the cuts "
                                    "in tests/files/published.")
        return
    skipped = sum(1 for report in terminalreporter.stats.get("skipped", [])
                  if isinstance(report.longrepr, tuple) and report.longrepr[2].startswith(f"Skipped: {MISSING_FOLDER}"))
    terminalreporter.write_line(f"{source_folder()}: missing. {skipped} tests skipped for want of it (of {needing} "
                                "collected that read it); the rest ran on the reference set and the cuts in "
                                "tests/files/published.")
