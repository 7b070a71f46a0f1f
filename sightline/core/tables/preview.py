"""What an import will do, shown before anything is saved: the options it was read with,
what it creates and changes, its totals, its warnings and its errors by row and column."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Protocol

from django.core.exceptions import ValidationError

from sightline.core.tables.amounts import AmountUnit
from sightline.core.tables.errors import TableRefused
from sightline.core.tables.table import Schema, Table
from sightline.core.tables.templates import Template

SAVINGS_POSITIVE = "savings-positive"
SAVINGS_NEGATIVE = "savings-negative"
SIGNS = {
    SAVINGS_POSITIVE: "savings printed as positive amounts",
    SAVINGS_NEGATIVE: "savings printed as negative amounts or in brackets",
}


@dataclass(frozen=True)
class ImportOptions:
    """How to read a table, as the upload form or the command line gives it."""

    units: AmountUnit | None = None
    signs: str | None = None  # SAVINGS_POSITIVE or SAVINGS_NEGATIVE
    sheet: str = ""
    directorate: str = ""  # a table of one directorate
    reference_prefix: str = ""  # references for a table without them: "SAV" -> SAV-001
    create_missing: bool = False  # create unknown directorates, service areas and bundles
    savings_type: str = ""  # for rows that give none
    columns: dict[str, str] = field(default_factory=dict)  # header key -> field name

    def as_json(self) -> dict[str, Any]:
        return {
            "units": self.units.value if self.units else "",
            "signs": self.signs or "",
            "sheet": self.sheet,
            "directorate": self.directorate,
            "reference_prefix": self.reference_prefix,
            "create_missing": self.create_missing,
            "savings_type": self.savings_type,
            "columns": dict(self.columns),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> ImportOptions:
        data = data or {}
        return cls(
            units=AmountUnit(data["units"]) if data.get("units") else None,
            signs=data.get("signs") or None,
            sheet=data.get("sheet") or "",
            directorate=data.get("directorate") or "",
            reference_prefix=data.get("reference_prefix") or "",
            create_missing=bool(data.get("create_missing")),
            savings_type=data.get("savings_type") or "",
            columns=dict(data.get("columns") or {}),
        )


@dataclass
class Change:
    """One record the import creates or changes, and how."""

    key: str  # the reference or code
    title: str
    action: str  # "create" or "change"
    details: list[str] = field(default_factory=list)


_PLACED = re.compile(r"^Row (?P<row>\d[\d,]*)(?:, (?P<column>[^:]+))?: (?P<message>.*)$", re.S)


@dataclass(frozen=True)
class Problem:
    row: str
    column: str
    message: str

    @classmethod
    def of(cls, text: str) -> Problem:
        match = _PLACED.match(str(text))
        if match is None:
            return cls("", "", str(text))
        column = (match["column"] or "").replace("_", " ")
        return cls(match["row"], column, match["message"])


def rows_of(errors: list[str]) -> set[int]:
    """The rows the messages name."""
    found = set()
    for error in errors:
        row = Problem.of(error).row.replace(",", "")
        if row.isdigit():
            found.add(int(row))
    return found


def by_row(errors: list[str]) -> list[str]:
    """The messages in the order of their rows (the table's own problems first)."""

    def row(error: str) -> int:
        number = Problem.of(error).row.replace(",", "")
        return int(number) if number.isdigit() else 0

    return sorted(dict.fromkeys(errors), key=row)


@dataclass
class Preview:
    """What an import will do (or, once saved, did)."""

    kind: str
    rows: int = 0  # rows of the table read (not counting headings and subtotals)
    created: list[Change] = field(default_factory=list)
    changed: list[Change] = field(default_factory=list)
    unchanged: int = 0
    to_create: dict[str, list[str]] = field(default_factory=dict)  # "directorates": [names]
    years: list[tuple[str, int]] = field(default_factory=list)  # ("2026/27", pence)
    groups: list[tuple[str, list[int]]] = field(default_factory=list)  # per directorate
    group_label: str = "Directorate"
    warnings: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    noun: str = "record"  # "proposal", "risk"
    counts: dict[str, int] = field(default_factory=dict)  # {"savings lines": 21}
    saved: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def problems(self) -> list[Problem]:
        return [Problem.of(e) for e in self.errors]

    def year_lines(self) -> list[str]:
        """``2026/27 £4,107,567``: one line per financial year."""
        from sightline.core.money import format_pounds

        return [f"{label} {format_pounds(pence)}" for label, pence in self.years]


def rolled_back(write):
    """Run ``write()`` (a service's bulk write, with every check it makes) and undo what it
    wrote: what an import would do, without doing it."""
    from django.db import transaction

    with transaction.atomic():
        result = write()
        transaction.set_rollback(True)
    return result


def dry_run(preview: Preview, write, refused: type[ValidationError] = TableRefused):
    """What ``write()`` (a service's bulk write) would do, through :func:`rolled_back`: the
    rows the reader found good are checked by the services' own rules too. A refusal's
    messages join the preview's errors in row order and the result is None."""
    try:
        return rolled_back(write)
    except refused as error:
        preview.errors = by_row([*preview.errors, *error.messages])
        return None


class Importer(Protocol):
    """One kind of table: what it reads and the service its rows are written through."""

    kind: str  # "tracker"
    title: str  # "Savings tracker"
    rule: str  # the permission rule asked: "savings.import_proposals"
    schema: Schema
    description: str
    noun: str  # "proposal"

    @property
    def template(self) -> Template: ...

    def preview(self, *, council, by, table: Table, options: ImportOptions) -> Preview: ...

    def save(
        self, *, council, by, table: Table, options: ImportOptions, reason: str
    ) -> Preview: ...
