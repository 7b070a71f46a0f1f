"""A new council from nothing: the operator creates it and its first login; its programme
office then gives the other logins and keeps its reference data, only within the council."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sightline.accounts.models import Council, Directorate, Person, Role
from sightline.accounts.services import OPERATOR, council_create, login_create, reference_save
from sightline.accounts.tests.factories import DirectorateFactory, PersonFactory


@pytest.mark.django_db
def test_the_operator_creates_a_council_and_its_first_programme_office_login():
    council = council_create(name="Sefton Council", short_code="sefton", by=OPERATOR)
    membership = login_create(
        council=council,
        username="sefton_po",
        role=Role.PROGRAMME_OFFICE,
        first_name="Sam",
        last_name="Officer",
        by=OPERATOR,
    )
    assert membership.council == council and membership.role == "programme_office"
    assert membership.user.person.council == council
    assert not membership.user.has_usable_password()
    assert council.history.get().history_change_reason == "Council created"


def test_a_member_cannot_create_a_council(alice):
    with pytest.raises(PermissionDenied, match="only the server's operator"):
        council_create(name="Another", short_code="another", by=alice)
    assert not Council.objects.filter(short_code="another").exists()


def test_the_programme_office_gives_a_directors_login_in_its_own_council(alice, council_a):
    directorate = DirectorateFactory(council=council_a)
    membership = login_create(
        council=council_a,
        username="dora",
        role=Role.DIRECTOR,
        directorate=directorate,
        password="a long demo password",
        by=alice,
    )
    assert membership.directorate == directorate and membership.user.has_usable_password()


def test_logins_are_refused_to_other_roles_and_other_councils(eve, alice, council_b):
    with pytest.raises(PermissionDenied, match="give or change logins"):
        login_create(council=eve.membership.council, username="x", role="viewer", by=eve)
    with pytest.raises(PermissionDenied):
        login_create(council=council_b, username="y", role="viewer", by=alice)


def test_a_login_names_each_problem(alice, council_a, council_b):
    with pytest.raises(ValidationError) as refused:
        login_create(
            council=council_a,
            username="alice",
            role=Role.DIRECTOR,
            person=PersonFactory(council=council_b),
            by=alice,
        )
    assert set(refused.value.message_dict) == {"username", "directorate", "person"}


def test_reference_data_links_only_to_its_own_council(alice, council_a, council_b):
    directorate = Directorate(council=council_a, name="Resources")
    directorate.director = PersonFactory(council=council_b)
    with pytest.raises(ValidationError) as refused:
        reference_save(obj=directorate, by=alice)
    assert refused.value.message_dict == {"director": ["Choose one of your council's own records."]}
    assert not Directorate.objects.filter(name="Resources").exists()
    directorate.director = Person.objects.create(council=council_a, name="Dee")
    reference_save(obj=directorate, by=alice)
