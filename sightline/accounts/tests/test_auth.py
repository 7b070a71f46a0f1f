import re

from django.conf import settings
from django.core import mail

from sightline.accounts.tests.factories import PASSWORD


def test_the_sign_in_page_is_public_and_govuk_styled(public, db):
    response = public.get("/login/")
    assert response.status_code == 200
    assert 'class="govuk-input' in response.content.decode()


def test_signing_in_lands_on_the_home_page(public, vera):
    response = public.post("/login/", {"username": "vera", "password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == "/"
    assert "Arden District Council" in response.content.decode()


def test_a_wrong_password_shows_the_error_summary(public, vera):
    response = public.post("/login/", {"username": "vera", "password": "nope"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "There is a problem" in body
    assert "correct username and password" in body


def test_signing_out_needs_a_post_and_ends_the_session(as_vera):
    assert as_vera.get("/logout/").status_code == 405
    response = as_vera.post("/logout/")
    assert response.status_code == 302
    assert as_vera.get("/").status_code == 302


def test_a_user_changes_their_password(as_vera, vera):
    response = as_vera.post(
        "/account/password/",
        {
            "old_password": PASSWORD,
            "new_password1": "a-much-longer-passphrase-2026",
            "new_password2": "a-much-longer-passphrase-2026",
        },
    )
    assert response.status_code == 302
    vera.refresh_from_db()
    assert vera.check_password("a-much-longer-passphrase-2026")


def test_a_forgotten_password_is_reset_by_email(public, vera):
    response = public.post("/password-reset/", {"email": vera.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"/password-reset/[^/]+/[^/\s]+/", mail.outbox[0].body).group(0)
    form = public.get(link, follow=True)
    assert form.status_code == 200
    response = public.post(
        form.redirect_chain[-1][0],
        {"new_password1": "reset-passphrase-2026!", "new_password2": "reset-passphrase-2026!"},
    )
    assert response.status_code == 302
    vera.refresh_from_db()
    assert vera.check_password("reset-passphrase-2026!")


def test_sessions_expire_after_being_idle():
    assert settings.SESSION_SAVE_EVERY_REQUEST is True
    assert 0 < settings.SESSION_COOKIE_AGE <= 8 * 3600
