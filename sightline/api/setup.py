"""What a council sets itself up with, in the JSON API: its savings types with their counting
rule, its bundles with their yearly targets, and its budget codes with their yearly budgets.

An interface only: every member of the council reads them; before acting, each write asks
the same rule as the set-up pages (``savings.change_savings_type``, ``savings.change_bundle``,
``savings.change_budget_code``) and goes through the service in
``sightline.savings.services.programme``, which asks it again. A change sends the ``version``
it read, and is refused (422) when the record has changed since. Nothing is deleted: a record
is retired with ``"retired": true``. Money is given in pounds as strings with two decimals.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Query, Router, Schema, Status
from pydantic import Field, StrictBool

from sightline.accounts.models import Directorate, Membership, Person
from sightline.accounts.permissions import check, require_membership
from sightline.api.schemas import ERRORS, FinancialYearText, PageIn, RecordId, Ref, page_of, paged
from sightline.core.fiscal import FinancialYear, FinancialYearError
from sightline.core.money import MoneyError, amount_error, parse_money, pounds_string
from sightline.savings.models import BudgetCode, Bundle, SavingsType
from sightline.savings.services.programme import (
    budget_code_save,
    bundle_save,
    savings_type_save,
)

router = Router(tags=["setting up"])

Version = int  # the version read; a change made against an older one is refused


class LinkedRecordOut(Schema):
    id: int
    name: str


class YearAmountOut(Schema):
    financial_year: str
    amount: str


class YearAmountIn(Schema):
    """An amount for one financial year (``2026/27``, ``26/27``...); ``amount`` null removes
    that year's."""

    financial_year: FinancialYearText
    amount: str | None = Field(default=None, max_length=40)


# --- shared -----------------------------------------------------------------------------------


def _retired(obj) -> datetime.date | None:
    return obj.disabled_on


def _retire(obj, retired: bool | None) -> None:
    if retired is True and obj.disabled_on is None:
        obj.disabled_on = timezone.localdate()
    elif retired is False:
        obj.disabled_on = None


def _years(given: list[YearAmountIn] | None, field: str) -> dict[FinancialYear, int | None]:
    """The amounts by year, each problem named by its place in the list."""
    found, errors = {}, {}
    for index, item in enumerate(given or []):
        where = f"{field}[{index}]"
        try:
            fy = FinancialYear.parse(item.financial_year)
        except FinancialYearError as exc:
            errors[f"{where}.financial_year"] = str(exc)
            continue
        if item.amount is None:
            found[fy] = None
            continue
        try:
            pence = parse_money(item.amount)
        except MoneyError as exc:
            errors[f"{where}.amount"] = str(exc)
            continue
        problem = amount_error(pence) or ("cannot be less than £0." if pence < 0 else None)
        if problem:
            errors[f"{where}.amount"] = problem
        found[fy] = pence
    if errors:
        raise ValidationError(errors)
    return found


def _link(model, membership: Membership, pk: int | None, field: str, **filters):
    """The caller's council's record ``pk`` for ``field``, or a 422 naming it (another
    council's record is never linked, nor said to exist)."""
    if pk is None:
        return None
    record = model.objects.filter(council=membership.council, pk=pk, **filters).first()
    if record is None:
        raise ValidationError({field: f"There is no {field} with id {pk} in your council."})
    return record


def _set(obj, payload: Schema, names: tuple[str, ...]) -> None:
    sent = payload.dict(exclude_unset=True)
    for name in names:
        if name in sent:
            value = sent[name]
            setattr(obj, name, value if value is not None or name != "name" else "")


# --- savings types --------------------------------------------------------------------------


class SavingsTypeOut(Schema):
    id: int
    name: str
    cashable: bool
    recurring: bool
    counts_toward_gap: bool
    counting_rule: str
    retired_on: datetime.date | None
    version: int


class SavingsTypeIn(Schema):
    name: str = Field(min_length=1, max_length=100)
    cashable: StrictBool = True
    recurring: StrictBool = True
    counts_toward_gap: StrictBool = True


class SavingsTypePatch(Schema):
    """The fields that change, the ``version`` read, and why."""

    version: Version = Field(ge=1)
    name: str | None = Field(default=None, min_length=1, max_length=100)
    cashable: StrictBool | None = None
    recurring: StrictBool | None = None
    counts_toward_gap: StrictBool | None = None
    retired: StrictBool | None = None
    reason: str = Field(default="", max_length=500)


TYPE_FIELDS = ("name", "cashable", "recurring", "counts_toward_gap")


def _type_out(t: SavingsType) -> dict:
    return {
        **{name: getattr(t, name) for name in ("id", *TYPE_FIELDS, "counting_rule", "version")},
        "retired_on": _retired(t),
    }


def _types(membership: Membership):
    return SavingsType.objects.filter(council=membership.council)


