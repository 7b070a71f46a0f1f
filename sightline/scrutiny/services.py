"""Every write of the scrutiny workspace: opening a deep dive, asking, calling in and
answering, each checked by its rule and audited in the same transaction."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from sightline.accounts.permissions import check
from sightline.core.audit import check_version, save_audited
from sightline.performance.models import Indicator
from sightline.risks.models import Risk
from sightline.savings.models import Period, Proposal
from sightline.scrutiny import selectors
from sightline.scrutiny.models import DeepDive, Question, Subject

if TYPE_CHECKING:
    from django.contrib.auth.models import User

MAX_TEXT = 4000


def _text(value: str, field: str, missing: str) -> str:
    text = (value or "").strip()
    if not text:
        raise ValidationError({field: missing})
    if len(text) > MAX_TEXT:
        raise ValidationError({field: f"Keep it to {MAX_TEXT} characters or fewer."})
    return text


@transaction.atomic
def deep_dive_open(
    *,
    by: User,
    proposal: Proposal | None = None,
    risk: Risk | None = None,
    indicator: Indicator | None = None,
    purpose: str = "",
) -> DeepDive:
    """Open a deep dive on one saving, risk or indicator the councillor may read. An open
    deep dive on the same record is returned rather than duplicated."""
    chosen = [r for r in (proposal, risk, indicator) if r is not None]
    if len(chosen) != 1:
        raise ValidationError({"subject": "Choose one saving, risk or indicator to examine."})
    record = chosen[0]
    membership = check(by, "scrutiny.open_deep_dive", record)
    if proposal is not None and not (
        Proposal.objects.visible_to(membership).filter(pk=proposal.pk).exists()
    ):
        raise PermissionDenied("You cannot read this saving.")
    subject = Subject.SAVING if proposal else Subject.RISK if risk else Subject.INDICATOR
    existing = DeepDive.objects.filter(
        council=membership.council, proposal=proposal, risk=risk, indicator=indicator
    ).first()
    if existing is not None:
        return existing
    dive = DeepDive(
        council=membership.council,
        subject=subject,
        proposal=proposal,
        risk=risk,
        indicator=indicator,
        opened_by=by,
        purpose=(purpose or "").strip()[:MAX_TEXT],
    )
    save_audited(dive, by=by, reason="Deep dive opened")
    return dive


def _latest_period(council_id: int) -> Period | None:
    return Period.objects.filter(council_id=council_id).order_by("-month").first()


@transaction.atomic
def question_ask(*, by: User, deep_dive: DeepDive, text: str) -> Question:
    """Log a councillor's question on a deep dive, for the next scrutiny report."""
    check(by, "scrutiny.ask_question", deep_dive)
    question = Question(
        deep_dive=deep_dive,
        kind=Question.Kind.QUESTION,
        text=_text(text, "text", "Enter your question"),
        asked_by=by,
        period=_latest_period(deep_dive.council_id),
    )
    save_audited(question, by=by, reason="Question asked")
    return question


@transaction.atomic
def call_in(*, by: User, deep_dive: DeepDive, text: str) -> Question:
    """Call a record in: only a saving Red for three months or more, or a risk above its
    appetite. The call-in records its grounds and the councillor's reasons, and is answered
    like a question."""
    check(by, "scrutiny.call_in", deep_dive)
    grounds = selectors.call_in_grounds(deep_dive)
    if grounds is None:
        raise ValidationError({"text": selectors.call_in_refusal(deep_dive)})
    if Question.objects.filter(
        deep_dive=deep_dive, kind=Question.Kind.CALL_IN, answered_at__isnull=True
    ).exists():
        raise ValidationError({"text": "This record is already called in and awaits a response."})
    reasons = _text(text, "text", "Say why you are calling it in")
    question = Question(
        deep_dive=deep_dive,
        kind=Question.Kind.CALL_IN,
        text=f"{grounds} {reasons}",
        asked_by=by,
        period=_latest_period(deep_dive.council_id),
    )
    save_audited(question, by=by, reason="Called in")
    return question


@transaction.atomic
def question_answer(
    *, by: User, question: Question, answer: str, expected_version: int | None = None
) -> Question:
    """Answer a question or call-in on the record. A later answer replaces the earlier one;
    the history keeps both."""
    current = Question.objects.select_for_update().get(pk=question.pk)
    current.deep_dive = question.deep_dive
    check(by, "scrutiny.answer_question", current)
    check_version(current, expected_version)
    current.answer = _text(answer, "answer", "Enter the answer")
    current.answered_by = by
    current.answered_at = timezone.now()
    save_audited(current, by=by, reason="Answered")
    question.version = current.version
    return current
