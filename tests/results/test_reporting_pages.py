"""The Reporting pages (Progress, Programme finance, Reports) in Streamlit's AppTest on the reference warehouse."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from jdp_analytics.common import formatting
from jdp_analytics.results import metrics as results_metrics
from tests.shown import tables

COUNTIES = ["043", "all", "047"]  # a target county, the 47, and a county outside the programme


@pytest.fixture
def open_page(open_app):
    """Return a function that opens a reporting page on a county in FY 2023/24, with more of the query string and
    the demonstration asked for (?demo=1; demo=None leaves it off): the shipped framework is generated."""
    def open_(page, county, demo="1", **query):
        return open_app(page, county=county, fy="2023/24", demo=demo, **query)
    return open_


def table_with(at: AppTest, column: str):
    """Return the first table on the page that has a column of that name."""
    return next(frame for frame in tables(at) if column in frame.columns)


def county_name(warehouse, query, county: str) -> str:
    """The name the reporting pages use in their figures: the county's name in the warehouse, or 'the whole
    programme' (the framework covers the eight target counties and national work, not all 47)."""
    if county == "all":
        return "the whole programme"
    return query(warehouse, "SELECT county_name FROM dim_county WHERE county_code = ?", county)[0][0]


def title_name(warehouse, query, county: str) -> str:
    """The name in a page's title: the sidebar's selection, as on every page ('All 47 counties')."""
    return "All 47 counties" if county == "all" else county_name(warehouse, query, county)


def latest_quarter(warehouse, query) -> str:
    """The quarter the pages open on: the latest with reported values."""
    return query(warehouse, "SELECT max(period) FROM fact_result_actual")[0][0]


@pytest.mark.parametrize("county", COUNTIES)
def test_progress_counts_every_indicator_row_of_the_county_and_the_programme_in_the_latest_quarter(reference, query,
                                                                                                    county, open_page):
    at = open_page("pages/progress.py", county)
    [(rows,)] = query(reference, "SELECT count(*) FROM fact_result_target "
                                 "WHERE scope IN ($1, 'programme') OR $1 = 'all'", county)
    assert at.title[0].value == f"Progress · {title_name(reference, query, county)}"
    assert at.selectbox(key="period").value == latest_quarter(reference, query)
    assert sum(int(m.value) for m in at.metric) == rows > 0


@pytest.mark.parametrize("county", COUNTIES)
def test_programme_finance_shows_the_budget_and_spending_the_warehouse_holds_for_the_county(reference, query, county,
                                                                                             open_page):
    at = open_page("pages/programme_finance.py", county)
    name, period = county_name(reference, query, county), latest_quarter(reference, query)
    year = period[:4]
    [(budget, spent, budget_to_date, rows)] = query(
        reference, "SELECT sum(budget_kes) FILTER (WHERE period LIKE $2 || 'Q%'), "
                   "sum(spent_kes) FILTER (WHERE period BETWEEN $2 || 'Q1' AND $3), "
                   "sum(budget_kes) FILTER (WHERE period BETWEEN $2 || 'Q1' AND $3), count(*) "
                   "FROM fact_programme_finance WHERE scope = $1 OR $1 = 'all'", county, year, period)
    assert at.title[0].value == f"Programme finance · {title_name(reference, query, county)}"
    if rows == 0:  # Nairobi: the programme budgets the eight target counties and its national work
        assert at.info[0].value.startswith(f"No programme budget in the warehouse for {name}")
        assert not at.metric
        return
    assert [(m.label, m.value) for m in at.metric[:3]] == [
        (f"Budget {year}, {name}", formatting.kes(budget)), (f"Spent to {period}", formatting.kes(spent)),
        ("Burn rate", formatting.pct(100 * spent / budget_to_date))]


