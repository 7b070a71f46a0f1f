"""API tokens: listed, named, expiring, revocable by their owner and their council's
programme office, ended by a password change or deactivation; bad tokens throttled."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.test import Client

from sightline.accounts.models import ApiToken
from sightline.accounts.services import login_deactivate, token_create
from sightline.accounts.tests.factories import PASSWORD

START = datetime(2026, 11, 2, 9, 0, tzinfo=ZoneInfo("Europe/London"))


def _me(raw, ip="127.0.0.1"):
    return Client().get("/api/v1/me", headers={"Authorization": f"Bearer {raw}"}, REMOTE_ADDR=ip)


def test_a_token_lasts_90_days_unless_another_term_is_chosen(db, eve):
    with time_machine.travel(START, tick=False):
        default, raw = token_create(user=eve)
        year, _ = token_create(user=eve, expires_in_days=365)
    assert default.expires_at == START + timedelta(days=90)
    assert year.expires_at == START + timedelta(days=365)
    with time_machine.travel(START + timedelta(days=89, hours=23), tick=False):
        assert _me(raw).status_code == 200
    with time_machine.travel(START + timedelta(days=90, seconds=1), tick=False):
        assert _me(raw).status_code == 401


def test_only_the_offered_terms_may_be_chosen(db, eve):
    with pytest.raises(ValidationError) as error:
        token_create(user=eve, expires_in_days=10_000)
    assert "expires_in_days" in error.value.message_dict
    assert not ApiToken.objects.exists()


def test_the_account_page_lists_name_prefix_created_last_used_and_expiry(as_eve, eve):
    with time_machine.travel(START, tick=False):
        token, raw = token_create(user=eve, name="Finance spreadsheet link", expires_in_days=30)
        assert _me(raw).status_code == 200
    body = as_eve.get("/account/").content.decode()
    assert "Finance spreadsheet link" in body
    assert f"{token.prefix}…" in body
    assert "2 Nov 2026" in body  # created and last used
    assert "2 Dec 2026" in body  # expires
    assert 'name="expires_in_days"' in body and "1 year" in body


def test_the_term_is_chosen_on_the_account_page(as_eve, eve):
    response = as_eve.post("/account/", {"name": "Short", "expires_in_days": "30"})
    assert response.status_code == 200
    token = ApiToken.objects.get(user=eve)
    assert round((token.expires_at - token.created_at).total_seconds() / 86400) == 30
    response = as_eve.post("/account/", {"name": "Odd", "expires_in_days": "7"})
    assert "There is a problem" in response.content.decode()
    assert ApiToken.objects.filter(user=eve).count() == 1


def test_changing_the_password_ends_every_token(as_vera, vera):
    _, first = token_create(user=vera)
    _, second = token_create(user=vera)
    assert _me(first).status_code == 200
    response = as_vera.post(
        "/account/password/",
        {
            "old_password": PASSWORD,
            "new_password1": "a brand new long password",
            "new_password2": "a brand new long password",
        },
    )
    assert response.status_code == 302
    assert _me(first).status_code == 401
    assert _me(second).status_code == 401
    assert set(ApiToken.objects.values_list("revoked_reason", flat=True)) == {"Password changed"}


def test_a_password_changed_any_other_way_ends_the_tokens_too(db, vera):
    _, raw = token_create(user=vera)
    vera.set_password("changed by an operator")
    vera.save()
    assert _me(raw).status_code == 401
    assert ApiToken.objects.get().revoked_at is not None


def test_deactivating_a_login_ends_its_tokens(db, alice, vera):
    _, raw = token_create(user=vera)
    login_deactivate(membership=vera.membership, by=alice, reason="Left the council")
    assert ApiToken.objects.get().revoked_reason == "Login deactivated"
    vera.is_active = True
    vera.save()
    assert _me(raw).status_code == 401


def test_the_programme_office_sees_and_revokes_tokens_in_their_council(as_alice, eve, bob):
    token, raw = token_create(user=eve, name="Eve's link")
    other, _ = token_create(user=bob, name="Bob's link")
    body = as_alice.get("/account/").content.decode()
    assert "Tokens of others in Arden District Council" in body
    assert "Eve&#x27;s link" in body or "Eve's link" in body
    assert "Bob" not in body.split("Tokens of others")[1].split("</table>")[0]
    assert as_alice.post(f"/account/tokens/{token.pk}/revoke/").status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert _me(raw).status_code == 401
    assert as_alice.post(f"/account/tokens/{other.pk}/revoke/").status_code == 404


def test_other_roles_see_no_one_elses_tokens_and_cannot_revoke_them(as_fiona, eve):
    token, _ = token_create(user=eve, name="Eve's link")
    assert "Tokens of others" not in as_fiona.get("/account/").content.decode()
    assert as_fiona.post(f"/account/tokens/{token.pk}/revoke/").status_code == 403
    token.refresh_from_db()
    assert token.revoked_at is None


@pytest.fixture
def lockout_on(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 5


def test_repeated_bad_tokens_from_one_address_get_429(db, alice, lockout_on):
    _, good = token_create(user=alice)
    with time_machine.travel(START, tick=False):
        codes = [_me(f"sl_guess{n}", ip="198.51.100.9").status_code for n in range(4)]
        assert codes == [401] * 4
        fifth = _me("sl_guess5", ip="198.51.100.9")
        sixth = _me(good, ip="198.51.100.9")
        elsewhere = _me(good, ip="203.0.113.5")
    assert fifth.status_code == 429
    assert sixth.status_code == 429
    body = sixth.json()
    assert set(body) == {"detail", "errors"}
    assert "Too many requests with an invalid API token" in body["detail"]
    assert "09:15 on 2 November 2026" in body["detail"]
    assert body["errors"] == {"Authorization": [body["detail"]]}
    assert sixth["Retry-After"] == "901"
    assert elsewhere.status_code == 200
    with time_machine.travel(START + timedelta(minutes=15, seconds=1), tick=False):
        assert _me(good, ip="198.51.100.9").status_code == 200


def test_bad_tokens_do_not_count_against_passwords(db, vera, lockout_on):
    with time_machine.travel(START, tick=False):
        for n in range(6):
            _me(f"sl_guess{n}")
        response = Client().post("/login/", {"username": "vera", "password": PASSWORD})
    assert response.status_code == 302


def test_a_tokens_making_and_ending_are_in_its_history_without_its_secret(as_alice, eve, alice):
    token, raw = token_create(user=eve, name="Eve's link", expires_in_days=30)
    assert as_alice.post(f"/account/tokens/{token.pk}/revoke/").status_code == 302
    made, revoked = token.history.order_by("history_id")
    assert (made.history_type, made.history_user, made.history_change_reason) == (
        "+",
        eve,
        "Made, ending after 30 days",
    )
    assert revoked.history_user == alice and revoked.revoked_at is not None
    assert revoked.history_change_reason.startswith("Revoked by")
    fields = {f.name for f in type(made)._meta.fields}
    assert not fields & {"token_hash", "password_stamp", "last_used_at"}
    assert ApiToken.hash(raw) not in str(
        list(token.history.values_list(*[f for f in fields if f != "history_date"]))
    )


def test_tokens_ended_by_the_system_say_why_in_their_history(db, alice, vera):
    token_create(user=vera)
    token_create(user=vera, name="Second")
    login_deactivate(membership=vera.membership, by=alice, reason="Left the council")
    for token in ApiToken.objects.filter(user=vera):
        ended = token.history.latest("history_id")
        assert ended.history_change_reason == "Login deactivated"
        assert ended.revoked_at is not None
