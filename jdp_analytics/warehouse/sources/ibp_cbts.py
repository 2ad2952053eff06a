"""County Budget Transparency Survey (IBP Kenya, from 2024 Bajeti Hub): county scores as publicly reported.

Partial by nature: 35 counties, rounds 2019–2024, never a full year. Each row is one outlet's claim, kept
with its address and the sentence the number was read from; where outlets disagree both rows are kept.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from jdp_analytics.warehouse.sources import (
    Provenance,
    check_county_codes,
    numbers,
    read_published_csv,
    source_row,
)

FOLDER = "ibp-cbts"
SCORES_FILE = f"{FOLDER}/cbts_scores.csv"
COLUMNS = ["survey_year", "county_code", "county_name", "score_out_of_100", "rank", "documents_published",
           "source_url", "quote", "notes"]

PROVENANCE = Provenance(
    source_id="ibp_cbts",
    publisher="International Budget Partnership Kenya (CBTS 2019–2023) and Bajeti Hub (CBTS 2024), as reported",
    title="County Budget Transparency Survey scores as quoted in news reports and IBP pages, 2019–2024 (partial)",
    url="https://internationalbudget.org/kenya/kenya-county-budget-transparency-survey-2020/",
    licence="no licence stated; scores cited as facts with their source",
    as_of="2024-06-30",
    derived_from=(SCORES_FILE,),
    notes="78 claims for 35 counties; no round has all 47 counties, and gaps are never filled. Each row keeps "
          "the address and sentence it was read from. CBTS 2024 assessed FY2023/24 documents, hence the as-of "
          "date. 2019 rows give documents published (of 7) and no score.",
)


def derive(sources: Path) -> dict[str, pd.DataFrame]:
    """Return the survey claims row by row, county names checked against their codes."""
    path = Path(sources) / SCORES_FILE
    frame = read_published_csv(path, COLUMNS)[COLUMNS]
    check_county_codes(frame, path)
    numbers(frame, "survey_year", path)
    numbers(frame, "score_out_of_100", path, required=False)
    numbers(frame, "rank", path, required=False)
    return {"cbts_scores": frame}


def to_warehouse(ref: dict[str, pd.DataFrame], sha256: str) -> dict[str, pd.DataFrame]:
    """Return the source row and the fact_budget_transparency_score rows."""
    frame = ref["cbts_scores"]

    def blank(column: str) -> pd.Series:
        return frame[column].replace("", pd.NA)  # an empty cell: the outlet did not report it
    facts = pd.DataFrame({
        "county_code": frame["county_code"],
        "survey_year": frame["survey_year"],
        "source_url": frame["source_url"],
        "score_out_of_100": blank("score_out_of_100"),
        "rank": blank("rank"),
        "documents_published": blank("documents_published"),
        "quote": frame["quote"],
        "notes": blank("notes"),
        "source_id": PROVENANCE.source_id,
    })
    return {"source": pd.DataFrame([source_row(PROVENANCE, sha256)]), "fact_budget_transparency_score": facts}
