"""The programme's dashboard, bundle pages, checks, targets and learning log."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sightline.accounts.permissions import check, require_membership
from sightline.core.charts import Series, grouped_bar_chart, rag_bar, stacked_bar_chart
from sightline.core.fiscal import FinancialYear
from sightline.core.forms import add_service_errors
from sightline.core.money import format_m
from sightline.savings import selectors, services
from sightline.savings.forms import (
    LessonForm,
    ProgrammeYearForm,
    ReviewForm,
    WeightsForm,
    parse_fy,
)
from sightline.savings.models import BudgetCode, Lesson, Rag


def year_asked(request, membership, years: list[FinancialYear] | None = None) -> FinancialYear:
    """The financial year in ``?fy=``, or the programme's default year (a year that cannot be
    read is said so on the page: see :func:`year_errors`)."""
    return parse_fy(
        request.GET.get("fy"), selectors.default_year(membership=membership, years=years)
    )


def year_errors(request, fy: FinancialYear) -> list[dict]:
    """The page's error when ``?fy=`` is not a financial year: never ignored in silence."""
    text = request.GET.get("fy")
    if not text:
        return []
    try:
        FinancialYear.parse(text)
    except ValueError as error:
        return [
            {
                "message": f"Financial year: {error}. The page shows {fy} instead.",
                "href": "#fy",
            }
        ]
    return []


@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    membership = require_membership(request.user)
    years = [py.fy for py in selectors.programme_years(membership=membership)]
    fy = year_asked(request, membership, years)
    summary = selectors.programme_summary(membership=membership, fy=fy)
    target_bundles = [(b, f) for b, f in summary.bundles if not b.enabling]
    chart = grouped_bar_chart(
        title=f"Savings programme {fy}: by bundle",
        categories=[b.name for b, _ in target_bundles],
        series=[
            Series("Target", [f.target for _, f in target_bundles]),
            Series("Planned", [f.planned for _, f in target_bundles]),
            Series("Approved", [f.approved for _, f in target_bundles]),
            Series("Forecast (risk-adjusted)", [f.risk_adjusted for _, f in target_bundles]),
            Series("Delivered", [f.delivered for _, f in target_bundles]),
        ],
        format_value=format_m,
    )
    rag_labels = {"blue": "Blue", "green": "Green", "amber": "Amber", "red": "Red"}
    rag_chart = rag_bar(
        title=f"Delivery confidence {fy}",
        counts={rag_labels.get(k, "Not rated"): v["count"] for k, v in summary.rag.items()},
        values={rag_labels.get(k, "Not rated"): v["value"] for k, v in summary.rag.items()},
        format_value=format_m,
    )
    return render(
        request,
        "savings/dashboard.html",
        {
            "summary": summary,
            "fy": fy,
            "years": years,
            "chart": chart,
            "rag_chart": rag_chart,
            "rag_rows": [
                (k, v, summary.weights.get(k if k in Rag.values else None))
                for k, v in summary.rag.items()
            ],
            "page_errors": year_errors(request, fy),
        },
    )


@require_GET
def bundle_detail(request: HttpRequest, pk: int) -> HttpResponse:
    membership = require_membership(request.user)
    bundle = get_object_or_404(selectors.bundle_list(membership=membership), pk=pk)
    fy = year_asked(request, membership)
    summary = selectors.programme_summary(membership=membership, fy=fy)
    figures = next(f for b, f in summary.bundles if b.pk == bundle.pk)
    rows = list(selectors.tracker_rows(membership=membership, fy=fy, filters={"bundle": bundle.pk}))
    years = [py.fy for py in selectors.programme_years(membership=membership)]
    targets_by_year = {t.fy: t.target_pence for t in bundle.targets.all()}
    rated = [p for p in rows if p.fy_amount]
    chart = stacked_bar_chart(
        title=f"{bundle.name}: savings by RAG, {fy}",
        categories=[p.reference for p in rated][:25],
        series=[
            Series(
                label, [p.fy_amount or 0 if (p.latest_rag or "") == key else 0 for p in rated][:25]
            )
            for key, label in [
                ("blue", "Blue"),
                ("green", "Green"),
                ("amber", "Amber"),
                ("red", "Red"),
                ("", "Not rated"),
            ]
        ],
        format_value=format_m,
    )
    return render(
        request,
        "savings/bundle.html",
        {
            "bundle": bundle,
            "fy": fy,
            "years": years,
            "figures": figures,
            "rows": rows,
            "totals": selectors.tracker_totals(rows),
            "targets": [(y, targets_by_year.get(y)) for y in years],
            "lessons": bundle.lessons.all(),
            "chart": chart,
            "page_errors": year_errors(request, fy),
            # The bundle's own proposals, for the CSV link, not the whole council's.
            "query": urlencode({"bundle": bundle.pk, "fy": str(fy)}),
        },
    )


