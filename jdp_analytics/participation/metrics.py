"""Participation and social-accountability measures: pure functions on DataFrames, testable without Streamlit.

Turnout, representation against the 2019 census, the proposal funnel, budget-cycle coverage, facility
complaint handling and the lateness of budget documents against their legal deadlines.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from jdp_analytics.common.i18n import N_
from jdp_analytics.participation.tables import BUDGET_STAGES


def _present(value) -> bool:
    return value is not None and not pd.isna(value)


def fiscal_year_bounds(fiscal_year: str) -> tuple[date, date]:
    """Return the first and last day of a Kenyan fiscal year: '2023/24' → 1 July 2023, 30 June 2024."""
    start = int(fiscal_year[:4])
    return date(start, 7, 1), date(start + 1, 6, 30)


def fiscal_quarter(day) -> str:
    """Return the fiscal year and quarter of a date: 15 August 2024 → '2024/25 Q1' (Q1 is July to September)."""
    day = pd.Timestamp(day)
    start = day.year if day.month >= 7 else day.year - 1
    return f"{start}/{(start + 1) % 100:02d} Q{((day.month - 7) % 12) // 3 + 1}"


def per_1000(count: float | None, population: float | None) -> float | None:
    """Return count per 1,000 persons; None when the population is missing or zero."""
    if not _present(count) or not _present(population) or population <= 0:
        return None
    return 1000 * count / population


def share_pct(part: float | None, whole: float | None) -> float | None:
    """Return part as a % of whole; None when either is missing or the whole is zero."""
    if not _present(part) or not _present(whole) or whole <= 0:
        return None
    return 100 * part / whole


def representation_gap(participant_share_pct: float | None, population_share_pct: float | None) -> float | None:
    """Return the gap in percentage points: share among participants minus share in the population.

    Negative means under-represented: women at 38 % of participants in a county whose adults are 52 % women
    give -14 points.
    """
    if not _present(participant_share_pct) or not _present(population_share_pct):
        return None
    return participant_share_pct - population_share_pct


@dataclass(frozen=True)
class Group:
    """A group whose share among participants is compared with its share of the census population."""

    key: str
    label: str
    attendance_column: str
    denominator_note: str


GROUPS = (
    # Labels and notes in English (keys of the rows); the pages show them as _(label).
    Group("women", N_("Women"), "attendance_women", N_("women among adults aged 18 and above (census 2019, KPHC Vol. "
          "III Table 2.3)")),
    Group("youth", N_("Youth (18–34)"), "attendance_youth", N_("persons aged 18–34 among adults aged 18 and above "
          "(census 2019, KPHC Vol. III Table 2.3)")),
    Group("pwd", N_("Persons with disabilities"), "attendance_pwd", N_("persons with a disability among persons "
          "aged 5 and above, the only base the census gives (KPHC Vol. IV Table 2.26)")),
)


def population_shares(groups: pd.DataFrame) -> pd.DataFrame:
    """Return each county's census share (%) of women and youth among adults and of persons with disabilities.

    `groups` is fact_county_population_group (county_code, population_group, sex, persons); returns
    county_code, women, youth, pwd.
    """
    wide = groups.pivot_table(index="county_code", columns=["population_group", "sex"], values="persons",
                              aggfunc="sum")
    adults = wide[("aged_18_plus", "total")]
    return pd.DataFrame({
        "women": 100 * wide[("aged_18_plus", "female")] / adults,
        "youth": 100 * wide[("youth_18_34", "total")] / adults,
        "pwd": 100 * wide[("pwd_aged_5_plus", "total")] / wide[("aged_5_plus", "total")],
    }).reset_index()


def representation(events: pd.DataFrame, shares: pd.Series) -> pd.DataFrame:
    """Return, per group, participants' share, population share and the gap, from the events of one area.

    Youth and disability shares use only the events that recorded them (paper registers often leave them
    out); `recorded_attendance` says how many attendances that share rests on.
    """
    rows = []
    for group in GROUPS:
        counted = events[events[group.attendance_column].notna()]
        part, whole = counted[group.attendance_column].sum(), counted["attendance_total"].sum()
        participants = share_pct(part, whole)
        population = shares.get(group.key)
        rows.append({"group": group.label, "participants_pct": participants, "population_pct": population,
                     "gap_points": representation_gap(participants, population), "recorded_attendance": int(whole),
                     "events_recorded": len(counted), "events": len(events), "denominator": group.denominator_note})
    return pd.DataFrame(rows)


def funnel(events: pd.DataFrame) -> pd.DataFrame:
    """Return the proposal funnel: proposals received, adopted, and adopted at forums whose participants got feedback.

    Rates are of the proposals received; forums that recorded no proposal count toward none of the steps.
    """
    recorded = events[events["proposals_received"].notna()]
    received = recorded["proposals_received"].sum()
    adopted = recorded["proposals_adopted"].fillna(0).sum()
    fed_back = recorded.loc[recorded["feedback_date"].notna(), "proposals_adopted"].fillna(0).sum()
    steps = [(N_("Proposals received"), received), (N_("Adopted into the plan or budget"), adopted),
             (N_("Adopted at forums that gave feedback"), fed_back)]
    return pd.DataFrame([{"step": step, "proposals": int(count), "pct_of_received": share_pct(count, received)}
                         for step, count in steps])


def days_between(later, earlier) -> pd.Series:
    """Return whole days from `earlier` to `later` (NaN where either is missing)."""
    return (pd.to_datetime(later) - pd.to_datetime(earlier)).dt.days


def feedback_summary(events: pd.DataFrame) -> dict:
    """Return how many forums gave feedback and the median days from forum to feedback."""
    with_feedback = events[events["feedback_date"].notna()]
    days = days_between(with_feedback["feedback_date"], with_feedback["event_date"])
    return {"events": len(events), "with_feedback": len(with_feedback),
            "feedback_pct": share_pct(len(with_feedback), len(events)),
            "median_days_to_feedback": float(days.median()) if len(days) else None}


def documents_summary(events: pd.DataFrame) -> dict:
    """Return the share of forums whose documents were shared beforehand and the median days' notice."""
    shared = events[events["documents_shared"].fillna(False).astype(bool)]
    notice = shared["documents_shared_days_before"].dropna()
    return {"shared_pct": share_pct(len(shared), len(events)),
            "median_days_before": float(notice.median()) if len(notice) else None,
            "under_7_days": int((notice < 7).sum()), "with_notice": len(notice)}


