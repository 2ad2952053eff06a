"""The scorecard informs where one year only exists: Kenya's value, the as-of date, the standing against Kenya and
the target; Kenya's KDHS values are the DHS Program's national estimates, equal to the published file; the Ministry
of Health's 2017 targets are national ones; Evidence gaps says why every county lacks the same ones."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from jdp_analytics.sdg import metrics as sdg_metrics
from jdp_analytics.sdg import views as sdg_views
from jdp_analytics.warehouse.sources import dhs_national, khssp_targets


def test_standing_says_above_or_below_kenya_in_points_with_the_desired_direction_and_the_target():
    assert sdg_metrics.standing(70.6, 80.0, "percent", True) == "below Kenya by 9.4 points (worse); no numerical target"
    assert sdg_metrics.standing(22.7, 18.0, "percent", False) == ("above Kenya by 4.7 points (worse); "
                                                                  "no numerical target")
    assert sdg_metrics.standing(65.8, None, "percent", True, 75.0, 2030) == (
        "Kenya's value of that year not in the sources held; target 75.0 % by 2030 (9.2 points to go)")
    assert sdg_metrics.standing(100.0, 90.0, "percent", True, 100.0, 2030) == (
        "above Kenya by 10.0 points (better); target 100.0 % by 2030 met")
    assert sdg_metrics.standing(66.0, 66.0, "percent", True) == "level with Kenya; no numerical target"
    assert sdg_metrics.standing(None, 66.0, "percent", True) == "no value"


def test_the_reference_set_holds_every_published_national_row_and_target_unchanged(shared_data):
    import csv

    from jdp_analytics.warehouse.paths import REFERENCE_DIR

    def rows(path):
        with path.open(newline="", encoding="utf-8-sig") as handle:
            return list(csv.DictReader(handle))
    published = rows(shared_data / dhs_national.NATIONAL_FILE)
    assert [{c: r[c] for c in dhs_national.COLUMNS} for r in published] == rows(
        REFERENCE_DIR / "kdhs_national_indicators.csv")
    assert len(published) == 33
    targets = rows(shared_data / khssp_targets.TARGETS_FILE)
    assert [{c: r[c] for c in khssp_targets.COLUMNS} for r in targets] == rows(REFERENCE_DIR / "khssp_targets.csv")


def test_the_warehouse_holds_kenyas_preferred_kdhs_values_of_2022_and_2014_with_their_citation(reference_warehouse,
                                                                                               query):
    rows = query(reference_warehouse, "select indicator_code, period, value, source_id, note from "
                 "fact_indicator_observation where geo_code = 'KE' and indicator_code in ('RH_ANCN_W_N4P', "
                 "'CN_NUTS_C_HA2', 'CH_VACC_C_BAS') order by indicator_code, period")
    assert [r[:4] for r in rows] == [("CH_VACC_C_BAS", "2014", 79.4, "dhs_kdhs_2014_national"),
                                     ("CH_VACC_C_BAS", "2022", 80.1, "dhs_kdhs_2022_national"),
                                     ("CN_NUTS_C_HA2", "2014", 26.0, "dhs_kdhs_2014_national"),
                                     ("CN_NUTS_C_HA2", "2022", 17.6, "dhs_kdhs_2022_national"),
                                     ("RH_ANCN_W_N4P", "2014", 54.7, "dhs_kdhs_2014_national"),
                                     ("RH_ANCN_W_N4P", "2022", 66.0, "dhs_kdhs_2022_national")]
    # KNBS's rounded figure stays as a second citation of the value it rounds
    assert rows[3][4] == ("DHS Program DataId 463894. KNBS: \u201cPrevalence of stunting among children under five "
                          "years was 18% in 2022\u201d")
    # every county indicator but one has Kenya's 2022 value; the related check within two days never stands in
    kenya = {code for (code,) in query(reference_warehouse, "select indicator_code from fact_indicator_observation "
                                                            "where geo_code = 'KE' and period = '2022' and "
                                                            "indicator_code not like 'CEN%'")}
    county = {code for (code,) in query(reference_warehouse, "select distinct indicator_code from fact_indicator")}
    assert county - kenya == {"RH_PCMT_W_NON"}


def test_the_health_targets_are_national_ones_of_2017_with_the_definition_difference_stated(reference_warehouse,
                                                                                          query):
    rows = query(reference_warehouse, "select indicator_code, geo_code, target_year, target_value, basis from "
                                      "fact_indicator_target where source_id = 'moh_khssp_2013_2017' order by 1")
    assert [r[:4] for r in rows] == [("CH_VACC_C_BAS", "KE", 2017, 90.0), ("RH_ANCN_W_N4P", "KE", 2017, 80.0),
                                     ("RH_DELA_C_SKP", "KE", 2017, 65.0)]
    assert rows[0][4].startswith("National target (KHSSP, 2017): \u201c% Fully immunized children\u201d 90 % by 2017")
    assert "Definitions differ: the plan counts fully immunized children; the survey measures all basic" in rows[0][4]


def card_row(warehouse, county_code: str, indicator_code: str) -> dict:
    card = sdg_metrics.scorecard(warehouse, county_code)
    shown = sdg_views.scorecard_table(card, county_code).shown
    index = card.index[card["indicator_code"] == indicator_code][0]
    return {**card.loc[index].to_dict(), **{f"shown {k}": v.replace("\u00a0", " ") if isinstance(v, str) else v
                                             for k, v in shown.loc[index].to_dict().items()}}


@pytest.mark.parametrize(("county", "indicator", "latest", "kenya", "status"), [
    ("002", "CN_NUTS_C_HA2", "22.7 % (2022)", "17.6 %",
     "◌ one year only: above Kenya by 5.1 points (worse); no numerical target"),
    ("002", "RH_ANCN_W_N4P", "71.9 % (2022)", "66.0 %",
     "◌ one year only: above Kenya by 5.9 points (better); target 80.0 % by 2017 not reached (8.1 points short)"),
    ("002", "CH_VACC_C_BAS", "70.6 % (2022)", "80.1 %",
     "◌ one year only: below Kenya by 9.5 points (worse); target 90.0 % by 2017 not reached (19.4 points short)"),
    ("043", "CH_VACC_C_BAS", "75.8 % (2022)", "80.1 %",
     "◌ one year only: below Kenya by 4.3 points (worse); target 90.0 % by 2017 not reached (14.2 points short)"),
    ("043", "CN_NUTS_C_HA2", "12.5 % (2022)", "17.6 %",
     "◌ one year only: below Kenya by 5.1 points (better); no numerical target"),
    ("043", "RH_PCMT_W_NON", "21.7 % (2022)", "—",
     "◌ one year only: Kenya's value of that year not in the sources held; no numerical target"),
    ("043", "CEN_ELECTRICITY_LIGHTING", "18.4 % (2019)", "50.4 %",
     "◌ one year only: below Kenya by 32.0 points (worse); target 100.0 % by 2030 (81.6 points to go)"),
])
def test_scorecard_rows_of_kwale_and_homa_bay_carry_kenyas_value_the_as_of_date_and_their_standing(
        reference_warehouse, county, indicator, latest, kenya, status):
    row = card_row(reference_warehouse, county, indicator)
    assert (row["shown Latest"], row["shown Kenya"], row["shown Status"]) == (latest, kenya, status)
    assert row["shown As of"] == ("31 Jul 2022" if indicator.startswith(("CN", "RH", "CH")) else "24 Aug 2019")
    assert row["status"] == "insufficient data"  # the method's status is unchanged: one year, no trend


def test_kenyas_own_scorecard_judges_the_2014_to_2022_trends(reference_warehouse):
    row = card_row(reference_warehouse, "KE", "CN_NUTS_C_HA2")
    # 26.0 → 17.6 over 8 years: 4.8 % a year down, the desired direction, ≥ 1.5 % without a target: on track.
    assert (row["shown Latest"], row["shown Status"]) == ("17.6 % (2022)", "● on track")
    row = card_row(reference_warehouse, "KE", "RH_ANCN_W_N4P")
    # 54.7 → 66.0 against the national 80 % target: slower than the target needed
    assert (row["shown Latest"], row["status"]) == ("66.0 % (2022)", "stagnating")


def test_a_county_meeting_a_national_target_is_said_to_meet_the_national_one(reference_warehouse):
    row = card_row(reference_warehouse, "043", "RH_DELA_C_SKP")
    assert (row["shown Latest"], row["shown Target"], row["shown Status"]) == (
        "91.2 % (2022)", "65.0 % by 2017 (national)", "● national target met")


def test_every_county_lacking_the_same_indicators_is_said_and_explained(reference_warehouse):
    from jdp_analytics.warehouse.queries import Warehouse

    warehouse = Warehouse(reference_warehouse)
    catalogue, counties = warehouse.query("sdg_catalogue"), warehouse.query("counties")
    observations = warehouse.query("sdg_observations", indicator_code="", county_code="")
    grid = sdg_metrics.coverage(catalogue, observations, counties)
    common = sdg_metrics.shared_gaps(grid)
    assert len(common) == 20 and "5.5.1" in common and "CEN_INTERNET_USE" not in common
    sources = sdg_metrics.coverage_by_source(observations, counties)
    assert sources[["period", "indicators", "counties"]].values.tolist() == [["2022", 11, 47], ["2019", 8, 47]]
    assert sources["as_of"].tolist() == [pd.Timestamp(date(2022, 7, 31)), pd.Timestamp(date(2019, 8, 24))]
    assert sdg_views.same_gaps_text(common, sources, 47).startswith(
        "Every one of the 47 counties lacks the same 20 indicators. The county values in the warehouse come from 2 "
        "public sources (2022, 2019) that cover the counties alike")


def test_gaps_differ_as_soon_as_one_county_has_a_value_the_others_lack():
    counties = pd.DataFrame({"county_code": ["002", "008"], "county_name": ["Kwale", "Wajir"],
                             "is_jdp_target": [True, True]})
    catalogue = pd.DataFrame({"indicator_code": ["5.5.1", "W"], "indicator_name": ["Women", "Water"],
                              "sdg_goal": [5, 6], "sdg_indicator": ["5.5.1", None]})
    observations = pd.DataFrame({"indicator_code": ["W", "W", "5.5.1"], "geo_code": ["002", "008", "002"],
                                 "period": ["2019", "2019", "2022"]})
    grid = sdg_metrics.coverage(catalogue, observations, counties)
    assert sdg_metrics.shared_gaps(grid) is None
    assert sdg_metrics.shared_gaps(grid[grid["indicator_code"] == "W"]) == []


# The three SDG pages as a user opens them: two target counties and All 47.

@pytest.fixture
def open_page(reference, open_app):
    """Return a function that opens a page on the reference warehouse with a query string."""
    return lambda page, query: open_app(page, **query)


def row_of(at: AppTest, column: str, value: str) -> pd.Series:
    for frame in [*at.dataframe, *at.table]:  # the scorecard is a static table (st.table), indexed by indicator
        data = frame.value.reset_index() if frame.value.index.name else frame.value
        data = data.map(lambda v: v.replace("\u00a0", " ") if isinstance(v, str) else v)  # no-break space = space
        if column in data.columns and value in set(data[column]):
            return data[data[column] == value].iloc[0]
    raise AssertionError(f"no table with {value!r} in column {column!r}")


@pytest.mark.parametrize(("county", "title", "latest", "kenya", "status"), [
    ("002", "SDG scorecard · Kwale", "22.7 % (2022)", "17.6 %",
     "◌ one year only: above Kenya by 5.1 points (worse); no numerical target"),
    ("043", "SDG scorecard · Homa Bay", "12.5 % (2022)", "17.6 %",
     "◌ one year only: below Kenya by 5.1 points (better); no numerical target"),
    ("all", "SDG scorecard · Kenya", "17.6 % (2022)", "17.6 %", "● on track"),  # 26.0 % in 2014
])
def test_the_scorecard_page_shows_stunting_with_kenyas_value_date_and_standing(open_page, county, title, latest,
                                                                               kenya, status):
    at = open_page("pages/sdg_scorecard.py", {"county": county})
    assert at.title[0].value == title
    stunting = row_of(at, "Indicator", "Children stunted (height-for-age below -2 SD)")
    assert (stunting["Latest"], stunting["Kenya"], stunting["As of"], stunting["Status"]) == (
        latest, kenya, "31 Jul 2022", status)
    assert not any(frame.value["Status"].eq("· insufficient data").any() for frame in at.table)
    assert len(at.table) == len([h for h in at.subheader if h.value.startswith(("SDG", "Other"))])
    assert any("Kenya Demographic and Health Survey 2022 (KE2022DHS), national estimates" in c.value
               for c in at.caption)
    compared = [m.value for m in at.markdown if m.value.startswith("Of the 17 indicators with Kenya's value")]
    assert compared == ([] if county == "all" else [
        {"002": "Of the 17 indicators with Kenya's value of the same year, Kwale does better than Kenya on 3, worse "
                "on 13 and level on 1.",
         "043": "Of the 17 indicators with Kenya's value of the same year, Homa Bay does better than Kenya on 6, worse "
                "on 10 and level on 1."}[county]])


@pytest.mark.parametrize(("county", "place", "value"), [("002", "Kwale", "70.6 %"), ("043", "Homa Bay", "75.8 %"),
                                                        ("all", "Kenya", None)])
def test_the_explorer_names_kenyas_value_beside_the_county_ranking(open_page, county, place, value):
    at = open_page("pages/sdg_explorer.py", {"indicator": "CH_VACC_C_BAS", "county": county})
    assert "Kenya 80.1 % in 2022" in at.caption[0].value and f"Selected: {place}" in at.caption[0].value
    if value:
        assert row_of(at, "County", place)["Value"] == value
    at = open_page("pages/sdg_explorer.py", {"indicator": "RH_PCMT_W_NON", "county": county})
    assert "Kenya's 2022 value is not in the sources held" in at.caption[0].value  # no national row was found


@pytest.mark.parametrize("county", ["002", "043", "all"])
def test_the_gaps_page_says_why_every_county_lacks_the_same_indicators_and_lists_sources_by_year(open_page, county):
    at = open_page("pages/sdg_gaps.py", {"county": county})
    assert any(i.value.startswith("Every one of the 47 counties lacks the same 20 indicators") for i in at.info)
    kdhs = row_of(at, "Year", "2022")
    assert (kdhs["Indicators with county values"], kdhs["Counties covered"], kdhs["As of"]) == (11, "47 of 47",
                                                                                              "31 Jul 2022")
    census = row_of(at, "Year", "2019")
    assert (census["Indicators with county values"], census["Counties covered"]) == (8, "47 of 47")
    if county != "all":
        gap = row_of(at, "UN code", "3.1.2")
        assert gap["Stand-in with a value"] == "Assistance during delivery from a skilled provider (same definition)"


def test_the_briefs_sdg_section_carries_kenyas_value_the_date_and_the_standing(reference_warehouse):
    from jdp_analytics.documents.sections import ReportData, ReportView, sdg_section

    section = sdg_section(ReportData(reference_warehouse), ReportView("002", "2023/24", "2026Q3"))
    frame = section.tables[0].frame
    assert tuple(frame.columns) == ("SDG", "Indicator", "Latest", "Kenya", "As of", "Status")
    stunting = frame[frame["Indicator"] == "Children stunted (height-for-age below -2 SD)"].iloc[0]
    assert stunting[["Latest", "Kenya", "As of", "Status"]].tolist() == [
        "22.7 % (2022)", "17.6 %", "31 Jul 2022", "◌ one year only: above Kenya by 5.1 points (worse); "
        "no numerical target"]
    assert not frame["Status"].str.contains("insufficient data").any()
    assert any("Kenya Demographic and Health Survey 2022 (KE2022DHS), national estimates" in source
               for source in section.sources)
    assert ("Of the 17 indicators with Kenya's value of the same year, Kwale does better than Kenya on 3, worse on "
            "13 and level on 1.") in section.sentences
