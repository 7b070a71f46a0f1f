"""Amounts as councils print them in tables: pounds, £'000 or £m, brackets or a minus sign
for a negative, and a dash, ``nil`` or a blank for nothing."""

from __future__ import annotations

import re
from decimal import Decimal
from enum import StrEnum

from sightline.core.money import MAX_AMOUNT_PENCE, MoneyError, Unit, amount_error, parse_money
from sightline.core.tables.text import is_nil, plain


class AmountUnit(StrEnum):
    """What a bare number in a table counts."""

    POUNDS = "pounds"
    THOUSANDS = "thousands"
    MILLIONS = "millions"

    @property
    def words(self) -> str:
        return {
            "pounds": "pounds (£)",
            "thousands": "thousands of pounds (£'000)",
            "millions": "millions of pounds (£m)",
        }[self.value]


_SUFFIX = re.compile(r"[0-9.]\s*(k|m|bn)\s*\)?$", re.IGNORECASE)
# The commonest cells, read without the full parser: 1,234 or (1,234.5) or -£553.
_PLAIN = re.compile(r"(\()?(-)?£?([0-9]{1,3}(?:,[0-9]{3})*|[0-9]+)(\.[0-9]+)?(?(1)\))")
_PER_UNIT = {"pounds": 100, "thousands": 100_000, "millions": 100_000_000}


def read_amount(text: str, unit: AmountUnit = AmountUnit.POUNDS) -> int | None:
    """The amount a cell holds, in pence, or None for nothing (blank, ``-``, ``–``, ``nil``).

    ``(553)`` and ``-553`` are negative; in a £'000 column ``(553)`` is -£553,000. Raises
    :class:`~sightline.core.money.MoneyError` saying why a cell is not an amount.
    """
    if is_nil(text):
        return None
    cleaned = plain(text)
    unit = AmountUnit(unit)
    quick = _quick(cleaned, unit)
    if quick is not None:
        return quick
    if unit is AmountUnit.MILLIONS:
        if _SUFFIX.search(cleaned):
            raise MoneyError(
                f"{cleaned!r} in a £m column is ambiguous: give the number of millions or the "
                "amount in pounds, not both"
            )
        pence = parse_money(cleaned, unit=Unit.THOUSANDS) * 1_000
    else:
        pence = parse_money(cleaned, unit=Unit(unit.value))
    too_large = amount_error(pence)
    if too_large:
        raise MoneyError(too_large)
    return pence


def _quick(text: str, unit: AmountUnit) -> int | None:
    """A plain number's pence, or None to leave it to the full parser (which says why a
    cell is not an amount): the same value :func:`parse_money` gives, sooner."""
    match = _PLAIN.fullmatch(text)
    if match is None or (match[1] and match[2]):
        return None
    digits = match[3].replace(",", "") + (match[4] or "")
    pence = Decimal(digits) * _PER_UNIT[unit.value]
    if pence != pence.to_integral_value() or abs(pence) > MAX_AMOUNT_PENCE:
        return None  # a fraction of a penny, or too large: the parser says so
    return -int(pence) if match[1] or match[2] else int(pence)
