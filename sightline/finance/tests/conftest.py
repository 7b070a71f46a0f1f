import pytest

from sightline.core.fiscal import FinancialYear
from sightline.finance.models import Category, Scenario
from sightline.finance.tests.factories import AssumptionFactory, FinancialPlanFactory

M = 100_000_000


@pytest.fixture
def plan(council_a):
    """Council A's plan, 2013/14 to 2015/16 from a £100m base, with a base scenario: £5m of
    pressures and £5m less funding a year, £10m to find each year."""
    plan = FinancialPlanFactory(council=council_a, base_budget_pence=100 * M)
    base = Scenario.objects.create(council=council_a, name="Base", is_base=True)
    for start, funding in ((2013, 95), (2014, 90), (2015, 85)):
        fy = FinancialYear(start)
        AssumptionFactory(
            scenario=base, category=Category.RSG, fy=fy, amount_pence=funding * M, basis="Grant"
        )
        AssumptionFactory(scenario=base, category=Category.PAY, fy=fy, amount_pence=5 * M)
    return plan


@pytest.fixture
def base(plan):
    return Scenario.objects.get(council=plan.council, is_base=True)
