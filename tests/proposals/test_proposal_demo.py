"""The demonstration proposals agree with the demonstration forums and budget lines, and an older warehouse gains
them on upgrade."""

from __future__ import annotations

import shutil

from jdp_analytics.warehouse.build import ensure_warehouse
from jdp_analytics.warehouse.queries import forget


def test_each_forum_has_as_many_proposals_and_adopted_ones_as_it_records(reference_warehouse, query):
    assert query(reference_warehouse, """
        select count(*) from fact_participation_event e
        left join (select event_id, count(*) as made, count(*) filter (where decision like 'adopted%') as adopted
                   from fact_proposal group by event_id) p using (event_id)
        where coalesce(p.made, 0) <> e.proposals_received or coalesce(p.adopted, 0) <> e.proposals_adopted""") == [(0,)]


def test_amounts_linked_to_a_budget_line_never_exceed_the_line(reference_warehouse, query):
    assert query(reference_warehouse, """
        select count(*) from (select county_code, fiscal_year, sector, programme, sum(allocated_kes) as linked
                              from fact_proposal_link group by all) k
        join fact_budget_line l using (county_code, fiscal_year, sector, programme)
        where k.linked > l.approved_development_kes + l.approved_recurrent_kes""") == [(0,)]
    assert query(reference_warehouse, """
        select count(*) from fact_proposal_link k left join fact_budget_line l
        using (county_code, fiscal_year, sector, programme) where l.county_code is null""") == [(0,)]


def test_every_demonstration_proposal_row_is_marked_as_generated(reference_warehouse, query):
    assert query(reference_warehouse, """
        select distinct s.source_id, s.is_demo from fact_proposal p join source s using (source_id)
        union select distinct s.source_id, s.is_demo from fact_proposal_link p join source s using (source_id)
        union select distinct s.source_id, s.is_demo from fact_ward_project p join source s using (source_id)""") == [
        ("demo_proposals", True)]


def test_ward_projects_add_up_to_the_proposal_amounts_linked_to_them(reference_warehouse, query):
    assert query(reference_warehouse, """
        select count(*) from fact_ward_project j join (select project_id, sum(allocated_kes) as linked
                                                      from fact_proposal_link group by all) k using (project_id)
        where abs(j.approved_kes - k.linked) > 1""") == [(0,)]


def test_an_older_warehouse_gains_the_proposal_tables_with_their_rows(reference_warehouse, tmp_path, query):
    import duckdb

    old = tmp_path / "jdp.duckdb"
    shutil.copyfile(reference_warehouse, old)
    expected = query(reference_warehouse, "SELECT (SELECT count(*) FROM fact_proposal), (SELECT count(*) FROM "
                                          "fact_ward_project), (SELECT count(*) FROM fact_proposal_link)")
    con = duckdb.connect(str(old))
    for table in ("fact_proposal_link", "fact_ward_project", "fact_proposal"):
        con.execute(f"DROP TABLE {table}")
    con.execute("DELETE FROM source WHERE source_id = 'demo_proposals'")
    con.execute("UPDATE build_info SET value = 'older' WHERE key = 'schema_version'")
    con.close()
    ensure_warehouse(old)
    forget(old)
    assert query(old, "SELECT (SELECT count(*) FROM fact_proposal), (SELECT count(*) FROM fact_ward_project), "
                      "(SELECT count(*) FROM fact_proposal_link)") == expected
    assert query(old, "SELECT is_demo FROM source WHERE source_id = 'demo_proposals'") == [(True,)]
