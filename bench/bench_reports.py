"""Time to produce the documents: the county briefing pack (PDF and PPTX), the quarterly report and the workbook.

Run: .venv/bin/python bench/bench_reports.py [--runs 5] [--county 043]
Builds the reference warehouse in a temporary folder, then makes each document --runs times and prints the
median (min, max). Documents draw their charts in the Chromium the process keeps open (as the app does for PNG
downloads): the first document starts it, so briefs of the other target counties after the first are timed apart
(different counties, so no chart comes from the PNG cache). Asserts nothing.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from harness import ROOT, arguments, summary, timed

sys.path.insert(0, str(ROOT))  # the repository, for jdp_analytics

from jdp_analytics.common import exports  # noqa: E402
from jdp_analytics.documents import (  # noqa: E402
    make,  # noqa: E402
    sections,  # noqa: E402
)
from jdp_analytics.geography.counties import JDP_TARGETS  # noqa: E402
from jdp_analytics.warehouse.build import build  # noqa: E402


def main() -> None:
    parser = arguments(__doc__, runs=5)
    parser.add_argument("--county", default="043")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        warehouse = Path(folder) / "jdp.duckdb"
        build(warehouse, None, progress=lambda _: None)
        data = sections.ReportData(warehouse)
        quarter = sections.default_period(sections.ReportData(warehouse, include_demo=True))  # a generated framework
        view = sections.ReportView(args.county, sections.default_fiscal_year(data), quarter)
        # the shipped results framework is generated: the quarterly report and workbook include it
        programme = sections.ReportView(None, view.fiscal_year, view.period, include_demo=True)
        print(f"{view.describe()} Reference warehouse, {args.runs} runs each.")
        first, _ = timed(lambda: make.make("brief-pdf", warehouse, view), 1)
        summary("first brief (PDF) of the process: starts the browser", first)
        others = [sections.ReportView(code, view.fiscal_year, view.period) for code in JDP_TARGETS
                  if code != args.county][:args.runs]
        times = []
        for other in others:
            seconds, _ = timed(lambda other=other: make.make("brief-pdf", warehouse, other), 1)
            times += seconds
        summary("a brief (PDF) of another county after the first", times)
        for kind, v in (("brief-pdf", view), ("brief-pptx", view), ("quarterly", programme), ("workbook", programme)):
            times, content = timed(lambda kind=kind, v=v: make.make(kind, warehouse, v), args.runs)
            summary(f"{make.KINDS[kind].label} ({len(content) / 1024:,.0f} KB), same view again", times)
        figures = [f for s in make.document("brief-pdf", data, view).sections for f in s.figures]
        times, _ = timed(lambda: [exports._in_own_browser(f.to_dict(), {"format": "png", "width": 700,
                                                                        "height": f.layout.height or 500})
                                  for f in figures[:1]], 1)
        summary("one chart in a browser started for it (the old way, per doc)", times)


if __name__ == "__main__":
    main()
