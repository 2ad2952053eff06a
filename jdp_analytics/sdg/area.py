"""The SDG area in the warehouse: the indicator catalogue, the KDHS county values, the observations with their
breakdowns (census, KDHS, Open SDG files) and the targets."""

from __future__ import annotations

from jdp_analytics.common.i18n import N_
from jdp_analytics.sdg import observations
from jdp_analytics.sdg import tables as sdg_tables
from jdp_analytics.warehouse.area import EVIDENCE, Area, Dataset, Kind

AREA = Area(
    "sdg",
    tables=(sdg_tables.DIM_INDICATOR, sdg_tables.FACT_INDICATOR, sdg_tables.FACT_INDICATOR_OBSERVATION,
            sdg_tables.FACT_INDICATOR_TARGET),
    titles={
        "dim_indicator": N_("Indicator catalogue"),
        "fact_indicator": N_("KDHS county indicators"),
        "fact_indicator_observation": N_("SDG indicator values"),
        "fact_indicator_target": N_("Indicator targets"),
    },
    kinds=(
        Kind("indicator_values", sdg_tables.FACT_INDICATOR, N_("Indicator values per county and period"),
             replace_existing=True, template_rows=(
                 {"indicator_code": "RH_DELP_C_DHF", "county": "Kwale", "period": "2025", "value": "81.5",
                  "sample_n": ""},)),
        Kind("indicator_observations", sdg_tables.FACT_INDICATOR_OBSERVATION,
             N_("Indicator observations with breakdowns (sex, age, disability, urban/rural) for Kenya, a county or a "
                "ward"), replace_existing=True,
             template_rows=(
                 {"indicator_code": "5.5.1", "county": "Kwale", "ward": "", "period": "2022", "sex": "all",
                  "age_group": "", "disability": "", "residence": "", "other_disaggregation":
                  "Series=county assembly seats", "value": "33.3", "sample_n": "", "note": ""},),
             complete=observations.complete, header=observations.TEMPLATE_HEADER, derived=("geo_code",),
             required=("indicator_code", "period", "value")),
        Kind("open_sdg", sdg_tables.FACT_INDICATOR_OBSERVATION,
             N_("Open SDG data file, unchanged (indicator_5-5-1.csv: Year, disaggregation columns, Value)"),
             replace_existing=True,
             template_rows=({"Year": "2022", "County": "Kwale", "Sex": "Female", "Value": "33.3"},),
             reshape=observations.open_sdg_rows, complete=observations.complete, header=observations.OPEN_SDG_HEADER,
             template_columns=("Year", "County", "Sex", "Value"), derived=("geo_code",), required=("Year", "Value"),
             open_columns=True, declares_geography=True),
        Kind("indicator_targets", sdg_tables.FACT_INDICATOR_TARGET,
             N_("Indicator targets (national or county, e.g. from a CIDP)"), replace_existing=True, template_rows=(
                 {"indicator_code": "CEN_WATER_IMPROVED", "geo_code": "002", "target_year": "2027",
                  "target_value": "85", "basis": "Kwale CIDP 2023–2027, water sector target"},)),
        Kind("indicator_catalogue", sdg_tables.DIM_INDICATOR,
             N_("Indicators of the SDG catalogue (a county, national or UN indicator not yet listed)"),
             replace_existing=True, template_rows=(
                 {"indicator_code": "KWL_WARD_FORUMS", "indicator_name": "Wards that held a budget forum",
                  "unit": "percent", "population": "county assembly wards", "topic": "participation",
                  "higher_is_better": "yes", "sdg_goal": "16", "sdg_target": "16.7", "sdg_indicator": "16.7.2",
                  "sdg_correspondence": "proxy", "code_scheme": "county",
                  "definition": "Share of the county's wards where at least one public budget forum was held.",
                  "method": "Count of wards in the participation register over all wards of the county."},)),
    ),
    datasets=(
        Dataset("fact_indicator", EVIDENCE, N_("KDHS 2022 county indicators"),
                N_("KNBS and ICF publish the Kenya Demographic and Health Survey about every five years."),
                ("indicator_values",)),
        Dataset("fact_indicator_observation", EVIDENCE, N_("SDG indicator values"),
                N_("KNBS (census, surveys and the national SDG platform) and the county's own statistics unit, as each "
                   "round is published."), ("indicator_observations", "open_sdg")),
    ),
)
