"""Quarters, lateness, the priority limit and review dates: the rules that need no database."""

import datetime

from sightline.core.fiscal import FinancialYear
from sightline.plans import rules

FY10 = FinancialYear(2010)


def test_quarter_1_is_april_to_june_and_quarter_4_is_january_to_march():
    assert rules.quarter_of(datetime.date(2010, 4, 1)) == 1
    assert rules.quarter_of(datetime.date(2010, 6, 30)) == 1
    assert rules.quarter_of(datetime.date(2010, 7, 1)) == 2
    assert rules.quarter_of(datetime.date(2010, 12, 31)) == 3
    assert rules.quarter_of(datetime.date(2011, 1, 1)) == 4
    assert rules.quarter_of(datetime.date(2011, 3, 31)) == 4


def test_quarters_are_named_with_their_months_and_calendar_year():
    assert rules.quarter_label(FY10, 1) == "Quarter 1 (April to June 2010)"
    assert rules.quarter_label(FY10, 4) == "Quarter 4 (January to March 2011)"
    assert rules.quarter_ends_on(FY10, 1) == datetime.date(2010, 6, 30)
    assert rules.quarter_ends_on(FY10, 4) == datetime.date(2011, 3, 31)


def test_the_six_month_review_falls_six_months_after_the_start():
    assert rules.six_months_after(datetime.date(2010, 4, 1)) == datetime.date(2010, 10, 1)
    assert rules.six_months_after(datetime.date(2010, 10, 15)) == datetime.date(2011, 4, 15)
    assert rules.six_months_after(datetime.date(2010, 8, 31)) == datetime.date(2011, 2, 28)
    assert rules.six_months_after(datetime.date(2011, 8, 31)) == datetime.date(2012, 2, 29)


def test_an_action_is_late_once_its_deadline_passed_unless_complete():
    as_of = datetime.date(2010, 6, 30)
    april = datetime.date(2010, 4, 30)
    assert rules.is_late(april, "in_progress", as_of)
    assert rules.is_late(april, None, as_of)
    assert not rules.is_late(april, "complete", as_of)
    assert not rules.is_late(datetime.date(2011, 3, 31), "in_progress", as_of)
    assert not rules.is_late(None, "delayed", as_of)


def test_lateness_of_a_finished_year_is_judged_at_its_end():
    assert rules.late_as_of(FY10, datetime.date(2025, 1, 1)) == datetime.date(2011, 3, 31)
    assert rules.late_as_of(FY10, datetime.date(2010, 9, 1)) == datetime.date(2010, 9, 1)


def test_priorities_are_numbered_from_the_lowest_free_number_up_to_six():
    assert rules.next_priority_number(set()) == 1
    assert rules.next_priority_number({1, 2, 4}) == 3
    assert rules.next_priority_number({1, 2, 3, 4, 5, 6}) is None
