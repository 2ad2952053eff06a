"""Hostile input stays inert (issue 31, item 1): the attack payloads loaded into every free-text column of every kind,
and into the source's publisher, title, licence and address, through the package's load path; then every page is
walked in Chromium (maps and charts hovered): no dialog opens, and every link in the main area is one the app made."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import duckdb
import pytest
from playwright.sync_api import Page, expect

from bench.harness import CHROMIUM, serve
from jdp_analytics.warehouse import loader
from jdp_analytics.warehouse.schema import Table

pytestmark = pytest.mark.browser

PAYLOADS = ("<script>alert('script')</script>", "<img src=x onerror=alert('img')>", "[js](javascript:alert('md'))",
            "[click](https://evil.example/md)", '<a href="https://evil.example/a">a</a>', "https://evil.example/bare")
NOT_FREE_TEXT = ("url", "evidence", "period", "fiscal_year", "scope", "load_id")  # checked forms, not free text
# Columns that name a row of another table (a proposal's programme is a budget line of its county and year): they keep
# their stored value so that the file loads; the budget lines themselves get payload programmes and sectors.
KEEP = {"proposals": ("programme", "sector"), "ward_projects": ("programme", "sector"),
        "proposal_links": ("programme", "sector"), "budget_amendments": ("vote", "programme"),  # names of the budget
        "assessment_framework": ("levels",), "assessment_scores": ("framework", "score")}  # a scale, and scores on it
COUNTY = "043"  # Homa Bay: a target county with rows of every kind
# every link's address, an HTML <a href> or an SVG <a xlink:href> (plotly writes its links so), made absolute
LINKS = ("all => all.map(a => a.getAttribute('href') || a.getAttributeNS('http://www.w3.org/1999/xlink', 'href'))"
         ".filter(Boolean).map(href => new URL(href, document.baseURI).href)")
DRAWN = ("() => [...document.querySelectorAll('[data-testid=stPlotlyChart]')]"
         ".every(chart => chart.querySelector('.main-svg .xtick, .main-svg .ytick, .main-svg .trace'))")
DECK = '[data-testid="stDeckGlJsonChart"] canvas'
PAGES = ("", "participation", "accountability", "proposals", "budget", "budget_composition", "oversight",
         "sdg_explorer", "sdg_scorecard", "sdg_gaps", "data_sources", "data_quality", "upload", "load_history",
         "assessment", "progress", "programme_finance", "reports")


def free_text_columns(table: Table) -> list[str]:
    """The VARCHAR columns of a table that take any text: no accepted values, pattern, reference, code or date."""
    return [c.name for c in table.columns if c.type == "VARCHAR" and not (c.allowed or c.pattern or c.references)
            and not c.name.endswith(("_code", "_id", "_date")) and c.name not in NOT_FREE_TEXT]


def load_payloads(warehouse: Path) -> list[str]:
    """Load the payloads into every free-text column of every table kind (a county's latest rows, or a dimension's)
    with loader.prepare and loader.load; return the kinds loaded. Budget lines go first: their programmes are then
    budget lines that proposals may name."""
    source = loader.DeclaredSource(publisher=PAYLOADS[4], title=PAYLOADS[3], licence=PAYLOADS[1],
                                   as_of=date(2025, 1, 1), url="javascript:alert('url')")
    loaded = []
    for name in sorted(loader.KINDS, key=lambda k: k != "budget_lines"):
        kind = loader.KINDS[name]
        columns = [c for c in free_text_columns(kind.table) if c not in KEEP.get(name, ())]
        if kind.geometry or kind.reshape or not columns:
            continue  # boundaries and facilities are geometry; an Open SDG file fills the observations' table
        with duckdb.connect(str(warehouse), read_only=True) as con:
            where = f"WHERE county_code = '{COUNTY}'" if "county_code" in kind.table.column_names else ""
            latest = next((f"{c} DESC, " for c in ("fiscal_year", "period") if c in kind.table.column_names), "")
            order = latest + ", ".join(kind.table.key)
            rows = con.execute(f"SELECT * FROM {kind.table.name} {where} ORDER BY {order} LIMIT 60").df()
        if rows.empty:
            continue
        for shift, column in enumerate(columns):  # each payload in each column, on different rows
            rows[column] = [f"{PAYLOADS[(i + shift) % len(PAYLOADS)]} {i}" for i in range(len(rows))]
        if not kind.replace_existing:  # forums are never replaced: the payload ones come beside them
            rows[kind.table.key[0]] = [f"PAYLOAD-{i:04d}" for i in range(len(rows))]
        keep = [c for c in rows.columns if c not in ("source_id", "load_id", *kind.derived)]
        preview = loader.prepare(rows[keep].to_csv(index=False).encode(), f"{PAYLOADS[0]}.csv", name, warehouse)
        loader.load(preview, warehouse, source, "payloads")
        loaded.append(name)
    return loaded


@pytest.fixture(scope="module")
def hostile(reference_warehouse, tmp_path_factory) -> Iterator[tuple[str, set[str], list[str]]]:
    """The app served on a copy of the reference warehouse holding the payloads, the addresses of its published
    sources and indicators whose names are payloads."""
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (apt-get install -y chromium)")
    copy = tmp_path_factory.mktemp("hostile") / "jdp.duckdb"
    shutil.copyfile(reference_warehouse, copy)
    with duckdb.connect(str(copy), read_only=True) as con:
        published = {url for (url,) in con.execute("SELECT url FROM source WHERE url IS NOT NULL").fetchall()}
    loaded = load_payloads(copy)
    assert {"budget_lines", "indicator_catalogue", "proposals", "participation_events", "results"} <= set(loaded)
    with duckdb.connect(str(copy), read_only=True) as con:  # indicators now named by a payload, with county values
        named = [code for (code,) in con.execute(
            "SELECT DISTINCT indicator_code FROM dim_indicator JOIN fact_indicator_observation USING (indicator_code) "
            "WHERE county_code IS NOT NULL AND (indicator_name LIKE '<img%' OR indicator_name LIKE '<script%') "
            "ORDER BY 1 LIMIT 2").fetchall()]
    assert named
    with serve(copy, env={"JDP_LOCAL_EDITOR": "1"}) as url:
        yield url, published, named


def finished(page: Page) -> None:
    """Wait until a page's script has drawn its title and finished (the running indicator shows only once it runs)."""
    expect(page.locator('[data-testid="stMain"] h1').first).to_be_visible(timeout=60_000)
    expect(page.get_by_test_id("stStatusWidget")).to_have_count(0, timeout=90_000)


