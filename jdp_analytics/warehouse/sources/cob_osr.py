"""Own-source revenue (OSR) of the 47 counties, FY2013/14–FY2023/24: the annual target and the amount collected, as
the Controller of Budget printed them in the annual County Governments Budget Implementation Review Report (table
"Own Source Revenue Collection").

Read from the transcription in shared/data (`cob-own-source-revenue/`, its SOURCE.md): a machine extraction of the
CoB reports for 2014/15–2023/24, checked row by row against AfroCave's republished tables (376 of 377 rows agree;
Kilifi 2014/15 differs by KES 1), AfroCave alone for 2013/14 (42 counties). FY2019/20 was printed in KES million to
two decimals. From FY2023/24 the totals include FIF / A-I-A (health facility revenue) and are not comparable with
earlier years; the ordinary / FIF split is kept where the report printed it (2019/20, 2023/24). Figures are never
computed or filled: a county-year the reports do not give has no row.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from jdp_analytics.warehouse.sources import Provenance, SourceError, check_county_codes, numbers, read_published_csv

FOLDER = "cob-own-source-revenue"
OSR_FILE = f"{FOLDER}/county_osr_target_actual.csv"
AMOUNTS = ["osr_target_kes", "osr_actual_kes", "ordinary_osr_target_kes", "fif_aia_target_kes",
           "ordinary_osr_actual_kes", "fif_aia_actual_kes"]
COLUMNS = ["county_code", "county_name", "fiscal_year", "osr_target_kes", "osr_actual_kes",
           "performance_pct_published", "ordinary_osr_target_kes", "fif_aia_target_kes", "ordinary_osr_actual_kes",
           "fif_aia_actual_kes", "verification", "note"]
VERIFICATIONS = ("matches_afrocave", "differs_from_afrocave", "single_source", "single_source_inconsistent")
# The years whose totals include FIF / A-I-A (health facility revenue): not comparable with the years before.
WITH_FIF = ("2023/24",)

PROVENANCE = Provenance(
    source_id="cob_osr",
    publisher="Office of the Controller of Budget (Kenya)",
    title="County Governments Budget Implementation Review Report, annual editions FY 2013/14–FY 2023/24, table "
          "Own Source Revenue Collection",
    url="https://cob.go.ke/reports/consolidated-county-budget-implementation-review-reports/",
    licence="public report; figures cited as facts with their source",
    as_of="2024-06-30",
    derived_from=(OSR_FILE,),
    notes="512 county-years: FY2014/15–FY2023/24 for all 47 counties, FY2013/14 for 42 (Turkana, Uasin Gishu, "
          "Vihiga, Wajir and West Pokot not found). Read from a machine extraction of the CoB report tables "
          "(GitHub cherotuga/data, commit 71db75b8) and AfroCave's republished tables (FY2013/14, and a second "
          "source for 376 rows, which agree). FY2019/20 printed in KES million to two decimals. From FY2023/24 the "
          "totals include FIF / A-I-A (health facility revenue).",
)


def derive(sources: Path) -> dict[str, pd.DataFrame]:
    """Return the published rows with the county names checked against their codes, the figures as printed."""
    path = Path(sources) / OSR_FILE
    frame = read_published_csv(path, COLUMNS)[COLUMNS]
    check_county_codes(frame, path)
    for column in AMOUNTS:
        numbers(frame, column, path, required=column in ("osr_target_kes", "osr_actual_kes"))
    numbers(frame, "performance_pct_published", path, required=False)
    unknown = frame[~frame["verification"].isin(VERIFICATIONS)]
    if len(unknown):
        idx = int(unknown.index[0])
        raise SourceError(f"{path}, row {idx + 2}, column 'verification': {unknown['verification'].iloc[0]!r} is "
                          f"not one of {', '.join(VERIFICATIONS)}. Restore the published file.")
    return {"cob_own_source_revenue": frame}


def source_id(fiscal_year: str) -> str:
    """The source row of a year's table: 'cob_osr_2023_24'."""
    return "cob_osr_" + fiscal_year.replace("/", "_")


def to_warehouse(ref: dict[str, pd.DataFrame], sha256: str) -> dict[str, pd.DataFrame]:
    """Return one source row per annual report (its address from the CoB report list) and the
    fact_own_source_revenue rows, in whole KES."""
    from jdp_analytics.warehouse.sources.cob import fiscal_year_end

    frame = ref["cob_own_source_revenue"]
    years = sorted(frame["fiscal_year"].unique())
    urls = dict(zip(ref["cob_reports"]["fiscal_year"], ref["cob_reports"]["cob_report_url"]))
    sources = pd.DataFrame({
        "source_id": [source_id(y) for y in years],
        "publisher": PROVENANCE.publisher,
        "title": [f"County Governments Budget Implementation Review Report FY {y}, Own Source Revenue Collection"
                  for y in years],
        "url": [urls.get(y, PROVENANCE.url) for y in years],
        "licence": PROVENANCE.licence,
        "as_of": [fiscal_year_end(y) for y in years],
        "is_demo": False,
        "notes": PROVENANCE.notes,
        "file_sha256": sha256,
    })

    def amount(column: str) -> pd.Series:
        return pd.to_numeric(frame[column].replace("", pd.NA))
    facts = pd.DataFrame({
        "county_code": frame["county_code"],
        "fiscal_year": frame["fiscal_year"],
        **{column: amount(column) for column in AMOUNTS},
        "performance_pct_published": amount("performance_pct_published"),
        "verification": frame["verification"],
        "note": frame["note"].replace("", pd.NA),
        "source_id": [source_id(y) for y in frame["fiscal_year"]],
    })
    return {"source": sources, "fact_own_source_revenue": facts}
