"""One module per public source: its file, in its published layout, to tidy rows with provenance.

Each module's `derive(sources_dir)` reads the published file and returns the project's reference
table (codes resolved, published figures unchanged); `PROVENANCE` says where the figures come from.
"""

from __future__ import annotations

import csv
import hashlib
from dataclasses import asdict, dataclass
from pathlib import Path

import pandas as pd


class SourceError(ValueError):
    """A source file that cannot be read as published: names the file, row or field, and the problem."""


@dataclass(frozen=True)
class Provenance:
    """Where a reference table comes from."""

    source_id: str
    publisher: str
    title: str
    url: str
    licence: str
    as_of: str
    derived_from: tuple[str, ...]
    notes: str = ""

    def as_dict(self) -> dict:
        return asdict(self)


def file_sha256(path: Path) -> str:
    """Return the SHA-256 hex digest of a file."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def read_published_csv(path: Path, columns: list[str], dtype: dict | None = None) -> pd.DataFrame:
    """Read a published CSV, checking it exists, parses and has the columns the deriver needs."""
    path = Path(path)
    if not path.is_file():
        raise SourceError(f"{path}: the file is missing. Pass --sources a folder laid out like shared/data.")
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            rows = list(csv.reader(handle))
    except (UnicodeDecodeError, csv.Error) as err:
        raise SourceError(f"{path}: the file cannot be read as UTF-8 CSV ({err}).") from None
    if not rows:
        raise SourceError(f"{path}: the file is empty.")
    header = rows[0]
    missing = [c for c in columns if c not in header]
    if missing:
        raise SourceError(f"{path}, row 1 (header): the column(s) {', '.join(missing)} are missing; "
                          f"the header is {', '.join(header)}. Use the file in its published layout.")
    for number, row in enumerate(rows[1:], start=2):
        if len(row) != len(header):
            raise SourceError(f"{path}, row {number}: {len(row)} fields where the header has {len(header)}; "
                              "the file looks truncated or corrupt. Restore the published file.")
    frame = pd.DataFrame(rows[1:], columns=header, dtype="string")
    return frame.astype(dtype) if dtype else frame


def numbers(frame: pd.DataFrame, column: str, path: Path, first_row: int = 2, required: bool = True) -> pd.Series:
    """Return a column as numbers, raising SourceError at the first value that is not one."""
    text = frame[column].astype("string").str.strip().str.replace(",", "", regex=False)
    values = pd.to_numeric(text, errors="coerce")
    bad = values.isna() & (text.fillna("") != "" if not required else True)
    if bad.any():
        idx = int(bad.to_numpy().nonzero()[0][0])
        line = int(frame.index[idx]) + first_row  # the index keeps the file's line order after filtering
        raise SourceError(f"{path}, row {line}, column {column!r}: {frame[column].iloc[idx]!r} "
                          "is not a number. Restore the published file.")
    return values


def source_row(provenance: Provenance, sha256: str, **overrides) -> dict:
    """Return the warehouse `source` row of a reference table's provenance."""
    row = {key: getattr(provenance, key) for key in ("source_id", "publisher", "title", "url", "licence", "as_of",
                                                      "notes")}
    return {**row, "is_demo": False, "file_sha256": sha256, **overrides}


def check_county_codes(frame: pd.DataFrame, path: Path) -> None:
    """Raise SourceError when a row's county_name is not the county of its county_code (KNBS), naming file and row."""
    from jdp_analytics.geography.names import UnknownNameError, county_code

    for idx, code, name in zip(frame.index, frame["county_code"], frame["county_name"]):
        try:
            resolved = county_code(name)
        except UnknownNameError as err:
            raise SourceError(f"{path}, row {idx + 2}, column 'county_name': {err}") from None
        if resolved != code:
            raise SourceError(f"{path}, row {idx + 2}, column 'county_code': {code!r} is not the code of "
                              f"{name!r} ({resolved}). Restore the published file.")
