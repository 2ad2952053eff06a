"""Budget metrics on small fixtures: absorption, PEFA PI-1 bands at their exact bounds, per person, growth."""

from __future__ import annotations

import pandas as pd
import pytest

from jdp_analytics.budget import execution, execution_charts
from jdp_analytics.budget import metrics as budget_metrics
from jdp_analytics.common import exports, presentation

FRACTION_FLAG = "dev_absorption_looks_like_fraction_not_pct"


def history(rows) -> pd.DataFrame:
    """Budget execution rows as the history query returns them (the columns the metrics read)."""
    columns = ["county_code", "county_name", "is_jdp_target", "fiscal_year", "budget_kes", "expenditure_kes",
               "absorption_pct", "development_absorption_pct", "flag", "population_2019"]
    return pd.DataFrame(rows, columns=columns)


def test_absorption_is_expenditure_as_a_percentage_of_budget():
    assert budget_metrics.absorption(2_929_300_000, 4_391_400_000) == pytest.approx(66.705, abs=0.001)
    assert budget_metrics.absorption(0, 1_000) == 0.0


@pytest.mark.parametrize("expenditure, budget", [(100, 0), (None, 100), (100, None), (float("nan"), 100)])
def test_absorption_is_none_when_budget_is_zero_or_a_figure_is_missing(expenditure, budget):
    assert budget_metrics.absorption(expenditure, budget) is None


@pytest.mark.parametrize("outturn, band", [
    (100.0, "A"), (95.0, "A"), (105.0, "A"),  # A's bounds are inside A
    (94.9, "B"), (105.1, "B"), (90.0, "B"), (110.0, "B"),  # exactly 90 % and 110 % are inside B
    (89.9, "C"), (110.1, "C"), (85.0, "C"), (115.0, "C"),  # exactly 85 % and 115 % are inside C
    (84.9, "D"), (115.1, "D"), (80.0, "D"), (0.0, "D"), (150.0, "D"),  # below 85 % (80 % too) is D
])
def test_one_years_outturn_falls_in_the_narrowest_pefa_range_that_holds_it_bounds_included(outturn, band):
    assert budget_metrics.outturn_band(outturn) == band


def test_an_outturn_computed_a_hair_below_a_bound_counts_as_on_the_bound():
    assert budget_metrics.outturn_band(100 * 0.9 - 1e-12) == "B"
    assert budget_metrics.outturn_band(budget_metrics.absorption(85, 100)) == "C"


@pytest.mark.parametrize("outturns, score", [
    ((100.0, 95.0, 105.0), "A"),  # all three in A
    ((100.0, 97.0, 60.0), "A"),  # one outlier year is allowed
    ((100.0, 90.0, 60.0), "B"),  # A in only one year, B's range (exactly 90 %) holds two
    ((90.0, 90.0, 90.0), "B"),
    ((85.0, 115.0, 150.0), "C"),  # exactly 85 % and 115 % are inside C
    ((100.0, 84.9, 80.0), "D"),  # within C's range in only one year
    ((80.0, 80.0, 80.0), "D"),
])
def test_the_pi1_score_is_the_best_band_holding_the_outturn_in_two_of_the_three_years(outturns, score):
    assert budget_metrics.pefa_pi1_band(outturns) == score


@pytest.mark.parametrize("outturns", [(100.0, 100.0), (100.0, None, 100.0), (100.0, float("nan"), 100.0), ()])
def test_the_pi1_score_needs_three_known_years(outturns):
    assert budget_metrics.pefa_pi1_band(outturns) is None


def test_the_pi1_rule_is_written_down_with_its_source():
    assert budget_metrics.PEFA_PI1_RANGES == (("A", 95.0, 105.0), ("B", 90.0, 110.0), ("C", 85.0, 115.0))
    assert (budget_metrics.PEFA_PI1_YEARS, budget_metrics.PEFA_PI1_YEARS_WITHIN) == (3, 2)
    assert "exactly 90.0 % is within B's range" in execution.PEFA_NOTE


def test_scores_are_computed_per_county_over_three_consecutive_fiscal_years():
    rows = history([("002", "Kwale", True, fy, 100.0, a, a, 50.0, None, 1000)
                    for fy, a in (("2015/16", 100.0), ("2016/17", 91.0), ("2017/18", 80.0), ("2019/20", 99.0))])
    scores = budget_metrics.pefa_pi1_scores(rows).set_index("fiscal_year")
    assert scores.loc["2017/18", ["outturn_band", "pi1_band", "pi1_years"]].tolist() == ["D", "B",
                                                                                          "2015/16 to 2017/18"]
    assert pd.isna(scores.loc["2016/17", "pi1_band"])  # only two years up to it
    assert pd.isna(scores.loc["2019/20", "pi1_band"])  # 2018/19 is missing


def test_budget_per_person_divides_by_the_2019_census_population():
    assert budget_metrics.per_person(4_391_400_000, 866_820) == pytest.approx(5066.10, abs=0.01)
    assert budget_metrics.per_person(100, 0) is None
    assert budget_metrics.per_person(None, 866_820) is None


def test_fiscal_years_step_back_across_the_century_digits():
    assert budget_metrics.previous_fiscal_year("2019/20") == "2018/19"
    assert budget_metrics.previous_fiscal_year("2000/01") == "1999/00"
    assert budget_metrics.last_fiscal_years("2019/20", 3) == ["2017/18", "2018/19", "2019/20"]


