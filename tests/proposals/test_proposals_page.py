"""The From proposals to budget page in Streamlit's AppTest, for every target county and All 47, checked against
the warehouse; a proposal's trail opened from its deep link."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.shown import table_with

APP = Path(__file__).resolve().parents[2] / "app.py"
TARGETS = ["002", "008", "014", "015", "024", "025", "033", "043"]


@pytest.fixture
def reference(reference_warehouse, monkeypatch):
    monkeypatch.setenv("JDP_WAREHOUSE", str(reference_warehouse))
    return reference_warehouse


def open_page(county: str, fiscal_year: str = "2024/25", proposal: str | None = None,
              demo: str | None = "1") -> AppTest:
    """Open the page with the demonstration asked for (the shipped proposals are generated) unless demo=None."""
    at = AppTest.from_file(str(APP), default_timeout=90)
    at.query_params["county"] = county
    at.query_params["fy"] = fiscal_year
    if demo:
        at.query_params["demo"] = demo
    if proposal:
        at.query_params["proposal"] = proposal
    at.run()
    at.switch_page("pages/proposals.py").run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def totals(warehouse, query, county: str) -> tuple:
    where = "" if county == "all" else f"AND p.county_code = '{county}'"
    return query(warehouse, f"""
        select count(*), count(*) filter (where decision like 'adopted%'), sum(l.allocated_kes)
        from fact_proposal p left join (select proposal_id, sum(allocated_kes) as allocated_kes
                                        from fact_proposal_link group by all) l using (proposal_id)
        where p.fiscal_year = '2024/25' {where}""")[0]


@pytest.mark.parametrize("county", [*TARGETS, "all"])
def test_the_page_counts_the_proposals_adoption_and_kes_of_every_target_county_and_all_47(reference, query, county):
    at = open_page(county)
    made, adopted, allocated = totals(reference, query, county)
    assert metric(at, "Proposals made") == f"{made:,}"
    assert metric(at, "Adopted") == f"{100 * adopted / made:.1f} %"
    assert metric(at, "Funded (KES)") == (f"{allocated / 1e9:,.2f} bn" if allocated >= 1e9
                                          else f"{allocated / 1e6:,.1f} m")
    assert any("DEMONSTRATION DATA" in w.value for w in at.warning)
    headers = [h.value for h in at.header]
    assert headers[:1] == ["The funnel"] and "The counties side by side" in headers
    assert ("Equity by ward: development spending" in headers) == (county != "all")


def test_the_counties_side_by_side_list_the_eight_targets(reference):
    at = open_page("all")
    counties = table_with(at, "Per 1,000 adults")
    assert counties["County"].tolist() == ["Embu", "Homa Bay", "Kitui", "Kwale", "Narok", "Samburu", "Wajir",
                                           "West Pokot"]


def test_a_proposal_opens_to_its_trail_from_its_deep_link(reference, query):
    proposal, text, allocated = query(reference, """
        select p.proposal_id, p.proposal_text, sum(l.allocated_kes) from fact_proposal p
        join fact_proposal_link l using (proposal_id) where p.county_code = '043' and p.fiscal_year = '2024/25'
        group by all order by 1 limit 1""")[0]
    at = open_page("043", proposal=proposal)
    assert [s.value for s in at.subheader] == [f"Trail of proposal {proposal}: {text}"]
    trail = next(md.value for md in at.markdown if "**KES allocated:**" in md.value)
    assert f"**KES allocated:** KES {allocated:,.0f}" in trail
    assert "**Decision:** adopted into budget" in trail


def test_an_unknown_proposal_in_the_link_says_so_without_a_traceback(reference):
    at = open_page("043", proposal="NOPE-1")
    assert [e.value for e in at.error] == ["No proposal 'NOPE-1' is in the warehouse; pick one from the list below."]


def test_a_link_given_as_the_proposal_in_the_url_is_shown_as_text_not_as_a_link(reference):
    at = open_page("043", proposal="[click](https://evil.example/)")
    assert [e.value for e in at.error] == ["No proposal '\\[click\\](https:\u2060//evil.example/)' is in the "
                                           "warehouse; pick one from the list below."]


def test_a_county_without_proposals_says_so(reference):
    at = open_page("001")
    assert at.markdown[0].value.startswith("**No real figures yet for Mombasa, FY 2024/25.** This page would follow "
                                           "each citizen proposal")
    assert "Annual Development Plan" in at.markdown[1].value  # who holds such figures


def test_a_generated_proposal_s_link_opens_nothing_while_the_demonstration_is_off(reference, query):
    proposal = query(reference, "select min(proposal_id) from fact_proposal where county_code = '043'")[0][0]
    at = open_page("043", proposal=proposal, demo=None)
    assert [e.value for e in at.error] == [f"No proposal '{proposal}' is in the warehouse; pick one from the list "
                                           "below."]
    assert not at.subheader


def test_every_proposal_is_marked_and_what_was_asked_comes_first(reference, query):
    """The pick grid marks each generated row, like every other table, and shows the proposal's text, the decision,
    the money and the ward, which fit a projector's width without scrolling; the trail a pick opens has the rest."""
    at = open_page("043")
    grid = next(d for d in at.dataframe if "Proposal text" in d.value.columns)
    made = query(reference, "select count(*) from fact_proposal where county_code = '043' and fiscal_year = '2024/25'")
    assert len(grid.value) == made[0][0]
    assert set(grid.value["Figures"]) == {"Demonstration"}
    assert list(grid.proto.column_order) == ["Figures", "Proposal text", "Decision", "KES allocated", "Ward"]
    trail = open_page("043", proposal=grid.value["Proposal"].iloc[0])  # the rest is in the trail a pick opens
    facts = " ".join(md.value for md in trail.markdown)
    assert "**Decision:**" in facts and "**Sector:**" in facts
