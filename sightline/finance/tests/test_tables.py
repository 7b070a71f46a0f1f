"""The budget tables: totals and shares worked out from the lines; capital checked to
balance."""

from decimal import Decimal

import pytest

from sightline.accounts.models import Membership
from sightline.core.fiscal import FinancialYear
from sightline.finance import selectors
from sightline.finance.models import LineKind
from sightline.finance.tests.factories import BudgetFigureFactory, BudgetLineFactory

FY10, FY11 = FinancialYear(2010), FinancialYear(2011)
M = 100_000_000


@pytest.fixture
def member(vera):
    return Membership.objects.get(user=vera)


def _line(council, kind, name, **figures):
    line = BudgetLineFactory(council=council, kind=kind, name=name)
    for fy, (budget, outturn) in figures.items():
        BudgetFigureFactory(line=line, fy=FinancialYear(int(fy[2:])), budget_pence=budget,
                            outturn_pence=outturn)  # fmt: skip
    return line


def test_the_revenue_table_totals_service_expenditure_and_the_items_below_it(council_a, member):
    _line(council_a, LineKind.SERVICE, "Adult social care", fy2011=(75 * M, None),
          fy2010=(None, 60 * M))  # fmt: skip
    _line(council_a, LineKind.SERVICE, "Housing", fy2011=(25 * M, None))
    _line(council_a, LineKind.REVENUE_OTHER, "Capital financing", fy2011=(-10 * M, None),
          fy2010=(None, 5 * M))  # fmt: skip
    table = selectors.revenue_table(membership=member)
    assert [c.label for c in table.columns] == ["2010/11 outturn", "2011/12 budget"]
    assert table.services.totals == [60 * M, 100 * M]
    assert table.totals == [65 * M, 90 * M]
    assert [r.shares for r in table.services.rows] == [
        [Decimal("100.0"), Decimal("75.0")],
        [None, Decimal("25.0")],
    ]
    assert table.change[2] == 25 * M
    assert table.latest == 1


def test_another_councils_lines_and_retired_lines_are_not_in_the_table(
    council_a, council_b, member
):
    _line(council_b, LineKind.SERVICE, "Theirs", fy2011=(M, None))
    retired = _line(council_a, LineKind.SERVICE, "Retired", fy2011=(M, None))
    retired.disabled_on = retired.created_at.date()
    retired.save()
    assert selectors.revenue_table(membership=member).columns == []


def test_a_capital_programme_that_does_not_balance_is_flagged(council_a, member):
    _line(council_a, LineKind.CAPITAL_SPENDING, "Highways", fy2011=(65 * M, None))
    _line(council_a, LineKind.CAPITAL_FINANCING, "Prudential borrowing", fy2011=(60 * M, None))
    table = selectors.capital_table(membership=member)
    assert table.unbalanced == [
        {
            "column": table.columns[0],
            "spending": 65 * M,
            "financing": 60 * M,
            "difference": 5 * M,
            "balanced": False,
        }
    ]
    _line(council_a, LineKind.CAPITAL_FINANCING, "Capital receipts", fy2011=(5 * M, None))
    assert selectors.capital_table(membership=member).unbalanced == []
