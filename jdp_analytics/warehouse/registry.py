"""The one list of the areas that plug into the warehouse: a new area is a folder with an `area.py` (see area.py) and
a line in AREAS. The catalog, the loader, the build and the coverage read their tables, kinds, rules between kinds,
demonstration rows and datasets from here, and import no area themselves."""

from __future__ import annotations

from collections.abc import Iterable

from jdp_analytics.assessment.area import AREA as ASSESSMENT
from jdp_analytics.budget.area import AREA as BUDGET
from jdp_analytics.common.i18n import N_
from jdp_analytics.geography.area import AREA as GEOGRAPHY
from jdp_analytics.oversight.area import AREA as OVERSIGHT
from jdp_analytics.participation.area import AREA as PARTICIPATION
from jdp_analytics.proposals.area import AREA as PROPOSALS
from jdp_analytics.results.area import AREA as RESULTS
from jdp_analytics.sdg.area import AREA as SDG
from jdp_analytics.warehouse.area import Area, Broken, Dataset, Kind, Rule
from jdp_analytics.warehouse.schema import LOAD_LOG, LOAD_REPLACED, SOURCE, Table

# The warehouse's own bookkeeping: where every figure comes from, and the record of loads.
WAREHOUSE = Area("warehouse", tables=(SOURCE, LOAD_LOG, LOAD_REPLACED), titles={
    "source": N_("Sources"), "load_log": N_("Load history"), "load_replaced": N_("Rows replaced by loads")})

# In this order their demonstration rows are generated (each sees the tables of those before it: proposals follow
# the forums and budget lines) and their datasets are listed under each outcome area.
AREAS: tuple[Area, ...] = (WAREHOUSE, GEOGRAPHY, SDG, PARTICIPATION, BUDGET, RESULTS, PROPOSALS, OVERSIGHT,
                           ASSESSMENT)

# The order tables and kinds had when the warehouse listed every area by hand: the DDL (and so the schema version of
# every warehouse built before), the data dictionary and the Upload page's list keep it. Never extended: what an area
# adds comes after these, in the order of AREAS.
FIRST_TABLES = (
    "source", "dim_county", "dim_constituency", "dim_ward", "dim_subcounty_population", "dim_indicator",
    "fact_budget_execution", "fact_indicator", "fact_county_population_group", "fact_budget_transparency_score",
    "fact_participation_event", "fact_facility_feedback", "fact_budget_document", "geo_county", "geo_ward",
    "load_log", "load_replaced", "fact_budget_line", "fact_county_fiscal", "fact_indicator_observation",
    "fact_indicator_target", "dim_result", "dim_result_indicator", "fact_result_target", "fact_result_actual",
    "fact_programme_finance", "fact_ta_contract", "fact_budget_item", "fact_proposal", "fact_ward_project",
    "fact_proposal_link", "geo_ward_boundary", "geo_county_boundary", "dim_facility", "fact_own_source_revenue",
    "fact_reported_statement")
FIRST_KINDS = (
    "budget_execution", "indicator_values", "participation_events", "facility_feedback", "budget_documents",
    "budget_lines", "budget_items", "county_fiscal", "own_source_revenue", "indicator_observations", "open_sdg",
    "indicator_targets", "indicator_catalogue", "results", "result_indicators", "result_targets", "result_actuals",
    "programme_finance", "ta_contracts", "proposals", "ward_projects", "proposal_links", "ward_boundaries",
    "county_boundaries", "facilities")


def _ordered(items: Iterable, first: tuple[str, ...]) -> list:
    """Return items (each with a .name) in the order of `first`, the others after them in the areas' order."""
    items = list(items)
    place = {name: i for i, name in enumerate(first)}
    return sorted(items, key=lambda item: (place.get(item.name, len(first)), items.index(item)))


def _unique(items: list, what: str) -> list:
    names = [item.name for item in items]
    repeated = sorted({name for name in names if names.count(name) > 1})
    if repeated:
        raise ValueError(f"two areas declare the {what} {', '.join(repeated)}")
    return items


def tables() -> list[Table]:
    """Every table of every area, in DDL order."""
    return _ordered(_unique([t for area in AREAS for t in area.tables], "table"), FIRST_TABLES)


def kinds() -> list[Kind]:
    """Every upload kind of every area, in the Upload page's order."""
    return _ordered(_unique([k for area in AREAS for k in area.kinds], "kind"), FIRST_KINDS)


def titles() -> dict[str, str]:
    """Each table's name in a reader's words (English; shown as _(title))."""
    return {name: title for area in AREAS for name, title in area.titles.items()}


def datasets() -> list[Dataset]:
    """Every dataset a reader is told about (what is missing, who holds it), in the areas' order."""
    return [d for area in AREAS for d in area.datasets]


def references() -> list[Area]:
    """The areas that ship reference rows of their own (real, built into every warehouse), in the areas' order."""
    return [area for area in AREAS if area.reference is not None]


def demonstrations() -> list[Area]:
    """The areas that ship demonstration rows, in the order their generators run."""
    return [area for area in AREAS if area.demo is not None]


def _rules(table_name: str) -> list[Rule]:
    return [area.rules[table_name] for area in AREAS if table_name in area.rules]


def has_rules_between_kinds(table_name: str) -> bool:
    """True for a table that rules between kinds tie to others (its loads are checked by `broken_rules`)."""
    return bool(_rules(table_name))


def broken_rules(con, table_name: str, load_id: str) -> list[Broken]:
    """Return the rules between kinds that the rows of load `load_id` (inserted, not committed) break, every area's
    rules on the table in the areas' order."""
    return [broken for rule in _rules(table_name) for broken in rule(con, load_id)]
