"""A proposal's posts and consultations, and the programme's collective consultation."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from sightline.accounts.permissions import allowed, require_membership
from sightline.core.forms import add_service_errors
from sightline.impact import selectors, services
from sightline.impact.forms import ConsultationForm, PostFormSet
from sightline.impact.views.common import require


@require_GET
def posts(request: HttpRequest, pk: int) -> HttpResponse:
    membership = require_membership(request.user)
    proposal = selectors.proposal_for(membership=membership, pk=pk)
    found = selectors.posts(proposal=proposal)
    context = {
        "proposal": proposal,
        "posts": found,
        "totals": selectors.post_totals(found),
        "warnings": selectors.warnings_for(membership=membership, proposal=proposal),
        "sees_holders": allowed(request.user, "impact.see_post_holders", proposal),
    }
    return render(request, "impact/posts.html", context)


@require_http_methods(["GET", "POST"])
def posts_edit(request: HttpRequest, pk: int) -> HttpResponse:
    membership = require_membership(request.user)
    proposal = selectors.proposal_for(membership=membership, pk=pk)
    require(request, "impact.record_posts", proposal)
    found = selectors.posts(proposal=proposal)
    sees_holders = allowed(request.user, "impact.see_post_holders", proposal)
    initial = [{name: getattr(p, name) for name in services.POST_FIELDS} for p in found]
    formset = PostFormSet(
        request.POST or None, initial=initial, prefix="posts", sees_holders=sees_holders
    )
    service_errors = []
    if request.method == "POST" and formset.is_valid():
        try:
            services.posts_set(
                proposal=proposal,
                by=request.user,
                rows=formset.rows(),
                expected=request.POST.get("token"),
                reason=request.POST.get("reason", ""),
            )
        except ValidationError as error:
            service_errors = error.messages
        else:
            messages.success(request, "Posts saved.")
            return redirect("impact:posts", pk=proposal.pk)
    context = {
        "proposal": proposal,
        "formset": formset,
        "token": services.posts_token(found),
        "service_errors": service_errors,
    }
    return render(request, "impact/posts_form.html", context)


@require_GET
def consultations(request: HttpRequest, pk: int) -> HttpResponse:
    membership = require_membership(request.user)
    proposal = selectors.proposal_for(membership=membership, pk=pk)
    return render(
        request,
        "impact/consultations.html",
        {"proposal": proposal, "consultations": selectors.consultations(proposal=proposal)},
    )


@require_http_methods(["GET", "POST"])
def consultation_add(request: HttpRequest, pk: int) -> HttpResponse:
    membership = require_membership(request.user)
    proposal = selectors.proposal_for(membership=membership, pk=pk)
    require(request, "impact.record_consultation", proposal)
    form = ConsultationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.consultation_save(proposal=proposal, by=request.user, data=form.service_data())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Consultation recorded.")
            return redirect("impact:consultations", pk=proposal.pk)
    return render(request, "impact/consultation_form.html", {"proposal": proposal, "form": form})


@require_GET
def collective_consultation(request: HttpRequest) -> HttpResponse:
    """Where the proposals together reach the statutory threshold for collective consultation
    on redundancies."""
    membership = require_membership(request.user)
    return render(
        request,
        "impact/collective.html",
        {"windows": selectors.windows(membership=membership)},
    )
