import re
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sightline.core.charts import (
    Series,
    _money_m,
    grouped_bar_chart,
    rag_bar,
    sparkline,
    stacked_bar_chart,
)

SVG = "{http://www.w3.org/2000/svg}"
YEARS = ["2013/14", "2014/15", "2015/16"]


def parse(svg) -> ET.Element:
    return ET.fromstring(str(svg))


def with_class(root: ET.Element, tag: str, cls: str) -> list[ET.Element]:
    return [el for el in root.iter(f"{SVG}{tag}") if cls in (el.get("class") or "").split()]


def visible(el: ET.Element) -> str:
    """The text an element shows, leaving out any <title> child (a tooltip, not drawn)."""
    parts = [el.text or ""]
    for child in el:
        if child.tag != f"{SVG}title":
            parts.append(visible(child))
        parts.append(child.tail or "")
    return "".join(parts)


def shown(root: ET.Element, cls: str) -> list[str]:
    return [visible(el) for el in with_class(root, "text", cls)]


def height(el: ET.Element) -> float:
    return float(el.get("height"))


def bottom(el: ET.Element) -> float:
    return float(el.get("y")) + height(el)


def zero_line(root: ET.Element) -> ET.Element:
    (line,) = with_class(root, "line", "sl-zero")
    return line


def savings_chart(**overrides):
    arguments = {
        "title": "Savings by year",
        "categories": YEARS,
        "series": [
            Series("Target", [1_800_000_000, 1_500_000_000, 1_000_000_000]),
            Series("Planned", [2_029_000_000, 750_000_000, 0]),
        ],
    }
    return grouped_bar_chart(**arguments | overrides)


# --- money formatting ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pence", "text"),
    [
        (2_029_000_000, "£20.29m"),
        (120_000_000, "£1.20m"),
        (1_800_000_000, "£18.00m"),
        (123_456_789_012, "£1,234.57m"),
        (100_000_500, "£1.00m"),
        (100_500_000, "£1.01m"),
        (45_000_000, "£450k"),
        (99_999_950, "£1.00m"),
        (150_050, "£2k"),
        (7_550, "£76"),
        (0, "£0"),
        (-12_000_000, "-£120k"),
        (-120_000_000, "-£1.20m"),
        (-49, "£0"),
    ],
)
def test_money_is_shown_compactly_rounding_half_up(pence, text):
    assert _money_m(pence) == text


def test_float_values_are_refused_because_money_is_integer_pence():
    with pytest.raises(TypeError):
        _money_m(1.5)
    with pytest.raises(TypeError):
        savings_chart(series=[Series("Target", [1.0, 2, 3])])


def test_a_series_with_the_wrong_number_of_values_is_refused():
    with pytest.raises(ValueError, match="Target"):
        savings_chart(series=[Series("Target", [1, 2])])


# --- grouped bar chart -----------------------------------------------------------------------


def test_a_grouped_chart_is_an_accessible_svg_image_that_scales():
    root = parse(savings_chart())
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.get("width") == "100%"
    assert re.fullmatch(r"0 0 720 [0-9.]+", root.get("viewBox"))
    assert "GDS Transport" in root.get("font-family")
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert title.text == "Savings by year"


def test_the_description_gives_all_the_data_in_words():
    desc = parse(savings_chart(description="Savings planned against target.")).find(f"{SVG}desc")
    assert desc.text == (
        "Savings planned against target. "
        "2013/14: Target £18.00m, Planned £20.29m; "
        "2014/15: Target £15.00m, Planned £7.50m; "
        "2015/16: Target £10.00m, Planned £0."
    )


def test_there_is_one_bar_for_each_non_zero_value():
    root = parse(savings_chart())
    assert len(with_class(root, "rect", "sl-bar")) == 5


def test_bar_heights_are_proportional_to_the_values():
    bars = with_class(parse(savings_chart()), "rect", "sl-bar")
    target_2013, planned_2013 = bars[0], bars[1]
    target_2015 = bars[4]
    assert height(planned_2013) / height(target_2013) == pytest.approx(2029 / 1800, rel=0.01)
    assert height(target_2015) / height(target_2013) == pytest.approx(1000 / 1800, rel=0.01)


