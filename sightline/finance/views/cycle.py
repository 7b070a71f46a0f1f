"""The budget cycle: a year's milestones with their dates, owners and status, where the
council is in it, and repeating it for the next year."""

from __future__ import annotations

import contextlib

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from sightline.accounts.permissions import allowed, check, refusal, require_membership
from sightline.core.fiscal import FinancialYear, FinancialYearError
from sightline.core.forms import add_service_errors
from sightline.core.history import history_for
from sightline.finance import selectors, services
from sightline.finance.forms import CycleRepeatForm, MilestoneForm
from sightline.finance.models import Milestone
from sightline.finance.views.common import posted_version

FIELDS = ["fy", "name", "starts_on", "due_on", "months_only", "owner", "status", "note"]


def _year(request: HttpRequest, membership) -> tuple[FinancialYear | None, list[dict]]:
    default = selectors.default_cycle_year(membership=membership)
    text = request.GET.get("fy")
    if not text:
        return default, []
    try:
        return FinancialYear.parse(text), []
    except FinancialYearError as error:
        return default, [{"message": f"Cycle year: {error}.", "href": "#fy"}]


@require_GET
def cycle(request: HttpRequest) -> HttpResponse:
    membership = require_membership(request.user)
    fy, errors = _year(request, membership)
    position = selectors.cycle_position(membership=membership, fy=fy) if fy else None
    return render(
        request,
        "finance/cycle.html",
        {
            "fy": fy,
            "years": selectors.cycle_years(membership=membership),
            "position": position,
            "milestones": position.milestones if position else [],
            "page_errors": errors,
        },
    )


def _milestone_page(request: HttpRequest, membership, milestone: Milestone | None):
    initial = {name: getattr(milestone, name) for name in FIELDS} if milestone else {}
    if milestone is None:
        with contextlib.suppress(FinancialYearError):
            initial["fy"] = FinancialYear.parse(request.GET.get("fy", ""))
    form = MilestoneForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        target = milestone or Milestone(council=membership.council)
        for name in FIELDS:
            setattr(target, name, form.cleaned_data[name])
        try:
            services.milestone_save(
                milestone=target,
                by=request.user,
                expected_version=posted_version(request) if milestone else None,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{target.name} saved.")
            return redirect(f"{reverse('finance:cycle')}?fy={target.fy}")
    return render(
        request,
        "finance/milestone_form.html",
        {
            "form": form,
            "milestone": milestone,
            "history": history_for(milestone, page=request.GET.get("history", 1))
            if milestone
            else [],
        },
    )


@require_http_methods(["GET", "POST"])
def milestone_add(request: HttpRequest) -> HttpResponse:
    membership = check(request.user, "finance.change_cycle", None)
    return _milestone_page(request, membership, None)


@require_http_methods(["GET", "POST"])
def milestone_edit(request: HttpRequest, pk: int) -> HttpResponse:
    membership = require_membership(request.user)
    milestone = selectors.milestone_get(membership=membership, pk=pk)
    if not allowed(request.user, "finance.change_cycle", milestone):
        raise PermissionDenied(refusal(request.user, "finance.change_cycle", milestone))
    return _milestone_page(request, membership, milestone)


@require_http_methods(["GET", "POST"])
def cycle_repeat(request: HttpRequest) -> HttpResponse:
    """Repeat a year's cycle for the next: the same milestones a year later, not started."""
    membership = check(request.user, "finance.change_cycle", None)
    years = selectors.cycle_years(membership=membership)
    initial = {"fy": request.GET.get("fy") or (str(years[-1]) if years else "")}
    form = CycleRepeatForm(request.POST or None, initial=initial, years=years)
    if request.method == "POST" and form.is_valid():
        fy = form.cleaned_data["fy"]
        try:
            made = services.cycle_repeat(council=membership.council, fy=fy, by=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, f"The {fy} cycle repeated for {fy.next()}: {len(made)} milestones."
            )
            return redirect(f"{reverse('finance:cycle')}?fy={fy.next()}")
    return render(request, "finance/cycle_repeat.html", {"form": form, "years": years})
