"""Uploads of the assessment framework and scores (issue 34): each template loads; a score off its indicator's scale,
an indicator absent from the framework version named, and a county assessed twice in a round are refused with their
file, row, column, value and fix, and leave the warehouse byte-identical (the rules are asked when the file is checked
and again in the load); a second framework version loads beside the first without changing the baseline's scores."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import pytest

from jdp_analytics.assessment import metrics
from jdp_analytics.warehouse import loader
from jdp_analytics.warehouse.queries import Warehouse
from jdp_analytics.warehouse.schema import ValidationError

SOURCE = loader.DeclaredSource("JDP PIU", "Baseline assessment, assessors' score sheets", "CC BY 4.0",
                               date(2025, 1, 31))
SCORES = "county,round,assessed_date,framework,version,indicator_code,score,evidence_seen,assessor,note"
JDP = "JDP governance and service-delivery assessment,2024.1"
FRAMEWORK = ("framework,version,area,indicator_code,indicator,question,scale,max_points,levels,weight,"
             "evidence_required,minimum_condition,basis,tracked_on,result_indicator")


def sha(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def refused(warehouse: Path, data: bytes, kind: str) -> list[str]:
    """Check a file (refused); return each problem as the user reads it; the warehouse is unchanged."""
    before = sha(warehouse)
    with pytest.raises(ValidationError) as caught:
        loader.prepare(data, f"{kind}.csv", kind, warehouse)
    assert sha(warehouse) == before
    return [str(p) for p in caught.value.problems]


def load(warehouse: Path, data: bytes, kind: str) -> str:
    return loader.load(loader.prepare(data, f"{kind}.csv", kind, warehouse), warehouse, SOURCE, "piu")


@pytest.mark.parametrize("kind", ["assessment_framework", "assessment_scores"])
def test_each_template_as_downloaded_loads(warehouse, kind, scalar):
    template = loader.template(kind).to_csv(index=False).encode()
    load(warehouse, template, kind)
    table = loader.KINDS[kind].table.name
    assert scalar(warehouse, f"SELECT count(*) FROM {table} WHERE load_id IS NOT NULL") == len(loader.template(kind))


def test_a_score_off_its_indicators_scale_is_refused_with_the_scale_named(warehouse, csv_bytes):
    data = csv_bytes(SCORES, f"Mombasa,baseline,2024-11-12,{JDP},MC2,yes,Appropriation Act,Team A,",
                     f"Mombasa,baseline,2024-11-12,{JDP},PFM2,3,CoB report,Team A,",
                     f"Mombasa,baseline,2024-11-12,{JDP},PFM3,1.5,CoB report,Team A,")
    assert refused(warehouse, data, "assessment_scores") == [
        "assessment_scores.csv, row 2, column 'score', value 'yes': MC2 is scored pass or fail; 'yes' is neither. "
        "Fix: write pass or fail (pass: approved on or before 30 June; fail: approved later or not at all).",
        "assessment_scores.csv, row 3, column 'score', value '3': PFM2 is scored in whole points from 0 to 2; '3' is "
        "not on its scale. Fix: write a whole number from 0 to 2 (0: below 50 %; 1: 50 % to 74 %; 2: 75 % or more).",
        "assessment_scores.csv, row 4, column 'score', value '1.5': PFM3 is scored in whole points from 0 to 2; '1.5' "
        "is not on its scale. Fix: write a whole number from 0 to 2 (0: below 75 %; 1: 75 % to 89 %; 2: 90 % or "
        "more)."]


def test_an_indicator_absent_from_the_framework_version_is_refused(warehouse, csv_bytes):
    data = csv_bytes(SCORES, f"Mombasa,baseline,2024-11-12,{JDP},PFM9,1,CoB report,Team A,",
                     "Mombasa,follow-up 1,2025-11-12,JDP governance and service-delivery assessment,2030.1,PFM2,1,"
                     "CoB report,Team A,")
    assert refused(warehouse, data, "assessment_scores") == [
        "assessment_scores.csv, row 2, column 'indicator_code', value 'PFM9': JDP governance and service-delivery "
        "assessment version 2024.1 has no indicator 'PFM9'. Fix: use an indicator of that version (the Assessment "
        "page lists them), or load the version that has it.",
        "assessment_scores.csv, row 3, column 'indicator_code', value 'PFM2': no framework 'JDP governance and "
        "service-delivery assessment' version '2030.1' is in the warehouse. Fix: load the framework version first "
        "(upload kind assessment_framework), or correct the framework's name and version."]


def test_an_indicator_scored_twice_in_a_round_is_refused(warehouse, csv_bytes):
    data = csv_bytes(SCORES, f"Mombasa,baseline,2024-11-12,{JDP},PFM2,1,CoB report,Team A,",
                     f"Mombasa,baseline,2024-11-12,{JDP},PFM2,2,CoB report p. 4,Team B,")
    assert refused(warehouse, data, "assessment_scores") == [
        "assessment_scores.csv, row 3, column 'county_code, round, indicator_code', value '001 / baseline / PFM2': "
        "the same key is already on row 2. Fix: keep one row per key."]


def test_a_county_assessed_a_second_time_in_a_round_is_refused(warehouse, csv_bytes):
    load(warehouse, csv_bytes(SCORES, f"Mombasa,baseline,2024-11-12,{JDP},PFM2,1,CoB report,Team A,"),
         "assessment_scores")
    again = csv_bytes(SCORES, f"Mombasa,baseline,2025-03-02,{JDP},PFM3,2,Treasury returns,Team B,")
    assert refused(warehouse, again, "assessment_scores") == [
        "assessment_scores.csv, row 2, column 'assessed_date', value '2025-03-02': Mombasa was already assessed in "
        "the baseline round on 2024-11-12 against JDP governance and service-delivery assessment 2024.1: a county is "
        "assessed once in a round. Fix: give a new assessment the next round (e.g. follow-up 1); to correct this "
        "round's scores, give them its date and framework version."]


def test_a_loaded_round_replaces_the_demonstrations_and_never_clashes_with_it(warehouse, csv_bytes, scalar):
    load(warehouse, csv_bytes(SCORES, f"Kwale,baseline,2024-11-12,{JDP},PFM2,1,CoB report,Team A,"),
         "assessment_scores")
    assert scalar(warehouse, "SELECT score || ' ' || assessor FROM fact_assessment_score WHERE county_code = '002' "
                             "AND round = 'baseline' AND indicator_code = 'PFM2'") == "1 Team A"


def test_a_score_off_the_scale_is_refused_in_the_load_too(warehouse, csv_bytes, monkeypatch):
    """Checked before the framework changed (here: the check skipped), the rule still runs in the load."""
    monkeypatch.setattr(loader, "_rules_before_load", lambda *args: [])
    preview = loader.prepare(csv_bytes(SCORES, f"Mombasa,baseline,2024-11-12,{JDP},PFM2,7,CoB report,Team A,"),
                             "scores.csv", "assessment_scores", warehouse)
    before = sha(warehouse)
    with pytest.raises(loader.RuleError) as caught:
        loader.load(preview, warehouse, SOURCE, "piu")
    assert sha(warehouse) == before
    assert [str(p) for p in caught.value.problems] == [
        "scores.csv, row 2, column 'score', value '7': PFM2 is scored in whole points from 0 to 2; '7' is not on its "
        "scale. Fix: write a whole number from 0 to 2 (0: below 50 %; 1: 50 % to 74 %; 2: 75 % or more)."]


def test_framework_rows_whose_scale_is_not_described_are_refused(warehouse, csv_bytes):
    data = csv_bytes(FRAMEWORK, "County assessment,2026.1,Planning,P1,Plan,Is there a plan?,points,,"
                                "0: none; 1: drafted,1,The plan,no,,,",
                     "County assessment,2026.1,Planning,P2,Report,Is there a report?,points,2,0: none; 1: drafted,1,"
                     "The report,no,,,",
                     "County assessment,2026.1,Planning,P3,Act,Is there an act?,pass/fail,1,pass: yes; fail: no,1,"
                     "The act,yes,,,")
    assert refused(warehouse, data, "assessment_framework") == [
        "assessment_framework.csv, row 2, column 'max_points', value 'scale=points': A points scale has no "
        "max_points. Fix: Give the highest score in max_points (1 to 10).",
        "assessment_framework.csv, row 3, column 'levels', value 'levels=0: none; 1: drafted, scale=points': The "
        "levels do not describe each level of the scale (pass and fail, or every score from 0 to max_points). Fix: "
        "Write each level as 'level: description' separated by ';', e.g. 'pass: adopted by the assembly; fail: not "
        "adopted' or '0: none; 1: drafted; 2: adopted'.",
        "assessment_framework.csv, row 4, column 'max_points', value 'max_points=1, scale=pass/fail': Max_points is "
        "given for a pass/fail indicator. Fix: Leave max_points empty for pass/fail, or set the scale to points."]


def test_a_framework_row_that_would_put_scores_off_their_scale_is_refused(warehouse, csv_bytes):
    load(warehouse, csv_bytes(SCORES, f"Mombasa,baseline,2024-11-12,{JDP},PFM2,2,CoB report,Team A,"),
         "assessment_scores")
    narrower = csv_bytes(FRAMEWORK, f"{JDP},Public financial management,PFM2,Development budget absorbed,"
                                    "What share was spent?,pass/fail,,pass: 75 % or more; fail: less,2,CoB report,no,,"
                                    "budget,")
    assert "Mombasa's baseline score '2' of PFM2 would be off this scale: a version that has scores keeps its " \
           "scales. Fix: load the changed indicator as a new version (e.g. 2024.1.1), or keep its scale." in " ".join(
               refused(warehouse, narrower, "assessment_framework"))


def area_scores(warehouse: Path, county: str) -> dict:
    rows = Warehouse(warehouse).query("assessment_scores", county_code=county)
    found = metrics.area_scores(rows)
    return {(r.round, r.area): r.score_pct for r in found.itertuples()}


def test_a_second_framework_version_loads_beside_the_first_without_changing_the_baselines_scores(
        warehouse, csv_bytes, scalar):
    load(warehouse, csv_bytes(SCORES, f"Mombasa,baseline,2024-11-12,{JDP},PFM2,1,CoB report,Team A,",
                              f"Mombasa,baseline,2024-11-12,{JDP},PFM3,2,Treasury returns,Team A,"),
         "assessment_scores")
    baseline = area_scores(warehouse, "001")
    assert baseline == {("baseline", "Public financial management"): 100 * (2 * 0.5 + 1 * 1.0) / 3}
    version_2 = "JDP governance and service-delivery assessment,2025.1,Public financial management"
    load(warehouse, csv_bytes(FRAMEWORK, f"{version_2},PFM2,Development budget absorbed,What share was spent?,"
                                         "points,3,0: below 50 %; 1: 50-74 %; 2: 75-89 %; 3: 90 % or more,1,CoB report,"
                                         "no,,budget,",
                              f"{version_2},PFM3,Own-source revenue against target,How much was collected?,points,2,"
                              "0: below 75 %; 1: 75-89 %; 2: 90 % or more,4,Treasury returns,no,,,"),
         "assessment_framework")
    load(warehouse, csv_bytes(SCORES, "Mombasa,follow-up 1,2025-10-20,JDP governance and service-delivery "
                                      "assessment,2025.1,PFM2,3,CoB report,Team A,",
                              "Mombasa,follow-up 1,2025-10-20,JDP governance and service-delivery assessment,2025.1,"
                              "PFM3,1,Treasury returns,Team A,"),
         "assessment_scores")
    assert scalar(warehouse, "SELECT count(DISTINCT version) FROM dim_assessment_indicator") == 2
    after = area_scores(warehouse, "001")
    assert after[("baseline", "Public financial management")] == baseline[("baseline", "Public financial management")]
    assert after[("follow-up 1", "Public financial management")] == 100 * (1 * 1.0 + 4 * 0.5) / 5



def test_a_maximum_beyond_ten_points_is_refused_without_listing_its_levels(warehouse, csv_bytes):
    data = csv_bytes(FRAMEWORK, "County assessment,2026.1,Planning,P1,Plan,Is there a plan?,points,1e9,"
                                "0: none; 1: drafted,1,The plan,no,,,")
    assert refused(warehouse, data, "assessment_framework") == [
        "assessment_framework.csv, row 2, column 'max_points', value '1e9': the value is above 10. Fix: enter a "
        "value of 10 or less."]
