"""Is each uploaded geometry where its codes say? Checked against the published county outlines (the warehouse's
geo_county, OCHA COD-AB): coordinates that look swapped, places outside Kenya, wards outside their county or in
another one, county outlines that are another county's. Every refusal is a `Problem` naming the feature (or row),
the counties involved and the fix."""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from jdp_analytics.common.i18n import _
from jdp_analytics.geography import boundaries
from jdp_analytics.geography.counties import COUNTIES
from jdp_analytics.warehouse.schema import Problem

# IEBC's 2012 wards dissolved per county meet the published outlines with an intersection over union of 0.72
# (Mombasa: an island, creeks and the harbour drawn differently) to 0.99; 0.6 passes every genuine outline and
# refuses another county's, or one moved by a quarter of its width (a square shifted by w/4 keeps IoU 0.6).
MIN_OUTLINE_IOU = 0.6
LIES_IN_SHARE = 0.5  # a ward refused with less than half its area in its code's county is named where most of it is
# A ward reaching beyond the tolerance but lying mostly in its county is a border drawn differently, up to this far:
# IEBC's own 2012 file has West Pokot's Lelan 19.8 km beyond the published outline (the Kerio valley border),
# Kericho's Chaik 7.7 km, Lamu's Kiunga 6.7 km. Those load with a note; a ward further out was moved.
WARD_FAR_M = 25_000.0
SWAP_MARGIN_DEG = 0.1  # Kenya's extent widened by ~11 km when asking whether swapped coordinates would fall inside it
# Kenya's published outline leaves out small islands (Lamu's lie up to 7 km off it): a place up to 20 km outside it is
# judged against its county's outline (4 km); beyond, it is in another country or the ocean.
KENYA_TOLERANCE_M = 20_000.0


@dataclass(frozen=True)
class Outlines:
    """The published county outlines: in WGS84 (for the extent), in metres (for distances and areas), and Kenya."""

    metric: gpd.GeoSeries  # indexed by county code
    kenya: object  # the union of the counties, in metres
    extent: tuple[float, float, float, float]  # Kenya's west, south, east, north in degrees


def published_outlines(con) -> Outlines | None:
    """Return the published county outlines of the warehouse (geo_county), or None when it holds none."""
    rows = con.execute("SELECT county_code, geometry_geojson FROM geo_county ORDER BY county_code").fetchall()
    if not rows:
        return None
    wgs84 = gpd.GeoSeries([shapely.from_geojson(text) for _code, text in rows], index=[code for code, _text in rows],
                          crs=boundaries.WGS84)
    metric = wgs84.to_crs(boundaries.METRIC)
    kenya = shapely.union_all(metric.values)
    shapely.prepare(kenya)
    shapely.prepare(np.asarray(metric.values))
    return Outlines(metric, kenya, tuple(float(v) for v in wgs84.total_bounds))


def _inside_extent(bounds, extent, margin: float = SWAP_MARGIN_DEG) -> bool:
    west, south, east, north = extent
    minx, miny, maxx, maxy = bounds
    return west - margin <= minx and maxx <= east + margin and south - margin <= miny and maxy <= north + margin


def looks_swapped(bounds, extent) -> bool:
    """Return whether a geometry's bounds lie outside Kenya but inside it once x and y are exchanged."""
    minx, miny, maxx, maxy = bounds
    return not _inside_extent(bounds, extent) and _inside_extent((miny, minx, maxy, maxx), extent)


def farthest_outside_m(projected, container) -> float:
    """Return how far (metres) the farthest vertex of `projected` lies outside `container` (both in metres)."""
    xy = shapely.get_coordinates(projected)
    outside = ~shapely.contains_xy(container, xy[:, 0], xy[:, 1])
    if not outside.any():
        return 0.0
    return float(shapely.distance(shapely.points(xy[outside]), container).max())


def _extent_text(extent) -> dict[str, str]:
    west, south, east, north = extent
    return {"west": f"{west:.1f}", "east": f"{east:.1f}", "south": f"{south:.1f}", "north": f"{north:.1f}"}


def _placed_in_kenya(geometry, projected, outlines: Outlines) -> tuple[str, str] | None:
    """Return (message, fix) when a feature's coordinates look swapped or it lies outside Kenya; else None."""
    bounds = geometry.bounds
    if looks_swapped(bounds, outlines.extent):
        minx, miny, maxx, maxy = bounds
        return (_("the coordinates look swapped: the feature spans x {minx} to {maxx} and y {miny} to {maxy}, so "
                  "its x values are Kenya's latitudes ({south} to {north}) and its y values Kenya's longitudes "
                  "({west} to {east}).").format(minx=f"{minx:.2f}", maxx=f"{maxx:.2f}", miny=f"{miny:.2f}",
                                     maxy=f"{maxy:.2f}", **_extent_text(outlines.extent)),
                _("export the layer again with longitude as x and latitude as y (in QGIS, check the layer's CRS and "
                  "axis order before 'Save Features As')."))
    distance = farthest_outside_m(projected, outlines.kenya)
    if distance > KENYA_TOLERANCE_M:
        return (_("the feature lies {distance} km outside Kenya (its farthest point from Kenya's published "
                  "outline).").format(distance=f"{distance / 1000:,.1f}"),
                _("check the coordinates and the file's coordinate reference system: a CRS declared wrongly moves "
                  "every feature."))
    return None


