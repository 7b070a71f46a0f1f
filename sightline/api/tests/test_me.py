import json

from django.core.management import call_command

from sightline.accounts.services import token_create, token_revoke


def test_me_answers_a_bearer_token(client, alice):
    _, raw = token_create(user=alice)
    response = client.get("/api/v1/me", headers={"Authorization": f"Bearer {raw}"})
    assert response.status_code == 200
    assert response.json() == {
        "username": "alice",
        "name": alice.get_full_name(),
        "council": {"name": "Arden District Council", "short_code": "arden"},
        "role": "programme_office",
        "role_label": "Programme office",
        "sees_exempt": True,
    }


def test_me_answers_the_browser_session(as_vera):
    response = as_vera.get("/api/v1/me")
    assert response.status_code == 200
    assert response.json()["role"] == "viewer"
    assert response.json()["sees_exempt"] is False


def test_me_is_401_without_credentials_or_with_a_bad_or_revoked_token(client, alice):
    assert client.get("/api/v1/me").status_code == 401
    assert client.get("/api/v1/me", headers={"Authorization": "Bearer sl_nope"}).status_code == 401
    token, raw = token_create(user=alice)
    token_revoke(token=token, by=alice)
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {raw}"}).status_code == 401


def test_create_token_prints_a_token_the_api_accepts(client, alice, capsys):
    call_command("create_token", "alice")
    raw = capsys.readouterr().out.strip()
    response = client.get("/api/v1/me", headers={"Authorization": f"Bearer {raw}"})
    assert response.json()["username"] == "alice"


def test_me_refuses_post(as_vera):
    assert as_vera.post("/api/v1/me").status_code == 405


def test_the_openapi_description_lists_me(public, db):
    response = public.get("/api/v1/openapi.json")
    assert response.status_code == 200
    spec = json.loads(response.content)
    assert "/api/v1/me" in spec["paths"]
    assert {"BearerToken", "ActiveSession"} <= set(spec["components"]["securitySchemes"])


def test_the_api_docs_load_nothing_from_a_cdn(public, db):
    body = public.get("/api/v1/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in body
    assert "cdn" not in body.lower()
