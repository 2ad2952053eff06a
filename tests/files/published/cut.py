"""Write the cuts of the published source files that the tests read without ../shared/data, and Homa Bay's test wards.

Run from the repository root with the folder of published files:
`.venv/bin/python tests/files/published/cut.py ../shared/data`. The files are kept in the repository (README.md beside
this script names each one's origin, licence and cut), so the tests never need to run it; the output is the same on
every run, and tests/test_published_cuts.py cuts again into a temporary folder and checks the committed files are equal
when the folder is present.

Only files under an open licence are cut (README.md): the IEBC ward file's licence is unclear, so Homa Bay's wards are
test polygons made from OCHA's constituency polygons (CC BY-IGO), not ward boundaries.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable
from pathlib import Path

import shapely
from shapely.geometry import box, mapping, shape

HERE = Path(__file__).resolve().parent
WARDS_OUT = HERE.parent / "wards" / "homa_bay_test_wards.geojson"
COB = "cob-county-budget"
CENSUS = "knbs-census-2019-rKenyaCensus"
CONSTITUENCIES = "ocha-cod-ab/ken_admin2_constituencies.geojson"
KENYA_DATA_WARDS = "kenya-data-pypi/wards.csv"
HOMA_BAY = "KE043"  # OCHA p-code = KNBS county code 043
GRID = 1e-5  # degrees, about 1 m: coordinates are written to 5 decimals


def lines_where(keep: Callable[[dict[str, str]], bool]) -> Callable[[str], str]:
    """Return a cut that keeps the header line and each line whose row `keep` accepts, byte for byte."""
    def cut(text: str) -> str:
        lines = text.splitlines(keepends=True)
        header = next(csv.reader([lines[0]]))
        kept = [line for line in lines[1:] if keep(dict(zip(header, next(csv.reader([line])))))]
        return "".join([lines[0], *kept])
    return cut


def whole(text: str) -> str:
    return text


def national_wajir_and_homa_bay(row: dict[str, str]) -> bool:
    """Kenya, rural and urban Kenya (AdminArea 'xxx') and the county rows of Wajir and Homa Bay."""
    if row["AdminArea"] == "xxx":
        return row["SubCounty"].rstrip("*") in ("KENYA", "RURAL", "URBAN")
    return row["AdminArea"] == "County" and row["County"] in ("WAJIR", "HOMA BAY")


YOUTH_AGES = {str(age) for age in range(18, 35)}

# path in the source folder -> the cut; README.md says the same in words
CUTS: dict[str, Callable[[str], str]] = {
    f"{COB}/cob_county_budget_absorption_fy2013_14_to_fy2024_25.csv": lines_where(
        lambda row: row["fiscal_year"] in ("2013/14", "2014/15", "2015/16")),
    f"{COB}/cob_report_sources.csv": whole,
    f"{CENSUS}/V1_T2.2.csv": whole,
    f"{CENSUS}/V1_T2.5.csv": lines_where(lambda row: row["County"] == "Kwale County"),
    f"{CENSUS}/V3_T2.3.csv": lines_where(lambda row: row["County"] == "KWALE" and row["Age"] in YOUTH_AGES),
    **{f"{CENSUS}/V4_T2.{table}.csv": lines_where(national_wajir_and_homa_bay)
       for table in ("15", "16", "18", "19", "26", "32", "33")},
}


def strips(polygon, count: int) -> list:
    """Cut a polygon west to east into `count` parts of equal area (in degrees², close enough for test wards)."""
    west, south, east, north = polygon.bounds
    edges = [west - 1]
    for part in range(1, count):
        target, low, high = polygon.area * part / count, west, east
        for _ in range(60):  # bisection to a width far below the 1 m grid
            middle = (low + high) / 2
            if polygon.intersection(box(west - 1, south - 1, middle, north + 1)).area < target:
                low = middle
            else:
                high = middle
        edges.append(round((low + high) / 2, 5))
    edges.append(east + 1)
    return [polygon.intersection(box(a, south - 1, b, north + 1)) for a, b in zip(edges, edges[1:])]


def rounded(geometry) -> dict:
    """Return the GeoJSON geometry on a 5-decimal grid, kept valid, with plain rounded numbers."""
    snapped = shapely.set_precision(geometry, GRID)

    def round_all(value):
        if isinstance(value, (list, tuple)):
            return [round_all(v) for v in value]
        return round(value, 5)
    found = mapping(snapped)
    return {"type": found["type"], "coordinates": round_all(found["coordinates"])}


def homa_bay_test_wards(sources: Path) -> str:
    """Homa Bay's 40 wards as test polygons: each OCHA constituency polygon cut into as many strips as it has wards
    (kenya-data), named after them in upper case as the IEBC file writes names. Not ward boundaries."""
    constituencies = json.loads((sources / CONSTITUENCIES).read_text(encoding="utf-8"))["features"]
    with (sources / KENYA_DATA_WARDS).open(newline="", encoding="utf-8") as handle:
        wards = [row for row in csv.DictReader(handle) if row["county_code"] == HOMA_BAY]
    features = []
    for constituency in sorted((f for f in constituencies if f["properties"]["adm1_pcode"] == HOMA_BAY),
                               key=lambda f: f["properties"]["adm2_pcode"]):
        code = constituency["properties"]["adm2_pcode"]
        names = sorted((w["ward_code"], w["ward_name"], w["constituency_name"]) for w in wards
                       if w["constituency_code"] == code)
        for (_, ward, name), part in zip(names, strips(shape(constituency["geometry"]), len(names))):
            features.append({"type": "Feature", "properties": {"ward_name": ward.upper(),
                                                               "constituency_name": name.upper(),
                                                               "county_name": "HOMA BAY"},
                             "geometry": rounded(part)})
    if len(features) != len(wards):
        raise SystemExit(f"{sources / CONSTITUENCIES}: {len(features)} test wards made for Homa Bay's {len(wards)}")
    collection = {"type": "FeatureCollection", "features": features}
    return json.dumps(collection, separators=(",", ":"), ensure_ascii=False) + "\n"


def cut_all(sources: Path) -> dict[str, str]:
    """Return {path under tests/files: text} of every cut and the test wards, from a folder like shared/data."""
    # read as bytes, then decoded: read_text would turn CRLF line endings into LF
    files = {f"published/{path}": cut((sources / path).read_bytes().decode("utf-8")) for path, cut in CUTS.items()}
    files[str(WARDS_OUT.relative_to(HERE.parent))] = homa_bay_test_wards(sources)
    return files


def write(sources: Path, folder: Path = HERE.parent) -> list[Path]:
    """Write every cut under `folder` (tests/files by default); return the paths written."""
    written = []
    for name, text in cut_all(sources).items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        written.append(path)
    return written


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit("usage: python tests/files/published/cut.py PUBLISHED_FOLDER (e.g. ../shared/data)")
    for path in write(Path(sys.argv[1])):
        print(f"{path.stat().st_size:>7,} bytes  {path.relative_to(HERE.parent.parent.parent)}")
