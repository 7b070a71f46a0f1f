"""Who may do what in the scrutiny workspace: one named rule per action.

Every member of a council reads its scrutiny workspace (viewers included); exempt savings
and their deep dives only those entitled to exempt information (the selectors scope them).
Councillors open deep dives, log questions and call records in. Officers answer on the
record: the programme office, the director of the record's directorate, and the record's
own officers (a saving's lead officer, project manager or sponsor; a risk's owner; an
indicator's owner) if their role may write.
"""

from __future__ import annotations

import rules

from sightline.accounts.permissions import (
    directs_directorate,
    in_council,
    is_councillor,
    is_director,
    is_editor,
    is_finance,
    is_member,
    is_programme_office,
    person_is_user,
    rule,
)

OFFICERS = (
    "the programme office, the director of the record's directorate or the record's own "
    "officers (a saving's leads, a risk's or an indicator's owner)"
)

may_write = is_programme_office | is_finance | is_director | is_editor


@rules.predicate
def owns_subject(user, obj) -> bool:
    """The user is one of the subject record's own officers. ``obj``: a deep dive or one of
    its questions."""
    if obj is None:
        return False
    dive = getattr(obj, "deep_dive", obj)
    if dive.proposal_id:
        p = dive.proposal
        return any(
            person_is_user(person, user)
            for person in (p.lead_officer, p.project_manager, p.sponsor)
        )
    if dive.risk_id:
        return person_is_user(dive.risk.owner, user)
    if dive.indicator_id:
        return person_is_user(dive.indicator.owner, user)
    return False


rule(
    "scrutiny.view_workspace",
    is_member & in_council,
    action="read the scrutiny workspace",
    who="members of the council",
    noun="deep dive",
)
rule(
    "scrutiny.open_deep_dive",
    in_council & is_councillor,
    action="open a deep dive",
    who="councillors",
    noun="record",
)
rule(
    "scrutiny.ask_question",
    in_council & is_councillor,
    action="ask a question on this deep dive",
    who="councillors",
    noun="deep dive",
)
rule(
    "scrutiny.call_in",
    in_council & is_councillor,
    action="call this record in",
    who="councillors",
    noun="deep dive",
)
rule(
    "scrutiny.answer_question",
    in_council & (is_programme_office | directs_directorate | (may_write & owns_subject)),
    action="answer this question",
    who=OFFICERS,
    noun="question",
)
