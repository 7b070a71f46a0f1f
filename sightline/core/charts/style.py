"""The charts' look: colours and fill patterns that tell series apart without colour, sizes, and
each series' style."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sightline.core.charts.text import (
    TEXT,
    _check_int,
    _esc,
    _n,
)

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


SMALL_FONT_SIZE = 11


SWATCH = 14


MIN_PLOT_HEIGHT = 80


_HEX_COLOUR = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})")


@dataclass(frozen=True)
class Series:
    """One data series: a legend label and one value (integer pence) per category."""

    label: str
    values: list[int]
    colour: str = ""
    pattern: str = ""


Formatter = Callable[[int], str]


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
