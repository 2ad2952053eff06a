"""The one schema of the warehouse.

Each table lists its columns with type, unit, description and rules. The warehouse DDL
(`ddl`), the validation of every loaded file (`validate`) and the data dictionary page
(`dictionary`) are all generated from `TABLES`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd
import pandera.pandas as pa

FISCAL_YEAR_PATTERN = r"^20\d\d/\d\d$"  # '2023/24': July 2023 to June 2024
COUNTY_CODE_PATTERN = r"^(0[0-3]\d|04[0-7])$"
SDG_INDICATOR_PATTERN = r"^\d{1,2}\.[0-9a-z]{1,2}\.\d{1,2}$"  # UN global indicator codes: 5.5.1, 16.7.1, 5.b.1
SDG_CORRESPONDENCE = ("global", "same definition", "proxy")


@dataclass(frozen=True)
class Column:
    """One column: its DuckDB type, meaning, unit and the rules every loaded value must meet."""

    name: str
    type: str
    description: str
    unit: str = ""
    required: bool = True
    min: float | None = None
    max: float | None = None
    allowed: tuple[str, ...] | None = None
    pattern: str | None = None
    pattern_hint: str = ""
    references: str | None = None  # "table.column" that must hold the value
    not_future: bool = False  # dates: not after today


@dataclass(frozen=True)
class RowRule:
    """A rule between columns of one row (e.g. women + men = total); rows with an empty operand are skipped."""

    column: str  # the column a problem is reported on
    columns: tuple[str, ...]  # every column the rule reads
    holds: Callable[[pd.DataFrame], pd.Series]
    message: str
    fix: str


@dataclass(frozen=True)
class Table:
    """One warehouse table, its natural key and its place in the public contract."""

    name: str
    description: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    group: str  # 'dimension', 'fact', 'geometry', 'provenance'
    rules: tuple[RowRule, ...] = ()

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]


def _source_id() -> Column:
    return Column("source_id", "VARCHAR", "The source row this fact comes from.", references="source.source_id")


def _load_id() -> Column:
    return Column("load_id", "VARCHAR", "The upload that brought this row (see load_log); empty for rows of the "
                  "warehouse build.", required=False)


def _count(name: str, description: str) -> Column:
    return Column(name, "INTEGER", description, unit="persons", min=0)


def _county_code(description: str = "KNBS county code, '001' Mombasa … '047' Nairobi.") -> Column:
    return Column("county_code", "VARCHAR", description, pattern=COUNTY_CODE_PATTERN,
                  pattern_hint="a three-digit KNBS code from 001 to 047, e.g. 043 for Homa Bay",
                  references="dim_county.county_code")


SOURCE = Table(
    "source",
    "Where every figure comes from: publisher, title, address, licence and as-of date. "
    "`is_demo` marks generated demonstration data, which is never real.",
    (
        Column("source_id", "VARCHAR", "Short stable identifier of the source.", pattern=r"^[a-z0-9_]+$",
               pattern_hint="lower-case letters, digits and underscores"),
        Column("publisher", "VARCHAR", "Organisation that published the figures."),
        Column("title", "VARCHAR", "Title of the publication or dataset."),
        Column("url", "VARCHAR", "Address or reference of the publication.", required=False),
        Column("licence", "VARCHAR", "Licence or terms of use as stated."),
        Column("as_of", "DATE", "Date the figures describe (end of period) or were published."),
        Column("is_demo", "BOOLEAN", "True for generated demonstration data, never for real figures."),
        Column("notes", "VARCHAR", "How the figures reached the project, and caveats.", required=False),
        Column("file_sha256", "VARCHAR", "SHA-256 of the published file the figures were read from.",
               required=False),
    ),
    key=("source_id",),
    group="provenance",
)

DIM_COUNTY = Table(
    "dim_county",
    "The 47 counties with their 2019 census population and land area.",
    (
        _county_code(),
        Column("county_name", "VARCHAR", "County name in the project's spelling (OCHA COD-AB)."),
        Column("is_jdp_target", "BOOLEAN", "True for the eight Joint Devolution Programme target counties."),
        Column("population_2019", "BIGINT", "Population, 2019 census (KNBS KPHC Vol. I, Table 2.2).",
               unit="persons", min=0),
        Column("population_male_2019", "BIGINT", "Male population, 2019 census.", unit="persons", min=0),
        Column("population_female_2019", "BIGINT", "Female population, 2019 census.", unit="persons", min=0),
        Column("population_intersex_2019", "BIGINT", "Intersex population, 2019 census.", unit="persons", min=0),
        Column("households_2019", "BIGINT", "Households, 2019 census (KPHC Vol. II, Table 2.2).",
               unit="households", min=0, required=False),
        Column("area_km2", "DOUBLE", "Land area (KPHC Vol. II, Table 2.2).", unit="km²", min=0),
        _source_id(),
    ),
    key=("county_code",),
    group="dimension",
)

DIM_CONSTITUENCY = Table(
    "dim_constituency",
    "The 290 constituencies (IEBC), each in its county.",
    (
        Column("constituency_code", "VARCHAR", "Code of the constituency: KE + county + number, e.g. KE043245.",
               pattern=r"^KE\d{6}$", pattern_hint="KE followed by six digits"),
        Column("constituency_name", "VARCHAR", "Constituency name."),
        _county_code(),
        _source_id(),
    ),
    key=("constituency_code",),
    group="dimension",
)

DIM_WARD = Table(
    "dim_ward",
    "The 1,450 county assembly wards (IEBC 2012 hierarchy, codes of the kenya-data package).",
    (
        Column("ward_code", "VARCHAR", "Ward code of the kenya-data package, KEW-0001 … KEW-1450.",
               pattern=r"^KEW-\d{4}$", pattern_hint="KEW- followed by four digits"),
        Column("ward_name", "VARCHAR", "Ward name."),
        Column("constituency_code", "VARCHAR", "Constituency the ward belongs to.",
               references="dim_constituency.constituency_code"),
        _county_code(),
        _source_id(),
    ),
    key=("ward_code",),
    group="dimension",
)

FACT_BUDGET_EXECUTION = Table(
    "fact_budget_execution",
    "County budget and expenditure per fiscal year, as published by the Controller of Budget in its "
    "annual County Governments Budget Implementation Review Report (CBIRR).",
    (
        _county_code(),
        Column("fiscal_year", "VARCHAR", "Kenyan fiscal year, July to June, e.g. '2023/24'.",
               pattern=FISCAL_YEAR_PATTERN, pattern_hint="YYYY/YY, e.g. 2023/24"),
        Column("budget_kes", "DOUBLE", "Approved (supplementary) total budget.", unit="KES", min=0),
        Column("expenditure_kes", "DOUBLE", "Total expenditure in the year.", unit="KES", min=0),
        Column("absorption_pct", "DOUBLE", "Overall absorption: expenditure as % of budget.", unit="%",
               min=0, max=150),
        Column("development_absorption_pct", "DOUBLE", "Development expenditure as % of development budget.",
               unit="%", min=0, max=150, required=False),
        Column("rate_method", "VARCHAR", "How the rates were obtained (printed table, annex, or derived).",
               required=False),
        Column("flag", "VARCHAR", "Set when a value is suspect; flagged values are shown as such, "
               "never plotted as if right.", required=False),
        Column("source_page", "INTEGER", "Page of the CBIRR the row was read from.", required=False, min=1),
        _source_id(),
        _load_id(),
    ),
    key=("county_code", "fiscal_year"),
    group="fact",
)

DIM_INDICATOR = Table(
    "dim_indicator",
    "Indicators the warehouse holds values for, with unit and population.",
    (
        Column("indicator_code", "VARCHAR", "Indicator code (DHS indicator id, SDG code or project code)."),
        Column("indicator_name", "VARCHAR", "Indicator name."),
        Column("unit", "VARCHAR", "Unit of the values.", allowed=("percent", "number", "rate", "score", "KES")),
        Column("population", "VARCHAR", "Who the indicator describes.", required=False),
        Column("topic", "VARCHAR", "Topic group, e.g. maternal, immunisation, nutrition.", required=False),
        Column("higher_is_better", "BOOLEAN", "True when a higher value is the better outcome.", required=False),
        _source_id(),
        # The SDG catalogue (issue 7): optional, so warehouses built before it upgrade in place.
        Column("sdg_goal", "INTEGER", "Sustainable Development Goal the indicator serves (1–17).", required=False,
               min=1, max=17),
        Column("sdg_target", "VARCHAR", "SDG target, e.g. '5.5'.", required=False, pattern=r"^\d{1,2}\.[0-9a-z]{1,2}$",
               pattern_hint="goal.target, e.g. 5.5 or 16.b"),
        Column("sdg_indicator", "VARCHAR", "UN global indicator code the indicator measures or stands in for, e.g. "
               "'3.1.2'; equal to indicator_code when the code is the UN one.", required=False,
               pattern=SDG_INDICATOR_PATTERN, pattern_hint="goal.target.indicator, e.g. 5.5.1"),
        Column("sdg_correspondence", "VARCHAR", "How the indicator relates to the UN global indicator: 'global' (it "
               "is the UN indicator), 'same definition' (another code, the UN definition), 'proxy' (a nearby "
               "measure, see definition).", required=False, allowed=SDG_CORRESPONDENCE),
        Column("code_scheme", "VARCHAR", "Where the code comes from: UN global, DHS, census-derived, national, "
               "county.", required=False),
        Column("definition", "VARCHAR", "What the indicator measures, with numerator and denominator.",
               required=False),
        Column("method", "VARCHAR", "How the values were obtained or computed, citing the table used.",
               required=False),
        _load_id(),
    ),
    key=("indicator_code",),
    group="dimension",
)

FACT_INDICATOR = Table(
    "fact_indicator",
    "Indicator values per county and period.",
    (
        Column("indicator_code", "VARCHAR", "Indicator the value belongs to.",
               references="dim_indicator.indicator_code"),
        _county_code(),
        Column("period", "VARCHAR", "Year or period the value describes, e.g. '2022'."),
        Column("value", "DOUBLE", "The value, in the indicator's unit."),
        Column("sample_n", "INTEGER", "Unweighted sample size behind a survey value.", required=False, min=0),
        _source_id(),
        _load_id(),
    ),
    key=("indicator_code", "county_code", "period"),
    group="fact",
)

GEO_COUNTY = Table(
    "geo_county",
    "Simplified county boundaries (GeoJSON geometry, WGS84) for maps.",
    (
        _county_code(),
        Column("geometry_geojson", "VARCHAR", "GeoJSON geometry of the county, simplified."),
        _source_id(),
    ),
    key=("county_code",),
    group="geometry",
)

GEO_WARD = Table(
    "geo_ward",
    "Simplified ward boundaries (GeoJSON geometry, WGS84); present only when built with --sources.",
    (
        Column("ward_code", "VARCHAR", "Ward the geometry belongs to.", references="dim_ward.ward_code"),
        Column("geometry_geojson", "VARCHAR", "GeoJSON geometry of the ward, simplified."),
        _source_id(),
    ),
    key=("ward_code",),
    group="geometry",
)

DIM_SUBCOUNTY_POPULATION = Table(
    "dim_subcounty_population",
    "2019 census population of each KNBS census sub-county (about 340, not the 290 constituencies) by sex, "
    "with its youth: the denominators of turnout and representation below the county. Names are as KNBS "
    "published them in Vol. I Table 2.5; the 12 forest and national-park 'special areas' (names ending in '*') "
    "are kept and flagged.",
    (
        _county_code(),
        Column("subcounty_name", "VARCHAR", "Sub-county name as published (KPHC Vol. I, Table 2.5)."),
        Column("is_special_area", "BOOLEAN", "True for a forest or national park that KNBS enumerated apart."),
        _count("population_total", "Population, all sexes (intersex included)."),
        _count("population_male", "Male population."),
        _count("population_female", "Female population."),
        _count("population_intersex", "Intersex population."),
        _count("youth_18_34_total", "Persons aged 18 to 34 in completed years (Constitution Art. 260: attained 18, "
               "not yet 35), summed over single-year ages 18–34 of KPHC Vol. III, Table 2.3."),
        _count("youth_18_34_male", "Males aged 18 to 34."),
        _count("youth_18_34_female", "Females aged 18 to 34."),
        _source_id(),
    ),
    key=("county_code", "subcounty_name"),
    group="dimension",
)

POPULATION_GROUPS = ("youth_18_34", "aged_18_plus", "aged_5_plus", "pwd_aged_5_plus")

FACT_COUNTY_POPULATION_GROUP = Table(
    "fact_county_population_group",
    "2019 census counts of the groups participation is measured against, per county and sex: youth aged 18–34 "
    "(single-year ages 18 to 34 of KPHC Vol. III, Table 2.3), adults aged 18 and above (same table), and persons "
    "aged 5 and above with and without a disability (KPHC Vol. IV, Table 2.26, which asks about disability "
    "from age 5 only, so a share of persons "
    "with disabilities is pwd_aged_5_plus / aged_5_plus). Totals include intersex persons and those whose sex "
    "was not stated, so male + female can be a little below the total.",
    (
        _county_code(),
        Column("population_group", "VARCHAR", "youth_18_34, aged_18_plus (adults; age not stated left out), "
               "aged_5_plus (all persons aged 5 and above) or "
               "pwd_aged_5_plus (persons aged 5 and above with a disability).", allowed=POPULATION_GROUPS),
        Column("sex", "VARCHAR", "male, female or total.", allowed=("male", "female", "total")),
        _count("persons", "Persons of the group and sex in the county."),
        _source_id(),
    ),
    key=("county_code", "population_group", "sex"),
    group="fact",
)

FACT_BUDGET_TRANSPARENCY_SCORE = Table(
    "fact_budget_transparency_score",
    "County Budget Transparency Survey (IBP Kenya; from 2024 Bajeti Hub) scores as publicly reported, one row "
    "per county, survey round and outlet, each with its address and the sentence the figure was read from. "
    "Partial: no round covers all 47 counties and gaps are never filled; where outlets disagree both rows are "
    "kept. Survey round N assesses the documents of fiscal year N-1/N (CBTS 2024: FY2023/24).",
    (
        _county_code(),
        Column("survey_year", "INTEGER", "Survey round, e.g. 2023 for CBTS 2023.", min=2015, max=2100),
        Column("score_out_of_100", "DOUBLE", "Transparency index, 0–100 (from CBTS 2020); empty when the outlet "
               "gave none.", unit="score", min=0, max=100, required=False),
        Column("rank", "INTEGER", "Rank among the 47 counties, when reported.", min=1, max=47, required=False),
        Column("documents_published", "VARCHAR", "Documents published online as reported, e.g. '9 of 10'.",
               required=False),
        Column("source_url", "VARCHAR", "Address of the page the figure was read from."),
        Column("quote", "VARCHAR", "The sentence the figure was read from, verbatim."),
        Column("notes", "VARCHAR", "Other outlets, conflicts and caveats.", required=False),
        _source_id(),
    ),
    key=("county_code", "survey_year", "source_url"),
    group="fact",
)

BUDGET_STAGES = ("CIDP", "ADP", "CFSP", "Budget estimates", "Finance bill", "Budget implementation review")

FACT_PARTICIPATION_EVENT = Table(
    "fact_participation_event",
    "Public participation forums: one row per event, with attendance by sex, youth and disability, the "
    "proposals citizens made and what became of them.",
    (
        Column("event_id", "VARCHAR", "Identifier of the event, unique across the warehouse (e.g. KWL-2024-017).",
               pattern=r"^[A-Za-z0-9][A-Za-z0-9_./-]{0,39}$",
               pattern_hint="letters, digits, '-', '_', '.' or '/', at most 40 characters"),
        Column("event_date", "DATE", "Date the forum was held.", not_future=True),
        _county_code(),
        Column("ward_code", "VARCHAR", "Ward where the forum was held.", references="dim_ward.ward_code"),
        Column("venue", "VARCHAR", "Venue.", required=False),
        Column("budget_stage", "VARCHAR", "Budget-cycle stage the forum served.", allowed=BUDGET_STAGES),
        Column("sectors", "VARCHAR", "Sectors discussed, separated by ';'.", required=False),
        Column("organiser", "VARCHAR", "Who organised the forum (department, assembly, CSO).", required=False),
        Column("documents_shared", "BOOLEAN", "Were the documents shared with participants beforehand?"),
        Column("documents_shared_days_before", "INTEGER", "How many days before the forum the documents were "
               "shared.", unit="days", min=0, max=365, required=False),
        _count("attendance_women", "Women attending."),
        _count("attendance_men", "Men attending."),
        _count("attendance_total", "All attending (women + men)."),
        Column("attendance_youth", "INTEGER", "Youth attending: aged 18 up to their 35th birthday (Constitution "
               "Art. 260).", unit="persons", min=0, required=False),
        Column("attendance_pwd", "INTEGER", "Persons with disabilities attending.", unit="persons", min=0,
               required=False),
        Column("proposals_received", "INTEGER", "Proposals citizens made.", unit="proposals", min=0,
               required=False),
        Column("proposals_adopted", "INTEGER", "Proposals adopted into the plan or budget.", unit="proposals", min=0,
               required=False),
        Column("feedback_date", "DATE", "Date feedback was given to participants.", required=False,
               not_future=True),
        _source_id(),
        _load_id(),
    ),
    key=("event_id",),
    group="fact",
    rules=(
        RowRule("attendance_total", ("attendance_women", "attendance_men", "attendance_total"),
                lambda f: f["attendance_women"] + f["attendance_men"] == f["attendance_total"],
                "women + men does not equal the total.", "correct the women, men or total so that they add up."),
        RowRule("attendance_youth", ("attendance_youth", "attendance_total"),
                lambda f: f["attendance_youth"] <= f["attendance_total"],
                "more youth than people attending.", "youth are counted within the total; correct either count."),
        RowRule("attendance_pwd", ("attendance_pwd", "attendance_total"),
                lambda f: f["attendance_pwd"] <= f["attendance_total"],
                "more persons with disabilities than people attending.",
                "persons with disabilities are counted within the total; correct either count."),
        RowRule("proposals_adopted", ("proposals_adopted", "proposals_received"),
                lambda f: f["proposals_adopted"] <= f["proposals_received"],
                "more proposals adopted than received.", "adopted proposals are a part of those received."),
        RowRule("feedback_date", ("feedback_date", "event_date"),
                lambda f: f["feedback_date"] >= f["event_date"],
                "feedback is dated before the forum.", "give the date feedback reached participants, after the forum."),
    ),
)

FACILITY_TYPES = ("Health", "ECDE", "Water", "Agriculture", "Social services", "Other")
FEEDBACK_CHANNELS = ("Suggestion box", "SMS or hotline", "Facility committee", "Community meeting", "Walk-in",
                     "Online")

FACT_FACILITY_FEEDBACK = Table(
    "fact_facility_feedback",
    "Social accountability at service-delivery facilities: complaints and suggestions received and resolved per "
    "facility, fiscal quarter and channel (Q1 is July to September).",
    (
        Column("facility_id", "VARCHAR", "Identifier of the facility (e.g. the KMHFL code of a health facility).",
               pattern=r"^[A-Za-z0-9][A-Za-z0-9_./-]{0,39}$",
               pattern_hint="letters, digits, '-', '_', '.' or '/', at most 40 characters"),
        Column("facility_name", "VARCHAR", "Name of the facility."),
        Column("facility_type", "VARCHAR", "Kind of service the facility delivers.", allowed=FACILITY_TYPES),
        _county_code(),
        Column("ward_code", "VARCHAR", "Ward the facility is in.", references="dim_ward.ward_code"),
        Column("fiscal_year", "VARCHAR", "Kenyan fiscal year, July to June, e.g. '2023/24'.",
               pattern=FISCAL_YEAR_PATTERN, pattern_hint="YYYY/YY, e.g. 2023/24"),
        Column("quarter", "INTEGER", "Quarter of the fiscal year: 1 = July–September … 4 = April–June.", min=1, max=4),
        Column("channel", "VARCHAR", "How the complaints or suggestions came in.", allowed=FEEDBACK_CHANNELS),
        Column("received", "INTEGER", "Complaints and suggestions received in the quarter.", unit="cases", min=0),
        Column("resolved", "INTEGER", "Of those received, how many were resolved.", unit="cases", min=0),
        Column("median_days_to_resolve", "DOUBLE", "Median days from receipt to resolution of the resolved cases.",
               unit="days", min=0, max=730, required=False),
        _source_id(),
        _load_id(),
    ),
    key=("facility_id", "fiscal_year", "quarter", "channel"),
    group="fact",
    rules=(
        RowRule("resolved", ("resolved", "received"), lambda f: f["resolved"] <= f["received"],
                "more cases resolved than received.", "resolved cases are a part of those received in the quarter."),
    ),
)

BUDGET_DOCUMENTS = ("ADP", "CBROP", "CFSP", "Budget estimates", "Approved budget", "Q1 implementation report",
                    "Q2 implementation report", "Q3 implementation report", "Q4 implementation report")

FACT_BUDGET_DOCUMENT = Table(
    "fact_budget_document",
    "Access to information: when a county published each key budget document of a fiscal year (the documents "
    "the County Budget Transparency Survey looks for). An empty publication date means not published; lateness "
    "is judged against the legal deadline of each document (see the Participation page).",
    (
        _county_code(),
        Column("fiscal_year", "VARCHAR", "Fiscal year the document serves, e.g. '2024/25' for the CFSP of "
               "February 2024.", pattern=FISCAL_YEAR_PATTERN, pattern_hint="YYYY/YY, e.g. 2023/24"),
        Column("document", "VARCHAR", "Budget document.", allowed=BUDGET_DOCUMENTS),
        Column("published_date", "DATE", "Date the document was first publicly available (county website or "
               "notice board); empty when it was not published.", required=False, not_future=True),
        Column("url", "VARCHAR", "Where the document is published.", required=False),
        _source_id(),
        _load_id(),
    ),
    key=("county_code", "fiscal_year", "document"),
    group="fact",
)

LOAD_LOG = Table(
    "load_log",
    "Every upload: who loaded which file, when, how many rows, under which declared source; rolled-back loads "
    "stay in the log.",
    (
        Column("load_id", "VARCHAR", "Identifier of the load."),
        Column("kind", "VARCHAR", "Kind of data loaded (the schema table it went to)."),
        Column("table_name", "VARCHAR", "Warehouse table the rows went to."),
        Column("file_name", "VARCHAR", "Name of the uploaded file."),
        Column("file_sha256", "VARCHAR", "SHA-256 of the file's bytes: the same file loaded twice is recognised."),
        Column("row_count", "INTEGER", "Rows in the file.", min=0),
        Column("rows_added", "INTEGER", "Rows that were new.", min=0),
        Column("rows_replaced", "INTEGER", "Rows that replaced ones already in the warehouse.", min=0),
        Column("loaded_by", "VARCHAR", "Who loaded it."),
        Column("loaded_at", "TIMESTAMP", "When (UTC)."),
        Column("source_id", "VARCHAR", "The source the upload declared.", references="source.source_id"),
        Column("status", "VARCHAR", "loaded or rolled back.", allowed=("loaded", "rolled back")),
        Column("rolled_back_by", "VARCHAR", "Who rolled it back.", required=False),
        Column("rolled_back_at", "TIMESTAMP", "When it was rolled back (UTC).", required=False),
    ),
    key=("load_id",),
    group="provenance",
)

LOAD_REPLACED = Table(
    "load_replaced",
    "Rows a load replaced, kept so that rolling the load back restores them.",
    (
        Column("load_id", "VARCHAR", "The load that replaced the row."),
        Column("table_name", "VARCHAR", "Table of the row."),
        Column("row_key", "VARCHAR", "Natural key of the row, as JSON."),
        Column("row_json", "VARCHAR", "The replaced row, as JSON."),
    ),
    key=("load_id", "table_name", "row_key"),
    group="provenance",
)

def _fiscal_year() -> Column:
    return Column("fiscal_year", "VARCHAR", "Kenyan fiscal year, July to June, e.g. '2023/24'.",
                  pattern=FISCAL_YEAR_PATTERN, pattern_hint="YYYY/YY, e.g. 2023/24")


def _kes(name: str, description: str, required: bool = False) -> Column:
    return Column(name, "DOUBLE", description, unit="KES", min=0, required=required)


def _at_most(part: str, wholes: tuple[str, ...], message: str, fix: str) -> RowRule:
    """A part that cannot exceed the sum of its wholes (a shilling of rounding allowed)."""
    return RowRule(part, (part, *wholes), lambda f: f[part] <= sum(f[w] for w in wholes) + 1, message, fix)


PENDING_BILL_AGES = ("pending_bills_under_1y_kes", "pending_bills_1_2y_kes", "pending_bills_2_3y_kes",
                     "pending_bills_over_3y_kes")

FACT_BUDGET_LINE = Table(
    "fact_budget_line",
    "County budget by sector (department) and programme, one row per county, fiscal year, sector and programme: "
    "the approved (supplementary) budget and the expenditure, each split development / recurrent, with the "
    "amounts tagged gender-responsive and child-inclusive and what the Annual Development Plan (ADP) planned. "
    "Read from the county Programme Based Budget, its budget implementation reports and the ADP. A programme "
    "the ADP planned that the budget did not fund has approved amounts of 0 and its adp_planned_kes.",
    (
        _county_code(),
        _fiscal_year(),
        Column("sector", "VARCHAR", "Sector or county department (vote) as the budget names it, e.g. 'Health'."),
        Column("programme", "VARCHAR", "Programme of the Programme Based Budget, e.g. 'Preventive and promotive "
               "health'."),
        _kes("approved_development_kes", "Approved (supplementary) development budget of the programme.", True),
        _kes("approved_recurrent_kes", "Approved (supplementary) recurrent budget of the programme.", True),
        _kes("expenditure_development_kes", "Development expenditure of the programme in the year; empty until "
             "reported."),
        _kes("expenditure_recurrent_kes", "Recurrent expenditure of the programme in the year; empty until "
             "reported."),
        _kes("gender_tagged_kes", "Part of the approved budget tagged gender-responsive (county gender budget "
             "statement); empty when not assessed, 0 when assessed and none."),
        _kes("child_tagged_kes", "Part of the approved budget tagged child-inclusive (spending that reaches "
             "children); empty when not assessed, 0 when assessed and none."),
        Column("in_adp", "BOOLEAN", "True when the programme is in the year's Annual Development Plan.",
               required=False),
        _kes("adp_planned_kes", "Amount the Annual Development Plan planned for the programme; empty when the "
             "programme is not in the ADP."),
        _source_id(),
        _load_id(),
    ),
    key=("county_code", "fiscal_year", "sector", "programme"),
    group="fact",
    rules=(
        _at_most("gender_tagged_kes", ("approved_development_kes", "approved_recurrent_kes"),
                 "the gender-tagged amount is larger than the programme's approved budget.",
                 "the tagged amount is a part of the approved development + recurrent budget; correct either."),
        _at_most("child_tagged_kes", ("approved_development_kes", "approved_recurrent_kes"),
                 "the child-tagged amount is larger than the programme's approved budget.",
                 "the tagged amount is a part of the approved development + recurrent budget; correct either."),
        RowRule("adp_planned_kes", ("in_adp", "adp_planned_kes"), lambda f: f["in_adp"] | (f["adp_planned_kes"] == 0),
                "an ADP amount is given for a programme marked as not in the ADP.",
                "set in_adp to yes, or leave adp_planned_kes empty."),
    ),
)

FACT_COUNTY_FISCAL = Table(
    "fact_county_fiscal",
    "County revenue, wage bill and pending bills per fiscal year, as the county treasury or the Controller of "
    "Budget's review reports give them: own-source revenue (OSR) target and actual, total revenue (equitable "
    "share, conditional grants, OSR and other receipts), the wage bill (personnel emoluments) and the stock of "
    "pending bills at the end of the year (30 June), by age. Every amount may be empty when not reported.",
    (
        _county_code(),
        _fiscal_year(),
        _kes("osr_target_kes", "Own-source revenue target in the approved budget."),
        _kes("osr_actual_kes", "Own-source revenue collected in the year."),
        _kes("total_revenue_kes", "Total revenue of the county government in the year, OSR included (the "
             "denominator of the wage-bill rule, PFM (County Governments) Regulations 2015 reg. 25(1)(b))."),
        _kes("wage_bill_kes", "Expenditure on wages and benefits of county public officers (personnel "
             "emoluments) in the year."),
        _kes("pending_bills_kes", "Stock of pending bills (eligible unpaid invoices) on 30 June, the end of the "
             "fiscal year."),
        _kes("pending_bills_under_1y_kes", "Part of the stock less than one year old."),
        _kes("pending_bills_1_2y_kes", "Part of the stock one to two years old."),
        _kes("pending_bills_2_3y_kes", "Part of the stock two to three years old."),
        _kes("pending_bills_over_3y_kes", "Part of the stock more than three years old."),
        _source_id(),
        _load_id(),
    ),
    key=("county_code", "fiscal_year"),
    group="fact",
    rules=(
        _at_most("osr_actual_kes", ("total_revenue_kes",), "own-source revenue is larger than total revenue.",
                 "total revenue includes own-source revenue; correct either amount."),
        RowRule("pending_bills_kes", ("pending_bills_kes", *PENDING_BILL_AGES),
                lambda f: (f[list(PENDING_BILL_AGES)].sum(axis=1) - f["pending_bills_kes"]).abs() <= 1,
                "the pending bills by age do not add up to the stock.",
                "correct the stock or the four age bands so that the bands add up to the stock."),
    ),
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
    return Column("geo_code", "VARCHAR", "Where the value describes: KE for Kenya as a whole, a county code "
                  "(001–047) or a ward code (KEW-nnnn). Filled from county and ward when a file gives names.",
                  pattern=GEO_CODE_PATTERN, pattern_hint="KE, a county code 001–047 or a ward code KEW-nnnn")


FACT_INDICATOR_OBSERVATION = Table(
    "fact_indicator_observation",
    "Indicator observations in long form: one value per indicator, place (Kenya, county or ward), period and "
    "disaggregation (sex, age group, disability, urban/rural, other). A dimension an observation is not broken "
    "down by holds 'all'. Loaded from the project template, from Open SDG data files (Year, disaggregation "
    "columns, Value) or derived from the 2019 census.",
    (
        Column("indicator_code", "VARCHAR", "Indicator the value belongs to.",
               references="dim_indicator.indicator_code"),
        _geo_code(),
        Column("county_code", "VARCHAR", "County of a county or ward value; empty for Kenya as a whole.",
               required=False, pattern=COUNTY_CODE_PATTERN,
               pattern_hint="a three-digit KNBS code from 001 to 047, e.g. 043 for Homa Bay",
               references="dim_county.county_code"),
        Column("ward_code", "VARCHAR", "Ward of a ward value; empty otherwise.", required=False,
               references="dim_ward.ward_code"),
        Column("period", "VARCHAR", "Year or period the value describes: '2019', or a fiscal year '2023/24'.",
               pattern=r"^(19|20)\d\d(/\d\d)?$", pattern_hint="a year (2019) or a fiscal year (2023/24)"),
        Column("sex", "VARCHAR", "Sex the value describes, or 'all'.", allowed=SEXES),
        Column("age_group", "VARCHAR", "Age group in years, e.g. '15-49', '18-34', '3+', or 'all'."),
        Column("disability", "VARCHAR", "Disability status the value describes, or 'all'.",
               allowed=DISABILITY_STATUSES),
        Column("residence", "VARCHAR", "Urban or rural residence, or 'all'.", allowed=RESIDENCES),
        Column("other_disaggregation", "VARCHAR", "Any other breakdown as 'Name=value; Name=value' (e.g. an Open SDG "
               "'Series' column), or 'all'."),
        Column("value", "DOUBLE", "The value, in the indicator's unit."),
        Column("sample_n", "INTEGER", "Unweighted sample size or denominator behind the value.", required=False,
               min=0),
        Column("note", "VARCHAR", "Observation status or caveat (e.g. Open SDG 'Observation status').",
               required=False),
        _source_id(),
        _load_id(),
    ),
    key=("indicator_code", "geo_code", "period", "sex", "age_group", "disability", "residence",
         "other_disaggregation"),
    group="fact",
    rules=(
        RowRule("geo_code", ("geo_code", "county_code"),
                lambda f: (f["geo_code"] == f["county_code"]) | f["geo_code"].str.startswith("KEW-"),
                "the place code does not match the county.",
                "give the county's own code, or leave the county empty for a value of Kenya as a whole."),
    ),
)

FACT_INDICATOR_TARGET = Table(
    "fact_indicator_target",
    "Targets of indicators: the value Kenya (KE) or a county aims to reach by a year, with the document that sets "
    "it (the SDG target text, a national plan, a County Integrated Development Plan).",
    (
        Column("indicator_code", "VARCHAR", "Indicator the target is for.",
               references="dim_indicator.indicator_code"),
        Column("geo_code", "VARCHAR", "KE for a national target, or the county code of a county target.",
               pattern=r"^(KE|0[0-3]\d|04[0-7])$", pattern_hint="KE or a county code 001–047"),
        Column("target_year", "INTEGER", "Year by which the target is to be met.", min=2015, max=2100),
        Column("target_value", "DOUBLE", "The value to reach, in the indicator's unit."),
        Column("basis", "VARCHAR", "The document and wording that set the target, e.g. 'SDG target 6.1: by 2030, "
               "universal … access to safe … drinking water'."),
        _source_id(),
        _load_id(),
    ),
    key=("indicator_code", "geo_code", "target_year"),
    group="fact",
)

# Results framework and programme finance (issue 8): the programme's own monitoring data.

AGENCIES = ("UNDP", "UNICEF", "UN Women", "SDD")  # SDD: State Department for Devolution
QUARTER_PATTERN = r"^20\d\dQ[1-4]$"  # '2025Q3': calendar quarter July–September 2025
SCOPE_PATTERN = r"^(programme|0[0-3]\d|04[0-7])$"
_SCOPE_HINT = "'programme' for a programme-wide row, or a three-digit county code from 001 to 047, e.g. 043"
PRIMARY_OUTPUTS = ("officials_trained", "forums_held", "citizens_reached", "data_systems_strengthened")


def _scope(description: str) -> Column:
    return Column("scope", "VARCHAR", description, pattern=SCOPE_PATTERN, pattern_hint=_SCOPE_HINT)


def _quarter(description: str) -> Column:
    return Column("period", "VARCHAR", description, pattern=QUARTER_PATTERN,
                  pattern_hint="the calendar quarter as YYYYQn, e.g. 2025Q3 for July–September 2025")


def _agency(description: str) -> Column:
    return Column("agency", "VARCHAR", description, allowed=AGENCIES)


DIM_RESULT = Table(
    "dim_result",
    "The programme's results framework above the indicators: outcomes 1–3, the reporting and efficiency "
    "results, and the outputs under each.",
    (
        Column("result_code", "VARCHAR", "Code of the result: 'O1' … 'O3' and 'RE' for outcomes, 'O1.2' for the "
               "second output of outcome 1.", pattern=r"^(O[1-3]|RE)(\.\d{1,2})?$",
               pattern_hint="O1, O2, O3 or RE, optionally followed by .n for an output, e.g. O2.1"),
        Column("result_level", "VARCHAR", "outcome or output.", allowed=("outcome", "output")),
        Column("outcome_code", "VARCHAR", "The outcome the result belongs to (itself for an outcome).",
               allowed=("O1", "O2", "O3", "RE")),
        Column("title", "VARCHAR", "Statement of the result as in the results framework."),
        _agency("Agency leading the result."),
        _source_id(),
        _load_id(),
    ),
    key=("result_code",),
    group="dimension",
    rules=(RowRule("outcome_code", ("result_code", "outcome_code"),
                   lambda f: f["result_code"].str.split(".").str[0] == f["outcome_code"],
                   "the result code does not start with its outcome code.",
                   "write the output as the outcome code followed by .n, e.g. O2.1 under O2."),),
)

DIM_RESULT_INDICATOR = Table(
    "dim_result_indicator",
    "Indicators of the results framework: what is measured, at which level, by whom and how it is verified.",
    (
        Column("indicator_code", "VARCHAR", "Code of the indicator, e.g. 'O1.1.a'.",
               pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,19}$", pattern_hint="letters, digits, '.', '-' or '_', "
               "at most 20 characters"),
        Column("result_code", "VARCHAR", "Outcome or output the indicator measures.",
               references="dim_result.result_code"),
        Column("indicator_name", "VARCHAR", "Indicator as worded in the results framework."),
        Column("indicator_level", "VARCHAR", "programme (one value for the whole programme) or county (one value "
               "per target county).", allowed=("programme", "county")),
        Column("unit", "VARCHAR", "Unit of baseline, targets and actuals.",
               allowed=("percent", "number", "score", "KES")),
        Column("higher_is_better", "BOOLEAN", "True when a higher value is progress."),
        _agency("Agency responsible for reporting the indicator."),
        Column("means_of_verification", "VARCHAR", "Where the reported value can be checked."),
        _source_id(),
        _load_id(),
    ),
    key=("indicator_code",),
    group="dimension",
)

FACT_RESULT_TARGET = Table(
    "fact_result_target",
    "Baseline (the inception assessment of late 2024) and annual targets 2025–2028 of each indicator, for the "
    "programme or one county: the usual results-framework row.",
    (
        Column("indicator_code", "VARCHAR", "Indicator.", references="dim_result_indicator.indicator_code"),
        _scope("Whom the row describes: the whole programme or one county."),
        Column("baseline_value", "DOUBLE", "Value found by the inception assessment."),
        Column("baseline_date", "DATE", "Date of the baseline measurement.", not_future=True),
        Column("target_2025", "DOUBLE", "Target for the end of 2025.", required=False),
        Column("target_2026", "DOUBLE", "Target for the end of 2026.", required=False),
        Column("target_2027", "DOUBLE", "Target for the end of 2027.", required=False),
        Column("target_2028", "DOUBLE", "Target for the end of 2028 (end of programme).", required=False),
        _source_id(),
        _load_id(),
    ),
    key=("indicator_code", "scope"),
    group="fact",
)

FACT_RESULT_ACTUAL = Table(
    "fact_result_actual",
    "Values of the indicators as reported each quarter, with the evidence behind each.",
    (
        Column("indicator_code", "VARCHAR", "Indicator.", references="dim_result_indicator.indicator_code"),
        _scope("Whom the value describes: the whole programme or one county."),
        _quarter("Quarter the value was reported for (cumulative to its end where the indicator counts)."),
        Column("value", "DOUBLE", "The reported value, in the indicator's unit."),
        Column("evidence", "VARCHAR", "Link to the evidence: an address (https://…) or the name of a file uploaded "
               "with the report.", required=False),
        Column("comment", "VARCHAR", "Reporting agency's remark.", required=False),
        _source_id(),
        _load_id(),
    ),
    key=("indicator_code", "scope", "period"),
    group="fact",
)

FACT_PROGRAMME_FINANCE = Table(
    "fact_programme_finance",
    "Programme budget and spending per outcome, agency, county (or programme-wide) and quarter.",
    (
        Column("outcome_code", "VARCHAR", "Outcome the money serves.", allowed=("O1", "O2", "O3", "RE")),
        _agency("Agency that holds the budget."),
        _scope("County the money was spent for, or 'programme' for national and management costs."),
        _quarter("Quarter."),
        Column("budget_kes", "DOUBLE", "Budget planned for the quarter.", unit="KES", min=0),
        Column("spent_kes", "DOUBLE", "Spending (expenditure incurred) in the quarter.", unit="KES", min=0,
               required=False),
        _source_id(),
        _load_id(),
    ),
    key=("outcome_code", "agency", "scope", "period"),
    group="fact",
)

FACT_TA_CONTRACT = Table(
    "fact_ta_contract",
    "Technical-assistance contracts and grants with their cost and what they delivered. Each names its primary "
    "output, the one the cost-per-output benchmarks charge its whole cost to.",
    (
        Column("contract_id", "VARCHAR", "Contract or grant reference.", pattern=r"^[A-Za-z0-9][A-Za-z0-9_./-]{0,39}$",
               pattern_hint="letters, digits, '-', '_', '.' or '/', at most 40 characters"),
        Column("contract_type", "VARCHAR", "technical assistance or grant.",
               allowed=("technical assistance", "grant")),
        Column("title", "VARCHAR", "What the contract or grant is for."),
        _agency("Contracting agency."),
        _scope("County served, or 'programme'."),
        Column("outcome_code", "VARCHAR", "Outcome the contract serves.", allowed=("O1", "O2", "O3", "RE")),
        _quarter("Quarter the contract's outputs were last reported for."),
        Column("cost_kes", "DOUBLE", "Cost to date.", unit="KES", min=0),
        Column("primary_output", "VARCHAR", "The output the contract exists to deliver.", allowed=PRIMARY_OUTPUTS),
        _count("officials_trained", "County officials trained."),
        Column("forums_held", "INTEGER", "Public forums held.", unit="forums", min=0),
        _count("citizens_reached", "Citizens reached."),
        Column("data_systems_strengthened", "INTEGER", "Data systems strengthened.", unit="systems", min=0),
        _source_id(),
        _load_id(),
    ),
    key=("contract_id",),
    group="fact",
)

TABLES: dict[str, Table] = {
    t.name: t
    for t in (SOURCE, DIM_COUNTY, DIM_CONSTITUENCY, DIM_WARD, DIM_SUBCOUNTY_POPULATION, DIM_INDICATOR,
              FACT_BUDGET_EXECUTION, FACT_INDICATOR, FACT_COUNTY_POPULATION_GROUP, FACT_BUDGET_TRANSPARENCY_SCORE,
              FACT_PARTICIPATION_EVENT, FACT_FACILITY_FEEDBACK, FACT_BUDGET_DOCUMENT, GEO_COUNTY, GEO_WARD, LOAD_LOG,
              LOAD_REPLACED, FACT_BUDGET_LINE, FACT_COUNTY_FISCAL, FACT_INDICATOR_OBSERVATION, FACT_INDICATOR_TARGET,
              DIM_RESULT, DIM_RESULT_INDICATOR, FACT_RESULT_TARGET, FACT_RESULT_ACTUAL, FACT_PROGRAMME_FINANCE,
              FACT_TA_CONTRACT)
}


def ddl() -> list[str]:
    """Return the CREATE TABLE statements of the warehouse, in dependency order."""
    statements = []
    for table in TABLES.values():
        cols = [f"{c.name} {c.type}{' NOT NULL' if c.required else ''}" for c in table.columns]
        cols.append(f"PRIMARY KEY ({', '.join(table.key)})")
        statements.append(f"CREATE TABLE {table.name} (\n  " + ",\n  ".join(cols) + "\n)")
    statements.append("CREATE TABLE build_info (key VARCHAR PRIMARY KEY, value VARCHAR)")
    return statements


def version() -> str:
    """Return a short fingerprint of the DDL; a warehouse built from another schema is upgraded on open."""
    import hashlib

    return hashlib.sha256("\n".join(ddl()).encode()).hexdigest()[:12]


def dictionary() -> pd.DataFrame:
    """Return the data dictionary: one row per table column with type, unit, rules and meaning."""
    rows = []
    for table in TABLES.values():
        for c in table.columns:
            rules = []
            if c.required:
                rules.append("required")
            if c.name in table.key:
                rules.append("key")
            if c.min is not None:
                rules.append(f"≥ {c.min:g}")
            if c.max is not None:
                rules.append(f"≤ {c.max:g}")
            if c.allowed:
                rules.append("one of " + ", ".join(c.allowed))
            if c.pattern_hint:
                rules.append(c.pattern_hint)
            if c.references:
                rules.append(f"must exist in {c.references}")
            rows.append({"table": table.name, "column": c.name, "type": c.type, "unit": c.unit,
                         "rules": "; ".join(rules), "description": c.description})
    return pd.DataFrame(rows)


@dataclass(frozen=True)
class Problem:
    """One problem found in a file: where it is, what is wrong and how to fix it."""

    file: str
    row: int | None  # 1-based line of the file, header = 1; None for the whole file
    column: str
    value: str
    message: str
    fix: str

    def __str__(self) -> str:
        where = f"{self.file}, row {self.row}" if self.row else self.file
        return f"{where}, column {self.column!r}, value {self.value!r}: {self.message} Fix: {self.fix}"


class ValidationError(ValueError):
    """Raised when a file breaks the schema; lists every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        shown = "; ".join(str(p) for p in problems[:5])
        more = f" (and {len(problems) - 5} more problems)" if len(problems) > 5 else ""
        super().__init__(shown + more)


