"""Who may do what in the savings programme: one named rule per action.

Every member of a council reads its programme (exempt proposals only if entitled: that is
the selectors' scoping, not a rule here). Writing is shared out as Luton Borough Council's
*Luton Together Phase 2* transformation strategy describes it: the programme office runs the
programme, bundle sponsors and project leads deliver the projects, finance allocates the
accountant and confirms that savings have left the budget, and the Executive (recorded by
the programme office or the directorate's director) decides.
"""

from __future__ import annotations

import rules

from sightline.accounts.models import Role
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
from sightline.savings.models import Forecast, Stage
from sightline.savings.rules import DECIDED, DECISION_STEPS


@rules.predicate
def leads_proposal(user, proposal) -> bool:
    """The user is the proposal's lead officer, project manager or sponsor."""
    if proposal is None:
        return False
    return any(
        person_is_user(person, user)
        for person in (proposal.lead_officer, proposal.project_manager, proposal.sponsor)
    )


@rules.predicate
def editor_may_lead(user, proposal) -> bool:
    """An editor with a person record: they lead what they create."""
    return proposal is None or getattr(user, "person", None) is not None


@rules.predicate
def is_closed_proposal(user, proposal) -> bool:
    return proposal is not None and proposal.stage in {Stage.WITHDRAWN, Stage.FAILED}


PROPOSAL_EDITORS = (
    "the programme office, the directorate's director or the proposal's lead officer, "
    "project manager or sponsor"
)

changes_proposal = in_council & (
    is_programme_office | directs_directorate | (is_editor & leads_proposal)
)


def _director_elsewhere(user, membership, proposal):
    if (
        membership.role == Role.DIRECTOR
        and proposal is not None
        and proposal.directorate_id != membership.directorate_id
    ):
        return "A director can only create proposals in their own directorate."
    if membership.role == Role.EDITOR and getattr(user, "person", None) is None:
        return "Your login is not linked to a person, so it cannot lead."
    return None


rule(
    "savings.create_proposal",
    in_council & (is_programme_office | directs_directorate | (is_editor & editor_may_lead)),
    action="create a savings proposal",
    who="the programme office, directors and editors",
    noun="proposal",
    explain=_director_elsewhere,
)
rule(
    "savings.change_proposal",
    changes_proposal,
    action="change this proposal",
    who=PROPOSAL_EDITORS,
    noun="proposal",
)
rule(
    "savings.assign_finance",
    in_council & (is_finance | changes_proposal),
    action="assign this proposal's finance lead or accountant",
    who=f"finance or {PROPOSAL_EDITORS}",
    noun="proposal",
)
rule(
    "savings.mark_exempt",
    in_council & is_programme_office,
    action="mark a proposal exempt or publishable",
    who="the programme office",
    noun="proposal",
)
rule(
    "savings.archive_proposal",
    in_council & is_programme_office,
    action="archive a proposal",
    who="the programme office",
    noun="proposal",
)
rule(
    "savings.move_stage",
    changes_proposal & (~is_closed_proposal | is_programme_office),
    action="move this proposal between stages",
    who=lambda p: (
        "the programme office (to reopen a withdrawn or failed proposal)"
        if p is not None and p.stage in {Stage.WITHDRAWN, Stage.FAILED}
        else PROPOSAL_EDITORS
    ),
    noun="proposal",
)
rule(
    "savings.override_gate",
    in_council & is_programme_office,
    action="override a stage gate",
    who="the programme office",
    noun="proposal",
)
rule(
    "savings.submit_proposal",
    changes_proposal,
    action="submit this proposal or return it to draft",
    who=PROPOSAL_EDITORS,
    noun="proposal",
)
rule(
    "savings.decide_proposal",
    in_council & (is_programme_office | directs_directorate),
    action="record a decision",
    who="the programme office or the directorate's director",
    noun="proposal",
)
rule(
    "savings.record_forecast",
    in_council & (is_finance | changes_proposal),
    action="record a forecast for this proposal",
    who=f"finance or {PROPOSAL_EDITORS}",
    noun="proposal",
)


