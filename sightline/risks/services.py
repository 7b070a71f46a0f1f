"""Every write to the risk register: its rule (``sightline.risks.permissions``), the scoring
rules, full_clean, history and an audit event, in one transaction. Risks are closed, never
deleted."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from sightline.accounts.models import Directorate, Person
from sightline.accounts.permissions import check, require_membership
from sightline.core.audit import check_version, save_audited
from sightline.risks import rules, selectors
from sightline.risks.models import Risk, RiskReview
from sightline.risks.permissions import placed
from sightline.savings.models import Bundle, Proposal
from sightline.strategy.models import Priority

if TYPE_CHECKING:
    from django.contrib.auth.models import User

RISK_FIELDS = [
    "title",
    "description",
    "directorate",
    "owner",
    "priority",
    "initial_likelihood",
    "initial_impact",
    "initial_score",
    "controls",
    "residual_likelihood",
    "residual_impact",
    "residual_score",
    "further_actions",
    "target_score",
    "appetite_score",
    "review_on",
]
SCORE_FIELDS = [f for f in RISK_FIELDS if f.startswith(("initial_", "residual_"))]


def _check_links(council_id: int, data: dict) -> None:
    errors = {}
    directorate = data.get("directorate")
    if isinstance(directorate, Directorate) and directorate.council_id != council_id:
        errors["directorate"] = "Choose one of your council's own directorates."
    owner = data.get("owner")
    if isinstance(owner, Person) and owner.council_id != council_id:
        errors["owner"] = "Choose one of your council's own people."
    priority = data.get("priority")
    if isinstance(priority, Priority) and priority.plan.council_id != council_id:
        errors["priority"] = "Choose one of your council's own priorities."
    if errors:
        raise ValidationError(errors)


def _apply(risk: Risk, data: dict, *, rag_only: bool = False) -> None:
    for name in RISK_FIELDS:
        if name in data:
            setattr(risk, name, data[name])
    errors, initial, residual = rules.score_errors(
        **{name: getattr(risk, name) for name in SCORE_FIELDS}, rag_only=rag_only
    )
    # A wrong score is corrected first: only then is the target compared with it.
    errors = errors or rules.target_errors(
        target_score=risk.target_score,
        appetite_score=risk.appetite_score,
        residual_score=residual,
    )
    if errors:
        raise ValidationError(errors)
    risk.initial_score, risk.residual_score = initial, residual


@transaction.atomic
def risk_save(
    *,
    by: User,
    data: dict,
    risk: Risk | None = None,
    expected_version: int | None = None,
    reason: str = "",
    rag_only: bool = False,
) -> Risk:
    """Add a risk to the register (``risk=None``; numbered after the last unless ``data``
    gives a ``number``) or change one made against ``expected_version``.

    The programme office may add or change any risk; a director may add risks to their own
    directorate and change its risks; a risk's owner may change it (say, its controls and
    residual score). With ``rag_only`` (an imported register that rates risks by RAG each
    quarter) a risk may be held without scores."""
    if risk is None:
        membership = require_membership(by)
        directorate = data.get("directorate")
        check(
            by,
            "risks.add_risk",
            placed(
                None,
                council_id=membership.council_id,
                directorate_id=getattr(directorate, "pk", None),
            ),
        )
        current = Risk(council=membership.council)
        current.number = data.get("number") or selectors.next_number(membership.council_id)
        if Risk.objects.filter(council=membership.council, number=current.number).exists():
            raise ValidationError({"number": f"Risk {current.number} is already in the register."})
    else:
        current = (
            Risk.objects.select_for_update(of=("self",)).select_related("owner").get(pk=risk.pk)
        )
        check(by, "risks.change_risk", current)
        check_version(current, expected_version)
        if current.closed_on is not None:
            raise ValidationError("This risk is closed: reopen it before changing it.")
        destination = getattr(data.get("directorate"), "pk", None)
        if "directorate" in data and destination != current.directorate_id:
            # Whoever moves a risk must be able to manage it where it lands.
            moved = placed(current, council_id=current.council_id, directorate_id=destination)
            check(by, "risks.move_risk", moved)
    _check_links(current.council_id, data)
    scores_before = (current.initial_score, current.residual_score)
    _apply(current, data, rag_only=rag_only)
    if risk is not None and not reason.strip():
        # A change of score shows as a direction of travel in scrutiny: it needs its reason.
        changed_scores = [
            f"{name} score from {before if before is not None else 'none'} to "
            f"{after if after is not None else 'none'}"
            for name, before, after in zip(
                ("initial", "residual"),
                scores_before,
                (current.initial_score, current.residual_score),
                strict=True,
            )
            if before != after
        ]
        if changed_scores:
            raise ValidationError(
                {"reason": f"Say why the {' and the '.join(changed_scores)} changes"}
            )
    save_audited(current, by=by, reason=reason)
    if risk is not None:
        risk.version = current.version
    return current


@transaction.atomic
def risk_close(
    *,
    by: User,
    risk: Risk,
    reason: str,
    closed_on: datetime.date | None = None,
    expected_version: int | None = None,
) -> Risk:
    """Close a risk that no longer applies, with the reason; it stays in the register's
    history and can be reopened."""
    current = Risk.objects.select_for_update(of=("self",)).select_related("owner").get(pk=risk.pk)
    check(by, "risks.close_risk", current)
    check_version(current, expected_version)
    if current.closed_on is not None:
        raise ValidationError(f"{current} was already closed on {current.closed_on:%-d %B %Y}.")
    if not reason.strip():
        raise ValidationError({"reason": "Say why the risk is being closed"})
    current.closed_on = closed_on or timezone.localdate()
    current.closed_reason = reason.strip()
    save_audited(current, by=by, reason=reason)
    risk.version = current.version
    return current


@transaction.atomic
def risk_reopen(*, by: User, risk: Risk, reason: str, expected_version: int | None = None) -> Risk:
    current = Risk.objects.select_for_update(of=("self",)).select_related("owner").get(pk=risk.pk)
    check(by, "risks.close_risk", current)
    check_version(current, expected_version)
    if current.closed_on is None:
        raise ValidationError(f"{current} is open.")
    if not reason.strip():
        raise ValidationError({"reason": "Say why the risk is being reopened"})
    current.closed_on, current.closed_reason = None, ""
    save_audited(current, by=by, reason=reason)
    risk.version = current.version
    return current


REVIEW_FIELDS = [*SCORE_FIELDS, "target_score"]


@transaction.atomic
def risk_review(
    *,
    by: User,
    risk: Risk,
    reviewed_on: datetime.date,
    note: str,
    data: dict,
    next_review_on: datetime.date | None = None,
    expected_version: int | None = None,
) -> RiskReview:
    """Record a review of a risk on ``reviewed_on``: its scores as the review leaves them
    (``data``: the initial and residual likelihood, impact and score, and the target), what
    the reviewer found, and when it is next reviewed. The risk takes the new scores, checked
    by the same scoring rules as any change, and the review keeps the scores before and after,
    so the register shows how each risk's scores moved."""
    current = Risk.objects.select_for_update(of=("self",)).select_related("owner").get(pk=risk.pk)
    check(by, "risks.review_risk", current)
    check_version(current, expected_version)
    if current.closed_on is not None:
        raise ValidationError("This risk is closed: reopen it before reviewing it.")
    errors = rules.review_errors(
        reviewed_on=reviewed_on, today=timezone.localdate(), next_review_on=next_review_on
    )
    if not note.strip():
        errors["note"] = "Say what the review found"
    if errors:
        raise ValidationError(errors)
    before = (current.initial_score, current.residual_score)
    changes = {name: data[name] for name in REVIEW_FIELDS if name in data}
    # A risk the register rates by RAG alone may be reviewed without being given scores.
    _apply(current, {**changes, "review_on": next_review_on}, rag_only=not current.scored)
    save_audited(current, by=by, reason=f"Reviewed on {reviewed_on:%-d %B %Y}: {note.strip()}")
    review = RiskReview(
        risk=current,
        reviewed_on=reviewed_on,
        initial_before=before[0],
        residual_before=before[1],
        note=note.strip(),
        next_review_on=next_review_on,
        **{name: getattr(current, name) for name in REVIEW_FIELDS},
    )
    save_audited(review, by=by, reason=review.note)
    risk.version = current.version
    return review


