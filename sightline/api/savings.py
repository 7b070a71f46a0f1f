"""The savings programme in the JSON API: the summary, the tracker, proposals and their
savings, stages, decisions and monthly forecasts.

An interface only: reads go through ``sightline.savings.selectors`` (scoped to the caller's
council and right to exempt information), writes through ``sightline.savings.services``
(which check roles and rules). This module parses JSON into the values they take (ids into
the caller's own council's records, pounds into pence, text into financial years) and turns
what they return into JSON. Money is given in pounds as strings with two decimals.
"""

from __future__ import annotations

import datetime
from typing import Literal

from django.core.exceptions import ValidationError
from ninja import Query, Router, Schema, Status

from sightline.accounts import selectors as account_selectors
from sightline.accounts.models import Membership, ServiceArea
from sightline.accounts.permissions import require_membership
from sightline.api.schemas import ERRORS
from sightline.core.fiscal import FinancialYear, FinancialYearError
from sightline.core.money import MoneyError, parse_money, pounds_string
from sightline.savings import selectors, services
from sightline.savings.models import (
    BudgetCode,
    DecisionBody,
    DecisionStatus,
    Forecast,
    Proposal,
    Rag,
    SavingKind,
    SavingsType,
    Stage,
)
from sightline.savings.selectors import Figures

router = Router()

PAGE_PATH = "/programme/proposals/{pk}/"
EXEMPT_PARAGRAPHS_NEEDED = "Give the Schedule 12A paragraphs that make it exempt, for example 1, 4."


# --- schemas ---------------------------------------------------------------------------------


class FiguresOut(Schema):
    planned: str
    approved: str
    forecast: str
    forecast_unweighted: str
    risk_adjusted_forecast: str
    delivered: str


class BundleFiguresOut(FiguresOut):
    id: int
    name: str
    target: str
    enabling: bool


class DirectorateFiguresOut(FiguresOut):
    id: int
    name: str


class SummaryOut(FiguresOut):
    financial_year: str
    target: str
    bundle_targets: str
    programming: str
    planned_gap: str
    bundles: list[BundleFiguresOut]
    directorates: list[DirectorateFiguresOut]


class TrackerFilters(Schema):
    fy: str | None = None
    bundle: int | None = None
    directorate: int | None = None
    stage: Stage | None = None
    rag: Literal["blue", "green", "amber", "red", "unrated"] | None = None
    decision: DecisionStatus | None = None
    type: int | None = None
    q: str | None = None
    sort: (
        Literal["reference", "title", "amount", "-amount", "stage", "rag", "bundle", "directorate"]
        | None
    ) = None


class TrackerRowOut(Schema):
    id: int
    reference: str
    title: str
    stage: str
    decision_status: str
    bundle: str | None
    directorate: str
    savings_type: str
    exempt: bool
    amount: str
    total: str
    rag: str | None
    url: str


class RecordOut(Schema):
    id: int
    name: str


class BudgetCodeOut(Schema):
    id: int
    code: str
    name: str


class LineOut(Schema):
    id: int
    financial_year: str
    amount: str
    kind: str
    recurring: bool
    budget_code: int | None
    description: str


class ProfileRowOut(Schema):
    financial_year: str
    incremental: str
    cumulative: str


class StaffingOut(Schema):
    financial_year: str
    role: str
    fte: str
    vacancies_held: str


class RiskOut(Schema):
    description: str
    mitigation: str


class GatesOut(Schema):
    initiation: list[str]
    live: list[str]
    delivered: list[str]


class ProposalOut(Schema):
    id: int
    url: str
    reference: str
    title: str
    savings_type: RecordOut
    directorate: RecordOut
    service_area: RecordOut | None
    bundle: RecordOut | None
    strategic_outcome: str
    lead_officer: RecordOut | None
    lead_member: RecordOut | None
    portfolio: RecordOut | None
    sponsor: RecordOut | None
    project_manager: RecordOut | None
    finance_lead: RecordOut | None
    accountant: RecordOut | None
    budget_codes: list[BudgetCodeOut]
    summary: str
    background: str
    proposal: str
    implementation_on: datetime.date | None
    resources: str
    notes: str
    stage: str
    stage_reason: str
    decision_status: str
    decision_body: str
    decision_on: datetime.date | None
    decision_reference: str
    exempt: bool
    exempt_paragraphs: str
    exempt_until: datetime.date | None
    version: int
    lines: list[LineOut]
    profile: list[ProfileRowOut]
    staffing: list[StaffingOut]
    risks: list[RiskOut]
    gates: GatesOut


