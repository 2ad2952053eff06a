"""Tables of places and people: counties, constituencies, wards, their boundaries and the census populations
that pages use as denominators."""

from __future__ import annotations

from jdp_analytics.common.i18n import N_
from jdp_analytics.warehouse.schema import (
    Column,
    Table,
    count_column,
    county_code_column,
    load_id_column,
    source_id_column,
)

DIM_COUNTY = Table(
    "dim_county",
    N_("The 47 counties with their 2019 census population and land area."),
    (
        county_code_column(),
        Column("county_name", "VARCHAR", N_("County name in the project's spelling (OCHA COD-AB).")),
        Column("is_jdp_target", "BOOLEAN", N_("True for the eight Joint Devolution Programme target counties.")),
        Column("population_2019", "BIGINT", N_("Population, 2019 census (KNBS KPHC Vol. I, Table 2.2)."),
               unit="persons", min=0),
        Column("population_male_2019", "BIGINT", N_("Male population, 2019 census."), unit="persons", min=0),
        Column("population_female_2019", "BIGINT", N_("Female population, 2019 census."), unit="persons", min=0),
        Column("population_intersex_2019", "BIGINT", N_("Intersex population, 2019 census."), unit="persons", min=0),
        Column("households_2019", "BIGINT", N_("Households, 2019 census (KPHC Vol. II, Table 2.2)."),
               unit="households", min=0, required=False),
        Column("area_km2", "DOUBLE", N_("Land area (KPHC Vol. II, Table 2.2)."), unit="km²", min=0),
        source_id_column(),
    ),
    key=("county_code",),
    group="dimension",
)

DIM_CONSTITUENCY = Table(
    "dim_constituency",
    N_("The 290 constituencies (IEBC), each in its county."),
    (
        Column("constituency_code", "VARCHAR", N_("Code of the constituency: KE + county + number, e.g. KE043245."),
               pattern=r"^KE\d{6}$", pattern_hint=N_("KE followed by six digits")),
        Column("constituency_name", "VARCHAR", N_("Constituency name.")),
        county_code_column(),
        source_id_column(),
    ),
    key=("constituency_code",),
    group="dimension",
)

DIM_WARD = Table(
    "dim_ward",
    N_("The 1,450 county assembly wards (IEBC 2012 hierarchy, codes of the kenya-data package)."),
    (
        Column("ward_code", "VARCHAR", N_("Ward code of the kenya-data package, KEW-0001 … KEW-1450."),
               pattern=r"^KEW-\d{4}$", pattern_hint=N_("KEW- followed by four digits")),
        Column("ward_name", "VARCHAR", N_("Ward name.")),
        Column("constituency_code", "VARCHAR", N_("Constituency the ward belongs to."),
               references="dim_constituency.constituency_code"),
        county_code_column(),
        source_id_column(),
    ),
    key=("ward_code",),
    group="dimension",
)

GEO_COUNTY = Table(
    "geo_county",
    N_("Simplified county boundaries (GeoJSON geometry, WGS84) for maps."),
    (
        county_code_column(),
        Column("geometry_geojson", "VARCHAR", N_("GeoJSON geometry of the county, simplified.")),
        source_id_column(),
        Column("area_km2", "DOUBLE", N_("Area measured on the boundary as published, before simplification, in an "
               "equal-area projection (EPSG:6933)."), unit="km²", min=0, required=False),
    ),
    key=("county_code",),
    group="geometry",
)

GEO_WARD = Table(
    "geo_ward",
    N_("Simplified ward boundaries (GeoJSON geometry, WGS84); present only where an administrator installed the IEBC "
       "ward polygons (their licence is unclear, so the project does not ship them)."),
    (
        Column("ward_code", "VARCHAR", N_("Ward the geometry belongs to."), references="dim_ward.ward_code"),
        Column("geometry_geojson", "VARCHAR", N_("GeoJSON geometry of the ward, simplified.")),
        source_id_column(),
        Column("area_km2", "DOUBLE", N_("Area measured on the boundary as published, before simplification, in an "
               "equal-area projection (EPSG:6933)."), unit="km²", min=0, required=False),
    ),
    key=("ward_code",),
    group="geometry",
)

DIM_SUBCOUNTY_POPULATION = Table(
    "dim_subcounty_population",
    N_("2019 census population of each KNBS census sub-county (about 340, not the 290 constituencies) by sex, "
    "with its youth: the denominators of turnout and representation below the county. Names are as KNBS "
    "published them in Vol. I Table 2.5; the 12 forest and national-park 'special areas' (names ending in '*') "
    "are kept and flagged."),
    (
        county_code_column(),
        Column("subcounty_name", "VARCHAR", N_("Sub-county name as published (KPHC Vol. I, Table 2.5).")),
        Column("is_special_area", "BOOLEAN", N_("True for a forest or national park that KNBS enumerated apart.")),
        count_column("population_total", N_("Population, all sexes (intersex included).")),
        count_column("population_male", N_("Male population.")),
        count_column("population_female", N_("Female population.")),
        count_column("population_intersex", N_("Intersex population.")),
        count_column("youth_18_34_total", N_("Persons aged 18 to 34 in completed years (Constitution Art. 260: "
                                             "attained "
                     "18, not yet 35), summed over single-year ages 18–34 of KPHC Vol. III, Table 2.3.")),
        count_column("youth_18_34_male", N_("Males aged 18 to 34.")),
        count_column("youth_18_34_female", N_("Females aged 18 to 34.")),
        source_id_column(),
    ),
    key=("county_code", "subcounty_name"),
    group="dimension",
)

