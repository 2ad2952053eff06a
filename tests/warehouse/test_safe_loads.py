"""Issue 14: loads that cannot hurt the warehouse — each defect's exact reproduction, and what replaces it."""

from __future__ import annotations

import hashlib
import io
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from jdp_analytics.common import exports
from jdp_analytics.warehouse import loader
from jdp_analytics.warehouse.queries import read_cursor
from jdp_analytics.warehouse.schema import ValidationError

REPO = Path(__file__).resolve().parents[2]
KWALE_2023 = "SELECT * EXCLUDE (source_id, load_id) FROM fact_county_fiscal WHERE county_code = '002' AND " \
             "fiscal_year = '2023/24'"


@pytest.fixture
def warehouse(reference_warehouse, tmp_path) -> Path:
    copy = tmp_path / "jdp.duckdb"
    shutil.copyfile(reference_warehouse, copy)
    return copy


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def cli(tmp_path: Path, name: str, content: str, *args: str) -> subprocess.CompletedProcess:
    path = tmp_path / name
    path.write_text(content)
    return subprocess.run([sys.executable, "-m", "jdp_analytics", "load", str(path), *args], cwd=REPO,
                          capture_output=True, text=True, timeout=120)


def rows(warehouse: Path, sql: str) -> list[tuple]:
    con = read_cursor(warehouse)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def problems(data: bytes, kind: str, warehouse: Path, name: str = "upload.csv", **options) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        loader.prepare(data, name, kind, warehouse, **options)
    return caught.value


# 1. A file of the wrong kind blanks real rows --------------------------------------------------------------------

def test_a_county_fiscal_file_with_budget_columns_is_refused_and_kwales_row_is_unchanged(warehouse, tmp_path):
    before, digest = rows(warehouse, KWALE_2023), sha(warehouse)
    result = cli(tmp_path, "x.csv", "fiscal_year,county,budget,expenditure\n2023/24,Kwale,14260,10140\n",
                 "--kind", "county_fiscal", "--publisher", "T", "--as-of", "2025-06-30", "--warehouse", str(warehouse))
    assert result.returncode == 1
    assert "x.csv, row 1, column 'budget', value 'budget': county_fiscal files have no column 'budget'; did you " \
           "mean 'osr_target_kes'? Fix: rename the column to 'osr_target_kes' if that is what it holds, or delete " \
           "it; to load the file without it, pass --ignore-column 'budget'" in result.stderr
    assert "county_fiscal files have no column 'expenditure'" in result.stderr
    assert rows(warehouse, KWALE_2023) == before and before[0][4] is not None  # its total revenue
    assert sha(warehouse) == digest


def test_ignored_columns_are_recorded_and_a_file_without_a_column_keeps_its_stored_values(warehouse, tmp_path):
    before = rows(warehouse, KWALE_2023)
    result = cli(tmp_path, "x.csv", "fiscal_year,county,budget,expenditure\n2023/24,Kwale,14260,10140\n",
                 "--kind", "county_fiscal", "--publisher", "T", "--as-of", "2025-06-30", "--warehouse", str(warehouse),
                 "--ignore-column", "budget", "--ignore-column", "Expenditure")
    assert result.returncode == 0, result.stderr
    assert "1 rows valid: 0 to add, 1 to replace." in result.stdout
    assert rows(warehouse, KWALE_2023) == before
    assert rows(warehouse, "SELECT ignored_columns FROM load_log") == [("budget, expenditure",)]


def test_an_empty_cell_in_a_column_the_file_has_does_empty_the_stored_value(warehouse):
    data = b"county,fiscal_year,osr_target_kes\nKwale,2023/24,\n"
    preview = loader.prepare(data, "osr.csv", "county_fiscal", warehouse)
    loader.load(preview, warehouse, loader.DeclaredSource("T", "t", "n", __import__("datetime").date(2025, 6, 30)),
                "tester")
    after = rows(warehouse, "SELECT osr_target_kes, wage_bill_kes FROM fact_county_fiscal WHERE county_code = '002' "
                            "AND fiscal_year = '2023/24'")
    assert after[0][0] is None and after[0][1] is not None


