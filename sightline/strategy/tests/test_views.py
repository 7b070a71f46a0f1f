import pytest
from django.core.management import call_command
from django.test import Client

from sightline.strategy.models import CorporatePlan
from sightline.strategy.tests.factories import DeliveryPriorityFactory, PriorityFactory


def test_the_plan_page_shows_mission_vision_values_and_priorities(as_vera, council_a):
    priority = PriorityFactory(
        plan__council=council_a, plan__values="Respect others\nAct with integrity"
    )
    body = as_vera.get("/plan/").content.decode()
    assert priority.plan.mission in body
    assert "Act with integrity" in body and priority.title in body


def test_an_empty_council_is_told_how_to_add_a_plan(as_vera):
    assert "No corporate plan yet" in as_vera.get("/plan/").content.decode()


def test_a_departmental_plan_groups_delivery_priorities_by_theme(as_vera, council_a):
    item = DeliveryPriorityFactory(
        departmental_plan__plan__council=council_a,
        priority=PriorityFactory(plan__council=council_a, title="Strengthen community cohesion"),
        text="Community festivals",
    )
    item.priority.plan = item.departmental_plan.plan
    body = as_vera.get(f"/plan/departments/{item.departmental_plan.pk}/").content.decode()
    assert "Strengthen community cohesion" in body and "Community festivals" in body


def test_strategy_pages_are_scoped_need_a_login_and_refuse_post(as_bob, public, as_vera, council_a):
    item = DeliveryPriorityFactory(departmental_plan__plan__council=council_a)
    assert as_bob.get(f"/plan/departments/{item.departmental_plan.pk}/").status_code == 404
    assert public.get("/plan/").status_code == 302
    assert as_vera.post("/plan/").status_code == 405


@pytest.mark.django_db
def test_the_demo_has_seed_001s_corporate_plan(settings):
    call_command("load_demo", verbosity=0)
    client = Client()
    client.login(username="viewer", password=settings.DEMO_PASSWORD)
    body = client.get("/plan/").content.decode()
    assert "The needs of Luton&#x27;s people will be first in everything we do." in body
    assert "Promote accountability to local people" in body
    plan = CorporatePlan.objects.get(council__short_code="lbc")
    assert plan.priorities.count() == 8
    assert "8. Ensure a financially sound and efficient Council" in body