@pytest.mark.parametrize("county", COUNTIES)
def test_reports_names_the_county_the_year_and_the_quarter_in_every_file_offered(reference, query, county, open_page):
    at = open_page("pages/reports.py", county, demo=None)
    name, period = county_name(reference, query, county), latest_quarter(reference, query)
    stem = "programme" if county == "all" else name.lower().replace(" ", "-")
    # Real figures only by default: the shipped results framework is generated, so there is no quarter to report,
    # no quarterly report or workbook until the demonstration is asked for; the brief is made for one county.
    assert [(b.proto.label, b.proto.disabled) for b in at.get("download_button")] == [
        (f"Download {stem}-brief-2023-24.pdf", county == "all"),
        (f"Download {stem}-brief-2023-24.pptx", county == "all"),
        (f"Download {stem}-quarterly-report-2023-24.pdf", True),
        (f"Download {stem}-results-workbook-2023-24.xlsx", True)]
    view = "the whole programme, its 8 target counties" if county == "all" else f"county {county} {name}"
    assert at.markdown[0].value == f"**View: {view}; fiscal year 2023/24; real figures only.**"
    assert any(i.value.startswith("The results framework in the warehouse is generated demonstration data")
               for i in at.info)
    at.sidebar.toggle(key="demo").set_value(True).run()  # the sidebar's switch: documents follow what pages show
    suffix = f"2023-24-{period.lower()}"
    assert [(b.proto.label, b.proto.disabled) for b in at.get("download_button")] == [
        (f"Download {stem}-brief-{suffix}-demonstration.pdf", county == "all"),
        (f"Download {stem}-brief-{suffix}-demonstration.pptx", county == "all"),
        (f"Download {stem}-quarterly-report-{suffix}-demonstration.pdf", False),
        (f"Download {stem}-results-workbook-{suffix}-demonstration.xlsx", False)]
    assert at.markdown[0].value == (f"**View: {view}; fiscal year 2023/24; results framework quarter {period}; "
                                    "filters: all outcomes, all agencies; generated demonstration sections included "
                                    "and marked.**")


def test_progress_counts_each_status_once_per_indicator_row_and_shows_the_rule(reference, query, open_page):
    at = open_page("pages/progress.py", "043", period="2026Q3")
    assert at.title[0].value == "Progress · Homa Bay"
    # generated rows give no county a status: each card says what the status would be
    assert [m.label for m in at.metric] == ["✅ would be on track", "⚠️ would be at risk", "❌ would be off track",
                                            "⬜ no data"]
    assert sum(c.value.startswith("Demonstration: of 12 indicator rows for Homa Bay") for c in at.caption) == 4
    [(rows,)] = query(reference, "SELECT count(*) FROM fact_result_target WHERE scope IN ('043', 'programme')")
    assert sum(int(m.value) for m in at.metric) == rows == 12
    assert any(results_metrics.STATUS_RULE in info.value for info in at.info)
    assert any("DEMONSTRATION DATA" in w.value for w in at.warning)
    table = table_with(at, "Means of verification")
    assert set(table["For"]) == {"Homa Bay", "Programme"}
    words = [s.split(" ", 1)[1] for s in table["Status"]]  # a word beside every icon, what it would be when generated
    assert all(w == "no data" or (w.startswith("would be ") and w[9:] in results_metrics.STATUSES) for w in words)


def test_progress_filtered_to_outcome_3_lists_only_its_indicators_and_the_changes_since_2026q2(reference, open_page):
    at = open_page("pages/progress.py", "043", period="2026Q3")
    at.selectbox(key="outcome").select("O3").run()
    table = table_with(at, "Means of verification")
    assert set(table["Result"]) <= {"O3", "O3.1", "O3.2"} and len(table) == 3
    changes = table_with(at, "Status 2026Q2")
    assert list(changes.columns[3:5]) == ["Status 2026Q2", "Status 2026Q3"]  # after the demonstration mark
    assert set(changes["Figures"]) == {"Demonstration"}


