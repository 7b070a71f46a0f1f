"""Importing a council's existing savings tracker, one row per savings line.

Rows with the same reference are one proposal. Every row is read and checked first (here:
that each cell can be read, and names one of the council's own records); the proposals are
then written by :func:`sightline.savings.services.proposals_save_many`, which applies the same
rules as a form and saves the whole file in one transaction or nothing. Running the same file
again replaces each reference's lines rather than adding to them, so an import can always
simply be run again.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from sightline.accounts.models import Council, Directorate
from sightline.core.fiscal import FinancialYear, FinancialYearError
from sightline.core.money import MoneyError, amount_error, parse_money
from sightline.savings.imports.reading import COLUMNS
from sightline.savings.models import BudgetCode, Bundle, SavingKind, SavingsType
from sightline.savings.services.bulk import (
    ImportRefused,
    ImportResult,
    LineRow,
    ProposalRows,
    proposals_save_many,
)

PROPOSAL_COLUMNS = ["title", "savings_type", "directorate", "bundle"]
YES = {"yes", "y", "true", "1", "recurring"}
NO = {"no", "n", "false", "0", "one-off", "one off", "oneoff"}
KINDS = {
    "reduction": SavingKind.REDUCTION,
    "expenditure reduction": SavingKind.REDUCTION,
    "income": SavingKind.INCOME,
}
MAX_MESSAGES = 50


def proposals_import(
    *,
    council: Council,
    by,
    rows: list[Mapping[str, str]],
    reason: str = "",
    first_row: int = 2,
) -> ImportResult:
    """Create or update a council's proposals from tracker rows, one per savings line.

    ``rows`` are dicts keyed by :data:`COLUMNS`; row numbers in messages count the header as
    row 1, as a spreadsheet does. An existing reference's title, type, directorate and bundle
    are updated and its lines replaced (unchanged ones are left alone). Nothing is saved if
    any row is wrong.
    """
    from sightline.accounts.permissions import check

    check(by, "savings.import_proposals", council)
    groups = _parse(council, rows, first_row)
    return proposals_save_many(council=council, by=by, groups=groups, rows=len(rows), reason=reason)


class _Table:
    """A council's reference data by name (case-insensitive), for reading a column."""

    def __init__(self, objs: Iterable, attr: str, what: str) -> None:
        self.what = what
        self.by_name = {getattr(o, attr).strip().lower(): o for o in objs}
        self.names = sorted(getattr(o, attr) for o in objs)

    def choices(self) -> str:
        shown = ", ".join(self.names[:12])
        return shown + (f" and {len(self.names) - 12} more" if len(self.names) > 12 else "")


class _Reader:
    """Reads rows into proposals, collecting every problem by row and column."""

    def __init__(self, council: Council) -> None:
        def table(model, attr, what):
            qs = model.objects.filter(council=council, disabled_on__isnull=True)
            return _Table(qs, attr, what)

        self.tables = {
            "savings_type": table(SavingsType, "name", "savings types"),
            "directorate": table(Directorate, "name", "directorates"),
            "bundle": table(Bundle, "name", "bundles"),
            "budget_code": table(BudgetCode, "code", "budget codes"),
        }
        self.errors: list[str] = []
        self.groups: dict[str, ProposalRows] = {}
        self.years: dict[str, FinancialYear] = {}

    def fail(self, row: int, column: str, message: str) -> None:
        self.errors.append(f"Row {row}, {column}: {message}")

    def named(self, row: int, column: str, text: str) -> object | None:
        """The council's own record the cell names (case-insensitive), or None."""
        if not text:
            return None
        table = self.tables[column]
        found = table.by_name.get(text.lower())
        if found is None:
            self.fail(
                row,
                column,
                f"{text!r} is not one of your council's {table.what} "
                f"(use one of {table.choices()}).",
            )
        return found

    def read(self, row: int, get: dict[str, str]) -> None:
        reference = get["reference"]
        if not reference:
            return self.fail(row, "reference", "every row needs the proposal's reference.")
        if len(reference) > 60:
            return self.fail(row, "reference", f"{reference[:20]!r}… is longer than 60 characters.")
        if len(get["title"]) > 300:
            self.fail(row, "title", "the title is longer than 300 characters.")
        group = self.group(row, reference, get)
        line = self.line(row, get)
        if line is not None:
            group.lines.append(LineRow(row, line))
        return None

    def group(self, row: int, reference: str, get: dict[str, str]) -> ProposalRows:
        """The proposal this row belongs to: the first row of a reference gives its fields,
        and a later row may repeat them but not contradict them."""
        values = {"title": get["title"]}
        for column in ("savings_type", "directorate", "bundle"):
            values[column] = self.named(row, column, get[column])
        group = self.groups.get(reference)
        if group is None:
            for column in ("title", "savings_type", "directorate"):
                if not get[column]:
                    self.fail(row, column, f"the first row of {reference} needs its {column}.")
            group = self.groups[reference] = ProposalRows(reference, row, values, [])
            return group
        for column in PROPOSAL_COLUMNS:
            if get[column] and values[column] != group.values[column]:
                self.fail(
                    row,
                    column,
                    f"{get[column]!r} differs from row {group.row}'s for the same "
                    f"reference {reference}.",
                )
        return group

    def year(self, row: int, text: str) -> FinancialYear | None:
        if text not in self.years:
            try:
                self.years[text] = FinancialYear.parse(text)
            except FinancialYearError as error:
                self.fail(row, "financial_year", str(error))
                return None
        return self.years[text]

    def amount(self, row: int, text: str) -> int | None:
        try:
            pence = parse_money(text)
        except MoneyError as error:
            return self.fail(row, "amount", str(error))
        if amount_error(pence):
            return self.fail(row, "amount", amount_error(pence))
        return pence

    def line(self, row: int, get: dict[str, str]) -> dict | None:
        """The row's savings line, or None when a cell of it cannot be read."""
        fy = self.year(row, get["financial_year"])
        amount = self.amount(row, get["amount"])
        kind = KINDS.get(get["kind"].lower()) if get["kind"] else SavingKind.REDUCTION
        if kind is None:
            self.fail(
                row, "kind", f"{get['kind']!r} is not a kind of saving (use reduction or income)."
            )
        recurring_text = get["recurring"].lower()
        if recurring_text and recurring_text not in YES | NO:
            self.fail(row, "recurring", f"{get['recurring']!r} is not yes or no.")
        code = self.named(row, "budget_code", get["budget_code"])
        if fy is None or amount is None or kind is None:
            return None
        return {
            "fy": fy,
            "amount_pence": amount,
            "kind": kind,
            "recurring": not recurring_text or recurring_text in YES,
            "budget_code": code,
        }


def _parse(council: Council, rows: list[Mapping[str, str]], first_row: int) -> list[ProposalRows]:
    """Check every row; return the proposals to write, or raise with every problem found."""
    reader = _Reader(council)
    for index, raw in enumerate(rows):
        reader.read(first_row + index, {c: (raw.get(c) or "").strip() for c in COLUMNS})
    if reader.errors:
        more = len(reader.errors) - MAX_MESSAGES
        shown = reader.errors[:MAX_MESSAGES] + (
            [f"… and {more} more problems."] if more > 0 else []
        )
        raise ImportRefused(shown)
    return list(reader.groups.values())
