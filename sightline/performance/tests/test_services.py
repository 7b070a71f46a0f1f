"""Writing indicators, targets and actuals: who may, the rules, and what is recorded."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sightline.accounts.models import Role
from sightline.accounts.tests.factories import member
from sightline.core.audit import StaleEdit
from sightline.core.history import history_for
from sightline.performance import services
from sightline.performance.models import Actual, Indicator, Target
from sightline.performance.tests.factories import Q1_13, IndicatorFactory, TargetFactory
from sightline.strategy.tests.factories import (
    CorporatePlanFactory,
    DepartmentalPlanFactory,
    PriorityFactory,
)

Q2_13 = datetime.date(2013, 7, 1)
D = Decimal


@pytest.fixture
def indicator(council_a, eve):
    """Eve owns NI 59: higher is better, target 80% from Q1 2013/14, Amber within 5 points."""
    indicator = IndicatorFactory(council=council_a, code="NI 59", owner=eve.person)
    TargetFactory(indicator=indicator, period=Q1_13, value=D("80"))
    return indicator


@pytest.fixture
def dans_plan(council_a, dan):
    return DepartmentalPlanFactory(
        plan=CorporatePlanFactory(council=council_a), directorate=dan.membership.directorate
    )


def record(indicator, by, value="82", period=Q1_13, commentary="", **kwargs):
    return services.actual_record(
        indicator=indicator, period=period, value=D(value), commentary=commentary, by=by, **kwargs
    )


# --- recording actuals -----------------------------------------------------------------------


def test_the_owner_records_an_actual_that_awaits_approval(indicator, eve):
    actual = record(indicator, eve, "82", period=datetime.date(2013, 5, 17))
    actual.refresh_from_db()
    assert actual.period == Q1_13
    assert actual.status == Actual.Status.DRAFT
    assert actual.created_by == eve and actual.approved_by is None
    created = actual.history.get()
    assert created.history_type == "+" and created.history_user == eve
    assert created.value == D("82")


def test_commentary_is_required_when_the_actual_is_red(indicator, eve):
    with pytest.raises(ValidationError) as error:
        record(indicator, eve, "74")
    message = " ".join(error.value.message_dict["commentary"])
    assert message.startswith("Commentary is required when the actual is Red: 74.0% is")
    assert "74.0% is 6.0 percentage points worse than the target of 80.0%" in message
    assert not Actual.objects.exists()
    actual = record(indicator, eve, "74", commentary="  Vacancies in the assessment team.  ")
    assert actual.commentary == "Vacancies in the assessment team."


def test_amber_and_green_need_no_commentary(indicator, eve):
    assert record(indicator, eve, "76").commentary == ""
    assert record(indicator, eve, "90", period=Q2_13).value == D("90")


def test_without_a_target_there_is_no_rag_so_no_commentary_is_required(council_a, eve):
    indicator = IndicatorFactory(council=council_a, owner=eve.person)
    assert record(indicator, eve, "1").status == Actual.Status.DRAFT


@pytest.mark.parametrize("persona", ["vera", "colin", "fiona"])
def test_only_the_owner_their_director_or_the_programme_office_record(indicator, persona, request):
    user = request.getfixturevalue(persona)
    with pytest.raises(PermissionDenied, match="only its owner, the director of its directorate"):
        record(indicator, user)
    assert not Actual.objects.exists()


def test_an_editor_who_does_not_own_it_may_not_record(indicator, council_a):
    other = member(council_a, Role.EDITOR)
    with pytest.raises(PermissionDenied):
        record(indicator, other)


def test_the_programme_office_records_for_any_indicator(indicator, alice):
    assert record(indicator, alice).created_by == alice


def test_a_director_records_for_their_own_directorates_indicators_only(
    indicator, dan, dans_plan, council_a
):
    with pytest.raises(PermissionDenied):
        record(indicator, dan)
    indicator.departmental_plans.add(dans_plan)
    assert record(indicator, dan).created_by == dan
    other_director = member(council_a, Role.DIRECTOR)
    with pytest.raises(PermissionDenied):
        record(indicator, other_director, period=Q2_13)


def test_another_councils_member_may_not_record(indicator, council_b):
    their_office = member(council_b, Role.PROGRAMME_OFFICE)
    with pytest.raises(PermissionDenied, match="another council"):
        record(indicator, their_office)


def test_a_period_that_has_not_begun_cannot_have_an_actual(indicator, eve):
    with pytest.raises(ValidationError, match="has not begun yet"):
        record(indicator, eve, period=datetime.date(2099, 5, 1))


def test_correcting_an_approved_actual_sends_it_back_for_approval(indicator, eve, fiona):
    actual = record(indicator, eve, "82")
    services.actual_approve(actual=actual, by=fiona)
    corrected = record(indicator, eve, "79", commentary="Late returns added.")
    corrected.refresh_from_db()
    assert corrected.pk == actual.pk
    assert corrected.status == Actual.Status.DRAFT
    assert corrected.approved_by is None and corrected.approved_at is None
    assert corrected.value == D("79")
    event = history_for(corrected)[0]
    assert event.changed()["status"] == ("Approved", "Awaiting approval")
    assert "awaits approval again" in event.reason


def test_a_stale_correction_is_refused(indicator, eve, alice):
    actual = record(indicator, eve, "82")
    record(indicator, alice, "83", expected_version=actual.version)
    with pytest.raises(StaleEdit):
        record(indicator, eve, "84", expected_version=actual.version)
    assert Actual.objects.get().value == D("83")


# --- approving -------------------------------------------------------------------------------


@pytest.mark.parametrize("approver", ["alice", "fiona", "dan"])
def test_a_second_person_approves(indicator, eve, approver, request):
    user = request.getfixturevalue(approver)
    actual = record(indicator, eve, "82")
    services.actual_approve(actual=actual, by=user)
    actual.refresh_from_db()
    assert actual.status == Actual.Status.APPROVED
    assert actual.approved_by == user and actual.approved_at is not None
    assert actual.created_by == eve
    assert actual.history.filter(status="approved", history_user=user).exists()


def test_the_person_who_recorded_it_cannot_approve_it(indicator, alice):
    actual = record(indicator, alice, "82")
    with pytest.raises(PermissionDenied, match="a second person must"):
        services.actual_approve(actual=actual, by=alice)
    actual.refresh_from_db()
    assert actual.status == Actual.Status.DRAFT


def test_the_person_who_corrected_it_cannot_approve_it_either(indicator, eve, alice, fiona):
    record(indicator, eve, "82")
    actual = record(indicator, alice, "83")
    with pytest.raises(PermissionDenied):
        services.actual_approve(actual=actual, by=alice)
    services.actual_approve(actual=actual, by=fiona)


@pytest.mark.parametrize("persona", ["eve", "vera", "colin"])
def test_editors_viewers_and_councillors_cannot_approve(indicator, alice, persona, request):
    actual = record(indicator, alice, "82")
    with pytest.raises(PermissionDenied, match="You cannot approve indicator actuals"):
        services.actual_approve(actual=actual, by=request.getfixturevalue(persona))


def test_another_councils_approver_cannot_approve(indicator, eve, council_b):
    actual = record(indicator, eve, "82")
    with pytest.raises(PermissionDenied, match="another council"):
        services.actual_approve(actual=actual, by=member(council_b, Role.FINANCE))


def test_an_approved_actual_is_not_approved_twice(indicator, eve, fiona, alice):
    actual = record(indicator, eve, "82")
    services.actual_approve(actual=actual, by=fiona)
    with pytest.raises(ValidationError, match="already approved"):
        services.actual_approve(actual=actual, by=alice)


# --- indicators and targets ------------------------------------------------------------------


def indicator_data(**extra):
    return {
        "code": "LBC 1",
        "title": "Working days lost to sickness absence",
        "unit": Indicator.Unit.DAYS,
        "polarity": Indicator.Polarity.LOWER,
        "frequency": Indicator.Frequency.QUARTERLY,
        "amber_tolerance": D("2"),
        **extra,
    }


def test_the_programme_office_defines_an_indicator(alice, council_a, eve):
    priority = PriorityFactory(plan=CorporatePlanFactory(council=council_a), number=8)
    indicator = services.indicator_save(
        by=alice, data=indicator_data(owner=eve.person, priorities=[priority])
    )
    assert indicator.council == council_a and indicator.created_by == alice
    assert list(indicator.priorities.all()) == [priority]
    changed = services.indicator_save(
        by=alice,
        indicator=indicator,
        data={"title": "Days lost to sickness"},
        expected_version=1,
        reason="Shorter title",
    )
    assert changed.version == 2 and changed.title == "Days lost to sickness"
    with pytest.raises(StaleEdit):
        services.indicator_save(
            by=alice, indicator=indicator, data={"title": "x"}, expected_version=1
        )


def test_a_director_defines_indicators_for_their_own_plan_only(dan, dans_plan, council_a):
    with pytest.raises(PermissionDenied, match="their own directorate's plan"):
        services.indicator_save(by=dan, data=indicator_data())
    indicator = services.indicator_save(by=dan, data=indicator_data(departmental_plans=[dans_plan]))
    assert list(indicator.departmental_plans.all()) == [dans_plan]
    theirs = IndicatorFactory(council=council_a)
    with pytest.raises(PermissionDenied, match="only the programme office or the director"):
        services.indicator_save(by=dan, indicator=theirs, data={"title": "Mine now"})


def test_an_editor_cannot_define_indicators(eve):
    with pytest.raises(PermissionDenied, match="You cannot define performance indicators"):
        services.indicator_save(by=eve, data=indicator_data())


def test_codes_are_unique_and_links_stay_in_the_council(alice, council_a, council_b):
    IndicatorFactory(council=council_a, code="LBC 1")
    with pytest.raises(ValidationError, match="already used"):
        services.indicator_save(by=alice, data=indicator_data())
    foreign = PriorityFactory(plan=CorporatePlanFactory(council=council_b))
    with pytest.raises(ValidationError) as error:
        services.indicator_save(by=alice, data=indicator_data(code="LBC 2", priorities=[foreign]))
    assert "priorities" in error.value.message_dict


def test_the_programme_office_sets_and_changes_a_target(indicator, alice):
    target = services.target_set(
        indicator=indicator, period=datetime.date(2013, 8, 9), value=D("85"), by=alice
    )
    assert target.period == Q2_13 and target.created_by == alice
    changed = services.target_set(
        indicator=indicator, period=Q2_13, value=D("90"), by=alice, reason="Executive decision"
    )
    assert changed.pk == target.pk and changed.version == 2
    assert Target.objects.get(pk=target.pk).value == D("90")
    event = history_for(changed)[0]
    assert (
        event.changed()["value"] == (D("85.00"), D("90")) and event.reason == "Executive decision"
    )


def test_editors_cannot_set_targets_and_directors_only_for_their_directorate(
    indicator, eve, dan, dans_plan
):
    with pytest.raises(PermissionDenied):
        services.target_set(indicator=indicator, period=Q2_13, value=D("1"), by=eve)
    with pytest.raises(PermissionDenied, match="only the programme office or the director"):
        services.target_set(indicator=indicator, period=Q2_13, value=D("1"), by=dan)
    indicator.departmental_plans.add(dans_plan)
    assert services.target_set(indicator=indicator, period=Q2_13, value=D("1"), by=dan).pk
