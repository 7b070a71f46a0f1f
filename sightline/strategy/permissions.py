"""Who may do what with the corporate plan: one named rule.

Every member of a council reads its corporate plan, priorities and departmental plans (the
golden thread). The programme office keeps them: the plan, its priorities, each directorate's
plan with its delivery priorities and efficiency projects.
"""

from __future__ import annotations

import rules

from sightline.accounts.permissions import is_programme_office, membership_for, rule
from sightline.strategy.models import (
    CorporatePlan,
    DeliveryPriority,
    DepartmentalPlan,
    EfficiencyProject,
    Priority,
)


def plan_council_id(obj) -> int | None:
    """The council a corporate plan, or any part of one, belongs to."""
    if isinstance(obj, CorporatePlan):
        return obj.council_id
    if isinstance(obj, Priority | DepartmentalPlan):
        return obj.plan.council_id
    if isinstance(obj, DeliveryPriority | EfficiencyProject):
        return obj.departmental_plan.plan.council_id
    raise TypeError(f"{type(obj).__name__} is not part of a corporate plan")


@rules.predicate
def in_plan_council(user, obj) -> bool:
    """The plan record belongs to the user's council; with no record, any member."""
    membership = membership_for(user)
    if membership is None:
        return False
    return obj is None or plan_council_id(obj) == membership.council_id


def _another_council(user, membership, obj):
    if obj is not None and plan_council_id(obj) != membership.council_id:
        return "This corporate plan belongs to another council."
    return None


rule(
    "strategy.change_plan",
    in_plan_council & is_programme_office,
    action="change the corporate plan",
    who="the programme office",
    noun="corporate plan",
    explain=_another_council,
)
