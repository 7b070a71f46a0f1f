"""Who may do what with a proposal's equality screening and assessment, implications,
consultation and staffing: one named rule per action.

Each is read as its proposal is: every member of the council, an exempt proposal's only by
those entitled (the selectors' scoping, ``Proposal.objects.visible_to``, not a rule here).
The proposal's editors (the programme office, the directorate's director and the proposal's
leads: ``savings.change_proposal``) screen and assess it, write its implications, and record
its consultations and posts. An assessment is signed off, and an implication cleared, only by
the officer named to do it, in Sightline as themselves: nobody types it for them. The names of
the staff in affected posts are read only by the programme office, the directorate's director
and the proposal's leads.
"""

from __future__ import annotations

import rules

from sightline.accounts.permissions import (
    directs_directorate,
    in_council,
    is_programme_office,
    person_is_user,
    rule,
)
from sightline.savings.permissions import PROPOSAL_EDITORS, changes_proposal, leads_proposal


@rules.predicate
def is_sign_off_officer(user, assessment) -> bool:
    """The user is the officer named to sign off the equality assessment."""
    return assessment is not None and person_is_user(assessment.sign_off_officer, user)


@rules.predicate
def is_clearing_officer(user, implication) -> bool:
    """The user is the officer named to clear the implication."""
    return implication is not None and person_is_user(implication.officer, user)


def _not_the_officer(noun: str, field: str):
    def explain(user, membership, obj):
        officer = getattr(obj, field, None) if obj is not None else None
        if officer is None:
            return f"No officer is named to {noun} yet: the proposal's editors name one first."
        return f"Only {officer.name} can {noun}, in Sightline as themselves."

    return explain


rule(
    "impact.screen_proposal",
    changes_proposal,
    action="screen this proposal for its equality impact",
    who=PROPOSAL_EDITORS,
    noun="proposal",
)
rule(
    "impact.assess_proposal",
    changes_proposal,
    action="write this proposal's equality assessment",
    who=PROPOSAL_EDITORS,
    noun="proposal",
)
rule(
    "impact.sign_off_assessment",
    in_council & is_sign_off_officer,
    action="sign off this equality assessment",
    who="the officer named to sign it off",
    noun="assessment",
    explain=_not_the_officer("sign off this equality assessment", "sign_off_officer"),
)
rule(
    "impact.write_implications",
    changes_proposal,
    action="write this proposal's implications",
    who=PROPOSAL_EDITORS,
    noun="proposal",
)
rule(
    "impact.clear_implication",
    in_council & is_clearing_officer,
    action="clear this implication",
    who="the officer named to clear it",
    noun="implication",
    explain=_not_the_officer("clear this implication", "officer"),
)
rule(
    "impact.record_consultation",
    changes_proposal,
    action="record a consultation on this proposal",
    who=PROPOSAL_EDITORS,
    noun="proposal",
)
rule(
    "impact.record_posts",
    changes_proposal,
    action="change the posts this proposal affects",
    who=PROPOSAL_EDITORS,
    noun="proposal",
)
rule(
    "impact.see_post_holders",
    in_council & (is_programme_office | directs_directorate | leads_proposal),
    action="read the names of the staff in these posts",
    who="the programme office, the directorate's director or the proposal's leads",
    noun="proposal",
)
rule(
    "impact.keep_settings",
    in_council & is_programme_office,
    action="change the screening questions and implication areas",
    who="the programme office",
    noun="council",
)
rule(
    "impact.record_resident_consultation",
    in_council & is_programme_office,
    action="record a resident budget consultation",
    who="the programme office",
    noun="council",
)
