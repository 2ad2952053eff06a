"""OCHA Common Operational Dataset, administrative boundaries of Kenya (COD-AB): county polygons."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import shapely
import shapely.errors
from shapely.geometry import mapping, shape

from jdp_analytics.geography.names import UnknownNameError, county_code
from jdp_analytics.warehouse.sources import Provenance, SourceError, source_row

FOLDER = "ocha-cod-ab"
COUNTIES_FILE = f"{FOLDER}/ken_admin1_counties.geojson"
ATTRIBUTION = "Boundaries: OCHA / IEBC / KNBS, COD-AB Kenya (HDX), CC BY-IGO"

PROVENANCE = Provenance(
    source_id="ocha_cod_ab_ken",
    publisher="UN OCHA (data from IEBC and KNBS)",
    title="Kenya - Subnational Administrative Boundaries (COD-AB), admin level 1 (counties)",
    url="https://data.humdata.org/dataset/cod-ab-ken",
    licence="CC BY-IGO 3.0; attribution: OCHA / IEBC / KNBS",
    as_of="2019-10-31",
    derived_from=(COUNTIES_FILE,),
    notes="Copy simplified upstream (jipange-na-kura project), simplified again for the browser; fine for "
          "choropleths, not for computing areas.",
)


def round_coordinates(geometry, digits: int = 4):
    """Return a valid geometry with coordinates rounded (4 digits is about 11 m)."""
    rounded = shapely.transform(geometry, lambda xy: np.round(xy, digits))
    return rounded if rounded.is_valid else polygons_only(shapely.make_valid(rounded))


def polygons_only(geometry):
    """Return the polygonal parts of a geometry (make_valid can add stray lines and points)."""
    parts = [part for part in shapely.get_parts(geometry) if part.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(parts) if parts else geometry


def simplify(geometry, tolerance: float, digits: int = 4):
    """Return a valid geometry simplified to a tolerance in degrees, coordinates rounded."""
    simple = round_coordinates(geometry.simplify(tolerance, preserve_topology=True), digits)
    return simple if not simple.is_empty else round_coordinates(geometry, digits)


def parse_geometry(geometry: dict, where: str):
    """Return a shapely geometry from GeoJSON, dropping degenerate rings (fewer than 4 points)."""
    try:
        polygons = ([geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"])
        cleaned = [[ring for ring in polygon if len(ring) >= 4] for polygon in polygons]
        cleaned = [polygon for polygon in cleaned if polygon]
        return polygons_only(shapely.make_valid(shape({"type": "MultiPolygon", "coordinates": cleaned})))
    except (KeyError, TypeError, ValueError, shapely.errors.GEOSException) as err:
        raise SourceError(f"{where}: the geometry is not a valid polygon ({err}).") from None


def read_features(path: Path) -> list[dict]:
    """Return the features of a GeoJSON file, with a clear error if it is not one."""
    if not path.is_file():
        raise SourceError(f"{path}: the file is missing. Pass --sources a folder laid out like shared/data.")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        features = data["features"]
    except (json.JSONDecodeError, KeyError, TypeError, UnicodeDecodeError) as err:
        raise SourceError(f"{path}: not a GeoJSON FeatureCollection ({err}). Restore the published file.") from None
    return features


def derive(sources: Path, tolerance: float = 0.004) -> dict[str, dict]:
    """Return the 47 county polygons as a GeoJSON FeatureCollection with KNBS codes, simplified."""
    path = Path(sources) / COUNTIES_FILE
    features = []
    for number, feature in enumerate(read_features(path), start=1):
        props = feature.get("properties") or {}
        try:
            code = county_code(props.get("adm1_name", ""))
        except UnknownNameError as err:
            raise SourceError(f"{path}, feature {number}, field 'adm1_name': {err}") from None
        if props.get("adm1_pcode") != f"KE{code}":
            raise SourceError(f"{path}, feature {number}, field 'adm1_pcode': {props.get('adm1_pcode')!r} does not "
                              f"match county {props.get('adm1_name')!r} (KE{code}).")
        geometry = simplify(parse_geometry(feature.get("geometry") or {}, f"{path}, feature {number}"), tolerance)
        features.append({"type": "Feature", "properties": {"county_code": code, "county_name": props["adm1_name"]},
                         "geometry": mapping(geometry)})
    if len(features) != 47:
        raise SourceError(f"{path}: {len(features)} county features where 47 are expected.")
    features.sort(key=lambda f: f["properties"]["county_code"])
    return {"county_boundaries": {"type": "FeatureCollection", "attribution": ATTRIBUTION, "features": features}}


def to_warehouse(ref: dict, sha256: str) -> dict[str, pd.DataFrame]:
    """Return the source row and the geo_county rows."""
    features = ref["county_boundaries"]["features"]
    geo = pd.DataFrame({
        "county_code": [f["properties"]["county_code"] for f in features],
        "geometry_geojson": [json.dumps(f["geometry"], separators=(",", ":")) for f in features],
        "source_id": PROVENANCE.source_id,
    })
    return {"source": pd.DataFrame([source_row(PROVENANCE, sha256)]), "geo_county": geo}
