"""How figures are written for Kenyan readers: KES with bn/m, thousands separators, '2023/24'."""

from __future__ import annotations

import math


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def kes(amount: float | None) -> str:
    """Return an amount as 'KES 4.39 bn', 'KES 439.1 m' or 'KES 12,345'; '–' when missing."""
    if _missing(amount):
        return "–"
    size = abs(amount)
    if size >= 1e9:
        return f"KES {amount / 1e9:,.2f} bn"
    if size >= 1e6:
        return f"KES {amount / 1e6:,.1f} m"
    return f"KES {amount:,.0f}"


def kes_exact(amount: float | None) -> str:
    """Return the exact amount with thousands separators, e.g. 'KES 4,391,400,000'."""
    return "–" if _missing(amount) else f"KES {amount:,.0f}"


def number(value: float | None, decimals: int = 0) -> str:
    """Return a number with thousands separators: 47,564,296."""
    return "–" if _missing(value) else f"{value:,.{decimals}f}"


def pct(value: float | None) -> str:
    """Return a percentage with one decimal: '66.7 %'."""
    return "–" if _missing(value) else f"{value:.1f} %"


def points(diff: float | None) -> str:
    """Return a signed difference in percentage points: '+6.8 pp'."""
    return "–" if _missing(diff) else f"{diff:+.1f} pp"


def fiscal_year_label(fiscal_year: str) -> str:
    """Return 'FY 2023/24 (July 2023 – June 2024)'."""
    start = int(fiscal_year[:4])
    return f"FY {fiscal_year} (July {start} – June {start + 1})"


def as_of(date) -> str:
    """Return a date as '30 Jun 2024'."""
    return "–" if _missing(date) else f"{date:%d %b %Y}"


def kes_hover(values) -> list[str]:
    """Return 'KES 4.39 bn (KES 4,391,400,000)' for each amount: the short figure and the exact one."""
    return [f"{kes(v)} ({kes_exact(v)})" for v in values]
