"""Who may do what in service plans: one named rule per action.

Every member of a council reads its service plans, actions and update positions. The
programme office and the director of a plan's directorate write the plan: its summary,
priorities, actions and corporate objective impact; editors of the council may also record
the quarterly update positions on its actions (and only those). A personal objective (PPA) is
kept, and read, by the person themselves, the director of the directorate whose plan it
serves, and the programme office.

The rules about plans take the plan as their object (for a priority or an action, the plan
it belongs to); those about personal objectives take the objective (for a new one, an
unsaved ``PersonalObjective`` naming its person and action).
"""

from __future__ import annotations

import rules

from sightline.accounts.models import Membership, Person, Role
from sightline.accounts.permissions import (
    directs_directorate,
    in_council,
    is_director,
    is_editor,
    is_finance,
    is_programme_office,
    membership_for,
    person_is_user,
    rule,
)

# --- who keeps (and reads) personal objectives: the objective rules' predicates below and the
# selectors' scoping both ask these, so it is written once ------------------------------------


def keeps_every_objective(membership: Membership | None) -> bool:
    """The programme office keeps and reads every personal objective of its council."""
    return membership is not None and membership.role == Role.PROGRAMME_OFFICE


def sets_objectives_for_others(membership: Membership | None) -> bool:
    """The programme office and directors set objectives for other people (a director only
    for actions of their own directorate's plans); anyone else only for themselves."""
    return membership is not None and membership.role in {Role.PROGRAMME_OFFICE, Role.DIRECTOR}


def answers_for_directorate(membership: Membership | None) -> bool:
    """A director answers for their own directorate: they keep and read the objectives
    serving its plans, and set objectives only for actions of its plans."""
    return membership is not None and membership.role == Role.DIRECTOR


# --- predicates --------------------------------------------------------------------------------


def _plan_of(objective):
    return objective.action.priority.plan


@rules.predicate
def objective_in_council(user, objective) -> bool:
    """The objective's person and the action it serves are both of the user's council; with
    no objective, true for any member."""
    membership = membership_for(user)
    if membership is None:
        return False
    if objective is None:
        return True
    return (
        objective.person.council_id == membership.council_id
        and _plan_of(objective).council_id == membership.council_id
    )


keeps_every = rules.Predicate(
    lambda user: keeps_every_objective(membership_for(user)), name="keeps_every_objective"
)


@rules.predicate
def directs_objective_plan(user, objective) -> bool:
    """The user directs the directorate whose plan the objective serves; with no objective,
    any director."""
    membership = membership_for(user)
    if not answers_for_directorate(membership):
        return False
    if objective is None:
        return True
    return (
        membership.directorate_id is not None
        and _plan_of(objective).directorate_id == membership.directorate_id
    )


@rules.predicate
def is_objective_person(user, objective) -> bool:
    """The objective is the user's own; with no objective, the user is a person of their
    council (so they may set objectives for themselves)."""
    if objective is None:
        membership = membership_for(user)
        return (
            membership is not None
            and Person.objects.filter(user_id=user.pk, council_id=membership.council_id).exists()
        )
    return person_is_user(objective.person, user)


edits_plan = in_council & (is_programme_office | directs_directorate)
# Keeping one's own objective is a write: officers who write (finance, directors, editors),
# not the read-only viewer or a councillor, who has no appraisal. A viewer's objectives are
# set by their director or the programme office, and the viewer reads them.
keeps_own = is_objective_person & (is_finance | is_director | is_editor)
keeps_objective = objective_in_council & (keeps_every | directs_objective_plan | keeps_own)


# --- the words of the refusals ----------------------------------------------------------------


def _plan_editors(plan) -> str:
    if plan is None:
        return "the programme office and the director of the plan's directorate"
    return f"the programme office and the director of {plan.directorate}"


def _update_recorders(plan) -> str:
    if plan is None:
        return "the programme office, the director of the plan's directorate and editors"
    return f"the programme office, the director of {plan.directorate} and editors"


def _objective_keepers(objective) -> str:
    if objective is None:
        return "the person themselves, their director and the programme office"
    return (
        f"the person themselves, the director of {_plan_of(objective).directorate} "
        "and the programme office"
    )


def _director_elsewhere(user, membership, plan):
    if plan is not None and is_director.test(user) and not directs_directorate.test(user, plan):
        return (
            f"You cannot start a service plan for {plan.directorate}: a director plans only "
            "for their own directorate."
        )
    return None


def _objective_elsewhere(user, membership, objective):
    if objective is not None and not objective_in_council.test(user, objective):
        return "This person or action belongs to another council."
    return None


# --- the rules ---------------------------------------------------------------------------------

rule(
    "plans.create_plan",
    in_council & (is_programme_office | directs_directorate),
    action="start a service plan",
    who="the programme office and directors",
    noun="service plan",
    explain=_director_elsewhere,
)
rule(
    "plans.change_plan",
    edits_plan,
    action="edit this service plan",
    who=_plan_editors,
    noun="service plan",
)
rule(
    "plans.change_priorities",
    edits_plan,
    action="add, edit or remove this service plan's priorities",
    who=_plan_editors,
    noun="service plan",
)
rule(
    "plans.change_actions",
    edits_plan,
    action="add or edit this service plan's actions",
    who=_plan_editors,
    noun="service plan",
)
rule(
    "plans.set_impact",
    edits_plan,
    action="set this service plan's corporate objective impact",
    who=_plan_editors,
    noun="service plan",
)
rule(
    "plans.record_update",
    in_council & (is_programme_office | directs_directorate | is_editor),
    action="record an update position on this service plan's actions",
    who=_update_recorders,
    noun="service plan",
)
rule(
    "plans.set_objective",
    keeps_objective,
    action="set a personal objective",
    who=_objective_keepers,
    noun="personal objective",
    explain=_objective_elsewhere,
)
rule(
    "plans.change_objective",
    keeps_objective,
    action="change this personal objective",
    who=_objective_keepers,
    noun="personal objective",
    explain=_objective_elsewhere,
)
