"""Uploads of audit opinions, the budget calendar, the assembly's amendments and the follow-up of recommendations
(issue 33): each template loads; each refused file is named by file, row, column and value with its fix, and leaves
the warehouse byte-identical (a rule between kinds is checked when the file is checked and again in the load)."""

from __future__ import annotations

import dataclasses
import hashlib
from datetime import date
from pathlib import Path

import pytest

from jdp_analytics.warehouse import loader
from jdp_analytics.warehouse.schema import ValidationError

SOURCE = loader.DeclaredSource("Kwale County Assembly", "Clerk's records", "CC BY 4.0", date(2025, 6, 30))
OPINIONS = "county,fiscal_year,entity,opinion,report_date,report"
CALENDAR = "county,fiscal_year,milestone,happened_date,due_date,reference,note"
AMENDMENTS = "county,fiscal_year,estimates,vote,programme,proposed_kes,approved_kes,note"
ACTIONS = ("report_id,recommendation_no,county,fiscal_year,reported_by,report_title,tabled_date,recommendation,"
           "responsible,due_date,status,done_date,evidence")
ACTION = ("KWL-OAG-2324,1,Kwale,2023/24,Auditor-General,Audit of FY 2023/24,2025-02-18,Reconcile pending bills,"
          "County Treasury,2025-06-30,done,2025-05-15,")


