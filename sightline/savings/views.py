"""Pages of the savings programme. Each view fetches through a selector, binds a form, calls a
service and renders or redirects; the rules live in services and rules."""

from __future__ import annotations

import csv

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sightline.accounts.models import Role
from sightline.accounts.permissions import require_membership, require_role
from sightline.core.charts import Series, grouped_bar_chart, rag_bar, stacked_bar_chart
from sightline.core.fiscal import FinancialYear
from sightline.core.forms import add_service_errors
from sightline.core.history import history_for
from sightline.core.money import format_m, pounds_string
from sightline.savings import selectors, services
from sightline.savings.forms import (
    BenefitForm,
    DecisionForm,
    ForecastForm,
    ImpactForm,
    LessonForm,
    PeriodOpenForm,
    ProgrammeYearForm,
    ProposalForm,
    ReviewForm,
    RiskFormSet,
    SavingLineFormSet,
    StaffingFormSet,
    StageForm,
    TrackerFilterForm,
    WeightsForm,
    parse_fy,
)
from sightline.savings.models import BudgetCode, Lesson, Period, Rag, Stage


def _year(request, membership, years: list[FinancialYear] | None = None) -> FinancialYear:
    return parse_fy(
        request.GET.get("fy"), selectors.default_year(membership=membership, years=years)
    )


# --- dashboard and bundles -----------------------------------------------------------------


@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    membership = require_membership(request.user)
    years = [py.fy for py in selectors.programme_years(membership=membership)]
    fy = _year(request, membership, years)
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
        },
    )


@require_GET
def bundle_detail(request: HttpRequest, pk: int) -> HttpResponse:
    membership = require_membership(request.user)
    bundle = get_object_or_404(selectors.bundle_list(membership=membership), pk=pk)
    fy = _year(request, membership)
    summary = selectors.programme_summary(membership=membership, fy=fy)
    figures = next(f for b, f in summary.bundles if b.pk == bundle.pk)
    rows = list(selectors.tracker_rows(membership=membership, fy=fy, filters={"bundle": bundle.pk}))
    years = [py.fy for py in selectors.programme_years(membership=membership)]
    targets = {t.fy: t.target_pence for t in bundle.targets.all()}
    chart = stacked_bar_chart(
        title=f"{bundle.name}: savings by RAG, {fy}",
        categories=[p.reference for p in rows if p.fy_amount][:25],
        series=[
            Series(
                label,
                [
                    p.fy_amount or 0 if (p.latest_rag or "") == key else 0
                    for p in rows
                    if p.fy_amount
                ][:25],
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
            "targets": [(y, targets.get(y)) for y in years],
            "lessons": bundle.lessons.all(),
            "chart": chart,
        },
    )


# --- tracker -------------------------------------------------------------------------------


TRACKER_PAGE_SIZE = 100


@require_GET
def tracker(request: HttpRequest) -> HttpResponse:
    membership = require_membership(request.user)
    form = TrackerFilterForm(request.GET or None, council=membership.council)
    fy = _year(request, membership)
    rows = list(selectors.tracker_rows(membership=membership, fy=fy, filters=form.filters()))
    if request.GET.get("format") == "csv":
        return _tracker_csv(rows, fy)
    # Every matching proposal counts in the totals and the CSV; the page shows a hundred.
    paginator = Paginator(rows, TRACKER_PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "fy": fy,
        "rows": page.object_list,
        "page": page,
        "page_range": paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
        "query": query.urlencode(),  # the filters, for the page links and the CSV
        "totals": selectors.tracker_totals(rows),
        "can_create": membership.role in {Role.PROGRAMME_OFFICE, Role.DIRECTOR, Role.EDITOR},
    }
    template = "savings/_tracker_results.html" if request.htmx else "savings/tracker.html"
    return render(request, template, context)


def _tracker_csv(rows, fy: FinancialYear) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="tracker-{fy.short.replace("/", "-")}.csv"'
    )
    writer = csv.writer(response)
    writer.writerow(
        [
            "Reference",
            "Title",
            "Bundle",
            "Directorate",
            "Savings type",
            "Stage",
            "Decision",
            f"Saving {fy} (£)",
            "Saving, all years (£)",
            "RAG",
            "Exempt",
        ]
    )
    for p in rows:
        writer.writerow(
            [
                p.reference,
                p.title,
                p.bundle.name if p.bundle else "",
                p.directorate.name,
                p.savings_type.name,
                p.get_stage_display(),
                p.get_decision_status_display(),
                pounds_string(p.fy_amount or 0),
                pounds_string(p.total_amount or 0),
                Rag(p.latest_rag).label if p.latest_rag else "Not rated",
                "Yes" if p.exempt else "No",
            ]
        )
    return response


