"""Downloads of the committee papers: each view fetches through the selectors the pages use,
asks the papers' rule, builds the paper and sends it as PDF or Word."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from sightline.accounts.permissions import check, require_membership
from sightline.core.fiscal import FinancialYear
from sightline.papers import documents, selectors
from sightline.papers.paper import Paper
from sightline.savings import selectors as savings

FORMATS = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def _send(paper: Paper, fmt: str) -> HttpResponse:
    content = paper.pdf() if fmt == "pdf" else paper.docx()
    response = HttpResponse(content, content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{paper.filename}.{fmt}"'
    return response


def _edition(request: HttpRequest, edition: str, fmt: str, obj=None) -> None:
    """Refuse an unknown edition or format (404), and the full edition to a member not
    entitled to exempt information (403, with the rule's words)."""
    if edition not in documents.EDITIONS or fmt not in FORMATS:
        raise Http404
    check(request.user, "papers.download" if edition == documents.PUBLIC else
          "papers.download_exempt", obj)  # fmt: skip


@require_GET
def executive(request: HttpRequest, pk: int, edition: str, fmt: str) -> HttpResponse:
    """The Executive report on a directorate's budget reductions in a year (``?fy=``)."""
    membership = require_membership(request.user)
    directorate = selectors.directorate_get(membership=membership, pk=pk)
    _edition(request, edition, fmt, directorate)
    try:
        fy = FinancialYear.parse(request.GET["fy"]) if request.GET.get("fy") else None
    except ValueError as error:
        raise Http404 from error
    paper = documents.executive_paper(
        membership=membership, directorate=directorate, fy=fy, edition=edition
    )
    return _send(paper, fmt)


@require_GET
def proposal(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The savings proposal form, for anyone who may read the proposal."""
    membership = require_membership(request.user)
    item = savings.proposal_get(membership=membership, pk=pk)
    if fmt not in FORMATS:
        raise Http404
    check(request.user, "papers.download", item)
    return _send(
        documents.proposal_paper(membership=membership, proposal=item, edition=documents.FULL),
        fmt,
    )


@require_GET
def period(request: HttpRequest, pk: int, edition: str, fmt: str) -> HttpResponse:
    """The scrutiny monitoring report for a month."""
    membership = require_membership(request.user)
    item = savings.period_get(membership=membership, pk=pk)
    _edition(request, edition, fmt, item)
    return _send(
        documents.monitoring_paper(membership=membership, period=item, edition=edition), fmt
    )


@require_GET
def plan(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """A service plan, with its priorities, actions and quarterly update positions."""
    from sightline.plans.selectors import plan_get

    membership = require_membership(request.user)
    item = plan_get(membership=membership, pk=pk)
    if fmt not in FORMATS:
        raise Http404
    check(request.user, "papers.download", item)
    return _send(documents.plan_paper(membership=membership, plan=item), fmt)


@require_GET
def performance(request: HttpRequest, fmt: str) -> HttpResponse:
    """The quarterly performance report (``?fy=`` and ``?quarter=``, as on its page)."""
    membership = require_membership(request.user)
    if fmt not in FORMATS:
        raise Http404
    check(request.user, "papers.download", membership.council)
    try:
        fy = FinancialYear.parse(request.GET.get("fy") or FinancialYear.current())
        quarter = int(request.GET.get("quarter") or 4)
        if quarter not in (1, 2, 3, 4):
            raise ValueError
    except ValueError:
        fy, quarter = FinancialYear.current(), 4
    return _send(documents.performance_paper(membership=membership, fy=fy, quarter=quarter), fmt)


@require_GET
def risks(request: HttpRequest, fmt: str) -> HttpResponse:
    """The risk register's open risks with the heat map."""
    membership = require_membership(request.user)
    if fmt not in FORMATS:
        raise Http404
    check(request.user, "papers.download", membership.council)
    return _send(documents.risks_paper(membership=membership), fmt)
