"""Uploads of geometry: ward and county boundary sets and facility points, prepared for the loader's atomic load.

Each kind reads its file through `boundaries.read_file` (or, for facilities, a CSV/Excel register with latitude
and longitude), matches every feature to a ward or county code through the Gazetteer, checks the geometry against
the county it belongs to and returns a loader `Preview`; nothing is written until `loader.load`."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely

from jdp_analytics.common.i18n import _
from jdp_analytics.geography import boundaries, placement
from jdp_analytics.geography.counties import COUNTIES
from jdp_analytics.geography.names import Gazetteer, UnknownNameError, name_key
from jdp_analytics.warehouse import schema, staging
from jdp_analytics.warehouse.queries import read_cursor
from jdp_analytics.warehouse.schema import Problem, ValidationError

COUNTY_OUTLINE_BUDGET = 20_000  # GeoJSON bytes of one county's outline (47 of them make a national map)
FACILITY_HEADER = ("facility_code", "facility_name", "facility_type", "sector", "county", "latitude", "longitude")
FACILITY_ALIASES = {"facility_code": ("facility_code", "facility_id", "code", "kmhfl_code"),
                    "facility_name": ("facility_name", "name"), "facility_type": ("facility_type", "type"),
                    "sector": ("sector",), "county": ("county", "county_name", "county_code"),
                    "latitude": ("latitude", "lat", "y"), "longitude": ("longitude", "lon", "lng", "long", "x")}


def prepare(kind: str, spec, data: bytes | Path, file_name: str, warehouse: Path, layer: str | None = None,
            effective_date: date | None = None, max_bytes: int | None = None) -> staging.Preview:
    """Read and check a boundary or facility file; return what loading it would do (nothing is written)."""
    raw = data.read_bytes() if isinstance(data, Path) else data
    limit = max_bytes or 50 * 1024 * 1024
    if len(raw) > limit:
        raise ValidationError([Problem(file_name, None, _("(whole file)"), f"{len(raw):,} bytes",
                                       _("uploads are limited to {limit} MB.").format(
                                           limit=f"{limit / 1024 / 1024:.0f}"),
                                       _("split the file by county and load each part."))])
    digest = staging.file_sha256(raw)
    con = read_cursor(warehouse)
    try:
        if (problem := staging.already_loaded(con, digest, file_name)) is not None:
            raise ValidationError([problem])
        gazetteer = staging.gazetteer_of(con)
        first_row = 1  # a geometry file's rows are its features, numbered from 1
        if kind == "facilities":
            frame, problems, notes, first_row = _facilities(raw, file_name, layer, gazetteer, con)
        else:
            frame, problems, notes = _boundary_set(spec.geometry, raw, file_name, layer, effective_date, gazetteer,
                                                   con)
        if problems:
            raise ValidationError(sorted(problems, key=lambda p: (p.row or 0, p.column)))
        known = staging.reference_values(con, spec.table)
        known["source.source_id"] = {"upload"}
        typed = schema.validate(spec.table, frame.assign(source_id="upload"), file_name, known, first_row=first_row)
        existing = staging.existing_keys(con, spec.table, typed)
        if existing and not spec.replace_existing:
            raise ValidationError([Problem(file_name, None, ", ".join(spec.table.key), " / ".join(map(str, k)),
                                           _("a row with this key is already in the warehouse."),
                                           _("roll back the load that brought it first.")) for k in sorted(existing)])
        totals = staging.totals_before_after(con, spec.table, typed, existing)
    finally:
        con.close()
    return staging.Preview(kind, file_name, digest, typed, len(typed) - len(existing), len(existing), totals,
                          sorted(existing), notes=notes, first_row=1)


def _text(value) -> str:
    return "" if value is None or pd.isna(value) else str(value).strip()


def _set_date(frame: pd.DataFrame, effective_date: date | None, file_name: str) -> tuple[date | None, list[Problem]]:
    column = boundaries.column_of(frame, "effective_date", "valid_on", "valid_from")
    if effective_date is None and column is not None:
        dates = pd.to_datetime(frame[column].astype("string"), errors="coerce", format="ISO8601").dt.date.dropna()
        if dates.nunique() == 1:
            effective_date = dates.iloc[0]
        elif dates.nunique() > 1:
            return None, [Problem(file_name, None, column, ", ".join(sorted(map(str, dates.unique())))[:80],
                                  _("the features give different effective dates."),
                                  _("load one boundary set (one effective date) per file."))]
    if effective_date is None:
        return None, [Problem(file_name, None, "effective_date", "", _("the boundary set has no effective date."),
                              _("give the date the boundaries took effect on the upload form (--effective-date), or "
                              "add an effective_date column (YYYY-MM-DD)."))]
    return effective_date, []


def _boundary_set(level: str, raw: bytes, file_name: str, layer: str | None, effective_date: date | None,
                  gazetteer: Gazetteer, con) -> tuple[pd.DataFrame, list[Problem], list[str]]:
    frame = boundaries.read_file(raw, file_name, layer)
    if frame.empty:
        raise ValidationError([Problem(file_name, None, _("(whole file)"), "", _("the file holds no feature."),
                                       _("export the layer with its polygons."))])
    effective_date, problems = _set_date(frame, effective_date, file_name)
    codes, naming, code_problems = (_ward_codes if level == "ward" else _county_codes)(frame, file_name, gazetteer)
    problems += code_problems
    frame = frame.assign(code=codes, label=naming)
    frame, repair_problems, notes = boundaries.repair(frame, file_name, "label")
    problems += repair_problems
    duplicated = frame[frame["code"].notna() & frame["code"].duplicated(keep=False)]
    for number, code, label in duplicated[["feature", "code", "label"]].itertuples(index=False):
        problems.append(Problem(file_name, int(number), "geometry", label,
                                (_("more than one feature is ward {code}.") if level == "ward"
                                 else _("more than one feature is county {code}.")).format(code=code),
                                _("merge the parts into one feature per ward (QGIS: Dissolve) or fix the name.")
                                if level == "ward" else
                                _("merge the parts into one feature per county (QGIS: Dissolve) or fix the name.")))
    if problems:
        return pd.DataFrame(), problems, notes
    outlines = placement.published_outlines(con)
    if level == "ward":
        wards = con.execute("SELECT ward_code, county_code, ward_name FROM dim_ward").fetchall()
        frame["county_code"] = frame["code"].map({code: county for code, county, _name in wards})
        if outlines is not None:
            problems, far = placement.ward_problems(frame, outlines, {code: name for code, _c, name in wards},
                                                    file_name)
            notes += far
    else:
        frame["county_code"] = frame["code"]
        if outlines is not None:
            problems = placement.county_problems(frame, outlines, file_name)
    if outlines is None:
        notes.append(_("The warehouse holds no published county outlines, so the features' places were not checked."))
    if problems:
        return pd.DataFrame(), problems, notes
    frame["geometry_full"] = [boundaries.to_geojson(g) for g in frame.geometry]
    frame["area_km2"] = boundaries.areas_km2(frame.geometry).round(3)
    budget = boundaries.BROWSER_BUDGET_BYTES if level == "ward" else COUNTY_OUTLINE_BUDGET
    frame["geometry_geojson"] = ""
    for county, part in frame.groupby("county_code"):
        texts, tolerance, size = boundaries.simplify_for_browser(part.geometry, budget)
        frame.loc[part.index, "geometry_geojson"] = texts
        note = (_("{county}: {count} ward polygon(s), {size} KB for the browser (budget {budget} KB per county; "
                  "simplified by {tolerance} m), {area} km² measured on the geometry as uploaded.") if level == "ward"
                else _("{county}: {count} county polygon(s), {size} KB for the browser (budget {budget} KB per "
                       "county; simplified by {tolerance} m), {area} km² measured on the geometry as uploaded."))
        notes.append(note.format(county=COUNTIES[county], count=len(part), size=f"{size / 1024:,.0f}",
                                 budget=f"{budget / 1024:,.0f}", tolerance=f"{tolerance * 111_000:,.0f}",
                                 area=f"{frame.loc[part.index, 'area_km2'].sum():,.0f}"))
    out = pd.DataFrame({"ward_code": frame["code"]} if level == "ward" else {}, index=frame.index)
    out = out.assign(effective_date=str(effective_date), county_code=frame["county_code"],
                     geometry_full=frame["geometry_full"], geometry_geojson=frame["geometry_geojson"],
                     area_km2=frame["area_km2"].astype(str))
    return out.reset_index(drop=True), [], notes


def _ward_codes(frame: gpd.GeoDataFrame, file_name: str, gazetteer: Gazetteer) -> tuple[list, list, list[Problem]]:
    """Return each feature's ward code (from a code column, else county + ward names), its label and problems."""
    from jdp_analytics.warehouse.sources.iebc_wards import WARD_ALIASES

    code_col = boundaries.column_of(frame, "ward_code")
    ward_col = boundaries.column_of(frame, "ward", "ward_name", "name")
    # Shapefiles cut field names to 10 characters: county_nam, constituen.
    county_col = boundaries.column_of(frame, "county", "county_name", "county_nam", "county_code")
    const_col = boundaries.column_of(frame, "constituency", "constituency_name", "constituen")
    if code_col is None and (ward_col is None or county_col is None):
        raise ValidationError([Problem(file_name, 1, "ward_name" if ward_col is None else "county_name", "",
                                       _("the features carry neither a ward code nor a ward and county name."),
                                       _("add a ward_code column (KEW-nnnn), or ward_name and county_name columns."))])
    codes, labels, problems = [], [], []
    for row in frame.itertuples():
        number = int(row.feature)
        if code_col is not None and _text(getattr(row, code_col)):
            code = _text(getattr(row, code_col)).upper()
            labels.append(code)
            if code not in gazetteer.wards:
                problems.append(Problem(file_name, number, code_col, code, _("no ward has this code."),
                                        _("use the ward code (KEW-nnnn) from the data dictionary, or the ward name.")))
                code = None
            codes.append(code)
            continue
        ward, county = _text(getattr(row, ward_col)), _text(getattr(row, county_col))
        constituency = _text(getattr(row, const_col)) if const_col else ""
        labels.append(ward)
        county_code = None
        try:
            county_code = gazetteer.county_code(county)
            ward = WARD_ALIASES.get((county_code, name_key(ward)), ward)
            try:
                code = gazetteer.ward_code(ward, county_code, constituency or None)
            except UnknownNameError:
                code = gazetteer.ward_code(ward, county_code)
        except UnknownNameError as err:
            column = county_col if err.kind == "county" else ward_col
            fix = (_("closest names: {names}; or give the ward_code (KEW-nnnn) from the data dictionary.").format(
                names=", ".join(err.suggestions)) if err.suggestions
                else _("check the spelling; or give the ward_code (KEW-nnnn) from the data dictionary."))
            message = (_("no county is called {name!r}.") if err.kind == "county"
                       else _("no ward of {county} is called {name!r}.")).format(
                name=err.name, county=COUNTIES.get(county_code, ""))
            problems.append(Problem(file_name, number, column, err.name, message, fix))
            code = None
        codes.append(code)
    return codes, labels, problems


