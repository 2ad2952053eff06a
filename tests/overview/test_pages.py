"""Every page runs in Streamlit's AppTest on both warehouses and shows what a user checks."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

APP = Path(__file__).resolve().parents[2] / "app.py"
PAGES = ["pages/overview.py", "pages/data_sources.py"]


@pytest.fixture(params=["reference", "full"])
def warehouse(request, monkeypatch):
    path = request.getfixturevalue(f"{request.param}_warehouse")
    monkeypatch.setenv("JDP_WAREHOUSE", str(path))
    return path


def open_app(query: dict | None = None) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=60)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    return at.run()


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_without_an_exception(warehouse, page):
    at = open_app()
    at.switch_page(page).run()
    assert not at.exception, [e.message for e in at.exception]


@pytest.mark.parametrize("county", ["all", "002", "008", "014", "015", "024", "025", "033", "043", "047"])
def test_the_overview_runs_for_every_target_county_and_all_47(warehouse, county):
    at = open_app({"county": county, "fy": "2023/24"})
    assert not at.exception, [e.message for e in at.exception]
    assert len(at.metric) == 4


def test_the_overview_shows_a_figure_for_each_headline_card(warehouse):
    at = open_app({"county": "all", "fy": "2024/25"})
    labels = [m.label for m in at.metric]
    assert labels == ["Population, 2019 census", "Absorption, FY 2024/25", "Development absorption, FY 2024/25",
                      "Budget per person, FY 2024/25"]
    assert at.metric[0].value == "47,564,296"
    assert all(m.value not in ("", "–") for m in at.metric), [m.value for m in at.metric]


def test_a_deep_link_with_county_043_selects_homa_bay(warehouse):
    at = open_app({"county": "043"})
    assert at.sidebar.selectbox(key="county").value == "043"
    assert at.title[0].value == "Overview · Homa Bay"
    assert at.query_params["county"] == ["043"] or at.query_params["county"] == "043"


def test_kwale_2013_14_shows_the_controller_of_budget_absorption_of_66_7_percent(warehouse):
    at = open_app({"county": "002", "fy": "2013/14"})
    assert not at.exception, [e.message for e in at.exception]
    absorption = at.metric[1]
    assert absorption.value == "66.7 %"
    assert any("Controller of Budget" in c.value and "30 Jun 2014" in c.value for c in at.caption)


def test_an_unknown_county_in_the_url_falls_back_to_all_counties(warehouse):
    at = open_app({"county": "999", "fy": "1999/00"})
    assert at.sidebar.selectbox(key="county").value == "all"
    assert at.sidebar.selectbox(key="fy").value == "2024/25"
    assert not at.exception


def test_the_county_picker_lists_the_eight_target_counties_first(warehouse):
    at = open_app()
    options = at.sidebar.selectbox(key="county").options
    assert options[:9] == ["Embu · JDP target", "Homa Bay · JDP target", "Kitui · JDP target", "Kwale · JDP target",
                           "Narok · JDP target", "Samburu · JDP target", "Wajir · JDP target",
                           "West Pokot · JDP target", "All 47 counties"]
    assert len(options) == 48


def test_the_data_page_names_the_demonstration_events_as_such_and_lists_the_sources(warehouse):
    at = open_app()
    at.switch_page("pages/data_sources.py").run()
    assert not at.success
    assert "Demonstration participation events — generated, not real" in at.warning[0].value
    sources = at.dataframe[0].value
    assert "cob_cbirr_2013_14" in set(sources["source_id"])
    assert "knbs_census_2019" in set(sources["source_id"])


def test_a_county_overview_maps_its_wards_when_boundaries_are_installed(full_warehouse, monkeypatch):
    monkeypatch.setenv("JDP_WAREHOUSE", str(full_warehouse))
    at = open_app({"county": "043"})
    assert [s.value for s in at.subheader] == ["Wards of Homa Bay"]
    assert any(c.value.startswith("40 of 40 wards, coloured by constituency") for c in at.caption)


def test_without_ward_boundaries_the_wards_are_listed_and_the_page_says_why(reference_warehouse, monkeypatch):
    monkeypatch.setenv("JDP_WAREHOUSE", str(reference_warehouse))
    at = open_app({"county": "024"})
    assert "Ward boundaries are not installed" in at.info[0].value
    wards = at.dataframe[0].value
    assert len(wards) == 20
    assert list(wards.columns) == ["constituency_name", "ward_name", "ward_code"]
