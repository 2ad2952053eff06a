"""The Budget execution page in Streamlit's AppTest, checked against the Controller of Budget figures themselves."""

from __future__ import annotations

import csv
import shutil
import statistics

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from jdp_analytics.budget import execution
from jdp_analytics.common import exports, formatting
from jdp_analytics.warehouse.paths import REFERENCE_DIR
from jdp_analytics.warehouse.queries import Warehouse
from tests.shown import readable, table_with

PUBLISHED = REFERENCE_DIR / "cob_budget_execution.csv"  # the CoB rows as published
TARGETS_AND_ALL = ["002", "008", "014", "015", "024", "025", "033", "043", "all"]


@pytest.fixture
def warehouse(reference):
    """The reference warehouse, which the app reads: the full build's budget and county tables are the same rows
    (tests/warehouse/test_build.py compares them), so the page is not run again on it."""
    return reference


@pytest.fixture
def open_budget(open_app):
    """Return a function that opens the app on a county and year, then goes to the Budget execution page."""
    return lambda county, fiscal_year: open_app("pages/budget.py", county=county, fy=fiscal_year)


def published_rates(fiscal_year: str, column: str) -> list[tuple[str, float, str]]:
    """Return (county_code, rate, flag) of every county in the published CoB file for a year."""
    with PUBLISHED.open(encoding="utf-8") as file:
        return [(row["county_code"], float(row[column]), row["flag"]) for row in csv.DictReader(file)
                if row["fiscal_year"] == fiscal_year]


def metric(at: AppTest, label: str):
    return next(m for m in at.metric if m.label == label)


def texts(elements) -> list[str]:
    return [e.value for e in elements]


@pytest.mark.parametrize("county", TARGETS_AND_ALL)
def test_the_page_shows_the_county_budget_and_expenditure_of_the_year_as_stored(warehouse, query, county, open_budget):
    at = open_budget(county, "2023/24")
    [(name, budget, expenditure, absorption)] = query(
        warehouse, "SELECT CASE WHEN $1 = 'all' THEN 'All 47 counties' ELSE max(c.county_name) END, "
                   "sum(e.budget_kes), sum(e.expenditure_kes), max(e.absorption_pct) "
                   "FROM fact_budget_execution e JOIN dim_county c USING (county_code) "
                   "WHERE e.fiscal_year = $2 AND (e.county_code = $1 OR $1 = 'all')", county, "2023/24")
    assert at.title[0].value == f"Budget execution · {name}"
    assert metric(at, "Budget, FY 2023/24").value == formatting.kes(budget)
    assert metric(at, "Expenditure, FY 2023/24").value == formatting.kes(expenditure)
    if county != "all":  # the 47: the median county, checked against the published file below
        assert metric(at, "Absorption").value == formatting.pct(absorption)
    assert len(at.metric) == 5
    assert all(m.value not in ("", "–") for m in at.metric), [(m.label, m.value) for m in at.metric]


def test_kwale_2013_14_shows_the_controller_of_budget_overall_absorption_of_66_7_percent(warehouse, open_budget):
    at = open_budget("002", "2013/14")
    assert at.title[0].value == "Budget execution · Kwale"
    assert metric(at, "Absorption").value == "66.7 %"
    assert metric(at, "Budget, FY 2013/14").value == "KES 4.39 bn"
    assert "Exactly KES 4,391,400,000." in metric(at, "Budget, FY 2013/14").help
    assert metric(at, "Expenditure, FY 2013/14").value == "KES 2.93 bn"
    assert metric(at, "Development absorption").value == "56.9 %"


@pytest.mark.parametrize("fiscal_year", ["2013/14", "2016/17", "2019/20", "2024/25"])
def test_the_national_median_is_the_median_of_the_47_published_rates(reference, fiscal_year, open_budget):
    rates = published_rates(fiscal_year, "overall_absorption_pct")
    development = [r for _, r, flag in published_rates(fiscal_year, "development_absorption_pct") if not flag]
    assert len(rates) == 47
    overall, dev = statistics.median(r for _, r, _ in rates), statistics.median(development)
    at = open_budget("all", fiscal_year)
    assert metric(at, "Absorption, median county").value == f"{overall:.1f} %"
    assert metric(at, "Development absorption, median").value == f"{dev:.1f} %"
    sentence = (f"National median, FY {fiscal_year}: overall absorption {overall:.1f} % over 47 counties; "
                f"development absorption {dev:.1f} % (flagged rates left out).")
    assert any(c.startswith(sentence) for c in texts(at.caption)), texts(at.caption)


def test_a_county_is_ranked_among_the_47_and_among_the_eight_targets(reference, open_budget):
    rates = published_rates("2019/20", "overall_absorption_pct")
    kwale = next(r for code, r, _ in rates if code == "002")
    rank = 1 + sum(r > kwale for _, r, _ in rates)
    targets = {"002", "008", "014", "015", "024", "025", "033", "043"}
    target_rank = 1 + sum(r > kwale for code, r, _ in rates if code in targets)
    at = open_budget("002", "2019/20")
    assert (rank, target_rank) == (44, 8)
    assert metric(at, "Absorption").value == "67.2 %"
    assert any(f"rank {rank} of 47 counties, {target_rank} of the 8 target counties." in c for c in texts(at.caption))


def test_mandera_2016_17_development_absorption_is_shown_as_flagged_not_as_a_figure(warehouse, open_budget):
    at = open_budget("009", "2016/17")
    assert metric(at, "Development absorption").value == "flagged"
    assert metric(at, "Absorption").value == "84.8 %"  # the flag concerns the development rate only
    assert "Mandera: the published figure is flagged as suspect and is not compared." in texts(at.caption)
    assert any(w.startswith("Mandera, FY 2016/17: the published development absorption rate (0.081) is flagged")
               for w in texts(at.warning)), texts(at.warning)
    by_year = table_with(at, "Fiscal year").set_index("Fiscal year")
    assert by_year.loc["2016/17", "Absorption, development"] == "flagged: 0.081 published"


