"""The budget tables in the API: the revenue budget by service and the capital programme
with its financing (shares, totals and balance worked out), and the council's own lines."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from ninja import Router, Schema, Status
from pydantic import Field, StrictInt

from sightline.accounts.models import Membership
from sightline.accounts.permissions import check, require_membership
from sightline.api.finance.common import Money, NoteOut, _money, _note, _pence, _year
from sightline.api.schemas import ERRORS, FinancialYearText, RecordId
from sightline.core.money import pounds_string
from sightline.finance import selectors, services
from sightline.finance.models import BudgetLine, LineKind

router = Router(tags=["financial plan"])


class ColumnOut(Schema):
    financial_year: str
    measure: str  # "budget" or "outturn"


class BudgetLineOut(Schema):
    id: int
    name: str
    kind: str
    position: int
    notes: list[str]  # the marks of its footnotes, e.g. ["A"]
    amounts: list[Money]  # one per column
    shares: list[str | None]  # per cent of its total, one decimal place, one per column
    version: int


class RevenueOut(Schema):
    columns: list[ColumnOut]
    services: list[BudgetLineOut]
    service_expenditure: list[Money]
    other: list[BudgetLineOut]
    total: list[Money]
    notes: list[NoteOut]


class BalanceOut(Schema):
    financial_year: str
    measure: str
    spending: Money
    financing: Money
    difference: str
    balanced: bool


class CapitalOut(Schema):
    columns: list[ColumnOut]
    spending: list[BudgetLineOut]
    spending_total: list[Money]
    financing: list[BudgetLineOut]
    financing_total: list[Money]
    balances: list[BalanceOut]
    balanced: bool


def _columns(columns) -> list[dict]:
    return [{"financial_year": str(c.fy), "measure": c.measure} for c in columns]


def _rows(block) -> list[dict]:
    return [
        {
            "id": row.line.pk,
            "name": row.line.name,
            "kind": row.line.kind,
            "position": row.line.position,
            "notes": [n.label for n in row.notes],
            "amounts": [_money(v) for v in row.values],
            "shares": [None if s is None else str(s) for _, s in row.cells],
            "version": row.line.version,
        }
        for row in block.rows
    ]


@router.get("/finance/revenue", response={200: RevenueOut, **ERRORS})
def revenue(request):
    """The revenue budget by service: a column per year's budget or outturn, each service's
    share of service expenditure, the items below it and the total; the table's notes."""
    membership = require_membership(request.user)
    table = selectors.revenue_table(membership=membership)
    return {
        "columns": _columns(table.columns),
        "services": _rows(table.services),
        "service_expenditure": [_money(v) for v in table.services.totals],
        "other": _rows(table.other),
        "total": [_money(v) for v in table.totals],
        "notes": [
            _note(n) for n in [*table.notes, *(n for r in table.services.rows for n in r.notes)]
        ]
        + [_note(n) for r in table.other.rows for n in r.notes],
    }


@router.get("/finance/capital", response={200: CapitalOut, **ERRORS})
def capital(request):
    """The capital programme by service and its financing by source; each column checked to
    balance (``balanced`` is false when any does not)."""
    membership = require_membership(request.user)
    table = selectors.capital_table(membership=membership)
    balances = [
        {
            "financial_year": str(b["column"].fy),
            "measure": b["column"].measure,
            "spending": _money(b["spending"]),
            "financing": _money(b["financing"]),
            "difference": pounds_string(b["difference"]),
            "balanced": b["balanced"],
        }
        for b in table.balances
    ]
    return {
        "columns": _columns(table.columns),
        "spending": _rows(table.spending),
        "spending_total": [_money(v) for v in table.spending.totals],
        "financing": _rows(table.financing),
        "financing_total": [_money(v) for v in table.financing.totals],
        "balances": balances,
        "balanced": all(b["balanced"] for b in balances),
    }


class FigureIn(Schema):
    """A year's budget and outturn; both null removes the year's figures."""

    financial_year: FinancialYearText
    budget: str | None = Field(default=None, max_length=40)
    outturn: str | None = Field(default=None, max_length=40)


class BudgetLineIn(Schema):
    kind: LineKind | None = None
    name: str | None = Field(default=None, max_length=200)
    position: StrictInt | None = Field(default=None, ge=0, le=999)
    figures: list[FigureIn] = Field(default_factory=list, max_length=50)
    version: StrictInt | None = None
    reason: str = Field(default="", max_length=500)


def _figures(figures: list[FigureIn]) -> dict:
    found = {}
    for index, item in enumerate(figures):
        where = f"figures[{index}]"
        fy = _year(item.financial_year, f"{where}.financial_year")
        found[fy] = (
            _pence(item.budget, f"{where}.budget"),
            _pence(item.outturn, f"{where}.outturn"),
        )
    return found


class FigureOut(Schema):
    financial_year: str
    budget: Money
    outturn: Money


class LineDetailOut(Schema):
    id: int
    name: str
    kind: str
    position: int
    figures: list[FigureOut]
    version: int


def _line_out(membership: Membership, line: BudgetLine) -> dict:
    line = selectors.line_get(membership=membership, pk=line.pk)
    return {
        "id": line.pk,
        "name": line.name,
        "kind": line.kind,
        "position": line.position,
        "figures": [
            {
                "financial_year": str(f.fy),
                "budget": _money(f.budget_pence),
                "outturn": _money(f.outturn_pence),
            }
            for f in line.figures.all()
        ],
        "version": line.version,
    }


@router.post("/finance/budget-lines", response={201: LineDetailOut, **ERRORS})
def line_create(request, payload: BudgetLineIn):
    """Add one of the council's budget lines with its figures (programme office and
    finance)."""
    membership = check(request.user, "finance.change_budget", None)
    if not payload.kind or not payload.name:
        raise ValidationError({"kind" if not payload.kind else "name": "is required"})
    line = BudgetLine(
        council=membership.council,
        kind=payload.kind,
        name=payload.name,
        position=payload.position or 0,
    )
    services.budget_line_save(
        line=line, by=request.user, figures=_figures(payload.figures), reason=payload.reason
    )
    return Status(201, _line_out(membership, line))


@router.patch("/finance/budget-lines/{line_id}", response={200: LineDetailOut, **ERRORS})
def line_update(request, line_id: RecordId, payload: BudgetLineIn):
    """Change a line's name, place or table, and the figures of the years given."""
    membership = require_membership(request.user)
    line = selectors.line_get(membership=membership, pk=line_id)
    check(request.user, "finance.change_budget", line)
    for name in ("kind", "name", "position"):
        value = getattr(payload, name)
        if value is not None:
            setattr(line, name, value)
    services.budget_line_save(
        line=line,
        by=request.user,
        figures=_figures(payload.figures),
        expected_version=payload.version,
        reason=payload.reason,
    )
    return _line_out(membership, line)
