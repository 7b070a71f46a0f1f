"""Pages of the risk register. Each view fetches through a selector, asks the rule
(``sightline.risks.permissions``) before offering a form, binds it, calls a service and
renders or redirects; the scoring rules live in rules and services."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from sightline.accounts.permissions import allowed, refusal, require_membership
from sightline.core.charts import risk_heat_map
from sightline.core.forms import add_service_errors
from sightline.core.history import history_for
from sightline.risks import selectors, services
from sightline.risks.forms import LinksForm, ReasonForm, ReviewForm, RiskFilterForm, RiskForm

RISK_PAGE_SIZE = 50


def _version(request: HttpRequest) -> int | None:
    try:
        return int(request.POST.get("version") or 0) or None
    except ValueError:
        return None


@require_GET
def risk_list(request: HttpRequest) -> HttpResponse:
    membership = require_membership(request.user)
    form = RiskFilterForm(request.GET or None, membership=membership)
    filters = form.filters()
    # One page of risks; the count is the database's, of every match.
    paginator = Paginator(selectors.risk_list(membership=membership, **filters), RISK_PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "risks": page.object_list,
        "page": page,
        "page_range": paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
        "query": query.urlencode(),  # the filters, kept in the page links
        "count": paginator.count,
        "closed": filters.get("closed", False),
        "filtered": bool(filters.get("q") or filters.get("directorate")),
    }
    template = "risks/_table.html" if request.htmx else "risks/list.html"
    return render(request, template, context)


@require_GET
def risk_detail(request: HttpRequest, pk: int) -> HttpResponse:
    membership = require_membership(request.user)
    risk = selectors.risk_get(membership=membership, pk=pk)
    return render(
        request,
        "risks/risk.html",
        {
            "risk": risk,
            "history": history_for(risk, page=request.GET.get("history", 1)),
            "reviews": selectors.risk_reviews(risk=risk),
            **selectors.risk_links(membership=membership, risk=risk),
        },
    )


@require_GET
def heat_map(request: HttpRequest) -> HttpResponse:
    """The register's open risks on a 5 x 5 heat map, with its cells as tables."""
    membership = require_membership(request.user)
    form = RiskFilterForm(request.GET or None, membership=membership)
    directorate = form.filters().get("directorate")
    risks = selectors.heat_map_risks(membership=membership, directorate=directorate)
    grid, scores, unrated = selectors.heat_cells(risks)
    where = f"{directorate}" if directorate else membership.council.name
    chart = risk_heat_map(
        title=f"Heat map of {where}'s open risks: likelihood by impact",
        risks=selectors.heat_risks(risks),
    )
    context = {
        "form": form,
        "chart": chart,
        "risks": risks,
        "grid": grid,
        "scores": scores,
        "unrated": unrated,
        "directorate": directorate,
    }
    return render(request, "risks/heat_map.html", context)


