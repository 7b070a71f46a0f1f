"""Stage gates, decisions and finance's confirmation that savings were delivered."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from sightline.accounts.permissions import check
from sightline.core.audit import StaleEdit, check_version, save_audited
from sightline.core.fiscal import FinancialYear
from sightline.core.money import format_pounds
from sightline.impact.rules import approval_blockers
from sightline.savings import rules, selectors
from sightline.savings.models import (
    BenefitConfirmation,
    DecisionEvent,
    DecisionStatus,
    Proposal,
    SavingLine,
    Stage,
    StageChange,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import User


@transaction.atomic
def proposal_advance_stage(
    *, proposal: Proposal, to: str, by: User, reason: str = "", override: bool = False
) -> Proposal:
    """Move a proposal to another stage if its gate passes; the programme office may override
    a failed gate with a recorded reason, shown on the proposal and in reports."""
    check(by, "savings.move_stage", proposal)
    current = Proposal.objects.select_for_update().get(pk=proposal.pk)
    check(by, "savings.move_stage", current)
    if to not in rules.TRANSITIONS.get(current.stage, set()):
        raise ValidationError(
            f"A proposal at {Stage(current.stage).label.lower()} cannot move to "
            f"{Stage(to).label.lower()}."
        )
    if to in rules.NEEDS_REASON and not reason.strip():
        raise ValidationError(
            {"reason": f"Give the reason the proposal is {Stage(to).label.lower()}."}
        )
    lines = list(current.lines.all())
    missing = rules.gate_missing(
        current,
        to,
        lines=lines,
        budget_code_count=current.budget_codes.count(),
        confirmed_years={b.fy for b in current.benefits.all()},
    )
    if missing and not override:
        raise ValidationError(rules.gate_message(to, missing), code="gate")
    if override:
        check(by, "savings.override_gate", current)
        if not reason.strip():
            raise ValidationError({"reason": "Give the reason for overriding the gate."})
    from_stage = current.stage
    current.stage = to
    if to in rules.NEEDS_REASON:
        current.stage_reason = reason
    save_audited(current, by=by, reason=reason)
    StageChange.objects.create(
        proposal=current,
        from_stage=from_stage,
        to_stage=to,
        reason=reason,
        overridden=bool(override and missing),
        missing=missing,
        by=by,
    )
    return current


@transaction.atomic
def proposal_record_decision(
    *,
    proposal: Proposal,
    to: str,
    by: User,
    body: str = "",
    decided_on: datetime.date | None = None,
    reference: str = "",
    note: str = "",
) -> Proposal:
    """Submit a proposal, put it to consultation, or record its approval or rejection by a
    named body on a date with the decision's reference."""
    check(
        by,
        "savings.decide_proposal" if to in rules.DECIDED else "savings.submit_proposal",
        proposal,
    )
    current = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if to not in rules.DECISION_STEPS.get(current.decision_status, set()):
        raise ValidationError(
            f"A proposal that is {DecisionStatus(current.decision_status).label.lower()} cannot "
            f"become {DecisionStatus(to).label.lower()}."
        )
    errors = {}
    if to in {DecisionStatus.APPROVED, DecisionStatus.REJECTED}:
        if not body:
            errors["body"] = "Select who made the decision."
        if decided_on is None:
            errors["decided_on"] = "Enter the date of the decision."
        elif decided_on > timezone.localdate():
            errors["decided_on"] = "The date of the decision must be today or in the past."
    if to == DecisionStatus.APPROVED and rules.profile_is_empty(current.lines.all()):
        errors["__all__"] = (
            "This proposal cannot be approved: its savings profile is empty. Add the savings "
            "for at least one year first."
        )
    if to == DecisionStatus.APPROVED and (blocked := approval_blockers(current)):
        # The equality gate: a proposal whose screening asks for a full equality assessment
        # is approved only once that assessment is signed off.
        errors["__all__"] = " ".join(filter(None, [errors.get("__all__"), *blocked]))
    if errors:
        raise ValidationError(errors)
    from_status = current.decision_status
    current.decision_status = to
    if to in {DecisionStatus.APPROVED, DecisionStatus.REJECTED}:
        current.decision_body, current.decision_on, current.decision_reference = (
            body,
            decided_on,
            reference,
        )
    save_audited(current, by=by, reason=note)
    DecisionEvent.objects.create(
        proposal=current,
        from_status=from_status,
        to_status=to,
        body=body,
        decided_on=decided_on,
        reference=reference,
        note=note,
        by=by,
    )
    return current


@transaction.atomic
def benefit_confirm(
    *,
    proposal: Proposal,
    fy: FinancialYear,
    amount_pence: int,
    by: User,
    confirmed_on: datetime.date | None = None,
    note: str = "",
    expected_version: int | None = None,
    over_planned: bool = False,
) -> BenefitConfirmation:
    """Finance confirms that a year's saving has left the budget (benefits realised).

    A year already confirmed is changed only against the version that was read
    (``expected_version``), as forecasts are; an amount above the saving planned for the year
    is refused unless ``over_planned`` says the confirmer has checked it."""
    check(by, "savings.confirm_benefit", proposal)
    if proposal.stage not in selectors.IN_DELIVERY:
        raise ValidationError("Only a live proposal's savings can be confirmed as delivered.")
    if amount_pence < 0:
        raise ValidationError({"amount_pence": "Enter the saving confirmed, zero or more."})
    existing = (
        BenefitConfirmation.objects.select_for_update().filter(proposal=proposal, fy=fy).first()
    )
    if existing is not None:
        if expected_version is None:
            raise StaleEdit(
                f"The {fy} saving was already confirmed (version {existing.version}). Reload the "
                "page to see it, then make your change to it.",
                code="stale",
            )
        check_version(existing, expected_version)
    planned = (
        SavingLine.objects.filter(proposal=proposal, fy=fy).aggregate(total=Sum("amount_pence"))[
            "total"
        ]
        or 0
    )
    if amount_pence > planned and not over_planned:
        raise ValidationError(
            {
                "over_planned": (
                    f"The saving confirmed, {format_pounds(amount_pence)}, is more than the "
                    f"{format_pounds(planned)} planned for {fy}. Check the amount, then tick to "
                    "confirm it."
                )
            },
            code="over_planned",
        )
    confirmation = existing or BenefitConfirmation(proposal=proposal, fy=fy)
    confirmation.amount_pence = amount_pence
    confirmation.confirmed_on = confirmed_on or timezone.localdate()
    confirmation.note = note
    save_audited(confirmation, by=by, reason=note)
    return confirmation
