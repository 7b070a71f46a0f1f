"""Reading a record's history back: each change with who, when, why and from what to what."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

IGNORED = {"modified_at", "modified_by", "version", "created_at", "created_by"}


@dataclass
class Change:
    field: str  # its label, as a page shows it
    old: object
    new: object
    name: str = ""  # the field's name in the code


@dataclass
class HistoryEntry:
    at: datetime
    by: str
    kind: str
    reason: str
    changes: list[Change] = field(default_factory=list)
    user_id: int | None = None

    def changed(self) -> dict[str, tuple[object, object]]:
        """The fields this change changed, by name: ``{name: (old, new)}``."""
        return {c.name: (c.old, c.new) for c in self.changes}


def _label(model, name: str) -> str:
    try:
        return str(model._meta.get_field(name).verbose_name).capitalize()
    except Exception:  # noqa: BLE001 - a field removed since the record was written
        return name


def _display(record, name: str):
    value = getattr(record, name, None)
    try:
        f = record.instance_type._meta.get_field(name)
    except Exception:  # noqa: BLE001
        return value
    if f.choices:
        return dict(f.flatchoices).get(value, value)
    if f.is_relation and value is not None:
        try:
            return str(getattr(record, name))
        except Exception:  # noqa: BLE001 - the related record has gone
            return value
    return value


def history_for(obj, *, limit: int = 50) -> list[HistoryEntry]:
    """The newest ``limit`` changes to ``obj``, each with the fields it changed."""
    records = list(obj.history.select_related("history_user").order_by("-history_id")[: limit + 1])
    entries = []
    kinds = {"+": "Created", "~": "Changed", "-": "Deleted"}
    for index, record in enumerate(records[:limit]):
        previous = records[index + 1] if index + 1 < len(records) else None
        changes = []
        if previous is not None and record.history_type == "~":
            delta = record.diff_against(previous, excluded_fields=IGNORED)
            for change in delta.changes:
                changes.append(
                    Change(
                        field=_label(type(obj), change.field),
                        old=_display(previous, change.field),
                        new=_display(record, change.field),
                        name=change.field,
                    )
                )
        user = record.history_user
        entries.append(
            HistoryEntry(
                at=record.history_date,
                by=(user.get_full_name() or user.get_username()) if user else "System",
                kind=kinds.get(record.history_type, record.history_type),
                reason=record.history_change_reason or "",
                changes=changes,
                user_id=record.history_user_id,
            )
        )
    return entries
