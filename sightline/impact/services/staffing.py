"""Writing the posts a proposal affects, its consultations, and the resident budget
consultations of the programme."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction

from sightline.accounts.models import Council
from sightline.accounts.permissions import allowed, check
from sightline.core.audit import StaleEdit, check_version, delete_audited, save_audited
from sightline.impact.models import Consultation, PostChange, ResidentConsultation
from sightline.impact.services.common import raise_if
from sightline.savings.models import Proposal

if TYPE_CHECKING:
    from django.contrib.auth.models import User

POST_FIELDS = (
    "role",
    "grade",
    "establishment",
    "posts",
    "fte",
    "filled",
    "vacancies_held",
    "voluntary_redundancies",
    "compulsory_redundancies",
    "redeployed",
    "dismissal_on",
    "holders",
)
STALE = (
    "The posts were changed by someone else since you opened them. Reload the page to see "
    "their changes, then make yours again."
)


def posts_token(posts: list[PostChange]) -> str:
    """What the posts were when a form was opened: each row's id and version."""
    return ",".join(f"{p.pk}:{p.version}" for p in sorted(posts, key=lambda p: p.pk))


def _row_errors(index: int, row: PostChange) -> list[str]:
    found = []
    if row.filled is not None and row.posts is not None and row.filled > row.posts:
        found.append("more posts filled than there are posts")
    if (row.vacancies_held or 0) > (row.posts or 0) - (row.filled or 0):
        found.append("more vacancies held than posts vacant")
    outcomes = sum(
        n or 0 for n in (row.voluntary_redundancies, row.compulsory_redundancies, row.redeployed)
    )
    if outcomes > (row.filled or 0):
        found.append(
            "more voluntary and compulsory redundancies and redeployments than filled posts"
        )
    return [f"Post {index}: {words}" for words in found]


@transaction.atomic
def posts_set(
    *,
    proposal: Proposal,
    by: User,
    rows: list[dict],
    expected: str | None = None,
    reason: str = "",
) -> list[PostChange]:
    """Replace the posts the proposal affects (each row: ``POST_FIELDS``), against what the
    editor read (``expected``: ``posts_token``). The names of post holders are kept as they are
    for an editor who may not read them. Nothing is saved if any row is wrong."""
    check(by, "impact.record_posts", proposal)
    current = list(PostChange.objects.select_for_update().filter(proposal=proposal))
    if expected is not None and expected != posts_token(current):
        raise StaleEdit(STALE, code="stale")
    sees_holders = allowed(by, "impact.see_post_holders", proposal)
    holders = [p.holders for p in current]
    new, errors = [], {}
    for index, data in enumerate(rows, start=1):
        values = {k: v for k, v in data.items() if k in POST_FIELDS}
        if not sees_holders:
            values["holders"] = holders[index - 1] if index <= len(holders) else ""
        row = PostChange(proposal=proposal, **values)
        found = _row_errors(index, row)
        if not found:
            try:
                row.full_clean(exclude=["proposal"], validate_constraints=False)
            except ValidationError as error:
                found = [f"Post {index}: {m}" for ms in error.message_dict.values() for m in ms]
        if found:
            errors[f"post_{index}"] = " ".join(found)
        new.append(row)
    raise_if(errors)
    for old in current:
        delete_audited(old, by=by, reason=reason or "Posts replaced")
    for row in new:
        save_audited(row, by=by, reason=reason or "Posts affected recorded")
    return new


CONSULTATION_FIELDS = (
    "audience",
    "who",
    "method",
    "started_on",
    "ended_on",
    "responses",
    "outcome",
    "you_said",
    "we_did",
)


@transaction.atomic
def consultation_save(
    *,
    proposal: Proposal,
    by: User,
    data: dict,
    consultation: Consultation | None = None,
    expected_version: int | None = None,
    reason: str = "",
) -> Consultation:
    """Record a consultation on the proposal, or change one against the version read."""
    check(by, "impact.record_consultation", proposal)
    if consultation is None:
        current = Consultation(proposal=proposal)
    else:
        current = Consultation.objects.select_for_update().get(
            pk=consultation.pk, proposal=proposal
        )
        check_version(current, expected_version)
    for name in CONSULTATION_FIELDS:
        if name in data:
            value = data[name]
            setattr(current, name, value.strip() if isinstance(value, str) else value)
    if current.started_on and current.ended_on and current.ended_on < current.started_on:
        raise ValidationError({"ended_on": "The consultation must end on or after it starts"})
    save_audited(current, by=by, reason=reason or "Consultation recorded")
    return current


@transaction.atomic
def resident_consultation_save(
    *, council: Council, by: User, data: dict, reason: str = ""
) -> ResidentConsultation:
    """Attach the results of a resident budget consultation to the council's programme."""
    check(by, "impact.record_resident_consultation", council)
    item = ResidentConsultation(council=council)
    for name in ("title", "fy", "respondents", "findings", "source"):
        if name in data:
            value = data[name]
            setattr(item, name, value.strip() if isinstance(value, str) else value)
    save_audited(item, by=by, reason=reason or "Resident budget consultation recorded")
    return item
