"""The From proposals to budget page in headless Chromium: a proposal's trail opened from its deep link, the funnel
drawn, with screenshots."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_a_proposal_deep_link_opens_its_trail_and_the_funnel_is_drawn(page, visit, shots, full_warehouse, query):
    proposal, text, allocated, programme = query(full_warehouse, """
        select p.proposal_id, p.proposal_text, sum(l.allocated_kes), p.programme from fact_proposal p
        join fact_proposal_link l using (proposal_id) where p.county_code = '043' and p.fiscal_year = '2024/25'
        group by all order by 1 limit 1""")[0]
    visit(f"proposals?county=043&fy=2024/25&proposal={proposal}&demo=1", full=True)  # ward boundaries: the full build
    expect(page.get_by_role("heading", name="From proposals to budget · Homa Bay")).to_be_visible(timeout=30_000)
    expect(page.get_by_text("DEMONSTRATION DATA — generated, not real figures").first).to_be_visible()

    trail = page.locator(".st-key-proposal_trail")
    expect(trail.get_by_role("heading", name=f"Trail of proposal {proposal}: {text}")).to_be_visible(timeout=30_000)
    expect(trail).to_contain_text(f"KES allocated: KES {allocated:,.0f}")
    expect(trail).to_contain_text(f"Programme: {programme}")
    expect(trail).to_contain_text(f"/proposals?county=043&fy=2024/25&proposal={proposal}&demo=1")
    trail.screenshot(path=str(shots / "proposals-homa-bay-trail.png"))

    ward_map = page.get_by_test_id("stDeckGlJsonChart")
    ward_map.scroll_into_view_if_needed()
    expect(ward_map.locator("canvas").first).to_be_attached(timeout=30_000)
    expect(page.get_by_text("no proposal recorded")).to_be_visible(timeout=30_000)
    ward_map.screenshot(path=str(shots / "proposals-homa-bay-ward-map.png"))

    chart = page.locator(".stPlotlyChart").filter(has_text="From proposals to budget, Homa Bay")
    chart.scroll_into_view_if_needed()
    expect(chart.locator(".bars path").first).to_be_attached(timeout=30_000)
    expect(chart).to_contain_text("Proposers told the decision")
    expect(chart).to_contain_text("DEMONSTRATION DATA")
    chart.screenshot(path=str(shots / "proposals-homa-bay-funnel.png"))
