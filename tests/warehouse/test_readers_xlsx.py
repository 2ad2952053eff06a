"""Tests of reading XLSX uploads (Calamine reads the cells): each cell is the text Excel shows, at the row and column
the user sees, whichever program wrote the file, with the same Problems as ever. The workbooks are built here."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date, datetime, time

import openpyxl
import pytest
from openpyxl.utils.datetime import CALENDAR_MAC_1904
from python_calamine import CalamineWorkbook

from jdp_analytics.warehouse import readers
from jdp_analytics.warehouse.readers import read_table
from jdp_analytics.warehouse.schema import Problem, ValidationError

BUDGET = ["county_code", "fiscal_year", "budget_kes", "expenditure_kes"]
ERROR_FIX = "correct the formula in the workbook, or type the value (leave the cell empty if there is none)."
WORKBOOK_FIX = "open it in Excel or LibreOffice, save it as .xlsx (Excel Workbook) or CSV UTF-8, and upload it again."
SHEET = "xl/worksheets/sheet1.xml"


def workbook(cells: dict[str, object], formats: dict[str, str] | None = None, merges: tuple[str, ...] = (),
             epoch=None) -> bytes:
    """Return an .xlsx whose one sheet, 'Data', holds `cells` (reference → value) with the given number formats."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Data"
    for ref, value in cells.items():
        sheet[ref] = value
    for ref, number_format in (formats or {}).items():
        sheet[ref].number_format = number_format
    for ref in merges:
        sheet.merge_cells(ref)
    if epoch is not None:
        book.epoch = epoch
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def rewritten(data: bytes, part: str, *replacements: tuple[bytes, bytes]) -> bytes:
    """Return the workbook with regular-expression replacements made in one of its parts (as other writers write)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == part:
                for pattern, replacement in replacements:
                    content, count = re.subn(pattern, replacement, content)
                    assert count, pattern
            target.writestr(info, content)
    return buffer.getvalue()


def cells_of(data: bytes, expected: list[str], **kwargs) -> tuple[int, dict[str, list[str | None]]]:
    result = read_table(data, "budget.xlsx", expected, **kwargs)
    return result.first_row, result.frame.astype(object).where(result.frame.notna(), None).to_dict("list")


def problems_of(data: bytes, expected: list[str] = BUDGET) -> list[Problem]:
    with pytest.raises(ValidationError) as caught:
        read_table(data, "budget.xlsx", expected)
    return caught.value.problems


def where(problems: list[Problem]) -> list[tuple]:
    return [(p.row, p.column, p.value, p.message) for p in problems]


def budget(top_left: str = "A1", extra: dict[str, object] | None = None, **kwargs) -> bytes:
    """Return a budget sheet whose header starts at `top_left`, two data rows and a blank row between them."""
    column, row = re.fullmatch(r"([A-Z])(\d+)", top_left).groups()
    letters = [chr(ord(column) + i) for i in range(4)]
    row = int(row)
    cells = {f"{letter}{row}": name for letter, name in zip(letters, BUDGET)}
    cells.update({f"{letter}{row + 1}": value for letter, value in zip(letters, ["037", "2023/24", 1200, 1020.5])})
    cells.update({f"{letter}{row + 3}": value for letter, value in zip(letters, ["042", "2022/23", 800, 100])})
    cells.update(extra or {})
    return workbook(cells, **kwargs)


# Where the cells are --------------------------------------------------------------------------------------------


def test_a_sheet_starting_at_c5_keeps_its_row_numbers_and_column_letters():
    first_row, frame = cells_of(budget("C5"), BUDGET)
    assert first_row == 6
    assert frame == {"county_code": ["037", "042"], "fiscal_year": ["2023/24", "2022/23"],
                     "budget_kes": ["1200", "800"], "expenditure_kes": ["1020.5", "100"]}
    assert read_table(budget("C5"), "budget.xlsx", BUDGET).frame.index.tolist() == [0, 2]  # row 7 is blank
    problems = problems_of(budget("C5", {"H8": "checked by JM", "E8": "#DIV/0!"}))
    assert where(problems) == [(5, "H", "checked by JM", "column H has values but no name in the header row."),
                               (8, "budget_kes", "#DIV/0!", "the cell holds the Excel error #DIV/0!.")]


def test_a_header_below_row_30_is_not_found_even_when_the_sheet_starts_lower():
    problems = problems_of(budget("B31"))
    assert where(problems) == [(1, "", "only empty rows", "no header row was found in the first 30 rows: expected the "
                                "columns county_code, fiscal_year, budget_kes, expenditure_kes; found only empty "
                                "rows.")]


def test_a_formula_never_calculated_is_named_by_its_cell_in_a_sheet_starting_at_c5():
    data = budget("C5", {"F8": "=E8*0.85"})
    problems = problems_of(data)
    assert where(problems) == [(8, "expenditure_kes", "=E8*0.85", "cell F8 holds a formula whose value was never "
                                "calculated (the file was written by a program, not saved by Excel).")]


def test_a_merged_title_block_and_a_merged_cell_in_the_data_show_their_value_in_every_cell():
    data = workbook({"A1": "Kakamega County budget execution", "A3": "county_name", "B3": "ward_name",
                     "C3": "women", "A4": "Kakamega", "B4": "Lurambi", "C4": 12, "B5": "Shieywe", "C5": 30},
                    merges=("A1:C2", "A4:A5"))
    assert cells_of(data, ["county_name", "ward_name", "women"]) == (4, {
        "county_name": ["Kakamega", "Kakamega"], "ward_name": ["Lurambi", "Shieywe"], "women": ["12", "30"]})


def test_a_merged_note_below_the_data_fills_the_empty_row_it_spans():
    data = budget(extra={"A6": "Source: IFMIS"}, merges=("A6:D7",))
    first_row, frame = cells_of(data, BUDGET)
    assert frame["county_code"] == ["037", "042", "Source: IFMIS", "Source: IFMIS"]
    assert frame["expenditure_kes"] == ["1020.5", "100", "Source: IFMIS", "Source: IFMIS"]
    assert read_table(data, "budget.xlsx", BUDGET).frame.index.tolist() == [0, 2, 4, 5]


# What the cells show --------------------------------------------------------------------------------------------


def test_percentages_zero_padded_codes_and_dates_are_shown_as_excel_shows_them():
    columns = ["code", "share", "whole_percent", "two_places", "day", "moment", "clock", "amount", "third", "flag"]
    data = workbook(
        {**{f"{chr(65 + i)}1": name for i, name in enumerate(columns)},
         "A2": 1, "B2": 0.125, "C2": 0.85, "D2": 0.1234, "E2": date(2024, 7, 31), "F2": datetime(2024, 7, 31, 10, 30),
         "G2": time(10, 30), "H2": 1200.0, "I2": 1 / 3, "J2": True,
         "A3": 47, "B3": 1, "C3": "n/a", "D3": -0.5, "E3": datetime(2023, 6, 30), "H3": -42, "J3": False},
        formats={"A2": "000", "A3": "000", "B2": "0.0%", "B3": "0.0%", "C2": "0%", "C3": "0%", "D2": "0.00%",
                 "D3": "0.00%", "E2": "dd/mm/yyyy", "E3": "d-mmm-yy", "F2": "yyyy-mm-dd hh:mm", "G2": "h:mm"})
    assert cells_of(data, columns) == (2, {
        "code": ["001", "047"], "share": ["12.5%", "100%"], "whole_percent": ["85%", "n/a"],
        "two_places": ["12.34%", "-50%"], "day": ["2024-07-31", "2023-06-30"], "moment": ["2024-07-31 10:30:00", None],
        "clock": ["10:30:00", None], "amount": ["1200", "-42"], "third": ["0.333333333333333", None],
        "flag": ["TRUE", "FALSE"]})


def test_the_1904_date_system_gives_the_same_dates():
    data = workbook({"A1": "event_id", "B1": "event_date", "A2": "E1", "B2": date(2024, 7, 31)},
                    formats={"B2": "yyyy-mm-dd"}, epoch=CALENDAR_MAC_1904)
    assert cells_of(data, ["event_id", "event_date"])[1] == {"event_id": ["E1"], "event_date": ["2024-07-31"]}


def test_a_whole_number_of_20_digits_keeps_every_digit():
    data = rewritten(budget(), SHEET, (rb"<v>1200</v>", rb"<v>12345678901234567890</v>"))
    assert cells_of(data, BUDGET)[1]["budget_kes"] == ["12345678901234567890", "800"]


def test_an_error_stored_as_a_formula_result_is_a_problem_of_its_cell():
    data = rewritten(budget(), SHEET, (rb'<c r="D2" t="n"><v>1020.5</v></c>',
                                       rb'<c r="D2" t="e"><f>C2/0</f><v>#DIV/0!</v></c>'))
    data = rewritten(data, "xl/workbook.xml", (rb' fullCalcOnLoad="1"', b""))  # as Excel saves it
    problems = problems_of(data)
    assert where(problems) == [(2, "expenditure_kes", "#DIV/0!", "the cell holds the Excel error #DIV/0!.")]
    assert problems[0].fix == ERROR_FIX


def test_a_date_beyond_the_year_9999_and_a_duration_of_millions_of_years_are_shown_as_value_errors():
    data = budget(extra={"C2": 3_000_000, "D4": 1e20}, formats={"C2": "yyyy-mm-dd", "D4": "[h]:mm"})
    assert where(problems_of(data)) == [
        (2, "budget_kes", "#VALUE!", "the cell holds the Excel error #VALUE!."),
        (4, "expenditure_kes", "#VALUE!", "the cell holds the Excel error #VALUE!."),
    ]


def test_a_number_cell_holding_text_that_is_no_number_is_a_damaged_workbook():
    data = rewritten(budget(), SHEET, (rb"<v>800</v>", rb"<v>nan</v>"))
    assert where(problems_of(data)) == [(None, "", "", "the workbook is damaged and cannot be read.")]
    assert problems_of(data)[0].fix == WORKBOOK_FIX


def test_text_holding_excels_escape_for_a_character_shows_the_character():
    # Excel writes a carriage return in a cell as _x000D_; it shows (and Calamine gives) the character, which
    # strip() then removes at the end of a cell. openpyxl gave the six letters.
    data = budget(extra={"B2": "2023/24_x000D_"})
    assert cells_of(data, BUDGET)[1]["fiscal_year"] == ["2023/24", "2022/23"]


# Whichever program wrote the sheet ------------------------------------------------------------------------------

def styled_budget(note: object = None) -> bytes:
    """Return a budget sheet with a zero-padded code, a percentage, a date and, in column E, `note`."""
    return budget(extra={"A2": 37, "E4": note}, formats={"A2": "000", "C2": "0.0%", "D2": "dd/mm/yyyy"})


WRITERS = {
    "openpyxl": [],
    "cells without references": [(rb'(<c) r="[A-Z]+[0-9]+"', rb"\1")],
    "rows and cells without references": [(rb'(<c) r="[A-Z]+[0-9]+"', rb"\1"), (rb'(<row) r="[0-9]+"', rb"\1")],
    "prefixed tags": [(rb"<(/?)(\w+)([ >/])", rb"<\1x:\2\3"), (rb"xmlns=", rb"xmlns:x=")],
    "single quotes": [(rb'(\s[\w:]+)="([^"]*)"', rb"\1='\2'")],
    "line breaks between tags": [(rb"><", b">\n  <")],
}


@pytest.mark.parametrize("writer", WRITERS)
def test_styles_errors_and_places_are_read_whichever_program_wrote_the_sheet(writer):
    def written(data: bytes) -> bytes:
        return rewritten(data, SHEET, *WRITERS[writer]) if WRITERS[writer] else data

    assert cells_of(written(styled_budget()), BUDGET) == (2, {
        "county_code": ["037", "042"], "fiscal_year": ["2023/24", "2022/23"], "budget_kes": ["120000%", "800"],
        "expenditure_kes": ["1902-10-16 12:00:00", "100"]})
    assert where(problems_of(written(styled_budget("#N/A")))) == [
        (1, "E", "#N/A", "column E has values but no name in the header row.")]


def test_a_default_style_that_is_a_percentage_shows_every_number_without_a_style_as_one():
    data = rewritten(budget(), "xl/styles.xml", (rb'(<cellXfs count="\d+"><xf) numFmtId="0"', rb'\1 numFmtId="9"'))
    assert cells_of(data, BUDGET)[1] == {"county_code": ["037", "042"], "fiscal_year": ["2023/24", "2022/23"],
                                         "budget_kes": ["120000%", "80000%"], "expenditure_kes": ["102050%", "10000%"]}


@pytest.mark.parametrize("code", ["General", "0", "0.00", "0%", "000", "@", "yyyy-mm-dd", "dd/mm/yyyy;@", "h:mm",
                                  "[h]:mm:ss", "[mm]:ss", "[s]", "mm:ss.0", "m/d/yy h:mm", "[$-409]mmmm d, yyyy",
                                  "h:mm AM/PM", '0.0 "days"', "0.0 a/p", "[Red]0.00", "#,##0;[Red]-#,##0",
                                  "General;[Red]yyyy", '"Y: "0.00"m"', "\\Y000000", "#,##0*y", "*-yyyy-mm-dd"])
def test_the_reading_of_number_formats_matches_calamines_own(code):
    data = workbook({"A1": 45365.5}, formats={"A1": code})
    value = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_name("Data").to_python()[0][0]
    kind = "number" if isinstance(value, float) else "timedelta" if value.__class__.__name__ == "timedelta" else "date"
    assert readers._calamine_kind(code) == kind
