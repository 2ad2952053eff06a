"""The one schema: validation of a loaded file names row, column, value, problem and fix; DDL and dictionary."""

from __future__ import annotations

import duckdb
import pandas as pd
import pytest

from jdp_analytics.warehouse.catalog import TABLES, ddl, dictionary, repeated_keys
from jdp_analytics.warehouse.schema import Problem, ValidationError, validate

BUDGET = TABLES["fact_budget_execution"]
KNOWN = {"dim_county.county_code": {"002", "043"}, "source.source_id": {"cob_cbirr_2013_14"}}


def budget_file(*changes: tuple[int, str, str]) -> pd.DataFrame:
    """Two rows of a budget-execution upload, as text cells the way a CSV reads; changes are (row, column, value)."""
    frame = pd.DataFrame({
        "county_code": ["002", "043"],
        "fiscal_year": ["2013/14", "2013/14"],
        "budget_kes": ["4391400000", "3,573,900,000"],
        "expenditure_kes": ["2929300000", "1888000000"],
        "absorption_pct": ["66.7", "52.8"],
        "development_absorption_pct": ["56.9", ""],
        "rate_method": ["published_annex", ""],
        "flag": ["", ""],
        "source_page": ["225", ""],
        "source_id": ["cob_cbirr_2013_14", "cob_cbirr_2013_14"],
    }, dtype="string")
    for row, column, value in changes:
        frame.loc[row - 2, column] = value  # row is the file line: header = 1, first data row = 2
    return frame


def problems_of(frame: pd.DataFrame, known=KNOWN) -> list[Problem]:
    with pytest.raises(ValidationError) as caught:
        validate(BUDGET, frame, "budget.csv", known)
    return caught.value.problems


def test_a_good_budget_file_passes_and_comes_back_with_schema_types():
    typed = validate(BUDGET, budget_file(), "budget.csv", KNOWN)
    assert typed.to_dict("records")[0] == {
        "county_code": "002", "fiscal_year": "2013/14", "budget_kes": 4_391_400_000.0,
        "expenditure_kes": 2_929_300_000.0, "absorption_pct": 66.7, "development_absorption_pct": 56.9,
        "rate_method": "published_annex", "flag": None, "source_page": 225, "source_id": "cob_cbirr_2013_14"}
    assert typed.loc[1, "budget_kes"] == 3_573_900_000.0  # thousands separators are accepted
    assert pd.isna(typed.loc[1, "development_absorption_pct"])  # an optional empty cell is allowed


@pytest.mark.parametrize(("row", "column", "value", "message", "fix"), [
    (2, "budget_kes", "-4391400000", "the value is below 0.", "enter a value of 0 or more."),
    (3, "fiscal_year", "2013-14", "the value has the wrong format.", "write YYYY/YY, e.g. 2023/24."),
    (3, "county_code", "099", "the value has the wrong format.",
     "write a three-digit KNBS code from 001 to 047, e.g. 043 for Homa Bay."),
    (2, "county_code", "43", "the value has the wrong format.",
     "write a three-digit KNBS code from 001 to 047, e.g. 043 for Homa Bay."),
    (2, "budget_kes", "4.4 bn", "the value is not a number.", "write a number in this cell."),
    (2, "budget_kes", "inf", "the value is not a number.", "write a number in this cell."),
    (3, "source_page", "22.5", "the value is not a whole number.", "write a whole number in this cell."),
    (3, "expenditure_kes", "", "the value is empty.", "fill in a value; this column is required."),
    (2, "source_id", "  ", "the value is empty.", "fill in a value; this column is required."),
    (2, "absorption_pct", "166.7", "the value is above 150.", "enter a value of 150 or less."),
    (3, "source_page", "0", "the value is below 1.", "enter a value of 1 or more."),
    (3, "county_code", "008", "the value is not in dim_county.county_code.",
     "use a value that exists in dim_county.county_code."),
    (2, "source_id", "cob_cbirr_2099_00", "the value is not in source.source_id.",
     "use a value that exists in source.source_id."),
], ids=["negative budget", "fiscal year with a hyphen", "county code 099", "county code without leading zero",
        "budget not a number", "infinite budget", "page with a fraction", "empty expenditure", "blank source",
        "absorption over 150", "page zero", "county not in dim_county", "source not in source table"])
def test_a_bad_cell_is_reported_with_its_file_row_column_value_and_fix(row, column, value, message, fix):
    assert problems_of(budget_file((row, column, value))) == [
        Problem("budget.csv", row, column, value if value.strip() else "", message, fix)]


def test_a_duplicate_county_and_year_is_reported_on_the_second_row_naming_the_first():
    problems = problems_of(budget_file((3, "county_code", "002")))
    assert [(p.row, p.column, p.value, p.message, p.fix) for p in problems] == [
        (3, "county_code, fiscal_year", "002 / 2013/14", "the same key is already on row 2.", "keep one row per key."),
    ]


def test_every_problem_in_a_file_is_reported_at_once_in_file_order():
    frame = budget_file((2, "budget_kes", "-1"), (3, "fiscal_year", "2013-14"), (3, "expenditure_kes", ""))
    assert [(p.row, p.column, p.message) for p in problems_of(frame)] == [
        (2, "budget_kes", "the value is below 0."),
        (3, "expenditure_kes", "the value is empty."),
        (3, "fiscal_year", "the value has the wrong format."),
    ]


