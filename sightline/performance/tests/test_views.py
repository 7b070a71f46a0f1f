"""Every page of performance indicators: happy path, anonymous, other council, role, method."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sightline.performance import services
from sightline.performance.models import Actual, Target
from sightline.performance.tests.factories import (
    Q1_13,
    ActualFactory,
    IndicatorFactory,
    TargetFactory,
)
from sightline.strategy.tests.factories import CorporatePlanFactory, PriorityFactory

Q2_13 = datetime.date(2013, 7, 1)
D = Decimal


@pytest.fixture
def indicator(council_a, eve, fiona):
    """Eve's NI 59: target 80% (Amber within 5); Q1 2013/14 approved at 72% with commentary."""
    indicator = IndicatorFactory(
        council=council_a,
        code="NI 59",
        title="Percentage of initial assessments carried out within 10 working days",
        owner=eve.person,
    )
    TargetFactory(indicator=indicator, period=Q1_13, value=D("80"))
    ActualFactory(
        indicator=indicator,
        period=Q1_13,
        value=D("72"),
        commentary="Vacancies in the assessment team.",
        approved_by=fiona,
    )
    return indicator


@pytest.fixture
def draft(indicator, eve):
    return services.actual_record(
        indicator=indicator, period=Q2_13, value=D("78"), commentary="Agency staff in post.", by=eve
    )


def paths(indicator, actual_pk=1):
    return [
        "/indicators/",
        f"/indicators/{indicator.pk}/",
        f"/indicators/{indicator.pk}/actual/",
        f"/indicators/{indicator.pk}/target/",
        f"/indicators/{indicator.pk}/actuals/{actual_pk}/approve/",
    ]


def test_every_page_needs_a_login(public, indicator, draft):
    for path in paths(indicator, draft.pk):
        response = public.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith("/login/")
    assert public.post(f"/indicators/{indicator.pk}/actuals/{draft.pk}/approve/").status_code == 302
    assert Actual.objects.get(pk=draft.pk).status == Actual.Status.DRAFT


def test_another_councils_indicator_is_not_found(as_bob, indicator, draft):
    for path in paths(indicator, draft.pk)[1:4]:
        assert as_bob.get(path).status_code == 404, path
    assert as_bob.post(f"/indicators/{indicator.pk}/actual/", {}).status_code == 404
    assert "NI 59" not in as_bob.get("/indicators/").content.decode()


def test_reading_pages_refuse_post_and_writing_pages_refuse_put(as_alice, indicator, draft):
    assert as_alice.post("/indicators/").status_code == 405
    assert as_alice.post(f"/indicators/{indicator.pk}/").status_code == 405
    assert as_alice.put(f"/indicators/{indicator.pk}/actual/").status_code == 405
    assert as_alice.delete(f"/indicators/{indicator.pk}/target/").status_code == 405
    assert (
        as_alice.get(f"/indicators/{indicator.pk}/actuals/{draft.pk}/approve/").status_code == 405
    )


# --- the list --------------------------------------------------------------------------------


