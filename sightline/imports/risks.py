"""Importing a council's risk register as it has it: risks scored likelihood x impact before
and after their controls, risks given only a score, or risks rated only Red, Amber or Green
each quarter ("Q1 2026/27"), each held as given. Written through
:func:`sightline.risks.services_bulk.risks_save_many`."""

from __future__ import annotations

import re

from django.db import transaction

from sightline.accounts.models import Council
from sightline.accounts.permissions import check
from sightline.core.tables import (
    CellError,
    Field,
    ImportOptions,
    Preview,
    Record,
    Schema,
    Table,
    TableRefused,
    Template,
    dry_run,
    plain,
    quoted,
    read_choice,
    read_date,
    read_number,
)
from sightline.imports.indicators import clean, period_of
from sightline.imports.people import People
from sightline.risks.services_bulk import RiskRow, risks_save_many

RAGS = {"r": "red", "red": "red", "a": "amber", "amber": "amber", "g": "green", "green": "green"}
RAG_WORDS = ("", "rag", "rag status", "rating", "risk rating", "status")


def _scores(stage: str, words: tuple[str, ...]) -> tuple[Field, Field, Field]:
    def names(what: str) -> tuple[str, ...]:
        found = [f"{w} {what}" for w in words] + [f"{what} {w}" for w in words]
        found += [f"{w} risk {what}" for w in words] + [f"{what} ({w})" for w in words]
        return tuple(found)

    label = stage.capitalize()
    return (
        Field(f"{stage}_likelihood", f"{label} likelihood", names("likelihood")),
        Field(f"{stage}_impact", f"{label} impact", names("impact")),
        Field(
            f"{stage}_score",
            f"{label} score",
            names("score")
            + names("rating")
            + (("score", "risk score") if stage == "residual" else ()),
        ),
    )


SCHEMA = Schema(
    kind="risks",
    fields=(
        Field(
            "number",
            "Risk number",
            (
                "risk number",
                "risk no",
                "no",
                "number",
                "ref",
                "reference",
                "risk ref",
                "risk reference",
                "risk id",
                "id",
            ),
            key=True,
        ),
        Field(
            "title", "Risk", ("risk", "title", "risk title", "risk name", "name", "risk summary")
        ),
        Field(
            "description",
            "Cause and consequence",
            (
                "description",
                "risk description",
                "cause and consequence",
                "cause and effect",
                "causes and consequences",
                "consequence",
                "consequences",
            ),
        ),
        Field("directorate", "Directorate", ("directorate", "department", "dept")),
        Field(
            "owner",
            "Owner",
            ("owner", "risk owner", "lead", "lead officer", "responsible officer"),
        ),
        *_scores("initial", ("initial", "inherent", "gross", "original", "raw")),
        *_scores("residual", ("residual", "current", "net", "controlled")),
        Field(
            "controls",
            "Existing controls",
            (
                "controls",
                "existing controls",
                "current controls",
                "controls in place",
                "mitigation",
                "mitigations",
                "existing mitigation",
            ),
        ),
        Field(
            "further_actions",
            "Further actions",
            (
                "further actions",
                "further action",
                "actions",
                "planned actions",
                "mitigating actions",
                "action plan",
                "next steps",
            ),
        ),
        Field(
            "review_on",
            "Next review",
            ("review date", "next review", "review by", "date of next review"),
        ),
        Field("rag", "RAG", (), period_aliases=RAG_WORDS),
        Field(
            "current_rag",
            "RAG",
            ("rag", "rag status", "risk rating", "status", "direction of travel", "trend"),
            imported=False,
            reason="a RAG is imported by quarter: head the column like 'Q1 2026/27' or "
            "'RAG Q1 2026/27'.",
        ),
        Field(
            "priority",
            "Priority",
            ("priority", "strategic priority", "corporate priority", "category", "risk category"),
            imported=False,
            reason="a risk is linked to the priority it threatens on its own page.",
        ),
        Field(
            "target",
            "Target score",
            ("target score", "target risk", "target rating", "target likelihood", "target impact"),
            imported=False,
            reason="Sightline holds a risk's initial and residual scores, not a target.",
        ),
    ),
)
_NUMBER = re.compile(r"^([a-z /-]*?)\s*0*([0-9]{1,9})$", re.IGNORECASE)


class RisksImporter:
    kind = "risks"
    title = "Risk register"
    noun = "risk"
    rule = "risks.import_risks"
    schema = SCHEMA
    description = (
        "Risks scored likelihood x impact before and after their controls, risks given only a "
        "score, or risks rated Red, Amber or Green each quarter (Q1 2026/27): each held as given."
    )

    @property
    def template(self) -> Template:
        header = ["Risk no", "Risk", "Cause and consequence", "Directorate", "Owner"]
        header += ["Initial likelihood", "Initial impact", "Residual likelihood"]
        header += ["Residual impact", "Existing controls", "Further actions", "Review date"]
        rows = [
            ["1", "Savings are not delivered in full", "Slippage leaves a budget gap", ""]
            + ["", "4", "5", "3", "4", "Monthly monitoring", "Replacement savings", "30/06/2026"]
        ]
        notes = ["Risk register: give scores (likelihood and impact 1 to 5) or a RAG by quarter."]
        return Template(header, rows, notes)

    def preview(self, *, council: Council, by, table: Table, options: ImportOptions) -> Preview:
        check(by, self.rule, council)
        plan = _Plan(council, table, options)
        preview = plan.preview()
        rows = clean(plan.rows, plan.errors, table, lambda r: {r.row})
        if rows:  # the rows that read well are checked by the services' rules too

            def write():
                plan.people.create(by=by, reason="")
                return risks_save_many(council=council, by=by, rows=rows)

            result = dry_run(preview, write)
            if result is not None and not preview.errors:
                _outcome(preview, result)
        return preview

    @transaction.atomic
    def save(self, *, council: Council, by, table: Table, options: ImportOptions, reason: str):
        check(by, self.rule, council)
        plan = _Plan(council, table, options)
        preview = plan.preview()
        if preview.errors:
            raise TableRefused(preview.errors)
        plan.people.create(by=by, reason=reason)
        _outcome(preview, risks_save_many(council=council, by=by, rows=plan.rows, reason=reason))
        preview.saved = True
        return preview


