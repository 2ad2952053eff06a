"""English and Kiswahili: the language a page, a document or a command speaks, and its message catalog.

Every sentence a user reads goes through `_()` as one whole template with named placeholders, so a translator can
reorder it (Kiswahili word order and noun-class agreement differ from English):

    _("{county} spent {share} of its development budget").format(county=name, share=pct(x))

Never an f-string inside `_()`, never a sentence glued from translated fragments. Strings defined at import time (a
module's constants, a table's column descriptions) are marked with `N_()` and translated where they are shown:
`_(LABEL)`. Translations live in the standard gettext catalog `jdp_analytics/locale/sw/LC_MESSAGES/messages.po`,
extracted with Babel (`python -m jdp_analytics translations update`); the glossary of the programme's terms is
`docs/kiswahili-glossary.csv`. The catalog is compiled in memory when first used, so the .po file is the only copy.

The current language is a context variable: Streamlit runs each session's rerun in its own thread, so one user's
Kiswahili never leaks into another's page. The app sets it from the sidebar switch (`?lang=sw`); the CLI and the
tests use `with use("sw"): ...`.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

LANGUAGES = {"en": "English", "sw": "Kiswahili"}  # code → the language's own name, as the switch shows it
LOCALES = {"en": "en_KE", "sw": "sw_KE"}  # CLDR locales for numbers and dates (Babel)
DEFAULT = "en"
LOCALE_DIR = Path(__file__).resolve().parents[1] / "locale"
DOMAIN = "messages"

_current: ContextVar[str] = ContextVar("jdp_language", default=DEFAULT)


def catalog_path(lang: str) -> Path:
    """Return the .po file of a language: locale/<lang>/LC_MESSAGES/messages.po."""
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def normalise(lang: str | None) -> str:
    """Return a supported language code for what a URL or a command line asked ('SW', 'sw_KE' → 'sw')."""
    code = (lang or "").strip().lower().replace("-", "_").split("_")[0]
    return code if code in LANGUAGES else DEFAULT


@cache
def translations(lang: str) -> NullTranslations:
    """Return the compiled catalog of a language (English is the source language: no catalog)."""
    path = catalog_path(lang)
    if lang == DEFAULT or not path.is_file():
        return NullTranslations()
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=LOCALES[lang])
    buffer = io.BytesIO()
    write_mo(buffer, catalog)  # untranslated and fuzzy entries fall back to English
    buffer.seek(0)
    return Translations(fp=buffer, domain=DOMAIN)


def language() -> str:
    """Return the current language code ('en' or 'sw')."""
    return _current.get()


def locale() -> str:
    """Return the current CLDR locale ('en_KE' or 'sw_KE') for Babel's number and date formatting."""
    return LOCALES[_current.get()]


def set_language(lang: str | None) -> str:
    """Make `lang` the current language of this thread's context (a Streamlit rerun); return the code used."""
    code = normalise(lang)
    _current.set(code)
    return code


@contextmanager
def use(lang: str | None) -> Iterator[str]:
    """Speak `lang` inside the block (documents, the CLI, tests), then go back to the language before it."""
    token = _current.set(normalise(lang))
    try:
        yield _current.get()
    finally:
        _current.reset(token)


def _(message: str) -> str:
    """Return the current language's translation of an English message (the message itself when untranslated)."""
    return translations(_current.get()).gettext(message)


gettext = _


def ngettext(singular: str, plural: str, n: int) -> str:
    """Return the translation of a message that depends on a count: ngettext('{n} county', '{n} counties', n)."""
    return translations(_current.get()).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """Return the translation of a message in a context, for one English word with two meanings."""
    return translations(_current.get()).pgettext(context, message)


def N_(message: str) -> str:  # noqa: N802 - the gettext convention Babel's extractor knows
    """Mark a string for translation where it is defined; `_()` translates it where it is shown."""
    return message
