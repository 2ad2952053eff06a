"""SDG indicators derived from the 2019 census (KNBS KPHC Vol. IV), for Kenya, urban/rural Kenya and each county.

Each indicator is one documented derivation (DERIVATIONS): the table, the formula and how it relates to the
UN global indicator. The census measures households or persons, not the population the UN indicator is
defined on, and records the type of source, not the service level, so every one is a proxy, never the UN
indicator itself. Published percentages are summed as printed (each rounded to 0.1 by KNBS, so a sum can be
off by a few tenths); shares of persons are computed from the published counts.

Sub-county rows of the tables are not used: sub-counties are not wards, the geography the warehouse holds
below the county. One period only (census night 24/25 August 2019): no trend can be read from these.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from jdp_analytics.geography.names import UnknownNameError, county_code
from jdp_analytics.warehouse.sources import Provenance, SourceError, numbers, read_published_csv, source_row

FOLDER = "knbs-census-2019-rKenyaCensus"
WATER_FILE = f"{FOLDER}/V4_T2.15.csv"
SANITATION_FILE = f"{FOLDER}/V4_T2.16.csv"
COOKING_FILE = f"{FOLDER}/V4_T2.18.csv"
LIGHTING_FILE = f"{FOLDER}/V4_T2.19.csv"
DISABILITY_FILE = f"{FOLDER}/V4_T2.26.csv"
MOBILE_FILE = f"{FOLDER}/V4_T2.32.csv"
INTERNET_FILE = f"{FOLDER}/V4_T2.33.csv"

PROVENANCE = Provenance(
    source_id="knbs_census_2019_sdg",
    publisher="Kenya National Bureau of Statistics (KNBS)",
    title="2019 Kenya Population and Housing Census, Vol. IV Tables 2.15, 2.16, 2.18, 2.19, 2.26, 2.32 and 2.33 "
          "(SDG proxies derived by JDP Analytics)",
    url="https://www.knbs.or.ke/2019-kenya-population-and-housing-census-reports/",
    licence="Public government publication; CSV conversion by rKenyaCensus (MIT, © 2020 Shelmith Kariuki)",
    as_of="2019-08-24",
    derived_from=(WATER_FILE, SANITATION_FILE, COOKING_FILE, LIGHTING_FILE, DISABILITY_FILE, MOBILE_FILE,
                  INTERNET_FILE),
    notes="Census night 24/25 August 2019. County, Kenya and Kenya urban/rural rows; sub-county rows left out. "
          "Household shares are sums of the published percentages of conventional households; person shares are "
          "computed from the published counts. Every indicator is a proxy of the UN global indicator named.",
)


@dataclass(frozen=True)
class Derivation:
    """One census-derived indicator: where it comes from and how it is computed."""

    code: str
    name: str
    file: str
    numerator: tuple[str, ...]  # published columns summed (percentages) or the count column (persons)
    denominator: str  # published column of the base: households, or persons of the age group
    by_sex: tuple[tuple[str, str, str], ...] = ()  # (sex, numerator column, denominator column)
    population: str = ""
    sdg_goal: int | None = None
    sdg_target: str | None = None
    sdg_indicator: str | None = None
    higher_is_better: bool | None = True
    topic: str = ""
    definition: str = ""

    @property
    def is_percent_table(self) -> bool:
        return not self.by_sex and self.denominator == "ConventionalHouseholds"

    @property
    def method(self) -> str:
        table = "KPHC 2019 Vol. IV Table " + self.file.rsplit("V4_T", 1)[1].removesuffix(".csv")
        if self.is_percent_table:
            return (f"{table}: sum of the published percentages of conventional households in "
                    f"{' + '.join(self.numerator)} (each printed to 0.1 %).")
        # the table's own column names are for the derivation (DERIVATIONS), not for a reader
        return (f"{table}: the persons counted as a percentage of all persons the table counts them among, from the "
                f"published counts, for both sexes together and for each sex.")


DERIVATIONS = (
    Derivation("CEN_WATER_IMPROVED", "Households whose main drinking water source is improved (census)", WATER_FILE,
               ("Pipedintodwelling", "Pipedtoyard/Plot", "Publictap/Standpipe", "Borehole/TubeWell", "ProtectedWell",
                "ProtectedSpring", "Rain/Harvestedwater", "Bottledwater", "WaterVendor"), "ConventionalHouseholds",
               population="conventional households", sdg_goal=6, sdg_target="6.1", sdg_indicator="6.1.1",
               topic="water",
               definition="Share of conventional households whose main source of drinking water is an improved one "
                          "in the WHO/UNICEF JMP sense: piped water, a borehole or tube well, a protected well or "
                          "spring, rainwater, or packaged (bottled) or delivered (vendor) water. Proxy of 6.1.1, which "
                          "also asks that water be on premises, available when needed and free of contamination."),
    Derivation("CEN_WATER_PIPED", "Households whose main drinking water source is piped (census)", WATER_FILE,
               ("Pipedintodwelling", "Pipedtoyard/Plot", "Publictap/Standpipe"), "ConventionalHouseholds",
               population="conventional households", sdg_goal=6, sdg_target="6.1", sdg_indicator="6.1.1",
               topic="water",
               definition="Share of conventional households whose main source of drinking water is piped into the "
                          "dwelling, piped to the yard or plot, or a public tap or standpipe. Proxy of 6.1.1."),
    Derivation("CEN_SANITATION_IMPROVED", "Households with an improved toilet facility (census)", SANITATION_FILE,
               ("MainSewer", "SepticTank", "CessPool", "VipLatrine", "PitLatrine_Covered",
                "BioSepticTank/Biodigester"), "ConventionalHouseholds", population="conventional households",
               sdg_goal=6, sdg_target="6.2", sdg_indicator="6.2.1", topic="sanitation",
               definition="Share of conventional households whose main mode of human waste disposal is a main sewer, "
                          "septic tank, cess pool, VIP latrine, covered pit latrine or bio-digester (JMP improved, "
                          "with 'covered' standing for 'with slab'). Proxy of 6.2.1(a): sharing and safe emptying "
                          "are not recorded."),
    Derivation("CEN_CLEAN_COOKING", "Households cooking mainly with clean fuels (census)", COOKING_FILE,
               ("Electricity", "Gas(LPG)", "Biogas", "Solar"), "ConventionalHouseholds",
               population="conventional households", sdg_goal=7, sdg_target="7.1", sdg_indicator="7.1.2",
               topic="energy",
               definition="Share of conventional households whose main cooking fuel is electricity, LPG, biogas or "
                          "solar (WHO clean fuels; paraffin, firewood and charcoal are not). Proxy of 7.1.2, which "
                          "counts persons, not households."),
    Derivation("CEN_ELECTRICITY_LIGHTING", "Households lit mainly by mains electricity (census)", LIGHTING_FILE,
               ("MainsElectricity",), "ConventionalHouseholds", population="conventional households", sdg_goal=7,
               sdg_target="7.1", sdg_indicator="7.1.1", topic="energy",
               definition="Share of conventional households whose main lighting source is mains electricity. Proxy "
                          "of 7.1.1: solar home systems and off-grid electricity are left out, and it counts "
                          "households, not persons."),
    # The age of the base (3+, 5+) is the indicator's population, not a breakdown: age_group stays 'all'.
    Derivation("CEN_MOBILE_OWNERSHIP", "Persons aged 3 and above who own a mobile phone (census)", MOBILE_FILE,
               ("MPO_Total",), "Total", (("female", "MPO_Female", "Female"), ("male", "MPO_Male", "Male")),
               population="persons aged 3 and above", sdg_goal=5, sdg_target="5.b", sdg_indicator="5.b.1",
               topic="gender",
               definition="Share of persons aged 3 and above who own a mobile phone, by sex. Proxy of 5.b.1 (ITU "
                          "counts individuals aged 10 and above)."),
    Derivation("CEN_INTERNET_USE", "Persons aged 3 and above who used the internet (census)", INTERNET_FILE,
               ("UoI_Total",), "Total", (("female", "UoI_Female", "Female"), ("male", "UoI_Male", "Male")),
               population="persons aged 3 and above", sdg_goal=17, sdg_target="17.8", sdg_indicator="17.8.1",
               topic="ICT",
               definition="Share of persons aged 3 and above who used the internet, by sex. Proxy of 17.8.1 (ITU: "
                          "use in the last three months, all ages or 15+)."),
    Derivation("CEN_DISABILITY_PREVALENCE", "Persons aged 5 and above with a disability (census)", DISABILITY_FILE,
               ("WithDisability_Total",), "PopAge>5_Total",
               (("female", "WithDisability_Female", "PopAge>5_Female"), ("male", "WithDisability_Male",
                                                                         "PopAge>5_Male")),
               population="persons aged 5 and above", sdg_goal=10, sdg_target="10.2", higher_is_better=None,
               topic="inequality",
               definition="Share of persons aged 5 and above reported with a disability (Washington Group questions), "
                          "by sex; the base includes those whose status was not stated. Not an SDG indicator: the "
                          "denominator for disaggregating SDG 10 and 16.7 indicators by disability; neither higher "
                          "nor lower is 'better'."),
)

# The names and populations in Kiswahili, beside the English (common/vocabulary.py shows them on `?lang=sw`), in
# KNBS's Kiswahili census terms (sensa, kaya).
NAMES_SW = {
    "CEN_WATER_IMPROVED": "Kaya ambazo chanzo chao kikuu cha maji ya kunywa kimeboreshwa (sensa)",
    "CEN_WATER_PIPED": "Kaya ambazo chanzo chao kikuu cha maji ya kunywa ni maji ya bomba (sensa)",
    "CEN_SANITATION_IMPROVED": "Kaya zenye choo kilichoboreshwa (sensa)",
    "CEN_CLEAN_COOKING": "Kaya zinazopika hasa kwa nishati safi (sensa)",
    "CEN_ELECTRICITY_LIGHTING": "Kaya zinazotumia hasa umeme wa gridi kwa mwangaza (sensa)",
    "CEN_MOBILE_OWNERSHIP": "Watu wenye umri wa miaka 3 na zaidi wanaomiliki simu ya mkononi (sensa)",
    "CEN_INTERNET_USE": "Watu wenye umri wa miaka 3 na zaidi waliotumia intaneti (sensa)",
    "CEN_DISABILITY_PREVALENCE": "Watu wenye umri wa miaka 5 na zaidi wenye ulemavu (sensa)",
}
POPULATIONS_SW = {
    "conventional households": "kaya za kawaida",
    "persons aged 3 and above": "watu wenye umri wa miaka 3 na zaidi",
    "persons aged 5 and above": "watu wenye umri wa miaka 5 na zaidi",
}

OUT_COLUMNS = ["indicator_code", "geo_code", "county_name_as_published", "sex", "age_group", "residence",
               "numerator", "denominator", "value", "table"]


def _place(row: pd.Series, path: Path, line: int) -> tuple[str, str] | None:
    """Return (geo_code, residence) of a Kenya, urban/rural or county row; None for a sub-county row."""
    if row["AdminArea"] == "County":
        try:
            return county_code(row["County"]), "all"
        except UnknownNameError as err:
            raise SourceError(f"{path}, row {line}, column 'County': {err}") from None
    label = str(row["SubCounty"]).strip().rstrip("*").upper()
    if row["AdminArea"] == "xxx" and label in ("KENYA", "RURAL", "URBAN"):
        return "KE", {"KENYA": "all", "RURAL": "rural", "URBAN": "urban"}[label]
    return None


def _derive_one(sources: Path, spec: Derivation) -> list[dict]:
    path = Path(sources) / spec.file
    needed = [*spec.numerator, spec.denominator] + [c for _, n, d in spec.by_sex for c in (n, d)]
    frame = read_published_csv(path, ["County", "SubCounty", "AdminArea", *dict.fromkeys(needed)])
    rows = []
    for idx, row in frame.iterrows():
        place = _place(row, path, int(idx) + 2)
        if place is None:
            continue
        geo_code, residence = place
        one = frame.loc[[idx]]
        base = {"indicator_code": spec.code, "geo_code": geo_code, "county_name_as_published": row["County"],
                "age_group": "all", "residence": residence, "table": spec.file.rsplit("/", 1)[1]}
        if spec.is_percent_table:
            # Blank cells in these tables are categories no household reported: zero.
            share = sum(float(numbers(one, c, path, required=False).fillna(0).iloc[0]) for c in spec.numerator)
            households = float(numbers(one, spec.denominator, path).iloc[0])
            rows.append({**base, "sex": "all", "numerator": "", "denominator": f"{households:.0f}",
                         "value": f"{share:.1f}"})
            continue
        for sex, num_col, den_col in (("all", spec.numerator[0], spec.denominator), *spec.by_sex):
            numerator = float(numbers(one, num_col, path).iloc[0])
            denominator = float(numbers(one, den_col, path).iloc[0])
            rows.append({**base, "sex": sex, "numerator": f"{numerator:.0f}", "denominator": f"{denominator:.0f}",
                         "value": f"{100 * numerator / denominator:.2f}"})
    return rows


def derive(sources: Path) -> dict[str, pd.DataFrame]:
    """Return every census-derived indicator value for Kenya, urban/rural Kenya and the 47 counties."""
    rows = [row for spec in DERIVATIONS for row in _derive_one(sources, spec)]
    frame = pd.DataFrame(rows, columns=OUT_COLUMNS)
    order = {"KE": "000"}
    frame = frame.assign(_geo=frame["geo_code"].map(lambda g: order.get(g, g)))
    frame = frame.sort_values(["indicator_code", "_geo", "residence", "sex"]).drop(columns="_geo")
    return {"census2019_sdg_indicators": frame.reset_index(drop=True)}


def to_warehouse(ref: dict[str, pd.DataFrame], sha256: str) -> dict[str, pd.DataFrame]:
    """Return the source row, the indicators for dim_indicator and their observations."""
    frame = ref["census2019_sdg_indicators"]
    dim = pd.DataFrame([{
        "indicator_code": d.code, "indicator_name": d.name, "unit": "percent", "population": d.population,
        "topic": d.topic, "higher_is_better": d.higher_is_better, "source_id": PROVENANCE.source_id,
        "sdg_goal": d.sdg_goal, "sdg_target": d.sdg_target, "sdg_indicator": d.sdg_indicator,
        "sdg_correspondence": "proxy" if d.sdg_indicator else None, "code_scheme": "census-derived",
        "definition": d.definition, "method": d.method} for d in DERIVATIONS])
    dim["higher_is_better"] = dim["higher_is_better"].astype("boolean")
    facts = pd.DataFrame({
        "indicator_code": frame["indicator_code"], "geo_code": frame["geo_code"],
        "county_code": frame["geo_code"].where(frame["geo_code"] != "KE"), "ward_code": None, "period": "2019",
        "sex": frame["sex"], "age_group": frame["age_group"], "disability": "all", "residence": frame["residence"],
        "other_disaggregation": "all", "value": frame["value"],
        "sample_n": frame["denominator"].replace("", pd.NA), "note": None, "source_id": PROVENANCE.source_id})
    return {"source": pd.DataFrame([source_row(PROVENANCE, sha256)]), "dim_indicator": dim,
            "fact_indicator_observation": facts}
