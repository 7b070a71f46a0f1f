"""The plan's own pages: the gap against the programme (the plan's front page), setting up or
changing the plan, closing a year, and the plan as a PDF."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from sightline.accounts.permissions import check, require_membership
from sightline.core.forms import add_service_errors
from sightline.core.history import history_for
from sightline.finance import documents, selectors, services
from sightline.finance.charts import gap_chart
from sightline.finance.forms import PlanForm, YearForm
from sightline.finance.models import Section
from sightline.finance.rules import MEASURE_LABELS, MEASURES
from sightline.finance.views.common import posted_version, scenario_asked


def plan_context(membership, scenario) -> dict:
    """What the plan's front page and its PDF show."""
    plan = selectors.plan_get(membership=membership)
    context = {
        "plan": plan,
        "scenario": scenario,
        "scenarios": list(selectors.scenario_list(membership=membership)),
        "measures": [(m, MEASURE_LABELS[m]) for m in MEASURES],
        "plan_notes": list(selectors.note_list(membership=membership, section=Section.PLAN)),
        "funding_notes": list(selectors.note_list(membership=membership, section=Section.FUNDING)),
    }
    if plan is not None and scenario is not None:
        found = selectors.gap(membership=membership, plan=plan, scenario=scenario)
        context.update({"gap": found, "chart": gap_chart(found)})
    return context


@require_GET
def plan(request: HttpRequest) -> HttpResponse:
    membership = require_membership(request.user)
    scenario = scenario_asked(request, membership)
    context = plan_context(membership, scenario)
    template = "finance/_gap.html" if request.htmx else "finance/plan.html"
    return render(request, template, context)


@require_http_methods(["GET", "POST"])
def plan_edit(request: HttpRequest) -> HttpResponse:
    membership = check(request.user, "finance.change_plan", None)
    found = selectors.plan_get(membership=membership)
    initial = {}
    if found is not None:
        initial = {
            name: getattr(found, name)
            for name in ("title", "first_fy", "last_fy", "base_budget_pence", "notes")
        }
    form = PlanForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "reason"}
        try:
            services.plan_save(
                council=membership.council,
                by=request.user,
                expected_version=posted_version(request),
                reason=form.cleaned_data["reason"],
                **data,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Financial plan saved.")
            return redirect("finance:plan")
    return render(
        request,
        "finance/plan_form.html",
        {
            "form": form,
            "plan": found,
            "history": history_for(found, page=request.GET.get("history", 1)) if found else [],
        },
    )


@require_http_methods(["GET", "POST"])
def year_close(request: HttpRequest) -> HttpResponse:
    """Close the next year of the plan, or reopen the last closed one."""
    membership = check(request.user, "finance.close_year", None)
    found = selectors.plan_get(membership=membership)
    if found is None:
        messages.info(request, "Set up the financial plan first: its years and base budget.")
        return redirect("finance:plan_edit")
    closable = _closable(found)
    reopenable = found.closed_through
    reopening = request.POST.get("action") == "reopen"
    years = [reopenable] if reopening and reopenable else ([closable] if closable else [])
    form = YearForm(request.POST or None, years=years)
    if request.method == "POST" and form.is_valid():
        service = services.year_reopen if reopening else services.year_close
        try:
            service(
                council=membership.council,
                fy=form.cleaned_data["fy"],
                by=request.user,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            word = "reopened" if reopening else "closed"
            messages.success(request, f"{form.cleaned_data['fy']} {word}.")
            return redirect("finance:plan")
    return render(
        request,
        "finance/year_form.html",
        {"form": form, "plan": found, "closable": closable, "reopenable": reopenable},
    )


def _closable(plan):
    if plan.closed_through is None:
        return plan.first_fy
    following = plan.closed_through.next()
    return following if following <= plan.last_fy else None


@require_GET
def plan_pdf(request: HttpRequest) -> HttpResponse:
    """The plan as a PDF: the budget tables, the base scenario's funding and pressures, the
    gap against the programme with its chart, the scenarios compared and the cycle."""
    membership = require_membership(request.user)
    scenario = scenario_asked(request, membership)
    content = documents.plan_pdf(membership=membership, scenario=scenario)
    response = HttpResponse(content, content_type="application/pdf")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'inline; filename="financial-plan-{stamp}.pdf"'
    return response
