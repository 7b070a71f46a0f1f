"""Implications and clearances, as the Executive report sets them out: each cleared by the
officer named, as themselves, on a date; a report cannot be final while a required clearance
is missing; a change to a cleared implication withdraws its clearance."""

import datetime
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sightline.impact import services
from sightline.impact.models import Implication

FEB_7 = datetime.date(2013, 2, 7)


@pytest.fixture
def written(eve, proposal, sandra, council_a):
    areas = {a.name: a for a in services.areas_ensure(council=council_a, by=eve)}
    services.implications_save(
        proposal=proposal,
        by=eve,
        items=[
            {
                "area": areas["Legal"],
                "text": "Claims for unfair dismissal.",
                "officer": sandra.person,
                "officer_role": "Solicitor",
            },
            {"area": areas["Community safety"], "text": "None"},
        ],  # fmt: skip
        report_title="Budget reductions",
        meeting="Executive, 4 March 2013",
    )
    return Implication.objects.get(proposal=proposal, area=areas["Legal"])


def test_only_the_named_officer_clears_and_on_a_day_that_has_come(written, alice, sandra):
    with pytest.raises(PermissionDenied, match="Only .* can clear this implication"):
        services.implication_clear(implication=written, by=alice, cleared_on=FEB_7)
    with pytest.raises(ValidationError, match="today or past"):
        services.implication_clear(
            implication=written, by=sandra, cleared_on=datetime.date(2999, 1, 1)
        )
    services.implication_clear(implication=written, by=sandra, cleared_on=FEB_7)
    written.refresh_from_db()
    assert (written.cleared_on, written.cleared_by) == (FEB_7, sandra)


def test_a_report_is_not_final_while_a_required_clearance_is_missing(
    written, eve, proposal, sandra
):
    with pytest.raises(ValidationError) as error:
        services.implications_mark_final(proposal=proposal, by=eve)
    words = " ".join(error.value.messages)
    assert "Legal: not yet cleared by" in words and "Finance: no implication written" in words
    assert not hasattr(proposal, "implications_record") or not proposal.implications_record.final


def test_changing_a_cleared_implication_withdraws_its_clearance(written, eve, sandra, proposal):
    services.implication_clear(implication=written, by=sandra, cleared_on=FEB_7)
    record = proposal.implications_record
    services.implications_save(
        proposal=proposal,
        by=eve,
        items=[{"area": written.area, "text": "Changed.", "officer": sandra.person}],
        expected_version=record.version,
    )
    written.refresh_from_db()
    assert not written.cleared and written.cleared_by is None


def test_the_officer_clears_through_the_page_and_the_table_shows_who_and_when(
    as_sandra, as_vera, written, proposal
):
    url = f"/impact/implications/{written.pk}/clear/"
    assert "You clear them as yourself" in as_sandra.get(url).content.decode()
    response = as_sandra.post(
        url,
        {"cleared_on_day": "7", "cleared_on_month": "2", "cleared_on_year": "2013",
         "note": "Agreed", "version": written.version},
    )  # fmt: skip
    assert response.status_code == 302
    page = as_vera.get(f"/impact/proposals/{proposal.pk}/implications/").content.decode()
    assert "Agreed: " in page and "Solicitor, on 7 February 2013" in page
    assert "Clear it" not in page


def test_the_clearance_page_is_refused_to_anyone_but_the_officer(as_eve, written):
    response = as_eve.get(f"/impact/implications/{written.pk}/clear/")
    assert response.status_code == 403 and "in Sightline as themselves" in response.content.decode()


def test_a_bad_clearance_date_is_named(as_sandra, written):
    response = as_sandra.post(
        f"/impact/implications/{written.pk}/clear/",
        {"cleared_on_day": "31", "cleared_on_month": "2", "cleared_on_year": "2013", "note": "x"},
    )
    assert "must be a real date" in response.content.decode()


def test_marking_final_through_the_page_says_what_is_missing(as_eve, written, proposal):
    response = as_eve.post(f"/impact/proposals/{proposal.pk}/implications/final/", follow=True)
    assert "The report cannot be final" in response.content.decode()
    assert as_eve.get(f"/impact/proposals/{proposal.pk}/implications/final/").status_code == 405


def test_the_lead_writes_implications_through_the_form(as_eve, proposal, sandra):
    url = f"/impact/proposals/{proposal.pk}/implications/edit/"
    assert "Equalities, cohesion and inclusion (social justice)" in as_eve.get(url).content.decode()
    response = as_eve.post(
        url, {"report_title": "Reductions", "a1": "Legal text.", "a1_officer": sandra.person.pk}
    )
    assert response.status_code == 302
    assert Implication.objects.get(proposal=proposal).officer == sandra.person


def test_the_api_lists_implications_and_the_officer_clears_there(as_sandra, as_alice, written):
    url = f"/api/v1/implications/{written.pk}/clearance"
    body = json.dumps({"cleared_on": "2013-02-07"})
    assert as_alice.post(url, body, content_type="application/json").status_code == 403
    cleared = as_sandra.post(url, body, content_type="application/json").json()
    assert cleared["cleared"] and cleared["cleared_on"] == "2013-02-07"
    found = as_alice.get(f"/api/v1/proposals/{written.proposal_id}/implications").json()
    assert found["implications"][0]["officer"] == written.officer.name


def test_an_exempt_proposals_implications_are_a_404_to_those_not_entitled(
    as_vera, exempt, alice, council_a
):
    area = services.areas_ensure(council=council_a, by=alice)[0]
    services.implications_save(proposal=exempt, by=alice, items=[{"area": area, "text": "Secret"}])
    implication = Implication.objects.get(proposal=exempt)
    assert as_vera.get(f"/impact/proposals/{exempt.pk}/implications/").status_code == 404
    assert as_vera.get(f"/impact/implications/{implication.pk}/clear/").status_code == 404