def test_the_47_county_table_marks_the_flagged_rows_of_the_year(warehouse, open_budget):
    at = open_budget("all", "2019/20")
    table = table_with(at, "County").set_index("County")
    assert table.loc["Meru", "Absorption, development"] == "flagged: 0.065 published"
    assert table.loc["Busia", "Absorption, development"] == "flagged: 0.045 published"
    assert table.loc["Kwale", "Absorption, development"] == "49.6 %"
    assert [w.split(":")[0] for w in texts(at.warning)] == ["Meru, FY 2019/20", "Busia, FY 2019/20"]


def test_the_rule_panel_names_both_rules_and_says_no_figure_is_loaded_for_a_county_without_one(reference, open_budget):
    at = open_budget("001", "2019/20")
    markdown = texts(at.markdown)
    assert sum(execution.NO_RULE_FIGURE in m for m in markdown) == 2
    captions = texts(at.caption)
    assert any(c.startswith("Source: PFM Act 2012, s.107(2)(b).") for c in captions)
    assert any(c.startswith("Source: PFM (County Governments) Regulations 2015, reg. 25(1)(b)") for c in captions)


def test_credibility_is_not_scored_before_three_years_of_figures_exist(reference, open_budget):
    at = open_budget("002", "2014/15")
    assert metric(at, "Budget credibility, PEFA PI-1 method").value == "–"
    assert ("Not scored: PI-1 needs the outturn of three consecutive years, FY 2012/13 to FY 2014/15; no published "
            "figure for FY 2012/13 (the figures start in FY 2013/14).") in texts(at.caption)


def test_credibility_of_mandera_2016_17_follows_its_three_published_outturns(reference, open_budget):
    outturns = [next(r for code, r, _ in published_rates(fy, "overall_absorption_pct") if code == "009")
                for fy in ("2014/15", "2015/16", "2016/17")]
    at = open_budget("009", "2016/17")
    assert all(r < 85 for r in outturns)  # no year within C's range: D
    assert metric(at, "Budget credibility, PEFA PI-1 method").value == "D"


@pytest.fixture
def warehouse_without_kwale_2019_20(reference_warehouse, tmp_path, monkeypatch):
    """A copy of the reference warehouse in which Kwale has no row for FY 2019/20."""
    path = tmp_path / "gap.duckdb"
    shutil.copy(reference_warehouse, path)
    with duckdb.connect(str(path)) as con:
        con.execute("DELETE FROM fact_budget_execution WHERE county_code = '002' AND fiscal_year = '2019/20'")
    monkeypatch.setenv("JDP_WAREHOUSE", str(path))
    return path


def test_a_county_with_no_figure_for_the_year_says_so_in_words(warehouse_without_kwale_2019_20, open_budget):
    at = open_budget("002", "2019/20")
    assert texts(at.info)[0].startswith("No published budget execution figure for Kwale in FY 2019/20")
    assert metric(at, "Budget, FY 2019/20").value == "–"
    assert "No published figure for Kwale in FY 2019/20." in texts(at.caption)
    by_year = table_with(at, "Fiscal year").set_index("Fiscal year")
    assert by_year.loc["2019/20", "Approved budget"] == "–"
    assert by_year.loc["2020/21", "Budget growth"] == "–"  # no growth over a missing year


def test_all_47_names_the_county_without_a_figure(warehouse_without_kwale_2019_20, open_budget):
    at = open_budget("all", "2019/20")
    assert texts(at.info)[0] == ("No published budget execution figure for FY 2019/20 for 1 counties: Kwale. "
                                 "Totals and medians are over the others.")


def test_the_year_table_exports_exact_figures_with_source_and_as_of_date(reference_warehouse):
    history = Warehouse(reference_warehouse).query("budget_execution_history")
    table = execution.year_table(history, "2019/20")
    assert table.citation.startswith("Office of the Controller of Budget")
    assert table.citation.endswith("as of 30 Jun 2020.")
    csv_text = exports.to_csv(table.data, table.citation).decode("utf-8-sig")
    assert csv_text.startswith('"# Source: Office of the Controller of Budget')  # one quoted cell: it holds commas
    kwale = table.data.set_index("county_code").loc["002"]
    assert (kwale["budget_kes"], kwale["expenditure_kes"], kwale["absorption_pct"]) == (13_250_000_000.0,
                                                                                         8_900_000_000.0, 67.17)


def test_homa_bay_2014_15_spending_past_the_budget_is_marked_with_its_note_in_the_trend_table(reference, open_budget):
    at = open_budget("043", "2014/15")
    table = table_with(at, "Absorption, overall")
    row = table[table["Fiscal year"] == "2014/15"].iloc[0]
    assert (readable(row["Absorption, overall"]), readable(row["Absorption, development"])) == ("105.2 % †",
                                                                                                "101.2 % †")
    assert any("† More was spent than the approved budget, as published (see Data quality)." in c.value
               for c in at.caption)


def test_tana_river_2019_20_past_100_percent_is_marked_with_its_note_among_the_47(reference, open_app):
    at = open_app("pages/budget.py", county="043", fy="2019/20", all_sections="true")
    table = table_with(at, "Rank", "Absorption, overall")
    assert readable(table.set_index("County").at["Tana River", "Absorption, overall"]) == "101.5 % †"
    assert sum("† More was spent than the approved budget" in c.value for c in at.caption) >= 1
