"""The Reporting pages (Progress, Programme finance, Reports) in Streamlit's AppTest on the reference warehouse."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from jdp_analytics.common import formatting
from jdp_analytics.results import metrics as results_metrics

APP = Path(__file__).resolve().parents[2] / "app.py"
PAGES = ["pages/progress.py", "pages/programme_finance.py", "pages/reports.py"]


@pytest.fixture
def warehouse(reference_warehouse, monkeypatch):
    monkeypatch.setenv("JDP_WAREHOUSE", str(reference_warehouse))
    return reference_warehouse


def open_page(page: str, county: str, **query) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=90)
    at.query_params["county"] = county
    at.query_params["fy"] = "2023/24"
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    at.switch_page(page).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def table_with(at: AppTest, column: str):
    """Return the first table on the page that has a column of that name."""
    return next(d.value for d in [*at.dataframe, *at.table] if column in d.value.columns)


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("county", ["043", "all", "047"])
def test_every_reporting_page_runs_for_a_target_county_all_47_and_a_county_outside_the_programme(warehouse, page,
                                                                                                   county):
    open_page(page, county)


def test_progress_counts_each_status_once_per_indicator_row_and_shows_the_rule(warehouse, query):
    at = open_page("pages/progress.py", "043", period="2026Q3")
    assert at.title[0].value == "Progress · Homa Bay"
    assert [m.label for m in at.metric] == ["✅ on track", "⚠️ at risk", "❌ off track", "⬜ no data"]
    [(rows,)] = query(warehouse, "SELECT count(*) FROM fact_result_target WHERE scope IN ('043', 'programme')")
    assert sum(int(m.value) for m in at.metric) == rows == 12
    assert any(results_metrics.STATUS_RULE in info.value for info in at.info)
    assert any("DEMONSTRATION DATA" in w.value for w in at.warning)
    table = table_with(at, "Means of verification")
    assert set(table["For"]) == {"Homa Bay", "Programme"}
    assert all(s.split(" ", 1)[1] in results_metrics.STATUSES for s in table["Status"])  # a word beside every icon


def test_progress_filtered_to_outcome_3_lists_only_its_indicators_and_the_changes_since_2026q2(warehouse):
    at = open_page("pages/progress.py", "043", period="2026Q3")
    at.selectbox(key="outcome").select("O3").run()
    table = table_with(at, "Means of verification")
    assert set(table["Result"]) <= {"O3", "O3.1", "O3.2"} and len(table) == 3
    changes = table_with(at, "Status 2026Q2")
    assert list(changes.columns[2:4]) == ["Status 2026Q2", "Status 2026Q3"]


def test_programme_finance_burn_rate_is_spending_to_date_over_budget_to_date(warehouse, query):
    at = open_page("pages/programme_finance.py", "043", period="2026Q3")
    [(budget, spent)] = query(warehouse, "SELECT sum(budget_kes), sum(spent_kes) FROM fact_programme_finance "
                                         "WHERE scope = '043' AND period BETWEEN '2026Q1' AND '2026Q3'")
    burn = next(m for m in at.metric if m.label == "Burn rate")
    assert burn.value == formatting.pct(100 * spent / budget)
    assert any("DEMONSTRATION DATA" in w.value for w in at.warning)
    assert results_metrics.OUTLIER_RULE in [c.value for c in at.caption]


def test_the_cost_benchmarks_mark_the_generated_outlier_county(warehouse):
    at = open_page("pages/programme_finance.py", "all", period="2026Q3")
    outliers = [row for b in results_metrics.BENCHMARKS for row in table_with(at, b.name).itertuples() if row.Outlier]
    assert outliers, "the demonstration contracts include one county far costlier than the others"
    assert {row.Outlier for row in outliers} <= {"▲ high outlier", "▼ low outlier"}


def test_reports_offers_the_four_documents_and_the_brief_only_for_one_county(warehouse):
    at = open_page("pages/reports.py", "043", period="2026Q3")
    buttons = [(b.proto.label, b.proto.disabled) for b in at.get("download_button")]
    assert buttons == [("Download homa-bay-brief-2023-24-2026q3.pdf", False),
                       ("Download homa-bay-brief-2023-24-2026q3.pptx", False),
                       ("Download homa-bay-quarterly-report-2023-24-2026q3.pdf", False),
                       ("Download homa-bay-results-workbook-2023-24-2026q3.xlsx", False)]
    assert at.markdown[0].value == ("**View: county 043 Homa Bay; fiscal year 2023/24; results framework quarter "
                                    "2026Q3; filters: all outcomes, all agencies.**")
    at = open_page("pages/reports.py", "all", period="2026Q3")
    assert [b.proto.disabled for b in at.get("download_button")] == [True, True, False, False]


def test_a_deep_link_from_a_document_reopens_its_filters(warehouse):
    at = open_page("pages/progress.py", "043", period="2026Q2", outcome="O2", agency="UNICEF")
    assert (at.selectbox(key="outcome").value, at.selectbox(key="agency").value,
            at.selectbox(key="period").value) == ("O2", "UNICEF", "2026Q2")
    assert set(table_with(at, "Means of verification")["Agency"]) == {"UNICEF"}


@pytest.fixture
def without_framework(reference_warehouse, tmp_path, monkeypatch):
    """A warehouse whose results framework and programme finance tables are empty (as after an upgrade)."""
    import shutil

    import duckdb

    path = tmp_path / "jdp.duckdb"
    shutil.copyfile(reference_warehouse, path)
    con = duckdb.connect(str(path))
    for table in ("fact_result_actual", "fact_result_target", "fact_programme_finance", "fact_ta_contract",
                  "dim_result_indicator", "dim_result"):
        con.execute(f"DELETE FROM {table}")
    con.close()
    monkeypatch.setenv("JDP_WAREHOUSE", str(path))
    return path


def test_without_a_framework_the_pages_say_so_and_the_brief_is_still_offered(without_framework):
    at = open_page("pages/progress.py", "043")
    assert "No indicator of the results framework matches these filters." in [i.value for i in at.info]
    at = open_page("pages/programme_finance.py", "043")
    assert any("No programme budget in the warehouse for Homa Bay" in i.value for i in at.info)
    at = open_page("pages/reports.py", "043")
    assert [(b.proto.label, b.proto.disabled) for b in at.get("download_button")][0] == (
        "Download homa-bay-brief-2023-24.pdf", False)
    assert [b.proto.disabled for b in at.get("download_button")][2:] == [True, True]
