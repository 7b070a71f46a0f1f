from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from sightline.accounts.permissions import require_membership
from sightline.reports import selectors
from sightline.strategy.selectors import priority_list


@require_GET
def line_of_sight(request: HttpRequest) -> HttpResponse:
    membership = require_membership(request.user)
    return render(
        request,
        "reports/line_of_sight.html",
        {"priorities": priority_list(membership=membership).order_by("plan", "number")},
    )


@require_GET
def priority(request: HttpRequest, pk: int) -> HttpResponse:
    membership = require_membership(request.user)
    item = selectors.priority_get(membership=membership, pk=pk)
    return render(
        request,
        "reports/priority.html",
        {"priority": item, **selectors.beneath(membership=membership, priority=item)},
    )


@require_GET
def why(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    membership = require_membership(request.user)
    label, chains = selectors.above(membership=membership, kind=kind, pk=pk)
    return render(request, "reports/why.html", {"label": label, "chains": chains, "kind": kind})


@require_GET
def orphans(request: HttpRequest) -> HttpResponse:
    membership = require_membership(request.user)
    return render(request, "reports/orphans.html", selectors.orphans(membership=membership))


@require_GET
def negative_impacts(request: HttpRequest) -> HttpResponse:
    membership = require_membership(request.user)
    return render(
        request,
        "reports/negative_impacts.html",
        {"impacts": selectors.negative_impacts(membership=membership)},
    )
