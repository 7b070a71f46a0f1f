"""Reads for service plans, scoped to the user's council and rights.

Every member of a council reads its service plans, actions and update positions. Personal
(PPA) objectives are read only by the person themselves, the director of the directorate
whose plan the objective serves, and the programme office: the same people the rules in
``sightline.plans.permissions`` let keep them, asked through the same functions. Who may
change what is asked of those rules, never here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from sightline.accounts.models import Membership, Person
from sightline.core.fiscal import FinancialYear
from sightline.plans import rules
from sightline.plans.models import (
    Action,
    ObjectiveImpact,
    PersonalObjective,
    QuarterlyUpdate,
    ServicePlan,
    ServicePriority,
    UpdateStatus,
)
from sightline.plans.permissions import (
    answers_for_directorate,
    keeps_every_objective,
    sets_objectives_for_others,
)
from sightline.strategy.models import CorporatePlan, Priority

# --- plans -------------------------------------------------------------------------------------


def plan_list(*, membership: Membership) -> QuerySet[ServicePlan]:
    return ServicePlan.objects.filter(council=membership.council).select_related(
        "directorate", "directorate__director"
    )


def plan_get(*, membership: Membership, pk: int) -> ServicePlan:
    return get_object_or_404(plan_list(membership=membership), pk=pk)


def plans_by_year(*, membership: Membership) -> list[tuple[FinancialYear, list[ServicePlan]]]:
    """The council's plans, newest year first, each year's plans by directorate."""
    groups: dict[FinancialYear, list[ServicePlan]] = {}
    plans = plan_list(membership=membership).order_by("-fy", "directorate__name")
    for plan in plans:
        groups.setdefault(plan.fy, []).append(plan)
    return list(groups.items())


def strategic_priorities(*, council) -> QuerySet[Priority]:
    """Every strategic priority (corporate objective) of the council's corporate plans."""
    return Priority.objects.filter(plan__council=council).select_related("plan")


def corporate_objectives(*, plan: ServicePlan) -> list[Priority]:
    """The corporate objectives the plan's impact grid assesses: those of the council's corporate
    plan covering the plan's year (or its latest corporate plan), and any already assessed."""
    plans = CorporatePlan.objects.filter(council_id=plan.council_id).order_by("-starts", "-id")
    corporate = plans.filter(starts__lte=plan.fy, ends__gte=plan.fy).first() or plans.first()
    objectives = (Q(plan=corporate) if corporate is not None else Q(pk__in=[])) | Q(
        pk__in=ObjectiveImpact.objects.filter(plan=plan).values("objective")
    )
    return list(
        Priority.objects.filter(objectives, plan__council_id=plan.council_id)
        .select_related("plan")
        .order_by("plan__starts", "plan_id", "number")
    )


@dataclass
class ActionRow:
    action: Action
    number: str
    by_quarter: list[tuple[int, str, QuarterlyUpdate | None]]
    latest: QuarterlyUpdate | None
    late: bool

    @property
    def delayed(self) -> bool:
        return self.latest is not None and self.latest.status == UpdateStatus.DELAYED


@dataclass
class PriorityRow:
    priority: ServicePriority
    actions: list[ActionRow] = field(default_factory=list)


@dataclass
class ImpactRow:
    objective: Priority
    impact: ObjectiveImpact | None


def _decorate(update: QuarterlyUpdate) -> QuarterlyUpdate:
    update.tag_class = rules.STATUS_TAGS.get(update.status, "govuk-tag--grey")
    return update


def action_row(action: Action, *, fy: FinancialYear, number: str, as_of) -> ActionRow:
    """One action with its update positions for each quarter of ``fy`` (from prefetched
    ``updates``), its latest position and whether it is late."""
    updates = {u.quarter: _decorate(u) for u in action.updates.all() if u.fy == fy}
    latest = updates[max(updates)] if updates else None
    return ActionRow(
        action=action,
        number=number,
        by_quarter=[(q, rules.quarter_label(fy, q), updates.get(q)) for q in rules.QUARTERS],
        latest=latest,
        late=rules.is_late(action.deadline_on, latest.status if latest else None, as_of),
    )


def _actions_prefetch() -> Prefetch:
    return Prefetch(
        "actions",
        queryset=Action.objects.order_by("order", "id").prefetch_related(
            Prefetch("updates", queryset=QuarterlyUpdate.objects.order_by("fy", "quarter"))
        ),
    )


