"""The one way the project reads and prepares geometry: boundary and facility files through geopandas (pyogrio).

A zip is bounded before anything is unpacked (its central directory: unpacked size, compression ratio, room for
vertices); coordinates that cannot be longitude and latitude are refused once for the file. A file in any
coordinate reference system with a definition is reprojected to WGS84 (EPSG:4326); invalid polygons are repaired
when `make_valid` keeps the area within 1 % and refused otherwise; the geometry as read is kept for areas and
spatial joins, and a simplified copy within a byte budget per county is made for the browser. Every refusal is a
`Problem` naming the file, the feature and the fix; where a feature lies is checked in `placement`."""

from __future__ import annotations

import json
import re
import tempfile
import warnings
import zipfile
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import shapely
import shapely.errors

from jdp_analytics.common.i18n import _
from jdp_analytics.warehouse.schema import Problem, ValidationError

WGS84 = "EPSG:4326"
EQUAL_AREA = "EPSG:6933"  # WGS 84 / NSIDC EASE-Grid 2.0 Global: a cylindrical equal-area projection, for areas
METRIC = "EPSG:32737"  # WGS 84 / UTM zone 37S: distances in metres (Kenya spans zones 36 and 37; about 0.1 % off)
REPAIR_AREA_TOLERANCE = 0.01  # a repair may change a polygon's area by at most 1 %
# How far a ward or a facility may reach outside its county's outline. The published outline (OCHA's copy, simplified
# again by 0.004°) lies within 0.46 km of OCHA's file; IEBC's 2012 wards reach up to 3.5 km outside it in 43 of the 47
# counties (Homa Bay 2.9 km, from lake shore and hills drawn differently), so 4 km passes the two sources' difference
# and refuses a ward or point moved further. (Beyond it in IEBC's file: Lamu's islands 6.7 km, Kericho's Chaik 7.7 km,
# West Pokot's Lelan 19.8 km and Turkana's Lokori/Kochodin, whose polygon is a West Pokot ward's.)
OUTSIDE_TOLERANCE_M = 4000.0
MAX_UNCOMPRESSED_BYTES = 500 * 1024 * 1024  # a zip may unpack to at most 500 MB (all 1,450 wards: 2 MB as Shapefile)
MAX_COMPRESSION_RATIO = 100  # Shapefile parts deflate 1.5 (.shp) to ~30 times (.dbf padding); zip bombs 1,000 times
RATIO_CHECKED_BYTES = 1024 * 1024  # the ratio is checked on parts over 1 MB (a tiny .dbf of blanks may exceed it)
MAX_VERTICES = 5_000_000  # IEBC's 1,450 wards hold 99,345 vertices; 5 million is ~80 MB of coordinates in memory
SHP_HEADER_BYTES, SHP_POINT_BYTES = 100, 16  # a .shp file: a 100-byte header, then 16 bytes (x, y) per vertex at most
BROWSER_BUDGET_BYTES = 250_000  # GeoJSON bytes of one county's wards sent to the browser
SIMPLIFY_STEPS_DEG = (0.0, 0.0001, 0.0002, 0.0005, 0.001, 0.002, 0.004, 0.008, 0.016)
GEOMETRY_SUFFIXES = (".geojson", ".json", ".zip", ".gpkg")


def _refuse(file_name: str, message: str, fix: str, value: str = "", row: int | None = None,
            column: str | None = None) -> ValidationError:
    return ValidationError([Problem(file_name, row, column or _("(whole file)"), value, message, fix)])


