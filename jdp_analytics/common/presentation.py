"""What every view model hands to a page or a document: a card, a table with its citation, the citation line
and a file name."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from jdp_analytics.common import formatting
from jdp_analytics.common.i18n import _
from jdp_analytics.common.vocabulary import term


@dataclass(frozen=True)
class Card:
    """A headline figure with its comparison and its source."""

    label: str
    value: str
    comparison: str
    source: str
    is_demo: bool = False


def source_line(values: pd.DataFrame) -> str:
    """Return 'Source: Publisher, Title; as of 30 Jun 2025.' for a measure's rows (marked when any is generated),
    or a note that there is none."""
    cited = _cited(values)
    if not cited:
        return _("No published figure for this selection.")
    line = _("Source: {citation}").format(citation=cited)
    return _("DEMONSTRATION DATA. {source}").format(source=line) if is_demo(values) else line


@dataclass(frozen=True)
class ExportTable:
    """A table as the page shows it (formatted) and as CSV and Excel carry it (exact values), with its citation."""

    shown: pd.DataFrame
    data: pd.DataFrame
    file_stem: str
    citation: str
    is_demo: bool = False


def citation(rows: pd.DataFrame) -> str:
    """Return what an export names as its source: publisher, report(s) and as-of date of the rows' sources,
    'Publisher, Title; as of 30 Jun 2025.', or a note that there is none."""
    return _cited(rows) or _("No published figure for this selection.")


def _cited(rows: pd.DataFrame) -> str:
    found = rows.dropna(subset=["source_title"]).drop_duplicates("source_title").sort_values("as_of")
    if found.empty:
        return ""
    first, last = found.iloc[0], found.iloc[-1]
    if len(found) == 1:
        return _("{publisher}, {title}; as of {date}.").format(
            publisher=term(first["publisher"]), title=term(first["source_title"]),
            date=formatting.as_of(first["as_of"]))
    return _("{publisher}, {count} reports from {first} to {last}; latest as of {date}.").format(
        publisher=term(first["publisher"]), count=len(found), first=term(first["source_title"]),
        last=term(last["source_title"]),
        date=formatting.as_of(last["as_of"]))


def file_stem(*parts: str) -> str:
    """Return a download's file name without extension: ('Homa Bay', '2019/20') → 'homa-bay-2019-20'."""
    return "-".join(p.lower().replace(" ", "-").replace("/", "-").replace("'", "") for p in parts)


def is_demo(rows: pd.DataFrame) -> bool:
    return "is_demo" in rows and bool(rows["is_demo"].fillna(False).astype(bool).any())
