"""Writes for the corporate plan: the programme office keeps the plan, its priorities and the
departmental plans; each save is audited and versioned."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction

from sightline.accounts.permissions import check
from sightline.core.audit import save_edit
from sightline.strategy.models import (
    CorporatePlan,
    DeliveryPriority,
    DepartmentalPlan,
    EfficiencyProject,
    Priority,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def council_of(obj):
    if isinstance(obj, CorporatePlan):
        return obj.council
    if isinstance(obj, Priority | DepartmentalPlan):
        return obj.plan.council
    if isinstance(obj, DeliveryPriority | EfficiencyProject):
        return obj.departmental_plan.plan.council
    raise TypeError(f"{type(obj).__name__} is not part of a corporate plan")


@transaction.atomic
def plan_record_save(*, obj, by: User, reason: str = "", expected_version: int | None = None):
    """Create or change a corporate plan, priority, departmental plan or its parts."""
    check(by, "strategy.change_plan", obj)
    save_edit(obj, by=by, reason=reason, expected_version=expected_version)
    return obj
