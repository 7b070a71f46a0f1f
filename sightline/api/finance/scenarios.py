"""Scenarios and the gap in the API: each scenario's assumptions, its gap year by year
against the programme (counted as the savings types' rules allow), and its sensitivity."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from ninja import Query, Router, Schema, Status
from pydantic import Field, StrictBool, StrictInt

from sightline.accounts.models import Membership
from sightline.accounts.permissions import check, require_membership
from sightline.api.finance.common import Money, _money, _pence, _plan, _year
from sightline.api.schemas import ERRORS, FinancialYearText, PageIn, RecordId, Ref, page_of, paged
from sightline.core.money import pounds_string
from sightline.finance import selectors, services
from sightline.finance.models import Category, Scenario
from sightline.finance.rules import MEASURES, GapYear

router = Router(tags=["financial plan"])


class GapYearOut(Schema):
    financial_year: str
    closed: bool
    base: str
    pressures: str
    spending_need: str
    funding: str
    savings_required: str
    brought_forward: str
    brought_from: str | None
    to_find: str
    target: str
    dashboard: dict[str, str]  # the programme as the dashboard shows it, by measure
    not_counting: dict[str, str]  # of a savings type that does not count toward the gap
    one_off: dict[str, str]  # one-off savings: they do not close a recurring gap
    counted: dict[str, str]
    remaining: dict[str, str]  # the gap left after each measure's counted savings
    headline_measure: str
    gap_remaining: str  # the headline: after the risk-adjusted forecast, or delivered if closed
    unachieved: str  # recurring savings planned but failed or not delivered


class AssumptionOut(Schema):
    id: int
    category: str
    category_label: str
    financial_year: str
    amount: str
    tax_base: str | None
    band_d: Money
    basis: str
    version: int


class SensitivityOut(Schema):
    category: str
    funding: bool
    financial_year: str
    amount: Money
    change: Money
    change_percent: str | None
    one_percent_moves_gap: Money


class ScenarioOut(Schema):
    id: int
    name: str
    description: str
    is_base: bool
    illustrative: bool
    version: int
    totals: dict[str, str]
    gap: list[GapYearOut]


class ScenarioDetailOut(ScenarioOut):
    assumptions: list[AssumptionOut]
    sensitivity: list[SensitivityOut]


class ScenarioIn(Schema):
    name: str | None = Field(default=None, max_length=100)
    description: str | None = Field(default=None, max_length=4000)
    is_base: StrictBool | None = None
    illustrative: StrictBool | None = None
    copy_from: Ref | None = None  # on adding: start from this scenario's assumptions
    version: StrictInt | None = None
    reason: str = Field(default="", max_length=500)


class AssumptionIn(Schema):
    """One figure: an amount, or (council tax) a tax base and a Band D charge."""

    category: Category
    financial_year: FinancialYearText
    amount: str | None = Field(default=None, max_length=40)
    tax_base: Decimal | None = Field(default=None, gt=0, max_digits=12, decimal_places=2)
    band_d: str | None = Field(default=None, max_length=40)
    basis: str = Field(default="", max_length=2000)
    version: StrictInt | None = None
    reason: str = Field(default="", max_length=500)


def _measures(values: dict[str, int]) -> dict[str, str]:
    return {m: pounds_string(values[m]) for m in MEASURES}


def _gap_year(y: GapYear) -> dict:
    return {
        "financial_year": str(y.fy),
        "closed": y.closed,
        "base": pounds_string(y.base),
        "pressures": pounds_string(y.pressures),
        "spending_need": pounds_string(y.need),
        "funding": pounds_string(y.funding),
        "savings_required": pounds_string(y.required),
        "brought_forward": pounds_string(y.brought_forward),
        "brought_from": str(y.brought_from) if y.brought_from else None,
        "to_find": pounds_string(y.to_find),
        "target": pounds_string(y.programme.target),
        "dashboard": _measures(y.programme.dashboard),
        "not_counting": _measures(y.programme.not_counting),
        "one_off": _measures(y.programme.one_off),
        "counted": _measures(y.counted),
        "remaining": _measures(y.remaining),
        "headline_measure": y.headline_measure,
        "gap_remaining": pounds_string(y.headline),
        "unachieved": pounds_string(y.programme.unachieved),
    }


def _scenario_out(found: selectors.ScenarioGap) -> dict:
    scenario = found.scenario
    return {
        "id": scenario.pk,
        "name": scenario.name,
        "description": scenario.description,
        "is_base": scenario.is_base,
        "illustrative": scenario.illustrative,
        "version": scenario.version,
        "totals": {k: pounds_string(v) for k, v in found.totals.items()},
        "gap": [_gap_year(y) for y in found.years],
    }


def _detail(membership: Membership, scenario: Scenario) -> dict:
    plan = _plan(membership)
    found = selectors.gap(membership=membership, plan=plan, scenario=scenario)
    assumptions = [
        {
            "id": a.pk,
            "category": a.category,
            "category_label": a.get_category_display(),
            "financial_year": str(a.fy),
            "amount": pounds_string(a.amount_pence),
            "tax_base": None if a.tax_base is None else str(a.tax_base),
            "band_d": _money(a.band_d_pence),
            "basis": a.basis,
            "version": a.version,
        }
        for a in scenario.assumptions.all()
    ]
    sensitivity = [
        {
            "category": row.category.value,
            "funding": row.funding,
            "financial_year": str(cell.fy),
            "amount": _money(cell.amount),
            "change": _money(cell.change),
            "change_percent": None if cell.change_percent is None else str(cell.change_percent),
            "one_percent_moves_gap": _money(cell.one_percent),
        }
        for row in selectors.sensitivity(table=found.assumptions)
        for cell in row.cells
    ]
    return {**_scenario_out(found), "assumptions": assumptions, "sensitivity": sensitivity}


@router.get("/finance/scenarios", response={200: paged(ScenarioOut, "ScenarioPageOut"), **ERRORS})
def scenario_list(request, page: Query[PageIn]):
    """Every scenario with its gap year by year: the scenarios side by side; paged."""
    membership = require_membership(request.user)
    compared = selectors.compare(membership=membership, plan=_plan(membership))
    return page_of(compared, page, _scenario_out)


class GapQuery(Schema):
    scenario: Ref | None = None


@router.get("/finance/gap", response={200: ScenarioOut, **ERRORS})
def gap(request, query: Query[GapQuery]):
    """The gap year by year for ``scenario`` (the base scenario if none is given), against
    the programme as the dashboard shows it."""
    membership = require_membership(request.user)
    plan = _plan(membership)
    if query.scenario is None:
        scenario = selectors.scenario_base(membership=membership)
        if scenario is None:
            raise ValidationError({"scenario": "The plan has no scenario yet."})
    else:
        scenario = selectors.scenario_get(membership=membership, pk=query.scenario)
    return _scenario_out(selectors.gap(membership=membership, plan=plan, scenario=scenario))


@router.get("/finance/scenarios/{scenario_id}", response={200: ScenarioDetailOut, **ERRORS})
def scenario_get(request, scenario_id: RecordId):
    """A scenario: its assumptions (each with its basis), its gap and its sensitivity."""
    membership = require_membership(request.user)
    return _detail(membership, selectors.scenario_get(membership=membership, pk=scenario_id))


@router.post("/finance/scenarios", response={201: ScenarioDetailOut, **ERRORS})
def scenario_create(request, payload: ScenarioIn):
    """Add a scenario, empty or a copy of ``copy_from``'s assumptions."""
    membership = check(request.user, "finance.change_scenario", None)
    if not payload.name:
        raise ValidationError({"name": "is required"})
    if payload.copy_from is not None:
        source = selectors.scenario_get(membership=membership, pk=payload.copy_from)
        scenario = services.scenario_copy(
            source=source,
            name=payload.name,
            description=payload.description or "",
            by=request.user,
            reason=payload.reason,
        )
    else:
        scenario = Scenario(council=membership.council, name=payload.name)
        scenario.description = payload.description or ""
        scenario.illustrative = bool(payload.illustrative)
        scenario.is_base = bool(payload.is_base)
        services.scenario_save(scenario=scenario, by=request.user, reason=payload.reason)
    return Status(201, _detail(membership, scenario))


