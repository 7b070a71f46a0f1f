"""Who may keep reference data and revoke API tokens: each accounts rule asked of each role,
enforced by its service, and asked by the council page before it offers administration."""

import pytest
from django.core.exceptions import PermissionDenied

from sightline.accounts.models import ApiToken, Role
from sightline.accounts.permissions import allowed, refusal
from sightline.accounts.services import reference_save, token_create, token_revoke
from sightline.accounts.tests.factories import DirectorateFactory, member


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
def brook_office(council_b):
    return member(council_b, Role.PROGRAMME_OFFICE, username="brenda")


def test_only_the_councils_programme_office_changes_its_reference_data(people, council_a):
    directorate = DirectorateFactory(council=council_a)
    may = {
        p
        for p, user in people.items()
        if allowed(user, "accounts.change_reference_data", directorate)
    }
    assert may == {"programme_office"}


def test_another_councils_programme_office_is_refused_reference_data(brook_office, council_a):
    directorate = DirectorateFactory(council=council_a)
    directorate.name = "Renamed"
    assert refusal(brook_office, "accounts.change_reference_data", directorate) == (
        "This record belongs to another council."
    )
    with pytest.raises(PermissionDenied, match="belongs to another council"):
        reference_save(obj=directorate, by=brook_office)


def test_a_token_is_revoked_by_its_owner_and_their_own_programme_office(people, eve):
    token, _ = token_create(user=eve)
    may = {p for p, user in people.items() if allowed(user, "accounts.revoke_token", token)}
    assert may == {"programme_office", "editor"}


def test_a_programme_office_cannot_revoke_another_councils_token(brook_office, eve):
    token, raw = token_create(user=eve)
    assert not allowed(brook_office, "accounts.revoke_token", token)
    with pytest.raises(PermissionDenied, match="another council"):
        token_revoke(token=token, by=brook_office)
    token.refresh_from_db()
    assert token.revoked_at is None


def test_the_councils_own_programme_office_revokes_a_members_token(alice, eve):
    token, _ = token_create(user=eve)
    token_revoke(token=token, by=alice)
    assert ApiToken.objects.get(pk=token.pk).revoked_at is not None


def test_a_colleague_cannot_revoke_someone_elses_token(dan, eve):
    token, _ = token_create(user=eve)
    with pytest.raises(PermissionDenied) as refused:
        token_revoke(token=token, by=dan)
    assert str(refused.value) == (
        "You cannot revoke this token: only its owner or their council's programme office can, "
        "and your role is director."
    )


def test_the_council_page_points_only_the_programme_office_to_administration(
    as_alice, as_vera, as_dan, council_a
):
    words = "The programme office keeps these lists on the"
    assert words in as_alice.get("/council/").content.decode()
    for client in (as_vera, as_dan):
        assert words not in client.get("/council/").content.decode()
