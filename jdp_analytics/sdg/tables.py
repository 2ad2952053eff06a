"""Tables of indicators and SDG localization: the indicator catalogue, county indicator values, observations
with their breakdowns and targets."""

from __future__ import annotations

from jdp_analytics.common.i18n import N_
from jdp_analytics.warehouse.schema import (
    COUNTY_CODE_PATTERN,
    Column,
    RowRule,
    Table,
    county_code_column,
    load_id_column,
    source_id_column,
)

SDG_INDICATOR_PATTERN = r"^\d{1,2}\.[0-9a-z]{1,2}\.\d{1,2}$"  # UN global indicator codes: 5.5.1, 16.7.1, 5.b.1
SDG_CORRESPONDENCE = ("global", "same definition", "proxy")

DIM_INDICATOR = Table(
    "dim_indicator",
    N_("Indicators the warehouse holds values for, with unit and population."),
    (
        Column("indicator_code", "VARCHAR", N_("Indicator code (DHS indicator id, SDG code or project code).")),
        Column("indicator_name", "VARCHAR", N_("Indicator name.")),
        Column("unit", "VARCHAR", N_("Unit of the values."), allowed=("percent", "number", "rate", "score", "KES")),
        Column("population", "VARCHAR", N_("Who the indicator describes."), required=False),
        Column("topic", "VARCHAR", N_("Topic group, e.g. maternal, immunisation, nutrition."), required=False),
        Column("higher_is_better", "BOOLEAN", N_("True when a higher value is the better outcome."), required=False),
        source_id_column(),
        # The SDG catalogue (issue 7): optional, so warehouses built before it upgrade in place.
        Column("sdg_goal", "INTEGER", N_("Sustainable Development Goal the indicator serves (1–17)."), required=False,
               min=1, max=17),
        Column("sdg_target", "VARCHAR", N_("SDG target, e.g. '5.5'."),
               required=False, pattern=r"^\d{1,2}\.[0-9a-z]{1,2}$",
               pattern_hint=N_("goal.target, e.g. 5.5 or 16.b")),
        Column("sdg_indicator", "VARCHAR", N_("UN global indicator code the indicator measures or stands in for, e.g. "
               "'3.1.2'; equal to indicator_code when the code is the UN one."), required=False,
               pattern=SDG_INDICATOR_PATTERN, pattern_hint=N_("goal.target.indicator, e.g. 5.5.1")),
        Column("sdg_correspondence", "VARCHAR", N_("How the indicator relates to the UN global indicator: 'global' (it "
               "is the UN indicator), 'same definition' (another code, the UN definition), 'proxy' (a nearby "
               "measure, see definition)."), required=False, allowed=SDG_CORRESPONDENCE),
        Column("code_scheme", "VARCHAR", N_("Where the code comes from: UN global, DHS, census-derived, national, "
               "county."), required=False),
        Column("definition", "VARCHAR", N_("What the indicator measures, with numerator and denominator."),
               required=False),
        Column("method", "VARCHAR", N_("How the values were obtained or computed, citing the table used."),
               required=False),
        load_id_column(),
    ),
    key=("indicator_code",),
    group="dimension",
)

FACT_INDICATOR = Table(
    "fact_indicator",
    N_("Indicator values per county and period."),
    (
        Column("indicator_code", "VARCHAR", N_("Indicator the value belongs to."),
               references="dim_indicator.indicator_code"),
        county_code_column(),
        Column("period", "VARCHAR", N_("Year or period the value describes, e.g. '2022'.")),
        Column("value", "DOUBLE", N_("The value, in the indicator's unit.")),
        Column("sample_n", "INTEGER", N_("Unweighted sample size behind a survey value."), required=False, min=0),
        source_id_column(),
        load_id_column(),
    ),
    key=("indicator_code", "county_code", "period"),
    group="fact",
)


# SDG localisation (issue 7). Observations of any indicator in long form, with their disaggregation. Values of
# fact_indicator (one per indicator, county and period, no disaggregation: the KDHS 2022 rows and uploads of the
# 'indicator_values' kind) stay where they are; the query sdg_observations.sql reads both tables as one, a
# fact_indicator row being an observation of the county with every dimension 'all'.
GEO_CODE_PATTERN = r"^(KE|0[0-3]\d|04[0-7]|KEW-\d{4})$"
DISAGGREGATION_ALL = "all"  # the value of a dimension an observation is not broken down by
SEXES = ("all", "female", "male", "intersex")
DISABILITY_STATUSES = ("all", "with disability", "without disability")
RESIDENCES = ("all", "urban", "rural")