def test_bars_stand_on_the_zero_line():
    root = parse(savings_chart())
    zero = float(zero_line(root).get("y1"))
    for bar in with_class(root, "rect", "sl-bar"):
        assert bottom(bar) == pytest.approx(zero, abs=0.01)


def test_every_value_is_printed_as_text_beside_its_bar():
    labels = shown(parse(savings_chart()), "sl-value")
    assert labels == ["£18.00m", "£20.29m", "£15.00m", "£7.50m", "£10.00m", "£0"]


def test_value_labels_sit_above_their_bars():
    root = parse(savings_chart())
    bars = with_class(root, "rect", "sl-bar")
    labels = with_class(root, "text", "sl-value")
    assert float(labels[0].get("y")) < float(bars[0].get("y"))


def test_the_legend_names_every_series_next_to_a_swatch():
    root = parse(savings_chart())
    items = with_class(root, "g", "sl-legend-item")
    assert [visible(item.find(f"{SVG}text")) for item in items] == ["Target", "Planned"]
    for item in items:
        assert with_class(item, "rect", "sl-swatch")


def test_each_series_has_its_own_fill_pattern_so_colour_is_not_the_only_cue():
    root = parse(savings_chart())
    patterns = {p.get("id"): p.get("class") for p in root.iter(f"{SVG}pattern")}
    assert patterns, "no <pattern> defined"
    referenced = {
        el.get("fill")[len("url(#") : -1]
        for el in root.iter(f"{SVG}rect")
        if (el.get("fill") or "").startswith("url(#")
    }
    assert referenced == set(patterns)
    # Target is solid blue; Planned is green with hatching, drawn over every Planned bar.
    hatched = [
        el
        for el in with_class(root, "rect", "sl-pattern-fill")
        if patterns[el.get("fill")[5:-1]] == "sl-pattern sl-pattern-hatch"
    ]
    assert len(hatched) == 2 + 1  # two Planned bars and the legend swatch


def test_series_can_choose_their_own_colour_and_pattern():
    chart = savings_chart(
        series=[
            Series("Target", [1, 2, 3], colour="#4C2C92", pattern="dots"),
            Series("Planned", [1, 2, 3], pattern="solid"),
        ]
    )
    root = parse(chart)
    assert [p.get("class") for p in root.iter(f"{SVG}pattern")] == ["sl-pattern sl-pattern-dots"]
    fills = {el.get("fill") for el in with_class(root, "rect", "sl-bar")}
    assert fills == {"#4c2c92", "#00703c"}
    with pytest.raises(ValueError):
        savings_chart(series=[Series("Target", [1, 2, 3], pattern="zigzag")])
    with pytest.raises(ValueError):
        savings_chart(series=[Series("Target", [1, 2, 3], colour='red" onload="x')])


def test_user_text_is_escaped():
    chart = str(
        grouped_bar_chart(
            title="Cuts <script>alert(1)</script> & more",
            categories=["Adults & <b>health</b>"],
            series=[Series("Plan <script>", [100_000_000])],
            description="Q&A",
        )
    )
    assert "<script>" not in chart and "<b>" not in chart
    root = parse(chart)
    assert root.find(f"{SVG}title").text == "Cuts <script>alert(1)</script> & more"
    assert root.find(f"{SVG}desc").text == "Q&A Adults & <b>health</b>: Plan <script> £1.00m."
    assert shown(root, "sl-category") == ["Adults & <b>health</b>"]
    assert shown(root, "sl-legend") == ["Plan <script>"]


def test_characters_that_xml_cannot_hold_are_dropped_from_user_text():
    root = parse(savings_chart(title="Bad\x00\x0bchars", categories=["a\x1fb", "c", "d"]))
    assert root.find(f"{SVG}title").text == "Badchars"
    assert shown(root, "sl-category")[0] == "ab"


