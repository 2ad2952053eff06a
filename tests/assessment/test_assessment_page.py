"""The Assessment page as a reader checks it (issue 34): a county's loaded baseline and follow-up with their area
scores, minimum conditions met and change since the baseline, real and unmarked; the demonstration rounds for a target
county and All 47 in English and Kiswahili, marked; with the demonstration off and nothing loaded, what is missing, who
holds it and how to load it; loaded text shown escaped; each indicator's link to the page that tracks it."""

from __future__ import annotations

import json
from datetime import date

import pytest

from jdp_analytics.common import demonstration
from jdp_analytics.warehouse import loader
from tests.shown import table_with

PAGE = "pages/assessment.py"
SOURCE = loader.DeclaredSource("JDP PIU", "Assessors' score sheets", "CC BY 4.0", date(2025, 11, 30))
SCORES = "county,round,assessed_date,framework,version,indicator_code,score,evidence_seen,assessor,note"
JDP = "JDP governance and service-delivery assessment,2024.1"
MOMBASA = (SCORES,
           f"Mombasa,baseline,2024-11-12,{JDP},PFM2,1,CoB review report FY 2023/24,Team A,",
           f"Mombasa,baseline,2024-11-12,{JDP},PFM3,2,Treasury returns,Team A,",
           f"Mombasa,baseline,2024-11-12,{JDP},MC1,pass,CIDP and ADP resolutions,Team A,",
           f"Mombasa,baseline,2024-11-12,{JDP},MC2,fail,Appropriation Act assented 9 July,Team A,",
           f"Mombasa,follow-up 1,2025-10-20,{JDP},PFM2,2,CoB review report FY 2024/25,Team A,",
           f"Mombasa,follow-up 1,2025-10-20,{JDP},PFM3,1,Treasury returns,Team A,",
           f"Mombasa,follow-up 1,2025-10-20,{JDP},MC1,pass,CIDP and ADP resolutions,Team A,",
           f"Mombasa,follow-up 1,2025-10-20,{JDP},MC2,Pass,Appropriation Act assented 27 June,Team A,")


@pytest.fixture
def mombasa(warehouse, csv_bytes, use_warehouse):
    """A copy of the reference warehouse with Mombasa's baseline and follow-up loaded, which the app reads."""
    preview = loader.prepare(csv_bytes(*MOMBASA), "mombasa.csv", "assessment_scores", warehouse)
    loader.load(preview, warehouse, SOURCE, "piu")
    return use_warehouse(warehouse)


def test_a_loaded_county_shows_its_area_scores_conditions_and_change(mombasa, open_app):
    at = open_app(PAGE, county="001", fy="2024/25")
    # PFM: baseline (2 × 1/2 + 1 × 2/2) / 3 = 66.7 %; follow-up 1 (2 × 2/2 + 1 × 1/2) / 3 = 83.3 %
    areas = table_with(at, "Area", "baseline (%)", "follow-up 1 (%)", "Change")
    pfm = areas.set_index("Area").loc["Public financial management"]
    assert (pfm["baseline (%)"], pfm["follow-up 1 (%)"], pfm["Change"]) == ("66.7 %", "83.3 %", "+16.7 pp")
    assert "Figures" not in areas.columns  # loaded scores are real: no demonstration mark
    texts = [m.value for m in at.markdown]
    assert ("Mombasa met 2 of 2 minimum conditions in the follow-up 1 round (assessed 20 Oct 2025)." in texts)
    assert ("Mombasa, since the baseline: Public financial management rose most, +16.7 pp (66.7 % → 83.3 %)."
            in texts)
    conditions = table_with(at, "Minimum condition", "Met", "Evidence seen")
    assert conditions.set_index("Code").loc["MC2", "Evidence seen"] == "Appropriation Act assented 27 June"
    changes = table_with(at, "Code", "Baseline", "Latest", "Change").set_index("Code")
    assert (changes.loc["PFM3", "Baseline"], changes.loc["PFM3", "Latest"]) == ("2 of 2", "1 of 2")
    assert not at.warning  # nothing generated on the page
    assert any(c.value.startswith("Area score = sum(weight × score ÷ maximum) ÷ sum(weight)") for c in at.caption)


