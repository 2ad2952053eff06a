"""One resolver for county, constituency and ward names in any common spelling.

Every loader calls it, so "Homabay", "HOMA BAY" and "Homa-Bay" all become county '043'.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process, utils

from jdp_analytics.geography.counties import COUNTIES

# Spellings that differ by more than case, spaces and punctuation, seen in KNBS, IEBC, OCHA,
# Controller of Budget and DHS tables.
COUNTY_ALIASES = {
    "nairobicity": "047",
    "keiyomarakwet": "028",
    "elgeyomarakwet": "028",
    "elegeyomarakwet": "028",
    "transzoia": "026",
    "tharaka": "013",
    "taveta": "006",
    "homa": "043",
}

_SUFFIXES = re.compile(r"\b(county|city county|city|sub county|subcounty|constituency|ward)\b")


def name_key(name: str) -> str:
    """Return the comparison key of a place name: lower case, no accents, letters and digits only."""
    text = unicodedata.normalize("NFKD", str(name)).encode("ascii", "ignore").decode().lower()
    text = _SUFFIXES.sub(" ", text)
    return re.sub(r"[^a-z0-9]", "", text)


class UnknownNameError(ValueError):
    """A place name that the resolver cannot match; carries the closest known names."""

    def __init__(self, kind: str, name: str, suggestions: list[str], scope: str = ""):
        self.kind, self.name, self.suggestions = kind, name, suggestions
        where = f" in {scope}" if scope else ""
        hint = f" Closest known names: {', '.join(suggestions)}." if suggestions else ""
        super().__init__(f"Unknown {kind} name {name!r}{where}.{hint}")


def _suggest(name: str, choices: list[str], limit: int = 3) -> list[str]:
    found = process.extract(str(name), choices, scorer=fuzz.WRatio, processor=utils.default_process, limit=limit)
    close = [choice for choice, score, _ in found if score >= 60]
    return close or [choice for choice, _, _ in found]  # nothing close: still show where to look


@dataclass
class Gazetteer:
    """Codes and names of counties, constituencies and wards, with a resolver for each level."""

    constituencies: dict[str, tuple[str, str]] = field(default_factory=dict)  # code -> (name, county)
    wards: dict[str, tuple[str, str, str]] = field(default_factory=dict)  # code -> (name, const, county)

    def __post_init__(self):
        self._county_keys = {name_key(name): code for code, name in COUNTIES.items()}
        self._county_keys.update(COUNTY_ALIASES)
        self._const_keys: dict[tuple[str, str], str] = {}
        for code, (name, county) in self.constituencies.items():
            self._const_keys[(county, name_key(name))] = code
        self._ward_keys: dict[tuple[str, str], list[str]] = {}
        for code, (name, const, county) in self.wards.items():
            self._ward_keys.setdefault((county, name_key(name)), []).append(code)
            self._ward_keys.setdefault((const, name_key(name)), []).append(code)

    def county_code(self, name: str) -> str:
        """Return the KNBS code ('001'..'047') of a county given by name or code."""
        text = str(name).strip()
        if re.fullmatch(r"(KE)?0?\d{1,3}", text, flags=re.I):
            code = f"{int(re.sub(r'[^0-9]', '', text)):03d}"
            if code in COUNTIES:
                return code
        code = self._county_keys.get(name_key(text))
        if code is None:
            raise UnknownNameError("county", text, _suggest(text, list(COUNTIES.values())))
        return code

    def constituency_code(self, name: str, county: str) -> str:
        """Return the code of a constituency within a county (given by name or code)."""
        county_code = self.county_code(county)
        code = self._const_keys.get((county_code, name_key(name)))
        if code is None:
            names = [n for n, c in self.constituencies.values() if c == county_code]
            raise UnknownNameError("constituency", name, _suggest(name, names), COUNTIES[county_code])
        return code

    def ward_code(self, name: str, county: str, constituency: str | None = None) -> str:
        """Return the code of a ward, within its county and, when two share a name, its constituency."""
        county_code = self.county_code(county)
        code = str(name).strip().upper()
        if code in self.wards and self.wards[code][2] == county_code:  # a ward code is unambiguous
            return code
        scope = county_code
        if constituency:
            scope = self.constituency_code(constituency, county_code)
        codes = self._ward_keys.get((scope, name_key(name)), [])
        if len(codes) == 1:
            return codes[0]
        place = COUNTIES[county_code] + (f" / {constituency}" if constituency else "")
        if len(codes) > 1:
            raise UnknownNameError("ward", name, [], f"{place} (several wards share it: name the constituency)")
        names = [n for n, c, k in self.wards.values() if scope in (c, k)]
        raise UnknownNameError("ward", name, _suggest(name, names), place)


COUNTY_ONLY = Gazetteer()


def county_code(name: str) -> str:
    """Return the KNBS code of a county in any common spelling; raise UnknownNameError otherwise."""
    return COUNTY_ONLY.county_code(name)
