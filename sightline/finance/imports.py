"""Importing a financial plan table as councils publish it: a row per line (a service, an
item below service expenditure, a capital programme line or a source of its financing), a
column per year in £m, £000 or £, with subtotals and totals left out and named. Read by the
generic table reader (``sightline.core.tables``), written through
:func:`sightline.finance.services.budget_lines_save_many`.

Which table a row belongs to is said by a heading row above it ("Capital expenditure",
"Capital financing") or the title above the table; rows after a subtotal that adds up the
lines above it (the Corporate Plan's "Service expenditure") are the items below it, such as
capital financing. A column headed "outturn" or "actual" is the year's outturn; any other
year column ("2011/12 expenditure £m", "Budget 2014/15") its budget.
"""

from __future__ import annotations

from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db import transaction

from sightline.accounts.models import Council
from sightline.accounts.permissions import check
from sightline.core.fiscal import FinancialYear
from sightline.core.money import MoneyError
from sightline.core.tables import (
    Change,
    Field,
    ImportOptions,
    Preview,
    Record,
    Schema,
    Table,
    TableRefused,
    Template,
    dry_run,
    plain_key,
)
from sightline.finance.models import LineKind

LINE_WORDS = (
    "service",
    "services",
    "line",
    "budget line",
    "description",
    "item",
    "service area",
    "source",
    "financing",
    "funding source",
    "heading",
)
BUDGET_WORDS = (
    "",
    "budget",
    "expenditure",
    "spend",
    "estimate",
    "planned",
    "plan",
    "original budget",
    "revised budget",
    "net budget",
    "net expenditure",
    "gross expenditure",
    "capital expenditure",
    "capital financing",
    "financing",
)
# Lines that are subtotals by name: one that does not add up the lines above it is refused.
SUBTOTAL_NAMES = {
    "service expenditure",
    "net expenditure",
    "gross expenditure",
    "total expenditure",
    "net budget",
    "net cost of services",
    "subtotal",
    "sub total",
}
OUTTURN_WORDS = ("outturn", "actual", "actuals", "provisional outturn", "outturn expenditure")

SCHEMA = Schema(
    kind="financial_plan",
    fields=(
        Field("line", "Line", LINE_WORDS),
        Field("budget", "Budget", BUDGET_WORDS, period_aliases=BUDGET_WORDS, numeric=True),
        Field("outturn", "Outturn", OUTTURN_WORDS, period_aliases=OUTTURN_WORDS, numeric=True),
        Field(
            "note",
            "Note",
            ("note", "notes", "ref", "footnote"),
            imported=False,
            reason="a line's notes are kept on the plan's notes page.",
        ),
        Field(
            "share",
            "Share",
            ("percentage of the council's budget", "percentage", "share", "%", "per cent"),
            imported=False,
            reason="Sightline works out each line's share from the figures.",
        ),
    ),
)


def kind_of(section: str, default: str) -> str:
    """The table a heading names: capital financing, capital expenditure or revenue."""
    words = plain_key(section)
    if "capital" in words and ("financ" in words or "funding" in words):
        return LineKind.CAPITAL_FINANCING
    if "capital" in words:
        return LineKind.CAPITAL_SPENDING
    if "revenue" in words or "service" in words:
        return LineKind.SERVICE
    return default


class FinancialPlanImporter:
    kind = "financial_plan"
    title = "Financial plan"
    noun = "budget line"
    rule = "finance.import_plan"
    schema = SCHEMA
    description = (
        "A financial plan table as the council publishes it: a row per service or line, a "
        "column per year (budget or outturn) in £m, £000 or £, with its subtotals and totals."
    )

    @property
    def template(self) -> Template:
        fy = FinancialYear.current()
        header = ["Service", f"{fy.previous()} outturn £m", f"{fy} budget £m"]
        rows = [["Adult social care", "64.60", "71.77"]]
        notes = [
            "A row per line, a column per year's budget or outturn, in £m as headed (or £000, "
            "or £). Subtotals and totals are left out; lines after a subtotal such as 'Service "
            "expenditure' are below it. Put a heading row 'Capital expenditure' or 'Capital "
            "financing' above a capital table's lines."
        ]
        return Template(header, rows, notes)

    def preview(self, *, council: Council, by, table: Table, options: ImportOptions) -> Preview:
        check(by, self.rule, council)
        from sightline.finance.services import budget_lines_save_many

        plan = _Plan(table)
        preview = plan.preview()
        if plan.rows and not preview.errors:
            result = dry_run(
                preview,
                lambda: budget_lines_save_many(council=council, by=by, rows=plan.rows),
                refused=ValidationError,
            )
            if result is not None:
                _outcome(preview, result)
        return preview

    @transaction.atomic
    def save(self, *, council: Council, by, table: Table, options: ImportOptions, reason: str):
        from sightline.finance.services import budget_lines_save_many

        check(by, self.rule, council)
        plan = _Plan(table)
        preview = plan.preview()
        if preview.errors:
            raise TableRefused(preview.errors)
        try:
            result = budget_lines_save_many(council=council, by=by, rows=plan.rows, reason=reason)
        except ValidationError as error:
            raise TableRefused(error.messages) from error
        _outcome(preview, result)
        preview.saved = True
        return preview