def test_long_category_labels_wrap_then_end_in_an_ellipsis_keeping_the_full_text_in_a_title():
    long = "Children's services transformation programme for the whole county and its districts"
    root = parse(savings_chart(categories=["Adults", long, "Place"]))
    labels = with_class(root, "text", "sl-category")
    assert visible(labels[0]) == "Adults"
    assert labels[0].find(f"{SVG}title") is None
    lines = [visible(span) for span in labels[1].iter(f"{SVG}tspan")]
    assert len(lines) == 2
    assert lines[1].endswith("\u2026")
    assert long.startswith(" ".join(lines)[:-1])
    assert labels[1].find(f"{SVG}title").text == long


def test_the_y_axis_has_round_labelled_gridlines_from_zero_to_above_the_largest_value():
    root = parse(savings_chart())
    ticks = shown(root, "sl-tick")
    assert ticks == ["£0", "£5.00m", "£10.00m", "£15.00m", "£20.00m", "£25.00m"]
    assert len(with_class(root, "line", "sl-grid")) == len(ticks) - 1  # zero has its own line


def test_negative_values_are_drawn_below_the_zero_line_with_their_label_below_them():
    root = parse(
        grouped_bar_chart(
            title="Net",
            categories=["A", "B"],
            series=[Series("Delivered", [300_000_000, -100_000_000])],
        )
    )
    zero = float(zero_line(root).get("y1"))
    positive, negative = with_class(root, "rect", "sl-bar")
    assert bottom(positive) == pytest.approx(zero, abs=0.01)
    assert float(negative.get("y")) == pytest.approx(zero, abs=0.01)
    assert height(positive) / height(negative) == pytest.approx(3, rel=0.01)
    label = with_class(root, "text", "sl-value")[1]
    assert visible(label) == "-£1.00m"
    assert float(label.get("y")) > bottom(negative)
    assert shown(root, "sl-tick")[0] == "-£1.00m"


def test_crowded_value_labels_are_rotated_rather_than_overlapping():
    many = [f"20{n:02}/{n + 1:02}" for n in range(10, 22)]
    series = [Series(name, [123_456_789] * len(many)) for name in ("A", "B", "C", "D", "E")]
    root = parse(grouped_bar_chart(title="Busy", categories=many, series=series))
    labels = with_class(root, "text", "sl-value")
    assert len(labels) == 60
    assert all(label.get("transform", "").startswith("rotate(-90") for label in labels)


def test_category_labels_slant_when_the_groups_are_too_narrow_for_them():
    many = [f"20{n:02}/{n + 1:02}" for n in range(10, 22)]
    series = [Series("Target", [100_000_000] * len(many))]
    root = parse(grouped_bar_chart(title="Years", categories=many, series=series, width=420))
    labels = with_class(root, "text", "sl-category")
    assert [visible(label) for label in labels] == many
    assert all(label.get("transform", "").startswith("rotate(-45") for label in labels)
    few = [Series("Target", [100_000_000] * 3)]
    roomy = parse(grouped_bar_chart(title="Years", categories=many[:3], series=few))
    assert not any(label.get("transform") for label in with_class(roomy, "text", "sl-category"))


def test_a_custom_formatter_is_used_for_labels_ticks_and_description():
    root = parse(
        savings_chart(
            series=[Series("Count", [3, 5, 0])],
            format_value=lambda n: f"{n} savings",
        )
    )
    assert shown(root, "sl-value") == ["3 savings", "5 savings", "0 savings"]
    assert "2014/15: Count 5 savings" in root.find(f"{SVG}desc").text
    assert shown(root, "sl-tick")[-1] == "5 savings"


@pytest.mark.parametrize(
    ("categories", "series"),
    [
        ([], []),
        ([], [Series("Target", [])]),
        (YEARS, []),
        (YEARS, [Series("Target", [0, 0, 0]), Series("Planned", [0, 0, 0])]),
    ],
)
def test_a_chart_with_no_data_says_so(categories, series):
    root = parse(grouped_bar_chart(title="Nothing yet", categories=categories, series=series))
    assert shown(root, "sl-empty") == ["No data"]
    assert root.find(f"{SVG}title").text == "Nothing yet"
    assert root.find(f"{SVG}desc").text == "No data."
    assert not with_class(root, "rect", "sl-bar")


def test_tiny_values_still_get_distinct_axis_labels():
    root = parse(
        grouped_bar_chart(title="Pennies", categories=["A", "B"], series=[Series("X", [1, -1])])
    )
    ticks = shown(root, "sl-tick")
    assert len(ticks) == len(set(ticks)) >= 2


