"""Inserting many new records with their history rows in few statements: the last step of an
import's bulk write, once every rule has passed.

Django's ``bulk_create`` prepares each value of each row through the field's own
``get_db_prep_save``, which is most of the time an import of ten thousand proposals takes.
Here each field prepares each distinct value once (an import's rows share their stamps, years,
kinds and flags) and rows go in as multi-row ``INSERT ... RETURNING`` statements as large as
the database takes. The values are those Django would write; the history rows are those
django-simple-history's ``bulk_history_create`` would (``+``, who, when, why).
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from django.db import connections, router
from django.db.models import Model

if TYPE_CHECKING:
    from django.contrib.auth.models import User

MAX_ROWS = 2_000  # rows a statement at most, whatever the database allows


class _Prepared:
    """Each field's database value for a Python value, worked out once per distinct value."""

    def __init__(self, connection) -> None:
        self.connection = connection
        self.cache: dict = {}

    def __call__(self, field, value):
        try:
            return self.cache[(field, value)]
        except KeyError:
            prepared = self.cache[(field, value)] = field.get_db_prep_save(value, self.connection)
            return prepared
        except TypeError:  # an unhashable value (a list, a dict)
            return field.get_db_prep_save(value, self.connection)


def _max_params(connection) -> int:
    if connection.vendor == "sqlite":
        try:
            return connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
        except (AttributeError, sqlite3.Error):
            return 999
    return 65_535 if connection.vendor == "postgresql" else 999


def insert(model: type[Model], objs: list[Model], *, when) -> None:
    """Insert new ``objs`` of ``model``, setting each one's id, and their auto-now stamps to
    ``when``. The records they point to must be saved already."""
    if not objs:
        return
    alias = router.db_for_write(model)
    connection = connections[alias]
    fields = [f for f in model._meta.local_concrete_fields if not f.primary_key]
    for obj in objs:
        # As bulk_create does: a related record saved since it was set lends its id now.
        obj._prepare_related_fields_for_save(operation_name="insert")
        for field in fields:
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                setattr(obj, field.attname, when)
    rows = [[getattr(obj, f.attname) for f in fields] for obj in objs]
    ids = _insert_rows(connection, model, fields, rows, returning=True)
    for obj, pk in zip(objs, ids, strict=True):
        obj.pk = pk
        obj._state.adding, obj._state.db = False, alias


def insert_history(model: type[Model], objs: list[Model], *, by: User, reason: str, when) -> None:
    """One history row ("+") for each of the newly inserted ``objs``: who, when and why."""
    if not objs:
        return
    history = model.history.model
    connection = connections[router.db_for_write(history)]
    tracked = {f.attname for f in history.tracked_fields}
    fields = [f for f in history._meta.local_concrete_fields if not f.primary_key]
    extra = {
        "history_date": when,
        "history_user_id": getattr(by, "pk", None),
        "history_change_reason": reason,
        "history_type": "+",
    }
    rows = []
    for obj in objs:
        rows.append(
            [getattr(obj, f.attname) if f.attname in tracked else extra[f.attname] for f in fields]
        )
    _insert_rows(connection, history, fields, rows, returning=False)


def _insert_rows(connection, model, fields, rows: list[list], *, returning: bool) -> list:
    prepare = _Prepared(connection)
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    one = "(" + ", ".join(["%s"] * len(fields)) + ")"
    pk = quote(model._meta.pk.column)
    table = quote(model._meta.db_table)
    size = max(1, min(MAX_ROWS, _max_params(connection) // max(len(fields), 1)))
    ids: list = []
    with connection.cursor() as cursor:
        for start in range(0, len(rows), size):
            batch = rows[start : start + size]
            # Table and column names are the models' own, quoted; every value is a parameter.
            values = ", ".join([one] * len(batch))
            tail = f" RETURNING {pk}" if returning else ""
            sql = f"INSERT INTO {table} ({columns}) VALUES {values}{tail}"  # noqa: S608
            params = [
                prepare(f, value) for row in batch for f, value in zip(fields, row, strict=True)
            ]
            cursor.execute(sql, params)
            if returning:
                ids.extend(row[0] for row in cursor.fetchall())
    return ids