def read_file(data: bytes | Path, file_name: str, layer: str | None = None, *, fix_invalid_wkb: bool = False
              ) -> gpd.GeoDataFrame:
    """Return the features of a GeoJSON, zipped Shapefile or GeoPackage layer in WGS84, with a `feature` number.

    Raises ValidationError when the file cannot be read or has no coordinate reference system.
    """
    suffix = Path(file_name).suffix.lower()
    if suffix not in GEOMETRY_SUFFIXES:
        message = (_("a {suffix} file cannot hold boundaries.").format(suffix=suffix) if suffix
                   else _("a file without extension cannot hold boundaries."))
        raise _refuse(file_name, message,
                      _("upload a GeoJSON (.geojson), a zipped ESRI Shapefile (.zip with .shp, .shx, .dbf and .prj) "
                        "or a GeoPackage (.gpkg)."), suffix)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(data) if isinstance(data, Path) else Path(folder) / f"upload{suffix}"
        if not isinstance(data, Path):
            path.write_bytes(data)
        target = str(path)
        if suffix == ".zip":
            target = _shapefile_in_zip(path, file_name)
        layer = _pick_layer(target, file_name, layer) if suffix == ".gpkg" else None
        try:
            with warnings.catch_warnings():  # GDAL's notes (laundered field names, ring winding fixed) are not errors
                warnings.simplefilter("ignore", RuntimeWarning)
                frame = gpd.read_file(target, layer=layer, engine="pyogrio",
                                      on_invalid="fix" if fix_invalid_wkb else "raise")
        except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError, pyogrio.errors.FieldError) as err:
            raise _refuse(file_name, _("the file could not be read as geometry ({error}).").format(
                              error=_short(err, path, file_name)),
                          _("save it again from your GIS (QGIS: Export > Save Features As) as GeoJSON, GeoPackage "
                            "or a zipped Shapefile.")) from None
        except shapely.errors.GEOSException as err:
            raise _refuse(file_name, _("a feature's geometry is malformed ({error}).").format(
                              error=_short(err, path, file_name)),
                          _("run 'Fix geometries' in QGIS (or ST_MakeValid) and save the file again.")) from None
    if frame.crs is None:
        raise _refuse(file_name, _("the file has no coordinate reference system (CRS), so its coordinates cannot be "
                                   "placed on the map."),
                      _("save it again with its CRS: for a Shapefile, include the .prj file in the zip; in QGIS, set "
                        "the layer's CRS (e.g. EPSG:4326 or EPSG:32737 UTM 37S) and export."))
    frame.insert(0, "feature", np.arange(1, len(frame) + 1))
    _check_vertices(frame, file_name)
    if frame.crs.is_geographic:
        _check_degrees(frame, file_name)
    frame = frame.to_crs(WGS84)
    _check_degrees(frame, file_name)  # a projection declared wrongly can send coordinates beyond the globe
    frame.columns = [c if c == "geometry" else str(c).strip().lower() for c in frame.columns]
    return frame


def _check_vertices(frame: gpd.GeoDataFrame, file_name: str) -> None:
    count = int(shapely.get_num_coordinates(frame.geometry.values).sum())
    if count > MAX_VERTICES:
        raise _refuse(file_name, _("the layer holds {count} vertices, more than the {limit} a boundary or facility "
                                   "file may hold.").format(count=f"{count:,}", limit=f"{MAX_VERTICES:,}"),
                      _("simplify the polygons (QGIS: Vector > Geometry Tools > Simplify, e.g. 10 m) or load fewer "
                        "counties at a time."), f"{count:,}")


def _check_degrees(frame: gpd.GeoDataFrame, file_name: str) -> None:
    """Refuse, once for the whole file, coordinates that cannot be longitude and latitude in degrees."""
    xy, feature = shapely.get_coordinates(np.asarray(frame.geometry.values), return_index=True)
    bad = ~np.isfinite(xy).all(axis=1) | (np.abs(xy[:, 0]) > 180) | (np.abs(xy[:, 1]) > 90)
    if bad.any():
        (x, y), number = xy[np.argmax(bad)], frame["feature"].iloc[feature[np.argmax(bad)]]
        raise ValidationError([Problem(
            file_name, int(number), "geometry", f"{x:,.1f}, {y:,.1f}",
            _("the coordinates are not longitude and latitude: feature {feature} has a point at x {x}, y {y}, "
              "beyond 180° east-west or 90° north-south. The file most likely holds projected coordinates "
              "(metres, e.g. UTM 37S) without a declared coordinate reference system (CRS).").format(
                feature=int(number), x=f"{x:,.1f}", y=f"{y:,.1f}"),
            _("export the layer as WGS84 (EPSG:4326) from your GIS, or declare its CRS (a Shapefile's .prj, a "
              "GeoPackage's layer CRS) and upload again."))])


