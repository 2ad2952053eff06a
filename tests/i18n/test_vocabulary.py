"""The project's own vocabularies in Kiswahili: every owned term has its Kiswahili form where its list is defined, a
page in Kiswahili shows it, and a name a county loaded passes through as the county gave it."""

from __future__ import annotations

import io
from datetime import date

import pandas as pd
import pytest
from openpyxl import load_workbook

from jdp_analytics.budget import demo as budget_demo
from jdp_analytics.budget import demo_items, line_items
from jdp_analytics.common import i18n, vocabulary
from jdp_analytics.documents import make
from jdp_analytics.documents.sections import ReportView
from jdp_analytics.proposals import tables as proposals_tables
from jdp_analytics.results import demo as results_demo
from jdp_analytics.warehouse import loader
from tests.shown import readable

KWALE = "002"
STUNTING = "Prevalence of stunting (height for age <-2 standard deviation from the median of the WHO Child Growth " \
           "Standards) among children under 5 years of age"
STUNTING_SW = "Kiwango cha udumavu (urefu kwa umri chini ya mkengeuko sanifu -2 kutoka wastani wa kati wa Viwango " \
              "vya Ukuaji wa Watoto vya WHO) miongoni mwa watoto walio chini ya umri wa miaka 5"
KDHS_STUNTING_SW = "Watoto wenye udumavu (urefu kwa umri chini ya -2 SD)"


def table_rows(at) -> list[pd.DataFrame]:
    """Every table of a page as shown, its index a column again."""
    return [(frame.value.reset_index() if frame.value.index.name else frame.value).map(readable)
            for frame in [*at.dataframe, *at.table]]


def column_values(at, column: str) -> set[str]:
    return {str(v) for data in table_rows(at) if column in data.columns for v in data[column]}


@pytest.mark.parametrize("name", list(vocabulary.vocabularies()))
def test_every_owned_term_has_a_kiswahili_form_that_differs_from_the_english(name):
    entries = vocabulary.vocabularies()[name]
    assert entries, f"{name}: empty list"
    bad = {english: swahili for english, swahili in entries.items()
           if not swahili.strip() or (swahili == english and english not in vocabulary.SAME_IN_BOTH)}
    assert not bad, f"{name}: no Kiswahili form, or the English again: {bad}"


def test_one_english_term_has_one_kiswahili_form_across_the_lists():
    assert len(vocabulary.kiswahili()) == len({e for entries in vocabulary.vocabularies().values() for e in entries})


def test_the_sdg_catalogue_lists_39_indicator_names_one_unit_and_7_populations():
    counts = {name: len(entries) for name, entries in vocabulary.vocabularies().items()}
    assert {k: v for k, v in counts.items() if k.startswith("SDG catalogue")} == {
        "SDG catalogue: UN global indicator names": 20, "SDG catalogue: KDHS 2022 indicator names": 11,
        "SDG catalogue: census 2019 indicator names": 8, "SDG catalogue: units": 1, "SDG catalogue: populations": 7}


def test_every_name_unit_and_population_of_the_built_catalogue_is_in_the_vocabulary(reference_warehouse, query):
    rows = query(reference_warehouse, "SELECT indicator_name, unit, population FROM dim_indicator")
    assert len(rows) == 39
    missing = {value for row in rows for value in row if value is not None and value not in vocabulary.kiswahili()}
    assert not missing


def test_a_term_is_kiswahili_only_in_kiswahili_and_anything_else_passes_through():
    assert vocabulary.term(STUNTING, "sw") == STUNTING_SW
    assert vocabulary.term(STUNTING, "en") == STUNTING
    with i18n.use("sw"):
        assert vocabulary.term("percent") == "asilimia"
        assert vocabulary.term("Wards that held a budget forum") == "Wards that held a budget forum"
        assert vocabulary.term(None) is None
        frame = pd.DataFrame({"name": ["Delivery in a health facility", "Kwale ward forums"], "value": [1.0, 2.0]})
        assert vocabulary.translate_values(frame, ["name"])["name"].tolist() == [
            "Kujifungua katika kituo cha afya", "Kwale ward forums"]


def test_the_kwale_scorecard_in_kiswahili_names_no_indicator_in_english(reference, open_app):
    at = open_app("pages/sdg_scorecard.py", county=KWALE, lang="sw")
    shown = column_values(at, "Kiashiria")
    assert len(shown) == 39
    english = {name for entries in list(vocabulary.vocabularies().values())[:3] for name in entries}
    assert not shown & english, shown & english
    assert {STUNTING_SW, KDHS_STUNTING_SW} <= shown


def test_the_evidence_gaps_of_kwale_in_kiswahili_name_the_indicators_in_kiswahili(reference, open_app):
    at = open_app("pages/sdg_gaps.py", county=KWALE, lang="sw")
    missing = column_values(at, "Kiashiria")
    assert "Uwiano wa wanawake katika nyadhifa za usimamizi" in missing  # 5.5.2, a gap of every county
    assert "Proportion of women in managerial positions" not in missing