def hover_maps_and_charts(page: Page, has_map: bool) -> None:
    """Move the pointer across every deck map (its tooltip shows the measure's name) and over the bars and points of
    every plotly chart, once their components have loaded (a map's is fetched after the script has finished)."""
    if has_map:
        expect(page.locator(DECK).first).to_be_attached(timeout=30_000)
    page.wait_for_load_state("networkidle")
    page.wait_for_function(DRAWN, timeout=60_000)
    for canvas in page.locator(DECK).all()[:2]:
        canvas.scroll_into_view_if_needed()
        box = canvas.bounding_box()
        for fx, fy in ((0.5, 0.5), (0.45, 0.55), (0.55, 0.45)):
            page.mouse.move(box["x"] + box["width"] * fx, box["y"] + box["height"] * fy, steps=4)
    for mark in page.locator(".js-plotly-plot .bars path, .js-plotly-plot .points path").all()[:12]:
        mark.scroll_into_view_if_needed()
        box = mark.bounding_box()
        if box and box["width"] and box["height"]:
            page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2, steps=2)


def test_payloads_in_every_free_text_column_and_the_url_open_no_dialog_and_no_foreign_link(page, hostile):
    url, published, named = hostile
    page.set_viewport_size({"width": 1280, "height": 900})
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(f"{page.url}: {dialog.message}"), dialog.dismiss()))
    links: dict[str, str] = {}
    visits = [f"{path}?county={COUNTY}&demo=1&all_sections=true" for path in PAGES]
    visits += [f"sdg_explorer?county=all&indicator={code}" for code in named]
    visits += ["proposals?proposal=[click](https://evil.example/)",
               "proposals?proposal=<img src=x onerror=alert('url')>"]
    for path in visits:
        page.goto(f"{url}/{path}")
        finished(page)
        hover_maps_and_charts(page, has_map=path.startswith(("?", "sdg_explorer")))
        for href in page.locator('[data-testid="stMain"] a').evaluate_all(LINKS):
            links.setdefault(href, path)
        assert page.locator('[data-testid="stMain"] img[src="x"], .deck-tooltip img').count() == 0, path
    # leaving a page while it still fetches its scripts aborts those requests: that is the walk, not a fault
    page.problems[:] = [problem for problem in page.problems if not problem.endswith("net::ERR_ABORTED")]
    own = urlsplit(url).netloc
    foreign = {href: path for href, path in links.items()
               if urlsplit(href).netloc != own and href not in published}
    assert not dialogs
    assert not foreign, foreign
    assert not [href for href in links if urlsplit(href).scheme not in ("http", "https")
                or "evil.example" in urlsplit(href).netloc]
