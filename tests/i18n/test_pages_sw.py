"""Every page in Kiswahili: nothing a user reads skips the catalog.

Two checks per page. Statically, the page's source passes no literal text to a Streamlit call without `_()`.
At run time, the page is opened in AppTest with `?lang=sw` while every translation is wrapped in ⟦ ⟧ marks; any
heading, caption, sentence, label, metric, table header or chart text left with English words outside the marks came
from a string that never went through the catalog (names of counties, wards and sources, numbers and units may stand
outside). A second run with the real catalog checks that no heading is English.
"""

from __future__ import annotations

import ast
import json
import re

import pytest
import streamlit as st

from jdp_analytics.common import i18n
from jdp_analytics.warehouse.paths import ROOT

PAGES = sorted(p.stem for p in (ROOT / "pages").glob("*.py"))
# Pages whose text is not all in the catalog yet (issue 17 in progress): remove a page when it passes.
NOT_YET: set[str] = set()
KWALE = "002"

# Streamlit calls whose first argument (and label/help/caption keywords) a user reads.
SHOWN = {"title", "header", "subheader", "caption", "markdown", "write", "info", "warning", "error", "success",
         "metric", "expander", "tabs", "selectbox", "radio", "checkbox", "toggle", "button", "download_button",
         "file_uploader", "text_input", "number_input", "multiselect", "slider", "segmented_control", "pills",
         "popover", "page_link", "text", "toast", "spinner", "select_slider", "date_input", "text_area", "link_button",
         "form_submit_button", "Page"}
SHOWN_KEYWORDS = {"label", "help", "caption", "title", "placeholder", "body"}


def _pending(page: str):
    marks = [pytest.mark.xfail(reason="issue 17: page not translated yet", strict=False)] if page in NOT_YET else []
    return pytest.param(page, marks=marks, id=page)


def _name(node: ast.AST) -> str:
    return node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")