def _outcome(preview: Preview, result) -> None:
    preview.created, preview.changed = result.created, result.changed
    preview.unchanged = result.unchanged
    preview.counts = {"quarterly RAGs": result.rags}


class _Plan:
    TEXT = ("title", "description", "controls", "further_actions")
    SCORES = tuple(
        f"{stage}_{what}"
        for stage in ("initial", "residual")
        for what in ("likelihood", "impact", "score")
    )

    def __init__(self, council: Council, table: Table, options: ImportOptions) -> None:
        self.table, self.options = table, options
        self.people = People(council, create_missing=options.create_missing)
        self.errors: list[str] = []
        self.rows: list[RiskRow] = []
        self.prefixes: set[str] = set()
        records = table.records()
        self.count = len(records)
        for record in records:
            self.read(record)

    def fail(self, row: int, column: str, message: str) -> None:
        self.errors.append(f"Row {row}, {column}: {message}")

    def number(self, record: Record) -> int | None:
        text = plain(record.text("number"))
        match = _NUMBER.match(text)
        if not match or not int(match[2]):
            self.fail(
                record.row,
                "number",
                f"{quoted(text)} is not a risk number: give each risk its number in the "
                "register, like 7 or CR07."
                if text
                else "every risk needs its number.",
            )
            return None
        self.prefixes.add(match[1].strip().upper())
        return int(match[2])

    def read(self, record: Record) -> None:
        number = self.number(record)
        if number is None:
            return
        row = RiskRow(record.row, number)
        for name in self.TEXT:
            if self.table.column(name) and record.text(name):
                row.values[name] = record.text(name)
        for name in self.SCORES:
            if self.table.column(name):
                row.values[name] = self.score(record, name)
        for name, find in (("directorate", self.people.directorate), ("owner", self.people.find)):
            text = record.text(name) or (self.options.directorate if name == "directorate" else "")
            if text:
                found, problem = find(text)
                if problem:
                    self.fail(record.row, name, problem)
                row.values[name] = found
        if record.text("review_on"):
            try:
                row.values["review_on"] = read_date(record.text("review_on"))
            except CellError as error:
                self.fail(record.row, "review_on", f"{error}.")
        self.rags(record, row)
        self.rows.append(row)

    def score(self, record: Record, name: str) -> int | None:
        try:
            value = read_number(record.text(name))
        except CellError as error:
            self.fail(record.row, name, f"{error}.")
            return None
        if value is not None and value != value.to_integral_value():
            self.fail(record.row, name, f"{value} is not a whole number.")
            return None
        return int(value) if value is not None else None

    def rags(self, record: Record, row: RiskRow) -> None:
        for column, text in record.periods("rag"):
            if not column.info.quarter:
                self.fail(
                    record.row,
                    column.header,
                    "a RAG is given by quarter: head it like 'Q1 2026/27'.",
                )
                continue
            try:
                rag = read_choice(text, RAGS, "Red, Amber or Green")
            except CellError as error:
                self.fail(record.row, column.header, f"{error}.")
                continue
            if rag:
                quarter = period_of(column)
                row.rags[quarter] = rag
                row.where[quarter] = column.header

    def preview(self) -> Preview:
        warnings = []
        if len(self.prefixes - {""}) == 1 and "" not in self.prefixes:
            prefix = next(iter(self.prefixes))
            warnings.append(
                f"Risk references like {prefix}07 are read as risk numbers (7) in the register."
            )
        elif len(self.prefixes) > 1:
            self.errors.append(
                f"Row {self.table.header_row}, number: the references have different prefixes "
                f"({', '.join(sorted(p or 'none' for p in self.prefixes))}), so their numbers "
                "could clash: import each register on its own."
            )
        rated = sum(
            1 for r in self.rows if r.rags and not any(r.values.get(n) for n in self.SCORES)
        )
        if rated:
            warnings.append(
                f"{rated} risk{'s are' if rated > 1 else ' is'} rated only Red, Amber or Green "
                "by quarter: held with those RAGs and no scores (no likelihood or impact is read "
                "into them)."
            )
        return Preview(
            kind="risks",
            rows=self.count,
            noun="risk",
            to_create=self.people.to_create(),
            warnings=[*warnings, *self.table.notes()],
            errors=self.errors,
        )


RISKS_IMPORTER = RisksImporter()
