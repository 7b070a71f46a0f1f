"""Writes to the plan's scenarios: a named set of assumptions, copied to make another, and
each assumption (a figure for a year, with its basis written beside it)."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction

from sightline.accounts.permissions import check
from sightline.core.audit import check_version, delete_audited, save_audited, save_edit
from sightline.core.fiscal import FinancialYear
from sightline.finance import rules
from sightline.finance.models import (
    FUNDING,
    Assumption,
    Category,
    FinancialPlan,
    Scenario,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import User

# Funding a council cannot receive less than nothing of; reserves may be paid into (negative
# use), and a pressure may fall (negative growth).
NOT_NEGATIVE = set(FUNDING) - {Category.RESERVES}


def _name_taken(scenario: Scenario) -> None:
    taken = Scenario.objects.filter(
        council_id=scenario.council_id, name__iexact=scenario.name
    ).exclude(pk=scenario.pk)
    if taken.exists():
        raise ValidationError({"name": f"There is already a scenario called “{scenario.name}”."})


def _one_base(scenario: Scenario, *, by: User, reason: str) -> None:
    """Only one scenario is the base: making this one the base unmakes the other."""
    others = Scenario.objects.select_for_update().filter(
        council_id=scenario.council_id, is_base=True
    )
    for other in others.exclude(pk=scenario.pk):
        other.is_base = False
        save_audited(other, by=by, reason=reason or f"{scenario.name} is now the base scenario")


@transaction.atomic
def scenario_save(
    *, scenario: Scenario, by: User, expected_version: int | None = None, reason: str = ""
) -> Scenario:
    """Add a scenario, or change its name, description, base flag or illustrative flag as
    read at ``expected_version``."""
    check(by, "finance.change_scenario", scenario)
    scenario.name = scenario.name.strip()
    if not scenario.name:
        raise ValidationError({"name": "Enter the scenario's name"})
    _name_taken(scenario)
    if scenario.is_base:
        _one_base(scenario, by=by, reason=reason)
    save_edit(scenario, by=by, reason=reason, expected_version=expected_version)
    return scenario


@transaction.atomic
def scenario_copy(
    *, source: Scenario, name: str, by: User, description: str = "", reason: str = ""
) -> Scenario:
    """A new scenario with every assumption of ``source``, to change from there (an
    optimistic or a pessimistic version of the base)."""
    check(by, "finance.change_scenario", source)
    copy = Scenario(
        council_id=source.council_id,
        name=name,
        description=description,
        illustrative=source.illustrative,
        position=source.position + 1,
    )
    reason = reason or f"Copied from {source.name}"
    scenario_save(scenario=copy, by=by, reason=reason)
    for assumption in source.assumptions.all():
        assumption.pk, assumption.id, assumption.scenario = None, None, copy
        assumption._state.adding = True
        assumption.version = 1
        save_audited(assumption, by=by, reason=reason)
    return copy


def _within_plan(scenario: Scenario, fy: FinancialYear) -> None:
    plan = FinancialPlan.objects.filter(council_id=scenario.council_id).first()
    if plan is not None and not plan.first_fy <= fy <= plan.last_fy:
        raise ValidationError(
            {"fy": f"{fy} is outside the plan's years ({plan.first_fy} to {plan.last_fy})."}
        )


def _amount(
    category: str, amount_pence: int | None, tax_base: Decimal | None, band_d_pence: int | None
) -> int:
    """The figure: given, or (council tax) the tax base times the Band D charge."""
    if category != Category.COUNCIL_TAX and (tax_base is not None or band_d_pence is not None):
        raise ValidationError({"tax_base": "Only council tax has a tax base and a Band D charge."})
    if (tax_base is None) != (band_d_pence is None):
        missing = "band_d_pence" if band_d_pence is None else "tax_base"
        raise ValidationError(
            {missing: "Give both the tax base and the Band D charge, or neither."}
        )
    if tax_base is not None:
        if tax_base <= 0 or band_d_pence <= 0:
            raise ValidationError({"tax_base": "The tax base and Band D charge must be above 0."})
        worked = rules.council_tax(tax_base, band_d_pence)
        if amount_pence is not None and amount_pence != worked:
            raise ValidationError(
                {"amount_pence": "Leave the amount blank: it is the tax base times Band D."}
            )
        return worked
    if amount_pence is None:
        raise ValidationError({"amount_pence": "Enter the amount"})
    if category in NOT_NEGATIVE and amount_pence < 0:
        label = Category(category).label.lower()
        raise ValidationError({"amount_pence": f"The {label} cannot be less than £0."})
    return amount_pence


@transaction.atomic
def assumption_set(
    *,
    scenario: Scenario,
    category: str,
    fy: FinancialYear,
    by: User,
    amount_pence: int | None = None,
    tax_base: Decimal | None = None,
    band_d_pence: int | None = None,
    basis: str = "",
    expected_version: int | None = None,
    reason: str = "",
) -> Assumption:
    """Set a scenario's figure for one category and year, with the assumption behind it.
    Council tax may be given as its tax base and Band D charge; the amount is then worked
    out. An edit made against an older ``expected_version`` of the figure is refused."""
    check(by, "finance.change_scenario", scenario)
    if category not in Category.values:
        raise ValidationError({"category": f"{category!r} is not a funding source or pressure."})
    _within_plan(scenario, fy)
    amount = _amount(category, amount_pence, tax_base, band_d_pence)
    found = (
        Assumption.objects.select_for_update()
        .filter(scenario=scenario, category=category, fy=fy)
        .first()
    )
    if found is not None:
        check_version(found, expected_version)
    assumption = found or Assumption(scenario=scenario, category=category, fy=fy)
    wanted = (amount, tax_base, band_d_pence, basis.strip())
    if (
        found is not None
        and (
            found.amount_pence,
            found.tax_base,
            found.band_d_pence,
            found.basis,
        )
        == wanted
    ):
        return found
    assumption.amount_pence, assumption.tax_base, assumption.band_d_pence = wanted[:3]
    assumption.basis = wanted[3]
    save_audited(assumption, by=by, reason=reason)
    return assumption


@transaction.atomic
def assumption_remove(
    *, assumption: Assumption, by: User, reason: str, expected_version: int | None = None
) -> None:
    """Remove a scenario's figure for a year (its history keeps who removed it and why)."""
    current = (
        Assumption.objects.select_for_update().select_related("scenario").get(pk=assumption.pk)
    )
    check(by, "finance.change_scenario", current.scenario)
    check_version(current, expected_version)
    delete_audited(current, by=by, reason=reason or "Assumption removed")
