"""Who may do what with performance indicators: one named rule per action.

Every member of a council reads its indicators, targets and approved actuals. The programme
office defines indicators and sets their targets, and so does the director of a directorate
whose departmental plan an indicator measures (a director's indicators always measure their
own directorate's plan). An actual is recorded by the indicator's owner, that director or the
programme office, and approved by a second person: the programme office, a director or
finance, never the person who recorded it. Until then only the owner and those who may
approve it see it (the selectors' scoping, asked through :func:`sees_drafts_of`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import rules

from sightline.accounts.models import Membership, Role
from sightline.accounts.permissions import (
    in_council,
    is_director,
    is_programme_office,
    membership_for,
    rule,
)
from sightline.performance.models import Indicator

# --- who approves, owns and answers for indicators: asked by the rules and the selectors ----


def approves_actuals(membership: Membership | None) -> bool:
    """The programme office, directors and finance approve actuals (and so see them while
    they await approval)."""
    return membership is not None and membership.role in {
        Role.PROGRAMME_OFFICE,
        Role.DIRECTOR,
        Role.FINANCE,
    }


def owns(user_id: int | None, indicator: Indicator) -> bool:
    """The user (by id) is the indicator's owner."""
    return (
        user_id is not None
        and indicator.owner_id is not None
        and indicator.owner.user_id is not None
        and indicator.owner.user_id == user_id
    )


def sees_drafts_of(membership: Membership | None, indicator: Indicator) -> bool:
    """Actuals awaiting approval are seen by the indicator's owner and those who approve."""
    if membership is None or membership.council_id != indicator.council_id:
        return False
    return approves_actuals(membership) or owns(membership.user_id, indicator)


def directs_a_measured_plan(membership: Membership | None, indicator: Indicator) -> bool:
    """The member directs a directorate whose departmental plan the indicator measures."""
    if membership is None or membership.role != Role.DIRECTOR or not membership.directorate_id:
        return False
    return indicator.departmental_plans.filter(directorate_id=membership.directorate_id).exists()


# --- predicates --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Filing:
    """An indicator as it is to be filed: its council, the departmental plans it is to measure
    and, when it already exists, the indicator. The object of ``performance.define_indicator``
    (an unsaved indicator has no plans yet to ask about)."""

    council_id: int
    departmental_plans: tuple = field(default=())
    indicator: Indicator | None = None


is_approver = rules.Predicate(
    lambda user: approves_actuals(membership_for(user)), name="is_approver"
)


@rules.predicate
def owns_indicator(user, indicator) -> bool:
    return indicator is not None and owns(user.pk, indicator)


@rules.predicate
def directs_measured_plan(user, indicator) -> bool:
    """The user directs a directorate whose plan the indicator measures; with no indicator,
    any director."""
    if indicator is None:
        return is_director.test(user)
    return directs_a_measured_plan(membership_for(user), indicator)


@rules.predicate
def files_under_own_plan(user, filing) -> bool:
    """The departmental plans chosen include one of the user's own directorate; with no
    filing, true (the question is then whether they may define indicators at all)."""
    if filing is None:
        return True
    membership = membership_for(user)
    return (
        membership is not None
        and membership.directorate_id is not None
        and any(p.directorate_id == membership.directorate_id for p in filing.departmental_plans)
    )


@rules.predicate
def recorded_actual(user, actual) -> bool:
    """The user entered (or last changed) the actual."""
    return actual is not None and user.pk in {actual.created_by_id, actual.modified_by_id}


manages_indicator = in_council & (is_programme_office | directs_measured_plan)

MANAGERS = "the programme office or the director of a directorate whose plan it measures"


def _director_outside_own_plan(user, membership, filing):
    if filing is None or not is_director.test(user) or files_under_own_plan.test(user, filing):
        return None
    if filing.indicator is not None:
        return "A director cannot take an indicator out of their own directorate's plan."
    return (
        "A director can only create indicators for their own directorate's plan: "
        "choose it under departmental plans."
    )


def _recorded_it(user, membership, actual):
    if actual is not None and is_approver.test(user) and recorded_actual.test(user, actual):
        return (
            "You recorded this actual, and the person who recorded it cannot approve it: "
            "a second person must."
        )
    return None


# --- the rules ---------------------------------------------------------------------------------

rule(
    "performance.define_indicator",
    in_council & (is_programme_office | (is_director & files_under_own_plan)),
    action="define performance indicators",
    who="the programme office and directors (for their own directorate's plan)",
    noun="indicator",
    explain=_director_outside_own_plan,
)
rule(
    "performance.edit_indicator",
    manages_indicator,
    action="change this indicator",
    who=MANAGERS,
    noun="indicator",
)
rule(
    "performance.set_target",
    manages_indicator,
    action="set targets for this indicator",
    who=MANAGERS,
    noun="indicator",
)
rule(
    "performance.record_actual",
    in_council & (is_programme_office | owns_indicator | directs_measured_plan),
    action="record this indicator's actuals",
    who="its owner, the director of its directorate or the programme office",
    noun="indicator",
)
rule(
    "performance.approve_actual",
    in_council & is_approver & ~recorded_actual,
    action="approve indicator actuals",
    who="the programme office, directors and finance (never the person who recorded one)",
    noun="actual",
    explain=_recorded_it,
)
rule(
    "performance.import_indicators",
    in_council & is_programme_office,
    action="import indicators, their targets and actuals",
    who="the programme office",
    noun="council",
)
