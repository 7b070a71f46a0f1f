"""Importing a council's budget codes (cost centres) with their budget for each financial
year, from its ledger's export or a budget book's table, through
:func:`sightline.savings.services.budget_codes_save_many`."""

from __future__ import annotations

from collections import defaultdict

from django.db import transaction

from sightline.accounts.models import Council
from sightline.accounts.permissions import check
from sightline.core.fiscal import FinancialYear, FinancialYearError
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
    rows_of,
)
from sightline.savings.imports.names import Names

BUDGET_WORDS = (
    "",
    "budget",
    "budgets",
    "base budget",
    "net budget",
    "gross budget",
    "original budget",
    "revised budget",
    "current budget",
    "budget amount",
)
INCOME = {
    "income": True,
    "yes": True,
    "y": True,
    "true": True,
    "i": True,
    "expenditure": False,
    "spend": False,
    "no": False,
    "n": False,
    "false": False,
    "e": False,
}

SCHEMA = Schema(
    kind="budget_codes",
    fields=(
        Field(
            "code",
            "Budget code",
            (
                "budget code",
                "code",
                "cost centre",
                "cost center",
                "cost centre code",
                "cost code",
                "ledger code",
                "account code",
            ),
            key=True,
        ),
        Field(
            "name",
            "Name",
            ("name", "description", "cost centre name", "budget name", "title", "budget code name"),
        ),
        Field("directorate", "Directorate", ("directorate", "department", "dept")),
        Field(
            "income",
            "Income",
            ("income", "income code", "income or expenditure", "expenditure or income", "type"),
        ),
        Field("financial_year", "Financial year", ("financial year", "year", "fy")),
        Field("budget", "Budget", BUDGET_WORDS, period_aliases=BUDGET_WORDS, numeric=True),
        Field(
            "spend",
            "Actual",
            ("actual", "actuals", "outturn", "forecast", "variance", "spend"),
            period_aliases=("actual", "actuals", "outturn", "forecast", "variance", "spend"),
            imported=False,
            reason="Sightline keeps a code's budget, not what was spent against it.",
        ),
        Field(
            "total",
            "Total",
            ("total",),
            imported=False,
            total=True,
            reason="each year's budget is imported, not their total.",
        ),
    ),
)


class BudgetCodesImporter:
    kind = "budget_codes"
    title = "Budget codes"
    noun = "budget code"
    rule = "savings.import_budget_codes"
    schema = SCHEMA
    description = (
        "Budget codes (cost centres) with their budget for each financial year: a row per "
        "code with a column per year, or a row per code and year."
    )

    @property
    def template(self) -> Template:
        fy = FinancialYear.current()
        header = ["Budget code", "Name", "Directorate", "Income", f"Budget {fy} (£)"]
        header.append(f"Budget {fy.next()} (£)")
        rows = [["ASC-001", "Home care", "Adult Social Care", "No", "1250000", "1300000"]]
        notes = ["Budget codes: budgets in pounds; Income is Yes for an income code."]
        return Template(header, rows, notes)

    def preview(self, *, council: Council, by, table: Table, options: ImportOptions) -> Preview:
        check(by, self.rule, council)

        plan = _Plan(council, table, options)
        preview = plan.preview()
        rows = plan.clean_rows()
        if rows:  # the rows that read well are checked by the service's rules too
            result = dry_run(preview, lambda: _write_rolled_back(plan, council, by, rows))
            if result is not None and not preview.errors:
                _outcome(preview, result)
        return preview

    @transaction.atomic
    def save(self, *, council: Council, by, table: Table, options: ImportOptions, reason: str):
        from sightline.savings.services.programme import budget_codes_save_many

        check(by, self.rule, council)
        plan = _Plan(council, table, options)
        preview = plan.preview()
        if preview.errors:
            raise TableRefused(preview.errors)
        plan.names.create(by=by, reason=reason)
        result = budget_codes_save_many(council=council, by=by, rows=plan.rows, reason=reason)
        _outcome(preview, result)
        preview.saved = True
        return preview


def _write_rolled_back(plan, council: Council, by, rows: list[dict]):
    """The dry run's write: the directorates the file would create are created first (and
    rolled back with the rest), as saving does, so their budget codes can point at them."""
    from sightline.savings.services.programme import budget_codes_save_many

    plan.names.create(by=by, reason="")
    return budget_codes_save_many(council=council, by=by, rows=rows)