@transaction.atomic
def risk_links_set(
    *,
    by: User,
    risk: Risk,
    proposals: list[Proposal],
    bundles: list[Bundle],
    expected_version: int | None = None,
    reason: str = "",
) -> Risk:
    """Link a risk to the savings proposals and bundles it threatens (its strategic priority
    is a field of the risk). Only proposals ``by`` may read can be linked; a link to an exempt
    proposal they may not read is kept as it is, never removed unseen."""
    current = Risk.objects.select_for_update(of=("self",)).select_related("owner").get(pk=risk.pk)
    check(by, "risks.change_risk", current)
    check_version(current, expected_version)
    membership = require_membership(by)
    visible = Proposal.objects.visible_to(membership)
    wanted = {p.pk for p in proposals}
    errors = {}
    readable = set(visible.filter(pk__in=wanted).values_list("pk", flat=True))
    if wanted - readable:
        errors["proposals"] = "Choose proposals of your own council that you may read."
    if any(b.council_id != current.council_id for b in bundles):
        errors["bundles"] = "Choose your own council's bundles."
    if errors:
        raise ValidationError(errors)
    unseen = set(
        current.proposals.exclude(pk__in=visible.values("pk")).values_list("pk", flat=True)
    )
    old = (set(current.proposals.values_list("pk", flat=True)), set(current.bundles.all()))
    new = (wanted | unseen, set(bundles))
    if old == new:
        return current
    current.proposals.set(new[0])
    current.bundles.set(new[1])
    # The reason names no proposal: the history is read by members who may not read them all.
    save_audited(current, by=by, reason=reason or "Linked proposals and bundles changed")
    risk.version = current.version
    return current