def test_year_on_year_growth_is_none_after_a_missing_year():
    budget = pd.Series({"2015/16": 100.0, "2016/17": 110.0, "2018/19": 121.0, "2019/20": 0.0, "2020/21": 50.0})
    growth = budget_metrics.yoy_growth(budget)
    assert growth["2015/16"] is None  # no year before it
    assert growth["2016/17"] == pytest.approx(10.0)
    assert growth["2018/19"] is None  # 2017/18 is missing: not growth over two years
    assert growth["2019/20"] == pytest.approx(-100.0)
    assert growth["2020/21"] is None  # growth over zero


def test_year_on_year_growth_is_none_when_a_value_in_the_series_is_empty():
    growth = budget_metrics.yoy_growth(pd.Series({"2016/17": None, "2017/18": 110.0}))
    assert growth.tolist() == [None, None]


def test_a_development_flag_blanks_the_development_rate_only_and_other_flags_both():
    rows = history([("009", "Mandera", False, "2016/17", 12_030e6, 10_200e6, 84.788, 0.081, FRACTION_FLAG, 1),
                    ("012", "Meru", False, "2016/17", 10_140e6, 8_340e6, 82.249, 60.0, "totals_unreadable", 1),
                    ("001", "Mombasa", False, "2016/17", 1.0, 1.0, 70.0, 40.0, None, 1)])
    usable = budget_metrics.usable_rates(rows)
    assert usable["absorption_pct"].tolist()[::2] == [84.788, 70.0]
    assert usable["absorption_pct"].isna().tolist() == [False, True, False]
    assert usable["development_absorption_pct"].isna().tolist() == [True, True, False]
    assert rows["development_absorption_pct"].tolist() == [0.081, 60.0, 40.0]  # the input is left alone


def test_national_medians_leave_flagged_rates_out():
    rows = history([("001", "A", False, "2016/17", 1.0, 1.0, 60.0, 40.0, None, 1),
                    ("002", "B", False, "2016/17", 1.0, 1.0, 70.0, 50.0, None, 1),
                    ("009", "C", False, "2016/17", 1.0, 1.0, 80.0, 0.081, FRACTION_FLAG, 1)])
    medians = budget_metrics.national_medians(rows).iloc[0]
    assert (medians["national_median_absorption_pct"], medians["national_median_development_pct"]) == (70.0, 45.0)
    assert medians["counties_reporting"] == 3


def test_national_totals_add_the_counties_that_report_both_figures():
    rows = history([("001", "A", False, "2019/20", 300.0, 150.0, 50.0, 40.0, None, 1),
                    ("002", "B", False, "2019/20", 100.0, 90.0, 90.0, 50.0, None, 1),
                    ("003", "C", False, "2019/20", None, None, None, None, None, 1)])
    totals = budget_metrics.national_totals(rows).iloc[0]
    assert (totals["budget_kes"], totals["expenditure_kes"], totals["counties"]) == (400.0, 240.0, 2)
    assert totals["absorption_pct"] == pytest.approx(60.0)


def test_a_flagged_development_rate_is_named_in_words_with_its_published_value():
    rows = history([("009", "Mandera", False, "2016/17", 12_030e6, 10_200e6, 84.788, 0.081, FRACTION_FLAG, 1)])
    assert execution.flagged_sentences(rows) == [
        "Mandera, FY 2016/17: the published development absorption rate (0.081) is flagged as suspect upstream "
        "(dev absorption looks like fraction not pct); it is shown as flagged and left out of the charts, medians "
        "and ranks."]


def test_the_fiscal_rules_name_their_thresholds_and_legal_sources():
    rules = {rule.name: (rule.threshold_pct, rule.source) for rule in execution.FISCAL_RULES}
    assert rules == {"Development share of the budget": (30.0, "PFM Act 2012, s.107(2)(b)"),
                     "Wage bill": (35.0, "PFM (County Governments) Regulations 2015, reg. 25(1)(b), under PFM Act "
                                         "2012 s.107(2)(c)")}
    assert execution.NO_RULE_FIGURE == "No published figure in the warehouse yet; load the county budget template."


def test_download_names_are_lower_case_without_slashes():
    assert presentation.file_stem("Homa Bay", "budget", "2019/20") == "homa-bay-budget-2019-20"
    assert presentation.file_stem("Murang'a") == "muranga"


def test_a_chart_exports_as_png_with_kaleido_and_the_system_chromium():
    trend = pd.DataFrame({"fiscal_year": ["2018/19", "2019/20"], "budget_kes": [4.0e9, None],
                          "expenditure_kes": [3.0e9, None], "absorption_pct": [75.0, None]})
    figure = execution_charts.budget_and_expenditure(trend, "Kwale", "Source: test")
    png = exports.to_png(figure, width=600)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert (width, height) == (600 * exports.PNG_SCALE, 440 * exports.PNG_SCALE)


def test_the_target_chart_says_which_county_has_no_figure_and_crosses_a_flagged_rate():
    values = pd.DataFrame({"county_code": ["002", "008", "009"], "county_name": ["Kwale", "Wajir", "Mandera"],
                           "absorption_pct": [None, 83.9, 84.8], "development_absorption_pct": [None, 66.5, None],
                           "flag": [None, None, FRACTION_FLAG], "development_published": [None, 66.5, 0.081]})
    figure = execution_charts.target_absorption(values, "002", (77.8, 55.1), "2019/20", "Source: test")
    assert [(a.y, a.text) for a in figure.layout.annotations if a.text == "no published figure"] == [
        ("<b>Kwale</b>", "no published figure")]
    crosses = next(trace for trace in figure.data if trace.name == "Flagged development rate")
    assert list(crosses.y) == ["Mandera"] and list(crosses.x) == [0]
