"""Versioned boundaries: which boundary set a fiscal year is drawn with, and what a page says when the years it
compares straddle a boundary change. Plain functions of the frames the ward_boundaries and ward_boundary_sets
queries return."""

from __future__ import annotations

from datetime import date

import pandas as pd

from jdp_analytics.common import formatting
from jdp_analytics.common.i18n import _
from jdp_analytics.participation.metrics import fiscal_year_bounds


def in_force_on(fiscal_year: str) -> date:
    """Return the day whose boundary set draws a fiscal year: its last day, 30 June (a set that took effect during
    the year is the one its later reports use)."""
    return fiscal_year_bounds(fiscal_year)[1]


def boundary_caption(boundaries: pd.DataFrame) -> str:
    """Return the map caption naming the boundary set drawn: its source, licence and effective date."""
    if boundaries.empty:
        return ""
    first = boundaries.iloc[0]
    return _("Ward boundaries: {publisher}, {title}, in force from {date} ({count} wards; licence: {licence}).").format(
        publisher=first["publisher"], title=first["source_title"], count=len(boundaries), licence=first["licence"],
        date=formatting.as_of(pd.Timestamp(first["effective_date"])))


def change_note(sets: pd.DataFrame, start: date, end: date, what: str = "These figures") -> str | None:
    """Return a sentence when a new ward boundary set took effect after `start` and on or before `end`, i.e. when
    the period compared straddles a boundary change; None otherwise."""
    if sets.empty:
        return None
    dates = pd.to_datetime(sets["effective_date"]).dt.date
    earlier = dates[dates <= start]
    changes = sets[(dates > start) & (dates <= end)]
    if earlier.empty or changes.empty:
        return None
    listed = ", ".join(f"{formatting.as_of(pd.Timestamp(d))} ({p})" for d, p in
                       zip(changes["effective_date"], changes["publisher"]))
    return _("The ward boundaries changed during the period shown: a new set took effect on {dates}. {what} compare "
             "wards whose areas are not the same before and after that date.").format(dates=listed, what=what)
