"""Importing a council's performance indicators with their targets and actuals, from the
indicator table of a performance report: a row per indicator with a column per period
("Target 2026/27", "Q1 2026/27 actual"), or a row per indicator and period. Written through
:func:`sightline.performance.services_bulk.indicators_save_many`."""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.db import transaction

from sightline.accounts.models import Council
from sightline.accounts.permissions import check
from sightline.core.tables import (
    CellError,
    Column,
    Field,
    ImportOptions,
    Preview,
    Record,
    Schema,
    Table,
    TableRefused,
    Template,
    dry_run,
    is_nil,
    plain_key,
    read_choice,
    read_number,
    rows_of,
)
from sightline.imports.people import People
from sightline.performance import rules
from sightline.performance.models import Indicator
from sightline.performance.services_bulk import IndicatorRow, indicators_save_many

UNITS = {
    "%": "percent",
    "percent": "percent",
    "percentage": "percent",
    "per cent": "percent",
    "number": "number",
    "no": "number",
    "count": "number",
    "#": "number",
    "days": "days",
    "day": "days",
    "£": "pounds",
    "pounds": "pounds",
    "gbp": "pounds",
    "money": "pounds",
    "rate": "rate",
}
POLARITY = {
    "higher": "higher",
    "higher is better": "higher",
    "high": "higher",
    "up": "higher",
    "bigger is better": "higher",
    "maximise": "higher",
    "lower": "lower",
    "lower is better": "lower",
    "low": "lower",
    "down": "lower",
    "smaller is better": "lower",
    "minimise": "lower",
}
FREQUENCY = {
    "monthly": "monthly",
    "month": "monthly",
    "m": "monthly",
    "quarterly": "quarterly",
    "quarter": "quarterly",
    "q": "quarterly",
    "annual": "annual",
    "annually": "annual",
    "yearly": "annual",
    "year": "annual",
    "a": "annual",
}
TARGET_WORDS = ("target", "targets")
ACTUAL_WORDS = ("actual", "actuals", "outturn", "result", "performance")

SCHEMA = Schema(
    kind="indicators",
    fields=(
        Field(
            "code",
            "Code",
            (
                "code",
                "indicator code",
                "pi code",
                "kpi code",
                "ref",
                "reference",
                "indicator ref",
                "pi ref",
                "kpi ref",
                "indicator no",
                "pi",
                "kpi",
                "ni",
            ),
            key=True,
        ),
        Field(
            "title",
            "Title",
            (
                "title",
                "indicator",
                "indicator title",
                "indicator name",
                "measure",
                "name",
                "performance indicator",
                "description",
                "kpi description",
                "pi description",
            ),
        ),
        Field("definition", "Definition", ("definition", "how it is measured", "calculation")),
        Field("unit", "Unit", ("unit", "units", "unit of measure", "measure type", "format")),
        Field(
            "polarity",
            "Polarity",
            ("polarity", "good is", "good performance is", "higher or lower is better", "aim"),
        ),
        Field("frequency", "Frequency", ("frequency", "reporting frequency", "reported")),
        Field(
            "owner",
            "Owner",
            ("owner", "indicator owner", "lead officer", "responsible officer", "lead"),
        ),
        Field("amber_tolerance", "Amber tolerance", ("amber tolerance", "tolerance")),
        Field("period", "Period", ("period", "quarter", "month", "financial year", "year")),
        Field("target", "Target", TARGET_WORDS, period_aliases=TARGET_WORDS),
        Field("actual", "Actual", ACTUAL_WORDS, period_aliases=ACTUAL_WORDS),
        Field("commentary", "Commentary", ("commentary", "comment", "comments", "narrative")),
        Field(
            "rag",
            "RAG",
            ("rag", "rag status", "status", "direction of travel", "dot", "trend"),
            period_aliases=("rag", "rag status", "status"),
            imported=False,
            reason="Sightline works out each actual's RAG and direction from its target.",
        ),
        Field(
            "links",
            "Priority",
            ("priority", "strategic priority", "directorate", "service", "department"),
            imported=False,
            reason="an indicator is linked to priorities and plans on its own page.",
        ),
    ),
)


class IndicatorsImporter:
    kind = "indicators"
    title = "Indicators, targets and actuals"
    noun = "indicator"
    rule = "performance.import_indicators"
    schema = SCHEMA
    description = (
        "Performance indicators with their targets and actuals: a row per indicator with a "
        "column per period (Target 2026/27, Q1 2026/27 actual), or a row per period."
    )

    @property
    def template(self) -> Template:
        header = ["Code", "Title", "Unit", "Polarity", "Frequency", "Owner"]
        header += ["Target 2026/27", "Q1 2026/27 actual", "Commentary"]
        rows = [["LBC 1", "Households in temporary accommodation", "number", "lower"]]
        rows[0] += ["quarterly", "", "120", "131", "Demand rose after the winter."]
        notes = ["Indicators: each actual awaits a second person's approval once imported."]
        return Template(header, rows, notes)

    def preview(self, *, council: Council, by, table: Table, options: ImportOptions) -> Preview:
        check(by, self.rule, council)
        plan = _Plan(council, table, options)
        preview = plan.preview()
        rows = clean(plan.rows, plan.errors, table, lambda r: plan.sources[r.code])
        if rows:  # the rows that read well are checked by the services' rules too

            def write():
                plan.people.create(by=by, reason="")
                return indicators_save_many(council=council, by=by, rows=rows)

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
        _outcome(
            preview, indicators_save_many(council=council, by=by, rows=plan.rows, reason=reason)
        )
        preview.saved = True
        return preview