def _geo_code() -> Column:
    return Column("geo_code", "VARCHAR", N_("Where the value describes: KE for Kenya as a whole, a county code "
                  "(001–047) or a ward code (KEW-nnnn). Filled from county and ward when a file gives names."),
                  pattern=GEO_CODE_PATTERN, pattern_hint=N_("KE, a county code 001–047 or a ward code KEW-nnnn"))


FACT_INDICATOR_OBSERVATION = Table(
    "fact_indicator_observation",
    N_("Indicator observations in long form: one value per indicator, place (Kenya, county or ward), period and "
    "disaggregation (sex, age group, disability, urban/rural, other). A dimension an observation is not broken "
    "down by holds 'all'. Loaded from the project template, from Open SDG data files (Year, disaggregation "
    "columns, Value) or derived from the 2019 census."),
    (
        Column("indicator_code", "VARCHAR", N_("Indicator the value belongs to."),
               references="dim_indicator.indicator_code"),
        _geo_code(),
        Column("county_code", "VARCHAR", N_("County of a county or ward value; empty for Kenya as a whole."),
               required=False, pattern=COUNTY_CODE_PATTERN,
               pattern_hint=N_("a three-digit KNBS code from 001 to 047, e.g. 043 for Homa Bay"),
               references="dim_county.county_code"),
        Column("ward_code", "VARCHAR", N_("Ward of a ward value; empty otherwise."), required=False,
               references="dim_ward.ward_code"),
        Column("period", "VARCHAR", N_("Year or period the value describes: '2019', or a fiscal year '2023/24'."),
               pattern=r"^(19|20)\d\d(/\d\d)?$", pattern_hint=N_("a year (2019) or a fiscal year (2023/24)")),
        Column("sex", "VARCHAR", N_("Sex the value describes, or 'all'."), allowed=SEXES),
        Column("age_group", "VARCHAR", N_("Age group in years, e.g. '15-49', '18-34', '3+', or 'all'.")),
        Column("disability", "VARCHAR", N_("Disability status the value describes, or 'all'."),
               allowed=DISABILITY_STATUSES),
        Column("residence", "VARCHAR", N_("Urban or rural residence, or 'all'."), allowed=RESIDENCES),
        Column("other_disaggregation", "VARCHAR", N_("Any other breakdown as 'Name=value; Name=value' (e.g. an Open "
                                                     "SDG "
               "'Series' column), or 'all'.")),
        Column("value", "DOUBLE", N_("The value, in the indicator's unit.")),
        Column("sample_n", "INTEGER", N_("Unweighted sample size or denominator behind the value."), required=False,
               min=0),
        Column("note", "VARCHAR", N_("Observation status or caveat (e.g. Open SDG 'Observation status')."),
               required=False),
        source_id_column(),
        load_id_column(),
    ),
    key=("indicator_code", "geo_code", "period", "sex", "age_group", "disability", "residence",
         "other_disaggregation"),
    group="fact",
    rules=(
        RowRule("geo_code", ("geo_code", "county_code"),
                lambda f: (f["geo_code"] == f["county_code"]) | f["geo_code"].str.startswith("KEW-"),
                N_("the place code does not match the county."),
                N_("give the county's own code, or leave the county empty for a value of Kenya as a whole.")),
    ),
)

FACT_INDICATOR_TARGET = Table(
    "fact_indicator_target",
    N_("Targets of indicators: the value Kenya (KE) or a county aims to reach by a year, with the document that sets "
    "it (the SDG target text, a national plan, a County Integrated Development Plan)."),
    (
        Column("indicator_code", "VARCHAR", N_("Indicator the target is for."),
               references="dim_indicator.indicator_code"),
        Column("geo_code", "VARCHAR", N_("KE for a national target, or the county code of a county target."),
               pattern=r"^(KE|0[0-3]\d|04[0-7])$", pattern_hint=N_("KE or a county code 001–047")),
        Column("target_year", "INTEGER", N_("Year by which the target is to be met."), min=2015, max=2100),
        Column("target_value", "DOUBLE", N_("The value to reach, in the indicator's unit.")),
        Column("basis", "VARCHAR", N_("The document and wording that set the target, e.g. 'SDG target 6.1: by 2030, "
               "universal … access to safe … drinking water'.")),
        source_id_column(),
        load_id_column(),
    ),
    key=("indicator_code", "geo_code", "target_year"),
    group="fact",
)
