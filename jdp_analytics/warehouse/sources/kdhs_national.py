"""Kenya's own (national) KDHS figures, where the publisher states them as a number.

The county file the warehouse carries (kdhs2022-swahili-health-mcp, the DHS Program's subnational rows) has no
national row, so Kenya's value of a KDHS indicator comes from KNBS's own summary of the KDHS 2022 report. Only the
figures that summary prints as a number are held here, rounded to the whole percent as printed; a figure it gives
in words ("eight in ten live births were delivered in a health facility") is not turned into a number, and the
other KDHS indicators stay without a Kenya value until the DHS Program's national rows are added to the sources.

Like the SDG framework (sdg_catalogue.py), these are a handful of quoted figures with their citation, not a
derived table: they enter the warehouse directly, each with the sentence it was read from in its note.
"""

from __future__ import annotations

import pandas as pd

from jdp_analytics.warehouse.sources import Provenance, source_row

PROVENANCE = Provenance(
    source_id="knbs_kdhs_2022_national",
    publisher="Kenya National Bureau of Statistics (KNBS)",
    title="Kenya Demographic and Health Survey (KDHS) 2022, summary of findings (national figures)",
    url="https://www.knbs.or.ke/kenya-demographic-and-health-survey-kdhs-2022/",
    licence="Public government publication; figures quoted with their citation",
    as_of="2022-07-31",
    derived_from=(),
    notes="National figures as KNBS printed them (whole percent). Fieldwork February to July 2022; the 2014 figure "
          "is the one KNBS compares it with (KDHS 2014). Cite: KNBS and ICF, Kenya Demographic and Health Survey "
          "2022.",
)

# indicator (DHS code, as in the county file), period, value (percent), the sentence the figure was read from
NATIONAL = (
    ("RH_ANCN_W_N4P", "2022", 66.0, "more women attending four or more antenatal visits for their most recent live "
     "birth at 66% in 2022 compared to 58% in 2014"),
    ("RH_ANCN_W_N4P", "2014", 58.0, "more women attending four or more antenatal visits for their most recent live "
     "birth at 66% in 2022 compared to 58% in 2014"),
    ("CN_NUTS_C_HA2", "2022", 18.0, "Prevalence of stunting among children under five years was 18% in 2022"),
    ("CH_VACC_C_BAS", "2022", 80.0, "80% of children aged 12–23 months received all basic vaccinations (BCG, "
     "measles, three doses each of DPT and polio vaccine, excluding polio vaccine given at birth) in 2022"),
)


def to_warehouse() -> dict[str, pd.DataFrame]:
    """Return the source row and Kenya's observations (geo KE, every breakdown 'all')."""
    facts = pd.DataFrame([{
        "indicator_code": code, "geo_code": "KE", "county_code": None, "ward_code": None, "period": period,
        "sex": "all", "age_group": "all", "disability": "all", "residence": "all", "other_disaggregation": "all",
        "value": value, "sample_n": None, "note": f"KNBS: \u201c{quote}\u201d", "source_id": PROVENANCE.source_id}
        for code, period, value, quote in NATIONAL])
    return {"source": pd.DataFrame([source_row(PROVENANCE, "")]), "fact_indicator_observation": facts}
