"""A page never offers what its user cannot do: indicator pages show the record, target and
approve forms only to those the rule allows, and a form page refuses the rest in its words."""

import datetime
from decimal import Decimal
from html import unescape

import pytest

from sightline.accounts.models import Role
from sightline.accounts.tests.factories import member
from sightline.performance import services
from sightline.performance.tests.factories import (
    Q1_13,
    ActualFactory,
    IndicatorFactory,
    TargetFactory,
)
from sightline.strategy.tests.factories import CorporatePlanFactory, DepartmentalPlanFactory

Q2_13 = datetime.date(2013, 7, 1)


@pytest.fixture
def indicator(council_a, eve, fiona):
    """Eve's NI 59: target 80%; Q1 2013/14 approved at 72%."""
    indicator = IndicatorFactory(council=council_a, code="NI 59", owner=eve.person)
    TargetFactory(indicator=indicator, period=Q1_13, value=Decimal("80"))
    ActualFactory(indicator=indicator, period=Q1_13, value=Decimal("72"), approved_by=fiona)
    return indicator


@pytest.fixture
def draft(indicator, eve):
    return services.actual_record(
        indicator=indicator, period=Q2_13, value=Decimal("78"), commentary="x", by=eve
    )


def page(client, indicator) -> str:
    response = client.get(f"/indicators/{indicator.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def record_link(indicator) -> str:
    return f'href="/indicators/{indicator.pk}/actual/'


def target_link(indicator) -> str:
    return f'href="/indicators/{indicator.pk}/target/"'


def approve_form(indicator, actual) -> str:
    return f'action="/indicators/{indicator.pk}/actuals/{actual.pk}/approve/"'


# --- the indicator page ------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["as_vera", "as_colin"])
def test_an_indicator_offers_viewers_and_councillors_nothing_to_do(persona, indicator, request):
    body = page(request.getfixturevalue(persona), indicator)
    assert record_link(indicator) not in body and target_link(indicator) not in body
    assert "/approve/" not in body
    assert "Record an actual" not in body and "Set a target" not in body


def test_an_indicator_offers_its_owner_the_record_form_only(as_eve, indicator, draft):
    body = page(as_eve, indicator)
    assert record_link(indicator) in body
    assert target_link(indicator) not in body
    assert approve_form(indicator, draft) not in body  # her own draft


def test_an_indicator_offers_an_editor_who_does_not_own_it_nothing(indicator, draft, client):
    client.force_login(member(indicator.council, Role.EDITOR))
    body = page(client, indicator)
    assert record_link(indicator) not in body and target_link(indicator) not in body
    assert "/approve/" not in body


def test_an_indicator_offers_finance_the_approval_but_not_the_record_or_target(
    as_fiona, indicator, draft
):
    body = page(as_fiona, indicator)
    assert approve_form(indicator, draft) in body
    assert record_link(indicator) not in body and target_link(indicator) not in body


def test_an_indicator_offers_a_director_the_forms_only_once_it_measures_their_plan(
    as_dan, dan, indicator
):
    body = page(as_dan, indicator)
    assert record_link(indicator) not in body and target_link(indicator) not in body
    indicator.departmental_plans.add(
        DepartmentalPlanFactory(
            plan=CorporatePlanFactory(council=indicator.council),
            directorate=dan.membership.directorate,
        )
    )
    body = page(as_dan, indicator)
    assert record_link(indicator) in body and target_link(indicator) in body


def test_an_approver_is_not_offered_to_approve_what_they_recorded(as_alice, alice, indicator):
    own = services.actual_record(
        indicator=indicator, period=Q2_13, value=Decimal("90"), commentary="", by=alice
    )
    assert approve_form(indicator, own) not in page(as_alice, indicator)
    assert approve_form(indicator, own) not in as_alice.get("/indicators/").content.decode()


def test_an_approved_actual_offers_no_approval(as_fiona, indicator):
    assert "/approve/" not in page(as_fiona, indicator)


# --- the list ----------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["as_vera", "as_colin", "as_eve"])
def test_the_list_offers_no_approvals_to_those_who_may_not_approve(persona, draft, request):
    body = request.getfixturevalue(persona).get("/indicators/").content.decode()
    assert "/approve/" not in body and "Actuals awaiting your approval" not in body


# --- the form pages refuse, in the rule's words ------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "role"),
    [("as_vera", "viewer"), ("as_colin", "councillor"), ("as_fiona", "finance")],
)
def test_the_record_form_refuses_a_get_in_the_rules_words(persona, role, indicator, request):
    response = request.getfixturevalue(persona).get(f"/indicators/{indicator.pk}/actual/")
    assert response.status_code == 403
    assert (
        "You cannot record this indicator's actuals: only its owner, the director of its "
        f"directorate or the programme office can, and your role is {role}."
    ) in unescape(response.content.decode())


@pytest.mark.parametrize(
    ("persona", "role"),
    [
        ("as_vera", "viewer"),
        ("as_colin", "councillor"),
        ("as_eve", "editor"),
        ("as_dan", "director"),
    ],
)
def test_the_target_form_refuses_a_get_in_the_rules_words(persona, role, indicator, request):
    response = request.getfixturevalue(persona).get(f"/indicators/{indicator.pk}/target/")
    assert response.status_code == 403
    assert (
        "You cannot set targets for this indicator: only the programme office or the director "
        f"of a directorate whose plan it measures can, and your role is {role}."
    ) in unescape(response.content.decode())


def test_approving_is_refused_in_the_rules_words_even_when_the_draft_is_hidden(
    as_colin, indicator, draft
):
    response = as_colin.post(f"/indicators/{indicator.pk}/actuals/{draft.pk}/approve/")
    assert response.status_code == 403
    assert "You cannot approve indicator actuals: only the programme office" in unescape(
        response.content.decode()
    )
