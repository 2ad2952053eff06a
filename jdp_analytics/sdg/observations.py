"""Indicator observations in long form: the upload template's defaults and the Open SDG data file layout.

An Open SDG platform (open-sdg.org; Kenya's and other national SDG platforms) keeps one CSV per indicator,
named `indicator_5-5-1.csv`, with a `Year` column, any number of disaggregation columns (`Sex`, `Age`,
`Location`, `Series`, `Units`, a geography such as `County`, ...), optional `GeoCode` and `Observation status`,
and a `Value` column; a row whose disaggregation cells are all empty is the headline series. `open_sdg_rows`
turns such a file, unchanged, into the rows of the project's template, so it goes through the same name
resolution, validation, preview and atomic load as any other upload (loader.KINDS['open_sdg']).
"""

from __future__ import annotations

import re

import pandas as pd
from rapidfuzz import fuzz, process, utils

from jdp_analytics.common.i18n import N_, _
from jdp_analytics.geography.counties import COUNTIES
from jdp_analytics.geography.names import COUNTY_ONLY, UnknownNameError
from jdp_analytics.sdg.tables import DISAGGREGATION_ALL
from jdp_analytics.warehouse.schema import Problem, ValidationError

DIMENSIONS = ("sex", "age_group", "disability", "residence", "other_disaggregation")
OPEN_SDG_HEADER = ("Year", "Value")
TEMPLATE_HEADER = ("indicator_code", "county", "ward", "period", "value")  # the breakdowns may be left out
OPEN_SDG_FILE = re.compile(r"(?:indicator_)?(\d{1,2})-([0-9a-z]{1,2})-(\d{1,2})", re.I)

# Open SDG column names (case-blind) → template column; every other column becomes 'Name=value' in
# other_disaggregation, so that no breakdown of the file is lost or merged with another.
OPEN_SDG_COLUMNS = {
    "year": "period", "value": "value", "sex": "sex", "gender": "sex", "age": "age_group", "age group": "age_group",
    "disability": "disability", "disability status": "disability", "location": "residence",
    "urban/rural": "residence", "type of location": "residence", "area": "residence", "residence": "residence",
    "ward": "ward", "observation status": "note",
    "indicator": "indicator_code", "indicator_code": "indicator_code",
}
# Columns that say where a row's figures are for, in the order they are read (a name before a code): the first
# non-blank cell of a row is its place. A blank place is the file's headline: Kenya as a whole, or the geography
# the user declared (--geography).
GEOGRAPHY_COLUMNS = ("county", "reference area", "geoareaname", "geography", "sub-national area", "region",
                     "province", "district", "state", "local authority", "country", "geocode", "geo_code", "ref_area",
                     "geoareacode")
MISSPELLING_SCORE = 80  # a place this close to a county's name is a misspelt county, not a foreign place
KENYA_NAMES = frozenset({"ke", "ken", "kenya", "kenya (national)", "republic of kenya"})
NATIONAL_NAMES = KENYA_NAMES | {"national", "total", "all"}
NO_PLACE = N_("the file does not say where its figures are for: it has no column County, GeoCode, Reference "
               "area or geo_code.")  # shown as _(NO_PLACE)
NO_PLACE_FIX = N_("add a column County (a county name or code, empty for Kenya as a whole), or declare the "
                  "geography: --geography KE for Kenya as a whole or --geography 002 for a county (on the Upload page: "
                  "'Where are the figures for?').")
BLANK_PLACE = N_("column {columns} names no place on any row (every cell is empty, or says only national or total): "
                 "the file does not say where its figures are for.")  # as a file without the column
BLANK_PLACE_FIX = N_("declare the geography: --geography KE if the figures are Kenya's as a whole or --geography 002 "
                     "for a county (on the Upload page: 'Where are the figures for?'); or fill the column with the "
                     "county of each row.")
SERIES_COLUMNS = ("series", "units", "unit measure", "unit multiplier")
_SEX = {"female": "female", "women": "female", "f": "female", "male": "male", "men": "male", "m": "male",
        "intersex": "intersex", "total": "all", "both sexes": "all", "all": "all"}
_RESIDENCE = {"urban": "urban", "rural": "rural", "total": "all", "all": "all", "national": "all"}


def _blank(series: pd.Series) -> pd.Series:
    return series.isna() | (series.astype("string").str.strip() == "")


