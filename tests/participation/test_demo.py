"""Generated demonstration participation events: deterministic, labelled as demo, plausible, never real."""

from __future__ import annotations

import pandas as pd

from jdp_analytics.geography.counties import JDP_TARGETS
from jdp_analytics.participation import demo as participation_demo
from jdp_analytics.participation import tables as participation_tables
from jdp_analytics.warehouse import schema
from jdp_analytics.warehouse.sources import kenya_data


def package_wards() -> pd.DataFrame:
    frames, sha = kenya_data.read(None)
    return kenya_data.to_warehouse(frames, sha)["dim_ward"]


def test_the_generator_gives_the_same_events_on_every_call():
    wards = package_wards()
    pd.testing.assert_frame_equal(participation_demo.generate_events(wards), participation_demo.generate_events(wards))


def test_the_events_meet_every_rule_of_the_participation_schema():
    wards = package_wards()
    events = participation_demo.to_warehouse(wards)
    known = {"dim_ward.ward_code": set(wards["ward_code"]), "source.source_id": {participation_demo.SOURCE_ID},
             "dim_county.county_code": set(JDP_TARGETS)}
    typed = schema.validate(participation_tables.FACT_PARTICIPATION_EVENT, events["fact_participation_event"],
                            "demo", known)
    assert typed["event_date"].max() < pd.Timestamp("2025-06-30")
    assert typed["feedback_date"].max() < pd.Timestamp("2025-06-30")
    assert set(typed["budget_stage"]) == set(participation_tables.BUDGET_STAGES)


def test_every_demonstration_event_points_to_the_one_demo_source(reference_warehouse, query):
    assert query(reference_warehouse, "SELECT s.source_id, s.is_demo, s.publisher, s.title, s.licence, count(*) "
                                      "FROM fact_participation_event e JOIN source s USING (source_id) "
                                      "GROUP BY ALL") == [
        ("demo_participation_events", True, "JDP Analytics (generated)",
         "Demonstration participation events — generated, not real", "CC0; generated", 1614)]


def test_every_target_county_has_events_in_both_fiscal_years(reference_warehouse, query):
    rows = query(reference_warehouse, "SELECT county_code, count(*) FILTER (WHERE event_date < '2024-07-01'), "
                                      "count(*) FILTER (WHERE event_date >= '2024-07-01') "
                                      "FROM fact_participation_event GROUP BY 1 ORDER BY 1")
    assert [code for code, *_ in rows] == list(JDP_TARGETS)
    assert all(before > 0 and after > 0 for _, before, after in rows)


def test_every_target_county_has_at_least_one_ward_with_no_forum(reference_warehouse, query):
    rows = query(reference_warehouse, "SELECT w.county_code, count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM "
                                      "fact_participation_event e WHERE e.ward_code = w.ward_code)) FROM dim_ward w "
                                      "JOIN dim_county USING (county_code) WHERE is_jdp_target GROUP BY 1 ORDER BY 1")
    assert [code for code, _ in rows] == list(JDP_TARGETS)
    assert all(silent >= 1 for _, silent in rows), rows


def test_the_build_with_and_without_sources_has_the_same_demonstration_rows(shared_data, reference_warehouse,
                                                                            full_warehouse, read_table):
    pd.testing.assert_frame_equal(read_table(full_warehouse, "fact_participation_event"),
                                  read_table(reference_warehouse, "fact_participation_event"))
