"""What every generated document shares: the demonstration mark, fonts, colours and the charts drawn as PNG."""

from __future__ import annotations

from pathlib import Path

from jdp_analytics.common import exports
from jdp_analytics.common.i18n import N_
from jdp_analytics.results import metrics as results_metrics

DEMO_MARK = N_("DEMONSTRATION DATA — generated, not real figures")  # shown as _(DEMO_MARK)
PROGRAMME = N_("Joint Devolution Programme (UNDP, UNICEF, UN Women, State Department for Devolution)")
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")  # Debian fonts-dejavu-core: the glyphs of KES, –, ✔, ▲, ✖
FONT = "DejaVu"
BRAND = (31, 78, 121)
DEMO_RED = (192, 0, 0)
STATUS_FILL = {results_metrics.ON_TRACK: (204, 235, 214), results_metrics.AT_RISK: (252, 236, 190),
               results_metrics.OFF_TRACK: (244, 204, 204),
               results_metrics.NO_DATA: (235, 235, 235)}


def fit_widths(shares: list[float], least: list[float], total: float) -> list[float]:
    """Return column widths that fill `total` in the given shares, each at least its `least` (its longest word, so no
    word breaks inside: "Resul / t"), the room taken from the wider columns in proportion to what they have to spare;
    when the least widths alone pass the total, every column at its least, scaled to fit."""
    wanted = [total * share / sum(shares) for share in shares]
    if all(w >= m for w, m in zip(wanted, least)):
        return wanted
    if sum(least) >= total:
        return [m * total / sum(least) for m in least]
    spare = [max(w - m, 0.0) for w, m in zip(wanted, least)]  # > 0: the columns wider than their longest word
    room = total - sum(least)
    return [m + room * extra / sum(spare) for m, extra in zip(least, spare)]


class ReportError(RuntimeError):
    """A document that cannot be made; the message says why and what to do."""


DOCUMENT_PNG_WIDTH = 700  # px: a chart's 11 px source line, wrapped at 120 characters, fits and prints at 8.1 pt on A4


def render_pngs(figures: list, width: int = DOCUMENT_PNG_WIDTH, scale: float = 3) -> list[bytes]:
    """Return each plotly figure as PNG bytes, drawn in the Chromium the process keeps open (exports.to_pngs)."""
    return exports.to_pngs(figures, width, scale)


def png_size(png: bytes) -> tuple[int, int]:
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