@router.get("/savings-types", response={200: paged(SavingsTypeOut, "SavingsTypePageOut"), **ERRORS})
def savings_type_list(request, page: Query[PageIn]):
    """The council's savings types with their counting rule, retired ones included; paged
    (``count``, ``limit``, ``offset``, ``items``)."""
    membership = require_membership(request.user)
    return page_of(_types(membership), page, _type_out)


@router.get("/savings-types/{type_id}", response={200: SavingsTypeOut, **ERRORS})
def savings_type_get(request, type_id: RecordId):
    membership = require_membership(request.user)
    return _type_out(get_object_or_404(_types(membership), pk=type_id))


@router.post("/savings-types", response={201: SavingsTypeOut, **ERRORS})
def savings_type_create(request, payload: SavingsTypeIn):
    """Add a savings type (the programme office)."""
    membership = check(request.user, "savings.change_savings_type", None)
    savings_type = SavingsType(council=membership.council)
    _set(savings_type, payload, TYPE_FIELDS)
    savings_type_save(savings_type=savings_type, by=request.user)
    return Status(201, _type_out(savings_type))


@router.patch("/savings-types/{type_id}", response={200: SavingsTypeOut, **ERRORS})
def savings_type_update(request, type_id: RecordId, payload: SavingsTypePatch):
    """Change a savings type or its counting rule, or retire it (``"retired": true``)."""
    membership = require_membership(request.user)
    savings_type = get_object_or_404(_types(membership), pk=type_id)
    check(request.user, "savings.change_savings_type", savings_type)
    _set(savings_type, payload, TYPE_FIELDS)
    _retire(savings_type, payload.retired)
    savings_type_save(
        savings_type=savings_type,
        by=request.user,
        expected_version=payload.version,
        reason=payload.reason,
    )
    return _type_out(savings_type)


# --- bundles ----------------------------------------------------------------------------------


class BundleOut(Schema):
    id: int
    name: str
    vision: str
    sponsor: LinkedRecordOut | None
    lead: LinkedRecordOut | None
    enabling: bool
    targets: list[YearAmountOut]
    retired_on: datetime.date | None
    version: int


class BundleIn(Schema):
    name: str = Field(min_length=1, max_length=200)
    vision: str = Field(default="", max_length=8000)
    sponsor: Ref | None = None
    lead: Ref | None = None
    enabling: StrictBool = False
    targets: list[YearAmountIn] = Field(default_factory=list, max_length=50)


class BundlePatch(Schema):
    """The fields that change (``targets``: only the years given), the ``version`` read, and
    why."""

    version: Version = Field(ge=1)
    name: str | None = Field(default=None, min_length=1, max_length=200)
    vision: str | None = Field(default=None, max_length=8000)
    sponsor: Ref | None = None
    lead: Ref | None = None
    enabling: StrictBool | None = None
    targets: list[YearAmountIn] | None = Field(default=None, max_length=50)
    retired: StrictBool | None = None
    reason: str = Field(default="", max_length=500)


def _person(p: Person | None) -> dict | None:
    return None if p is None else {"id": p.pk, "name": p.name}


def _bundle_out(b: Bundle) -> dict:
    return {
        "id": b.pk,
        "name": b.name,
        "vision": b.vision,
        "sponsor": _person(b.sponsor),
        "lead": _person(b.lead),
        "enabling": b.enabling,
        "targets": [
            {"financial_year": str(t.fy), "amount": pounds_string(t.target_pence)}
            for t in sorted(b.targets.all(), key=lambda t: t.fy)
        ],
        "retired_on": _retired(b),
        "version": b.version,
    }


def _bundles(membership: Membership):
    return Bundle.objects.filter(council=membership.council).select_related("sponsor", "lead")


def _bundle_fields(bundle: Bundle, membership: Membership, payload) -> None:
    sent = payload.dict(exclude_unset=True)
    _set(bundle, payload, ("name", "enabling"))
    if "vision" in sent:
        bundle.vision = sent["vision"] or ""
    for name in ("sponsor", "lead"):
        if name in sent:
            setattr(bundle, name, _link(Person, membership, sent[name], name))


@router.get("/bundles", response={200: paged(BundleOut, "BundlePageOut"), **ERRORS})
def bundle_list(request, page: Query[PageIn]):
    """The council's bundles with their targets by year, retired ones included; paged."""
    membership = require_membership(request.user)
    return page_of(_bundles(membership).prefetch_related("targets"), page, _bundle_out)


@router.get("/bundles/{bundle_id}", response={200: BundleOut, **ERRORS})
def bundle_get(request, bundle_id: RecordId):
    membership = require_membership(request.user)
    return _bundle_out(get_object_or_404(_bundles(membership), pk=bundle_id))


@router.post("/bundles", response={201: BundleOut, **ERRORS})
def bundle_create(request, payload: BundleIn):
    """Add a bundle with its targets by year (the programme office). An enabling bundle has no
    target."""
    membership = check(request.user, "savings.change_bundle", None)
    bundle = Bundle(council=membership.council)
    _bundle_fields(bundle, membership, payload)
    targets = _years(payload.targets, "targets")
    bundle_save(bundle=bundle, by=request.user, targets=targets)
    return Status(201, _bundle_out(bundle))


