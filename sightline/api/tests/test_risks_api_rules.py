"""The risk register's API asks the same rules as its pages, and refuses in their words."""

from sightline.accounts.models import Person
from sightline.accounts.tests.factories import DirectorateFactory
from sightline.risks.models import Risk
from sightline.risks.tests.factories import RiskFactory

JSON = "application/json"
NEW = {"title": "Loss of a key supplier", "initial_score": 4, "residual_score": 2}


def test_adding_is_refused_in_the_rules_words_before_anything_is_read(as_eve, council_a):
    response = as_eve.post("/api/v1/risks", {**NEW, "owner_id": 999999}, content_type=JSON)
    assert response.status_code == 403
    assert response.json()["detail"] == (
        "You cannot add a risk to the register: only the programme office and directors (for "
        "their own directorate) can, and your role is editor."
    )
    assert not Risk.objects.exists()


def test_a_director_adds_only_to_their_own_directorate(as_dan, dan, council_a):
    other = DirectorateFactory(council=council_a)
    refused = as_dan.post("/api/v1/risks", {**NEW, "directorate_id": other.pk}, content_type=JSON)
    assert refused.status_code == 403
    assert "only add risks to their own directorate" in refused.json()["detail"]
    own = dan.membership.directorate_id
    added = as_dan.post("/api/v1/risks", {**NEW, "directorate_id": own}, content_type=JSON)
    assert added.status_code == 201 and added.json()["directorate_id"] == own


def test_changing_is_refused_to_a_viewer_and_allowed_to_the_editor_who_owns_it(
    as_vera, as_eve, eve, council_a
):
    risk = RiskFactory(council=council_a)
    refused = as_vera.patch(
        f"/api/v1/risks/{risk.pk}", {"version": 1, "residual_score": 3}, content_type=JSON
    )
    assert refused.status_code == 403 and "your role is viewer" in refused.json()["detail"]
    Risk.objects.filter(pk=risk.pk).update(owner=Person.objects.get(user=eve))
    ok = as_eve.patch(
        f"/api/v1/risks/{risk.pk}",
        {"version": 1, "residual_score": 3, "reason": "Standby contract signed"},
        content_type=JSON,
    )
    assert ok.status_code == 200 and ok.json()["residual_score"] == 3


def test_a_director_cannot_move_a_risk_out_of_their_directorate(as_dan, dan, council_a):
    risk = RiskFactory(council=council_a, directorate=dan.membership.directorate)
    response = as_dan.patch(
        f"/api/v1/risks/{risk.pk}", {"version": 1, "directorate_id": None}, content_type=JSON
    )
    assert response.status_code == 403
    assert "cannot move a risk out" in response.json()["detail"]
    assert Risk.objects.get().directorate_id == dan.membership.directorate_id
