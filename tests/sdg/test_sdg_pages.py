"""The SDG pages in Streamlit's AppTest: explorer, scorecard and gaps show what a user checks."""

from __future__ import annotations

from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from jdp_analytics.warehouse import loader


@pytest.fixture
def open_page(open_app):
    """Return a function that opens an SDG page with a query string given as a dict."""
    return lambda page, query=None: open_app(page, **(query or {}))


def table_with(at: AppTest, column: str, value: str | None = None):
    """Return the first table shown with that column (and, if given, that value in it)."""
    for frame in [*at.dataframe, *at.table]:  # the scorecard is a static table (st.table), indexed by indicator
        data = frame.value.reset_index() if frame.value.index.name else frame.value
        data = data.map(lambda v: v.replace("\u00a0", " ") if isinstance(v, str) else v)  # no-break space = space
        if column in data.columns and (value is None or value in set(data[column])):
            return data
    raise AssertionError(f"no table with column {column!r}" + (f" holding {value!r}" if value else ""))


def test_the_explorer_opens_on_the_indicator_in_the_url_with_kenya_as_the_reference(reference, open_page):
    at = open_page("pages/sdg_explorer.py", {"indicator": "CEN_ELECTRICITY_LIGHTING", "county": "043"})
    assert at.selectbox(key="sdg_indicator").value == "CEN_ELECTRICITY_LIGHTING"
    assert at.query_params["indicator"] in (["CEN_ELECTRICITY_LIGHTING"], "CEN_ELECTRICITY_LIGHTING")
    ranking = table_with(at, "Rank")
    assert len(ranking) == 47
    homa_bay = ranking[ranking["County"] == "Homa Bay"].iloc[0]
    assert (homa_bay["Value"], homa_bay["Period"], homa_bay["JDP target"]) == ("18.4 %", "2019", "yes")
    assert ranking.iloc[0]["County"] == "Nairobi"  # highest share lit by mains electricity
    assert "Kenya National Bureau of Statistics" in at.caption[0].value


def test_the_explorer_says_there_is_no_trend_from_one_census_and_shows_the_breakdown_by_sex(reference, open_page):
    at = open_page("pages/sdg_explorer.py", {"indicator": "CEN_INTERNET_USE", "county": "008"})
    infos = [i.value for i in at.info]
    assert any(text.startswith("One period only (2019): no trend can be read yet; the chart shows that "
                               "period's value") for text in infos), infos
    assert not any("No breakdown" in text for text in infos), infos


def test_picking_another_indicator_updates_the_url(reference, open_page):
    at = open_page("pages/sdg_explorer.py", {"indicator": "CEN_INTERNET_USE"})
    at.selectbox(key="sdg_indicator").set_value("RH_DELA_C_SKP").run()
    assert not at.exception, [e.message for e in at.exception]
    assert at.query_params["indicator"] in (["RH_DELA_C_SKP"], "RH_DELA_C_SKP")
    assert len(table_with(at, "Rank")) == 47


def test_the_scorecard_of_homa_bay_groups_indicators_by_sdg_and_shows_the_method(reference, open_page):
    at = open_page("pages/sdg_scorecard.py", {"county": "043"})
    assert at.title[0].value == "SDG scorecard · Homa Bay"
    metrics = {m.label: m.value for m in at.metric}
    # 11 KDHS and 8 census indicators have a Homa Bay value, each for one year: no trend; what one year allows is
    # the comparison with Kenya (17 with Kenya's value of the same year) and with the targets
    assert metrics == {"Indicators with a value": "19 of 39", "Better than Kenya": "6 of 17",
                       "Worse than Kenya": "10 of 17", "Targets met": "1 of 7"}
    headings = [h.value for h in at.subheader]
    assert "SDG 5 · Gender equality" in headings and "SDG 17 · Partnerships for the goals" in headings
    energy = table_with(at, "Indicator", "Households lit mainly by mains electricity (census)")
    lighting = energy[energy["Indicator"] == "Households lit mainly by mains electricity (census)"].iloc[0]
    assert (lighting["Latest"], lighting["Kenya"]) == ("18.4 % (2019)", "50.4 %")
    assert lighting["Target"] == "100.0 % by 2030 (national)"
    assert lighting["Status"] == ("◌ one year only: below Kenya by 32.0 points (worse); target 100.0 % by 2030 "
                                  "(81.6 points to go)")
    assert lighting["As of"] == "24 Aug 2019"
    assert any("R ≥ 0.95" in c.value for c in at.caption)


