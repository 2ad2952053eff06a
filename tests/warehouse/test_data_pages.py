"""Upload, load history and data quality pages for each role (AppTest)."""

from __future__ import annotations

from datetime import date

import pytest
from streamlit import config
from streamlit.testing.v1 import AppTest

from jdp_analytics.app import auth
from jdp_analytics.warehouse import loader
from jdp_analytics.warehouse.queries import Warehouse


@pytest.fixture
def warehouse(warehouse, use_warehouse):
    """The shared writable copy of the reference warehouse, which the app reads in this test."""
    return use_warehouse(warehouse)


@pytest.fixture
def open_page(open_app):
    """Return a function that opens a page with no query string."""
    return lambda page: open_app(page)


def test_a_viewer_can_download_templates_but_not_upload(warehouse, open_page):
    at = open_page("pages/upload.py")
    assert "uploading needs an editor (no identity provider configured: read-only)" in at.info[0].value
    assert at.get("file_uploader") == []


def test_local_editor_mode_is_ignored_unless_the_app_listens_on_localhost(warehouse, monkeypatch, open_page):
    monkeypatch.setenv("JDP_LOCAL_EDITOR", "1")
    config.set_option("server.address", "0.0.0.0")
    try:
        at = open_page("pages/upload.py")
    finally:
        config.set_option("server.address", None)
    assert "JDP_LOCAL_EDITOR is ignored unless the app listens on 127.0.0.1 only" in at.info[0].value


def test_an_editor_on_localhost_gets_the_file_uploader(warehouse, local_editor, open_page):
    at = open_page("pages/upload.py")
    assert not at.info
    assert len(at.get("file_uploader")) == 1


def test_an_editor_is_sent_from_an_empty_section_to_upload_with_its_kind_chosen(warehouse, local_editor, open_app):
    at = open_app("pages/participation.py", county="002", fy="2023/24")
    [link] = [e for e in at.get("page_link") if "Upload data" in e.proto.label]
    assert link.proto.label == "Load it on Upload data: Public participation forums (one row per event)"
    assert link.proto.query_string == "kind=participation_events"
    upload = open_app("pages/upload.py", kind="participation_events")
    assert upload.selectbox(key="upload_kind").value == "participation_events"


def test_the_load_history_lists_a_load_and_offers_an_admin_the_rollback(warehouse, local_editor, open_page):
    data = b"county,fiscal_year,budget_kes,expenditure_kes,absorption_pct\nKwale,2025/26,100,50,50.0\n"
    source = loader.DeclaredSource("Kwale County Treasury", "Q1 report", "Not stated", date(2025, 9, 30))
    load_id = loader.load(loader.prepare(data, "q1.csv", "budget_execution", warehouse), warehouse, source, "me")
    at = open_page("pages/load_history.py")
    log = at.dataframe[0].value
    assert list(log["load_id"]) == [load_id]
    assert log["file_name"][0] == "q1.csv" and log["status"][0] == "loaded"
    assert at.selectbox(key="rollback_id").options == [f"{load_id} · q1.csv"]
    assert at.button(key="rollback_button").label == "Roll back this load"


def test_a_viewer_sees_the_history_but_cannot_roll_back(warehouse, open_page):
    data = b"county,fiscal_year,budget_kes,expenditure_kes,absorption_pct\nKwale,2025/26,100,50,50.0\n"
    source = loader.DeclaredSource("Kwale County Treasury", "Q1 report", "Not stated", date(2025, 9, 30))
    loader.load(loader.prepare(data, "q1.csv", "budget_execution", warehouse), warehouse, source, "me")
    at = open_page("pages/load_history.py")
    assert "Rolling a load back needs an admin" in at.caption[0].value
    assert at.get("button") == []


def test_the_data_quality_page_shows_completeness_and_flagged_values(warehouse, open_page):
    at = open_page("pages/data_quality.py")
    freshness = at.dataframe[0].value.set_index("table_name")  # each table named in a reader's words
    assert freshness.at["Budget execution", "row_count"] == 564
    assert freshness.at["Budget execution", "demo_rows"] == 0
    # the generated rows are counted (the switch is off: they are left out of every page, not of the count)
    assert freshness.at["Budget by sector and programme", "demo_rows"] == 2677
    assert at.markdown[0].value.startswith("18 of 33 tables with sourced rows also hold generated rows. With the "
                                           "demonstration switch off they are counted here but left out")
    assert not [t for t in freshness.index if t.startswith(("fact_", "dim_"))]
    completeness = at.dataframe[1].value
    kwale = completeness[(completeness["table_name"] == "Budget execution")
                         & (completeness["county_code"] == "002")]
    assert kwale["completeness_pct"].iloc[0] == 100.0
    flagged = at.dataframe[2].value
    assert "009" in set(flagged[flagged["period"] == "2016/17"]["county_code"])


