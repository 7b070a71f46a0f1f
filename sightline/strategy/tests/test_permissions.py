"""Who may change the corporate plan: the programme office of its own council, asked by the
service for the plan and every part of it, and by the plan page before offering admin."""

import pytest
from django.core.exceptions import PermissionDenied

from sightline.accounts.permissions import allowed, refusal
from sightline.strategy import services
from sightline.strategy.models import CorporatePlan
from sightline.strategy.tests.factories import (
    CorporatePlanFactory,
    DeliveryPriorityFactory,
    EfficiencyProjectFactory,
    PriorityFactory,
)


@pytest.fixture
def people(alice, fiona, dan, eve, colin, vera, bob):
    return {
        "programme_office": alice,
        "finance": fiona,
        "director": dan,
        "editor": eve,
        "councillor": colin,
        "viewer": vera,
        "other_council": bob,
    }


@pytest.fixture
def parts(council_a):
    plan = CorporatePlanFactory(council=council_a)
    delivery = DeliveryPriorityFactory(departmental_plan__plan=plan)
    return [
        plan,
        PriorityFactory(plan=plan),
        delivery.departmental_plan,
        delivery,
        EfficiencyProjectFactory(departmental_plan=delivery.departmental_plan),
    ]


def test_only_the_programme_office_changes_the_plan_and_each_of_its_parts(people, parts):
    for part in parts:
        may = {p for p, user in people.items() if allowed(user, "strategy.change_plan", part)}
        assert may == {"programme_office"}, part


def test_a_refusal_names_the_action_and_the_role(vera, parts):
    assert refusal(vera, "strategy.change_plan", parts[0]) == (
        "You cannot change the corporate plan: only the programme office can, and your role "
        "is viewer."
    )


def test_another_councils_programme_office_is_told_the_plan_is_not_theirs(council_b, parts):
    from sightline.accounts.models import Role
    from sightline.accounts.tests.factories import member

    brook_office = member(council_b, Role.PROGRAMME_OFFICE)
    for part in parts:
        assert not allowed(brook_office, "strategy.change_plan", part)
        assert refusal(brook_office, "strategy.change_plan", part) == (
            "This corporate plan belongs to another council."
        )
        with pytest.raises(PermissionDenied, match="belongs to another council"):
            services.plan_record_save(obj=part, by=brook_office)


def test_the_service_saves_for_the_programme_office_and_refuses_an_editor(alice, eve, parts):
    plan = parts[0]
    plan.title = "Corporate Plan 2011-14"
    with pytest.raises(PermissionDenied, match="only the programme office can"):
        services.plan_record_save(obj=plan, by=eve, expected_version=1)
    services.plan_record_save(obj=plan, by=alice, reason="Renamed", expected_version=1)
    assert CorporatePlan.objects.get().title == "Corporate Plan 2011-14"


def test_an_empty_plan_page_links_to_administration_only_for_the_programme_office(
    as_alice, as_vera, as_eve
):
    assert 'href="/admin/"' in as_alice.get("/plan/").content.decode()
    for client in (as_vera, as_eve):
        body = client.get("/plan/").content.decode()
        assert "No corporate plan yet" in body and 'href="/admin/"' not in body
