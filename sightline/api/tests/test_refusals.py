"""The API's refusals as its description documents them (issue 19): 401 with
``WWW-Authenticate`` for a caller with no token and no session (writes too, never 403), 404 for
an id that is no record's (negative, zero or too large for the database), 422 naming the field,
and every operation's description naming the refusals it can answer."""

import inspect
import json

import pytest
from ninja import Schema

import sightline.api.finance.cycle
import sightline.api.finance.plan
import sightline.api.finance.scenarios
import sightline.api.finance.tables
import sightline.api.impact
import sightline.api.performance
import sightline.api.plans
import sightline.api.public
import sightline.api.risks
import sightline.api.savings.schemas
import sightline.api.scrutiny
import sightline.api.setup
import sightline.api.strategy
from sightline.accounts.services import token_create
from sightline.api.schemas import MAX_ID

JSON = "application/json"


def test_an_anonymous_read_is_answered_401_saying_how_to_authenticate(public, db):
    response = public.get("/api/v1/proposals")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Bearer realm="Sightline API"'
    assert response.json() == {"detail": "Authentication required."}


def test_an_anonymous_write_is_answered_401_not_403(public, db):
    response = public.post("/api/v1/risks", json.dumps({"title": "X"}), content_type=JSON)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Bearer realm="Sightline API"'


def test_a_signed_in_session_still_needs_its_csrf_token_to_write(alice):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    response = client.post("/api/v1/risks", json.dumps({"title": "X"}), content_type=JSON)
    assert response.status_code == 403


@pytest.mark.parametrize("risk_id", ["0", "-1", str(MAX_ID + 1), "9" * 40])
def test_an_id_that_is_no_records_is_not_found(client, alice, risk_id):
    _, raw = token_create(user=alice)
    response = client.get(f"/api/v1/risks/{risk_id}", headers={"Authorization": f"Bearer {raw}"})
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found"}


def test_every_operation_documents_its_refusals(public, db):
    document = public.get("/api/v1/openapi.json").json()
    for path, methods in document["paths"].items():
        for method, operation in methods.items():
            codes = set(operation["responses"])
            where = f"{method.upper()} {path}"
            if operation.get("security"):
                assert {"401", "403", "429"} <= codes, where
                assert "WWW-Authenticate" in operation["responses"]["401"]["headers"], where
            if "{" in path:
                assert "404" in codes, where
            if operation.get("parameters") or "requestBody" in operation:
                assert "422" in codes, where
            if "requestBody" in operation:
                assert "400" in codes, where
    invalid = document["components"]["schemas"]["InvalidOut"]
    assert set(invalid["required"]) == {"detail", "errors"}


def test_no_two_schemas_of_the_api_share_a_name():
    """The OpenAPI document names each schema by its class: two classes of one name would be
    described as one, and one of them wrongly (as corporate and financial plans once were)."""
    modules = [
        sightline.api.finance.cycle,
        sightline.api.finance.plan,
        sightline.api.finance.scenarios,
        sightline.api.finance.tables,
        sightline.api.impact,
        sightline.api.performance,
        sightline.api.plans,
        sightline.api.public,
        sightline.api.risks,
        sightline.api.savings.schemas,
        sightline.api.scrutiny,
        sightline.api.setup,
        sightline.api.strategy,
    ]
    seen: dict[str, str] = {}
    for module in modules:
        for name, value in vars(module).items():
            if (
                inspect.isclass(value)
                and issubclass(value, Schema)
                and value.__module__ == module.__name__
            ):
                assert name not in seen, f"{name} in {module.__name__} and {seen[name]}"
                seen[name] = module.__name__
