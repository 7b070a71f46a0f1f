"""Writes to the budget cycle: its milestones, and repeating a year's cycle for the next."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction

from sightline.accounts.models import Council
from sightline.accounts.permissions import check
from sightline.core.audit import check_version, delete_audited, save_audited, save_edit
from sightline.core.fiscal import FinancialYear
from sightline.finance.models import Milestone, MilestoneStatus

if TYPE_CHECKING:
    from django.contrib.auth.models import User


@transaction.atomic
def milestone_save(
    *, milestone: Milestone, by: User, expected_version: int | None = None, reason: str = ""
) -> Milestone:
    """Add a milestone to a year's cycle, or change one (its dates, owner or status)."""
    check(by, "finance.change_cycle", milestone)
    milestone.name, milestone.owner = milestone.name.strip(), milestone.owner.strip()
    if milestone.starts_on and milestone.due_on and milestone.starts_on > milestone.due_on:
        raise ValidationError({"starts_on": "The start must be on or before the due date."})
    save_edit(milestone, by=by, reason=reason, expected_version=expected_version)
    return milestone


@transaction.atomic
def milestone_remove(
    *, milestone: Milestone, by: User, reason: str, expected_version: int | None = None
) -> None:
    current = Milestone.objects.select_for_update().get(pk=milestone.pk)
    check(by, "finance.change_cycle", current)
    check_version(current, expected_version)
    if not reason.strip():
        raise ValidationError({"reason": "Say why the milestone is being removed"})
    delete_audited(current, by=by, reason=reason)


def _a_year_later(day: datetime.date | None) -> datetime.date | None:
    if day is None:
        return None
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def _month_end_a_year_later(day: datetime.date) -> datetime.date:
    """The last day of the same month a year later (a month-only date stays a month end)."""
    first_after = datetime.date(day.year + 1 + day.month // 12, day.month % 12 + 1, 1)
    return first_after - datetime.timedelta(days=1)


@transaction.atomic
def cycle_repeat(
    *, council: Council, fy: FinancialYear, by: User, reason: str = ""
) -> list[Milestone]:
    """Repeat ``fy``'s cycle for the next year (the cycle repeats each year): the same
    milestones a year later, not started."""
    check(by, "finance.change_cycle", council)
    source = list(Milestone.objects.filter(council=council, fy=fy))
    if not source:
        raise ValidationError({"fy": f"{fy} has no budget cycle to repeat."})
    target = fy.next()
    if Milestone.objects.filter(council=council, fy=target).exists():
        raise ValidationError({"fy": f"{target} already has its budget cycle."})
    reason = reason or f"Repeated from the {fy} cycle"
    made = []
    for old in source:
        due = old.due_on
        month_end = old.months_only and (due + datetime.timedelta(days=1)).day == 1
        new = Milestone(
            council=council,
            fy=target,
            name=old.name,
            starts_on=_a_year_later(old.starts_on),
            due_on=_month_end_a_year_later(due) if month_end else _a_year_later(due),
            months_only=old.months_only,
            owner=old.owner,
            status=MilestoneStatus.NOT_STARTED,
            note=old.note,
            position=old.position,
        )
        save_audited(new, by=by, reason=reason)
        made.append(new)
    return made