# --- proposals -----------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def proposal_create(request: HttpRequest) -> HttpResponse:
    membership = require_role(
        request.user,
        [Role.PROGRAMME_OFFICE, Role.DIRECTOR, Role.EDITOR],
        action="create a savings proposal",
    )
    form = ProposalForm(request.POST or None, council=membership.council)
    if request.method == "POST" and form.is_valid():
        try:
            proposal = services.proposal_create(
                by=request.user, data=form.service_data(), reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, f"Proposal {proposal.reference} created. Now add its savings."
            )
            return redirect("savings:proposal_lines", pk=proposal.pk)
    return render(request, "savings/proposal_form.html", {"form": form, "proposal": None})


@require_GET
def proposal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    membership = require_membership(request.user)
    proposal = selectors.proposal_get(membership=membership, pk=pk)
    detail = selectors.proposal_detail(membership=membership, proposal=proposal)
    return render(
        request,
        "savings/proposal.html",
        {
            "proposal": proposal,
            "history": history_for(proposal),
            "stage_form": StageForm(),
            **detail,
        },
    )


@require_http_methods(["GET", "POST"])
def proposal_edit(request: HttpRequest, pk: int) -> HttpResponse:
    membership = require_membership(request.user)
    proposal = selectors.proposal_get(membership=membership, pk=pk)
    if not selectors.can_edit(membership, proposal) and membership.role != Role.FINANCE:
        raise PermissionDenied(
            "You cannot edit this proposal: only the programme office, the directorate's "
            "director or the proposal's leads can."
        )
    # The form cleans into its own copy, so the service sees the record as it was.
    editable = selectors.proposal_get(membership=membership, pk=pk)
    form = ProposalForm(request.POST or None, instance=editable, council=membership.council)
    if request.method == "POST" and form.is_valid():
        try:
            services.proposal_update(
                proposal=proposal,
                by=request.user,
                data=form.service_data(),
                expected_version=form.cleaned_data["version"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Proposal saved.")
            return redirect("savings:proposal", pk=pk)
    return render(request, "savings/proposal_form.html", {"form": form, "proposal": proposal})


@require_http_methods(["GET", "POST"])
def proposal_lines(request: HttpRequest, pk: int) -> HttpResponse:
    membership = require_membership(request.user)
    proposal = selectors.proposal_get(membership=membership, pk=pk)
    if not selectors.can_edit(membership, proposal):
        raise PermissionDenied("You cannot change this proposal's savings: you do not lead it.")
    initial = [
        {
            "fy": line.fy,
            "amount": line.amount_pence,
            "kind": line.kind,
            "recurring": line.recurring,
            "budget_code": line.budget_code_id,
            "description": line.description,
        }
        for line in proposal.lines.all()
    ]
    kwargs = {"form_kwargs": {"council": membership.council}, "prefix": "lines"}
    formset = (
        SavingLineFormSet(request.POST, **kwargs)
        if request.method == "POST"
        else SavingLineFormSet(initial=initial, **kwargs)
    )
    error = None
    if request.method == "POST" and formset.is_valid():
        lines = [
            f.line_data()
            for f in formset.forms
            if f.has_changed() and f.cleaned_data and not f.cleaned_data.get("DELETE")
        ]
        try:
            services.saving_lines_set(
                proposal=proposal,
                by=request.user,
                lines=lines,
                expected_version=int(request.POST.get("version") or 0) or None,
                reason=request.POST.get("reason", ""),
            )
        except ValidationError as e:
            error = e.messages
        else:
            messages.success(request, "Savings profile saved.")
            return redirect("savings:proposal", pk=pk)
    return render(
        request,
        "savings/proposal_lines.html",
        {"proposal": proposal, "formset": formset, "service_errors": error},
    )


@require_http_methods(["GET", "POST"])
def proposal_staffing(request: HttpRequest, pk: int) -> HttpResponse:
    membership = require_membership(request.user)
    proposal = selectors.proposal_get(membership=membership, pk=pk)
    if not selectors.can_edit(membership, proposal):
        raise PermissionDenied("You cannot change this proposal's staffing: you do not lead it.")
    staffing_initial = [
        {"fy": s.fy, "role": s.role, "fte": s.fte, "vacancies_held": s.vacancies_held}
        for s in proposal.staffing.all()
    ]
    risk_initial = [
        {"description": r.description, "mitigation": r.mitigation} for r in proposal.risks.all()
    ]
    if request.method == "POST":
        staffing = StaffingFormSet(request.POST, prefix="staffing")
        risks = RiskFormSet(request.POST, prefix="risks")
    else:
        staffing = StaffingFormSet(initial=staffing_initial, prefix="staffing")
        risks = RiskFormSet(initial=risk_initial, prefix="risks")
    error = None
    if request.method == "POST" and staffing.is_valid() and risks.is_valid():

        def kept(fs):
            return [
                {k: v for k, v in f.cleaned_data.items() if k != "DELETE"}
                for f in fs.forms
                if f.has_changed() and f.cleaned_data and not f.cleaned_data.get("DELETE")
            ]

        try:
            reason = request.POST.get("reason", "")
            services.staffing_set(
                proposal=proposal, by=request.user, rows=kept(staffing), reason=reason
            )
            services.risk_set(proposal=proposal, by=request.user, rows=kept(risks), reason=reason)
        except ValidationError as e:
            error = e.messages
        else:
            messages.success(request, "Staffing impact and risks saved.")
            return redirect("savings:proposal", pk=pk)
    return render(
        request,
        "savings/proposal_staffing.html",
        {"proposal": proposal, "staffing": staffing, "risks": risks, "service_errors": error},
    )


@require_POST
def proposal_stage(request: HttpRequest, pk: int) -> HttpResponse:
    membership = require_membership(request.user)
    proposal = selectors.proposal_get(membership=membership, pk=pk)
    form = StageForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose the stage to move to.")
        return redirect("savings:proposal", pk=pk)
    try:
        services.proposal_advance_stage(
            proposal=proposal,
            to=form.cleaned_data["to"],
            by=request.user,
            reason=form.cleaned_data["reason"],
            override=form.cleaned_data["override"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Moved to {Stage(form.cleaned_data['to']).label.lower()}.")
    return redirect(reverse("savings:proposal", args=[pk]) + "#gates")


@require_http_methods(["GET", "POST"])
def proposal_decision(request: HttpRequest, pk: int) -> HttpResponse:
    membership = require_membership(request.user)
    proposal = selectors.proposal_get(membership=membership, pk=pk)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.proposal_record_decision(
                proposal=proposal, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Decision recorded.")
            return redirect("savings:proposal", pk=pk)
    return render(request, "savings/proposal_decision.html", {"proposal": proposal, "form": form})


@require_http_methods(["GET", "POST"])
def proposal_forecast(request: HttpRequest, pk: int) -> HttpResponse:
    membership = require_membership(request.user)
    proposal = selectors.proposal_get(membership=membership, pk=pk)
    form = ForecastForm(request.POST or None, council=membership.council)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.forecast_record(
                proposal=proposal,
                period=d["period"],
                fy=d["fy"],
                forecast_pence=d["forecast"],
                rag=d["rag"],
                by=request.user,
                commentary=d["commentary"],
                slippage_pence=d["slippage"] or 0,
                slipped_to=d["slipped_to"],
                replacement=d["replacement"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Forecast recorded.")
            return redirect(reverse("savings:proposal", args=[pk]) + "#monitoring")
    return render(request, "savings/proposal_forecast.html", {"proposal": proposal, "form": form})


@require_http_methods(["GET", "POST"])
def proposal_impact(request: HttpRequest, pk: int) -> HttpResponse:
    membership = require_membership(request.user)
    proposal = selectors.proposal_get(membership=membership, pk=pk)
    if not selectors.can_edit(membership, proposal):
        raise PermissionDenied("You cannot record impacts for this proposal: you do not lead it.")
    form = ImpactForm(request.POST or None, council=membership.council)
    if request.method == "POST" and form.is_valid():
        try:
            services.priority_impact_record(proposal=proposal, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Impact on the priority recorded.")
            return redirect(reverse("savings:proposal", args=[pk]) + "#impacts")
    return render(request, "savings/proposal_impact.html", {"proposal": proposal, "form": form})


@require_http_methods(["GET", "POST"])
def proposal_benefit(request: HttpRequest, pk: int) -> HttpResponse:
    membership = require_role(
        request.user, [Role.FINANCE, Role.PROGRAMME_OFFICE], action="confirm delivered savings"
    )
    proposal = selectors.proposal_get(membership=membership, pk=pk)
    form = BenefitForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.benefit_confirm(
                proposal=proposal,
                fy=form.cleaned_data["fy"],
                amount_pence=form.cleaned_data["amount"],
                by=request.user,
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Benefit confirmed.")
            return redirect("savings:proposal", pk=pk)
    return render(request, "savings/proposal_benefit.html", {"proposal": proposal, "form": form})


# --- checks --------------------------------------------------------------------------------


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
            "is_finance": membership.role == Role.FINANCE,
        },
    )


@require_POST
def budget_code_review(request: HttpRequest, pk: int) -> HttpResponse:
    membership = require_membership(request.user)
    code = get_object_or_404(BudgetCode.objects.filter(council=membership.council), pk=pk)
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


# --- monitoring ----------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def periods(request: HttpRequest) -> HttpResponse:
    membership = require_membership(request.user)
    form = PeriodOpenForm(request.POST or None)
    if request.method == "POST":
        require_role(request.user, [Role.PROGRAMME_OFFICE], action="open a monitoring period")
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
            "is_programme_office": membership.role == Role.PROGRAMME_OFFICE,
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
            "is_programme_office": membership.role == Role.PROGRAMME_OFFICE,
        },
    )


@require_POST
def period_close(request: HttpRequest, pk: int) -> HttpResponse:
    membership = require_membership(request.user)
    period = get_object_or_404(selectors.period_list(membership=membership), pk=pk)
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


# --- programme settings and the learning log -----------------------------------------------


@require_http_methods(["GET", "POST"])
def targets(request: HttpRequest) -> HttpResponse:
    membership = require_membership(request.user)
    settings = selectors.programme_settings(membership.council)
    year_form = ProgrammeYearForm(request.POST if "fy" in request.POST else None)
    weights_form = WeightsForm(
        request.POST if "weight_blue" in request.POST else None,
        initial={name: getattr(settings, name) for name in WeightsForm.base_fields},
    )
    if request.method == "POST":
        require_role(request.user, [Role.PROGRAMME_OFFICE], action="change the programme's targets")
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
            "is_programme_office": membership.role == Role.PROGRAMME_OFFICE,
        },
    )


@require_http_methods(["GET", "POST"])
def lessons(request: HttpRequest) -> HttpResponse:
    membership = require_membership(request.user)
    form = LessonForm(request.POST or None, council=membership.council)
    if request.method == "POST":
        require_role(
            request.user, [Role.PROGRAMME_OFFICE, Role.DIRECTOR], action="change the learning log"
        )
        if form.is_valid():
            d = form.cleaned_data
            lesson = Lesson(
                council=membership.council,
                learning=d["learning"],
                actions=d["actions"],
                measure_of_success=d["measure_of_success"],
            )
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
        {
            "lessons": selectors.lesson_list(membership=membership),
            "form": form,
            "can_add": membership.role in {Role.PROGRAMME_OFFICE, Role.DIRECTOR},
        },
    )