def test_the_explorer_in_kiswahili_names_the_indicator_its_unit_and_population_in_kiswahili(reference, open_app):
    at = open_app("pages/sdg_explorer.py", county=KWALE, lang="sw", indicator="CN_NUTS_C_HA2")
    label = at.selectbox(key="sdg_indicator")
    assert label.format_func(label.value) == KDHS_STUNTING_SW + " · fasili ile ile: 2.2.1"
    assert any("watoto walio chini ya miaka 5" in c.value for c in at.caption)
    cells = {str(v) for data in table_rows(at) for column in data.columns for v in data[column]}
    assert {KDHS_STUNTING_SW, "asilimia", "watoto walio chini ya miaka 5"} <= cells  # the metadata table


def test_an_indicator_a_county_loaded_keeps_its_name_in_kiswahili(warehouse, use_warehouse, open_app):
    path = use_warehouse(warehouse)
    source = loader.DeclaredSource("Kwale County", "Ward forums register", "CC BY 4.0", date(2025, 6, 30))
    catalogue = (b"indicator_code,indicator_name,unit,higher_is_better,sdg_goal,sdg_target,sdg_indicator,"
                 b"sdg_correspondence,code_scheme\n"
                 b"KWL_WARD_FORUMS,Wards that held a budget forum,percent,yes,16,16.7,16.7.2,proxy,county\n")
    loader.load(loader.prepare(catalogue, "catalogue.csv", "indicator_catalogue", path), path, source, "tester")
    values = b"indicator_code,county,period,value\nKWL_WARD_FORUMS,Kwale,2024/25,85.0\n"
    loader.load(loader.prepare(values, "forums.csv", "indicator_observations", path), path, source, "tester")
    at = open_app("pages/sdg_scorecard.py", county=KWALE, lang="sw")
    shown = column_values(at, "Kiashiria")
    assert "Wards that held a budget forum" in shown
    assert STUNTING_SW in shown


def test_progress_in_kiswahili_names_the_framework_indicators_and_means_of_verification_in_kiswahili(reference,
                                                                                                     open_app):
    at = open_app("pages/progress.py", county="043", fy="2023/24", demo="1", lang="sw")
    table = next(data for data in table_rows(at) if "Njia za uthibitisho" in data.columns)
    english = {row[2] for row in results_demo.INDICATORS} | {row[7] for row in results_demo.INDICATORS}
    assert not (set(table["Kiashiria"]) | set(table["Njia za uthibitisho"])) & english
    assert "Sehemu ya wanawake katika mahudhurio ya mikutano ya ushiriki wa umma" in set(table["Kiashiria"])
    assert "Rejista za mahudhurio ya mikutano" in set(table["Njia za uthibitisho"])


def test_the_kiswahili_workbook_names_results_indicators_and_means_of_verification_in_kiswahili(reference_warehouse):
    book = load_workbook(io.BytesIO(make.make("workbook", reference_warehouse,
                                              ReportView("043", "2023/24", "2026Q3", include_demo=True,
                                                         lang="sw"))))
    cells = {str(c.value) for sheet in ("O1", "O3") for row in book[sheet].iter_rows() for c in row if c.value}
    assert {"Maafisa wa mipango na bajeti wa kaunti wamefunzwa kuandaa bajeti ya mipango",
            "Sehemu ya wanawake katika mahudhurio ya mikutano ya ushiriki wa umma",
            "Rejista za mahudhurio ya mikutano", "asilimia"} <= cells
    assert "Forum attendance registers" not in cells


def test_every_sector_and_programme_the_budget_generator_draws_has_its_kiswahili_form():
    programmes = {p for names, _weight in budget_demo.SECTORS.values() for p in names} | {
        p for _sector, p in budget_demo.UNFUNDED}
    assert (len(budget_demo.SECTORS), len(programmes)) == (11, 31)
    assert set(budget_demo.SECTORS) | programmes <= set(vocabulary.kiswahili())


def test_budget_composition_in_kiswahili_names_sectors_and_programmes_in_kiswahili(reference, open_app):
    at = open_app("pages/budget_composition.py", county=KWALE, fy="2023/24", demo="1", lang="sw", sector="Health")
    sectors = column_values(at, "Sekta")
    assert {"Afya", "Bunge la Kaunti", "Maji, mazingira na maliasili"} <= sectors
    assert not sectors & set(budget_demo.SECTORS)
    programmes = column_values(at, "Mpango")
    assert "Huduma za afya za tiba na utengamao" in programmes
    assert "Curative and rehabilitative health" not in programmes
    assert at.selectbox(key="sector").format_func("Health") == "Afya"