def _county_codes(frame: gpd.GeoDataFrame, file_name: str, gazetteer: Gazetteer) -> tuple[list, list, list[Problem]]:
    column = boundaries.column_of(frame, "county_code", "county", "county_name", "county_nam", "adm1_pcode",
                                  "adm1_name", "name")
    if column is None:
        raise ValidationError([Problem(file_name, 1, "county_name", "", _("the features carry no county name or code."),
                                       _("add a county_name or county_code column."))])
    codes, labels, problems = [], [], []
    for row in frame.itertuples():
        name = _text(getattr(row, column))
        labels.append(name)
        try:
            codes.append(gazetteer.county_code(name))
        except UnknownNameError as err:
            codes.append(None)
            fix = (_("closest names: {names}; or the KNBS code (001–047).").format(names=", ".join(err.suggestions))
                   if err.suggestions else _("check the spelling; or the KNBS code (001–047)."))
            problems.append(Problem(file_name, int(row.feature), column, name,
                                    _("no county is called {name!r}.").format(name=name), fix))
    return codes, labels, problems


def county_outlines(con, county_codes) -> dict[str, object]:
    """Return the kept outline of each county: the latest uploaded county boundary, else the shipped one."""
    codes = sorted(set(county_codes))
    if not codes:
        return {}
    rows = con.execute("""
        with uploaded as (
            select county_code, geometry_full as geometry, row_number() over (partition by county_code
                   order by effective_date desc) as latest
            from geo_county_boundary where county_code in (select unnest($codes))
        )
        select county_code, geometry from uploaded where latest = 1
        union all
        select county_code, geometry_geojson from geo_county
        where county_code in (select unnest($codes)) and county_code not in (select county_code from uploaded)
        """, {"codes": codes}).fetchall()
    outlines = {code: shapely.from_geojson(text) for code, text in rows}
    return {code: outline for code, outline in outlines.items() if not outline.is_empty}


