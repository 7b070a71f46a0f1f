from urllib.parse import urlencode

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from sightline.accounts.permissions import require_membership
from sightline.reports import documents, selectors
from sightline.savings import selectors as savings_selectors
from sightline.strategy.selectors import priority_list


@require_GET
def line_of_sight(request: HttpRequest) -> HttpResponse:
    membership = require_membership(request.user)
    return render(
        request,
        "reports/line_of_sight.html",
        {"priorities": priority_list(membership=membership).order_by("plan", "number")},
    )


@require_GET
def priority(request: HttpRequest, pk: int) -> HttpResponse:
    membership = require_membership(request.user)
    item = selectors.priority_get(membership=membership, pk=pk)
    return render(
        request,
        "reports/priority.html",
        {"priority": item, **selectors.beneath(membership=membership, priority=item)},
    )


@require_GET
def why(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    membership = require_membership(request.user)
    label, chains = selectors.above(membership=membership, kind=kind, pk=pk)
    return render(request, "reports/why.html", {"label": label, "chains": chains, "kind": kind})


@require_GET
def orphans(request: HttpRequest) -> HttpResponse:
    membership = require_membership(request.user)
    return render(request, "reports/orphans.html", selectors.orphans(membership=membership))


@require_GET
def negative_impacts(request: HttpRequest) -> HttpResponse:
    membership = require_membership(request.user)
    return render(
        request,
        "reports/negative_impacts.html",
        {"impacts": selectors.negative_impacts(membership=membership)},
    )


DOCUMENTS = {
    "pdf": ("application/pdf", "monitoring_pdf"),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "monitoring_docx",
    ),
    "xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "monitoring_xlsx",
    ),
}


@require_GET
def period_document(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    """The monitoring report as PDF, Word or Excel; exempt lines only for those entitled."""
    membership = require_membership(request.user)
    period = savings_selectors.period_get(membership=membership, pk=pk)
    if kind not in DOCUMENTS:
        raise Http404
    report = (
        period.report if period.is_closed else savings_selectors.monitoring_report(period=period)
    )
    content_type, builder = DOCUMENTS[kind]
    content = getattr(documents, builder)(
        period=period,
        council=membership.council,
        report=savings_selectors.visible_report(report, membership=membership),
    )
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = (
        f'attachment; filename="monitoring-{period.month:%Y-%m}.{kind}"'
    )
    return response


@require_GET
def performance(request: HttpRequest) -> HttpResponse:
    """The quarterly performance report."""
    from sightline.core.charts import sparkline
    from sightline.core.fiscal import FinancialYear
    from sightline.performance.selectors import trend_values

    membership = require_membership(request.user)
    try:
        fy = FinancialYear.parse(request.GET.get("fy") or FinancialYear.current())
        quarter = int(request.GET.get("quarter") or 4)
        if quarter not in (1, 2, 3, 4):
            raise ValueError
    except ValueError:
        fy, quarter = FinancialYear.current(), 4
    report = selectors.performance_report(
        membership=membership, fy=fy, quarter=quarter, trends=False
    )
    # The indicators are shown a page at a time, each trend read and drawn only when shown.
    page, groups = selectors.indicators_page(report["by_priority"], request.GET.get("page"))
    shown = [line for _, lines in groups for line in lines]
    trends = trend_values(
        membership=membership,
        ids=[line.indicator.pk for line in shown],
        as_of=report["as_of"],
    )
    for _, lines in groups:
        for line in lines:
            line.trend = trends.get(line.indicator.pk, [])
            line.chart = sparkline(
                title=f"{line.indicator.code} trend",
                points=line.trend,
                higher_is_better=line.indicator.polarity == "higher",
                format_value=_hundredths,
            )
    return render(
        request,
        "reports/performance.html",
        {
            "fy": fy,
            "quarter": quarter,
            "quarters": (1, 2, 3, 4),
            **report,
            "by_priority": groups,
            "indicator_count": page.paginator.count,
            "page": page,
            "page_range": page.paginator.get_elided_page_range(
                page.number, on_each_side=2, on_ends=1
            ),
            "query": urlencode({"fy": str(fy), "quarter": quarter}),
        },
    )


def _hundredths(value: int) -> str:
    from decimal import Decimal

    return f"{(Decimal(value) / 100).normalize():f}"
