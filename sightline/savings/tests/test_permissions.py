"""Who may do what in the savings programme: each rule asked of each role, and the pages
offering only what their user may submit."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied

from sightline.accounts.models import Role
from sightline.accounts.permissions import allowed, refusal
from sightline.accounts.tests.factories import member
from sightline.core.audit import StaleEdit
from sightline.core.fiscal import FinancialYear
from sightline.savings import services
from sightline.savings.models import Forecast, Proposal
from sightline.savings.tests.factories import PeriodFactory, ProposalFactory
from sightline.savings.tests.test_services import live

FY13 = FinancialYear(2013)


@pytest.fixture
def proposal(council_a, eve, dan):
    return live(
        ProposalFactory(
            council=council_a, lead_officer=eve.person, directorate=dan.membership.directorate
        )
    )


@pytest.fixture
def people(alice, fiona, dan, eve, colin, vera, bob):
    return {
        "programme_office": alice,
        "finance": fiona,
        "director": dan,
        "editor": eve,
        "councillor": colin,
        "viewer": vera,
        "other_council": bob,
    }


EXPECTED = {
    # rule: the personas it allows on a live proposal in Dan's directorate that Eve leads
    "savings.change_proposal": {"programme_office", "director", "editor"},
    "savings.assign_finance": {"programme_office", "director", "editor", "finance"},
    "savings.mark_exempt": {"programme_office"},
    "savings.archive_proposal": {"programme_office"},
    "savings.move_stage": {"programme_office", "director", "editor"},
    "savings.override_gate": {"programme_office"},
    "savings.submit_proposal": {"programme_office", "director", "editor"},
    "savings.decide_proposal": {"programme_office", "director"},
    "savings.record_forecast": {"programme_office", "director", "editor", "finance"},
    "savings.confirm_benefit": {"programme_office", "finance"},
    "savings.record_impact": {"programme_office", "director", "editor"},
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_proposal_rule_allows_exactly_its_roles(name, people, proposal):
    allowed_now = {persona for persona, user in people.items() if allowed(user, name, proposal)}
    assert allowed_now == EXPECTED[name]


def test_a_refusal_names_the_action_who_may_and_the_role(vera, proposal):
    assert refusal(vera, "savings.record_forecast", proposal) == (
        "You cannot record a forecast for this proposal: only finance or the programme office, "
        "the directorate's director or the proposal's lead officer, project manager or sponsor "
        "can, and your role is viewer."
    )


def test_a_refusal_for_another_councils_proposal_says_so(bob, proposal):
    assert refusal(bob, "savings.change_proposal", proposal) == (
        "This proposal belongs to another council."
    )


def test_a_director_of_another_directorate_may_not_change_it(council_a, proposal):
    other = member(council_a, Role.DIRECTOR, username="otto")
    assert not allowed(other, "savings.change_proposal", proposal)
    assert not allowed(other, "savings.decide_proposal", proposal)


def test_only_the_programme_office_reopens_a_withdrawn_proposal(alice, eve, proposal):
    proposal.stage = "withdrawn"
    assert allowed(alice, "savings.move_stage", proposal)
    assert not allowed(eve, "savings.move_stage", proposal)
    assert "reopen a withdrawn or failed proposal" in refusal(eve, "savings.move_stage", proposal)


# --- the proposal page offers only what its reader may do -------------------------------------


FORM_LINKS = {
    "edit": "/edit/",
    "savings": "/savings/",
    "staffing": "/staffing/",
    "decision": "/decision/",
    "forecast": "/forecast/",
    "benefit": "/benefits/",
    "impact": "/impacts/",
    "stage form": "/stage/",
}


def _offered(client, proposal) -> set[str]:
    html = client.get(f"/programme/proposals/{proposal.pk}/").content.decode()
    base = f"/programme/proposals/{proposal.pk}"
    return {name for name, path in FORM_LINKS.items() if f"{base}{path}" in html}


def test_a_viewer_is_offered_no_form(as_vera, proposal):
    assert _offered(as_vera, proposal) == set()


def test_a_councillor_is_offered_no_form(as_colin, proposal):
    assert _offered(as_colin, proposal) == set()


def test_finance_is_offered_the_finance_fields_the_forecast_and_the_benefit(as_fiona, proposal):
    assert _offered(as_fiona, proposal) == {"edit", "forecast", "benefit"}
    page = as_fiona.get(f"/programme/proposals/{proposal.pk}/").content.decode()
    assert "Assign the finance lead or accountant" in page
    assert "Edit the proposal" not in page


def test_the_lead_editor_is_offered_the_proposals_forms(as_eve, proposal):
    assert _offered(as_eve, proposal) == {
        "edit",
        "savings",
        "staffing",
        "decision",
        "forecast",
        "impact",
        "stage form",
    }


@pytest.mark.parametrize(
    "path", ["edit/", "savings/", "staffing/", "decision/", "forecast/", "benefits/", "impacts/"]
)
def test_a_viewer_gets_the_rules_refusal_instead_of_a_form(as_vera, proposal, path):
    response = as_vera.get(f"/programme/proposals/{proposal.pk}/{path}")
    assert response.status_code == 403
    assert "You cannot" in response.content.decode()
    assert "your role is viewer" in response.content.decode()


def test_finance_edits_only_the_finance_fields(as_fiona, proposal):
    response = as_fiona.get(f"/programme/proposals/{proposal.pk}/edit/")
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.fields) == {"finance_lead", "accountant", "version", "reason"}


# --- the doors closed ---------------------------------------------------------------------------


def test_a_lead_editor_cannot_mark_a_proposal_exempt(eve, proposal):
    with pytest.raises(PermissionDenied, match="mark a proposal exempt"):
        services.proposal_update(
            proposal=proposal,
            by=eve,
            data={"exempt": True, "exempt_paragraphs": "1"},
            expected_version=proposal.version,
        )
    proposal.refresh_from_db()
    assert proposal.exempt is False


def test_a_director_cannot_clear_the_exempt_marking(dan, alice, proposal):
    services.proposal_update(
        proposal=proposal,
        by=alice,
        data={"exempt": True, "exempt_paragraphs": "1, 4"},
        expected_version=proposal.version,
    )
    proposal.refresh_from_db()
    with pytest.raises(PermissionDenied, match="mark a proposal exempt"):
        services.proposal_update(
            proposal=proposal,
            by=dan,
            data={"exempt": False, "exempt_paragraphs": ""},
            expected_version=proposal.version,
        )
    assert Proposal.objects.get(pk=proposal.pk).exempt is True
    assert proposal.history.filter(exempt=True, history_user=alice).exists()


def test_the_edit_form_shows_the_exempt_fields_only_to_the_programme_office(
    as_alice, as_eve, proposal
):
    assert (
        "exempt" in as_alice.get(f"/programme/proposals/{proposal.pk}/edit/").context["form"].fields
    )
    assert (
        "exempt"
        not in as_eve.get(f"/programme/proposals/{proposal.pk}/edit/").context["form"].fields
    )


def test_an_edit_without_its_version_is_refused_and_changes_nothing(as_eve, proposal):
    data = {
        "reference": proposal.reference,
        "title": "Changed without a version",
        "savings_type": proposal.savings_type_id,
        "directorate": proposal.directorate_id,
        "lead_officer": proposal.lead_officer_id,
    }
    response = as_eve.post(f"/programme/proposals/{proposal.pk}/edit/", data)
    assert response.status_code == 200
    assert "This form is out of date" in response.content.decode()
    assert Proposal.objects.get(pk=proposal.pk).title == proposal.title


def test_twenty_saves_without_a_version_lose_nothing_silently(as_eve, proposal):
    data = {
        "reference": proposal.reference,
        "savings_type": proposal.savings_type_id,
        "directorate": proposal.directorate_id,
        "lead_officer": proposal.lead_officer_id,
    }
    saved = 0
    for n in range(20):
        response = as_eve.post(
            f"/programme/proposals/{proposal.pk}/edit/", {**data, "title": f"Edit {n}"}
        )
        saved += response.status_code == 302
    assert saved == 0


def test_the_savings_profile_without_its_version_is_refused(as_eve, proposal):
    response = as_eve.post(
        f"/programme/proposals/{proposal.pk}/savings/",
        {
            "lines-TOTAL_FORMS": "1",
            "lines-INITIAL_FORMS": "0",
            "lines-0-fy": "2013/14",
            "lines-0-amount": "£1k",
            "lines-0-kind": "reduction",
        },
    )
    assert "This page is out of date" in response.content.decode()
    assert proposal.lines.get().amount_pence == 10_000_000


def test_a_second_forecast_for_the_same_month_without_its_version_is_refused(
    eve, fiona, council_a, proposal
):
    period = PeriodFactory(council=council_a, month=datetime.date(2013, 6, 1))
    first = services.forecast_record(
        proposal=proposal, period=period, fy=FY13, forecast_pence=5, rag="green", by=eve
    )
    with pytest.raises(StaleEdit, match="already recorded"):
        services.forecast_record(
            proposal=proposal, period=period, fy=FY13, forecast_pence=9, rag="green", by=fiona
        )
    services.forecast_record(
        proposal=proposal,
        period=period,
        fy=FY13,
        forecast_pence=9,
        rag="green",
        by=fiona,
        expected_version=first.version,
    )
    assert Forecast.objects.get().forecast_pence == 9


def test_the_forecast_form_opens_on_this_months_forecast_with_its_version(
    as_eve, eve, council_a, proposal
):
    period = PeriodFactory(council=council_a, month=datetime.date(2013, 6, 1))
    services.forecast_record(
        proposal=proposal, period=period, fy=FY13, forecast_pence=5_000_000, rag="green", by=eve
    )
    form = as_eve.get(f"/programme/proposals/{proposal.pk}/forecast/").context["form"]
    assert form.initial["version"] == 1
    assert form.initial["forecast"] == 5_000_000
