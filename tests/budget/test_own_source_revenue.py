"""Own-source revenue of the 47 counties as the Controller of Budget published it: the reference set equal to the
published file (re-read with the csv module, every row), the warehouse holding it beside the generated fiscal rows
without mixing them, and the pages and documents reading it as a user would."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pandas as pd
import pytest

from jdp_analytics.warehouse.paths import REFERENCE_DIR
from jdp_analytics.warehouse.queries import Warehouse
from jdp_analytics.warehouse.sources import cob_osr
from tests.shown import table_with


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8-sig") as handle:
        return list(csv.DictReader(handle))


def test_the_reference_set_holds_every_published_row_unchanged(shared_data):
    published = _rows(shared_data / cob_osr.OSR_FILE)
    committed = _rows(REFERENCE_DIR / "cob_own_source_revenue.csv")
    assert len(published) == len(committed) == 512
    assert [{c: row[c] for c in cob_osr.COLUMNS} for row in published] == committed


def test_the_warehouse_holds_512_published_county_years_each_citing_its_years_report(reference_warehouse, query):
    rows = query(reference_warehouse, "SELECT count(*), count(DISTINCT county_code), min(fiscal_year), "
                                      "max(fiscal_year) FROM fact_own_source_revenue o JOIN source s USING "
                                      "(source_id) WHERE NOT s.is_demo")
    assert rows == [(512, 47, "2013/14", "2023/24")]
    kwale = query(reference_warehouse, "SELECT osr_target_kes, osr_actual_kes, s.title, s.as_of FROM "
                                       "fact_own_source_revenue o JOIN source s USING (source_id) WHERE county_code "
                                       "= '002' AND fiscal_year = '2014/15'")
    assert kwale[0][:3] == (500_000_000, 253_972_260, "County Governments Budget Implementation Review Report FY "
                                                       "2014/15, Own Source Revenue Collection")
    assert str(kwale[0][3]) == "2015-06-30"
    # the generated fiscal rows keep no own-source revenue where a published figure exists: no row is part real
    assert query(reference_warehouse, "SELECT count(*) FROM fact_county_fiscal f JOIN fact_own_source_revenue o "
                                      "USING (county_code, fiscal_year) WHERE f.osr_actual_kes IS NOT NULL") == [(0,)]


def test_generated_revenue_fills_only_the_target_county_years_the_reports_do_not_give(reference_warehouse, query):
    generated = query(reference_warehouse, "SELECT county_code, fiscal_year FROM fact_county_fiscal f JOIN source s "
                                           "USING (source_id) WHERE s.is_demo AND f.osr_actual_kes IS NOT NULL")
    assert generated and all(year in ("2024/25", "2013/14") for _county, year in generated)
    assert ("008", "2013/14") in generated and ("002", "2013/14") not in generated  # Wajir's 2013/14 is missing
    every = Warehouse(reference_warehouse, include_demo=True).query("own_source_revenue")
    kwale = every[every["county_code"] == "002"].set_index("fiscal_year")
    assert not kwale.loc["2023/24", "is_demo"] and kwale.loc["2024/25", "is_demo"]  # one source per county-year
    assert pd.isna(kwale.loc["2024/25", "osr_rank"])  # no rank among generated rows


@pytest.fixture
def open_page(open_app, reference):
    return lambda county, year, **query: open_app("pages/budget_composition.py", county=county, fy=year, **query)


def test_budget_composition_shows_kwale_2014_15_target_and_collection_as_published(open_page):
    at = open_page("002", "2014/15")
    texts = " ".join(m.value for m in at.markdown)
    assert "own-source revenue KES 254.0 m against a target of KES 500.0 m (50.8 %)" in texts
    table = table_with(at, "OSR target", "OSR collected")
    row = table[table["Fiscal year"] == "2014/15"].iloc[0]
    assert (row["OSR target"], row["OSR collected"], row["OSR, % of target"]) == ("KES 500.0 m", "KES 254.0 m",
                                                                                 "50.8 %")
    assert not at.warning  # real figures: no demonstration banner


def test_homa_bay_collected_more_than_its_2014_15_target_and_ranks_among_the_47(open_page):
    at = open_page("043", "2014/15")
    texts = " ".join(m.value for m in at.markdown)
    assert "(102.7 %)" in texts and "rank 6 of 47 by share of target collected" in texts
    ranking = next(json.loads(c.proto.spec) for c in at.get("plotly_chart")
                   if "Own-source revenue collected" in c.proto.spec)
    assert len(ranking["data"][0]["y"]) == 47 and "<b>Homa Bay</b>" in ranking["data"][0]["y"]


def test_the_2023_24_totals_say_they_include_health_facility_revenue(open_page):
    at = open_page("002", "2023/24")
    notes = " ".join(c.value for c in at.caption)
    assert "include FIF / A-I-A" in notes
    table = table_with(at, "OSR target", "FIF / A-I-A collected")
    assert table[table["Fiscal year"] == "2023/24"].iloc[0]["FIF / A-I-A collected"] == "KES 169.5 m"


def test_a_flagged_row_is_shown_as_such(open_page):
    at = open_page("all", "2013/14")
    table = table_with(at, "County", "Checked")
    migori = table[table["County"] == "Migori"].iloc[0]
    assert migori["Checked"].startswith("one source; its printed % does not match")


def test_one_answer_the_overview_map_ranks_the_performance_budget_composition_shows(open_app, reference):
    at = open_app("pages/overview.py", county="043", fy="2014/15")
    at.selectbox(key="overview_measure").set_value("osr_performance_pct").run()
    ranking = next(c for c in at.get("plotly_chart") if "Own-source revenue collected" in c.proto.spec)
    assert "102.7 %" in ranking.proto.spec  # Homa Bay's bar, as on Budget composition and in the reference row
    assert "†" not in ranking.proto.spec  # collecting more than the target is no overspending
