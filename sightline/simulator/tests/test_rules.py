"""The simulator's arithmetic: whole pence, half away from zero, no floats."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sightline.simulator import rules


def test_a_percentage_of_an_amount_rounds_half_away_from_zero():
    assert rules.percent_of(150, 5000) == 75  # 50% of £1.50
    assert rules.percent_of(1, 5000) == 1  # half a penny rounds up
    assert rules.percent_of(-1, 5000) == -1  # and away from zero when negative
    assert rules.percent_of(333, 3333) == 111  # 33.33% of 333p is 110.99p


def test_a_cut_to_a_service_saves_and_a_rise_costs():
    assert rules.service_saving(100_000_000_00, -5) == 5_000_000_00  # 5% of £100m
    assert rules.service_saving(100_000_000_00, 2) == -2_000_000_00
    assert rules.service_saving(100_000_000_00, 0) == 0


def test_a_council_tax_rise_of_1_99_per_cent_raises_1_99_per_cent_of_the_income():
    assert rules.tax_raised(53_500_000_00, 199) == 1_064_650_00


@pytest.mark.parametrize(
    ("text", "hundredths"),
    [("0", 0), ("2", 200), ("1.5", 150), ("4.99", 499), (" 1.99% ", 199), ("", None)],
)
def test_percentages_are_read_as_hundredths(text, hundredths):
    if hundredths is None:
        with pytest.raises(ValueError, match="Enter a percentage"):
            rules.parse_percent(text)
    else:
        assert rules.parse_percent(text) == hundredths


@pytest.mark.parametrize("text", ["1.999", "abc", "1e3e", "NaN", "Infinity", "123456789"])
def test_anything_else_is_refused_in_words(text):
    with pytest.raises(ValueError, match="percentage"):
        rules.parse_percent(text)


def test_a_budget_closes_the_gap_when_its_total_reaches_it():
    result = rules.balance(
        gap=1000,
        kept=[300, 200],
        services=[(10_000, -3)],  # saves 300
        council_tax=10_000,
        tax_hundredths=200,  # raises 200
    )
    assert (result.from_options, result.from_services, result.from_tax) == (500, 300, 200)
    assert result.total == 1000 and result.closes_gap and result.shortfall == 0
    short = rules.balance(gap=1000, kept=[300], services=[], council_tax=0, tax_hundredths=0)
    assert not short.closes_gap and short.shortfall == 700 and short.surplus == 0


def test_whole_pounds_are_formatted_as_the_browser_formats_them():
    assert rules.format_whole_pounds(1_800_000_000) == "£18,000,000"
    assert rules.format_whole_pounds(150) == "£2"
    assert rules.format_whole_pounds(-150) == "-£2"
    assert rules.format_whole_pounds(-40) == "£0"
    assert rules.format_percent(499) == "4.99" and rules.format_percent(150) == "1.5"


def test_averages_are_in_hundredths():
    assert rules.average_hundredths([-5, 0, 2]) == -100
    assert rules.average_hundredths([1, 2]) == 150
    assert rules.average_hundredths([]) is None


@given(
    gap=st.integers(0, 10**12),
    kept=st.lists(st.integers(0, 10**11), max_size=20),
    moves=st.lists(st.tuples(st.integers(0, 10**12), st.integers(-100, 100)), max_size=10),
    tax=st.integers(0, 10**11),
    rise=st.integers(0, 9999),
)
def test_the_balance_is_whole_pence_and_adds_up(gap, kept, moves, tax, rise):
    result = rules.balance(gap=gap, kept=kept, services=moves, council_tax=tax, tax_hundredths=rise)
    for value in (result.from_options, result.from_services, result.from_tax, result.total):
        assert type(value) is int
    assert result.total == result.from_options + result.from_services + result.from_tax
    assert result.closes_gap == (result.shortfall <= 0)
