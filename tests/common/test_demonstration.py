"""The demonstration rule, read as a user would: unit checks of demonstration.mark / verdict / coverage, and a walk
of every page (AppTest) with the demonstration asked for (?demo=1), for two target counties and All 47, that fails on
a figure from generated rows shown without the mark and on a verdict naming a county from generated rows (without
the switch no generated row is shown at all: test_real_by_default.py)."""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import pytest
from streamlit.testing.v1 import AppTest

from jdp_analytics.common import demonstration, i18n
from jdp_analytics.common.presentation import Card, ExportTable
from jdp_analytics.geography.counties import COUNTIES, JDP_TARGETS
from tests.shown import readable

ROOT = Path(__file__).resolve().parents[2]
PAGES = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "pages").glob("*.py"))
# Verdicts: a judgement of a county (a rule broken, a position among others, an outlier).
VERDICT = re.compile(r"(?<!would )breaks? the rule|\bBREAKS\b|(lowest|highest) of the|\brank \d|outlier among")
# A status given as a county's record (a cell or card label: icon and words); from generated rows it must say what the
# status would be ("❌ would be off track").
STATUS_VERDICT = re.compile(r"^\S+ (on time|late by \d+ days?|not published|on track|at risk|off track)$",
                            re.IGNORECASE)
# Sentences written from generated records only (in the shipped warehouse): they must start with the mark.
GENERATED_SENTENCES = ("Pending bills of", "not funded in FY", "Documents shared beforehand",
                       "Feedback to participants", "Stages with forums", "would break", "would meet")


def test_a_sentence_card_table_and_chart_from_generated_rows_carry_the_mark_and_real_ones_do_not():
    assert demonstration.mark("Forums held: 12.", True) == "Demonstration: Forums held: 12."
    assert demonstration.mark("Forums held: 12.", False) == "Forums held: 12."
    card = demonstration.mark(Card("Forums held", "12", "FY 2023/24.", "Source: x", True), True)
    assert (card.label, card.comparison, card.is_demo) == ("Forums held", "Demonstration: FY 2023/24.", True)
    assert demonstration.card(Card("Population", "1", "Census.", "Source: KNBS")).label == "Population"
    frame = pd.DataFrame({"County": ["Kwale", "Embu"], "Value": ["1 %", "2 %"]})
    marked = demonstration.mark(frame, [True, False])
    assert list(marked["Figures"]) == ["Demonstration", "Published"]
    assert list(demonstration.mark(frame, False).columns) == ["County", "Value"]
    export = ExportTable(frame, frame.assign(is_demo=[False, True]), "x", "y", True)
    assert list(demonstration.table(export).shown["Figures"]) == ["Published", "Demonstration"]
    fig = demonstration.mark(go.Figure(), True)
    demonstration.mark(fig, True)  # once only
    assert [i.name for i in fig.layout.images] == [demonstration.WATERMARK_NAME]
    assert fig.layout.images[0].layer == "below"  # under the bars and labels: it never covers a figure
    grid = demonstration.mark(go.Figure(go.Heatmap(z=[[1, 0], [0, 1]])), True)
    # a heatmap covers its plot area: the watermark lies over its cells, fainter, not hidden in the gaps
    assert (grid.layout.images[0].layer, grid.layout.images[0].opacity) == ("above", 0.6)
    svg = base64.b64decode(fig.layout.images[0].source.split(",", 1)[1]).decode()
    assert ">DEMONSTRATION</text>" in svg and ">generated figures</text>" in svg
    with i18n.use("sw"):
        svg = base64.b64decode(demonstration.watermark_image().split(",", 1)[1]).decode()
    assert "TAKWIMU ZA MFANO" in svg


def test_a_verdict_on_generated_rows_is_an_illustration_that_names_no_county():
    assert demonstration.verdict("Kwale breaks the rule.", False) == "Kwale breaks the rule."
    illustration = demonstration.verdict("Kwale breaks the rule.", True)
    assert illustration.startswith("Demonstration: with figures like these") and "Kwale" not in illustration


def test_coverage_says_all_47_only_when_47_counties_are_in_the_figure():
    assert demonstration.coverage(COUNTIES) == "All 47 counties"
    assert demonstration.coverage(JDP_TARGETS) == "8 target counties"
    assert demonstration.coverage(["001", "002", "003"]) == "3 counties"
    assert demonstration.coverage(["043"]) == "Homa Bay"


@pytest.fixture(scope="module")
def demo_titles(reference_warehouse) -> list[str]:
    """The titles of the generated sources in the shipped warehouse (what a citation of generated rows names)."""
    import duckdb

    with duckdb.connect(str(reference_warehouse), read_only=True) as con:
        return [t for (t,) in con.execute("SELECT title FROM source WHERE is_demo").fetchall()]


def _cites_demo(text: str, titles: list[str]) -> bool:
    return "DEMONSTRATION DATA" in text or any(t in text for t in titles)


