"""Money as integer pence: parsing what people type or paste, and formatting for display.

Amounts are always ``int`` pence. Text is read with ``decimal.Decimal`` and rounding for display
uses ``ROUND_HALF_UP``; floats are refused everywhere.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Context, Decimal, DecimalException, localcontext
from enum import StrEnum
from typing import NamedTuple


class MoneyError(ValueError):
    """Text or a value that is not an amount of money; the message names it and says why."""


class Unit(StrEnum):
    """What a bare number means: pounds, or thousands of pounds (a "£000" table column)."""

    POUNDS = "pounds"
    THOUSANDS = "thousands"


SUFFIXES: dict[str, int] = {"k": 1_000, "m": 1_000_000, "bn": 1_000_000_000}
"""Multipliers (in pounds) for the suffixes ``parse_money`` accepts, matched case-insensitively."""

_MINUS_SIGNS = "-\u2212\u2013"  # hyphen-minus, minus sign, en dash
_NIL_DASHES = frozenset({"-", "\u2212", "\u2013", "\u2014"})  # a lone dash in a £000 column

_TOKEN = re.compile(
    r"""
      (?P<space>\s+)
    | (?P<open>\()
    | (?P<close>\))
    | (?P<sign>[+\-\u2212\u2013])
    | (?P<pound>£)
    | (?P<number>[0-9][0-9,.]*|\.[0-9][0-9,.]*)
    | (?P<word>[A-Za-z]+)
    | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)
_GROUPED = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+")
_PLAIN_DECIMAL = re.compile(r"[+-]?[0-9]+(?:\.[0-9]+)?", re.ASCII)


class _Token(NamedTuple):
    kind: str
    text: str


def _error(value: object, reason: str) -> MoneyError:
    return MoneyError(f"{value!r} is not an amount: {reason}")


def _context(number: Decimal, extra_digits: int = 0) -> Context:
    """A context precise enough that scaling ``number`` never rounds silently."""
    digits = len(number.as_tuple().digits) + extra_digits
    return Context(prec=max(28, digits + 30), rounding=ROUND_HALF_UP)


def _require_pence(pence: object) -> int:
    if isinstance(pence, bool) or not isinstance(pence, int):
        raise TypeError(f"amounts are whole pence as an int, not {type(pence).__name__}")
    return pence


# The largest amount one figure may hold: ten billion pounds, beyond any council's budget
# (the largest English councils' gross budgets are a few billion). Sums of a council's
# figures then stay far inside a 64-bit integer, whatever the database.
MAX_AMOUNT_PENCE = 10_000_000_000 * 100


def amount_error(pence: int) -> str | None:
    """Why ``pence`` is too large for a council's figure, or None when it is not."""
    if abs(pence) > MAX_AMOUNT_PENCE:
        return (
            f"{format_pounds(pence)} is more than any council budget holds: an amount may be at "
            f"most {format_pounds(MAX_AMOUNT_PENCE)} either way. Check the units (pounds or "
            "thousands) and the number of digits."
        )
    return None


def validate_amount(pence: int) -> None:
    """A model field validator: refuse an amount beyond :data:`MAX_AMOUNT_PENCE`."""
    from django.core.exceptions import ValidationError

    message = amount_error(pence) if isinstance(pence, int) else None
    if message:
        raise ValidationError(message, code="too_large")


# -- parsing ---------------------------------------------------------------------------------------


def parse_money(text: str, *, unit: Unit = Unit.POUNDS) -> int:
    """Read an amount such as ``£24.5k``, ``-£5,000`` or ``(553)`` and return integer pence.

    With ``unit=Unit.THOUSANDS`` a bare number counts thousands of pounds (a "£000" column),
    where a lone dash means nil. Brackets mean a reduction (a negative amount).
    """
    if not isinstance(text, str):
        raise TypeError(f"parse_money reads text, not {type(text).__name__}")
    unit = Unit(unit)
    stripped = text.strip()
    if not stripped:
        raise _error(text, "it is empty")
    if unit is Unit.THOUSANDS and stripped in _NIL_DASHES:
        return 0

    tokens = [
        _Token(m.lastgroup or "other", m.group())
        for m in _TOKEN.finditer(stripped)
        if m.lastgroup != "space"
    ]
    negative, number, suffix = _read_tokens(text, tokens)

    if suffix is not None and unit is Unit.THOUSANDS:
        raise MoneyError(
            f"{text!r} in a £000 column is ambiguous: give the number of thousands"
            " or the amount in pounds, not both"
        )
    amount = _read_number(text, number)
    if unit is Unit.THOUSANDS:
        pounds_per_unit = 1_000
    else:
        pounds_per_unit = SUFFIXES[suffix.lower()] if suffix is not None else 1
    with localcontext(_context(amount)):
        pence = amount * pounds_per_unit * 100
        if pence != pence.to_integral_value():
            reason = "it has a fraction of a penny"
            if suffix is not None or unit is Unit.THOUSANDS:
                reason += f" once multiplied out (£{pence.scaleb(-2).normalize():,f})"
            else:
                reason += " (give at most two decimal places)"
            raise _error(text, reason)
    result = int(pence)
    return -result if negative else result


