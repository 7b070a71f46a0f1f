"""Text as people type it into spreadsheets, made comparable: curly quotes, dashes,
non-breaking and repeated spaces made plain, so "Children’s Services" is "Children's
Services"."""

from __future__ import annotations

import re
import unicodedata

_PLAIN = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u00b4": "'",
        "\u0060": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2033": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\ufe63": "-",
        "\uff0d": "-",
        "\u200b": "",
        "\u200c": "",
        "\u200d": "",
        "\ufeff": "",
        "\u00ad": "",
    }
)
_SPACES = re.compile(r"\s+")

# What a council prints for "nothing this year": blank, a dash of any length, nil.
NIL = frozenset({"", "-", "--", "nil", "none"})


def plain(text: object) -> str:
    """``text`` with curly quotes straight, every dash a hyphen, every run of spaces (the
    non-breaking ones too) one space, and no spaces at either end."""
    if text is None:
        return ""
    cleaned = unicodedata.normalize("NFKC", str(text)).translate(_PLAIN)
    return _SPACES.sub(" ", cleaned).strip()


def plain_key(text: object) -> str:
    """:func:`plain`, case-folded: the form two names are compared in."""
    return plain(text).casefold()


def is_nil(text: object) -> bool:
    """Whether a cell says "nothing": blank, ``-``, ``–``, ``—`` or ``nil``."""
    return plain_key(text) in NIL


def column_letter(index: int) -> str:
    """``0`` -> ``A``, ``26`` -> ``AA``: the column as a spreadsheet names it."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def quoted(text: str, limit: int = 60) -> str:
    """A cell's text for a message: straight-quoted and cut short."""
    text = plain(text)
    return f"'{text[:limit]}…'" if len(text) > limit else f"'{text}'"


def listed(items: list[str], limit: int = 8) -> str:
    """``a, b and c``; past ``limit``, ``a, b, … and 12 more``."""
    items = list(items)
    if len(items) > limit:
        shown = items[:limit]
        return ", ".join(shown) + f" and {len(items) - limit:,} more"
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
