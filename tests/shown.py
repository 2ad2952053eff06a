"""What a page shows as tables, whether as an interactive grid (st.dataframe) or as a table that wraps (st.table):
downloads.table picks the one that fits a projector's width, so tests find a table by its headers, not its kind."""

from __future__ import annotations

import pandas as pd


def tables(at) -> list[pd.DataFrame]:
    """Every table on an AppTest page: the grids, then the wrapping tables, as a reader reads them (a no-break space
    is a space; a zero-width space, where a long name may wrap, is nothing)."""
    return [element.value.map(readable) for element in [*at.dataframe, *at.table]]


def readable(value):
    return value.replace("\u00a0", " ").replace("\u200b", "") if isinstance(value, str) else value


def table_with(at, *columns: str, without: tuple[str, ...] = ()) -> pd.DataFrame:
    """The first table on the page that has all `columns` and none of `without`."""
    for frame in tables(at):
        headers = {str(c) for c in frame.columns}
        if set(columns) <= headers and not set(without) & headers:
            return frame
    raise AssertionError(f"no table with the columns {columns}: {[list(f.columns) for f in tables(at)]}")
