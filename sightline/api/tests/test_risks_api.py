from sightline.accounts.tests.factories import DirectorateFactory
from sightline.risks.models import Risk
from sightline.risks.tests.factories import RiskFactory

JSON = "application/json"


def test_the_register_is_listed_highest_residual_first(as_vera, council_a, council_b):
    RiskFactory(council=council_a, number=1, initial_score=8, residual_score=6)
    RiskFactory(council=council_a, number=12, initial_score=9, residual_score=8)
    RiskFactory(council=council_b, number=3)
    body = as_vera.get("/api/v1/risks").json()["items"]
    assert [r["number"] for r in body] == [12, 1]
    assert body[0]["url"].startswith("/risks/") and body[0]["residual_score"] == 8
    assert [r["number"] for r in as_vera.get("/api/v1/risks?sort=number").json()["items"]] == [
        1,
        12,
    ]


def test_another_councils_risk_and_directorate_are_not_found(as_bob, council_a):
    risk = RiskFactory(council=council_a)
    assert as_bob.get(f"/api/v1/risks/{risk.pk}").status_code == 404
    directorate = DirectorateFactory(council=council_a)
    assert as_bob.get(f"/api/v1/risks?directorate={directorate.pk}").status_code == 422


def test_the_programme_office_adds_a_risk_with_likelihood_and_impact(as_alice, council_a):
    response = as_alice.post(
        "/api/v1/risks",
        {
            "title": "Serious breach of health and safety legislation",
            "initial_likelihood": 2,
            "initial_impact": 3,
            "residual_score": 6,
        },
        content_type=JSON,
    )
    assert response.status_code == 201, response.content
    assert response.json()["initial_score"] == 6 and response.json()["number"] == 1


def test_bad_scores_are_refused_by_field_and_nothing_saved(as_alice, council_a):
    response = as_alice.post(
        "/api/v1/risks", {"title": "x", "initial_score": 4, "residual_score": 9}, content_type=JSON
    )
    assert response.status_code == 422
    assert "residual_score" in response.json()["errors"]
    assert not Risk.objects.exists()


def test_a_viewer_cannot_add_and_a_stale_change_is_refused(as_vera, as_alice, council_a):
    assert (
        as_vera.post(
            "/api/v1/risks",
            {"title": "x", "initial_score": 4, "residual_score": 2},
            content_type=JSON,
        ).status_code
        == 403
    )
    risk = RiskFactory(council=council_a)
    ok = as_alice.patch(
        f"/api/v1/risks/{risk.pk}",
        {"version": 1, "residual_score": 3, "reason": "New controls"},
        content_type=JSON,
    )
    assert ok.status_code == 200 and ok.json()["version"] == 2 and ok.json()["residual_score"] == 3
    stale = as_alice.patch(
        f"/api/v1/risks/{risk.pk}", {"version": 1, "residual_score": 2}, content_type=JSON
    )
    assert stale.status_code == 422 and "changed by someone else" in stale.json()["detail"]


def test_the_openapi_description_lists_the_risk_endpoints(public, db):
    paths = public.get("/api/v1/openapi.json").json()["paths"]
    assert set(paths["/api/v1/risks"]) == {"get", "post"}
    assert set(paths["/api/v1/risks/{risk_id}"]) == {"get", "patch"}
