"""Every write to service plans: the rule's check, the plan's rules, full_clean, audit, one
transaction.

Who may do what is asked of the named rules in ``sightline.plans.permissions`` (which refuse
in their own words): the programme office and the director of a plan's directorate edit its
plan, priorities, actions and impact grid; editors of the council may also record quarterly
update positions (and only those). Personal objectives are kept by the person's own login,
the director of the directorate whose plan they serve, and the programme office.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction

from sightline.accounts.models import Directorate, Person
from sightline.accounts.permissions import check
from sightline.core.audit import StaleEdit, check_version, delete_audited, save_audited, snapshot
from sightline.core.fiscal import FinancialYear
from sightline.plans import rules
from sightline.plans.models import (
    Action,
    Impact,
    ObjectiveImpact,
    PersonalObjective,
    QuarterlyUpdate,
    ServicePlan,
    ServicePriority,
)
from sightline.strategy.models import Priority

if TYPE_CHECKING:
    from django.contrib.auth.models import User

PLAN_FIELDS = ["title", "report_of", "summary"]
PRIORITY_FIELDS = ["title", "why", "strategic_priority"]
ACTION_FIELDS = ["description", "resourced", "resources", "deadline", "deadline_on", "outcome"]


def _check_objective(council_id: int, objective: Priority | None, *, field: str) -> None:
    if objective is not None and objective.plan.council_id != council_id:
        raise ValidationError({field: "Choose one of your council's own corporate objectives."})


def _locked(plan: ServicePlan) -> ServicePlan:
    """The plan's row, locked until the transaction ends, so two edits queue rather than race."""
    return ServicePlan.objects.select_for_update().get(pk=plan.pk)


# --- plans -------------------------------------------------------------------------------------


@transaction.atomic
def plan_create(
    *,
    by: User,
    directorate: Directorate,
    fy: FinancialYear,
    title: str,
    report_of: str = "",
    summary: str = "",
    reason: str = "",
) -> ServicePlan:
    """Start a directorate's service plan for a financial year (one per directorate a year)."""
    membership = check(by, "plans.create_plan")
    if directorate.council_id != membership.council_id:
        raise ValidationError({"directorate": "Choose one of your council's own directorates."})
    plan = ServicePlan(
        council=membership.council,
        directorate=directorate,
        fy=fy,
        title=title,
        report_of=report_of,
        summary=summary,
    )
    check(by, "plans.create_plan", plan)
    if ServicePlan.objects.filter(directorate=directorate, fy=fy).exists():
        raise ValidationError(
            {"fy": f"{directorate} already has a service plan for {fy}: add to that one."}
        )
    save_audited(plan, by=by, reason=reason)
    return plan


@transaction.atomic
def plan_update(
    *,
    plan: ServicePlan,
    by: User,
    data: dict,
    expected_version: int | None = None,
    reason: str = "",
) -> ServicePlan:
    """Change a plan's title, report of and summary."""
    check(by, "plans.change_plan", plan)
    current = _locked(plan)
    check_version(current, expected_version)
    for name in PLAN_FIELDS:
        if name in data:
            setattr(current, name, data[name])
    save_audited(current, by=by, reason=reason)
    return current


# --- priorities --------------------------------------------------------------------------------


@transaction.atomic
def priority_add(
    *,
    plan: ServicePlan,
    by: User,
    title: str,
    why: str = "",
    strategic_priority: Priority | None = None,
    number: int | None = None,
    reason: str = "",
) -> ServicePriority:
    """Add a priority, numbered next unless ``number`` is given. A plan has at most six."""
    check(by, "plans.change_priorities", plan)
    current = _locked(plan)
    taken = set(ServicePriority.objects.filter(plan=current).values_list("number", flat=True))
    if len(taken) >= rules.MAX_PRIORITIES:
        raise ValidationError(rules.priority_limit_message(current), code="too_many_priorities")
    if number is None:
        number = rules.next_priority_number(taken)
    elif number in taken:
        raise ValidationError({"number": f"Priority {number} already exists in this plan."})
    _check_objective(current.council_id, strategic_priority, field="strategic_priority")
    priority = ServicePriority(
        plan=current, number=number, title=title, why=why, strategic_priority=strategic_priority
    )
    save_audited(priority, by=by, reason=reason)
    return priority


