"""What the warehouse holds for a county, by outcome area: real figures (with their latest as-of date), a generated
demonstration only, or nothing yet; and, for what is missing, who holds such figures and how they are loaded.

Read from the `coverage` query over every row (real and generated), which counts rows per table, county and source
flag and never gives a figure. The pages use it for the Overview's coverage at a glance and for the block an empty
section shows in place of its figures (`app/panels.front_door`); the brief prints the same coverage on its first
page. A dataset is a table as a reader names it: add one here when a table is added to the schema with a kind a
county or the programme loads.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from jdp_analytics.common.i18n import N_, _

PARTICIPATION, BUDGET, EVIDENCE, REPORTING = (N_("Public participation"), N_("Planning and budgeting"),
                                              N_("Evidence and SDG indicators"), N_("Reporting"))
AREAS = (PARTICIPATION, BUDGET, EVIDENCE, REPORTING)  # the programme's outcome areas, in the mission's order

REAL, DEMO, NONE = "real", "demonstration", "none"  # what a dataset holds for a selection


@dataclass(frozen=True)
class Dataset:
    """A table as a reader names it: its outcome area, who holds such figures and the upload kinds that fill it."""

    table: str
    area: str
    label: str  # what the figures are, in a reader's words
    holder: str  # who holds such figures, who publishes them and how often
    kinds: tuple[str, ...]  # the upload kinds that load them (loader.KINDS), the first one's template offered
    programme_wide: bool = False  # rows are the programme's, not a county's (the results framework)


DATASETS: dict[str, Dataset] = {d.table: d for d in (
    Dataset("fact_participation_event", PARTICIPATION, N_("public participation forums"),
            N_("the county's public participation office keeps each forum's notice, attendance register and report; "
               "the county assembly receives them with the budget. No national register publishes them: the "
               "programme's county experts gather them each quarter."), ("participation_events",)),
    Dataset("fact_facility_feedback", PARTICIPATION, N_("complaints and suggestions at facilities"),
            N_("facility management committees and the county departments (health, water, agriculture) keep the "
               "registers of suggestion boxes, hotlines and SMS, summarised each quarter."), ("facility_feedback",)),
    Dataset("fact_budget_document", PARTICIPATION, N_("budget documents' publication dates"),
            N_("the county treasury publishes each budget document on the county website; the Controller of Budget "
               "and the County Budget Transparency Survey (IBP Kenya, Bajeti Hub) record when they appeared, once a "
               "year."), ("budget_documents",)),
    Dataset("fact_budget_transparency_score", PARTICIPATION, N_("County Budget Transparency Survey scores"),
            N_("IBP Kenya (from 2024 Bajeti Hub) publishes the survey once a year."), ()),
    Dataset("fact_proposal", PARTICIPATION, N_("citizens' proposals and the county's decisions"),
            N_("the county planning unit records each proposal in the public participation reports and the Annual "
               "Development Plan, once per budget cycle; ward development fund committees keep the ward projects."),
            ("proposals", "ward_projects", "proposal_links")),
    Dataset("fact_budget_execution", BUDGET, N_("budget execution (budget, expenditure, absorption)"),
            N_("the Controller of Budget publishes every county's figures in its County Budget Implementation Review "
               "Reports, each quarter and for the year."), ("budget_execution",)),
    Dataset("fact_budget_line", BUDGET, N_("the budget by sector and programme"),
            N_("the county treasury: the approved programme-based budget each June and the budget implementation "
               "reports each quarter."), ("budget_lines",)),
    Dataset("fact_own_source_revenue", BUDGET, N_("own-source revenue (target and collected)"),
            N_("the Controller of Budget publishes every county's own-source revenue target and collection in its "
               "annual County Budget Implementation Review Report; the county treasury reports it each quarter."),
            ("own_source_revenue",)),
    Dataset("fact_county_fiscal", BUDGET, N_("wage bill and pending bills"),
            N_("the county treasury's payroll and pending-bills registers, reported each quarter; the Controller of "
               "Budget's annual county review quotes pending bills."),
            ("county_fiscal",)),
    Dataset("fact_budget_item", BUDGET, N_("budget line items"),
            N_("the county treasury's IFMIS: approved and spent amounts per vote, programme and item, each month."),
            ("budget_items",)),
    Dataset("fact_indicator", EVIDENCE, N_("KDHS 2022 county indicators"),
            N_("KNBS and ICF publish the Kenya Demographic and Health Survey about every five years."),
            ("indicator_values",)),
    Dataset("fact_indicator_observation", EVIDENCE, N_("SDG indicator values"),
            N_("KNBS (census, surveys and the national SDG platform) and the county's own statistics unit, as each "
               "round is published."), ("indicator_observations", "open_sdg")),
    Dataset("fact_result_actual", REPORTING, N_("the results framework and its quarterly values"),
            N_("the programme's PIU (monitoring and evaluation): the framework with baselines and targets, and the "
               "values reported each quarter with their evidence."),
            ("result_actuals", "results", "result_indicators", "result_targets"), programme_wide=True),
    Dataset("fact_programme_finance", REPORTING, N_("programme budget and spending"),
            N_("the PIU and the finance units of UNDP, UNICEF and UN Women: budget and spending each quarter."),
            ("programme_finance",), programme_wide=True),
    Dataset("fact_ta_contract", REPORTING, N_("technical-assistance contracts and their outputs"),
            N_("the agencies' procurement units, as contracts are signed and outputs delivered."), ("ta_contracts",),
            programme_wide=True),
)}


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
