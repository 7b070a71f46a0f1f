"""Line of sight: from a strategic priority everything beneath it, from any item the chain
above it, the items linked to no priority, and savings that harm a priority. Reads only."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, F, Prefetch, Q
from django.http import Http404
from django.urls import reverse

from sightline.accounts.models import Membership
from sightline.performance.models import Indicator
from sightline.plans.models import Action, ServicePlan, ServicePriority
from sightline.plans.selectors import objective_list
from sightline.risks.models import Risk
from sightline.risks.selectors import readable as readable_risks
from sightline.savings.models import PriorityImpact
from sightline.savings.selectors import proposal_list
from sightline.strategy.models import (
    DeliveryPriority,
    EfficiencyProject,
    Priority,
)


def priority_get(*, membership: Membership, pk: int) -> Priority:
    priority = (
        Priority.objects.filter(plan__council=membership.council)
        .select_related("plan", "lead")
        .filter(pk=pk)
        .first()
    )
    if priority is None:
        raise Http404
    return priority


def beneath(*, membership: Membership, priority: Priority) -> dict:
    """Everything that serves ``priority``: departmental priorities, efficiency projects and
    their savings, service plan priorities with their actions and personal objectives,
    indicators, and savings proposals linked directly or through a recorded impact."""
    visible = proposal_list(membership=membership)
    delivery = list(
        DeliveryPriority.objects.filter(priority=priority).select_related(
            "departmental_plan__directorate"
        )
    )
    projects = list(
        EfficiencyProject.objects.filter(priority=priority)
        .select_related("departmental_plan__directorate")
        .prefetch_related(Prefetch("proposals", queryset=visible, to_attr="visible"))
    )
    service_priorities = list(
        ServicePriority.objects.filter(strategic_priority=priority)
        .select_related("plan__directorate")
        .prefetch_related(
            Prefetch(
                "actions",
                # Personal (PPA) objectives are read only by the person, their director and
                # the programme office: others see how many there are, not whose or what.
                queryset=Action.objects.annotate(
                    objective_count=Count("objectives")
                ).prefetch_related(
                    Prefetch(
                        "objectives",
                        queryset=objective_list(membership=membership),
                        to_attr="visible_objectives",
                    )
                ),
            )
        )
    )
    for sp in service_priorities:
        for action in sp.actions.all():
            action.hidden_objectives = action.objective_count - len(action.visible_objectives)
    indicators = list(Indicator.objects.filter(priorities=priority).select_related("owner"))
    risks = list(
        readable_risks(Risk.objects.open().filter(priority=priority), membership)
        .select_related("owner")
        .order_by(F("residual_score").desc(nulls_last=True), "number")
    )
    proposals = list(
        visible.filter(
            Q(priority=priority)
            | Q(efficiency_projects__priority=priority)
            | Q(impacts__priority=priority)
        ).distinct()
    )
    impacts = {
        i.proposal_id: i
        for i in PriorityImpact.objects.filter(
            priority=priority, proposal__in=[p.pk for p in proposals]
        )
    }
    return {
        "delivery": delivery,
        "projects": projects,
        "service_priorities": service_priorities,
        "indicators": indicators,
        "risks": risks,  # they threaten the priority rather than serve it: not in the count
        "proposals": [(p, impacts.get(p.pk)) for p in proposals],
        "count": len(delivery)
        + len(projects)
        + len(service_priorities)
        + len(indicators)
        + len(proposals),
    }


@dataclass
class Link:
    kind: str
    label: str
    url: str | None = None


def _priority_links(priority: Priority | None) -> list[Link]:
    if priority is None:
        return [Link("Strategic priority", "Not linked to any strategic priority")]
    return [
        Link("Strategic priority", str(priority), reverse("reports:priority", args=[priority.pk])),
        Link("Corporate plan", priority.plan.title, reverse("strategy:plan")),
    ]


KINDS = ("action", "service-priority", "proposal", "indicator", "objective", "delivery")


def above(*, membership: Membership, kind: str, pk: int) -> tuple[str, list[list[Link]]]:
    """The chain(s) above an item, nearest first: "why does this exist?"."""
    council = membership.council
    if kind == "action":
        action = (
            Action.objects.filter(priority__plan__council=council)
            .select_related("priority__plan", "priority__strategic_priority__plan")
            .filter(pk=pk)
            .first()
        )
        if action is None:
            raise Http404
        return action.description, [_action_chain(action)]
    if kind == "objective":
        objective = (
            objective_list(membership=membership)
            .select_related(
                "person", "action__priority__plan", "action__priority__strategic_priority__plan"
            )
            .filter(pk=pk)
            .first()
        )
        if objective is None:
            raise Http404
        chain = [Link("Personal objective", f"{objective.title} ({objective.person.name})")]
        return objective.title, [chain + _action_chain(objective.action)]
    if kind == "service-priority":
        sp = (
            ServicePriority.objects.filter(plan__council=council)
            .select_related("plan", "strategic_priority__plan")
            .filter(pk=pk)
            .first()
        )
        if sp is None:
            raise Http404
        return sp.title, [_service_priority_chain(sp)]
    if kind == "delivery":
        d = (
            DeliveryPriority.objects.filter(departmental_plan__plan__council=council)
            .select_related("departmental_plan__directorate", "priority__plan")
            .filter(pk=pk)
            .first()
        )
        if d is None:
            raise Http404
        chain = [
            Link(
                "Departmental plan",
                d.departmental_plan.directorate.name,
                reverse("strategy:departmental_plan", args=[d.departmental_plan_id]),
            )
        ]
        return d.text, [chain + _priority_links(d.priority)]
    if kind == "indicator":
        indicator = Indicator.objects.filter(council=council, pk=pk).first()
        if indicator is None:
            raise Http404
        priorities = list(indicator.priorities.select_related("plan"))
        return str(indicator), [_priority_links(p) for p in priorities] or [_priority_links(None)]
    if kind == "proposal":
        proposal = (
            proposal_list(membership=membership)
            .select_related("priority__plan")
            .filter(pk=pk)
            .first()
        )
        if proposal is None:
            raise Http404
        chains = []
        if proposal.priority_id:
            chains.append(_priority_links(proposal.priority))
        for project in proposal.efficiency_projects.select_related(
            "departmental_plan__directorate", "priority__plan"
        ):
            chains.append(
                [
                    Link("Efficiency project", project.title),
                    Link(
                        "Departmental plan",
                        project.departmental_plan.directorate.name,
                        reverse("strategy:departmental_plan", args=[project.departmental_plan_id]),
                    ),
                    *_priority_links(project.priority),
                ]
            )
        return str(proposal), chains or [_priority_links(None)]
    raise Http404


def _service_priority_chain(sp: ServicePriority) -> list[Link]:
    return [
        Link(
            "Service plan priority",
            f"{sp.number}. {sp.title}",
        ),
        Link("Service plan", sp.plan.title, _plan_url(sp.plan)),
        *_priority_links(sp.strategic_priority),
    ]


def _plan_url(plan: ServicePlan) -> str | None:
    try:
        return reverse("plans:plan", args=[plan.pk])
    except Exception:  # noqa: BLE001 - the service plan pages may not be installed
        return None


def _action_chain(action: Action) -> list[Link]:
    return [Link("Action", action.description)] + _service_priority_chain(action.priority)


def orphans(*, membership: Membership) -> dict:
    """Items linked to no strategic priority."""
    council = membership.council
    return {
        "service_priorities": list(
            ServicePriority.objects.filter(
                plan__council=council, strategic_priority__isnull=True
            ).select_related("plan")
        ),
        "delivery": list(
            DeliveryPriority.objects.filter(
                departmental_plan__plan__council=council, priority__isnull=True
            ).select_related("departmental_plan__directorate")
        ),
        "projects": list(
            EfficiencyProject.objects.filter(
                departmental_plan__plan__council=council, priority__isnull=True
            ).select_related("departmental_plan__directorate")
        ),
        "indicators": list(
            Indicator.objects.filter(council=council, priorities__isnull=True).order_by("code")
        ),
        "proposals": list(
            proposal_list(membership=membership)
            .filter(priority__isnull=True, efficiency_projects__isnull=True)
            .exclude(stage__in=["withdrawn", "failed"])
            .order_by("reference")
        ),
    }


def negative_impacts(*, membership: Membership) -> list[PriorityImpact]:
    """Savings proposals recorded as harming a priority or one of its indicators."""
    visible = proposal_list(membership=membership).values("pk")
    return list(
        PriorityImpact.objects.filter(
            impact=PriorityImpact.Impact.NEGATIVE, proposal__in=visible
        ).select_related("proposal", "priority", "indicator")
    )


# --- the quarterly performance report ------------------------------------------------------


@dataclass
class IndicatorLine:
    indicator: Indicator
    latest: object  # performance.selectors.PeriodRow
    trend: list


# Indicators shown on a page of the quarterly report (the PDF and Word papers hold them all).
PERFORMANCE_PAGE_SIZE = 50


def indicators_page(by_priority: list, number) -> tuple:
    """One page of the report's indicators by priority: the Django ``Page`` of
    ``(priority, line)`` pairs, and the page's lines grouped under their priorities again, as
    ``[(priority, [line, ...]), ...]`` (a priority split across pages heads each part)."""
    from django.core.paginator import Paginator

    pairs = [(priority, line) for priority, lines in by_priority for line in lines]
    page = Paginator(pairs, PERFORMANCE_PAGE_SIZE).get_page(number)
    groups: list = []
    for priority, line in page.object_list:
        if groups and groups[-1][0] is priority:
            groups[-1][1].append(line)
        else:
            groups.append((priority, [line]))
    return page, groups


def quarter_end(fy, quarter: int):
    """The last day of quarter 1-4 of a financial year (Q1 is April to June)."""
    import datetime

    month = fy.starts_on.month + 3 * quarter
    year = fy.starts_on.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    return datetime.date(year, month, 1) - datetime.timedelta(days=1)


def performance_report(*, membership: Membership, fy, quarter: int, trends: bool = True) -> dict:
    """Indicators by priority with RAG and trend, actions late or delayed, and exceptions
    (Red indicators) with their commentary, as of the end of the quarter. ``trends``: False
    leaves the trends empty, for a page that reads those of the lines it shows
    (``performance.selectors.trend_values``)."""
    from sightline.performance import selectors as performance
    from sightline.plans import selectors as plans
    from sightline.plans.models import UpdateStatus

    as_of = quarter_end(fy, quarter)
    # Sparklines take whole numbers: hundredths keep two decimal places exact.
    lines = [
        IndicatorLine(indicator=t.indicator, latest=t.latest, trend=t.trend)
        for t in performance.indicator_trends(
            membership=membership, as_of=as_of, points=8, trend_of=None if trends else ()
        )
    ]
    by_priority: dict = {}
    priorities = {
        p.pk: p
        for p in Priority.objects.filter(plan__council=membership.council).select_related("plan")
    }
    links = Indicator.priorities.through.objects.filter(
        indicator_id__in=[line.indicator.pk for line in lines]
    ).values_list("indicator_id", "priority_id")
    linked: dict[int, list[int]] = {}
    for indicator_id, priority_id in links:
        linked.setdefault(indicator_id, []).append(priority_id)
    for line in lines:
        for priority_id in linked.get(line.indicator.pk, [None]):
            by_priority.setdefault(priorities.get(priority_id), []).append(line)
    ordered = sorted(
        by_priority.items(),
        key=lambda kv: (kv[0] is None, kv[0].plan_id if kv[0] else 0, kv[0].number if kv[0] else 0),
    )
    exceptions = [line for line in lines if line.latest is not None and line.latest.rag == "red"]
    actions = []
    for action in (
        plans.action_list(membership=membership)
        .select_related("priority__plan")
        .prefetch_related("updates")
    ):
        plan_fy = action.priority.plan.fy
        if plan_fy != fy:
            continue
        row = plans.action_row(action, fy=fy, number="", as_of=as_of)
        in_quarter = [u for q, _, u in row.by_quarter if u is not None and q <= quarter]
        latest = in_quarter[-1] if in_quarter else None
        if (latest is not None and latest.status == UpdateStatus.DELAYED) or row.late:
            actions.append((action, latest, row.late))
    return {
        "as_of": as_of,
        "by_priority": ordered,
        "exceptions": exceptions,
        "actions": actions,
        "counts": {
            rag: sum(1 for line in lines if line.latest is not None and line.latest.rag == rag)
            for rag in ("green", "amber", "red")
        },
    }