@router.patch("/finance/scenarios/{scenario_id}", response={200: ScenarioDetailOut, **ERRORS})
def scenario_update(request, scenario_id: RecordId, payload: ScenarioIn):
    membership = require_membership(request.user)
    scenario = selectors.scenario_get(membership=membership, pk=scenario_id)
    check(request.user, "finance.change_scenario", scenario)
    for name in ("name", "description", "is_base", "illustrative"):
        value = getattr(payload, name)
        if value is not None:
            setattr(scenario, name, value)
    services.scenario_save(
        scenario=scenario, by=request.user, expected_version=payload.version, reason=payload.reason
    )
    return _detail(membership, scenario)


@router.put(
    "/finance/scenarios/{scenario_id}/assumptions", response={200: ScenarioDetailOut, **ERRORS}
)
def assumption_put(request, scenario_id: RecordId, payload: AssumptionIn):
    """Set one figure of a scenario for a year, with its basis; the gap in the answer moves
    with it. Council tax may be given as ``tax_base`` and ``band_d``."""
    membership = require_membership(request.user)
    scenario = selectors.scenario_get(membership=membership, pk=scenario_id)
    check(request.user, "finance.change_scenario", scenario)
    services.assumption_set(
        scenario=scenario,
        category=payload.category,
        fy=_year(payload.financial_year, "financial_year"),
        by=request.user,
        amount_pence=_pence(payload.amount, "amount"),
        tax_base=payload.tax_base,
        band_d_pence=_pence(payload.band_d, "band_d"),
        basis=payload.basis,
        expected_version=payload.version,
        reason=payload.reason,
    )
    return _detail(membership, scenario)
