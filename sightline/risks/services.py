"""Every write to the risk register: its rule (``sightline.risks.permissions``), the scoring
rules, full_clean, history and an audit event, in one transaction. Risks are closed, never
deleted."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from sightline.accounts.models import Directorate, Person
from sightline.accounts.permissions import check, require_membership
from sightline.core.audit import check_version, save_audited
from sightline.risks import rules, selectors
from sightline.risks.models import Risk
from sightline.risks.permissions import placed
from sightline.strategy.models import Priority

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


def _apply(risk: Risk, data: dict) -> None:
    for name in RISK_FIELDS:
        if name in data:
            setattr(risk, name, data[name])
    errors, initial, residual = rules.score_errors(
        **{name: getattr(risk, name) for name in SCORE_FIELDS}
    )
    if errors:
        raise ValidationError(errors)
    risk.initial_score, risk.residual_score = initial, residual


@transaction.atomic
def risk_save(
    *,
    by,
    data: dict,
    risk: Risk | None = None,
    expected_version: int | None = None,
    reason: str = "",
) -> Risk:
    """Add a risk to the register (``risk=None``; numbered after the last unless ``data``
    gives a ``number``) or change one made against ``expected_version``.

    The programme office may add or change any risk; a director may add risks to their own
    directorate and change its risks; a risk's owner may change it (say, its controls and
    residual score)."""
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
    _apply(current, data)
    save_audited(current, by=by, reason=reason)
    if risk is not None:
        risk.version = current.version
    return current


@transaction.atomic
def risk_close(
    *,
    by,
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
def risk_reopen(*, by, risk: Risk, reason: str, expected_version: int | None = None) -> Risk:
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
