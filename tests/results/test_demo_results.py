"""The generated results framework and programme finance: deterministic, labelled demo, loadable templates."""

from __future__ import annotations

import pandas as pd
import pytest

from jdp_analytics.common import exports
from jdp_analytics.results import demo as results_demo
from jdp_analytics.results import tables as results_tables
from jdp_analytics.warehouse import loader, schema


def test_the_demonstration_framework_is_the_same_on_every_build():
    first, second = results_demo.to_warehouse(), results_demo.to_warehouse()
    for name in results_demo.TABLES:
        pd.testing.assert_frame_equal(first[name], second[name])


def test_every_generated_row_points_to_the_one_demo_source(reference_warehouse, query):
    assert query(reference_warehouse, "SELECT is_demo, title FROM source WHERE source_id = 'demo_results_framework'") \
        == [(True, "Demonstration results framework and programme finance — generated, not real")]
    for table in results_demo.TABLES:
        assert query(reference_warehouse, f"SELECT DISTINCT source_id FROM {table}") == [("demo_results_framework",)]


def test_the_framework_has_the_three_outcomes_and_reporting_with_county_rows_for_the_eight_targets(
        reference_warehouse, query):
    assert query(reference_warehouse, "SELECT result_code FROM dim_result WHERE result_level = 'outcome' "
                                      "ORDER BY 1") == [("O1",), ("O2",), ("O3",), ("RE",)]
    assert query(reference_warehouse, "SELECT count(DISTINCT scope) FROM fact_result_target t JOIN "
                                      "dim_result_indicator i USING (indicator_code) "
                                      "WHERE indicator_level = 'county'") == [(8,)]
    assert query(reference_warehouse, "SELECT min(period), max(period) FROM fact_result_actual") == [
        ("2025Q1", "2026Q3")]


@pytest.mark.parametrize("kind", ["results", "result_indicators", "result_targets", "result_actuals",
                                  "programme_finance", "ta_contracts"])
def test_each_reporting_template_passes_its_own_validation(reference_warehouse, kind):
    template = loader.template(kind)
    data = template.to_csv(index=False).encode()
    preview = loader.prepare(data, f"template_{kind}.csv", kind, reference_warehouse)
    assert len(preview.rows) == 1
    assert exports.to_csv(template, "x")  # the upload page offers it as a download


def test_a_quarter_written_as_2026_q4_is_refused_with_the_format_to_use():
    frame = pd.DataFrame([{"indicator_code": "O1.1.a", "scope": "043", "period": "2026 Q4", "value": "5",
                           "source_id": "s"}])
    with pytest.raises(schema.ValidationError, match="write the calendar quarter as YYYYQn, e.g. 2025Q3"):
        schema.validate(results_tables.FACT_RESULT_ACTUAL, frame, "actuals.csv")


def test_an_output_filed_under_another_outcome_is_refused():
    frame = pd.DataFrame([{"result_code": "O2.4", "result_level": "output", "outcome_code": "O1", "title": "x",
                           "agency": "UNDP", "source_id": "s"}])
    with pytest.raises(schema.ValidationError, match="The result code does not start with its outcome code"):
        schema.validate(results_tables.DIM_RESULT, frame, "results.csv")
