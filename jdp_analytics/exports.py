"""Exports that are safe to open in a spreadsheet and always say where the figures come from."""

from __future__ import annotations

import io
import json
from functools import lru_cache

import pandas as pd

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """Return a text cell prefixed with an apostrophe if a spreadsheet would run it as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Return a copy of a frame with every formula-like text cell neutralised (numbers are left alone)."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(neutralise)
    return out


def to_csv(frame: pd.DataFrame, citation: str, demo: bool = False) -> bytes:
    """Return CSV bytes (UTF-8 with BOM for Excel) headed by comment lines naming the source."""
    lines = [f"# Source: {citation}"]
    if demo:
        lines.append("# DEMONSTRATION DATA: generated, not real figures")
    body = safe_frame(frame).to_csv(index=False, lineterminator="\n")
    return ("\ufeff" + "\n".join(lines) + "\n" + body).encode("utf-8")


def to_excel(frame: pd.DataFrame, citation: str, sheet: str = "data", demo: bool = False) -> bytes:
    """Return XLSX bytes: the data sheet plus a 'source' sheet with the citation."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        safe_frame(frame).to_excel(writer, sheet_name=sheet[:31], index=False)
        notes = [citation] + (["DEMONSTRATION DATA: generated, not real figures"] if demo else [])
        pd.DataFrame({"source": notes}).to_excel(writer, sheet_name="source", index=False)
    return buffer.getvalue()


PNG_WIDTH = 1100  # px before scaling: the width of a report page's figure
PNG_SCALE = 2  # twice that many pixels, sharp in print and slides


@lru_cache(maxsize=32)
def _png(figure_json: str, width: int) -> bytes:
    import kaleido  # imported here: only a PNG download needs it and the Chromium it drives

    figure = json.loads(figure_json)
    height = figure.get("layout", {}).get("height") or 500
    return kaleido.calc_fig_sync(figure, opts={"format": "png", "width": width, "height": height, "scale": PNG_SCALE},
                                 kopts={"mathjax": False})  # no MathJax: nothing is fetched from a CDN


def to_png(figure, width: int = PNG_WIDTH) -> bytes:
    """Return a plotly figure as PNG bytes, drawn offline by kaleido in the Chromium it finds on the PATH."""
    return _png(figure.to_json(), width)