@transaction.atomic
def priority_update(
    *,
    priority: ServicePriority,
    by: User,
    data: dict,
    expected_version: int | None = None,
    reason: str = "",
) -> ServicePriority:
    check(by, "plans.change_priorities", priority.plan)
    current = ServicePriority.objects.select_for_update().get(pk=priority.pk)
    check_version(current, expected_version)
    for name in PRIORITY_FIELDS:
        if name in data:
            setattr(current, name, data[name])
    _check_objective(
        priority.plan.council_id, current.strategic_priority, field="strategic_priority"
    )
    save_audited(current, by=by, reason=reason)
    return current


@transaction.atomic
def priority_remove(*, priority: ServicePriority, by: User, reason: str = "") -> None:
    """Remove a priority that has no actions left (move or merge them first). Its history and
    an audit event keep what it said."""
    plan = priority.plan
    check(by, "plans.change_priorities", plan)
    _locked(plan)
    if Action.objects.filter(priority=priority).exists():
        raise ValidationError(
            f"Priority {priority.number} still has actions: move them to another priority "
            "(edit each action) before removing it."
        )
    delete_audited(priority, by=by, reason=reason)


# --- actions -----------------------------------------------------------------------------------


@transaction.atomic
def action_add(
    *,
    priority: ServicePriority,
    by: User,
    description: str,
    resourced: str = Action.Resourced.YES,
    resources: str = "",
    deadline: str = "",
    deadline_on: datetime.date | None = None,
    outcome: str = "",
    reason: str = "",
) -> Action:
    """Add an action under a priority, after its existing actions."""
    plan = priority.plan
    check(by, "plans.change_actions", plan)
    _locked(plan)
    last = Action.objects.filter(priority=priority).order_by("-order").first()
    action = Action(
        priority=priority,
        description=description,
        resourced=resourced,
        resources=resources,
        deadline=deadline,
        deadline_on=deadline_on,
        outcome=outcome,
        order=(last.order + 1) if last else 1,
    )
    save_audited(action, by=by, reason=reason)
    return action


@transaction.atomic
def action_update(
    *, action: Action, by: User, data: dict, expected_version: int | None = None, reason: str = ""
) -> Action:
    plan = action.priority.plan
    check(by, "plans.change_actions", plan)
    current = Action.objects.select_for_update().get(pk=action.pk)
    check_version(current, expected_version)
    for name in ACTION_FIELDS:
        if name in data:
            setattr(current, name, data[name])
    moved_to = data.get("priority")
    if moved_to is not None and moved_to.pk != current.priority_id:
        if moved_to.plan_id != plan.pk:
            raise ValidationError({"priority": "Choose one of this plan's own priorities."})
        current.priority = moved_to
        last = Action.objects.filter(priority=moved_to).order_by("-order").first()
        current.order = (last.order + 1) if last else 1
    save_audited(current, by=by, reason=reason)
    return current


# --- quarterly update positions ----------------------------------------------------------------


@transaction.atomic
def quarterly_update_record(
    *,
    action: Action,
    by: User,
    quarter: int,
    status: str,
    narrative: str,
    fy: FinancialYear | None = None,
    expected_version: int | None = None,
    reason: str = "",
) -> QuarterlyUpdate:
    """Record an action's update position for a quarter of its plan's year. There is one per
    quarter: recording it again edits it (versioned, with its history kept).

    ``expected_version`` is the version of the quarter's update the user saw: ``0`` when they
    saw none (so one recorded meanwhile by someone else is not overwritten), ``None`` to skip
    the check.
    """
    plan = action.priority.plan
    check(by, "plans.record_update", plan)
    fy = plan.fy if fy is None else FinancialYear.parse(fy)
    if fy != plan.fy:
        raise ValidationError(
            {"fy": f"This plan is for {plan.fy}: its update positions are for {plan.fy} only."}
        )
    if quarter not in rules.QUARTERS:
        raise ValidationError({"quarter": "Choose a quarter from 1 to 4 (Q1 is April to June)."})
    if not (narrative or "").strip():
        raise ValidationError({"narrative": "Say what the position is at the end of the quarter."})
    current = (
        QuarterlyUpdate.objects.select_for_update()
        .filter(action=action, fy=fy, quarter=quarter)
        .first()
    )
    if current is None:
        if expected_version:
            raise StaleEdit(
                f"The Q{quarter} update position you were editing no longer exists. Reload the "
                "page and record it again.",
                code="stale",
            )
        update = QuarterlyUpdate(
            action=action, fy=fy, quarter=quarter, status=status, narrative=narrative
        )
        save_audited(update, by=by, reason=reason)
        return update
    if expected_version == 0:
        raise StaleEdit(
            f"The Q{quarter} {fy} update position of this action already exists, and it is not "
            "the one you opened (it may have been recorded since). Open that quarter's update to "
            "see it, then make your change to it.",
            code="stale",
        )
    check_version(current, expected_version)
    before = snapshot(current)
    current.status, current.narrative = status, narrative
    if snapshot(current) == before:
        return current
    save_audited(current, by=by, reason=reason)
    return current


