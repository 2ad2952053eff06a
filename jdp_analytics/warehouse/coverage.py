"""What the warehouse holds for a county, by outcome area: real figures (with their latest as-of date), a generated
demonstration only, or nothing yet; and, for what is missing, who holds such figures and how they are loaded.

Read from the `coverage` query over every row (real and generated), which counts rows per table, county and source
flag and never gives a figure. The pages use it for the Overview's coverage at a glance and for the block an empty
section shows in place of its figures (`app/panels.front_door`); the brief prints the same coverage on its first
page. A dataset is a table as a reader names it: an area declares one in its area.py when it adds a table with a
kind a county or the programme loads.
"""

from __future__ import annotations

import pandas as pd

from jdp_analytics.common.i18n import _
from jdp_analytics.warehouse import registry
from jdp_analytics.warehouse.area import OUTCOME_AREAS, Dataset

AREAS = OUTCOME_AREAS  # the programme's outcome areas, in the mission's order

REAL, DEMO, NONE = "real", "demonstration", "none"  # what a dataset holds for a selection

# Every area's datasets (each declares its own in its area.py, see warehouse/registry.py).
DATASETS: dict[str, Dataset] = {d.table: d for d in registry.datasets()}


def holds(rows: pd.DataFrame, table: str, county_code: str | None) -> tuple[str, object]:
    """Return what `table` holds for a county (None: any county; programme-wide tables whatever the county), from
    the coverage query's rows: (REAL, latest as-of), (DEMO, None) or (NONE, None)."""
    picked = rows[rows["table_name"] == table]
    if county_code is not None and not DATASETS.get(table, Dataset(table, "", "", "", ())).programme_wide:
        picked = picked[picked["county_code"] == county_code]
    if picked["real_rows"].sum() > 0:
        return REAL, picked.loc[picked["real_rows"] > 0, "latest_as_of"].max()
    return (DEMO, None) if picked["demo_rows"].sum() > 0 else (NONE, None)


def has_demonstration(rows: pd.DataFrame, tables: tuple[str, ...], county_code: str | None) -> bool:
    """Return whether generated rows exist for any of `tables` and the county (None: any county)."""
    picked = rows[rows["table_name"].isin(tables)]
    if county_code is not None:
        programme = [t for t in tables if t in DATASETS and DATASETS[t].programme_wide]
        picked = picked[(picked["county_code"] == county_code) | picked["table_name"].isin(programme)]
    return bool(picked["demo_rows"].sum() > 0)


def by_area(rows: pd.DataFrame, county_code: str | None, with_demonstration: bool = True) -> pd.DataFrame:
    """Return one row per outcome area, in the current language: the area, the datasets with real figures (each
    with its latest as-of date), those with a demonstration only and those not loaded yet, each a '; '-joined list,
    for a county (None: any county). The Overview shows it as it is; a document (`with_demonstration=False`) counts
    what has a demonstration only as not loaded yet, which for the county's record it is."""
    from jdp_analytics.common import formatting

    out = []
    for area in AREAS:
        real, demo, none = [], [], []
        for dataset in (d for d in DATASETS.values() if d.area == area):
            held, as_of = holds(rows, dataset.table, county_code)
            if held == REAL:
                real.append(_("{dataset} (as of {date})").format(dataset=_(dataset.label),
                                                                 date=formatting.as_of(as_of)))
            else:
                (demo if held == DEMO else none).append(_(dataset.label))
        if not with_demonstration:
            demo, none = [], [*demo, *none]
        out.append({_("Outcome area"): _(area), _("Real figures"): "; ".join(real) or "–",
                     _("Only a demonstration"): "; ".join(demo) or "–", _("Not loaded yet"): "; ".join(none) or "–"})
    if not with_demonstration:
        return pd.DataFrame(out).drop(columns=_("Only a demonstration"))
    return pd.DataFrame(out)
