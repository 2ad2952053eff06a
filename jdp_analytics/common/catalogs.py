"""Keeping the message catalogs in step with the code: extract with Babel, merge into each .po, list what is missing.

`python -m jdp_analytics translations update` rewrites `locale/messages.pot` from the app, its pages and the
package, and merges it into every language's .po (translations kept, new messages added untranslated, messages no
longer used dropped). `translations check` lists what a translator still has to do; the tests fail on the same list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_file
from babel.messages.pofile import read_po, write_po

from jdp_analytics.common import i18n

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = i18n.LOCALE_DIR / f"{i18n.DOMAIN}.pot"
KEYWORDS = DEFAULT_KEYWORDS  # _, gettext, ngettext, pgettext, N_ ...
COMMENT_TAGS = ("TRANSLATORS:",)  # a comment starting so, on the line before a message, reaches the translator
PROJECT = "JDP Analytics"
HEADER = dict(project=PROJECT, version="1", copyright_holder="JDP Analytics contributors",
              msgid_bugs_address="the project's issue tracker", last_translator="JDP Analytics team",
              language_team="Kiswahili reviewers of the Joint Devolution Programme",
              creation_date=datetime(2026, 12, 2, tzinfo=UTC), revision_date=datetime(2026, 12, 2, tzinfo=UTC),
              fuzzy=False)  # fixed, so that re-extracting changes a catalog only where its messages change


def sources(root: Path = ROOT) -> list[Path]:
    """Return the files whose messages users read: app.py, pages/ and the jdp_analytics package."""
    return [root / "app.py", *sorted((root / "pages").glob("*.py")), *sorted((root / "jdp_analytics").rglob("*.py"))]


def extract(root: Path = ROOT) -> Catalog:
    """Return a catalog of every message marked in the code (without translations)."""
    template = Catalog(charset="utf-8", **HEADER)
    for path in sources(root):
        for lineno, message, comments, context in extract_from_file(
                "python", str(path), keywords=KEYWORDS, comment_tags=COMMENT_TAGS, strip_comment_tags=True):
            template.add(message, None, [(str(path.relative_to(root)), lineno)], auto_comments=comments,
                         context=context)
    return template


def read(path: Path, lang: str | None = None) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=i18n.LOCALES.get(lang) if lang else None)


def write(path: Path, catalog: Catalog) -> None:
    """Write a catalog sorted by message, without source locations (they change with every edit of the code)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        write_po(handle, catalog, width=120, no_location=True, sort_output=True, ignore_obsolete=True)


def update(root: Path = ROOT) -> dict[str, int]:
    """Re-extract the template and merge it into each language's catalog; return messages per language."""
    template = extract(root)
    write(TEMPLATE, template)
    counts = {}
    for lang in i18n.LANGUAGES:
        if lang == i18n.DEFAULT:
            continue
        path = i18n.catalog_path(lang)
        catalog = read(path, lang) if path.is_file() else Catalog(locale=i18n.LOCALES[lang], **HEADER)
        catalog.update(template, no_fuzzy_matching=True)
        for name, value in HEADER.items():
            setattr(catalog, name, value)
        write(path, catalog)
        counts[lang] = len(catalog)
    i18n.translations.cache_clear()
    return counts


@dataclass(frozen=True)
class Gap:
    """A message a language's catalog lacks, or holds without a translation (or only a fuzzy one)."""

    lang: str
    message: str
    where: str
    why: str

    def __str__(self) -> str:
        return f"{self.lang}: {self.where}: {self.why}: {self.message!r}"


def gaps(root: Path = ROOT) -> list[Gap]:
    """Return every marked message that some language cannot show in its own words yet."""
    template = extract(root)
    found = []
    for lang in i18n.LANGUAGES:
        if lang == i18n.DEFAULT:
            continue
        path = i18n.catalog_path(lang)
        catalog = read(path, lang) if path.is_file() else Catalog(locale=i18n.LOCALES[lang])
        for message in template:
            if not message.id:
                continue
            where = ", ".join(f"{file}:{line}" for file, line in message.locations[:2])
            entry = catalog.get(message.id, context=message.context)
            if entry is None:
                found.append(Gap(lang, _text(message.id), where, "not in the catalog"))
            elif entry.fuzzy:
                found.append(Gap(lang, _text(message.id), where, "translation marked fuzzy"))
            elif not all(entry.string) if isinstance(entry.string, tuple) else not entry.string:
                found.append(Gap(lang, _text(message.id), where, "no translation"))
            elif _fields(entry.id) != _fields(entry.string):
                found.append(Gap(lang, _text(message.id), where, "placeholders differ from the English"))
    return found


def _fields(text) -> set[str]:
    """The named placeholders of a message or of all its plural forms: {county}, {share:.1f} → county, share."""
    parts = text if isinstance(text, tuple) else (text,)
    return {name for part in parts for name in PLACEHOLDER.findall(part or "")}


PLACEHOLDER = re.compile(r"(?<!\{)\{(\w*)[^{}]*\}")


def _text(message_id) -> str:
    return message_id[0] if isinstance(message_id, tuple) else message_id


def fill(lang: str, translated: dict[str, str | tuple[str, ...]], path: Path | None = None) -> int:
    """Write translations into a language's catalog (messages it does not hold are ignored; a plural message takes
    a tuple of its forms); return how many."""
    path = path or i18n.catalog_path(lang)
    catalog = read(path, lang)
    done = 0
    for message_id, text in translated.items():
        entry = catalog.get(message_id)
        if entry is not None and text:
            entry.string, entry.flags = text, entry.flags - {"fuzzy"}
            done += 1
    write(path, catalog)
    i18n.translations.cache_clear()
    return done
