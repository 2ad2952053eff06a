"""Controller of Budget: county budget execution FY2013/14 to FY2024/25 (CBIRR annual reports)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from jdp_analytics.geography.names import UnknownNameError, county_code
from jdp_analytics.warehouse.sources import Provenance, SourceError, numbers, read_published_csv

FOLDER = "cob-county-budget"
EXECUTION_FILE = f"{FOLDER}/cob_county_budget_absorption_fy2013_14_to_fy2024_25.csv"
REPORTS_FILE = f"{FOLDER}/cob_report_sources.csv"

PROVENANCE = Provenance(
    source_id="cob_cbirr",
    publisher="Office of the Controller of Budget (Kenya)",
    title="County Governments Budget Implementation Review Report (annual), FY2013/14 to FY2024/25",
    url="https://cob.go.ke/reports/consolidated-county-budget-implementation-review-reports/",
    licence="Public government report; transcription by Kenya Data Atlas contributors (MIT)",
    as_of="2025-06-30",
    derived_from=(EXECUTION_FILE, REPORTS_FILE),
    notes="Figures as printed in each year's CBIRR annex (page in source_page), transcribed by the "
          "dansamuka/kenya-data-atlas project; rates marked derived were computed by that compiler; "
          "rows with a flag are suspect upstream values.",
)

COLUMNS = ["fiscal_year", "county_code", "county_name", "budget_total_ksh_mn", "expenditure_total_ksh_mn",
           "development_absorption_pct", "overall_absorption_pct", "source_page", "rate_method", "flag"]


def derive(sources: Path) -> dict[str, pd.DataFrame]:
    """Return the reference tables: budget execution per county and year, and the report per year."""
    path = Path(sources) / EXECUTION_FILE
    raw = read_published_csv(path, COLUMNS)
    frame = raw[COLUMNS].copy()
    codes = []
    for number, (code, name) in enumerate(zip(raw["county_code"], raw["county_name"]), start=2):
        try:
            resolved = county_code(name)
        except UnknownNameError as err:
            raise SourceError(f"{path}, row {number}, column 'county_name': {err}") from None
        if f"{int(code):03d}" != resolved:
            raise SourceError(f"{path}, row {number}, column 'county_code': code {code!r} does not match "
                              f"county {name!r} ({resolved}).")
        codes.append(resolved)
    frame["county_code"] = codes
    for column in ("budget_total_ksh_mn", "expenditure_total_ksh_mn", "overall_absorption_pct"):
        numbers(frame, column, path)
    numbers(frame, "development_absorption_pct", path, required=False)
    bad_year = ~frame["fiscal_year"].str.fullmatch(r"20\d\d/\d\d")
    if bad_year.any():
        idx = int(bad_year.to_numpy().nonzero()[0][0])
        raise SourceError(f"{path}, row {idx + 2}, column 'fiscal_year': {frame['fiscal_year'].iloc[idx]!r} is "
                          "not a fiscal year like 2013/14.")
    reports = read_published_csv(Path(sources) / REPORTS_FILE, ["fiscal_year", "cob_report_url"])
    frame = frame.sort_values(["fiscal_year", "county_code"]).reset_index(drop=True)
    return {"cob_budget_execution": frame, "cob_reports": reports[["fiscal_year", "cob_report_url"]]}


def fiscal_year_end(fiscal_year: str) -> str:
    """Return the last day of a Kenyan fiscal year: '2023/24' ends on 2024-06-30."""
    return f"{int(fiscal_year[:4]) + 1}-06-30"


def to_warehouse(ref: dict[str, pd.DataFrame], sha256: str) -> dict[str, pd.DataFrame]:
    """Return source rows (one per annual report) and fact_budget_execution rows in KES."""
    reports = ref["cob_reports"]
    sources = pd.DataFrame({
        "source_id": "cob_cbirr_" + reports["fiscal_year"].str.replace("/", "_"),
        "publisher": PROVENANCE.publisher,
        "title": "County Governments Budget Implementation Review Report FY " + reports["fiscal_year"],
        "url": reports["cob_report_url"],
        "licence": PROVENANCE.licence,
        "as_of": reports["fiscal_year"].map(fiscal_year_end),
        "is_demo": False,
        "notes": PROVENANCE.notes,
        "file_sha256": sha256,
    })
    frame = ref["cob_budget_execution"]
    facts = pd.DataFrame({
        "county_code": frame["county_code"],
        "fiscal_year": frame["fiscal_year"],
        "budget_kes": pd.to_numeric(frame["budget_total_ksh_mn"]) * 1e6,
        "expenditure_kes": pd.to_numeric(frame["expenditure_total_ksh_mn"]) * 1e6,
        "absorption_pct": pd.to_numeric(frame["overall_absorption_pct"]),
        "development_absorption_pct": pd.to_numeric(frame["development_absorption_pct"]),
        "rate_method": frame["rate_method"],
        "flag": frame["flag"].replace("", pd.NA),
        "source_page": frame["source_page"].replace("", pd.NA),
        "source_id": "cob_cbirr_" + frame["fiscal_year"].str.replace("/", "_"),
    })
    return {"source": sources, "fact_budget_execution": facts}