def test_the_error_message_says_file_row_column_value_problem_and_fix():
    with pytest.raises(ValidationError) as caught:
        validate(BUDGET, budget_file((3, "fiscal_year", "2013-14")), "budget.csv", KNOWN)
    assert str(caught.value) == ("budget.csv, row 3, column 'fiscal_year', value '2013-14': the value has the wrong "
                                 "format. Fix: write YYYY/YY, e.g. 2023/24.")


def test_a_missing_required_column_is_reported_on_the_header_row():
    problems = problems_of(budget_file().drop(columns=["absorption_pct"]))
    assert problems == [Problem("budget.csv", 1, "absorption_pct", "", "the column is missing.",
                                "add a column headed 'absorption_pct' (see the data dictionary).")]


def test_row_numbers_follow_the_first_data_row_the_caller_gives():
    with pytest.raises(ValidationError) as caught:
        validate(BUDGET, budget_file((3, "budget_kes", "-1")), "budget.xlsx", KNOWN, first_row=5)
    assert [(p.file, p.row, p.column) for p in caught.value.problems] == [("budget.xlsx", 6, "budget_kes")]


def test_the_ddl_creates_every_schema_table_in_duckdb_with_its_columns():
    con = duckdb.connect()
    for statement in ddl():
        con.execute(statement)
    tables = {name for (name,) in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    assert {"source", "dim_county", "dim_constituency", "dim_ward", "dim_subcounty_population",
                      "dim_indicator", "fact_budget_execution", "fact_indicator", "fact_county_population_group",
                      "fact_budget_transparency_score", "fact_participation_event", "fact_facility_feedback",
                      "fact_budget_document", "geo_county", "geo_ward", "load_log", "load_replaced",
                      "build_info", "fact_budget_line", "fact_county_fiscal", "fact_indicator_observation",
                      "fact_indicator_target", "dim_result", "dim_result_indicator", "fact_result_target",
                      "fact_result_actual", "fact_programme_finance", "fact_ta_contract"} <= tables
    columns = con.execute("SELECT column_name, data_type, is_nullable FROM information_schema.columns "
                          "WHERE table_name = 'fact_budget_execution' ORDER BY ordinal_position").fetchall()
    assert columns == [
        ("county_code", "VARCHAR", "NO"), ("fiscal_year", "VARCHAR", "NO"), ("budget_kes", "DOUBLE", "NO"),
        ("expenditure_kes", "DOUBLE", "NO"), ("absorption_pct", "DOUBLE", "NO"),
        ("development_absorption_pct", "DOUBLE", "YES"), ("rate_method", "VARCHAR", "YES"),
        ("flag", "VARCHAR", "YES"), ("source_page", "INTEGER", "YES"), ("source_id", "VARCHAR", "NO"),
        ("load_id", "VARCHAR", "YES")]


def test_repeated_keys_counts_the_rows_that_repeat_a_key():
    con = duckdb.connect()
    for statement in ddl():
        con.execute(statement)
    con.execute("INSERT INTO geo_county VALUES ('002', '{}', 'ocha_cod_ab_ken', 8270.0)")
    assert repeated_keys(con) == {}
    con.executemany("INSERT INTO geo_county VALUES (?, '{}', 'ocha_cod_ab_ken', 8270.0)", [["002"], ["002"], ["003"]])
    assert repeated_keys(con) == {"geo_county": 2}


@pytest.mark.parametrize("which", ["reference_warehouse", "full_warehouse"])
def test_every_table_of_a_built_warehouse_holds_each_key_once(which, request):
    # The tables have no PRIMARY KEY constraint (catalog.ddl): the build's validation keeps keys unique.
    con = duckdb.connect(str(request.getfixturevalue(which)), read_only=True)
    try:
        assert repeated_keys(con) == {}
    finally:
        con.close()


def test_the_data_dictionary_has_one_row_per_column_of_every_table():
    table = dictionary()
    assert len(table) == sum(len(t.columns) for t in TABLES.values())
    assert list(table.columns) == ["table", "column", "type", "unit", "rules", "description"]
    assert not table.duplicated(["table", "column"]).any()
    assert list(table.loc[table["table"] == "dim_ward", "column"]) == [
        "ward_code", "ward_name", "constituency_code", "county_code", "source_id"]
    assert list(table.loc[table["table"] == "fact_budget_document", "column"]) == [
        "county_code", "fiscal_year", "document", "published_date", "url", "source_id", "load_id"]


def test_the_data_dictionary_states_the_rules_a_user_must_meet():
    rules = dictionary().set_index(["table", "column"])["rules"]
    assert rules["fact_budget_execution", "fiscal_year"] == "required; key; YYYY/YY, e.g. 2023/24"
    assert rules["fact_budget_execution", "absorption_pct"] == "required; ≥ 0; ≤ 150"
    assert rules["fact_budget_execution", "county_code"] == (
        "required; key; a three-digit KNBS code from 001 to 047, e.g. 043 for Homa Bay; "
        "must exist in dim_county.county_code")
    assert rules["dim_indicator", "unit"] == "required; one of percent, number, rate, score, KES"
