import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sightline.accounts.models import Person
from sightline.accounts.tests.factories import DirectorateFactory, PersonFactory
from sightline.core.audit import StaleEdit
from sightline.core.history import history_for
from sightline.risks import services
from sightline.risks.models import Risk
from sightline.risks.tests.factories import RiskFactory

DATA = {
    "title": "Failure to keep to approved budget",
    "initial_score": 9,
    "residual_score": 6,
    "controls": "Monthly budget monitoring procedures.",
}


def test_the_programme_office_adds_a_risk_numbered_after_the_last(alice, council_a):
    RiskFactory(council=council_a, number=14)
    risk = services.risk_save(by=alice, data=DATA)
    assert (risk.number, risk.initial_score, risk.residual_score) == (15, 9, 6)
    assert risk.history.count() == 1 and risk.created_by == alice
    created = risk.history.get()
    assert created.council == council_a and created.title == DATA["title"]
    assert (created.history_type, created.history_user) == ("+", alice)


def test_scores_are_worked_out_and_checked_by_the_service(alice):
    risk = services.risk_save(
        by=alice,
        data={
            "title": "Loss of a key supplier",
            "initial_likelihood": 4,
            "initial_impact": 4,
            "residual_likelihood": 2,
            "residual_impact": 4,
        },
    )
    assert (risk.initial_score, risk.residual_score) == (16, 8)
    with pytest.raises(ValidationError) as caught:
        services.risk_save(by=alice, data={**DATA, "residual_score": 12})
    assert "residual_score" in caught.value.message_dict
    assert Risk.objects.count() == 1  # nothing half-saved


def test_a_number_already_in_the_register_is_refused(alice, council_a):
    RiskFactory(council=council_a, number=3)
    with pytest.raises(ValidationError) as caught:
        services.risk_save(by=alice, data={**DATA, "number": 3})
    assert caught.value.message_dict["number"] == ["Risk 3 is already in the register."]


def test_a_director_adds_risks_only_to_their_own_directorate(dan, council_a):
    own = dan.membership.directorate
    other = DirectorateFactory(council=council_a)
    with pytest.raises(PermissionDenied, match="only add risks to their own directorate"):
        services.risk_save(by=dan, data={**DATA, "directorate": other})
    risk = services.risk_save(by=dan, data={**DATA, "directorate": own})
    assert risk.directorate == own


@pytest.mark.parametrize("persona", ["fiona", "eve", "colin", "vera"])
def test_other_roles_cannot_add_a_risk(persona, request):
    with pytest.raises(PermissionDenied, match="add a risk to the register"):
        services.risk_save(by=request.getfixturevalue(persona), data=DATA)


def test_another_councils_people_and_directorates_are_refused(alice, council_b):
    with pytest.raises(ValidationError) as caught:
        services.risk_save(
            by=alice,
            data={
                **DATA,
                "owner": PersonFactory(council=council_b),
                "directorate": DirectorateFactory(council=council_b),
            },
        )
    assert set(caught.value.message_dict) == {"owner", "directorate"}


def test_an_edit_records_what_changed_and_why_and_a_stale_one_is_refused(alice, council_a):
    risk = RiskFactory(council=council_a)
    services.risk_save(
        by=alice,
        risk=risk,
        data={"residual_score": 4},
        expected_version=1,
        reason="New controls in place",
    )
    risk.refresh_from_db()
    assert (risk.residual_score, risk.version) == (4, 2)
    event = history_for(risk)[0]
    assert event.changed() == {"residual_score": (6, 4)}
    assert event.reason == "New controls in place" and event.user_id == alice.pk
    assert risk.history.first().history_change_reason == "New controls in place"
    with pytest.raises(StaleEdit, match="changed by someone else"):
        services.risk_save(by=alice, risk=risk, data={"residual_score": 5}, expected_version=1)


def test_the_owner_and_the_directorate_director_may_change_a_risk_others_not(
    council_a, dan, eve, fiona, bob
):
    risk = RiskFactory(council=council_a, directorate=dan.membership.directorate)
    services.risk_save(by=dan, risk=risk, data={"controls": "Weekly"}, expected_version=1)
    with pytest.raises(PermissionDenied, match="only the programme office"):
        services.risk_save(by=eve, risk=risk, data={"controls": "Daily"})
    Risk.objects.filter(pk=risk.pk).update(owner=Person.objects.get(user=eve))
    services.risk_save(by=eve, risk=risk, data={"controls": "Daily"}, expected_version=2)
    with pytest.raises(PermissionDenied):
        services.risk_save(by=fiona, risk=risk, data={"controls": "Hourly"})
    with pytest.raises(PermissionDenied, match="another council"):
        services.risk_save(by=bob, risk=risk, data={"controls": "Hourly"})


def test_a_director_cannot_move_a_risk_out_of_their_directorate(council_a, dan):
    risk = RiskFactory(council=council_a, directorate=dan.membership.directorate)
    with pytest.raises(PermissionDenied, match="cannot move a risk out"):
        services.risk_save(by=dan, risk=risk, data={"directorate": None})


def test_closing_needs_a_reason_keeps_the_risk_and_it_can_be_reopened(alice, council_a):
    risk = RiskFactory(council=council_a)
    with pytest.raises(ValidationError):
        services.risk_close(by=alice, risk=risk, reason="  ")
    services.risk_close(
        by=alice,
        risk=risk,
        reason="The airport contract ended",
        closed_on=datetime.date(2026, 3, 31),
    )
    risk.refresh_from_db()
    assert risk.closed_on == datetime.date(2026, 3, 31)
    assert not Risk.objects.open().exists() and Risk.objects.count() == 1
    with pytest.raises(ValidationError, match="closed: reopen it"):
        services.risk_save(by=alice, risk=risk, data={"residual_score": 1})
    services.risk_reopen(
        by=alice, risk=risk, reason="A new contract", expected_version=risk.version
    )
    risk.refresh_from_db()
    assert risk.closed_on is None and risk.closed_reason == ""
    reopened, closed = history_for(risk)[:2]
    assert set(closed.changed()) == {"closed_on", "closed_reason"}
    assert set(reopened.changed()) == {"closed_on", "closed_reason"}
    assert reopened.changed()["closed_on"][1] is None and reopened.reason == "A new contract"


def test_a_change_of_score_needs_a_reason_named_on_the_reason_field(alice, council_a):
    risk = RiskFactory(council=council_a, initial_score=9, residual_score=6)
    with pytest.raises(ValidationError) as error:
        services.risk_save(by=alice, risk=risk, data={"residual_score": 4}, expected_version=1)
    assert error.value.message_dict == {
        "reason": ["Say why the residual score from 6 to 4 changes"]
    }
    risk.refresh_from_db()
    assert (risk.residual_score, risk.version) == (6, 1)
    services.risk_save(by=alice, risk=risk, data={"controls": "Weekly"}, expected_version=1)
