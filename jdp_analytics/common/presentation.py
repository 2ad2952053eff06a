"""What every view model hands to a page or a document: a card, a table with its citation, the citation line
and a file name."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from jdp_analytics.common import formatting


@dataclass(frozen=True)
class Card:
    """A headline figure with its comparison and its source."""

    label: str
    value: str
    comparison: str
    source: str
    is_demo: bool = False


def source_line(values: pd.DataFrame) -> str:
    """Return 'Publisher, Title; as of 30 Jun 2025' for a measure's rows, or a note that there is none."""
    rows = values.dropna(subset=["source_title"]).drop_duplicates("source_title").sort_values("as_of")
    if rows.empty:
        return "No published figure for this selection."
    first, last = rows.iloc[0], rows.iloc[-1]
    demo = "DEMONSTRATION DATA. " if bool(rows["is_demo"].any()) else ""
    if len(rows) == 1:
        return f"{demo}Source: {first['publisher']}, {first['source_title']}; as of {formatting.as_of(first['as_of'])}."
    return (f"{demo}Source: {first['publisher']}, {len(rows)} reports from {first['source_title']} to "
            f"{last['source_title']}; latest as of {formatting.as_of(last['as_of'])}.")


@dataclass(frozen=True)
class ExportTable:
    """A table as the page shows it (formatted) and as CSV and Excel carry it (exact values), with its citation."""

    shown: pd.DataFrame
    data: pd.DataFrame
    file_stem: str
    citation: str
    is_demo: bool = False


def citation(rows: pd.DataFrame) -> str:
    """Return what an export names as its source: publisher, report(s) and as-of date of the rows' sources."""
    return source_line(rows).removeprefix("DEMONSTRATION DATA. ").removeprefix("Source: ")


def file_stem(*parts: str) -> str:
    """Return a download's file name without extension: ('Homa Bay', '2019/20') → 'homa-bay-2019-20'."""
    return "-".join(p.lower().replace(" ", "-").replace("/", "-").replace("'", "") for p in parts)


def is_demo(rows: pd.DataFrame) -> bool:
    return bool(rows["is_demo"].fillna(False).astype(bool).any())
