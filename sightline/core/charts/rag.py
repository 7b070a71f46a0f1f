"""The delivery confidence bar (savings by RAG) and the sparkline of an indicator's trend."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.safestring import SafeString

from sightline.core.charts.frame import _join, _legend, _no_data, _svg
from sightline.core.charts.style import (
    BLUE,
    GREEN,
    GREY,
    PAD,
    RAG_COLOURS,
    RAG_ORDER,
    RAG_PATTERNS,
    RED,
    SMALL_FONT_SIZE,
    WHITE,
    Formatter,
    _Style,
    _uid,
)
from sightline.core.charts.text import (
    TEXT,
    _check_int,
    _clean,
    _money_m,
    _n,
    _plain_int,
    _text,
    _text_width,
)


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

    last = known[-1][1]
    last_label = fmt(last)
    marker, desc = _trend_words(shown, known, fmt, higher_is_better)

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

    body = _trend_line([None if p is None else (x_of(i), y_of(p)) for i, p in enumerate(points)])
    x, y = x_of(known[-1][0]), y_of(last)
    body.append(
        f'<circle class="sl-last" cx="{_n(x)}" cy="{_n(y)}" r="3" fill="{marker}"'
        f' stroke="{TEXT}" stroke-width="1"/>'
    )
    label_y = min(max(y + 4, SMALL_FONT_SIZE), height - 2)
    body.append(_text(x + 6, label_y, last_label, cls="sl-value", size=SMALL_FONT_SIZE))
    return _svg(uid, "sparkline", title, desc, width, height, [], body)


def _trend_words(shown, known, fmt, higher_is_better: bool) -> tuple[str, str]:
    """The last point's colour (better, worse or no change) and the trend in words."""
    first, last = known[0][1], known[-1][1]
    if last == first:
        verdict, marker = "no change", GREY
    else:
        better = (last > first) == higher_is_better
        verdict, marker = ("better", GREEN) if better else ("worse", RED)
    direction = "up" if last > first else "down" if last < first else "level"
    words = ", ".join("no data" if label is None else label for label in shown)
    trend = f"Latest {fmt(last)}"
    if len(known) > 1:
        trend += f", {direction} from {fmt(first)} ({verdict})"
    higher = "higher" if higher_is_better else "lower"
    return marker, f"Values: {words}. {trend}. {higher.capitalize()} is better."


def _trend_line(positions: list[tuple[float, float] | None]) -> list[str]:
    """The line through the points, broken where one is missing (``None``); a point with
    no neighbour is drawn as a dot."""
    runs: list[list[tuple[float, float]]] = [[]]
    for position in positions:
        if position is None:
            if runs[-1]:
                runs.append([])
            continue
        runs[-1].append(position)
    body = []
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
    return body
