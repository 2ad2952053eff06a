"""The default assessment framework the project ships: "JDP governance and service-delivery assessment", version
2024.1, built into every warehouse as a real reference table (not a demonstration) until a programme loads its own
(upload kind assessment_framework, as another framework or version).

Its structure follows the public model of such an instrument, the Kenya Devolution Support Programme's Annual Capacity
and Performance Assessment (ACPA): minimum conditions a county meets or not, then performance measures by key result
area (public financial management; planning and monitoring and evaluation; human resource management; civic education
and public participation; investment implementation and social and environmental safeguards), as the KDSP Program
Appraisal Document (World Bank, 2015, P149129) and the ACPA Operational Manual (State Department for Devolution)
describe them. To these it adds the Joint Devolution Programme's own outcome areas: county assembly oversight, and
evidence and data (public participation and gender-responsive budgeting sit in the areas above). The questions are
the project's own words; each row names the documents and sections of the law it follows, and the app page that tracks
it between rounds. The texts are marked for translation: pages and documents show them as _(text).
"""

from __future__ import annotations

import pandas as pd

from jdp_analytics.assessment.tables import DIM_ASSESSMENT_INDICATOR, PASS_FAIL, POINTS
from jdp_analytics.common.i18n import N_

FRAMEWORK = "JDP governance and service-delivery assessment"
VERSION = "2024.1"
SOURCE_ID = "jdp_assessment_framework"
SOURCE_ROW = {
    "source_id": SOURCE_ID,
    "publisher": "JDP Analytics (the project's default framework)",
    "title": f"{FRAMEWORK}, version {VERSION}: areas, indicators, scales and weights",
    "url": None,
    "licence": "CC BY 4.0 (JDP Analytics)",
    "as_of": "2024-09-30",
    "is_demo": False,
    "notes": "Structure after the KDSP Annual Capacity and Performance Assessment (World Bank Program Appraisal "
             "Document P149129, 2015; ACPA Operational Manual, State Department for Devolution) and the Joint "
             "Devolution Programme's outcome areas; questions in the project's own words. A programme replaces it by "
             "loading its own framework (upload kind assessment_framework).",
    "file_sha256": None,
}
# The framework's name and its source row in Kiswahili (common/vocabulary.py shows them on `?lang=sw`).
FRAMEWORK_SW = "Tathmini ya JDP ya utawala na utoaji wa huduma"
SOURCE_ROW_SW = {
    FRAMEWORK: FRAMEWORK_SW,
    SOURCE_ROW["publisher"]: "JDP Analytics (mfumo wa msingi wa mradi)",
    SOURCE_ROW["title"]: f"{FRAMEWORK_SW}, toleo {VERSION}: maeneo, viashiria, vipimo na uzito",
}

MINIMUM, PFM, PLANNING, HR, PARTICIPATION, INVESTMENT, OVERSIGHT, EVIDENCE = AREAS = (
    N_("Minimum conditions"), N_("Public financial management"), N_("Planning, monitoring and evaluation"),
    N_("Human resource management"), N_("Civic education and public participation"),
    N_("Investment implementation and safeguards"), N_("County assembly oversight"), N_("Evidence and data"))

KDSP = "KDSP Program Appraisal Document (World Bank, 2015, P149129); ACPA Operational Manual (State Department for " \
       "Devolution)"

