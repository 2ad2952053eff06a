"""The Oversight page as a reader checks it (issue 33): the budget calendar's days late computed from the law by hand
for one county, the assembly's changes, an audit opinion as the press reported it with its quote, a year with no
opinion reading "not found", the follow-up of recommendations and a report opened by its address (escaped), for All
47 counties and a target county, in English and Kiswahili, and with the demonstration off showing no generated
figure."""

from __future__ import annotations

import json
from datetime import date

import pandas as pd
import pytest

from jdp_analytics.common import demonstration
from jdp_analytics.oversight import calendar
from jdp_analytics.warehouse import loader
from tests.shown import table_with, tables

PAGE = "pages/oversight.py"
SOURCE = loader.DeclaredSource("Kwale County Assembly", "Clerk's record of the budget calendar", "CC BY 4.0",
                               date(2025, 6, 30))
KWALE_CALENDAR = ("county,fiscal_year,milestone,happened_date,due_date,reference,note",
                  "Kwale,2024/25,CFSP submitted,2024-03-17,,,",
                  "Kwale,2024/25,CFSP approved,2024-03-20,,,",
                  "Kwale,2024/25,Budget estimates submitted,2024-05-06,,,",
                  "Kwale,2024/25,Budget estimates approved,2024-07-04,,,",
                  "Kwale,2024/25,Appropriation Act assented,2024-07-10,,,",
                  "Kwale,2024/25,Finance Bill passed,2024-10-15,,,",
                  "Kwale,2024/25,Supplementary budget 1 approved,2025-03-20,2025-02-28,,")
# Worked by hand from the PFM Act 2012: the CFSP is due 28 February 2024 (s.117(1)), its adoption 14 days after the
# 17 March submission, 31 March (s.117(6)); the estimates by 30 April (s.129(2)), approved by 30 June (s.131(1)), the
# Appropriation Act in force by 30 June (s.131(1)); the Finance Bill 90 days after the 10 July assent, 8 October
# (s.133(2)); the supplementary budget by the 28 February the file gives (s.135(4)).
BY_HAND = [("CFSP submitted", date(2024, 2, 28), 18), ("CFSP approved", date(2024, 3, 31), -11),
           ("Budget estimates submitted", date(2024, 4, 30), 6), ("Budget estimates approved", date(2024, 6, 30), 4),
           ("Appropriation Act assented", date(2024, 6, 30), 10), ("Finance Bill passed", date(2024, 10, 8), 7),
           ("Supplementary budget 1 approved", date(2025, 2, 28), 20)]


@pytest.fixture
def kwale_calendar(warehouse, csv_bytes, use_warehouse):
    """A copy of the reference warehouse with Kwale's FY 2024/25 calendar loaded, which the app reads."""
    preview = loader.prepare(csv_bytes(*KWALE_CALENDAR), "kwale_calendar.csv", "budget_calendar", warehouse)
    loader.load(preview, warehouse, SOURCE, "clerk")
    return use_warehouse(warehouse)


def test_days_late_are_counted_from_the_laws_deadlines():
    rows = pd.DataFrame([line.split(",") for line in KWALE_CALENDAR[1:]],
                        columns=KWALE_CALENDAR[0].split(",")).replace("", None)
    rows["county_code"] = "002"
    for column in ("happened_date", "due_date"):
        rows[column] = pd.to_datetime(rows[column])
    judged = calendar.calendar(rows, date(2025, 6, 30))
    assert list(zip(judged["milestone"], judged["deadline"], judged["days"])) == BY_HAND


def test_a_milestone_not_done_is_missed_after_its_deadline_and_not_yet_due_before():
    assert calendar.judge(None, date(2024, 9, 28), date(2024, 10, 8)) == (calendar.MISSED, 10)
    assert calendar.judge(None, date(2024, 9, 28), date(2024, 9, 1)) == (calendar.NOT_YET, None)
    assert calendar.judge(pd.Timestamp("2025-01-02"), None, date(2025, 6, 30)) == (calendar.NO_DEADLINE, None)


def test_the_page_names_kwales_late_milestones_with_their_days(kwale_calendar, open_app):
    at = open_app(PAGE, county="002", fy="2024/25")
    assert ("Late against the law in Kwale, FY 2024/25: CFSP submitted late by 18 days; Budget estimates submitted "
            "late by 6 days; Budget estimates approved late by 4 days; Appropriation Act assented late by 10 days; "
            "Finance Bill passed late by 7 days; Supplementary budget 1 approved late by 20 days."
            in [m.value for m in at.markdown])
    milestones = table_with(at, "Milestone", "Legal deadline", "Against the law")
    assert milestones.loc[milestones["Milestone"] == "CFSP approved", "Against the law"].item() == "early by 11 days"
    assert milestones.loc[milestones["Milestone"] == "Finance Bill passed", "The law"].item() == (
        "passed by the county assembly within 90 days after the Appropriation Act (PFM Act 2012 s.133(2))")
    counties = table_with(at, "County", "CFSP submitted")
    assert counties.set_index("County").loc["Kwale", "CFSP submitted"] == "+18"
    assert "Figures" not in milestones.columns  # a loaded calendar is real: no demonstration mark


