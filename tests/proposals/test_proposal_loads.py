"""Loading proposals, ward projects and proposal links: templates load, sectors are resolved, a ward or programme
that does not exist is refused with row and column and the warehouse unchanged, linked amounts never exceed a line."""

from __future__ import annotations

import hashlib
import io
import shutil
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from jdp_analytics.common import exports
from jdp_analytics.warehouse import loader
from jdp_analytics.warehouse.queries import read_cursor
from jdp_analytics.warehouse.schema import ValidationError

SOURCE = loader.DeclaredSource("Kwale County Treasury", "Proposals register", "CC BY 4.0", date(2025, 6, 30))
HEADER = ("proposal_id,county,ward,event_id,fiscal_year,budget_stage,proposed_date,sector,proposal_text,"
          "raised_by_group,decision,decision_reason,programme,project,feedback_date")
GOOD = ("KWL-P1,Kwale,Tsimba Golini,,2024/25,ADP,2024-08-02,water,Borehole at Tsimba market,women,"
        "adopted into budget,Ward priority,Rural water supply,Tsimba borehole,2024-09-30")
LINK_HEADER = "proposal_id,county,fiscal_year,sector,programme,project_id,allocated_kes,spent_kes"


@pytest.fixture
def warehouse(reference_warehouse, tmp_path) -> Path:
    copy = tmp_path / "jdp.duckdb"
    shutil.copyfile(reference_warehouse, copy)
    return copy


def sha(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def csv_bytes(*lines: str) -> bytes:
    return ("\n".join(lines) + "\n").encode("utf-8")


def scalar(warehouse: Path, sql: str, *params):
    cursor = read_cursor(warehouse)
    try:
        return cursor.execute(sql, list(params)).fetchall()[0][0]
    finally:
        cursor.close()


def refused(data: bytes, kind: str, warehouse: Path) -> list[tuple]:
    with pytest.raises(ValidationError) as caught:
        loader.prepare(data, "proposals.csv", kind, warehouse)
    return [(p.row, p.column, p.value, p.message) for p in caught.value.problems]


def test_a_proposal_loads_with_its_sector_spelled_as_the_budget_spells_it(warehouse):
    preview = loader.prepare(csv_bytes(HEADER, GOOD), "proposals.csv", "proposals", warehouse)
    loader.load(preview, warehouse, SOURCE, "a.otieno")
    assert scalar(warehouse, "SELECT sector || ' / ' || ward_code FROM fact_proposal WHERE proposal_id = 'KWL-P1'") \
        == "Water, environment and natural resources / KEW-0039"


def test_a_proposal_for_a_ward_that_does_not_exist_is_refused_with_row_and_column_and_changes_nothing(warehouse):
    before = sha(warehouse)
    bad_ward = GOOD.replace("Tsimba Golini", "Atlantis").replace("KWL-P1", "KWL-P2")
    problems = refused(csv_bytes(HEADER, GOOD, bad_ward), "proposals", warehouse)
    assert [(row, column, value) for row, column, value, _ in problems] == [(3, "ward", "Atlantis")]
    assert "no ward of that county is called 'Atlantis'" in problems[0][3]
    assert sha(warehouse) == before


def test_a_proposal_whose_programme_is_not_a_budget_line_is_refused_and_changes_nothing(warehouse):
    before = sha(warehouse)
    problems = refused(csv_bytes(HEADER, GOOD.replace("Rural water supply", "Moon landing")), "proposals", warehouse)
    assert problems == [(2, "programme", "Moon landing",
                         "the programme is not a budget line of Kwale FY 2024/25.")]
    assert sha(warehouse) == before


def test_an_adopted_proposal_without_a_programme_is_refused(warehouse):
    problems = refused(csv_bytes(HEADER, GOOD.replace("Rural water supply", "")), "proposals", warehouse)
    assert problems == [(2, "programme", "decision=adopted into budget", "An adopted proposal names no programme.")]


def test_a_misspelt_sector_is_refused_with_the_budget_sectors_closest_to_it(warehouse):
    problems = refused(csv_bytes(HEADER, GOOD.replace(",water,", ",Wotter,")), "proposals", warehouse)
    assert [(row, column, value) for row, column, value, _ in problems] == [(2, "sector", "Wotter")]


def test_a_link_to_a_programme_absent_from_the_budget_lines_is_refused(warehouse):
    loader.load(loader.prepare(csv_bytes(HEADER, GOOD), "p.csv", "proposals", warehouse), warehouse, SOURCE, "a")
    before = sha(warehouse)
    link = "KWL-P1,Kwale,2024/25,Water,Ocean desalination,,1000000,"
    problems = refused(csv_bytes(LINK_HEADER, link), "proposal_links", warehouse)
    assert problems == [(2, "programme", "Ocean desalination", "the programme is not a budget line of Kwale "
                         "FY 2024/25, sector Water, environment and natural resources.")]
    assert sha(warehouse) == before


def test_amounts_linked_to_a_line_may_not_exceed_the_line(warehouse):
    loader.load(loader.prepare(csv_bytes(HEADER, GOOD), "p.csv", "proposals", warehouse), warehouse, SOURCE, "a")
    approved = scalar(warehouse, "SELECT approved_development_kes + approved_recurrent_kes FROM fact_budget_line "
                                 "WHERE county_code = '002' AND fiscal_year = '2024/25' AND programme = "
                                 "'Rural water supply'")
    already = scalar(warehouse, "SELECT coalesce(sum(allocated_kes), 0) FROM fact_proposal_link WHERE county_code = "
                                "'002' AND fiscal_year = '2024/25' AND programme = 'Rural water supply'")
    fits = f"KWL-P1,Kwale,2024/25,Water,Rural water supply,,{approved - already:.0f},"
    assert loader.prepare(csv_bytes(LINK_HEADER, fits), "l.csv", "proposal_links", warehouse).rows_added == 1
    over = f"KWL-P1,Kwale,2024/25,Water,Rural water supply,,{approved - already + 10:.0f},"
    problems = refused(csv_bytes(LINK_HEADER, over), "proposal_links", warehouse)
    assert [(row, column) for row, column, _, _ in problems] == [(2, "allocated_kes")]
    assert f"more than the line's approved KES {approved:,.0f}" in problems[0][3]


@pytest.mark.parametrize("kind", ["proposals", "ward_projects", "proposal_links"])
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_templates_load_as_csv_and_as_excel(warehouse, kind, fmt):
    for needed in ("proposals", "ward_projects", "proposal_links"):  # a link needs its proposal and project
        template = loader.template(needed)
        data = exports.to_csv(template, "template") if fmt == "csv" else exports.to_excel(template, "template")
        preview = loader.prepare(data, f"template_{needed}.{fmt}", needed, warehouse)
        assert preview.rows_added == len(template)
        loader.load(preview, warehouse, SOURCE, "tester")
        if needed == kind:
            break
    assert scalar(warehouse, "SELECT count(*) FROM load_log WHERE file_name LIKE 'template_%'") >= 1


def test_the_template_lists_the_schema_columns_with_names_for_county_and_ward():
    frame = loader.template("proposals")
    assert list(frame.columns)[:4] == ["proposal_id", "county", "ward", "event_id"]
    assert pd.read_csv(io.BytesIO(exports.to_csv(frame, "t")), skiprows=1)["decision"].tolist() == [
        "adopted into budget", "deferred"]
