"""The budget cycle in the API: a year's milestones, what is under way and what is due
next; adding and changing a milestone."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from ninja import Query, Router, Schema, Status
from pydantic import Field, StrictBool, StrictInt

from sightline.accounts.permissions import check, require_membership
from sightline.api.finance.common import _year
from sightline.api.schemas import ERRORS, FinancialYearText, RecordId
from sightline.finance import selectors, services
from sightline.finance.models import Milestone, MilestoneStatus

router = Router(tags=["financial plan"])


class MilestoneOut(Schema):
    id: int
    financial_year: str
    name: str
    starts_on: datetime.date | None
    due_on: datetime.date
    months_only: bool
    owner: str
    status: str
    overdue: bool
    note: str
    version: int


class CycleOut(Schema):
    financial_year: str | None
    as_at: datetime.date | None
    now: list[int]  # the ids of the milestones under way
    next: MilestoneOut | None
    milestones: list[MilestoneOut]


class CycleQuery(Schema):
    financial_year: FinancialYearText | None = None


class MilestoneIn(Schema):
    financial_year: FinancialYearText | None = None
    name: str | None = Field(default=None, max_length=300)
    starts_on: datetime.date | None = None
    due_on: datetime.date | None = None
    months_only: StrictBool | None = None
    owner: str | None = Field(default=None, max_length=200)
    status: MilestoneStatus | None = None
    note: str | None = Field(default=None, max_length=2000)
    version: StrictInt | None = None
    reason: str = Field(default="", max_length=500)


def _milestone(m: Milestone, overdue: set[int] = frozenset()) -> dict:
    return {
        "id": m.pk,
        "financial_year": str(m.fy),
        "name": m.name,
        "starts_on": m.starts_on,
        "due_on": m.due_on,
        "months_only": m.months_only,
        "owner": m.owner,
        "status": m.status,
        "overdue": m.pk in overdue,
        "note": m.note,
        "version": m.version,
    }


@router.get("/finance/cycle", response={200: CycleOut, **ERRORS})
def cycle(request, query: Query[CycleQuery]):
    """A year's budget cycle (this year's, or the latest, if none is given): its milestones,
    what is under way and what is due next."""
    membership = require_membership(request.user)
    fy = (
        _year(query.financial_year, "financial_year")
        if query.financial_year
        else selectors.default_cycle_year(membership=membership)
    )
    position = selectors.cycle_position(membership=membership, fy=fy) if fy else None
    if position is None:
        return {
            "financial_year": str(fy) if fy else None,
            "as_at": None,
            "now": [],
            "next": None,
            "milestones": [],
        }
    overdue = {m.pk for m in position.overdue}
    return {
        "financial_year": str(fy),
        "as_at": position.as_at,
        "now": [m.pk for m in position.now],
        "next": _milestone(position.next, overdue) if position.next else None,
        "milestones": [_milestone(m, overdue) for m in position.milestones],
    }


def _apply(milestone: Milestone, payload: MilestoneIn) -> None:
    sent = payload.dict(exclude_unset=True)
    if "financial_year" in sent and sent["financial_year"]:
        milestone.fy = _year(sent["financial_year"], "financial_year")
    for name in ("name", "starts_on", "due_on", "months_only", "owner", "status", "note"):
        if name in sent and (sent[name] is not None or name == "starts_on"):
            setattr(milestone, name, sent[name])


@router.post("/finance/cycle", response={201: MilestoneOut, **ERRORS})
def milestone_create(request, payload: MilestoneIn):
    """Add a milestone to a year's cycle (programme office and finance)."""
    membership = check(request.user, "finance.change_cycle", None)
    missing = [n for n in ("financial_year", "name", "due_on") if not getattr(payload, n)]
    if missing:
        raise ValidationError(dict.fromkeys(missing, "is required"))
    milestone = Milestone(council=membership.council)
    _apply(milestone, payload)
    services.milestone_save(milestone=milestone, by=request.user, reason=payload.reason)
    return Status(201, _milestone(milestone))


@router.patch("/finance/cycle/{milestone_id}", response={200: MilestoneOut, **ERRORS})
def milestone_update(request, milestone_id: RecordId, payload: MilestoneIn):
    """Change a milestone: its dates, owner or status."""
    membership = require_membership(request.user)
    milestone = selectors.milestone_get(membership=membership, pk=milestone_id)
    check(request.user, "finance.change_cycle", milestone)
    _apply(milestone, payload)
    services.milestone_save(
        milestone=milestone,
        by=request.user,
        expected_version=payload.version,
        reason=payload.reason,
    )
    return _milestone(milestone)
