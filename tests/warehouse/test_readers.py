"""Tests of reading uploads: the files county offices produce are read to the letter, the rest refused with
the exact Problem a user sees. Binary files come from tests/files/readers/make_corpus.py."""

from __future__ import annotations

import codecs
import io
import time
import zipfile
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from jdp_analytics.warehouse.paths import ROOT
from jdp_analytics.warehouse.readers import MAX_BYTES, read_table
from jdp_analytics.warehouse.schema import Problem, ValidationError

FILES = ROOT / "tests" / "files" / "readers"
BUDGET = ["county_code", "fiscal_year", "budget_kes", "expenditure_kes"]
PARTICIPATION = ["event_id", "event_date", "county_code", "ward_name", "women", "men"]
INDICATOR = ["indicator_code", "county_code", "period", "value"]
FORMULA_FIX = ("open the file in Excel or LibreOffice and save it, or copy the cells and paste them as values "
               "(Paste Special > Values).")
WORKBOOK_FIX = "open it in Excel or LibreOffice, save it as .xlsx (Excel Workbook) or CSV UTF-8, and upload it again."


def problems_of(data: bytes | Path, file_name: str, expected: list[str] = BUDGET, **kwargs) -> list[Problem]:
    """Return the Problems reading the file raises, after checking the rules every Problem keeps."""
    with pytest.raises(ValidationError) as caught:
        read_table(data, file_name, expected, **kwargs)
    for problem in caught.value.problems:
        assert problem.file == file_name
        assert problem.message.endswith(".") and problem.fix.endswith("."), problem
    return caught.value.problems


def where(problems: list[Problem]) -> list[tuple]:
    """Return each Problem's row, column, value and message: what the tests compare literally."""
    return [(p.row, p.column, p.value, p.message) for p in problems]


def workbook_bytes(*sheets: tuple[str, list[list]], number_formats: dict[str, str] | None = None) -> bytes:
    """Return an .xlsx (no formulas) with the given sheets of rows; number_formats applies to the first sheet."""
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets:
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    for ref, number_format in (number_formats or {}).items():
        workbook.worksheets[0][ref].number_format = number_format
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# CSV: what offices produce ---------------------------------------------------------------------------------


def test_csv_title_block_is_skipped_and_first_row_counts_its_lines():
    result = read_table(FILES / "budget_title_block.csv", "budget_title_block.csv", BUDGET)
    assert (result.first_row, result.format, result.encoding, result.delimiter, result.sheet) == (
        5, "csv", "utf-8", ",", None)
    assert result.frame.to_dict("list") == {"county_code": ["037", "037"], "fiscal_year": ["2023/24", "2022/23"],
                                            "budget_kes": ["12500000000", "11900000000"],
                                            "expenditure_kes": ["10250000000", "9520000000"]}


def test_windows_1252_csv_keeps_the_curly_apostrophe_and_the_accent():
    result = read_table(FILES / "participation_cp1252.csv", "participation_cp1252.csv", PARTICIPATION)
    assert result.encoding == "cp1252"
    assert result.frame["county_name"].tolist() == ["Murang\u2019a", "Murang\u2019a"]
    assert result.frame.at[0, "venue"] == "Café Kenol"


def test_utf8_csv_with_bom_has_a_clean_first_column_and_keeps_the_modifier_apostrophe():
    result = read_table(FILES / "participation_utf8_bom.csv", "participation_utf8_bom.csv", PARTICIPATION)
    assert result.encoding == "utf-8-sig"
    assert list(result.frame.columns)[:2] == ["event_id", "event_date"]
    assert result.frame["ward_name"].tolist() == ["Kondele", "Ng\u02bcambo"]


def test_semicolon_csv_keeps_commas_inside_values_and_adds_up():
    result = read_table(FILES / "budget_semicolon.csv", "budget_semicolon.csv", BUDGET)
    assert result.delimiter == ";"
    assert result.frame["county_name"].tolist() == ["Kakamega", "Kisumu", "Nairobi City, HQ"]
    assert pd.to_numeric(result.frame["budget_kes"]).sum() == 66_600_000_000


