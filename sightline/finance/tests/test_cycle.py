"""Where the council is in its budget cycle: under way, due next, overdue."""

import datetime

import pytest

from sightline.accounts.models import Membership
from sightline.core.fiscal import FinancialYear
from sightline.finance import selectors
from sightline.finance.models import MilestoneStatus
from sightline.finance.tests.factories import MilestoneFactory

FY13, FY14 = FinancialYear(2013), FinancialYear(2014)


@pytest.fixture
def member(vera):
    return Membership.objects.get(user=vera)


@pytest.fixture
def cycle(council_a):
    def milestone(name, starts, due, status=MilestoneStatus.NOT_STARTED, fy=FY13):
        return MilestoneFactory(
            council=council_a, fy=fy, name=name, starts_on=starts, due_on=due, status=status
        )

    return {
        "strategy": milestone(
            "Initial strategy to Executive",
            datetime.date(2013, 3, 1),
            datetime.date(2013, 3, 31),
            MilestoneStatus.DONE,
        ),
        "reporting": milestone(
            "Monthly reporting",
            datetime.date(2013, 4, 1),
            datetime.date(2014, 3, 31),
            MilestoneStatus.IN_PROGRESS,
        ),
        "consultation": milestone(
            "Budget consultation to Scrutiny", datetime.date(2013, 7, 1), datetime.date(2013, 7, 31)
        ),
        "decisions": milestone(
            "Decisions take effect", datetime.date(2014, 3, 1), datetime.date(2014, 3, 1)
        ),
    }


def test_the_cycle_says_what_is_under_way_and_what_is_due_next(member, cycle):
    position = selectors.cycle_position(
        membership=member, fy=FY13, today=datetime.date(2013, 6, 15)
    )
    assert position.as_at == datetime.date(2013, 6, 15)
    assert position.now == [cycle["reporting"]]
    assert position.next == cycle["consultation"]
    assert position.overdue == []
    assert position.done == 1


def test_a_milestone_past_its_due_date_and_not_done_is_overdue(member, cycle):
    position = selectors.cycle_position(membership=member, fy=FY13, today=datetime.date(2013, 9, 1))
    assert position.overdue == [cycle["consultation"]]
    assert position.next == cycle["decisions"]


def test_a_past_cycle_is_shown_as_it_stood_when_its_year_ended(member, cycle):
    position = selectors.cycle_position(
        membership=member, fy=FY13, today=datetime.date(2026, 12, 4)
    )
    assert position.as_at == datetime.date(2014, 3, 31)
    assert position.past
    assert cycle["decisions"] in position.overdue


def test_when_a_cycle_has_nothing_left_the_next_cycles_first_milestone_is_due_next(
    council_a, member, cycle
):
    for m in cycle.values():
        m.status = MilestoneStatus.DONE
        m.save()
    following = MilestoneFactory(
        council=council_a,
        fy=FY14,
        name="Initial strategy to Executive",
        starts_on=datetime.date(2014, 3, 1),
        due_on=datetime.date(2014, 3, 31),
    )
    position = selectors.cycle_position(membership=member, fy=FY13)
    assert position.next == following and position.next_in_later_cycle


def test_the_default_cycle_is_this_years_else_the_latest(member, cycle):
    assert selectors.default_cycle_year(membership=member, today=datetime.date(2013, 5, 1)) == FY13
    assert selectors.default_cycle_year(membership=member, today=datetime.date(2020, 5, 1)) == FY13


def test_another_councils_cycle_is_not_read(council_b, member):
    MilestoneFactory(council=council_b)
    assert selectors.cycle_years(membership=member) == []
