"""Text in a chart: money as text, escaping, widths measured without a browser, wrapping and
cutting labels to fit."""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from django.utils.html import escape

TEXT = "#0b0c0c"
FONT_SIZE = 12
LINE_HEIGHT = 15
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
ELLIPSIS = "\u2026"


def _money_m(pence: int) -> str:
    """Compact money for chart labels: "£20.29m", "£450k", "£75", "-£1.20m" (ROUND_HALF_UP)."""
    _check_int(pence)
    sign = "-" if pence < 0 else ""
    pounds = Decimal(abs(pence)).scaleb(-2)
    whole = pounds.quantize(Decimal(1), rounding=ROUND_HALF_UP)
    if whole < 1_000:
        text = f"£{whole}"
    else:
        thousands = pounds.scaleb(-3).quantize(Decimal(1), rounding=ROUND_HALF_UP)
        if thousands < 1_000:
            text = f"£{thousands}k"
        else:
            millions = pounds.scaleb(-6).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
            text = f"£{millions:,}m"
    if whole == 0 and pounds < Decimal("0.5"):
        sign = ""
    return f"{sign}{text}"


def _plain_int(value: int) -> str:
    return f"{value:,}"


def _check_int(value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"chart values must be int (pence for money), not {value!r}")


def _clean(text: object) -> str:
    """The text with characters that XML 1.0 cannot carry removed."""
    return _NOT_XML.sub("", str(text))


def _esc(text: object) -> str:
    return str(escape(_clean(text)))


def _n(number: float) -> str:
    """A coordinate for an SVG attribute: at most two decimals, no trailing zeros."""
    text = f"{number:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _char_width(char: str) -> float:
    if char in "il.,:;'!| ":
        return 0.28
    if char in "jtfrI()[]-/":
        return 0.36
    if char in "mwMW%@\u2026":
        return 0.86
    if char.isupper():
        return 0.68
    if char.isdigit() or char in "£$":
        return 0.56
    return 0.54


@lru_cache(maxsize=4096)
def _text_width(text: str, size: float, bold: bool = False) -> float:
    """An estimate (a little generous) of the rendered width of ``text`` in Arial-like fonts.

    Cached: the same labels (amounts, years, names) come back on every page."""
    width = sum(_char_width(char) for char in text) * size * 1.05
    return width * 1.08 if bold else width


def _fit(text: str, max_width: float, size: float, bold: bool = False) -> str:
    """``text`` cut short with an ellipsis so that it fits in ``max_width``."""
    if _text_width(text, size, bold) <= max_width:
        return text
    while text and _text_width(text.rstrip() + ELLIPSIS, size, bold) > max_width:
        text = text[:-1]
    return text.rstrip() + ELLIPSIS


def _wrap(text: str, max_width: float, size: float, max_lines: int = 2) -> tuple[list[str], bool]:
    """Lines of ``text`` that fit ``max_width``, and whether anything had to be cut."""
    words = text.split()
    if not words:
        return [""], False
    lines: list[list[str]] = [[]]
    for word in words:
        candidate = " ".join([*lines[-1], word])
        if not lines[-1] or _text_width(candidate, size) <= max_width:
            lines[-1].append(word)
        else:
            lines.append([word])
    truncated = False
    if len(lines) > max_lines:
        rest = [word for line in lines[max_lines - 1 :] for word in line]
        lines = [*lines[: max_lines - 1], rest]
        truncated = True
    out = []
    for line in lines:
        joined = " ".join(line)
        fitted = _fit(joined, max_width, size)
        truncated = truncated or fitted != joined
        out.append(fitted)
    return out, truncated


def _text(
    x: float,
    y: float,
    text: str,
    *,
    cls: str,
    size: float = FONT_SIZE,
    anchor: str = "start",
    bold: bool = False,
    rotate: float = 0,
    full: str = "",
) -> str:
    """A ``<text>`` element; ``full`` (the uncut text) goes in a ``<title>`` child if given."""
    attrs = f'class="{cls}" x="{_n(x)}" y="{_n(y)}" font-size="{_n(size)}" fill="{TEXT}"'
    if anchor != "start":
        attrs += f' text-anchor="{anchor}"'
    if bold:
        attrs += ' font-weight="bold"'
    if rotate:
        attrs += f' transform="rotate({_n(rotate)} {_n(x)} {_n(y)})"'
    title = f"<title>{_esc(full)}</title>" if full else ""
    return f"<text {attrs}>{title}{_esc(text)}</text>"


def _text_lines(
    x: float,
    y: float,
    lines: Sequence[str],
    *,
    cls: str,
    size: float = FONT_SIZE,
    anchor: str = "start",
    full: str = "",
) -> str:
    """A multi-line ``<text>``: the first baseline at ``y``, one ``<tspan>`` per line."""
    if len(lines) == 1:
        return _text(x, y, lines[0], cls=cls, size=size, anchor=anchor, full=full)
    attrs = f'class="{cls}" x="{_n(x)}" y="{_n(y)}" font-size="{_n(size)}" fill="{TEXT}"'
    if anchor != "start":
        attrs += f' text-anchor="{anchor}"'
    title = f"<title>{_esc(full)}</title>" if full else ""
    spans = "".join(
        f'<tspan x="{_n(x)}" y="{_n(y + index * LINE_HEIGHT)}">{_esc(line)}</tspan>'
        for index, line in enumerate(lines)
    )
    return f"<text {attrs}>{title}{spans}</text>"
