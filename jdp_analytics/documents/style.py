"""What every generated document shares: the demonstration mark, fonts, colours and the charts drawn as PNG."""

from __future__ import annotations

from pathlib import Path

from jdp_analytics.common import exports
from jdp_analytics.results import metrics as results_metrics

DEMO_MARK = "DEMONSTRATION DATA — generated, not real figures"
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")  # Debian fonts-dejavu-core: the glyphs of KES, –, ✔, ▲, ✖
FONT = "DejaVu"
BRAND = (31, 78, 121)
DEMO_RED = (192, 0, 0)
STATUS_FILL = {results_metrics.ON_TRACK: (204, 235, 214), results_metrics.AT_RISK: (252, 236, 190),
               results_metrics.OFF_TRACK: (244, 204, 204),
               results_metrics.NO_DATA: (235, 235, 235)}


class ReportError(RuntimeError):
    """A document that cannot be made; the message says why and what to do."""


def render_pngs(figures: list, width: int = exports.PNG_WIDTH, scale: float = exports.PNG_SCALE) -> list[bytes]:
    """Return each plotly figure as PNG bytes, all drawn in ONE kaleido browser session."""
    if not figures:
        return []
    import kaleido  # needs Debian's chromium; imported only when a document draws charts

    async def draw() -> list[bytes]:
        async with kaleido.Kaleido(n=1, mathjax=False) as browser:
            return [await browser.calc_fig(f, opts={"format": "png", "width": width, "scale": scale,
                                                    "height": f.layout.height or 500}) for f in figures]

    return exports.run_coroutine(draw)


def png_size(png: bytes) -> tuple[int, int]:
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
