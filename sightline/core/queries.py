"""Helpers for reading many records cheaply, whatever the app."""

from __future__ import annotations

from django.db.models import Model


def attach_shared(objects: list[Model], relation: str, model: type[Model], **fields: str) -> None:
    """Set each object's foreign key ``relation`` to one ``model`` instance per related record,
    made from fields read with the objects (``fields``: the related field's attname, and the
    objects' attribute holding it), its other fields deferred. ``select_related`` makes a copy
    of the related record for every object: a county's thousand live savings came with 5,000
    copies of a few hundred people, directorates and bundles, whose making was a third of the
    grid's time and, kept to the end of the request, had Python's garbage collector scan the
    whole process every second or third request."""
    made: dict[int, Model] = {}
    for obj in objects:
        pk = getattr(obj, f"{relation}_id")
        if pk is None:
            continue
        related = made.get(pk)
        if related is None:
            values = [pk, *(getattr(obj, attribute) for attribute in fields.values())]
            names = [model._meta.pk.attname, *fields]
            related = made[pk] = model.from_db(obj._state.db, names, values)
        setattr(obj, relation, related)
