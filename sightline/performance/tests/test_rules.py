"""The indicator rules: RAG against target, direction of travel, and periods."""

import datetime
from decimal import Decimal

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from sightline.performance import rules

values = st.decimals(
    min_value=-1_000_000, max_value=1_000_000, places=2, allow_nan=False, allow_infinity=False
)
tolerances = st.decimals(
    min_value=0, max_value=10_000, places=2, allow_nan=False, allow_infinity=False
)
polarities = st.sampled_from([rules.HIGHER, rules.LOWER])
frequencies = st.sampled_from([rules.MONTHLY, rules.QUARTERLY, rules.ANNUAL])
days = st.dates(min_value=datetime.date(1990, 1, 1), max_value=datetime.date(2090, 12, 31))
GOODNESS = {rules.RED: 0, rules.AMBER: 1, rules.GREEN: 2}
D = Decimal


def met(actual, target, polarity):
    return actual >= target if polarity == rules.HIGHER else actual <= target


# --- worked examples -------------------------------------------------------------------------


def test_seed_002s_council_tax_collection_is_green_against_96_per_cent():
    kwargs = dict(actual=D("96.5"), target=D("96.0"), polarity="higher", tolerance=D("0.5"))
    assert rules.rag(**kwargs) == "green"
    assert (
        rules.rag_explanation(**kwargs, unit="percent")
        == "Green: 96.5% meets the target of 96.0% (higher is better)."
    )


def test_seed_002s_sickness_of_9_5_days_is_amber_against_less_than_8_days():
    kwargs = dict(actual=D("9.5"), target=D("8"), polarity="lower", tolerance=D("2"))
    assert rules.rag(**kwargs) == "amber"
    assert rules.rag_explanation(**kwargs, unit="days") == (
        "Amber: 9.5 days is 1.5 days worse than the target of 8.0 days, within the tolerance "
        "of 2.0 days (lower is better)."
    )


def test_13_6_days_of_sickness_is_red_beyond_the_tolerance():
    kwargs = dict(actual=D("13.6"), target=D("8"), polarity="lower", tolerance=D("2"))
    assert rules.rag(**kwargs) == "red"
    assert rules.rag_explanation(**kwargs, unit="days") == (
        "Red: 13.6 days is 5.6 days worse than the target of 8.0 days, beyond the tolerance "
        "of 2.0 days (lower is better)."
    )


def test_a_percentage_short_of_target_is_measured_in_percentage_points():
    text = rules.rag_explanation(
        actual=D("72"), target=D("80"), polarity="higher", tolerance=D("0"), unit="percent"
    )
    assert text == (
        "Red: 72.0% is 8.0 percentage points worse than the target of 80.0%, with no tolerance "
        "for Amber (higher is better)."
    )


def test_the_edges_of_amber_belong_to_the_better_rating():
    assert rules.rag(actual=D("80"), target=D("80"), polarity="higher", tolerance=D("5")) == "green"
    assert rules.rag(actual=D("75"), target=D("80"), polarity="higher", tolerance=D("5")) == "amber"
    assert rules.rag(actual=D("74.99"), target=D("80"), polarity="higher", tolerance=D("5")) == (
        "red"
    )
    assert rules.rag(actual=D("10"), target=D("8"), polarity="lower", tolerance=D("2")) == "amber"
    assert rules.rag(actual=D("10.01"), target=D("8"), polarity="lower", tolerance=D("2")) == "red"


