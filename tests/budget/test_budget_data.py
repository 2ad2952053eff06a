"""Budget lines and county fiscal figures: the schema's rules, the upload templates and the demonstration rows,
which must add up to the Controller of Budget's real county totals."""

from __future__ import annotations

import shutil
from datetime import date

import pandas as pd
import pytest

from jdp_analytics.budget import demo as budget_demo
from jdp_analytics.budget.tables import FACT_BUDGET_LINE, FACT_COUNTY_FISCAL
from jdp_analytics.common import exports
from jdp_analytics.geography.counties import JDP_TARGETS
from jdp_analytics.warehouse import loader
from jdp_analytics.warehouse.queries import read_cursor
from jdp_analytics.warehouse.schema import Problem, ValidationError, validate

KNOWN = {"dim_county.county_code": {"002", "043"}, "source.source_id": {"demo"}}
SOURCE = loader.DeclaredSource("Kwale County Treasury", "Programme Based Budget 2025/26", "CC BY 4.0",
                               date(2025, 6, 30))


def line(**values) -> dict:
    row = {"county_code": "002", "fiscal_year": "2025/26", "sector": "Health", "programme": "Preventive",
           "approved_development_kes": "250", "approved_recurrent_kes": "600", "expenditure_development_kes": "",
           "expenditure_recurrent_kes": "", "gender_tagged_kes": "850", "child_tagged_kes": "0", "in_adp": "yes",
           "adp_planned_kes": "300", "source_id": "demo"}
    return {**row, **values}


def problems_of(table, rows) -> list[Problem]:
    with pytest.raises(ValidationError) as caught:
        validate(table, pd.DataFrame(rows, dtype="string"), "lines.csv", KNOWN)
    return caught.value.problems


def test_a_tagged_amount_up_to_the_whole_approved_budget_is_valid():
    typed = validate(FACT_BUDGET_LINE, pd.DataFrame([line()], dtype="string"), "lines.csv", KNOWN)
    assert typed.loc[0, "gender_tagged_kes"] == 850.0


def test_a_tagged_amount_above_the_approved_budget_is_refused_with_the_fix():
    assert problems_of(FACT_BUDGET_LINE, [line(gender_tagged_kes="852", child_tagged_kes="900")]) == [
        Problem("lines.csv", 2, "child_tagged_kes", "child_tagged_kes=900, approved_development_kes=250, "
                "approved_recurrent_kes=600", "The child-tagged amount is larger than the programme's approved budget.",
                "The tagged amount is a part of the approved development + recurrent budget; correct either."),
        Problem("lines.csv", 2, "gender_tagged_kes", "gender_tagged_kes=852, approved_development_kes=250, "
                "approved_recurrent_kes=600", "The gender-tagged amount is larger than the programme's approved "
                "budget.", "The tagged amount is a part of the approved development + recurrent budget; correct "
                "either.")]


def test_an_adp_amount_for_a_programme_not_in_the_adp_is_refused():
    [problem] = problems_of(FACT_BUDGET_LINE, [line(in_adp="no")])
    assert (problem.column, problem.message) == ("adp_planned_kes", "An ADP amount is given for a programme marked "
                                                                    "as not in the ADP.")


def test_the_same_programme_twice_in_a_year_is_refused():
    found = problems_of(FACT_BUDGET_LINE, [line(), line()])
    assert [(p.row, p.column, p.message) for p in found] == [
        (3, "county_code, fiscal_year, sector, programme", "the same key is already on row 2.")]


def fiscal(**values) -> dict:
    row = {"county_code": "043", "fiscal_year": "2024/25", "osr_target_kes": "100", "osr_actual_kes": "101",
           "total_revenue_kes": "1000", "wage_bill_kes": "400", "pending_bills_kes": "100",
           "pending_bills_under_1y_kes": "50", "pending_bills_1_2y_kes": "25", "pending_bills_2_3y_kes": "15",
           "pending_bills_over_3y_kes": "10", "source_id": "demo"}
    return {**row, **values}


def test_pending_bills_by_age_must_add_up_to_the_stock():
    validate(FACT_COUNTY_FISCAL, pd.DataFrame([fiscal()], dtype="string"), "fiscal.csv", KNOWN)
    [problem] = problems_of(FACT_COUNTY_FISCAL, [fiscal(pending_bills_over_3y_kes="12")])
    assert (problem.row, problem.column, problem.message, problem.fix) == (
        2, "pending_bills_kes", "The pending bills by age do not add up to the stock.",
        "Correct the stock or the four age bands so that the bands add up to the stock.")


def test_own_source_revenue_cannot_exceed_total_revenue_but_every_amount_may_be_empty():
    [problem] = problems_of(FACT_COUNTY_FISCAL, [fiscal(osr_actual_kes="1002")])
    assert problem.message == "Own-source revenue is larger than total revenue."
    empty = {k: "" for k in fiscal() if k.endswith("_kes")}
    validate(FACT_COUNTY_FISCAL, pd.DataFrame([fiscal(**empty)], dtype="string"), "fiscal.csv", KNOWN)


@pytest.fixture
def warehouse(reference_warehouse, tmp_path):
    copy = tmp_path / "jdp.duckdb"
    shutil.copyfile(reference_warehouse, copy)
    return copy