_PANDAS_TYPES = {"VARCHAR": "string", "DOUBLE": "float64", "BIGINT": "Int64", "INTEGER": "Int64",
                 "BOOLEAN": "boolean", "DATE": "datetime64[ns]", "TIMESTAMP": "datetime64[ns]"}
_TYPE_WORDS = {"DOUBLE": "a number", "BIGINT": "a whole number", "INTEGER": "a whole number",
               "BOOLEAN": "true or false", "DATE": "a date (YYYY-MM-DD)", "TIMESTAMP": "a date and time",
               "VARCHAR": "text"}
_TRUE = {"true", "yes", "y", "1", "t"}
_FALSE = {"false", "no", "n", "0", "f"}


def _checks(col: Column, known: dict[str, set[str]]) -> list[pa.Check]:
    """Return pandera checks whose error text is 'message|fix' for the user."""
    checks = []
    if col.min is not None:
        checks.append(pa.Check.ge(col.min, error=f"the value is below {col.min:g}.|"
                                                 f"enter a value of {col.min:g} or more."))
    if col.max is not None:
        checks.append(pa.Check.le(col.max, error=f"the value is above {col.max:g}.|"
                                                 f"enter a value of {col.max:g} or less."))
    if col.allowed:
        checks.append(pa.Check.isin(col.allowed, error="the value is not an allowed one.|"
                                                       f"use one of: {', '.join(col.allowed)}."))
    if col.pattern:
        checks.append(pa.Check.str_matches(col.pattern, error="the value has the wrong format.|"
                                                              f"write {col.pattern_hint}."))
    if col.references and col.references in known:
        checks.append(pa.Check.isin(sorted(known[col.references]),
                                    error=f"the value is not in {col.references}.|"
                                          f"use a value that exists in {col.references}."))
    return checks