def complete(frame: pd.DataFrame) -> pd.DataFrame:
    """Fill what a template row may leave out: 'all' for a dimension it is not broken down by, and geo_code.

    geo_code is the ward code when a ward is given, else the county code, else 'KE' (Kenya as a whole).
    Runs after county and ward names were resolved to codes.
    """
    frame = frame.rename(columns={c: c.strip().casefold() for c in frame.columns
                                  if c.strip().casefold() in (*DIMENSIONS, "sample_n", "note")})
    for dimension in DIMENSIONS:
        if dimension not in frame.columns:
            frame[dimension] = DISAGGREGATION_ALL
        else:
            frame[dimension] = frame[dimension].astype("string").str.strip().mask(_blank(frame[dimension]),
                                                                                  DISAGGREGATION_ALL)
    frame["sex"] = frame["sex"].str.lower()
    for column in ("disability", "residence"):
        frame[column] = frame[column].str.lower()
    county = frame["county_code"].astype("string") if "county_code" in frame else pd.Series(pd.NA, index=frame.index,
                                                                                            dtype="string")
    ward = frame["ward_code"].astype("string") if "ward_code" in frame else pd.Series(pd.NA, index=frame.index,
                                                                                      dtype="string")
    named_county = frame["county"].astype("string") if "county" in frame else pd.Series(pd.NA, index=frame.index,
                                                                                        dtype="string")
    # A county name that did not resolve is reported by the resolver; do not also call the row national.
    geo = ward.fillna(county).mask(ward.isna() & county.isna() & _blank(named_county), "KE")
    frame["geo_code"] = geo
    return frame


def indicator_of_file(file_name: str) -> str | None:
    """Return the UN indicator code an Open SDG file name carries: 'indicator_5-5-1.csv' → '5.5.1'."""
    found = OPEN_SDG_FILE.search(file_name.rsplit("/", 1)[-1])
    return ".".join(part.lower() for part in found.groups()) if found else None


def _disability(value: str) -> str:
    text = value.strip().lower()
    if "without" in text or text.startswith("no") or "not disabled" in text:
        return "without disability"
    if "with" in text or "disabled" in text or text in ("pwd", "yes"):
        return "with disability"
    return "all" if text in ("total", "all") else value


def declared_place(geography: str | None) -> str | None:
    """Return the code a user's --geography means: 'KE' for Kenya as a whole or a county's KNBS code."""
    if geography is None or not geography.strip():
        return None
    if geography.strip().casefold() in NATIONAL_NAMES:
        return "KE"
    try:
        return COUNTY_ONLY.county_code(geography)
    except UnknownNameError as err:
        raise ValidationError([Problem(
            "--geography", None, _("(geography)"), geography,
            _("the declared geography is not Kenya or a Kenyan county."),
            _("give KE for Kenya as a whole, or a county (e.g. {examples}).").format(
                examples=", ".join(err.suggestions) or _("002 or Kwale")))]) \
            from None


def _place_of_rows(frame: pd.DataFrame, file_name: str, geography: str | None) -> pd.Series:
    """Return each row's county (code or name, for the resolver), or <NA> for Kenya as a whole.

    Raises ValidationError when the file does not say where its figures are for, or when none of its places is
    Kenya or a Kenyan county (a file of another country).
    """
    declared = declared_place(geography)
    by_key = {name.strip().casefold(): name for name in frame.columns}
    columns = [by_key[k] for k in GEOGRAPHY_COLUMNS if k in by_key]
    if not columns and declared is None:
        raise ValidationError([Problem(file_name, None, _("(geography)"), "", _(NO_PLACE), _(NO_PLACE_FIX))])
    place = pd.Series(pd.NA, index=frame.index, dtype="string")
    for name in columns:
        cells = frame[name].astype("string").str.strip()
        place = place.fillna(cells.mask(cells == ""))
    national = place.str.casefold().isin(NATIONAL_NAMES).fillna(False)
    named = place.notna() & (~national | place.str.casefold().isin(KENYA_NAMES).fillna(False))
    if declared is None and not named.any():  # another country's headline file is not Kenya's by default
        shown = " / ".join(columns)
        raise ValidationError([Problem(file_name, None, shown, ", ".join(place.dropna().unique()[:5]),
                                       _(BLANK_PLACE).format(columns=shown), _(BLANK_PLACE_FIX))])
    found = [v for v in place[~national].dropna().unique()]
    kenyan = []  # places that are Kenyan counties, or misspell one (the resolver then reports them row by row)
    for value in found:
        try:
            kenyan.append(COUNTY_ONLY.county_code(value))
        except UnknownNameError:
            best = process.extractOne(value, COUNTIES.values(), scorer=fuzz.ratio, processor=utils.default_process)
            if best and best[1] >= MISSPELLING_SCORE:
                kenyan.append(value)
    says_kenya = place.str.casefold().isin(KENYA_NAMES).fillna(False).any()
    if found and not kenyan and not says_kenya:
        shown = ", ".join(repr(v) for v in found[:5]) + (f" and {len(found) - 5} more" if len(found) > 5 else "")
        raise ValidationError([Problem(
            file_name, None, " / ".join(columns), ", ".join(found[:5]),
            _("the file's places are not in Kenya: found {places} in column {columns}.").format(
                places=shown, columns=" / ".join(columns)),
            _("load only Kenyan figures: Kenya as a whole (KE) or its counties, by name or KNBS code (001–047)."))])
    place = place.mask(national)
    if declared not in (None, "KE"):
        place = place.fillna(declared)
    return place


