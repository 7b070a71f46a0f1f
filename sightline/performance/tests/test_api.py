"""Indicators in the JSON API: the same figures and visibility as the pages."""

import datetime
from decimal import Decimal

import pytest

from sightline.accounts.models import Role
from sightline.accounts.services import token_create
from sightline.accounts.tests.factories import member
from sightline.performance import services
from sightline.performance.models import Actual
from sightline.performance.tests.factories import (
    Q1_13,
    ActualFactory,
    IndicatorFactory,
    TargetFactory,
)
from sightline.strategy.tests.factories import CorporatePlanFactory, PriorityFactory

Q2_13 = datetime.date(2013, 7, 1)
JSON = "application/json"
D = Decimal


@pytest.fixture
def indicator(council_a, eve, fiona):
    """Eve's NI 59 (target 80%, Amber within 5): Q1 2013/14 approved at 72%."""
    indicator = IndicatorFactory(council=council_a, code="NI 59", owner=eve.person)
    indicator.priorities.add(
        PriorityFactory(plan=CorporatePlanFactory(council=council_a), number=1)
    )
    TargetFactory(indicator=indicator, period=Q1_13, value=D("80"))
    ActualFactory(
        indicator=indicator, period=Q1_13, value=D("72"), approved_by=fiona, commentary="Vacancies."
    )
    return indicator


@pytest.fixture
def draft(indicator, eve):
    return services.actual_record(
        indicator=indicator, period=Q2_13, value=D("78.5"), commentary="", by=eve
    )


def test_the_list_gives_each_indicators_latest_approved_figure(as_vera, indicator, draft):
    response = as_vera.get("/api/v1/indicators")
    assert response.status_code == 200
    [row] = response.json()["items"]
    assert row["code"] == "NI 59" and row["url"] == f"/indicators/{indicator.pk}/"
    latest = row["latest"]
    assert latest["label"] == "Q1 2013/14" and latest["target"] == "80.00"
    assert latest["actual"]["value"] == "72.00" and latest["actual"]["status"] == "approved"
    assert latest["rag"] == "red" and latest["direction"] is None
    assert latest["rag_explanation"].startswith("Red: 72.0% is 8.0 percentage points worse")


def test_an_approver_sees_the_draft_as_the_latest_figure(as_alice, draft):
    [row] = as_alice.get("/api/v1/indicators").json()["items"]
    assert row["latest"]["actual"]["value"] == "78.50"
    assert row["latest"]["actual"]["status"] == "draft"
    assert row["latest"]["rag"] == "amber"
    assert row["latest"]["direction"] == "improving"
    assert row["latest"]["direction_words"] == "Improving: up from 72.0% last quarter"


def test_the_list_filters_by_rag(as_vera, indicator, council_a):
    IndicatorFactory(council=council_a, code="NI 60")
    red = as_vera.get("/api/v1/indicators?rag=red").json()["items"]
    unrated = as_vera.get("/api/v1/indicators?rag=unrated").json()["items"]
    assert [r["code"] for r in red] == ["NI 59"]
    assert [r["code"] for r in unrated] == ["NI 60"]


def test_the_detail_lists_every_period_and_hides_drafts_from_those_not_entitled(
    as_vera, as_eve, indicator, draft
):
    detail = as_vera.get(f"/api/v1/indicators/{indicator.pk}").json()
    assert detail["amber_tolerance"] == "5.00" and detail["polarity"] == "higher"
    assert [p["number"] for p in detail["priorities"]] == [1]
    assert [p["label"] for p in detail["periods"]] == ["Q1 2013/14"]
    assert detail["periods"][0]["actual"]["commentary"] == "Vacancies."
    mine = as_eve.get(f"/api/v1/indicators/{indicator.pk}").json()
    assert [p["label"] for p in mine["periods"]] == ["Q1 2013/14", "Q2 2013/14"]


def test_another_council_and_the_public_cannot_read_it(as_bob, public, indicator):
    assert as_bob.get(f"/api/v1/indicators/{indicator.pk}").status_code == 404
    assert as_bob.get("/api/v1/indicators").json()["items"] == []
    assert public.get("/api/v1/indicators").status_code == 401


