"""Roll-ups of large fact tables that pages always need at the same grain, refreshed at build and load time.

A page about line items never reads `fact_budget_item` itself: it reads these tables, a few hundred
thousand rows at national scale against ten million lines, through queries that filter and aggregate
in the database. They are derived, not part of the upload schema: `refresh` rebuilds them from the lines.
"""

from __future__ import annotations

ROLLUPS = {
    # county × fiscal year × vote × month (× source): the vote ranking, the monthly spending curve, the sources
    "agg_budget_item_vote_month": """
        SELECT county_code, fiscal_year, vote, month, source_id, sum(approved_kes) AS approved_kes,
               sum(spent_kes) AS spent_kes, count(*) AS lines
        FROM fact_budget_item GROUP BY ALL ORDER BY county_code, fiscal_year""",
    # county × fiscal year × economic item (× source): what the money buys
    "agg_budget_item_economic": """
        SELECT county_code, fiscal_year, economic_item, source_id, sum(approved_kes) AS approved_kes,
               sum(spent_kes) AS spent_kes, count(*) AS lines
        FROM fact_budget_item GROUP BY ALL ORDER BY county_code, fiscal_year""",
}


def refresh(con) -> None:
    """Recompute every roll-up from its fact table (inside the caller's transaction, when it has one)."""
    for name, select in ROLLUPS.items():
        con.execute(f"CREATE OR REPLACE TABLE {name} AS {select}")


SOURCES = {"fact_budget_item": ("agg_budget_item_vote_month", "agg_budget_item_economic")}


def refresh_for(con, table: str) -> None:
    """Recompute the roll-ups of `table` after a load or rollback changed it (same transaction)."""
    for name in SOURCES.get(table, ()):
        con.execute(f"CREATE OR REPLACE TABLE {name} AS {ROLLUPS[name]}")
