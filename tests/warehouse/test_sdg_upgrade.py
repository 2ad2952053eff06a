"""A warehouse built before the SDG tables upgrades in place: KDHS rows kept, SDG pages and scorecard work."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb

from jdp_analytics.sdg import metrics as sdg_metrics
from jdp_analytics.warehouse import catalog
from jdp_analytics.warehouse.build import ensure_warehouse
from jdp_analytics.warehouse.queries import forget

NEW_DIM_COLUMNS = ("sdg_goal", "sdg_target", "sdg_indicator", "sdg_correspondence", "code_scheme", "definition",
                   "method")


def old_warehouse(reference_warehouse: Path, tmp_path: Path) -> Path:
    """A copy of the reference build shaped like the warehouse before issue 7: no SDG tables or columns."""
    path = tmp_path / "old.duckdb"
    shutil.copyfile(reference_warehouse, path)
    con = duckdb.connect(str(path))
    try:
        con.execute("DROP TABLE fact_indicator_observation")
        con.execute("DROP TABLE fact_indicator_target")
        con.execute("DELETE FROM dim_indicator WHERE source_id <> 'dhs_kdhs_2022'")
        for column in NEW_DIM_COLUMNS:
            con.execute(f"ALTER TABLE dim_indicator DROP COLUMN {column}")
        con.execute("DELETE FROM build_info WHERE key = 'schema_version'")
        con.execute("CHECKPOINT")
    finally:
        con.close()
    return path


def test_an_old_warehouse_gains_the_sdg_tables_and_keeps_its_kdhs_values(reference_warehouse, tmp_path, query):
    path = old_warehouse(reference_warehouse, tmp_path)
    ensure_warehouse(path)
    forget(path)  # the check before the upgrade opened the old file; DuckDB shares one instance per path
    assert query(path, "SELECT count(*) FROM fact_indicator") == [(517,)]
    # The new tables arrive with the embedded build's rows: the census proxies (700 rows), Kenya's KDHS values of
    # 2022 and 2014 (DHS Program, 20 rows) and the SDG catalogue they need.
    assert query(path, "SELECT count(*) FROM fact_indicator_observation") == [(720,)]
    assert query(path, "SELECT count(*) FROM source WHERE source_id = 'dhs_kdhs_2022_national'") == [(1,)]
    assert query(path, "SELECT count(*) FROM fact_indicator_observation o LEFT JOIN dim_indicator i "
                       "USING (indicator_code) WHERE i.indicator_code IS NULL") == [(0,)]
    assert query(path, "SELECT value FROM build_info WHERE key = 'schema_version'") == [(catalog.version(),)]
    card = sdg_metrics.scorecard(duckdb.connect(str(path), read_only=True), "043")
    assert card.set_index("indicator_code").loc["RH_DELA_C_SKP", "latest_value"] == 91.2


def test_the_explorer_runs_on_an_upgraded_warehouse_with_the_kdhs_indicators(reference_warehouse, tmp_path,
                                                                            use_warehouse, open_app):
    use_warehouse(old_warehouse(reference_warehouse, tmp_path))
    at = open_app("pages/sdg_explorer.py", indicator="RH_DELA_C_SKP")
    assert at.selectbox(key="sdg_indicator").value == "RH_DELA_C_SKP"
    at.switch_page("pages/sdg_scorecard.py").run()
    assert not at.exception, [e.message for e in at.exception]


def test_an_old_warehouse_loses_its_primary_keys_and_keeps_every_row(reference_warehouse, tmp_path, query):
    """A build before session 9 gave each table a PRIMARY KEY, whose index slowed every load; DuckDB cannot drop
    one, so the upgrade recreates those tables from today's DDL with their rows."""
    path = tmp_path / "keyed.duckdb"
    shutil.copyfile(reference_warehouse, path)
    con = duckdb.connect(str(path))
    try:
        rows = con.execute("SELECT count(*), sum(budget_kes) FROM fact_budget_execution").fetchone()
        con.execute("CREATE TEMP TABLE kept AS SELECT * FROM fact_budget_execution")
        con.execute("DROP TABLE fact_budget_execution")
        con.execute(next(s for s in catalog.ddl() if "CREATE TABLE fact_budget_execution " in s)
                    .replace("\n)", ",\n  PRIMARY KEY (county_code, fiscal_year)\n)"))
        con.execute("INSERT INTO fact_budget_execution SELECT * FROM kept")
        con.execute("DROP TABLE build_info")
        con.execute("CREATE TABLE build_info (key VARCHAR PRIMARY KEY, value VARCHAR)")
        con.execute("INSERT INTO build_info VALUES ('schema_version', 'old')")
        con.execute("CHECKPOINT")
        assert con.execute("SELECT count(*) FROM duckdb_constraints() WHERE constraint_type = 'PRIMARY KEY'"
                           ).fetchone()[0] == 2
    finally:
        con.close()
    ensure_warehouse(path)
    forget(path)
    assert query(path, "SELECT count(*) FROM duckdb_constraints() WHERE constraint_type = 'PRIMARY KEY'") == [(0,)]
    assert query(path, "SELECT count(*), sum(budget_kes) FROM fact_budget_execution") == [rows]
    assert query(path, "SELECT value FROM build_info WHERE key = 'schema_version'") == [(catalog.version(),)]
    assert query(path, "SELECT count(*) FROM duckdb_constraints() WHERE table_name = 'fact_budget_execution' "
                       "AND constraint_type = 'NOT NULL'") == query(reference_warehouse, (
        "SELECT count(*) FROM duckdb_constraints() WHERE table_name = 'fact_budget_execution' "
        "AND constraint_type = 'NOT NULL'"))
