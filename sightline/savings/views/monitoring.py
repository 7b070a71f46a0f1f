"""Monthly monitoring: the council's months, a month's report, closing it, and what moved."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sightline.accounts.permissions import check, require_membership
from sightline.core.forms import add_service_errors
from sightline.savings import selectors, services
from sightline.savings.forms import PeriodOpenForm
from sightline.savings.models import Period


@require_http_methods(["GET", "POST"])
def periods(request: HttpRequest) -> HttpResponse:
    membership = require_membership(request.user)
    form = PeriodOpenForm(request.POST or None)
    if request.method == "POST":
        check(request.user, "savings.open_period", membership.council)
        if form.is_valid():
            try:
                period = services.period_open(
                    council=membership.council, month=form.cleaned_data["month"], by=request.user
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, f"{period} opened for monitoring.")
                return redirect("savings:periods")
    items = list(selectors.period_list(membership=membership))
    closed = [p for p in items if p.is_closed]
    return render(
        request,
        "savings/periods.html",
        {
            "periods": items,
            "form": form,
            "closed": closed,
        },
    )


@require_GET
def period_report(request: HttpRequest, pk: int) -> HttpResponse:
    membership = require_membership(request.user)
    period = selectors.period_get(membership=membership, pk=pk)
    report = period.report if period.is_closed else selectors.monitoring_report(period=period)
    return render(
        request,
        "savings/period.html",
        {
            "period": period,
            "report": selectors.visible_report(report, membership=membership),
        },
    )


@require_POST
def period_close(request: HttpRequest, pk: int) -> HttpResponse:
    membership = require_membership(request.user)
    period = get_object_or_404(selectors.period_list(membership=membership), pk=pk)
    check(request.user, "savings.close_period", period)
    try:
        services.period_close(period=period, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"{period} closed: its figures are frozen.")
    return redirect("savings:period", pk=pk)


@require_GET
def moved(request: HttpRequest) -> HttpResponse:
    membership = require_membership(request.user)
    closed = list(selectors.period_list(membership=membership).filter(status=Period.Status.CLOSED))
    later = next(
        (p for p in closed if str(p.pk) == request.GET.get("to")), closed[0] if closed else None
    )
    earlier_default = next((p for p in closed if later and p.month < later.month), None)
    earlier = next((p for p in closed if str(p.pk) == request.GET.get("from")), earlier_default)
    if earlier and later:
        # Only the two months compared bring their stored reports.
        earlier = selectors.period_get(membership=membership, pk=earlier.pk)
        later = selectors.period_get(membership=membership, pk=later.pk)
    rows = (
        selectors.what_moved(earlier=earlier, later=later, membership=membership)
        if earlier and later
        else []
    )
    return render(
        request,
        "savings/moved.html",
        {"closed": closed, "earlier": earlier, "later": later, "rows": rows},
    )
