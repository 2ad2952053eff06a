"""The glossary's terms (docs/kiswahili-glossary.csv) are the Kiswahili every page and document uses: each message of
the catalog that says a glossary term in English says the glossary's Kiswahili (or one of its other forms).

Pages and documents take all their text from the catalog, so a term is pinned here wherever it appears in them. The
messages that say a term otherwise today are listed in DIFFERS, each with why."""

from __future__ import annotations

import csv
import re

from jdp_analytics.common import catalogs, i18n
from jdp_analytics.warehouse.paths import ROOT

GLOSSARY = ROOT / "docs" / "kiswahili-glossary.csv"
PLACEHOLDERS = re.compile(r"\{[^{}]*\}")
NAMES = ("UN Women",)  # an organisation's name holds a term but is not one
# (English term, how the message begins): why its Kiswahili does not hold the glossary's form.
DIFFERS = {
    ("budget", "{county}: {count} county polygon(s), {size} KB for"): "a size budget in KB, not a county budget",
    ("budget", "{county}: {count} ward polygon(s), {size} KB for"): "a size budget in KB, not a county budget",
    ("budget", "Ward boundary sets a county or the PIU uploaded"): "a byte budget, not a county budget",
    ("budget", "The app page that tracks the indicator between rounds"): "a page's path (budget), not a budget",
    ("county assembly", "The 1,450 county assembly wards"): "plural: wadi za mabunge ya kaunti",
    ("fiscal year", "No published budget execution figure for {county} in any"): "'mwaka wowote wa fedha' (any "
                                                                                 "fiscal year)",
    ("revenue target", "How much of its own-source revenue target"): "'lengo lake la mapato' (its revenue target)",
    ("revenue target", "the Controller of Budget publishes every county's own-source"): "'lengo na makusanyo ya "
                                                                                        "mapato' (target and "
                                                                                        "collection of revenue)",
    ("own-source revenue", "No revenue, wage bill or pending bills figures for {name}"): "the message quotes the "
                                                                                         "template's English name",
}


def forms(cell: str) -> list[str]:
    """The forms a glossary cell gives: 'a; b (plural: c)' is a and b (a note in brackets is not a form)."""
    return [f.strip() for f in re.sub(r"\s*\([^)]*\)", "", cell).split(";") if f.strip()]


def glossary_terms() -> list[tuple[str, list[str]]]:
    """Each term of the glossary with its Kiswahili forms: the single terms, not the lists ('on track / at risk') nor
    a word the glossary gives in one sense only ('absorption (rate)', 'source (of a figure)'), which the catalog
    rightly says otherwise in another."""
    with GLOSSARY.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return [(row["term_en"], forms(row["term_sw"]) + forms(row["other_forms_sw"])) for row in rows
            if not re.search(r"[;/(]", row["term_en"])]


def test_every_message_that_says_a_glossary_term_says_it_in_the_glossarys_kiswahili():
    messages = [(m.id, m.string) for m in catalogs.read(i18n.catalog_path("sw")) if isinstance(m.id, str) and m.id]
    found, differ = 0, []
    for english, kiswahili in glossary_terms():
        term = re.compile(rf"\b{re.escape(english)}\b", re.IGNORECASE)
        for message_id, string in messages:
            said = PLACEHOLDERS.sub(" ", message_id)
            for name in NAMES:
                said = said.replace(name, " ")
            if not term.search(said):
                continue
            found += 1
            if any(form.lower() in string.lower() for form in kiswahili):
                continue
            if not any(e == english and message_id.startswith(start) for e, start in DIFFERS):
                differ.append(f"{english} ({' or '.join(kiswahili)}): {message_id[:80]!r} -> {string[:80]!r}")
    assert found > 600  # the glossary's terms are said in some 650 messages: the check reads them
    assert differ == [], (f"{len(differ)} message(s) say a glossary term otherwise; use the glossary's form in "
                          "jdp_analytics/locale/sw/LC_MESSAGES/messages.po, or add the form to the glossary:\n"
                          + "\n".join(differ))


def test_every_listed_difference_is_still_in_the_catalog():
    messages = [m.id for m in catalogs.read(i18n.catalog_path("sw")) if isinstance(m.id, str) and m.id]
    gone = [(english, start) for english, start in DIFFERS if not any(m.startswith(start) for m in messages)]
    assert gone == [], "remove these from DIFFERS: the catalog no longer has them"
