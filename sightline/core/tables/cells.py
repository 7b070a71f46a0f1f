"""Cells other than money, as councils type them: numbers (``45.5%``, ``1,200``, ``(3)``),
dates (``30/06/2026``, ``30 June 2026``, ``2026-06-30``), yes or no, and one of a few
words (``R``, ``Red``)."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal, InvalidOperation

from sightline.core.tables.text import is_nil, plain, plain_key

_NUMBER = re.compile(r"^[+-]?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)?(?:\.[0-9]+)?$")
_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
YES = frozenset({"yes", "y", "true", "1"})
NO = frozenset({"no", "n", "false", "0"})


class CellError(ValueError):
    """A cell that is not what its column holds; the message says why."""


def read_number(text: str) -> Decimal | None:
    """A number (None for a blank or a dash): ``45.5%`` is 45.5, ``(3)`` is -3, ``1,200``
    is 1200; a £ sign or a trailing unit word such as ``days`` is allowed."""
    if is_nil(text):
        return None
    cleaned = plain_key(text).replace("£", "").replace("%", "").strip()
    cleaned = re.sub(r"\s*(days?|per cent|percent|pts?)$", "", cleaned).strip()
    negative = cleaned.startswith("(") and cleaned.endswith(")")
    if negative:
        cleaned = cleaned[1:-1].strip()
    if not cleaned or not _NUMBER.match(cleaned) or cleaned in {"+", "-", "."}:
        raise CellError(f"{plain(text)!r} is not a number")
    try:
        number = Decimal(cleaned.replace(",", ""))
    except InvalidOperation as error:  # pragma: no cover - the pattern has checked it
        raise CellError(f"{plain(text)!r} is not a number") from error
    return -number if negative else number


def read_date(text: str) -> datetime.date | None:
    """A date as a UK council writes it (day first), or None for a blank or a dash."""
    if is_nil(text):
        return None
    cleaned = plain_key(text)
    try:
        return datetime.date.fromisoformat(cleaned[:10])
    except ValueError:
        pass
    match = re.fullmatch(r"([0-9]{1,2})[/.-]([0-9]{1,2})[/.-]([0-9]{2}|[0-9]{4})", cleaned)
    if match:
        day, month, year = (int(g) for g in match.groups())
        return _date(text, 2000 + year if year < 100 else year, month, day)
    match = re.fullmatch(r"([0-9]{1,2})(?:st|nd|rd|th)? ([a-z]+),? ([0-9]{4})", cleaned)
    if match and match[2] in _MONTHS:
        return _date(text, int(match[3]), _MONTHS[match[2]], int(match[1]))
    match = re.fullmatch(r"([a-z]+),? ([0-9]{4})", cleaned)
    if match and match[1] in _MONTHS:
        return datetime.date(int(match[2]), _MONTHS[match[1]], 1)
    raise CellError(f"{plain(text)!r} is not a date (write it like 30/06/2026)")


def _date(text: str, year: int, month: int, day: int) -> datetime.date:
    try:
        return datetime.date(year, month, day)
    except ValueError as error:
        raise CellError(f"{plain(text)!r} is not a date ({error})") from error


def read_choice(text: str, choices: dict[str, str], what: str) -> str | None:
    """The value a word stands for (matched plain and case-folded), or None for a blank."""
    if is_nil(text):
        return None
    found = choices.get(plain_key(text))
    if found is None:
        words = sorted({k for k in choices if len(k) > 1})
        raise CellError(f"{plain(text)!r} is not {what} (use {', '.join(words[:8])})")
    return found
