"""The geography area in the warehouse: counties, constituencies, wards, the census figures that go with them,
boundaries (published and uploaded) and the register of service-delivery facilities."""

from __future__ import annotations

from jdp_analytics.common.i18n import N_
from jdp_analytics.geography import tables as geography
from jdp_analytics.warehouse.area import Area, Kind

AREA = Area(
    "geography",
    tables=(geography.DIM_COUNTY, geography.DIM_CONSTITUENCY, geography.DIM_WARD, geography.DIM_SUBCOUNTY_POPULATION,
            geography.FACT_COUNTY_POPULATION_GROUP, geography.GEO_COUNTY, geography.GEO_WARD,
            geography.GEO_WARD_BOUNDARY, geography.GEO_COUNTY_BOUNDARY, geography.DIM_FACILITY),
    titles={
        "dim_county": N_("Counties"),
        "dim_constituency": N_("Constituencies"),
        "dim_ward": N_("Wards"),
        "dim_subcounty_population": N_("Census population by sub-county"),
        "fact_county_population_group": N_("Census population groups"),
        "geo_county": N_("County boundaries (map)"),
        "geo_ward": N_("Ward boundaries (map)"),
        "geo_ward_boundary": N_("Uploaded ward boundaries"),
        "geo_county_boundary": N_("Uploaded county boundaries"),
        "dim_facility": N_("Service-delivery facilities"),
    },
    kinds=(
        Kind("ward_boundaries", geography.GEO_WARD_BOUNDARY, N_("Ward boundaries (GeoJSON, zipped Shapefile or "
             "GeoPackage; any projection; one boundary set with its effective date)"), replace_existing=True,
             template_rows=({"ward_code": "", "ward_name": "Kwabwai", "county_name": "Homa Bay",
                             "effective_date": "2022-08-09", "geometry": "(the polygon)"},),
             template_columns=("ward_code", "ward_name", "county_name", "effective_date", "geometry"), geometry="ward"),
        Kind("county_boundaries", geography.GEO_COUNTY_BOUNDARY, N_("County boundaries (GeoJSON, zipped Shapefile or "
             "GeoPackage; one boundary set with its effective date)"), replace_existing=True,
             template_rows=({"county_name": "Homa Bay", "effective_date": "2022-08-09", "geometry": "(the polygon)"},),
             template_columns=("county_name", "effective_date", "geometry"), geometry="county"),
        Kind("facilities", geography.DIM_FACILITY, N_("Service-delivery facilities as points (CSV or Excel with "
             "latitude and longitude, or a GeoJSON / GeoPackage / zipped Shapefile of points)"), replace_existing=True,
             template_rows=({"facility_code": "KWL-HF-001", "facility_name": "Tsimba Dispensary",
                             "facility_type": "Dispensary", "sector": "Health", "county": "Kwale",
                             "latitude": "-4.1567", "longitude": "39.3512"},),
             template_columns=("facility_code", "facility_name", "facility_type", "sector", "county", "latitude",
                               "longitude"), geometry="point"),
    ),
)