def _read_tokens(text: str, tokens: list[_Token]) -> tuple[bool, str, str | None]:
    """Check the shape of the amount; return (negative, number text, suffix or None)."""
    kinds = [token.kind for token in tokens]
    position = _the_number(text, tokens, kinds)
    opens = _check_signs(text, kinds, position)
    suffix = _the_suffix(text, tokens, kinds, position)
    negative = opens == 1 or any(
        token.kind == "sign" and token.text in _MINUS_SIGNS for token in tokens
    )
    return negative, tokens[position].text, suffix


def _the_number(text: str, tokens: list[_Token], kinds: list[str]) -> int:
    """The position of the amount's one number; refuse stray characters and exponents."""
    for token in tokens:
        if token.kind == "other":
            hint = " (only pounds are accepted)" if token.text in "$€¥" else ""
            raise _error(text, f"it contains {token.text!r}, which is not part of an amount{hint}")
    numbers = [i for i, kind in enumerate(kinds) if kind == "number"]
    for i in numbers:
        after = kinds[i + 1 : i + 3]
        if after in (["word", "number"], ["word", "sign"]) and tokens[i + 1].text.lower() == "e":
            raise _error(text, "it uses an exponent (write the digits out, like 100000)")
    if not numbers:
        raise _error(text, "it has no digits")
    if len(numbers) > 1:
        between = kinds[numbers[0] + 1 : numbers[1]]
        if "word" in between:
            word = tokens[numbers[0] + 1 + between.index("word")].text
            raise _error(text, f"the suffix {word!r} must come at the end of the number")
        raise _error(text, "it has more than one number (group digits with commas, like 1,000)")
    return numbers[0]


def _check_signs(text: str, kinds: list[str], position: int) -> int:
    """Check brackets, signs and the £ sign around the number; return how many brackets."""
    opens, closes = kinds.count("open"), kinds.count("close")
    if opens != closes:
        raise _error(text, "it has an unbalanced bracket")
    if opens > 1:
        raise _error(text, "it has more than one pair of brackets")
    if kinds.count("sign") + opens > 1:
        raise _error(text, "it has more than one sign (use one minus sign, or brackets)")
    if opens and (kinds[0] != "open" or kinds[-1] != "close"):
        raise _error(text, "brackets must enclose the whole amount, like (553) or (£5k)")
    if kinds.count("pound") > 1:
        raise _error(text, "it has more than one £ sign")
    if "pound" in kinds and kinds.index("pound") > position:
        raise _error(text, "the £ sign must come before the number")
    if "sign" in kinds and kinds.index("sign") > position:
        raise _error(text, "the sign must come before the number")
    return opens


def _the_suffix(text: str, tokens: list[_Token], kinds: list[str], position: int) -> str | None:
    """The suffix after the number (k, m or bn), if any."""
    words = [i for i, kind in enumerate(kinds) if kind == "word"]
    if not words:
        return None
    first_word = tokens[words[0]].text
    if words[0] < position:
        raise _error(text, f"{first_word!r} must come after the number")
    if len(words) > 1:
        raise _error(text, "it has more than one suffix (use one of k, m or bn)")
    if first_word.lower() not in SUFFIXES:
        raise _error(text, f"{first_word!r} is not a suffix (use k, m or bn)")
    return first_word


