"""Importing a council's existing savings tracker in Sightline's own layout, one row per
savings line (the columns of :data:`COLUMNS`).

Rows with the same reference are one proposal. Every row is read and checked first (here:
that each cell can be read, and names one of the council's own records); the proposals are
then written by :func:`sightline.savings.services.proposals_save_many`, which applies the same
rules as a form and saves the whole file in one transaction or nothing. Running the same file
again replaces each reference's lines rather than adding to them, so an import can always
simply be run again.

Tables as councils publish them (a column per year, £'000, subtotals) are read by
:mod:`sightline.savings.imports.published`, which shares the cell reading here.
"""

from __future__ import annotations

from collections.abc import Mapping

from sightline.accounts.models import Council
from sightline.core.fiscal import FinancialYear, FinancialYearError
from sightline.core.money import MoneyError, amount_error, parse_money
from sightline.core.tables import plain_key
from sightline.savings.imports.names import Names
from sightline.savings.imports.reading import COLUMNS
from sightline.savings.models import SavingKind
from sightline.savings.services.bulk import (
    ImportRefused,
    ImportResult,
    LineRow,
    ProposalRows,
    proposals_save_many,
)

PROPOSAL_COLUMNS = ["title", "savings_type", "directorate", "bundle"]
YES = {"yes", "y", "true", "1", "recurring", "recurrent", "r", "ongoing", "permanent"}
NO = {"no", "n", "false", "0", "one-off", "one off", "oneoff", "o", "nr", "non-recurring"}
KINDS = {
    "reduction": SavingKind.REDUCTION,
    "expenditure reduction": SavingKind.REDUCTION,
    "expenditure": SavingKind.REDUCTION,
    "cost reduction": SavingKind.REDUCTION,
    "income": SavingKind.INCOME,
    "income generation": SavingKind.INCOME,
    "additional income": SavingKind.INCOME,
}
MAX_MESSAGES = 1000


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


def read_kind(text: str) -> str | None:
    """``reduction`` or ``income`` (blank: reduction), or None when it is neither."""
    return KINDS.get(plain_key(text)) if text else SavingKind.REDUCTION


def read_recurring(text: str) -> bool | None:
    """Whether a saving recurs (blank: it does), or None when the cell says neither."""
    key = plain_key(text)
    if not key or key in YES:
        return True
    return False if key in NO else None


class _Reader:
    """Reads rows into proposals, collecting every problem by row and column."""

    def __init__(self, council: Council, names: Names | None = None) -> None:
        self.names = names or Names(council)
        self.errors: list[str] = []
        self.groups: dict[str, ProposalRows] = {}
        self.years: dict[str, FinancialYear] = {}

    def fail(self, row: int, column: str, message: str) -> None:
        self.errors.append(f"Row {row}, {column}: {message}")

    def named(self, row: int, column: str, text: str) -> object | None:
        """The council's own record the cell names (matched by its plain name), or None."""
        found, problem = self.names.find(column, text)
        if problem:
            self.fail(row, column, problem)
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

    def line_fields(self, row: int, get: dict[str, str]) -> dict | None:
        """The kind, recurrence and budget code of a row's lines, or None when unreadable."""
        kind = read_kind(get["kind"])
        if kind is None:
            self.fail(
                row, "kind", f"{get['kind']!r} is not a kind of saving (use reduction or income)."
            )
        recurring = read_recurring(get["recurring"])
        if recurring is None:
            self.fail(row, "recurring", f"{get['recurring']!r} is not yes or no.")
        code = self.named(row, "budget_code", get["budget_code"])
        if kind is None or recurring is None:
            return None
        return {"kind": kind, "recurring": recurring, "budget_code": code}

    def line(self, row: int, get: dict[str, str]) -> dict | None:
        """The row's savings line, or None when a cell of it cannot be read."""
        fy = self.year(row, get["financial_year"])
        amount = self.amount(row, get["amount"])
        fields = self.line_fields(row, get)
        if fy is None or amount is None or fields is None:
            return None
        return {"fy": fy, "amount_pence": amount, **fields}


def refuse(errors: list[str]) -> None:
    """Raise the refusal naming every problem (up to a thousand), if there are any."""
    if errors:
        more = len(errors) - MAX_MESSAGES
        shown = errors[:MAX_MESSAGES] + ([f"… and {more} more problems."] if more > 0 else [])
        raise ImportRefused(shown)


def _parse(council: Council, rows: list[Mapping[str, str]], first_row: int) -> list[ProposalRows]:
    """Check every row; return the proposals to write, or raise with every problem found."""
    reader = _Reader(council)
    for index, raw in enumerate(rows):
        reader.read(first_row + index, {c: (raw.get(c) or "").strip() for c in COLUMNS})
    refuse(reader.errors)
    return list(reader.groups.values())