class ProposalCreateIn(Schema):
    reference: str
    title: str
    savings_type: int
    directorate: int
    service_area: int | None = None
    bundle: int | None = None
    strategic_outcome: str = ""
    lead_officer: int | None = None
    lead_member: int | None = None
    portfolio: int | None = None
    sponsor: int | None = None
    project_manager: int | None = None
    finance_lead: int | None = None
    accountant: int | None = None
    budget_codes: list[int] = []
    summary: str = ""
    background: str = ""
    proposal: str = ""
    implementation_on: datetime.date | None = None
    resources: str = ""
    notes: str = ""
    exempt: bool = False
    exempt_paragraphs: str = ""
    exempt_until: datetime.date | None = None
    reason: str = ""


class ProposalPatchIn(Schema):
    """Only the fields given are changed. ``version`` is the one you read: a stale edit is
    refused rather than overwriting someone else's change."""

    version: int
    reason: str = ""
    reference: str | None = None
    title: str | None = None
    savings_type: int | None = None
    directorate: int | None = None
    service_area: int | None = None
    bundle: int | None = None
    strategic_outcome: str | None = None
    lead_officer: int | None = None
    lead_member: int | None = None
    portfolio: int | None = None
    sponsor: int | None = None
    project_manager: int | None = None
    finance_lead: int | None = None
    accountant: int | None = None
    budget_codes: list[int] | None = None
    summary: str | None = None
    background: str | None = None
    proposal: str | None = None
    implementation_on: datetime.date | None = None
    resources: str | None = None
    notes: str | None = None
    exempt: bool | None = None
    exempt_paragraphs: str | None = None
    exempt_until: datetime.date | None = None


class LineIn(Schema):
    financial_year: str
    amount: str
    kind: SavingKind = SavingKind.REDUCTION
    recurring: bool = True
    budget_code: int | None = None
    description: str = ""


class LinesIn(Schema):
    version: int
    reason: str = ""
    lines: list[LineIn]


class StageIn(Schema):
    to: Stage
    reason: str = ""
    override: bool = False


class DecisionIn(Schema):
    to: DecisionStatus
    body: DecisionBody | None = None
    decided_on: datetime.date | None = None
    reference: str = ""
    note: str = ""


class ForecastIn(Schema):
    period: str
    financial_year: str
    forecast: str
    rag: Rag
    commentary: str = ""
    slippage: str | None = None
    slipped_to: str | None = None
    replacement: str = ""
    version: int | None = None


class ForecastOut(Schema):
    id: int
    proposal: int
    period: str
    financial_year: str
    forecast: str
    rag: str
    commentary: str
    slippage: str
    slipped_to: str | None
    replacement: str
    version: int


# --- parsing ---------------------------------------------------------------------------------


def _year(text: str | None, *, field: str) -> FinancialYear:
    try:
        return FinancialYear.parse(text)
    except FinancialYearError as exc:
        raise ValidationError({field: str(exc)}) from exc


def _year_or_default(text: str | None, membership: Membership) -> FinancialYear:
    if not text:
        return selectors.default_year(membership=membership)
    return _year(text, field="fy")


def _pence(text: str, *, field: str) -> int:
    try:
        return parse_money(text)
    except MoneyError as exc:
        raise ValidationError({field: str(exc)}) from exc


PEOPLE = ["lead_officer", "lead_member", "sponsor", "project_manager", "finance_lead", "accountant"]
LABELS = {
    "savings_type": "savings type",
    "directorate": "directorate",
    "service_area": "service area",
    "bundle": "bundle",
    "portfolio": "portfolio",
    **{name: "person" for name in PEOPLE},
}
REQUIRED = {"savings_type", "directorate"}


