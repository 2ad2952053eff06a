"""The proposal funnel, groups' adoption, ward shares and sector spellings on small hand-worked fixtures."""

from __future__ import annotations

import pandas as pd
import pytest

from jdp_analytics.geography.names import UnknownNameError, sector_name
from jdp_analytics.proposals import metrics as m

WARDS = pd.DataFrame({"ward_code": ["W1", "W2", "W3", "W4"], "ward_name": ["Amani", "Baraka", "Chemchemi", "Duka"]})


def proposals() -> pd.DataFrame:
    """Five proposals: 3 adopted (2 into the budget), 2 funded (KES 3 m + 1 m), 1 spent (KES 0.5 m), 3 told."""
    return pd.DataFrame({
        "proposal_id": ["P1", "P2", "P3", "P4", "P5"],
        "ward_code": ["W1", "W1", "W2", "W2", "W3"],
        "sector": ["Health", "Health", "Water", "Roads", "Water"],
        "raised_by_group": ["women", "youth", "women", None, "youth"],
        "decision": ["adopted into budget", "rejected", "adopted into budget", "adopted into ADP", "deferred"],
        "allocated_kes": [3_000_000.0, None, 1_000_000.0, None, None],
        "spent_kes": [500_000.0, None, 0.0, None, None],
        "proposed_date": pd.to_datetime(["2024-08-01", "2024-08-01", "2024-09-10", "2024-07-15", "2024-09-10"]),
        "feedback_date": pd.to_datetime(["2024-09-01", None, "2024-10-01", "2024-08-01", None]),
    })


def test_the_funnel_counts_each_step_and_the_kes_allocated_and_spent():
    funnel = m.funnel(proposals())
    assert funnel["proposals"].tolist() == [5, 3, 2, 2, 1, 3]
    assert funnel["pct_of_proposals"].tolist() == [100.0, 60.0, 40.0, 40.0, 20.0, 60.0]
    assert funnel.set_index("step").loc["Funded (KES allocated)", "kes"] == 4_000_000.0
    assert funnel.set_index("step").loc["Spent (KES spent)", "kes"] == 500_000.0


def test_the_ward_funnel_lists_every_ward_with_kes_per_proposal_and_zero_where_none_was_made():
    wards = m.ward_funnel(proposals(), WARDS).set_index("ward_name")
    assert wards.loc["Amani", ["made", "adopted", "funded", "allocated_kes"]].tolist() == [2, 1, 1, 3_000_000.0]
    assert wards.loc["Amani", "kes_per_proposal"] == 1_500_000.0
    assert wards.loc["Duka", ["made", "allocated_kes"]].tolist() == [0, 0.0]
    assert list(wards.index) == ["Amani", "Baraka", "Chemchemi", "Duka"]  # most KES first


def test_the_sector_funnel_gives_adoption_and_spending_rates():
    sectors = m.funnel_by(proposals(), "sector").set_index("sector")
    assert sectors.loc["Water", ["made", "adopted", "funded"]].tolist() == [2, 1, 1]
    assert sectors.loc["Water", "adopted_pct"] == 50.0
    assert sectors.loc["Health", "spent_pct_of_allocated"] == pytest.approx(100 * 0.5 / 3)


def test_groups_are_compared_on_their_share_of_proposals_and_of_adopted_ones():
    groups = m.group_adoption(proposals()).set_index("group")
    # women: 2 of 5 proposals (40 %), 2 of 3 adopted (66.7 %): +26.7 points; youth: 40 % of proposals, none adopted.
    assert groups.loc["women", "share_of_proposals_pct"] == 40.0
    assert groups.loc["women", "share_of_adopted_pct"] == pytest.approx(200 / 3)
    assert groups.loc["women", "gap_points"] == pytest.approx(200 / 3 - 40)
    assert groups.loc["youth", ["adopted", "adoption_rate_pct", "gap_points"]].tolist() == [0, 0.0, -40.0]
    assert groups.loc[m.NOT_RECORDED, "proposals"] == 1
    assert "PWD" not in groups.index  # no proposal of theirs, no row


def test_the_oldest_adopted_unfunded_proposal_comes_first():
    assert m.oldest_unfunded(proposals())["proposal_id"].tolist() == ["P4"]


def test_ward_equity_sets_each_ward_share_of_spending_against_an_equal_split():
    projects = pd.DataFrame({"project_id": ["A", "B", "C"], "ward_code": ["W1", "W1", "W2"],
                             "approved_kes": [4e6, 2e6, 4e6], "spent_kes": [3e6, 3e6, 2e6]})
    equity = m.ward_equity(projects, WARDS).set_index("ward_name")
    # 8 m spent: Amani 6 m = 75 %, Baraka 2 m = 25 %; four wards, so an equal split is 25 % each.
    assert equity["share_of_spent_pct"].tolist() == [75.0, 25.0, 0.0, 0.0]
    assert equity.loc["Amani", "gap_points"] == 50.0
    assert equity.loc["Baraka", "gap_points"] == 0.0
    assert equity.loc["Chemchemi", ["projects", "gap_points"]].tolist() == [0, -25.0]


def test_county_comparison_gives_kes_per_1000_adults_from_the_census_base():
    rows = proposals().assign(county_code="043")
    table = m.county_comparison(rows, pd.Series({"043": 500_000}), ["043", "002"], {"043": "Homa Bay", "002": "Kwale"})
    assert table.loc[0, "kes_per_1000_adults"] == 8_000.0  # KES 4 m for 500,000 adults
    assert table.loc[0, "kes_per_proposal"] == 800_000.0
    assert table.loc[1, "proposals"] == 0 and pd.isna(table.loc[1, "kes_per_1000_adults"])


@pytest.mark.parametrize("given, expected", [("Water", "Water, environment and natural resources"),
                                             ("HEALTH ", "Health"), ("Education (ECDE)", "Education (ECDE and "
                                                                                       "vocational training)"),
                                             ("roads", "Roads, transport and public works")])
def test_sector_spellings_resolve_to_the_budget_sector_name(given, expected):
    sectors = ["Health", "Water, environment and natural resources", "Education (ECDE and vocational training)",
               "Roads, transport and public works"]
    assert sector_name(given, sectors) == expected


def test_an_unknown_sector_is_refused_with_the_closest_names():
    with pytest.raises(UnknownNameError) as caught:
        sector_name("Helth services", ["Health", "Trade, industry and cooperatives"])
    assert caught.value.suggestions[0] == "Health"


def test_the_ward_map_colours_wards_by_kes_per_proposal_and_greys_wards_without_one():
    import json

    from jdp_analytics.geography import maps

    square = json.dumps({"type": "Polygon", "coordinates": [[[34, -0.5], [34.1, -0.5], [34.1, -0.4], [34, -0.5]]]})
    boundaries = pd.DataFrame({"ward_code": ["W1", "W2", "W3", "W4"], "geometry_geojson": [square] * 4})
    deck, edges = maps.ward_proposal_deck(boundaries, m.ward_funnel(proposals(), WARDS))
    features = {f["properties"]["name"]: f["properties"] for f in deck.layers[0].data["features"]}
    assert features["Amani"]["figures"] == "KES 1.5 m per proposal: KES 3.0 m for 1 of 2 proposals"
    assert features["Duka"]["figures"] == "no proposal recorded"
    assert features["Duka"]["fill"] == list(maps.NO_DATA)
    assert edges[0] == 0.0 and edges[-1] == 1_500_000.0
    assert "no proposal recorded" in maps.proposal_legend_html(edges)
