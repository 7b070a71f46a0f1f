"""The monthly round: the forecast grid of an open month, every changed row saved together (all
or nothing), and the live savings still without the month's forecast, by lead officer."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from sightline.accounts.permissions import check, require_membership
from sightline.core.forms import add_service_errors
from sightline.savings import selectors, services
from sightline.savings.monitoring_forms import GridFilterForm, GridRowForm, grid_filters
from sightline.savings.services import RoundEntry, RoundRefused

GRID_PAGE_SIZE = 50
OUTSTANDING_PAGE_SIZE = 100  # years to forecast listed a page (every lead is in the summary)
MOST_ROWS_POSTED = 500  # a page holds GRID_PAGE_SIZE; more is not a grid's post
ROWS_GONE = (
    "Some rows of this page are no longer in the month's round: a saving may have left the live "
    "stage, or its savings profile changed. Nothing was saved. Reload the page, then make your "
    "changes again."
)


def _closed(request: HttpRequest, period) -> HttpResponse:
    messages.error(request, f"{period} is closed: its figures are frozen.")
    return redirect("savings:period", pk=period.pk)


def _summary(forms: list[GridRowForm]) -> list[dict]:
    """The error summary: every error of every row, named "Row <reference> <year>: ...", each
    linking to its field (a row's own error, to its forecast)."""
    errors = []
    for form in forms:
        for name, messages_ in form.errors.items():
            target = form[name if name in form.fields else "forecast"].auto_id
            for message in messages_:
                errors.append({"href": f"#{target}", "message": f"Row {form.row.label}: {message}"})
    return errors


def _entries(forms: list[GridRowForm]) -> list[RoundEntry]:
    return [
        RoundEntry(
            proposal=f.row.proposal,
            fy=f.row.fy,
            forecast_pence=f.cleaned_data["forecast"],
            rag=f.cleaned_data["rag"],
            commentary=f.cleaned_data["commentary"],
            expected_version=f.cleaned_data["version"],
        )
        for f in forms
    ]


def _save(request: HttpRequest, membership, period) -> tuple[list[GridRowForm], list[dict]]:
    """Bind the posted rows and save the changed ones together. Returns the page's forms and
    the error summary; an empty summary means every changed row was saved."""
    keys = request.POST.getlist("row")[:MOST_ROWS_POSTED]
    rows = selectors.grid_rows_for(
        membership=membership, user=request.user, period=period, keys=keys
    )
    if len(rows) < len(set(keys)):
        return [GridRowForm(row=row) for row in rows], [{"href": "", "message": ROWS_GONE}]
    forms = [GridRowForm(request.POST, row=row) for row in rows]
    changed = [f for f in forms if f.changed]
    if not changed:
        return forms, []
    if all([f.is_valid() for f in changed]):  # every row validated, to show every error
        try:
            saved = services.forecasts_record_round(
                period=period, entries=_entries(changed), by=request.user
            )
        except RoundRefused as refused:
            for f in changed:
                if f.row.key in refused.rows:
                    add_service_errors(f, refused.rows[f.row.key])
        else:
            messages.success(
                request,
                f"{len(saved)} forecast{'s' if len(saved) != 1 else ''} recorded for {period}.",
            )
            return forms, []
    # Unchanged rows are shown as they were, without the errors an untouched row might have.
    forms = [f if f.changed else GridRowForm(row=f.row) for f in forms]
    bound = [f for f in forms if f.is_bound]
    for f in bound:
        f.mark_errors()
    return forms, _summary(bound)


@require_http_methods(["GET", "POST"])
def round_grid(request: HttpRequest, pk: int) -> HttpResponse:
    """The forecast grid: every live saving the user may update, a row per year with a planned
    saving, starting from last month's forecast and RAG."""
    membership = require_membership(request.user)
    period = selectors.period_get(membership=membership, pk=pk)
    if period.is_closed:
        return _closed(request, period)
    filters = grid_filters(request.GET)
    grid = selectors.forecast_grid(
        membership=membership, user=request.user, period=period, filters=filters
    )
    if not grid.savings:
        # Nothing the user may update: refused with the rule's words, unless their role may.
        check(request.user, "savings.record_forecast")
    errors: list[dict] = []
    forms = None
    if request.method == "POST":
        forms, errors = _save(request, membership, period)
        if not errors:
            if not any(f.changed for f in forms):
                messages.info(request, "No row was changed, so nothing was saved.")
            return redirect(request.get_full_path())
    paginator = Paginator(grid.rows, GRID_PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    if forms is None:
        rows = selectors.attach_previous(period=period, rows=list(page.object_list))
        forms = [GridRowForm(row=row) for row in rows]
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "savings/round_grid.html",
        {
            "period": period,
            "grid": grid,
            "forms": forms,
            "page_errors": errors,  # base.html shows them in the error summary
            "filter_form": GridFilterForm(
                initial={
                    "directorate": filters.directorate,
                    "bundle": filters.bundle,
                    "lead": filters.lead,
                    "outstanding": filters.outstanding,
                },
                grid=grid,
            ),
            "filtered": any(request.GET.get(k) for k in ("directorate", "bundle", "lead")),
            "page": page,
            "page_range": paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
            "query": query.urlencode(),
        },
    )


@require_GET
def round_outstanding(request: HttpRequest, pk: int) -> HttpResponse:
    """The live savings still without the month's forecast, by lead officer: every lead's
    counts and amounts, then the years to forecast a page at a time."""
    membership = require_membership(request.user)
    period = selectors.period_get(membership=membership, pk=pk)
    if period.is_closed:
        return render(
            request, "savings/round_outstanding.html", {"period": period, "outstanding": None}
        )
    waiting = selectors.outstanding(membership=membership, user=request.user, period=period)
    waiting.mark_pages(OUTSTANDING_PAGE_SIZE)
    paginator = Paginator(waiting.listing(), OUTSTANDING_PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "savings/round_outstanding.html",
        {
            "period": period,
            "outstanding": waiting,
            "listed": page.object_list,
            "page": page,
            "page_range": paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
            "query": query.urlencode(),
        },
    )
