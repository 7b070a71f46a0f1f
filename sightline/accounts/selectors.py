"""Reads for councils, people and reference data, always scoped to the user's council."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet

from sightline.accounts.models import (
    ApiToken,
    Directorate,
    Membership,
    Person,
    Portfolio,
    ServiceArea,
)


def directorate_list(*, membership: Membership) -> QuerySet[Directorate]:
    return (
        Directorate.objects.filter(council=membership.council)
        .select_related("director")
        .prefetch_related(Prefetch("service_areas", queryset=ServiceArea.objects.order_by("name")))
    )


def person_list(*, membership: Membership) -> QuerySet[Person]:
    return Person.objects.filter(council=membership.council).select_related("user")


def portfolio_list(*, membership: Membership) -> QuerySet[Portfolio]:
    return Portfolio.objects.filter(council=membership.council).select_related("lead_member")


def council_overview(*, membership: Membership) -> dict:
    return {
        "directorates": list(directorate_list(membership=membership)),
        "portfolios": list(portfolio_list(membership=membership)),
        "people": list(person_list(membership=membership)),
        "roles": list(
            Membership.objects.filter(council=membership.council)
            .values("role")
            .annotate(count=Count("id"))
            .order_by("role")
        ),
    }


def home_summary(*, membership: Membership) -> dict:
    council = membership.council
    return {
        "council": council,
        "directorates": Directorate.objects.filter(council=council).active().count(),
        "people": Person.objects.filter(council=council).active().count(),
    }


def token_list(*, user) -> QuerySet[ApiToken]:
    """The user's own tokens that have not been revoked (expired ones included, marked)."""
    return ApiToken.objects.filter(user=user, revoked_at__isnull=True).order_by("-created_at")


def council_token_list(*, membership) -> QuerySet[ApiToken]:
    """Other people's unrevoked tokens in the member's council (for the programme office,
    who may revoke them)."""
    return (
        ApiToken.objects.filter(
            revoked_at__isnull=True, user__membership__council_id=membership.council_id
        )
        .exclude(user_id=membership.user_id)
        .select_related("user")
        .order_by("user__username", "-created_at")
    )


def token_get(*, user, pk: int) -> ApiToken:
    """A live token of the user's own or of someone in their council (whether they may revoke
    it is the rule's to say); any other is a 404."""
    from django.shortcuts import get_object_or_404

    membership = Membership.objects.filter(user=user).values_list("council_id", flat=True)
    return get_object_or_404(
        ApiToken.objects.filter(revoked_at__isnull=True).filter(
            Q(user=user) | Q(user__membership__council_id__in=membership)
        ),
        pk=pk,
    )