def test_an_extra_column_on_participation_events_is_refused_with_its_name(warehouse):
    header = ",".join(loader.template("participation_events").columns)
    row = ",".join(loader.template("participation_events").iloc[0])
    err = problems(f"{header},attendance_chiefs\n{row},3\n".encode(), "participation_events", warehouse)
    assert [(p.row, p.column, p.rule) for p in err.problems] == [(1, "attendance_chiefs", loader.UNKNOWN_COLUMN)]
    assert "participation_events files have no column 'attendance_chiefs'; did you mean" in err.problems[0].message


def test_a_missing_required_column_is_named_with_the_kinds_template_columns(warehouse):
    err = problems(b"county,budget_kes,expenditure_kes\nKwale,1,1\n", "budget_execution", warehouse)
    assert [p.column for p in err.problems] == ["absorption_pct", "fiscal_year"]
    assert str(err.problems[1]) == (
        "upload.csv, row 1, column 'fiscal_year', value '': the file has no column 'fiscal_year', which "
        "budget_execution files need. Fix: a budget_execution file has the columns county, fiscal_year, budget_kes, "
        "expenditure_kes, absorption_pct, development_absorption_pct, rate_method, flag, source_page (download the "
        "template on the Upload page); check that you chose the right kind of data.")


# 2 and 3. Open SDG files: blank breakdowns, declared and checked geography ---------------------------------------

def test_a_blank_breakdown_cell_in_an_open_sdg_file_means_total_and_no_longer_crashes(warehouse, tmp_path):
    result = cli(tmp_path, "indicator_5-5-1.csv", "Year,Category,Value\n2018,,19.0\n", "--kind", "open_sdg",
                 "--dry-run", "--warehouse", str(warehouse), "--geography", "KE")
    assert result.returncode == 0, result.stderr
    assert "1 rows valid: 1 to add, 0 to replace." in result.stdout
    preview = loader.prepare(b"Year,Category,Value\n2018,,19.0\n2018,Seats,20\n", "indicator_5-5-1.csv", "open_sdg",
                             warehouse, geography="KE")
    assert preview.rows[["geo_code", "other_disaggregation", "value"]].values.tolist() == [
        ["KE", "all", 19.0], ["KE", "Category=Seats", 20.0]]


def test_an_open_sdg_file_that_does_not_say_where_it_is_for_is_refused(warehouse):
    err = problems(b"Year,Value\n2018,19.0\n", "open_sdg", warehouse, name="indicator_5-5-1.csv")
    assert err.problems[0].message == ("the file does not say where its figures are for: it has no column County, "
                                       "GeoCode, Reference area or geo_code.")


def test_reference_area_names_are_counties_not_breakdowns(warehouse):
    preview = loader.prepare(b"Year,Reference area,Value\n2022,Kwale,33.3\n2022,Homa Bay,25.0\n2022,,30.1\n",
                             "indicator_5-5-1.csv", "open_sdg", warehouse)
    assert preview.rows[["geo_code", "county_code", "other_disaggregation"]].fillna("-").values.tolist() == [
        ["002", "002", "all"], ["043", "043", "all"], ["KE", "-", "all"]]


def test_a_declared_county_applies_to_rows_without_a_place(warehouse):
    preview = loader.prepare(b"Year,Value\n2022,33.3\n", "indicator_5-5-1.csv", "open_sdg", warehouse,
                             geography="043")
    assert preview.rows[["geo_code", "county_code"]].values.tolist() == [["043", "043"]]


def test_an_open_sdg_file_of_another_country_is_refused_with_what_was_found(warehouse):
    data = b"Year,Region,Sex,Value\n2017,Ashanti,Female,10.5\n2017,Greater Accra,Male,12.0\n2017,,,11.2\n"
    err = problems(data, "open_sdg", warehouse, name="indicator_5-5-1.csv")
    assert [p.message for p in err.problems] == [
        "the file's places are not in Kenya: found 'Ashanti', 'Greater Accra' in column Region."]


def test_an_unknown_declared_geography_is_refused(warehouse):
    err = problems(b"Year,Value\n2018,19.0\n", "open_sdg", warehouse, name="indicator_5-5-1.csv", geography="Accra")
    assert err.problems[0].message == "the declared geography is not Kenya or a Kenyan county."


# 5. Bounded reports ------------------------------------------------------------------------------------------------

def fiscal_rows(count: int, budget: str, absorption: str = "75") -> str:
    """Rows of distinct keys: every county, then the next fiscal year."""
    return "county,fiscal_year,budget_kes,expenditure_kes,absorption_pct\n" + "".join(
        f"{1 + i % 47:03d},{2010 + i // 47}/{(11 + i // 47) % 100:02d},{budget},{i},{absorption}\n"
        for i in range(count))


