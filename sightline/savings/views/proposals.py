"""One savings proposal: its page, and the forms that change it, each offered only to those
its rule allows (a GET of a form its user may not submit is refused with the rule's words)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sightline.accounts.permissions import allowed, check, require_membership
from sightline.core.forms import add_service_errors
from sightline.core.history import history_for
from sightline.savings import selectors, services
from sightline.savings.forms import (
    DecisionForm,
    ForecastForm,
    ImpactForm,
    ProposalForm,
    RiskFormSet,
    SavingLineFormSet,
    StaffingFormSet,
    StageForm,
)
from sightline.savings.models import Stage
from sightline.savings.permissions import decision_steps
from sightline.savings.rules import DECIDED

STALE_PAGE = (
    "This page is out of date: someone may have changed the proposal since you opened it. "
    "Reload the page, then make your change again."
)


def posted_version(request: HttpRequest) -> int | None:
    """The record version a form was opened at, or None when it is missing or not a number."""
    try:
        return int(request.POST.get("version") or 0) or None
    except ValueError:
        return None


def _kept_rows(formset) -> list[dict]:
    """The cleaned rows of a formset that were filled in and not marked for deletion."""
    return [
        {k: v for k, v in f.cleaned_data.items() if k != "DELETE"}
        for f in formset.forms
        if f.has_changed() and f.cleaned_data and not f.cleaned_data.get("DELETE")
    ]


@require_http_methods(["GET", "POST"])
def proposal_create(request: HttpRequest) -> HttpResponse:
    membership = check(request.user, "savings.create_proposal")
    form = ProposalForm(
        request.POST or None,
        council=membership.council,
        exempt_fields=allowed(request.user, "savings.mark_exempt"),
    )
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
            "history": history_for(proposal, page=request.GET.get("history", 1)),
            "stage_form": StageForm(),
            "decision_steps": decision_steps(request.user, proposal),
            "benefit_years": selectors.benefit_years(proposal=proposal),
            **detail,
        },
    )


@require_http_methods(["GET", "POST"])
def proposal_edit(request: HttpRequest, pk: int) -> HttpResponse:
    membership = require_membership(request.user)
    proposal = selectors.proposal_get(membership=membership, pk=pk)
    # Finance may assign the finance lead and accountant; the proposal's editors change all.
    finance_only = not allowed(request.user, "savings.change_proposal", proposal)
    check(
        request.user,
        "savings.assign_finance" if finance_only else "savings.change_proposal",
        proposal,
    )
    # The form cleans into its own copy, so the service sees the record as it was.
    editable = selectors.proposal_get(membership=membership, pk=pk)
    form = ProposalForm(
        request.POST or None,
        instance=editable,
        council=membership.council,
        exempt_fields=allowed(request.user, "savings.mark_exempt", proposal),
        finance_only=finance_only,
    )
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
    check(request.user, "savings.change_proposal", proposal)
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
        version = posted_version(request)
        lines = [
            f.line_data()
            for f in formset.forms
            if f.has_changed() and f.cleaned_data and not f.cleaned_data.get("DELETE")
        ]
        try:
            if version is None:
                raise ValidationError(STALE_PAGE)
            services.saving_lines_set(
                proposal=proposal,
                by=request.user,
                lines=lines,
                expected_version=version,
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
    check(request.user, "savings.change_proposal", proposal)
    if request.method == "POST":
        staffing = StaffingFormSet(request.POST, prefix="staffing")
        risks = RiskFormSet(request.POST, prefix="risks")
    else:
        staffing = StaffingFormSet(
            initial=[
                {"fy": s.fy, "role": s.role, "fte": s.fte, "vacancies_held": s.vacancies_held}
                for s in proposal.staffing.all()
            ],
            prefix="staffing",
        )
        risks = RiskFormSet(
            initial=[
                {"description": r.description, "mitigation": r.mitigation}
                for r in proposal.risks.all()
            ],
            prefix="risks",
        )
    error = None
    if request.method == "POST" and staffing.is_valid() and risks.is_valid():
        version = posted_version(request)
        try:
            if version is None:
                raise ValidationError(STALE_PAGE)
            services.proposal_staffing_set(
                proposal=proposal,
                by=request.user,
                staffing=_kept_rows(staffing),
                risks=_kept_rows(risks),
                expected_version=version,
                reason=request.POST.get("reason", ""),
            )
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
    check(request.user, "savings.move_stage", proposal)
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
        # The refusal opens the page at its top, where the error summary takes the focus.
        messages.error(request, " ".join(error.messages))
        return redirect("savings:proposal", pk=pk)
    messages.success(request, f"Moved to {Stage(form.cleaned_data['to']).label.lower()}.")
    return redirect(reverse("savings:proposal", args=[pk]) + "#gates")


@require_http_methods(["GET", "POST"])
def proposal_decision(request: HttpRequest, pk: int) -> HttpResponse:
    membership = require_membership(request.user)
    proposal = selectors.proposal_get(membership=membership, pk=pk)
    steps = decision_steps(request.user, proposal)
    if not steps:
        if not (
            allowed(request.user, "savings.submit_proposal", proposal)
            or allowed(request.user, "savings.decide_proposal", proposal)
        ):
            check(request.user, "savings.decide_proposal", proposal)
        messages.error(
            request,
            f"A proposal that is {proposal.get_decision_status_display().lower()} has no further "
            "decision step to record.",
        )
        return redirect("savings:proposal", pk=pk)
    form = DecisionForm(request.POST or None, steps=steps)
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
    return render(
        request,
        "savings/proposal_decision.html",
        {"proposal": proposal, "form": form, "decides": any(s in DECIDED for s in steps)},
    )


@require_http_methods(["GET", "POST"])
def proposal_forecast(request: HttpRequest, pk: int) -> HttpResponse:
    membership = require_membership(request.user)
    proposal = selectors.proposal_get(membership=membership, pk=pk)
    check(request.user, "savings.record_forecast", proposal)
    initial = selectors.forecast_initial(
        membership=membership,
        proposal=proposal,
        period=request.GET.get("period"),
        fy=request.GET.get("fy"),
    )
    form = ForecastForm(request.POST or None, initial=initial, council=membership.council)
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
                expected_version=d["version"],
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
    check(request.user, "savings.record_impact", proposal)
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
