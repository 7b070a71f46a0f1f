"""The plan itself in the API: its years, base budget and notes; closing and reopening a
year."""

from __future__ import annotations

from ninja import Router, Schema
from pydantic import Field, StrictInt

from sightline.accounts.models import Membership
from sightline.accounts.permissions import check, require_membership
from sightline.api.finance.common import NoteOut, _note, _pence, _plan, _year
from sightline.api.schemas import ERRORS, FinancialYearText
from sightline.core.money import pounds_string
from sightline.finance import selectors, services

router = Router(tags=["financial plan"])


class FinancialPlanOut(Schema):
    title: str
    first_year: str
    last_year: str
    years: list[str]
    base_budget: str
    closed_through: str | None
    notes: str
    all_notes: list[NoteOut]  # every note: the facts the plan rests on, and the footnotes
    version: int


class PlanIn(Schema):
    """The plan's years and base budget; a change sends the ``version`` read."""

    title: str = Field(max_length=200)
    first_year: FinancialYearText
    last_year: FinancialYearText
    base_budget: str = Field(max_length=40)
    notes: str = Field(default="", max_length=4000)
    version: StrictInt | None = None
    reason: str = Field(default="", max_length=500)


class YearIn(Schema):
    financial_year: FinancialYearText
    reason: str = Field(default="", max_length=500)


def _plan_out(membership: Membership, plan) -> dict:
    return {
        "title": plan.title,
        "first_year": str(plan.first_fy),
        "last_year": str(plan.last_fy),
        "years": [str(fy) for fy in selectors.plan_years(plan)],
        "base_budget": pounds_string(plan.base_budget_pence),
        "closed_through": str(plan.closed_through) if plan.closed_through else None,
        "notes": plan.notes,
        "all_notes": [_note(n) for n in selectors.note_list(membership=membership)],
        "version": plan.version,
    }


@router.get("/finance/plan", response={200: FinancialPlanOut, **ERRORS})
def plan_get(request):
    """The council's plan: its years, base budget, the years closed, and its notes (the
    facts it rests on, and the budget tables' footnotes)."""
    membership = require_membership(request.user)
    return _plan_out(membership, _plan(membership))


@router.put("/finance/plan", response={200: FinancialPlanOut, **ERRORS})
def plan_put(request, payload: PlanIn):
    """Set up the plan, or change it (programme office and finance)."""
    membership = check(request.user, "finance.change_plan", None)
    plan = services.plan_save(
        council=membership.council,
        by=request.user,
        title=payload.title,
        first_fy=_year(payload.first_year, "first_year"),
        last_fy=_year(payload.last_year, "last_year"),
        base_budget_pence=_pence(payload.base_budget, "base_budget"),
        notes=payload.notes,
        expected_version=payload.version,
        reason=payload.reason,
    )
    return _plan_out(membership, plan)


@router.post("/finance/years/close", response={200: FinancialPlanOut, **ERRORS})
def year_close(request, payload: YearIn):
    """Close a year: its outturn is known, and its unachieved savings come into the next
    year's gap. Years close in order."""
    membership = check(request.user, "finance.close_year", None)
    fy = _year(payload.financial_year, "financial_year")
    plan = services.year_close(
        council=membership.council, fy=fy, by=request.user, reason=payload.reason
    )
    return _plan_out(membership, plan)


@router.post("/finance/years/reopen", response={200: FinancialPlanOut, **ERRORS})
def year_reopen(request, payload: YearIn):
    """Reopen the last closed year, with the reason."""
    membership = check(request.user, "finance.close_year", None)
    fy = _year(payload.financial_year, "financial_year")
    plan = services.year_reopen(
        council=membership.council, fy=fy, by=request.user, reason=payload.reason
    )
    return _plan_out(membership, plan)