def _outcome(preview: Preview, result) -> None:
    preview.created = [Change(c.code, c.name, "create") for c in result.created]
    preview.changed = [Change(c.code, c.name, "change") for c in result.changed]
    preview.unchanged = result.unchanged
    preview.counts = {"yearly budgets": result.budgets}


class _Plan:
    """The table's rows as the bulk write takes them: one dict per budget code."""

    def __init__(self, council: Council, table: Table, options: ImportOptions) -> None:
        self.table, self.options = table, options
        self.names = Names(council, create_missing=options.create_missing)
        self.errors: list[str] = []
        self.rows: list[dict] = []
        self.by_code: dict[str, dict] = {}
        self.sources: dict[str, set[int]] = defaultdict(set)  # code -> its rows
        self.years: dict[FinancialYear, int] = defaultdict(int)
        self.groups: dict[str, dict[FinancialYear, int]] = defaultdict(lambda: defaultdict(int))
        columns = [c for c in table.period_columns("budget") if not c.info.quarter]
        self.wide = bool(columns)
        self.columns = columns or [c for c in [table.column("budget")] if c]
        records = table.records()
        self.count = len(records)
        for record in records:
            self.read(record)

    def fail(self, row: int, column: str, message: str) -> None:
        self.errors.append(f"Row {row}, {column}: {message}")

    def read(self, record: Record) -> None:
        code = record.text("code")
        if not code:
            return self.fail(record.row, "code", "every row needs its budget code.")
        self.sources[code].add(record.row)
        row = self.by_code.get(code)
        if row is None:
            row = self.by_code[code] = {"code": code, "row": record.row, "budgets": {}}
            self.rows.append(row)
            self.fields(record, row)
        for fy, pence in self.budgets(record):
            if fy in row["budgets"]:
                self.fail(record.row, "budget", f"{code} has two budgets for {fy}.")
            row["budgets"][fy] = pence
            self.years[fy] += pence
            self.groups[str(row.get("directorate") or "No directorate")][fy] += pence
        return None

    def fields(self, record: Record, row: dict) -> None:
        if self.table.column("name"):
            row["name"] = record.text("name")
        text = record.text("directorate") or self.options.directorate
        if text:
            found, problem = self.names.find("directorate", text)
            if problem:
                self.fail(record.row, "directorate", problem)
            row["directorate"] = found
        if self.table.column("income"):
            income = record.text("income")
            value = INCOME.get(plain_key(income)) if income else False
            if value is None:
                self.fail(record.row, "income", f"{income!r} is not income or expenditure.")
            row["income"] = bool(value)

    def budgets(self, record: Record):
        fy = None
        if not self.wide:
            year = self.table.column("financial_year")
            text = record.text("financial_year") if year else ""
            fy = self.columns[0].info.fy if self.columns else None
            if text:
                try:
                    fy = FinancialYear.parse(text)
                except FinancialYearError as error:
                    return self.fail(record.row, "financial_year", str(error)) or []
        found = []
        for column in self.columns:
            year = column.info.fy if self.wide else fy
            try:
                pence = self.table.amount(column, record.cell(column))
            except MoneyError as error:
                self.fail(record.row, column.header, str(error))
                continue
            if pence is None:
                continue
            if year is None:
                self.fail(
                    record.row,
                    column.header,
                    "the budget names no financial year: head the column like "
                    "'Budget 2026/27', or add a Financial year column.",
                )
                continue
            found.append((year, pence))
        return found

    def clean_rows(self) -> list[dict]:
        """The codes none of whose rows has a problem (none, if the table as a whole has)."""
        bad = rows_of(self.errors)
        if any(row <= self.table.header_row for row in bad):
            return []
        return [r for r in self.rows if not self.sources[r["code"]] & bad]

    def preview(self) -> Preview:
        if not self.columns:
            self.fail(
                self.table.header_row,
                "header",
                "the table has no budgets: give a column per financial year (headed like "
                "'Budget 2026/27 £000'), or a Financial year and a Budget column.",
            )
        years = sorted(self.years)
        return Preview(
            kind="budget_codes",
            rows=self.count,
            noun="budget code",
            to_create=self.names.to_create(),
            years=[(str(fy), self.years[fy]) for fy in years],
            groups=[(n, [g.get(fy, 0) for fy in years]) for n, g in sorted(self.groups.items())],
            warnings=[*self.table.unit_notes(self.columns), *self.table.notes()],
            errors=self.errors,
        )


BUDGET_CODES_IMPORTER = BudgetCodesImporter()
