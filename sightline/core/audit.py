"""Writing records with their history and audit trail, always inside the caller's transaction."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction

from sightline.core.models import AuditEvent


class StaleEdit(ValidationError):
    """The record changed since the form was opened; the edit is refused, never merged."""


def _plain(value: Any) -> Any:
    if isinstance(value, models.Model):
        return str(value)
    if value is None or isinstance(value, bool | int | str):
        return value
    return str(value)


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """The fields whose value changed, as ``{field: [old, new]}`` in plain JSON values."""
    return {
        key: [_plain(before.get(key)), _plain(value)]
        for key, value in after.items()
        if before.get(key) != value
    }


def snapshot(obj: models.Model, fields: list[str] | None = None) -> dict[str, Any]:
    """The values of a record's concrete fields (foreign keys by id)."""
    names = fields or [
        f.attname for f in obj._meta.concrete_fields if f.name not in {"modified_at", "version"}
    ]
    return {name: getattr(obj, name) for name in names}


def record_event(
    *,
    actor,
    verb: str,
    target: models.Model,
    council=None,
    changes: dict | None = None,
    reason: str = "",
) -> AuditEvent:
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit events are written inside the service's transaction")
    return AuditEvent.objects.create(
        council=council,
        actor=actor if actor is not None and actor.is_authenticated else None,
        verb=verb,
        target_type=ContentType.objects.get_for_model(target, for_concrete_model=False),
        target_id=str(target.pk),
        target_repr=str(target)[:300],
        changes=changes or {},
        reason=reason,
    )


def check_version(obj: models.Model, expected: int | None) -> None:
    """Refuse an edit made against an older version of the record."""
    if expected is not None and int(expected) != obj.version:
        raise StaleEdit(
            f"{obj._meta.verbose_name.capitalize()} “{obj}” was changed by someone else "
            f"since you opened it (you had version {expected}, it is now version {obj.version}). "
            "Reload the page to see their changes, then make yours again.",
            code="stale",
        )


def save_audited(
    obj: models.Model,
    *,
    by,
    verb: str,
    council=None,
    before: dict[str, Any] | None = None,
    reason: str = "",
    bump_version: bool = True,
) -> AuditEvent:
    """full_clean, stamp, save with a history row carrying who and why, and log the event.

    Must be called inside ``transaction.atomic``. ``before`` is a :func:`snapshot` taken
    before the change; without it the event records every field as new.
    """
    user = by if by is not None and by.is_authenticated else None
    obj.full_clean()
    if obj.pk is None or obj._state.adding:
        obj.created_by = user
    elif bump_version:
        obj.version += 1
    obj.modified_by = user
    obj._history_user = user
    obj._change_reason = reason
    obj.save()
    changes = diff(before or {}, snapshot(obj))
    return record_event(
        actor=user, verb=verb, target=obj, council=council, changes=changes, reason=reason
    )


def save_edit(
    obj: models.Model,
    *,
    by,
    council,
    reason: str = "",
    expected_version: int | None = None,
) -> AuditEvent:
    """Create ``obj``, or save an edit of it made against ``expected_version``, audited as
    ``<model>.created`` or ``<model>.changed`` with what changed from what."""
    before: dict[str, Any] = {}
    if obj.pk:
        current = type(obj).objects.get(pk=obj.pk)
        check_version(current, expected_version)
        before = snapshot(current)
        obj.version = current.version
    return save_audited(
        obj,
        by=by,
        verb=f"{obj._meta.model_name}.{'changed' if before else 'created'}",
        council=council,
        before=before,
        reason=reason,
    )
