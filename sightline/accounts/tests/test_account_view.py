from sightline.accounts.models import ApiToken
from sightline.accounts.services import token_create


def test_a_new_token_is_shown_once_and_stored_only_as_a_hash(as_eve, eve):
    response = as_eve.post("/account/", {"name": "Spreadsheet link"})
    assert response.status_code == 200
    raw = response.context["new_token"]
    assert raw.startswith("sl_")
    token = ApiToken.objects.get(user=eve)
    assert token.token_hash == ApiToken.hash(raw) and raw not in token.token_hash
    assert raw not in as_eve.get("/account/").content.decode()


def test_a_token_needs_a_name(as_eve):
    response = as_eve.post("/account/", {"name": ""})
    assert "There is a problem" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_a_user_revokes_their_token(as_eve, eve):
    token, _ = token_create(user=eve, name="Old")
    response = as_eve.post(f"/account/tokens/{token.pk}/revoke/")
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_nobody_revokes_someone_elses_token(as_bob, eve):
    token, _ = token_create(user=eve, name="Eve's")
    assert as_bob.post(f"/account/tokens/{token.pk}/revoke/").status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_revoking_needs_a_post(as_eve, eve):
    token, _ = token_create(user=eve)
    assert as_eve.get(f"/account/tokens/{token.pk}/revoke/").status_code == 405


def test_account_needs_a_login(public, db):
    assert public.get("/account/").status_code == 302