texts = st.text(max_size=40)
amounts = st.integers(min_value=-(10**12), max_value=10**12)


@settings(max_examples=60, deadline=None)
@given(
    title=texts,
    rows=st.lists(st.tuples(texts, amounts, amounts), max_size=8),
    width=st.integers(min_value=200, max_value=1200),
)
def test_any_input_gives_well_formed_deterministic_svg_with_a_bar_per_non_zero_value(
    title, rows, width
):
    categories = [row[0] for row in rows]
    series = [Series("First", [row[1] for row in rows]), Series("Second", [row[2] for row in rows])]
    non_zero = sum(1 for row in rows for value in row[1:] if value)
    for chart in (grouped_bar_chart, stacked_bar_chart):
        svg = chart(title=title, categories=categories, series=series, width=width)
        assert svg == chart(title=title, categories=categories, series=series, width=width)
        root = parse(svg)
        assert len(with_class(root, "rect", "sl-bar")) == non_zero
        for el in root.iter():
            for attribute in ("width", "height"):
                if el.tag == f"{SVG}rect":
                    assert float(el.get(attribute)) >= 0


def test_the_same_input_always_gives_the_same_output():
    assert savings_chart() == savings_chart()
    assert str(savings_chart()) == str(savings_chart())


def ids(svg) -> list[str]:
    return [el.get("id") for el in parse(svg).iter() if el.get("id")]


def test_two_different_charts_on_one_page_share_no_ids():
    first = ids(savings_chart())
    second = ids(savings_chart(title="Savings by year (revised)"))
    third = ids(stacked_bar_chart(title="Savings by year", categories=YEARS, series=[
        Series("Target", [1_800_000_000, 1_500_000_000, 1_000_000_000]),
        Series("Planned", [2_029_000_000, 750_000_000, 0]),
    ]))  # fmt: skip
    everything = first + second + third
    assert len(everything) == len(set(everything))
    assert len(first) == 2 + 1  # title, desc and the one pattern (Target is solid)


def test_the_output_is_marked_safe_for_templates():
    from django.template import Context, Template

    html = Template("{{ chart }}").render(Context({"chart": savings_chart()}))
    assert html.startswith("<svg ")


# --- stacked bar chart -----------------------------------------------------------------------


def rag_by_bundle(**overrides):
    arguments = {
        "title": "Savings by bundle and RAG",
        "categories": ["Adults", "Children's services", "Place"],
        "series": [
            Series("Blue", [120_000_000, 20_000_000, 0]),
            Series("Green", [300_000_000, 80_000_000, 40_000_000]),
            Series("Amber", [120_000_000, 150_000_000, 10_000_000]),
            Series("Red", [40_000_000, 0, 90_000_000]),
        ],
    }
    return stacked_bar_chart(**arguments | overrides)


def test_a_stacked_chart_describes_every_segment_and_total():
    root = parse(rag_by_bundle())
    assert root.find(f"{SVG}title").text == "Savings by bundle and RAG"
    assert root.find(f"{SVG}desc").text.startswith(
        "Adults: Blue £1.20m, Green £3.00m, Amber £1.20m, Red £400k, total £5.80m; "
    )


def test_stacked_segments_follow_on_from_each_other_and_are_proportional():
    bars = with_class(parse(rag_by_bundle()), "rect", "sl-bar")
    assert len(bars) == 10
    blue, green, amber, red = bars[:4]
    for before, after in [(blue, green), (green, amber), (amber, red)]:
        assert float(before.get("x")) + float(before.get("width")) == pytest.approx(
            float(after.get("x")), abs=0.02
        )
        assert before.get("y") == after.get("y")
    assert float(green.get("width")) / float(blue.get("width")) == pytest.approx(2.5, rel=0.01)
    assert float(red.get("width")) / float(blue.get("width")) == pytest.approx(1 / 3, rel=0.01)


