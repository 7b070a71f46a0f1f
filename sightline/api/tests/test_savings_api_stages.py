"""The savings API's stage moves, decisions and forecasts (creating and editing are in
test_savings_api_writes.py, the reads in test_savings_api.py)."""

import datetime

import pytest
from django.utils import timezone

from sightline.core.fiscal import FinancialYear
from sightline.savings.models import (
    DecisionEvent,
    Forecast,
    SavingLine,
    Stage,
    StageChange,
)
from sightline.savings.tests.factories import (
    PeriodFactory,
    ProposalFactory,
    SavingLineFactory,
    ready_for_initiation,
)

FY13, FY14 = FinancialYear(2013), FinancialYear(2014)
JSON = "application/json"


def _lines(proposal):
    return [
        (str(line.fy), line.amount_pence)
        for line in SavingLine.objects.filter(proposal=proposal).order_by("fy", "id")
    ]


# --- stages ---------------------------------------------------------------------------------


def test_initiation_is_refused_saying_exactly_what_is_missing(as_eve, led_by_eve):
    response = as_eve.post(
        f"/api/v1/proposals/{led_by_eve.pk}/stage", {"to": "initiation"}, content_type=JSON
    )
    assert response.status_code == 422
    assert response.json()["detail"] == (
        "This proposal cannot move to initiation: it needs a sponsor, a project manager, "
        "an indicative budget code and a finance lead."
    )
    led_by_eve.refresh_from_db()
    assert led_by_eve.stage == "idea"
    assert not StageChange.objects.exists()


def test_a_proposal_with_everything_the_gate_asks_for_moves_to_initiation(as_eve, led_by_eve):
    ready_for_initiation(led_by_eve)
    response = as_eve.post(
        f"/api/v1/proposals/{led_by_eve.pk}/stage", {"to": "initiation"}, content_type=JSON
    )
    assert response.status_code == 200
    assert response.json()["stage"] == "initiation"
    led_by_eve.refresh_from_db()
    assert led_by_eve.stage == "initiation"
    change = StageChange.objects.get(proposal=led_by_eve)
    assert (change.from_stage, change.to_stage, change.overridden) == ("idea", "initiation", False)


def test_the_programme_office_may_override_a_gate_with_a_reason(as_alice, alice, led_by_eve):
    response = as_alice.post(
        f"/api/v1/proposals/{led_by_eve.pk}/stage",
        {"to": "initiation", "override": True, "reason": "CLMT agreed to start now"},
        content_type=JSON,
    )
    assert response.status_code == 200
    change = StageChange.objects.get(proposal=led_by_eve)
    assert change.overridden is True
    assert change.by == alice
    assert change.reason == "CLMT agreed to start now"
    assert "a finance lead" in change.missing


def test_an_editor_cannot_override_a_gate(as_eve, led_by_eve):
    response = as_eve.post(
        f"/api/v1/proposals/{led_by_eve.pk}/stage",
        {"to": "initiation", "override": True, "reason": "Please"},
        content_type=JSON,
    )
    assert response.status_code == 403
    led_by_eve.refresh_from_db()
    assert led_by_eve.stage == "idea"


def test_a_stage_that_does_not_exist_is_refused(as_alice, led_by_eve):
    response = as_alice.post(
        f"/api/v1/proposals/{led_by_eve.pk}/stage", {"to": "finished"}, content_type=JSON
    )
    assert response.status_code == 422


# --- decisions ------------------------------------------------------------------------------


@pytest.fixture
def in_dans_directorate(council_a, dan):
    return ProposalFactory(council=council_a, directorate=dan.membership.directorate)


def test_a_proposal_with_an_empty_profile_cannot_be_approved(as_dan, in_dans_directorate):
    p = in_dans_directorate
    submitted = as_dan.post(
        f"/api/v1/proposals/{p.pk}/decision", {"to": "submitted"}, content_type=JSON
    )
    assert submitted.status_code == 200
    assert submitted.json()["decision_status"] == "submitted"
    response = as_dan.post(
        f"/api/v1/proposals/{p.pk}/decision",
        {"to": "approved", "body": "executive", "decided_on": "2014-02-20"},
        content_type=JSON,
    )
    assert response.status_code == 422
    assert "its savings profile is empty" in response.json()["detail"]
    p.refresh_from_db()
    assert p.decision_status == "submitted"


