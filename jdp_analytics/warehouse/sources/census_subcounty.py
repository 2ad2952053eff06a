"""KNBS 2019 census denominators below the county total: sub-county population by sex, youth and disability.

Participation is judged against these: the share of women, youth and persons with disabilities among
participants is compared with their share of the population of the county or sub-county.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from jdp_analytics.geography.names import UnknownNameError, county_code, name_key
from jdp_analytics.warehouse.sources import Provenance, SourceError, numbers, read_published_csv, source_row

FOLDER = "knbs-census-2019-rKenyaCensus"
SUBCOUNTY_FILE = f"{FOLDER}/V1_T2.5.csv"
AGE_FILE = f"{FOLDER}/V3_T2.3.csv"
DISABILITY_FILE = f"{FOLDER}/V4_T2.26.csv"

# Constitution of Kenya 2010, Art. 260: youth have "attained the age of eighteen years" but "not attained the
# age of thirty-five years", i.e. single-year ages 18 to 34 inclusive (the issue's "18–35").
YOUTH_AGES = tuple(range(18, 35))
YOUTH_GROUP = "youth_18_34"
ADULT_GROUP = "aged_18_plus"
ADULT_AGES = (*(str(age) for age in range(18, 100)), "100+")  # Vol. III's single years, its last line '100+'
AGED_5_PLUS_GROUP = "aged_5_plus"
PWD_GROUP = "pwd_aged_5_plus"

# Vol. III spells or cuts six sub-counties differently from Vol. I: (county, Vol. III name) -> Vol. I name.
AGE_TABLE_ALIASES = {
    ("002", "SAMBURU"): "Samburu-Kwale",
    ("009", "KOTULO"): "Kutulo",
    ("018", "ABERDARE NATIONA"): "Aberdare National Park*",
    ("018", "NYANDARUA CENTRA"): "Nyandarua Central",
    ("020", "MT. KENYA FORE"): "Mt Kenya Forest*",
    ("039", "KIMILILI"): "Kimilili-Bungoma",
}

PROVENANCE = Provenance(
    source_id="knbs_census_2019_subcounty",
    publisher="Kenya National Bureau of Statistics (KNBS)",
    title="2019 Kenya Population and Housing Census, Tables I-2.5, III-2.3 and IV-2.26",
    url="https://www.knbs.or.ke/2019-kenya-population-and-housing-census-reports/",
    licence="Public government publication; CSV conversion by rKenyaCensus (MIT, © 2020 Shelmith Kariuki)",
    as_of="2019-08-24",
    derived_from=(SUBCOUNTY_FILE, AGE_FILE, DISABILITY_FILE),
    notes="Census night 24/25 August 2019, read from the rKenyaCensus tables V1_T2.5 (population by sex and "
          "sub-county, with 12 forest and park 'special areas'), V3_T2.3 (single-year age by sex) and V4_T2.26 "
          "(disability status by sex, persons aged 5 and above). Adults are ages 18 to '100+' (age not stated left "
          "out). Youth are ages 18 to 34 inclusive (Constitution Art. 260). Sub-counties are KNBS census "
          "sub-counties, not constituencies.",
)


def _codes(path: Path, frame: pd.DataFrame, column: str) -> list[str]:
    codes = []
    for idx, name in zip(frame.index, frame[column]):
        try:
            codes.append(county_code(name))
        except UnknownNameError as err:
            raise SourceError(f"{path}, row {idx + 2}, column {column!r}: {err}") from None
    return codes


def _counts(frame: pd.DataFrame, columns: dict[str, str], path: Path, blank_is_zero: bool = False) -> pd.DataFrame:
    for published, name in columns.items():
        frame[name] = numbers(frame, published, path, required=not blank_is_zero).fillna(0).astype("int64")
    return frame


def _subcounties(sources: Path) -> pd.DataFrame:
    path = Path(sources) / SUBCOUNTY_FILE
    frame = read_published_csv(path, ["County", "SubCounty", "AdminArea", "Male", "Female", "Intersex", "Total"])
    frame = frame[frame["AdminArea"].isin(["SubCounty", "Special Area"])].copy()
    frame["county_code"] = _codes(path, frame, "County")
    frame = _counts(frame, {"Male": "male", "Female": "female", "Intersex": "intersex", "Total": "total"}, path)
    return frame.rename(columns={"SubCounty": "subcounty_name", "AdminArea": "admin_area"})


def _youth(sources: Path) -> pd.DataFrame:
    """Return persons aged 18–34 by sex per county ('ALL') and per sub-county, as Vol. III names them."""
    path = Path(sources) / AGE_FILE
    frame = read_published_csv(path, ["County", "SubCounty", "Age", "Male", "Female", "Total"])
    frame = frame[frame["Age"].isin([str(age) for age in YOUTH_AGES])].copy()
    frame["county_code"] = _codes(path, frame, "County")
    # Vol. III leaves a cell blank where KNBS prints '-': no person of that age and sex in the sub-county.
    frame = _counts(frame, {"Male": "male", "Female": "female", "Total": "total"}, path, blank_is_zero=True)
    youth = frame.groupby(["county_code", "SubCounty"], as_index=False)[["male", "female", "total"]].sum()
    ages = frame.groupby(["county_code", "SubCounty"])["Age"].nunique()
    short = ages[ages != len(YOUTH_AGES)]
    if not short.empty:
        county, subcounty = short.index[0]
        raise SourceError(f"{path}: {subcounty!r} in county {county} lacks some single-year ages 18 to 34. "
                          "Restore the published file.")
    return youth


def _adults(sources: Path) -> pd.DataFrame:
    """Return persons aged 18 and above by sex per county (age 'Not Stated' left out): the adults who may attend."""
    path = Path(sources) / AGE_FILE
    frame = read_published_csv(path, ["County", "SubCounty", "Age", "Male", "Female", "Total"])
    frame = frame[(frame["SubCounty"] == "ALL") & frame["Age"].isin(ADULT_AGES)].copy()
    frame["county_code"] = _codes(path, frame, "County")
    frame = _counts(frame, {"Male": "male", "Female": "female", "Total": "total"}, path, blank_is_zero=True)
    return frame.groupby("county_code", as_index=False)[["male", "female", "total"]].sum()


def _disability(sources: Path) -> pd.DataFrame:
    path = Path(sources) / DISABILITY_FILE
    columns = {"PopAge>5_Total": "aged_5_plus_total", "PopAge>5_Male": "aged_5_plus_male",
               "PopAge>5_Female": "aged_5_plus_female", "WithDisability_Total": "pwd_total",
               "WithDisability_Male": "pwd_male", "WithDisability_Female": "pwd_female"}
    frame = read_published_csv(path, ["County", "SubCounty", "AdminArea", *columns])
    frame = frame[frame["AdminArea"] == "County"].copy()
    frame["county_code"] = _codes(path, frame, "County")
    return _counts(frame, columns, path)


def derive(sources: Path) -> dict[str, pd.DataFrame]:
    """Return sub-county population by sex with youth, and county youth, aged-5+ and disability counts by sex."""
    subs = _subcounties(sources)
    youth = _youth(sources)
    county_youth = youth[youth["SubCounty"] == "ALL"]
    sub_youth = youth[youth["SubCounty"] != "ALL"].copy()
    sub_youth["key"] = [name_key(AGE_TABLE_ALIASES.get((c, n), n)) for c, n in zip(sub_youth["county_code"],
                                                                                    sub_youth["SubCounty"])]
    subs["key"] = subs["subcounty_name"].map(name_key)
    for frame, path in ((subs, SUBCOUNTY_FILE), (sub_youth, AGE_FILE)):
        twice = frame[frame.duplicated(["county_code", "key"])]
        if not twice.empty:
            raise SourceError(f"{Path(sources) / path}: county {twice['county_code'].iloc[0]} names the sub-county "
                              f"{twice['key'].iloc[0]!r} twice. Restore the published file.")
    merged = subs.merge(sub_youth, on=["county_code", "key"], how="outer", suffixes=("", "_youth"), indicator=True)
    if (merged["_merge"] == "left_only").any():
        first = merged[merged["_merge"] == "left_only"].iloc[0]
        raise SourceError(f"{Path(sources) / AGE_FILE}: no single-year ages for sub-county "
                          f"{first['subcounty_name']!r} of county {first['county_code']} as named in "
                          f"{SUBCOUNTY_FILE}. Restore the published files.")
    if (merged["_merge"] == "right_only").any():
        first = merged[merged["_merge"] == "right_only"].iloc[0]
        raise SourceError(f"{Path(sources) / AGE_FILE}: sub-county {first['SubCounty']!r} of county "
                          f"{first['county_code']} is not in {SUBCOUNTY_FILE}. Restore the published files.")
    subcounty = pd.DataFrame({
        "county_code": merged["county_code"],
        "county_name_as_published": merged["County"],
        "subcounty_name": merged["subcounty_name"],
        "admin_area": merged["admin_area"],
        "male": merged["male"], "female": merged["female"], "intersex": merged["intersex"], "total": merged["total"],
        "youth_18_34_male": merged["male_youth"], "youth_18_34_female": merged["female_youth"],
        "youth_18_34_total": merged["total_youth"],
    }).sort_values(["county_code", "subcounty_name"]).reset_index(drop=True)

    disability = _disability(sources)
    groups = [county_youth.assign(population_group=YOUTH_GROUP)[["county_code", "population_group", "male",
                                                                 "female", "total"]],
              _adults(sources).assign(population_group=ADULT_GROUP)]
    for group, prefix in ((AGED_5_PLUS_GROUP, "aged_5_plus"), (PWD_GROUP, "pwd")):
        groups.append(pd.DataFrame({"county_code": disability["county_code"], "population_group": group,
                                    "male": disability[f"{prefix}_male"], "female": disability[f"{prefix}_female"],
                                    "total": disability[f"{prefix}_total"]}))
    wide = pd.concat(groups, ignore_index=True)
    long = wide.melt(["county_code", "population_group"], ["male", "female", "total"], var_name="sex",
                     value_name="persons")
    for group, frame in wide.groupby("population_group"):
        if len(frame) != 47 or frame["county_code"].nunique() != 47:
            raise SourceError(f"{sources}: the {group} counts have {len(frame)} county rows for "
                              f"{frame['county_code'].nunique()} counties, not one for each of the 47. "
                              "Restore the published files.")
    long = long.sort_values(["county_code", "population_group", "sex"]).reset_index(drop=True)
    return {"census2019_subcounty_population": subcounty, "census2019_county_population_groups": long}


def to_warehouse(ref: dict[str, pd.DataFrame], sha256: str) -> dict[str, pd.DataFrame]:
    """Return the source row, dim_subcounty_population and fact_county_population_group rows."""
    subs, groups = ref["census2019_subcounty_population"], ref["census2019_county_population_groups"]
    dim = pd.DataFrame({
        "county_code": subs["county_code"],
        "subcounty_name": subs["subcounty_name"],
        "is_special_area": subs["admin_area"] == "Special Area",
        "population_total": subs["total"],
        "population_male": subs["male"],
        "population_female": subs["female"],
        "population_intersex": subs["intersex"],
        "youth_18_34_total": subs["youth_18_34_total"],
        "youth_18_34_male": subs["youth_18_34_male"],
        "youth_18_34_female": subs["youth_18_34_female"],
        "source_id": PROVENANCE.source_id,
    })
    facts = groups[["county_code", "population_group", "sex", "persons"]].assign(source_id=PROVENANCE.source_id)
    return {"source": pd.DataFrame([source_row(PROVENANCE, sha256)]), "dim_subcounty_population": dim,
            "fact_county_population_group": facts}
