"""National health targets of the Ministry of Health's Kenya Health Sector Strategic and Investment Plan (KHSSP), July
2013 – June 2017: the latest official national targets found for three KDHS indicators the county file holds.

They are national targets of 2017, never county targets, and their definitions differ a little from the survey's
measures (the plan's "fully immunized children" against the KDHS "all basic vaccinations"): each target's basis
says so, and the scorecard shows it as "national target (KHSSP, 2017)". The plan's other indicators (family
planning, mortality) have no counterpart in the county file and stay in the reference set only; no stunting or
facility-delivery target was found.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from jdp_analytics.warehouse.sources import Provenance, numbers, read_published_csv

FOLDER = "moh-khssp-targets"
TARGETS_FILE = f"{FOLDER}/khssp_2014_2018_targets.csv"
COLUMNS = ["indicator_as_printed", "dashboard_indicator_match", "unit", "baseline_value", "baseline_year_as_printed",
           "midterm_target_value", "midterm_year", "end_target_value", "end_target_year", "note"]
# The county file's indicator each matched target is for, and how the definitions differ.
MATCHES = {
    "basic_vaccination": ("CH_VACC_C_BAS", "the plan counts fully immunized children; the survey measures all basic "
                                           "vaccinations (BCG, measles, three doses each of DPT and polio)"),
    "skilled_birth_attendance": ("RH_DELA_C_SKP", "the plan counts deliveries conducted by a skilled attendant; the "
                                                  "survey measures births assisted by a skilled provider"),
    "anc_4plus_visits": ("RH_ANCN_W_N4P", "the plan counts pregnant women attending 4 ANC visits; the survey "
                                          "measures 4 or more visits for the last birth"),
}

PROVENANCE = Provenance(
    source_id="moh_khssp_2013_2017",
    publisher="Ministry of Health (Kenya)",
    title="Kenya Health Sector Strategic and Investment Plan (KHSSP) July 2013 – June 2017, Performance Monitoring "
          "Indicators and Targets",
    url="https://docslib.org/doc/5060441/health-sector-strategic-and-investment-plan-khssp-july-2013-june-2017",
    licence="public government publication; targets quoted with their source",
    as_of="2017-06-30",
    derived_from=(TARGETS_FILE,),
    notes="Read in four stored copies of the plan (addresses in the source file). National targets for 2015 and "
          "2017; the latest official national targets found for these indicators. Not county targets.",
)


def derive(sources: Path) -> dict[str, pd.DataFrame]:
    """Return the plan's targets as printed."""
    path = Path(sources) / TARGETS_FILE
    frame = read_published_csv(path, COLUMNS)[COLUMNS]
    for column in ("baseline_value", "midterm_target_value", "end_target_value", "end_target_year"):
        numbers(frame, column, path)
    return {"khssp_targets": frame}


def to_warehouse(ref: dict[str, pd.DataFrame], sha256: str) -> dict[str, pd.DataFrame]:
    """Return the source row and Kenya's 2017 targets for the indicators the county file holds."""
    from jdp_analytics.warehouse.sources import source_row

    frame = ref["khssp_targets"]
    rows = []
    for row in frame.itertuples():
        match = next((key for key in MATCHES if row.dashboard_indicator_match.startswith(key)), None)
        if match is None:
            continue
        code, difference = MATCHES[match]
        rows.append({"indicator_code": code, "geo_code": "KE", "target_year": int(row.end_target_year),
                     "target_value": float(row.end_target_value),
                     "basis": f"National target (KHSSP, {row.end_target_year}): \u201c{row.indicator_as_printed}\u201d "
                              f"{row.end_target_value} % by {row.end_target_year} (baseline {row.baseline_value} % in "
                              f"{row.baseline_year_as_printed}). Definitions differ: {difference}.",
                     "source_id": PROVENANCE.source_id})
    return {"source": pd.DataFrame([source_row(PROVENANCE, sha256)]), "fact_indicator_target": pd.DataFrame(rows)}