def test_each_indicator_links_to_the_page_that_tracks_it(mombasa, open_app):
    at = open_app(PAGE, county="001", fy="2024/25")
    links = next(m.value for m in at.markdown if m.value.startswith("- **"))
    assert "- **OV2** Audit recommendations followed up: [Oversight](/oversight?county=001&fy=2024/25)" in links
    assert "- **PFM2** Development budget absorbed: [Budget execution](/budget?county=001&fy=2024/25)" in links


@pytest.mark.parametrize("lang", ["en", "sw"])
@pytest.mark.parametrize("county", ["all", "043"])
def test_the_demonstration_shows_for_all_47_and_a_target_county(open_app, reference, county, lang):
    at = open_app(PAGE, county=county, fy="2024/25", lang=lang, demo="1")
    charts = at.get("plotly_chart")
    # All 47: the counties side by side, in its own section and opening the first; a county: its areas and change
    assert len(charts) == (2 if county == "all" else 3)
    for chart in charts:
        assert [i for i in json.loads(chart.proto.spec)["layout"].get("images", [])
                if i.get("name") == demonstration.WATERMARK_NAME]
    side = next(t.value for t in at.table if len(t.value) == 8)  # the eight target counties, one row each
    assert len(side.columns) == 1 + 3 + 7 + 1  # the mark, county, round, date, seven areas, minimum conditions
    counted = {"en": "8 of 47 counties have an assessment round; 39 have none.",
               "sw": "Kaunti 8 kati ya 47 zina awamu ya tathmini; 39 hazina."}[lang]
    assert any(m.value.startswith(counted) for m in at.markdown)
    assert at.warning  # the page says its rounds are generated


def test_a_target_countys_demonstration_is_marked_and_says_its_evidence_is_generated(open_app, reference):
    at = open_app(PAGE, county="043", fy="2024/25", demo="1")
    weakest = table_with(at, "Indicator", "Evidence seen", "Assessor")
    assert set(weakest["Figures"]) == {"Demonstration"} and len(weakest) == 10
    assert weakest["Evidence seen"].str.startswith("Demonstration: generated evidence for").all()
    assert any(m.value.startswith("Demonstration: Homa Bay met") for m in at.markdown)


def test_with_the_demonstration_off_the_page_says_what_is_missing_and_who_holds_it(open_app, reference):
    at = open_app(PAGE, county="043", fy="2024/25")
    texts = " ".join([*(m.value for m in at.markdown), *(c.value for c in at.caption), *(i.value for i in at.info)])
    assert "Demonstration" not in texts and not at.get("plotly_chart")
    assert "No real figures yet for Homa Bay, FY 2024/25." in texts
    assert "the programme's PIU commissions the assessment and keeps its scores" in texts
    assert [b for b in at.get("download_button") if "front_door_assessment_scores" in b.proto.id]  # the template
    assert [b.key for b in at.button if b.key and b.key.endswith("_demo")]  # the button that turns it on
    framework = table_with(at, "Code", "Question", "Levels", "Weight")  # the default framework is real: shown
    assert len(framework) == 28 and "Figures" not in framework.columns


def test_loaded_framework_text_is_shown_escaped(warehouse, csv_bytes, use_warehouse, open_app):
    hostile = "[x](javascript:alert(1))"
    framework = ("framework,version,area,indicator_code,indicator,question,scale,max_points,levels,weight,"
                 "evidence_required,minimum_condition,basis,tracked_on,result_indicator",
                 f"Own,1,Planning,P1,{hostile},Is there a plan?,pass/fail,,pass: yes; fail: no,1,The plan,no,,"
                 "oversight,")
    loader.load(loader.prepare(csv_bytes(*framework), "f.csv", "assessment_framework", warehouse), warehouse, SOURCE,
                "piu")
    loader.load(loader.prepare(csv_bytes(SCORES, "Mombasa,baseline,2024-11-12,Own,1,P1,pass,The plan,Team A,"),
                               "s.csv", "assessment_scores", warehouse), warehouse, SOURCE, "piu")
    use_warehouse(warehouse)
    at = open_app(PAGE, county="001", fy="2024/25")
    links = next(m.value for m in at.markdown if m.value.startswith("- **"))
    assert links == "- **P1** \\[x\\](javascript:\u2060alert(1)): [Oversight](/oversight?county=001&fy=2024/25)"