def test_a_file_with_thousands_of_bad_rows_lists_the_first_thousand_and_counts_the_rest(warehouse):
    err = problems(fiscal_rows(1500, "twelve").encode(), "budget_execution", warehouse)
    assert err.total == 1500 and len(err.shown) == 1000 and not err.stopped
    assert err.summary() == [("budget_kes", "the value is not a number.", 500)]
    assert err.describe()[-1] == "1,500 problems in all; the first 1,000 are listed in full."


def test_checking_stops_after_the_problem_limit(warehouse):
    err = problems(fiscal_rows(1500, "twelve", "#REF!").encode(), "budget_execution", warehouse, max_problems=500)
    assert err.stopped and len(err.problems) == 500
    assert err.describe()[-1] == "Checking stopped after 500 problems; the rest of the file was not checked."


# Smaller defects ---------------------------------------------------------------------------------------------------

def test_the_next_load_removes_copies_left_by_killed_loads(warehouse):
    stale = [warehouse.with_name(f".{warehouse.name}.{pid}.loading") for pid in (111, 222)]
    for path in stale:
        path.write_bytes(b"x" * 1000)
    preview = loader.prepare(b"county,fiscal_year,osr_target_kes\nKwale,2023/24,5\n", "osr.csv", "county_fiscal",
                             warehouse)
    loader.load(preview, warehouse, loader.DeclaredSource("T", "t", "n", __import__("datetime").date(2025, 6, 30)),
                "tester")
    assert not any(path.exists() for path in stale)
    assert ".*.loading" in (REPO / ".gitignore").read_text()


def test_a_ward_code_in_the_ward_column_is_accepted(warehouse):
    template = loader.template("facility_feedback")
    template.loc[0, "ward"] = "KEW-0011"  # a ward of Kwale (002)
    ward_county = rows(warehouse, "SELECT county_code FROM dim_ward WHERE ward_code = 'KEW-0011'")[0][0]
    template.loc[0, "county"] = ward_county
    preview = loader.prepare(template.to_csv(index=False).encode(), "feedback.csv", "facility_feedback", warehouse)
    assert preview.rows["ward_code"].tolist() == ["KEW-0011"]


# 4. Exports are inert ----------------------------------------------------------------------------------------------

PAYLOADS = ['=HYPERLINK("http://x","y")', "+cmd|' /C calc'!A0", "@SUM(1+1)", "'); DROP TABLE source; --",
            "Acme,=1+1"]


def formula_like(text: str) -> bool:
    return text.startswith(exports.FORMULA_PREFIXES)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_payload_in_the_citation_or_a_cell_is_inert_in_csv_and_xlsx(payload):
    import csv

    import pandas as pd

    frame = pd.DataFrame({"publisher": [payload], "value": [1.5]})
    text = exports.to_csv(frame, f"{payload}, {payload} (Not stated)").decode("utf-8-sig")
    cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
    assert not any(formula_like(cell) for cell in cells), cells
    assert cells[0].startswith("# Source: ") and cells[1] == "publisher"  # the source line is one cell
    book = openpyxl.load_workbook(io.BytesIO(exports.to_excel(frame, payload)))
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                assert not (isinstance(cell.value, str) and formula_like(cell.value))


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_payload_loaded_as_publisher_title_user_and_venue_comes_out_inert(warehouse, payload):
    from datetime import date

    from jdp_analytics.warehouse.queries import Warehouse

    template = loader.template("participation_events")
    template.loc[0, "venue"] = payload
    preview = loader.prepare(template.to_csv(index=False).encode(), "events.csv", "participation_events", warehouse)
    loader.load(preview, warehouse, loader.DeclaredSource(payload, payload, payload, date(2025, 6, 30), payload),
                payload)
    wh = Warehouse(warehouse)
    for name in ("load_log", "sources"):
        frame = wh.query(name)
        source = frame.iloc[0]
        citation = f"{source.get('publisher')}, {source.get('title', source.get('source_title'))}"
        text = exports.to_csv(frame, citation).decode("utf-8-sig")
        import csv

        cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
        assert not any(formula_like(cell) for cell in cells), cells
        book = openpyxl.load_workbook(io.BytesIO(exports.to_excel(frame, citation)))
        assert all(cell.data_type != "f" for sheet in book.worksheets for row in sheet.iter_rows() for cell in row)
    events = wh.table("fact_participation_event")
    text = exports.to_csv(events, "events").decode("utf-8-sig")
    header, *rows = [row for row in csv.reader(io.StringIO(text)) if row and not row[0].startswith("#")]
    venues = {row[header.index("venue")] for row in rows if payload in row[header.index("venue")]}
    # the loaded venue comes out whole: with an apostrophe before it if a spreadsheet would run it, else as typed
    assert venues == {"'" + payload if formula_like(payload) else payload}