def test_an_audit_opinion_is_shown_as_reported_with_its_quote(open_app, reference):
    at = open_app(PAGE, county="015", fy="2024/25")  # Kitui
    reported = next(t for t in tables(at) if {"Reported", "As quoted", "Outlet"} <= set(t.columns)
                    and t["Reported"].str.contains("county executive").any())  # not the budget-approval statements
    row = reported[reported["Period"] == "2019/20"].iloc[0]
    assert row["Reported"] == "disclaimer of opinion (county executive)" and "Kitui" in row["As quoted"]
    years = table_with(at, "Fiscal year", "Entity", "Opinion", "Where from")
    kitui = years.set_index(["Fiscal year", "Entity"])
    assert kitui.loc[("2019/20", "county executive"), "Opinion"] == "disclaimer of opinion, as reported"


def test_a_year_without_an_opinion_reads_not_found_never_clean(open_app, reference):
    at = open_app(PAGE, county="002", fy="2024/25")  # Kwale: opinions reported for 2015/16 and 2016/17 only
    years = table_with(at, "Fiscal year", "Entity", "Opinion", "Where from").set_index(["Fiscal year", "Entity"])
    assert years.loc[("2023/24", "county executive"), "Opinion"] == "not found"
    assert years.loc[("2023/24", "county executive"), "Where from"] == (
        "no loaded report and no public reporting found")
    assert years.loc[("2015/16", "county executive"), "Opinion"] == "disclaimer of opinion, as reported"
    assert not years["Opinion"].str.contains("clean").any()


@pytest.mark.parametrize("lang", ["en", "sw"])
@pytest.mark.parametrize("county", ["all", "043"])
def test_the_page_shows_its_figures_for_all_47_and_a_target_county(open_app, reference, county, lang):
    at = open_app(PAGE, county=county, fy="2024/25", lang=lang, demo="1")
    assert len(at.get("plotly_chart")) >= (1 if county == "all" else 3)
    assert table_with(at, "Report ID") is not None if lang == "en" else len(at.dataframe) + len(at.table) >= 5


def test_the_demonstration_is_marked_and_follows_the_budget_lines(open_app, reference):
    at = open_app(PAGE, county="043", fy="2024/25", demo="1")
    votes = table_with(at, "Vote", "Proposed", "Approved", "Change")
    assert set(votes["Figures"]) == {"Demonstration"}
    assert any(m.value.startswith("Demonstration: Homa Bay, FY 2024/25: the county assembly moved KES")
               for m in at.markdown)
    for chart in at.get("plotly_chart"):
        assert [i for i in json.loads(chart.proto.spec)["layout"].get("images", [])
                if i.get("name") == demonstration.WATERMARK_NAME]


def test_with_the_demonstration_off_no_generated_figure_is_shown(open_app, reference):
    at = open_app(PAGE, county="043", fy="2024/25")
    texts = " ".join([*(m.value for m in at.markdown), *(c.value for c in at.caption)])
    assert "Demonstration" not in texts and "would be" not in texts
    assert not at.get("plotly_chart")
    assert "No real figures yet for Homa Bay, FY 2024/25." in texts
    assert [b for b in at.get("download_button") if "front_door_budget_calendar" in b.proto.id]  # the template
    assert [b.key for b in at.button if b.key and b.key.endswith("_demo")]  # the button that turns it on


def test_a_reports_address_opens_its_recommendations(open_app, reference):
    at = open_app(PAGE, county="002", fy="2024/25", demo="1", oversight="DEMO-002-OAG-2223")
    assert ("Recommendations of Report of the Auditor-General on the county executive, FY 2022/23 (demonstration)"
            in [s.value for s in at.subheader])
    recommendations = table_with(at, "No.", "Recommendation", "Who must act", "Status")
    assert len(recommendations) == 3 and set(recommendations["Figures"]) == {"Demonstration"}


def test_a_link_given_as_the_report_in_the_address_is_shown_escaped(open_app, reference):
    at = open_app(PAGE, county="002", fy="2024/25", oversight="[x](javascript:alert(1))")
    assert at.error[0].value == ("No report '\\[x\\](javascript:\u2060alert(1))' is in the warehouse; pick one from "
                                 "the list below.")


def test_women_members_are_shown_as_reported_and_the_sdg_share_is_not_computed(open_app, reference):
    at = open_app(PAGE, county="002", fy="2024/25")
    women = next(t for t in tables(at) if {"Period", "Reported", "Outlet"} <= set(t.columns)
                 and t["Reported"].str.contains("women elected").any())
    assert women.set_index("Period").loc["2022", "Reported"] == "1 (women elected)"
    assert women.set_index("Period").loc["2022", "Outlet"] == "Daily Nation (Nation Media Group)"
    assert any(i.value.startswith("SDG 5.5.1(b), the share of seats held by women in local government, cannot be "
                                  "computed without") for i in at.info)