def stage_coverage(events: pd.DataFrame, wards: pd.DataFrame) -> pd.DataFrame:
    """Return one row per ward and one column per budget-cycle stage: the number of forums held (0 when none)."""
    counts = events.pivot_table(index="ward_code", columns="budget_stage", values="event_id", aggfunc="count")
    counts = counts.reindex(columns=list(BUDGET_STAGES)).reindex(wards["ward_code"]).fillna(0).astype(int)
    return wards[["ward_code", "ward_name"]].merge(counts.reset_index(), on="ward_code")


# ---- Facility accountability ----

def facility_summary(feedback: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """Return cases received and resolved, the resolution rate and the median of the facilities' median days."""
    grouped = feedback.groupby(by, dropna=False)
    out = grouped.agg(facilities=("facility_id", "nunique"), received=("received", "sum"),
                      resolved=("resolved", "sum"), median_days_to_resolve=("median_days_to_resolve", "median"))
    out["resolved_pct"] = [share_pct(r, c) for r, c in zip(out["resolved"], out["received"])]
    return out.reset_index()


# ---- Access to information: budget documents against their legal deadlines ----

@dataclass(frozen=True)
class Deadline:
    """When a budget document of fiscal year S/S+1 is due, and the law that says so."""

    document: str
    due: object  # callable: start year S of the fiscal year -> date
    rule: str  # shown as _(rule)


DEADLINES = (
    Deadline("ADP", lambda s: date(s - 1, 9, 1), N_("submitted to the county assembly by 1 September of the year "
             "before (PFM Act 2012 s.126(3))")),
    Deadline("CBROP", lambda s: date(s - 1, 9, 30), N_("submitted to the county executive committee by 30 September "
             "of the year before (PFM Act 2012 s.118(1)(b))")),
    Deadline("CFSP", lambda s: date(s, 3, 7), N_("submitted to the county assembly by 28 February and published "
             "within seven days (PFM Act 2012 s.117(1) and (8))")),
    Deadline("Budget estimates", lambda s: date(s, 4, 30), N_("submitted to the county assembly by 30 April "
             "(PFM Act 2012 s.129(2))")),
    Deadline("Approved budget", lambda s: date(s, 6, 30), N_("approved by the county assembly by 30 June (PFM Act "
             "2012 s.131(1))")),
    Deadline("Q1 implementation report", lambda s: date(s, 10, 31), N_("one month after the quarter ends (PFM Act "
             "2012 s.166(4))")),
    Deadline("Q2 implementation report", lambda s: date(s + 1, 1, 31), N_("one month after the quarter ends")),
    Deadline("Q3 implementation report", lambda s: date(s + 1, 4, 30), N_("one month after the quarter ends")),
    Deadline("Q4 implementation report", lambda s: date(s + 1, 7, 31), N_("one month after the quarter ends")),
)
DEADLINE_OF = {d.document: d for d in DEADLINES}
# The CFSP's own submission, which the budget calendar (oversight/calendar.py) judges: the document above is due when
# it must be published, seven days later.
CFSP_SUBMITTED = Deadline("CFSP submitted", lambda s: date(s, 2, 28), N_("submitted to the county assembly by 28 "
                          "February (PFM Act 2012 s.117(1))"))


def document_deadline(document: str, fiscal_year: str) -> date:
    """Return the legal deadline of a budget document of a fiscal year: ('CFSP', '2024/25') → 7 March 2024."""
    return DEADLINE_OF[document].due(int(fiscal_year[:4]))


def publication_status(published, deadline: date, as_of: date) -> tuple[str, int | None]:
    """Return ('on time' | 'late' | 'not published' | 'not yet due', days late) for one document.

    A document with no date is 'not published' once its deadline has passed on the as-of date of the records,
    'not yet due' before; one published after its deadline is late by the days between.
    """
    if not _present(published):
        return ("not yet due", None) if as_of <= deadline else ("not published", None)
    days = (pd.Timestamp(published).date() - deadline).days
    return ("late", days) if days > 0 else ("on time", 0)


def document_statuses(documents: pd.DataFrame, as_of: date) -> pd.DataFrame:
    """Return the documents with their deadline, status and days late (as_of: the date the records describe)."""
    out = documents.copy()
    out["deadline"] = [document_deadline(d, fy) for d, fy in zip(out["document"], out["fiscal_year"])]
    judged = [publication_status(p, d, as_of) for p, d in zip(out["published_date"], out["deadline"])]
    out["status"] = [s for s, _ in judged]
    out["days_late"] = pd.array([n for _, n in judged], dtype="Int64")
    return out


def status_label(status: str, days_late) -> str:
    """Return the words a reader sees: 'on time', 'late by 12 days', 'not published'."""
    if status == "late":
        return f"late by {int(days_late)} day{'s' if days_late != 1 else ''}"
    return status
