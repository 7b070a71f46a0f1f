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


HISTORY_PAGE_SIZE = 50
MAX_PAGE = 10**6  # a larger page number is past any record's last page


class History(list):
    """One page of a record's history, newest first: a list of :class:`HistoryEntry` that
    knows its page ``number``, whether there are ``older`` and ``newer`` changes, and whether
    the page asked for one (``paged``: its view reads ``?history=`` and links the pages)."""

    def __init__(
        self,
        entries=(),
        *,
        number: int = 1,
        size: int = HISTORY_PAGE_SIZE,
        older: bool = False,
        paged: bool = False,
    ):
        super().__init__(entries)
        self.number, self.size, self.older, self.paged = number, size, older, paged

    @property
    def newer(self) -> bool:
        return self.number > 1

    @property
    def first(self) -> int:
        return (self.number - 1) * self.size + 1

    @property
    def last(self) -> int:
        return self.first + len(self) - 1


def _page_number(page) -> int:
    try:
        return min(max(1, int(page)), MAX_PAGE)
    except (TypeError, ValueError):
        return 1


def history_for(obj, *, limit: int = HISTORY_PAGE_SIZE, page=None) -> History:
    """The newest ``limit`` changes to ``obj``, each with the fields it changed; with ``page``
    (``request.GET.get("history")``), that page of ``limit`` changes, newest first. One
    query whatever the record's history (three for a page past the last, which is the last)."""
    number = _page_number(page)
    records = _records(obj, number=number, limit=limit)
    if not records and number > 1:
        number = max(1, -(-obj.history.count() // limit))
        records = _records(obj, number=number, limit=limit)
    entries = History(number=number, size=limit, older=len(records) > limit, paged=page is not None)
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


def _records(obj, *, number: int, limit: int) -> list:
    """This page's history records and the one before them (to say what its oldest changed,
    and that there are older changes)."""
    start = (number - 1) * limit
    return list(
        obj.history.select_related("history_user").order_by("-history_id")[
            start : start + limit + 1
        ]
    )