def test_tab_delimited_text_with_windows_line_ends_is_read():
    result = read_table(FILES / "indicator_tab.csv", "indicator_tab.csv", INDICATOR)
    assert (result.delimiter, result.first_row) == ("\t", 2)
    assert result.frame.to_dict("list") == {"indicator_code": ["ANC4", "ANC4"], "county_code": ["043", "021"],
                                            "period": ["2022", "2022"], "value": ["68.5", "74.1"],
                                            "sample_n": ["412", "390"]}


def test_pipe_delimited_csv_is_read():
    result = read_table(b"county_code|fiscal_year|budget_kes\n043|2023/24|7400000000\n", "budget.txt", BUDGET)
    assert result.delimiter == "|"
    assert result.frame.iloc[0].tolist() == ["043", "2023/24", "7400000000"]


def test_unicode_text_from_excel_in_utf16_is_read():
    data = codecs.BOM_UTF16_LE + "county_code\tfiscal_year\n047\t2023/24\n".encode("utf-16-le")
    result = read_table(data, "budget.txt", BUDGET)
    assert (result.encoding, result.delimiter, result.frame.iloc[0].tolist()) == ("utf-16", "\t", ["047", "2023/24"])


def test_bytes_windows_1252_cannot_decode_fall_back_to_latin_1():
    result = read_table(b"county_code,fiscal_year,note\n047,2023/24,ref \x81\n", "budget.csv", BUDGET)
    assert (result.encoding, result.frame.at[0, "note"]) == ("latin-1", "ref \x81")


def test_header_is_matched_case_blind_and_columns_take_the_expected_spelling():
    result = read_table(b"\xef\xbb\xbf County_Code ,FISCAL_YEAR,Notes\n037,2023/24,checked\n", "budget.csv", BUDGET)
    assert list(result.frame.columns) == ["county_code", "fiscal_year", "Notes"]


def test_cells_are_stripped_and_empty_cells_are_missing_text():
    result = read_table(b"county_code,fiscal_year,budget_kes\n  037 , 2023/24 ,   \n", "budget.csv", BUDGET)
    assert result.frame.iloc[0].tolist() == ["037", "2023/24", pd.NA]
    assert set(result.frame.dtypes.astype(str)) == {"string"}


def test_blank_rows_are_dropped_and_row_numbers_keep_counting_them():
    result = read_table(b"county_code,fiscal_year\n\n037,2023/24\n,\n042,2023/24\n", "budget.csv", BUDGET)
    assert result.first_row == 3
    assert result.frame.index.tolist() == [0, 2]  # file rows 3 and 5
    assert result.frame["county_code"].tolist() == ["037", "042"]


def test_a_value_spanning_lines_keeps_the_next_rows_line_number():
    result = read_table(b'county_code,fiscal_year,note\n037,2023/24,"first\nsecond"\n042,2023/24,x\n', "b.csv",
                        BUDGET)
    assert result.frame.index.tolist() == [0, 2]  # file lines 2 and 4
    assert result.frame["note"].tolist() == ["first\nsecond", "x"]


def test_empty_column_without_a_name_is_dropped():
    result = read_table(b"county_code,,fiscal_year,,\n037,,2023/24,,\n", "budget.csv", BUDGET)
    assert list(result.frame.columns) == ["county_code", "fiscal_year"]


# XLSX ----------------------------------------------------------------------------------------------------------


def test_xlsx_title_rows_are_skipped_and_formulas_give_their_calculated_values():
    result = read_table(FILES / "budget_title_block.xlsx", "budget_title_block.xlsx", BUDGET)
    assert (result.first_row, result.format, result.sheet, result.encoding, result.delimiter) == (
        5, "xlsx", "Budget", None, None)
    assert result.frame.to_dict("list") == {
        "county_code": ["037", "037", "037"],  # the second typed as 37 and shown as 037
        "fiscal_year": ["2023/24", "2022/23", "2021/22"],
        "budget_kes": ["1200", "2500000000", "800"],
        "expenditure_kes": ["1020", "2012500000", "100"],
        "absorption_pct": ["85", "80.5", "12.5"],  # Excel stored 85.0
        "report_date": ["2024-07-31", "2023-07-31", "2022-07-31"],
    }


def test_xlsx_named_sheet_is_read_and_a_merged_cell_fills_its_range():
    result = read_table(FILES / "budget_title_block.xlsx", "budget_title_block.xlsx", ["county_name", "ward_name"],
                        sheet="wards")
    assert (result.sheet, result.first_row) == ("Wards", 2)
    assert result.frame.to_dict("list") == {"county_name": ["Kakamega", "Kakamega", "Kakamega"],
                                            "ward_name": ["Lurambi", "Shieywe", "Mahiakalo"],
                                            "women": ["12", "30", "7"]}


