"""OCHA Common Operational Dataset, administrative boundaries of Kenya (COD-AB): county polygons."""

from __future__ import annotations

import json
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry import mapping

from jdp_analytics.geography import boundaries
from jdp_analytics.geography.boundaries import polygons_only
from jdp_analytics.geography.names import UnknownNameError, county_code
from jdp_analytics.warehouse.schema import ValidationError
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
          "choropleths. Areas are measured on the copy as published (EPSG:6933, equal-area), before the browser "
          "simplification.",
)


def round_coordinates(geometry, digits: int = 4):
    """Return a valid geometry with coordinates rounded (4 digits is about 11 m)."""
    rounded = shapely.transform(geometry, lambda xy: np.round(xy, digits))
    return rounded if rounded.is_valid else polygons_only(shapely.make_valid(rounded))


def simplify(geometry, tolerance: float, digits: int = 4):
    """Return a valid geometry simplified to a tolerance in degrees, coordinates rounded."""
    simple = round_coordinates(geometry.simplify(tolerance, preserve_topology=True), digits)
    return simple if not simple.is_empty else round_coordinates(geometry, digits)


def read_features(path: Path, *, fix_invalid_wkb: bool = False) -> gpd.GeoDataFrame:
    """Return the features of a published boundary file (through geopandas), with a clear error if unreadable."""
    if not path.is_file():
        raise SourceError(f"{path}: the file is missing. Pass --sources a folder laid out like shared/data.")
    try:
        return boundaries.read_file(path, path.name, fix_invalid_wkb=fix_invalid_wkb)
    except ValidationError as err:
        raise SourceError(f"{path}: {err.problems[0].message} Restore the published file.") from None


def valid_polygons(geometry, where: str):
    """Return the polygonal parts of a geometry made valid; a feature without geometry is an error."""
    if geometry is None or geometry.is_empty:
        raise SourceError(f"{where}: the feature has no readable polygon.")
    return polygons_only(shapely.make_valid(geometry))


def derive(sources: Path, tolerance: float = 0.004) -> dict[str, dict]:
    """Return the 47 county polygons as a GeoJSON FeatureCollection with KNBS codes, simplified, and each county's
    area measured on the geometry as published (equal-area projection), not on the simplified copy."""
    path = Path(sources) / COUNTIES_FILE
    features, areas = [], []
    frame = read_features(path)
    for number, props in enumerate(frame.drop(columns="geometry").to_dict("records"), start=1):
        try:
            code = county_code(props.get("adm1_name", ""))
        except UnknownNameError as err:
            raise SourceError(f"{path}, feature {number}, field 'adm1_name': {err}") from None
        if props.get("adm1_pcode") != f"KE{code}":
            raise SourceError(f"{path}, feature {number}, field 'adm1_pcode': {props.get('adm1_pcode')!r} does not "
                              f"match county {props.get('adm1_name')!r} (KE{code}).")
        kept = valid_polygons(frame.geometry.iloc[number - 1], f"{path}, feature {number}")
        areas.append((code, round(float(boundaries.areas_km2(gpd.GeoSeries([kept], crs=frame.crs)).iloc[0]), 1)))
        geometry = simplify(kept, tolerance)
        features.append({"type": "Feature", "properties": {"county_code": code, "county_name": props["adm1_name"]},
                         "geometry": mapping(geometry)})
    if len(features) != 47:
        raise SourceError(f"{path}: {len(features)} county features where 47 are expected.")
    features.sort(key=lambda f: f["properties"]["county_code"])
    return {"county_boundaries": {"type": "FeatureCollection", "attribution": ATTRIBUTION, "features": features},
            "county_areas": pd.DataFrame(sorted(areas), columns=["county_code", "area_km2"])}


def to_warehouse(ref: dict, sha256: str) -> dict[str, pd.DataFrame]:
    """Return the source row and the geo_county rows, with the area measured on the published geometry."""
    features = ref["county_boundaries"]["features"]
    areas = ref["county_areas"].set_index("county_code")["area_km2"].astype("float64")
    geo = pd.DataFrame({
        "county_code": [f["properties"]["county_code"] for f in features],
        "geometry_geojson": [json.dumps(f["geometry"], separators=(",", ":")) for f in features],
        "source_id": PROVENANCE.source_id,
    })
    geo["area_km2"] = geo["county_code"].map(areas)
    return {"source": pd.DataFrame([source_row(PROVENANCE, sha256)]), "geo_county": geo}