def clean(rows: list, errors: list[str], table: Table, sources) -> list:
    """The rows none of whose lines has a problem (none, if the table as a whole has)."""
    bad = rows_of(errors)
    if any(row <= table.header_row for row in bad):
        return []
    return [r for r in rows if not set(sources(r)) & bad]


def _outcome(preview: Preview, result) -> None:
    preview.created, preview.changed = result.created, result.changed
    preview.unchanged = result.unchanged
    preview.counts = {"targets": result.targets, "actuals": result.actuals}


def period_of(column: Column) -> datetime.date:
    """The first day of the year or quarter a column is for."""
    start = column.info.fy.starts_on
    if not column.info.quarter:
        return start
    month = start.month + 3 * (column.info.quarter - 1)
    return datetime.date(start.year + (month - 1) // 12, (month - 1) % 12 + 1, 1)


class _Plan:
    def __init__(self, council: Council, table: Table, options: ImportOptions) -> None:
        self.council, self.table = council, table
        self.people = People(council, create_missing=options.create_missing)
        self.errors: list[str] = []
        self.rows: list[IndicatorRow] = []
        self.by_code: dict[str, IndicatorRow] = {}
        self.sources: dict[str, set[int]] = defaultdict(set)  # code -> its rows
        self.frequencies = dict(
            Indicator.objects.filter(council=council).values_list("code", "frequency")
        )
        records = table.records()
        self.count = len(records)
        for record in records:
            self.read(record)

    def fail(self, row: int, column: str, message: str) -> None:
        self.errors.append(f"Row {row}, {column}: {message}")

    def read(self, record: Record) -> None:
        code = record.text("code")
        if not code:
            return self.fail(record.row, "code", "every row needs the indicator's code.")
        self.sources[code].add(record.row)
        row = self.by_code.get(code)
        if row is None:
            row = self.by_code[code] = IndicatorRow(record.row, code)
            self.rows.append(row)
        self.fields(record, row)
        frequency = row.values.get("frequency") or self.frequencies.get(code) or "quarterly"
        self.periods(record, row, frequency)
        return None

    def fields(self, record: Record, row: IndicatorRow) -> None:
        for name in ("title", "definition"):
            if record.text(name):
                row.values[name] = record.text(name)
        for name, choices, what in (
            ("unit", UNITS, "a unit"),
            ("polarity", POLARITY, "higher or lower is better"),
            ("frequency", FREQUENCY, "monthly, quarterly or annual"),
        ):
            try:
                value = read_choice(record.text(name), choices, what)
            except CellError as error:
                self.fail(record.row, name, f"{error}.")
                continue
            if value:
                row.values[name] = value
        if record.text("amber_tolerance"):
            try:
                row.values["amber_tolerance"] = read_number(record.text("amber_tolerance"))
            except CellError as error:
                self.fail(record.row, "amber_tolerance", f"{error}.")
        if record.text("owner"):
            owner, problem = self.people.find(record.text("owner"))
            if problem:
                self.fail(record.row, "owner", problem)
            row.values["owner"] = owner

    def periods(self, record: Record, row: IndicatorRow, frequency: str) -> None:
        commentary = record.text("commentary")
        found: list[tuple[str, datetime.date, object, str]] = []
        for what in ("target", "actual"):
            for column, text in record.periods(what):
                found.append((what, period_of(column), text, column.header))
            single = self.table.column(what)
            if single and record.text(what):
                found.append((what, self.period(record, frequency), record.text(what), what))
        latest = max((p for w, p, t, _ in found if w == "actual" and not is_nil(t)), default=None)
        for what, period, text, column in found:
            if period is None:
                continue
            try:
                value = read_number(text)
            except CellError as error:
                self.fail(record.row, column, f"{error}.")
                continue
            if value is None:
                continue
            row.where[(what, period)] = (record.row, column)
            if what == "target":
                row.targets[period] = value
            else:
                row.actuals[period] = (value, commentary if period == latest else "")

    def period(self, record: Record, frequency: str) -> datetime.date | None:
        text = record.text("period")
        if not text:
            self.fail(record.row, "period", "give the period a target or actual is for.")
            return None
        try:
            return rules.parse_period(text, frequency)
        except ValueError as error:
            self.fail(record.row, "period", str(error))
            return None

    def preview(self) -> Preview:
        warnings = []
        if self.table.column("commentary") and (
            self.table.period_columns("actual") and not self.table.column("period")
        ):
            warnings.append("Commentary is taken as the commentary of each row's latest actual.")
        warnings.append(
            "Imported actuals await a second person's approval, as any actual does: until then "
            "only their owners and those who approve actuals see them."
        )
        known = {plain_key(r.code) for r in self.rows}
        return Preview(
            kind="indicators",
            rows=self.count,
            noun="indicator",
            to_create=self.people.to_create(),
            warnings=[*warnings, *self.table.notes()],
            errors=self.errors,
            counts={"indicators": len(known)},
        )


INDICATORS_IMPORTER = IndicatorsImporter()
