"""The savings programme's JSON shapes, in and out; money in pounds as strings with two decimals."""

from __future__ import annotations

import datetime
from typing import Literal

from ninja import Schema
from pydantic import StrictBool, StrictInt

from sightline.api.schemas import FinancialYearText, Ref
from sightline.savings.models import (
    DecisionBody,
    DecisionStatus,
    Rag,
    SavingKind,
    Stage,
)


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
    fy: FinancialYearText | None = None
    bundle: Ref | None = None
    directorate: Ref | None = None
    stage: Stage | None = None
    rag: Literal["blue", "green", "amber", "red", "unrated"] | None = None
    decision: DecisionStatus | None = None
    type: Ref | None = None
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


class ProposalRiskOut(Schema):
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
    risks: list[ProposalRiskOut]
    gates: GatesOut


class ProposalCreateIn(Schema):
    reference: str
    title: str
    savings_type: Ref
    directorate: Ref
    service_area: Ref | None = None
    bundle: Ref | None = None
    strategic_outcome: str = ""
    lead_officer: Ref | None = None
    lead_member: Ref | None = None
    portfolio: Ref | None = None
    sponsor: Ref | None = None
    project_manager: Ref | None = None
    finance_lead: Ref | None = None
    accountant: Ref | None = None
    budget_codes: list[Ref] = []
    summary: str = ""
    background: str = ""
    proposal: str = ""
    implementation_on: datetime.date | None = None
    resources: str = ""
    notes: str = ""
    exempt: StrictBool = False
    exempt_paragraphs: str = ""
    exempt_until: datetime.date | None = None
    reason: str = ""


class ProposalPatchIn(Schema):
    """Only the fields given are changed. ``version`` is the one you read: a stale edit is
    refused rather than overwriting someone else's change."""

    version: StrictInt
    reason: str = ""
    reference: str | None = None
    title: str | None = None
    savings_type: Ref | None = None
    directorate: Ref | None = None
    service_area: Ref | None = None
    bundle: Ref | None = None
    strategic_outcome: str | None = None
    lead_officer: Ref | None = None
    lead_member: Ref | None = None
    portfolio: Ref | None = None
    sponsor: Ref | None = None
    project_manager: Ref | None = None
    finance_lead: Ref | None = None
    accountant: Ref | None = None
    budget_codes: list[Ref] | None = None
    summary: str | None = None
    background: str | None = None
    proposal: str | None = None
    implementation_on: datetime.date | None = None
    resources: str | None = None
    notes: str | None = None
    exempt: StrictBool | None = None
    exempt_paragraphs: str | None = None
    exempt_until: datetime.date | None = None


class LineIn(Schema):
    financial_year: FinancialYearText
    amount: str
    kind: SavingKind = SavingKind.REDUCTION
    recurring: StrictBool = True
    budget_code: Ref | None = None
    description: str = ""


class LinesIn(Schema):
    version: StrictInt
    reason: str = ""
    lines: list[LineIn]


class StageIn(Schema):
    to: Stage
    reason: str = ""
    override: StrictBool = False


class DecisionIn(Schema):
    to: DecisionStatus
    body: DecisionBody | None = None
    decided_on: datetime.date | None = None
    reference: str = ""
    note: str = ""


class ForecastIn(Schema):
    period: str
    financial_year: FinancialYearText
    forecast: str
    rag: Rag
    commentary: str = ""
    slippage: str | None = None
    slipped_to: str | None = None
    replacement: str = ""
    version: StrictInt | None = None


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