def _delivered_figures_entered_by(user, proposal) -> list:
    """The proposal's delivered figures (each year's latest forecast) that ``user`` entered
    or last changed."""
    latest: dict = {}
    for forecast in Forecast.objects.filter(proposal=proposal).order_by("fy", "-month", "-pk"):
        latest.setdefault(forecast.fy, forecast)
    return [
        forecast
        for forecast in latest.values()
        if user.pk in {forecast.created_by_id, forecast.modified_by_id}
    ]


@rules.predicate
def entered_delivered_figure(user, proposal) -> bool:
    """Separation of duties: the user entered (or last changed) a delivered figure of the
    proposal, the latest forecast of one of its years, so may not also confirm it."""
    return proposal is not None and bool(_delivered_figures_entered_by(user, proposal))


def _entered_it(user, membership, proposal):
    if proposal is None or not (is_finance.test(user) or is_programme_office.test(user)):
        return None
    entered = _delivered_figures_entered_by(user, proposal)
    if not entered:
        return None
    years = ", ".join(str(forecast.fy) for forecast in entered)
    return (
        f"You entered this proposal's delivered figure for {years} (its latest forecast), and "
        "whoever enters a delivered figure cannot also confirm it: someone else in finance or "
        "the programme office must."
    )


rule(
    "savings.confirm_benefit",
    in_council & (is_finance | is_programme_office) & ~entered_delivered_figure,
    action="confirm that a saving has been delivered",
    # Never whoever entered the delivered figure: _entered_it says so to them.
    who="finance or the programme office",
    noun="proposal",
    explain=_entered_it,
)
rule(
    "savings.record_impact",
    changes_proposal,
    action="record this proposal's impact on a priority",
    who=PROPOSAL_EDITORS,
    noun="proposal",
)
rule(
    "savings.open_period",
    in_council & is_programme_office,
    action="open a monitoring period",
    who="the programme office",
    noun="council",
)
rule(
    "savings.close_period",
    in_council & is_programme_office,
    action="close a monitoring period",
    who="the programme office",
    noun="period",
)
rule(
    "savings.set_targets",
    in_council & is_programme_office,
    action="change the programme's targets and settings",
    who="the programme office",
    noun="council",
)
rule(
    "savings.change_savings_type",
    in_council & is_programme_office,
    action="change the savings types",
    who="the programme office",
    noun="savings type",
)
rule(
    "savings.change_bundle",
    in_council & is_programme_office,
    action="change a bundle",
    who="the programme office",
    noun="bundle",
)
rule(
    "savings.change_budget_code",
    in_council & (is_programme_office | is_finance),
    action="change a budget code",
    who="the programme office or finance",
    noun="budget code",
)
rule(
    "savings.review_budget_code",
    in_council & is_finance,
    action="confirm that proposals sharing a budget code do not double count",
    who="finance",
    noun="budget code",
)
rule(
    "savings.change_lessons",
    in_council & (is_programme_office | is_director),
    action="change the learning log",
    who="the programme office or a director",
    noun="lesson",
)
rule(
    "savings.import_proposals",
    in_council & is_programme_office,
    action="import savings proposals",
    who="programme office",
    noun="council",
)
rule(
    "savings.import_budget_codes",
    # As savings.change_budget_code, which the import's bulk write asks of each code.
    in_council & (is_programme_office | is_finance),
    action="import budget codes",
    who="the programme office or finance",
    noun="council",
)


def decision_steps(user, proposal) -> list[str]:
    """The decision steps from the proposal's current status that ``user`` may record."""
    return [
        step
        for step in DECISION_STEPS.get(proposal.decision_status, set())
        if allowed(
            user,
            "savings.decide_proposal" if step in DECIDED else "savings.submit_proposal",
            proposal,
        )
    ]
