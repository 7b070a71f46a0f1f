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


def _parse(council: Council, rows: list[Mapping[str, str]], first_row: int) -> list[ProposalRows]:
    """Check every row; return the proposals to write, or raise with every problem found."""

    def table(model, attr, what):
        return _Table(model.objects.filter(council=council, disabled_on__isnull=True), attr, what)

    types = table(SavingsType, "name", "savings types")
    directorates = table(Directorate, "name", "directorates")
    bundles = table(Bundle, "name", "bundles")
    codes = table(BudgetCode, "code", "budget codes")
    errors: list[str] = []
    groups: dict[str, ProposalRows] = {}

    def fail(row: int, column: str, message: str) -> None:
        errors.append(f"Row {row}, {column}: {message}")

    def named(row: int, column: str, text: str, table: _Table) -> object | None:
        if not text:
            return None
        found = table.by_name.get(text.lower())
        if found is None:
            fail(
                row,
                column,
                f"{text!r} is not one of your council's {table.what} "
                f"(use one of {table.choices()}).",
            )
        return found

    fy_cache: dict[str, FinancialYear] = {}
    for index, raw in enumerate(rows):
        row = first_row + index
        get = {c: (raw.get(c) or "").strip() for c in COLUMNS}
        reference = get["reference"]
        if not reference:
            fail(row, "reference", "every row needs the proposal's reference.")
            continue
        if len(reference) > 60:
            fail(row, "reference", f"{reference[:20]!r}… is longer than 60 characters.")
            continue
        if len(get["title"]) > 300:
            fail(row, "title", "the title is longer than 300 characters.")
        values = {
            "title": get["title"],
            "savings_type": named(row, "savings_type", get["savings_type"], types),
            "directorate": named(row, "directorate", get["directorate"], directorates),
            "bundle": named(row, "bundle", get["bundle"], bundles),
        }
        group = groups.get(reference)
        if group is None:
            for column in ("title", "savings_type", "directorate"):
                if not get[column]:
                    fail(row, column, f"the first row of {reference} needs its {column}.")
            group = groups[reference] = ProposalRows(reference, row, values, [])
        else:
            for column in PROPOSAL_COLUMNS:
                if get[column] and values[column] != group.values[column]:
                    fail(
                        row,
                        column,
                        f"{get[column]!r} differs from row {group.row}'s for the same "
                        f"reference {reference}.",
                    )
        text = get["financial_year"]
        fy = fy_cache.get(text)
        if fy is None:
            try:
                fy = fy_cache[text] = FinancialYear.parse(text)
            except FinancialYearError as error:
                fail(row, "financial_year", str(error))
        try:
            amount = parse_money(get["amount"])
        except MoneyError as error:
            fail(row, "amount", str(error))
            amount = None
        if amount is not None and amount_error(amount):
            fail(row, "amount", amount_error(amount))
            amount = None
        kind = KINDS.get(get["kind"].lower()) if get["kind"] else SavingKind.REDUCTION
        if kind is None:
            fail(row, "kind", f"{get['kind']!r} is not a kind of saving (use reduction or income).")
        recurring_text = get["recurring"].lower()
        recurring = True if not recurring_text else recurring_text in YES
        if recurring_text and recurring_text not in YES | NO:
            fail(row, "recurring", f"{get['recurring']!r} is not yes or no.")
        code = named(row, "budget_code", get["budget_code"], codes)
        if fy is not None and amount is not None and kind is not None:
            group.lines.append(
                LineRow(
                    row,
                    {
                        "fy": fy,
                        "amount_pence": amount,
                        "kind": kind,
                        "recurring": recurring,
                        "budget_code": code,
                    },
                )
            )
    if errors:
        more = len(errors) - MAX_MESSAGES
        shown = errors[:MAX_MESSAGES] + ([f"… and {more} more problems."] if more > 0 else [])
        raise ImportRefused(shown)
    return list(groups.values())