def test_the_director_approves_a_proposal_in_their_directorate(as_dan, dan, in_dans_directorate):
    p = in_dans_directorate
    p.decision_status = "submitted"
    p.save()
    SavingLineFactory(proposal=p, fy=FY13, amount_pence=2_000_000)
    response = as_dan.post(
        f"/api/v1/proposals/{p.pk}/decision",
        {
            "to": "approved",
            "body": "executive",
            "decided_on": "2014-02-20",
            "reference": "EX 20/02/14 item 7",
        },
        content_type=JSON,
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["decision_status"], body["decision_body"], body["decision_on"]) == (
        "approved",
        "executive",
        "2014-02-20",
    )
    p.refresh_from_db()
    assert (p.decision_status, p.decision_reference) == ("approved", "EX 20/02/14 item 7")
    event = DecisionEvent.objects.get(proposal=p)
    assert (event.to_status, event.by) == ("approved", dan)


def test_an_editor_cannot_record_an_approval(as_eve, led_by_eve):
    led_by_eve.decision_status = "submitted"
    led_by_eve.save()
    SavingLineFactory(proposal=led_by_eve, fy=FY13)
    response = as_eve.post(
        f"/api/v1/proposals/{led_by_eve.pk}/decision",
        {"to": "approved", "body": "executive", "decided_on": "2014-02-20"},
        content_type=JSON,
    )
    assert response.status_code == 403
    led_by_eve.refresh_from_db()
    assert led_by_eve.decision_status == "submitted"


# --- forecasts ------------------------------------------------------------------------------


@pytest.fixture
def live(led_by_eve):
    led_by_eve.stage = Stage.LIVE
    led_by_eve.save()
    SavingLineFactory(proposal=led_by_eve, fy=FY13, amount_pence=8_000_000)
    return led_by_eve


@pytest.fixture
def march(council_a):
    return PeriodFactory(council=council_a, month=datetime.date(2014, 3, 1))


def _forecast(**extra):
    return {"period": "2014-03", "financial_year": "2013/14", "forecast": "£60k", **extra}


def test_an_amber_forecast_needs_commentary(as_eve, live, march):
    url = f"/api/v1/proposals/{live.pk}/forecasts"
    response = as_eve.put(url, _forecast(rag="amber"), content_type=JSON)
    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["commentary"]
    assert not Forecast.objects.exists()


def test_a_forecast_with_commentary_is_recorded(as_eve, live, march):
    url = f"/api/v1/proposals/{live.pk}/forecasts"
    response = as_eve.put(
        url, _forecast(rag="amber", commentary="Contract starts a month late"), content_type=JSON
    )
    assert response.status_code == 200, response.content
    forecast = Forecast.objects.get(proposal=live)
    assert (forecast.period, forecast.fy, forecast.forecast_pence, forecast.rag) == (
        march,
        FY13,
        6_000_000,
        "amber",
    )
    assert response.json() == {
        "id": forecast.pk,
        "proposal": live.pk,
        "period": "2014-03",
        "financial_year": "2013/14",
        "forecast": "60000.00",
        "rag": "amber",
        "commentary": "Contract starts a month late",
        "slippage": "0.00",
        "slipped_to": None,
        "replacement": "",
        "version": 1,
    }


def test_a_forecast_into_a_closed_period_is_refused(as_eve, live, council_a):
    PeriodFactory(
        council=council_a,
        month=datetime.date(2014, 3, 1),
        status="closed",
        closed_at=timezone.now(),
    )
    response = as_eve.put(
        f"/api/v1/proposals/{live.pk}/forecasts", _forecast(rag="green"), content_type=JSON
    )
    assert response.status_code == 422
    assert "period is closed" in response.json()["detail"]
    assert not Forecast.objects.exists()


def test_a_forecast_needs_a_period_of_the_callers_own_council(as_eve, live, council_b):
    PeriodFactory(council=council_b, month=datetime.date(2014, 3, 1))
    response = as_eve.put(
        f"/api/v1/proposals/{live.pk}/forecasts", _forecast(rag="green"), content_type=JSON
    )
    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["period"]
    assert not Forecast.objects.exists()


def test_a_forecast_refuses_a_bad_amount_naming_the_field(as_eve, live, march):
    response = as_eve.put(
        f"/api/v1/proposals/{live.pk}/forecasts",
        _forecast(rag="green", forecast="60k dollars"),
        content_type=JSON,
    )
    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["forecast"]


def test_a_viewer_cannot_record_a_forecast(as_vera, live, march):
    response = as_vera.put(
        f"/api/v1/proposals/{live.pk}/forecasts", _forecast(rag="green"), content_type=JSON
    )
    assert response.status_code == 403
    assert not Forecast.objects.exists()
