from unittest import mock

from django.db import OperationalError


def test_healthz_reports_the_database_ok_without_login(public, db):
    response = public.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_healthz_is_503_when_the_database_is_unreachable(public, db):
    with mock.patch("sightline.core.views.connection.cursor", side_effect=OperationalError):
        response = public.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"


def test_healthz_refuses_post(public, db):
    assert public.post("/healthz").status_code == 405
