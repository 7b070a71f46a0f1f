"""Find; if missing, create through the service; if different, change through the service.

The demo loader writes nothing itself: every record is created or changed by the app's own
service, asked as a login whose role the service's rule allows. Running the loader twice
leaves the same data, because a record that already says what the documents say is not
written again (and so gains no history row).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.db import models

T = TypeVar("T", bound=models.Model)


def differences(obj: models.Model, wanted: dict) -> dict:
    """The ``wanted`` values that ``obj`` does not already have (related records compared by
    primary key, without reading them)."""
    changed = {}
    for name, value in wanted.items():
        field = obj._meta.get_field(name)
        if field.is_relation and field.concrete:
            current = getattr(obj, field.attname)
            value_pk = value.pk if isinstance(value, models.Model) else value
            if current != value_pk:
                changed[name] = value
        elif getattr(obj, name) != value:
            changed[name] = value
    return changed


def ensure(
    found: T | None,
    wanted: dict,
    *,
    create: Callable[[], T],
    update: Callable[[T, dict], T],
) -> T:
    """``found`` as it is if it has every ``wanted`` value; else ``update(found, changes)``;
    or ``create()`` when there is nothing to find."""
    if found is None:
        return create()
    changed = differences(found, wanted)
    return update(found, changed) if changed else found


def keep(
    model: type[T],
    lookup: dict,
    values: dict | None = None,
    *,
    save: Callable[[T, int | None], object],
) -> T:
    """The record matching ``lookup``, created with ``values`` or changed to them by
    ``save(record, expected_version)`` (a service taking the whole record, such as
    ``reference_save`` or ``plan_record_save``): ``None`` for a new record, else the version
    just read, so an edit made meanwhile is refused rather than overwritten."""
    values = values or {}

    def create() -> T:
        obj = model(**lookup, **values)
        save(obj, None)
        return obj

    def update(obj: T, changed: dict) -> T:
        for name, value in changed.items():
            setattr(obj, name, value)
        save(obj, obj.version)
        return obj

    return ensure(
        model._default_manager.filter(**lookup).first(), values, create=create, update=update
    )