# Real Open SDG files of another country (tests/files/open_sdg/README.md) -------------------------------------------

OPEN_SDG = REPO / "tests" / "files" / "open_sdg"


def test_a_real_uk_open_sdg_file_with_sub_national_areas_is_refused_as_not_kenyan(warehouse):
    data = (OPEN_SDG / "uk_ons_11-1-1.csv").read_bytes()
    err = problems(data, "open_sdg", warehouse, name="indicator_11-1-1.csv")
    assert [p.message for p in err.problems] == [
        "the file's places are not in Kenya: found 'North', 'South East', 'Rest of England' in column "
        "Sub-national area."]


def test_a_real_uk_national_open_sdg_file_is_refused_until_its_geography_is_declared(warehouse):
    data = (OPEN_SDG / "uk_ons_1-2-1.csv").read_bytes()
    err = problems(data, "open_sdg", warehouse, name="indicator_1-2-1.csv")
    assert err.problems[0].column == "(geography)"
    assert "--geography KE" in err.problems[0].fix


@pytest.mark.parametrize(("header", "place", "code"), [
    ("County", "Homa Bay", "043"), ("County", "HOMABAY", "043"), ("GeoCode", "043", "043"), ("GeoCode", "KE", "KE"),
    ("Reference area", "Murang'a", "021"), ("geo_code", "2", "002"), ("County", "Kenya", "KE")])
def test_kenyan_geography_columns_resolve_to_codes(warehouse, header, place, code):
    data = f"Year,{header},Sex,Value\n2022,{place},Female,33.3\n".encode()
    preview = loader.prepare(data, "indicator_5-5-1.csv", "open_sdg", warehouse)
    assert preview.rows["geo_code"].tolist() == [code]
    assert preview.rows["other_disaggregation"].tolist() == ["all"]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_the_donor_workbook_holds_no_formula_when_a_source_and_a_comment_carry_a_payload(warehouse, payload):
    from datetime import date

    from jdp_analytics.documents import make
    from jdp_analytics.documents.sections import ReportView

    template = loader.template("result_actuals")
    template.loc[0, ["period", "comment", "evidence"]] = ["2026Q3", payload, payload]
    preview = loader.prepare(template.to_csv(index=False).encode(), "actuals.csv", "result_actuals", warehouse)
    loader.load(preview, warehouse, loader.DeclaredSource(payload, payload, payload, date(2026, 9, 30), payload),
                payload)
    # Homa Bay's workbook (the template's row is Homa Bay's): the sheets and the cell writer are those of the all-county
    # workbook, without its 20,000 generated proposal rows
    view = ReportView("043", "2023/24", "2026Q3", include_demo=True)  # the shipped framework is generated
    book = openpyxl.load_workbook(io.BytesIO(make.make("workbook", warehouse, view)))
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    assert not [c.value for c in cells if isinstance(c.value, str) and formula_like(c.value)]
    assert any(isinstance(c.value, str) and payload.lstrip("=+@") in c.value for c in cells)  # the text is there


def test_a_file_wrong_throughout_lists_the_first_problems_and_says_what_was_not_checked(warehouse):
    data = "county,fiscal_year,budget_kes,expenditure_kes,absorption_pct\n" + "Kwale,2025/26,-1,5,75\n" * 25_000
    err = problems(data.encode(), "budget_execution", warehouse, max_problems=1000)
    assert err.stopped and len(err.problems) == 1000
    assert {(p.column, p.message) for p in err.problems} == {("budget_kes", "the value is below 0.")}
    assert max(p.row for p in err.problems) < 20_002
    assert err.total == 25_000  # DuckDB reads the whole file at once: the problems past the limit are counted
    assert err.describe()[-1] == ("Checking stopped after 25,000 problems: the whole file was read, and the rules not "
                                  "yet checked by then were not run.")