def _literal_text(node: ast.AST) -> str:
    """The English a node would show as it stands: a string constant, an f-string's literal parts, a list of them."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return " ".join(_literal_text(v) for v in node.values)
    if isinstance(node, ast.List | ast.Tuple):
        return " ".join(_literal_text(v) for v in node.elts)
    if isinstance(node, ast.BinOp):
        return _literal_text(node.left) + " " + _literal_text(node.right)
    return ""


def _has_words(text: str) -> bool:
    return any(c.isalpha() for c in re.sub(r":material/\w+:", "", text))  # an icon is not text


def test_pages_show_no_literal_text_that_skips_the_catalog():
    # One test over app.py and every page, naming every literal in any of them (a file is parsed in milliseconds).
    bad = []
    for page in ["app", *(p for p in PAGES if p not in NOT_YET)]:
        path = ROOT / ("app.py" if page == "app" else f"pages/{page}.py")
        bad += _literals_shown(path)
    assert not bad, "wrap what users read in _(): " + "; ".join(bad)


def _literals_shown(path) -> list[str]:
    """Every literal text of a file passed to a Streamlit call a user reads, as 'file:line text'."""
    tree = ast.parse(path.read_text(), str(path))
    bad = []
    for call in ast.walk(tree):
        if not (isinstance(call, ast.Call) and _name(call) in SHOWN):
            continue
        shown = call.args[:1] + [k.value for k in call.keywords if k.arg in SHOWN_KEYWORDS]
        if _name(call) in ("Page", "page_link"):  # their first argument is a file, not text
            shown = [k.value for k in call.keywords if k.arg in ("title", "label")]
        bad += [f"{path.name}:{call.lineno} {_literal_text(node)[:60]!r}" for node in shown
                if _has_words(_literal_text(node))]
    return bad


class Marked:
    """The Kiswahili catalog with every translation wrapped in ⟦ ⟧, to see what reaches a page without it."""

    def __init__(self, real):
        self.real = real

    def gettext(self, message):
        return f"⟦{self.real.gettext(message)}⟧"

    def ngettext(self, singular, plural, n):
        return f"⟦{self.real.ngettext(singular, plural, n)}⟧"

    def pgettext(self, context, message):
        return f"⟦{self.real.pgettext(context, message)}⟧"


MARKS = re.compile(r"⟦[^⟦⟧]*⟧")
ALLOWED = re.compile(r"%\{[^}]*\}|<[^>]+>|https?://\S+|\S+@\S+|\b\w+\.(?:csv|xlsx|pdf|pptx|geojson|gpkg|zip)\b"
                     r"|:material/\w+:|:[a-z]+-badge\[|\b[a-z0-9]+(?:_[a-z0-9]+)+\b|`[^`]+`|\]\(/[^)\s]*\)")
# icons, badges, snake_case, `code` and the app's own link targets ([…](/oversight?county=…)) are not words
WORD = re.compile(r"[^\W\d_]+")
UNITS = {"km", "kes", "sdg", "sdgs", "pp", "bn", "id", "png", "csv", "xlsx", "pdf", "pptx", "geojson", "gpkg", "pefa",
         "osr", "adp", "cidp", "cbirr"}


def _english_left(text: str, names: set[str]) -> list[str]:
    """The lowercase words of `text` outside ⟦ ⟧ marks (capitalised words are names; short ones are units)."""
    while MARKS.search(text):
        text = MARKS.sub(" ", text)
    text = ALLOWED.sub(" ", text)
    for name in names:
        text = text.replace(name, " ").replace(name.lower().replace(" ", "-"), " ")
    return [w for w in WORD.findall(text) if w[0].islower() and len(w) > 2 and w.lower() not in UNITS]


def _chart_texts(spec: dict) -> list[str]:
    layout = spec.get("layout", {})
    texts = []
    for key in ("title", "xaxis", "yaxis", "legend", "coloraxis"):
        part = layout.get(key) or {}
        title = part.get("title", part) if key != "title" else part
        texts += [title.get("text", "")] if isinstance(title, dict) else [title] if isinstance(title, str) else []
        if key == "title":
            texts.append((part.get("subtitle") or {}).get("text", ""))
    texts += [a.get("text", "") for a in layout.get("annotations", [])]
    for trace in spec.get("data", []):
        texts += [trace.get("name") or "", trace.get("hovertemplate") or ""]
    return [t for t in texts if isinstance(t, str)]


def visible_texts(at) -> list[tuple[str, str]]:
    """What a user reads on an AppTest page: (kind, text) of headings, sentences, labels, tables and charts."""
    found = []
    for kind in ("title", "header", "subheader", "caption", "markdown", "info", "warning", "error", "success"):
        found += [(kind, e.value) for e in getattr(at, kind)]
    for m in at.metric:
        found += [("metric", m.label), ("metric", m.value or ""), ("metric", getattr(m, "delta", "") or "")]
    for kind in ("selectbox", "radio", "checkbox", "toggle", "button", "multiselect", "text_input", "number_input",
                 "expander", "tabs"):
        found += [(kind, e.label) for e in getattr(at, kind)]
    for frame in at.dataframe:
        found += [("table header", str(c)) for c in frame.value.columns]
    for chart in at.get("plotly_chart"):
        found += [("chart", t) for t in _chart_texts(json.loads(chart.proto.spec))]
    for button in at.get("download_button"):
        found.append(("download", button.proto.label))
    return [(kind, text) for kind, text in found if text]


@pytest.fixture
def marked_kiswahili(monkeypatch):
    real = i18n.translations("sw")
    monkeypatch.setattr(i18n, "translations", lambda lang: Marked(real) if lang == "sw" else i18n.NullTranslations())
    st.cache_resource.clear()
    st.cache_data.clear()
    yield
    st.cache_resource.clear()
    st.cache_data.clear()


@pytest.mark.parametrize("page", [_pending(p) for p in PAGES])
def test_every_text_on_the_page_comes_through_the_catalog(page, open_app, reference, marked_kiswahili):
    from jdp_analytics.geography.counties import COUNTIES

    at = open_app(f"pages/{page}.py", county=KWALE, fy="2023/24", lang="sw")
    names = set(COUNTIES.values())
    leaks = [(kind, text[:100], words[:5]) for kind, text in visible_texts(at)
             if (words := _english_left(text, names))]
    assert not leaks, f"{len(leaks)} text(s) skip the catalog:\n" + "\n".join(map(str, leaks[:40]))


def test_the_language_switch_is_kept_in_the_url_and_english_is_the_default(open_app, reference):
    at = open_app(county=KWALE, lang="sw")
    assert at.sidebar.selectbox(key="lang").value == "sw"
    assert at.query_params["lang"] == ["sw"] or at.query_params["lang"] == "sw"
    assert "Mpango wa Pamoja wa Ugatuzi" in at.sidebar.markdown[0].value
    at.sidebar.selectbox(key="lang").set_value("en").run()
    assert "lang" not in at.query_params
    assert "Joint Devolution Programme" in at.sidebar.markdown[0].value
    assert open_app(county=KWALE).sidebar.selectbox(key="lang").value == "en"


def test_switching_the_language_keeps_the_county_and_year(open_app, reference):
    at = open_app(county=KWALE, fy="2019/20")
    at.sidebar.selectbox(key="lang").set_value("sw").run()
    at.sidebar.selectbox(key="lang").set_value("en").run()
    assert (at.sidebar.selectbox(key="county").value, at.sidebar.selectbox(key="fy").value) == (KWALE, "2019/20")


def test_switching_the_language_keeps_the_pages_own_choices(open_app, reference):
    at = open_app("pages/reports.py", county=KWALE, fy="2023/24")
    at.sidebar.toggle(key="demo").set_value(True).run()
    at.sidebar.selectbox(key="lang").set_value("sw").run()
    assert at.sidebar.toggle(key="demo").value is True
    assert at.sidebar.toggle(key="demo").label == "Takwimu za mfano"
    assert at.query_params["demo"] == "1"
    assert at.radio(key="report_lang").value == "en"  # the documents' language was chosen before the switch
    explorer = open_app("pages/sdg_explorer.py", county=KWALE, indicator="CEN_WATER_PIPED")
    explorer.sidebar.selectbox(key="lang").set_value("sw").run()
    assert explorer.session_state["sdg_indicator"] == "CEN_WATER_PIPED"