@router.patch("/bundles/{bundle_id}", response={200: BundleOut, **ERRORS})
def bundle_update(request, bundle_id: RecordId, payload: BundlePatch):
    """Change a bundle and the targets of the years given (``amount`` null removes one), or
    retire it (``"retired": true``)."""
    membership = require_membership(request.user)
    bundle = get_object_or_404(_bundles(membership), pk=bundle_id)
    check(request.user, "savings.change_bundle", bundle)
    _bundle_fields(bundle, membership, payload)
    _retire(bundle, payload.retired)
    bundle_save(
        bundle=bundle,
        by=request.user,
        targets=_years(payload.targets, "targets"),
        expected_version=payload.version,
        reason=payload.reason,
    )
    return _bundle_out(bundle)


# --- budget codes ---------------------------------------------------------------------------


class BudgetCodeDetailOut(Schema):
    id: int
    code: str
    name: str
    directorate: LinkedRecordOut | None
    income: bool
    current_budget: str
    budget_year: str | None
    budgets: list[YearAmountOut]
    retired_on: datetime.date | None
    version: int


class BudgetCodeIn(Schema):
    code: str = Field(min_length=1, max_length=40)
    name: str = Field(default="", max_length=200)
    directorate: Ref | None = None
    income: StrictBool = False
    budgets: list[YearAmountIn] = Field(min_length=1, max_length=50)


class BudgetCodePatch(Schema):
    """The fields that change (``budgets``: only the years given), the ``version`` read, and
    why."""

    version: Version = Field(ge=1)
    code: str | None = Field(default=None, min_length=1, max_length=40)
    name: str | None = Field(default=None, max_length=200)
    directorate: Ref | None = None
    income: StrictBool | None = None
    budgets: list[YearAmountIn] | None = Field(default=None, max_length=50)
    retired: StrictBool | None = None
    reason: str = Field(default="", max_length=500)


def _code_out(c: BudgetCode) -> dict:
    return {
        "id": c.pk,
        "code": c.code,
        "name": c.name,
        "directorate": None
        if c.directorate is None
        else {"id": c.directorate.pk, "name": c.directorate.name},
        "income": c.income,
        "current_budget": pounds_string(c.current_budget_pence),
        "budget_year": str(c.budget_fy) if c.budget_fy else None,
        "budgets": [
            {"financial_year": str(b.fy), "amount": pounds_string(b.budget_pence)}
            for b in sorted(c.budgets.all(), key=lambda b: b.fy)
        ],
        "retired_on": _retired(c),
        "version": c.version,
    }


def _codes(membership: Membership):
    return BudgetCode.objects.filter(council=membership.council).select_related("directorate")


def _code_fields(code: BudgetCode, membership: Membership, payload) -> None:
    sent = payload.dict(exclude_unset=True)
    for name in ("code", "name", "income"):
        if name in sent:
            setattr(code, name, sent[name] if sent[name] is not None else "")
    if "directorate" in sent:
        code.directorate = _link(Directorate, membership, sent["directorate"], "directorate")


@router.get(
    "/budget-codes", response={200: paged(BudgetCodeDetailOut, "BudgetCodePageOut"), **ERRORS}
)
def budget_code_list(request, page: Query[PageIn]):
    """The council's budget codes with their budgets by year, retired ones included; paged."""
    membership = require_membership(request.user)
    return page_of(_codes(membership).prefetch_related("budgets"), page, _code_out)


@router.get("/budget-codes/{code_id}", response={200: BudgetCodeDetailOut, **ERRORS})
def budget_code_get(request, code_id: RecordId):
    membership = require_membership(request.user)
    return _code_out(get_object_or_404(_codes(membership), pk=code_id))


@router.post("/budget-codes", response={201: BudgetCodeDetailOut, **ERRORS})
def budget_code_create(request, payload: BudgetCodeIn):
    """Add a budget code with its budget for at least one year (the programme office or
    finance). Its current budget is its latest year's."""
    membership = check(request.user, "savings.change_budget_code", None)
    code = BudgetCode(council=membership.council)
    _code_fields(code, membership, payload)
    budget_code_save(code=code, by=request.user, budgets=_years(payload.budgets, "budgets"))
    return Status(201, _code_out(code))


@router.patch("/budget-codes/{code_id}", response={200: BudgetCodeDetailOut, **ERRORS})
def budget_code_update(request, code_id: RecordId, payload: BudgetCodePatch):
    """Change a budget code and the budgets of the years given (``amount`` null removes one),
    or retire it (``"retired": true``)."""
    membership = require_membership(request.user)
    code = get_object_or_404(_codes(membership), pk=code_id)
    check(request.user, "savings.change_budget_code", code)
    _code_fields(code, membership, payload)
    _retire(code, payload.retired)
    budget_code_save(
        code=code,
        by=request.user,
        budgets=_years(payload.budgets, "budgets"),
        expected_version=payload.version,
        reason=payload.reason,
    )
    return _code_out(code)