def test_direction_in_words():
    assert (
        rules.direction_words(
            current=D("96.5"),
            previous=D("94"),
            polarity="higher",
            unit="percent",
            previous_label="last quarter",
        )
        == "Improving: up from 94.0% last quarter"
    )
    assert (
        rules.direction_words(
            current=D("9.5"),
            previous=D("8"),
            polarity="lower",
            unit="days",
            previous_label="last quarter",
        )
        == "Worsening: up from 8.0 days last quarter"
    )
    assert (
        rules.direction_words(
            current=D("52"),
            previous=D("58"),
            polarity="higher",
            unit="number",
            previous_label="in Q3 2012/13",
        )
        == "Worsening: down from 58 in Q3 2012/13"
    )
    assert rules.direction_words(current=D("5"), previous=None, polarity="higher") == (
        "No earlier figure to compare with"
    )
    assert "No change" in rules.direction_words(current=D("5"), previous=D("5"), polarity="lower")


def test_a_negative_tolerance_or_an_unknown_polarity_is_refused():
    with pytest.raises(ValueError):
        rules.rag(actual=D("1"), target=D("2"), polarity="higher", tolerance=D("-1"))
    with pytest.raises(ValueError):
        rules.rag(actual=D("1"), target=D("2"), polarity="up", tolerance=D("1"))


def test_values_read_in_their_unit():
    assert rules.format_value(D("96.50"), "percent") == "96.5%"
    assert rules.format_value(D("1"), "days") == "1.0 day"
    assert rules.format_value(D("52.00"), "number") == "52"
    assert rules.format_value(D("1234.5"), "pounds") == "£1,234.50"
    assert rules.format_value(D("1234"), "pounds") == "£1,234"
    assert rules.format_value(D("31.25"), "rate") == "31.25"
    assert rules.format_value(None, "percent") == "—"


# --- properties ------------------------------------------------------------------------------


@given(values, values, tolerances)
def test_higher_is_better_mirrors_lower_is_better(v, t, tolerance):
    assert rules.rag(actual=v, target=t, polarity="higher", tolerance=tolerance) == rules.rag(
        actual=-v, target=-t, polarity="lower", tolerance=tolerance
    )


@given(values, values, values, tolerances, polarities)
def test_improving_the_actual_never_worsens_the_rag(a, b, target, tolerance, polarity):
    worse, better = sorted([a, b]) if polarity == rules.HIGHER else sorted([a, b], reverse=True)
    before = rules.rag(actual=worse, target=target, polarity=polarity, tolerance=tolerance)
    after = rules.rag(actual=better, target=target, polarity=polarity, tolerance=tolerance)
    assert GOODNESS[after] >= GOODNESS[before]


@given(values, values, tolerances, polarities)
def test_green_exactly_when_the_target_is_met(actual, target, tolerance, polarity):
    rating = rules.rag(actual=actual, target=target, polarity=polarity, tolerance=tolerance)
    assert (rating == rules.GREEN) == met(actual, target, polarity)
    assert rules.rag_explanation(
        actual=actual, target=target, polarity=polarity, tolerance=tolerance
    ).startswith(rating.capitalize() + ":")


@given(values, values, polarities)
def test_no_tolerance_means_no_amber(actual, target, polarity):
    rating = rules.rag(actual=actual, target=target, polarity=polarity, tolerance=D(0))
    assert rating in {rules.GREEN, rules.RED}


@given(values, values, tolerances, polarities)
def test_amber_exactly_when_short_by_no_more_than_the_tolerance(actual, target, tol, polarity):
    short = target - actual if polarity == rules.HIGHER else actual - target
    rating = rules.rag(actual=actual, target=target, polarity=polarity, tolerance=tol)
    assert (rating == rules.AMBER) == (0 < short <= tol)


@given(values, values, values, tolerances, polarities)
def test_direction_agrees_with_the_rag(current, previous, target, tolerance, polarity):
    trend = rules.direction(current=current, previous=previous, polarity=polarity)
    now = GOODNESS[rules.rag(actual=current, target=target, polarity=polarity, tolerance=tolerance)]
    then = GOODNESS[
        rules.rag(actual=previous, target=target, polarity=polarity, tolerance=tolerance)
    ]
    if trend == rules.IMPROVING:
        assert now >= then
    elif trend == rules.WORSENING:
        assert now <= then
    else:
        assert trend == rules.NO_CHANGE and now == then
    if now > then:
        assert trend == rules.IMPROVING
    if now < then:
        assert trend == rules.WORSENING


