"""The programme office keeps its council's logins: gives one by e-mail invitation (a link to
set a password), changes a login's role, and deactivates one, never deleting it; the council
always keeps a programme office login."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from sightline.accounts.models import Membership, Role
from sightline.accounts.permissions import allowed, refusal
from sightline.accounts.services import (
    OPERATOR,
    invitation_send,
    login_change,
    login_deactivate,
    login_invite,
    login_reactivate,
    set_password_link,
)
from sightline.accounts.tests.factories import PASSWORD, DirectorateFactory, member
from sightline.core.audit import StaleEdit


@pytest.fixture
def vera_login(vera):
    return vera.membership


def test_an_invitation_carries_a_link_that_sets_the_password_once(alice, council_a):
    login = login_invite(
        council=council_a,
        by=alice,
        username="nadia",
        role=Role.EDITOR,
        first_name="Nadia",
        last_name="Khan",
        email="nadia@arden.gov.uk",
        site_url="https://sightline.arden.gov.uk/",
    )
    assert not login.user.has_usable_password() and login.user.person.name == "Nadia Khan"
    [sent] = mail.outbox
    assert sent.to == ["nadia@arden.gov.uk"] and "Arden District Council" in sent.subject
    assert "Your login name is: nadia" in sent.body and "as editor" in sent.body
    link = re.search(r"https://sightline\.arden\.gov\.uk(/password-reset/\S+/)", sent.body)[1]
    client = Client()
    form = client.get(link, follow=True)
    assert "Set a new password" in form.content.decode()
    new = {"new_password1": "a long new password", "new_password2": "a long new password"}
    assert client.post(form.redirect_chain[-1][0], new).status_code == 302
    assert Client().login(username="nadia", password="a long new password")
    assert "This link has expired" in Client().get(link, follow=True).content.decode()
    assert login.history.latest("history_id").history_change_reason == (
        "Invitation sent to nadia@arden.gov.uk"
    )


def test_a_refused_invitation_gives_no_login_and_sends_nothing(alice, council_a):
    with pytest.raises(ValidationError) as refused:
        login_invite(council=council_a, by=alice, username="alice", role="viewer", email="a@b.c")
    assert "already taken" in str(refused.value)
    with pytest.raises(ValidationError, match="needs an e-mail address"):
        login_invite(council=council_a, by=alice, username="nomail", role="viewer", email="")
    assert not mail.outbox and not get_user_model().objects.filter(username="nomail").exists()


def test_only_the_programme_office_invites_and_only_where_there_is_an_address(
    alice, eve, vera_login
):
    with pytest.raises(PermissionDenied, match="You cannot give or change logins"):
        invitation_send(membership=vera_login, by=eve)
    vera_login.user.email = ""
    with pytest.raises(ValidationError, match="no e-mail address"):
        invitation_send(membership=vera_login, by=alice)
    assert not mail.outbox


def test_the_operator_may_invite_a_new_councils_first_login(vera_login):
    link = invitation_send(membership=vera_login, by=OPERATOR, site_url="http://x/")
    assert link.startswith("http://x/password-reset/") and len(mail.outbox) == 1


def test_a_set_password_link_is_made_for_the_site(vera):
    assert set_password_link(vera, site_url="https://s.example/").startswith(
        "https://s.example/password-reset/"
    )


def test_the_programme_office_changes_a_logins_role_with_a_reason(alice, council_a, vera_login):
    directorate = DirectorateFactory(council=council_a)
    with pytest.raises(ValidationError) as refused:
        login_change(membership=vera_login, by=alice, role=Role.DIRECTOR)
    assert refused.value.message_dict == {
        "directorate": ["A director's login needs the directorate they direct."]
    }
    login_change(
        membership=vera_login,
        by=alice,
        role=Role.DIRECTOR,
        directorate=directorate,
        expected_version=1,
        reason="Appointed director",
    )
    vera_login.refresh_from_db()
    assert (vera_login.role, vera_login.directorate, vera_login.version) == (
        Role.DIRECTOR,
        directorate,
        2,
    )
    change = vera_login.history.latest("history_id")
    assert change.history_change_reason == "Appointed director" and change.history_user == alice


def test_a_stale_or_foreign_login_change_is_refused(alice, council_a, council_b, vera_login):
    Membership.objects.filter(pk=vera_login.pk).update(version=2)
    with pytest.raises(StaleEdit):
        login_change(membership=vera_login, by=alice, role=Role.EDITOR, expected_version=1)
    elsewhere = member(council_b, Role.VIEWER).membership
    with pytest.raises(PermissionDenied, match="This login belongs to another council."):
        login_change(membership=elsewhere, by=alice, role=Role.EDITOR)
    other = DirectorateFactory(council=council_b)
    with pytest.raises(ValidationError, match="council's own directorates"):
        login_change(membership=vera_login, by=alice, role=Role.DIRECTOR, directorate=other)


def test_the_council_keeps_a_programme_office_login(alice, council_a):
    alice.is_staff = True
    alice.save()
    with pytest.raises(ValidationError, match="only programme office login"):
        login_change(membership=alice.membership, by=alice, role=Role.VIEWER)
    member(council_a, Role.PROGRAMME_OFFICE, username="paula")
    login_change(membership=alice.membership, by=alice, role=Role.VIEWER)
    alice.refresh_from_db()
    assert alice.membership.role == Role.VIEWER and not alice.is_staff


def test_a_deactivated_login_cannot_sign_in_and_can_be_reactivated(alice, vera, vera_login):
    login_deactivate(membership=vera_login, by=alice, expected_version=1, reason="Left")
    vera.refresh_from_db()
    assert not vera.is_active and Membership.objects.filter(pk=vera_login.pk).exists()
    assert not Client().login(username="vera", password=PASSWORD)
    assert vera_login.history.latest("history_id").history_change_reason == "Left"
    with pytest.raises(ValidationError, match="already deactivated"):
        login_deactivate(membership=vera_login, by=alice)
    login_reactivate(membership=vera_login, by=alice, expected_version=2)
    assert Client().login(username="vera", password=PASSWORD)


def test_nobody_deactivates_their_own_login_nor_another_councils(alice, eve, council_b):
    with pytest.raises(PermissionDenied, match="You cannot deactivate your own login"):
        login_deactivate(membership=alice.membership, by=alice)
    with pytest.raises(PermissionDenied, match="deactivate or reactivate this login: only"):
        login_deactivate(membership=alice.membership, by=eve)
    elsewhere = member(council_b, Role.VIEWER).membership
    assert refusal(alice, "accounts.deactivate_login", elsewhere) == (
        "This login belongs to another council."
    )
    alice.refresh_from_db()
    assert alice.is_active


def test_only_the_councils_programme_office_keeps_its_logins(
    alice, fiona, dan, eve, colin, vera, bob
):
    people = {
        "programme_office": alice,
        "finance": fiona,
        "director": dan,
        "editor": eve,
        "councillor": colin,
        "viewer": vera,
        "other_council": bob,
    }
    login = vera.membership
    for name, expected in {
        "accounts.manage_logins": {"programme_office"},
        "accounts.change_login": {"programme_office"},
        "accounts.deactivate_login": {"programme_office"},
    }.items():
        subject = login.council if name == "accounts.manage_logins" else login
        may = {p for p, user in people.items() if allowed(user, name, subject)}
        assert may == expected, name
    assert refusal(fiona, "accounts.change_login", login) == (
        "You cannot change this login: only the programme office can, and your role is finance."
    )
    # Anyone but oneself: the programme office may not deactivate its own login.
    assert not allowed(alice, "accounts.deactivate_login", alice.membership)
    assert allowed(alice, "accounts.change_login", alice.membership)
