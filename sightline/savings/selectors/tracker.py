"""The tracker: every visible proposal with its saving, forecast and RAG for a year."""

from __future__ import annotations

from django.db.models import Case, Count, OuterRef, Q, QuerySet, Subquery, Sum, Value, When

from sightline.accounts.models import Directorate, Membership
from sightline.core.fiscal import FinancialYear
from sightline.savings.models import (
    Bundle,
    DecisionStatus,
    Forecast,
    Proposal,
    Rag,
    SavingLine,
    SavingsType,
    Stage,
)
from sightline.savings.selectors.proposals import proposal_list
from sightline.savings.selectors.summary import programme_years

RAG_ORDER = (Rag.RED, Rag.AMBER, Rag.GREEN, Rag.BLUE)

SORTS = {
    "reference": "reference",
    "title": "title",
    "amount": "fy_amount",
    "-amount": "-fy_amount",
    "stage": "stage",
    "rag": "rag_order",  # worst first: Red, Amber, Green, Blue, then not rated
    "bundle": "bundle__name",
    "directorate": "directorate__name",
}


def tracker_rows(
    *, membership: Membership, fy: FinancialYear, filters: dict | None = None
) -> QuerySet[Proposal]:
    """The tracker: every visible proposal with its saving, forecast and RAG for ``fy``."""
    filters = filters or {}
    lines = SavingLine.objects.filter(proposal=OuterRef("pk"))
    latest = Forecast.objects.filter(proposal=OuterRef("pk"), fy=fy).order_by("-month")
    qs = proposal_list(membership=membership).annotate(
        fy_amount=Subquery(
            lines.filter(fy=fy).values("proposal").annotate(s=Sum("amount_pence")).values("s")
        ),
        total_amount=Subquery(lines.values("proposal").annotate(s=Sum("amount_pence")).values("s")),
        latest_rag=Subquery(latest.values("rag")[:1]),
        latest_forecast=Subquery(latest.values("forecast_pence")[:1]),
    )
    if filters.get("bundle"):
        qs = qs.filter(bundle_id=filters["bundle"])
    if filters.get("directorate"):
        qs = qs.filter(directorate_id=filters["directorate"])
    if filters.get("stage"):
        qs = qs.filter(stage=filters["stage"])
    if filters.get("decision"):
        qs = qs.filter(decision_status=filters["decision"])
    if filters.get("type"):
        qs = qs.filter(savings_type_id=filters["type"])
    if filters.get("rag"):
        qs = (
            qs.filter(latest_rag=None)
            if filters["rag"] == "unrated"
            else qs.filter(latest_rag=filters["rag"])
        )
    if filters.get("q"):
        q = filters["q"]
        qs = qs.filter(Q(reference__icontains=q) | Q(title__icontains=q))
    if filters.get("sort") == "rag":
        qs = qs.annotate(
            rag_order=Case(
                *(When(latest_rag=rag, then=Value(n)) for n, rag in enumerate(RAG_ORDER)),
                default=Value(len(RAG_ORDER)),
            )
        )
    return qs.order_by(SORTS.get(filters.get("sort") or "reference", "reference"), "reference")


def tracker_totals(rows: QuerySet[Proposal] | list[Proposal]) -> dict[str, int]:
    """The tracker's footer: planned counts only active proposals, as the dashboard does.

    Given :func:`tracker_rows` (a queryset), one aggregate query in the database, however many
    proposals match; given proposals already read, their sums."""
    if isinstance(rows, QuerySet):
        active = ~Q(stage__in=[Stage.WITHDRAWN, Stage.FAILED]) & ~Q(
            decision_status=DecisionStatus.REJECTED
        )
        figures = rows.order_by().aggregate(
            planned=Sum("fy_amount", filter=active),
            approved=Sum("fy_amount", filter=active & Q(decision_status=DecisionStatus.APPROVED)),
            count=Count("pk"),
        )
        return {
            "planned": figures["planned"] or 0,
            "approved": figures["approved"] or 0,
            "count": figures["count"],
        }
    planned = approved = 0
    for p in rows:
        if (
            p.stage in {Stage.WITHDRAWN, Stage.FAILED}
            or p.decision_status == DecisionStatus.REJECTED
        ):
            continue
        planned += p.fy_amount or 0
        if p.decision_status == DecisionStatus.APPROVED:
            approved += p.fy_amount or 0
    return {"planned": planned, "approved": approved, "count": len(rows)}


def filter_choices(*, membership: Membership) -> dict:
    council = membership.council
    return {
        "bundles": list(Bundle.objects.filter(council=council)),
        "directorates": list(Directorate.objects.filter(council=council)),
        "types": list(SavingsType.objects.filter(council=council)),
        "stages": Stage.choices,
        "decisions": DecisionStatus.choices,
        "rags": [*Rag.choices, ("unrated", "Not rated")],
        "years": [py.fy for py in programme_years(membership=membership)],
    }
