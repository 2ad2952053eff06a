"""Oversight measures: what the county assembly moved in the executive's budget, how far the recommendations of
oversight reports were followed up, and the audit opinions year by year with a gap read as not found. Pure functions
on DataFrames, testable without Streamlit."""

from __future__ import annotations

from datetime import date

import pandas as pd

from jdp_analytics.oversight.tables import DONE, WHOLE_VOTE


def _fiscal_years(first: str, last: str) -> list[str]:
    start, end = int(first[:4]), int(last[:4])
    return [f"{y}/{(y + 1) % 100:02d}" for y in range(start, end + 1)]


FIRST_AUDITED_YEAR = "2013/14"  # the first fiscal year of the county governments (devolution: March 2013)


# ---- The assembly's amendments ----

def votes(amendments: pd.DataFrame) -> pd.DataFrame:
    """Return one row per county, estimates and vote: proposed, approved, change (approved − proposed) and change %
    of proposed. A vote's 'all' row is its amount; a vote given only by programme is the sum of its programmes."""
    if amendments.empty:
        return pd.DataFrame(columns=["county_code", "estimates", "vote", "proposed_kes", "approved_kes", "change_kes",
                                     "change_pct", "is_demo"])
    key = ["county_code", "estimates", "vote"]
    whole = amendments[amendments["programme"] == WHOLE_VOTE]
    parts = amendments[~amendments.set_index(key).index.isin(whole.set_index(key).index)]
    rows = pd.concat([whole, parts]).assign(is_demo=lambda f: f["is_demo"].fillna(False).astype(bool))
    out = rows.groupby(key, as_index=False).agg(proposed_kes=("proposed_kes", "sum"),
                                                approved_kes=("approved_kes", "sum"), is_demo=("is_demo", "any"))
    out["change_kes"] = out["approved_kes"] - out["proposed_kes"]
    out["change_pct"] = [100 * c / p if p else None for c, p in zip(out["change_kes"], out["proposed_kes"])]
    return out


def moved(per_vote: pd.DataFrame) -> dict:
    """Return what the assembly moved between votes: the amount added to votes (moved_kes), the amount cut, the
    votes raised and cut (largest first) and the proposed and approved totals."""
    raised = per_vote[per_vote["change_kes"] > 0].sort_values("change_kes", ascending=False)
    cut = per_vote[per_vote["change_kes"] < 0].sort_values("change_kes")
    return {"moved_kes": float(raised["change_kes"].sum()), "cut_kes": float(-cut["change_kes"].sum()),
            "raised": raised, "cut": cut, "proposed_kes": float(per_vote["proposed_kes"].sum()),
            "approved_kes": float(per_vote["approved_kes"].sum())}


def county_moves(per_vote: pd.DataFrame) -> pd.DataFrame:
    """Return one row per county and estimates: proposed and approved totals, KES moved (added to votes), its share
    of the proposed total, and the votes the assembly changed."""
    rows = []
    for (county, estimates), group in per_vote.groupby(["county_code", "estimates"]):
        found = moved(group)
        rows.append({"county_code": county, "estimates": estimates, "proposed_kes": found["proposed_kes"],
                     "approved_kes": found["approved_kes"], "moved_kes": found["moved_kes"],
                     "moved_pct": 100 * found["moved_kes"] / found["proposed_kes"] if found["proposed_kes"] else None,
                     "votes_changed": int((group["change_kes"] != 0).sum()), "votes": len(group),
                     "is_demo": bool(group["is_demo"].any())})
    return pd.DataFrame(rows)


# ---- Follow-up of recommendations ----

def follow_up(actions: pd.DataFrame, as_of: date) -> dict:
    """Return how far recommendations were followed up on `as_of`: counted, done, the share done, open, open past
    their due date, and the oldest open one (earliest tabled, then earliest due; None when none is open)."""
    done = actions["status"] == DONE
    open_ = actions[~done].sort_values(["tabled_date", "due_date", "report_id", "recommendation_no"],
                                       na_position="last")
    overdue = open_[pd.to_datetime(open_["due_date"]) < pd.Timestamp(as_of)]
    total = len(actions)
    return {"recommendations": total, "done": int(done.sum()),
            "done_pct": 100 * int(done.sum()) / total if total else None, "open": len(open_),
            "overdue": len(overdue), "oldest_open": None if open_.empty else open_.iloc[0]}


def reports(actions: pd.DataFrame) -> pd.DataFrame:
    """Return one row per report: who made it, its title, when tabled, its recommendations and how many are done,
    in progress and not started, and the share done."""
    counts = actions.pivot_table(index="report_id", columns="status", values="recommendation_no", aggfunc="count",
                                 fill_value=0)
    for status in ("done", "in progress", "not started"):
        if status not in counts.columns:
            counts[status] = 0
    first = actions.drop_duplicates("report_id").set_index("report_id")[
        ["county_code", "county_name", "fiscal_year", "reported_by", "report_title", "tabled_date", "is_demo"]]
    out = first.join(counts[["done", "in progress", "not started"]]).reset_index()
    out["recommendations"] = out["done"] + out["in progress"] + out["not started"]
    out["done_pct"] = 100 * out["done"] / out["recommendations"]
    return out.sort_values(["tabled_date", "report_id"], ascending=[False, True]).reset_index(drop=True)


# ---- Audit opinions, year by year ----

NOT_FOUND = "not found"


def opinions_by_year(loaded: pd.DataFrame, reported: pd.DataFrame, last_year: str) -> pd.DataFrame:
    """Return one row per fiscal year from the first county year (2013/14) to `last_year` and entity: the opinion as
    loaded (the Auditor-General's table), else as the press reported it (kind 'reported', with its outlet), else
    NOT_FOUND: a year without either was not found, which says nothing of the accounts. Columns: fiscal_year,
    entity, opinion, kind ('loaded', 'reported' or 'not found'), outlet, report_date."""
    years = _fiscal_years(FIRST_AUDITED_YEAR, last_year)
    entities = list(dict.fromkeys(["county executive", "county assembly",
                                   *loaded.get("entity", pd.Series(dtype="string")).tolist()]))
    known = {(r.fiscal_year, r.entity): ("loaded", r.opinion, None, r.report_date) for r in loaded.itertuples()}
    for r in reported.itertuples():
        entity = str(r.subject).replace("_", " ")
        known.setdefault((r.period, entity), ("reported", r.reported, r.outlet, r.published_date))
    rows = []
    for year in reversed(years):
        for entity in entities:
            kind, opinion, outlet, when = known.get((year, entity), (NOT_FOUND, None, None, None))
            rows.append({"fiscal_year": year, "entity": entity, "opinion": opinion, "kind": kind, "outlet": outlet,
                         "report_date": when})
    return pd.DataFrame(rows)