def test_xlsx_cells_read_as_excel_shows_them():
    data = workbook_bytes(("Events", [
        ["event_id", "event_date", "women_share", "county_code", "budget_kes", "is_jdp_target", "held_at"],
        ["KWL-2024-017", date(2024, 3, 14), 0.455, 43, 1200.0, True, datetime(2024, 3, 14, 10, 30)],
        ["KWL-2024-018", datetime(2024, 3, 15), 0.5, 7, 12.5, False, None],
    ]), number_formats={"C2": "0.0%", "C3": "0%", "D2": "000", "D3": "000"})
    result = read_table(data, "events.xlsx", PARTICIPATION)
    assert result.frame.to_dict("list") == {
        "event_id": ["KWL-2024-017", "KWL-2024-018"],
        "event_date": ["2024-03-14", "2024-03-15"],
        "women_share": ["45.5%", "50%"],
        "county_code": ["043", "007"],
        "budget_kes": ["1200", "12.5"],
        "is_jdp_target": ["TRUE", "FALSE"],
        "held_at": ["2024-03-14 10:30:00", None],  # <NA>, which to_dict gives as None
    }
    assert result.frame["held_at"].isna().tolist() == [False, True]


def test_xlsx_unknown_sheet_is_a_problem_listing_the_sheets():
    problems = problems_of(FILES / "budget_title_block.xlsx", "budget_title_block.xlsx", sheet="Data")
    assert where(problems) == [(None, "", "Data",
                                "the workbook has no sheet named 'Data'; its sheets are Budget, Wards.")]
    assert problems[0].fix == "choose one of the workbook's sheets."


def test_xlsx_formula_without_a_calculated_value_is_a_problem_naming_its_cell():
    problems = problems_of(FILES / "budget_uncalculated.xlsx", "budget_uncalculated.xlsx")
    assert where(problems) == [(7, "expenditure_kes", "=C7*0.85", "cell D7 holds a formula whose value was never "
                                "calculated (the file was written by a program, not saved by Excel).")]
    assert problems[0].fix == FORMULA_FIX


def test_xlsx_formulas_of_a_workbook_that_asks_to_be_recalculated_are_problems(tmp_path):
    # XlsxWriter stores 0 for every formula and sets fullCalcOnLoad: the stored values are not the results.
    path = tmp_path / "written_by_a_program.xlsx"
    with zipfile.ZipFile(FILES / "budget_title_block.xlsx") as source, zipfile.ZipFile(path, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "xl/workbook.xml":
                data = data.replace(b"<calcPr ", b'<calcPr fullCalcOnLoad="1" ')
            target.writestr(info, data)
    problems = problems_of(path, "written_by_a_program.xlsx")
    assert [(p.row, p.column, p.value, p.message[:15]) for p in problems] == [
        (5, "absorption_pct", "=ROUND(D5/C5*100,1)", "cell E5 holds a"),
        (6, "absorption_pct", "=ROUND(D6/C6*100,1)", "cell E6 holds a"),
        (7, "absorption_pct", "=ROUND(D7/C7*100,1)", "cell E7 holds a"),
    ]


def test_xlsx_values_right_of_the_header_are_one_problem_of_the_header():
    data = workbook_bytes(("Budget", [["county_code", "fiscal_year", "budget_kes"],
                                      ["037", "2023/24", 100, None, "checked by JM"],
                                      ["042", "2023/24", 200, None, "checked by AO"]]))
    problems = problems_of(data, "budget.xlsx")
    assert where(problems) == [(1, "E", "checked by JM", "column E has values but no name in the header row.")]
    assert problems[0].fix == "type a name for the column in the header row, or delete the column."


def test_xlsx_empty_first_sheet_is_a_problem_naming_the_other_sheets():
    data = workbook_bytes(("Cover", []), ("Data", [["county_code", "fiscal_year"], ["037", "2023/24"]]))
    problems = problems_of(data, "budget.xlsx")
    assert where(problems) == [(None, "", "", "the sheet 'Cover' is empty.")]
    assert problems[0].fix == "choose the sheet that holds the data (the workbook's sheets are Cover, Data)."


def test_xlsx_excel_error_in_a_cell_is_a_problem():
    data = workbook_bytes(("Budget", [["county_code", "fiscal_year", "budget_kes"], ["037", "2023/24", "#DIV/0!"]]))
    problems = problems_of(data, "budget.xlsx")
    assert where(problems) == [(2, "budget_kes", "#DIV/0!", "the cell holds the Excel error #DIV/0!.")]


# Files refused as a whole --------------------------------------------------------------------------------------


def test_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path, monkeypatch):
    path = tmp_path / "budget.csv"
    with path.open("wb") as sparse:
        sparse.truncate(100 * 1024 * 1024)
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("the file was read"))
    started = time.perf_counter()
    problems = problems_of(path, "budget.csv")
    assert time.perf_counter() - started < 1
    assert where(problems) == [(None, "", "", "the file is 100.0 MB; uploads are limited to 50 MB.")]
    assert problems[0].fix == "split the file by fiscal year or county, or load it with the command line."
    assert MAX_BYTES == 50 * 1024 * 1024


