"""Every page at a projector's 1280x720: nothing clipped at the right edge or above a chart, no grid hiding columns at
its right edge, no value label too small to read, no developer text."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PAGES = ["", "participation", "accountability", "proposals", "budget", "budget_composition", "oversight",
         "sdg_explorer", "sdg_scorecard", "sdg_gaps", "data_sources", "data_quality", "upload", "load_history",
         "assessment", "progress", "programme_finance", "reports"]
# Pages that show raw warehouse tables, many columns wide: there a grid scrolled sideways is the way to read them.
RAW_TABLES = {"data_sources", "load_history", "upload"}
DEVELOPER_TEXT = ("python -m", "../", ".py", "--sources", "JDP_", "_template")
IDENTIFIERS = ("fact_", "dim_")  # table names: only the data dictionary (Data & sources) names them, for SQL
# Pages that hold no real figure for a target county in the shipped warehouse: with the demonstration off they show
# the block that says who holds the figures (checked at 1280 too).
FRONT_DOORS = ["participation", "accountability", "proposals", "progress", "programme_finance"]

# Captions and table headers whose text is wider than their box; a table scrolled sideways (columns hidden at the
# right edge); text drawn in a chart (source line, labels) that runs past the chart's right edge; a bar's value label
# shrunk below 9 px to fit a narrow bar.
OVERFLOWS = r"""(grids) => {
  const found = [];
  const name = e => (e.innerText || e.textContent || '').trim().slice(0, 60);
  for (const e of document.querySelectorAll('[data-testid="stCaptionContainer"], [data-testid="stTable"] th'))
    if (e.scrollWidth > e.clientWidth + 1) found.push('caption or header: ' + name(e));
  for (const e of document.querySelectorAll('[data-testid="stTable"], [data-testid="stTable"] *'))
    if (e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'visible')
      found.push('table wider than its box: ' + name(e.closest('[data-testid="stTable"]').querySelector('th')));
  for (const e of grids ? document.querySelectorAll('[data-testid="stDataFrame"] .dvn-scroller') : [])
    if (e.scrollWidth > e.clientWidth + 1) found.push('table columns hidden at the right: ' + name(e.closest(
      '[data-testid="stDataFrame"]')).slice(0, 30));
  for (const plot of document.querySelectorAll('.js-plotly-plot')) {
    const box = plot.getBoundingClientRect();
    const texts = '.annotation-text, .gtitle, .g-gtitle text, .legendtext, .textpoint text, .bartext';
    for (const t of plot.querySelectorAll(texts))
      { const r = t.getBoundingClientRect();
        if (r.width && (r.right > box.right + 1 || r.left < box.left - 1)) found.push('chart text: ' + name(t));
        if (r.width && r.top < box.top - 1) found.push('chart text cut at the top: ' + name(t)); }
    for (const t of plot.querySelectorAll('text.bartext')) {  // plotly shrinks a bar's label to fit the bar
      const scale = (t.getAttribute('transform') || '').match(/scale\(([0-9.]+)/);
      const size = parseFloat(t.style.fontSize) * (scale ? parseFloat(scale[1]) : 1);
      if (t.textContent.trim() && size < 9) found.push(`chart label shrunk to ${size.toFixed(1)} px: ${name(t)}`); }
  }
  return found;
}"""


# Every plotly chart shown drawn and laid out (its figure computed, its SVG and text in place, no transition running):
# plotly lays out its text after the script has finished.
PLOTLY_DRAWN = """() => [...document.querySelectorAll('[data-testid="stPlotlyChart"]')]
  .filter(chart => chart.offsetParent !== null).every(chart => {  // those shown (a chart in a closed tab waits)
  const plot = chart.querySelector('.js-plotly-plot');
  return plot && plot._fullLayout && !plot._transitioning && plot.querySelector('.main-svg');
})"""


def settle(page) -> None:
    expect(page.get_by_test_id("stMain").locator("h1").first).to_be_visible(timeout=90_000)
    expect(page.get_by_test_id("stStatusWidget")).to_have_count(0, timeout=90_000)
    expect(page.locator('[data-testid="stSkeleton"]')).to_have_count(0, timeout=60_000)
    page.wait_for_function(PLOTLY_DRAWN, timeout=60_000)
    # then one frame more, so that what plotly laid out in the last frame is measured
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")


@pytest.fixture
def projector(new_page, app_url):
    """A watched page at a projector's 1280x720 (a page error, failed request or exception box fails the test)."""
    return new_page(1280, 720)


def visit(page, app_url: str, page_name: str, lang: str = "en", demo: str = "1") -> None:
    # every section, with the demonstration: the fullest page there is to fit
    page.goto(f"{app_url}/{page_name}?county=043&fy=2023/24&all_sections=true&lang={lang}&demo={demo}")
    settle(page)


@pytest.mark.parametrize("lang", ["en", "sw"])  # Kiswahili runs about a third longer: labels and headers cut first
@pytest.mark.parametrize("page_name", PAGES)
def test_nothing_overflows_at_1280_and_no_page_shows_developer_text(projector, app_url, page_name, lang):
    # One visit per page and language: the grids are checked in the same walk (no grid hides columns at its right
    # edge), except on the pages of raw warehouse tables, where a grid scrolled sideways is the way to read them.
    visit(projector, app_url, page_name, lang)
    text = projector.get_by_test_id("stMain").inner_text()
    assert text.strip(), f"{page_name} is empty"
    shown = DEVELOPER_TEXT + (IDENTIFIERS if page_name != "data_sources" else ())
    assert [t for t in shown if t in text] == [], f"developer text on {page_name}"
    found = projector.evaluate(OVERFLOWS, page_name not in RAW_TABLES)
    assert found == [], "\n".join(found)


@pytest.mark.parametrize("lang", ["en", "sw"])
@pytest.mark.parametrize("page_name", FRONT_DOORS)
def test_the_block_of_a_page_without_real_figures_fits_1280_and_shows_no_developer_text(projector, app_url, page_name,
                                                                                        lang):
    visit(projector, app_url, page_name, lang, demo="0")
    text = projector.get_by_test_id("stMain").inner_text()
    assert ("No real figures yet for Homa Bay" if lang == "en" else "Bado hakuna takwimu halisi kwa Homa Bay") in text
    assert [t for t in DEVELOPER_TEXT if t in text] == [], f"developer text on {page_name}"
    assert projector.evaluate(OVERFLOWS, True) == []


SECTIONED = ["", "participation", "budget", "budget_composition", "sdg_explorer", "programme_finance"]


@pytest.mark.parametrize("lang", ["en", "sw"])
@pytest.mark.parametrize("page_name", SECTIONED)
def test_every_section_tab_is_in_view_at_1280(projector, app_url, page_name, lang):
    projector.goto(f"{app_url}/{page_name}?county=043&fy=2023/24&lang={lang}&demo=1")
    settle(projector)
    tabs = projector.get_by_role("tablist").first
    expect(tabs).to_be_visible(timeout=30_000)
    width, box = tabs.evaluate("e => [e.scrollWidth, e.clientWidth]")
    assert width <= box + 1, f"the tabs of {page_name or 'overview'} ({lang}) need {width} px in {box} px"