def _council_records(name: str, membership: Membership):
    """The records of the caller's council that field ``name`` may point to."""
    if name in PEOPLE:
        return account_selectors.person_list(membership=membership)
    if name == "directorate":
        return account_selectors.directorate_list(membership=membership)
    if name == "portfolio":
        return account_selectors.portfolio_list(membership=membership)
    if name == "bundle":
        return selectors.bundle_list(membership=membership)
    if name == "service_area":
        return ServiceArea.objects.filter(directorate__council=membership.council)
    if name == "savings_type":
        return SavingsType.objects.filter(council=membership.council)
    raise KeyError(name)


def _budget_codes(membership: Membership):
    return BudgetCode.objects.filter(council=membership.council)


def _missing(label: str, pk: int) -> str:
    return f"There is no {label} with id {pk} in your council."


def _proposal_data(given: dict, membership: Membership, *, current: Proposal | None = None) -> dict:
    """The service's ``data``: ids resolved within the caller's council, else a 422 naming
    the field (a record of another council is never linked, nor said to exist)."""
    data, errors = {}, {}
    for name in services.PROPOSAL_FIELDS:
        if name not in given:
            continue
        value = given[name]
        if name in LABELS:
            if value is None:
                if name in REQUIRED:
                    errors[name] = f"Choose the {LABELS[name]}."
                    continue
            else:
                record = _council_records(name, membership).filter(pk=value).first()
                if record is None:
                    errors[name] = _missing(LABELS[name], value)
                    continue
                value = record
        data[name] = value
    if given.get("budget_codes") is not None:
        ids = list(dict.fromkeys(given["budget_codes"]))
        codes = _budget_codes(membership).in_bulk(ids)
        unknown = [pk for pk in ids if pk not in codes]
        if unknown:
            errors["budget_codes"] = _missing("budget code", unknown[0])
        else:
            data["budget_codes"] = [codes[pk] for pk in ids]

    def after(name):
        return data[name] if name in data else getattr(current, name, None)

    area, directorate = after("service_area"), after("directorate")
    if (
        ("service_area" in data or "directorate" in data)
        and "service_area" not in errors
        and "directorate" not in errors
        and area is not None
        and directorate is not None
        and area.directorate_id != directorate.pk
    ):
        errors["service_area"] = f"{area} is not in the {directorate} directorate."
    if after("exempt") and not after("exempt_paragraphs"):
        errors["exempt_paragraphs"] = EXEMPT_PARAGRAPHS_NEEDED
    if errors:
        raise ValidationError(errors)
    return data


def _line_data(index: int, line: LineIn, membership: Membership, errors: dict) -> dict:
    """One line for ``services.saving_lines_set``; problems go in ``errors`` by line."""
    where = f"line {index}"
    row = {"kind": line.kind, "recurring": line.recurring, "description": line.description}
    try:
        row["fy"] = FinancialYear.parse(line.financial_year)
    except FinancialYearError as exc:
        errors[f"{where} (financial_year)"] = str(exc)
    try:
        row["amount_pence"] = parse_money(line.amount)
    except MoneyError as exc:
        errors[f"{where} (amount)"] = str(exc)
    row["budget_code"] = None
    if line.budget_code is not None:
        row["budget_code"] = _budget_codes(membership).filter(pk=line.budget_code).first()
        if row["budget_code"] is None:
            errors[f"{where} (budget_code)"] = _missing("budget code", line.budget_code)
    return row


# --- output ----------------------------------------------------------------------------------


def _figures(f: Figures) -> dict:
    return {
        "planned": pounds_string(f.planned),
        "approved": pounds_string(f.approved),
        # The dashboard's "forecast" is the risk-adjusted forecast.
        "forecast": pounds_string(f.risk_adjusted),
        "forecast_unweighted": pounds_string(f.forecast),
        "risk_adjusted_forecast": pounds_string(f.risk_adjusted),
        "delivered": pounds_string(f.delivered),
    }


def _record(obj) -> dict | None:
    return None if obj is None else {"id": obj.pk, "name": obj.name}


