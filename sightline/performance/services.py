"""Every write to performance indicators: the rule's check, the indicator's rules, full_clean,
audit, one transaction. Who may do what is asked of the named rules in
``sightline.performance.permissions``, which refuse in their own words."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from sightline.accounts.models import Person
from sightline.accounts.permissions import check
from sightline.core.audit import check_version, save_audited
from sightline.performance import rules, selectors
from sightline.performance.models import Actual, Indicator, Target
from sightline.performance.permissions import Filing

if TYPE_CHECKING:
    from django.contrib.auth.models import User

INDICATOR_FIELDS = [
    "code",
    "title",
    "definition",
    "unit",
    "polarity",
    "frequency",
    "owner",
    "amber_tolerance",
    "illustrative",
    "public",
    "disabled_on",
]


def _check_links(council_id: int, data: dict) -> None:
    errors = {}
    owner = data.get("owner")
    if isinstance(owner, Person) and owner.council_id != council_id:
        errors["owner"] = "Choose one of your council's own people."
    if any(p.plan.council_id != council_id for p in data.get("priorities") or []):
        errors["priorities"] = "Choose your council's own priorities."
    if any(p.plan.council_id != council_id for p in data.get("departmental_plans") or []):
        errors["departmental_plans"] = "Choose your council's own departmental plans."
    if errors:
        raise ValidationError(errors)


def _check_code_unique(indicator: Indicator) -> None:
    clash = Indicator.objects.filter(council_id=indicator.council_id, code=indicator.code)
    if indicator.pk:
        clash = clash.exclude(pk=indicator.pk)
    if clash.exists():
        raise ValidationError({"code": f"Code {indicator.code} is already used by an indicator."})


@transaction.atomic
def indicator_save(
    *,
    by: User,
    data: dict,
    indicator: Indicator | None = None,
    expected_version: int | None = None,
    reason: str = "",
) -> Indicator:
    """Create an indicator (``indicator=None``) or change one. The programme office may do
    either; a director only for indicators measuring their own directorate's plan (a new one
    must name that plan among its ``departmental_plans``)."""
    membership = check(by, "performance.define_indicator")
    plans = data.get("departmental_plans")
    if indicator is None:
        check(
            by,
            "performance.define_indicator",
            Filing(council_id=membership.council_id, departmental_plans=tuple(plans or ())),
        )
        current = Indicator(council=membership.council)
    else:
        check(by, "performance.edit_indicator", indicator)
        current = Indicator.objects.select_for_update().get(pk=indicator.pk)
        check_version(current, expected_version)
        if plans is not None:
            filing = Filing(
                council_id=current.council_id, departmental_plans=tuple(plans), indicator=current
            )
            check(by, "performance.define_indicator", filing)
    for name in INDICATOR_FIELDS:
        if name in data:
            setattr(current, name, data[name])
    _check_links(current.council_id, data)
    _check_code_unique(current)
    save_audited(current, by=by, reason=reason)
    if "priorities" in data:
        current.priorities.set(data["priorities"])
    if plans is not None:
        current.departmental_plans.set(plans)
    if indicator is not None:
        indicator.version = current.version
    return current


def _period(indicator: Indicator, period: datetime.date) -> datetime.date:
    """The first day of the indicator's period containing ``period``."""
    return rules.period_start(period, indicator.frequency)


@transaction.atomic
def target_set(
    *,
    indicator: Indicator,
    period: datetime.date,
    value: Decimal,
    by: User,
    expected_version: int | None = None,
    reason: str = "",
) -> Target:
    """Set the target for one period (it holds for later periods until another is set)."""
    check(by, "performance.set_target", indicator)
    period = _period(indicator, period)
    target = Target.objects.select_for_update().filter(indicator=indicator, period=period).first()
    label = rules.period_label(period, indicator.frequency)
    if target is None:
        target = Target(indicator=indicator, period=period, value=value)
        save_audited(target, by=by, reason=reason or f"Target for {label}")
        return target
    check_version(target, expected_version)
    target.value = value
    save_audited(target, by=by, reason=reason or f"Target for {label} changed")
    return target


@transaction.atomic
def actual_record(
    *,
    indicator: Indicator,
    period: datetime.date,
    value: Decimal,
    commentary: str,
    by: User,
    expected_version: int | None = None,
) -> Actual:
    """Record (or correct) the actual for one period. It awaits a second person's approval,
    and so does a corrected approved actual. Commentary is required when the actual is Red."""
    check(by, "performance.record_actual", indicator)
    period = _period(indicator, period)
    label = rules.period_label(period, indicator.frequency)
    if period > timezone.localdate():
        raise ValidationError(
            {"period": f"{label} has not begun yet, so it cannot have an actual."}
        )
    commentary = (commentary or "").strip()
    target = selectors.target_in_force(
        list(indicator.targets.order_by("period")),
        period,
    )
    if target is not None:
        rating = rules.rag(
            actual=value,
            target=target,
            polarity=indicator.polarity,
            tolerance=indicator.amber_tolerance,
        )
        if rating == rules.RED and not commentary:
            explanation = rules.rag_explanation(
                actual=value,
                target=target,
                polarity=indicator.polarity,
                tolerance=indicator.amber_tolerance,
                unit=indicator.unit,
            )
            raise ValidationError(
                {
                    "commentary": (
                        "Commentary is required when the actual is Red: "
                        f"{explanation.split(': ', 1)[1]} "
                        "Say why, and what is being done about it."
                    )
                }
            )
    actual = Actual.objects.select_for_update().filter(indicator=indicator, period=period).first()
    if actual is None:
        actual = Actual(indicator=indicator, period=period, value=value, commentary=commentary)
        save_audited(actual, by=by, reason=f"Actual for {label} recorded")
        return actual
    check_version(actual, expected_version)
    was_approved = actual.status == Actual.Status.APPROVED
    actual.value = value
    actual.commentary = commentary
    actual.status = Actual.Status.DRAFT
    actual.approved_by = None
    actual.approved_at = None
    reason = f"Actual for {label} changed"
    if was_approved:
        reason += ": it awaits approval again"
    save_audited(actual, by=by, reason=reason)
    return actual


@transaction.atomic
def actual_approve(*, actual: Actual, by: User, expected_version: int | None = None) -> Actual:
    """A second person (programme office, a director or finance, not the one who recorded
    it) approves an actual, which then shows to everyone in the council."""
    check(by, "performance.approve_actual")
    current = (
        Actual.objects.select_for_update(of=("self",)).select_related("indicator").get(pk=actual.pk)
    )
    check(by, "performance.approve_actual", current)  # its council, and not its recorder
    check_version(current, expected_version)
    label = rules.period_label(current.period, current.indicator.frequency)
    if current.status == Actual.Status.APPROVED:
        raise ValidationError(f"The actual for {label} is already approved.")
    current.status = Actual.Status.APPROVED
    current.approved_by = by
    current.approved_at = timezone.now()
    save_audited(current, by=by, reason=f"Actual for {label} approved")
    # save_audited stamps modified_by with the approver; the recorder stays created_by, and
    # the approver is recorded in approved_by.
    actual.status, actual.approved_by, actual.approved_at = (
        current.status,
        current.approved_by,
        current.approved_at,
    )
    actual.version, actual.modified_by = current.version, current.modified_by
    return current
