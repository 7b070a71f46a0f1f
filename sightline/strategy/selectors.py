"""Reads for the corporate plan and departmental plans, scoped to the user's council."""

from __future__ import annotations

from django.db.models import Count, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce

from sightline.accounts.models import Membership
from sightline.strategy.models import (
    CorporatePlan,
    DeliveryPriority,
    DepartmentalPlan,
    EfficiencyProject,
    Priority,
)


def corporate_plan_list(*, membership: Membership) -> QuerySet[CorporatePlan]:
    return CorporatePlan.objects.filter(council=membership.council)


def current_plan(*, membership: Membership) -> CorporatePlan | None:
    return corporate_plan_list(membership=membership).first()


def priority_list(*, membership: Membership) -> QuerySet[Priority]:
    return Priority.objects.filter(plan__council=membership.council).select_related("plan", "lead")


def _count(model, field: str):
    """A correlated COUNT subquery: each count on its own, never over a join's product."""
    return Coalesce(
        Subquery(
            model.objects.filter(**{field: OuterRef("pk")})
            .order_by()
            .values(field)
            .annotate(n=Count("pk"))
            .values("n")[:1]
        ),
        0,
    )


def _visible_proposals(membership: Membership) -> QuerySet:
    """The savings proposals ``membership`` may see, reached through the relation that ties
    them to a priority: the savings app sits above this one, so the golden thread asks the
    rule its queryset carries (``visible_to``) instead of importing it or repeating it."""
    proposals = Priority._meta.get_field("proposals").related_model
    return proposals.objects.visible_to(membership)


def _visible_count(membership: Membership):
    """A correlated COUNT of the proposals serving each priority that the member may see."""
    return Coalesce(
        Subquery(
            _visible_proposals(membership)
            .filter(priority=OuterRef("pk"))
            .order_by()
            .values("priority")
            .annotate(n=Count("pk"))
            .values("n")[:1]
        ),
        0,
    )


def priorities_with_counts(*, plan: CorporatePlan, membership: Membership) -> QuerySet[Priority]:
    """The plan's priorities with how much serves each: departmental and service plan
    priorities, indicators, and the savings proposals the reader may see."""
    links = Priority.indicators.through
    return (
        plan.priorities.select_related("lead")
        .annotate(
            delivery_count=_count(DeliveryPriority, "priority"),
            service_count=_count(
                Priority.service_priorities.rel.related_model, "strategic_priority"
            ),
            indicator_count=_count(links, "priority"),
            proposal_count=_visible_count(membership),
        )
        .order_by("number")
    )


def departmental_plan_list(*, membership: Membership) -> QuerySet[DepartmentalPlan]:
    return DepartmentalPlan.objects.filter(plan__council=membership.council).select_related(
        "directorate__director", "plan"
    )


def departmental_plan_detail(*, plan: DepartmentalPlan, membership: Membership) -> dict:
    delivery = list(
        DeliveryPriority.objects.filter(departmental_plan=plan).select_related("priority")
    )
    themes: dict = {}
    for item in delivery:
        themes.setdefault(item.priority, []).append(item)
    return {
        "themes": sorted(themes.items(), key=lambda kv: kv[0].number if kv[0] else 99),
        "projects": list(
            EfficiencyProject.objects.filter(departmental_plan=plan)
            .select_related("priority")
            .prefetch_related(
                Prefetch("proposals", queryset=_visible_proposals(membership), to_attr="visible")
            )
        ),
        "measures": list(plan.key_measures.order_by("code")),
    }
