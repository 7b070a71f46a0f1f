"""The scenarios: compared side by side, each with its funding and pressures (an assumption
written beside each figure), its gap and how far each assumption moves it."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from sightline.accounts.permissions import allowed, check, refusal, require_membership
from sightline.core.fiscal import FinancialYear, FinancialYearError
from sightline.core.forms import add_service_errors
from sightline.core.history import history_for
from sightline.finance import selectors, services
from sightline.finance.charts import gap_chart
from sightline.finance.forms import AssumptionForm, ScenarioAddForm, ScenarioForm
from sightline.finance.models import Assumption, Category, Scenario
from sightline.finance.rules import MEASURE_LABELS, MEASURES
from sightline.finance.views.common import posted_version

FIELDS = ["name", "description", "is_base", "illustrative"]


@require_GET
def scenario_list(request: HttpRequest) -> HttpResponse:
    """Every scenario's gap, side by side."""
    membership = require_membership(request.user)
    plan = selectors.plan_get(membership=membership)
    compared = selectors.compare(membership=membership, plan=plan) if plan else []
    return render(
        request,
        "finance/scenarios.html",
        {
            "plan": plan,
            "compared": compared,
            "years": selectors.plan_years(plan),
            "scenarios": [c.scenario for c in compared],
        },
    )


@require_GET
def scenario_detail(request: HttpRequest, pk: int) -> HttpResponse:
    membership = require_membership(request.user)
    scenario = selectors.scenario_get(membership=membership, pk=pk)
    plan = selectors.plan_get(membership=membership)
    context = {
        "scenario": scenario,
        "plan": plan,
        "history": history_for(scenario, page=request.GET.get("history", 1)),
    }
    if plan is not None:
        found = selectors.gap(membership=membership, plan=plan, scenario=scenario)
        rows = selectors.sensitivity(table=found.assumptions)
        context.update(
            {
                "gap": found,
                "table": found.assumptions,
                "sensitivity": rows,
                "largest": selectors.largest_change(rows),
                "chart": gap_chart(found),
                "measures": [(m, MEASURE_LABELS[m]) for m in MEASURES],
            }
        )
    return render(request, "finance/scenario.html", context)


@require_http_methods(["GET", "POST"])
def scenario_add(request: HttpRequest) -> HttpResponse:
    membership = check(request.user, "finance.change_scenario", None)
    scenarios = selectors.scenario_list(membership=membership)
    form = ScenarioAddForm(request.POST or None, scenarios=scenarios)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["copy_from"] is not None:
                scenario = services.scenario_copy(
                    source=data["copy_from"],
                    name=data["name"],
                    description=data["description"],
                    by=request.user,
                    reason=data["reason"],
                )
                if data["is_base"] or data["illustrative"] != scenario.illustrative:
                    scenario.is_base, scenario.illustrative = data["is_base"], data["illustrative"]
                    services.scenario_save(
                        scenario=scenario, by=request.user, expected_version=scenario.version
                    )
            else:
                scenario = Scenario(
                    council=membership.council, **{name: data[name] for name in FIELDS}
                )
                services.scenario_save(scenario=scenario, by=request.user, reason=data["reason"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Scenario {scenario.name} added.")
            return redirect("finance:scenario", pk=scenario.pk)
    return render(request, "finance/scenario_form.html", {"form": form, "scenario": None})


@require_http_methods(["GET", "POST"])
def scenario_edit(request: HttpRequest, pk: int) -> HttpResponse:
    membership = require_membership(request.user)
    scenario = selectors.scenario_get(membership=membership, pk=pk)
    if not allowed(request.user, "finance.change_scenario", scenario):
        raise PermissionDenied(refusal(request.user, "finance.change_scenario", scenario))
    form = ScenarioForm(
        request.POST or None, initial={name: getattr(scenario, name) for name in FIELDS}
    )
    if request.method == "POST" and form.is_valid():
        for name in FIELDS:
            setattr(scenario, name, form.cleaned_data[name])
        try:
            services.scenario_save(
                scenario=scenario,
                by=request.user,
                expected_version=posted_version(request),
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Scenario {scenario.name} saved.")
            return redirect("finance:scenario", pk=scenario.pk)
    return render(request, "finance/scenario_form.html", {"form": form, "scenario": scenario})


def _asked(request: HttpRequest, years: list[FinancialYear]) -> dict:
    """The category and year in the query string, if they are real ones."""
    initial = {}
    if request.GET.get("category") in Category.values:
        initial["category"] = request.GET["category"]
    try:
        fy = FinancialYear.parse(request.GET.get("fy", ""))
    except FinancialYearError:
        fy = None
    if fy in years:
        initial["fy"] = str(fy)
    return initial


@require_http_methods(["GET", "POST"])
def assumption(request: HttpRequest, pk: int) -> HttpResponse:
    """Set one of a scenario's figures (a funding source or a pressure, for one year) with
    the assumption behind it."""
    membership = require_membership(request.user)
    scenario = selectors.scenario_get(membership=membership, pk=pk)
    if not allowed(request.user, "finance.change_scenario", scenario):
        raise PermissionDenied(refusal(request.user, "finance.change_scenario", scenario))
    plan = selectors.plan_get(membership=membership)
    years = selectors.plan_years(plan)
    initial = _asked(request, years)
    found = None
    if "category" in initial and "fy" in initial:
        found = Assumption.objects.filter(
            scenario=scenario, category=initial["category"], fy=FinancialYear.parse(initial["fy"])
        ).first()
    if found is not None:
        initial.update(
            {
                "amount_pence": None if found.tax_base else found.amount_pence,
                "tax_base": found.tax_base,
                "band_d_pence": found.band_d_pence,
                "basis": found.basis,
                "version": found.version,
            }
        )
    form = AssumptionForm(request.POST or None, initial=initial, years=years)
    if request.method == "POST" and form.is_valid():
        # The version read belongs to the figure the page was opened on; another one chosen
        # on the form is set as it stands.
        same = (form.cleaned_data["category"], str(form.cleaned_data["fy"])) == (
            initial.get("category"),
            initial.get("fy"),
        )
        try:
            services.assumption_set(
                scenario=scenario,
                by=request.user,
                expected_version=form.cleaned_data.get("version") if same else None,
                reason=form.cleaned_data["reason"],
                **form.service_data(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            label = Category(form.cleaned_data["category"]).label
            messages.success(request, f"{label} for {form.cleaned_data['fy']} saved.")
            return redirect("finance:scenario", pk=scenario.pk)
    return render(
        request,
        "finance/assumption_form.html",
        {"form": form, "scenario": scenario, "assumption": found, "plan": plan},
    )
