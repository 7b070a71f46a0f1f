"""The budget tables as the council keeps them: the revenue budget by service (budget and
outturn by year, each service's share of service expenditure, the totals and the notes) and
the capital programme with its financing, checked to balance year by year. Shares and totals
are computed here from the lines, never stored."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch

from sightline.accounts.models import Membership
from sightline.core.fiscal import FinancialYear
from sightline.finance import rules
from sightline.finance.models import (
    BudgetFigure,
    BudgetLine,
    BudgetNote,
    FinancialPlan,
    LineKind,
    Section,
)

MEASURES = {"budget": "Budget", "outturn": "Outturn"}


@dataclass(frozen=True)
class Column:
    """A column of a budget table: one year's budget or outturn."""

    fy: FinancialYear
    measure: str  # "budget" or "outturn"

    @property
    def label(self) -> str:
        return f"{self.fy} {self.measure}"

    @property
    def key(self) -> str:
        return f"{self.fy.start_year}-{self.measure}"


@dataclass
class Row:
    line: BudgetLine
    values: list[int | None]
    shares: list[Decimal | None] = field(default_factory=list)
    notes: list[BudgetNote] = field(default_factory=list)

    @property
    def cells(self) -> list[tuple[int | None, Decimal | None]]:
        """Each column's value with its share."""
        shares = self.shares or [None] * len(self.values)
        return list(zip(self.values, shares, strict=True))


@dataclass
class Block:
    """Rows and their total, one value per column (None where no row has a figure)."""

    rows: list[Row]
    totals: list[int | None]

    def share_of(self, whole: list[int | None]) -> None:
        for row in self.rows:
            row.shares = [
                rules.share(value, total) if value is not None and total else None
                for value, total in zip(row.values, whole, strict=True)
            ]


@dataclass
class RevenueTable:
    columns: list[Column]
    services: Block  # service expenditure: the services and their subtotal
    other: Block  # below service expenditure (capital financing)
    totals: list[int | None]  # service expenditure plus the items below it
    notes: list[BudgetNote]  # the table's own notes (not on one line)

    @property
    def latest(self) -> int | None:
        """The index of the column whose shares the page shows: the latest year's budget,
        else the latest column."""
        if not self.columns:
            return None
        budgets = [i for i, c in enumerate(self.columns) if c.measure == "budget"]
        return budgets[-1] if budgets else len(self.columns) - 1

    @property
    def change(self) -> tuple[Column, Column, int] | None:
        """The last two columns' totals and the change between them (the Corporate Plan:
        2011/12's budget £19.70m less than 2010/11's outturn)."""
        if len(self.columns) < 2 or self.totals[-1] is None or self.totals[-2] is None:
            return None
        return self.columns[-2], self.columns[-1], self.totals[-1] - self.totals[-2]


@dataclass
class CapitalTable:
    columns: list[Column]
    spending: Block
    financing: Block
    notes: list[BudgetNote]

    @property
    def balances(self) -> list[dict]:
        """Each column's spending against its financing: balanced or not, and by how much."""
        return [
            {
                "column": column,
                "spending": spend,
                "financing": finance,
                "difference": (spend or 0) - (finance or 0),
                "balanced": (spend or 0) == (finance or 0),
            }
            for column, spend, finance in zip(
                self.columns, self.spending.totals, self.financing.totals, strict=True
            )
        ]

    @property
    def unbalanced(self) -> list[dict]:
        return [b for b in self.balances if not b["balanced"]]


def plan_get(*, membership: Membership) -> FinancialPlan | None:
    return FinancialPlan.objects.filter(council=membership.council).first()


def line_list(*, membership: Membership, kinds=None, retired: bool = False):
    qs = BudgetLine.objects.filter(council=membership.council)
    if kinds is not None:
        qs = qs.filter(kind__in=kinds)
    if not retired:
        qs = qs.filter(disabled_on__isnull=True)
    return qs.order_by("position", "name")


def line_get(*, membership: Membership, pk: int) -> BudgetLine:
    from django.shortcuts import get_object_or_404

    return get_object_or_404(
        BudgetLine.objects.filter(council=membership.council).prefetch_related("figures"), pk=pk
    )


