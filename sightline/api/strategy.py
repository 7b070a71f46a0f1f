"""API for the corporate plan, its priorities and the line of sight beneath each priority."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema

from sightline.accounts.permissions import require_membership
from sightline.api.schemas import ERRORS, PageIn, RecordId, page_of, paged
from sightline.reports import selectors as reports
from sightline.strategy import selectors

router = Router(tags=["golden thread"])


class CorporatePriorityOut(Schema):
    id: int
    number: int
    title: str
    lead: str | None


class CorporatePlanOut(Schema):
    id: int
    title: str
    starts: str
    ends: str
    mission: str
    vision: str
    values: list[str]
    priorities: list[CorporatePriorityOut]


class ItemOut(Schema):
    id: int
    label: str
    url: str | None = None


class LineOfSightOut(Schema):
    priority: CorporatePriorityOut
    departmental_priorities: list[ItemOut]
    efficiency_projects: list[ItemOut]
    service_priorities: list[ItemOut]
    actions: list[ItemOut]
    personal_objectives: list[ItemOut]
    indicators: list[ItemOut]
    savings_proposals: list[ItemOut]


def _priority(p) -> dict:
    return {
        "id": p.pk,
        "number": p.number,
        "title": p.title,
        "lead": str(p.lead) if p.lead else None,
    }


def _plans(membership):
    """The council's corporate plans, each with its priorities and their leads (prefetched:
    one query for each, whatever the number of plans)."""
    return selectors.corporate_plan_list(membership=membership).prefetch_related("priorities__lead")


def _plan(plan) -> dict:
    return {
        "id": plan.pk,
        "title": plan.title,
        "starts": str(plan.starts),
        "ends": str(plan.ends),
        "mission": plan.mission,
        "vision": plan.vision,
        "values": plan.value_list(),
        "priorities": [_priority(p) for p in plan.priorities.all()],
    }


@router.get(
    "/corporate-plans", response={200: paged(CorporatePlanOut, "CorporatePlanPageOut"), **ERRORS}
)
def corporate_plans(request, page: Query[PageIn]):
    """The council's corporate plans with their mission, vision, values and priorities;
    paged."""
    membership = require_membership(request.user)
    return page_of(_plans(membership), page, _plan)


@router.get("/corporate-plans/{plan_id}", response={200: CorporatePlanOut, **ERRORS})
def corporate_plan(request, plan_id: RecordId):
    membership = require_membership(request.user)
    return _plan(get_object_or_404(_plans(membership), pk=plan_id))


@router.get("/priorities/{priority_id}/line-of-sight", response={200: LineOfSightOut, **ERRORS})
def line_of_sight(request, priority_id: RecordId):
    """Everything beneath a strategic priority, exempt savings only for those entitled."""
    membership = require_membership(request.user)
    priority = reports.priority_get(membership=membership, pk=priority_id)
    tree = reports.beneath(membership=membership, priority=priority)
    actions = [a for sp in tree["service_priorities"] for a in sp.actions.all()]
    return {
        "priority": _priority(priority),
        "departmental_priorities": [{"id": d.pk, "label": d.text} for d in tree["delivery"]],
        "efficiency_projects": [{"id": p.pk, "label": p.title} for p in tree["projects"]],
        "service_priorities": [
            {"id": s.pk, "label": f"{s.plan.title}: {s.number}. {s.title}"}
            for s in tree["service_priorities"]
        ],
        "actions": [{"id": a.pk, "label": a.description} for a in actions],
        "personal_objectives": [
            {"id": o.pk, "label": f"{o.title} ({o.person.name})"}
            for a in actions
            for o in a.visible_objectives
        ],
        "indicators": [{"id": i.pk, "label": f"{i.code} {i.title}"} for i in tree["indicators"]],
        "savings_proposals": [
            {"id": p.pk, "label": str(p), "url": f"/programme/proposals/{p.pk}/"}
            for p, _ in tree["proposals"]
        ],
    }
