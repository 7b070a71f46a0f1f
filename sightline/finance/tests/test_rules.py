"""The plan's arithmetic: council tax, shares, changes, and the gap year by year."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from sightline.core.fiscal import FinancialYear
from sightline.finance import rules

FY13, FY14, FY15 = (FinancialYear(y) for y in (2013, 2014, 2015))
M = 100_000_000  # £1m in pence


def test_council_tax_is_the_tax_base_times_band_d_to_the_penny():
    assert rules.council_tax(Decimal("42400.00"), 125_000) == 53 * M
    assert rules.council_tax(Decimal("45300.00"), 117_000) == 5_300_100_000
    # 0.5p rounds up: 1.5 Band D equivalents at 1p.
    assert rules.council_tax(Decimal("1.50"), 1) == 2


def test_shares_are_worked_out_to_one_decimal_place():
    # The Corporate Plan's table 7.1: housing is 20.5% of £518.07m (the document prints 20%).
    assert rules.share(10_625_000_000, 51_807_000_000) == Decimal("20.5")
    assert rules.share(25_662_000_000, 51_807_000_000) == Decimal("49.5")
    assert rules.share(1, 0) is None


def test_the_revenue_support_grant_cut_is_seventeen_point_seven_per_cent():
    assert rules.change(6_384_000_000, 5_254_000_000) == (-1_130_000_000, Decimal("-17.7"))
    assert rules.change(None, 5) == (None, None)


def test_one_per_cent_of_an_amount_rounds_half_up():
    assert rules.percent_of(5_254_000_000, Decimal(1)) == 52_540_000
    assert rules.percent_of(150, Decimal(1)) == 2
    assert rules.percent_of(-150, Decimal(1)) == -2


@given(
    pence=st.integers(min_value=-(10**12), max_value=10**12),
    whole=st.integers(min_value=1, max_value=10**12),
    data=st.data(),
)
def test_apportioning_gives_a_share_no_bigger_than_the_whole(pence, whole, data):
    part = data.draw(st.integers(min_value=0, max_value=whole))
    share = rules.apportion(pence, part, whole)
    assert abs(share) <= abs(pence)
    assert rules.apportion(pence, whole, whole) == pence
    assert rules.apportion(pence, 0, whole) == 0
    # Within half a penny of the exact share.
    assert abs(Decimal(share) - Decimal(pence) * part / whole) <= Decimal("0.5")


def _programme(planned=0, unachieved=0, one_off=0, not_counting=0, **dashboard):
    programme = rules.Programme()
    programme.dashboard["planned"] = planned
    for name, value in dashboard.items():
        programme.dashboard[name] = value
    programme.one_off["planned"] = one_off
    programme.not_counting["planned"] = not_counting
    programme.unachieved = unachieved
    return programme


def _gap(programme=None, closed_through=None, before=None):
    return rules.gap_years(
        years=[FY13, FY14, FY15],
        base_budget=170 * M,
        funding={FY13: 160 * M, FY14: 14_920_000_000, FY15: 14_220_000_000},
        pressures={FY13: 8 * M, FY14: 720_000_000, FY15: 7 * M},
        programme=programme or {},
        closed_through=closed_through,
        before=before,
    )


def test_each_years_gap_is_spending_need_less_funding_on_last_years_funding():
    years = _gap()
    assert [y.base for y in years] == [170 * M, 160 * M, 14_920_000_000]
    assert [y.need for y in years] == [178 * M, 16_720_000_000, 15_620_000_000]
    assert [y.required for y in years] == [18 * M, 18 * M, 14 * M]
    assert [y.brought_forward for y in years] == [0, 0, 0]


def test_counted_savings_leave_what_remains_and_a_surplus_is_negative():
    years = _gap({FY13: _programme(planned=20 * M, risk_adjusted=10 * M)})
    assert years[0].remaining["planned"] == -2 * M
    assert years[0].remaining["risk_adjusted"] == 8 * M
    assert years[0].headline == 8 * M and years[0].headline_measure == "risk_adjusted"


def test_one_off_savings_and_types_that_do_not_count_do_not_close_the_gap():
    years = _gap({FY13: _programme(planned=20 * M, one_off=3 * M, not_counting=2 * M)})
    assert years[0].counted["planned"] == 15 * M
    assert years[0].remaining["planned"] == 3 * M


def test_a_closed_years_unachieved_savings_come_into_the_next_years_gap():
    programme = {FY13: _programme(planned=18 * M, unachieved=2 * M)}
    open_years = _gap(programme)
    assert open_years[1].to_find == 18 * M
    closed = _gap(programme, closed_through=FY13)
    assert closed[0].closed and not closed[1].closed
    assert closed[0].headline_measure == "delivered"
    assert closed[1].brought_forward == 2 * M and closed[1].brought_from == FY13
    assert closed[1].to_find == 20 * M
    assert closed[2].brought_forward == 0  # 2014/15 is still open


def test_the_year_before_the_plan_brings_its_unachieved_savings_once_closed():
    before = _programme(unachieved=M)
    assert _gap(before=before, closed_through=FinancialYear(2012))[0].brought_forward == M
    assert _gap(before=before)[0].brought_forward == 0