POPULATION_GROUPS = ("youth_18_34", "aged_18_plus", "aged_5_plus", "pwd_aged_5_plus")

FACT_COUNTY_POPULATION_GROUP = Table(
    "fact_county_population_group",
    N_("2019 census counts of the groups participation is measured against, per county and sex: youth aged 18–34 "
    "(single-year ages 18 to 34 of KPHC Vol. III, Table 2.3), adults aged 18 and above (same table), and persons "
    "aged 5 and above with and without a disability (KPHC Vol. IV, Table 2.26, which asks about disability "
    "from age 5 only, so a share of persons "
    "with disabilities is pwd_aged_5_plus / aged_5_plus). Totals include intersex persons and those whose sex "
    "was not stated, so male + female can be a little below the total."),
    (
        county_code_column(),
        Column("population_group", "VARCHAR", N_("youth_18_34, aged_18_plus (adults; age not stated left out), "
               "aged_5_plus (all persons aged 5 and above) or "
               "pwd_aged_5_plus (persons aged 5 and above with a disability)."), allowed=POPULATION_GROUPS),
        Column("sex", "VARCHAR", N_("male, female or total."), allowed=("male", "female", "total")),
        count_column("persons", N_("Persons of the group and sex in the county.")),
        source_id_column(),
    ),
    key=("county_code", "population_group", "sex"),
    group="fact",
)


def effective_date_column() -> Column:
    return Column("effective_date", "DATE", N_("Date from which the boundary set is in force; pages draw, for a fiscal "
                  "year, the latest set in force on its last day (30 June)."))


def area_column() -> Column:
    return Column("area_km2", "DOUBLE", N_("Area measured on the kept geometry in an equal-area projection "
                  "(EPSG:6933)."), unit="km²", min=0)


GEO_WARD_BOUNDARY = Table(
    "geo_ward_boundary",
    N_("Ward boundary sets a county or the PIU uploaded (GeoJSON, zipped Shapefile or GeoPackage), each with the date "
    "it took effect: the geometry as uploaded (reprojected to WGS84, repaired) for areas and spatial joins, and a "
    "copy simplified to a byte budget per county for the browser."),
    (
        Column("ward_code", "VARCHAR", N_("Ward the geometry belongs to."), references="dim_ward.ward_code"),
        effective_date_column(),
        county_code_column(),
        Column("geometry_full", "VARCHAR", N_("GeoJSON geometry as uploaded, in WGS84 (for areas and spatial joins).")),
        Column("geometry_geojson", "VARCHAR", N_("GeoJSON geometry simplified for the browser.")),
        area_column(),
        source_id_column(),
        load_id_column(),
    ),
    key=("ward_code", "effective_date"),
    group="geometry",
)

GEO_COUNTY_BOUNDARY = Table(
    "geo_county_boundary",
    N_("County boundaries uploaded with the date they took effect: kept geometry (WGS84) and a simplified copy."),
    (
        county_code_column(),
        effective_date_column(),
        Column("geometry_full", "VARCHAR", N_("GeoJSON geometry as uploaded, in WGS84 (for areas and spatial joins).")),
        Column("geometry_geojson", "VARCHAR", N_("GeoJSON geometry simplified for the browser.")),
        area_column(),
        source_id_column(),
        load_id_column(),
    ),
    key=("county_code", "effective_date"),
    group="geometry",
)

DIM_FACILITY = Table(
    "dim_facility",
    N_("Service-delivery facilities as points (e.g. from KoboToolbox GPS or the KMHFL), each placed in its ward by a "
    "spatial join on the ward boundaries in force."),
    (
        Column("facility_code", "VARCHAR", N_("Identifier of the facility (e.g. the KMHFL code); feedback rows name "
               "the facility by it."), pattern=r"^[A-Za-z0-9][A-Za-z0-9_./-]{0,39}$",
               pattern_hint=N_("letters, digits, '-', '_', '.' or '/', at most 40 characters")),
        Column("facility_name", "VARCHAR", N_("Name of the facility.")),
        Column("facility_type", "VARCHAR", N_("Kind of facility (e.g. Dispensary, Health centre, ECDE centre).")),
        Column("sector", "VARCHAR", N_("Sector the facility serves (e.g. Health, Water, Education).")),
        county_code_column(),
        Column("ward_code", "VARCHAR", N_("Ward the point falls in (spatial join); empty when the county has no ward "
               "boundaries."), references="dim_ward.ward_code", required=False),
        Column("latitude", "DOUBLE", N_("Latitude, WGS84."), unit="degrees", min=-5, max=5.5),
        Column("longitude", "DOUBLE", N_("Longitude, WGS84."), unit="degrees", min=33.5, max=42.5),
        source_id_column(),
        load_id_column(),
    ),
    key=("facility_code",),
    group="dimension",
)