def test_proposals_in_kiswahili_give_decisions_sectors_and_the_trail_in_kiswahili(reference, open_app, query):
    decisions_sw = set(proposals_tables.DECISIONS_SW.values())
    at = open_app("pages/proposals.py", county="043", fy="2024/25", demo="1", lang="sw")
    decisions = column_values(at, "Uamuzi")
    assert decisions and decisions <= decisions_sw | {"–"}, decisions
    assert "limekubaliwa kwenye bajeti" in decisions
    assert not column_values(at, "Sekta") & set(budget_demo.SECTORS)
    [(proposal, programme)] = query(reference, """
        select p.proposal_id, p.programme from fact_proposal p join fact_proposal_link l using (proposal_id)
        where p.county_code = '043' and p.fiscal_year = '2024/25' and p.decision = 'adopted into budget'
        order by 1 limit 1""")
    at = open_app("pages/proposals.py", county="043", fy="2024/25", demo="1", lang="sw", proposal=proposal)
    trail = next(md.value for md in at.markdown if "limekubaliwa kwenye bajeti" in md.value)
    assert budget_demo.PROGRAMMES_SW[programme] in trail


def test_accountability_in_kiswahili_names_the_facility_types_in_kiswahili(reference, open_app):
    at = open_app("pages/accountability.py", county=KWALE, fy="2024/25", demo="1", lang="sw")
    types = column_values(at, "Aina ya kituo")
    assert {"Afya", "Maji", "Kilimo"} <= types
    assert not types & {"Health", "Water", "Agriculture"}


def test_programme_finance_in_kiswahili_names_contract_types_and_purposes_in_kiswahili(reference, open_app):
    at = open_app("pages/programme_finance.py", county=KWALE, fy="2023/24", demo="1", lang="sw")
    assert {"ruzuku", "usaidizi wa kiufundi"} <= column_values(at, "Aina")
    assert "Mafunzo ya maafisa wa kaunti ya Kwale" in column_values(at, "Kwa ajili ya")
    assert "Training of county officials in Kwale" not in column_values(at, "Kwa ajili ya")


def test_a_demonstration_source_is_cited_in_kiswahili_and_a_published_one_as_published(reference, open_app):
    at = open_app("pages/progress.py", county="043", fy="2023/24", demo="1", lang="sw")
    captions = " ".join(c.value for c in at.caption)
    assert "JDP Analytics (takwimu za mfano), Mfumo wa matokeo na fedha za mpango vya mfano" in captions
    assert "Demonstration results framework" not in captions
    at = open_app("pages/sdg_explorer.py", county=KWALE, lang="sw", indicator="CEN_INTERNET_USE")
    assert "Kenya National Bureau of Statistics (KNBS), 2019 Kenya Population and Housing Census" in at.caption[0].value
    # a published source is a citation: named as it is published


def test_the_assessment_in_kiswahili_names_its_framework_assessors_and_evidence_in_kiswahili(reference, open_app):
    at = open_app("pages/assessment.py", county=KWALE, fy="2024/25", demo="1", lang="sw")
    assert "Tathmini ya JDP ya utawala na utoaji wa huduma" in at.caption[0].value
    assert column_values(at, "Mtathmini") == {"Watathmini wa mfano (wametengenezwa, si timu halisi)"}
    evidence = column_values(at, "Ushahidi ulioonekana")
    assert evidence and all(text.startswith("Mfano: ushahidi uliotengenezwa wa ") for text in evidence), evidence


def test_the_national_demonstrations_line_items_are_shown_in_kiswahili_with_their_codes_kept():
    votes = pd.DataFrame({"vote": ["Health Services", "Kwale County Treasury"], "approved_kes": [2e9, 1e9],
                          "spent_kes": [1e9, 5e8], "absorption_pct": [50.0, 50.0], "lines": [10, 5],
                          "is_demo": [True, True], "source_title": [demo_items.LINES_TITLE] * 2,
                          "as_of": [pd.Timestamp("2025-06-30")] * 2})
    items = pd.DataFrame({"economic_item": ["2211200 Fuel, oil and lubricants", "9999999 A county's own item"],
                          "approved_kes": [1e8, 2e8], "spent_kes": [5e7, 1e8], "absorption_pct": [50.0, 50.0],
                          "share_pct": [33.3, 66.7]})
    view = line_items.LineItems(votes, pd.DataFrame(), items)
    with i18n.use("sw"):
        shown = line_items.items_table(view, "Kwale", "2023/24").shown
        chart = line_items.votes_chart(votes, "Kwale", "2023/24", view.source())
    assert shown["Kipengele cha kiuchumi"].tolist() == ["2211200 Mafuta ya magari na vilainishi",
                                                        "9999999 A county's own item"]
    assert set(chart.data[0].y) == {"Huduma za Afya", "Kwale County Treasury"}
    with i18n.use("sw"):
        assert view.citation().startswith("Vipengele vya bajeti ya kaunti vya mfano — vimetengenezwa, si halisi")