def _share_by_county(projected, outlines: Outlines) -> pd.Series:
    """Return the share of a polygon's area in each published county it overlaps, largest first."""
    area = projected.area
    if not area:
        return pd.Series(dtype="float64")
    candidates = outlines.metric[outlines.metric.intersects(projected)]
    shares = candidates.intersection(projected).area / area
    return shares[shares > 0].sort_values(ascending=False)


def ward_problems(frame: gpd.GeoDataFrame, outlines: Outlines, ward_names: dict[str, str], file_name: str
                  ) -> tuple[list[Problem], list[str]]:
    """Return a problem for each ward polygon misplaced against its county's published outline, and a note for
    each that reaches beyond the tolerance but lies mostly in its county.

    `frame` has feature, code, label, county_code and geometry (WGS84). A ward is refused when its coordinates
    look swapped, when it lies outside Kenya, when most of it lies in another county, or when it reaches more than
    `WARD_FAR_M` outside its county's outline. Between `boundaries.OUTSIDE_TOLERANCE_M` and that, with most of its
    area in its county, it is a border drawn differently (IEBC's Lelan, Chaik, Lamu's islands): loaded, and named.
    """
    projected = frame.geometry.to_crs(boundaries.METRIC)
    rows = zip(frame["feature"], frame["code"], frame["label"], frame["county_code"], frame.geometry, projected)
    problems, notes = [], []
    for number, code, label, county, geometry, metric in rows:
        found = _ward_misplaced(code, ward_names.get(code, code), county, geometry, metric, outlines)
        if found is None:
            continue
        if len(found) == 1:
            notes.append(found[0])
        else:
            problems.append(Problem(file_name, int(number), "geometry", str(label), *found))
    return problems, notes


def _ward_misplaced(code: str, ward: str, county: str, geometry, metric, outlines: Outlines
                    ) -> tuple[str, str] | tuple[str] | None:
    """Return (message, fix) of a refusal, (note,) of a ward loaded but named, or None."""
    if (placed := _placed_in_kenya(geometry, metric, outlines)) is not None:
        return placed
    if county not in outlines.metric.index:
        return None
    distance = farthest_outside_m(metric, outlines.metric[county])
    if distance <= boundaries.OUTSIDE_TOLERANCE_M:
        return None  # a small ward half across a simplified edge (Nairobi's, Mombasa's) is where its code says
    shares = _share_by_county(metric, outlines)
    lies_in = shares.index[0] if len(shares) else county
    if lies_in != county and shares.get(county, 0.0) < LIES_IN_SHARE:
        return (_("ward {ward} ({code}) is coded to {coded} but lies in {actual} ({share} of its area).").format(
                    ward=ward, code=code, coded=COUNTIES[county], actual=COUNTIES[lies_in],
                    share=f"{shares.iloc[0]:.0%}"),
                _("check the feature's ward code or county: give the code of the {actual} ward this polygon is, or "
                  "{ward}'s own polygon.").format(actual=COUNTIES[lies_in], ward=ward))
    if distance <= WARD_FAR_M:
        return (_("Ward {ward} ({code}) reaches {distance} km outside {county}'s published outline (tolerance "
                  "{tolerance} km) but lies mostly in {county}: loaded as drawn; check its border if it was not "
                  "meant to differ.").format(ward=ward, code=code, distance=f"{distance / 1000:,.1f}",
                                             county=COUNTIES[county], tolerance=_tolerance_km()),)
    return (_("ward {ward} ({code}) reaches {distance} km outside {county}'s published outline (at most {far} km "
              "for a ward that lies mostly in its county).").format(
                  ward=ward, code=code, distance=f"{distance / 1000:,.1f}", county=COUNTIES[county],
                  far=f"{WARD_FAR_M / 1000:g}"),
            _("check the polygon and the file's coordinate reference system: a ward this far out was moved, or drawn "
              "beyond its county."))


def _tolerance_km() -> str:
    return f"{boundaries.OUTSIDE_TOLERANCE_M / 1000:g}"


def _iou(a, b) -> float:
    union = shapely.union(a, b).area
    return float(shapely.intersection(a, b).area / union) if union else 0.0


