"""The rules of service plans that need no database: quarters, lateness, the priority limit,
the default review date and how each update status is shown."""

from __future__ import annotations

import datetime

from sightline.core.fiscal import FinancialYear
from sightline.plans.models import MAX_PRIORITIES, UpdateStatus

QUARTERS = (1, 2, 3, 4)
QUARTER_MONTHS = {
    1: "April to June",
    2: "July to September",
    3: "October to December",
    4: "January to March",
}

# GOV.UK tag colours for each update status; the status is always shown in words too.
STATUS_TAGS = {
    UpdateStatus.NOT_STARTED: "govuk-tag--grey",
    UpdateStatus.ON_TARGET: "govuk-tag--green",
    UpdateStatus.IN_PROGRESS: "govuk-tag--blue",
    UpdateStatus.DELAYED: "govuk-tag--red",
    UpdateStatus.COMPLETE: "govuk-tag--green",
}


def quarter_ends_on(fy: FinancialYear, quarter: int) -> datetime.date:
    """The last day of a quarter of ``fy``: Q1 ends 30 June, Q4 ends 31 March."""
    return {
        1: datetime.date(fy.start_year, 6, 30),
        2: datetime.date(fy.start_year, 9, 30),
        3: datetime.date(fy.start_year, 12, 31),
        4: datetime.date(fy.start_year + 1, 3, 31),
    }[quarter]


def quarter_of(day: datetime.date) -> int:
    """The quarter of its financial year that ``day`` falls in (April is in Q1, March in Q4)."""
    return (day.month - 4) % 12 // 3 + 1


def quarter_label(fy: FinancialYear, quarter: int) -> str:
    """For example "Quarter 1 (April to June 2010)" or "Quarter 4 (January to March 2011)"."""
    year = fy.start_year + 1 if quarter == 4 else fy.start_year
    return f"Quarter {quarter} ({QUARTER_MONTHS[quarter]} {year})"


def priority_limit_message(plan) -> str:
    return (
        f"A service plan has at most {MAX_PRIORITIES} priorities: {plan.title} already has "
        f"{MAX_PRIORITIES}. Remove or merge one first."
    )


def next_priority_number(taken: set[int]) -> int | None:
    """The lowest free priority number from 1 to 6, or None when all six are taken."""
    return next((n for n in range(1, MAX_PRIORITIES + 1) if n not in taken), None)


def six_months_after(day: datetime.date) -> datetime.date:
    """The formal six-month review date: the same day six months on (31 Aug -> 28/29 Feb)."""
    month = day.month + 6
    year = day.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")  # pragma: no cover


def late_as_of(fy: FinancialYear, today: datetime.date) -> datetime.date:
    """The date lateness is judged on: today, or the end of the plan's year once it is over."""
    return min(today, fy.ends_on)


def is_late(
    deadline_on: datetime.date | None, latest_status: str | None, as_of: datetime.date
) -> bool:
    """Late: the deadline date had passed by ``as_of`` and the latest position is not complete."""
    if deadline_on is None or latest_status == UpdateStatus.COMPLETE:
        return False
    return deadline_on < as_of
