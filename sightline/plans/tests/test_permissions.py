"""Who may do what with service plans: each rule, who it allows and how it refuses the rest."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from sightline.accounts.models import Membership, Role
from sightline.accounts.permissions import allowed, check, refusal
from sightline.accounts.tests.factories import (
    DirectorateFactory,
    PersonFactory,
    UserFactory,
    member,
)
from sightline.plans.models import PersonalObjective, ServicePlan
from sightline.plans.tests.factories import (
    ActionFactory,
    PersonalObjectiveFactory,
    ServicePlanFactory,
    ServicePriorityFactory,
)

PLAN_RULES = [
    "plans.change_plan",
    "plans.change_priorities",
    "plans.change_actions",
    "plans.set_impact",
]


@pytest.fixture
def plan(dan):
    return ServicePlanFactory(directorate=dan.membership.directorate)


@pytest.fixture
def action(plan):
    return ActionFactory(priority=ServicePriorityFactory(plan=plan, number=1))


@pytest.fixture
def other_director(council_a):
    return member(council_a, Role.DIRECTOR, username="oscar")


def new_plan(directorate):
    return ServicePlan(council=directorate.council, directorate=directorate)


# --- starting a plan ---------------------------------------------------------------------------


def test_the_programme_office_starts_a_plan_for_any_directorate(alice, dan, council_a):
    assert allowed(alice, "plans.create_plan")
    assert allowed(alice, "plans.create_plan", new_plan(dan.membership.directorate))
    assert allowed(alice, "plans.create_plan", new_plan(DirectorateFactory(council=council_a)))


def test_a_director_starts_a_plan_for_their_own_directorate_only(dan, other_director):
    assert allowed(dan, "plans.create_plan")
    assert allowed(dan, "plans.create_plan", new_plan(dan.membership.directorate))
    elsewhere = new_plan(other_director.membership.directorate)
    assert not allowed(dan, "plans.create_plan", elsewhere)
    assert refusal(dan, "plans.create_plan", elsewhere) == (
        f"You cannot start a service plan for {elsewhere.directorate}: a director plans only "
        "for their own directorate."
    )


@pytest.mark.parametrize(
    ("persona", "role"),
    [("eve", "editor"), ("fiona", "finance"), ("colin", "councillor"), ("vera", "viewer")],
)
def test_no_one_else_starts_a_plan(persona, role, request):
    user = request.getfixturevalue(persona)
    assert not allowed(user, "plans.create_plan")
    assert refusal(user, "plans.create_plan") == (
        "You cannot start a service plan: only the programme office and directors can, "
        f"and your role is {role}."
    )


def test_another_councils_member_cannot_start_a_plan_for_a_directorate_here(bob, dan):
    plan = new_plan(dan.membership.directorate)
    assert not allowed(bob, "plans.create_plan", plan)
    assert refusal(bob, "plans.create_plan", plan) == (
        "This service plan belongs to another council."
    )


# --- changing a plan, its priorities, actions and impact grid ---------------------------------


@pytest.mark.parametrize("name", PLAN_RULES)
def test_the_programme_office_and_the_plans_director_change_it(name, plan, alice, dan):
    assert allowed(alice, name, plan)
    assert allowed(dan, name, plan)


@pytest.mark.parametrize("name", PLAN_RULES)
@pytest.mark.parametrize("persona", ["eve", "fiona", "colin", "vera", "other_director"])
def test_no_one_else_in_the_council_changes_the_plan(name, persona, plan, request):
    user = request.getfixturevalue(persona)
    assert not allowed(user, name, plan)
    words = refusal(user, name, plan)
    assert words.startswith("You cannot ")
    assert f"only the programme office and the director of {plan.directorate} can" in words


@pytest.mark.parametrize("name", PLAN_RULES)
def test_another_councils_member_is_told_the_plan_is_not_theirs(name, plan, bob):
    assert not allowed(bob, name, plan)
    assert refusal(bob, name, plan) == "This service plan belongs to another council."


def test_the_service_refuses_a_plan_edit_in_the_rules_words(plan, eve):
    with pytest.raises(PermissionDenied) as refused:
        check(eve, "plans.change_plan", plan)
    assert str(refused.value) == (
        "You cannot edit this service plan: only the programme office and the director of "
        f"{plan.directorate} can, and your role is editor."
    )


# --- recording update positions ----------------------------------------------------------------


@pytest.mark.parametrize("persona", ["alice", "dan", "eve"])
def test_the_programme_office_the_plans_director_and_editors_record_updates(persona, plan, request):
    assert allowed(request.getfixturevalue(persona), "plans.record_update", plan)


def test_any_editor_of_the_council_records_updates(plan, council_a):
    assert allowed(member(council_a, Role.EDITOR), "plans.record_update", plan)


@pytest.mark.parametrize("persona", ["fiona", "colin", "vera", "other_director"])
def test_finance_councillors_viewers_and_other_directors_do_not_record_updates(
    persona, plan, request
):
    user = request.getfixturevalue(persona)
    assert not allowed(user, "plans.record_update", plan)
    assert (
        f"only the programme office, the director of {plan.directorate} and editors can"
        in refusal(user, "plans.record_update", plan)
    )


def test_another_councils_editor_does_not_record_updates(plan, bob):
    assert not allowed(bob, "plans.record_update", plan)
    assert refusal(bob, "plans.record_update", plan) == (
        "This service plan belongs to another council."
    )


# --- personal objectives -----------------------------------------------------------------------


def objective_for(person, action):
    return PersonalObjective(person=person, action=action, starts_on=datetime.date(2010, 4, 1))


@pytest.mark.parametrize("name", ["plans.set_objective", "plans.change_objective"])
def test_the_person_the_plans_director_and_the_programme_office_keep_an_objective(
    name, action, alice, dan, eve
):
    for objective in (
        objective_for(eve.person, action),
        PersonalObjectiveFactory(person=eve.person, action=action),
    ):
        assert allowed(eve, name, objective)
        assert allowed(dan, name, objective)
        assert allowed(alice, name, objective)


@pytest.mark.parametrize("name", ["plans.set_objective", "plans.change_objective"])
@pytest.mark.parametrize("persona", ["vera", "colin", "fiona", "other_director"])
def test_no_one_else_keeps_someone_elses_objective(name, persona, action, eve, request):
    user = request.getfixturevalue(persona)
    objective = objective_for(eve.person, action)
    assert not allowed(user, name, objective)
    assert (
        "only the person themselves, the director of "
        f"{action.priority.plan.directorate} and the programme office can"
    ) in refusal(user, name, objective)


def test_an_objective_for_another_councils_person_is_refused_as_such(alice, action, council_b):
    objective = objective_for(PersonFactory(council=council_b), action)
    assert not allowed(alice, "plans.set_objective", objective)
    assert refusal(alice, "plans.set_objective", objective) == (
        "This person or action belongs to another council."
    )


@pytest.mark.parametrize("persona", ["alice", "dan", "eve"])
def test_officers_who_write_may_set_objectives_at_all(persona, request):
    assert allowed(request.getfixturevalue(persona), "plans.set_objective")


@pytest.mark.parametrize("persona", ["vera", "colin"])
def test_a_viewer_or_councillor_sets_no_objective_not_even_their_own(persona, request, action):
    user = request.getfixturevalue(persona)
    assert not allowed(user, "plans.set_objective")
    assert not allowed(user, "plans.set_objective", objective_for(user.person, action))


def test_a_login_with_no_person_record_may_not_set_objectives(council_a):
    user = UserFactory()
    Membership.objects.create(user=user, council=council_a, role=Role.EDITOR)
    assert not allowed(user, "plans.set_objective")
    assert refusal(user, "plans.set_objective") == (
        "You cannot set a personal objective: only the person themselves, their director and "
        "the programme office can, and your role is editor."
    )


def test_no_one_may_do_anything_without_a_login(plan):
    for name in [*PLAN_RULES, "plans.create_plan", "plans.record_update"]:
        assert not allowed(AnonymousUser(), name, plan)
