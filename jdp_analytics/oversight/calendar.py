"""The county budget calendar against the law: each milestone's legal deadline, with its section of the PFM Act 2012,
and the days it was early or late. Pure functions on DataFrames.

The deadlines the budget documents share with this calendar (the estimates by 30 April, the budget approved by
30 June) are the ones participation/metrics.py defines for the documents' publication: one definition. Two deadlines
count from another milestone (the CFSP's adoption from its submission, the Finance Bill from the Appropriation Act):
from its loaded date where there is one, else from the date it was due. A supplementary budget has no date in the
law; a row gives it (due_date), else it has no deadline and is never called late.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd

from jdp_analytics.common import demonstration, formatting
from jdp_analytics.common.i18n import N_, _, ngettext
from jdp_analytics.oversight.tables import (
    APPROPRIATION_ASSENTED,
    CFSP_APPROVED,
    CFSP_SUBMITTED,
    ESTIMATES_APPROVED,
    ESTIMATES_SUBMITTED,
    FINANCE_BILL_PASSED,
    MILESTONES,
    SUPPLEMENTARY,
)
from jdp_analytics.participation import metrics as p

CFSP_ADOPTION_DAYS = 14  # PFM Act 2012 s.117(6): the assembly adopts the CFSP within 14 days of its submission
FINANCE_BILL_DAYS = 90  # PFM Act 2012 s.133(2): the Finance Bill within 90 days of the Appropriation Act


@dataclass(frozen=True)
class Milestone:
    """A milestone of the budget calendar: its deadline (from the fiscal year's first year and the county-year's
    loaded dates) and the law that sets it (shown as _(law))."""

    name: str
    due: Callable[[int, dict[str, date]], date | None]
    law: str


def _relative(before: str, days: int, fallback: Callable[[int], date]) -> Callable[[int, dict[str, date]], date]:
    return lambda s, dates: (dates.get(before) or fallback(s)) + timedelta(days=days)


_APPROVED_BY = p.DEADLINE_OF["Approved budget"].due  # 30 June, before the fiscal year begins
MILESTONE_RULES: dict[str, Milestone] = {m.name: m for m in (
    Milestone(CFSP_SUBMITTED, lambda s, dates: p.CFSP_SUBMITTED.due(s), p.CFSP_SUBMITTED.rule),
    Milestone(CFSP_APPROVED, _relative(CFSP_SUBMITTED, CFSP_ADOPTION_DAYS, p.CFSP_SUBMITTED.due),
              N_("adopted by the county assembly within 14 days after it was submitted (PFM Act 2012 s.117(6))")),
    Milestone(ESTIMATES_SUBMITTED, lambda s, dates: p.DEADLINE_OF["Budget estimates"].due(s),
              p.DEADLINE_OF["Budget estimates"].rule),
    Milestone(ESTIMATES_APPROVED, lambda s, dates: _APPROVED_BY(s), p.DEADLINE_OF["Approved budget"].rule),
    Milestone(APPROPRIATION_ASSENTED, lambda s, dates: _APPROVED_BY(s),
              N_("in force by 30 June, before the fiscal year begins (PFM Act 2012 s.131(1); without it the assembly "
                 "may only vote on account, s.134(1))")),
    Milestone(FINANCE_BILL_PASSED, _relative(APPROPRIATION_ASSENTED, FINANCE_BILL_DAYS, _APPROVED_BY),
              N_("passed by the county assembly within 90 days after the Appropriation Act (PFM Act 2012 s.133(2))")),
    *(Milestone(name, lambda s, dates: None, N_("approved within two months after the first withdrawal it covers "
                                                "(PFM Act 2012 s.135(4); Constitution Art. 223)"))
      for name in SUPPLEMENTARY),
)}

EARLY, ON_TIME, LATE, MISSED, NOT_YET, NO_DEADLINE = ("early", "on time", "late", "missed", "not yet due",
                                                       "no deadline")
STATUS_WORDS = (N_("early"), N_("on time"), N_("late"), N_("missed"), N_("not yet due"), N_("no deadline"))


def _present(value) -> bool:
    return value is not None and not pd.isna(value)


def deadline(milestone: str, fiscal_year: str, dates: dict[str, date], due_date=None) -> date | None:
    """Return a milestone's legal deadline for a fiscal year: ('Budget estimates submitted', '2024/25') → 30 April
    2024; `dates` are the county-year's loaded dates by milestone, `due_date` a supplementary budget's own."""
    if _present(due_date):
        return pd.Timestamp(due_date).date()
    return MILESTONE_RULES[milestone].due(int(fiscal_year[:4]), dates)


def judge(happened, due: date | None, as_of: date) -> tuple[str, int | None]:
    """Return (status, days after the deadline: negative when early) of one milestone, judged on the records' date:
    with no date it is missed once its deadline passed, not yet due before."""
    if due is None:
        return NO_DEADLINE, None
    if not _present(happened):
        return (NOT_YET, None) if as_of <= due else (MISSED, (as_of - due).days)
    days = (pd.Timestamp(happened).date() - due).days
    return (LATE if days > 0 else EARLY if days < 0 else ON_TIME), days


def calendar(rows: pd.DataFrame, as_of: date | None = None) -> pd.DataFrame:
    """Return the milestones (county_code, fiscal_year, milestone, happened_date, due_date …) with their deadline,
    the law, status and days (after the deadline; negative early; for a missed one, days overdue), in the order of
    the cycle. A milestone without a date is judged on `as_of`, else on its row's source date (`as_of` column): the
    day the record describes."""
    out = rows.copy()
    if out.empty:
        return out.assign(deadline=None, status=None, days=pd.array([], dtype="Int64"), law=None)
    dates = {(r.county_code, r.fiscal_year, r.milestone): pd.Timestamp(r.happened_date).date()
             for r in rows.itertuples() if _present(r.happened_date)}
    def county_year(county, year):
        return {m: d for (c, y, m), d in dates.items() if c == county and y == year}
    due_dates = out["due_date"] if "due_date" in out else pd.Series(None, index=out.index)
    out["deadline"] = [deadline(m, fy, county_year(c, fy), d) for c, fy, m, d in zip(
        out["county_code"], out["fiscal_year"], out["milestone"], due_dates)]
    on = [as_of] * len(out) if as_of is not None else [pd.Timestamp(d).date() for d in out["as_of"]]
    judged = [judge(h, d, day) for h, d, day in zip(out["happened_date"], out["deadline"], on)]
    out["status"] = [s for s, _days in judged]
    out["days"] = pd.array([n for _status, n in judged], dtype="Int64")
    out["law"] = out["milestone"].map(lambda m: MILESTONE_RULES[m].law)
    out["order"] = out["milestone"].map(MILESTONES.index)
    return out.sort_values(["county_code", "fiscal_year", "order"]).drop(columns="order").reset_index(drop=True)


def status_words(status: str, days, demo: bool = False) -> str:
    """Return a milestone's status in the current language: 'late by 12 days', 'early by 3 days', 'on the day',
    'not done: 40 days overdue', 'not yet due', 'no deadline given'; from generated records what it would be ('would
    be late by 12 days'), so that no generated row gives a real county a status."""
    if status in (LATE, MISSED, EARLY):
        n = abs(int(days))
        real, illustration = {
            LATE: (ngettext("late by {days} day", "late by {days} days", n),
                   ngettext("would be late by {days} day", "would be late by {days} days", n)),
            EARLY: (ngettext("early by {days} day", "early by {days} days", n),
                    ngettext("would be early by {days} day", "would be early by {days} days", n)),
            MISSED: (ngettext("not done: {days} day overdue", "not done: {days} days overdue", n),
                     ngettext("would not be done: {days} day overdue", "would not be done: {days} days overdue", n)),
        }[status]
        return demonstration.status(real.format(days=n), illustration.format(days=n), demo)
    if status == ON_TIME:
        return demonstration.status(_("on the day"), _("would be on the day"), demo)
    if status == NO_DEADLINE:
        return _("no deadline given")
    return _(status)


def late_sentence(judged: pd.DataFrame, county_name: str, fiscal_year: str, demo: bool = False) -> str:
    """Return the late and missed milestones of a county-year named with their days ('Late against the law in
    Kwale, FY 2024/25: CFSP submitted late by 18 days; …'), or that every loaded milestone kept its deadline; on
    generated rows an illustration, marked."""
    late = judged[judged["status"].isin([LATE, MISSED])]
    if late.empty:
        return demonstration.mark(_("{county}, {year}: every milestone loaded kept its legal deadline.").format(
            county=county_name, year=formatting.fy(fiscal_year)), demo)
    parts = [_("{milestone} {status}").format(milestone=_(m), status=status_words(s, d, demo))
             for m, s, d in zip(late["milestone"], late["status"], late["days"])]
    return demonstration.mark(_("Late against the law in {county}, {year}: {milestones}.").format(
        county=county_name, year=formatting.fy(fiscal_year), milestones="; ".join(parts)), demo)


def side_by_side(judged: pd.DataFrame) -> pd.DataFrame:
    """Return one row per county and one column per milestone loaded: the days after the deadline (negative early;
    empty where the county has no date or the milestone no deadline)."""
    loaded = [m for m in MILESTONES if m in set(judged["milestone"])]
    grid = judged.pivot_table(index="county_code", columns="milestone", values="days", aggfunc="first")
    return grid.reindex(columns=loaded)
