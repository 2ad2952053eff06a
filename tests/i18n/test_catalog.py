"""The message catalog is whole: every message marked in the code has a Kiswahili translation with the same
placeholders, messages are whole templates (no f-string or glued fragments inside `_()`), no package module
translates at import time, and no Kiswahili translation is the English copied in."""

import ast
import re
from pathlib import Path

from jdp_analytics.common import catalogs, i18n
from jdp_analytics.warehouse.paths import ROOT

GETTEXT = {"_", "gettext", "ngettext", "pgettext", "N_"}


def _python_files():
    return [p for p in catalogs.sources() if p.is_file()]


def _name(node: ast.AST) -> str:
    return node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")


def _not_a_message(node: ast.AST) -> bool:
    """An f-string, a sum, a formatted string, or a lookup by a literal key (Babel takes the key for the message)."""
    formatted = isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "format"
    keyed = isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant)
    return isinstance(node, ast.JoinedStr | ast.BinOp) or formatted or keyed


def _gettext_calls(tree: ast.AST):
    return [n for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)
            and n.func.id in GETTEXT]


def test_every_marked_message_has_a_kiswahili_translation_with_the_same_placeholders():
    gaps = catalogs.gaps()
    assert not gaps, f"{len(gaps)} message(s) to translate (python -m jdp_analytics translations update, then " \
                     f"fill jdp_analytics/locale/sw/LC_MESSAGES/messages.po):\n" + "\n".join(map(str, gaps[:60]))


def test_the_template_on_disk_is_the_one_the_code_gives():
    on_disk = catalogs.read(catalogs.TEMPLATE)
    extracted = catalogs.extract()
    assert {m.id for m in extracted if m.id} == {m.id for m in on_disk if m.id}, \
        "run `python -m jdp_analytics translations update` and commit locale/"


def _glued_messages(path: Path, tree: ast.AST) -> list[str]:
    """Messages that are not whole templates: an f-string, a sum, a formatted string or a lookup by a literal key."""
    return [f"{path.name}:{call.lineno}" for call in _gettext_calls(tree) if call.args and _not_a_message(call.args[0])]


def _translated_at_import(path: Path, tree: ast.AST) -> list[str]:
    """A module constant translated when imported would stay in the language of the first user: mark it with N_()."""
    if "jdp_analytics" not in path.parts:
        return []
    inside = {id(n) for f in ast.walk(tree) if isinstance(f, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda)
              for n in ast.walk(f)}
    return [f"{path.name}:{c.lineno}" for c in _gettext_calls(tree) if _name(c) != "N_" and id(c) not in inside]


def _underscore_thrown_away(path: Path, tree: ast.AST) -> list[str]:
    """`for _, row in …` or `x, _ = …` in a module that imports `_` would make `_()` fail in that function."""
    imports_gettext = any(isinstance(n, ast.ImportFrom) and any(a.name == "_" for a in n.names) for n in ast.walk(tree))
    stores = [f"{path.name}:{n.lineno}" for n in ast.walk(tree)
              if isinstance(n, ast.Name) and n.id == "_" and isinstance(n.ctx, ast.Store)]
    defines = [f"{path.name}:{n.lineno}" for n in ast.walk(tree)
               if isinstance(n, ast.FunctionDef) and n.name == "_" and "i18n" not in path.name]
    return stores + defines if imports_gettext else []


def _message_in_f_string(path: Path, tree: ast.AST) -> list[str]:
    """Babel's extractor does not read inside f-strings: a `_("…")` there never reaches the catalog."""
    return [f"{path.name}:{call.lineno}" for fstring in ast.walk(tree) if isinstance(fstring, ast.JoinedStr)
            for call in _gettext_calls(fstring) if call.args and isinstance(call.args[0], ast.Constant)]


# Each check with what to do about what it finds. One test reads every file once and names every file that fails.
FILE_CHECKS = {
    _glued_messages: "use _('… {name} …').format(name=…) with the whole sentence as the message, and a plain name "
                     "for a value (Babel would take _(row['key']) for a message 'key')",
    _translated_at_import: "translate where the text is shown, not at import",
    _underscore_thrown_away: "rename the throwaway name",
    _message_in_f_string: "take the message out of the f-string",
}


def test_every_python_file_marks_its_messages_so_the_catalog_and_each_user_get_them():
    problems = []
    for path in _python_files():
        tree = ast.parse(path.read_text(), str(path))
        for check, fix in FILE_CHECKS.items():
            if found := check(path, tree):
                problems.append(f"{path.relative_to(ROOT)}: {fix}: {', '.join(found)}")
    assert problems == [], f"{len(problems)} problem(s):\n" + "\n".join(problems)


def test_the_language_switch_offers_english_and_kiswahili():
    assert i18n.LANGUAGES == {"en": "English", "sw": "Kiswahili"}
    assert i18n.catalog_path("sw").is_file()


# What may stand the same in both languages: placeholders ({name}, plotly's %{x}), markup and tags, addresses, icons and
# badges, `code`, and codes (KES, SDG, PEFA PI-1, KDHS 2022: a word in capitals or with a digit).
SAME_IN_BOTH = re.compile(r"\{[^{}]*\}|%\([^)]*\)[sd]|<[^>]+>|https?://\S+|:material/\w+:|:[a-z]+-badge\[|`[^`]*`"
                          r"|\b[A-Z0-9][A-Z0-9-]*\b")
WORDS = re.compile(r"[^\W\d_]+")
# Messages whose every word is the same in Kiswahili, each with why.
SAME_WORDS = {
    "Kenya": "the country's name: Kenya in Kiswahili too (Katiba ya Kenya)",
}


def english_left_in(message_id: str) -> list[str]:
    """The words of a message that are neither placeholders, markup nor codes: what a translator translates."""
    return WORDS.findall(SAME_IN_BOTH.sub(" ", message_id))


def test_no_kiswahili_translation_is_the_english_copied_in():
    copied = []
    for message in catalogs.read(i18n.catalog_path("sw")):
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        copied += [message_id for message_id, string in zip(ids, strings) if message_id and string == message_id
                   and english_left_in(message_id) and message_id not in SAME_WORDS]
    assert copied == [], (f"{len(copied)} Kiswahili translation(s) are the English word for word; translate them in "
                          "jdp_analytics/locale/sw/LC_MESSAGES/messages.po (or, for a name, add it to SAME_WORDS "
                          "with why):\n" + "\n".join(copied))


def test_a_translation_that_copies_the_english_is_found_and_names_and_codes_are_not():
    assert english_left_in("Budget execution · {name}") == ["Budget", "execution"]
    assert english_left_in("Complaints resolved") == ["Complaints", "resolved"]
    assert english_left_in("{value} %") == english_left_in("KES {amount}") == english_left_in("PEFA PI-1") == []
    assert english_left_in("<b>%{{customdata[0]}}</b><br>{measure}: %{{customdata[1]}}<extra></extra>") == []
    assert english_left_in("{name} (KDHS 2022)") == []

