"""The Budget composition page in Streamlit's AppTest: rules with figures, revenue, sectors and programmes, PI-2;
demonstration rows labelled everywhere; a county with nothing loaded says so in words."""

from __future__ import annotations

import io
import re

import openpyxl
import pytest
from streamlit.testing.v1 import AppTest

from jdp_analytics.budget import composition
from jdp_analytics.common import exports
from jdp_analytics.warehouse.queries import Warehouse
from tests.shown import table_with, tables

TARGETS_AND_ALL = ["002", "008", "014", "015", "024", "025", "033", "043", "all"]


@pytest.fixture
def open_page(open_app):
    """Return a function that opens a budget page (the composition page unless told) on a county and year, with the
    demonstration asked for (?demo=1): the shipped sector lines and fiscal rows are generated."""
    def open_(county: str, fiscal_year: str, page: str = "pages/budget_composition.py", **params) -> AppTest:
        params.setdefault("demo", "1")
        return open_app(page, county=county, fy=fiscal_year, **params)
    return open_


def texts(elements) -> list[str]:
    return [e.value for e in elements]


def metric(at: AppTest, label: str):
    return next(m for m in at.metric if m.label == label)


@pytest.mark.parametrize("county", TARGETS_AND_ALL)
def test_the_page_runs_for_every_target_county_and_all_47_with_figures_labelled_as_demonstration(reference, query,
                                                                                                    county, open_page):
    at = open_page(county, "2023/24")
    # the development share of the year's approved budget, summed from the stored lines (all counties' for All 47)
    [(name, development, approved)] = query(
        reference, "SELECT CASE WHEN $1 = 'all' THEN 'All 47 counties' ELSE max(c.county_name) END, "
                   "sum(l.approved_development_kes), sum(l.approved_development_kes + l.approved_recurrent_kes) "
                   "FROM fact_budget_line l JOIN dim_county c USING (county_code) "
                   "WHERE l.fiscal_year = $2 AND (l.county_code = $1 OR $1 = 'all')", county, "2023/24")
    assert at.title[0].value == f"Budget composition · {name}"
    assert composition.DEMO_NOTE in texts(at.warning)
    assert [h.value for h in at.header] == ["Fiscal responsibility rules", "Own-source revenue",
                                            "Wage bill and pending bills", "Composition by sector and programme",
                                            "Budget credibility: composition outturn", "Allocation per person and need"]
    rules = [m for m in texts(at.markdown) if "badge[" in m]
    assert len(rules) == 2 and all(m.startswith("Demonstration: ") and "would" in m for m in rules), rules
    assert not any("No figure" in m for m in rules)
    assert metric(at, "Development share of budget").value == f"{100 * development / approved:.1f} %"
    pi2 = metric(at, "Composition outturn, PEFA PI-2 method").value  # a band, or for All 47 the commonest band
    assert re.fullmatch(r"[ABCD]" if county != "all" else r"[ABCD]: [1-8] of 8", pi2), pi2
    # rules, own-source revenue, wages and bills, sectors, programmes, PI-2; and pending bills as the press reported
    # them where it named the county, or any for All 47 (Samburu and Homa Bay: "not found in public reporting")
    assert len(tables(at)) == 6 + (county in {"002", "008", "014", "015", "024", "033", "all"})


def test_kwale_2019_20_generated_rule_figures_illustrate_the_check_without_a_verdict_on_kwale(reference, open_page):
    at = open_page("002", "2019/20")
    markdown = texts(at.markdown)
    assert ("Demonstration: **27.8 %** :violet-badge[would break the rule] with figures like these, "
            "27.8 % against the 30 % floor (-2.2 pp), the rule would be broken.") in markdown
    assert any(m.startswith("Demonstration: **40.3 %** :violet-badge[would break the rule]")
               for m in markdown)
    assert not any("breaks the rule" in m or "Kwale, FY" in m for m in markdown if "badge[" in m)
    captions = texts(at.caption)
    assert any(c.startswith("Source: PFM Act 2012, s.107(2)(b). Figures: DEMONSTRATION DATA.") for c in captions)
    assert any(c.startswith("Source: PFM (County Governments) Regulations 2015, reg. 25(1)(b)") for c in captions)
    rules = table_with(at, "30 % floor (PFM Act s.107(2)(b))").set_index("Fiscal year")
    assert rules.loc["2019/20", "30 % floor (PFM Act s.107(2)(b))"] == "would break"
    assert rules.loc["2019/20", "Figures"] == "Demonstration"
    assert rules.loc["2019/20", "Development share of budget"] == "27.8 %"