def test_roles_come_from_the_secrets_roles_table():
    roles = {"editors": ["M.Wanjiru@kwale.go.ke"], "admins": ["piu@devolution.go.ke"]}
    assert auth.role_for("m.wanjiru@kwale.go.ke", roles) == auth.EDITOR
    assert auth.role_for("piu@devolution.go.ke", roles) == auth.ADMIN
    assert auth.role_for("someone@example.org", roles) == auth.VIEWER
    assert auth.role_for(None, roles) == auth.VIEWER
    assert auth.may(auth.ADMIN, auth.EDITOR) and not auth.may(auth.EDITOR, auth.ADMIN)


def test_a_viewer_does_not_see_who_loaded_a_file_but_an_admin_does(warehouse, monkeypatch, open_page):
    data = b"county,fiscal_year,budget_kes,expenditure_kes,absorption_pct\nKwale,2025/26,100,50,50.0\n"
    source = loader.DeclaredSource("Kwale County Treasury", "Q1 report", "Not stated", date(2025, 9, 30))
    loader.load(loader.prepare(data, "q1.csv", "budget_execution", warehouse), warehouse, source, "m.wanjiru")
    viewer = open_page("pages/load_history.py").dataframe[0].value
    assert "loaded_by" not in viewer.columns and "rolled_back_by" not in viewer.columns
    assert "m.wanjiru" not in viewer.astype(str).to_string()
    monkeypatch.setenv("JDP_LOCAL_EDITOR", "1")
    config.set_option("server.address", "127.0.0.1")
    try:
        admin = open_page("pages/load_history.py").dataframe[0].value
    finally:
        config.set_option("server.address", None)
    assert admin["loaded_by"].tolist() == ["m.wanjiru"]


def test_an_unexpected_error_shows_one_sentence_and_no_traceback():
    def page():
        from jdp_analytics.app import ui

        with ui.unexpected_errors("checking the file"):
            raise RuntimeError("/srv/jdp/secret/path.py line 3")

    at = AppTest.from_function(page).run()
    assert not at.exception
    [error] = at.error
    assert error.value.startswith("Something went wrong while checking the file; nothing was changed. The server log "
                                  "has the details under reference ")
    assert "/srv/jdp" not in error.value


def test_the_values_to_check_say_why_in_the_chosen_language(warehouse, open_page, open_app):
    at = open_page("pages/data_quality.py")
    reasons = set(at.dataframe[2].value["reason"])
    assert "spent more than the budget" in reasons or any(r.startswith("flagged upstream: ") for r in reasons)
    swahili = set(open_app("pages/data_quality.py", lang="sw").dataframe[2].value["reason"])
    assert not swahili & {"spent more than the budget", "spent less than a fifth of the budget"}
    assert all(r.startswith(("ilitumia", "imewekwa alama na mchapishaji: ")) for r in swahili), swahili


def test_only_an_editor_may_download_the_tables_that_name_who_loaded_a_file(warehouse, monkeypatch, open_page):
    data = b"county,fiscal_year,budget_kes,expenditure_kes,absorption_pct\nKwale,2025/26,100,50,50.0\n"
    source = loader.DeclaredSource("Kwale County Treasury", "Q1 report", "Not stated", date(2025, 9, 30))
    loader.load(loader.prepare(data, "q1.csv", "budget_execution", warehouse), warehouse, source,
                "m.wanjiru@kwale.go.ke")
    viewer = open_page("pages/data_sources.py")
    offered = [b.proto.label for b in viewer.get("download_button")]
    assert "fact_budget_execution.csv" in offered
    assert "load_log.csv" not in offered and "load_replaced.csv" not in offered
    assert ("The load history and the rows loads replaced name who loaded each file: editors and admins download "
            "them.") in [c.value for c in viewer.caption]
    tables = Warehouse(warehouse, include_demo=True)  # every table a viewer is offered holds no loader's name
    assert [name for name in offered if "m.wanjiru" in tables.table(name.removesuffix(".csv")).to_csv()] == []
    monkeypatch.setenv("JDP_LOCAL_EDITOR", "1")
    config.set_option("server.address", "127.0.0.1")
    try:
        editor = open_page("pages/data_sources.py")
    finally:
        config.set_option("server.address", None)
    assert {"load_log.csv", "load_replaced.csv"} <= {b.proto.label for b in editor.get("download_button")}


