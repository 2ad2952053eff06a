"""Generated documents: the county briefing pack (PDF, PPTX), the quarterly progress report (PDF) and the donor
results workbook (XLSX), from the same warehouse queries and plotly figures as the pages.

Every document states the view it was made from (county, period, filters, the deep links that reopen it in the
app), its sources and as-of dates, when it was generated, and carries a "DEMONSTRATION DATA" mark on each page or
slide or sheet where a demonstration figure appears. Charts are drawn by kaleido in Debian's chromium, in one
browser session per document."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from jdp_analytics.common import formatting, i18n
from jdp_analytics.common.i18n import N_, _
from jdp_analytics.documents import sections
from jdp_analytics.documents.pdf import to_pdf
from jdp_analytics.documents.sections import Document, ReportData, ReportView
from jdp_analytics.documents.slides import to_pptx
from jdp_analytics.documents.style import ReportError
from jdp_analytics.documents.workbook import workbook


@dataclass(frozen=True)
class Kind:
    """A kind of document: its title, registry, file extension and media type."""

    key: str
    label: str
    extension: str
    mime: str


KINDS = {k.key: k for k in (
    Kind("brief-pdf", N_("County briefing pack (PDF)"), "pdf", "application/pdf"),
    Kind("brief-pptx", N_("County briefing pack (PowerPoint)"), "pptx",
         "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
    Kind("quarterly", N_("Quarterly progress report (PDF)"), "pdf", "application/pdf"),
    Kind("workbook", N_("Donor results workbook (Excel)"), "xlsx",
         "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
)}


def document(kind: str, data: ReportData, view: ReportView) -> Document:
    """Return the sections of a kind of document for a view."""
    if kind.startswith("brief"):
        title = _("County briefing pack · {county}").format(county=view.county_name)
        registry = sections.BRIEF_SECTIONS
    else:
        title = _("Quarterly progress report, {period} · {scope}").format(
            period=formatting.quarter(view.period),
            scope=view.county_name if view.county_code else _("Joint Devolution Programme"))
        registry = sections.QUARTERLY_SECTIONS
    return Document(title, view, sections.build_sections(registry, data, view),
                    formatting.timestamp(datetime.now(UTC)), data.built_at())


DEMO_RESULTS = ("the results framework in the warehouse is generated demonstration data, and documents hold real "
                "figures only unless asked: load the programme's own framework, or ask for the demonstration "
                "(--include-demo, or the Demonstration data switch in the app's sidebar).")


def make(kind: str, warehouse: Path, view: ReportView) -> bytes:
    """Return the bytes of a document of `kind` (see KINDS) for a view of the warehouse, in the view's language."""
    with i18n.use(view.lang):
        return _make(kind, warehouse, view)


def _make(kind: str, warehouse: Path, view: ReportView) -> bytes:
    if kind not in KINDS:
        raise ReportError(f"no document kind {kind!r}; use one of: {', '.join(KINDS)}.")
    data = ReportData(warehouse, view.include_demo)
    if kind in ("quarterly", "workbook") and not view.include_demo and sections.results_are_demo(warehouse):
        raise ReportError(DEMO_RESULTS)
    if kind in ("quarterly", "workbook") and not view.period:
        raise ReportError("the warehouse holds no results framework values yet: load them with the result_actuals "
                          "template, or rebuild the warehouse for the demonstration framework.")
    if kind == "workbook":
        return workbook(data, view)
    doc = document(kind, data, view)
    if kind == "brief-pptx":
        return to_pptx(doc)
    return to_pdf(doc, "L" if kind == "quarterly" else "P")


def file_name(kind: str, view: ReportView) -> str:
    """Return the file name of a document: 'homa-bay-brief-2023-24-2026q3.pdf' ('…-demonstration.pdf' with the
    generated sections)."""
    with i18n.use(view.lang):
        who = view.county_name.lower().replace(" ", "-").replace("'", "") if view.county_code else _("programme")
        stem = {"brief-pdf": _("brief"), "brief-pptx": _("brief"), "quarterly": _("quarterly-report"),
                "workbook": _("results-workbook")}[kind]
        parts = [who, stem, view.fiscal_year.replace("/", "-"), view.period.lower(),
                 _("demonstration") if view.include_demo else ""]
    return "-".join(p for p in parts if p) + f".{KINDS[kind].extension}"
