"""Who may do what with the risk register: one named rule per action.

Every member of a council reads its register (it is printed in the corporate plan). The
programme office keeps the register; a director adds risks to their own directorate and
manages its risks; a risk's owner, if their role may write, keeps their risk up to date (its
controls, scores and further actions). Risks are closed, never deleted, and reopened by the
same people who may change them.
"""

from __future__ import annotations

import rules

from sightline.accounts.permissions import (
    allowed,
    directs_directorate,
    in_council,
    is_director,
    is_editor,
    is_finance,
    is_programme_office,
    person_is_user,
    rule,
)
from sightline.risks.models import Risk

MANAGERS = "the programme office, the director of the risk's directorate or its owner"


@rules.predicate
def owns_risk(user, risk) -> bool:
    """The user is the risk's named owner."""
    return risk is not None and risk.owner_id is not None and person_is_user(risk.owner, user)


# Roles that may write at all: an owner who is a councillor or a viewer reads only.
may_write = is_programme_office | is_finance | is_director | is_editor

manages_risk = in_council & (is_programme_office | directs_directorate | (may_write & owns_risk))


def _director_elsewhere(user, membership, risk):
    if is_director.test(user) and risk is not None and not directs_directorate.test(user, risk):
        return (
            "A director can only add risks to their own directorate: choose it as the "
            "risk's directorate."
        )
    return None


def _director_moving_out(user, membership, risk):
    if is_director.test(user) and risk is not None:
        return (
            "A director cannot move a risk out of their own directorate: ask the programme office."
        )
    return None


rule(
    "risks.add_risk",
    in_council & (is_programme_office | directs_directorate),
    action="add a risk to the register",
    who="the programme office and directors (for their own directorate)",
    noun="risk",
    explain=_director_elsewhere,
)
rule(
    "risks.change_risk",
    manages_risk,
    action="change this risk",
    who=MANAGERS,
    noun="risk",
)
# Asked of the risk as it would stand in its new directorate: whoever may manage it there.
rule(
    "risks.move_risk",
    manages_risk,
    action="move this risk to that directorate",
    who="the programme office, the director of the directorate it moves to or the risk's owner",
    noun="risk",
    explain=_director_moving_out,
)
rule(
    "risks.import_risks",
    in_council & is_programme_office,
    action="import a risk register",
    who="the programme office",
    noun="council",
)
rule(
    "risks.review_risk",
    manages_risk,
    action="review this risk",
    who=MANAGERS,
    noun="risk",
)
rule(
    "risks.close_risk",
    manages_risk,
    action="close or reopen this risk",
    who=MANAGERS,
    noun="risk",
)


# --- where a risk may be placed: asked by the service and by the form's directorate choices --


def placed(risk: Risk | None, *, council_id: int, directorate_id: int | None) -> Risk:
    """A risk as it would stand in ``directorate_id`` (None: corporate): a new risk, or
    ``risk`` moved there with its owner. The object ``risks.add_risk`` and ``risks.move_risk``
    are asked about."""
    if risk is None:
        return Risk(council_id=council_id, directorate_id=directorate_id)
    return Risk(
        pk=risk.pk, council_id=risk.council_id, owner=risk.owner, directorate_id=directorate_id
    )


def placing_rule(risk: Risk | None) -> str:
    """The rule that decides where ``risk`` may go: adding a new one, or moving one."""
    return "risks.add_risk" if risk is None else "risks.move_risk"


def may_place(user, risk: Risk | None, *, council_id: int, directorate_id: int | None) -> bool:
    """Whether ``user`` may add a risk to ``directorate_id``, or leave or move ``risk`` there."""
    if risk is not None and directorate_id == risk.directorate_id:
        return True
    target = placed(risk, council_id=council_id, directorate_id=directorate_id)
    return allowed(user, placing_rule(risk), target)