def test_data_and_sources_builds_no_table_download_before_one_is_asked_for(warehouse, monkeypatch, open_page):
    from jdp_analytics.app import ui

    built = []
    monkeypatch.setattr(ui.TableDownload, "build", lambda self: built.append(self.name) or b"")
    at = open_page("pages/data_sources.py")
    buttons = {b.proto.label: b.proto.help for b in at.get("download_button")}
    assert buttons["fact_budget_execution.csv"] == "564 rows"  # the CoB's 47 counties over 12 fiscal years
    assert built == []  # each CSV is made when its button is clicked (all of them took minutes at national scale)


def test_a_table_download_is_the_whole_table_headed_by_its_sources_and_zipped_when_long(warehouse, monkeypatch):
    import csv
    import io
    import zipfile

    from jdp_analytics.app import ui

    def download(name, rows):
        return ui.TableDownload(str(warehouse), 0.0, False, name, rows)

    text = download("fact_budget_execution", 564).build().decode("utf-8-sig")
    lines = text.splitlines()
    assert lines[0].startswith('"# Source: Office of the Controller of Budget (Kenya), County Governments Budget')
    body = "\n".join(line for line in lines if not line.startswith(("#", '"#')))  # the source lines
    rows = list(csv.DictReader(io.StringIO(body)))
    assert len(rows) == 564
    kitui = next(r for r in rows if r["county_code"] == "015" and r["fiscal_year"] == "2019/20")
    stored = Warehouse(warehouse).table("fact_budget_execution").set_index(["county_code", "fiscal_year"])
    assert float(kitui["budget_kes"]) == stored.loc[("015", "2019/20"), "budget_kes"]
    long = download("fact_budget_execution", ui.ZIP_ROWS + 1)
    assert (long.file_name, long.mime) == ("fact_budget_execution.zip", "application/zip")
    with zipfile.ZipFile(io.BytesIO(long.build())) as archive:
        assert archive.namelist() == ["fact_budget_execution.csv"]
        assert archive.read("fact_budget_execution.csv").decode("utf-8-sig") == text


def test_a_table_download_neutralises_formula_like_text_in_duckdb(tmp_path):
    import duckdb

    from jdp_analytics.warehouse import catalog
    from jdp_analytics.warehouse.queries import Warehouse as Reader

    path = tmp_path / "w.duckdb"
    with duckdb.connect(str(path)) as con:
        for statement in catalog.ddl():
            con.execute(statement)
        con.execute("INSERT INTO dim_indicator (indicator_code, indicator_name, unit, source_id) VALUES "
                    "('=1+1', '@SUM(A1)', '-2', 's'), ('b', 'plain', 'percent', 's')")
    out = tmp_path / "dim_indicator.csv"
    assert Reader(path, include_demo=True).write_csv("dim_indicator", out) == 2
    rows = out.read_text().splitlines()
    header = rows[0].split(",")
    cells = [dict(zip(header, row.split(","))) for row in rows[1:]]
    assert [(c["indicator_code"], c["indicator_name"], c["unit"]) for c in cells] == [
        ("'=1+1", "'@SUM(A1)", "'-2"), ("b", "plain", "percent")]


def test_the_upload_page_offers_a_boundary_kind_its_template_as_geojson(warehouse, open_app):
    at = open_app("pages/upload.py", kind="ward_boundaries")
    assert [b.proto.label for b in at.get("download_button")] == ["Template (GeoJSON)"]


def test_a_fresh_app_shows_the_published_figures_at_once_and_gains_the_generated_rows_after(tmp_path, use_warehouse,
                                                                                          open_app, query):
    from jdp_analytics.app import ui

    path = use_warehouse(tmp_path / "jdp.duckdb")  # no file yet: the first visit builds it
    at = open_app("pages/budget.py", county="015", fy="2019/20", timeout=300)
    assert at.metric[0].value == "KES 11.80 bn"  # Kitui: KES 11,800 million, as the Controller of Budget published it
    assert ui._DEMO_PROCESSES[str(path)].wait(timeout=600) == 0
    assert query(path, "SELECT count(*) FROM fact_proposal") == [(36439,)]
    assert query(path, "SELECT value FROM build_info WHERE key = 'has_demonstration_rows'") == [("true",)]
