"""From proposals to budget: pure functions on the proposals frame (one row per proposal, sql/proposals.sql),
testable without Streamlit. One function per question: the funnel, the funnel per ward or sector, groups' adoption,
the oldest adopted proposals not yet funded, the counties side by side and development spending per ward."""

from __future__ import annotations

import pandas as pd

from jdp_analytics.common.i18n import N_
from jdp_analytics.participation.metrics import per_1000, share_pct
from jdp_analytics.proposals.tables import ADOPTED, ADOPTED_BUDGET, GROUPS

STEPS = (N_("Proposals made"), N_("Adopted into the ADP or budget"), N_("In the budget"), N_("Funded (KES allocated)"),
         N_("Spent (KES spent)"), N_("Proposers told the decision"))  # English keys of the rows; shown as _(step)
FLAGS = ("made", "adopted", "in_budget", "funded", "spent", "feedback")
NOT_RECORDED = "not recorded"
WARD_BASE_NOTE = N_("Ward adult populations are not published: the 2019 census stops at sub-counties, whose "
                  "boundaries are not the wards'. Ward figures are therefore given per proposal (KES allocated per "
                  "proposal made), and per 1,000 adults only for whole counties (census 2019, aged 18 and above).")
EQUITY_BASE_NOTE = N_("Base: each ward's share of the county's adults is taken as an equal split (1 ÷ wards of the "
                    "county), because no ward population is published; a ward above its equal share received more "
                    "development money than an equal split would give it, which is not a verdict on need.")


def flags(proposals: pd.DataFrame) -> pd.DataFrame:
    """Return the proposals with one boolean column per funnel step (made … feedback)."""
    allocated = proposals["allocated_kes"].fillna(0)
    spent = proposals["spent_kes"].fillna(0)
    return proposals.assign(made=True, adopted=proposals["decision"].isin(ADOPTED),
                            in_budget=proposals["decision"] == ADOPTED_BUDGET, funded=allocated > 0,
                            spent=spent > 0, feedback=proposals["feedback_date"].notna())


def funnel(proposals: pd.DataFrame) -> pd.DataFrame:
    """Return the funnel: step, proposals at the step, % of proposals made, KES (funded and spent steps)."""
    f = flags(proposals)
    made = len(f)
    amounts = {"funded": f["allocated_kes"].fillna(0).sum(), "spent": f["spent_kes"].fillna(0).sum()}
    return pd.DataFrame([{"step": step, "proposals": int(f[flag].sum()),
                          "pct_of_proposals": share_pct(int(f[flag].sum()), made),
                          "kes": float(amounts[flag]) if flag in amounts else None}
                         for step, flag in zip(STEPS, FLAGS)])


def funnel_by(proposals: pd.DataFrame, by: str) -> pd.DataFrame:
    """Return the funnel per ward, sector or county: counts of each step, KES allocated and spent, and rates."""
    columns = [by, *FLAGS, "allocated_kes", "spent_kes"]
    if proposals.empty:
        return pd.DataFrame(columns=columns)
    f = flags(proposals)
    out = f.groupby(by).agg(**{flag: (flag, "sum") for flag in FLAGS}, allocated_kes=("allocated_kes", "sum"),
                            spent_kes=("spent_kes", "sum")).reset_index()
    out[list(FLAGS)] = out[list(FLAGS)].astype(int)
    out["adopted_pct"] = [share_pct(a, m) for a, m in zip(out["adopted"], out["made"])]
    out["funded_pct"] = [share_pct(a, m) for a, m in zip(out["funded"], out["made"])]
    out["spent_pct_of_allocated"] = [share_pct(s, a) for s, a in zip(out["spent_kes"], out["allocated_kes"])]
    out["feedback_pct"] = [share_pct(a, m) for a, m in zip(out["feedback"], out["made"])]
    out["kes_per_proposal"] = [a / m if m else None for a, m in zip(out["allocated_kes"], out["made"])]
    return out.sort_values(["allocated_kes", by], ascending=[False, True]).reset_index(drop=True)


def ward_funnel(proposals: pd.DataFrame, wards: pd.DataFrame) -> pd.DataFrame:
    """Return the funnel of every ward of the county (wards without proposals at zero), with the ward's name."""
    out = wards[["ward_code", "ward_name"]].merge(funnel_by(proposals, "ward_code"), on="ward_code", how="left")
    counts = [*FLAGS]
    out[counts] = out[counts].fillna(0).astype(int)
    out[["allocated_kes", "spent_kes"]] = out[["allocated_kes", "spent_kes"]].fillna(0.0)
    return out.sort_values(["allocated_kes", "ward_name"], ascending=[False, True]).reset_index(drop=True)


