"""KNBS 2019 Kenya Population and Housing Census: county population by sex, households and land area."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from jdp_analytics.geography.counties import JDP_TARGETS
from jdp_analytics.geography.names import UnknownNameError, county_code
from jdp_analytics.warehouse.sources import Provenance, SourceError, numbers, read_published_csv, source_row

FOLDER = "knbs-census-2019-rKenyaCensus"
POPULATION_FILE = f"{FOLDER}/V1_T2.2.csv"
HOUSEHOLDS_FILE = f"{FOLDER}/V2_T2.2.csv"
NATIONAL_ROWS = {"total", "kenya", "xxx"}

PROVENANCE = Provenance(
    source_id="knbs_census_2019",
    publisher="Kenya National Bureau of Statistics (KNBS)",
    title="2019 Kenya Population and Housing Census, Tables I-2.2 and II-2.2",
    url="https://www.knbs.or.ke/2019-kenya-population-and-housing-census-reports/",
    licence="Public government publication; CSV conversion by rKenyaCensus (MIT, © 2020 Shelmith Kariuki)",
    as_of="2019-08-24",
    derived_from=(POPULATION_FILE, HOUSEHOLDS_FILE),
    notes="Census night 24/25 August 2019. Vol. I Table 2.2 (population by sex) and Vol. II Table 2.2 "
          "(households, land area), read from the rKenyaCensus R package tables V1_T2.2 and V2_T2.2.",
)


def _county_rows(path: Path, frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame[~frame["County"].str.strip().str.lower().isin(NATIONAL_ROWS)].copy()
    codes = []
    for idx, name in zip(frame.index, frame["County"]):
        try:
            codes.append(county_code(name))
        except UnknownNameError as err:
            raise SourceError(f"{path}, row {idx + 2}, column 'County': {err}") from None
    frame.insert(0, "county_code", codes)
    if sorted(codes) != sorted(set(codes)) or len(codes) != 47:
        raise SourceError(f"{path}: expected one row for each of the 47 counties, found {len(set(codes))} "
                          "distinct counties. Restore the published file.")
    return frame


def derive(sources: Path) -> dict[str, pd.DataFrame]:
    """Return county population by sex, and households and land area, keyed by county code."""
    path = Path(sources) / POPULATION_FILE
    pop = _county_rows(path, read_published_csv(path, ["County", "Male", "Female", "Intersex", "Total"]))
    for column in ("Male", "Female", "Intersex", "Total"):
        pop[column] = numbers(pop, column, path).astype("int64")
    pop = pop.rename(columns={"County": "county_name_as_published", "Male": "male", "Female": "female",
                              "Intersex": "intersex", "Total": "total"})
    path2 = Path(sources) / HOUSEHOLDS_FILE
    hh_cols = ["County", "Sex_Total", "Households_Total", "LandArea(Sq km)"]
    hh = _county_rows(path2, read_published_csv(path2, hh_cols))[["county_code", *hh_cols]]
    for column in hh_cols[1:]:
        hh[column] = numbers(hh, column, path2)
    hh = hh.rename(columns={"County": "county_name_as_published", "Sex_Total": "population_total",
                            "Households_Total": "households", "LandArea(Sq km)": "land_area_km2"})
    hh["population_total"] = hh["population_total"].astype("int64")
    hh["households"] = hh["households"].astype("int64")
    return {"census2019_population_by_sex": pop.sort_values("county_code").reset_index(drop=True),
            "census2019_households_area": hh.sort_values("county_code").reset_index(drop=True)}


def to_warehouse(ref: dict[str, pd.DataFrame], county_names: dict[str, str], sha256: str) -> dict[str, pd.DataFrame]:
    """Return the census source row and the dim_county rows."""
    pop, hh = ref["census2019_population_by_sex"], ref["census2019_households_area"]
    merged = pop.merge(hh, on="county_code", suffixes=("", "_hh"))
    county = pd.DataFrame({
        "county_code": merged["county_code"],
        "county_name": merged["county_code"].map(county_names),
        "is_jdp_target": merged["county_code"].isin(JDP_TARGETS),
        "population_2019": merged["total"],
        "population_male_2019": merged["male"],
        "population_female_2019": merged["female"],
        "population_intersex_2019": merged["intersex"],
        "households_2019": merged["households"],
        "area_km2": merged["land_area_km2"],
        "source_id": PROVENANCE.source_id,
    })
    return {"source": pd.DataFrame([source_row(PROVENANCE, sha256)]), "dim_county": county}