def test_the_owner_records_an_actual_with_a_token(client, eve, indicator):
    _, raw = token_create(user=eve)
    response = client.post(
        f"/api/v1/indicators/{indicator.pk}/actuals",
        {"period": "Q2 2013/14", "value": "81", "commentary": "Back on track."},
        content_type=JSON,
        headers={"Authorization": f"Bearer {raw}"},
    )
    assert response.status_code == 201
    body = response.json()
    assert body["period"] == "2013-07-01" and body["period_label"] == "Q2 2013/14"
    assert body["value"] == "81.00" and body["status"] == "draft"
    actual = Actual.objects.get(period=Q2_13)
    assert actual.created_by == eve and actual.value == D("81")


def test_a_red_actual_without_commentary_is_422_saying_why(as_eve, indicator):
    response = as_eve.post(
        f"/api/v1/indicators/{indicator.pk}/actuals",
        {"period": "Q2 2013/14", "value": "60"},
        content_type=JSON,
    )
    assert response.status_code == 422
    assert (
        "Commentary is required when the actual is Red"
        in response.json()["errors"]["commentary"][0]
    )
    assert not Actual.objects.filter(period=Q2_13).exists()


def test_an_unreadable_period_or_value_is_422(as_eve, indicator):
    response = as_eve.post(
        f"/api/v1/indicators/{indicator.pk}/actuals",
        {"period": "Q5", "value": "NaN"},
        content_type=JSON,
    )
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert "is not a quarter" in errors["period"][0]
    assert "is not a number" in errors["value"][0]


def test_a_viewer_may_not_record(as_vera, indicator):
    response = as_vera.post(
        f"/api/v1/indicators/{indicator.pk}/actuals",
        {"period": "Q2 2013/14", "value": "90"},
        content_type=JSON,
    )
    assert response.status_code == 403
    assert "only its owner" in response.json()["detail"]


def test_a_second_person_approves(as_fiona, fiona, indicator, draft):
    response = as_fiona.post(f"/api/v1/indicators/{indicator.pk}/actuals/{draft.pk}/approve")
    assert response.status_code == 200
    assert response.json()["status"] == "approved"
    assert response.json()["approved_by"] == fiona.get_full_name()
    draft.refresh_from_db()
    assert draft.status == Actual.Status.APPROVED and draft.approved_by == fiona


def test_the_recorder_and_those_without_the_role_may_not_approve(
    as_eve, as_vera, as_alice, alice, indicator, draft
):
    for client in (as_eve, as_vera):
        response = client.post(f"/api/v1/indicators/{indicator.pk}/actuals/{draft.pk}/approve")
        assert response.status_code == 403
    own = services.actual_record(
        indicator=indicator,
        period=datetime.date(2013, 10, 1),
        value=D("90"),
        commentary="",
        by=alice,
    )
    response = as_alice.post(f"/api/v1/indicators/{indicator.pk}/actuals/{own.pk}/approve")
    assert response.status_code == 403
    assert "a second person must" in response.json()["detail"]
    assert Actual.objects.filter(status="draft").count() == 2


def test_another_councils_approver_gets_404(client, council_b, indicator, draft):
    client.force_login(member(council_b, Role.FINANCE))
    response = client.post(f"/api/v1/indicators/{indicator.pk}/actuals/{draft.pk}/approve")
    assert response.status_code == 404
    assert Actual.objects.get(pk=draft.pk).status == Actual.Status.DRAFT


def test_the_api_asks_the_rule_before_reading_the_actual(as_colin, indicator):
    response = as_colin.post(
        f"/api/v1/indicators/{indicator.pk}/actuals",
        {"period": "Q5", "value": "lots"},
        content_type=JSON,
    )
    assert response.status_code == 403
    assert response.json()["detail"] == (
        "You cannot record this indicator's actuals: only its owner, the director of its "
        "directorate or the programme office can, and your role is councillor."
    )


def test_approving_a_draft_one_cannot_see_is_refused_in_the_rules_words(as_colin, indicator, draft):
    response = as_colin.post(f"/api/v1/indicators/{indicator.pk}/actuals/{draft.pk}/approve")
    assert response.status_code == 403
    assert response.json()["detail"].startswith(
        "You cannot approve indicator actuals: only the programme office"
    )
    assert Actual.objects.get(pk=draft.pk).status == Actual.Status.DRAFT
