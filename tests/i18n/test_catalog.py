"""The message catalog is whole: every message marked in the code has a Kiswahili translation with the same
placeholders, messages are whole templates (no f-string or glued fragments inside `_()`), no package module
translates at import time."""

import ast
from pathlib import Path

import pytest

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


@pytest.mark.parametrize("path", _python_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_messages_are_whole_templates_not_f_strings_or_glued_fragments(path: Path):
    tree = ast.parse(path.read_text(), str(path))
    bad = [f"{path.name}:{call.lineno}" for call in _gettext_calls(tree) if call.args and _not_a_message(call.args[0])]
    assert not bad, ("use _('… {name} …').format(name=…) with the whole sentence as the message, and a plain name "
                     "for a value (Babel would take _(row['key']) for a message 'key'): " + ", ".join(bad))


@pytest.mark.parametrize("path", [p for p in _python_files() if "jdp_analytics" in p.parts],
                         ids=lambda p: str(p.relative_to(ROOT)))
def test_no_package_module_translates_at_import_time(path: Path):
    """A module constant translated when imported would stay in the language of the first user: mark it with N_()."""
    tree = ast.parse(path.read_text(), str(path))
    inside = {id(n) for f in ast.walk(tree) if isinstance(f, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda)
              for n in ast.walk(f)}
    bad = [f"{path.name}:{c.lineno}" for c in _gettext_calls(tree) if _name(c) != "N_" and id(c) not in inside]
    assert not bad, "translate where the text is shown, not at import: " + ", ".join(bad)


def test_the_language_switch_offers_english_and_kiswahili():
    assert i18n.LANGUAGES == {"en": "English", "sw": "Kiswahili"}
    assert i18n.catalog_path("sw").is_file()


@pytest.mark.parametrize("path", _python_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_module_that_translates_also_uses_underscore_as_a_throwaway_name(path: Path):
    """`for _, row in …` or `x, _ = …` in a module that imports `_` would make `_()` fail in that function."""
    tree = ast.parse(path.read_text(), str(path))
    imports_gettext = any(isinstance(n, ast.ImportFrom) and any(a.name == "_" for a in n.names) for n in ast.walk(tree))
    stores = [f"{path.name}:{n.lineno}" for n in ast.walk(tree)
              if isinstance(n, ast.Name) and n.id == "_" and isinstance(n.ctx, ast.Store)]
    defines = [f"{path.name}:{n.lineno}" for n in ast.walk(tree)
               if isinstance(n, ast.FunctionDef) and n.name == "_" and "i18n" not in path.name]
    assert not (imports_gettext and (stores or defines)), "rename the throwaway name: " + ", ".join(stores + defines)


@pytest.mark.parametrize("path", _python_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_message_is_written_inside_an_f_string(path: Path):
    """Babel's extractor does not read inside f-strings: a `_("…")` there never reaches the catalog."""
    tree = ast.parse(path.read_text(), str(path))
    hidden = [f"{path.name}:{call.lineno}" for fstring in ast.walk(tree) if isinstance(fstring, ast.JoinedStr)
              for call in _gettext_calls(fstring) if call.args and isinstance(call.args[0], ast.Constant)]
    assert not hidden, "take the message out of the f-string: " + ", ".join(hidden)
