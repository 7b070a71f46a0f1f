"""Tests for money: parsing text to integer pence, formatting pence, and the template filters."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.template import Context, Template
from hypothesis import given
from hypothesis import strategies as st

from sightline.core.money import (
    MoneyError,
    Unit,
    format_k,
    format_m,
    format_pounds,
    format_thousands_column,
    parse_money,
    pence_from_pounds,
    pounds_string,
)

# -- parsing --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "pence"),
    [
        ("£24.5k", 2_450_000),
        ("£92k", 9_200_000),
        ("92,000", 9_200_000),
        ("£1.2m", 120_000_000),
        ("£83.5K", 8_350_000),
        ("£1.2M", 120_000_000),
        ("-£5,000", -500_000),
        ("£-5,000", -500_000),
        ("-5000", -500_000),
        ("£12.34", 1234),
        ("0", 0),
        ("-0", 0),
        (" £ 1,000 ", 100_000),
        ("£1,234,567.89", 123_456_789),
        ("(£5k)", -500_000),
        ("( £5k )", -500_000),
        ("£2bn", 200_000_000_000),
        ("£2BN", 200_000_000_000),
        ("£1.5bn", 150_000_000_000),
        ("£0.5", 50),
        ("£.5", 50),
        ("£5 k", 500_000),
        ("+£5k", 500_000),
        ("\u2212£5k", -500_000),
        ("£5.00", 500),
        ("£123", 12_300),
        ("1,234", 123_400),
        ("12,345,678", 1_234_567_800),
        ("\u00a0£92k\u00a0", 9_200_000),
        ("£1.23456789m", 123_456_789),
        # 1.2345678 x £1m is £1,234,567.80: a whole number of pence, so it is an amount.
        ("£1.2345678m", 123_456_780),
    ],
)
def test_parse_money_reads_amounts_as_people_write_them(text, pence):
    assert parse_money(text) == pence


@pytest.mark.parametrize(
    ("text", "pence"),
    [
        ("(553)", -55_300_000),
        ("1,957", 195_700_000),
        ("553", 55_300_000),
        ("-553", -55_300_000),
        ("£553", 55_300_000),
        ("(1,957)", -195_700_000),
        ("0.5", 50_000),
        ("12.345", 1_234_500),
        ("0", 0),
        ("-", 0),
        ("\u2013", 0),
        ("\u2014", 0),
    ],
)
def test_parse_money_reads_a_thousands_column_as_thousands_of_pounds(text, pence):
    assert parse_money(text, unit=Unit.THOUSANDS) == pence


def test_the_unit_can_be_given_by_its_value():
    assert parse_money("553", unit="thousands") == 55_300_000  # type: ignore[arg-type]
    assert Unit.THOUSANDS == "thousands"
    assert Unit.POUNDS == "pounds"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "it is empty"),
        ("   ", "it is empty"),
        ("abc", "it has no digits"),
        ("£", "it has no digits"),
        ("-", "it has no digits"),
        ("£1.2.3", "it has more than one decimal point"),
        ("1,00", "digits must be grouped in threes"),
        ("1,0000", "digits must be grouped in threes"),
        ("1,000,00", "digits must be grouped in threes"),
        ("1000,000", "digits must be grouped in threes"),
        ("5,", "digits must be grouped in threes"),
        ("£0.001", "fraction of a penny"),
        ("£1.234", "fraction of a penny"),
        ("£1.234567891m", "fraction of a penny once multiplied out (£1,234,567.891)"),
        ("£1.000000000001bn", "fraction of a penny"),
        ("1e5", "exponent"),
        ("1E5", "exponent"),
        ("1e-5", "exponent"),
        ("--5", "more than one sign"),
        ("-(5)", "more than one sign"),
        ("(-5)", "more than one sign"),
        ("-+5", "more than one sign"),
        ("(5", "unbalanced bracket"),
        ("5)", "unbalanced bracket"),
        ("((5))", "more than one pair of brackets"),
        ("£(5)", "brackets must enclose the whole amount"),
        ("(5)k", "brackets must enclose the whole amount"),
        ("5k5", "the suffix 'k' must come at the end"),
        ("£5km", "'km' is not a suffix"),
        ("£5 thousand", "'thousand' is not a suffix"),
        ("£5 k m", "more than one suffix"),
        ("k5", "'k' must come after the number"),
        ("5 5", "more than one number"),
        ("1 000", "more than one number"),
        ("££5", "more than one £ sign"),
        ("5£", "the £ sign must come before the number"),
        ("5-", "the sign must come before the number"),
        ("5.", "no digits after the decimal point"),
        ("1.000,5", "commas may only group the digits before the decimal point"),
        ("$5", "'$', which is not part of an amount (only pounds are accepted)"),
        ("£5*2", "'*', which is not part of an amount"),
        ("\u0665", "which is not part of an amount"),
    ],
)
def test_parse_money_refuses_text_that_is_not_an_amount_and_says_why(text, reason):
    with pytest.raises(MoneyError) as caught:
        parse_money(text)
    message = str(caught.value)
    assert f"{text!r} is not an amount" in message
    assert reason in message


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("0.000001", "fraction of a penny"),
        ("(553", "unbalanced bracket"),
        ("abc", "it has no digits"),
        ("--", "it has no digits"),
    ],
)
def test_parse_money_refuses_bad_text_in_a_thousands_column_too(text, reason):
    with pytest.raises(MoneyError) as caught:
        parse_money(text, unit=Unit.THOUSANDS)
    assert repr(text) in str(caught.value)
    assert reason in str(caught.value)


@pytest.mark.parametrize("text", ["£5k", "5k", "(£1.2m)", "2bn"])
def test_a_suffix_in_a_thousands_column_is_ambiguous(text):
    with pytest.raises(MoneyError) as caught:
        parse_money(text, unit=Unit.THOUSANDS)
    assert str(caught.value) == (
        f"{text!r} in a £000 column is ambiguous: give the number of thousands"
        " or the amount in pounds, not both"
    )


def test_parse_money_reads_only_text():
    with pytest.raises(TypeError):
        parse_money(5)  # type: ignore[arg-type]


def test_money_error_is_a_value_error():
    assert issubclass(MoneyError, ValueError)


def test_parse_money_is_exact_for_amounts_beyond_ordinary_decimal_precision():
    digits = "9" * 40
    assert parse_money(f"£{digits}.99") == int(digits + "99")
    assert parse_money(f"{digits}bn") == int(digits) * 100_000_000_000


# -- formatting -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pence", "shown"),
    [
        (2_450_000, "£24,500"),
        (123_456_789, "£1,234,567.89"),
        (-500_000, "-£5,000"),
        (0, "£0"),
        (5, "£0.05"),
        (-5, "-£0.05"),
        (1_250, "£12.50"),
        (100_000_000_000, "£1,000,000,000"),
    ],
)
def test_format_pounds_shows_pence_only_when_there_are_some(pence, shown):
    assert format_pounds(pence) == shown


@pytest.mark.parametrize(
    ("pence", "shown"),
    [(2_450_000, "£24,500.00"), (0, "£0.00"), (-500_000, "-£5,000.00"), (1234, "£12.34")],
)
def test_format_pounds_can_always_show_pence(pence, shown):
    assert format_pounds(pence, pence_always=True) == shown


@pytest.mark.parametrize(
    ("pence", "shown"),
    [
        (2_450_000, "£24.5k"),
        (9_200_000, "£92k"),
        (8_350_000, "£83.5k"),
        (1_234, "£12.34"),
        (99_999, "£999.99"),
        (-99_999, "-£999.99"),
        (100_000, "£1k"),
        (2_455_000, "£24.6k"),
        (2_454_999, "£24.5k"),
        (2_449_999, "£24.5k"),
        (-500_000, "-£5k"),
        (-2_455_000, "-£24.6k"),
        (9_199_999, "£92k"),
        (123_456_789, "£1,234.6k"),
        (99_999_999, "£1,000k"),
    ],
)
def test_format_k_shows_thousands_to_one_decimal_place_when_needed(pence, shown):
    assert format_k(pence) == shown


@pytest.mark.parametrize(
    ("pence", "shown"),
    [
        (2_029_000_000, "£20.29m"),
        (1_800_000_000, "£18.00m"),
        (229_000_000, "£2.29m"),
        (-229_000_000, "-£2.29m"),
        (228_500_000, "£2.29m"),
        (228_499_999, "£2.28m"),
        (-228_500_000, "-£2.29m"),
        (0, "£0.00m"),
        (-1, "£0.00m"),
        (123_456_000_000, "£1,234.56m"),
    ],
)
def test_format_m_shows_millions_rounded_half_up(pence, shown):
    assert format_m(pence) == shown


def test_format_m_can_show_other_numbers_of_places():
    assert format_m(2_029_000_000, places=1) == "£20.3m"
    assert format_m(2_050_000_000, places=0) == "£21m"
    assert format_m(2_029_000_000, places=3) == "£20.290m"


@pytest.mark.parametrize("places", [-1, True, "2"])
def test_format_m_refuses_a_nonsense_number_of_places(places):
    with pytest.raises(ValueError):
        format_m(100, places=places)


@pytest.mark.parametrize(
    ("pence", "shown"),
    [
        (-55_300_000, "(553)"),
        (195_700_000, "1,957"),
        (0, "-"),
        (55_350_000, "554"),
        (55_349_999, "553"),
        (-55_350_000, "(554)"),
        (40_000, "0"),
        (-40_000, "0"),
        (50_000, "1"),
        (-50_000, "(1)"),
        (123_456_700_000, "1,234,567"),
    ],
)
def test_format_thousands_column_shows_whole_thousands_with_reductions_in_brackets(pence, shown):
    assert format_thousands_column(pence) == shown


def test_format_thousands_column_can_show_reductions_with_a_minus_sign():
    assert format_thousands_column(-55_300_000, negative_in_brackets=False) == "-553"
    assert format_thousands_column(0, negative_in_brackets=False) == "-"


@pytest.mark.parametrize(
    ("pence", "shown"),
    [
        (1_800_000_000, "18000000.00"),
        (-5, "-0.05"),
        (0, "0.00"),
        (2_450_000, "24500.00"),
        (-123_456_789, "-1234567.89"),
    ],
)
def test_pounds_string_is_plain_pounds_with_two_decimals(pence, shown):
    assert pounds_string(pence) == shown


@pytest.mark.parametrize(
    "formatter",
    [format_pounds, format_k, format_m, format_thousands_column, pounds_string],
)
@pytest.mark.parametrize("value", [12.5, 12.0, Decimal("12"), "12", True, None])
def test_formatting_takes_only_integer_pence(formatter, value):
    with pytest.raises(TypeError):
        formatter(value)


# -- pence_from_pounds ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "pence"),
    [
        (Decimal("24500.00"), 2_450_000),
        (Decimal("24500"), 2_450_000),
        (Decimal("-0.05"), -5),
        (Decimal("1E+3"), 100_000),
        (Decimal("12.340"), 1234),
        (24500, 2_450_000),
        (-3, -300),
        ("24500.00", 2_450_000),
        ("-0.05", -5),
        (" 18000000.00 ", 1_800_000_000),
        ("7", 700),
    ],
)
def test_pence_from_pounds_converts_whole_pence(value, pence):
    assert pence_from_pounds(value) == pence


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        (Decimal("0.001"), "fraction of a penny"),
        (Decimal("24500.005"), "fraction of a penny"),
        ("0.001", "fraction of a penny"),
        (Decimal("NaN"), "not a finite number"),
        (Decimal("Infinity"), "not a finite number"),
        ("£5", "expected plain pounds"),
        ("1e5", "expected plain pounds"),
        ("1,000", "expected plain pounds"),
        ("", "expected plain pounds"),
        ("NaN", "expected plain pounds"),
    ],
)
def test_pence_from_pounds_refuses_fractions_of_a_penny_and_other_text(value, reason):
    with pytest.raises(MoneyError) as caught:
        pence_from_pounds(value)
    assert repr(value) in str(caught.value)
    assert reason in str(caught.value)


@pytest.mark.parametrize("value", [12.5, True, None])
def test_pence_from_pounds_refuses_floats_and_other_types(value):
    with pytest.raises(TypeError):
        pence_from_pounds(value)  # type: ignore[arg-type]


# -- properties -----------------------------------------------------------------------------------

pence_values = st.integers(min_value=-(10**13), max_value=10**13)


@given(pence_values)
def test_format_pounds_with_pence_parses_back_to_the_same_pence(pence):
    assert parse_money(format_pounds(pence, pence_always=True)) == pence


@given(pence_values)
def test_format_pounds_parses_back_to_the_same_pence(pence):
    assert parse_money(format_pounds(pence)) == pence


@given(st.integers(min_value=-(10**11), max_value=10**11))
def test_whole_pounds_written_with_grouping_parse_to_pounds_times_100(pounds):
    assert parse_money(f"{pounds:,}") == pounds * 100
    assert parse_money(str(pounds)) == pounds * 100


@given(st.integers(min_value=-(10**8), max_value=10**8), st.booleans())
def test_a_thousands_column_parses_back_to_the_same_pence(thousands, in_brackets):
    pence = thousands * 100_000
    shown = format_thousands_column(pence, negative_in_brackets=in_brackets)
    assert parse_money(shown, unit=Unit.THOUSANDS) == pence


@given(pence_values)
def test_pounds_string_round_trips_through_pence_from_pounds(pence):
    assert pence_from_pounds(pounds_string(pence)) == pence
    assert pence_from_pounds(Decimal(pounds_string(pence))) == pence


@given(pence_values)
def test_format_k_and_format_m_parse_back_to_within_their_rounding(pence):
    k = parse_money(format_k(pence))
    assert abs(k - pence) <= 5_000
    m = parse_money(format_m(pence))
    assert abs(m - pence) <= 500_000


@given(pence_values)
def test_the_thousands_column_is_within_half_a_thousand_pounds(pence):
    shown = format_thousands_column(pence)
    assert abs(parse_money(shown, unit=Unit.THOUSANDS) - pence) <= 50_000


# -- template filters -----------------------------------------------------------------------------


def render(template: str, **context: object) -> str:
    return Template("{% load sightline %}" + template).render(Context(context))


def test_the_money_filters_format_integer_pence():
    assert render("{{ p|gbp }}", p=2_450_000) == "£24,500"
    assert render("{{ p|gbp_k }}", p=2_450_000) == "£24.5k"
    assert render("{{ p|gbp_m }}", p=2_029_000_000) == "£20.29m"
    assert render("{{ p|gbp_m:1 }}", p=2_029_000_000) == "£20.3m"
    assert render('{{ p|gbp_m:"0" }}', p=2_029_000_000) == "£20m"
    assert render("{{ p|gbp_000 }}", p=-55_300_000) == "(553)"
    assert render("{{ p|gbp_000 }}", p=0) == "-"
    assert render("{{ p|gbp }}", p=-500_000) == "-£5,000"


@pytest.mark.parametrize("name", ["gbp", "gbp_k", "gbp_m", "gbp_000", "fy"])
def test_every_filter_shows_nothing_for_none(name):
    assert render(f"[{{{{ p|{name} }}}}]", p=None) == "[]"


@pytest.mark.parametrize("name", ["gbp", "gbp_k", "gbp_m", "gbp_000"])
@pytest.mark.parametrize("value", [12.5, "24500", Decimal("1")])
def test_the_money_filters_show_nothing_rather_than_a_wrong_figure(name, value):
    assert render(f"[{{{{ p|{name} }}}}]", p=value) == "[]"


def test_the_fy_filter_shows_the_canonical_form():
    assert render("{{ y|fy }}", y="13/14") == "2013/14"
    assert render("{{ y|fy }}", y=1999) == "1999/00"
