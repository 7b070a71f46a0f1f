"""Brute force on the sign-in page: five wrong passwords for one username from one address,
and the sixth attempt is refused (even with the right password) until the cool-off ends."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from axes.models import AccessAttempt
from django.test import Client

from sightline.accounts.tests.factories import PASSWORD

START = datetime(2026, 11, 2, 9, 0, tzinfo=ZoneInfo("Europe/London"))
OFFICE = "198.51.100.7"
HOME = "203.0.113.20"


def _sign_in(client, username, password, ip=OFFICE):
    return client.post("/login/", {"username": username, "password": password}, REMOTE_ADDR=ip)


def _fail(client, username, times, ip=OFFICE):
    return [_sign_in(client, username, "wrong password", ip) for _ in range(times)]


@pytest.fixture
def lockout_on(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 5


def test_four_wrong_passwords_still_let_the_right_one_in(db, vera, lockout_on):
    client = Client()
    with time_machine.travel(START, tick=False):
        for response in _fail(client, "vera", 4):
            assert response.status_code == 200
            assert "correct username and password" in response.content.decode()
        assert _sign_in(client, "vera", PASSWORD).status_code == 302


def test_the_sixth_attempt_is_refused_even_with_the_right_password(db, vera, lockout_on):
    client = Client()
    with time_machine.travel(START, tick=False):
        responses = _fail(client, "vera", 5)
        assert [r.status_code for r in responses[:4]] == [200] * 4
        sixth = _sign_in(client, "vera", PASSWORD)
    assert sixth.status_code == 429
    body = sixth.content.decode()
    assert "Signing in is locked for now" in body
    assert "govuk-heading-l" in body  # the service's own page, not axes' plain text
    assert "You can try again after <strong>09:15 on 2 November 2026</strong>" in body
    assert sixth["Retry-After"] == "901"
    assert "_auth_user_id" not in client.session


def test_the_right_password_works_once_the_cool_off_has_passed(db, vera, lockout_on):
    client = Client()
    with time_machine.travel(START, tick=False):
        _fail(client, "vera", 5)
    with time_machine.travel(START + timedelta(minutes=14, seconds=59), tick=False):
        assert _sign_in(client, "vera", PASSWORD).status_code == 429
    with time_machine.travel(START + timedelta(minutes=15, seconds=1), tick=False):
        response = _sign_in(client, "vera", PASSWORD)
        assert response.status_code == 302
        assert client.session["_auth_user_id"] == str(vera.pk)
    # a successful sign-in clears the count
    assert not AccessAttempt.objects.filter(username="vera").exists()


def test_attempts_during_the_lockout_do_not_extend_it(db, vera, lockout_on):
    client = Client()
    with time_machine.travel(START, tick=False):
        _fail(client, "vera", 5)
    with time_machine.travel(START + timedelta(minutes=10), tick=False):
        assert _fail(client, "vera", 3)[-1].status_code == 429
    with time_machine.travel(START + timedelta(minutes=15, seconds=1), tick=False):
        assert _sign_in(client, "vera", PASSWORD).status_code == 302


def test_the_cool_off_is_a_setting(db, vera, lockout_on, settings):
    settings.AXES_COOLOFF_TIME = timedelta(minutes=2)
    settings.SIGHTLINE_LOCKOUT_MINUTES = 2
    client = Client()
    with time_machine.travel(START, tick=False):
        _fail(client, "vera", 5)
        assert "locked for 2 minutes" in _sign_in(client, "vera", PASSWORD).content.decode()
    with time_machine.travel(START + timedelta(minutes=2, seconds=1), tick=False):
        assert _sign_in(client, "vera", PASSWORD).status_code == 302


def test_a_colleague_behind_the_same_office_address_can_still_sign_in(db, vera, alice, lockout_on):
    client = Client()
    with time_machine.travel(START, tick=False):
        _fail(client, "vera", 5)
        assert _sign_in(Client(), "alice", PASSWORD).status_code == 302


def test_the_locked_user_can_still_sign_in_from_elsewhere(db, vera, lockout_on):
    """Lockout is per username and address (docs/adr/0004-login-lockout.md): someone
    guessing from one place cannot lock the real person out everywhere."""
    with time_machine.travel(START, tick=False):
        _fail(Client(), "vera", 5, ip=OFFICE)
        assert _sign_in(Client(), "vera", PASSWORD, ip=HOME).status_code == 302


def test_guessing_an_unknown_username_is_locked_out_too(db, lockout_on):
    with time_machine.travel(START, tick=False):
        assert _fail(Client(), "nobody", 6)[-1].status_code == 429


def test_the_forwarded_address_counts_only_behind_a_configured_proxy(
    db, vera, lockout_on, settings
):
    """Without SIGHTLINE_BEHIND_PROXY a client could dodge the count by sending a new
    X-Forwarded-For each time; behind the proxy, the address it saw is the one counted."""
    client = Client()
    with time_machine.travel(START, tick=False):
        for n in range(5):
            client.post(
                "/login/",
                {"username": "vera", "password": "wrong"},
                REMOTE_ADDR=OFFICE,
                HTTP_X_FORWARDED_FOR=f"10.0.0.{n}",
            )
        assert _sign_in(client, "vera", PASSWORD).status_code == 429
        settings.SIGHTLINE_BEHIND_PROXY = True
        response = client.post(
            "/login/",
            {"username": "vera", "password": PASSWORD},
            REMOTE_ADDR="10.1.1.1",
            HTTP_X_FORWARDED_FOR=f"1.2.3.4, {HOME}",
        )
    assert response.status_code == 302


def test_the_test_clients_login_is_not_counted(db, vera, lockout_on):
    client = Client()
    for _ in range(8):
        assert not client.login(username="vera", password="wrong")
    assert client.login(username="vera", password=PASSWORD)
    assert not AccessAttempt.objects.exists()