def _coerce(table: Table, frame: pd.DataFrame, file: str, first_row: int) -> tuple[pd.DataFrame, list[Problem]]:
    """Convert every column to its schema type, reporting each value that does not convert."""
    out, problems = pd.DataFrame(index=frame.index), []
    for col in table.columns:
        if col.name not in frame.columns:
            continue
        raw = frame[col.name]
        text = raw.astype("string").str.strip()
        empty = text.isna() | (text == "")
        if col.type in ("DOUBLE", "BIGINT", "INTEGER"):
            values = pd.to_numeric(text.str.replace(",", "", regex=False), errors="coerce")
            values = values.where(np.isfinite(values.astype("float64")))  # 'inf' is not a usable figure
            bad = ~empty & values.isna()
            if col.type != "DOUBLE":
                fractional = values.notna() & (values % 1 != 0)
                bad |= fractional
                values = values.where(~fractional).astype("Int64")
            else:
                values = values.astype("float64")
        elif col.type == "BOOLEAN":
            lowered = text.str.lower()
            values = pd.Series(pd.NA, index=frame.index, dtype="boolean")
            values[lowered.isin(_TRUE).fillna(False)] = True
            values[lowered.isin(_FALSE).fillna(False)] = False
            bad = ~empty & values.isna()
        elif col.type in ("DATE", "TIMESTAMP"):
            values = pd.to_datetime(text, errors="coerce", format="ISO8601")
            if col.type == "DATE":
                values = values.dt.normalize()
            bad = ~empty & values.isna()
            if col.not_future:
                future = values > pd.Timestamp(today())
                for idx in future[future.fillna(False)].index:
                    problems.append(Problem(file, int(idx) + first_row, col.name, str(raw[idx]),
                                            "the date is in the future.",
                                            "give the date the event happened; future events are not recorded."))
        else:
            values, bad = text.mask(empty), pd.Series(False, index=frame.index)
        for idx in bad[bad].index:
            problems.append(Problem(file, int(idx) + first_row, col.name, str(raw[idx]),
                                    f"the value is not {_TYPE_WORDS[col.type]}.",
                                    f"write {_TYPE_WORDS[col.type]} in this cell."))
        out[col.name] = values
    return out, problems