def test_the_scorecard_for_all_counties_is_kenyas(reference, open_page):
    at = open_page("pages/sdg_scorecard.py", {"county": "all"})
    assert at.title[0].value == "SDG scorecard · Kenya"


def test_the_gaps_page_lists_what_kwale_lacks(reference, open_page):
    at = open_page("pages/sdg_gaps.py", {"county": "002"})
    missing = table_with(at, "UN code")
    assert "5.5.1" in set(missing["UN code"])
    assert "CEN_INTERNET_USE" not in set(missing["UN code"])
    assert len(table_with(at, "Missing")) == 47


def test_ward_values_loaded_with_the_template_appear_under_the_county(warehouse, use_warehouse, open_page):
    path = use_warehouse(warehouse)
    data = (b"indicator_code,county,ward,period,value\n"
            b"CEN_INTERNET_USE,Kwale,Tsimba Golini,2024,21.5\n"
            b"CEN_INTERNET_USE,Kwale,Ukunda,2024,35.0\n")
    source = loader.DeclaredSource("Kwale County", "Ward ICT survey", "CC BY 4.0", date(2024, 12, 31))
    loader.load(loader.prepare(data, "wards.csv", "indicator_observations", path), path, source, "tester")
    at = open_page("pages/sdg_explorer.py", {"indicator": "CEN_INTERNET_USE", "county": "002"})
    assert "Wards of Kwale" in [h.value for h in at.subheader]
    wards = table_with(at, "Ward")
    assert wards[["Ward", "Value", "Period"]].values.tolist() == [["Ukunda", "35.0 %", "2024"],
                                                                  ["Tsimba Golini", "21.5 %", "2024"]]


def test_an_open_sdg_file_loaded_unchanged_shows_in_the_explorer_and_scores_on_the_scorecard(
        warehouse, use_warehouse, open_page):
    path = use_warehouse(warehouse)
    data = (b"Year,County,Value\n2017,,32.9\n2022,,33.6\n2017,Kwale,27.1\n2022,Kwale,34.0\n"
            b"2017,Homa Bay,25.0\n2022,Homa Bay,26.0\n")
    source = loader.DeclaredSource("Example SDG platform", "Indicator 5.5.1", "CC BY 4.0", date(2023, 6, 30))
    loader.load(loader.prepare(data, "indicator_5-5-1.csv", "open_sdg", path), path, source, "tester")
    at = open_page("pages/sdg_explorer.py", {"indicator": "5.5.1", "county": "002"})
    ranking = table_with(at, "Rank")
    assert ranking.iloc[0][["County", "Value", "Period"]].tolist() == ["Kwale", "34.0 %", "2022"]
    assert not any(i.value.startswith("One period only") for i in at.info)  # two periods: a trend is drawn
    at = open_page("pages/sdg_scorecard.py", {"county": "002"})
    gender = table_with(at, "UN code", "5.5.1")
    row = gender[gender["UN code"] == "5.5.1"].iloc[0]
    # Kwale 34.0 % in 2022 meets the Constitution's one-third (33.3 %).
    assert (row["Latest"], row["Kenya"], row["Status"]) == ("34.0 % (2022)", "33.6 %", "● national target met")
    at = open_page("pages/sdg_scorecard.py", {"county": "043"})
    gender = table_with(at, "UN code", "5.5.1")
    row = gender[gender["UN code"] == "5.5.1"].iloc[0]
    # Homa Bay 25.0 → 26.0 (2017–2022): CAGRa 0.79 %; needed to reach 33.3 by 2030: 2.23 % a year; R = 0.35.
    assert row["Status"] == "○ stagnating"