def test_file_just_over_a_limit_never_shows_the_limit_as_its_size():
    problems = problems_of(b"x" * (2 * 1024 * 1024 + 1), "budget.csv", max_bytes=2 * 1024 * 1024)
    assert problems[0].message == "the file is 2.1 MB; uploads are limited to 2 MB."


def test_old_binary_xls_is_refused_with_a_save_as_fix():
    problems = problems_of(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512), "budget.xls")
    assert where(problems) == [(None, "", "", "the file is an old-format Excel workbook (.xls), which cannot be read.")]
    assert problems[0].fix == ("open it in Excel and save it as .xlsx (Excel Workbook) or as CSV UTF-8, then upload "
                               "that.")


def test_web_page_saved_as_xls_is_refused_like_an_old_workbook():
    problems = problems_of(b"<html><table><tr><td>county_code</td></tr></table></html>", "ifmis_export.xls")
    assert problems[0].message == "the file is an old-format Excel workbook (.xls), which cannot be read."


def test_password_protected_xlsx_is_refused():
    problems = problems_of(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512), "budget.xlsx")
    assert where(problems) == [(None, "", "", "the workbook is protected by a password, so it cannot be read.")]


def test_zip_that_is_not_a_workbook_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
    problems = problems_of(buffer.getvalue(), "budget.ods")
    assert where(problems) == [(None, "", "", "the file is a zip archive but not a readable Excel workbook (.xlsx).")]
    assert problems[0].fix == WORKBOOK_FIX


def test_pdf_is_refused():
    problems = problems_of(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "cbirr_2024.pdf")
    assert where(problems) == [(None, "", "", "the file is a PDF, not a CSV file or an Excel workbook.")]


@pytest.mark.parametrize("data", [b"", b"\r\n\r\n", b"\xef\xbb\xbf", b",,,\n , ,\n"])
def test_empty_file_is_refused(data):
    problems = problems_of(data, "budget.csv")
    assert where(problems) == [(None, "", "", "the file is empty.")]
    assert problems[0].fix == "check that you chose the right file."


def test_header_only_file_is_refused():
    problems = problems_of(b"county_code,fiscal_year,budget_kes\n,,\n", "budget.csv")
    assert where(problems) == [(None, "", "", "the file has a header but no data rows.")]
    assert problems[0].fix == "add the data rows below the header, or check that you chose the right file."


# Problems in the rows ------------------------------------------------------------------------------------------


def test_row_with_more_cells_than_the_header_is_a_problem_of_that_row():
    problems = problems_of(b"county_code,fiscal_year,budget_kes\n037,2023/24,1,200\n042,2023/24,900\n", "b.csv")
    assert where(problems) == [(2, "D", "200", "the row has 4 cells but the header has 3 columns.")]
    assert problems[0].fix == ("put quote marks around values that contain a comma (as Excel does when it saves a "
                               "CSV), or remove the extra cells.")


def test_wrong_delimiter_is_a_problem_naming_the_delimiters_accepted():
    problems = problems_of(b"Budget 2023/24\ncounty_code:fiscal_year:budget_kes\n037:2023/24:100\n", "budget.csv")
    assert where(problems) == [(2, "", "county_code:fiscal_year:budget_kes", "wrong delimiter: the header row is not "
                                "split into columns by a comma, semicolon, tab or pipe.")]
    assert problems[0].fix == ("save the file with its columns separated by commas (,), semicolons (;), tabs or "
                               "pipes (|); a CSV file from Excel (File > Save As > CSV UTF-8) uses commas.")


