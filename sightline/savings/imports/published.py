"""Reading a savings table as a council has it: its tracker, or the savings table of a
committee paper, with a column per financial year (or a row per proposal and year), amounts
in pounds, £'000 or £m, savings positive or in brackets, subtotals, headings and all.

The table is found by :mod:`sightline.core.tables`; this module turns its rows into what
:func:`sightline.savings.services.proposals_save_many` takes, and says how it read them: the
units, the sign convention, the references it gave, the records it would create.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from sightline.accounts.models import Council
from sightline.core.fiscal import FinancialYear
from sightline.core.money import MoneyError, format_pounds
from sightline.core.tables import (
    SAVINGS_NEGATIVE,
    SAVINGS_POSITIVE,
    SIGNS,
    AmountUnit,
    Column,
    ImportOptions,
    Record,
    Table,
    listed,
    plain_key,
    quoted,
    read_amount,
    rows_of,
)
from sightline.savings.imports.names import Names
from sightline.savings.imports.tracker import _Reader
from sightline.savings.models import Proposal
from sightline.savings.services.bulk import LineRow, ProposalRows

_NEGATIVE = re.compile(
    r"savings? (?:are |is )?(?:shown |printed |given |expressed )?(?:as )?"
    r"(?:negatives?|in brackets|bracketed)"
    r"|(?:brackets|negative (?:figures|numbers|amounts|values))\s*(?:=|denote|indicate|represent"
    r"|show|are)\s*(?:a |the )?(?:savings?|reductions?)"
    r"|reductions? (?:are |shown |printed )*(?:in brackets|as negatives?)"
)
_POSITIVE = re.compile(
    r"savings? (?:are |is )?(?:shown |printed |given |expressed )?(?:as )?positive"
    r"|positive (?:figures|numbers|amounts|values)\s*(?:=|denote|indicate|represent|are)\s*"
    r"(?:a |the )?savings?"
)
SIGNS_CHOICE = "(--signs savings-positive or --signs savings-negative)"


@dataclass
class TrackerPlan:
    """A table read into proposals, not yet written."""

    groups: list[ProposalRows]
    names: Names
    rows: int
    warnings: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    years: dict[FinancialYear, int] = field(default_factory=dict)
    by_directorate: dict[str, dict[FinancialYear, int]] = field(default_factory=dict)
    header_row: int = 1
    rows_of: dict[str, set[int]] = field(default_factory=dict)  # reference -> its rows

    def clean_groups(self) -> list[ProposalRows] | None:
        """The proposals none of whose rows has a problem, for the service's own checks;
        None when the table as a whole has one (its signs, its columns)."""
        bad = rows_of(self.errors)
        if any(row <= self.header_row for row in bad):
            return None
        return [g for g in self.groups if not self.rows_of.get(g.reference, set()) & bad]


@dataclass
class _Amount:
    row: int
    column: Column | None
    fy: FinancialYear | None
    pence: int


def plan_tracker(
    council: Council, table: Table, options: ImportOptions, *, dry_run: bool = True
) -> TrackerPlan:
    """Read every row of ``table`` into proposals, collecting every problem by row and
    column; nothing is written."""
    return _Published(council, table, options, dry_run=dry_run).plan()


class _Published:
    def __init__(self, council: Council, table: Table, options: ImportOptions, *, dry_run: bool):
        self.council, self.table, self.options, self.dry_run = council, table, options, dry_run
        self.names = Names(council, create_missing=options.create_missing)
        self.reader = _Reader(council, self.names)
        self.warnings: list[str] = []
        self.sign = 1
        self.years: dict[FinancialYear, int] = defaultdict(int)
        self.by_directorate: dict[str, dict[FinancialYear, int]] = defaultdict(
            lambda: defaultdict(int)
        )

    def fail(self, row: int, column: str, message: str) -> None:
        self.reader.fail(row, column, message)

    def plan(self) -> TrackerPlan:
        records = self.table.records()
        columns = self.amount_columns()
        amounts = {r.row: self.amounts(r, columns) for r in records}
        self.decide_signs([a.pence for found in amounts.values() for a in found], columns)
        references = self.references(records)
        self.existing = set(
            Proposal.objects.filter(
                council=self.council, reference__in=set(references.values())
            ).values_list("reference", flat=True)
        )
        self.check_table_wide(any(r not in self.existing for r in references.values()))
        for record in records:
            if record.row in references:
                self.read(record, references[record.row], amounts[record.row])
        plan = TrackerPlan(
            groups=list(self.reader.groups.values()),
            names=self.names,
            rows=len(records),
            warnings=[*self.table.unit_notes(columns), *self.warnings, *self.table.notes()],
            errors=self.reader.errors,
            years=dict(sorted(self.years.items())),
            by_directorate={k: dict(v) for k, v in sorted(self.by_directorate.items())},
            header_row=self.table.header_row,
        )
        for row, reference in references.items():
            plan.rows_of.setdefault(reference, set()).add(row)
        return plan

    # --- the table's shape -------------------------------------------------------------------

    def amount_columns(self) -> list[Column]:
        """The columns holding savings: one per financial year, or one beside a year column."""
        table = self.table
        per_year = [c for c in table.period_columns("amount") if not c.info.quarter]
        for column in table.period_columns("amount"):
            if column.info.quarter:
                self.warnings.append(
                    f"{column.named()} is for a quarter; savings are by financial year, so it "
                    "is not imported."
                )
        if per_year:
            self.wide = True
            if table.column("financial_year") and table.column("amount"):
                self.warnings.append(
                    "The table has both a column per year and a year and amount column: the "
                    "columns per year are imported."
                )
            return per_year
        self.wide = False
        amount, year = table.column("amount"), table.column("financial_year")
        if amount and year:
            return [amount]
        self.fail(
            table.header_row,
            "header",
            "the table has no savings to import: give a column per financial year (headed "
            "like '2026/27' or 'Saving 2026/27 £000'), or a Financial year and an Amount column.",
        )
        return []

    def amounts(self, record: Record, columns: list[Column]) -> list[_Amount]:
        found = []
        for column in columns:
            try:
                pence = record.amount(column)
            except MoneyError as error:
                name = column.header if self.wide else "amount"
                self.fail(record.row, name, str(error))
                continue
            if pence is None or (self.wide and pence == 0):
                continue  # nil: no saving that year
            found.append(_Amount(record.row, column, column.info.fy if self.wide else None, pence))
        return found

    def decide_signs(self, values: list[int], columns: list[Column]) -> None:
        """Savings positive or negative: as chosen, as the table says, or, when every amount
        has one sign, read so and said; a table of both signs that says nothing is refused."""
        if self.options.signs in SIGNS:
            self.set_sign(self.options.signs, "as you chose", columns)
            return
        declared = self.declared()
        if declared:
            self.set_sign(*declared, columns)
            return
        negative = sum(1 for v in values if v < 0)
        positive = sum(1 for v in values if v > 0)
        if negative and positive:
            self.fail(
                self.table.header_row,
                "signs",
                f"the amounts have both signs ({positive:,} positive, {negative:,} negative or "
                "in brackets) and the table does not say which are savings: choose how the "
                f"table prints savings {SIGNS_CHOICE}.",
            )
        elif negative:
            self.set_sign(
                SAVINGS_NEGATIVE,
                "as every amount in the table is negative or in brackets: if they are costs "
                "rather than savings, choose savings printed as positive amounts "
                "(--signs savings-positive)",
                columns,
            )
        elif positive:
            self.set_sign(
                SAVINGS_POSITIVE,
                "as every amount in the table is positive: if they are budget reductions "
                "printed as increases, choose savings printed as negative amounts "
                "(--signs savings-negative)",
                columns,
            )

    def set_sign(self, signs: str, why: str, columns: list[Column]) -> None:
        self.sign = -1 if signs == SAVINGS_NEGATIVE else 1
        unit = self.table.unit_of(columns[0])[0] if columns else AmountUnit.POUNDS
        pounds = format_pounds(read_amount("553", unit))
        if self.sign < 0:
            example = f"(553) is read as a saving of {pounds}, and 553 as a cost of {pounds}"
        else:
            example = f"553 is read as a saving of {pounds}, and (553) as a cost of {pounds}"
        self.warnings.append(f"Signs: {SIGNS[signs]}, {why}. So {example}.")

    def declared(self) -> tuple[str, str] | None:
        """The sign convention the table states, and where."""
        table = self.table
        texts = [("the title above the table", t) for t in table.title] + [
            (f"the header of column {c.letter}", c.header) for c in table.columns
        ]
        for where, text in texts:
            key = plain_key(text)
            if _NEGATIVE.search(key):
                return SAVINGS_NEGATIVE, f"as {where} ({quoted(text, 120)}) says"
            if _POSITIVE.search(key):
                return SAVINGS_POSITIVE, f"as {where} ({quoted(text, 120)}) says"
        labels = {c.info.label for c in table.columns} | {c.info.key for c in table.columns}
        if "saving all years" in labels:
            return SAVINGS_POSITIVE, "as in the tracker Sightline exports"
        if {"financial_year", "amount"} <= labels:
            return SAVINGS_POSITIVE, "as in Sightline's own tracker layout"
        return None

    def references(self, records: list[Record]) -> dict[int, str]:
        """Each row's reference: its own, or for a table without them one made from the
        prefix, matched by title to a proposal an earlier import made."""
        found, unnumbered = {}, []
        prefix = self.options.reference_prefix.strip()
        for record in records:
            reference = record.text("reference")
            if len(reference) > 60:
                self.fail(
                    record.row, "reference", f"{reference[:20]!r}… is longer than 60 characters."
                )
            elif reference:
                found[record.row] = reference
            elif prefix:
                unnumbered.append(record)
            else:
                self.fail(
                    record.row,
                    "reference",
                    "the row has no reference: give the table's references, or a reference "
                    "prefix (--reference-prefix SAV) for Sightline to number its proposals.",
                )
        if unnumbered:
            found.update(_Numbering(self, prefix, set(found.values())).number(unnumbered))
        return found

    def check_table_wide(self, new: bool) -> None:
        """Problems of the table as a whole, said once rather than on every row."""
        table, options = self.table, self.options
        if new and not table.column("savings_type") and not options.savings_type:
            types = self.names.tables["savings_type"]
            self.fail(
                table.header_row,
                "savings_type",
                "the table has no savings type column: choose the savings type of its new "
                f"proposals (--savings-type NAME), one of {types.choices()}.",
            )
        for column, text in (
            ("savings_type", options.savings_type),
            ("directorate", options.directorate),
        ):
            if text:
                _, problem = self.names.find(column, text)
                if problem:
                    self.fail(table.header_row, column, problem)
        if not table.column("directorate") and not options.directorate:
            sections = sorted({s for s in self.sections()})
            if sections:
                self.warnings.append(
                    "The table has no directorate column: each row's directorate is the "
                    f"heading above it ({listed([quoted(s) for s in sections])})."
                )

    def sections(self):
        return [s.label for s in self.table.skipped if s.why == "heading"]

    # --- one row -------------------------------------------------------------------------

    def read(self, record: Record, reference: str, amounts: list[_Amount]) -> None:
        row, table, options = record.row, self.table, self.options
        values: dict = {}
        if table.column("title"):
            values["title"] = record.text("title")
            if len(values["title"]) > 300:
                self.fail(row, "title", "the title is longer than 300 characters.")
        type_text = record.text("savings_type") or options.savings_type
        if type_text or table.column("savings_type"):
            values["savings_type"] = self.reader.named(row, "savings_type", type_text)
        directorate_text = record.text("directorate") or options.directorate
        if not directorate_text and not table.column("directorate"):
            directorate_text = record.section
        values["directorate"] = self.reader.named(row, "directorate", directorate_text)
        if table.column("service_area"):
            area, problem = self.names.area(values["directorate"], record.text("service_area"))
            if problem:
                self.fail(row, "service_area", problem)
            if not (self.dry_run and area is not None and area.directorate.pk is None):
                values["service_area"] = area  # (a new area of a new directorate: at saving)
        if table.column("bundle"):
            values["bundle"] = self.reader.named(row, "bundle", record.text("bundle"))
        group = self.group(row, reference, values, directorate_text, type_text)
        self.lines(record, group, amounts, values.get("directorate"))

    def group(self, row, reference, values, directorate_text, type_text) -> ProposalRows:
        groups = self.reader.groups
        group = groups.get(reference)
        if group is None:
            if reference not in self.existing:
                for name, given in (
                    ("title", values.get("title")),
                    ("directorate", directorate_text),
                    ("savings_type", type_text or not self.table.column("savings_type")),
                ):
                    if not given:
                        self.fail(row, name, f"the first row of {reference} needs its {name}.")
            group = groups[reference] = ProposalRows(
                reference,
                row,
                values,
                [],
                years=frozenset(c.info.fy for c in self.amount_columns_seen())
                if self.wide
                else None,
                year_totals=self.wide and not self.line_columns(),
            )
            return group
        for name, value in values.items():
            if value and name in group.values and value != group.values[name]:
                self.fail(
                    row,
                    name,
                    f"{str(value)!r} differs from row {group.row}'s for the same "
                    f"reference {reference}.",
                )
        return group

    def amount_columns_seen(self) -> list[Column]:
        return [c for c in self.table.period_columns("amount") if not c.info.quarter]

    def line_columns(self) -> bool:
        return any(self.table.column(n) for n in ("kind", "recurring", "budget_code"))

    def lines(self, record: Record, group: ProposalRows, amounts: list[_Amount], directorate):
        get = {n: record.text(n) for n in ("kind", "recurring", "budget_code")}
        fields = self.reader.line_fields(record.row, get)
        fy = None if self.wide else self.reader.year(record.row, record.text("financial_year"))
        if fields is None or (not self.wide and fy is None):
            return
        name = str(directorate) if directorate is not None else "No directorate"
        for amount in amounts:
            year = amount.fy or fy
            pence = amount.pence * self.sign
            column = amount.column.header if self.wide else ""
            values = {"fy": year, "amount_pence": pence, **fields}
            group.lines.append(LineRow(record.row, values, column=column))
            self.years[year] += pence
            self.by_directorate[name][year] += pence


class _Numbering:
    """References for rows without them: the prefix and the next free number, or the
    reference of the council's proposal of the same title (an earlier import's)."""

    def __init__(self, reader: _Published, prefix: str, given: set[str]) -> None:
        self.reader, self.prefix = reader, prefix
        pattern = re.compile(rf"^{re.escape(prefix)}-(\d+)$", re.IGNORECASE)
        titles: dict[str, list[str]] = defaultdict(list)
        numbers = [0]
        for reference, title in Proposal.objects.filter(council=reader.council).values_list(
            "reference", "title"
        ):
            titles[plain_key(title)].append(reference)
            match = pattern.match(reference)
            if match:
                numbers.append(int(match[1]))
        numbers += [int(m[1]) for m in map(pattern.match, given) if m]
        self.titles, self.next, self.pattern = titles, max(numbers) + 1, pattern

    def number(self, records: list[Record]) -> dict[int, str]:
        found: dict[int, str] = {}
        seen: dict[str, int] = {}
        for record in records:
            title = plain_key(record.text("title"))
            if not title:
                self.reader.fail(record.row, "title", "a row without a reference needs its title.")
                continue
            if title in seen:
                self.reader.fail(
                    record.row,
                    "title",
                    f"{quoted(record.text('title'))} is also the title of row {seen[title]}: "
                    "give the rows references to tell them apart.",
                )
                continue
            seen[title] = record.row
            found[record.row] = self.match(title) or self.new()
        return found

    def match(self, title: str) -> str | None:
        matches = self.titles.get(title, [])
        ours = [r for r in matches if self.pattern.match(r)]
        return (ours or matches)[0] if len(ours or matches) == 1 else (ours or [None])[0]

    def new(self) -> str:
        reference = f"{self.prefix}-{self.next:03d}"
        self.next += 1
        return reference
