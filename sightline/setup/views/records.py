"""The set-up pages of each kind of record (``sightline.setup.kinds``): its list, a record's
page with its history, and the forms that add, change and retire one. Every member of the
council reads them; each form is offered only to those its kind's rule allows, and a refused
form page is a 403 in the rule's words. A record of another council is a 404."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from sightline.accounts.permissions import check, require_membership
from sightline.core.forms import add_service_errors
from sightline.core.history import history_for
from sightline.setup.forms import RetireForm
from sightline.setup.kinds import KINDS, Kind


def _kind(slug: str) -> Kind:
    try:
        return KINDS[slug]
    except KeyError:
        raise Http404("No such kind of record") from None


def _record(kind: Kind, membership, pk: int):
    return get_object_or_404(kind.records(membership=membership), pk=pk)


@require_GET
def record_list(request: HttpRequest, kind: str) -> HttpResponse:
    membership = require_membership(request.user)
    k = _kind(kind)
    records = list(k.records(membership=membership))
    rows = [(obj, k.label(obj), [col.value(obj) for col in k.columns]) for obj in records]
    return render(
        request,
        "setup/list.html",
        {
            "kind": k,
            "rows": rows,
            "live": sum(1 for obj in records if obj.disabled_on is None),
            "retired": sum(1 for obj in records if obj.disabled_on is not None),
        },
    )


@require_http_methods(["GET", "POST"])
def record_add(request: HttpRequest, kind: str) -> HttpResponse:
    membership = require_membership(request.user)
    k = _kind(kind)
    check(request.user, k.rule, membership.council)
    form = k.form(request.POST or None, instance=k.new(membership), council=membership.council)
    if request.method == "POST" and form.is_valid():
        try:
            obj = k.save(
                form.instance, by=request.user, form=form, expected_version=None, reason=""
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{k.noun.capitalize()} {k.label(obj)} added.")
            return redirect("setup:record", kind=k.slug, pk=obj.pk)
    return render(request, "setup/form.html", {"kind": k, "form": form, "obj": None})


@require_GET
def record_detail(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    membership = require_membership(request.user)
    k = _kind(kind)
    obj = _record(k, membership, pk)
    title, rows = (k.years[0], k.years[1](obj)) if k.years else ("", [])
    return render(
        request,
        "setup/record.html",
        {
            "kind": k,
            "obj": obj,
            "label": k.label(obj),
            "details": k.details(obj),
            "years_title": title,
            "years": rows,
            "history": history_for(obj, page=request.GET.get("history", 1)),
        },
    )


@require_http_methods(["GET", "POST"])
def record_edit(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    membership = require_membership(request.user)
    k = _kind(kind)
    obj = _record(k, membership, pk)
    check(request.user, k.rule, obj)
    label = k.label(obj)
    form = k.form(request.POST or None, instance=obj, council=membership.council)
    if request.method == "POST" and form.is_valid():
        try:
            k.save(
                form.instance,
                by=request.user,
                form=form,
                expected_version=form.cleaned_data["version"],
                reason=form.cleaned_data.get("reason", ""),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{k.noun.capitalize()} {k.label(obj)} saved.")
            return redirect("setup:record", kind=k.slug, pk=obj.pk)
    return render(request, "setup/form.html", {"kind": k, "form": form, "obj": obj, "label": label})


@require_http_methods(["GET", "POST"])
def record_retire(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    """Retire a record (it is no longer offered, and keeps its history and every link to
    it), or bring a retired one back into use. Never a deletion."""
    membership = require_membership(request.user)
    k = _kind(kind)
    obj = _record(k, membership, pk)
    check(request.user, k.rule, obj)
    retiring = obj.disabled_on is None
    action = "retired" if retiring else "brought back into use"
    form = RetireForm(
        request.POST or None, initial={"version": obj.version}, noun=k.noun, action=action
    )
    if request.method == "POST" and form.is_valid():
        obj.disabled_on = timezone.localdate() if retiring else None
        try:
            k.save(
                obj,
                by=request.user,
                form=None,
                expected_version=form.cleaned_data["version"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{k.noun.capitalize()} {k.label(obj)} {action}.")
            return redirect("setup:record", kind=k.slug, pk=obj.pk)
    return render(
        request,
        "setup/retire.html",
        {"kind": k, "form": form, "obj": obj, "label": k.label(obj), "retiring": retiring},
    )
