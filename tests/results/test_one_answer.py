"""One answer everywhere: the status counts of a county in the latest quarter are the same on the Progress page, in
the county brief, in the quarterly report and in the donor workbook (all read results.views.framework_status)."""

from __future__ import annotations

import io
import re
from pathlib import Path

import openpyxl
import pytest
from streamlit.testing.v1 import AppTest

from jdp_analytics.documents import make
from jdp_analytics.documents.sections import (
    BRIEF_SECTIONS,
    QUARTERLY_SECTIONS,
    ReportData,
    ReportView,
    build_sections,
    default_period,
    quarterly_summary_section,
    results_section,
)
from jdp_analytics.geography.counties import JDP_TARGETS
from jdp_analytics.results import metrics as results_metrics
from jdp_analytics.results import views as results_views

APP = Path(__file__).resolve().parents[2] / "app.py"


def counts_of(cards) -> dict[str, int]:
    """Return {status: count} from status cards ('✔ On track' → 'on track'; on generated rows the card says what
    the status would be: '✔ would be on track' → 'on track')."""
    out = {}
    for card in cards:
        words = card.label.split(" ", 1)[1].lower().removeprefix("would be ")
        out[words] = int(card.value.replace(",", ""))
    return out


@pytest.fixture(scope="module")
def latest(reference_warehouse) -> str:
    return default_period(ReportData(reference_warehouse, include_demo=True))  # the shipped framework is generated


@pytest.mark.parametrize("county", sorted(JDP_TARGETS))
def test_progress_brief_quarterly_report_and_workbook_give_the_same_status_counts(reference_warehouse, latest,
                                                                                 monkeypatch, county):
    data = ReportData(reference_warehouse, include_demo=True)
    view = ReportView(county, "2023/24", latest, include_demo=True)
    expected = results_views.framework_status(data.query("results_framework"), data.query("result_actuals"), county,
                                              latest).counts
    assert sum(expected.values()) > 0

    monkeypatch.setenv("JDP_WAREHOUSE", str(reference_warehouse))
    at = AppTest.from_file(str(APP), default_timeout=90)
    at.query_params.update(county=county, fy="2023/24", period=latest, demo="1")
    at.run()
    at.switch_page("pages/progress.py").run()
    assert not at.exception
    progress = counts_of(at.metric)
    assert all("would be" in m.label for m in at.metric if "no data" not in m.label)  # the shipped rows are generated

    # the brief's and the quarterly report's own sections, built as the documents build them (the rest of each
    # document is not needed here: tests/documents build them whole)
    [results] = build_sections((results_section,), data, view)
    assert results_section in BRIEF_SECTIONS and results.title == f"Results framework, {latest}"
    [summary] = build_sections((quarterly_summary_section,), data, view)
    assert quarterly_summary_section in QUARTERLY_SECTIONS and summary.title == f"Summary, {latest}"

    book = openpyxl.load_workbook(io.BytesIO(make.make("workbook", reference_warehouse, view)))
    line = next(c.value for row in book["About"].iter_rows() for c in row
                if isinstance(c.value, str) and "Status in " in c.value)
    workbook = {status: int(n) for n, status in re.findall(r"(\d+) (on track|at risk|off track|no data)", line)}
    # sheets without indicator rows
    other = ("About", "Finance", "Proposals", "Own-source revenue", "Oversight", "Assessment")
    statuses = [row[-3] for name in book.sheetnames if name not in other
                for row in book[name].iter_rows(min_row=6, values_only=True) if row[0]]
    counted = {s: sum(1 for v in statuses if v and v.endswith(s)) for s in results_metrics.STATUSES}

    assert progress == counts_of(results.cards) == counts_of(summary.cards) == workbook == counted == expected
    # the brief's sentence states the same counts and what they cover
    assert any(f"{expected[results_metrics.ON_TRACK]} would be on track" in s and "programme-wide" in s
               for s in results.sentences)
    assert any(results_views.COUNTING_RULE == c.value.split(". ", 1)[1] for c in at.caption
               if ". " in c.value and "indicator rows" in c.value)
