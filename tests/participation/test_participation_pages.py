"""The Participation and Social accountability pages in Streamlit's AppTest, checked against the warehouse."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from jdp_analytics.participation import metrics as p
from tests.shown import table_with

TARGETS = ["002", "008", "014", "015", "024", "025", "033", "043"]


@pytest.fixture
def open_page(open_app):
    """Return a function that opens pages/<page>.py on a county and fiscal year (FY 2024/25 unless told), with the
    demonstration asked for (?demo=1): the shipped forums and facility records are generated."""
    return lambda page, county, fiscal_year="2024/25", demo="1": open_app(f"pages/{page}.py", county=county,
                                                                          fy=fiscal_year, demo=demo)


def metric(at: AppTest, label: str):
    return next(m for m in at.metric if m.label == label)


def forums(warehouse, query, county: str, fiscal_year: str) -> int:
    start, end = p.fiscal_year_bounds(fiscal_year)
    return query(warehouse, "SELECT count(*) FROM fact_participation_event WHERE county_code = ? AND event_date "
                            "BETWEEN ? AND ?", county, start, end)[0][0]


@pytest.mark.parametrize("county", TARGETS)
def test_the_participation_page_counts_the_forums_of_every_target_county(reference, query, county, open_page):
    at = open_page("participation", county)
    assert metric(at, "Forums held").value == f"{forums(reference, query, county, '2024/25'):,}"
    assert any("DEMONSTRATION DATA" in w.value for w in at.warning)
    assert any(c.value.startswith("Demonstration: FY 2024/25, in ") for c in at.caption)  # under the card
    assert [h.value for h in at.header] == ["Where forums were held", "Who takes part", "The budget cycle",
                                            "The eight target counties", "Trend by quarter"]


def test_homa_bay_women_card_compares_with_the_census_share_of_adult_women(reference, query, open_page):
    at = open_page("participation", "043")
    women, men = query(reference, "SELECT sum(attendance_women), sum(attendance_total) FROM fact_participation_event "
                                  "WHERE county_code = '043' AND event_date BETWEEN '2024-07-01' AND '2025-06-30'")[0]
    assert metric(at, "Women attending").value == f"{100 * women / men:.1f} %"
    adult_women_pct = 100 * 295_738 / 537_552  # KPHC Vol. III Table 2.3, Homa Bay, ages 18+
    assert any(f"against their {adult_women_pct:.1f} % of adults" in c.value for c in at.caption)


def test_all_47_runs_and_names_the_counties_with_records(reference, open_page):
    at = open_page("participation", "all")
    assert at.title[0].value == "Public participation · All 47 counties"  # the sidebar's selection, as everywhere
    assert "of 8 counties with records" in " ".join(c.value for c in at.caption)  # what the rows cover


def test_a_county_without_records_says_so_in_words(reference, open_page):
    at = open_page("participation", "001")
    assert at.markdown[0].value.startswith("**No real figures yet for Mombasa, FY 2024/25.** This page would show "
                                           "where forums were held")
    assert "attendance register" in at.markdown[1].value  # who holds such figures
    assert not at.get("plotly_chart")


def test_a_year_before_the_records_says_so_in_words(reference, open_page):
    at = open_page("participation", "002", "2019/20")
    assert at.markdown[0].value.startswith("**No real figures yet for Kwale, FY 2019/20.**")


def test_the_ward_list_has_every_ward_and_marks_wards_without_a_forum(reference, query, open_page):
    at = open_page("participation", "002")
    table = table_with(at, "Forums")
    assert len(table) == query(reference, "SELECT count(*) FROM dim_ward WHERE county_code = '002'")[0][0] == 20
    assert (table["Forums"] == "0 · no forum").sum() >= 1


def test_with_ward_boundaries_the_page_draws_the_ward_map(full, open_page):
    at = open_page("participation", "043")
    assert len(at.get("deck_gl_json_chart")) == 1


@pytest.mark.parametrize("county", [*TARGETS, "all"])
def test_the_accountability_page_runs_for_every_target_county_and_all_47(reference, query, county, open_page):
    at = open_page("accountability", county)
    assert [h.value for h in at.header] == ["Complaints at service-delivery facilities",
                                            "Budget documents published on time", "The eight target counties",
                                            "County Budget Transparency Survey", "Oversight as reported"]
    # complaints resolved of those received in FY 2024/25, summed from the stored facility records
    resolved = query(reference, "SELECT c.county_name, f.facility_type, sum(f.resolved), sum(f.received) "
                                "FROM fact_facility_feedback f JOIN dim_county c USING (county_code) "
                                "WHERE f.fiscal_year = '2024/25' GROUP BY ALL ORDER BY ALL")
    by_county: dict[str, list[int]] = {}
    for name, _type, done, received in resolved:
        by_county[name] = [a + b for a, b in zip(by_county.get(name, [0, 0]), (done, received))]
    targets = table_with(at, "Complaints resolved")
    assert targets["County"].tolist() == ["Embu", "Homa Bay", "Kitui", "Kwale", "Narok", "Samburu", "Wajir",
                                          "West Pokot"]
    assert targets["Complaints resolved"].tolist() == [f"{100 * by_county[n][0] / by_county[n][1]:.1f} %"
                                                       for n in targets["County"]]
    name = "All 47 counties" if county == "all" else query(
        reference, "SELECT county_name FROM dim_county WHERE county_code = ?", county)[0][0]
    assert at.title[0].value == f"Social accountability · {name}"
    by_type = table_with(at, "Facility type", "Resolved %")
    shown = {(row.get("County", name), row["Facility type"]): row["Resolved %"] for _, row in by_type.iterrows()}
    assert shown == {(county_name, kind): f"{100 * done / received:.1f} %" for county_name, kind, done, received
                     in resolved if county == "all" or county_name == name}


def test_kwale_documents_read_on_time_late_or_not_published_against_the_law(reference, query, open_page):
    at = open_page("accountability", "002")
    table = next(t.value for t in at.table if "Document" in t.value.columns).set_index("Document")  # wraps
    published = query(reference, "SELECT published_date FROM fact_budget_document WHERE county_code = '002' AND "
                                 "fiscal_year = '2024/25' AND document = 'CFSP'")[0][0]
    status, days = p.publication_status(published, p.document_deadline("CFSP", "2024/25"), date(2025, 11, 30))
    # the shipped dates are generated: a cell says what the status would be, never that Kwale was late
    word = {"late": f"would be {p.status_label(status, days)}", "on time": "would be on time",
            "not published": "would be unpublished"}[status]
    assert table.loc["CFSP", "2024/25"].endswith(word)
    cells = list(table["2024/25"])
    assert all(v.split(" ", 1)[1].startswith(("would be ", "no record", "not yet due")) for v in cells), cells
    assert "28 February" in table.loc["CFSP", "Legal deadline"]


def test_a_document_status_is_a_verdict_only_on_published_records():
    from jdp_analytics.participation import views as pv

    statuses = pd.DataFrame({"document": ["CFSP", "CFSP"], "fiscal_year": ["2023/24", "2024/25"],
                             "status": ["late", "not published"], "days_late": pd.array([12, None], dtype="Int64"),
                             "source_id": ["county_site", "demo_budget_documents"], "county_code": "002",
                             "deadline": None, "published_date": None, "url": None})
    sources = pd.DataFrame({"source_id": ["county_site", "demo_budget_documents"], "is_demo": [False, True],
                            "table_name": "fact_budget_document", "publisher": ["Kwale", "JDP"],
                            "source_title": ["Kwale budget page", "Demo"], "as_of": [date(2025, 6, 30)] * 2})
    shown = pv.documents_table(statuses, "Kwale", sources).shown.set_index("Document")
    assert shown.loc["CFSP", "2023/24"] == "⏰ late by 12 days"  # a county's own record
    assert shown.loc["CFSP", "2024/25"] == "❌ would be unpublished"  # generated



def test_the_documents_and_their_legal_deadlines_read_in_kiswahili(reference, open_app):
    at = open_app("pages/accountability.py", county="002", fy="2024/25", lang="sw", demo="1")
    table = next(t.value for t in at.table if "Hati" in t.value.columns)
    text = " ".join(str(v) for v in table.to_numpy().ravel())
    assert "Makadirio ya bajeti" in text and "Ripoti ya utekelezaji ya robo ya 1" in text
    assert "28 Februari" in text and "submitted to" not in text and "one month after" not in text


def test_the_survey_scores_are_shown_with_their_address_and_missing_rounds_named(reference, query, open_page):
    at = open_page("accountability", "008")
    scores = table_with(at, "As reported at")
    assert len(scores) == query(reference, "SELECT count(*) FROM fact_budget_transparency_score "
                                           "WHERE county_code = '008'")[0][0]
    assert scores["As reported at"].str.startswith("http").all()
    assert any("No publicly reported score for Wajir in" in i.value for i in at.info)


def test_a_county_without_facility_or_document_records_says_so(reference, open_page):
    at = open_page("accountability", "001")
    assert at.markdown[0].value.startswith("**No real figures yet for Mombasa, FY 2024/25.** The complaints section "
                                           "would show")
    assert [m.value.split("**")[1] for m in at.markdown[1:3]] == ["Complaints and suggestions at facilities",
                                                                  "Budget documents' publication dates"]
    # the real sections stand alone: the survey and what the press reported
    assert [h.value for h in at.header] == ["County Budget Transparency Survey", "Oversight as reported"]