# code, area, indicator, question, scale, max_points, levels, weight, evidence required, minimum condition, basis,
# the page that tracks it
INDICATORS = (
    ("MC1", MINIMUM, N_("CIDP and ADP adopted"),
     N_("Has the county assembly adopted the County Integrated Development Plan in force and the Annual Development "
        "Plan for the year assessed?"), PASS_FAIL, None,
     N_("pass: both adopted by the assembly; fail: either not adopted"), 1,
     N_("The CIDP and ADP with the assembly's resolutions (Hansard or order paper)"), True,
     f"County Governments Act 2012 s.108; PFM Act 2012 s.126; {KDSP}", "oversight"),
    ("MC2", MINIMUM, N_("Budget approved by 30 June"),
     N_("Did the county assembly approve the budget estimates for the year by 30 June?"), PASS_FAIL, None,
     N_("pass: approved on or before 30 June; fail: approved later or not at all"), 1,
     N_("The Appropriation Act and the date the assembly approved the estimates"), True,
     f"PFM Act 2012 s.131(1); {KDSP}", "oversight"),
    ("MC3", MINIMUM, N_("Financial statements submitted on time"),
     N_("Did the county executive submit its annual financial statements to the Auditor-General within three "
        "months of the end of the fiscal year?"), PASS_FAIL, None,
     N_("pass: submitted by 30 September; fail: submitted later or not at all"), 1,
     N_("The Auditor-General's acknowledgement of receipt, dated"), True,
     f"PFM Act 2012 s.164(4); {KDSP}", None),
    ("MC4", MINIMUM, N_("Audit opinion not adverse or disclaimed"),
     N_("Was the Auditor-General's latest opinion on the county executive's financial statements neither adverse "
        "nor a disclaimer?"), PASS_FAIL, None,
     N_("pass: unmodified or qualified; fail: adverse or disclaimer"), 1,
     N_("The Auditor-General's report on the county executive for the latest audited year"), True,
     f"Public Audit Act 2015; {KDSP}", "oversight"),
    ("MC5", MINIMUM, N_("Public participation law in place"),
     N_("Does the county have a public participation act or policy that sets out how citizens take part in "
        "planning and budgeting?"), PASS_FAIL, None,
     N_("pass: an act or adopted policy in force; fail: none"), 1,
     N_("The act as gazetted, or the policy with the resolution adopting it"), True,
     "Constitution of Kenya Art. 196(1)(b); County Governments Act 2012 s.87–92 and s.115", "participation"),
    ("PFM1", PFM, N_("Development share of the budget"),
     N_("Does the approved budget allocate at least 30 % to development expenditure?"), POINTS, 1,
     N_("0: below 30 %; 1: 30 % or more"), 1,
     N_("The approved budget estimates, development and recurrent totals"), False,
     "PFM Act 2012 s.107(2)(b)", "budget_composition"),
    ("PFM2", PFM, N_("Development budget absorbed"),
     N_("What share of the approved development budget did the county spend in the year?"), POINTS, 2,
     N_("0: below 50 %; 1: 50 % to 74 %; 2: 75 % or more"), 2,
     N_("The Controller of Budget's county budget implementation review report for the year"), False,
     "Controller of Budget, County Governments Budget Implementation Review Reports", "budget"),
    ("PFM3", PFM, N_("Own-source revenue against target"),
     N_("How much of its own-source revenue target did the county collect?"), POINTS, 2,
     N_("0: below 75 %; 1: 75 % to 89 %; 2: 90 % or more"), 1,
     N_("The revenue target in the budget and the collections the county treasury reported"), False,
     "Controller of Budget, County Governments Budget Implementation Review Reports", "budget_composition"),
    ("PFM4", PFM, N_("Budget documents published"),
     N_("How many of the key budget documents of the year did the county publish on its website on time?"), POINTS,
     2, N_("0: fewer than four; 1: four to six; 2: seven or more"), 1,
     N_("The county website's pages, dated, for each document"), False,
     "PFM Act 2012 s.117 and s.129; County Budget Transparency Survey (IBP Kenya)", "budget"),
    ("PFM5", PFM, N_("Pending bills contained"),
     N_("Did the stock of pending bills fall, or stay level, over the year?"), POINTS, 1,
     N_("0: the stock grew; 1: the stock fell or stayed level"), 1,
     N_("The pending bills register at the start and the end of the year"), False,
     "Controller of Budget reports", "budget_composition"),
    ("PFM6", PFM, N_("Gender-responsive budgeting"),
     N_("Does the budget process show what allocations do for women and men, girls and boys?"), POINTS, 2,
     N_("0: not at all; 1: the budget circular asks for a gender analysis; 2: the budget statement reports "
        "allocations by their effect on women and men"), 1,
     N_("The budget circular and the budget statement"), False,
     "Constitution of Kenya Art. 27; the programme's outcome on gender-responsive budgeting", "progress"),
    ("PME1", PLANNING, N_("Monitoring and evaluation unit and framework"),
     N_("Does the county have a monitoring and evaluation framework for its CIDP and a unit that runs it?"),
     POINTS, 2, N_("0: neither; 1: a framework drafted or a unit without staff; 2: a framework adopted and a staffed "
                   "unit"), 1,
     N_("The framework, the unit's establishment and its staff list"), False,
     f"County Governments Act 2012 s.108; County Integrated Monitoring and Evaluation System guidelines; {KDSP}",
     "progress"),
    ("PME2", PLANNING, N_("Annual progress report on the CIDP"),
     N_("Did the county prepare and publish a progress report on the CIDP for the last year?"), POINTS, 2,
     N_("0: none; 1: prepared, not published; 2: published and tabled in the assembly"), 1,
     N_("The report and its address, the order paper that tabled it"), False, KDSP, "progress"),
    ("HR1", HR, N_("Wage bill within the ceiling"),
     N_("Was the county's wage bill at most 35 % of its total revenue?"), POINTS, 1,
     N_("0: above 35 %; 1: 35 % or less"), 1,
     N_("The wage bill and total revenue in the county's financial statements"), False,
     "PFM (County Governments) Regulations 2015, reg. 25(1)(b)", "budget_composition"),
    ("HR2", HR, N_("Staff establishment and payroll"),
     N_("Is the staff establishment approved, and is the payroll reconciled with it?"), POINTS, 2,
     N_("0: no approved establishment; 1: approved, payroll not reconciled; 2: approved and the payroll reconciled "
        "with it"), 1,
     N_("The approved establishment, the County Public Service Board's minutes, the payroll reconciliation"), False,
     f"County Governments Act 2012 s.59; {KDSP}", None),
    ("PP1", PARTICIPATION, N_("Civic education"),
     N_("Did the county run civic education on devolution and the budget in the year, with a unit responsible?"),
     POINTS, 2, N_("0: none; 1: some sessions without a plan or unit; 2: a planned programme run by a civic "
                   "education unit"), 1,
     N_("The civic education plan, the unit's establishment and records of sessions"), False,
     f"County Governments Act 2012 s.98–100; {KDSP}", "participation"),
    ("PP2", PARTICIPATION, N_("Public participation in the budget"),
     N_("Were forums held on the CFSP and the budget estimates in every ward, with the documents shared in "
        "advance?"), POINTS, 2,
     N_("0: no forums; 1: forums held, documents not shared in advance or not in every ward; 2: forums in every "
        "ward with documents shared in advance"), 2,
     N_("Notices of the forums, attendance lists and the documents as shared"), False,
     "PFM Act 2012 s.207; County Governments Act 2012 s.87–92 and s.115", "participation"),
    ("PP3", PARTICIPATION, N_("Women, youth and persons with disabilities take part"),
     N_("Did women make up at least a third of forum participants, with youth and persons with disabilities "
        "counted?"), POINTS, 2,
     N_("0: women fewer than a third; 1: women a third or more; 2: women a third or more, and youth and persons "
        "with disabilities counted"), 1,
     N_("Attendance lists by sex, age and disability"), False,
     "Constitution of Kenya Art. 27 and Art. 196(1)(b); County Governments Act 2012 s.87", "participation"),
    ("PP4", PARTICIPATION, N_("Feedback on citizens' proposals"),
     N_("Did the county report back on what became of the proposals citizens made?"), POINTS, 2,
     N_("0: no feedback; 1: feedback on some proposals; 2: a published report on every proposal's decision"), 1,
     N_("The feedback report, and the proposals' register"), False,
     "County Governments Act 2012 s.87 and s.115", "proposals"),
    ("PP5", PARTICIPATION, N_("Access to information"),
     N_("Can citizens find the county's plans, budgets and reports on its website and at its offices?"), POINTS, 2,
     N_("0: not available; 1: some documents; 2: plans, budgets and reports of the year available"), 1,
     N_("The website's pages and the offices' notice boards"), False,
     "Constitution of Kenya Art. 35; County Governments Act 2012 s.96", "accountability"),
    ("INV1", INVESTMENT, N_("Projects completed as planned"),
     N_("What share of the ADP's projects due in the year were completed?"), POINTS, 2,
     N_("0: below half; 1: half to four in five; 2: four in five or more"), 2,
     N_("The ADP's project list and the completion certificates"), False, KDSP, "proposals"),
    ("INV2", INVESTMENT, N_("Environmental and social screening"),
     N_("Were the year's investment projects screened for environmental and social effects before work began?"),
     POINTS, 2, N_("0: none screened; 1: some screened; 2: all screened, with the licences required"), 1,
     N_("Screening forms and NEMA licences for each project"), False,
     f"Environmental Management and Co-ordination Act 1999 s.58; {KDSP}", None),
    ("INV3", INVESTMENT, N_("Complaints handled"),
     N_("Does the county run a complaints mechanism for its projects, and are complaints answered?"), POINTS, 2,
     N_("0: no mechanism; 1: a mechanism, complaints not tracked; 2: complaints recorded and answered"), 1,
     N_("The complaints register and the answers given"), False, KDSP, "accountability"),
    ("OV1", OVERSIGHT, N_("Budget calendar kept"),
     N_("How many of the year's budget calendar milestones were late against the PFM Act?"), POINTS, 2,
     N_("0: three or more late; 1: one or two late; 2: none late"), 1,
     N_("The assembly's records of each milestone (order papers, Hansard)"), False,
     "PFM Act 2012 s.117, s.129, s.131 and s.133", "oversight"),
    ("OV2", OVERSIGHT, N_("Audit recommendations followed up"),
     N_("What share of the Auditor-General's recommendations of the last report were done?"), POINTS, 2,
     N_("0: below 30 %; 1: 30 % to 59 %; 2: 60 % or more"), 2,
     N_("The Public Accounts Committee's report and the executive's replies"), False,
     "Public Audit Act 2015; County Governments Act 2012 s.8", "oversight"),
    ("OV3", OVERSIGHT, N_("Assembly's report on the estimates"),
     N_("Did the assembly's budget committee table a report on the estimates, with the public's views in it?"),
     POINTS, 2, N_("0: no report; 1: a report without the public's views; 2: a report that records the public's "
                   "views"), 1,
     N_("The committee's report as tabled"), False, "PFM Act 2012 s.131; County Governments Act 2012 s.8", "oversight"),
    ("ED1", EVIDENCE, N_("Health facilities report complete data"),
     N_("What share of the county's health facilities reported complete monthly data to KHIS?"), POINTS, 2,
     N_("0: below 70 %; 1: 70 % to 89 %; 2: 90 % or more"), 1,
     N_("KHIS reporting-rate tables for the year"), False, "the programme's outcome on evidence and data",
     "sdg_scorecard"),
    ("ED2", EVIDENCE, N_("County statistics published"),
     N_("Did the county publish a statistical abstract or data on its SDG indicators in the last two years?"),
     POINTS, 2, N_("0: none; 1: some tables; 2: an abstract or indicator report with sources"), 1,
     N_("The abstract or report, and its address"), False, "the programme's outcome on evidence and data",
     "sdg_gaps"),
)


def rows() -> pd.DataFrame:
    """Return the default framework as rows of dim_assessment_indicator (in English; shown as _(text))."""
    frame = pd.DataFrame([
        {"framework": FRAMEWORK, "version": VERSION, "area": area, "indicator_code": code, "indicator": indicator,
         "question": question, "scale": scale, "max_points": top, "levels": levels, "weight": float(weight),
         "evidence_required": evidence, "minimum_condition": minimum, "basis": basis, "tracked_on": page,
         "result_indicator": None}
        for code, area, indicator, question, scale, top, levels, weight, evidence, minimum, basis, page in INDICATORS],
        columns=[c for c in DIM_ASSESSMENT_INDICATOR.column_names if c not in ("source_id", "load_id")])
    frame["max_points"] = frame["max_points"].astype("Int64")
    return frame.assign(source_id=SOURCE_ID, load_id=None)


def to_warehouse() -> dict[str, pd.DataFrame]:
    """Return the default framework and its source row."""
    return {"source": pd.DataFrame([SOURCE_ROW]), "dim_assessment_indicator": rows()}