def test_the_list_shows_each_indicators_latest_figure_in_words(as_vera, indicator, draft):
    response = as_vera.get("/indicators/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "NI 59" in body and indicator.title in body
    assert "<strong>72.0%</strong> against 80.0%" in body
    assert '<strong class="govuk-tag govuk-tag--red">Red</strong>' in body
    assert "No earlier figure to compare with" in body
    assert 'class="sl-chart sl-chart-sparkline"' in body
    assert "<caption" in body
    assert "78.0%" not in body and "Actuals awaiting your approval" not in body


def test_an_approver_sees_the_draft_and_the_actuals_awaiting_their_approval(as_alice, draft):
    body = as_alice.get("/indicators/").content.decode()
    assert "<strong>78.0%</strong> against 80.0%" in body
    assert "Q2 2013/14, awaiting approval" in body
    assert "Improving: up from 72.0% last quarter" in body
    assert "Actuals awaiting your approval" in body
    assert f"/actuals/{draft.pk}/approve/" in body


def test_the_list_filters_by_priority_and_rag(as_vera, indicator, council_a, fiona):
    priority = PriorityFactory(plan=CorporatePlanFactory(council=council_a), number=8)
    other = IndicatorFactory(council=council_a, code="LBC 4", title="Council tax collected")
    other.priorities.add(priority)
    TargetFactory(indicator=other, value=D("96"))
    ActualFactory(indicator=other, value=D("96.5"), approved_by=fiona)
    body = as_vera.get(f"/indicators/?priority={priority.pk}").content.decode()
    assert "LBC 4" in body and "NI 59" not in body
    body = as_vera.get("/indicators/?rag=red").content.decode()
    assert "NI 59" in body and "LBC 4" not in body
    assert "1 indicator matching these filters" in body


def test_the_list_answers_htmx_with_the_table_only(as_vera, indicator):
    body = as_vera.get("/indicators/?rag=red", headers={"HX-Request": "true"}).content.decode()
    assert 'id="indicators"' in body and "<html" not in body


def test_the_list_takes_the_same_number_of_queries_however_many_indicators(
    as_alice, council_a, fiona, eve
):
    def add(count):
        for _ in range(count):
            indicator = IndicatorFactory(council=council_a, owner=eve.person)
            TargetFactory(indicator=indicator)
            ActualFactory(indicator=indicator, approved_by=fiona)
            ActualFactory(indicator=indicator, period=Q2_13, status="draft", approved_at=None)

    def queries():
        with CaptureQueriesContext(connection) as context:
            assert as_alice.get("/indicators/").status_code == 200
        return len(context.captured_queries)

    add(2)
    few = queries()
    add(8)
    assert queries() == few


# --- one indicator ---------------------------------------------------------------------------


def test_the_indicator_page_explains_its_rag_and_direction(as_vera, indicator, draft):
    response = as_vera.get(f"/indicators/{indicator.pk}/")
    body = response.content.decode()
    assert response.status_code == 200
    assert (
        "Red: 72.0% is 8.0 percentage points worse than the target of 80.0%, beyond the "
        "tolerance of 5.0 percentage points (higher is better)." in body
    )
    assert (
        "Higher is better" in body
        and "Quarterly" in body
        and "Amber when worse than the target by no more than 5.0 percentage points" in body
    )
    assert "Vacancies in the assessment team." in body
    assert 'id="history"' in body and "<caption" in body
    assert "sl-chart-grouped" in body
    # The draft is not shown beyond the owner until approved.
    assert "Agency staff in post." not in body and "78.0%" not in body
    assert "Record an actual" not in body and "Set a target" not in body


def test_the_owner_sees_their_draft_but_cannot_approve_it(as_eve, indicator, draft):
    body = as_eve.get(f"/indicators/{indicator.pk}/").content.decode()
    assert "Agency staff in post." in body and "Awaiting approval" in body
    assert "Improving: up from 72.0% last quarter" in body
    assert "Record an actual" in body
    assert f"/actuals/{draft.pk}/approve/" not in body


def test_an_approver_approves_from_the_indicator_page(as_fiona, fiona, indicator, draft):
    body = as_fiona.get(f"/indicators/{indicator.pk}/").content.decode()
    assert f"/actuals/{draft.pk}/approve/" in body
    response = as_fiona.post(f"/indicators/{indicator.pk}/actuals/{draft.pk}/approve/")
    assert response.status_code == 302
    assert response["Location"] == f"/indicators/{indicator.pk}/#periods"
    draft.refresh_from_db()
    assert draft.status == Actual.Status.APPROVED and draft.approved_by == fiona
    body = as_fiona.get(response["Location"]).content.decode()
    assert "NI 59 actual for Q2 2013/14 approved." in body


# --- recording an actual ---------------------------------------------------------------------


def test_the_owner_records_an_actual(as_eve, eve, indicator):
    page = as_eve.get(f"/indicators/{indicator.pk}/actual/").content.decode()
    assert "for example Q1 2010/11" in page
    assert 'value="Q2 2013/14"' in page  # the period after the latest actual
    response = as_eve.post(
        f"/indicators/{indicator.pk}/actual/",
        {"period": "Q2 2013/14", "value": "78.5", "commentary": "Agency staff in post."},
    )
    assert response.status_code == 302
    assert response["Location"] == f"/indicators/{indicator.pk}/#periods"
    actual = Actual.objects.get(period=Q2_13)
    assert actual.value == D("78.5") and actual.status == Actual.Status.DRAFT
    assert actual.created_by == eve and actual.commentary == "Agency staff in post."


def test_a_red_actual_without_commentary_is_refused_with_the_reason(as_eve, indicator):
    response = as_eve.post(
        f"/indicators/{indicator.pk}/actual/", {"period": "Q2 2013/14", "value": "70"}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in body
    assert "Commentary is required when the actual is Red." in body
    assert not Actual.objects.filter(period=Q2_13).exists()


def test_a_period_or_value_that_cannot_be_read_says_why(as_eve, indicator):
    body = as_eve.post(
        f"/indicators/{indicator.pk}/actual/", {"period": "Q5 2013", "value": "lots"}
    ).content.decode()
    assert "is not a quarter" in body
    assert "Enter the actual as a number" in body
    assert Actual.objects.count() == 1


def test_correcting_an_approved_actual_prefills_it_and_sends_it_back(as_eve, indicator):
    actual = Actual.objects.get(period=Q1_13)
    page = as_eve.get(f"/indicators/{indicator.pk}/actual/?period=Q1+2013/14").content.decode()
    assert 'value="72.00"' in page and "Vacancies in the assessment team." in page
    response = as_eve.post(
        f"/indicators/{indicator.pk}/actual/",
        {"period": "Q1 2013/14", "value": "73", "commentary": "Late returns.", "version": 1},
    )
    assert response.status_code == 302
    actual.refresh_from_db()
    assert actual.value == D("73") and actual.status == Actual.Status.DRAFT
    stale = as_eve.post(
        f"/indicators/{indicator.pk}/actual/",
        {"period": "Q1 2013/14", "value": "74", "commentary": "x", "version": 1},
    )
    assert "changed by someone else" in stale.content.decode()


@pytest.mark.parametrize("persona", ["as_vera", "as_colin", "as_fiona"])
def test_those_who_do_not_own_it_may_not_record(persona, indicator, request):
    client = request.getfixturevalue(persona)
    assert client.get(f"/indicators/{indicator.pk}/actual/").status_code == 403
    response = client.post(
        f"/indicators/{indicator.pk}/actual/", {"period": "Q2 2013/14", "value": "90"}
    )
    assert response.status_code == 403
    assert "only its owner" in response.content.decode()
    assert not Actual.objects.filter(period=Q2_13).exists()


# --- approving -------------------------------------------------------------------------------


def test_approving_from_the_list_returns_to_the_list(as_alice, indicator, draft):
    response = as_alice.post(
        f"/indicators/{indicator.pk}/actuals/{draft.pk}/approve/", {"next": "list"}
    )
    assert response["Location"] == "/indicators/#awaiting-approval"
    assert Actual.objects.get(pk=draft.pk).status == Actual.Status.APPROVED


@pytest.mark.parametrize("persona", ["as_eve", "as_vera", "as_colin"])
def test_editors_viewers_and_councillors_may_not_approve(persona, indicator, draft, request):
    response = request.getfixturevalue(persona).post(
        f"/indicators/{indicator.pk}/actuals/{draft.pk}/approve/"
    )
    assert response.status_code == 403
    assert "You cannot approve indicator actuals" in response.content.decode()
    assert Actual.objects.get(pk=draft.pk).status == Actual.Status.DRAFT


def test_the_person_who_recorded_it_may_not_approve_it(as_alice, alice, indicator):
    actual = services.actual_record(
        indicator=indicator, period=Q2_13, value=D("90"), commentary="", by=alice
    )
    response = as_alice.post(f"/indicators/{indicator.pk}/actuals/{actual.pk}/approve/")
    assert response.status_code == 403
    assert "a second person must" in response.content.decode()
    assert Actual.objects.get(pk=actual.pk).status == Actual.Status.DRAFT


def test_approving_another_councils_actual_is_not_found(indicator, draft, council_b, client):
    from sightline.accounts.models import Role
    from sightline.accounts.tests.factories import member

    client.force_login(member(council_b, Role.PROGRAMME_OFFICE))
    response = client.post(f"/indicators/{indicator.pk}/actuals/{draft.pk}/approve/")
    assert response.status_code == 404
    assert Actual.objects.get(pk=draft.pk).status == Actual.Status.DRAFT


def test_approving_twice_says_it_is_already_approved(as_fiona, indicator):
    approved = Actual.objects.get(period=Q1_13)
    response = as_fiona.post(f"/indicators/{indicator.pk}/actuals/{approved.pk}/approve/")
    assert response.status_code == 302
    assert "already approved" in as_fiona.get(response["Location"]).content.decode()


# --- targets ---------------------------------------------------------------------------------


def test_the_programme_office_sets_a_target(as_alice, alice, indicator):
    assert (
        "Targets set so far" in as_alice.get(f"/indicators/{indicator.pk}/target/").content.decode()
    )
    response = as_alice.post(
        f"/indicators/{indicator.pk}/target/",
        {"period": "Q3 2013/14", "value": "85", "reason": "Executive 4 March 2013"},
    )
    assert response.status_code == 302
    target = Target.objects.get(period=datetime.date(2013, 10, 1))
    assert target.value == D("85") and target.created_by == alice


def test_a_target_that_cannot_be_read_is_refused(as_alice, indicator):
    body = as_alice.post(
        f"/indicators/{indicator.pk}/target/", {"period": "2013", "value": ""}
    ).content.decode()
    assert "There is a problem" in body and "Enter the target" in body
    assert Target.objects.count() == 1


@pytest.mark.parametrize("persona", ["as_eve", "as_vera", "as_fiona", "as_dan"])
def test_others_may_not_set_targets(persona, indicator, request):
    client = request.getfixturevalue(persona)
    assert client.get(f"/indicators/{indicator.pk}/target/").status_code == 403
    response = client.post(
        f"/indicators/{indicator.pk}/target/", {"period": "Q3 2013/14", "value": "1"}
    )
    assert response.status_code == 403
    assert Target.objects.count() == 1
