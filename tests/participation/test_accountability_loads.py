"""Uploads of facility feedback and budget-document dates: the template loads; each bad row is named and nothing
is loaded."""

from __future__ import annotations

import hashlib
import io
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from jdp_analytics.warehouse import loader
from jdp_analytics.warehouse.schema import ValidationError

SOURCE = loader.DeclaredSource("Kwale County Treasury", "Facility register", "CC BY 4.0", date(2025, 6, 30))
FACILITY_HEADER = ("facility_id,facility_name,facility_type,county,ward,fiscal_year,quarter,channel,received,resolved,"
                   "median_days_to_resolve")
GOOD_FACILITY = "KWL-HF-001,Tsimba Dispensary,Health,Kwale,Tsimba Golini,2024/25,3,Suggestion box,14,11,9"
DOCUMENT_HEADER = "county,fiscal_year,document,published_date,url"


def problems(data: bytes, kind: str, warehouse: Path) -> list[tuple]:
    before = hashlib.sha256(warehouse.read_bytes()).hexdigest()
    with pytest.raises(ValidationError) as caught:
        loader.prepare(data, "upload.csv", kind, warehouse)
    assert hashlib.sha256(warehouse.read_bytes()).hexdigest() == before
    return [(p.row, p.column, p.message) for p in caught.value.problems]


def test_the_facility_template_as_downloaded_loads(warehouse, scalar):
    template = loader.template("facility_feedback").to_csv(index=False).encode()
    preview = loader.prepare(template, "facility_feedback_template.csv", "facility_feedback", warehouse)
    loader.load(preview, warehouse, SOURCE, "a.otieno")
    assert scalar(warehouse, "SELECT resolved || ' of ' || received || ' in ' || ward_code FROM fact_facility_feedback "
                             "WHERE facility_id = 'KWL-HF-001'") == "11 of 14 in KEW-0039"


def test_more_cases_resolved_than_received_is_rejected_on_its_row(warehouse, csv_bytes):
    bad = GOOD_FACILITY.replace(",14,11,", ",4,11,")
    assert problems(csv_bytes(FACILITY_HEADER, GOOD_FACILITY.replace("KWL-HF-001", "KWL-HF-002"), bad),
                    "facility_feedback", warehouse) == [(3, "resolved", "More cases resolved than received.")]


def test_an_unknown_facility_type_and_quarter_5_are_named_with_the_fix(warehouse, csv_bytes):
    bad = GOOD_FACILITY.replace(",Health,", ",Hospital,").replace(",3,Suggestion", ",5,Suggestion")
    found = problems(csv_bytes(FACILITY_HEADER, bad), "facility_feedback", warehouse)
    assert [(row, column) for row, column, _ in found] == [(2, "facility_type"), (2, "quarter")]


def test_a_budget_document_file_loads_and_an_empty_date_means_not_published(warehouse, csv_bytes, scalar):
    data = csv_bytes(DOCUMENT_HEADER, "Kwale,2025/26,CFSP,2025-03-04,", "Kwale,2025/26,Budget estimates,,")
    loader.load(loader.prepare(data, "documents.csv", "budget_documents", warehouse), warehouse, SOURCE, "a.otieno")
    assert scalar(warehouse, "SELECT count(*) FILTER (WHERE published_date IS NULL) || '/' || count(*) "
                             "FROM fact_budget_document WHERE county_code = '002' AND fiscal_year = '2025/26'") == "1/2"


def test_an_unknown_document_and_a_future_publication_date_are_rejected(warehouse, csv_bytes):
    data = csv_bytes(DOCUMENT_HEADER, "Kwale,2025/26,Citizen budget,2025-03-04,", "Kwale,2025/26,CFSP,2999-01-01,")
    assert problems(data, "budget_documents", warehouse) == [
        (2, "document", "the value is not an allowed one."), (3, "published_date", "the date is in the future.")]


@pytest.mark.parametrize("written", ["2024", "2024-03", "-3", "20240305", ".5"])
def test_a_date_cell_must_hold_a_whole_date(written, warehouse, csv_bytes):
    # pandas alone would read '2024' as 1 January 2024 and '-3' as the year -3
    data = csv_bytes(DOCUMENT_HEADER, f"Kwale,2025/26,CFSP,{written},")
    assert problems(data, "budget_documents", warehouse) == [
        (2, "published_date", "the value is not a date (YYYY-MM-DD).")]


def test_the_xlsx_template_of_budget_documents_has_the_documented_columns():
    frame = loader.template("budget_documents")
    assert list(frame.columns) == ["county", "fiscal_year", "document", "published_date", "url"]
    buffer = io.BytesIO()
    frame.to_excel(buffer, index=False)
    assert list(pd.read_excel(io.BytesIO(buffer.getvalue())).columns) == list(frame.columns)
