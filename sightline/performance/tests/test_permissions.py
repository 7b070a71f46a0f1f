"""Who may do what with indicators: each rule, who it allows and how it refuses the rest."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser

from sightline.accounts.models import Role
from sightline.accounts.permissions import allowed, refusal
from sightline.accounts.tests.factories import member
from sightline.performance import services
from sightline.performance.permissions import Filing
from sightline.performance.tests.factories import Q1_13, IndicatorFactory
from sightline.strategy.tests.factories import CorporatePlanFactory, DepartmentalPlanFactory

MANAGERS = "only the programme office or the director of a directorate whose plan it measures"


@pytest.fixture
def indicator(council_a, eve):
    return IndicatorFactory(council=council_a, code="NI 59", owner=eve.person)


@pytest.fixture
def dans_plan(council_a, dan):
    return DepartmentalPlanFactory(
        plan=CorporatePlanFactory(council=council_a), directorate=dan.membership.directorate
    )


@pytest.fixture
def others_plan(council_a):
    director = member(council_a, Role.DIRECTOR, username="oscar")
    return DepartmentalPlanFactory(
        plan=CorporatePlanFactory(council=council_a), directorate=director.membership.directorate
    )


@pytest.fixture
def draft(indicator, eve):
    return services.actual_record(
        indicator=indicator, period=Q1_13, value=Decimal("82"), commentary="", by=eve
    )


# --- defining indicators -----------------------------------------------------------------------


def test_the_programme_office_defines_indicators_measuring_any_plan_or_none(
    alice, council_a, others_plan
):
    assert allowed(alice, "performance.define_indicator")
    assert allowed(alice, "performance.define_indicator", Filing(council_id=council_a.pk))
    filing = Filing(council_id=council_a.pk, departmental_plans=(others_plan,))
    assert allowed(alice, "performance.define_indicator", filing)


def test_a_director_defines_indicators_only_for_their_own_directorates_plan(
    dan, council_a, dans_plan, others_plan
):
    assert allowed(dan, "performance.define_indicator")
    mine = Filing(council_id=council_a.pk, departmental_plans=(dans_plan, others_plan))
    assert allowed(dan, "performance.define_indicator", mine)
    theirs = Filing(council_id=council_a.pk, departmental_plans=(others_plan,))
    assert not allowed(dan, "performance.define_indicator", theirs)
    assert refusal(dan, "performance.define_indicator", theirs) == (
        "A director can only create indicators for their own directorate's plan: "
        "choose it under departmental plans."
    )


def test_a_director_may_not_take_their_indicator_out_of_their_own_plan(
    dan, council_a, indicator, others_plan
):
    filing = Filing(council_id=council_a.pk, departmental_plans=(others_plan,), indicator=indicator)
    assert not allowed(dan, "performance.define_indicator", filing)
    assert refusal(dan, "performance.define_indicator", filing) == (
        "A director cannot take an indicator out of their own directorate's plan."
    )


@pytest.mark.parametrize(
    ("persona", "role"),
    [("eve", "editor"), ("fiona", "finance"), ("colin", "councillor"), ("vera", "viewer")],
)
def test_no_one_else_defines_indicators(persona, role, request):
    user = request.getfixturevalue(persona)
    assert not allowed(user, "performance.define_indicator")
    words = refusal(user, "performance.define_indicator")
    assert words.startswith("You cannot define performance indicators: only the programme")
    assert words.endswith(f"and your role is {role}.")


# --- changing an indicator and setting its targets ---------------------------------------------


@pytest.mark.parametrize("name", ["performance.edit_indicator", "performance.set_target"])
def test_the_programme_office_and_a_director_whose_plan_it_measures_manage_it(
    name, indicator, alice, dan, dans_plan
):
    assert allowed(alice, name, indicator)
    assert not allowed(dan, name, indicator)
    indicator.departmental_plans.add(dans_plan)
    assert allowed(dan, name, indicator)


@pytest.mark.parametrize("name", ["performance.edit_indicator", "performance.set_target"])
@pytest.mark.parametrize("persona", ["eve", "fiona", "colin", "vera", "dan"])
def test_no_one_else_manages_it_not_even_its_owner(name, persona, indicator, request):
    user = request.getfixturevalue(persona)
    assert not allowed(user, name, indicator)
    assert MANAGERS in refusal(user, name, indicator)


@pytest.mark.parametrize("name", ["performance.edit_indicator", "performance.set_target"])
def test_another_councils_office_is_told_the_indicator_is_not_theirs(name, indicator, council_b):
    their_office = member(council_b, Role.PROGRAMME_OFFICE)
    assert not allowed(their_office, name, indicator)
    assert refusal(their_office, name, indicator) == "This indicator belongs to another council."


# --- recording actuals -------------------------------------------------------------------------


def test_the_owner_their_director_and_the_programme_office_record_actuals(
    indicator, eve, alice, dan, dans_plan
):
    assert allowed(eve, "performance.record_actual", indicator)
    assert allowed(alice, "performance.record_actual", indicator)
    assert not allowed(dan, "performance.record_actual", indicator)
    indicator.departmental_plans.add(dans_plan)
    assert allowed(dan, "performance.record_actual", indicator)


@pytest.mark.parametrize("persona", ["fiona", "colin", "vera"])
def test_no_one_else_records_actuals(persona, indicator, request):
    user = request.getfixturevalue(persona)
    assert not allowed(user, "performance.record_actual", indicator)
    assert (
        "You cannot record this indicator's actuals: only its owner, the director of its "
        "directorate or the programme office can"
        in refusal(user, "performance.record_actual", indicator)
    )


def test_an_editor_who_does_not_own_it_does_not_record(indicator, council_a):
    assert not allowed(member(council_a, Role.EDITOR), "performance.record_actual", indicator)


def test_another_councils_editor_is_told_the_indicator_is_not_theirs(indicator, bob):
    assert refusal(bob, "performance.record_actual", indicator) == (
        "This indicator belongs to another council."
    )


# --- approving actuals -------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["alice", "fiona", "dan"])
def test_the_programme_office_directors_and_finance_approve_anothers_actual(
    persona, draft, request
):
    user = request.getfixturevalue(persona)
    assert allowed(user, "performance.approve_actual")
    assert allowed(user, "performance.approve_actual", draft)


@pytest.mark.parametrize(
    ("persona", "role"), [("eve", "editor"), ("colin", "councillor"), ("vera", "viewer")]
)
def test_editors_councillors_and_viewers_never_approve(persona, role, draft, request):
    user = request.getfixturevalue(persona)
    assert not allowed(user, "performance.approve_actual")
    assert not allowed(user, "performance.approve_actual", draft)
    words = refusal(user, "performance.approve_actual", draft)
    assert words.startswith("You cannot approve indicator actuals: only the programme office")
    assert words.endswith(f"and your role is {role}.")


def test_the_person_who_recorded_an_actual_cannot_approve_it(indicator, alice, fiona):
    own = services.actual_record(
        indicator=indicator, period=Q1_13, value=Decimal("82"), commentary="", by=alice
    )
    assert allowed(alice, "performance.approve_actual")  # others' actuals, yes
    assert not allowed(alice, "performance.approve_actual", own)
    assert refusal(alice, "performance.approve_actual", own) == (
        "You recorded this actual, and the person who recorded it cannot approve it: "
        "a second person must."
    )
    assert allowed(fiona, "performance.approve_actual", own)


def test_the_person_who_corrected_an_actual_cannot_approve_it_either(indicator, draft, dan, alice):
    indicator.departmental_plans.add(
        DepartmentalPlanFactory(
            plan=CorporatePlanFactory(council=indicator.council),
            directorate=dan.membership.directorate,
        )
    )
    corrected = services.actual_record(
        indicator=indicator,
        period=datetime.date(2013, 5, 1),
        value=Decimal("83"),
        commentary="",
        by=dan,
    )
    assert not allowed(dan, "performance.approve_actual", corrected)
    assert allowed(alice, "performance.approve_actual", corrected)


def test_another_councils_finance_is_told_the_actual_is_not_theirs(draft, council_b):
    their_finance = member(council_b, Role.FINANCE)
    assert not allowed(their_finance, "performance.approve_actual", draft)
    assert refusal(their_finance, "performance.approve_actual", draft) == (
        "This actual belongs to another council."
    )


def test_no_one_may_do_anything_without_a_login(indicator, draft):
    for name in ["performance.record_actual", "performance.set_target"]:
        assert not allowed(AnonymousUser(), name, indicator)
    assert not allowed(AnonymousUser(), "performance.approve_actual", draft)
