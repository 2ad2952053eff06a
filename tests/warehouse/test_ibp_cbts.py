"""County Budget Transparency Survey scores: every reported claim kept row by row with its source, never filled."""

from __future__ import annotations

import csv
import shutil

import pytest

from jdp_analytics.warehouse.paths import REFERENCE_DIR
from jdp_analytics.warehouse.sources import SourceError, ibp_cbts


def test_the_warehouse_keeps_every_row_of_the_published_file(reference_warehouse, query, shared_data):
    with (shared_data / ibp_cbts.SCORES_FILE).open(newline="", encoding="utf-8") as handle:
        published = list(csv.DictReader(handle))
    assert query(reference_warehouse, "SELECT count(*), count(DISTINCT county_code) "
                                      "FROM fact_budget_transparency_score") == [(len(published), 35)]
    assert len(published) == 78


def test_west_pokot_scored_73_in_2020_with_its_source_and_quote(reference_warehouse, query):
    assert query(reference_warehouse, "SELECT score_out_of_100, rank, source_url, quote, source_id "
                                      "FROM fact_budget_transparency_score WHERE county_code = '024' "
                                      "AND survey_year = 2020") == [
        (73.0, 1, "https://www.kenyans.co.ke/news/64990-kirinyaga-scores-zero-latest-county-ranking",
         "West Pokot County was ranked the best with an index of 73 out of 100 points, having published all the "
         "assessed budget documents.", "ibp_cbts")]


def test_two_outlets_reporting_one_county_and_year_are_both_kept(reference_warehouse, query):
    assert query(reference_warehouse, "SELECT count(*), list(rank ORDER BY rank NULLS FIRST) "
                                      "FROM fact_budget_transparency_score "
                                      "WHERE county_code = '019' AND survey_year = 2020") == [(2, [None, 3])]


def test_the_2019_round_gives_documents_published_and_no_score(reference_warehouse, query):
    assert query(reference_warehouse, "SELECT count(*), count(score_out_of_100), min(documents_published) "
                                      "FROM fact_budget_transparency_score WHERE survey_year = 2019") == [
        (16, 0, "0 of 7")]


def test_the_survey_source_states_that_no_licence_was_found(reference_warehouse, query):
    assert query(reference_warehouse, "SELECT licence, is_demo FROM source WHERE source_id = 'ibp_cbts'") == [
        ("no licence stated; scores cited as facts with their source", False)]


def test_a_county_code_that_does_not_match_its_name_stops_the_derivation(tmp_path):
    # The survey file states no licence, so no cut of it is kept in tests/files; the reference set's copy has its
    # columns and rows unchanged (tests/warehouse/test_reference.py rebuilds it from the published file).
    folder = tmp_path / ibp_cbts.FOLDER
    folder.mkdir()
    path = folder / "cbts_scores.csv"
    shutil.copyfile(REFERENCE_DIR / "cbts_scores.csv", path)
    path.write_text(path.read_text(encoding="utf-8").replace("2020,024,West Pokot,", "2020,042,West Pokot,", 1),
                    encoding="utf-8")
    with pytest.raises(SourceError, match=r"cbts_scores.csv, row 2, column 'county_code': '042' is not the code of "
                                          r"'West Pokot' \(024\). Restore the published file."):
        ibp_cbts.derive(tmp_path)
