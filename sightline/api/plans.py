"""Service plans in the JSON API: plans with their priorities, actions, quarterly update
positions and corporate objective impact, and recording an update position.

An interface only: reads go through ``sightline.plans.selectors`` (scoped to the caller's
council), writes through ``sightline.plans.services``, the same service the plan's pages call.
Before acting, an endpoint asks the same named rule as the pages and the service
(``sightline.plans.permissions``), which refuses in its own words.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.urls import reverse
from ninja import Query, Router, Schema
from pydantic import StrictInt

from sightline.accounts.permissions import check, require_membership
from sightline.api.schemas import ERRORS, FinancialYearText, PageIn, RecordId, page_of, paged
from sightline.core.fiscal import FinancialYear, FinancialYearError
from sightline.plans import rules, selectors, services
from sightline.plans.models import Action, ServicePlan, UpdateStatus
from sightline.plans.selectors import ActionRow

router = Router(tags=["service plans"])


# --- schemas -----------------------------------------------------------------------------------


class ServicePlanRecordOut(Schema):
    id: int
    name: str


class ObjectiveOut(Schema):
    id: int
    number: int
    title: str


class PlanSummaryOut(Schema):
    id: int
    url: str
    title: str
    directorate: ServicePlanRecordOut
    financial_year: str
    report_of: str


class UpdateOut(Schema):
    id: int
    action: int
    financial_year: str
    quarter: int
    quarter_label: str
    status: UpdateStatus
    status_label: str
    narrative: str
    version: int


class ActionOut(Schema):
    id: int
    url: str
    number: str
    plan: int
    priority: int
    description: str
    resourced: Action.Resourced
    resources: str
    deadline: str
    deadline_on: datetime.date | None
    outcome: str
    late: bool
    version: int
    updates: list[UpdateOut]


class ServicePriorityOut(Schema):
    id: int
    number: int
    title: str
    why: str
    strategic_priority: ObjectiveOut | None
    actions: list[ActionOut]


class ObjectiveImpactOut(Schema):
    objective: ObjectiveOut
    impact: str | None


class ServicePlanOut(PlanSummaryOut):
    summary: str
    version: int
    priorities: list[ServicePriorityOut]
    impact: list[ObjectiveImpactOut]


class UpdateIn(Schema):
    """``version`` is the version of the quarter's update you read (0 if it had none): a
    stale edit is refused rather than overwriting someone else's. Leave it out to skip the
    check. ``financial_year`` defaults to the plan's year, the only one it takes."""

    financial_year: FinancialYearText | None = None
    quarter: StrictInt
    status: UpdateStatus
    narrative: str
    version: StrictInt | None = None
    reason: str = ""


# --- output ------------------------------------------------------------------------------------


def _objective(priority) -> dict | None:
    if priority is None:
        return None
    return {"id": priority.pk, "number": priority.number, "title": priority.title}


def _plan_summary(plan: ServicePlan) -> dict:
    return {
        "id": plan.pk,
        "url": reverse("plans:plan", args=[plan.pk]),
        "title": plan.title,
        "directorate": {"id": plan.directorate_id, "name": plan.directorate.name},
        "financial_year": str(plan.fy),
        "report_of": plan.report_of,
    }


def _update(update) -> dict:
    return {
        "id": update.pk,
        "action": update.action_id,
        "financial_year": str(update.fy),
        "quarter": update.quarter,
        "quarter_label": rules.quarter_label(update.fy, update.quarter),
        "status": update.status,
        "status_label": update.get_status_display(),
        "narrative": update.narrative,
        "version": update.version,
    }


def _action(row: ActionRow, *, plan_id: int) -> dict:
    action = row.action
    return {
        "id": action.pk,
        "url": reverse("plans:action", args=[action.pk]),
        "number": row.number,
        "plan": plan_id,
        "priority": action.priority_id,
        "description": action.description,
        "resourced": action.resourced,
        "resources": action.resources,
        "deadline": action.deadline,
        "deadline_on": action.deadline_on,
        "outcome": action.outcome,
        "late": row.late,
        "version": action.version,
        "updates": [_update(u) for _, _, u in row.by_quarter if u is not None],
    }


# --- endpoints ---------------------------------------------------------------------------------


@router.get("/service-plans", response={200: paged(PlanSummaryOut, "ServicePlanPageOut"), **ERRORS})
def plan_list(request, page: Query[PageIn]):
    """The council's service plans, newest financial year first, then by directorate;
    paged."""
    membership = require_membership(request.user)
    plans = selectors.plan_list(membership=membership).order_by("-fy", "directorate__name", "pk")
    return page_of(plans, page, _plan_summary)


@router.get("/service-plans/{plan_id}", response={200: ServicePlanOut, **ERRORS})
def plan_get(request, plan_id: RecordId):
    """One plan as its page reads: its priorities (at most 6), each with why and the corporate
    objective it serves, their actions with the update position of each quarter of the plan's
    year, and the impact on each corporate objective (``null`` when not assessed)."""
    membership = require_membership(request.user)
    plan = selectors.plan_get(membership=membership, pk=plan_id)
    detail = selectors.plan_detail(membership=membership, plan=plan)
    return {
        **_plan_summary(plan),
        "summary": plan.summary,
        "version": plan.version,
        "priorities": [
            {
                "id": row.priority.pk,
                "number": row.priority.number,
                "title": row.priority.title,
                "why": row.priority.why,
                "strategic_priority": _objective(row.priority.strategic_priority),
                "actions": [_action(a, plan_id=plan.pk) for a in row.actions],
            }
            for row in detail["priorities"]
        ],
        "impact": [
            {
                "objective": _objective(cell.objective),
                "impact": cell.impact.impact if cell.impact else None,
            }
            for cell in detail["grid"]
        ],
    }


@router.get("/actions/{action_id}", response={200: ActionOut, **ERRORS})
def action_get(request, action_id: RecordId):
    """One action of a service plan with its update positions by quarter."""
    membership = require_membership(request.user)
    action = selectors.action_get(membership=membership, pk=action_id)
    row = selectors.action_detail(membership=membership, action=action)
    return _action(row, plan_id=action.priority.plan_id)


@router.put("/actions/{action_id}/updates", response={200: UpdateOut, **ERRORS})
def action_update_record(request, action_id: RecordId, payload: UpdateIn):
    """Record the action's update position for a quarter (1 = April to June … 4 = January to
    March). Recording a quarter again changes its update; the earlier wording stays in its
    history. The programme office, the plan's director and editors may record updates."""
    membership = require_membership(request.user)
    action = selectors.action_get(membership=membership, pk=action_id)
    check(request.user, "plans.record_update", action.priority.plan)
    fy = None
    if payload.financial_year:
        try:
            fy = FinancialYear.parse(payload.financial_year)
        except FinancialYearError as exc:
            raise ValidationError({"financial_year": str(exc)}) from exc
    try:
        update = services.quarterly_update_record(
            action=action,
            by=request.user,
            fy=fy,
            quarter=payload.quarter,
            status=payload.status,
            narrative=payload.narrative,
            expected_version=payload.version,
            reason=payload.reason,
        )
    except ValidationError as exc:
        if hasattr(exc, "error_dict") and "fy" in exc.error_dict:
            raise ValidationError({"financial_year": exc.message_dict["fy"]}) from exc
        raise
    return _update(update)
