"""The Overview and the Data page in Streamlit's AppTest, checked against the warehouse."""

from __future__ import annotations

import pytest

from jdp_analytics.common import formatting

TARGETS_ALL_AND_NAIROBI = ["all", "002", "008", "014", "015", "024", "025", "033", "043", "047"]

# What the four headline cards should read for a county ($1; 'all' for the 47) and fiscal year ($2), straight
# from the stored rows: the county's census population and its execution figures, or the total and the medians.
CARD_FIGURES = """
    SELECT sum(c.population_2019),
           CASE WHEN $1 = 'all' THEN median(e.absorption_pct) ELSE max(e.absorption_pct) END,
           CASE WHEN $1 = 'all' THEN median(e.development_absorption_pct) FILTER (WHERE e.flag IS NULL)
                ELSE max(e.development_absorption_pct) END,
           max(e.flag),
           CASE WHEN $1 = 'all' THEN median(e.budget_kes / c.population_2019)
                ELSE max(e.budget_kes / c.population_2019) END
    FROM dim_county c
    LEFT JOIN fact_budget_execution e ON e.county_code = c.county_code AND e.fiscal_year = $2
    WHERE c.county_code = $1 OR $1 = 'all'
"""


@pytest.fixture
def warehouse(full):
    """The full warehouse (ward boundaries installed, so a county's overview draws its ward map), which the app reads.
    Its tables are the reference build's rows (tests/warehouse/test_build.py compares the two), so the page is not
    run again on the reference build; the tests below that need a build without ward boundaries ask for it."""
    return full


@pytest.mark.parametrize("county", TARGETS_ALL_AND_NAIROBI)
def test_the_cards_show_the_county_census_population_and_its_execution_figures_as_stored(warehouse, query, open_app,
                                                                                           county):
    at = open_app(county=county, fy="2023/24")
    [(population, absorption, development, flag, per_person)] = query(warehouse, CARD_FIGURES, county, "2023/24")
    name = "All 47 counties" if county == "all" else query(
        warehouse, "SELECT county_name FROM dim_county WHERE county_code = ?", county)[0][0]
    assert at.title[0].value == f"Overview · {name}"
    assert [(m.label, m.value) for m in at.metric] == [
        ("Population, 2019 census", formatting.number(population)),
        ("Absorption, FY 2023/24", formatting.pct(absorption)),
        ("Development absorption, FY 2023/24",
         "flagged" if flag and county != "all" else formatting.pct(development)),
        ("Budget per person, FY 2023/24", formatting.kes(per_person))]
    assert all(m.value not in ("", "–") for m in at.metric), [m.value for m in at.metric]


def test_the_47_counties_add_up_to_the_census_total_of_kenya(warehouse, open_app):
    at = open_app(county="all", fy="2024/25")
    assert at.metric[0].value == "47,564,296"


def test_a_deep_link_with_county_043_selects_homa_bay(warehouse, open_app):
    at = open_app(county="043")
    assert at.sidebar.selectbox(key="county").value == "043"
    assert at.title[0].value == "Overview · Homa Bay"
    assert at.query_params["county"] == ["043"] or at.query_params["county"] == "043"


def test_kwale_2013_14_shows_the_controller_of_budget_absorption_of_66_7_percent(warehouse, open_app):
    at = open_app(county="002", fy="2013/14")
    absorption = at.metric[1]
    assert absorption.value == "66.7 %"
    assert any("Controller of Budget" in c.value and "30 Jun 2014" in c.value for c in at.caption)


def test_an_unknown_county_in_the_url_falls_back_to_all_counties(warehouse, open_app):
    at = open_app(county="999", fy="1999/00")
    assert at.sidebar.selectbox(key="county").value == "all"
    assert at.sidebar.selectbox(key="fy").value == "2024/25"


def test_the_county_picker_lists_the_eight_target_counties_first(warehouse, open_app):
    at = open_app()
    options = at.sidebar.selectbox(key="county").options
    assert options[:9] == ["Embu · JDP target", "Homa Bay · JDP target", "Kitui · JDP target", "Kwale · JDP target",
                           "Narok · JDP target", "Samburu · JDP target", "Wajir · JDP target",
                           "West Pokot · JDP target", "All 47 counties"]
    assert len(options) == 48


def test_the_data_page_lists_every_source_of_the_warehouse_and_names_the_demonstration_events(warehouse, query,
                                                                                              open_app):
    at = open_app("pages/data_sources.py", demo="1")
    assert not at.success
    assert "Demonstration participation events — generated, not real" in at.warning[0].value
    sources = at.dataframe[0].value
    assert sorted(sources["source"]) == [s for (s,) in query(warehouse, "SELECT source_id FROM source ORDER BY 1")]
    assert {"cob_cbirr_2013_14", "knbs_census_2019"} <= set(sources["source"])


def test_by_default_the_data_page_lists_the_real_sources_and_counts_the_hidden_generated_ones(warehouse, query,
                                                                                              open_app):
    at = open_app("pages/data_sources.py")
    assert not at.warning
    hidden = query(warehouse, "SELECT count(*) FROM source WHERE is_demo")[0][0]
    assert at.success[0].value.startswith("Every figure shown is a published or loaded figure. The warehouse also "
                                          f"holds {hidden} generated sources")
    sources = at.dataframe[0].value
    assert sorted(sources["source"]) == [s for (s,) in query(
        warehouse, "SELECT source_id FROM source WHERE NOT is_demo ORDER BY 1")]


def test_a_county_overview_maps_its_wards_when_boundaries_are_installed(full_warehouse, use_warehouse, open_app):
    use_warehouse(full_warehouse)
    at = open_app(county="043")
    assert [s.value for s in at.subheader] == ["Wards of Homa Bay"]
    assert any(c.value.startswith("40 of 40 wards, coloured by constituency") for c in at.caption)


def test_without_ward_boundaries_the_wards_are_listed_and_the_page_says_why(reference_warehouse, use_warehouse,
                                                                            open_app):
    use_warehouse(reference_warehouse)
    at = open_app(county="024")
    assert "Ward boundaries are not installed" in at.info[0].value
    wards = at.dataframe[0].value
    assert len(wards) == 20
    assert list(wards.columns) == ["Constituency", "Ward", "Ward code"]


def test_the_address_opens_the_tile_grid_and_a_switch_to_the_map_writes_it_back(warehouse, open_app):
    at = open_app(county="002", view="tiles")
    maps_with_tiles = len(at.get("deck_gl_json_chart"))  # a ward map may be drawn further down, in Wards
    assert "tile_grid" in [c.key for c in at.get("plotly_chart")]
    at.segmented_control(key="view").set_value("map").run()
    assert "tile_grid" not in [c.key for c in at.get("plotly_chart")]
    assert len(at.get("deck_gl_json_chart")) == maps_with_tiles + 1 and "view" not in at.query_params
    assert open_app(county="002", view="nonsense").segmented_control(key="view").value == "map"