def county_problems(frame: gpd.GeoDataFrame, outlines: Outlines, file_name: str) -> list[Problem]:
    """Return a problem for each county outline that is not near its published outline.

    `frame` has feature, code, label and geometry (WGS84). An outline is refused when its coordinates look
    swapped, when it lies outside Kenya, or when it overlaps the published outline of the county it names by less
    than `MIN_OUTLINE_IOU` (intersection over union); the county whose outline it matches is named.
    """
    projected = frame.geometry.to_crs(boundaries.METRIC)
    rows = zip(frame["feature"], frame["code"], frame["label"], frame.geometry, projected)
    return [Problem(file_name, int(number), "geometry", str(label), *found)
            for number, code, label, geometry, metric in rows
            if (found := _county_misplaced(code, geometry, metric, outlines))]


def _county_misplaced(code: str, geometry, metric, outlines: Outlines) -> tuple[str, str] | None:
    if (placed := _placed_in_kenya(geometry, metric, outlines)) is not None:
        return placed
    if code not in outlines.metric.index:
        return None
    iou = _iou(metric, outlines.metric[code])
    if iou >= MIN_OUTLINE_IOU:
        return None
    named = COUNTIES[code]
    candidates = outlines.metric[outlines.metric.intersects(metric)]
    best, other = max(((_iou(metric, outline), other) for other, outline in candidates.items()), default=(0.0, None))
    if other is not None and other != code and best >= MIN_OUTLINE_IOU:
        actual = COUNTIES[other]
        return (_("the outline named {named} is {actual}'s: it matches {actual}'s published outline (intersection "
                  "over union {best}) and overlaps {named}'s by {iou} (at least {minimum} expected).").format(
                    named=named, actual=actual, best=f"{best:.2f}", iou=f"{iou:.2f}",
                    minimum=f"{MIN_OUTLINE_IOU:.2f}"),
                _("check the county name or code of this feature: the shape is {actual}'s.").format(actual=actual))
    return (_("the outline named {named} overlaps {named}'s published outline by {iou} (intersection over union; at "
              "least {minimum} expected).").format(named=named, iou=f"{iou:.2f}", minimum=f"{MIN_OUTLINE_IOU:.2f}"),
            _("check that the feature is {named}'s outline and that the file's coordinate reference system is the "
              "one declared.").format(named=named))


def point_problems(lat: pd.Series, lon: pd.Series, outlines: Outlines, file_name: str, first_row: int
                   ) -> list[Problem]:
    """Return a problem for each point that is not in decimal degrees, looks swapped or lies outside Kenya.

    `lat` and `lon` are numbers (missing where the file's cell is empty or not a number) indexed by the row's
    offset from `first_row`.
    """
    problems = []
    given = lat.notna() & lon.notna()
    degrees = given & lat.abs().le(90) & lon.abs().le(180)
    west, south, east, north = outlines.extent
    margin = SWAP_MARGIN_DEG
    lon_in, lat_in = lon.between(west - margin, east + margin), lat.between(south - margin, north + margin)
    swapped = degrees & ~(lon_in & lat_in) & lat.between(west - margin, east + margin) & lon.between(
        south - margin, north + margin)
    check = degrees & ~swapped
    points = gpd.GeoSeries(gpd.points_from_xy(lon[check], lat[check]), index=lat[check].index,
                           crs=boundaries.WGS84).to_crs(boundaries.METRIC)
    outside = pd.Series(0.0, index=points.index)
    if len(points):
        away = ~shapely.contains_xy(outlines.kenya, points.x.to_numpy(), points.y.to_numpy())
        outside[away] = shapely.distance(points.values[away], outlines.kenya)
    for idx in lat.index[given]:
        where = (file_name, int(idx) + first_row, "latitude, longitude", f"{lat[idx]:.5f}, {lon[idx]:.5f}")
        if not degrees[idx]:
            problems.append(Problem(*where, _("the coordinates are not decimal degrees of latitude and longitude."),
                                    _("give latitude and longitude in decimal degrees (WGS84), e.g. -0.52734, "
                                      "34.45712; convert UTM metres or degrees-minutes-seconds first.")))
        elif swapped[idx]:
            problems.append(Problem(*where, _("the latitude and longitude columns look swapped: {lat} is a longitude "
                                              "in Kenya ({west} to {east}) and {lon} a latitude ({south} to {north})."
                                              ).format(lat=f"{lat[idx]:g}", lon=f"{lon[idx]:g}",
                                                       **_extent_text(outlines.extent)),
                                    _("put the latitude (north-south, {south} to {north} in Kenya) in the latitude "
                                      "column and the longitude in the longitude column.").format(
                                        **_extent_text(outlines.extent))))
        elif outside[idx] > KENYA_TOLERANCE_M:
            problems.append(Problem(*where, _("the point lies {distance} km outside Kenya.").format(
                                        distance=f"{outside[idx] / 1000:,.1f}"),
                                    _("check the coordinates (decimal degrees, latitude south of the equator "
                                      "negative) and the county.")))
    return problems


def problem_rows(problems: list[Problem], first_row: int) -> np.ndarray:
    """Return the frame offsets (row - first_row) of the rows that have a problem."""
    return np.array(sorted({p.row - first_row for p in problems if p.row is not None}), dtype=int)
