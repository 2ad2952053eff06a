"""Metrics, formatting and exports on small fixtures: the numbers a user reads."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from jdp_analytics.common import exports, formatting, measures


def values(rows):
    return pd.DataFrame(rows, columns=["county_code", "value", "flag"])


def test_amounts_are_written_in_kes_billions_and_millions():
    assert formatting.kes(4_391_400_000) == "KES 4.39 bn"
    assert formatting.kes(439_140_000) == "KES 439.1 m"
    assert formatting.kes(12_345) == "KES 12,345"
    assert formatting.kes(None) == "–"
    assert formatting.kes_exact(4_391_400_000) == "KES 4,391,400,000"


def test_percentages_have_one_decimal_and_differences_are_in_points():
    assert formatting.pct(66.71) == "66.7 %"
    assert formatting.points(-6.84) == "-6.8 pp"
    assert formatting.number(47_564_296) == "47,564,296"
    assert formatting.fiscal_year_label("2023/24") == "FY 2023/24 (July 2023 – June 2024)"


def test_a_county_is_compared_with_the_median_of_the_others_and_ranked():
    result = measures.compare(values([("001", 50.0, None), ("002", 70.0, None), ("003", 60.0, None)]), "002")
    assert (result.value, result.median, result.rank, result.counties) == (70.0, 60.0, 1, 3)
    assert result.difference == 10.0


def test_flagged_values_are_left_out_of_the_median_and_not_ranked():
    rows = values([("001", 50.0, None), ("002", 0.08, "dev_absorption_looks_like_fraction_not_pct"),
                   ("003", 60.0, None)])
    assert measures.compare(rows, None).median == 55.0
    flagged = measures.compare(rows, "002")
    assert flagged.flagged and flagged.rank is None
    measure = measures.BASE_MEASURES[3]
    assert measures.comparison_sentence(measure, flagged, "Meru") == (
        "Meru: the published figure is flagged as suspect and is not compared.")


def test_a_county_with_no_figure_says_so_in_words():
    result = measures.compare(values([("001", 50.0, None)]), "002")
    assert result.value is None
    assert measures.comparison_sentence(measures.BASE_MEASURES[2], result, "Kwale") == "No published figure for Kwale."


def test_the_comparison_sentence_gives_points_and_rank():
    result = measures.compare(values([("001", 50.0, None), ("002", 66.7, None), ("003", 60.0, None)]), "002")
    assert measures.comparison_sentence(measures.BASE_MEASURES[2], result, "Kwale") == (
        "+6.7 pp against the national median of 60.0 %; rank 1 of 3.")


@pytest.mark.parametrize("cell", ["=HYPERLINK(\"http://x\")", "+1+2", "-2+3", "@SUM(A1)"])
def test_formula_like_text_is_neutralised_in_csv_exports(cell):
    data = exports.to_csv(pd.DataFrame({"name": [cell], "amount": [-5.0]}), "Test source")
    frame = pd.read_csv(io.BytesIO(data), comment="#", encoding="utf-8-sig")
    assert frame["name"][0] == "'" + cell
    assert frame["amount"][0] == -5.0  # numbers are numbers, not text


def test_csv_exports_name_their_source_and_demo_status():
    text = exports.to_csv(pd.DataFrame({"a": [1]}), "KNBS census 2019", demo=True).decode("utf-8-sig")
    assert text.splitlines()[:2] == ["# Source: KNBS census 2019",
                                     "# DEMONSTRATION DATA: generated, not real figures"]


def test_excel_exports_neutralise_formulas_and_carry_a_source_sheet():
    import openpyxl

    data = exports.to_excel(pd.DataFrame({"name": ["=1+1"]}), "Controller of Budget")
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book["data"]["A2"].value == "'=1+1"
    assert book["source"]["A2"].value == "Controller of Budget"