def group_adoption(proposals: pd.DataFrame) -> pd.DataFrame:
    """Return per group who raised proposals: share of proposals, share of adopted ones, adoption rate, the gap.

    The gap in points is share of adopted minus share of proposals: negative means the group's proposals were
    adopted less often than the others'. Proposals whose group is not recorded form their own row.
    """
    f = flags(proposals).assign(group=proposals["raised_by_group"].fillna(NOT_RECORDED))
    made, adopted = len(f), int(f["adopted"].sum())
    rows = []
    for group in (*GROUPS, NOT_RECORDED):
        mine = f[f["group"] == group]
        if mine.empty:
            continue
        share_made, share_adopted = share_pct(len(mine), made), share_pct(int(mine["adopted"].sum()), adopted)
        rows.append({"group": group, "proposals": len(mine), "adopted": int(mine["adopted"].sum()),
                     "share_of_proposals_pct": share_made, "share_of_adopted_pct": share_adopted,
                     "adoption_rate_pct": share_pct(int(mine["adopted"].sum()), len(mine)),
                     "gap_points": None if share_made is None or share_adopted is None
                     else share_adopted - share_made})
    return pd.DataFrame(rows, columns=["group", "proposals", "adopted", "share_of_proposals_pct",
                                       "share_of_adopted_pct", "adoption_rate_pct", "gap_points"])


def oldest_unfunded(proposals: pd.DataFrame, limit: int = 10) -> pd.DataFrame:
    """Return the adopted proposals with no KES allocated, oldest first (by the date they were made)."""
    f = flags(proposals)
    waiting = f[f["adopted"] & ~f["funded"]]
    return waiting.sort_values(["proposed_date", "proposal_id"]).head(limit).reset_index(drop=True)


def county_comparison(proposals: pd.DataFrame, adults: pd.Series, codes: list[str],
                      names: dict[str, str]) -> pd.DataFrame:
    """Return the counties side by side: funnel rates, KES allocated per proposal and per 1,000 adults (census)."""
    by = funnel_by(proposals, "county_code").set_index("county_code") if not proposals.empty else None
    rows = []
    for code in codes:
        row = by.loc[code] if by is not None and code in by.index else None
        allocated = float(row["allocated_kes"]) if row is not None else None
        rows.append({"county_code": code, "county_name": names[code],
                     "proposals": int(row["made"]) if row is not None else 0,
                     "adopted_pct": row["adopted_pct"] if row is not None else None,
                     "funded_pct": row["funded_pct"] if row is not None else None,
                     "allocated_kes": allocated,
                     "spent_pct_of_allocated": row["spent_pct_of_allocated"] if row is not None else None,
                     "feedback_pct": row["feedback_pct"] if row is not None else None,
                     "kes_per_proposal": row["kes_per_proposal"] if row is not None else None,
                     "kes_per_1000_adults": per_1000(allocated, adults.get(code)) if allocated is not None else None})
    return pd.DataFrame(rows)


def ward_equity(projects: pd.DataFrame, wards: pd.DataFrame) -> pd.DataFrame:
    """Return per ward of the county: development approved and spent on ward projects, the ward's share of the
    county's project spending and its equal share of the county's adults (1 ÷ wards), and the gap in points."""
    if projects.empty:
        return pd.DataFrame(columns=["ward_code", "ward_name", "projects", "approved_kes", "spent_kes",
                                     "share_of_spent_pct", "equal_share_pct", "gap_points"])
    grouped = projects.groupby("ward_code").agg(projects=("project_id", "count"), approved_kes=("approved_kes", "sum"),
                                                spent_kes=("spent_kes", "sum")).reset_index()
    out = wards[["ward_code", "ward_name"]].merge(grouped, on="ward_code", how="left")
    out["projects"] = out["projects"].fillna(0).astype(int)
    out[["approved_kes", "spent_kes"]] = out[["approved_kes", "spent_kes"]].fillna(0.0)
    total = out["spent_kes"].sum()
    out["share_of_spent_pct"] = [share_pct(s, total) for s in out["spent_kes"]]
    out["equal_share_pct"] = 100 / len(out) if len(out) else None
    out["gap_points"] = out["share_of_spent_pct"] - out["equal_share_pct"]
    return out.sort_values(["spent_kes", "ward_name"], ascending=[False, True]).reset_index(drop=True)
