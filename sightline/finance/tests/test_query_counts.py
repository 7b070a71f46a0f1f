"""The plan's list pages read in a number of queries that does not grow with what they list."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sightline.core.fiscal import FinancialYear
from sightline.finance.models import Category, LineKind
from sightline.finance.tests.factories import (
    AssumptionFactory,
    BudgetFigureFactory,
    BudgetLineFactory,
    BudgetNoteFactory,
    ScenarioFactory,
)


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def _lines(council, count: int, start: int) -> None:
    for n in range(start, start + count):
        for kind in (LineKind.SERVICE, LineKind.CAPITAL_SPENDING):
            line = BudgetLineFactory(council=council, kind=kind, name=f"Line {n}")
            BudgetFigureFactory(line=line, fy=FinancialYear(2011))
            BudgetNoteFactory(council=council, line=line, label=str(n))


def _scenarios(council, count: int, start: int) -> None:
    for n in range(start, start + count):
        scenario = ScenarioFactory(council=council, name=f"Scenario {n}")
        for year in (2013, 2014, 2015):
            AssumptionFactory(scenario=scenario, category=Category.RSG, fy=FinancialYear(year))


def test_the_budget_tables_read_in_constant_queries(as_vera, council_a):
    _lines(council_a, 2, 0)
    few = _queries(as_vera, "/finance/budget/")
    _lines(council_a, 10, 2)
    assert _queries(as_vera, "/finance/budget/") == few


def test_the_scenarios_compare_in_constant_queries(as_vera, plan, base):
    _scenarios(plan.council, 1, 0)
    few = _queries(as_vera, "/finance/scenarios/")
    _scenarios(plan.council, 8, 1)
    assert _queries(as_vera, "/finance/scenarios/") == few


def _savings(council, count: int, start: int) -> None:
    from sightline.savings.models import DecisionStatus
    from sightline.savings.tests.factories import ProposalFactory, SavingLineFactory

    for n in range(start, start + count):
        proposal = ProposalFactory(
            council=council, title=f"Saving {n}", decision_status=DecisionStatus.APPROVED
        )
        for year in (2012, 2013, 2014, 2015)[: 1 + n % 4]:
            SavingLineFactory(proposal=proposal, fy=FinancialYear(year), amount_pence=1_000_00)


@pytest.mark.parametrize("page", ["plan", "scenario"])
def test_the_plan_and_a_scenario_read_the_programme_in_constant_queries(as_vera, plan, base, page):
    url = "/finance/" if page == "plan" else f"/finance/scenarios/{base.pk}/"
    _savings(plan.council, 2, 0)
    few = _queries(as_vera, url)
    _savings(plan.council, 12, 2)
    assert _queries(as_vera, url) == few
