"""Who may do what with the risk register: each rule asked of each role, and its refusal."""

import pytest
from django.core.exceptions import PermissionDenied

from sightline.accounts.models import Person
from sightline.accounts.permissions import allowed, refusal
from sightline.accounts.tests.factories import DirectorateFactory
from sightline.risks import services
from sightline.risks.models import Risk
from sightline.risks.permissions import placed
from sightline.risks.tests.factories import RiskFactory


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
def risk(council_a, dan):
    """A risk in Dan's directorate, with no owner named."""
    return RiskFactory(council=council_a, directorate=dan.membership.directorate)


def who_may(people, name, obj=None) -> set[str]:
    return {persona for persona, user in people.items() if allowed(user, name, obj)}


@pytest.mark.parametrize("name", ["risks.change_risk", "risks.close_risk"])
def test_the_programme_office_and_the_directorates_director_manage_a_risk(name, people, risk):
    assert who_may(people, name, risk) == {"programme_office", "director"}


@pytest.mark.parametrize("name", ["risks.change_risk", "risks.close_risk"])
def test_a_risks_owner_manages_it_if_their_role_may_write(name, people, risk, eve, fiona):
    risk.owner = Person.objects.get(user=eve)
    assert who_may(people, name, risk) == {"programme_office", "director", "editor"}
    risk.owner = Person.objects.get(user=fiona)
    assert who_may(people, name, risk) == {"programme_office", "director", "finance"}


@pytest.mark.parametrize("persona", ["colin", "vera"])
def test_an_owner_who_only_reads_cannot_manage_their_risk(persona, risk, request):
    user = request.getfixturevalue(persona)
    risk.owner = Person.objects.get(user=user)
    assert not allowed(user, "risks.change_risk", risk)
    assert not allowed(user, "risks.close_risk", risk)


def test_a_director_does_not_manage_another_directorates_risks(dan, council_a):
    elsewhere = RiskFactory(council=council_a, directorate=DirectorateFactory(council=council_a))
    corporate = RiskFactory(council=council_a, directorate=None)
    assert not allowed(dan, "risks.change_risk", elsewhere)
    assert not allowed(dan, "risks.change_risk", corporate)


def test_the_programme_office_and_directors_may_add_risks(people):
    assert who_may(people, "risks.add_risk") == {"programme_office", "director"}


def test_a_director_may_add_a_risk_only_to_their_own_directorate(dan, alice, council_a):
    own = placed(None, council_id=council_a.pk, directorate_id=dan.membership.directorate_id)
    other = placed(
        None, council_id=council_a.pk, directorate_id=DirectorateFactory(council=council_a).pk
    )
    corporate = placed(None, council_id=council_a.pk, directorate_id=None)
    assert allowed(dan, "risks.add_risk", own)
    assert not allowed(dan, "risks.add_risk", other)
    assert not allowed(dan, "risks.add_risk", corporate)
    assert all(allowed(alice, "risks.add_risk", r) for r in (own, other, corporate))
    assert refusal(dan, "risks.add_risk", other) == (
        "A director can only add risks to their own directorate: choose it as the risk's "
        "directorate."
    )


def test_a_risk_moves_only_where_its_mover_may_manage_it(dan, alice, eve, risk, council_a):
    other = DirectorateFactory(council=council_a)
    moved = placed(risk, council_id=council_a.pk, directorate_id=other.pk)
    assert allowed(alice, "risks.move_risk", moved)
    assert not allowed(dan, "risks.move_risk", moved)
    assert refusal(dan, "risks.move_risk", moved) == (
        "A director cannot move a risk out of their own directorate: ask the programme office."
    )
    risk.owner = Person.objects.get(user=eve)
    assert allowed(
        eve, "risks.move_risk", placed(risk, council_id=council_a.pk, directorate_id=None)
    )


def test_a_refusal_names_the_action_who_may_and_the_role(vera, risk):
    assert refusal(vera, "risks.change_risk", risk) == (
        "You cannot change this risk: only the programme office, the director of the risk's "
        "directorate or its owner can, and your role is viewer."
    )
    assert refusal(vera, "risks.add_risk") == (
        "You cannot add a risk to the register: only the programme office and directors (for "
        "their own directorate) can, and your role is viewer."
    )
    assert refusal(vera, "risks.close_risk", risk).startswith("You cannot close or reopen")


def test_a_refusal_for_another_councils_risk_says_so(bob, risk):
    for name in ("risks.change_risk", "risks.close_risk"):
        assert refusal(bob, name, risk) == "This risk belongs to another council."


def test_the_service_refuses_closing_and_reopening_in_the_rules_words(eve, alice, risk):
    with pytest.raises(PermissionDenied, match="You cannot close or reopen this risk"):
        services.risk_close(by=eve, risk=risk, reason="Ended")
    services.risk_close(by=alice, risk=risk, reason="Ended")
    with pytest.raises(PermissionDenied, match="your role is editor"):
        services.risk_reopen(by=eve, risk=risk, reason="Back")
    assert Risk.objects.get().closed_on is not None


def test_an_owning_director_may_move_their_risk_anywhere(dan, council_a):
    elsewhere = DirectorateFactory(council=council_a)
    risk = RiskFactory(council=council_a, directorate=elsewhere, owner=Person.objects.get(user=dan))
    services.risk_save(by=dan, risk=risk, data={"directorate": None}, expected_version=1)
    assert Risk.objects.get().directorate is None