def rows(warehouse, sql: str, *params) -> list[tuple]:
    cursor = read_cursor(warehouse)
    try:
        return cursor.execute(sql, list(params)).fetchall()
    finally:
        cursor.close()


@pytest.mark.parametrize("kind", ["budget_lines", "county_fiscal"])
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_upload_template_loads_through_the_validated_path(warehouse, kind, fmt):
    template = loader.template(kind)
    assert "county" in template.columns and "source_id" not in template.columns
    data = (exports.to_csv(template, "template") if fmt == "csv" else exports.to_excel(template, "template"))
    preview = loader.prepare(data, f"template.{fmt}", kind, warehouse)
    assert (preview.rows_added, preview.rows_replaced) == (len(template), 0)
    loader.load(preview, warehouse, SOURCE, "treasury")
    table = loader.KINDS[kind].table.name
    assert rows(warehouse, f"SELECT count(*) FROM {table} WHERE fiscal_year = '2025/26' AND county_code = '002'") == [
        (len(template),)]


def test_the_template_budget_lines_add_the_shillings_a_treasury_would_check(warehouse):
    preview = loader.prepare(exports.to_csv(loader.template("budget_lines"), "t"), "t.csv", "budget_lines", warehouse)
    totals = preview.totals.set_index("column")
    assert totals.loc["approved_development_kes", "after"] - totals.loc["approved_development_kes", "before"] == (
        250_000_000)
    assert totals.loc["adp_planned_kes", "after"] - totals.loc["adp_planned_kes", "before"] == 390_000_000


# The demonstration rows in the warehouse.

def test_demonstration_lines_add_up_to_the_controller_of_budget_totals_to_the_shilling(reference_warehouse, query):
    differences = query(reference_warehouse, """
        with lines as (
            select county_code, fiscal_year,
                   sum(approved_development_kes + approved_recurrent_kes) as budget,
                   sum(expenditure_development_kes + expenditure_recurrent_kes) as spent
            from fact_budget_line group by all)
        select count(*), max(abs(l.budget - round(e.budget_kes))), max(abs(l.spent - round(e.expenditure_kes)))
        from lines l join fact_budget_execution e using (county_code, fiscal_year)""")
    assert differences == [(96, 0.0, 0.0)]  # 8 counties × 12 fiscal years, not one shilling off


def test_kwale_2019_20_lines_add_up_to_its_published_budget_and_expenditure(reference_warehouse, query):
    assert query(reference_warehouse, "SELECT sum(approved_development_kes + approved_recurrent_kes), "
                                      "sum(expenditure_development_kes + expenditure_recurrent_kes) FROM "
                                      "fact_budget_line WHERE county_code = '002' AND fiscal_year = '2019/20'") == [
        (13_250_000_000.0, 8_900_000_000.0)]


def test_demonstration_development_lines_reproduce_the_published_development_absorption(reference_warehouse, query):
    rates = query(reference_warehouse, """
        select e.development_absorption_pct, 100 * sum(l.expenditure_development_kes) /
               sum(l.approved_development_kes)
        from fact_budget_line l join fact_budget_execution e using (county_code, fiscal_year)
        where e.flag is null and e.development_absorption_pct is not null
        group by e.county_code, e.fiscal_year, e.development_absorption_pct""")
    assert len(rates) == 96  # no target county's development rate is flagged
    assert all(abs(published - derived) < 0.001 for published, derived in rates)


def test_demonstration_rows_are_only_for_target_counties_and_come_from_a_demo_source(reference_warehouse, query):
    for table in ("fact_budget_line", "fact_county_fiscal"):
        assert query(reference_warehouse, f"SELECT list(DISTINCT county_code ORDER BY county_code), "
                                          f"list(DISTINCT s.is_demo), list(DISTINCT s.title) FROM {table} "
                                          "JOIN source s USING (source_id)") == [
            (list(JDP_TARGETS), [True], [budget_demo.SOURCE_ROW["title"]])]


def test_the_reported_2024_25_own_source_revenue_performance_is_followed(reference_warehouse, query):
    assert query(reference_warehouse, "SELECT county_code, round(100 * osr_actual_kes / osr_target_kes) FROM "
                                      "fact_county_fiscal WHERE fiscal_year = '2024/25' AND county_code IN "
                                      "('008', '025', '043') ORDER BY 1") == [("008", 123.0), ("025", 110.0),
                                                                              ("043", 101.0)]


def test_the_generator_is_deterministic(reference_warehouse, read_table):
    execution = read_table(reference_warehouse, "fact_budget_execution")
    first, second = budget_demo.generate(execution), budget_demo.generate(execution)
    pd.testing.assert_frame_equal(first[0], second[0])
    pd.testing.assert_frame_equal(first[1], second[1])


@pytest.mark.parametrize("total, weights, parts", [
    (10, [1, 1, 1], [4, 3, 3]), (100, [0.5, 0.25, 0.25], [50, 25, 25]), (7, [0, 0], [4, 3]), (0, [2, 3], [0, 0])])
def test_split_exact_gives_whole_shillings_that_add_up_to_the_total(total, weights, parts):
    assert budget_demo.split_exact(total, weights) == parts