def _short(err: Exception, path: Path, file_name: str) -> str:
    """Return GDAL's first line of error with the server's paths replaced by the name of the user's file."""
    text = str(err).split("\n")[0].split("; It might help")[0]  # GDAL's hint is about its own command line
    places = (f"/vsizip/{path}", str(path), str(path.parent), tempfile.gettempdir())
    for place in (p for p in places if Path(p).is_absolute() and len(p) > 1):
        text = re.sub(re.escape(place) + r"[^\s'\",:]*", file_name, text)
    return text[:160]


def _shapefile_in_zip(path: Path, file_name: str) -> str:
    try:
        with zipfile.ZipFile(path) as archive:
            _check_unpacked_size(archive.infolist(), file_name)  # from the central directory, before unpacking
            bad = archive.testzip()  # reads each part only up to its declared size and checks its CRC
            names = archive.namelist()
    except (zipfile.BadZipFile, EOFError, OSError) as err:
        raise _refuse(file_name, _("the zip file is damaged or incomplete ({error}).").format(error=err),
                      _("zip the Shapefile's files again (.shp, .shx, .dbf, .prj) and upload the whole zip.")) from None
    if bad is not None:
        raise _refuse(file_name, _("the zip file is damaged: {name} cannot be unpacked.").format(name=bad),
                      _("zip the Shapefile's files again and upload the whole zip."), bad)
    shapefiles = [n for n in names if n.lower().endswith(".shp") and not n.startswith("__MACOSX")]
    if len(shapefiles) != 1:
        found = ", ".join(shapefiles)
        message = (_("the zip must hold exactly one Shapefile; it holds {found}.").format(found=found) if shapefiles
                   else _("the zip must hold exactly one Shapefile; it holds no .shp file."))
        raise _refuse(file_name, message, _("put one layer's .shp, .shx, .dbf and .prj files in the zip."),
                      found or "no .shp file")
    return f"/vsizip/{path}/{shapefiles[0]}"


def _check_unpacked_size(members: list[zipfile.ZipInfo], file_name: str) -> None:
    """Refuse a zip that would unpack beyond the size, compression ratio or vertex bounds (a zip bomb) unread."""
    total = sum(m.file_size for m in members)
    if total > MAX_UNCOMPRESSED_BYTES:
        raise _refuse(file_name, _("the zip would unpack to {size} MB, more than the {limit} MB a boundary file may "
                                   "hold.").format(size=f"{total / 1024 / 1024:,.0f}",
                                                   limit=f"{MAX_UNCOMPRESSED_BYTES / 1024 / 1024:,.0f}"),
                      _("zip only the layer's .shp, .shx, .dbf and .prj files; for a larger layer, simplify the "
                        "polygons or load fewer counties at a time."), f"{total:,} bytes")
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > RATIO_CHECKED_BYTES and ratio > MAX_COMPRESSION_RATIO:
            raise _refuse(file_name, _("{name} in the zip is compressed {ratio} times (at most {limit} for a real "
                                       "layer), as a zip bomb is.").format(
                              name=member.filename, ratio=f"{ratio:,.0f}", limit=MAX_COMPRESSION_RATIO),
                          _("zip the Shapefile's files again from your GIS export."), member.filename)
        vertices = (member.file_size - SHP_HEADER_BYTES) // SHP_POINT_BYTES
        if member.filename.lower().endswith(".shp") and vertices > MAX_VERTICES:
            raise _refuse(file_name, _("{name} in the zip is {size} MB: room for {count} vertices, more than the "
                                       "{limit} a boundary or facility file may hold.").format(
                              name=member.filename, size=f"{member.file_size / 1024 / 1024:,.1f}",
                              count=f"{vertices:,}", limit=f"{MAX_VERTICES:,}"),
                          _("simplify the polygons (QGIS: Vector > Geometry Tools > Simplify, e.g. 10 m) or load "
                            "fewer counties at a time."), member.filename)


