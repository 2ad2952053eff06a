"""Participation measures on small fixtures: turnout, representation, the proposal funnel, feedback, coverage and
the lateness of budget documents against their legal deadlines."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from jdp_analytics.participation import metrics as p


def events(*rows: dict) -> pd.DataFrame:
    """Events with the columns of the participation_events query; unspecified counts are empty."""
    base = {"event_id": None, "event_date": pd.Timestamp("2024-08-01"), "county_code": "002",
            "ward_code": "KEW-0100", "budget_stage": "ADP", "documents_shared": False,
            "documents_shared_days_before": None, "attendance_women": 0, "attendance_men": 0,
            "attendance_total": 0, "attendance_youth": None, "attendance_pwd": None, "proposals_received": None,
            "proposals_adopted": None, "feedback_date": pd.NaT}
    frame = pd.DataFrame([{**base, "event_id": f"E{i}", **row} for i, row in enumerate(rows)])
    for column in ("attendance_youth", "attendance_pwd", "proposals_received", "proposals_adopted",
                   "documents_shared_days_before"):
        frame[column] = frame[column].astype("Int64")
    frame["feedback_date"] = pd.to_datetime(frame["feedback_date"])
    return frame


def test_turnout_per_1000_divides_by_the_population():
    assert p.per_1000(1_254, 418_395) == pytest.approx(2.997, abs=1e-3)


@pytest.mark.parametrize("population", [None, 0, float("nan")])
def test_turnout_per_1000_is_none_for_a_ward_with_no_population_figure(population):
    assert p.per_1000(120, population) is None


def test_representation_gap_is_participants_minus_population_in_points():
    assert p.representation_gap(38.0, 52.0) == -14.0
    assert p.representation_gap(None, 52.0) is None


def test_representation_counts_youth_only_at_forums_that_recorded_youth():
    frame = events({"attendance_women": 40, "attendance_men": 60, "attendance_total": 100, "attendance_youth": 30},
                   {"attendance_women": 20, "attendance_men": 30, "attendance_total": 50})
    rep = p.representation(frame, pd.Series({"women": 52.0, "youth": 50.0, "pwd": 4.0})).set_index("group")
    assert rep.loc["Women", "participants_pct"] == pytest.approx(40.0)
    assert rep.loc["Women", "gap_points"] == pytest.approx(-12.0)
    assert rep.loc["Youth (18–34)", "participants_pct"] == pytest.approx(30.0)  # 30 of the 100 counted, not 150
    assert rep.loc["Youth (18–34)", "events_recorded"] == 1
    assert pd.isna(rep.loc["Persons with disabilities", "participants_pct"])  # no forum recorded them


def test_representation_with_zero_attendance_has_no_share_and_no_gap():
    rep = p.representation(events({}), pd.Series({"women": 52.0, "youth": 50.0, "pwd": 4.0})).set_index("group")
    assert pd.isna(rep.loc["Women", "participants_pct"])
    assert pd.isna(rep.loc["Women", "gap_points"])


def test_the_funnel_rates_are_shares_of_the_proposals_received():
    frame = events({"proposals_received": 40, "proposals_adopted": 10, "feedback_date": "2024-09-01"},
                   {"proposals_received": 10, "proposals_adopted": 5})
    funnel = p.funnel(frame)
    assert funnel["proposals"].tolist() == [50, 15, 10]
    assert funnel["pct_of_received"].tolist() == [100.0, 30.0, 20.0]


def test_the_funnel_with_no_proposals_has_zero_counts_and_no_rates():
    funnel = p.funnel(events({}, {}))
    assert funnel["proposals"].tolist() == [0, 0, 0]
    assert funnel["pct_of_received"].isna().all()


def test_days_to_feedback_is_the_median_over_forums_that_gave_feedback():
    frame = events({"event_date": pd.Timestamp("2024-08-01"), "feedback_date": "2024-08-11"},
                   {"event_date": pd.Timestamp("2024-08-01"), "feedback_date": "2024-09-30"},
                   {"event_date": pd.Timestamp("2024-08-01"), "feedback_date": "2024-08-31"},
                   {"event_date": pd.Timestamp("2024-08-01")})
    summary = p.feedback_summary(frame)
    assert (summary["with_feedback"], summary["events"], summary["median_days_to_feedback"]) == (3, 4, 30.0)
    assert summary["feedback_pct"] == 75.0


def test_no_feedback_at_all_gives_no_median():
    assert p.feedback_summary(events({}))["median_days_to_feedback"] is None


def test_stage_coverage_lists_a_ward_without_forums_with_zeros():
    wards = pd.DataFrame({"ward_code": ["KEW-0100", "KEW-0101"], "ward_name": ["Tsimba Golini", "Waa"]})
    coverage = p.stage_coverage(events({"budget_stage": "ADP"}, {"budget_stage": "CFSP"}), wards)
    assert coverage.set_index("ward_name").loc["Waa"].drop("ward_code").sum() == 0
    assert coverage.set_index("ward_name").loc["Tsimba Golini", ["ADP", "CFSP", "CIDP"]].tolist() == [1, 1, 0]


def test_the_stage_names_above_the_heatmap_wrap_whole_words_and_the_plot_makes_room_for_them():
    from jdp_analytics.participation import charts

    wards = pd.DataFrame({"ward_code": ["KEW-0100", "KEW-0101"], "ward_name": ["Tsimba Golini", "Waa"]})
    coverage = p.stage_coverage(events({"budget_stage": "ADP"}), wards)
    fig = charts.stage_coverage(coverage, "Kwale", "2023/24", "Source: test")
    ticks = dict(zip(fig.layout.xaxis.tickvals, fig.layout.xaxis.ticktext))
    # "Finance bill" and "Budget implementation review" ran into each other on one line at 1280 pixels.
    assert ticks["Budget implementation review"] == "Budget<br>implementation<br>review"
    assert ticks["Finance bill"] == "Finance bill"
    assert fig.layout.margin.t == 80 + 15 + 2 * 15  # title, subtitle and two more lines of stage names


def test_fiscal_quarters_start_in_july():
    assert [p.fiscal_quarter(d) for d in ("2024-07-01", "2024-09-30", "2024-10-01", "2025-01-15", "2025-06-30")] == [
        "2024/25 Q1", "2024/25 Q1", "2024/25 Q2", "2024/25 Q3", "2024/25 Q4"]


@pytest.mark.parametrize(("document", "fiscal_year", "deadline"), [
    ("ADP", "2024/25", date(2023, 9, 1)), ("CFSP", "2024/25", date(2024, 3, 7)),
    ("Budget estimates", "2024/25", date(2024, 4, 30)), ("Approved budget", "2024/25", date(2024, 6, 30)),
    ("Q1 implementation report", "2024/25", date(2024, 10, 31)),
    ("Q4 implementation report", "2024/25", date(2025, 7, 31))])
def test_the_legal_deadline_of_each_document(document, fiscal_year, deadline):
    assert p.document_deadline(document, fiscal_year) == deadline


def test_a_document_published_on_its_deadline_is_on_time_and_a_day_after_is_late_by_one_day():
    deadline = date(2024, 3, 7)
    assert p.publication_status(date(2024, 3, 7), deadline, date(2025, 1, 1)) == ("on time", 0)
    assert p.publication_status(pd.Timestamp("2024-03-08"), deadline, date(2025, 1, 1)) == ("late", 1)
    assert p.status_label("late", 1) == "late by 1 day"
    assert p.status_label("late", 12) == "late by 12 days"


def test_a_missing_date_is_not_published_once_the_deadline_passed_and_not_yet_due_before():
    deadline = date(2025, 7, 31)
    assert p.publication_status(None, deadline, date(2025, 11, 30)) == ("not published", None)
    assert p.publication_status(pd.NaT, deadline, date(2025, 7, 1)) == ("not yet due", None)


def test_facility_summary_gives_the_resolution_rate_and_no_rate_without_cases():
    feedback = pd.DataFrame({"facility_id": ["A", "A", "B"], "facility_type": ["Health", "Health", "Water"],
                             "received": [10, 6, 0], "resolved": [8, 4, 0],
                             "median_days_to_resolve": [4.0, 10.0, None]})
    summary = p.facility_summary(feedback, ["facility_type"]).set_index("facility_type")
    assert summary.loc["Health", ["received", "resolved", "resolved_pct"]].tolist() == [16, 12, 75.0]
    assert summary.loc["Health", "median_days_to_resolve"] == 7.0
    assert pd.isna(summary.loc["Water", "resolved_pct"])
