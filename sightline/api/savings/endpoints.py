"""The savings programme's operations: the summary, the tracker, proposals and their savings,
stages, decisions and monthly forecasts. Reads go through the selectors, writes through the
services, which ask the permission rules."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from ninja import Query, Router, Status

from sightline.accounts.permissions import require_membership
from sightline.api.savings.output import PAGE_PATH, _detail, _figures, _forecast
from sightline.api.savings.parsing import (
    _line_data,
    _pence,
    _proposal_data,
    _year,
    _year_or_default,
)
from sightline.api.savings.schemas import (
    DecisionIn,
    ForecastIn,
    ForecastOut,
    LinesIn,
    ProposalCreateIn,
    ProposalOut,
    ProposalPatchIn,
    StageIn,
    SummaryOut,
    TrackerFilters,
    TrackerRowOut,
)
from sightline.api.schemas import ERRORS, FinancialYearText, PageIn, RecordId, page_body, paged
from sightline.core.money import pounds_string
from sightline.savings import selectors, services

router = Router()

TrackerPageOut = paged(TrackerRowOut, "TrackerPageOut")


@router.get("/programme/summary", response={200: SummaryOut, **ERRORS}, tags=["programme"])
def programme_summary(request, fy: FinancialYearText | None = None):
    """The programme's figures for one financial year (default: this year if it has a target,
    else the first year of the programme), in total, by bundle and by directorate.

    ``forecast`` is the risk-adjusted forecast (the latest forecast of each saving weighted by
    its RAG), as on the dashboard; ``forecast_unweighted`` is the latest forecast as given.
    ``programming`` is the bundle targets minus the council's target (over-programmed when
    positive); ``planned_gap`` is the planned savings minus the target.
    """
    membership = require_membership(request.user)
    year = _year_or_default(fy, membership)
    summary = selectors.programme_summary(membership=membership, fy=year)
    totals = summary.totals
    return {
        "financial_year": str(summary.fy),
        "target": pounds_string(totals.target),
        **_figures(totals),
        "bundle_targets": pounds_string(summary.bundle_targets),
        "programming": pounds_string(summary.bundle_programming),
        "planned_gap": pounds_string(totals.programming),
        "bundles": [
            {
                "id": bundle.pk,
                "name": bundle.name,
                "target": pounds_string(figures.target),
                "enabling": bundle.enabling,
                **_figures(figures),
            }
            for bundle, figures in summary.bundles
        ],
        "directorates": [
            {"id": directorate.pk, "name": directorate.name, **_figures(figures)}
            for directorate, figures in summary.directorates
        ],
    }


@router.get("/proposals", response={200: TrackerPageOut, **ERRORS}, tags=["proposals"])
def proposal_list(request, filters: Query[TrackerFilters], page: Query[PageIn]):
    """The tracker: every proposal the caller may see, with its saving in ``fy`` (``amount``),
    in all years (``total``) and its latest RAG for ``fy``. Filters as on the tracker page.

    Paged: ``count`` proposals match; ``items`` holds at most ``limit`` of them (100 unless
    asked, at most 500) from ``offset``."""
    membership = require_membership(request.user)
    year = _year_or_default(filters.fy, membership)
    rows = selectors.tracker_rows(
        membership=membership,
        fy=year,
        filters={
            "bundle": filters.bundle,
            "directorate": filters.directorate,
            "stage": filters.stage,
            "rag": filters.rag,
            "decision": filters.decision,
            "type": filters.type,
            "q": filters.q,
            "sort": filters.sort,
        },
    )
    items = [
        {
            "id": p.pk,
            "reference": p.reference,
            "title": p.title,
            "stage": p.stage,
            "decision_status": p.decision_status,
            "bundle": p.bundle.name if p.bundle_id else None,
            "directorate": p.directorate.name,
            "savings_type": p.savings_type.name,
            "exempt": p.exempt,
            "amount": pounds_string(p.fy_amount or 0),
            "total": pounds_string(p.total_amount or 0),
            "rag": p.latest_rag,
            "url": PAGE_PATH.format(pk=p.pk),
        }
        for p in rows[page.offset : page.offset + page.limit]
    ]
    return page_body(count=rows.count(), page=page, items=items)


@router.get("/proposals/{proposal_id}", response={200: ProposalOut, **ERRORS}, tags=["proposals"])
def proposal_get(request, proposal_id: RecordId):
    """One proposal with every field of the form, its savings profile and what each stage
    gate still finds missing."""
    membership = require_membership(request.user)
    proposal = selectors.proposal_get(membership=membership, pk=proposal_id)
    return _detail(membership, proposal)


@router.post("/proposals", response={201: ProposalOut, **ERRORS}, tags=["proposals"])
def proposal_create(request, payload: ProposalCreateIn):
    """Create a proposal (an idea, in draft). An editor becomes its lead officer unless they
    already lead it. Ids must be of the caller's own council's records."""
    membership = require_membership(request.user)
    given = payload.model_dump()
    data = _proposal_data(given, membership)
    proposal = services.proposal_create(by=request.user, data=data, reason=payload.reason)
    return Status(201, _detail(membership, proposal))


@router.patch("/proposals/{proposal_id}", response={200: ProposalOut, **ERRORS}, tags=["proposals"])
def proposal_update(request, proposal_id: RecordId, payload: ProposalPatchIn):
    """Change the fields given. Send the ``version`` you read: if someone else has changed the
    proposal since, nothing is saved and the answer is 422."""
    membership = require_membership(request.user)
    proposal = selectors.proposal_get(membership=membership, pk=proposal_id)
    given = payload.model_dump(exclude_unset=True)
    data = _proposal_data(given, membership, current=proposal)
    updated = services.proposal_update(
        proposal=proposal,
        by=request.user,
        data=data,
        expected_version=payload.version,
        reason=payload.reason,
    )
    return _detail(membership, updated)


@router.put(
    "/proposals/{proposal_id}/lines", response={200: ProposalOut, **ERRORS}, tags=["proposals"]
)
def proposal_lines_set(request, proposal_id: RecordId, payload: LinesIn):
    """Replace the savings profile. Amounts are pounds as text (``24500.00`` or ``£24.5k``;
    negative to invest to save). Nothing is saved if any line is wrong."""
    membership = require_membership(request.user)
    proposal = selectors.proposal_get(membership=membership, pk=proposal_id)
    errors: dict[str, str] = {}
    lines = [
        _line_data(index, line, membership, errors)
        for index, line in enumerate(payload.lines, start=1)
    ]
    if errors:
        raise ValidationError(errors)
    services.saving_lines_set(
        proposal=proposal,
        by=request.user,
        lines=lines,
        expected_version=payload.version,
        reason=payload.reason,
    )
    return _detail(membership, proposal)


@router.post(
    "/proposals/{proposal_id}/stage", response={200: ProposalOut, **ERRORS}, tags=["proposals"]
)
def proposal_stage(request, proposal_id: RecordId, payload: StageIn):
    """Move the proposal to another stage if its gate passes; otherwise 422 saying what is
    missing. The programme office may override a failed gate with a reason."""
    membership = require_membership(request.user)
    proposal = selectors.proposal_get(membership=membership, pk=proposal_id)
    moved = services.proposal_advance_stage(
        proposal=proposal,
        to=payload.to,
        by=request.user,
        reason=payload.reason,
        override=payload.override,
    )
    return _detail(membership, moved)


@router.post(
    "/proposals/{proposal_id}/decision", response={200: ProposalOut, **ERRORS}, tags=["proposals"]
)
def proposal_decision(request, proposal_id: RecordId, payload: DecisionIn):
    """Submit the proposal, put it to consultation, or record its approval or rejection by a
    body (``executive``, ``cabinet``, ``full_council``, ``delegated``) on a date."""
    membership = require_membership(request.user)
    proposal = selectors.proposal_get(membership=membership, pk=proposal_id)
    decided = services.proposal_record_decision(
        proposal=proposal,
        to=payload.to,
        by=request.user,
        body=payload.body or "",
        decided_on=payload.decided_on,
        reference=payload.reference,
        note=payload.note,
    )
    return _detail(membership, decided)


@router.put(
    "/proposals/{proposal_id}/forecasts",
    response={200: ForecastOut, **ERRORS},
    tags=["proposals"],
)
def proposal_forecast(request, proposal_id: RecordId, payload: ForecastIn):
    """Record a month's forecast for one year of a live saving. ``period`` is the month
    (``2014-03``) of one of the council's monitoring periods, which must be open."""
    membership = require_membership(request.user)
    proposal = selectors.proposal_get(membership=membership, pk=proposal_id)
    errors = {}
    period = None
    try:
        month = datetime.datetime.strptime(payload.period, "%Y-%m").date()
    except ValueError:
        errors["period"] = f"{payload.period!r} is not a month: write it like 2014-03."
    else:
        period = selectors.period_list(membership=membership).filter(month=month).first()
        if period is None:
            errors["period"] = f"Your council has no monitoring period for {month:%B %Y}."
    values = {}
    for field, parse in (
        ("financial_year", lambda: _year(payload.financial_year, field="financial_year")),
        ("forecast", lambda: _pence(payload.forecast, field="forecast")),
        ("slippage", lambda: _pence(payload.slippage, field="slippage") if payload.slippage else 0),
        (
            "slipped_to",
            lambda: _year(payload.slipped_to, field="slipped_to") if payload.slipped_to else None,
        ),
    ):
        try:
            values[field] = parse()
        except ValidationError as exc:
            errors.update({k: " ".join(v) for k, v in exc.message_dict.items()})
    if errors:
        raise ValidationError(errors)
    forecast = services.forecast_record(
        proposal=proposal,
        period=period,
        fy=values["financial_year"],
        forecast_pence=values["forecast"],
        rag=payload.rag,
        by=request.user,
        commentary=payload.commentary,
        slippage_pence=values["slippage"],
        slipped_to=values["slipped_to"],
        replacement=payload.replacement,
        expected_version=payload.version,
    )
    return _forecast(forecast)