def _outcome(preview: Preview, result) -> None:
    preview.created = [
        Change(line.name, line.get_kind_display(), "create") for line in result.created
    ]
    preview.changed = [
        Change(line.name, line.get_kind_display(), "change") for line in result.changed
    ]
    preview.unchanged = result.unchanged
    preview.counts = {"yearly figures": result.figures}


class _Plan:
    """The table's rows as the bulk write takes them, its subtotals left out and named."""

    def __init__(self, table: Table) -> None:
        self.table = table
        self.errors: list[str] = []
        self.warnings: list[str] = []
        self.rows: list[dict] = []
        self.columns = [
            (c, "budget") for c in table.period_columns("budget") if not c.info.quarter
        ] + [(c, "outturn") for c in table.period_columns("outturn") if not c.info.quarter]
        self.default = kind_of(" ".join(table.title), LineKind.SERVICE)
        # The revenue budget's totals by year and measure, and every table's.
        self.years: dict[tuple, int] = defaultdict(int)
        self.groups: dict[str, dict[tuple, int]] = defaultdict(lambda: defaultdict(int))
        self.since: dict[tuple, int] = defaultdict(int)
        self.lines_since = 0
        self.below: set[str] = set()  # sections whose subtotal has been passed
        records = table.records()
        self.count = len(records)
        for record in records:
            self.read(record)

    def read(self, record: Record) -> None:
        name = record.text("line")
        if not name:
            self.errors.append(f"Row {record.row}, line: every row needs its line's name.")
            return
        figures = self.figures(record)
        if figures is None:
            return
        section = record.section or ""
        amounts = {
            (fy, m): p
            for fy, (b, o) in figures.items()
            for m, p in (("b", b), ("o", o))
            if p is not None
        }
        adds_up = amounts and amounts == {k: self.since[k] for k in amounts}
        if self.lines_since > 1 and adds_up:
            self.warnings.append(
                f"Row {record.row} ({name!r}) adds up the lines above it: left out as a "
                "subtotal; the lines after it are below it."
            )
            self.below.add(section)
            self.since, self.lines_since = defaultdict(int), 0
            return
        if plain_key(name) in SUBTOTAL_NAMES:
            self.errors.append(
                f"Row {record.row}, line: {name!r} is a subtotal, but its amounts do not add "
                "up the lines above it: correct the table, or the line."
            )
            return
        kind = kind_of(section, self.default)
        if kind == LineKind.SERVICE and section in self.below:
            kind = LineKind.REVENUE_OTHER
        for key, pence in amounts.items():
            self.since[key] += pence or 0
        self.lines_since += 1
        self.rows.append(
            {"row": record.row, "kind": kind, "name": name, "position": len(self.rows) + 1,
             "figures": figures}
        )  # fmt: skip
        for key, pence in amounts.items():
            if kind in (LineKind.SERVICE, LineKind.REVENUE_OTHER):
                self.years[key] += pence
            self.groups[LineKind(kind).label][key] += pence

    def figures(self, record: Record) -> dict | None:
        found: dict[FinancialYear, list] = {}
        for column, measure in self.columns:
            try:
                pence = self.table.amount(column, record.cell(column))
            except MoneyError as error:
                self.errors.append(f"Row {record.row}, {column.header}: {error}")
                return None
            if pence is not None:
                found.setdefault(column.info.fy, [None, None])[measure == "outturn"] = pence
        return {fy: (b, o) for fy, (b, o) in found.items()}

    def preview(self) -> Preview:
        if not self.columns:
            self.errors.append(
                f"Row {self.table.header_row}, header: the table has no year columns: head "
                "each like '2011/12 budget £m' or '2010/11 outturn £000'."
            )
        keys = sorted({k for g in self.groups.values() for k in g}, key=lambda k: (k[0], k[1]))
        label = {"b": "budget", "o": "outturn"}
        return Preview(
            kind=SCHEMA.kind,
            rows=self.count,
            noun="budget line",
            years=[(f"{fy} {label[m]}", self.years.get((fy, m), 0)) for fy, m in keys],
            groups=[(n, [g.get(k, 0) for k in keys]) for n, g in sorted(self.groups.items())],
            group_label="Table",
            warnings=[
                *self.table.unit_notes([c for c, _ in self.columns]),
                *self.table.notes(),
                *self.warnings,
            ],
            errors=self.errors,
        )


FINANCIAL_PLAN_IMPORTER = FinancialPlanImporter()
