"""What every chart shares: ticks on a nice scale, the legend, the svg element with its title and
description, and fitting the plot to its labels."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.safestring import SafeString, mark_safe

from sightline.core.charts.style import (
    FONT_FAMILY,
    LIGHT_GREY,
    SWATCH,
    WHITE,
    Formatter,
    Series,
    _Style,
)
from sightline.core.charts.text import FONT_SIZE, _esc, _fit, _n, _text, _text_width


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
