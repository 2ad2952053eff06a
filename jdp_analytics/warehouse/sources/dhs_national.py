"""Kenya's national values of the county file's KDHS indicators, 2022 and 2014: the DHS Program's estimates (one
decimal, as published), read from the Humanitarian Data Exchange's "DHS Data for Kenya" (built from the DHS Program
API), each row with its DHS DataId and every reference period the database holds.

The county rows (kdhs.py) are for births in the two years before the survey, so Kenya's value a county is compared
with is the DHS-preferred row (`is_preferred = 1`, the same reference period); the other periods stay in the
reference set and out of the warehouse. KNBS's summary of KDHS 2022 printed three of them rounded (66 %, 18 %,
80 %): those sentences are kept in the row's note as a second citation. Nothing is derived: an indicator without a
national row (no postnatal check for the mother) has no Kenya value, and a related one (a check within two days)
never stands in for it.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from jdp_analytics.warehouse.sources import Provenance, SourceError, numbers, read_published_csv

FOLDER = "dhs-kdhs-national"
NATIONAL_FILE = f"{FOLDER}/kdhs_national_indicators.csv"
COLUMNS = ["survey_id", "survey_year", "indicator_id", "indicator_label_as_published", "value_pct", "period",
           "is_preferred", "denominator_unweighted", "dhs_data_id", "verification"]
SURVEYS = {"KE2022DHS": ("dhs_kdhs_2022_national", "Kenya Demographic and Health Survey 2022 (KE2022DHS), national "
                         "estimates", "2022-07-31"),
           "KE2014DHS": ("dhs_kdhs_2014_national", "Kenya Demographic and Health Survey 2014 (KE2014DHS), national "
                         "estimates", "2014-10-31")}
# What KNBS's own summary of KDHS 2022 printed of the same figures (rounded), kept as a second citation.
KNBS_SAYS = {
    ("RH_ANCN_W_N4P", "2022"): "more women attending four or more antenatal visits for their most recent live birth "
                               "at 66% in 2022 compared to 58% in 2014",
    ("CN_NUTS_C_HA2", "2022"): "Prevalence of stunting among children under five years was 18% in 2022",
    ("CH_VACC_C_BAS", "2022"): "80% of children aged 12–23 months received all basic vaccinations",
}

PROVENANCE = Provenance(
    source_id="dhs_kdhs_national",
    publisher="KNBS and ICF (The DHS Program)",
    title="Kenya Demographic and Health Survey 2022 and 2014, national estimates (DHS Program indicator data)",
    url="https://data.humdata.org/dataset/dhs-data-for-kenya",
    licence="DHS open data, cite the survey",
    as_of="2022-07-31",
    derived_from=(NATIONAL_FILE,),
    notes="33 national rows (KE2022DHS 15, KE2014DHS 18) with their DHS DataId, from HDX 'DHS Data for Kenya' as "
          "copied in GitHub m-mburu/kenyaIndicators (data-raw/dhs_hdx, commit b7a12222). The preferred row of each "
          "indicator (births in the two years before the survey, as the county rows) is what counties are compared "
          "with. Checked against the KDHS 2022 Key Indicators Report and KNBS's rounded figures.",
)


def derive(sources: Path) -> dict[str, pd.DataFrame]:
    """Return the published national rows, values and flags as printed."""
    path = Path(sources) / NATIONAL_FILE
    frame = read_published_csv(path, COLUMNS)[COLUMNS]
    numbers(frame, "value_pct", path)
    numbers(frame, "survey_year", path)
    unknown = frame[~frame["survey_id"].isin(SURVEYS)]
    if len(unknown):
        idx = int(unknown.index[0])
        raise SourceError(f"{path}, row {idx + 2}, column 'survey_id': {unknown['survey_id'].iloc[0]!r} is not "
                          f"one of {', '.join(SURVEYS)}. Restore the published file.")
    return {"kdhs_national_indicators": frame}


def to_warehouse(ref: dict[str, pd.DataFrame], sha256: str, catalogue: set[str]) -> dict[str, pd.DataFrame]:
    """Return the two surveys' source rows and Kenya's observations (geo KE, every breakdown 'all'): the preferred
    row of each indicator the catalogue holds."""
    frame = ref["kdhs_national_indicators"]
    rows = frame[(frame["is_preferred"] == "1") & frame["indicator_id"].isin(catalogue)]

    def note(row) -> str:
        text = f"DHS Program DataId {row.dhs_data_id}" + (f"; {row.period}" if row.period else "")
        quote = KNBS_SAYS.get((row.indicator_id, row.survey_year))
        return text + (f". KNBS: \u201c{quote}\u201d" if quote else "")
    facts = pd.DataFrame([{
        "indicator_code": row.indicator_id, "geo_code": "KE", "county_code": None, "ward_code": None,
        "period": row.survey_year, "sex": "all", "age_group": "all", "disability": "all", "residence": "all",
        "other_disaggregation": "all", "value": float(row.value_pct),
        "sample_n": int(row.denominator_unweighted) if row.denominator_unweighted else None, "note": note(row),
        "source_id": SURVEYS[row.survey_id][0]} for row in rows.itertuples()])
    sources = pd.DataFrame([{
        "source_id": source_id, "publisher": PROVENANCE.publisher, "title": title, "url": PROVENANCE.url,
        "licence": PROVENANCE.licence, "as_of": as_of, "is_demo": False, "notes": PROVENANCE.notes,
        "file_sha256": sha256} for source_id, title, as_of in SURVEYS.values()])
    return {"source": sources, "fact_indicator_observation": facts}
