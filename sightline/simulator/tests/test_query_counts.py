"""The residents' simulator reads in a number of queries that does not grow with the savings
and services it offers: tested at two sizes."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from sightline.core.fiscal import FinancialYear
from sightline.finance.tests.factories import BudgetFigureFactory, BudgetLineFactory
from sightline.savings.models import DecisionStatus
from sightline.savings.tests.factories import ProposalFactory, SavingLineFactory
from sightline.simulator import services
from sightline.simulator.tests.conftest import FY14, M, make_simulation


def _queries(client, url: str) -> int:
    client.get(url)  # the first answer may fill a cache
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def _offer(council, count: int, start: int):
    proposals, services_ = [], []
    for n in range(start, start + count):
        proposal = ProposalFactory(
            council=council,
            reference=f"QC {n:02}",
            title=f"Saving {n}",
            decision_status=DecisionStatus.CONSULTATION,
        )
        SavingLineFactory(proposal=proposal, fy=FY14, amount_pence=M)
        proposals.append(proposal)
        line = BudgetLineFactory(council=council, name=f"Service {n}", position=10 + n)
        BudgetFigureFactory(line=line, fy=FinancialYear(2013), budget_pence=10 * M)
        services_.append(services.ServicePick(line, -10, 10))
    return proposals, services_


def test_the_simulator_reads_in_constant_queries(public, council_a, alice, programme):
    few_proposals, few_services = _offer(council_a, 2, 0)
    small = make_simulation(
        council_a, alice, programme, proposals=few_proposals, services=few_services
    )
    services.simulation_publish(simulation=small, by=alice)
    few = _queries(public, "/c/arden/budget-simulator/2014-15/")

    many_proposals, many_services = _offer(council_a, 12, 2)
    for proposal in many_proposals:
        SavingLineFactory(proposal=proposal, fy=FinancialYear(2015), amount_pence=M)
    large = make_simulation(
        council_a,
        alice,
        programme,
        fy=FinancialYear(2015),
        title="Your budget 2015/16",
        proposals=many_proposals,
        services=many_services,
    )
    services.simulation_publish(simulation=large, by=alice)
    assert _queries(public, "/c/arden/budget-simulator/2015-16/") == few
