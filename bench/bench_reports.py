"""Time to produce the documents: the county briefing pack (PDF and PPTX), the quarterly report and the workbook.

Run: .venv/bin/python bench/bench_reports.py [--runs 5] [--county 043]
Builds the reference warehouse in a temporary folder, then makes each document --runs times and prints the
median (min, max). Also times the charts of one brief drawn in one kaleido session against one session per chart,
the reason documents use one. Asserts nothing.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from harness import ROOT, arguments, summary, timed

sys.path.insert(0, str(ROOT))  # the repository, for jdp_analytics

from jdp_analytics.common import exports  # noqa: E402
from jdp_analytics.documents import make, sections, style  # noqa: E402
from jdp_analytics.warehouse.build import build  # noqa: E402


def main() -> None:
    parser = arguments(__doc__, runs=5)
    parser.add_argument("--county", default="043")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        warehouse = Path(folder) / "jdp.duckdb"
        build(warehouse, None, progress=lambda _: None)
        data = sections.ReportData(warehouse)
        view = sections.ReportView(args.county, sections.default_fiscal_year(data), sections.default_period(data))
        programme = sections.ReportView(None, view.fiscal_year, view.period)
        print(f"{view.describe()} Reference warehouse, {args.runs} runs each.")
        for kind, v in (("brief-pdf", view), ("brief-pptx", view), ("quarterly", programme), ("workbook", programme)):
            times, content = timed(lambda kind=kind, v=v: make.make(kind, warehouse, v), args.runs)
            summary(f"{make.KINDS[kind].label} ({len(content) / 1024:,.0f} KB)", times, "s")
        figures = [f for s in make.document("brief-pdf", data, view).sections for f in s.figures]
        times, _ = timed(lambda: style.render_pngs(figures), args.runs)
        summary(f"the brief's {len(figures)} charts, one kaleido session", times, "s")
        times, _ = timed(lambda: [exports._png.__wrapped__(f.to_json(), exports.PNG_WIDTH) for f in figures], 1)
        summary(f"the brief's {len(figures)} charts, one session per chart", times, "s")


if __name__ == "__main__":
    main()
