"""The full equality assessment: the proposal's editors rate each protected characteristic
for residents and staff; only the officer named signs it off, in Sightline as themselves; a
change after sign-off withdraws it; and the approval gate holds until it is signed off."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sightline.impact import services
from sightline.impact.models import Characteristic, Group
from sightline.impact.rules import approval_blockers
from sightline.impact.tests.test_screening import ANSWERS


def _impacts(**overrides):
    rows = []
    for group, _ in Group.choices:
        for value, _ in Characteristic.choices:
            rows.append(
                {"group": group, "characteristic": value, "impact": "neutral", "evidence": "",
                 "mitigation": ""}
            )  # fmt: skip
    for row in rows:
        row.update(overrides.get(f"{row['group']}_{row['characteristic']}", {}))
    return rows


NEGATIVE = {
    "staff_sex": {
        "impact": "negative",
        "evidence": "Most of the staff affected are women.",
        "mitigation": "Hold the vacant posts.",
    }
}


@pytest.fixture
def assessed(eve, proposal, sandra):
    return services.assessment_save(
        proposal=proposal,
        by=eve,
        impacts=_impacts(**NEGATIVE),
        summary="A negative impact on women on the staff, mitigated.",
        sign_off_officer=sandra.person,
    )


def test_a_negative_impact_needs_its_evidence_and_mitigation(eve, proposal):
    with pytest.raises(ValidationError) as error:
        services.assessment_save(
            proposal=proposal,
            by=eve,
            impacts=_impacts(staff_sex={"impact": "negative"}),
            summary="",
            sign_off_officer=None,
        )
    assert set(error.value.message_dict) == {"staff-sex-evidence", "staff-sex-mitigation"}


def test_an_officer_without_a_login_cannot_be_named_to_sign_off(eve, proposal, council_a):
    from sightline.accounts.tests.factories import PersonFactory

    nobody = PersonFactory(council=council_a, name="Paper Officer")
    with pytest.raises(ValidationError, match="Paper Officer has no login"):
        services.assessment_save(
            proposal=proposal, by=eve, impacts=[], summary="", sign_off_officer=nobody
        )


def test_an_officer_who_may_not_read_an_exempt_proposal_cannot_sign_it_off(alice, exempt, sandra):
    with pytest.raises(ValidationError, match="may not read this exempt proposal"):
        services.assessment_save(
            proposal=exempt, by=alice, impacts=[], summary="", sign_off_officer=sandra.person
        )


def test_only_the_named_officer_signs_off_and_the_gate_then_opens(
    assessed, alice, sandra, proposal, eve
):
    services.screening_save(proposal=proposal, by=eve, answers=ANSWERS, profile=[])
    assert approval_blockers(proposal)
    with pytest.raises(PermissionDenied, match="Only .* can sign off this equality assessment"):
        services.assessment_sign_off(assessment=assessed, by=alice)
    services.assessment_sign_off(assessment=assessed, by=sandra)
    assessed.refresh_from_db()
    assert assessed.complete and assessed.signed_off_by == sandra
    assert approval_blockers(proposal) == []


def test_an_unfinished_assessment_cannot_be_signed_off(eve, proposal, sandra):
    assessment = services.assessment_save(
        proposal=proposal,
        by=eve,
        impacts=_impacts()[:5],
        summary="",
        sign_off_officer=sandra.person,
    )
    with pytest.raises(ValidationError) as error:
        services.assessment_sign_off(assessment=assessment, by=sandra)
    assert "The assessment's conclusion" in error.value.messages


def test_a_change_after_sign_off_withdraws_it(assessed, sandra, eve, proposal):
    services.assessment_sign_off(assessment=assessed, by=sandra)
    assessed.refresh_from_db()
    services.assessment_save(
        proposal=proposal,
        by=eve,
        impacts=_impacts(**NEGATIVE, residents_age={"impact": "positive"}),
        summary=assessed.summary,
        sign_off_officer=sandra.person,
        expected_version=assessed.version,
    )
    assessed.refresh_from_db()
    assert not assessed.complete


def test_the_assessment_page_shows_each_impact_in_words(as_vera, assessed, proposal):
    page = as_vera.get(f"/impact/proposals/{proposal.pk}/assessment/").content.decode()
    assert ">Negative</strong>" in page and "Hold the vacant posts." in page
    assert "Not signed off" in page and "Sign off the assessment" not in page


def test_the_officer_signs_off_through_the_page(as_sandra, assessed, proposal):
    url = f"/impact/proposals/{proposal.pk}/assessment/sign-off/"
    assert "You sign off as yourself" in as_sandra.get(url).content.decode()
    refused = as_sandra.post(url, {"version": assessed.version})
    assert "Confirm that you have reviewed the assessment" in refused.content.decode()
    done = as_sandra.post(url, {"version": assessed.version, "confirm": "on"})
    assert done.status_code == 302
    assessed.refresh_from_db()
    assert assessed.complete


def test_the_sign_off_page_is_refused_to_anyone_else_in_the_rules_words(
    as_alice, assessed, proposal
):
    response = as_alice.get(f"/impact/proposals/{proposal.pk}/assessment/sign-off/")
    assert response.status_code == 403
    assert "can sign off this equality assessment, in Sightline as themselves" in (
        response.content.decode()
    )


def test_the_lead_writes_the_assessment_through_the_form(as_eve, proposal, sandra):
    data = {"summary": "Fine.", "sign_off_officer": sandra.person.pk}
    for group, _ in Group.choices:
        for value, _ in Characteristic.choices:
            data[f"{group}_{value}"] = "neutral"
    data["staff_sex"] = "negative"
    response = as_eve.post(f"/impact/proposals/{proposal.pk}/assessment/edit/", data)
    text = response.content.decode()
    assert response.status_code == 200 and "#id_staff_sex_evidence" in text
    data.update(staff_sex_evidence="Most are women.", staff_sex_mitigation="Hold vacancies.")
    assert as_eve.post(f"/impact/proposals/{proposal.pk}/assessment/edit/", data).status_code == 302
    assert proposal.equality_assessment.impacts.count() == 18


def test_the_api_gives_the_assessment(as_vera, assessed, proposal):
    found = as_vera.get(f"/api/v1/proposals/{proposal.pk}/equality-assessment").json()
    assert found["started"] and not found["signed_off"]
    assert found["sign_off_officer"] == assessed.sign_off_officer.name
    assert len(found["impacts"]) == 18