@require_http_methods(["GET", "POST"])
def risk_add(request: HttpRequest) -> HttpResponse:
    membership = require_membership(request.user)
    if not allowed(request.user, "risks.add_risk"):
        raise PermissionDenied(refusal(request.user, "risks.add_risk"))
    initial = {"directorate": membership.directorate_id} if membership.directorate_id else {}
    form = RiskForm(request.POST or None, initial=initial, user=request.user, membership=membership)
    if request.method == "POST" and form.is_valid():
        try:
            risk = services.risk_save(
                by=request.user, data=form.service_data(), reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Risk {risk.number} added to the register.")
            return redirect("risks:risk", pk=risk.pk)
    return render(request, "risks/form.html", {"form": form, "risk": None})


@require_http_methods(["GET", "POST"])
def risk_edit(request: HttpRequest, pk: int) -> HttpResponse:
    membership = require_membership(request.user)
    risk = selectors.risk_get(membership=membership, pk=pk)
    if not allowed(request.user, "risks.change_risk", risk):
        raise PermissionDenied(refusal(request.user, "risks.change_risk", risk))
    if risk.closed_on is not None:
        messages.info(request, "This risk is closed: reopen it before changing it.")
        return redirect("risks:risk", pk=risk.pk)
    initial = {name: getattr(risk, name) for name in services.RISK_FIELDS}
    form = RiskForm(
        request.POST or None, initial=initial, user=request.user, membership=membership, risk=risk
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.risk_save(
                by=request.user,
                risk=risk,
                data=form.service_data(),
                expected_version=_version(request),
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Risk {risk.number} saved.")
            return redirect("risks:risk", pk=risk.pk)
    return render(request, "risks/form.html", {"form": form, "risk": risk})


@require_http_methods(["GET", "POST"])
def risk_close(request: HttpRequest, pk: int) -> HttpResponse:
    membership = require_membership(request.user)
    risk = selectors.risk_get(membership=membership, pk=pk)
    if not allowed(request.user, "risks.close_risk", risk):
        raise PermissionDenied(refusal(request.user, "risks.close_risk", risk))
    reopening = risk.closed_on is not None
    form = ReasonForm(request.POST or None, action="reopened" if reopening else "closed")
    if request.method == "POST" and form.is_valid():
        service = services.risk_reopen if reopening else services.risk_close
        try:
            service(
                by=request.user,
                risk=risk,
                reason=form.cleaned_data["reason"],
                expected_version=_version(request),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, f"Risk {risk.number} {'reopened' if reopening else 'closed'}."
            )
            return redirect("risks:risk", pk=risk.pk)
    return render(
        request, "risks/close_form.html", {"form": form, "risk": risk, "reopening": reopening}
    )


@require_http_methods(["GET", "POST"])
def risk_review(request: HttpRequest, pk: int) -> HttpResponse:
    membership = require_membership(request.user)
    risk = selectors.risk_get(membership=membership, pk=pk)
    if not allowed(request.user, "risks.review_risk", risk):
        raise PermissionDenied(refusal(request.user, "risks.review_risk", risk))
    if risk.closed_on is not None:
        messages.info(request, "This risk is closed: reopen it before reviewing it.")
        return redirect("risks:risk", pk=risk.pk)
    initial = {name: getattr(risk, name) for name in ReviewForm.SCORES}
    for stage in ("initial", "residual"):
        if initial[f"{stage}_likelihood"] and initial[f"{stage}_impact"]:
            initial[f"{stage}_score"] = None  # worked out from them, so a change to one holds
    form = ReviewForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.risk_review(
                by=request.user,
                risk=risk,
                reviewed_on=form.cleaned_data["reviewed_on"],
                note=form.cleaned_data["note"],
                data=form.service_data(),
                next_review_on=form.cleaned_data["next_review_on"],
                expected_version=_version(request),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Review of risk {risk.number} recorded.")
            return redirect("risks:risk", pk=risk.pk)
    return render(request, "risks/review_form.html", {"form": form, "risk": risk})


@require_http_methods(["GET", "POST"])
def risk_links(request: HttpRequest, pk: int) -> HttpResponse:
    membership = require_membership(request.user)
    risk = selectors.risk_get(membership=membership, pk=pk)
    if not allowed(request.user, "risks.change_risk", risk):
        raise PermissionDenied(refusal(request.user, "risks.change_risk", risk))
    linked = selectors.risk_links(membership=membership, risk=risk)
    form = LinksForm(
        request.POST or None,
        membership=membership,
        initial={"proposals": linked["proposals"], "bundles": linked["bundles"]},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.risk_links_set(
                by=request.user,
                risk=risk,
                proposals=list(form.cleaned_data["proposals"]),
                bundles=list(form.cleaned_data["bundles"]),
                expected_version=_version(request),
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Risk {risk.number}'s links saved.")
            return redirect("risks:risk", pk=risk.pk)
    return render(request, "risks/links_form.html", {"form": form, "risk": risk})
