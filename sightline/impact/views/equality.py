"""A proposal's impact page, its equality screening and its full equality assessment."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from sightline.accounts.permissions import allowed, require_membership
from sightline.core.forms import add_service_errors
from sightline.core.history import history_for
from sightline.impact import selectors, services
from sightline.impact.forms import AssessmentForm, ScreeningForm, SignOffForm
from sightline.impact.models import Assessment, Screening, ScreeningQuestion
from sightline.impact.rules import DEFAULT_QUESTIONS
from sightline.impact.views.common import posted_version, require
from sightline.risks.selectors import proposal_risks


@require_GET
def proposal_impact(request: HttpRequest, pk: int) -> HttpResponse:
    """Everything the impact app holds on one proposal, with links to each part."""
    membership = require_membership(request.user)
    proposal = selectors.proposal_for(membership=membership, pk=pk)
    posts = selectors.posts(proposal=proposal)
    context = {
        "proposal": proposal,
        "screening": selectors.screening_detail(proposal=proposal),
        **selectors.implications_detail(proposal=proposal),
        "consultations": selectors.consultations(proposal=proposal),
        "posts": posts,
        "totals": selectors.post_totals(posts),
        "warnings": selectors.warnings_for(membership=membership, proposal=proposal),
        "register_risks": proposal_risks(membership=membership, proposal=proposal),
    }
    return render(request, "impact/proposal.html", context)


@require_GET
def screening(request: HttpRequest, pk: int) -> HttpResponse:
    membership = require_membership(request.user)
    proposal = selectors.proposal_for(membership=membership, pk=pk)
    detail = selectors.screening_detail(proposal=proposal)
    history = (
        history_for(detail["screening"], page=request.GET.get("history", 1))
        if detail["screening"]
        else []
    )
    return render(
        request, "impact/screening.html", {"proposal": proposal, "history": history, **detail}
    )


def _screening_initial(found: Screening | None) -> dict:
    if found is None:
        return {}
    initial = {"comments": found.comments, "version": found.version}
    for a in found.answers.select_related("question"):
        initial[f"q{a.question.number}"] = a.answer
        initial[f"q{a.question.number}_summary"] = a.summary
    for p in found.staff_profile.all():
        initial[f"staff_{p.characteristic}"] = p.summary
        initial[f"staff_{p.characteristic}_more"] = p.disproportionate
    return initial


@require_http_methods(["GET", "POST"])
def screening_edit(request: HttpRequest, pk: int) -> HttpResponse:
    membership = require_membership(request.user)
    proposal = selectors.proposal_for(membership=membership, pk=pk)
    require(request, "impact.screen_proposal", proposal)
    found = Screening.objects.filter(proposal=proposal).first()
    # A council with no questions of its own yet is asked the default set, kept when saved.
    questions = selectors.questions(proposal.council_id) or _default_questions()
    form = ScreeningForm(
        request.POST or None, questions=questions, initial=_screening_initial(found)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.screening_save(
                proposal=proposal,
                by=request.user,
                answers=form.answers(),
                profile=form.profile(),
                comments=form.cleaned_data["comments"],
                expected_version=posted_version(request),
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Equality screening saved.")
            return redirect("impact:screening", pk=proposal.pk)
    return render(
        request, "impact/screening_form.html", {"proposal": proposal, "form": form, "found": found}
    )


def _default_questions() -> list[ScreeningQuestion]:
    """The default questions, unsaved, for a council that has none yet: the form keys its
    answers by number, and the service keeps the questions when it saves the answers."""
    return [
        ScreeningQuestion(number=n, section=section, text=text)
        for n, (section, text) in enumerate(DEFAULT_QUESTIONS, start=1)
    ]


@require_GET
def assessment(request: HttpRequest, pk: int) -> HttpResponse:
    membership = require_membership(request.user)
    proposal = selectors.proposal_for(membership=membership, pk=pk)
    detail = selectors.assessment_detail(proposal=proposal)
    found = detail["assessment"]
    context = {
        "proposal": proposal,
        "history": history_for(found, page=request.GET.get("history", 1)) if found else [],
        **detail,
    }
    return render(request, "impact/assessment.html", context)


def _assessment_initial(found: Assessment | None) -> dict:
    if found is None:
        return {}
    initial = {
        "summary": found.summary,
        "sign_off_officer": found.sign_off_officer_id,
        "version": found.version,
    }
    for i in found.impacts.all():
        key = f"{i.group}_{i.characteristic}"
        initial.update(
            {key: i.impact, f"{key}_evidence": i.evidence, f"{key}_mitigation": i.mitigation}
        )
    return initial


@require_http_methods(["GET", "POST"])
def assessment_edit(request: HttpRequest, pk: int) -> HttpResponse:
    membership = require_membership(request.user)
    proposal = selectors.proposal_for(membership=membership, pk=pk)
    require(request, "impact.assess_proposal", proposal)
    found = Assessment.objects.filter(proposal=proposal).first()
    form = AssessmentForm(
        request.POST or None, council=proposal.council, initial=_assessment_initial(found)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.assessment_save(
                proposal=proposal,
                by=request.user,
                impacts=form.impacts(),
                summary=form.cleaned_data["summary"],
                sign_off_officer=form.cleaned_data["sign_off_officer"],
                expected_version=posted_version(request),
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            add_service_errors(form, _by_field(error))
        else:
            messages.success(request, "Equality assessment saved.")
            return redirect("impact:assessment", pk=proposal.pk)
    return render(
        request, "impact/assessment_form.html", {"proposal": proposal, "form": form, "found": found}
    )


def _by_field(error: ValidationError) -> ValidationError:
    """The service names a negative impact's missing evidence ``residents-age-evidence``; the
    form's field is ``residents_age_evidence``."""
    if not hasattr(error, "error_dict"):
        return error
    return ValidationError(
        {key.replace("-", "_"): messages for key, messages in error.message_dict.items()}
    )


@require_http_methods(["GET", "POST"])
def assessment_sign_off(request: HttpRequest, pk: int) -> HttpResponse:
    membership = require_membership(request.user)
    proposal = selectors.proposal_for(membership=membership, pk=pk)
    detail = selectors.assessment_detail(proposal=proposal)
    found = detail["assessment"]
    require(request, "impact.sign_off_assessment", found or Assessment(proposal=proposal))
    form = SignOffForm(request.POST or None, initial={"version": found.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.assessment_sign_off(
                assessment=found, by=request.user, expected_version=posted_version(request)
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Equality assessment signed off.")
            return redirect("impact:assessment", pk=proposal.pk)
    context = {"proposal": proposal, "form": form, **detail}
    context["can_sign"] = allowed(request.user, "impact.sign_off_assessment", found)
    return render(request, "impact/sign_off.html", context)