def _detail(membership: Membership, proposal: Proposal) -> dict:
    detail = selectors.proposal_detail(membership=membership, proposal=proposal)
    return {
        "id": proposal.pk,
        "url": PAGE_PATH.format(pk=proposal.pk),
        "reference": proposal.reference,
        "title": proposal.title,
        "savings_type": _record(proposal.savings_type),
        "directorate": _record(proposal.directorate),
        "service_area": _record(proposal.service_area),
        "bundle": _record(proposal.bundle),
        "strategic_outcome": proposal.strategic_outcome,
        **{name: _record(getattr(proposal, name)) for name in PEOPLE},
        "portfolio": _record(proposal.portfolio),
        "budget_codes": [
            {"id": c.pk, "code": c.code, "name": c.name} for c in detail["budget_codes"]
        ],
        "summary": proposal.summary,
        "background": proposal.background,
        "proposal": proposal.proposal,
        "implementation_on": proposal.implementation_on,
        "resources": proposal.resources,
        "notes": proposal.notes,
        "stage": proposal.stage,
        "stage_reason": proposal.stage_reason,
        "decision_status": proposal.decision_status,
        "decision_body": proposal.decision_body,
        "decision_on": proposal.decision_on,
        "decision_reference": proposal.decision_reference,
        "exempt": proposal.exempt,
        "exempt_paragraphs": proposal.exempt_paragraphs,
        "exempt_until": proposal.exempt_until,
        "version": proposal.version,
        "lines": [
            {
                "id": line.pk,
                "financial_year": str(line.fy),
                "amount": pounds_string(line.amount_pence),
                "kind": line.kind,
                "recurring": line.recurring,
                "budget_code": line.budget_code_id,
                "description": line.description,
            }
            for line in detail["lines"]
        ],
        "profile": [
            {
                "financial_year": str(row.fy),
                "incremental": pounds_string(row.incremental_pence),
                "cumulative": pounds_string(row.cumulative_pence),
            }
            for row in detail["profile"]
        ],
        "staffing": [
            {
                "financial_year": str(s.fy),
                "role": s.role,
                "fte": f"{s.fte:.2f}",
                "vacancies_held": f"{s.vacancies_held:.2f}",
            }
            for s in detail["staffing"]
        ],
        "risks": [
            {"description": r.description, "mitigation": r.mitigation} for r in detail["risks"]
        ],
        "gates": {str(stage): missing for stage, missing in detail["gates"].items()},
    }


def _forecast(forecast: Forecast) -> dict:
    return {
        "id": forecast.pk,
        "proposal": forecast.proposal_id,
        "period": forecast.period.month.strftime("%Y-%m"),
        "financial_year": str(forecast.fy),
        "forecast": pounds_string(forecast.forecast_pence),
        "rag": forecast.rag,
        "commentary": forecast.commentary,
        "slippage": pounds_string(forecast.slippage_pence),
        "slipped_to": str(forecast.slipped_to) if forecast.slipped_to else None,
        "replacement": forecast.replacement,
        "version": forecast.version,
    }


# --- endpoints -------------------------------------------------------------------------------


@router.get("/programme/summary", response={200: SummaryOut, **ERRORS}, tags=["programme"])
def programme_summary(request, fy: str | None = None):
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


@router.get("/proposals", response={200: list[TrackerRowOut], **ERRORS}, tags=["proposals"])
def proposal_list(request, filters: Query[TrackerFilters]):
    """The tracker: every proposal the caller may see, with its saving in ``fy`` (``amount``),
    in all years (``total``) and its latest RAG for ``fy``. Filters as on the tracker page."""
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
    return [
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
        for p in rows
    ]


@router.get("/proposals/{proposal_id}", response={200: ProposalOut, **ERRORS}, tags=["proposals"])
def proposal_get(request, proposal_id: int):
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
def proposal_update(request, proposal_id: int, payload: ProposalPatchIn):
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
def proposal_lines_set(request, proposal_id: int, payload: LinesIn):
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
def proposal_stage(request, proposal_id: int, payload: StageIn):
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
def proposal_decision(request, proposal_id: int, payload: DecisionIn):
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
def proposal_forecast(request, proposal_id: int, payload: ForecastIn):
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