def wards_in_force(con, county_codes, as_of: date | None = None) -> gpd.GeoDataFrame:
    """Return the kept ward polygons in force on `as_of` (today if None) for the counties, as a GeoDataFrame."""
    rows = con.execute(_WARDS_IN_FORCE, {"codes": sorted(set(county_codes)),
                                         "as_of": as_of or date.today()}).fetchall()
    return gpd.GeoDataFrame({"ward_code": [r[0] for r in rows]},
                            geometry=[shapely.from_geojson(r[1]) for r in rows], crs=boundaries.WGS84)


_WARDS_IN_FORCE = """
with sets as (
    select b.ward_code, b.county_code, b.effective_date, b.geometry_full as geometry from geo_ward_boundary b
    union all
    select g.ward_code, w.county_code, s.as_of, g.geometry_geojson
    from geo_ward g join dim_ward w using (ward_code) join source s on s.source_id = g.source_id
),
in_force as (
    select county_code, max(effective_date) as effective_date from sets
    where effective_date <= $as_of and county_code in (select unnest($codes)) group by county_code
)
select s.ward_code, s.geometry from sets s join in_force f using (county_code, effective_date) order by ward_code
"""


def _facilities(raw: bytes, file_name: str, layer: str | None, gazetteer: Gazetteer, con
                ) -> tuple[pd.DataFrame, list[Problem], list[str], int]:
    """Return facility rows placed in their wards, the problems, notes and the file row of the frame's first row.

    A point that is not in decimal degrees, looks swapped, lies outside Kenya or lies outside its county beyond the
    tolerance is a problem. Rows are the file's lines (header = row 1) for a CSV or Excel register, and feature
    numbers for a point layer.
    """
    if Path(file_name).suffix.lower() in boundaries.GEOMETRY_SUFFIXES:
        points = boundaries.read_file(raw, file_name, layer)
        kinds = set(points.geom_type.dropna())
        if kinds - {"Point"}:
            raise ValidationError([Problem(file_name, None, "geometry", ", ".join(sorted(kinds)),
                                           _("facilities must be points."), _("export the facility layer as points."))])
        frame = pd.DataFrame(points.drop(columns="geometry"))
        frame["latitude"], frame["longitude"] = points.geometry.y.astype(str), points.geometry.x.astype(str)
        first_row = 1
        frame.index = frame["feature"] - first_row
    else:
        from jdp_analytics.warehouse import readers

        expected = [a for aliases in FACILITY_ALIASES.values() for a in aliases[:1]]
        result = readers.read_table(raw, file_name, expected, sheet=layer)
        frame, first_row = result.frame.copy(), 1
        frame.index = frame.index + result.first_row - first_row  # as features: index + 1 is the row, in every check
        frame.columns = [str(c).strip().lower() for c in frame.columns]
    for name, aliases in FACILITY_ALIASES.items():
        found = boundaries.column_of(frame, *aliases)
        if found is not None and found != name:
            frame = frame.rename(columns={found: name})
    frame, problems = staging.resolve_names(frame[[c for c in FACILITY_HEADER if c in frame]], gazetteer,
                                           file_name, first_row)
    missing = pd.Series(float("nan"), index=frame.index)
    lat = pd.to_numeric(frame.get("latitude", missing), errors="coerce")
    lon = pd.to_numeric(frame.get("longitude", missing), errors="coerce")
    published = placement.published_outlines(con)
    if published is not None:
        placed = placement.point_problems(lat, lon, published, file_name, first_row)
        problems += placed
        lat.loc[placement.problem_rows(placed, first_row)] = float("nan")  # not measured against the county too
    usable = lat.notna() & lon.notna() & frame["county_code"].notna() if "county_code" in frame else lat.isna()
    points = gpd.GeoDataFrame(frame[usable], geometry=gpd.points_from_xy(lon[usable], lat[usable]),
                              crs=boundaries.WGS84)
    outlines = county_outlines(con, points["county_code"]) if not points.empty else {}
    for idx, county, point in points[["county_code", "geometry"]].itertuples():
        outline = outlines.get(county)
        distance = boundaries.distance_outside_m(point, outline)
        if distance is not None and distance > boundaries.OUTSIDE_TOLERANCE_M:
            problems.append(Problem(file_name, int(idx) + first_row, "latitude, longitude",
                                    f"{point.y:.5f}, {point.x:.5f}",
                                    _("the point lies {distance} km outside {county} county.").format(
                                        distance=f"{distance / 1000:,.1f}", county=COUNTIES[county]),
                                    _("check the coordinates (decimal degrees, latitude south of the equator negative, "
                                      "not swapped) and the county.")))
    wards = wards_in_force(con, points["county_code"]) if not points.empty else gpd.GeoDataFrame()
    frame["ward_code"] = pd.Series(pd.NA, index=frame.index, dtype="string")
    if not wards.empty:
        frame.loc[points.index, "ward_code"] = boundaries.place_points(points, wards)
    notes = [_("{placed} of {count} facilities placed in a ward by a spatial join on the ward boundaries in "
               "force.").format(placed=int(frame["ward_code"].notna().sum()), count=len(frame))]
    return frame.drop(columns=["county"], errors="ignore"), problems, notes, first_row
