"""Saving records with their history, always inside the caller's transaction.

The one audit trail is django-simple-history's (``docs/adr/0002-one-audit-trail.md``): every
save through :func:`save_audited` writes the record and, in the same transaction, its history
row with who made the change and why. ``core/history.py`` reads it back for pages, the API
and reports, and ``Model.history.as_of(when)`` gives the state at any past moment.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction


class StaleEdit(ValidationError):
    """The record changed since the form was opened; the edit is refused, never merged."""


def check_version(obj: models.Model, expected: int | None) -> None:
    """Refuse an edit made against an older version of the record."""
    if expected is not None and int(expected) != obj.version:
        raise StaleEdit(
            f"{obj._meta.verbose_name.capitalize()} “{obj}” was changed by someone else "
            f"since you opened it (you had version {expected}, it is now version {obj.version}). "
            "Reload the page to see their changes, then make yours again.",
            code="stale",
        )


def save_audited(obj: models.Model, *, by, reason: str = "", bump_version: bool = True) -> None:
    """``full_clean``, stamp who made the change, bump the version of an edit, and save: the
    history row carries ``by`` and ``reason``.

    Must be called inside ``transaction.atomic``, so the record and its history are written
    together or not at all.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("records are saved inside the service's transaction")
    user = by if by is not None and by.is_authenticated else None
    _no_text_as_empty(obj)
    obj.full_clean()
    if obj.pk is None or obj._state.adding:
        obj.created_by = user
    elif bump_version:
        obj.version += 1
    obj.modified_by = user
    obj._history_user = user
    obj._change_reason = reason
    obj.save()


def save_edit(
    obj: models.Model, *, by, reason: str = "", expected_version: int | None = None
) -> None:
    """Create ``obj``, or save an edit of it made against ``expected_version``."""
    if obj.pk:
        current = type(obj).objects.select_for_update().get(pk=obj.pk)
        check_version(current, expected_version)
        obj.version = current.version
    save_audited(obj, by=by, reason=reason)


def delete_audited(obj: models.Model, *, by, reason: str = "") -> None:
    """Delete a record that is replaced whole (a savings line, a staffing row): its history
    keeps a row saying who removed it and why."""
    obj._history_user = by if by is not None and by.is_authenticated else None
    obj._change_reason = reason
    obj.delete()


def snapshot(obj: models.Model, fields: list[str] | None = None) -> dict[str, Any]:
    """The values of a record's concrete fields (foreign keys by id), to compare before and
    after a change."""
    names = fields or [
        f.attname for f in obj._meta.concrete_fields if f.name not in {"modified_at", "version"}
    ]
    return {name: getattr(obj, name) for name in names}


def _no_text_as_empty(obj: models.Model) -> None:
    """A text field that holds no null takes "no text" (``None``, as an API client's ``null``
    says it) as the empty string, Django's convention: ``full_clean`` lets ``None`` through a
    field that may be blank, and the database would refuse it."""
    for field in obj._meta.concrete_fields:
        if (
            isinstance(field, models.CharField | models.TextField)
            and not field.null
            and getattr(obj, field.attname) is None
        ):
            setattr(obj, field.attname, "")
