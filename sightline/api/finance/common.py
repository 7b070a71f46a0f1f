"""What the financial plan's API operations share: money in pounds as strings, years as
``2013/14``, the plan itself, and its notes."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from ninja import Schema

from sightline.accounts.models import Membership
from sightline.core.fiscal import FinancialYear, FinancialYearError
from sightline.core.money import MoneyError, amount_error, parse_money, pounds_string
from sightline.finance import selectors

Money = str | None


def _money(pence: int | None) -> Money:
    return None if pence is None else pounds_string(pence)


def _pence(text: str | None, field: str) -> int | None:
    if text is None:
        return None
    try:
        pence = parse_money(text)
    except MoneyError as exc:
        raise ValidationError({field: str(exc)}) from exc
    problem = amount_error(pence)
    if problem:
        raise ValidationError({field: problem})
    return pence


def _year(text: str, field: str) -> FinancialYear:
    try:
        return FinancialYear.parse(text)
    except FinancialYearError as exc:
        raise ValidationError({field: str(exc)}) from exc


def _plan(membership: Membership):
    plan = selectors.plan_get(membership=membership)
    if plan is None:
        raise ValidationError("Set up the financial plan first: PUT /finance/plan.")
    return plan


class NoteOut(Schema):
    id: int
    section: str
    line_id: int | None
    financial_year: str | None
    label: str
    text: str
    amount: Money
    source: str


def _note(note) -> dict:
    return {
        "id": note.pk,
        "section": note.section,
        "line_id": note.line_id,
        "financial_year": str(note.fy) if note.fy else None,
        "label": note.label,
        "text": note.text,
        "amount": _money(note.amount_pence),
        "source": note.source,
    }