def open_sdg_rows(frame: pd.DataFrame, file_name: str, geography: str | None = None) -> pd.DataFrame:
    """Return an Open SDG data file's rows as template rows (the file's row index is kept for row numbers).

    The rows' place comes from the file's geography column (GEOGRAPHY_COLUMNS) or from `geography` ('KE' or a
    county), which the user declares for rows the file gives no place for; blank breakdown cells mean 'total'.
    """
    place = _place_of_rows(frame, file_name, geography)
    geo_keys = set(GEOGRAPHY_COLUMNS)
    frame = frame[[n for n in frame.columns if n.strip().casefold() not in geo_keys]]
    columns = {name: OPEN_SDG_COLUMNS.get(name.strip().casefold()) for name in frame.columns}
    out = pd.DataFrame(index=frame.index)
    for name, target in columns.items():
        if target is not None:
            out[target] = frame[name].astype("string").str.strip()
    if "indicator_code" not in out:
        code = indicator_of_file(file_name)
        if code is None:
            raise ValidationError([Problem(
                file_name, None, "(file name)", file_name, _("the file name does not say which indicator it holds."),
                _("name the file as Open SDG does, e.g. indicator_5-5-1.csv for indicator 5.5.1, or add a column "
                "headed 'indicator_code'."))])
        out["indicator_code"] = code
    if "sex" in out:
        out["sex"] = out["sex"].map(lambda v: v if pd.isna(v) else _SEX.get(v.lower(), v)).astype("string")
    if "residence" in out:
        out["residence"] = out["residence"].map(
            lambda v: v if pd.isna(v) else _RESIDENCE.get(v.lower(), v)).astype("string")
    if "disability" in out:
        out["disability"] = out["disability"].map(lambda v: v if pd.isna(v) else _disability(v)).astype("string")
    others = [name for name, target in columns.items() if target is None]
    # Series and Units name what a file measures rather than break it down: when the file has one of each, they
    # go to the note, so that its rows with every breakdown empty stay the headline the explorer shows.
    labels = [n for n in others if n.strip().casefold() in SERIES_COLUMNS
              and frame[n].astype("string").str.strip().replace("", pd.NA).dropna().nunique() <= 1]
    if labels:
        described = "; ".join(f"{n.strip()}: {v}" for n in labels
                              for v in frame[n].astype("string").str.strip().replace("", pd.NA).dropna().unique())
        note = out["note"] if "note" in out else pd.Series(pd.NA, index=frame.index, dtype="string")
        out["note"] = note.map(lambda v: described if pd.isna(v) or v == "" else f"{v}; {described}").astype(
            "string")
        others = [n for n in others if n not in labels]
    parts = [[None if pd.isna(v) or v == "" else f"{name.strip()}={v}"  # a blank breakdown cell is the total
              for v in frame[name].astype("string").str.strip()] for name in others]
    out["other_disaggregation"] = pd.Series(
        ["; ".join(p for p in row if p) for row in zip(*parts)] if parts else [""] * len(frame),
        index=frame.index, dtype="string")
    out["county"] = place
    return out