@require_GET
def checks(request: HttpRequest) -> HttpResponse:
    membership = require_membership(request.user)
    return render(
        request,
        "savings/checks.html",
        {
            "code_checks": selectors.budget_code_checks(membership=membership),
            "empty": selectors.empty_profile_checks(membership=membership),
            "form": ReviewForm(),
        },
    )


@require_POST
def budget_code_review(request: HttpRequest, pk: int) -> HttpResponse:
    membership = require_membership(request.user)
    code = get_object_or_404(BudgetCode.objects.filter(council=membership.council), pk=pk)
    check(request.user, "savings.review_budget_code", code)
    form = ReviewForm(request.POST)
    if form.is_valid():
        try:
            services.budget_code_review_confirm(
                budget_code=code, by=request.user, note=form.cleaned_data["note"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"Budget code {code.code} confirmed as not double counted.")
    else:
        messages.error(request, "Say why the savings on this code do not overlap.")
    return redirect("savings:checks")


@require_http_methods(["GET", "POST"])
def targets(request: HttpRequest) -> HttpResponse:
    membership = require_membership(request.user)
    if request.method == "POST":
        check(request.user, "savings.set_targets", membership.council)
    settings = selectors.programme_settings(membership.council)
    year_form = ProgrammeYearForm(request.POST if "fy" in request.POST else None)
    weights_form = WeightsForm(
        # A post that is not the year's form is the weights' (a weight left out is an error).
        request.POST if request.method == "POST" and "fy" not in request.POST else None,
        initial={name: getattr(settings, name) for name in WeightsForm.base_fields},
    )
    if request.method == "POST":
        try:
            if year_form.is_bound and year_form.is_valid():
                services.programme_year_set(
                    council=membership.council,
                    fy=year_form.cleaned_data["fy"],
                    target_pence=year_form.cleaned_data["target"],
                    team_cost_pence=year_form.cleaned_data["team_cost"] or 0,
                    by=request.user,
                )
                messages.success(request, f"Target for {year_form.cleaned_data['fy']} saved.")
                return redirect("savings:targets")
            if weights_form.is_bound and weights_form.is_valid():
                services.programme_settings_update(
                    council=membership.council, by=request.user, **weights_form.cleaned_data
                )
                messages.success(request, "Programme settings saved.")
                return redirect("savings:targets")
        except ValidationError as error:
            add_service_errors(year_form if year_form.is_bound else weights_form, error)
    return render(
        request,
        "savings/targets.html",
        {
            "years": selectors.programme_years(membership=membership),
            "year_form": year_form,
            "weights_form": weights_form,
        },
    )


@require_http_methods(["GET", "POST"])
def lessons(request: HttpRequest) -> HttpResponse:
    membership = require_membership(request.user)
    form = LessonForm(request.POST or None, council=membership.council)
    if request.method == "POST":
        lesson = Lesson(council=membership.council)
        check(request.user, "savings.change_lessons", lesson)
        if form.is_valid():
            d = form.cleaned_data
            lesson.learning = d["learning"]
            lesson.actions = d["actions"]
            lesson.measure_of_success = d["measure_of_success"]
            try:
                services.lesson_save(
                    lesson=lesson, by=request.user, proposals=d["proposals"], bundles=d["bundles"]
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "Lesson added to the learning log.")
                return redirect("savings:lessons")
    return render(
        request,
        "savings/lessons.html",
        {"lessons": selectors.lesson_list(membership=membership), "form": form},
    )
