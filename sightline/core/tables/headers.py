"""What a column's header says: its name, the financial year or quarter it is for, and the
units its amounts are in ("2026/27 £'000", "Saving 26/27", "(£k)", "£m")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sightline.core.fiscal import FinancialYear, FinancialYearError
from sightline.core.tables.amounts import AmountUnit
from sightline.core.tables.text import plain_key

_UNITS = [
    (
        AmountUnit.THOUSANDS,
        re.compile(
            r"£\s*'?\s*0{3}\s*'?\s*s?(?![0-9])|£\s*k(?![a-z])|£\s*thousands?|k\s*£"
            r"|(?<![0-9£])'0{3}'?s?(?![0-9])|\bin thousands\b|\bthousands of pounds\b"
            r"|\(\s*0{3}'?s?\s*\)"
        ),
    ),
    (
        AmountUnit.MILLIONS,
        re.compile(r"£\s*m(?:illions?|n)?(?![a-z])|\bin millions\b|\bmillions of pounds\b"),
    ),
    (AmountUnit.POUNDS, re.compile(r"£|\bpounds\b|\bgbp\b")),
]
_YEAR = re.compile(
    r"(?<![0-9/.])(?:fy\s*)?([0-9]{4}|[0-9]{2})\s*[/-]\s*([0-9]{4}|[0-9]{2})(?![0-9/.])"
)
_QUARTER = re.compile(r"\b(?:q|qtr|quarter)\s*([1-4])\b")
_NOT_A_WORD = re.compile(r"[^a-z0-9&%#/+' ]+")


def clean_label(text: str) -> str:
    """A header's words for matching: lower case, plain quotes and dashes, punctuation as
    spaces ("Ref." -> "ref", "Recurring / One-off" -> "recurring / one off")."""
    words = _NOT_A_WORD.sub(" ", plain_key(text).replace("-", " "))
    return " ".join(word.strip("'") for word in words.split() if word.strip("'"))


def find_unit(text: str) -> AmountUnit | None:
    """The unit a header or title names, if any (thousands before millions before pounds)."""
    key = plain_key(text)
    for unit, pattern in _UNITS:
        if pattern.search(key):
            return unit
    return None


def _years(key: str) -> tuple[list[FinancialYear], str]:
    found = []
    rest = key
    for match in _YEAR.finditer(key):
        try:
            found.append(FinancialYear.parse(f"{match[1]}/{match[2]}"))
        except FinancialYearError:
            continue
        rest = rest.replace(match[0], " ", 1)
    return found, rest


@dataclass(frozen=True)
class HeaderInfo:
    """A header cell, read."""

    text: str  # as printed
    key: str  # plain and case-folded: how a chosen mapping remembers it
    label: str  # the words left once units, years and quarters are taken out
    unit: AmountUnit | None = None
    fy: FinancialYear | None = None
    fy_last: FinancialYear | None = None  # "Total 2026/27 to 2028/29"
    quarter: int | None = None

    @property
    def is_period(self) -> bool:
        return self.fy is not None and self.fy_last is None


def parse_header(text: str) -> HeaderInfo:
    key = plain_key(text)
    unit = None
    rest = key
    for candidate, pattern in _UNITS:
        if pattern.search(rest):
            unit = unit or candidate
            rest = pattern.sub(" ", rest)
    years, rest = _years(rest)
    quarter = None
    match = _QUARTER.search(rest)
    if match:
        quarter = int(match[1])
        rest = rest.replace(match[0], " ", 1)
    label = clean_label(rest)
    if len(years) > 1:
        label = " ".join(w for w in label.split() if w not in {"to", "and", "/"})
    return HeaderInfo(
        text=str(text or "").strip(),
        key=key,
        label=label,
        unit=unit,
        fy=years[0] if years else None,
        fy_last=years[-1] if len(years) > 1 and years[-1] != years[0] else None,
        quarter=quarter,
    )
