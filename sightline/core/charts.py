"""Server-side SVG charts that read the same in a web page and in a WeasyPrint PDF.

Every chart is a complete, self-contained ``<svg>`` element: no JavaScript, no external fonts or
stylesheets. Charts follow WCAG 2.2 AA so that colour is never the only cue:

* each series has its own fill pattern (solid, hatching, dots, cross-hatching, ...) as well as
  its own colour, shown in a legend with pattern swatches;
* values are printed as text on or beside the bars;
* the ``<svg>`` has ``role="img"``, a ``<title>`` and a ``<desc>`` holding the full data in words,
  referenced by ``aria-labelledby``.

Money is integer pence throughout. Values are turned into text only by ``format_value`` (by
default :func:`_money_m`, which uses ``decimal.Decimal`` with ``ROUND_HALF_UP``); floats are used
for pixel geometry only. Output is deterministic: element ids come from a hash of the inputs, so
the same call always gives the same string, and different charts on one page get different ids.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

__all__ = [
    "PALETTE",
    "PATTERNS",
    "RAG_COLOURS",
    "Series",
    "grouped_bar_chart",
    "rag_bar",
    "sparkline",
    "stacked_bar_chart",
]

TEXT = "#0b0c0c"
BLUE = "#1d70b8"
GREEN = "#00703c"
ORANGE = "#f47738"
RED = "#d4351c"
GREY = "#505a5f"
PURPLE = "#4c2c92"
LIGHT_GREY = "#b1b4b6"
WHITE = "#ffffff"

PALETTE: tuple[str, ...] = (BLUE, GREEN, ORANGE, RED, GREY, PURPLE, LIGHT_GREY)
"""Series colours (GOV.UK palette), used in order unless a series names its own colour."""

PATTERNS: tuple[str, ...] = (
    "solid",
    "hatch",
    "dots",
    "cross",
    "vertical",
    "horizontal",
    "backhatch",
)
"""Fill patterns, used in order unless a series names its own pattern."""

RAG_ORDER: tuple[str, ...] = ("Blue", "Green", "Amber", "Red", "Not rated")
RAG_COLOURS: dict[str, str] = {
    "Blue": BLUE,
    "Green": GREEN,
    "Amber": ORANGE,
    "Red": RED,
    "Not rated": LIGHT_GREY,
}
RAG_PATTERNS: dict[str, str] = {
    "Blue": "solid",
    "Green": "hatch",
    "Amber": "dots",
    "Red": "cross",
    "Not rated": "vertical",
}

FONT_FAMILY = "'GDS Transport', arial, sans-serif"
PAD = 8  # outer margin, in viewBox units
FONT_SIZE = 12
SMALL_FONT_SIZE = 11
LINE_HEIGHT = 15
SWATCH = 14
MIN_PLOT_HEIGHT = 80

_HEX_COLOUR = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
ELLIPSIS = "\u2026"


@dataclass(frozen=True)
class Series:
    """One data series: a legend label and one value (integer pence) per category."""

    label: str
    values: list[int]
    colour: str = ""
    pattern: str = ""


Formatter = Callable[[int], str]


# --- text and numbers ------------------------------------------------------------------------


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


# --- colour, patterns, ids --------------------------------------------------------------------


def _rgb(colour: str) -> tuple[int, int, int]:
    digits = colour[1:]
    if len(digits) == 3:
        digits = "".join(char * 2 for char in digits)
    return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)


def _luminance(rgb: tuple[float, float, float]) -> float:
    def channel(value: float) -> float:
        value /= 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(value) for value in rgb)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def _outline(colour: str) -> str:
    """The colour itself if it has 3:1 contrast with white (WCAG 1.4.11), else a darker shade."""
    rgb = _rgb(colour)
    for step in range(11):
        factor = 1 - step / 10
        shade = tuple(round(value * factor) for value in rgb)
        if 1.05 / (_luminance(shade) + 0.05) >= 3:
            return "#{:02x}{:02x}{:02x}".format(*shade)
    return TEXT  # pragma: no cover - factor 0 is black, which always passes


_PATTERN_MARKS = {
    "solid": "",
    "hatch": '<path d="M-2,2 L2,-2 M0,8 L8,0 M6,10 L10,6" stroke="#ffffff" stroke-width="2"/>',
    "backhatch": '<path d="M-2,6 L2,10 M0,0 L8,8 M6,-2 L10,2" stroke="#ffffff" stroke-width="2"/>',
    "cross": (
        '<path d="M-2,2 L2,-2 M0,8 L8,0 M6,10 L10,6 M-2,6 L2,10 M0,0 L8,8 M6,-2 L10,2"'
        ' stroke="#ffffff" stroke-width="1.25"/>'
    ),
    "dots": (
        '<circle cx="2" cy="2" r="1.6" fill="#ffffff"/>'
        '<circle cx="6" cy="6" r="1.6" fill="#ffffff"/>'
    ),
    "vertical": '<path d="M4,0 V8" stroke="#ffffff" stroke-width="2"/>',
    "horizontal": '<path d="M0,4 H8" stroke="#ffffff" stroke-width="2"/>',
}


def _pattern(pattern_id: str, kind: str) -> str:
    """White marks on a transparent 8x8 tile, laid over a shape filled with the series colour.

    The colour is not part of the tile: PDF renderers can leave hairline seams between tiles,
    and with the colour underneath those seams are invisible.
    """
    return (
        f'<pattern id="{pattern_id}" class="sl-pattern sl-pattern-{kind}"'
        f' patternUnits="userSpaceOnUse" width="8" height="8">{_PATTERN_MARKS[kind]}</pattern>'
    )


@dataclass(frozen=True)
class _Style:
    pattern_id: str
    kind: str
    colour: str

    @property
    def fill(self) -> str:
        return f"url(#{self.pattern_id})"

    @property
    def stroke(self) -> str:
        return _outline(self.colour)

    def definition(self) -> str:
        return "" if self.kind == "solid" else _pattern(self.pattern_id, self.kind)

    def shape(self, x: float, y: float, width: float, height: float, cls: str, title: str) -> str:
        """A rectangle in this style: ``cls`` and ``title`` go on the coloured base rectangle,
        with the pattern (if any) and the outline on a second rectangle over it."""
        box = f'x="{_n(x)}" y="{_n(y)}" width="{_n(width)}" height="{_n(height)}"'
        title_xml = f"<title>{_esc(title)}</title>" if title else ""
        outline = f'stroke="{self.stroke}" stroke-width="1"'
        if self.kind == "solid":
            return f'<rect class="{cls}" {box} fill="{self.colour}" {outline}>{title_xml}</rect>'
        return (
            f'<rect class="{cls}" {box} fill="{self.colour}">{title_xml}</rect>'
            f'<rect class="sl-pattern-fill" {box} fill="{self.fill}" {outline}/>'
        )


def _uid(*parts: object) -> str:
    digest = hashlib.sha1(repr(parts).encode(), usedforsecurity=False).hexdigest()
    return f"sl-{digest[:8]}"


def _check_colour(colour: str) -> str:
    if not _HEX_COLOUR.fullmatch(colour):
        raise ValueError(f"colour must be a hex colour such as #1d70b8, not {colour!r}")
    return colour.lower()


def _check_pattern(pattern: str) -> str:
    if pattern not in _PATTERN_MARKS:
        raise ValueError(f"pattern must be one of {', '.join(_PATTERN_MARKS)}, not {pattern!r}")
    return pattern


def _series_styles(uid: str, series: Sequence[Series]) -> list[_Style]:
    styles = []
    for index, one in enumerate(series):
        colour = _check_colour(one.colour) if one.colour else PALETTE[index % len(PALETTE)]
        # Shift the pattern every full turn of the palette so colour+pattern pairs stay distinct.
        default = PATTERNS[(index + index // len(PALETTE)) % len(PATTERNS)]
        kind = _check_pattern(one.pattern) if one.pattern else default
        styles.append(_Style(f"{uid}-p{index}", kind, colour))
    return styles


def _check_series(categories: Sequence[str], series: Sequence[Series]) -> None:
    for one in series:
        if len(one.values) != len(categories):
            raise ValueError(
                f"series {one.label!r} has {len(one.values)} values"
                f" for {len(categories)} categories"
            )
        for value in one.values:
            _check_int(value)


# --- scales, legend, frame ---------------------------------------------------------------------


def _nice_steps():
    magnitude = 1
    while True:
        if magnitude >= 10:
            yield magnitude, magnitude * 2, magnitude * 25 // 10, magnitude * 5
        else:
            yield magnitude, magnitude * 2, magnitude * 5
        magnitude *= 10


def _nice_ticks(low: int, high: int, fmt: Formatter, max_intervals: int = 5) -> list[int]:
    """Evenly spaced round tick values covering ``low..high`` (which must span zero).

    The first "nice" step (1, 2, 2.5 or 5 times a power of ten) that needs at most
    ``max_intervals`` intervals and whose labels are all different is used (if no step gives
    different labels, the first step that fits is).
    """
    max_intervals = max(max_intervals, 2 if low < 0 < high else 1)
    give_up = max(abs(low), abs(high), 1) * 100
    first: list[int] = []
    for steps in _nice_steps():
        for step in steps:
            bottom = (low // step) * step
            top = -(-high // step) * step
            if top == bottom:
                top = bottom + step
            if (top - bottom) // step > max_intervals:
                continue
            ticks = list(range(bottom, top + 1, step))
            first = first or ticks
            if len({fmt(tick) for tick in ticks}) == len(ticks):
                return ticks
            if step > give_up:
                return first
    raise AssertionError("unreachable")  # pragma: no cover


def _legend(entries: Sequence[tuple[str, _Style]], x0: float, y0: float, max_width: float):
    """Legend items (pattern swatch and label) flowing left to right; returns (parts, height)."""
    parts = []
    x, y = x0, y0
    row_height = SWATCH + 8
    for label, style in entries:
        shown = _fit(label, max_width - SWATCH - 6, FONT_SIZE)
        item_width = SWATCH + 6 + _text_width(shown, FONT_SIZE)
        if x > x0 and x + item_width > x0 + max_width:
            x, y = x0, y + row_height
        parts.append(
            '<g class="sl-legend-item">'
            + style.shape(x, y, SWATCH, SWATCH, "sl-swatch", "")
            + _text(
                x + SWATCH + 6,
                y + SWATCH - 2,
                shown,
                cls="sl-legend",
                full=label if shown != label else "",
            )
            + "</g>"
        )
        x += item_width + 20
    return parts, (y - y0) + row_height


def _svg(
    uid: str,
    kind: str,
    title: str,
    desc: str,
    width: float,
    height: float,
    defs: Sequence[str],
    body: Sequence[str],
) -> SafeString:
    defs_xml = f"<defs>{''.join(defs)}</defs>" if defs else ""
    return mark_safe(  # noqa: S308 - every piece of text is escaped by _esc
        '<svg xmlns="http://www.w3.org/2000/svg"'
        f' class="sl-chart sl-chart-{kind}" viewBox="0 0 {_n(width)} {_n(height)}"'
        f' width="100%" style="max-width: {_n(width)}px" role="img"'
        f' aria-labelledby="{uid}-title {uid}-desc" font-family="{FONT_FAMILY}">'
        f'<title id="{uid}-title">{_esc(title)}</title>'
        f'<desc id="{uid}-desc">{_esc(desc)}</desc>'
        f"{defs_xml}{''.join(body)}</svg>"
    )


def _join(*sentences: str) -> str:
    return " ".join(sentence.strip() for sentence in sentences if sentence.strip())


def _no_data(uid: str, kind: str, title: str, description: str, width: float, height: float):
    body = [
        f'<rect x="0.5" y="0.5" width="{_n(width - 1)}" height="{_n(height - 1)}"'
        f' fill="{WHITE}" stroke="{LIGHT_GREY}"/>',
        _text(width / 2, height / 2 + 5, "No data", cls="sl-empty", size=14, anchor="middle"),
    ]
    return _svg(uid, kind, title, _join(description, "No data."), width, height, [], body)


def _series_words(
    categories: Sequence[str],
    series: Sequence[Series],
    labels: Sequence[Sequence[str]],
    totals: Sequence[str] = (),
) -> str:
    parts = []
    for index, category in enumerate(categories):
        values = [f"{one.label} {labels[s][index]}" for s, one in enumerate(series)]
        if totals:
            values.append(f"total {totals[index]}")
        parts.append(f"{category}: {', '.join(values)}")
    return "; ".join(parts) + "."


# --- charts ------------------------------------------------------------------------------------


def _fit_plot(
    ceiling: float, floor: float, reaches: Sequence[tuple[int, float]], bottom: int, top: int
) -> tuple[float, float]:
    """The tallest plot between ``ceiling`` and ``floor`` that leaves room for the value labels.

    ``reaches`` pairs each value with how far its label reaches beyond the bar's end (up for
    zero and above, down for negative values); ``bottom`` and ``top`` are the axis range.
    Returns the plot height and how far the plot's bottom sits above ``floor``.
    """
    span = top - bottom

    def drop_for(plot_height: float) -> float | None:
        drop = 0.0
        for value, reach in reaches:
            if value < 0:
                drop = max(drop, reach - (value - bottom) / span * plot_height)
        if floor - drop - plot_height - 8 < ceiling:  # the top tick label
            return None
        for value, reach in reaches:
            if (
                value >= 0
                and floor - drop - (value - bottom) / span * plot_height - reach < ceiling
            ):
                return None
        return drop

    low, high = 0.0, max(0.0, floor - ceiling)
    if drop_for(low) is None:
        return 0.0, 0.0
    for _ in range(40):
        middle = (low + high) / 2
        if drop_for(middle) is None:
            high = middle
        else:
            low = middle
    return low, drop_for(low) or 0.0


def grouped_bar_chart(
    *,
    title: str,
    categories: list[str],
    series: list[Series],
    format_value: Formatter | None = None,
    width: int = 720,
    height: int = 320,
    description: str = "",
) -> SafeString:
    """Vertical bars grouped by category (e.g. financial years), one bar per series.

    The y axis runs from ``min(0, smallest value)`` to a rounded maximum with 4 to 6 labelled
    gridlines; each bar carries its value as text (smaller or rotated when crowded); long
    category labels wrap to two lines and are cut with an ellipsis, the full text kept in a
    ``<title>``. No categories, or only zeros, gives a chart saying "No data".
    """
    fmt = format_value or _money_m
    categories = [_clean(category) for category in categories]
    _check_series(categories, series)
    labels = [[fmt(value) for value in one.values] for one in series]
    uid = _uid(
        "grouped",
        title,
        categories,
        [(one.label, one.values, one.colour, one.pattern) for one in series],
        labels,
        width,
        height,
        description,
    )
    values = [value for one in series for value in one.values]
    if not any(values):
        return _no_data(uid, "grouped", title, description, width, height)
    desc = _join(description, _series_words(categories, series, labels))
    styles = _series_styles(uid, series)

    legend, legend_height = _legend(
        [(one.label, style) for one, style in zip(series, styles, strict=True)],
        PAD,
        PAD,
        width - 2 * PAD,
    )
    low, high = min(0, *values), max(0, *values)
    ticks = _nice_ticks(low, high, fmt)
    tick_labels = [fmt(tick) for tick in ticks]
    left = PAD + max(_text_width(label, SMALL_FONT_SIZE) for label in tick_labels) + 8
    right = width - PAD
    group_width = (right - left) / len(categories)
    slot = min(group_width * (0.8 if len(series) > 1 else 0.6) / len(series), 80)
    gap = min(4.0, slot * 0.15)

    # Value labels: horizontal if they fit above their bar, else smaller, else rotated.
    value_labels = [label for row in labels for label in row]
    rotated = True
    for size in (FONT_SIZE, SMALL_FONT_SIZE, 10):
        if max(_text_width(label, size) for label in value_labels) <= slot - 2:
            value_size, rotated = size, False
            break
    else:
        value_size = max(8.0, min(SMALL_FONT_SIZE, slot - 2))
    # How far each value label reaches beyond the end of its bar.
    reaches = [
        (value, (_text_width(label, value_size) if rotated else value_size) + 4)
        for value, label in zip(values, value_labels, strict=True)
    ]

    # Category labels: up to two lines under each group, or slanted when the groups are narrow.
    category_size = FONT_SIZE if group_width >= 48 else 10
    wrapped = [_wrap(category, group_width - 6, category_size) for category in categories]
    category_height = max(len(lines) for lines, _ in wrapped) * LINE_HEIGHT + 6
    slanted = group_width < 60 and any(truncated for _, truncated in wrapped)
    if slanted:
        category_size = max(8.0, min(FONT_SIZE, group_width * 0.7 - 1))
        wrapped = []
        for c, category in enumerate(categories):
            # A slanted label runs down and to the left: keep it inside the chart.
            room = min(120.0, (left + group_width * (c + 0.5) - PAD) / 0.71)
            short = _fit(category, room, category_size)
            wrapped.append(([short], short != category))
        longest = max(_text_width(lines[0], category_size) for lines, _ in wrapped)
        category_height = longest * 0.71 + category_size + 8

    ceiling = PAD + legend_height + 4
    total_height = float(height)
    for _ in range(10):
        floor = total_height - PAD - category_height
        plot_height, drop = _fit_plot(ceiling, floor, reaches, ticks[0], ticks[-1])
        if plot_height >= MIN_PLOT_HEIGHT:
            break
        total_height += MIN_PLOT_HEIGHT - plot_height + 1
    plot_bottom = floor - drop
    span = ticks[-1] - ticks[0]

    def y_of(value: int) -> float:
        return plot_bottom - (value - ticks[0]) / span * plot_height

    body = list(legend)
    for tick, label in zip(ticks, tick_labels, strict=True):
        y = y_of(tick)
        if tick != 0:
            body.append(
                f'<line class="sl-grid" x1="{_n(left)}" y1="{_n(y)}" x2="{_n(right)}"'
                f' y2="{_n(y)}" stroke="{LIGHT_GREY}" stroke-width="1"/>'
            )
        body.append(
            _text(left - 6, y + 4, label, cls="sl-tick", size=SMALL_FONT_SIZE, anchor="end")
        )

    zero = y_of(0)
    for c, category in enumerate(categories):
        centre = left + group_width * (c + 0.5)
        start = centre - slot * len(series) / 2
        for s, (one, style) in enumerate(zip(series, styles, strict=True)):
            value, label = one.values[c], labels[s][c]
            x = start + s * slot + gap / 2
            bar_width = slot - gap
            middle = x + bar_width / 2
            end = y_of(value)
            if value:
                body.append(
                    style.shape(x, min(end, zero), bar_width, abs(zero - end), "sl-bar",
                                f"{category}, {one.label}: {label}")
                )  # fmt: skip
            if rotated:
                offset = value_size * 0.35
                if value < 0:
                    body.append(
                        _text(middle + offset, end + 4, label, cls="sl-value", size=value_size,
                              anchor="end", rotate=-90)
                    )  # fmt: skip
                else:
                    body.append(
                        _text(middle + offset, end - 4, label, cls="sl-value", size=value_size,
                              rotate=-90)
                    )  # fmt: skip
            else:
                y = end + value_size + 3 if value < 0 else end - 4
                body.append(
                    _text(middle, y, label, cls="sl-value", size=value_size, anchor="middle")
                )
        lines, truncated = wrapped[c]
        full = category if truncated else ""
        if slanted:
            x, y = centre + category_size * 0.35, floor + category_size * 0.35 + 6
            body.append(
                _text(x, y, lines[0], cls="sl-category", size=category_size, anchor="end",
                      rotate=-45, full=full)
            )  # fmt: skip
        else:
            body.append(
                _text_lines(centre, floor + category_size + 6, lines, cls="sl-category",
                            size=category_size, anchor="middle", full=full)
            )  # fmt: skip
    body.append(
        f'<line class="sl-zero" x1="{_n(left)}" y1="{_n(zero)}" x2="{_n(right)}" y2="{_n(zero)}"'
        f' stroke="{TEXT}" stroke-width="1.5"/>'
    )
    defs = [style.definition() for style in styles]
    return _svg(uid, "grouped", title, desc, width, total_height, defs, body)


def stacked_bar_chart(
    *,
    title: str,
    categories: list[str],
    series: list[Series],
    format_value: Formatter | None = None,
    width: int = 720,
    height: int | None = None,
    description: str = "",
) -> SafeString:
    """Horizontal stacked bars, one per category (e.g. per bundle: Blue/Green/Amber/Red value).

    Positive values stack rightwards from zero, negative ones leftwards. A segment carries its
    value as text when it is wide enough; every bar ends with its (net) total. ``height`` is the
    least height; by default the chart is as tall as its rows need.
    """
    fmt = format_value or _money_m
    categories = [_clean(category) for category in categories]
    _check_series(categories, series)
    labels = [[fmt(value) for value in one.values] for one in series]
    totals = [sum(one.values[c] for one in series) for c in range(len(categories))]
    total_labels = [fmt(total) for total in totals]
    uid = _uid(
        "stacked",
        title,
        categories,
        [(one.label, one.values, one.colour, one.pattern) for one in series],
        labels,
        total_labels,
        width,
        height,
        description,
    )
    values = [value for one in series for value in one.values]
    if not any(values):
        return _no_data(uid, "stacked", title, description, width, height or 120)
    desc = _join(description, _series_words(categories, series, labels, total_labels))
    styles = _series_styles(uid, series)

    legend, legend_height = _legend(
        [(one.label, style) for one, style in zip(series, styles, strict=True)],
        PAD,
        PAD,
        width - 2 * PAD,
    )
    positives = [
        sum(one.values[c] for one in series if one.values[c] > 0) for c in range(len(totals))
    ]
    negatives = [
        sum(one.values[c] for one in series if one.values[c] < 0) for c in range(len(totals))
    ]
    low, high = min(0, *negatives), max(0, *positives)

    label_width = min(
        width * 0.3, max(_text_width(category, FONT_SIZE) for category in categories) + 2
    )
    wrapped = [_wrap(category, label_width, FONT_SIZE) for category in categories]
    total_width = max(_text_width(label, FONT_SIZE, bold=True) for label in total_labels) + 8

    ticks = _nice_ticks(low, high, fmt)
    widest_tick = max(_text_width(fmt(tick), SMALL_FONT_SIZE) for tick in ticks)
    left = max(PAD + label_width + 10, PAD + widest_tick / 2)
    right = width - PAD - max(total_width, widest_tick / 2)
    for intervals in (5, 4, 3, 2, 1):
        ticks = _nice_ticks(low, high, fmt, intervals)
        widest_tick = max(_text_width(fmt(tick), SMALL_FONT_SIZE) for tick in ticks)
        if (right - left) / (len(ticks) - 1) >= widest_tick + 10:
            break
    span = ticks[-1] - ticks[0]

    def x_of(value: int) -> float:
        return left + (value - ticks[0]) / span * (right - left)

    most_lines = max(len(lines) for lines, _ in wrapped)
    row_space = max(26 + 14, most_lines * LINE_HEIGHT + 12)
    plot_top = PAD + legend_height + 8
    axis_height = SMALL_FONT_SIZE + 10
    natural = plot_top + len(categories) * row_space + axis_height + PAD
    total_height = max(height or 0, natural)
    row_space = (total_height - plot_top - axis_height - PAD) / len(categories)
    bar_height = min(36.0, max(26.0, row_space - 14))
    plot_bottom = plot_top + row_space * len(categories)

    body = list(legend)
    for tick in ticks:
        x = x_of(tick)
        if tick != 0:
            body.append(
                f'<line class="sl-grid" x1="{_n(x)}" y1="{_n(plot_top)}" x2="{_n(x)}"'
                f' y2="{_n(plot_bottom)}" stroke="{LIGHT_GREY}" stroke-width="1"/>'
            )
        body.append(
            _text(x, plot_bottom + SMALL_FONT_SIZE + 4, fmt(tick), cls="sl-tick",
                  size=SMALL_FONT_SIZE, anchor="middle")
        )  # fmt: skip

    for c, category in enumerate(categories):
        top = plot_top + row_space * c + (row_space - bar_height) / 2
        middle = top + bar_height / 2
        lines, truncated = wrapped[c]
        first_baseline = middle + 4 - (len(lines) - 1) * LINE_HEIGHT / 2
        body.append(
            _text_lines(left - 10, first_baseline, lines, cls="sl-category", anchor="end",
                        full=category if truncated else "")
        )  # fmt: skip
        rising, falling = 0, 0
        for s, (one, style) in enumerate(zip(series, styles, strict=True)):
            value = one.values[c]
            if value > 0:
                x1, x2 = x_of(rising), x_of(rising + value)
                rising += value
            elif value < 0:
                x1, x2 = x_of(falling + value), x_of(falling)
                falling += value
            else:
                continue
            label = labels[s][c]
            body.append(
                style.shape(x1, top, x2 - x1, bar_height, "sl-bar",
                            f"{category}, {one.label}: {label}")
            )  # fmt: skip
            label_width_here = _text_width(label, SMALL_FONT_SIZE)
            if label_width_here + 10 <= x2 - x1:
                body.append(_label_box((x1 + x2) / 2, middle, label_width_here))
                body.append(
                    _text((x1 + x2) / 2, middle + 4, label, cls="sl-value",
                          size=SMALL_FONT_SIZE, anchor="middle")
                )  # fmt: skip
        total_x = x_of(rising) + 6
        total_text_width = _text_width(total_labels[c], FONT_SIZE, bold=True)
        body.append(_label_box(total_x + total_text_width / 2, middle, total_text_width, FONT_SIZE))
        body.append(_text(total_x, middle + 4, total_labels[c], cls="sl-total", bold=True))
    zero = x_of(0)
    body.append(
        f'<line class="sl-zero" x1="{_n(zero)}" y1="{_n(plot_top)}" x2="{_n(zero)}"'
        f' y2="{_n(plot_bottom)}" stroke="{TEXT}" stroke-width="1.5"/>'
    )
    defs = [style.definition() for style in styles]
    return _svg(uid, "stacked", title, desc, width, total_height, defs, body)


def _label_box(
    centre_x: float, centre_y: float, text_width: float, size: float = SMALL_FONT_SIZE
) -> str:
    """A white box behind a label drawn over a pattern or gridlines, so the text stays readable."""
    box_width, box_height = text_width + 6, size + 5
    return (
        f'<rect class="sl-label-box" x="{_n(centre_x - box_width / 2)}"'
        f' y="{_n(centre_y - box_height / 2)}" width="{_n(box_width)}" height="{_n(box_height)}"'
        f' rx="2" fill="{WHITE}"/>'
    )


def _percentages(parts: Sequence[int]) -> list[int]:
    """Whole percentages of ``parts`` that add up to 100 (largest remainder method)."""
    total = sum(parts)
    floors = [part * 100 // total for part in parts]
    remainders = [part * 100 % total for part in parts]
    order = sorted(range(len(parts)), key=lambda index: (-remainders[index], index))
    for index in order[: 100 - sum(floors)]:
        floors[index] += 1
    return floors


def _savings(count: int) -> str:
    return f"{count:,} saving" if count == 1 else f"{count:,} savings"


def rag_bar(
    *,
    title: str,
    counts: dict[str, int],
    values: dict[str, int],
    format_value: Formatter | None = None,
    width: int = 720,
) -> SafeString:
    """One horizontal 100% bar split by RAG status, each segment proportional to its value.

    Statuses appear in the order Blue, Green, Amber, Red, Not rated (only those present; any
    other status follows, in grey). Each segment is patterned and labelled in the legend with
    its name, count, value and share, e.g. "Amber: 3 savings, £1.20m (25%)"; the share is also
    printed inside the segment when it fits. If every value is zero the segments follow the
    counts instead.
    """
    fmt = format_value or _money_m
    for number in [*counts.values(), *values.values()]:
        _check_int(number)
    present = dict.fromkeys([*counts, *values])
    keys = [key for key in RAG_ORDER if key in present]
    keys += [key for key in present if key not in RAG_ORDER]
    value_labels = [fmt(values.get(key, 0)) for key in keys]
    uid = _uid(
        "rag",
        title,
        [(key, counts.get(key, 0), values.get(key, 0)) for key in keys],
        value_labels,
        width,
    )
    basis = [max(values.get(key, 0), 0) for key in keys]
    basis_words = "value"
    if not sum(basis):
        basis = [max(counts.get(key, 0), 0) for key in keys]
        basis_words = "number of savings"
    if not sum(basis):
        return _no_data(uid, "rag", title, "", width, 60)

    shares = _percentages(basis)
    share_labels = [
        "<1%" if part and share == 0 else f"{share}%"
        for part, share in zip(basis, shares, strict=True)
    ]
    names = [_clean(key) for key in keys]
    entries = [
        f"{name}: {_savings(counts.get(key, 0))}, {value_label} ({share})"
        for name, key, value_label, share in zip(
            names, keys, value_labels, share_labels, strict=True
        )
    ]
    total_count = sum(counts.get(key, 0) for key in keys)
    total_value = fmt(sum(values.get(key, 0) for key in keys))
    desc = _join(
        "; ".join(entries) + ".",
        f"Total: {_savings(total_count)}, {total_value}. Shares are of {basis_words}.",
    )

    styles = [
        _Style(
            f"{uid}-p{index}",
            RAG_PATTERNS.get(key, "horizontal"),
            RAG_COLOURS.get(key, GREY),
        )
        for index, key in enumerate(keys)
    ]
    bar_top, bar_height = PAD, 40
    left, right = PAD, width - PAD
    total = sum(basis)
    body = []
    x = left
    for name, entry, part, share, style in zip(
        names, entries, basis, share_labels, styles, strict=True
    ):
        if not part:
            continue
        segment = part / total * (right - left)
        body.append(style.shape(x, bar_top, segment, bar_height, "sl-bar", entry))
        for inside in (f"{name} {share}", share):
            inside_width = _text_width(inside, SMALL_FONT_SIZE)
            if inside_width + 10 <= segment:
                middle = bar_top + bar_height / 2
                body.append(_label_box(x + segment / 2, middle, inside_width))
                body.append(
                    _text(x + segment / 2, middle + 4, inside, cls="sl-value",
                          size=SMALL_FONT_SIZE, anchor="middle")
                )  # fmt: skip
                break
        x += segment
    legend, legend_height = _legend(
        list(zip(entries, styles, strict=True)), left, bar_top + bar_height + 10, right - left
    )
    body.extend(legend)
    total_height = bar_top + bar_height + 10 + legend_height + PAD
    defs = [style.definition() for style in styles]
    return _svg(uid, "rag", title, desc, width, total_height, defs, body)


def sparkline(
    *,
    title: str,
    points: list[int | None],
    width: int = 160,
    height: int = 40,
    higher_is_better: bool = True,
    format_value: Formatter | None = None,
) -> SafeString:
    """A small trend line; ``None`` leaves a gap. The last point is circled and labelled.

    The circle is green when the latest value is better than the first (given
    ``higher_is_better``), red when worse and grey when unchanged; the ``<desc>`` says so in
    words. Values are shown with ``format_value``, by default as plain integers ("1,234").
    """
    fmt = format_value or _plain_int
    for point in points:
        if point is not None:
            _check_int(point)
    shown = [None if point is None else fmt(point) for point in points]
    uid = _uid("sparkline", title, list(points), shown, width, height, higher_is_better)
    known = [(index, point) for index, point in enumerate(points) if point is not None]
    if not known:
        body = [
            _text(width / 2, height / 2 + 4, "No data", cls="sl-empty", size=SMALL_FONT_SIZE,
                  anchor="middle")
        ]  # fmt: skip
        return _svg(uid, "sparkline", title, "No data.", width, height, [], body)

    first, last = known[0][1], known[-1][1]
    last_label = fmt(last)
    if last == first:
        verdict, marker = "no change", GREY
    else:
        better = (last > first) == higher_is_better
        verdict, marker = ("better", GREEN) if better else ("worse", RED)
    direction = "up" if last > first else "down" if last < first else "level"
    words = ", ".join("no data" if label is None else label for label in shown)
    trend = f"Latest {last_label}"
    if len(known) > 1:
        trend += f", {direction} from {fmt(first)} ({verdict})"
    higher = "higher" if higher_is_better else "lower"
    desc = f"Values: {words}. {trend}. {higher.capitalize()} is better."

    pad = 4.0
    label_width = _text_width(last_label, SMALL_FONT_SIZE)
    left, right = pad, max(pad + 10, width - pad - label_width - 6)
    top, bottom = pad, height - pad
    low = min(point for _, point in known)
    high = max(point for _, point in known)

    def x_of(index: int) -> float:
        if len(points) == 1:
            return right
        return left + index / (len(points) - 1) * (right - left)

    def y_of(value: int) -> float:
        if high == low:
            return (top + bottom) / 2
        return bottom - (value - low) / (high - low) * (bottom - top)

    body = []
    runs: list[list[tuple[float, float]]] = [[]]
    for index, point in enumerate(points):
        if point is None:
            if runs[-1]:
                runs.append([])
            continue
        runs[-1].append((x_of(index), y_of(point)))
    for run in runs:
        if len(run) > 1:
            d = " ".join(f"{'M' if i == 0 else 'L'}{_n(x)},{_n(y)}" for i, (x, y) in enumerate(run))
            body.append(
                f'<path class="sl-line" d="{d}" fill="none" stroke="{BLUE}" stroke-width="2"'
                ' stroke-linejoin="round" stroke-linecap="round"/>'
            )
        elif len(run) == 1:
            x, y = run[0]
            body.append(
                f'<circle class="sl-point" cx="{_n(x)}" cy="{_n(y)}" r="1.5" fill="{BLUE}"/>'
            )
    x, y = x_of(known[-1][0]), y_of(last)
    body.append(
        f'<circle class="sl-last" cx="{_n(x)}" cy="{_n(y)}" r="3" fill="{marker}"'
        f' stroke="{TEXT}" stroke-width="1"/>'
    )
    label_y = min(max(y + 4, SMALL_FONT_SIZE), height - 2)
    body.append(_text(x + 6, label_y, last_label, cls="sl-value", size=SMALL_FONT_SIZE))
    return _svg(uid, "sparkline", title, desc, width, height, [], body)
