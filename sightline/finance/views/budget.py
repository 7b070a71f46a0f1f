"""The budget tables: the revenue budget by service and the capital programme with its
financing, the council's own lines with their figures, and the notes."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from sightline.accounts.permissions import allowed, check, refusal, require_membership
from sightline.core.forms import add_service_errors
from sightline.core.history import history_for
from sightline.finance import selectors, services
from sightline.finance.forms import FigureFormSet, LineForm, NoteForm
from sightline.finance.models import BudgetLine, BudgetNote, Section
from sightline.finance.views.common import posted_version


@require_GET
def budget(request: HttpRequest) -> HttpResponse:
    membership = require_membership(request.user)
    return render(
        request,
        "finance/budget.html",
        {
            "plan": selectors.plan_get(membership=membership),
            "revenue": selectors.revenue_table(membership=membership),
            "capital": selectors.capital_table(membership=membership),
        },
    )


def _figures_initial(line: BudgetLine | None) -> list[dict]:
    if line is None:
        return []
    return [
        {"fy": f.fy, "budget_pence": f.budget_pence, "outturn_pence": f.outturn_pence}
        for f in line.figures.all()
    ]


def _line_page(request: HttpRequest, membership, line: BudgetLine | None) -> HttpResponse:
    initial = {"kind": line.kind, "name": line.name, "position": line.position} if line else {}
    if line is None and request.GET.get("kind"):
        initial["kind"] = request.GET["kind"]
    form = LineForm(request.POST or None, initial=initial)
    formset = FigureFormSet(request.POST or None, initial=_figures_initial(line), prefix="figures")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        current = {f.fy for f in line.figures.all()} if line else set()
        target = line or BudgetLine(council=membership.council)
        target.kind, target.name = form.cleaned_data["kind"], form.cleaned_data["name"]
        target.position = form.cleaned_data["position"] or 0
        try:
            services.budget_line_save(
                line=target,
                by=request.user,
                figures=formset.figures(current),
                expected_version=posted_version(request) if line else None,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{target.name} saved.")
            return redirect("finance:budget")
    return render(
        request,
        "finance/line_form.html",
        {
            "form": form,
            "formset": formset,
            "line": line,
            "history": history_for(line, page=request.GET.get("history", 1)) if line else [],
        },
    )


@require_http_methods(["GET", "POST"])
def line_add(request: HttpRequest) -> HttpResponse:
    membership = check(request.user, "finance.change_budget", None)
    return _line_page(request, membership, None)


@require_http_methods(["GET", "POST"])
def line_edit(request: HttpRequest, pk: int) -> HttpResponse:
    membership = require_membership(request.user)
    line = selectors.line_get(membership=membership, pk=pk)
    if not allowed(request.user, "finance.change_budget", line):
        raise PermissionDenied(refusal(request.user, "finance.change_budget", line))
    if request.method == "POST" and request.POST.get("action") == "retire":
        try:
            services.budget_line_retire(
                line=line,
                by=request.user,
                reason=request.POST.get("retire_reason", ""),
                expected_version=posted_version(request),
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("finance:line_edit", pk=line.pk)
        messages.success(request, f"{line.name} retired: it no longer shows in the tables.")
        return redirect("finance:budget")
    return _line_page(request, membership, line)


def _note_page(request: HttpRequest, membership, note: BudgetNote | None) -> HttpResponse:
    fields = ["section", "line", "fy", "label", "text", "amount_pence", "source", "position"]
    initial = {name: getattr(note, name) for name in fields} if note else {}
    if note is None and request.GET.get("section") in Section.values:
        initial["section"] = request.GET["section"]
    lines = selectors.line_list(membership=membership)
    form = NoteForm(request.POST or None, initial=initial, lines=lines)
    if request.method == "POST" and form.is_valid():
        target = note or BudgetNote(council=membership.council)
        for name in fields:
            setattr(target, name, form.cleaned_data.get(name))
        target.position = target.position or 0
        try:
            services.budget_note_save(
                note=target,
                by=request.user,
                expected_version=posted_version(request) if note else None,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Note saved.")
            return redirect("finance:budget" if target.section != Section.PLAN else "finance:plan")
    return render(
        request,
        "finance/note_form.html",
        {
            "form": form,
            "note": note,
            "history": history_for(note, page=request.GET.get("history", 1)) if note else [],
        },
    )


@require_http_methods(["GET", "POST"])
def note_add(request: HttpRequest) -> HttpResponse:
    membership = check(request.user, "finance.change_budget", None)
    return _note_page(request, membership, None)


@require_http_methods(["GET", "POST"])
def note_edit(request: HttpRequest, pk: int) -> HttpResponse:
    membership = require_membership(request.user)
    note = selectors.note_get(membership=membership, pk=pk)
    if not allowed(request.user, "finance.change_budget", note):
        raise PermissionDenied(refusal(request.user, "finance.change_budget", note))
    return _note_page(request, membership, note)