def _read_number(text: str, number: str) -> Decimal:
    """Check digit grouping and decimal point; return the number as a ``Decimal``."""
    if number.count(".") > 1:
        raise _error(text, "it has more than one decimal point")
    whole, dot, fraction = number.partition(".")
    if "," in fraction:
        raise _error(text, "commas may only group the digits before the decimal point")
    if dot and not fraction:
        raise _error(text, "it has no digits after the decimal point")
    if "," in whole and not _GROUPED.fullmatch(whole):
        raise _error(text, "digits must be grouped in threes, like 1,000 or 12,345,678")
    return Decimal(number.replace(",", "") if whole else "0" + number)


def pence_from_pounds(value: Decimal | int | str) -> int:
    """Convert pounds (``Decimal("24500.00")``, ``24500`` or ``"24500.00"``) to integer pence."""
    if isinstance(value, bool) or not isinstance(value, Decimal | int | str):
        raise TypeError(f"pounds must be a Decimal, int or str, not {type(value).__name__}")
    if isinstance(value, int):
        return value * 100
    if isinstance(value, str):
        if not _PLAIN_DECIMAL.fullmatch(value.strip()):
            raise _error(value, "expected plain pounds like 24500.00 or -0.05")
        amount = Decimal(value.strip())
    else:
        if not value.is_finite():
            raise _error(value, "it is not a finite number")
        amount = value
    try:
        with localcontext(_context(amount)):
            pence = amount.scaleb(2)
            if pence != pence.to_integral_value():
                raise _error(value, "it has a fraction of a penny (at most two decimal places)")
            return int(pence)
    except DecimalException as exc:  # an exponent too large for any context
        raise _error(value, "it is too large") from exc


# -- formatting ------------------------------------------------------------------------------------


def _signed(pence: int, body: str, *, is_zero: bool = False) -> str:
    return f"-£{body}" if pence < 0 and not is_zero else f"£{body}"


def _rounded(pence: int, exponent: int, places: int) -> Decimal:
    """``abs(pence)`` scaled by ``10**exponent`` and rounded half-up to ``places`` decimals."""
    amount = Decimal(abs(pence))
    with localcontext(_context(amount, places)):
        return amount.scaleb(exponent).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)


def format_pounds(pence: int, *, pence_always: bool = False) -> str:
    """``2_450_000`` -> ``£24,500``; pence are shown when there are any (or always if asked)."""
    _require_pence(pence)
    pounds, remainder = divmod(abs(pence), 100)
    body = f"{pounds:,}"
    if remainder or pence_always:
        body += f".{remainder:02d}"
    return _signed(pence, body)


def format_k(pence: int) -> str:
    """``2_450_000`` -> ``£24.5k``: thousands to 0.1k (half-up); under £1,000 as pounds."""
    _require_pence(pence)
    if abs(pence) < 100_000:
        return format_pounds(pence)
    thousands = _rounded(pence, -5, 1)
    if thousands == thousands.to_integral_value():
        thousands = thousands.to_integral_value()
    return _signed(pence, f"{thousands:,f}k")


def format_m(pence: int, *, places: int = 2) -> str:
    """``2_029_000_000`` -> ``£20.29m``: millions to ``places`` decimals, rounded half-up."""
    _require_pence(pence)
    if isinstance(places, bool) or not isinstance(places, int) or places < 0:
        raise ValueError(f"places must be a whole number 0 or more, not {places!r}")
    millions = _rounded(pence, -8, places)
    return _signed(pence, f"{millions:,f}m", is_zero=not millions)


def format_thousands_column(pence: int, *, negative_in_brackets: bool = True) -> str:
    """The "£000" column: ``-55_300_000`` -> ``(553)``; nil is ``-``; rounds half-up.

    A non-zero amount under £500 rounds to ``0`` (as in published accounts), unlike nil.
    """
    _require_pence(pence)
    if pence == 0:
        return "-"
    thousands = int(_rounded(pence, -5, 0))
    body = f"{thousands:,}"
    if pence > 0 or thousands == 0:
        return body
    return f"({body})" if negative_in_brackets else f"-{body}"


def pounds_string(pence: int) -> str:
    """Plain pounds with two decimals for JSON APIs: ``-5`` -> ``-0.05``."""
    _require_pence(pence)
    pounds, remainder = divmod(abs(pence), 100)
    return f"{'-' if pence < 0 else ''}{pounds}.{remainder:02d}"