@pytest.mark.parametrize("county", ["002", "043", "all"])
@pytest.mark.parametrize("page", PAGES)
def test_no_page_shows_a_generated_figure_without_the_mark_or_a_verdict_from_generated_rows(
        reference_warehouse, demo_titles, monkeypatch, page, county):
    from jdp_analytics.app import downloads

    monkeypatch.setenv("JDP_WAREHOUSE", str(reference_warehouse))
    shown_tables: list[ExportTable] = []
    original = downloads.table

    def spy(export, *args, **kwargs):
        shown_tables.append(export)
        return original(export, *args, **kwargs)

    monkeypatch.setattr(downloads, "table", spy)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.query_params["county"] = county
    at.query_params["fy"] = "2023/24"
    at.query_params["all_sections"] = "true"  # every section of the page, not only its first tab
    at.query_params["demo"] = "1"  # the demonstration asked for: every generated figure must carry its mark
    at.run()
    at.switch_page(page).run()
    assert not at.exception, [e.message for e in at.exception]

    for chart in at.get("plotly_chart"):
        layout = json.loads(chart.proto.spec)["layout"]
        words = " ".join(a.get("text", "") for a in layout.get("annotations", [])).replace("<br>", " ")
        marked = any(i.get("name") == demonstration.WATERMARK_NAME for i in layout.get("images", []))
        assert marked == _cites_demo(words, demo_titles), (
            f"{page}: {'a chart of generated rows without' if not marked else 'a chart of real rows with'} "
            "the watermark")
    demo_cards = [m.label for m in at.metric if _cites_demo(m.proto.help, demo_titles)]
    marks = [c.value for c in at.caption if c.value.startswith(demonstration.SENTENCE_MARK)]
    assert len(marks) >= len(demo_cards), f"{page}: cards of generated rows without the mark under them: {demo_cards}"
    # a table is shown as a grid (st.dataframe) or, with long text or many columns, as a wrapping st.table
    frames = [d.value for d in at.dataframe] + [t.value for t in at.table]
    demo_rows = [f[f[demonstration.TABLE_COLUMN] == demonstration.TABLE_MARK] for f in frames
                 if demonstration.TABLE_COLUMN in f.columns]
    statuses = [readable(v) for rows in demo_rows for v in rows.to_numpy().ravel() if isinstance(v, str)]
    statuses += [m.label for m in at.metric if _cites_demo(m.proto.help, demo_titles)]
    assert not [v for v in statuses if STATUS_VERDICT.match(v)], f"{page}: a status given from generated rows"
    for export in shown_tables:
        if export.is_demo:
            match = [f for f in frames if len(f) == len(export.shown) and set(export.shown.columns) <= set(f.columns)]
            assert match and all(demonstration.TABLE_COLUMN in f.columns for f in match), (
                f"{page}: table {export.file_stem} of generated rows shown without the mark")
    texts = [e.value for kind in ("markdown", "caption", "info", "warning", "success", "error") for e in at.get(kind)]
    for text in texts:
        if any(phrase in text for phrase in GENERATED_SENTENCES) and re.search(r"KES|\d %|\d of \d", text):
            assert text.startswith(demonstration.SENTENCE_MARK), f"{page}: unmarked sentence {text[:90]!r}"
        if VERDICT.search(text):
            assert not text.startswith(demonstration.SENTENCE_MARK) and not _cites_demo(text, demo_titles), (
                f"{page}: a verdict from generated rows: {text[:120]!r}")
            named = [name for name in COUNTIES.values() if name in text]
            # the fiscal rules are tested on generated rows only in the shipped warehouse: no verdict may name one
            assert not (named and re.search(r"breaks? the rule|BREAKS", text)), f"{page}: {text[:120]!r}"


def test_data_quality_lists_every_table_with_generated_rows_and_their_share_from_the_source_flags(
        reference_warehouse):
    import duckdb

    from jdp_analytics.warehouse.catalog import sourced_tables
    from jdp_analytics.warehouse.queries import Warehouse

    shares = Warehouse(reference_warehouse, include_demo=True).query("data_quality_sources").set_index("table_name")
    with duckdb.connect(str(reference_warehouse), read_only=True) as con:
        for table in sourced_tables():
            rows, demo = con.execute(f"SELECT count(*), count(*) FILTER (WHERE s.is_demo) FROM {table} "
                                     "JOIN source s USING (source_id)").fetchone()
            if rows:
                assert (shares.loc[table, "row_count"], shares.loc[table, "demo_rows"]) == (rows, demo), table
    generated = set(shares.index[shares["demo_rows"] > 0])
    assert {"fact_participation_event", "fact_facility_feedback", "fact_budget_document", "fact_budget_line",
            "fact_county_fiscal", "fact_result_actual", "fact_programme_finance", "fact_ta_contract"} <= generated
    sentence = demonstration.share_sentence(shares.reset_index())
    assert sentence.startswith(f"{len(generated)} of {len(shares)} tables")
    assert "fact_county_fiscal (100.0 %" in sentence
