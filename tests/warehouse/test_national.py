"""The national generator and command-line templates: sums that match the Controller of Budget, all demo."""

from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from jdp_analytics.warehouse import loader, national, templates
from jdp_analytics.warehouse.queries import Warehouse

LINES = 30_000


@pytest.fixture(scope="module")
def national_warehouse(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("national") / "national.duckdb"
    national.generate(LINES, out, progress=lambda _: None)
    return out


def test_the_generated_lines_add_up_to_each_countys_published_budget_and_expenditure(national_warehouse, query):
    rows = query(national_warehouse, """
        SELECT e.county_code, e.fiscal_year, e.budget_kes, e.expenditure_kes, sum(i.approved_kes), sum(i.spent_kes),
               count(*)
        FROM fact_budget_execution e JOIN fact_budget_item i USING (county_code, fiscal_year) GROUP BY ALL""")
    assert len(rows) == 47 * 12
    assert sum(r[6] for r in rows) == LINES
    for county, year, budget, spent, line_budget, line_spent, _ in rows:
        assert line_budget == pytest.approx(budget, abs=1), (county, year)
        assert line_spent == pytest.approx(spent, abs=1), (county, year)


def test_every_table_of_the_national_warehouse_holds_each_key_once(national_warehouse):
    import duckdb

    from jdp_analytics.warehouse import catalog

    con = duckdb.connect(str(national_warehouse), read_only=True)
    try:
        assert catalog.repeated_keys(con) == {}
    finally:
        con.close()


def test_no_generated_line_is_negative_and_every_one_is_a_month_of_the_year(national_warehouse, query):
    assert query(national_warehouse, "SELECT min(approved_kes) >= 0, min(spent_kes) >= 0, min(month), max(month) "
                                     "FROM fact_budget_item") == [(True, True, 1, 12)]


def test_every_generated_row_is_under_a_demonstration_source(national_warehouse, query):
    for table in ("fact_budget_item", "fact_participation_event", "fact_indicator_observation"):
        rows = query(national_warehouse, f"""
            SELECT count(*) FROM {table} t JOIN source s USING (source_id)
            WHERE s.source_id LIKE 'demo_national%' AND s.is_demo""")
        generated = query(national_warehouse, f"SELECT count(*) FROM {table} WHERE source_id LIKE 'demo_national%'")
        assert rows == generated and generated[0][0] > 0, table


def test_events_and_observations_reach_all_47_counties_in_proportion_to_the_lines(national_warehouse, query):
    events = query(national_warehouse, "SELECT count(*), count(DISTINCT county_code) FROM fact_participation_event "
                                       "WHERE source_id = 'demo_national_participation'")
    assert events == [(LINES // 250, 47)]
    observations = query(national_warehouse, "SELECT count(*), count(DISTINCT county_code) FROM fact_indicator_"
                                             "observation WHERE source_id = 'demo_national_observations'")
    assert observations[0][0] == LINES // 1000


def test_no_generated_event_or_feedback_is_dated_in_the_future(national_warehouse, query):
    latest = query(national_warehouse, "SELECT max(greatest(event_date, coalesce(feedback_date, event_date))) "
                                       "FROM fact_participation_event")[0][0]
    assert latest <= date.today()


def test_the_rollups_a_page_reads_hold_the_same_totals_as_the_lines(national_warehouse, query):
    lines = query(national_warehouse, "SELECT sum(approved_kes), sum(spent_kes) FROM fact_budget_item")[0]
    for rollup in ("agg_budget_item_vote_month", "agg_budget_item_economic"):
        assert query(national_warehouse, f"SELECT sum(approved_kes), sum(spent_kes) FROM {rollup}")[0] == \
            pytest.approx(lines)


def test_the_generate_command_refuses_more_lines_than_fit(tmp_path):
    with pytest.raises(ValueError, match="at most"):
        national.generate(47 * 12 * national.SLOTS + 1, tmp_path / "too-many.duckdb", progress=lambda _: None)
    assert not (tmp_path / "too-many.duckdb").exists()


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_template_with_generated_rows_passes_the_load_validation(tmp_path, reference_warehouse, suffix):
    out = tmp_path / f"items{suffix}"
    done = subprocess.run([sys.executable, "-m", "jdp_analytics", "template", "budget_items", "--rows", "500",
                           "--out", str(out)], capture_output=True, text=True, cwd=Path(__file__).parents[2])
    assert done.returncode == 0, done.stderr
    assert "500 row(s)" in done.stdout
    warehouse = tmp_path / "jdp.duckdb"
    shutil.copyfile(reference_warehouse, warehouse)
    preview = loader.prepare(out.read_bytes(), out.name, "budget_items", warehouse)
    assert preview.row_count == 500 and len(preview.frame()) == 500
    assert (preview.stage is not None) == (suffix == ".csv")  # a clean CSV is read by the staged lane


def test_loading_line_items_refreshes_the_rollups_and_rolling_back_empties_them(tmp_path, reference_warehouse):
    warehouse = tmp_path / "jdp.duckdb"
    shutil.copyfile(reference_warehouse, warehouse)
    frame = templates.budget_items(240)
    data = frame.to_csv(index=False).encode()
    preview = loader.prepare(data, "items.csv", "budget_items", warehouse)
    source = loader.DeclaredSource("County treasury", "Line items", "Not stated", date(2026, 6, 30))
    load_id = loader.load(preview, warehouse, source, "tester")
    totals = Warehouse(warehouse).query("budget_item_votes", county_code="", fiscal_year="2025/26")
    assert totals["approved_kes"].sum() == pytest.approx(frame["approved_kes"].sum())
    loader.rollback(load_id, warehouse, "tester")
    assert Warehouse(warehouse).query("budget_item_votes", county_code="", fiscal_year="2025/26").empty


def test_a_template_of_a_kind_keyed_by_codes_refuses_more_rows_than_its_examples(tmp_path):
    with pytest.raises(templates.TemplateError, match="all codes and periods"):
        templates.write("budget_execution", tmp_path / "b.csv", rows=10)
    frame = pd.read_csv(tmp_path / "b.csv") if (tmp_path / "b.csv").exists() else None
    assert frame is None


@pytest.mark.parametrize(("kind", "area"), [("ward_boundaries", "5 km²"), ("county_boundaries", "4,659 km²")])
def test_a_boundary_template_is_a_geojson_the_loader_accepts(tmp_path, reference_warehouse, kind, area):
    out = tmp_path / f"{kind}.geojson"
    done = subprocess.run([sys.executable, "-m", "jdp_analytics", "template", kind, "--out", str(out)],
                          capture_output=True, text=True, cwd=Path(__file__).parents[2])
    assert done.returncode == 0, done.stderr
    warehouse = tmp_path / "jdp.duckdb"
    shutil.copyfile(reference_warehouse, warehouse)
    preview = loader.prepare(out.read_bytes(), out.name, kind, warehouse)
    assert preview.rows_added == 1 and f"{area} measured on the geometry as uploaded" in preview.notes[-1]
    refused = subprocess.run([sys.executable, "-m", "jdp_analytics", "template", kind, "--out",
                              str(tmp_path / "a.csv")], capture_output=True, text=True, cwd=Path(__file__).parents[2])
    assert refused.returncode == 1
    assert "a boundary template is one feature in a .geojson file (no --rows)." in refused.stderr
