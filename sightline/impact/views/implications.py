"""A proposal's implications: the table of the report, writing them, each officer's
clearance, and marking the report final."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sightline.accounts.permissions import require_membership
from sightline.core.forms import add_service_errors
from sightline.core.history import history_for
from sightline.impact import selectors, services
from sightline.impact.forms import ClearanceForm, ImplicationsForm
from sightline.impact.models import ImplicationArea
from sightline.impact.rules import DEFAULT_AREAS
from sightline.impact.views.common import posted_version, require


@require_GET
def implications(request: HttpRequest, pk: int) -> HttpResponse:
    membership = require_membership(request.user)
    proposal = selectors.proposal_for(membership=membership, pk=pk)
    detail = selectors.implications_detail(proposal=proposal)
    record = detail["record"]
    context = {
        "proposal": proposal,
        "history": history_for(record, page=request.GET.get("history", 1)) if record else [],
        **detail,
    }
    return render(request, "impact/implications.html", context)


def _initial(detail: dict) -> dict:
    record = detail["record"]
    initial = {}
    if record is not None:
        initial = {
            "report_title": record.report_title,
            "meeting": record.meeting,
            "version": record.version,
        }
    for i in detail["implications"]:
        n = i.area.number
        initial.update(
            {f"a{n}": i.text, f"a{n}_officer": i.officer_id, f"a{n}_role": i.officer_role}
        )
    return initial


@require_http_methods(["GET", "POST"])
def implications_edit(request: HttpRequest, pk: int) -> HttpResponse:
    membership = require_membership(request.user)
    proposal = selectors.proposal_for(membership=membership, pk=pk)
    require(request, "impact.write_implications", proposal)
    detail = selectors.implications_detail(proposal=proposal)
    if detail["record"] is not None and detail["record"].final:
        messages.info(request, services.implications.FINAL)
        return redirect("impact:implications", pk=proposal.pk)
    areas = detail["areas"]
    if request.method == "POST" and not areas:
        areas = services.areas_ensure(council=proposal.council, by=request.user)
    elif not areas:
        # The default areas, unsaved: kept by the service when the implications are saved.
        areas = [
            ImplicationArea(number=n, name=name, clearance_required=required)
            for n, (name, required) in enumerate(DEFAULT_AREAS, start=1)
        ]
    numbers = {a.number for a in areas}
    areas += [i.area for i in detail["implications"] if i.area.number not in numbers]
    form = ImplicationsForm(
        request.POST or None, council=proposal.council, areas=areas, initial=_initial(detail)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.implications_save(
                proposal=proposal,
                by=request.user,
                items=form.items(),
                report_title=form.cleaned_data["report_title"],
                meeting=form.cleaned_data["meeting"],
                expected_version=posted_version(request),
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Implications saved.")
            return redirect("impact:implications", pk=proposal.pk)
    return render(request, "impact/implications_form.html", {"proposal": proposal, "form": form})


@require_POST
def implications_final(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark the report final (or, with ``final=no``, draft again)."""
    membership = require_membership(request.user)
    proposal = selectors.proposal_for(membership=membership, pk=pk)
    require(request, "impact.write_implications", proposal)
    final = request.POST.get("final", "yes") != "no"
    try:
        services.implications_mark_final(
            proposal=proposal,
            by=request.user,
            final=final,
            expected_version=posted_version(request),
        )
    except ValidationError as error:
        messages.error(request, " ".join(m if m.endswith(".") else f"{m}." for m in error.messages))
    else:
        messages.success(request, "The report is final." if final else "The report is a draft.")
    return redirect("impact:implications", pk=proposal.pk)


@require_http_methods(["GET", "POST"])
def implication_clear(request: HttpRequest, pk: int) -> HttpResponse:
    """The officer named clears an implication, as themselves."""
    membership = require_membership(request.user)
    implication = selectors.implication_get(membership=membership, pk=pk)
    require(request, "impact.clear_implication", implication)
    form = ClearanceForm(
        request.POST or None,
        initial={
            "cleared_on": implication.cleared_on or timezone.localdate(),
            "note": implication.clearance_note or "Agreed",
            "version": implication.version,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.implication_clear(
                implication=implication,
                by=request.user,
                cleared_on=form.cleaned_data["cleared_on"],
                note=form.cleaned_data["note"],
                expected_version=posted_version(request),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{implication.area} implications cleared.")
            return redirect("impact:implications", pk=implication.proposal_id)
    return render(
        request,
        "impact/clear.html",
        {"implication": implication, "proposal": implication.proposal, "form": form},
    )
