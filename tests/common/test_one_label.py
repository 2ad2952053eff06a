"""One label, one definition: the same words never mean two measures. A headline card's label reads the same
figure on every page and in the brief; measures that count different things have different names, in both
languages; the All 47 selection has one name in every page title."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from jdp_analytics.common import i18n
from jdp_analytics.documents import make
from jdp_analytics.documents.sections import ReportData, ReportView

ROOT = Path(__file__).resolve().parents[2]
CARD_PAGES = ("overview", "budget", "budget_composition", "participation", "accountability", "proposals",
              "sdg_scorecard", "progress", "programme_finance", "assessment")
# Measures that were once shown under one label (Kwale 2023/24: 71.7 % of forums on Participation, 69.8 % of
# proposers on From proposals to budget): each now has its own name, in both languages.
DISTINCT = ("Forums that gave feedback", "Proposers told the decision", "Adopted at forums that gave feedback",
            "Proposers told", "Share of proposers told")


def _open(page: str, county: str, lang: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.query_params.update({"county": county, "fy": "2023/24", "all_sections": "true", "lang": lang, "demo": "1"})
    at.run()
    at.switch_page(f"pages/{page}.py").run()
    assert not at.exception, [e.message for e in at.exception]
    return at


@pytest.mark.parametrize("lang", ["en", "sw"])
def test_a_card_label_reads_the_same_figure_on_every_page_and_in_the_brief(reference, lang):
    seen: dict[str, set[str]] = defaultdict(set)
    where: dict[str, set[str]] = defaultdict(set)
    for page in CARD_PAGES:
        for metric in _open(page, "002", lang).metric:
            seen[metric.label].add(metric.value)
            where[metric.label].add(page)
    with i18n.use(lang):
        view = ReportView("002", "2023/24", "", include_demo=True, lang=lang)
        brief = make.document("brief-pdf", ReportData(reference, include_demo=True), view)
        for section in brief.sections:
            for card in section.cards:
                seen[card.label].add(card.value)
                where[card.label].add("brief")
    doubled = {label: values for label, values in seen.items() if len(values) > 1}
    assert not doubled, {label: (values, where[label]) for label, values in doubled.items()}
    assert len([label for label in seen if len(where[label]) > 1]) >= 4  # the shared cards were compared


def test_measures_that_count_different_things_have_different_names_in_both_languages():
    for lang in ("en", "sw"):
        with i18n.use(lang):
            names = [i18n._(label) for label in DISTINCT]
        assert len(set(names)) == len(names), (lang, names)
        assert "Feedback given" not in names


@pytest.mark.parametrize("page", ["participation", "budget_composition", "progress", "programme_finance",
                                  "proposals", "accountability", "overview", "budget"])
def test_the_all_47_selection_has_one_name_in_every_title(reference, page):
    assert _open(page, "all", "en").title[0].value.endswith(" · All 47 counties")
