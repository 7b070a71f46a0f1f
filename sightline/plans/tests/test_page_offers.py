"""A page never offers what its user cannot do: service plan pages show a form, button or link
only to those the rule allows, and a form page refuses the rest with the rule's own words."""

from html import unescape

import pytest

from sightline.accounts.models import Membership, Role
from sightline.accounts.tests.factories import UserFactory, member
from sightline.plans.tests.factories import (
    ActionFactory,
    PersonalObjectiveFactory,
    ServicePlanFactory,
    ServicePriorityFactory,
)


@pytest.fixture
def plan(dan):
    return ServicePlanFactory(directorate=dan.membership.directorate)


@pytest.fixture
def action(plan):
    return ActionFactory(priority=ServicePriorityFactory(plan=plan, number=1))


def text(response) -> str:
    return unescape(response.content.decode())


def editing_links(plan, action) -> list[str]:
    return [
        f"/service-plans/{plan.pk}/edit/",
        f"/service-plans/{plan.pk}/priorities/new/",
        f"/service-plans/{plan.pk}/priorities/{action.priority.pk}/edit/",
        f"/service-plans/{plan.pk}/actions/new/",
        f"/service-plans/actions/{action.pk}/edit/",
        f"/service-plans/{plan.pk}/impact/",
    ]


def update_link(plan, action) -> str:
    return f"/service-plans/{plan.pk}/actions/{action.pk}/update/"


# --- the list of plans -------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["as_vera", "as_colin", "as_eve", "as_fiona"])
def test_the_list_does_not_offer_to_start_a_plan_to_those_who_may_not(persona, request):
    body = request.getfixturevalue(persona).get("/service-plans/").content.decode()
    assert "/service-plans/new/" not in body and "Start a service plan" not in body


@pytest.mark.parametrize("persona", ["as_alice", "as_dan"])
def test_the_list_offers_to_start_a_plan_to_the_programme_office_and_directors(persona, request):
    body = request.getfixturevalue(persona).get("/service-plans/").content.decode()
    assert 'href="/service-plans/new/"' in body


@pytest.mark.parametrize(
    ("persona", "role"), [("as_vera", "viewer"), ("as_colin", "councillor"), ("as_eve", "editor")]
)
def test_the_start_page_refuses_those_who_may_not_in_the_rules_words(persona, role, request):
    response = request.getfixturevalue(persona).get("/service-plans/new/")
    assert response.status_code == 403
    assert (
        "You cannot start a service plan: only the programme office and directors can, "
        f"and your role is {role}." in text(response)
    )


def test_a_director_is_offered_only_their_own_directorate_to_plan_for(as_dan, dan, council_a):
    elsewhere = member(council_a, Role.DIRECTOR).membership.directorate
    body = as_dan.get("/service-plans/new/").content.decode()
    assert f'value="{dan.membership.directorate.pk}"' in body
    assert f'value="{elsewhere.pk}"' not in body and elsewhere.name not in body


# --- a plan ------------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["as_vera", "as_colin", "as_fiona"])
def test_a_plan_offers_readers_nothing_to_change_or_record(persona, plan, action, request):
    body = request.getfixturevalue(persona).get(f"/service-plans/{plan.pk}/").content.decode()
    for link in [*editing_links(plan, action), update_link(plan, action)]:
        assert link not in body, link
    assert "Record an update" not in body and "Add a priority" not in body


def test_a_plan_offers_an_editor_the_update_but_not_the_plans_changes(as_eve, plan, action):
    body = as_eve.get(f"/service-plans/{plan.pk}/").content.decode()
    assert update_link(plan, action) in body
    for link in editing_links(plan, action):
        assert link not in body, link
    assert 'id="plan-actions"' not in body


def test_a_plan_offers_another_director_nothing(plan, action, council_a, client):
    client.force_login(member(council_a, Role.DIRECTOR))
    body = client.get(f"/service-plans/{plan.pk}/").content.decode()
    for link in [*editing_links(plan, action), update_link(plan, action)]:
        assert link not in body, link


