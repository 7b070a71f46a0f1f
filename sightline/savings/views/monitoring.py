"""Monthly monitoring: the council's months, a month's report, closing it (on a page that
shows what is still outstanding), what moved, and finance's confirmations."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from sightline.accounts.permissions import check, require_membership
from sightline.core.fiscal import FinancialYear
from sightline.core.forms import add_service_errors
from sightline.savings import selectors, services
from sightline.savings.forms import PeriodOpenForm
from sightline.savings.models import Period
from sightline.savings.monitoring_forms import BenefitConfirmForm, CloseForm
from sightline.savings.views.round import OUTSTANDING_PAGE_SIZE

REPORT_PAGE_SIZE = 100  # a month's report lines shown a page


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
    report = selectors.visible_report(report, membership=membership)
    # The lines a page at a time (a county's month has 660); the downloads hold them all.
    paginator = Paginator(report["rows"], REPORT_PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "savings/period.html",
        {
            "period": period,
            "report": report,
            "rows": page.object_list,
            "page": page,
            "page_range": paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
            "query": "",
        },
    )


@require_http_methods(["GET", "POST"])
def period_close(request: HttpRequest, pk: int) -> HttpResponse:
    """Closing a month: the page says what is still outstanding and what closing does; its
    form closes it (with a tick when savings are still without the month's forecast)."""
    membership = require_membership(request.user)
    period = selectors.period_get(membership=membership, pk=pk)
    check(request.user, "savings.close_period", period)
    if period.is_closed:
        messages.error(request, f"{period} is already closed: its figures are frozen.")
        return redirect("savings:period", pk=pk)
    waiting = selectors.outstanding(membership=membership, user=request.user, period=period)
    # Every lead's counts, and the outstanding list's first page of years (the rest on it).
    waiting.mark_pages(OUTSTANDING_PAGE_SIZE)
    listing = waiting.listing()
    form = CloseForm(
        request.POST if request.method == "POST" else None, outstanding=waiting.savings
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.period_close(period=period, by=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{period} closed: its figures are frozen.")
            return redirect("savings:period", pk=pk)
    return render(
        request,
        "savings/period_close.html",
        {
            "period": period,
            "outstanding": waiting,
            "form": form,
            "summary_only": True,
            "listed": listing[:OUTSTANDING_PAGE_SIZE],
            "more": max(len(listing) - OUTSTANDING_PAGE_SIZE, 0),
        },
    )


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


def _benefit_year(request: HttpRequest, years: list) -> FinancialYear | None:
    """The year the benefit form opens on: the one asked for, else the first planned year not
    yet confirmed, else the first year."""
    asked = request.POST.get("fy") or request.GET.get("fy")
    if asked:
        try:
            return FinancialYear.parse(asked)
        except ValueError:
            pass
    waiting = [y.fy for y in years if y.confirmation is None and y.planned_pence]
    return (waiting or [y.fy for y in years] or [None])[0]


@require_http_methods(["GET", "POST"])
def proposal_benefit(request: HttpRequest, pk: int) -> HttpResponse:
    """Finance confirms a year's saving has left the budget: the year's confirmation so far,
    with its history, is shown and changed against its version."""
    membership = require_membership(request.user)
    proposal = selectors.proposal_get(membership=membership, pk=pk)
    check(request.user, "savings.confirm_benefit", proposal)
    years = selectors.benefit_years(proposal=proposal)
    fy = _benefit_year(request, years)
    chosen = next((y for y in years if y.fy == fy), None)
    confirmation = chosen.confirmation if chosen else None
    initial = {"fy": fy, "loaded_fy": str(fy) if fy else ""}
    if confirmation is not None:
        initial.update(
            amount=confirmation.amount_pence, note=confirmation.note, version=confirmation.version
        )
    form = BenefitConfirmForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.benefit_confirm(
                proposal=proposal,
                fy=d["fy"],
                amount_pence=d["amount"],
                note=d["note"],
                expected_version=form.expected_version(),
                over_planned=d["over_planned"],
                by=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"The {d['fy']} saving is confirmed.")
            return redirect(reverse("savings:proposal", args=[pk]) + "#monitoring")
    return render(
        request,
        "savings/proposal_benefit.html",
        {
            "proposal": proposal,
            "form": form,
            "years": years,
            "chosen": chosen,
            "asks_over_planned": "over_planned" in form.errors
            or bool(form["over_planned"].value()),
        },
    )