def today() -> date:
    """Return today's date (a function so that tests can fix it)."""
    return date.today()


def _rule_problems(table: Table, typed: pd.DataFrame, frame: pd.DataFrame, file: str, first_row: int,
                   reported: set) -> list[Problem]:
    problems = []
    for rule in table.rules:
        if not all(c in typed.columns for c in rule.columns):
            continue
        present = typed[list(rule.columns)].notna().all(axis=1)
        holds = rule.holds(typed[present]).astype("boolean").fillna(True)
        for idx in holds[~holds].index:
            row = int(idx) + first_row
            if (row, rule.column) in reported:
                continue
            values = ", ".join(f"{c}={frame.at[idx, c]}" for c in rule.columns)
            problems.append(Problem(file, row, rule.column, values, rule.message[0].upper() + rule.message[1:],
                                    rule.fix[0].upper() + rule.fix[1:]))
    return problems


def validate(table: Table, frame: pd.DataFrame, file: str, known: dict[str, set[str]] | None = None,
             first_row: int = 2) -> pd.DataFrame:
    """Check a frame against a table's rules and return it with schema types.

    Raises ValidationError listing every problem at once; row numbers are the file's lines
    (the header is row 1, so the first data row is `first_row`). `known` maps "table.column"
    to the values that a column with that reference must take.
    """
    missing = [c.name for c in table.columns if c.required and c.name not in frame.columns]
    if missing:
        raise ValidationError([Problem(file, 1, name, "", "the column is missing.",
                                       f"add a column headed {name!r} (see the data dictionary).")
                               for name in missing])
    # The index is the row's offset from first_row (readers keep gaps for blank lines), so keep it.
    typed, problems = _coerce(table, frame, file, first_row)
    reported = {(p.row, p.column) for p in problems}
    schema = pa.DataFrameSchema(
        {c.name: pa.Column(_PANDAS_TYPES[c.type], checks=_checks(c, known or {}), nullable=not c.required,
                           required=False) for c in table.columns},
        unique=list(table.key), report_duplicates="all")
    try:
        schema.validate(typed, lazy=True)
    except pa.errors.SchemaErrors as err:
        key_label = ", ".join(table.key)
        for case in err.failure_cases.itertuples(index=False):
            row = None if case.index is None or pd.isna(case.index) else int(case.index) + first_row
            check = str(case.check)
            if "uniqueness" in check or "unique" in check:
                column, value = key_label, " / ".join(str(frame.at[row - first_row, k]) for k in table.key)
                message, fix = "the same key appears on more than one row.", "keep one row per key."
            elif check == "not_nullable":
                column, value = case.column, ""
                message, fix = "the value is empty.", "fill in a value; this column is required."
            elif "|" in check:
                column, value = case.column, str(frame.at[row - first_row, case.column])
                message, fix = check.split("|", 1)
            else:
                continue  # dtype checks: the conversion above already reported the value
            if (row, column) not in reported:
                reported.add((row, column))
                problems.append(Problem(file, row, column, value, message, fix))
    problems += _rule_problems(table, typed, frame, file, first_row, reported)
    if problems:
        problems.sort(key=lambda p: (p.row or 0, p.column))
        raise ValidationError(problems)
    return typed[[c.name for c in table.columns if c.name in typed.columns]]


def known_values(frames: dict[str, pd.DataFrame]) -> dict[str, set[str]]:
    """Return the values each referenced 'table.column' holds in the given frames."""
    known = {}
    for table in TABLES.values():
        for col in table.columns:
            if col.references:
                ref_table, ref_col = col.references.split(".")
                if ref_table in frames:
                    known[col.references] = set(frames[ref_table][ref_col].astype(str))
    return known


def identifier(name: str) -> str:
    """Return a table or column name known to the schema, refusing anything else (for SQL identifiers)."""
    known = set(TABLES) | {c.name for t in TABLES.values() for c in t.columns}
    if name not in known or not re.fullmatch(r"[a-z_0-9]+", name):
        raise ValueError(f"{name!r} is not a table or column of the warehouse schema.")
    return name
