"""The administration of reference data is opened to a programme office login by its council's
programme office (or, for a new council's first login, by the server's operator), and only to
a programme office login."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from sightline.accounts.models import Role
from sightline.accounts.services import OPERATOR, login_admin_access_set
from sightline.accounts.tests.factories import member


def test_the_programme_office_opens_the_administration_to_its_own_programme_office_login(
    alice, council_a
):
    colleague = member(council_a, Role.PROGRAMME_OFFICE, username="pat")
    client = Client()
    client.force_login(colleague)
    assert client.get("/admin/").status_code == 302  # to the admin's sign-in: not staff

    login_admin_access_set(membership=colleague.membership, admin_access=True, by=alice)

    colleague.refresh_from_db()
    assert colleague.is_staff
    assert client.get("/admin/").status_code == 200
    change = colleague.membership.history.latest()
    assert change.history_user == alice
    assert change.history_change_reason == "Administration of reference data opened to this login"


def test_the_operator_opens_it_to_a_new_councils_first_login(council_a):
    first = member(council_a, Role.PROGRAMME_OFFICE, username="first")
    login_admin_access_set(membership=first.membership, admin_access=True, by=OPERATOR)
    first.refresh_from_db()
    assert first.is_staff


def test_giving_it_again_changes_nothing(alice, council_a):
    colleague = member(council_a, Role.PROGRAMME_OFFICE, username="pat")
    login_admin_access_set(membership=colleague.membership, admin_access=True, by=alice)
    versions = colleague.membership.history.count()
    login_admin_access_set(membership=colleague.membership, admin_access=True, by=alice)
    assert colleague.membership.history.count() == versions


def test_it_is_closed_again_by_the_programme_office(alice, council_a):
    colleague = member(council_a, Role.PROGRAMME_OFFICE, username="pat")
    login_admin_access_set(membership=colleague.membership, admin_access=True, by=alice)
    login_admin_access_set(membership=colleague.membership, admin_access=False, by=alice)
    colleague.refresh_from_db()
    assert not colleague.is_staff


def test_only_a_programme_office_login_is_given_it(alice, eve):
    with pytest.raises(ValidationError, match="Only a programme office login"):
        login_admin_access_set(membership=eve.membership, admin_access=True, by=alice)
    eve.refresh_from_db()
    assert not eve.is_staff


def test_other_roles_and_other_councils_cannot_give_it(alice, eve, council_b):
    with pytest.raises(PermissionDenied, match="give or change logins"):
        login_admin_access_set(membership=alice.membership, admin_access=True, by=eve)
    brooks_office = member(council_b, Role.PROGRAMME_OFFICE, username="brook_po")
    with pytest.raises(PermissionDenied):
        login_admin_access_set(membership=alice.membership, admin_access=True, by=brooks_office)
    alice.refresh_from_db()
    assert not alice.is_staff
