"""Idempotent writes for the demo loader: running it twice leaves the same data."""

from __future__ import annotations

from django.db import models


def upsert(model: type[models.Model], lookup: dict, values: dict | None = None, *, reason: str):
    """Get the record matching ``lookup`` or create it; update ``values`` only where they differ.

    A record is saved (and so gains a history row) only when something actually changed.
    """
    values = values or {}
    obj = model._default_manager.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **values)
        obj._change_reason = reason
        obj.full_clean()
        obj.save()
        return obj
    changed = False
    for key, value in values.items():
        current = getattr(obj, key)
        if isinstance(current, models.Model) or isinstance(value, models.Model):
            current_pk = getattr(current, "pk", current)
            value_pk = getattr(value, "pk", value)
            if current_pk != value_pk:
                setattr(obj, key, value)
                changed = True
        elif current != value:
            setattr(obj, key, value)
            changed = True
    if changed:
        obj._change_reason = reason
        obj.full_clean()
        obj.save()
    return obj