def test_stacked_bars_end_with_their_totals_and_label_wide_segments():
    root = parse(rag_by_bundle())
    assert shown(root, "sl-total") == ["£5.80m", "£2.50m", "£1.40m"]
    values = shown(root, "sl-value")
    assert "£3.00m" in values and "£1.50m" in values
    assert "£100k" not in values  # Place's Amber segment is too narrow for its label
    assert shown(root, "sl-category") == ["Adults", "Children's services", "Place"]
    assert shown(root, "sl-legend") == ["Blue", "Green", "Amber", "Red"]


def test_stacked_negative_values_extend_left_of_the_zero_line():
    root = parse(
        stacked_bar_chart(
            title="Net",
            categories=["A"],
            series=[Series("Gained", [300_000_000]), Series("Lost", [-100_000_000])],
        )
    )
    zero = float(zero_line(root).get("x1"))
    gained, lost = with_class(root, "rect", "sl-bar")
    assert float(gained.get("x")) == pytest.approx(zero, abs=0.01)
    assert float(lost.get("x")) + float(lost.get("width")) == pytest.approx(zero, abs=0.01)
    assert float(gained.get("width")) / float(lost.get("width")) == pytest.approx(3, rel=0.01)
    assert shown(root, "sl-total") == ["£2.00m"]


def test_a_narrow_stacked_chart_with_gains_and_losses_renders():
    root = parse(
        stacked_bar_chart(
            title="Net",
            categories=["A", "B"],
            series=[
                Series("Gained", [300_000_000, 5]),
                Series("Lost", [-100_000_000, -220_000_000]),
            ],
            width=200,
        )
    )
    assert shown(root, "sl-total") == ["£2.00m", "-£2.20m"]
    assert len(shown(root, "sl-tick")) >= 3


def test_a_stacked_chart_grows_to_fit_its_rows_and_says_when_there_is_no_data():
    few = parse(rag_by_bundle())
    many = parse(
        rag_by_bundle(
            categories=[f"Bundle {n}" for n in range(12)],
            series=[Series("Green", list(range(1, 13)))],
        )
    )
    assert float(many.get("viewBox").split()[3]) > float(few.get("viewBox").split()[3])
    empty = parse(rag_by_bundle(categories=[], series=[]))
    assert shown(empty, "sl-empty") == ["No data"]


# --- RAG bar ---------------------------------------------------------------------------------

RAG_COUNTS = {"Red": 2, "Amber": 3, "Green": 5, "Blue": 4}
RAG_VALUES = {"Red": 30_000_000, "Amber": 120_000_000, "Green": 250_000_000, "Blue": 100_000_000}


def test_the_rag_bar_labels_each_status_with_its_count_value_and_share():
    root = parse(rag_bar(title="Programme RAG", counts=RAG_COUNTS, values=RAG_VALUES))
    assert shown(root, "sl-legend") == [
        "Blue: 4 savings, £1.00m (20%)",
        "Green: 5 savings, £2.50m (50%)",
        "Amber: 3 savings, £1.20m (24%)",
        "Red: 2 savings, £300k (6%)",
    ]
    assert shown(root, "sl-value") == ["Blue 20%", "Green 50%", "Amber 24%", "6%"]
    assert root.find(f"{SVG}desc").text == (
        "Blue: 4 savings, £1.00m (20%); Green: 5 savings, £2.50m (50%); "
        "Amber: 3 savings, £1.20m (24%); Red: 2 savings, £300k (6%). "
        "Total: 14 savings, £5.00m. Shares are of value."
    )


def test_rag_segments_are_in_order_proportional_to_value_and_fill_the_width():
    root = parse(rag_bar(title="RAG", counts=RAG_COUNTS, values=RAG_VALUES, width=500))
    bars = with_class(root, "rect", "sl-bar")
    assert [bar.get("fill") for bar in bars] == ["#1d70b8", "#00703c", "#f47738", "#d4351c"]
    widths = [float(bar.get("width")) for bar in bars]
    assert sum(widths) == pytest.approx(500 - 16, abs=0.05)
    assert widths[1] / widths[0] == pytest.approx(2.5, rel=0.01)
    assert widths[3] / widths[0] == pytest.approx(0.3, rel=0.01)
    assert [bar.find(f"{SVG}title").text for bar in bars][2] == "Amber: 3 savings, £1.20m (24%)"
    kinds = {p.get("class").split("-")[-1] for p in root.iter(f"{SVG}pattern")}
    assert kinds == {"hatch", "dots", "cross"}  # Blue is solid


