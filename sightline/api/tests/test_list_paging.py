"""Every list the API answers is paged as the proposals are (issue 20): ``count``, ``limit``,
``offset`` and ``items``; a hundred items unless asked, at most 500 (more is refused, naming
``limit``); in a stable order; with the same queries for 3 records as for 30."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sightline.core.fiscal import FinancialYear
from sightline.finance.models import Scenario
from sightline.finance.tests.factories import FinancialPlanFactory
from sightline.impact.models.staffing import Audience, Consultation, PostChange
from sightline.plans.tests.factories import ServicePlanFactory
from sightline.risks.models import RiskReview
from sightline.risks.tests.factories import RiskFactory
from sightline.savings.tests.factories import (
    BudgetCodeFactory,
    BundleFactory,
    ProposalFactory,
    SavingsTypeFactory,
)
from sightline.strategy.tests.factories import CorporatePlanFactory, PriorityFactory


def _types(council, n, _):
    start = SavingsTypeFactory._meta.model.objects.count()
    for i in range(start, start + n):
        SavingsTypeFactory(council=council, name=f"Type {i}")


def _bundles(council, n, _):
    BundleFactory.create_batch(n, council=council)


def _codes(council, n, _):
    BudgetCodeFactory.create_batch(n, council=council)


def _corporate_plans(council, n, _):
    for plan in CorporatePlanFactory.create_batch(n, council=council):
        PriorityFactory(plan=plan)


def _service_plans(council, n, _):
    for i in range(n):
        ServicePlanFactory(directorate__council=council, fy=FinancialYear(2000 + i))


def _scenarios(council, n, _):
    if not Scenario.objects.filter(council=council).exists():
        FinancialPlanFactory(council=council)
    for _i in range(n):
        Scenario.objects.create(council=council, name=f"Scenario {Scenario.objects.count()}")


def _posts(council, n, parent):
    for i in range(n):
        PostChange.objects.create(proposal=parent, role=f"Officer {i}", fte=Decimal("1.00"))


def _consultations(council, n, parent):
    for i in range(n):
        Consultation.objects.create(proposal=parent, audience=Audience.choices[0][0], who=f"G{i}")


def _windows(council, n, parent):
    start = PostChange.objects.count()
    for i in range(start, start + n):
        PostChange.objects.create(
            proposal=parent,
            role="Officer",
            fte=Decimal("1.00"),
            establishment=f"Depot {i}",
            filled=1,
            compulsory_redundancies=1,
            dismissal_on=datetime.date(2014, 4, 1),
        )


def _reviews(council, n, parent):
    for i in range(n):
        RiskReview.objects.create(
            risk=parent, reviewed_on=datetime.date(2013, 1, 1) + datetime.timedelta(days=i)
        )


# name: (address, how to make n records, the parent record the address names)
LISTS = {
    "savings types": ("/api/v1/savings-types", _types, None),
    "bundles": ("/api/v1/bundles", _bundles, None),
    "budget codes": ("/api/v1/budget-codes", _codes, None),
    "corporate plans": ("/api/v1/corporate-plans", _corporate_plans, None),
    "service plans": ("/api/v1/service-plans", _service_plans, None),
    "finance scenarios": ("/api/v1/finance/scenarios", _scenarios, None),
    "posts": ("/api/v1/proposals/{pk}/posts", _posts, "proposal"),
    "consultations": ("/api/v1/proposals/{pk}/consultations", _consultations, "proposal"),
    "collective consultation": ("/api/v1/collective-consultation", _windows, "proposal"),
    "risk reviews": ("/api/v1/risks/{pk}/reviews", _reviews, "risk"),
}


@pytest.fixture(params=list(LISTS))
def listing(request, council_a):
    """One of the lists: its address and a function adding n records to it."""
    address, make, parent_kind = LISTS[request.param]
    parent = None
    if parent_kind == "proposal":
        parent = ProposalFactory(council=council_a)
    elif parent_kind == "risk":
        parent = RiskFactory(council=council_a)
    url = address.format(pk=parent.pk if parent else "")
    return url, lambda n: make(council_a, n, parent)


def _get(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, response.content
    return response.json(), len(context.captured_queries)


def test_a_list_answers_one_page_with_the_count_of_all(as_alice, listing):
    url, make = listing
    make(7)
    body, _ = _get(as_alice, url)
    assert set(body) == {"count", "limit", "offset", "items"}
    assert (body["count"], body["limit"], body["offset"]) == (7, 100, 0)
    assert len(body["items"]) == 7


def test_limit_and_offset_choose_the_page_in_a_stable_order(as_alice, listing):
    url, make = listing
    make(7)
    every, _ = _get(as_alice, url)
    page, _ = _get(as_alice, f"{url}?limit=3&offset=2")
    assert (page["count"], page["limit"], page["offset"]) == (7, 3, 2)
    assert page["items"] == every["items"][2:5]
    last, _ = _get(as_alice, f"{url}?limit=3&offset=6")
    assert last["items"] == every["items"][6:]


def test_a_limit_above_500_is_refused_naming_limit(as_alice, listing):
    url, _ = listing
    refused = as_alice.get(f"{url}?limit=501")
    assert refused.status_code == 422
    assert list(refused.json()["errors"]) == ["limit"]


def test_a_list_takes_the_same_queries_for_3_and_30_records(as_alice, listing):
    url, make = listing
    make(3)
    _, few = _get(as_alice, url)
    make(27)
    body, many = _get(as_alice, url)
    assert body["count"] == 30
    assert many == few
