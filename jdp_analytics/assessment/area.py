"""The assessment area in the warehouse: the governance and service-delivery assessment's framework (the project's
default shipped as a reference table, a programme's own loaded beside it) and the scores of each county and round;
the rules that a score is on its indicator's scale, in the framework version it names, and given once per round."""

from __future__ import annotations

from jdp_analytics.assessment import checks, demo, framework
from jdp_analytics.assessment import tables as assessment
from jdp_analytics.common.i18n import N_
from jdp_analytics.warehouse.area import EVIDENCE, Area, Dataset, Kind


def demonstration(frames) -> dict:
    """A baseline and a first follow-up of the eight target counties, scored against the default framework."""
    return demo.to_warehouse()


AREA = Area(
    "assessment",
    tables=(assessment.DIM_ASSESSMENT_INDICATOR, assessment.FACT_ASSESSMENT_SCORE),
    titles={"dim_assessment_indicator": N_("Assessment framework"),
            "fact_assessment_score": N_("Assessment scores")},
    kinds=(
        Kind("assessment_framework", assessment.DIM_ASSESSMENT_INDICATOR, N_("Assessment framework: areas, "
             "indicators, questions, scales, weights and minimum conditions (one row per indicator of a framework "
             "version)"), replace_existing=True, check=checks.check_framework, template_rows=(
                 {"framework": "County assessment", "version": "2026.1", "area": "Public financial management",
                  "indicator_code": "PFM2", "indicator": "Development budget absorbed",
                  "question": "What share of the approved development budget did the county spend in the year?",
                  "scale": "points", "max_points": "2", "levels": "0: below 50 %; 1: 50 % to 74 %; 2: 75 % or more",
                  "weight": "2", "evidence_required": "The Controller of Budget's review report for the year",
                  "minimum_condition": "no", "basis": "Controller of Budget reports", "tracked_on": "budget",
                  "result_indicator": ""},
                 {"framework": "County assessment", "version": "2026.1", "area": "Minimum conditions",
                  "indicator_code": "MC2", "indicator": "Budget approved by 30 June",
                  "question": "Did the county assembly approve the budget estimates by 30 June?",
                  "scale": "pass/fail", "max_points": "",
                  "levels": "pass: approved on or before 30 June; fail: approved later or not at all",
                  "weight": "1", "evidence_required": "The Appropriation Act", "minimum_condition": "yes",
                  "basis": "PFM Act 2012 s.131(1)", "tracked_on": "oversight", "result_indicator": ""})),
        Kind("assessment_scores", assessment.FACT_ASSESSMENT_SCORE, N_("Assessment scores: one row per county, round "
             "and indicator, with the evidence seen and the assessor"), replace_existing=True,
             check=checks.check_scores, template_rows=(
                 {"county": "Kwale", "round": "baseline", "assessed_date": "2024-11-12",
                  "framework": framework.FRAMEWORK, "version": framework.VERSION, "indicator_code": "MC2",
                  "score": "pass", "evidence_seen": "Kwale Appropriation Act 2024, assented 27 June 2024",
                  "assessor": "Assessment team A", "note": ""},
                 {"county": "Kwale", "round": "baseline", "assessed_date": "2024-11-12",
                  "framework": framework.FRAMEWORK, "version": framework.VERSION, "indicator_code": "PFM2",
                  "score": "1", "evidence_seen": "CoB county budget implementation review report FY 2023/24, "
                  "table 3.2", "assessor": "Assessment team A", "note": ""})),
    ),
    rules=checks.RULES,
    reference=framework.to_warehouse,
    demo=demonstration,
    datasets=(
        Dataset("fact_assessment_score", EVIDENCE, N_("the governance and service-delivery assessment's scores"),
                N_("the programme's PIU commissions the assessment and keeps its scores; the assessors record the "
                   "score and the evidence seen per indicator, and the county M&E unit keeps the county's copy."),
                ("assessment_scores", "assessment_framework")),
    ),
)
