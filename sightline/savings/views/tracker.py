"""The tracker: every proposal the reader may see, filtered, sorted, paged and as CSV."""

from __future__ import annotations

import csv

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from sightline.accounts.permissions import require_membership
from sightline.core.exports import UTF8_BOM, spreadsheet_text
from sightline.core.fiscal import FinancialYear
from sightline.core.money import pounds_string
from sightline.savings import selectors
from sightline.savings.forms import TrackerFilterForm
from sightline.savings.models import Rag
from sightline.savings.views.programme import year_asked

TRACKER_PAGE_SIZE = 100


@require_GET
def tracker(request: HttpRequest) -> HttpResponse:
    membership = require_membership(request.user)
    form = TrackerFilterForm(request.GET or None, council=membership.council)
    fy = year_asked(request, membership)
    # A filter that cannot be read is said so, beside the filter and in the error summary, and
    # no figures are shown for filters the reader did not ask for.
    invalid = form.is_bound and not form.is_valid()
    rows = (
        []
        if invalid
        else selectors.tracker_rows(membership=membership, fy=fy, filters=form.filters())
    )
    if request.GET.get("format") == "csv" and not invalid:
        return _tracker_csv(list(rows), fy)
    # Every matching proposal counts in the totals and the CSV, summed and counted in the
    # database; the page reads and shows a hundred.
    totals = selectors.tracker_totals(rows)
    paginator = Paginator(rows, TRACKER_PAGE_SIZE)
    paginator.count = totals["count"]  # already counted with the totals
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
        "totals": totals,
        "invalid": invalid,
    }
    template = "savings/_tracker_results.html" if request.htmx else "savings/tracker.html"
    return render(request, template, context)


def _tracker_csv(rows, fy: FinancialYear) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="tracker-{fy.short.replace("/", "-")}.csv"'
    )
    response.write(UTF8_BOM)
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
                spreadsheet_text(p.reference),
                spreadsheet_text(p.title),
                spreadsheet_text(p.bundle.name if p.bundle else ""),
                spreadsheet_text(p.directorate.name),
                spreadsheet_text(p.savings_type.name),
                p.get_stage_display(),
                p.get_decision_status_display(),
                pounds_string(p.fy_amount or 0),
                pounds_string(p.total_amount or 0),
                Rag(p.latest_rag).label if p.latest_rag else "Not rated",
                "Yes" if p.exempt else "No",
            ]
        )
    return response