def _pick_layer(target: str, file_name: str, layer: str | None) -> str | None:
    try:
        layers = [name for name, _kind in pyogrio.list_layers(target)]
    except pyogrio.errors.DataSourceError as err:
        raise _refuse(file_name, _("the GeoPackage could not be opened ({error}).").format(
                          error=_short(err, Path(target), file_name)),
                      _("export the layer again from your GIS as a GeoPackage.")) from None
    if layer:
        if layer not in layers:
            raise _refuse(file_name, _("the GeoPackage has no layer {layer!r}.").format(layer=layer),
                          _("give one of its layers: {layers}.").format(layers=", ".join(layers)), layer)
        return layer
    if len(layers) > 1:
        raise _refuse(file_name, _("the GeoPackage holds {count} layers: {layers}.").format(
                          count=len(layers), layers=", ".join(layers)),
                      _("name the layer to load (the 'layer' field of the upload form)."), ", ".join(layers))
    return layers[0] if layers else None


def polygons_only(geometry):
    """Return the polygonal parts of a geometry (make_valid can add stray lines and points)."""
    parts = [part for part in shapely.get_parts(geometry) if part.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(parts) if parts else shapely.Polygon()


def repair(frame: gpd.GeoDataFrame, file_name: str, label: str) -> tuple[gpd.GeoDataFrame, list[Problem], list[str]]:
    """Return the frame with invalid polygons repaired, the problems of those that cannot be, and notes.

    A repair is accepted when it changes the area by at most 1 % (a self-touching ring, a tiny bow-tie at a
    vertex); otherwise the feature is refused, because the repaired shape would not be the ward that was drawn.
    """
    problems, repaired = [], []
    geometries = list(frame.geometry)
    for position, (number, name, geometry) in enumerate(zip(frame["feature"], frame[label], geometries)):
        if geometry is None or geometry.is_empty:
            problems.append(Problem(file_name, int(number), "geometry", str(name), _("the feature has no geometry."),
                                    _("draw the polygon or remove the feature.")))
            continue
        if geometry.geom_type not in ("Polygon", "MultiPolygon"):
            problems.append(Problem(file_name, int(number), "geometry", str(name),
                                    _("the feature is a {kind}, not a polygon.").format(kind=geometry.geom_type),
                                    _("export the boundary layer (polygons), not points or lines.")))
            continue
        if geometry.is_valid:
            continue
        fixed = polygons_only(shapely.make_valid(geometry))
        before, after = abs(_ring_area(geometry)), fixed.area
        change = abs(after - before) / before if before else 1.0
        if fixed.is_empty or change > REPAIR_AREA_TOLERANCE:
            reason = shapely.is_valid_reason(geometry)
            problems.append(Problem(file_name, int(number), "geometry", str(name),
                                    _("the polygon is invalid ({reason}) and repairing it would change its area by "
                                      "{change}.").format(reason=reason, change=f"{change:.0%}"),
                                    _("fix the boundary in your GIS (QGIS: Vector > Geometry Tools > Check Validity) "
                                      "and upload again.")))
            continue
        geometries[position] = fixed
        repaired.append(str(name))
    out = frame.set_geometry(gpd.GeoSeries(geometries, index=frame.index, crs=frame.crs))
    notes = [_("{count} invalid polygon(s) repaired with an area change under 1 %: {names}.").format(
        count=len(repaired), names=", ".join(repaired))] if repaired else []
    return out, problems, notes


def _ring_area(geometry) -> float:
    """Return the area enclosed as drawn: each shell by the shoelace formula (a bow-tie's lobes cancel out), less
    the holes inside it, plus 'holes' drawn outside their shell (islands, as a Shapefile reader would take them)."""
    total = 0.0
    for polygon in shapely.get_parts(geometry):
        shell = abs(_shoelace(polygon.exterior))
        filled = polygons_only(shapely.make_valid(shapely.Polygon(polygon.exterior)))
        for ring in polygon.interiors:
            hole = shapely.Polygon(ring)
            shell += -abs(_shoelace(ring)) if filled.contains(hole.representative_point()) else abs(_shoelace(ring))
        total += shell
    return total


def _shoelace(ring) -> float:
    xy = np.asarray(ring.coords)
    return 0.5 * float(np.sum(xy[:-1, 0] * xy[1:, 1] - xy[1:, 0] * xy[:-1, 1]))


def areas_km2(geometries: gpd.GeoSeries) -> pd.Series:
    """Return each geometry's area in km², measured in an equal-area projection."""
    return geometries.to_crs(EQUAL_AREA).area / 1e6


def distance_outside_m(geometry, container) -> float | None:
    """Return how far (metres) the farthest point of `geometry` lies outside `container` (both WGS84); None when
    there is no container to measure against (missing or empty) or the distance cannot be measured."""
    if container is None or container.is_empty:
        return None
    projected = gpd.GeoSeries([geometry, container], crs=WGS84).to_crs(METRIC)
    inner, outer = projected.iloc[0], projected.iloc[1]
    points = shapely.points(shapely.get_coordinates(inner))
    distance = float(shapely.distance(points, outer).max()) if len(points) else 0.0
    return distance if np.isfinite(distance) else None


def to_geojson(geometry, digits: int = 6) -> str:
    """Return compact GeoJSON text of a geometry, coordinates rounded (6 digits is about 0.1 m)."""
    rounded = shapely.transform(geometry, lambda xy: np.round(xy, digits))
    return json.dumps(shapely.geometry.mapping(rounded), separators=(",", ":"))


def simplify_for_browser(geometries: gpd.GeoSeries, budget: int = BROWSER_BUDGET_BYTES
                         ) -> tuple[list[str], float, int]:
    """Return GeoJSON texts of the geometries simplified until together they fit `budget` bytes.

    Shared edges stay shared (GEOS coverage simplification) when the polygons form a clean coverage; otherwise each
    polygon is simplified on its own with its topology preserved. Returns (texts, tolerance in degrees, bytes).
    """
    values = np.asarray(geometries.values, dtype=object)
    coverage = bool(shapely.coverage_is_valid(values))
    texts: list[str] = []
    for tolerance in SIMPLIFY_STEPS_DEG:
        if tolerance == 0:
            simple = values
        elif coverage:
            simple = shapely.coverage_simplify(values, tolerance)
        else:
            simple = shapely.simplify(values, tolerance, preserve_topology=True)
        simple = [g if g.is_valid else polygons_only(shapely.make_valid(g)) for g in simple]
        texts = [to_geojson(g, 5) for g in simple]
        size = sum(len(t) for t in texts)
        if size <= budget:
            return texts, tolerance, size
    return texts, SIMPLIFY_STEPS_DEG[-1], sum(len(t) for t in texts)


def column_of(frame: pd.DataFrame, *names: str) -> str | None:
    """Return the first of `names` that is a column of the frame (names are lower-cased on reading)."""
    return next((n for n in names if n in frame.columns), None)


def place_points(points: gpd.GeoDataFrame, wards: gpd.GeoDataFrame, tolerance_m: float = OUTSIDE_TOLERANCE_M
                 ) -> pd.Series:
    """Return the ward code of each point: the ward containing it (on a shared edge, the lowest code), else the
    nearest ward within `tolerance_m` (a point in a sliver between simplified edges), else missing.

    `points` and `wards` are in WGS84; `wards` has a ward_code column.
    """
    result = pd.Series(pd.NA, index=points.index, dtype="string")
    if wards.empty or points.empty:
        return result
    joined = gpd.sjoin(points[["geometry"]], wards[["ward_code", "geometry"]], how="inner", predicate="intersects")
    first = joined.sort_values("ward_code").groupby(level=0)["ward_code"].first()
    result.loc[first.index] = first.astype("string")
    missing = result.isna()
    if missing.any():
        near = gpd.sjoin_nearest(points[missing][["geometry"]].to_crs(METRIC),
                                 wards[["ward_code", "geometry"]].to_crs(METRIC), how="inner",
                                 max_distance=tolerance_m)
        near = near.sort_values("ward_code").groupby(level=0)["ward_code"].first()
        result.loc[near.index] = near.astype("string")
    return result
