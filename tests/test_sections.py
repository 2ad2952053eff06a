"""A page's sections: tabs that draw only the open one (a county change redraws one section, not six), kept across a
county or language change, and the sidebar's switch that shows every section one after another for printing."""

from __future__ import annotations

import pytest

BUDGET = "pages/budget.py"
HEADERS = ["Trend since FY 2013/14", "The 47 counties in FY 2023/24", "Budget credibility",
           "Fiscal responsibility rules", "Budget per person",
           "Line items in FY 2023/24: votes, months, economic items"]


@pytest.fixture()
def tabs(open_app, monkeypatch, reference_warehouse):
    monkeypatch.setenv("JDP_WAREHOUSE", str(reference_warehouse))
    return open_app(BUDGET, county="002", fy="2023/24", all_sections=None)


def headers(at) -> list[str]:
    return [h.value for h in at.header]


def test_the_budget_page_opens_on_its_first_section_and_draws_only_that_one(tabs):
    assert [t.label for t in tabs.tabs] == ["Trend", "The 47 counties", "Budget credibility",
                                            "Fiscal responsibility rules", "Budget per person", "Line items"]
    assert headers(tabs) == HEADERS[:1]
    assert len(tabs.get("plotly_chart")) == 2  # budget and expenditure, absorption: not the other sections' seven


def test_a_chosen_section_stays_open_when_the_county_and_the_language_change(tabs):
    tabs.session_state["budget_section"] = "Budget per person"
    tabs.run()
    assert headers(tabs) == ["Budget per person"]
    tabs.session_state["county"] = "014"
    tabs.run()
    assert tabs.title[0].value == "Budget execution · Embu"
    assert headers(tabs) == ["Budget per person"]
    tabs.sidebar.selectbox(key="lang").set_value("sw").run()
    assert not tabs.exception, [e.message for e in tabs.exception]
    assert headers(tabs) == ["Bajeti kwa kila mtu"]


def test_the_sidebar_switch_shows_every_section_one_after_another(tabs):
    tabs.sidebar.toggle(key="all_sections").set_value(True).run()
    assert not tabs.exception, [e.message for e in tabs.exception]
    assert headers(tabs) == HEADERS
    assert not tabs.tabs


def test_a_link_naming_a_sector_opens_budget_composition_on_its_composition(open_app, monkeypatch,
                                                                            reference_warehouse):
    monkeypatch.setenv("JDP_WAREHOUSE", str(reference_warehouse))
    at = open_app("pages/budget_composition.py", county="002", fy="2019/20", sector="Health", all_sections=None,
                  demo="1")
    assert headers(at) == ["Composition by sector and programme", "Allocation per person and need"]
    assert open_app("pages/budget_composition.py", county="002", fy="2019/20", all_sections=None,
                    demo="1").header[0].value == "Fiscal responsibility rules"