def test_rag_shares_always_add_up_to_100_and_tiny_shares_show_as_under_1_percent():
    root = parse(
        rag_bar(
            title="RAG",
            counts={"Green": 1, "Amber": 1, "Red": 1, "Not rated": 1},
            values={"Green": 100_000, "Amber": 100_000, "Red": 100_000, "Not rated": 100},
        )
    )
    # 33.32% three times and 0.03%: the spare point goes to the largest remainder.
    assert shown(root, "sl-legend") == [
        "Green: 1 saving, £1k (34%)",
        "Amber: 1 saving, £1k (33%)",
        "Red: 1 saving, £1k (33%)",
        "Not rated: 1 saving, £1 (<1%)",
    ]


def test_rag_only_shows_statuses_present_and_falls_back_to_counts_when_values_are_zero():
    root = parse(rag_bar(title="RAG", counts={"Amber": 3, "Red": 1}, values={}))
    assert shown(root, "sl-legend") == [
        "Amber: 3 savings, £0 (75%)",
        "Red: 1 saving, £0 (25%)",
    ]
    assert root.find(f"{SVG}desc").text.endswith("Shares are of number of savings.")
    empty = parse(rag_bar(title="RAG", counts={}, values={}))
    assert shown(empty, "sl-empty") == ["No data"]


# --- sparkline -------------------------------------------------------------------------------


def test_a_sparkline_breaks_at_gaps_and_labels_its_last_point():
    root = parse(sparkline(title="Sickness days", points=[10, 12, None, 9, 8, 6]))
    assert root.get("viewBox") == "0 0 160 40"
    assert len(with_class(root, "path", "sl-line")) == 2
    (last,) = with_class(root, "circle", "sl-last")
    assert shown(root, "sl-value") == ["6"]
    label = with_class(root, "text", "sl-value")[0]
    assert float(label.get("x")) > float(last.get("cx"))
    assert float(label.get("x")) + 6 < 160
    assert root.find(f"{SVG}desc").text == (
        "Values: 10, 12, no data, 9, 8, 6. Latest 6, down from 10 (worse). Higher is better."
    )


def test_a_sparkline_says_whether_the_trend_is_better_or_worse():
    lower = parse(sparkline(title="Sickness", points=[10, 6], higher_is_better=False))
    assert "down from 10 (better). Lower is better." in lower.find(f"{SVG}desc").text
    assert with_class(lower, "circle", "sl-last")[0].get("fill") == "#00703c"
    higher = parse(sparkline(title="Sickness", points=[10, 6]))
    assert with_class(higher, "circle", "sl-last")[0].get("fill") == "#d4351c"
    flat = parse(sparkline(title="Flat", points=[5, 5, 5]))
    assert "(no change)" in flat.find(f"{SVG}desc").text


def test_a_sparkline_uses_the_formatter_and_marks_isolated_points():
    root = parse(
        sparkline(
            title="Spend", points=[None, 150_000_000, None, 120_000_000], format_value=_money_m
        )
    )
    assert shown(root, "sl-value") == ["£1.20m"]
    assert len(with_class(root, "circle", "sl-point")) == 2
    assert not with_class(root, "path", "sl-line")


def test_a_sparkline_without_points_says_no_data():
    for points in ([], [None, None]):
        root = parse(sparkline(title="Nothing", points=points))
        assert shown(root, "sl-empty") == ["No data"]


# --- PDF -------------------------------------------------------------------------------------


def test_charts_render_to_pdf_with_weasyprint():
    weasyprint = pytest.importorskip("weasyprint")
    html = (
        '<!doctype html><html><head><meta charset="utf-8"></head><body>'
        f"<h1>Savings</h1>{savings_chart()}{rag_by_bundle()}"
        f"{rag_bar(title='RAG', counts=RAG_COUNTS, values=RAG_VALUES)}"
        f"{sparkline(title='Trend', points=[1, 3, None, 2])}</body></html>"
    )
    pdf = weasyprint.HTML(string=html).write_pdf()
    assert pdf.startswith(b"%PDF")
