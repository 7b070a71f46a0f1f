"""Reads of the risk register, scoped to the member's council. The register is not exempt:
every member of the council reads it (it is printed in the corporate plan), except a risk
raised for exempt proposals alone, which is part of them and reaches only those who may read
them. Who may change it is the rules' business (``sightline.risks.permissions``)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import F, Max, Prefetch, Q, QuerySet, prefetch_related_objects
from django.shortcuts import get_object_or_404

from sightline.accounts.models import Directorate, Membership, Person
from sightline.core.charts.heatmap import HeatRisk, band
from sightline.risks.models import Risk, RiskReview
from sightline.savings.models import Bundle, Proposal
from sightline.savings.selectors import drawn_only_from_secret
from sightline.strategy.models import Priority

# Risks rated by RAG alone (no scores) come after the scored ones, whatever the database.
RESIDUAL, INITIAL = (F(n).desc(nulls_last=True) for n in ("residual_score", "initial_score"))
SORTS = {
    "residual": (RESIDUAL, INITIAL, "number"),
    "initial": (INITIAL, RESIDUAL, "number"),
    "number": ("number",),
    "review": ("review_on", "number"),
}


def readable(qs: QuerySet[Risk], membership: Membership) -> QuerySet[Risk]:
    """``qs`` without the risks raised only for exempt proposals the member may not read."""
    links = Risk.proposals.through.objects.filter(risk__council=membership.council)
    return qs.exclude(pk__in=drawn_only_from_secret(links, "risk_id", membership))


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
    qs = readable(Risk.objects.filter(council=membership.council), membership).select_related(
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
        readable(Risk.objects.filter(council=membership.council), membership).select_related(
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


# --- the heat map ------------------------------------------------------------------------------


def heat_map_risks(*, membership: Membership, directorate: Directorate | None = None) -> list[Risk]:
    """The council's open risks for the heat map (one directorate's, if given)."""
    qs = readable(Risk.objects.open().filter(council=membership.council), membership)
    if directorate is not None:
        qs = qs.filter(directorate=directorate)
    return list(qs.order_by("number"))


def heat_risks(risks: list[Risk]) -> list[HeatRisk]:
    """The risks as the chart takes them: a position only where the register gives both the
    likelihood and the impact; otherwise the score as given, or nothing."""

    def position(risk: Risk, stage: str):
        likelihood = getattr(risk, f"{stage}_likelihood")
        impact = getattr(risk, f"{stage}_impact")
        return (likelihood, impact) if likelihood and impact else None

    return [
        HeatRisk(
            label=str(risk.number),
            initial=position(risk, "initial"),
            residual=position(risk, "residual"),
            initial_score=risk.initial_score,
            residual_score=risk.residual_score,
        )
        for risk in risks
    ]


@dataclass
class HeatCell:
    """One cell of the map (or one score, for risks given only scores), with its risks."""

    likelihood: int | None
    impact: int | None
    score: int
    band: str
    initial: list[Risk] = field(default_factory=list)
    residual: list[Risk] = field(default_factory=list)


def heat_cells(risks: list[Risk]) -> tuple[list[HeatCell], list[HeatCell], list[Risk]]:
    """The map as tables: the grid's cells that hold a risk (highest score first), the scores
    of risks given only a score, and the risks rated by RAG alone."""
    grid: dict[tuple, HeatCell] = {}
    scores: dict[int, HeatCell] = {}
    unrated = []
    for risk in risks:
        if risk.initial_score is None and risk.residual_score is None:
            unrated.append(risk)
            continue
        for stage in ("initial", "residual"):
            likelihood = getattr(risk, f"{stage}_likelihood")
            impact = getattr(risk, f"{stage}_impact")
            score = getattr(risk, f"{stage}_score")
            if likelihood and impact:
                key = (likelihood, impact)
                cell = grid.setdefault(
                    key, HeatCell(likelihood, impact, likelihood * impact, band(score)[0])
                )
            else:
                cell = scores.setdefault(score, HeatCell(None, None, score, band(score)[0]))
            getattr(cell, stage).append(risk)
    order = sorted(grid.values(), key=lambda c: (-c.score, -c.likelihood, -c.impact))
    return order, sorted(scores.values(), key=lambda c: -c.score), unrated


# --- reviews and links -----------------------------------------------------------------------


def risk_reviews(*, risk: Risk) -> list[RiskReview]:
    """The risk's reviews, newest first, with who recorded each."""
    return list(risk.reviews.select_related("created_by"))


def risk_links(*, membership: Membership, risk: Risk) -> dict[str, list]:
    """The proposals (only those the member may read) and bundles the risk is linked to."""
    return {
        "proposals": list(
            risk.proposals.visible_to(membership)
            .select_related("directorate")
            .order_by("reference")
        ),
        "bundles": list(risk.bundles.order_by("name")),
    }


def attach_links(risks: list[Risk], *, membership: Membership) -> list[Risk]:
    """Give each risk ``visible_proposals`` (the linked proposals the member may read) and
    ``linked_bundles``, in two queries for any number of risks."""
    prefetch_related_objects(
        risks,
        Prefetch(
            "proposals",
            queryset=Proposal.objects.visible_to(membership).order_by("reference"),
            to_attr="visible_proposals",
        ),
        Prefetch("bundles", queryset=Bundle.objects.order_by("name"), to_attr="linked_bundles"),
    )
    return risks


def link_choices(*, membership: Membership) -> dict[str, QuerySet]:
    """The proposals a member may link a risk to (those they may read, still in the
    programme) and the council's bundles."""
    return {
        "proposals": Proposal.objects.visible_to(membership).active().order_by("reference"),
        "bundles": Bundle.objects.filter(council=membership.council).order_by("name"),
    }


def proposal_risks(*, membership: Membership, proposal: Proposal) -> list[Risk]:
    """The register's open risks linked to a proposal, directly or through its bundle."""
    term = Q(proposals=proposal)
    if proposal.bundle_id:
        term |= Q(bundles=proposal.bundle_id)
    return list(
        Risk.objects.open()
        .filter(council=membership.council)
        .filter(term)
        .distinct()
        .order_by(RESIDUAL, "number")
    )
