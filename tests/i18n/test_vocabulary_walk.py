"""Every page in Kiswahili with the demonstration on (the fullest page there is: the generated rows use every owned
list) shows no English name from the project's own vocabularies and no term in a form the glossary rejects (issue 35,
item 3). A new page, section or list is walked without being named here: the pages are read from pages/, the
vocabularies from common/vocabulary.py.

A cell, chart category or label that IS an owned English term fails; so does a sentence that holds a longer owned
term (a whole indicator name, say). Names a county loaded are not in the vocabularies, so they pass as loaded."""

from __future__ import annotations

import json
import re

import pytest

from jdp_analytics.common import vocabulary
from jdp_analytics.warehouse.paths import ROOT
from tests.i18n.test_pages_sw import visible_texts
from tests.shown import tables

PAGES = sorted(p.stem for p in (ROOT / "pages").glob("*.py"))
HOMA_BAY = "043"  # a target county with generated rows of every kind
# Forms the glossary replaced (docs/kiswahili-glossary.csv): the warehouse as a storehouse, the executive committee
# and the data dictionary in other words, and the renderings reviewers found awkward (issue 35, item 2).
REJECTED = ("ghala", "kamati tendaji", "kamusi ya takwimu", "Gridi ya vigae",
            "Paka kaunti rangi", "Kifurushi cha maelezo", "lengo la kitarakimu", "almasi:")
QUOTED = re.compile(r"'[^']+'")
LONG = 18  # an owned term this long is looked for inside sentences too (a short one, "Health", only as a whole value)


def _chart_values(spec: dict) -> list[str]:
    """The categories, labels and texts a chart draws (its axes' tick labels come from these)."""
    values = []
    for trace in spec.get("data", []):
        for key in ("x", "y", "labels", "text", "customdata", "ids"):
            part = trace.get(key)
            if isinstance(part, list):
                values += [v for v in part if isinstance(v, str)]
                values += [w for v in part if isinstance(v, list) for w in v if isinstance(w, str)]
    return values


def shown_values(at) -> list[str]:
    """Every string a user reads on the page as a whole value: table cells and chart categories."""
    cells = [v for frame in tables(at) for column in frame.columns for v in frame[column] if isinstance(v, str)]
    charts = [v for chart in at.get("plotly_chart") for v in _chart_values(json.loads(chart.proto.spec))]
    return [*cells, *charts, *(m.value or "" for m in at.metric)]


@pytest.mark.parametrize("page", PAGES)
def test_no_page_in_kiswahili_shows_an_english_name_of_the_projects_own_lists(page, open_app, reference):
    at = open_app(f"pages/{page}.py", county=HOMA_BAY, fy="2023/24", lang="sw", demo="1")
    owned = {english for english, swahili in vocabulary.kiswahili().items()
             if english != swahili and english not in vocabulary.SAME_IN_BOTH}
    long_terms = [english for english in owned if len(english) >= LONG]
    # a value quoted as a file must hold it ('JDP governance and service-delivery assessment') is a code, not a name
    texts = [QUOTED.sub(" ", text) for _kind, text in visible_texts(at)]
    values = [value.strip() for value in shown_values(at)]
    english = sorted({v for v in values if v in owned} | {t for t in long_terms for text in texts if t in text})
    assert english == [], f"{page}: {len(english)} English name(s) of the project's lists in Kiswahili: {english[:20]}"
    rejected = sorted({form for form in REJECTED for text in [*texts, *values] if form.lower() in text.lower()})
    assert rejected == [], f"{page}: forms the glossary rejects: {rejected}"


def _document_texts(document) -> tuple[list[str], list[str]]:
    """(sentences, whole values) of a document's sections: titles, cards, sentences, notes, sources, table cells and
    the categories its charts draw."""
    texts, values = [document.title], []
    for section in document.sections:
        texts += [section.title, *section.sentences, *section.notes, *section.sources]
        texts += [text for card in section.cards for text in (card.label, card.value, card.comparison, card.source)
                  if text]
        for table in section.tables:
            texts.append(table.title)
            values += [str(v) for column in table.frame.columns for v in table.frame[column] if isinstance(v, str)]
            values += [str(c) for c in table.frame.columns]
        values += [v for figure in section.figures for v in _chart_values(figure.to_plotly_json())]
    return texts, values


def _english_names(texts: list[str], values: list[str]) -> list[str]:
    owned = {english for english, swahili in vocabulary.kiswahili().items()
             if english != swahili and english not in vocabulary.SAME_IN_BOTH}
    texts = [QUOTED.sub(" ", t) for t in texts]
    return sorted({v.strip() for v in values if v.strip() in owned}
                  | {t for t in owned if len(t) >= LONG for text in texts if t in text})


def test_the_kiswahili_brief_quarterly_report_and_workbook_show_no_english_name_of_the_projects_own_lists(
        reference_warehouse):
    import io

    import openpyxl

    from jdp_analytics.common import i18n
    from jdp_analytics.documents import make
    from jdp_analytics.documents.sections import ReportData, ReportView, default_period

    data = ReportData(reference_warehouse, include_demo=True)
    view = ReportView(HOMA_BAY, "2023/24", default_period(data), include_demo=True, lang="sw")
    with i18n.use("sw"):
        for kind in ("brief-pdf", "quarterly"):
            texts, values = _document_texts(make.document(kind, data, view))
            assert _english_names(texts, values) == [], kind
            rejected = sorted({form for form in REJECTED for text in [*texts, *values] if form.lower() in text.lower()})
            assert rejected == [], f"{kind}: forms the glossary rejects: {rejected}"
    book = openpyxl.load_workbook(io.BytesIO(make.make("workbook", reference_warehouse, view)))
    cells = [c.value for sheet in book.worksheets for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    assert _english_names(cells, cells) == [], "workbook"


def test_absorption_reads_as_a_rate_on_the_budget_cards_and_in_the_briefs_sentences(open_app, reference,
                                                                                      reference_warehouse):
    # Kwale 2019/20 has published figures: absorption is "kiwango cha matumizi" (a rate), never "matumizi" (spending)
    at = open_app("pages/budget.py", county="002", fy="2019/20", lang="sw")
    cards = {m.label: m.value for m in at.metric}
    assert cards["Kiwango cha matumizi"] == "67.2 %" and cards["Kiwango cha matumizi ya maendeleo"] == "49.6 %"
    assert cards["Matumizi, mwaka wa fedha 2019/20"] == "KES bilioni 8.90"  # spending, in KES

    from jdp_analytics.common import i18n
    from jdp_analytics.documents import make
    from jdp_analytics.documents.sections import ReportData, ReportView

    with i18n.use("sw"):
        brief = make.document("brief-pdf", ReportData(reference_warehouse, include_demo=False),
                              ReportView("002", "2019/20", None, lang="sw"))
    sentences = [s for section in brief.sections for s in section.sentences]
    assert ("Kiwango cha matumizi ya maendeleo katika Kwale: kupanda kutoka 42.6 % katika mwaka wa fedha 2018/19 hadi "
            "49.6 % katika mwaka wa fedha 2019/20") in " ".join(sentences)
    assert not [s for s in sentences if s.startswith("Matumizi ya maendeleo")]
