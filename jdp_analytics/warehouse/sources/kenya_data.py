"""The county, constituency and ward hierarchy of the kenya-data package (IEBC 2012 delimitation)."""

from __future__ import annotations

import sqlite3
from importlib import resources
from pathlib import Path

import pandas as pd

from jdp_analytics.warehouse.sources import Provenance, SourceError, file_sha256, read_published_csv, source_row

FOLDER = "kenya-data-pypi"
PACKAGE_VERSION = "0.1.2"

PROVENANCE = Provenance(
    source_id="kenya_data_pkg",
    publisher="kenya-data package (aggregating nicanor-korir/kenya-regions: IEBC, OCHA COD-AB, KNBS)",
    title=f"kenya-data {PACKAGE_VERSION}: counties, constituencies and wards (IEBC 2012 delimitation)",
    url="https://pypi.org/project/kenya-data/",
    licence="MIT",
    as_of="2012-03-06",
    derived_from=(f"{FOLDER}/wards.csv", f"{FOLDER}/constituencies.csv"),
    notes="1,450 wards and 290 constituencies of the IEBC 2012 boundaries review (gazetted 6 March 2012). "
          "Ward codes KEW-nnnn are the package's own sequence, not IEBC codes. Secondary source, "
          "marked 'under review' by its authors.",
)

_PACKAGE_SQL = {
    "constituencies": "SELECT c.code AS constituency_code, c.name AS constituency_name, k.code AS county_code, "
                      "k.name AS county_name FROM constituencies c JOIN counties k ON k.id = c.county_id "
                      "ORDER BY c.code",
    "wards": "SELECT w.code AS ward_code, w.name AS ward_name, c.code AS constituency_code, "
             "c.name AS constituency_name, k.code AS county_code, k.name AS county_name FROM wards w "
             "JOIN constituencies c ON c.id = w.constituency_id JOIN counties k ON k.id = c.county_id ORDER BY w.code",
    "population": "SELECT k.code AS code, k.name AS name, p.reference_year, p.population FROM population_statistics p "
                  "JOIN counties k ON k.id = p.entity_id WHERE p.entity_type = 'county' ORDER BY k.code, "
                  "p.reference_year",
}


def package_database() -> Path:
    """Return the path of the SQLite file that the installed kenya-data package ships."""
    return Path(str(resources.files("kenya_data").joinpath("kenya.db")))


def read(sources: Path | None) -> tuple[dict[str, pd.DataFrame], str]:
    """Return constituencies, wards and county population 2019, from a sources folder or the package."""
    if sources is not None and (Path(sources) / FOLDER).is_dir():
        folder = Path(sources) / FOLDER
        frames = {
            "constituencies": read_published_csv(folder / "constituencies.csv",
                                                 ["constituency_code", "constituency_name", "county_code"]),
            "wards": read_published_csv(folder / "wards.csv",
                                        ["ward_code", "ward_name", "constituency_code", "county_code"]),
            "population": read_published_csv(folder / "population.csv",
                                             ["entity_type", "code", "name", "reference_year", "population"]),
        }
        frames["population"] = frames["population"][frames["population"]["entity_type"] == "county"]
        sha = file_sha256(folder / "wards.csv")
    else:
        db = package_database()
        if not db.is_file():
            raise SourceError(f"{db}: the kenya-data package is not installed; run pip install -r requirements.txt.")
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as con:
            frames = {name: pd.read_sql_query(sql, con).astype("string") for name, sql in _PACKAGE_SQL.items()}
        sha = file_sha256(db)
    return frames, sha


def to_warehouse(frames: dict[str, pd.DataFrame], sha256: str) -> dict[str, pd.DataFrame]:
    """Return the source row, dim_constituency and dim_ward rows (county codes as '001'…'047')."""
    cons, wards = frames["constituencies"], frames["wards"]
    dim_cons = pd.DataFrame({
        "constituency_code": cons["constituency_code"],
        "constituency_name": cons["constituency_name"],
        "county_code": cons["county_code"].str.removeprefix("KE"),
        "source_id": PROVENANCE.source_id,
    })
    dim_ward = pd.DataFrame({
        "ward_code": wards["ward_code"],
        "ward_name": wards["ward_name"],
        "constituency_code": wards["constituency_code"],
        "county_code": wards["county_code"].str.removeprefix("KE"),
        "source_id": PROVENANCE.source_id,
    })
    return {"source": pd.DataFrame([source_row(PROVENANCE, sha256)]), "dim_constituency": dim_cons,
            "dim_ward": dim_ward}
