"""Kenya Demographic and Health Survey 2022: county indicators (maternal care, immunisation, stunting)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from jdp_analytics.geography.names import UnknownNameError, county_code
from jdp_analytics.warehouse.sources import Provenance, SourceError, numbers, read_published_csv, source_row

FOLDER = "kdhs2022-swahili-health-mcp"
INDICATORS_FILE = f"{FOLDER}/kdhs2022_county_indicators_long.csv"

PROVENANCE = Provenance(
    source_id="dhs_kdhs_2022",
    publisher="KNBS and ICF (The DHS Program)",
    title="Kenya Demographic and Health Survey 2022 (KE2022DHS), county estimates",
    url="https://api.dhsprogram.com/rest/dhs/data?surveyIds=KE2022DHS",
    licence="DHS Program open data: cite 'KNBS and ICF. Kenya Demographic and Health Survey 2022'; "
            "copy from the swahili-health-mcp package (MIT)",
    as_of="2022-07-31",
    derived_from=(INDICATORS_FILE,),
    notes="Fieldwork February to July 2022. Values pulled from the DHS Program API on 2026-10-07 by the "
          "swahili-health-mcp package; no confidence intervals.",
)

COLUMNS = ["county", "indicator_id", "label", "unit", "population", "group", "value", "n", "period"]
LOWER_IS_BETTER = {"CH_VACC_C_NON", "CN_NUTS_C_HA2", "RH_PCMT_W_NON"}

# DHS indicators that measure a UN global SDG indicator: (indicator, correspondence, note). Stunting and skilled
# birth attendance follow the UN definitions (DHS surveys are a source of Kenya's official 2.2.1 and 3.1.2); DPT3 of
# children 12–23 months is one of the series of 3.b.1 (the UN series counts 1-year-olds), so a proxy.
SDG_MAP = {
    "CN_NUTS_C_HA2": ("2.2.1", "same definition", 2, "2.2"),
    "RH_DELA_C_SKP": ("3.1.2", "same definition", 3, "3.1"),
    "CH_VACC_C_DP3": ("3.b.1", "proxy", 3, "3.b"),
}

# The published labels and populations in Kiswahili (common/vocabulary.py shows them on `?lang=sw`), keyed by the
# English as the file has it, in the Ministry of Health's Kiswahili terms (chanjo, udumavu, huduma ya kabla ya
# kujifungua, mhudumu wa afya mwenye ujuzi).
LABELS_SW = {
    "Fully vaccinated (8 basic antigens)": "Wamepata chanjo zote (chanjo 8 za msingi)",
    "BCG vaccination received": "Wamepata chanjo ya BCG",
    "DPT 3 (pentavalent) vaccination received": "Wamepata dozi ya 3 ya chanjo ya DPT (pentavalent)",
    "Measles vaccination received": "Wamepata chanjo ya surua",
    "Received no vaccinations": "Hawajapata chanjo yoyote",
    "Children stunted (height-for-age below -2 SD)": "Watoto wenye udumavu (urefu kwa umri chini ya -2 SD)",
    "Antenatal care: 4 or more visits": "Huduma ya kabla ya kujifungua: ziara 4 au zaidi",
    "Antenatal care from a skilled provider": "Huduma ya kabla ya kujifungua kutoka kwa mhudumu wa afya mwenye ujuzi",
    "Assistance during delivery from a skilled provider": "Kujifungua kwa msaada wa mhudumu wa afya mwenye ujuzi",
    "Delivery in a health facility": "Kujifungua katika kituo cha afya",
    "No postnatal checkup for the mother": "Mama hakupata uchunguzi wa afya baada ya kujifungua",
}
POPULATIONS_SW = {
    "children 12-23 months": "watoto wa miezi 12-23",
    "children under 5": "watoto walio chini ya miaka 5",
    "live births": "vizazi hai",
    "women with a live birth": "wanawake waliojifungua mtoto hai",
}

def derive(sources: Path) -> dict[str, pd.DataFrame]:
    """Return the KDHS 2022 indicator values per county, keyed by KNBS county code."""
    path = Path(sources) / INDICATORS_FILE
    frame = read_published_csv(path, COLUMNS)[COLUMNS]
    codes = []
    for number, name in enumerate(frame["county"], start=2):
        try:
            codes.append(county_code(name))
        except UnknownNameError as err:
            raise SourceError(f"{path}, row {number}, column 'county': {err}") from None
    frame.insert(0, "county_code", codes)
    numbers(frame, "value", path, required=False)
    frame = frame.rename(columns={"county": "county_name_as_published"})
    return {"kdhs2022_county_indicators": frame.sort_values(["indicator_id", "county_code"]).reset_index(drop=True)}


def to_warehouse(ref: dict[str, pd.DataFrame], sha256: str) -> dict[str, pd.DataFrame]:
    """Return the source row, dim_indicator and fact_indicator rows."""
    frame = ref["kdhs2022_county_indicators"]
    indicators = frame.drop_duplicates("indicator_id")
    dim = pd.DataFrame({
        "indicator_code": indicators["indicator_id"],
        "indicator_name": indicators["label"],
        "unit": indicators["unit"],
        "population": indicators["population"],
        "topic": indicators["group"],
        "higher_is_better": ~indicators["indicator_id"].isin(LOWER_IS_BETTER),
        "source_id": PROVENANCE.source_id,
    })
    sdg = indicators["indicator_id"].map(SDG_MAP)
    dim = dim.assign(
        sdg_goal=[m[2] if isinstance(m, tuple) else None for m in sdg],
        sdg_target=[m[3] if isinstance(m, tuple) else None for m in sdg],
        sdg_indicator=[m[0] if isinstance(m, tuple) else None for m in sdg],
        sdg_correspondence=[m[1] if isinstance(m, tuple) else None for m in sdg],
        code_scheme="DHS",
        definition=[f"{label}, among {population} (DHS Program indicator {code})." for code, label, population
                    in zip(indicators["indicator_id"], indicators["label"], indicators["population"])],
        method="Survey estimate published by the DHS Program for the county (KDHS 2022, fieldwork February–July "
               "2022); no confidence interval in the copy used.")
    present = frame[frame["value"].astype("string").fillna("") != ""]
    facts = pd.DataFrame({
        "indicator_code": present["indicator_id"],
        "county_code": present["county_code"],
        "period": "2022",
        "value": present["value"],
        "sample_n": present["n"].replace("", pd.NA),
        "source_id": PROVENANCE.source_id,
    })
    return {"source": pd.DataFrame([source_row(PROVENANCE, sha256)]), "dim_indicator": dim, "fact_indicator": facts}
