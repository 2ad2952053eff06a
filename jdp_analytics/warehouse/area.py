"""What an outcome area declares to plug into the warehouse: its tables, the upload kinds that fill them, the rules
its loads are checked by against other kinds, its demonstration rows and how readers name its tables and datasets.

Each area says this once, in its own folder (`budget/area.py`: `AREA = Area(...)`), and `warehouse/registry.py` lists
the areas; the catalog (DDL, dictionary), the loader (kinds, rules between kinds), the build (reference and
demonstration rows) and the coverage (what is missing, who holds it) all read the registry. This module imports
nothing of the warehouse but the schema, so that an area can declare itself without importing the loader or the
build.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import duckdb
import pandas as pd

from jdp_analytics.common.i18n import N_
from jdp_analytics.warehouse.schema import Problem, Table

# The programme's outcome areas, in the mission's order, as a reader's coverage groups datasets (shown as _(area)).
PARTICIPATION, BUDGET, EVIDENCE, REPORTING = (N_("Public participation"), N_("Planning and budgeting"),
                                              N_("Evidence and SDG indicators"), N_("Reporting"))
OUTCOME_AREAS = (PARTICIPATION, BUDGET, EVIDENCE, REPORTING)


@dataclass(frozen=True)
class Kind:
    """A kind of data a user can load: the table it goes to and how rows already there are treated."""

    name: str
    table: Table
    label: str
    replace_existing: bool  # True: a row with a key already present replaces it; False: it is an error
    template_rows: tuple[dict, ...] = ()
    # Optional steps of kinds whose files are not in the table's own layout (e.g. Open SDG data files):
    # file rows → template rows, before names; (frame, file name, declared geography)
    reshape: Callable[[pd.DataFrame, str, str | None], pd.DataFrame] | None = None
    complete: Callable[[pd.DataFrame], pd.DataFrame] | None = None  # fills defaults after names are resolved
    header: tuple[str, ...] = ()  # the columns that identify the header row, when not the table's own
    template_columns: tuple[str, ...] = ()  # the template's columns, when not the table's own
    derived: tuple[str, ...] = ()  # table columns computed by `complete`, not asked of the user
    # The column contract: a file of this kind must have `required` (default: the table's required columns, a code
    # or its name column) and may have only the template's and the table's columns, unless `open_columns` (every
    # other column is a breakdown, as in Open SDG files).
    required: tuple[str, ...] = ()
    open_columns: bool = False
    declares_geography: bool = False  # rows may take their place from --geography
    # Checks against other tables (a programme must be a budget line …); may rewrite spellings (sectors):
    check: Callable[[pd.DataFrame, duckdb.DuckDBPyConnection, str, int], tuple[pd.DataFrame, list[Problem]]] | None \
        = None
    geometry: str = ""  # 'ward', 'county' or 'point': read and checked by geography.uploads, not as a table
    fill: Callable[[pd.DataFrame, duckdb.DuckDBPyConnection], pd.DataFrame] | None = None  # from a register


@dataclass(frozen=True)
class Broken:
    """A rule an arriving row breaks: its key (in its table's key order), the column and value, and what to do."""

    key: tuple
    column: str
    value: str
    message: str
    fix: str


# A rule between kinds: given a connection whose table holds the rows of load `load_id` (inserted, not committed, or
# a preview's rows under the load id 'preview'), return the rules those rows break with the rows of other kinds.
Rule = Callable[[duckdb.DuckDBPyConnection, str], list[Broken]]
# Demonstration rows: given every table collected so far (the published sources and the areas before this one, in
# the registry's order), return the area's generated tables, their source row(s) under "source".
Demo = Callable[[Mapping[str, pd.DataFrame]], dict[str, pd.DataFrame]]
# Reference rows an area ships with the project (a table of its own making, real, e.g. the default assessment
# framework): its tables and their source row(s) under "source", built into every warehouse before any demonstration.
Reference = Callable[[], dict[str, pd.DataFrame]]


@dataclass(frozen=True)
class Dataset:
    """A table as a reader names it: its outcome area, who holds such figures and the upload kinds that fill it."""

    table: str
    area: str
    label: str  # what the figures are, in a reader's words
    holder: str  # who holds such figures, who publishes them and how often
    kinds: tuple[str, ...]  # the upload kinds that load them (loader.KINDS), the first one's template offered
    programme_wide: bool = False  # rows are the programme's, not a county's (the results framework)


@dataclass(frozen=True)
class Area:
    """Everything an outcome area plugs into the warehouse (see the module's docstring)."""

    name: str
    tables: tuple[Table, ...] = ()
    titles: Mapping[str, str] = field(default_factory=dict)  # table → its name in a reader's words (shown as _())
    kinds: tuple[Kind, ...] = ()
    rules: Mapping[str, Rule] = field(default_factory=dict)  # table → the rule its loads are checked by
    demo: Demo | None = None
    reference: Reference | None = None
    datasets: tuple[Dataset, ...] = ()