def test_kwale_2019_20_sectors_add_up_to_the_controller_of_budget_budget(reference, query, open_page):
    at = open_page("002", "2019/20")
    [(budget, expenditure)] = query(reference, "SELECT budget_kes, expenditure_kes FROM fact_budget_execution "
                                               "WHERE county_code = '002' AND fiscal_year = '2019/20'")
    lines = Warehouse(reference, include_demo=True).query("budget_lines")
    sectors = composition.sector_table(composition.select(lines, "002", "2019/20"), "Kwale", "2019/20")
    assert (sectors.data["approved_kes"].sum(), sectors.data["expenditure_kes"].sum()) == (budget, expenditure)
    shown = table_with(at, "Sector", without=("Programme",))
    assert list(shown["Sector"]) == list(sectors.data["sector"])
    assert shown.iloc[0]["Sector"] == "Health"  # the largest sector first


def test_the_sector_drill_down_shows_its_programmes_and_keeps_the_sector_in_the_url(reference, open_page):
    at = open_page("043", "2022/23", sector="Health")
    assert at.selectbox(key="sector").value == "Health"
    assert at.query_params["sector"] == "Health"
    programmes = table_with(at, "Programme")
    assert set(programmes["Sector"]) == {"Health"}
    assert "Preventive and promotive health" in set(programmes["Programme"])
    at.selectbox(key="sector").select("County Assembly").run()
    assert list(table_with(at, "Programme")["Programme"]) == ["Legislation, representation and oversight"]
    assert at.query_params["sector"] == "County Assembly"


def test_a_county_with_nothing_loaded_says_so_in_words(reference, open_page):
    at = open_page("001", "2024/25")  # the Controller of Budget's own-source revenue table stops at 2023/24
    shown = texts(at.markdown)
    assert shown[0].startswith("**No real figures yet for Mombasa, FY 2024/25.** This page would show the fiscal "
                               "rules with their figures.")
    assert [m.split("**")[1] for m in shown[1:4]] == ["Own-source revenue (target and collected)",
                                                      "The budget by sector and programme",
                                                      "Wage bill and pending bills"]
    assert [b.proto.label for b in at.get("download_button")] == ["Template (CSV)"] * 3
    assert not at.header[0].value.startswith("Fiscal")  # one block for the page, then the real link below
    assert not at.warning and not at.info  # no demonstration banner where no demonstration figure is shown


def test_all_47_counts_the_counties_without_figures_and_names_no_county_from_generated_figures(reference, open_page):
    at = open_page("all", "2023/24")
    assert ("39 of the 47 counties have no budget lines or fiscal figures loaded for FY 2023/24; figures below are "
            "over the 8 that have. Pick a county in the sidebar to drill down to its sectors and programmes.") in texts(
        at.info)
    assert ("Demonstration: **4 of 8** :violet-badge[would break the rule] with figures like these "
            "for 8 target counties, the rule would be broken in 4 of 8; no county is named, the figures are "
            "generated.") in texts(at.markdown)
    assert not any("Wajir" in m for m in texts(at.markdown))
    assert len(table_with(at, "30 % floor (PFM Act s.107(2)(b))")) == 8


def test_a_year_without_tags_says_not_assessed(reference, open_page):
    at = open_page("043", "2014/15")
    assert metric(at, "Gender-responsive (tagged)").value == "–"
    assert "Demonstration: Not assessed: no tagged amounts for this year." in texts(at.caption)


def test_pi2_is_not_scored_without_three_years_of_lines(reference, open_page):
    at = open_page("002", "2014/15")
    assert metric(at, "Composition outturn, PEFA PI-2 method").value == "–"
    assert ("Demonstration: Not scored: PI-2 needs the sector lines of FY 2012/13 to FY 2014/15; none for FY "
            "2012/13.") in texts(at.caption)


def test_the_budget_execution_page_shows_the_rule_figures_too_as_an_illustration(reference, open_page):
    at = open_page("002", "2019/20", page="pages/budget.py")
    assert sum(m.startswith("Demonstration: ") and ":violet-badge[would break the rule]" in m
               for m in texts(at.markdown)) == 2
    assert not any("breaks the rule" in m for m in texts(at.markdown))


def test_exports_of_demonstration_tables_say_so_in_csv_and_excel(reference_warehouse):
    lines = Warehouse(reference_warehouse, include_demo=True).query("budget_lines")
    table = composition.sector_table(composition.select(lines, "015", "2021/22"), "Kitui", "2021/22")
    assert table.is_demo and table.file_stem == "kitui-budget-by-sector-2021-22"
    csv_lines = exports.to_csv(table.data, table.citation, table.is_demo).decode("utf-8-sig").splitlines()
    assert csv_lines[0] == ('"# Source: JDP Analytics (generated), Demonstration county budget lines, revenue, wage '
                            'bill and pending bills — generated, not real; as of 30 Jun 2025."')  # one quoted cell
    assert csv_lines[1] == "# DEMONSTRATION DATA: generated, not real figures"
    book = openpyxl.load_workbook(io.BytesIO(exports.to_excel(table.data, table.citation, "by sector",
                                                              table.is_demo)))
    assert book["source"]["A3"].value == "DEMONSTRATION DATA: generated, not real figures"
    header = [c.value for c in book["by sector"][1]]
    assert all(row[header.index("is_demo")] is True for row in book["by sector"].iter_rows(min_row=2, values_only=True))