def test_missing_header_lists_the_expected_and_the_found_columns():
    problems = problems_of(b"Kakamega County\ncode,year,amount,spent\n037,2023/24,5,4\n", "budget.csv")
    assert where(problems) == [(1, "", "code, year, amount, spent", "no header row was found in the first 30 rows: "
                                "expected the columns county_code, fiscal_year, budget_kes, expenditure_kes; found "
                                "code, year, amount, spent.")]
    assert problems[0].fix == "put the column names in one row above the data, spelled as in the data dictionary."


def test_header_naming_too_few_expected_columns_is_not_taken_for_a_delimiter_problem():
    problems = problems_of(b"county_code,year,amount,expenditure\n037,2023/24,5,4\n", "budget.csv")
    assert problems[0].message.startswith("no header row was found in the first 30 rows")


def test_duplicate_column_names_are_a_problem_of_the_header():
    problems = problems_of(b"county_code,fiscal_year,County_Code\n037,2023/24,042\n", "budget.csv")
    assert where(problems) == [(1, "county_code", "county_code",
                                "the column name appears more than once in the header row (columns A and C).")]


def test_unnamed_column_with_values_is_a_problem_of_the_header():
    problems = problems_of(b"county_code,,fiscal_year\n037,x,2023/24\n042,,2023/24\n", "budget.csv")
    assert where(problems) == [(1, "B", "x", "column B has values but no name in the header row.")]


def test_unclosed_quote_is_a_problem_of_its_row():
    problems = problems_of(b'county_code,fiscal_year,note\n037,2023/24,ok\n042,2023/24,"Kisumu\n047,2023/24,x\n',
                           "budget.csv")
    assert where(problems) == [(3, "", '042,2023/24,"Kisumu',
                                'a quote mark (") opened on this row is never closed, so the row cannot be split '
                                "into cells.")]


def test_a_cell_longer_than_a_value_may_be_is_named_as_such_not_as_a_quote():
    problems = problems_of(b"county_code,fiscal_year,note\n037,2023/24,ok\n042,2023/24," + b"x" * 200_000 + b"\n",
                           "budget.csv")
    assert [(p.row, p.message) for p in problems] == [
        (3, "cell 3 of this row holds 200,000 characters; a value may hold at most 131,072.")]
    assert problems[0].value.startswith("042,2023/24,xxx") and len(problems[0].value) == 200


def test_a_stray_nul_byte_is_a_problem_of_its_row_not_a_file_of_another_kind():
    problems = problems_of(b"county_code,fiscal_year,note\n037,2023/24,ok\n042,2023/24,o\x00k\n", "budget.csv")
    assert where(problems) == [(3, "", "042,2023/24,o\N{SYMBOL FOR NULL}k",
                                "this row holds a NUL character (an invisible character, code 0, shown here as "
                                "\N{SYMBOL FOR NULL}), which no value may contain.")]
    image = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8  # a file of another kind is still named as such
    assert where(problems_of(image, "budget.csv"))[0][3] == "the file is not a CSV file or an Excel workbook."


def test_mixed_encodings_are_a_problem_of_the_first_row_not_in_utf8():
    data = "county_code,county_name\n021,Murang\u2019a\n".encode() + "022,Kiambu\u2019s\n".encode("cp1252")
    problems = problems_of(data, "budget.csv")
    assert where(problems) == [(3, "", "022,Kiambu\u2019s", "the file mixes two text encodings: this row is in "
                                "Windows-1252 (ANSI), other rows are in UTF-8.")]
    assert problems[0].fix == ("open the file in Excel and save it as CSV UTF-8, or retype the accented letters on "
                               "this row.")


def test_excel_error_saved_into_a_csv_is_a_problem():
    problems = problems_of(b"county_code,fiscal_year,budget_kes\n037,2023/24,#N/A\n", "budget.csv")
    assert where(problems) == [(2, "budget_kes", "#N/A", "the cell holds the Excel error #N/A.")]
    assert problems[0].fix == ("correct the formula in the workbook, or type the value (leave the cell empty if "
                               "there is none).")