def test_a_plan_offers_its_director_every_change(as_dan, plan, action):
    body = as_dan.get(f"/service-plans/{plan.pk}/").content.decode()
    for link in [
        f"/service-plans/{plan.pk}/edit/",
        f"/service-plans/{plan.pk}/priorities/new/",
        f"/service-plans/{plan.pk}/priorities/{action.priority.pk}/edit/",
        f"/service-plans/{plan.pk}/actions/new/",
        f"/service-plans/{plan.pk}/impact/",
        update_link(plan, action),
    ]:
        assert link in body, link


@pytest.mark.parametrize("persona", ["as_vera", "as_colin"])
def test_an_action_offers_readers_neither_an_update_nor_an_edit(persona, action, request):
    body = request.getfixturevalue(persona).get(f"/service-plans/actions/{action.pk}/").content
    body = body.decode()
    assert "/update/" not in body and f"/service-plans/actions/{action.pk}/edit/" not in body
    assert "Record an update" not in body and "Edit the action" not in body


def test_an_action_offers_an_editor_the_update_but_not_the_edit(as_eve, action):
    body = as_eve.get(f"/service-plans/actions/{action.pk}/").content.decode()
    assert "Record an update" in body
    assert f"/service-plans/actions/{action.pk}/edit/" not in body


# --- the form pages refuse, in the rule's words ------------------------------------------------


@pytest.mark.parametrize("persona", ["as_vera", "as_colin", "as_eve"])
def test_each_plan_form_refuses_a_get_in_the_rules_words(persona, plan, action, request):
    client = request.getfixturevalue(persona)
    expected = {
        f"/service-plans/{plan.pk}/edit/": "You cannot edit this service plan",
        f"/service-plans/{plan.pk}/priorities/new/": (
            "You cannot add, edit or remove this service plan's priorities"
        ),
        f"/service-plans/{plan.pk}/priorities/{action.priority.pk}/edit/": (
            "You cannot add, edit or remove this service plan's priorities"
        ),
        f"/service-plans/{plan.pk}/actions/new/": (
            "You cannot add or edit this service plan's actions"
        ),
        f"/service-plans/actions/{action.pk}/edit/": (
            "You cannot add or edit this service plan's actions"
        ),
        f"/service-plans/{plan.pk}/impact/": (
            "You cannot set this service plan's corporate objective impact"
        ),
    }
    for path, words in expected.items():
        response = client.get(path)
        assert response.status_code == 403, path
        assert (
            f"{words}: only the programme office and the director of {plan.directorate} can"
            in text(response)
        ), path


@pytest.mark.parametrize("persona", ["as_vera", "as_colin", "as_fiona"])
def test_the_update_form_refuses_a_get_in_the_rules_words(persona, plan, action, request):
    response = request.getfixturevalue(persona).get(update_link(plan, action))
    assert response.status_code == 403
    assert (
        "You cannot record an update position on this service plan's actions: only the "
        f"programme office, the director of {plan.directorate} and editors can" in text(response)
    )


# --- personal objectives -----------------------------------------------------------------------


def test_the_objectives_page_offers_no_form_to_a_login_with_no_person(council_a, client):
    user = UserFactory()
    Membership.objects.create(user=user, council=council_a, role=Role.EDITOR)
    client.force_login(user)
    response = client.get("/service-plans/objectives/")
    assert response.status_code == 200
    assert "Add an objective" not in response.content.decode()
    refused = client.post("/service-plans/objectives/", {"title": "x"})
    assert refused.status_code == 403
    assert "You cannot set a personal objective: only the person themselves" in text(refused)


def test_the_objectives_page_offers_an_officer_who_writes_their_own_objective(as_eve):
    assert "Add an objective" in as_eve.get("/service-plans/objectives/").content.decode()


@pytest.mark.parametrize("persona", ["as_vera", "as_colin"])
def test_a_viewer_or_councillor_is_not_offered_an_objective_form(persona, request):
    client = request.getfixturevalue(persona)
    assert "Add an objective" not in client.get("/service-plans/objectives/").content.decode()
    assert client.post("/service-plans/objectives/", {"title": "x"}).status_code == 403


def test_an_objective_links_to_its_form_for_the_person_and_their_director(
    as_dan, as_eve, eve, action
):
    objective = PersonalObjectiveFactory(person=eve.person, action=action)
    link = f'href="/service-plans/objectives/{objective.pk}/"'
    assert link in as_eve.get("/service-plans/objectives/").content.decode()
    assert link in as_dan.get("/service-plans/objectives/").content.decode()