def plan_detail(*, membership: Membership, plan: ServicePlan) -> dict:
    """Everything the plan page shows, in a fixed number of queries however large the plan."""
    as_of = rules.late_as_of(plan.fy, timezone.localdate())
    priorities = (
        ServicePriority.objects.filter(plan=plan)
        .select_related("strategic_priority")
        .prefetch_related(_actions_prefetch())
        .order_by("number")
    )
    rows = []
    for priority in priorities:
        row = PriorityRow(priority=priority)
        for index, action in enumerate(priority.actions.all(), start=1):
            row.actions.append(
                action_row(action, fy=plan.fy, number=f"{priority.number}.{index}", as_of=as_of)
            )
        rows.append(row)
    impacts = {i.objective_id: i for i in ObjectiveImpact.objects.filter(plan=plan).order_by("id")}
    grid = [
        ImpactRow(objective=o, impact=impacts.get(o.pk)) for o in corporate_objectives(plan=plan)
    ]
    actions = [a for r in rows for a in r.actions]
    return {
        "priorities": rows,
        "grid": grid,
        "as_of": as_of,
        "late_count": sum(1 for a in actions if a.late),
        "delayed_count": sum(1 for a in actions if a.delayed),
        "action_count": len(actions),
        "quarters": [(q, rules.quarter_label(plan.fy, q)) for q in rules.QUARTERS],
        "full": len(rows) >= rules.MAX_PRIORITIES,
    }


# --- actions -----------------------------------------------------------------------------------


def action_list(*, membership: Membership) -> QuerySet[Action]:
    return Action.objects.filter(priority__plan__council=membership.council).select_related(
        "priority", "priority__plan", "priority__plan__directorate", "priority__strategic_priority"
    )


def action_get(*, membership: Membership, pk: int, plan: ServicePlan | None = None) -> Action:
    actions = action_list(membership=membership)
    if plan is not None:
        actions = actions.filter(priority__plan=plan)
    return get_object_or_404(actions, pk=pk)


def action_detail(*, membership: Membership, action: Action) -> ActionRow:
    plan = action.priority.plan
    siblings = list(
        Action.objects.filter(priority=action.priority)
        .order_by("order", "id")
        .values_list("pk", flat=True)
    )
    number = f"{action.priority.number}.{siblings.index(action.pk) + 1}"
    action = (
        Action.objects.filter(pk=action.pk)
        .select_related("priority__plan__directorate", "priority__strategic_priority")
        .prefetch_related(
            Prefetch("updates", queryset=QuarterlyUpdate.objects.select_related("modified_by"))
        )
        .get()
    )
    return action_row(
        action,
        fy=plan.fy,
        number=number,
        as_of=rules.late_as_of(plan.fy, timezone.localdate()),
    )


def update_for(*, action: Action, fy: FinancialYear, quarter: int) -> QuarterlyUpdate | None:
    return QuarterlyUpdate.objects.filter(action=action, fy=fy, quarter=quarter).first()


def default_quarter(*, action: Action, fy: FinancialYear) -> int:
    """The quarter an update form opens on: this quarter while the plan's year is running,
    otherwise the first quarter with no update position yet (Q4 when all four have one)."""
    today = timezone.localdate()
    if fy.contains(today):
        return rules.quarter_of(today)
    taken = set(
        QuarterlyUpdate.objects.filter(action=action, fy=fy).values_list("quarter", flat=True)
    )
    return next((q for q in rules.QUARTERS if q not in taken), 4)


# --- personal objectives -----------------------------------------------------------------------


def objective_list(*, membership: Membership) -> QuerySet[PersonalObjective]:
    qs = PersonalObjective.objects.filter(person__council=membership.council).select_related(
        "person", "action", "action__priority", "action__priority__plan__directorate"
    )
    if keeps_every_objective(membership):
        return qs
    visible = Q(person__user_id=membership.user_id)
    if answers_for_directorate(membership) and membership.directorate_id:
        visible |= Q(action__priority__plan__directorate_id=membership.directorate_id)
    return qs.filter(visible)


def objective_people(*, membership: Membership) -> QuerySet[Person]:
    """Whom the user may set an objective for: anyone in the council for the programme office
    and directors (the service checks the director's directorate), otherwise only themselves."""
    people = Person.objects.filter(council=membership.council).active()
    if sets_objectives_for_others(membership):
        return people.filter(kind=Person.Kind.OFFICER)
    return people.filter(user_id=membership.user_id)


def objective_actions(*, membership: Membership) -> QuerySet[Action]:
    """The actions an objective may serve: the director's own directorate's, else the council's."""
    actions = action_list(membership=membership).order_by(
        "-priority__plan__fy",
        "priority__plan__directorate__name",
        "priority__number",
        "order",
        "id",
    )
    if answers_for_directorate(membership):
        return actions.filter(priority__plan__directorate_id=membership.directorate_id)
    return actions