def sha(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def refused(warehouse: Path, data: bytes, kind: str) -> list[str]:
    """Check a file (refused); return each problem as the user reads it; the warehouse is unchanged."""
    before = sha(warehouse)
    with pytest.raises(ValidationError) as caught:
        loader.prepare(data, f"{kind}.csv", kind, warehouse)
    assert sha(warehouse) == before
    return [str(p) for p in caught.value.problems]


@pytest.mark.parametrize("kind", ["audit_opinions", "budget_calendar", "oversight_actions"])
def test_each_template_as_downloaded_loads(warehouse, kind, scalar):
    template = loader.template(kind).to_csv(index=False).encode()
    loader.load(loader.prepare(template, f"template_{kind}.csv", kind, warehouse), warehouse, SOURCE, "a.otieno")
    table = loader.KINDS[kind].table.name
    assert scalar(warehouse, f"SELECT count(*) FROM {table} WHERE load_id IS NOT NULL") == len(loader.template(kind))


def test_an_opinion_outside_the_four_is_refused_with_the_four_named(warehouse, csv_bytes):
    data = csv_bytes(OPINIONS, "Kwale,2022/23,county executive,clean,2024-01-10,")
    assert refused(warehouse, data, "audit_opinions") == [
        "audit_opinions.csv, row 2, column 'opinion', value 'clean': the value is not an allowed one. Fix: use one "
        "of: unmodified, qualified, adverse, disclaimer."]


def test_a_report_dated_before_the_audited_year_ended_is_refused(warehouse, csv_bytes):
    data = csv_bytes(OPINIONS, "Kwale,2022/23,county executive,qualified,2023-03-01,")
    assert refused(warehouse, data, "audit_opinions") == [
        "audit_opinions.csv, row 2, column 'report_date', value 'report_date=2023-03-01, fiscal_year=2022/23': The "
        "report is dated before the fiscal year it audits ended (30 June). Fix: Give the date of the audit report, "
        "after the fiscal year's 30 June; check the fiscal year."]


def test_a_milestone_dated_before_the_years_budget_cycle_is_refused(warehouse, csv_bytes):
    data = csv_bytes(CALENDAR, "Kwale,2024/25,CFSP submitted,2023-02-27,,,",
                     "Kwale,2024/25,Supplementary budget 1 approved,2024-05-02,2024-06-30,,")
    assert refused(warehouse, data, "budget_calendar") == [
        "budget_calendar.csv, row 2, column 'happened_date', value 'happened_date=2023-02-27, fiscal_year=2024/25, "
        "milestone=CFSP submitted': The date is before the budget cycle of the fiscal year began (1 July of the year "
        "before). Fix: Give the date in the year's budget cycle (a CFSP of FY 2024/25 is submitted in February "
        "2024), or correct the fiscal year.",
        "budget_calendar.csv, row 3, column 'happened_date', value 'happened_date=2024-05-02, fiscal_year=2024/25, "
        "milestone=Supplementary budget 1 approved': A supplementary budget is dated before the fiscal year it "
        "amends began (1 July). Fix: Give the date the assembly approved the supplementary budget, within or after "
        "the fiscal year."]


def test_a_due_date_on_a_milestone_the_law_dates_is_refused(warehouse, csv_bytes):
    data = csv_bytes(CALENDAR, "Kwale,2024/25,Budget estimates submitted,2024-04-29,2024-05-15,,")
    assert refused(warehouse, data, "budget_calendar") == [
        "budget_calendar.csv, row 2, column 'due_date', value 'due_date=2024-05-15, milestone=Budget estimates "
        "submitted': The law gives this milestone its deadline; only a supplementary budget takes one from the "
        "file. Fix: Leave due_date empty for this milestone."]


def test_an_unknown_milestone_is_refused_with_the_milestones_named(warehouse, csv_bytes):
    found = refused(warehouse, csv_bytes(CALENDAR, "Kwale,2024/25,Budget read,2024-06-12,,,"), "budget_calendar")
    assert found == [
        "budget_calendar.csv, row 2, column 'milestone', value 'Budget read': the value is not an allowed one. Fix: "
        "use one of: CFSP submitted, CFSP approved, Budget estimates submitted, Budget estimates approved, "
        "Appropriation Act assented, Finance Bill passed, Supplementary budget 1 approved, Supplementary budget 2 "
        "approved, Supplementary budget 3 approved."]


def test_amendments_on_the_countys_votes_load_in_the_budgets_spelling(warehouse, csv_bytes, scalar):
    # the reference build's demonstration lines give Kwale's FY 2024/25 budget its sectors (votes)
    data = csv_bytes(AMENDMENTS, "Kwale,2024/25,original,Water,all,410000000,460000000,Ward water",
                     "Kwale,2024/25,original,health,Preventive and promotive health,900000000,850000000,")
    loader.load(loader.prepare(data, "amendments.csv", "budget_amendments", warehouse), warehouse, SOURCE, "clerk")
    assert scalar(warehouse, "SELECT string_agg(vote || ': ' || (approved_kes - proposed_kes)::BIGINT, '; ' "
                             "ORDER BY vote) FROM fact_budget_amendment WHERE load_id IS NOT NULL") == (
        "Health: -50000000; Water, environment and natural resources: 50000000")


def test_an_approved_amount_on_a_vote_the_budget_lacks_is_refused(warehouse, csv_bytes):
    data = csv_bytes(AMENDMENTS, "Kwale,2024/25,original,Tourism and culture,all,0,120000000,",
                     "Kwale,2024/25,original,Ports,all,50000000,0,Removed by the assembly")
    assert refused(warehouse, data, "budget_amendments") == [
        "budget_amendments.csv, row 2, column 'vote', value 'Tourism and culture': Kwale's budget for FY 2024/25 has "
        "no vote 'Tourism and culture': an approved amount must be on one of its votes. Fix: use a vote of the "
        "county's budget (see Budget composition), or load the budget first (upload kind budget_lines or "
        "budget_items)."]


def test_an_approved_amount_on_a_programme_the_vote_lacks_is_refused(warehouse, csv_bytes):
    data = csv_bytes(AMENDMENTS, "Kwale,2024/25,original,Health,Space research,0,5000000,")
    assert refused(warehouse, data, "budget_amendments") == [
        "budget_amendments.csv, row 2, column 'programme', value 'Space research': Kwale's budget for FY 2024/25 has "
        "no programme 'Space research' under the vote 'Health'. Fix: use a programme of that vote, or 'all' for the "
        "vote as a whole."]


def test_a_vote_the_budget_lacks_is_refused_in_the_load_too(warehouse, csv_bytes, monkeypatch):
    """Checked before the county's budget changed (here: the check skipped), the rule still runs in the load."""
    data = csv_bytes(AMENDMENTS, "Kwale,2024/25,original,Tourism,all,0,120000000,")
    unchecked = dataclasses.replace(loader.KINDS["budget_amendments"], check=lambda frame, *args: (frame, []))
    monkeypatch.setitem(loader.KINDS, "budget_amendments", unchecked)
    monkeypatch.setattr(loader, "_rules_before_load", lambda *args: [])
    preview = loader.prepare(data, "amendments.csv", "budget_amendments", warehouse)
    before = sha(warehouse)
    with pytest.raises(loader.RuleError) as caught:
        loader.load(preview, warehouse, SOURCE, "clerk")
    assert sha(warehouse) == before
    assert [str(p) for p in caught.value.problems] == [
        "amendments.csv, row 2, column 'vote', value 'Tourism': Kwale's budget for FY 2024/25 has no vote 'Tourism': "
        "an approved amount must be on one of its votes. Fix: use a vote of the county's budget (see Budget "
        "composition), or load the budget first (upload kind budget_lines or budget_items)."]


def test_a_recommendation_done_before_its_report_was_tabled_is_refused(warehouse, csv_bytes):
    bad = ACTION.replace(",2025-05-15,", ",2024-12-01,")
    assert refused(warehouse, csv_bytes(ACTIONS, bad), "oversight_actions") == [
        "oversight_actions.csv, row 2, column 'done_date', value 'done_date=2024-12-01, tabled_date=2025-02-18': The "
        "recommendation is dated done before the report was tabled. Fix: Give the date it was done, after the report "
        "was tabled."]


def test_a_report_tabled_before_the_year_it_covers_and_a_done_date_without_done_are_refused(warehouse, csv_bytes):
    bad = ACTION.replace(",2025-02-18,", ",2023-05-02,").replace(",done,2025-05-15,", ",in progress,2025-05-15,")
    assert refused(warehouse, csv_bytes(ACTIONS, bad), "oversight_actions") == [
        "oversight_actions.csv, row 2, column 'done_date', value 'done_date=2025-05-15, status=in progress': A date "
        "done is given but the status is not done. Fix: Set the status to done, or leave done_date empty.",
        "oversight_actions.csv, row 2, column 'tabled_date', value 'tabled_date=2023-05-02, fiscal_year=2023/24': The "
        "report is tabled before the fiscal year it covers began (1 July). Fix: Give the date the report was tabled, "
        "or correct the fiscal year it covers."]


def test_a_report_id_of_another_county_is_refused_in_the_load(warehouse, csv_bytes):
    loader.load(loader.prepare(csv_bytes(ACTIONS, ACTION), "actions.csv", "oversight_actions", warehouse), warehouse,
                SOURCE, "clerk")
    homa_bay = loader.prepare(csv_bytes(ACTIONS, ACTION.replace(",Kwale,", ",Homa Bay,")), "actions.csv",
                              "oversight_actions", warehouse)
    before = sha(warehouse)
    with pytest.raises(loader.RuleError) as caught:
        loader.load(homa_bay, warehouse, SOURCE, "clerk")
    assert sha(warehouse) == before
    assert [str(p) for p in caught.value.problems] == [
        "actions.csv, row 2, column 'report_id, recommendation_no', value 'KWL-OAG-2324 / 1': report_id, "
        "recommendation_no KWL-OAG-2324 / 1 belongs to Kwale (002) in the warehouse; this row is for Homa Bay (043), "
        "and loading it would replace Kwale (002)'s row. Fix: give the row an identifier of its own county (e.g. with "
        "the county's prefix), or correct the county; to move a row to another county, roll back the load that "
        "brought it first."]
