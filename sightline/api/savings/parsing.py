"""Reading JSON into what the services take: ids into the caller's own council's records, pounds
into pence, text into financial years; every error named by its field."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from sightline.accounts import selectors as account_selectors
from sightline.accounts.models import Membership, ServiceArea
from sightline.api.savings.schemas import LineIn
from sightline.core.fiscal import FinancialYear, FinancialYearError
from sightline.core.money import MoneyError, amount_error, parse_money
from sightline.savings import selectors, services
from sightline.savings.models import (
    BudgetCode,
    Proposal,
    SavingsType,
)

EXEMPT_PARAGRAPHS_NEEDED = "Give the Schedule 12A paragraphs that make it exempt, for example 1, 4."


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
        pence = parse_money(text)
    except MoneyError as exc:
        raise ValidationError({field: str(exc)}) from exc
    too_large = amount_error(pence)
    if too_large:
        raise ValidationError({field: too_large})
    return pence


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