# --- the corporate objective impact grid -------------------------------------------------------


@transaction.atomic
def impact_grid_set(
    *, plan: ServicePlan, by: User, impacts: dict[Priority, str | None], reason: str = ""
) -> list[ObjectiveImpact]:
    """Set the plan's impact on each corporate objective given: positive, neutral, negative,
    or ``None`` for not assessed. Objectives not given are left as they are."""
    check(by, "plans.set_impact", plan)
    current = _locked(plan)
    existing = {i.objective_id: i for i in ObjectiveImpact.objects.filter(plan=current)}
    errors = {}
    for objective, impact in impacts.items():
        if objective.plan.council_id != current.council_id:
            errors[f"objective_{objective.pk}"] = "Choose your council's own corporate objectives."
        elif impact not in (None, "", *Impact.values):
            errors[f"objective_{objective.pk}"] = (
                "Choose positive, neutral, negative or not assessed."
            )
    if errors:
        raise ValidationError(errors)
    for objective, impact in impacts.items():
        row = existing.get(objective.pk)
        if not impact:
            if row is not None:
                delete_audited(row, by=by, reason=reason)
            continue
        if row is None:
            row = ObjectiveImpact(plan=current, objective=objective, impact=impact)
            save_audited(row, by=by, reason=reason)
        elif row.impact != impact:
            row.impact = impact
            save_audited(row, by=by, reason=reason)
    return list(ObjectiveImpact.objects.filter(plan=current))


# --- personal objectives (PPA) -----------------------------------------------------------------


@transaction.atomic
def objective_create(
    *,
    by: User,
    person: Person,
    action: Action,
    title: str,
    starts_on: datetime.date,
    review_on: datetime.date | None = None,
    final_review_on: datetime.date | None = None,
    reason: str = "",
) -> PersonalObjective:
    """Set a person's objective (PPA) serving a service plan action. The formal review is six
    months after the start unless another date is given."""
    objective = PersonalObjective(
        person=person,
        action=action,
        title=title,
        starts_on=starts_on,
        review_on=review_on or rules.six_months_after(starts_on),
        final_review_on=final_review_on,
    )
    check(by, "plans.set_objective", objective)
    _check_dates(objective)
    save_audited(objective, by=by, reason=reason)
    return objective


@transaction.atomic
def objective_update(
    *,
    objective: PersonalObjective,
    by: User,
    data: dict,
    expected_version: int | None = None,
    reason: str = "",
) -> PersonalObjective:
    """Change an objective's title, action or dates; the person stays the same."""
    check(by, "plans.change_objective", objective)
    current = PersonalObjective.objects.select_for_update().get(pk=objective.pk)
    check_version(current, expected_version)
    for name in ("action", "title", "starts_on", "review_on", "final_review_on"):
        if name in data:
            setattr(current, name, data[name])
    if current.action_id != objective.action_id:
        check(by, "plans.change_objective", current)  # and where it moves to
    _check_dates(current)
    save_audited(current, by=by, reason=reason)
    return current


def _check_dates(objective: PersonalObjective) -> None:
    errors = {}
    if objective.review_on and objective.starts_on and objective.review_on <= objective.starts_on:
        errors["review_on"] = "The six-month review must come after the start date."
    if (
        objective.final_review_on
        and objective.review_on
        and objective.final_review_on < objective.review_on
    ):
        errors["final_review_on"] = (
            "The end of year review cannot come before the six-month review."
        )
    if errors:
        raise ValidationError(errors)
