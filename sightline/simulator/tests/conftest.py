import datetime

import pytest
from django.core.cache import cache
from django.utils import timezone

from sightline.core.fiscal import FinancialYear
from sightline.finance.models import Category, Scenario
from sightline.finance.tests.factories import (
    AssumptionFactory,
    BudgetFigureFactory,
    BudgetLineFactory,
    FinancialPlanFactory,
)
from sightline.savings.models import DecisionStatus
from sightline.savings.tests.factories import ProposalFactory, SavingLineFactory
from sightline.simulator import services

M = 100_000_000  # £1m in pence
FY14 = FinancialYear(2014)


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def no_wait(settings):
    settings.SIMULATOR_MIN_SECONDS = 0


@pytest.fixture
def programme(council_a):
    """Council A's plan (2013/14 to 2015/16), council tax of £50m in 2014/15, two services,
    and proposals: two at consultation, one exempt, one approved."""
    FinancialPlanFactory(council=council_a, base_budget_pence=100 * M)
    base = Scenario.objects.create(council=council_a, name="Base", is_base=True)
    for start in (2013, 2014, 2015):
        AssumptionFactory(
            scenario=base,
            category=Category.COUNCIL_TAX,
            fy=FinancialYear(start),
            amount_pence=50 * M,
            tax_base="50000.00",
            band_d_pence=100_000,
        )
        AssumptionFactory(
            scenario=base, category=Category.PAY, fy=FinancialYear(start), amount_pence=10 * M
        )
    roads = BudgetLineFactory(council=council_a, name="Roads", position=1)
    BudgetFigureFactory(line=roads, fy=FinancialYear(2013), budget_pence=100 * M)
    parks = BudgetLineFactory(council=council_a, name="Parks", position=2)
    BudgetFigureFactory(line=parks, fy=FinancialYear(2013), budget_pence=20 * M)
    buses = ProposalFactory(
        council=council_a,
        reference="ER 01",
        title="Off-peak bus passes",
        decision_status=DecisionStatus.CONSULTATION,
    )
    SavingLineFactory(proposal=buses, fy=FinancialYear(2013), amount_pence=3 * M)
    SavingLineFactory(proposal=buses, fy=FinancialYear(2015), amount_pence=M)  # after the year
    centres = ProposalFactory(
        council=council_a,
        reference="HCL 07",
        title="Community centres to partners",
        decision_status=DecisionStatus.CONSULTATION,
    )
    SavingLineFactory(proposal=centres, fy=FY14, amount_pence=2 * M)
    secret = ProposalFactory(
        council=council_a,
        reference="SEC 01",
        title="Restructure that affects jobs",
        decision_status=DecisionStatus.CONSULTATION,
        exempt=True,
        exempt_paragraphs="1, 4",
    )
    SavingLineFactory(proposal=secret, fy=FY14, amount_pence=5 * M)
    return {"roads": roads, "parks": parks, "buses": buses, "centres": centres, "secret": secret}


def make_simulation(council, by, programme, **extra):
    values = {
        "council": council,
        "by": by,
        "fy": FY14,
        "title": "Your budget 2014/15",
        "gap_pence": 10 * M,
        "council_tax_pence": 50 * M,
        "tax_max_hundredths": 499,
        "opens_on": timezone.localdate() - datetime.timedelta(days=1),
        "closes_on": timezone.localdate() + datetime.timedelta(days=30),
        "proposals": [programme["buses"], programme["centres"]],
        "services": [
            services.ServicePick(programme["roads"], -10, 5),
            services.ServicePick(programme["parks"], -20, 20),
        ],
    }
    values.update(extra)
    return services.simulation_create(**values)


@pytest.fixture
def draft(council_a, alice, programme):
    return make_simulation(council_a, alice, programme)


@pytest.fixture
def simulation(draft, alice):
    return services.simulation_publish(simulation=draft, by=alice)
