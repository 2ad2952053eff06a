"""What the press reported of audit opinions, pending bills and budget approval: the reference set equal to the
published files (csv module, every row), each statement shown with its quote, outlet and date where it belongs, and
a county or year the press did not name reading "not found in public reporting", never clean or zero."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from jdp_analytics.warehouse.paths import REFERENCE_DIR
from jdp_analytics.warehouse.sources import as_reported
from tests.shown import table_with


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8-sig") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize("name", list(as_reported.COLUMNS))
def test_the_reference_set_holds_every_published_statement_unchanged(shared_data, name):
    file, columns = as_reported.COLUMNS[name]
    published = _rows(shared_data / file)
    assert [{c: row[c] for c in columns} for row in published] == _rows(REFERENCE_DIR / f"{name}.csv")


def test_the_warehouse_holds_each_statement_citing_its_outlet(reference_warehouse, query):
    assert query(reference_warehouse, "SELECT topic, count(*) FROM fact_reported_statement GROUP BY 1 ORDER BY 1") \
        == [("audit_opinion", 89), ("budget_approval", 135), ("pending_bills", 65), ("women_mcas", 78)]
    # every row cites the outlet it was read at, as its own source
    assert query(reference_warehouse, "SELECT count(*) FROM fact_reported_statement r JOIN source s USING "
                                      "(source_id) WHERE s.url = r.url AND s.publisher = r.outlet AND NOT "
                                      "s.is_demo") == [(367,)]


def test_an_audit_opinion_is_shown_with_its_quote_and_outlet(open_app, reference):
    at = open_app("pages/accountability.py", county="015", fy="2023/24")  # Kitui
    opinions = table_with(at, "Reported", "As quoted", "Outlet")
    row = opinions[opinions["Period"] == "2019/20"].iloc[0]
    assert row["Reported"] == "disclaimer of opinion (county executive)"
    assert row["Outlet"] == "Daily Nation (Nation Media Group)" and "Kitui" in row["As quoted"]
    assert any(c.value.startswith("The Auditor-General's opinions as news reports quoted them") for c in at.caption)


def test_a_county_the_press_did_not_name_reads_not_found_never_clean(open_app, reference):
    at = open_app("pages/accountability.py", county="033", fy="2023/24")  # Narok: no audit opinion reported
    assert ("Audit opinions on the county government, as reported: not found in public reporting for Narok."
            in [m.value for m in at.markdown])
    texts = " ".join(m.value for m in at.markdown)
    assert "clean" not in texts and " 0 " not in texts


def test_pending_bills_as_reported_sit_beside_the_budget_figures_as_context(open_app, reference):
    at = open_app("pages/budget_composition.py", county="008", fy="2023/24")  # Wajir: four dates
    quoted = table_with(at, "Period", "Reported", "Outlet")
    assert len(quoted) == 4 and "Sh5.5 billion" in set(quoted["Reported"])
    assert "As quoted" not in quoted.columns  # the articles give a figure, no sentence
    homa_bay = open_app("pages/budget_composition.py", county="043", fy="2023/24")
    assert ("Pending bills, as reported: not found in public reporting for Homa Bay."
            in [m.value for m in homa_bay.markdown])
