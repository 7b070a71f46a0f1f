"""Performance indicators in the JSON API: the list with latest figures, one indicator with
its periods, recording an actual and approving one.

An interface only: reads go through ``sightline.performance.selectors`` (scoped to the
caller's council; actuals awaiting approval reach only the indicator's owner and those who
may approve them), writes through ``sightline.performance.services``. Before acting, an
endpoint asks the same named rule as the pages and the service
(``sightline.performance.permissions``), which refuses in its own words. Values are decimals
given as strings (``"96.50"``), in the indicator's unit.
"""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation
from typing import Literal

from django.core.exceptions import ValidationError
from ninja import Query, Router, Schema, Status
from pydantic import StrictInt

from sightline.accounts.permissions import check, require_membership
from sightline.api.schemas import ERRORS, PageIn, RecordId, Ref, page_body, paged
from sightline.performance import rules, selectors, services
from sightline.performance.models import Actual, Indicator

router = Router(tags=["indicators"])

PAGE_PATH = "/indicators/{pk}/"


# --- schemas ---------------------------------------------------------------------------------


class ActualOut(Schema):
    id: int
    period: datetime.date
    period_label: str
    value: str
    commentary: str
    status: Literal["draft", "approved"]
    status_label: str
    approved_by: str | None
    approved_at: datetime.datetime | None
    version: int


class PeriodOut(Schema):
    period: datetime.date
    label: str
    target: str | None
    actual: ActualOut | None
    rag: Literal["green", "amber", "red"] | None
    rag_explanation: str
    direction: Literal["improving", "worsening", "no change"] | None
    direction_words: str


class IndicatorPriorityOut(Schema):
    id: int
    number: int
    title: str


class IndicatorPlanOut(Schema):
    id: int
    directorate: str


class IndicatorSummaryOut(Schema):
    id: int
    url: str
    code: str
    title: str
    unit: str
    polarity: str
    frequency: str
    owner: str | None
    illustrative: bool
    latest: PeriodOut | None


class IndicatorOut(IndicatorSummaryOut):
    definition: str
    amber_tolerance: str
    priorities: list[IndicatorPriorityOut]
    departmental_plans: list[IndicatorPlanOut]
    periods: list[PeriodOut]
    version: int


class IndicatorFilters(Schema):
    priority: Ref | None = None
    rag: Literal["green", "amber", "red", "unrated"] | None = None


class ActualIn(Schema):
    period: str
    value: str
    commentary: str = ""
    version: StrictInt | None = None


# --- to and from JSON ------------------------------------------------------------------------


def _decimal(value: Decimal | None) -> str | None:
    if value is None:
        return None
    return str(Decimal(value).quantize(Decimal("0.01")))


def _actual(actual: Actual, frequency: str) -> dict:
    approver = actual.approved_by
    return {
        "id": actual.pk,
        "period": actual.period,
        "period_label": rules.period_label(actual.period, frequency),
        "value": _decimal(actual.value),
        "commentary": actual.commentary,
        "status": actual.status,
        "status_label": actual.get_status_display(),
        "approved_by": (approver.get_full_name() or approver.get_username()) if approver else None,
        "approved_at": actual.approved_at,
        "version": actual.version,
    }


def _period(row: selectors.PeriodRow | None, frequency: str) -> dict | None:
    if row is None:
        return None
    return {
        "period": row.period,
        "label": row.label,
        "target": _decimal(row.target),
        "actual": _actual(row.actual, frequency) if row.actual else None,
        "rag": row.rag,
        "rag_explanation": row.rag_words,
        "direction": row.direction,
        "direction_words": row.direction_words,
    }


def _summary(indicator: Indicator, latest: selectors.PeriodRow | None) -> dict:
    return {
        "id": indicator.pk,
        "url": PAGE_PATH.format(pk=indicator.pk),
        "code": indicator.code,
        "title": indicator.title,
        "unit": indicator.unit,
        "polarity": indicator.polarity,
        "frequency": indicator.frequency,
        "owner": indicator.owner.name if indicator.owner else None,
        "illustrative": indicator.illustrative,
        "latest": _period(latest, indicator.frequency),
    }


