"""How figures are written for Kenyan readers, in English or Kiswahili: KES with bn/m, thousands separators, '2023/24'.

Numbers and dates are formatted by Babel for the current language's CLDR locale (`en_KE`, `sw_KE`: separators, month
names); the words around them ("bn", "bilioni", "FY", "Mwaka wa fedha") come from the message catalog, so the whole
figure reads in the page's language: "KES 4.39 bn" / "KES bilioni 4.39", "30 Jun 2024" / "30 Jun 2024".
"""

from __future__ import annotations

import math
import re
from datetime import UTC
from datetime import date as Date

from babel.dates import format_date, format_datetime
from babel.lists import format_list
from babel.numbers import format_decimal

from jdp_analytics.common.i18n import _, locale

_QUARTER = re.compile(r"(\d{4})Q([1-4])")  # a calendar quarter as the results framework stores it


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _decimal(value: float, decimals: int, sign: bool = False) -> str:
    """A number with the locale's grouping and decimal marks and a fixed number of decimals."""
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=f"+{pattern};-{pattern}" if sign else pattern, locale=locale(),
                          decimal_quantization=True)


def kes(amount: float | None) -> str:
    """Return an amount as 'KES 4.39 bn', 'KES 439.1 m' or 'KES 12,345' ('KES bilioni 4.39' in Kiswahili)."""
    if _missing(amount):
        return "–"
    size = abs(amount)
    if size >= 1e9:
        return _("KES {amount} bn").format(amount=_decimal(amount / 1e9, 2))
    if size >= 1e6:
        return _("KES {amount} m").format(amount=_decimal(amount / 1e6, 1))
    return _("KES {amount}").format(amount=_decimal(amount, 0))


def kes_exact(amount: float | None) -> str:
    """Return the exact amount with thousands separators, e.g. 'KES 4,391,400,000'."""
    return "–" if _missing(amount) else _("KES {amount}").format(amount=_decimal(amount, 0))


def number(value: float | None, decimals: int = 0) -> str:
    """Return a number with thousands separators: 47,564,296."""
    return "–" if _missing(value) else _decimal(value, decimals)


def pct(value: float | None) -> str:
    """Return a percentage with one decimal: '66.7 %'."""
    return "–" if _missing(value) else _("{value} %").format(value=_decimal(value, 1))


def points(diff: float | None) -> str:
    """Return a signed difference in percentage points: '+6.8 pp'."""
    return "–" if _missing(diff) else _("{value} pp").format(value=_decimal(diff, 1, sign=True))


def quarter(period: str) -> str:
    """Return a results quarter as the language writes it: '2026Q3' ('Robo ya 3, 2026'); anything else as given."""
    match = _QUARTER.fullmatch(str(period))
    return _("{year}Q{quarter}").format(year=match[1], quarter=match[2]) if match else str(period)


def fy(fiscal_year: str) -> str:
    """Return 'FY 2023/24' ('Mwaka wa fedha 2023/24')."""
    return _("FY {fiscal_year}").format(fiscal_year=fiscal_year)


def fiscal_year_label(fiscal_year: str) -> str:
    """Return 'FY 2023/24 (July 2023 – June 2024)' ('Mwaka wa fedha 2023/24 (Julai 2023 – Juni 2024)')."""
    start = int(fiscal_year[:4])
    return _("FY {fiscal_year} ({start} – {end})").format(
        fiscal_year=fiscal_year, start=format_date(Date(start, 7, 1), "MMMM y", locale=locale()),
        end=format_date(Date(start + 1, 6, 1), "MMMM y", locale=locale()))


def as_of(date) -> str:
    """Return a date as '30 Jun 2024'."""
    return "–" if _missing(date) else format_date(date, "d MMM y", locale=locale())


def all_of(items) -> str:
    """Return 'A, B and C' ('A, B na C'): a list of names in the current language (Babel)."""
    return format_list([str(i) for i in items], locale=locale())


def one_of(items) -> str:
    """Return "'a' or 'b'" ("'a' au 'b'"): alternatives in the current language (Babel)."""
    return format_list([str(i) for i in items], style="or", locale=locale())


def timestamp(moment) -> str:
    """Return a UTC time as '3 Dec 2026 06:07 UTC' ('3 Des 2026 06:07 UTC'), its date as as_of writes dates: when a
    document was made."""
    return format_datetime(moment, "d MMM y HH:mm", tzinfo=UTC, locale=locale()) + " UTC"


def kes_hover(values) -> list[str]:
    """Return 'KES 4.39 bn (KES 4,391,400,000)' for each amount: the short figure and the exact one."""
    return [_("{short} ({exact})").format(short=kes(v), exact=kes_exact(v)) for v in values]


def sentence_case(text: str) -> str:
    """Return text with its first letter a capital ('budget lines' → 'Budget lines'), the rest as it is."""
    return text[:1].upper() + text[1:]
