"""Defining indicators in the admin: the programme office's own council, through the service."""

from decimal import Decimal

import pytest

from sightline.performance.models import Indicator
from sightline.performance.tests.factories import IndicatorFactory
from sightline.strategy.tests.factories import CorporatePlanFactory, PriorityFactory


@pytest.fixture
def staff_alice(alice):
    alice.is_staff = True
    alice.save()
    return alice


def form(**extra):
    return {
        "code": "LBC 1",
        "title": "Working days lost to sickness absence",
        "definition": "",
        "unit": "days",
        "polarity": "lower",
        "frequency": "quarterly",
        "owner": "",
        "amber_tolerance": "2",
        "disabled_on": "",
        **extra,
    }


def test_the_programme_office_sees_only_its_own_councils_indicators(
    as_alice, staff_alice, council_a, council_b
):
    IndicatorFactory(council=council_a, code="NI 59")
    IndicatorFactory(council=council_b, code="NI 60")
    body = as_alice.get("/admin/performance/indicator/").content.decode()
    assert "NI 59" in body and "NI 60" not in body


def test_an_indicator_added_in_the_admin_goes_through_the_service(
    as_alice, staff_alice, council_a, council_b
):
    priority = PriorityFactory(plan=CorporatePlanFactory(council=council_a), number=8)
    foreign = PriorityFactory(plan=CorporatePlanFactory(council=council_b), number=8)
    page = as_alice.get("/admin/performance/indicator/add/").content.decode()
    # Another council's priority is not offered (its label, not its id: an id alone can be
    # another option's, such as a person's, when the database's sequences have moved on).
    assert f">{priority}<" in page and f">{foreign}<" not in page
    response = as_alice.post("/admin/performance/indicator/add/", form(priorities=[priority.pk]))
    assert response.status_code == 302, response.content.decode()[:2000]
    indicator = Indicator.objects.get(code="LBC 1")
    assert indicator.council == council_a and indicator.created_by == staff_alice
    assert indicator.amber_tolerance == Decimal("2")
    assert list(indicator.priorities.all()) == [priority]
    assert indicator.history.filter(history_type="+", history_user=staff_alice).exists()
    response = as_alice.post(
        f"/admin/performance/indicator/{indicator.pk}/change/",
        form(title="Days lost to sickness", priorities=[priority.pk]),
    )
    assert response.status_code == 302
    indicator.refresh_from_db()
    assert indicator.title == "Days lost to sickness" and indicator.version == 2


def test_indicators_are_retired_not_deleted_and_other_roles_have_no_admin(
    as_alice, staff_alice, as_eve, eve, council_a
):
    indicator = IndicatorFactory(council=council_a)
    assert as_alice.get(f"/admin/performance/indicator/{indicator.pk}/delete/").status_code == 403
    eve.is_staff = True
    eve.save()
    assert as_eve.get("/admin/performance/indicator/").status_code == 403
