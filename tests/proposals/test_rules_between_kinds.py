"""Issue 31, items 4, 5 and 8: keys belong to a county, and every rule between proposals, ward projects, proposal links
and budget lines holds from both sides, checked in the load's transaction whichever kind arrives second. Each refusal
names file, row, column and value, and leaves the warehouse byte-identical."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import pytest

from jdp_analytics.warehouse import loader
from jdp_analytics.warehouse.schema import ValidationError

SOURCE = loader.DeclaredSource("Kwale County Treasury", "Proposals register", "CC BY 4.0", date(2025, 6, 30))
PROPOSALS = ("proposal_id,county,ward,fiscal_year,budget_stage,proposed_date,sector,proposal_text,decision,"
             "decision_reason,programme")
KWALE_PROPOSAL = ("KWL-P1,Kwale,Tsimba Golini,2024/25,ADP,2024-08-02,Water,Borehole at Tsimba market,"
                  "adopted into budget,Ward priority,Rural water supply")
HOMA_BAY_PROPOSAL = ("HB-P1,Homa Bay,Central Kasipul,2024/25,ADP,2024-08-02,Water,Borehole at Kasipul,"
                     "adopted into budget,Ward priority,Rural water supply")
PROJECTS = "project_id,county,ward,fiscal_year,sector,programme,project_name,approved_kes,spent_kes,status"
KWALE_PROJECT = "KWL-WP1,Kwale,Tsimba Golini,2024/25,Water,Rural water supply,Tsimba borehole,2000000,500000,ongoing"
HOMA_BAY_PROJECT = ("HB-WP1,Homa Bay,Central Kasipul,2024/25,Water,Rural water supply,Kasipul borehole,2000000,0,"
                    "ongoing")
LINKS = "proposal_id,county,fiscal_year,sector,programme,project_id,allocated_kes,spent_kes"
LINES = "county,fiscal_year,sector,programme,approved_development_kes,approved_recurrent_kes"


def sha(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


@pytest.fixture
def stored(warehouse, csv_bytes):
    """Load lines of a file of a kind into the warehouse; return the warehouse."""
    def load(kind: str, *lines: str) -> Path:
        preview = loader.prepare(csv_bytes(*lines), f"{kind}.csv", kind, warehouse)
        loader.load(preview, warehouse, SOURCE, "tester")
        return warehouse
    return load


def refused_at_load(warehouse: Path, data: bytes, kind: str) -> list[str]:
    """Check a file (it passes), load it (refused in the transaction); return the problems, warehouse unchanged."""
    before = sha(warehouse)
    preview = loader.prepare(data, f"{kind}.csv", kind, warehouse)
    with pytest.raises(loader.RuleError) as caught:
        loader.load(preview, warehouse, SOURCE, "tester")
    assert sha(warehouse) == before
    assert str(caught.value).startswith("Nothing was loaded; the warehouse is unchanged. ")
    return [str(p) for p in caught.value.problems]


def refused_at_check_and_at_load(warehouse: Path, data: bytes, kind: str, monkeypatch) -> list[str]:
    """Check a file (refused by the rules the load runs); then, as if it had been checked before the rows it clashes
    with were loaded, load it (refused in the transaction with the same problems); the warehouse is unchanged."""
    at_check = refused_at_check(warehouse, data, kind)
    with monkeypatch.context() as patched:
        patched.setattr(loader, "_rules_before_load", lambda *args: [])
        assert refused_at_load(warehouse, data, kind) == at_check
    return at_check


def refused_at_check(warehouse: Path, data: bytes, kind: str) -> list[str]:
    before = sha(warehouse)
    with pytest.raises(ValidationError) as caught:
        loader.prepare(data, f"{kind}.csv", kind, warehouse)
    assert sha(warehouse) == before
    return [str(p) for p in caught.value.problems]


# Keys belong to a county ---------------------------------------------------------------------------------------------

def test_a_proposal_reusing_another_countys_proposal_id_is_refused_naming_both_counties(stored, warehouse, csv_bytes):
    stored("proposals", PROPOSALS, HOMA_BAY_PROPOSAL)
    taken = KWALE_PROPOSAL.replace("KWL-P1", "HB-P1")
    assert refused_at_check(warehouse, csv_bytes(PROPOSALS, taken), "proposals") == [
        "proposals.csv, row 2, column 'proposal_id', value 'HB-P1': proposal_id HB-P1 belongs to Homa Bay (043) in the "
        "warehouse; this row is for Kwale (002), and loading it would replace Homa Bay (043)'s row. Fix: give the row "
        "an identifier of its own county (e.g. with the county's prefix), or correct the county; to move a row to "
        "another county, roll back the load that brought it first."]


def test_a_ward_project_reusing_another_countys_project_id_is_refused(stored, warehouse, csv_bytes):
    stored("ward_projects", PROJECTS, HOMA_BAY_PROJECT)
    problems = refused_at_check(warehouse, csv_bytes(PROJECTS, KWALE_PROJECT.replace("KWL-WP1", "HB-WP1")),
                                "ward_projects")
    assert problems == ["ward_projects.csv, row 2, column 'project_id', value 'HB-WP1': project_id HB-WP1 belongs to "
                        "Homa Bay (043) in the warehouse; this row is for Kwale (002), and loading it would replace "
                        "Homa Bay (043)'s row. Fix: give the row an identifier of its own county (e.g. with the "
                        "county's prefix), or correct the county; to move a row to another county, roll back the load "
                        "that brought it first."]


def test_a_forum_reusing_another_countys_event_id_is_refused_naming_both_counties(warehouse, csv_bytes):
    template = loader.template("participation_events")
    row = template.iloc[0].to_dict() | {"event_id": "DEMO-043-0001"}  # Homa Bay's forum in the reference set
    problems = refused_at_check(warehouse, csv_bytes(",".join(row), ",".join(row.values())), "participation_events")
    assert problems == ["participation_events.csv, row 2, column 'event_id', value 'DEMO-043-0001': event_id "
                        "DEMO-043-0001 belongs to Homa Bay (043) in the warehouse; this row is for Kwale (002), and "
                        "loading it would replace Homa Bay (043)'s row. Fix: give the row an identifier of its own "
                        "county (e.g. with the county's prefix), or correct the county; to move a row to another "
                        "county, roll back the load that brought it first."]


def test_a_link_joining_a_kwale_proposal_to_a_homa_bay_project_is_refused(stored, warehouse, csv_bytes, monkeypatch):
    stored("proposals", PROPOSALS, KWALE_PROPOSAL)
    stored("ward_projects", PROJECTS, HOMA_BAY_PROJECT)
    link = "KWL-P1,Kwale,2024/25,Water,Rural water supply,HB-WP1,1000000,0"
    assert refused_at_check_and_at_load(warehouse, csv_bytes(LINKS, link), "proposal_links", monkeypatch) == [
        "proposal_links.csv, row 2, column 'project_id', value 'HB-WP1': the ward project is of Homa Bay (043), "
        "FY 2024/25; the link is for Kwale (002), FY 2024/25. Fix: link a ward project of the proposal's own county "
        "and year, or leave project_id empty."]


# Links within their line and their project, from both sides -----------------------------------------------------------

def test_links_allocating_fifty_times_the_projects_amount_are_refused(stored, warehouse, csv_bytes, monkeypatch):
    stored("proposals", PROPOSALS, KWALE_PROPOSAL)
    stored("ward_projects", PROJECTS, KWALE_PROJECT)
    link = "KWL-P1,Kwale,2024/25,Water,Rural water supply,KWL-WP1,100000000,0"
    assert refused_at_check_and_at_load(warehouse, csv_bytes(LINKS, link), "proposal_links", monkeypatch) == [
        "proposal_links.csv, row 2, column 'allocated_kes', value '100,000,000': the amounts linked to ward project "
        "KWL-WP1 add up to KES 100,000,000, more than the project's approved KES 2,000,000. Fix: the amounts are parts "
        "of the project; correct them or the project's approved amount (upload kind ward_projects)."]


def test_a_project_lowered_below_the_links_it_answers_is_refused(stored, warehouse, csv_bytes, monkeypatch):
    stored("proposals", PROPOSALS, KWALE_PROPOSAL)
    stored("ward_projects", PROJECTS, KWALE_PROJECT)
    stored("proposal_links", LINKS, "KWL-P1,Kwale,2024/25,Water,Rural water supply,KWL-WP1,1500000,0")
    lowered = KWALE_PROJECT.replace(",2000000,500000,", ",1000000,500000,")
    assert refused_at_check_and_at_load(warehouse, csv_bytes(PROJECTS, lowered), "ward_projects", monkeypatch) == [
        "ward_projects.csv, row 2, column 'approved_kes', value '1,000,000': proposal links allocate KES 1,500,000 of "
        "the project, more than this approved amount. Fix: correct the approved amount, or first lower the links' "
        "amounts (upload kind proposal_links)."]


def test_a_budget_line_lowered_below_the_links_and_projects_on_it_is_refused(stored, warehouse, csv_bytes, scalar):
    stored("proposals", PROPOSALS, KWALE_PROPOSAL)
    stored("proposal_links", LINKS, "KWL-P1,Kwale,2024/25,Water,Rural water supply,,28000000,0")
    on_line = "WHERE county_code = '002' AND fiscal_year = '2024/25' AND programme = 'Rural water supply'"
    links = scalar(warehouse, f"SELECT sum(allocated_kes) FROM fact_proposal_link {on_line}")
    projects = scalar(warehouse, f"SELECT sum(approved_kes) FROM fact_ward_project {on_line}")
    lowered = 'Kwale,2024/25,"Water, environment and natural resources",Rural water supply,1,0'
    assert refused_at_load(warehouse, csv_bytes(LINES, lowered), "budget_lines") == [
        "budget_lines.csv, row 2, column 'approved_development_kes + approved_recurrent_kes', value '1': the line's "
        f"approved KES 1 is less than the KES {links:,.0f} that proposal links hold on it. Fix: correct the approved "
        "amounts, or first lower or roll back the links on this line (upload kind proposal_links).",
        "budget_lines.csv, row 2, column 'approved_development_kes + approved_recurrent_kes', value '1': the line's "
        f"approved KES 1 is less than the KES {projects:,.0f} of the ward projects it funds. Fix: correct the approved "
        "amounts, or first lower or roll back the ward projects on this line (upload kind ward_projects)."]


def test_a_budget_line_that_still_covers_its_links_loads(stored, warehouse, csv_bytes, scalar):
    stored("budget_lines", LINES, 'Kwale,2024/25,"Water, environment and natural resources",Rural water supply,'
                                   "400000000,0")
    assert scalar(warehouse, "SELECT approved_development_kes FROM fact_budget_line WHERE county_code = '002' AND "
                             "fiscal_year = '2024/25' AND programme = 'Rural water supply'") == 400_000_000


# Spent within allocated, a ceiling on amounts -------------------------------------------------------------------------

def test_a_link_spending_more_than_it_was_allocated_is_refused(stored, warehouse, csv_bytes):
    stored("proposals", PROPOSALS, KWALE_PROPOSAL)
    link = "KWL-P1,Kwale,2024/25,Water,Rural water supply,,1000000,3000000"
    assert refused_at_check(warehouse, csv_bytes(LINKS, link), "proposal_links") == [
        "proposal_links.csv, row 2, column 'spent_kes', value 'spent_kes=3000000, allocated_kes=1000000': The link's "
        "spent amount is larger than its allocated amount. Fix: Spending is a part of the allocated amount; correct "
        "either amount."]


def test_a_project_spending_more_than_it_was_approved_is_refused(warehouse, csv_bytes):
    overspent = KWALE_PROJECT.replace(",2000000,500000,", ",2000000,2500000,")
    assert refused_at_check(warehouse, csv_bytes(PROJECTS, overspent), "ward_projects") == [
        "ward_projects.csv, row 2, column 'spent_kes', value 'spent_kes=2500000, approved_kes=2000000': The project's "
        "spent amount is larger than its approved amount. Fix: Spending is a part of the approved amount; correct "
        "either amount."]


def test_an_amount_above_a_trillion_shillings_is_refused(stored, warehouse, csv_bytes):
    stored("proposals", PROPOSALS, KWALE_PROPOSAL)
    link = "KWL-P1,Kwale,2024/25,Water,Rural water supply,,1000000,1e20"
    problems = refused_at_check(warehouse, csv_bytes(LINKS, link), "proposal_links")
    assert problems == [
        "proposal_links.csv, row 2, column 'spent_kes', value '1e20': the value is above 1,000,000,000,000: no amount "
        "of a county comes near that: all 47 counties together receive less than KES 400 billion a year. Fix: check "
        "the figure and its unit (whole shillings, not cents); enter 1,000,000,000,000 or less."]


# No money on a rejected proposal, years in order, from both sides -----------------------------------------------------

def test_money_linked_to_a_rejected_proposal_is_refused(stored, warehouse, csv_bytes, monkeypatch):
    stored("proposals", PROPOSALS, KWALE_PROPOSAL.replace("adopted into budget", "rejected").replace(
        "Rural water supply", ""))
    link = "KWL-P1,Kwale,2024/25,Water,Rural water supply,,1000000,0"
    assert refused_at_check_and_at_load(warehouse, csv_bytes(LINKS, link), "proposal_links", monkeypatch) == [
        "proposal_links.csv, row 2, column 'allocated_kes', value '1,000,000': proposal KWL-P1 was rejected "
        "(FY 2024/25); no money can be linked to it. Fix: leave the rejected proposal out of the links, or first load "
        "the county's corrected decision (upload kind proposals)."]


def test_a_proposal_rejected_after_money_was_linked_to_it_is_refused(stored, warehouse, csv_bytes, monkeypatch):
    stored("proposals", PROPOSALS, KWALE_PROPOSAL)
    stored("proposal_links", LINKS, "KWL-P1,Kwale,2024/25,Water,Rural water supply,,1000000,0")
    rejected = KWALE_PROPOSAL.replace("adopted into budget", "rejected").replace("Rural water supply", "")
    assert refused_at_check_and_at_load(warehouse, csv_bytes(PROPOSALS, rejected), "proposals", monkeypatch) == [
        "proposals.csv, row 2, column 'decision', value 'rejected': proposal links give the proposal KES 1,000,000 of "
        "the budget; a rejected proposal has no money. Fix: correct the decision, or first roll back or correct the "
        "proposal's links (upload kind proposal_links)."]


def test_a_link_in_a_year_before_the_proposal_is_refused(stored, warehouse, csv_bytes, monkeypatch):
    stored("proposals", PROPOSALS, KWALE_PROPOSAL)
    link = "KWL-P1,Kwale,2023/24,Water,Rural water supply,,1000000,0"
    assert refused_at_check_and_at_load(warehouse, csv_bytes(LINKS, link), "proposal_links", monkeypatch) == [
        "proposal_links.csv, row 2, column 'fiscal_year', value '2023/24': the link is in FY 2023/24, before the "
        "proposal was made (FY 2024/25). Fix: link the proposal to a budget of FY 2024/25 or later, or correct the "
        "proposal's year."]


def test_a_proposal_moved_to_a_year_after_its_link_is_refused(stored, warehouse, csv_bytes, monkeypatch):
    stored("proposals", PROPOSALS, KWALE_PROPOSAL.replace(",2024/25,", ",2023/24,"))
    stored("proposal_links", LINKS, "KWL-P1,Kwale,2024/25,Water,Rural water supply,,1000000,0")
    later = KWALE_PROPOSAL.replace(",2024/25,", ",2025/26,").replace("Rural water supply", "")
    later = later.replace("adopted into budget", "deferred")  # FY 2025/26 has no budget line to name
    assert refused_at_check_and_at_load(warehouse, csv_bytes(PROPOSALS, later), "proposals", monkeypatch) == [
        "proposals.csv, row 2, column 'fiscal_year', value '2025/26': the proposal is linked to the budget of "
        "FY 2024/25, before FY 2025/26, the year it was made. Fix: correct the proposal's year, or first correct its "
        "links (upload kind proposal_links)."]


def test_a_link_that_keeps_every_rule_loads(stored, warehouse, csv_bytes, scalar):
    stored("proposals", PROPOSALS, KWALE_PROPOSAL)
    stored("ward_projects", PROJECTS, KWALE_PROJECT)
    stored("proposal_links", LINKS, "KWL-P1,Kwale,2024/25,Water,Rural water supply,KWL-WP1,2000000,500000")
    assert scalar(warehouse, "SELECT allocated_kes FROM fact_proposal_link WHERE proposal_id = 'KWL-P1'") == 2_000_000


def test_whichever_kind_arrives_second_is_checked_in_its_load_even_when_both_files_were_checked_first(
        stored, warehouse, csv_bytes):
    stored("proposals", PROPOSALS, KWALE_PROPOSAL)
    lowered = loader.prepare(csv_bytes(LINES, 'Kwale,2024/25,"Water, environment and natural resources",Rural water '
                                              'supply,30000000,0'), "budget_lines.csv", "budget_lines", warehouse)
    links = loader.prepare(csv_bytes(LINKS, "KWL-P1,Kwale,2024/25,Water,Rural water supply,,28000000,0"),
                           "proposal_links.csv", "proposal_links", warehouse)
    loader.load(links, warehouse, SOURCE, "tester")  # the line still holds KES 369,616,000
    before = sha(warehouse)
    with pytest.raises(loader.RuleError) as caught:
        loader.load(lowered, warehouse, SOURCE, "tester")
    assert [(p.row, p.column, p.value) for p in caught.value.problems] == [
        (2, "approved_development_kes + approved_recurrent_kes", "30,000,000")] * 2  # its links, and its projects
    assert sha(warehouse) == before
