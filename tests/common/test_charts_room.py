"""Charts readable on a projector: value labels beyond every bar so no reference line crosses them, the gap's
sign never hidden by a marker, and a rate past 100 % explained where it is shown."""

from __future__ import annotations

import pandas as pd

from jdp_analytics.budget import composition_charts
from jdp_analytics.common import charts
from jdp_analytics.common.measures import BASE_MEASURES
from jdp_analytics.participation import charts as participation_charts

ABSORPTION = next(m for m in BASE_MEASURES if m.key == "absorption_pct")


def rates(values: list[float]) -> pd.DataFrame:
    names = ["Tana River", "Kwale", "Embu", "Nairobi City"][:len(values)]
    return pd.DataFrame({"county_code": ["004", "002", "014", "047"][:len(values)], "county_name": names,
                         "is_jdp_target": [False, True, True, False][:len(values)], "value": values,
                         "flag": [None] * len(values)})


def test_ranking_values_stand_right_of_the_longest_bar_so_the_median_line_cannot_cross_them():
    fig = charts.county_ranking(rates([101.5, 76.9, 68.2, 70.0]), ABSORPTION, "002", 70.0, "Source: CoB")
    bars, labels = fig.data
    assert bars.text is None  # no label at a bar's end, where the median line could strike through it
    assert set(labels.x) == {101.5} and labels.mode == "text"
    assert list(labels.text) == ["  68.2 %", "  70.0 %", "  76.9 %", "  101.5 % †"]
    assert all(shape.x0 < min(labels.x) for shape in fig.layout.shapes)  # the dashed median


def test_a_fiscal_rule_label_stands_upright_at_the_foot_of_its_bar_where_the_threshold_line_cannot_cross_it():
    years = pd.Series(["2021/22", "2022/23", "2023/24", "2024/25"])
    fig = composition_charts.rule_bars(years, pd.Series([30.4, 27.5, 4.0, None]), 30.0, True, "Development share",
                                       "Source: x", "Fiscal year")
    bars = fig.data[0]
    assert list(bars.text) == ["30.4 %", "27.5 %", "4.0 %", ""]
    # not shrunk to a narrow bar's width (twelve years on half a page), read upright from the bar's foot
    assert (bars.textangle, bars.insidetextanchor, bars.constraintext) == (-90, "start", "none")
    assert bars.insidetextfont.size >= 12 and bars.outsidetextfont.size >= 12
    # 30.4 % and 27.5 % sit inside their bars from 0 up, far under the 30 % line; 4.0 % is too short to hold its
    # label, which stands above it, still under the line
    assert list(bars.textposition) == ["inside", "inside", "outside", "outside"]


def test_own_source_revenue_labels_stand_upright_in_the_collected_bars():
    rows = pd.DataFrame({"fiscal_year": ["2021/22", "2022/23", "2023/24"], "osr_target_kes": [800e6, 750e6, 840e6],
                         "osr_actual_kes": [None, 656e6, 100e6], "osr_performance_pct": [None, 87.4, 11.9]})
    fig = composition_charts.osr_bars(rows, "fiscal_year", "Own-source revenue", "Source: x")
    collected = fig.data[1]
    assert list(collected.text) == ["", "87.4 %", "11.9 %"]
    assert (collected.textangle, collected.constraintext, collected.insidetextfont.size) == (-90, "none", 12)
    assert list(collected.textposition) == ["outside", "inside", "outside"]  # 11.9 % is too short a bar to hold it
    assert [a.text for a in fig.layout.annotations if a.text == "no figure"] == ["no figure"]


def test_a_rate_past_100_percent_carries_its_note_on_the_ranking():
    subtitle = charts.county_ranking(rates([101.5, 76.9]), ABSORPTION, None, 80.0, "Source: CoB").layout.title.subtitle
    assert "† Tana River 101.5 %: spent more than the approved" in subtitle.text
    plain = charts.county_ranking(rates([99.0, 76.9]), ABSORPTION, None, 80.0, "Source: CoB").layout.title.subtitle
    assert "†" not in plain.text


def test_the_gap_is_written_right_of_both_marks_where_no_mark_hides_its_sign():
    rep = pd.DataFrame({"group": ["Women", "Youth (18–34)", "Persons with disabilities"],
                        "participants_pct": [44.0, 20.0, 3.3], "population_pct": [52.6, 44.4, 2.2],
                        "gap_points": [-8.6, -24.4, 1.1]})
    fig = participation_charts.representation(rep, "Kwale", "2023/24", "Source: demo")
    gaps = fig.data[2]
    assert [t.strip() for t in gaps.text] == ["+1.1 pp", "-24.4 pp", "-8.6 pp"]
    assert list(gaps.x) == [3.3, 44.4, 52.6] and gaps.textposition == "middle right"