def note_list(*, membership: Membership, section: str | None = None):
    qs = BudgetNote.objects.filter(council=membership.council, disabled_on__isnull=True)
    if section is not None:
        qs = qs.filter(section=section)
    return qs.select_related("line").order_by("position", "label", "id")


def note_get(*, membership: Membership, pk: int) -> BudgetNote:
    from django.shortcuts import get_object_or_404

    return get_object_or_404(BudgetNote.objects.filter(council=membership.council), pk=pk)


def _lines(membership: Membership, kinds) -> list[BudgetLine]:
    return list(
        line_list(membership=membership, kinds=kinds).prefetch_related(
            Prefetch("figures", queryset=BudgetFigure.objects.order_by("fy")),
            Prefetch(
                "notes",
                queryset=BudgetNote.objects.filter(disabled_on__isnull=True).order_by(
                    "position", "label"
                ),
            ),
        )
    )


def _columns(lines: list[BudgetLine]) -> list[Column]:
    """A column for each year and measure any line has a figure for, oldest first, each
    year's outturn after its budget."""
    found = set()
    for line in lines:
        for figure in line.figures.all():
            if figure.budget_pence is not None:
                found.add((figure.fy, 0))
            if figure.outturn_pence is not None:
                found.add((figure.fy, 1))
    return [Column(fy, "budget" if m == 0 else "outturn") for fy, m in sorted(found)]


def _value(figure: BudgetFigure | None, measure: str) -> int | None:
    if figure is None:
        return None
    return figure.budget_pence if measure == "budget" else figure.outturn_pence


def _block(lines: list[BudgetLine], columns: list[Column]) -> Block:
    rows = []
    for line in lines:
        by_year = {f.fy: f for f in line.figures.all()}
        rows.append(
            Row(
                line=line,
                values=[_value(by_year.get(c.fy), c.measure) for c in columns],
                notes=list(line.notes.all()),
            )
        )
    totals = []
    for index in range(len(columns)):
        present = [r.values[index] for r in rows if r.values[index] is not None]
        totals.append(sum(present) if present else None)
    return Block(rows=rows, totals=totals)


def _add(a: list[int | None], b: list[int | None]) -> list[int | None]:
    return [
        None if x is None and y is None else (x or 0) + (y or 0) for x, y in zip(a, b, strict=True)
    ]


def revenue_table(*, membership: Membership) -> RevenueTable:
    """The revenue budget by service: each column a year's budget or outturn, service
    expenditure, the items below it, the total, and each service's share of service
    expenditure."""
    lines = _lines(membership, [LineKind.SERVICE, LineKind.REVENUE_OTHER])
    columns = _columns(lines)
    services = _block([ln for ln in lines if ln.kind == LineKind.SERVICE], columns)
    other = _block([ln for ln in lines if ln.kind == LineKind.REVENUE_OTHER], columns)
    services.share_of(services.totals)
    notes = [
        n for n in note_list(membership=membership, section=Section.REVENUE) if n.line_id is None
    ]
    return RevenueTable(
        columns=columns,
        services=services,
        other=other,
        totals=_add(services.totals, other.totals),
        notes=notes,
    )


def capital_table(*, membership: Membership) -> CapitalTable:
    """The capital programme by service and its financing by source, each with its share of
    its total, and each column checked to balance."""
    lines = _lines(membership, [LineKind.CAPITAL_SPENDING, LineKind.CAPITAL_FINANCING])
    columns = _columns(lines)
    spending = _block([ln for ln in lines if ln.kind == LineKind.CAPITAL_SPENDING], columns)
    financing = _block([ln for ln in lines if ln.kind == LineKind.CAPITAL_FINANCING], columns)
    spending.share_of(spending.totals)
    financing.share_of(financing.totals)
    notes = [
        n for n in note_list(membership=membership, section=Section.CAPITAL) if n.line_id is None
    ]
    return CapitalTable(columns=columns, spending=spending, financing=financing, notes=notes)
