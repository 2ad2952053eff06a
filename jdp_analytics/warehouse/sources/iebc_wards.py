"""IEBC 2012 ward boundaries: polygons for ward maps (licence unclear: read only through --sources)."""

from __future__ import annotations

import json
from pathlib import Path

import geopandas as gpd
import pandas as pd
from shapely.geometry import mapping

from jdp_analytics.geography import boundaries
from jdp_analytics.geography.names import Gazetteer, UnknownNameError, name_key
from jdp_analytics.warehouse.sources import Provenance, SourceError, source_row
from jdp_analytics.warehouse.sources.ocha import read_features, simplify, valid_polygons

FOLDER = "wards-iebc-2012"
WARDS_FILE = f"{FOLDER}/kenya_wards.geojson"

PROVENANCE = Provenance(
    source_id="iebc_wards_2012",
    publisher="Independent Electoral and Boundaries Commission (IEBC)",
    title="County assembly ward boundaries, 2012 boundaries review (shapefile as redistributed)",
    url="https://github.com/dandia-ke/jipange-na-kura",
    licence="Unclear: no licence stated; not shipped with the project.",
    as_of="2012-03-06",
    derived_from=(WARDS_FILE,),
    notes="1,439 of the 1,450 wards have a polygon, 4 of which have a ring of two or three points that GEOS "
          "cannot read (Lugari, Shimanzi/Ganjoni, Umoja II, Rong'e) and are left out; names joined to kenya-data "
          "ward codes by county, constituency and ward name. Areas measured before the browser simplification.",
)

# Names the 2012 shapefile shortens or spells differently from the kenya-data ward list.
WARD_ALIASES = {
    ("037", name_key("SHINOYI-SHIKOMARI-")): "Shinoyi-Shikomari-Esumeyia",
    ("045", name_key("MAJOGE")): "Majoge Basi",
    ("047", name_key("MATOPENI")): "Matopeni/Spring Valley",
    ("047", name_key("WOODLEY/KENYATTA GOLF")): "Woodley/Kenyatta Golf Course",
}


def derive(sources: Path, gazetteer: Gazetteer, tolerance: float = 0.0015) -> pd.DataFrame:
    """Return one simplified GeoJSON geometry and area per ward code; an unknown name is an error with suggestions.

    A feature whose geometry cannot be read even with its rings closed (a ring of two points) is left out.
    """
    path = Path(sources) / WARDS_FILE
    rows = []
    frame = read_features(path, fix_invalid_wkb=True)
    for number, props in zip(frame["feature"], frame.drop(columns="geometry").to_dict("records")):
        if frame.geometry.iloc[number - 1] is None:
            continue
        ward, constituency, county = (props.get(k, "") for k in ("ward_name", "constituency_name", "county_name"))
        try:
            county_code = gazetteer.county_code(county)
            ward = WARD_ALIASES.get((county_code, name_key(ward)), ward)
            try:
                code = gazetteer.ward_code(ward, county_code, constituency)
            except UnknownNameError:
                code = gazetteer.ward_code(ward, county_code)
        except UnknownNameError as err:
            raise SourceError(f"{path}, feature {number}, field 'ward_name': {err}") from None
        kept = valid_polygons(frame.geometry.iloc[number - 1], f"{path}, feature {number}")
        area = float(boundaries.areas_km2(gpd.GeoSeries([kept], crs=frame.crs)).iloc[0])
        rows.append((code, json.dumps(mapping(simplify(kept, tolerance)), separators=(",", ":")), round(area, 3)))
    frame = pd.DataFrame(rows, columns=["ward_code", "geometry_geojson", "area_km2"])
    duplicated = frame[frame["ward_code"].duplicated()]
    if not duplicated.empty:
        raise SourceError(f"{path}: two features resolve to ward {duplicated['ward_code'].iloc[0]}.")
    return frame


def to_warehouse(frame: pd.DataFrame, sha256: str) -> dict[str, pd.DataFrame]:
    """Return the source row and geo_ward rows."""
    return {"source": pd.DataFrame([source_row(PROVENANCE, sha256)]),
            "geo_ward": frame.assign(source_id=PROVENANCE.source_id)}
