"""A page never offers what its user cannot do: the risk pages show the add, change and close
buttons only to those the rules allow, and a form page refuses the rest in the rule's words."""

from html import unescape

import pytest

from sightline.accounts.models import Person
from sightline.accounts.tests.factories import DirectorateFactory
from sightline.risks.models import Risk
from sightline.risks.tests.factories import RiskFactory

ADD = 'href="/risks/new/"'


@pytest.fixture
def risk(council_a, dan):
    return RiskFactory(council=council_a, directorate=dan.membership.directorate)


def body(response) -> str:
    return unescape(response.content.decode())


def change_link(risk) -> str:
    return f'href="/risks/{risk.pk}/edit/"'


def close_link(risk) -> str:
    return f'href="/risks/{risk.pk}/close/"'


@pytest.mark.parametrize("persona", ["as_vera", "as_colin", "as_eve", "as_fiona"])
def test_the_register_offers_adding_only_to_the_programme_office_and_directors(
    persona, request, risk
):
    assert ADD not in body(request.getfixturevalue(persona).get("/risks/"))


@pytest.mark.parametrize("persona", ["as_alice", "as_dan"])
def test_the_register_offers_adding_to_those_who_may(persona, request, risk):
    assert ADD in body(request.getfixturevalue(persona).get("/risks/"))


def test_an_empty_register_offers_no_first_risk_to_a_viewer(as_vera):
    page = body(as_vera.get("/risks/"))
    assert "The register has no risks yet." in page and "Add the first risk" not in page


@pytest.mark.parametrize("persona", ["as_vera", "as_colin", "as_eve"])
def test_a_risk_offers_viewers_councillors_and_editors_no_buttons(persona, request, risk):
    page = body(request.getfixturevalue(persona).get(f"/risks/{risk.pk}/"))
    assert change_link(risk) not in page and close_link(risk) not in page
    assert "Change the risk" not in page and "Close the risk" not in page


@pytest.mark.parametrize("persona", ["as_alice", "as_dan"])
def test_a_risk_offers_its_managers_change_and_close(persona, request, risk):
    page = body(request.getfixturevalue(persona).get(f"/risks/{risk.pk}/"))
    assert change_link(risk) in page and close_link(risk) in page


def test_a_risk_offers_its_editor_owner_change_and_close(as_eve, eve, risk):
    Risk.objects.filter(pk=risk.pk).update(owner=Person.objects.get(user=eve))
    page = body(as_eve.get(f"/risks/{risk.pk}/"))
    assert change_link(risk) in page and close_link(risk) in page


def test_a_closed_risk_offers_reopening_but_not_changing(as_alice, risk):
    Risk.objects.filter(pk=risk.pk).update(closed_on="2026-01-01", closed_reason="Ended")
    page = body(as_alice.get(f"/risks/{risk.pk}/"))
    assert "Reopen the risk" in page and change_link(risk) not in page


@pytest.mark.parametrize(
    ("persona", "role"), [("as_vera", "viewer"), ("as_colin", "councillor"), ("as_eve", "editor")]
)
def test_the_form_pages_refuse_others_in_the_rules_words(persona, role, request, risk):
    client = request.getfixturevalue(persona)
    add = client.get("/risks/new/")
    assert add.status_code == 403
    assert (
        "You cannot add a risk to the register: only the programme office and directors (for "
        f"their own directorate) can, and your role is {role}." in body(add)
    )
    change = client.get(f"/risks/{risk.pk}/edit/")
    assert change.status_code == 403
    assert (
        "You cannot change this risk: only the programme office, the director of the risk's "
        f"directorate or its owner can, and your role is {role}." in body(change)
    )
    close = client.get(f"/risks/{risk.pk}/close/")
    assert close.status_code == 403
    assert "You cannot close or reopen this risk: only the programme office" in body(close)


def test_a_director_is_offered_only_their_own_directorate(as_dan, dan, council_a, risk):
    other = DirectorateFactory(council=council_a, name="Elsewhere")
    for path in ("/risks/new/", f"/risks/{risk.pk}/edit/"):
        page = body(as_dan.get(path))
        assert dan.membership.directorate.name in page
        assert "Elsewhere" not in page and "Corporate: no one directorate" not in page
    refused = as_dan.post(
        "/risks/new/",
        {"title": "x", "directorate": other.pk, "initial_score": "4", "residual_score": "2"},
    )
    assert refused.status_code == 200 and "Select a valid choice" in body(refused)
    assert not Risk.objects.filter(title="x").exists()


def test_the_programme_office_is_offered_every_directorate_and_corporate(as_alice, council_a):
    DirectorateFactory(council=council_a, name="Elsewhere")
    page = body(as_alice.get("/risks/new/"))
    assert "Elsewhere" in page and "Corporate: no one directorate" in page
