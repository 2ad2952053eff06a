"""Real by default: generated demonstration rows reach a viewer only when asked for (the sidebar switch, ?demo=1,
JDP_DEMO=on). Read as a user would: every page for two target counties and All 47, in both languages, shows no value
of a generated row (found by the rows' sources, not by words), no mark, watermark or "would be" verdict; each page
without real figures shows the block that says who holds them, with the template and the button; the switch and
its address turn the demonstration on; the Overview says what each area holds."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import plotly.graph_objects as go
import pytest
from streamlit.testing.v1 import AppTest

from jdp_analytics.common import demonstration, i18n
from jdp_analytics.common.presentation import ExportTable
from jdp_analytics.warehouse import catalog, coverage
from jdp_analytics.warehouse.queries import Warehouse

ROOT = Path(__file__).resolve().parents[2]
PAGES = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "pages").glob("*.py"))
# Pages that hold no real figure in the shipped warehouse for a target county: each shows its block.
FRONT_DOORS = {"pages/participation.py": "participation", "pages/accountability.py": "accountability",
               "pages/proposals.py": "proposals", "pages/progress.py": "progress",
               "pages/programme_finance.py": "programme_finance", "pages/budget.py": "budget_items"}
# Columns of generated rows whose values are the rows' own (names, texts): none may reach a page while the switch
# is off. Numbers are left out: a generated count may equal a real one by chance.
# (Budget lines are left out: their programme names are the standard ones every county uses.)
GENERATED_TEXT = {"fact_proposal": "proposal_text", "fact_facility_feedback": "facility_name",
                  "dim_result_indicator": "indicator_name",
                  "fact_ta_contract": "title", "fact_ward_project": "project_name",
                  "fact_participation_event": "venue"}


@pytest.fixture(scope="module")
def generated(reference_warehouse) -> set[str]:
    """Distinctive texts of the generated rows (selected by their source's is_demo flag) and their sources' titles
    and ids: what would show that a generated row reached the page."""
    found: set[str] = set()
    with duckdb.connect(str(reference_warehouse), read_only=True) as con:
        for table, column in GENERATED_TEXT.items():
            found |= {v for (v,) in con.execute(
                f"SELECT DISTINCT t.{column} FROM {table} t JOIN source s USING (source_id) WHERE s.is_demo "
                f"AND t.{column} IS NOT NULL").fetchall() if len(v) > 12}
        real = {v for table, column in GENERATED_TEXT.items() for (v,) in con.execute(
            f"SELECT DISTINCT t.{column} FROM {table} t JOIN source s USING (source_id) WHERE NOT s.is_demo "
            f"AND t.{column} IS NOT NULL").fetchall()}
        found -= real
        found |= {v for row in con.execute("SELECT source_id, title FROM source WHERE is_demo").fetchall() for v in row}
    assert len(found) > 100
    return found


def _texts(at: AppTest) -> list[str]:
    """Every text a viewer reads or takes away on an AppTest page: headings, sentences, cards, tables, charts, maps."""
    out = [e.value for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning", "success",
                                "error") for e in at.get(kind)]
    out += [f"{m.label} {m.value} {m.proto.help}" for m in at.metric]
    out += [frame.to_csv() for frame in [*(d.value for d in at.dataframe), *(t.value for t in at.table)]]
    out += [chart.proto.spec for chart in at.get("plotly_chart")]
    out += [deck.proto.json for deck in at.get("deck_gl_json_chart")]
    return out


def _open(page: str, county: str, lang: str = "en", **query: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.query_params.update({"county": county, "fy": "2023/24", "all_sections": "true", "lang": lang, **query})
    at.run()
    at.switch_page(page).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def test_the_warehouse_reads_real_rows_only_unless_asked_and_the_two_add_up(reference_warehouse):
    real, every = Warehouse(reference_warehouse), Warehouse(reference_warehouse, include_demo=True)
    with duckdb.connect(str(reference_warehouse), read_only=True) as con:
        for table in catalog.sourced_tables():
            if table == "load_log":
                continue
            kept, generated = con.execute(f"SELECT count(*) FILTER (WHERE NOT s.is_demo), count(*) FILTER (WHERE "
                                          f"s.is_demo) FROM {table} JOIN source s USING (source_id)").fetchone()
            assert len(real.table(table)) == kept, table
            assert len(every.table(table)) == kept + generated, table
    assert len(real.query("budget_lines")) == 0 and len(every.query("budget_lines")) == 2677
    assert not real.query("sources")["is_demo"].any()
    # what a ranking over counties reads: the real counties only
    forums = dict(county_code="", start="2023-07-01", end="2025-06-30")
    assert len(real.query("participation_events", **forums)) == 0
    assert len(every.query("participation_events", **forums)) == 1614


@pytest.mark.parametrize("lang", ["en", "sw"])
@pytest.mark.parametrize("county", ["002", "043", "all"])
def test_with_the_switch_off_no_page_shows_a_generated_row_a_mark_or_a_would_be_verdict(
        reference_warehouse, generated, monkeypatch, county, lang):
    from jdp_analytics.app import downloads

    monkeypatch.setenv("JDP_WAREHOUSE", str(reference_warehouse))
    monkeypatch.delenv("JDP_DEMO", raising=False)
    exported = []
    original_table, original_chart = downloads.table, downloads.chart
    monkeypatch.setattr(downloads, "table", lambda export, *a, **k: (exported.append(export),
                                                                      original_table(export, *a, **k))[1])
    monkeypatch.setattr(downloads, "chart", lambda figure, *a, **k: (exported.append(figure),
                                                                      original_chart(figure, *a, **k))[1])
    with i18n.use(lang):  # the marks of generated figures (the switch's own name, "Demonstration data", is not one)
        marks = {demonstration.SENTENCE_MARK, demonstration.WATERMARK.split("<br>")[0], *demonstration.SOURCE_MARKERS}
        marks |= {i18n._(m) for m in marks}
        table_mark = (i18n._(demonstration.TABLE_COLUMN), i18n._(demonstration.TABLE_MARK))
    would = ("would be", "would break", "would meet") if lang == "en" else ("inge", "isinge")
    for page in PAGES:
        at = _open(page, county, lang)
        assert not at.toggle(key="demo").value
        texts = _texts(at)
        for text in texts:
            assert not [g for g in generated if g in text], f"{page}: a generated row's value or source shown"
            assert not [m for m in marks if m in text], f"{page}: a demonstration mark shown: {text[:160]!r}"
            if lang == "en":
                assert not [w for w in would if w in text], f"{page}: a 'would be' verdict: {text[:160]!r}"
        for frame in [*(d.value for d in at.dataframe), *(t.value for t in at.table)]:
            assert table_mark[0] not in frame.columns or table_mark[1] not in set(frame[table_mark[0]]), (
                f"{page}: a table row marked as generated")
        for chart in at.get("plotly_chart"):
            assert not [i for i in json.loads(chart.proto.spec)["layout"].get("images", [])
                        if i.get("name") == demonstration.WATERMARK_NAME], f"{page}: a watermark"
    # what a viewer takes away (CSV, XLSX, PNG) is built from these: none holds a generated row
    tables = [e for e in exported if isinstance(e, ExportTable)]
    assert tables and not [t.file_stem for t in tables if t.is_demo or ("is_demo" in t.data and t.data["is_demo"]
                                                                          .fillna(False).astype(bool).any())]
    assert not [f for f in exported if isinstance(f, go.Figure) and demonstration.has_watermark(f)]


@pytest.mark.parametrize("county", ["002", "all"])
def test_each_page_without_real_figures_is_one_block_with_who_holds_them_the_template_and_the_button(
        reference_warehouse, monkeypatch, county):
    monkeypatch.setenv("JDP_WAREHOUSE", str(reference_warehouse))
    for page, key in FRONT_DOORS.items():
        at = _open(page, county)
        templates = [b for b in at.get("download_button") if b.proto.id and f"front_door_{key}" in b.proto.id]
        assert templates and all(b.proto.label == "Template (CSV)" for b in templates), page
        texts = " ".join(_texts(at))
        assert "No real figures yet for" in texts and "An editor loads it on Upload data" in texts, page
        notes = [i.value for i in [*at.info, *at.warning] if "CBTS" not in i.value]  # the survey's gaps are real
        assert not notes, f"{page}: an empty page is one block, not a column of notes"
        if key == "budget_items":  # the shipped warehouse has no generated line items: nothing to show instead
            assert not [b for b in at.button if b.key and b.key.endswith("_demo")]
            continue
        assert at.button(key=f"front_door_{key}_demo").label == "Show the demonstration", page


def test_the_button_turns_the_demonstration_on_and_the_address_keeps_it(reference_warehouse, monkeypatch):
    monkeypatch.setenv("JDP_WAREHOUSE", str(reference_warehouse))
    at = _open("pages/participation.py", "002")
    at.button(key="front_door_participation_demo").click().run()
    assert at.toggle(key="demo").value
    assert at.query_params["demo"] == "1"
    assert "DEMONSTRATION DATA" in at.warning[0].value
    assert [m.label for m in at.metric][:2] == ["Forums held", "Attendance"]
    assert any(c.value.startswith(demonstration.SENTENCE_MARK) for c in at.caption)  # the mark under the figures


def test_the_address_and_the_deployment_setting_start_the_switch(reference_warehouse, monkeypatch):
    monkeypatch.setenv("JDP_WAREHOUSE", str(reference_warehouse))
    at = _open("pages/budget_composition.py", "002", demo="1")
    assert at.toggle(key="demo").value and "DEMONSTRATION DATA" in at.warning[0].value
    monkeypatch.setenv("JDP_DEMO", "on")  # a training deployment
    at = _open("pages/budget_composition.py", "002")
    assert at.toggle(key="demo").value and "demo" not in at.query_params  # the deployment's default: no parameter
    at.toggle(key="demo").set_value(False).run()
    assert at.query_params["demo"] == "0"  # off on a training deployment: the link says so
    assert not at.warning


def test_a_county_without_a_demonstration_gets_the_block_without_the_button(reference_warehouse, monkeypatch):
    monkeypatch.setenv("JDP_WAREHOUSE", str(reference_warehouse))
    at = _open("pages/participation.py", "001")  # Mombasa: no generated rows
    assert "No real figures yet for Mombasa, FY 2023/24." in " ".join(_texts(at))
    assert not [b for b in at.button if b.key and b.key.endswith("_demo")]


def test_the_overview_says_per_outcome_area_what_the_county_has(reference_warehouse, monkeypatch):
    monkeypatch.setenv("JDP_WAREHOUSE", str(reference_warehouse))
    at = _open("pages/overview.py", "002")
    held = next(t.value for t in at.table if "Real figures" in t.value.columns).map(
        lambda v: v.replace("\u00a0", " ") if isinstance(v, str) else v)
    assert list(held.index) == ["Public participation", "Planning and budgeting", "Evidence and SDG indicators",
                                "Reporting"]
    budget = held.loc["Planning and budgeting"]
    assert budget["Real figures"] == ("budget execution (budget, expenditure, absorption) (as of 30 Jun 2025); "
                                      "own-source revenue (target and collected) (as of 30 Jun 2024)")
    assert budget["Only a demonstration"] == ("the budget by sector and programme; wage bill and pending bills; the "
                                              "budget calendar (the date of each milestone); the assembly's changes to "
                                              "the executive's budget; the follow-up of oversight recommendations")
    assert budget["Not loaded yet"] == "budget line items; audit opinions of the Auditor-General"
    assert held.loc["Reporting", "Real figures"] == "–"
    mombasa = _open("pages/overview.py", "001")
    held = next(t.value for t in mombasa.table if "Real figures" in t.value.columns)
    assert "public participation forums" in held.loc["Public participation", "Not loaded yet"]


def test_coverage_counts_rows_by_their_source_flag(reference_warehouse):
    rows = Warehouse(reference_warehouse, include_demo=True).query("coverage")
    assert coverage.holds(rows, "fact_budget_execution", "002")[0] == coverage.REAL
    assert coverage.holds(rows, "fact_budget_line", "002") == (coverage.DEMO, None)
    assert coverage.holds(rows, "fact_budget_line", "001") == (coverage.NONE, None)
    assert coverage.holds(rows, "fact_result_actual", "001") == (coverage.DEMO, None)  # programme-wide rows
    assert coverage.has_demonstration(rows, ("fact_participation_event",), None)
    assert not coverage.has_demonstration(rows, ("fact_participation_event",), "001")
    assert set(coverage.DATASETS) <= set(catalog.TABLES)
