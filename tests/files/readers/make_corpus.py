"""Write the files tests/warehouse/test_readers.py reads: the binary shapes county offices upload.

Run once from the repository root (`.venv/bin/python tests/files/readers/make_corpus.py`); the files it
writes are kept beside it, so the tests never need to run it. The output is the same on every run.

Excel stores each formula's last calculated value; openpyxl cannot calculate, so the workbook that stands
for "saved by Excel" gets its formula values written into its XML here, and loses the flag that asks Excel
to recalculate on opening (which Excel itself never leaves set).
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date, datetime
from pathlib import Path

import openpyxl

HERE = Path(__file__).resolve().parent
FIXED_TIME = datetime(2024, 7, 31, 12, 0, 0)
# openpyxl stamps the time of saving; a fixed one keeps the files the same from run to run.
FIXED_PARTS = {"docProps/core.xml": [(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2024-07-31T12:00:00Z")]}
CSV_FILES = {
    # Excel's "CSV" on a Windows machine: Windows-1252, CRLF, a curly apostrophe and an accent.
    "participation_cp1252.csv": (
        "cp1252",
        "event_id,event_date,county_code,county_name,ward_name,venue,women,men\r\n"
        "MRG-2024-001,2024-03-14,021,Murang\u2019a,Township,Caf\u00e9 Kenol,34,41\r\n"
        "MRG-2024-002,2024-04-02,021,Murang\u2019a,Kiharu,Ihura Stadium,28,19\r\n",
    ),
    # Excel's "CSV UTF-8": a byte-order mark before the first column name.
    "participation_utf8_bom.csv": (
        "utf-8-sig",
        "event_id,event_date,county_code,county_name,ward_name,women,men\r\n"
        "KSM-2024-007,2024-05-21,042,Kisumu,Kondele,51,47\r\n"
        "KSM-2024-008,2024-05-22,042,Kisumu,Ng\u02bcambo,22,30\r\n",
    ),
    # Excel in a French or Portuguese locale separates with semicolons; a name holds a comma.
    "budget_semicolon.csv": (
        "utf-8",
        "county_code;county_name;fiscal_year;budget_kes;expenditure_kes\n"
        "037;Kakamega;2023/24;12500000000;10250000000\n"
        "042;Kisumu;2023/24;11800000000;9440000000\n"
        "047;Nairobi City, HQ;2023/24;42300000000;35100000000\n",
    ),
    # Excel's "Text (Tab delimited)".
    "indicator_tab.csv": (
        "cp1252",
        "indicator_code\tcounty_code\tperiod\tvalue\tsample_n\r\n"
        "ANC4\t043\t2022\t68.5\t412\r\n"
        "ANC4\t021\t2022\t74.1\t390\r\n",
    ),
    # A report exported with its three-line title block above the header.
    "budget_title_block.csv": (
        "utf-8",
        "Kakamega County Government,,,\n"
        "Budget execution FY 2023/24,,,\n"
        '"Figures in KES, as at 30 June 2024",,,\n'
        "county_code,fiscal_year,budget_kes,expenditure_kes\n"
        "037,2023/24,12500000000,10250000000\n"
        "037,2022/23,11900000000,9520000000\n",
    ),
}


def write_zip(path: Path, workbook: openpyxl.Workbook, replace: dict[str, list[tuple[bytes, bytes]]]) -> None:
    """Save a workbook with fixed dates and the given byte replacements in its parts."""
    workbook.properties.created = workbook.properties.modified = FIXED_TIME
    buffer = io.BytesIO()
    workbook.save(buffer)
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            for pattern, replacement in [*replace.get(info.filename, []), *FIXED_PARTS.get(info.filename, [])]:
                data, count = re.subn(pattern, replacement, data)
                assert count, (info.filename, pattern)
            target.writestr(zipfile.ZipInfo(info.filename, FIXED_TIME.timetuple()[:6]), data,
                            zipfile.ZIP_DEFLATED)


def budget_title_block() -> None:
    """An Excel-saved workbook: merged title rows, formulas with their values, codes, dates, a second sheet."""
    workbook = openpyxl.Workbook()
    budget = workbook.active
    budget.title = "Budget"
    for row, title in enumerate(("Kakamega County Government", "County budget execution (KES)",
                                 "Source: County Treasury, as at 30 June"), start=1):
        budget.cell(row, 1, title)
        budget.merge_cells(start_row=row, start_column=1, end_row=row, end_column=6)
    budget.append(["county_code", "fiscal_year", "budget_kes", "expenditure_kes", "absorption_pct", "report_date"])
    budget.append(["037", "2023/24", 1200.0, 1020, "=ROUND(D5/C5*100,1)", date(2024, 7, 31)])
    budget.append([37, "2022/23", 2500000000, 2012500000, "=ROUND(D6/C6*100,1)", date(2023, 7, 31)])
    budget.append(["037", "2021/22", 800, 100, "=ROUND(D7/C7*100,1)", date(2022, 7, 31)])
    budget["A6"].number_format = "000"  # typed as 37, shown as 037
    wards = workbook.create_sheet("Wards")
    wards.append(["county_name", "ward_name", "women"])
    for ward, women in (("Lurambi", 12), ("Shieywe", 30), ("Mahiakalo", 7)):
        wards.append([None, ward, women])
    wards["A2"] = "Kakamega"
    wards.merge_cells("A2:A4")
    cached = {"E5": b"85.0", "E6": b"80.5", "E7": b"12.5"}  # what Excel stores: 1020/1200 = 85 %
    write_zip(HERE / "budget_title_block.xlsx", workbook, {
        "xl/worksheets/sheet1.xml": [(rb'(<c r="' + ref.encode() + rb'"[^>]*><f>[^<]*</f>)<v\s*/>',
                                      rb"\1<v>" + value + rb"</v>") for ref, value in cached.items()],
        "xl/workbook.xml": [(rb' fullCalcOnLoad="1"', b"")],
    })


def budget_uncalculated() -> None:
    """A workbook written by a program: a formula with no stored value, as openpyxl writes it."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Budget"
    sheet.append(["county_code", "fiscal_year", "budget_kes", "expenditure_kes", "absorption_pct"])
    for year in ("2019/20", "2020/21", "2021/22", "2022/23", "2023/24"):
        sheet.append(["037", year, 1000, 850, 85])
    sheet.append(["037", "2024/25", 1200, "=C7*0.85", 85])
    write_zip(HERE / "budget_uncalculated.xlsx", workbook, {})


def main() -> None:
    for name, (encoding, text) in CSV_FILES.items():
        (HERE / name).write_bytes(text.encode(encoding))
    budget_title_block()
    budget_uncalculated()


if __name__ == "__main__":
    main()
