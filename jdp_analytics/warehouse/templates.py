"""Upload templates from the command line: `python -m jdp_analytics template KIND [--rows N] --out FILE`.

Without --rows the file holds the kind's example row(s), as the Upload page offers. With --rows N it holds N
generated rows that pass validation: budget line items are generated vectorised with numpy (a benchmark's
million-line file in seconds); other kinds repeat their example rows with a numbered key, which needs a key
column of free text (a kind whose key is all codes and years refuses a count it cannot make distinct).
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import shapely

from jdp_analytics.geography.counties import COUNTIES
from jdp_analytics.warehouse import loader
from jdp_analytics.warehouse.national import ECONOMIC_ITEMS, PROGRAMMES, SLOTS, STRIDE, SUB_PROGRAMMES, VOTES
from jdp_analytics.warehouse.paths import REFERENCE_DIR


class TemplateError(ValueError):
    """A template that cannot be made as asked; the message says why and what to do."""


def rows_for(kind: str, rows: int | None = None, seed: int = 16) -> pd.DataFrame:
    """Return the template of `kind`: its example rows, or `rows` generated valid rows."""
    if kind not in loader.KINDS:
        raise TemplateError(f"no kind {kind!r}; use one of: {', '.join(sorted(loader.KINDS))}.")
    frame = loader.template(kind)
    if rows is None:
        return frame
    if kind == "budget_items":
        return budget_items(rows, seed)
    return _numbered(kind, frame, rows)


def budget_items(rows: int, seed: int = 16) -> pd.DataFrame:
    """Return `rows` distinct valid budget line items for the 47 counties, FY2025/26 back (by county name)."""
    names = np.array([COUNTIES[c] for c in sorted(COUNTIES)], dtype=object)
    per_year = len(names) * SLOTS
    years = np.array([f"{y}/{(y + 1) % 100:02d}" for y in range(2025, 2025 - 40, -1)], dtype=object)
    if rows > per_year * len(years):
        raise TemplateError(f"at most {per_year * len(years):,} distinct lines can be generated.")
    rng = np.random.default_rng(seed)
    i = np.arange(rows, dtype=np.int64)
    year, rest = np.divmod(i, per_year)
    county, slot_index = np.divmod(rest, SLOTS)
    j = (slot_index * STRIDE) % SLOTS
    approved = np.round(rng.exponential(2_000_000, rows))
    spent = np.round(approved * rng.uniform(0.3, 1.05, rows))
    return pd.DataFrame({
        "county": names[county], "fiscal_year": years[year],
        "vote": np.array(VOTES, dtype=object)[j // 2700],
        "programme": np.array(PROGRAMMES, dtype=object)[j // 900 % 3],
        "sub_programme": np.array(SUB_PROGRAMMES, dtype=object)[j // 300 % 3],
        "economic_item": np.array(ECONOMIC_ITEMS, dtype=object)[j // 12 % 25],
        "month": ((j % 12) + 6) % 12 + 1, "approved_kes": approved.astype(np.int64),
        "spent_kes": spent.astype(np.int64)})


def _numbered(kind: str, frame: pd.DataFrame, rows: int) -> pd.DataFrame:
    spec = loader.KINDS[kind]
    free = [c.name for c in spec.table.columns if c.name in spec.table.key and c.name in frame.columns
            and c.type == "VARCHAR" and not (c.allowed or c.references or
                                                   (c.pattern and "A-Za-z0-9" not in c.pattern))]
    if not free and rows > len(frame):
        raise TemplateError(f"the key of {kind} ({', '.join(spec.table.key)}) is all codes and periods; generate at "
                            f"most {len(frame)} row(s) of it, or use budget_items for a large file.")
    out = frame.iloc[np.arange(rows) % len(frame)].reset_index(drop=True)
    number = pd.Series(np.arange(1, rows + 1), dtype="string")
    for column in free:
        out[column] = out[column] + "-" + number if rows > len(frame) else out[column]
    return out


def boundary_geojson(kind: str) -> bytes:
    """Return the template of a boundary kind as a GeoJSON the loader accepts: the example row's fields and, for a
    county, its published outline (data/reference), for a ward a small square inside its county's outline."""
    spec = loader.KINDS[kind]
    example = loader.template(kind).iloc[0].drop("geometry").to_dict()
    outlines = json.loads((REFERENCE_DIR / "county_boundaries.geojson").read_text(encoding="utf-8"))
    outline = shapely.geometry.shape(next(f["geometry"] for f in outlines["features"]
                                          if f["properties"]["county_name"] == example["county_name"]))
    if spec.geometry == "ward":  # a stand-in polygon: replace it with the ward's own
        centre = outline.representative_point()
        outline = shapely.geometry.box(centre.x - 0.01, centre.y - 0.01, centre.x + 0.01, centre.y + 0.01)
    feature = {"type": "Feature", "properties": {k: v for k, v in example.items() if v != ""},
               "geometry": shapely.geometry.mapping(outline)}
    return json.dumps({"type": "FeatureCollection", "features": [feature]}, indent=1).encode("utf-8")


def write(kind: str, out: Path, rows: int | None = None) -> int:
    """Write the template to `out` as CSV or XLSX (by the extension), or GeoJSON for a boundary kind; return the
    number of rows written."""
    suffix = Path(out).suffix.lower()
    if loader.KINDS.get(kind) is not None and loader.KINDS[kind].geometry in ("ward", "county"):
        if suffix not in (".geojson", ".json") or rows is not None:
            raise TemplateError(f"{out}: a boundary template is one feature in a .geojson file (no --rows).")
        Path(out).write_bytes(boundary_geojson(kind))
        return 1
    frame = rows_for(kind, rows)
    if suffix == ".csv":
        frame.to_csv(out, index=False)
    elif suffix == ".xlsx":
        if len(frame) > 1_048_575:
            raise TemplateError("an XLSX sheet holds at most 1,048,575 rows; write a .csv instead.")
        frame.to_excel(out, index=False, sheet_name=kind, engine="xlsxwriter")
    else:
        raise TemplateError(f"{out}: write a .csv or an .xlsx file.")
    return len(frame)
