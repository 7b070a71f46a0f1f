"""Reading indicators: what each person may see, and the RAG and direction of each period."""

import datetime
from decimal import Decimal

import pytest

from sightline.accounts.models import Role
from sightline.accounts.tests.factories import member
from sightline.performance import selectors, services
from sightline.performance.models import Actual, Indicator
from sightline.performance.tests.factories import (
    Q1_13,
    ActualFactory,
    IndicatorFactory,
    TargetFactory,
)
from sightline.strategy.tests.factories import CorporatePlanFactory, PriorityFactory

Q2_13, Q3_13, Q4_13 = (
    datetime.date(2013, 7, 1),
    datetime.date(2013, 10, 1),
    datetime.date(2014, 1, 1),
)
D = Decimal


@pytest.fixture
def indicator(council_a, eve, fiona):
    """Eve's indicator: target 80% (Amber within 5); Q1 approved at 72%, Q2 a draft of 78%."""
    indicator = IndicatorFactory(council=council_a, code="NI 59", owner=eve.person)
    TargetFactory(indicator=indicator, period=Q1_13, value=D("80"))
    ActualFactory(indicator=indicator, period=Q1_13, value=D("72"), approved_by=fiona)
    services.actual_record(indicator=indicator, period=Q2_13, value=D("78"), commentary="", by=eve)
    return indicator


def visible_periods(user, indicator):
    return sorted(
        a.period
        for a in selectors.actual_list(membership=user.membership).filter(indicator=indicator)
    )


@pytest.mark.parametrize("persona", ["eve", "alice", "fiona", "dan"])
def test_a_draft_is_seen_by_its_owner_and_those_who_approve(indicator, persona, request):
    user = request.getfixturevalue(persona)
    assert visible_periods(user, indicator) == [Q1_13, Q2_13]
    assert selectors.sees_drafts(user.membership, indicator)


@pytest.mark.parametrize("persona", ["vera", "colin"])
def test_a_draft_is_not_shown_beyond_the_owner_until_approved(indicator, persona, request, fiona):
    user = request.getfixturevalue(persona)
    assert visible_periods(user, indicator) == [Q1_13]
    assert not selectors.sees_drafts(user.membership, indicator)
    services.actual_approve(actual=Actual.objects.get(period=Q2_13), by=fiona)
    assert visible_periods(user, indicator) == [Q1_13, Q2_13]


def test_an_editor_who_does_not_own_the_indicator_sees_only_approved_actuals(indicator, council_a):
    other = member(council_a, Role.EDITOR)
    assert visible_periods(other, indicator) == [Q1_13]


def test_another_council_sees_nothing(indicator, bob):
    assert visible_periods(bob, indicator) == []
    assert not selectors.indicator_list(membership=bob.membership).exists()


def test_the_latest_figure_depends_on_who_is_looking(indicator, vera, alice):
    [for_vera] = selectors.indicator_table(membership=vera.membership)
    assert for_vera.latest.period == Q1_13 and for_vera.rag == "red"
    assert for_vera.latest.direction is None
    [for_alice] = selectors.indicator_table(membership=alice.membership)
    assert for_alice.latest.period == Q2_13 and for_alice.rag == "amber"
    assert for_alice.latest.awaiting_approval
    assert for_alice.latest.direction == "improving"
    assert for_alice.latest.direction_words == "Improving: up from 72.0% last quarter"
    assert for_alice.latest.rag_words.startswith("Amber: 78.0% is 2.0 percentage points worse")


def test_a_target_holds_until_another_is_set_and_direction_names_a_gap(council_a, fiona):
    indicator = IndicatorFactory(
        council=council_a,
        unit=Indicator.Unit.DAYS,
        polarity=Indicator.Polarity.LOWER,
        amber_tolerance=D("0.5"),
    )
    TargetFactory(indicator=indicator, period=Q1_13, value=D("8"))
    TargetFactory(indicator=indicator, period=Q4_13, value=D("7"))
    for period, value in [(Q1_13, "9.5"), (Q3_13, "8"), (Q4_13, "8")]:
        ActualFactory(indicator=indicator, period=period, value=D(value), approved_by=fiona)
    detail = selectors.indicator_detail(membership=fiona.membership, indicator=indicator)
    rows = {row.period: row for row in detail.rows}
    assert [rows[p].target for p in (Q1_13, Q3_13, Q4_13)] == [D("8"), D("8"), D("7")]
    assert rows[Q3_13].rag == "green"
    assert rows[Q3_13].direction_words == "Improving: down from 9.5 days in Q1 2013/14"
    assert rows[Q4_13].rag == "red" and rows[Q4_13].direction == "no change"
    assert detail.latest.period == Q4_13


def test_without_a_target_an_actual_is_not_rated(council_a, fiona):
    indicator = IndicatorFactory(council=council_a)
    ActualFactory(indicator=indicator, period=Q1_13, value=D("50"), approved_by=fiona)
    [row] = selectors.indicator_table(membership=fiona.membership)
    assert row.rag is None
    assert row.latest.rag_words == "Not rated: 50.0% has no target to be measured against."


def test_the_table_filters_by_priority_and_rag(indicator, council_a, vera, fiona):
    priority = PriorityFactory(plan=CorporatePlanFactory(council=council_a), number=1)
    indicator.priorities.add(priority)
    green = IndicatorFactory(council=council_a, code="NI 60")
    TargetFactory(indicator=green, value=D("75"))
    ActualFactory(indicator=green, value=D("79"), approved_by=fiona)
    IndicatorFactory(council=council_a, code="NI 111")
    IndicatorFactory(council=council_a, code="OLD 1", disabled_on=datetime.date(2013, 1, 1))

    def codes(**filters):
        table = selectors.indicator_table(membership=vera.membership, **filters)
        return [row.indicator.code for row in table]

    assert codes() == ["NI 59", "NI 60", "NI 111"]
    assert codes(priority=priority.pk) == ["NI 59"]
    assert codes(rag="red") == ["NI 59"]
    assert codes(rag="green") == ["NI 60"]
    assert codes(rag="unrated") == ["NI 111"]


def test_approvers_see_the_drafts_awaiting_them_but_never_their_own(indicator, alice, eve, vera):
    [row] = selectors.actuals_awaiting_approval(membership=alice.membership)
    assert row.actual.period == Q2_13 and row.label == "Q2 2013/14"
    assert row.value == "78.0%" and row.target == "80.0%" and row.rag == "amber"
    assert row.recorded_by == eve.get_full_name()
    assert selectors.actuals_awaiting_approval(membership=vera.membership) == []
    assert selectors.actuals_awaiting_approval(membership=eve.membership) == []
    services.actual_record(
        indicator=indicator, period=Q3_13, value=D("81"), commentary="", by=alice
    )
    assert [r.label for r in selectors.actuals_awaiting_approval(membership=alice.membership)] == [
        "Q2 2013/14"
    ]