def _detail(membership, indicator: Indicator) -> dict:
    detail = selectors.indicator_detail(membership=membership, indicator=indicator)
    return {
        **_summary(indicator, detail.latest),
        "definition": indicator.definition,
        "amber_tolerance": _decimal(indicator.amber_tolerance),
        "priorities": [
            {"id": p.pk, "number": p.number, "title": p.title} for p in detail.priorities
        ],
        "departmental_plans": [
            {"id": d.pk, "directorate": d.directorate.name} for d in detail.departmental_plans
        ],
        "periods": [_period(row, indicator.frequency) for row in detail.rows],
        "version": indicator.version,
    }


def _parse_value(text: str) -> Decimal:
    try:
        value = Decimal(text.strip().replace(",", "").rstrip("%"))
    except (InvalidOperation, AttributeError):
        value = None
    if value is None or not value.is_finite():
        raise ValidationError({"value": f"{text!r} is not a number: write it like 96.5."})
    return value


# --- endpoints -------------------------------------------------------------------------------


IndicatorPageOut = paged(IndicatorSummaryOut, "IndicatorPageOut")


@router.get("/indicators", response={200: IndicatorPageOut, **ERRORS})
def indicator_list(request, filters: Query[IndicatorFilters], page: Query[PageIn]):
    """The council's indicators in use, each with its latest visible actual against target,
    RAG and direction of travel. Filter by ``priority`` (id) and ``rag``
    (``green``, ``amber``, ``red`` or ``unrated``).

    Paged: ``count`` indicators match; ``items`` holds at most ``limit`` of them (100 unless
    asked, at most 500) from ``offset``, in the order of their codes."""
    membership = require_membership(request.user)
    ids = selectors.indicator_order(
        membership=membership, priority=filters.priority, rag=filters.rag
    )
    chosen = ids[page.offset : page.offset + page.limit]
    table = selectors.indicator_rows(membership=membership, ids=chosen)
    items = [_summary(row.indicator, row.latest) for row in table]
    return page_body(count=len(ids), page=page, items=items)


@router.get("/indicators/{indicator_id}", response={200: IndicatorOut, **ERRORS})
def indicator_get(request, indicator_id: RecordId):
    """One indicator with every period's target, actual, RAG and direction, in words too.
    Actuals awaiting approval appear only for the owner and those who may approve them."""
    membership = require_membership(request.user)
    indicator = selectors.indicator_get(membership=membership, pk=indicator_id)
    return _detail(membership, indicator)


@router.post("/indicators/{indicator_id}/actuals", response={201: ActualOut, **ERRORS})
def actual_record(request, indicator_id: RecordId, payload: ActualIn):
    """Record (or correct) the actual for one period: ``period`` as ``Q1 2013/14``,
    ``June 2013``, ``2013/14`` or a date in the period; ``value`` as a decimal string. It
    awaits a second person's approval. Commentary is required when the actual is Red; send
    the ``version`` you read when correcting one."""
    membership = require_membership(request.user)
    indicator = selectors.indicator_get(membership=membership, pk=indicator_id)
    check(request.user, "performance.record_actual", indicator)
    errors = {}
    period = value = None
    try:
        period = rules.parse_period(payload.period, indicator.frequency)
    except rules.PeriodError as exc:
        errors["period"] = str(exc)
    try:
        value = _parse_value(payload.value)
    except ValidationError as exc:
        errors.update({k: " ".join(v) for k, v in exc.message_dict.items()})
    if errors:
        raise ValidationError(errors)
    actual = services.actual_record(
        indicator=indicator,
        period=period,
        value=value,
        commentary=payload.commentary,
        by=request.user,
        expected_version=payload.version,
    )
    return Status(201, _actual(actual, indicator.frequency))


@router.post(
    "/indicators/{indicator_id}/actuals/{actual_id}/approve",
    response={200: ActualOut, **ERRORS},
)
def actual_approve(request, indicator_id: RecordId, actual_id: RecordId):
    """Approve an actual awaiting approval. Programme office, directors and finance may, but
    never the person who recorded it."""
    membership = require_membership(request.user)
    indicator = selectors.indicator_get(membership=membership, pk=indicator_id)
    # Asked before fetching the actual: a draft the caller may not see is no reason to hide
    # that they may not approve at all.
    check(request.user, "performance.approve_actual")
    actual = selectors.actual_get(membership=membership, indicator=indicator, pk=actual_id)
    approved = services.actual_approve(actual=actual, by=request.user)
    return _actual(approved, indicator.frequency)
