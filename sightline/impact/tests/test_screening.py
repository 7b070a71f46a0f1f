"""Equality screening: the proposal's editors answer the council's trigger questions (the
Tower Hamlets form's by default); whether a full assessment is required is worked out and
shown with its reasons, on the page and in the API; an exempt proposal's screening is a 404
to those not entitled."""

import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sightline.core.history import history_for
from sightline.impact import services
from sightline.impact.models import ScreeningQuestion
from sightline.impact.rules import DEFAULT_QUESTIONS

ANSWERS = {
    1: ("no", ""),
    2: ("no", ""),
    3: ("no", ""),
    4: ("yes", "However, this impacts officers internal to the Council only."),
    5: ("no", ""),
    6: ("yes", "The vast majority of staff impacted by this proposal are female."),
    7: ("", ""),
}
FEMALE = [{"characteristic": "sex", "summary": "Mostly women.", "disproportionate": True}]


def _form(answers=ANSWERS, **extra):
    data = {}
    for number, (answer, summary) in answers.items():
        data[f"q{number}"] = answer
        data[f"q{number}_summary"] = summary
    return {**data, **extra}


def test_the_lead_screens_with_the_default_questions_and_an_assessment_is_required(
    eve, proposal, council_a
):
    screening = services.screening_save(
        proposal=proposal, by=eve, answers=ANSWERS, profile=FEMALE, reason="First screening"
    )
    questions = ScreeningQuestion.objects.filter(council=council_a)
    assert [q.text for q in questions] == [text for _, text in DEFAULT_QUESTIONS]
    assert screening.answers.count() == 7 and screening.staff_profile.count() == 1
    assert history_for(screening)[0].reason == "First screening"


def test_a_yes_without_its_summary_is_refused_by_question(eve, proposal):
    with pytest.raises(ValidationError) as error:
        services.screening_save(proposal=proposal, by=eve, answers={6: ("yes", "")}, profile=[])
    assert "q6_summary" in error.value.message_dict


def test_a_viewer_may_not_screen_and_is_told_who_may(vera, proposal):
    with pytest.raises(PermissionDenied, match="You cannot screen this proposal for its equality"):
        services.screening_save(proposal=proposal, by=vera, answers=ANSWERS, profile=[])


def test_a_stale_screening_is_refused(eve, proposal):
    first = services.screening_save(proposal=proposal, by=eve, answers=ANSWERS, profile=[])
    services.screening_save(
        proposal=proposal, by=eve, answers=ANSWERS, profile=FEMALE, expected_version=first.version
    )
    with pytest.raises(ValidationError, match="changed by someone else"):
        services.screening_save(
            proposal=proposal, by=eve, answers=ANSWERS, profile=[], expected_version=first.version
        )


def test_the_screening_page_shows_the_outcome_and_its_reasons(as_vera, eve, proposal):
    services.screening_save(proposal=proposal, by=eve, answers=ANSWERS, profile=FEMALE)
    page = as_vera.get(f"/impact/proposals/{proposal.pk}/screening/").content.decode()
    assert "Full equality assessment required" in page
    assert "Yes to question 6, “Does the change involve a reduction in staff?”" in page
    assert "(sex): Mostly women." in page and "1 question not answered." in page
    assert "This proposal cannot be approved" in page
    assert "Change the screening" not in page  # a viewer reads only


def test_the_lead_screens_through_the_form_and_errors_name_their_field(as_eve, proposal):
    url = f"/impact/proposals/{proposal.pk}/screening/edit/"
    assert "Does the change involve a reduction in staff?" in as_eve.get(url).content.decode()
    bad = as_eve.post(url, _form({6: ("yes", "")}))
    text = bad.content.decode()
    assert bad.status_code == 200 and "govuk-error-summary" in text and "#id_q6_summary" in text
    assert "<title>Error: " in text
    good = as_eve.post(url, _form(staff_sex="Mostly women.", staff_sex_more="on"))
    assert good.status_code == 302
    assert proposal.equality_screening.staff_profile.get().disproportionate


def test_the_form_is_refused_to_a_viewer_in_the_rules_words(as_vera, proposal):
    response = as_vera.get(f"/impact/proposals/{proposal.pk}/screening/edit/")
    assert response.status_code == 403
    assert "only the programme office, the directorate" in response.content.decode()


def test_an_exempt_proposals_screening_is_a_404_to_those_not_entitled(
    as_vera, as_alice, exempt, alice
):
    services.screening_save(proposal=exempt, by=alice, answers=ANSWERS, profile=[])
    assert as_vera.get(f"/impact/proposals/{exempt.pk}/screening/").status_code == 404
    assert as_vera.get(f"/api/v1/proposals/{exempt.pk}/equality-screening").status_code == 404
    assert as_alice.get(f"/impact/proposals/{exempt.pk}/screening/").status_code == 200


def test_another_council_anonymous_and_wrong_method(as_bob, public, as_eve, proposal):
    url = f"/impact/proposals/{proposal.pk}/screening/"
    assert as_bob.get(url).status_code == 404
    assert public.get(url).status_code == 302
    assert as_eve.post(url).status_code == 405


def test_the_api_gives_the_outcome_with_its_reasons_and_the_lead_screens(as_eve, proposal):
    url = f"/api/v1/proposals/{proposal.pk}/equality-screening"
    body = {
        "answers": [{"number": n, "answer": a, "summary": s} for n, (a, s) in ANSWERS.items()],
        "staff_profile": FEMALE,
    }
    response = as_eve.put(url, json.dumps(body), content_type="application/json")
    assert response.status_code == 200
    found = as_eve.get(url).json()
    assert found["outcome"]["required"] is True
    assert found["outcome"]["words"] == "Full equality assessment required"
    assert any("reduction in staff" in r for r in found["outcome"]["reasons"])
    assert found["approval_blockers"] and found["version"] == 1