def test_programme_finance_burn_rate_is_spending_to_date_over_budget_to_date(reference, query, open_page):
    at = open_page("pages/programme_finance.py", "043", period="2026Q3")
    [(budget, spent)] = query(reference, "SELECT sum(budget_kes), sum(spent_kes) FROM fact_programme_finance "
                                         "WHERE scope = '043' AND period BETWEEN '2026Q1' AND '2026Q3'")
    burn = next(m for m in at.metric if m.label == "Burn rate")
    assert burn.value == formatting.pct(100 * spent / budget)
    assert any("DEMONSTRATION DATA" in w.value for w in at.warning)
    assert results_metrics.OUTLIER_RULE in [c.value for c in at.caption]


def test_the_cost_benchmarks_show_the_method_on_generated_contracts_without_a_verdict_on_a_county(reference,
                                                                                                   open_page):
    """The generated contracts have one county far costlier: its row and bar say what the method would mark
    ("▲ would be a high outlier"), never that the county is an outlier (the demonstration rule)."""
    at = open_page("pages/programme_finance.py", "all", period="2026Q3")
    outliers = [row for b in results_metrics.BENCHMARKS for row in table_with(at, b.name).itertuples() if row.Outlier]
    assert outliers, "the demonstration contracts include one county far costlier than the others"
    assert {row.Outlier for row in outliers} <= {"▲ would be a high outlier", "▼ would be a low outlier"}
    assert all(row.Figures == "Demonstration" for row in outliers)
    bars = " ".join(t for chart in at.get("plotly_chart") for trace in json.loads(chart.proto.spec)["data"]
                    for t in trace.get("text") or [] if isinstance(t, str))
    assert "would be a high outlier" in bars and "  ▲ high outlier" not in bars


def test_reports_offers_the_four_documents_and_the_brief_only_for_one_county(reference, open_page):
    at = open_page("pages/reports.py", "043", period="2026Q3")
    assert [(b.proto.label, b.proto.disabled) for b in at.get("download_button")] == [
        ("Download homa-bay-brief-2023-24-2026q3-demonstration.pdf", False),
        ("Download homa-bay-brief-2023-24-2026q3-demonstration.pptx", False),
        ("Download homa-bay-quarterly-report-2023-24-2026q3-demonstration.pdf", False),
        ("Download homa-bay-results-workbook-2023-24-2026q3-demonstration.xlsx", False)]
    at = open_page("pages/reports.py", "all", period="2026Q3")
    assert [b.proto.disabled for b in at.get("download_button")] == [True, True, False, False]


def test_a_deep_link_from_a_document_reopens_its_filters(reference, open_page):
    at = open_page("pages/progress.py", "043", period="2026Q2", outcome="O2", agency="UNICEF")
    assert (at.selectbox(key="outcome").value, at.selectbox(key="agency").value,
            at.selectbox(key="period").value) == ("O2", "UNICEF", "2026Q2")
    assert set(table_with(at, "Means of verification")["Agency"]) == {"UNICEF"}


@pytest.fixture
def without_framework(warehouse, use_warehouse):
    """A warehouse whose results framework and programme finance tables are empty (as after an upgrade)."""
    import duckdb

    path = use_warehouse(warehouse)
    con = duckdb.connect(str(path))
    for table in ("fact_result_actual", "fact_result_target", "fact_programme_finance", "fact_ta_contract",
                  "dim_result_indicator", "dim_result"):
        con.execute(f"DELETE FROM {table}")
    con.close()
    return path


def test_without_a_framework_the_pages_say_so_and_the_brief_is_still_offered(without_framework, open_page):
    at = open_page("pages/progress.py", "043")
    assert at.markdown[0].value.startswith("**No real figures yet for Homa Bay, FY 2023/24.** This page would show "
                                           "each indicator of the programme's results framework")
    assert not at.button  # nothing generated to show instead
    at = open_page("pages/programme_finance.py", "043")
    assert at.markdown[0].value.startswith("**No real figures yet for Homa Bay, FY 2023/24.** This page would show "
                                           "the programme's budget and spending")
    at = open_page("pages/reports.py", "043", demo=None)
    assert [(b.proto.label, b.proto.disabled) for b in at.get("download_button")][0] == (
        "Download homa-bay-brief-2023-24.pdf", False)
    assert [b.proto.disabled for b in at.get("download_button")][2:] == [True, True]
