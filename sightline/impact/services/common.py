"""What the impact app's services share: the officer a record names, and the checks on it."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from sightline.accounts.models import Membership, Person
from sightline.savings.models import Proposal


def officer_errors(proposal: Proposal, officer: Person | None, *, field: str) -> dict[str, str]:
    """An officer named to sign off or clear: one of the council's people, with a login (they
    act in Sightline as themselves), who may read the proposal (an exempt one only if they
    are entitled)."""
    if officer is None:
        return {}
    if officer.council_id != proposal.council_id:
        return {field: "Choose one of your council's own people."}
    if officer.user_id is None:
        return {
            field: f"{officer.name} has no login, so cannot do it in Sightline as themselves: "
            "ask the programme office to give them one."
        }
    membership = (
        Membership.objects.filter(user_id=officer.user_id, user__is_active=True)
        .select_related("council")
        .first()
    )
    if membership is None or membership.council_id != proposal.council_id:
        return {field: f"{officer.name}'s login is not a member of this council."}
    if not Proposal.objects.visible_to(membership).filter(pk=proposal.pk).exists():
        return {
            field: f"{officer.name} may not read this exempt proposal: ask the programme office "
            "to give them access to exempt information first."
        }
    return {}


def raise_if(errors: dict) -> None:
    if errors:
        raise ValidationError(errors)
