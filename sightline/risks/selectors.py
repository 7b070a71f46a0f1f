"""Reads of the risk register, scoped to the member's council. The register is not exempt:
every member of the council reads it (it is printed in the corporate plan). Who may change
it is the rules' business (``sightline.risks.permissions``)."""

from __future__ import annotations

from django.db.models import Max, Q, QuerySet
from django.shortcuts import get_object_or_404

from sightline.accounts.models import Directorate, Membership, Person
from sightline.risks.models import Risk
from sightline.strategy.models import Priority

SORTS = {
    "residual": ("-residual_score", "-initial_score", "number"),
    "initial": ("-initial_score", "-residual_score", "number"),
    "number": ("number",),
    "review": ("review_on", "number"),
}


def risk_list(
    *,
    membership: Membership,
    q: str = "",
    directorate: Directorate | None = None,
    priority: Priority | None = None,
    closed: bool = False,
    sort: str = "residual",
) -> QuerySet[Risk]:
    """The council's risks, open ones unless ``closed``; highest residual score first."""
    qs = Risk.objects.filter(council=membership.council).select_related(
        "directorate", "owner", "priority"
    )
    qs = qs.filter(closed_on__isnull=not closed)
    if q:
        term = Q(title__icontains=q) | Q(controls__icontains=q) | Q(description__icontains=q)
        if q.isdigit():
            term |= Q(number=int(q))
        qs = qs.filter(term)
    if directorate is not None:
        qs = qs.filter(directorate=directorate)
    if priority is not None:
        qs = qs.filter(priority=priority)
    return qs.order_by(*SORTS.get(sort, SORTS["residual"]))


def risk_get(*, membership: Membership, pk: int) -> Risk:
    """One of the council's risks, open or closed; another council's is a 404."""
    return get_object_or_404(
        Risk.objects.filter(council=membership.council).select_related(
            "directorate", "owner", "priority", "council"
        ),
        pk=pk,
    )


def next_number(council_id: int) -> int:
    return (Risk.objects.filter(council_id=council_id).aggregate(n=Max("number"))["n"] or 0) + 1


def choices(*, membership: Membership) -> dict[str, QuerySet]:
    """The council's own directorates, people and priorities, for the risk form."""
    council = membership.council
    return {
        "directorates": Directorate.objects.filter(council=council).order_by("name"),
        "people": Person.objects.filter(council=council).order_by("name"),
        "priorities": Priority.objects.filter(plan__council=council).order_by(
            "plan__title", "number"
        ),
    }
