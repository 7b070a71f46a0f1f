"""The budget cycle: a year's milestones, and where the council is in it (what is under way,
what is due next, what is overdue)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from sightline.accounts.models import Membership
from sightline.core.fiscal import FinancialYear
from sightline.finance.models import Milestone, MilestoneStatus


def cycle_years(*, membership: Membership) -> list[FinancialYear]:
    return sorted(
        set(Milestone.objects.filter(council=membership.council).values_list("fy", flat=True))
    )


def milestone_list(*, membership: Membership, fy: FinancialYear) -> QuerySet[Milestone]:
    return Milestone.objects.filter(council=membership.council, fy=fy).order_by(
        "due_on", "position", "id"
    )


def milestone_get(*, membership: Membership, pk: int) -> Milestone:
    return get_object_or_404(Milestone.objects.filter(council=membership.council), pk=pk)


@dataclass
class CyclePosition:
    """Where the council is in ``fy``'s cycle, as at ``as_at``: today, or the last day of a
    cycle year already past (a past cycle is shown as it stood when its year ended)."""

    fy: FinancialYear
    as_at: datetime.date
    milestones: list[Milestone]
    now: list[Milestone] = field(default_factory=list)
    next: Milestone | None = None
    overdue: list[Milestone] = field(default_factory=list)

    @property
    def past(self) -> bool:
        return self.as_at < timezone.localdate()

    @property
    def done(self) -> int:
        return sum(1 for m in self.milestones if m.status == MilestoneStatus.DONE)

    @property
    def next_in_later_cycle(self) -> bool:
        return self.next is not None and self.next.fy != self.fy


def _as_at(fy: FinancialYear, today: datetime.date) -> datetime.date:
    return min(today, fy.ends_on)


def default_cycle_year(
    *, membership: Membership, today: datetime.date | None = None
) -> FinancialYear | None:
    """The cycle of this financial year if there is one, else the latest."""
    years = cycle_years(membership=membership)
    if not years:
        return None
    current = FinancialYear.of(today or timezone.localdate())
    return current if current in years else years[-1]


def cycle_position(
    *, membership: Membership, fy: FinancialYear, today: datetime.date | None = None
) -> CyclePosition | None:
    """What is under way in ``fy``'s cycle (the milestones in progress), what is due next
    (the first not started, due on or after the day; else the next cycle's first) and what
    is overdue (not done, due before the day). None without a cycle."""
    milestones = list(milestone_list(membership=membership, fy=fy))
    if not milestones:
        return None
    as_at = _as_at(fy, today or timezone.localdate())
    position = CyclePosition(fy=fy, as_at=as_at, milestones=milestones)
    for m in milestones:
        if m.status == MilestoneStatus.DONE:
            continue
        if m.status == MilestoneStatus.IN_PROGRESS:
            position.now.append(m)
        if m.due_on < as_at:
            position.overdue.append(m)
        elif m.status == MilestoneStatus.NOT_STARTED and position.next is None:
            position.next = m
    if position.next is None:
        position.next = (
            Milestone.objects.filter(council=membership.council, fy__gt=fy)
            .exclude(status=MilestoneStatus.DONE)
            .order_by("fy", "due_on", "position")
            .first()
        )
    return position