@given(values, polarities)
def test_there_is_no_direction_without_a_previous_figure(current, polarity):
    assert rules.direction(current=current, previous=None, polarity=polarity) is None


@given(values, values)
def test_direction_mirrors_between_polarities(current, previous):
    assume(current != previous)
    higher = rules.direction(current=current, previous=previous, polarity="higher")
    lower = rules.direction(current=current, previous=previous, polarity="lower")
    assert {higher, lower} == {rules.IMPROVING, rules.WORSENING}


# --- periods ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "frequency", "start", "label"),
    [
        (datetime.date(2010, 6, 15), "monthly", datetime.date(2010, 6, 1), "June 2010"),
        (datetime.date(2010, 6, 30), "quarterly", datetime.date(2010, 4, 1), "Q1 2010/11"),
        (datetime.date(2010, 4, 1), "quarterly", datetime.date(2010, 4, 1), "Q1 2010/11"),
        (datetime.date(2010, 9, 30), "quarterly", datetime.date(2010, 7, 1), "Q2 2010/11"),
        (datetime.date(2010, 12, 31), "quarterly", datetime.date(2010, 10, 1), "Q3 2010/11"),
        (datetime.date(2011, 3, 31), "quarterly", datetime.date(2011, 1, 1), "Q4 2010/11"),
        (datetime.date(2011, 3, 31), "annual", datetime.date(2010, 4, 1), "2010/11"),
        (datetime.date(2011, 4, 1), "annual", datetime.date(2011, 4, 1), "2011/12"),
    ],
)
def test_the_period_of_a_day(day, frequency, start, label):
    assert rules.period_start(day, frequency) == start
    assert rules.period_label(start, frequency) == label


@pytest.mark.parametrize(
    ("text", "frequency", "start"),
    [
        ("Q1 2010/11", "quarterly", datetime.date(2010, 4, 1)),
        ("q4 10/11", "quarterly", datetime.date(2011, 1, 1)),
        ("Q3 2010-11", "quarterly", datetime.date(2010, 10, 1)),
        ("2010-11-17", "quarterly", datetime.date(2010, 10, 1)),
        ("June 2010", "monthly", datetime.date(2010, 6, 1)),
        ("jun 2010", "monthly", datetime.date(2010, 6, 1)),
        ("2010-06", "monthly", datetime.date(2010, 6, 1)),
        ("2010/11", "annual", datetime.date(2010, 4, 1)),
        ("2011-03-31", "annual", datetime.date(2010, 4, 1)),
    ],
)
def test_periods_are_read_as_councils_write_them(text, frequency, start):
    assert rules.parse_period(text, frequency) == start


@pytest.mark.parametrize(
    ("text", "frequency", "message"),
    [
        ("Q5 2010/11", "quarterly", "is not a quarter. The quarter of the financial year"),
        ("Q1 2010", "quarterly", "give both years (write 2010/11)"),
        ("June 2010", "quarterly", "is not a quarter"),
        ("Jine 2010", "monthly", "is not a month. The month, for example June 2010"),
        ("2010", "annual", "give both years (write 2010/11)"),
        ("", "annual", "Enter the period"),
    ],
)
def test_a_period_that_cannot_be_read_says_why(text, frequency, message):
    with pytest.raises(rules.PeriodError, match=message.replace("(", r"\(").replace(")", r"\)")):
        rules.parse_period(text, frequency)


@given(days, frequencies)
def test_a_period_label_reads_back_as_its_period(day, frequency):
    start = rules.period_start(day, frequency)
    assert start <= day <= rules.period_end(start, frequency)
    assert rules.parse_period(rules.period_label(start, frequency), frequency) == start
    assert rules.previous_period(rules.next_period(start, frequency), frequency) == start
