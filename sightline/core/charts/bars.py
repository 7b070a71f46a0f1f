"""Bar charts: grouped (a bar per series in each category) and stacked."""

from __future__ import annotations

from django.utils.safestring import SafeString

from sightline.core.charts.frame import (
    _fit_plot,
    _join,
    _legend,
    _nice_ticks,
    _no_data,
    _series_words,
    _svg,
)
from sightline.core.charts.rag import _label_box
from sightline.core.charts.style import (
    LIGHT_GREY,
    MIN_PLOT_HEIGHT,
    PAD,
    SMALL_FONT_SIZE,
    Formatter,
    Series,
    _check_series,
    _series_styles,
    _uid,
)
from sightline.core.charts.text import (
    FONT_SIZE,
    LINE_HEIGHT,
    TEXT,
    _clean,
    _fit,
    _money_m,
    _n,
    _text,
    _text_lines,
    _text_width,
    _wrap,
)


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

    value_labels = [label for row in labels for label in row]
    value_size, rotated = _value_label_size(value_labels, slot)
    # How far each value label reaches beyond the end of its bar.
    reaches = [
        (value, (_text_width(label, value_size) if rotated else value_size) + 4)
        for value, label in zip(values, value_labels, strict=True)
    ]

    wrapped, slanted, category_size, category_height = _category_labels(
        categories, group_width, left
    )

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
            body.append(_value_text(middle, end, value, label, value_size, rotated))
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


def _value_label_size(value_labels: list[str], slot: float) -> tuple[float, bool]:
    """Value labels' size, and whether they are rotated: horizontal if they fit above their
    bar, else smaller, else rotated."""
    for size in (FONT_SIZE, SMALL_FONT_SIZE, 10):
        if max(_text_width(label, size) for label in value_labels) <= slot - 2:
            return size, False
    return max(8.0, min(SMALL_FONT_SIZE, slot - 2)), True


def _category_labels(categories: list[str], group_width: float, left: float):
    """Category labels: up to two lines under each group, or slanted when the groups are
    narrow. Returns (lines and whether cut, per category), slanted, size and height."""
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
    return wrapped, slanted, category_size, category_height


def _value_text(middle: float, end: float, value: int, label: str, size: float, rotated: bool):
    """A bar's value as text: just beyond the bar's end, rotated when the bars are narrow."""
    if rotated:
        offset = size * 0.35
        if value < 0:
            return _text(middle + offset, end + 4, label, cls="sl-value", size=size,
                         anchor="end", rotate=-90)  # fmt: skip
        return _text(middle + offset, end - 4, label, cls="sl-value", size=size, rotate=-90)
    y = end + size + 3 if value < 0 else end - 4
    return _text(middle, y, label, cls="sl-value", size=size, anchor="middle")


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
