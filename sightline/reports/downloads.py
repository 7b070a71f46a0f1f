"""Excel downloads of the tracker, the indicators and the risk register, with the same filters
and the same visibility as their pages (the pages link here: the workbooks are built in
``sightline.reports.spreadsheets``, a layer above the domain apps)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from sightline.accounts.permissions import require_membership
from sightline.core.fiscal import FinancialYear
from sightline.reports import spreadsheets


def _xlsx(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=spreadsheets.XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response


def _filters_text(form) -> str:
    """The filters the reader chose, in words, for the workbook's first lines."""
    if not form.is_bound or not form.is_valid():
        return ""
    chosen = []
    for name, field in form.fields.items():
        value = form.cleaned_data.get(name)
        if value and name != "sort":
            choices = dict(getattr(field, "choices", ()) or ())
            shown = choices.get(value, value) if isinstance(value, str) else value
            chosen.append(f"{field.label or name.capitalize()}: {shown}")
    return ("Filtered by " + "; ".join(chosen) + ".") if chosen else ""


@require_GET
def tracker_xlsx(request: HttpRequest) -> HttpResponse:
    """The tracker's proposals (the page's filters) by year, with a summary of live formulas."""
    from sightline.savings import selectors
    from sightline.savings.forms import TrackerFilterForm
    from sightline.savings.views.programme import year_asked

    membership = require_membership(request.user)
    form = TrackerFilterForm(request.GET or None, council=membership.council)
    fy = year_asked(request, membership)
    filters = form.filters() if not form.is_bound or form.is_valid() else {}
    rows = selectors.tracker_rows(membership=membership, fy=fy, filters=filters).select_related(
        "bundle", "directorate", "service_area", "savings_type"
    )
    content = spreadsheets.tracker_xlsx(
        membership=membership, proposals=rows, fy=fy, filters_text=_filters_text(form)
    )
    return _xlsx(content, f"tracker-{FinancialYear.parse(fy).short.replace('/', '-')}")


@require_GET
def indicators_xlsx(request: HttpRequest) -> HttpResponse:
    """The indicators (the list's filters) with every period's target and visible actual."""
    from sightline.performance import selectors
    from sightline.performance.forms import IndicatorFilterForm

    membership = require_membership(request.user)
    priorities = list(selectors.priority_list(membership=membership))
    form = IndicatorFilterForm(request.GET or None, priorities=priorities)
    ids = selectors.indicator_order(membership=membership, **form.filters())
    rows = selectors.indicator_rows(membership=membership, ids=ids)
    return _xlsx(spreadsheets.indicators_xlsx(membership=membership, table_rows=rows), "indicators")


@require_GET
def risks_xlsx(request: HttpRequest) -> HttpResponse:
    """The risk register (the list's filters)."""
    from sightline.risks import selectors
    from sightline.risks.forms import RiskFilterForm

    membership = require_membership(request.user)
    form = RiskFilterForm(request.GET or None, membership=membership)
    risks = selectors.risk_list(membership=membership, **form.filters())
    return _xlsx(spreadsheets.risks_xlsx(membership=membership, risks=risks), "risk-register")
