"""The council's screening questions and implication areas, kept by the programme office,
and the resident budget consultations it attaches to the programme."""

from sightline.impact.models import ImplicationArea, ResidentConsultation, ScreeningQuestion


def test_the_default_questions_are_shown_until_the_council_keeps_its_own(as_vera):
    page = as_vera.get("/impact/settings/").content.decode()
    assert "Budget Equality Analysis Screening Tool" in page
    assert "Does the change involve a reduction in staff?" in page
    assert "Add the question" not in page  # a viewer reads only


def test_the_programme_office_adds_and_retires_questions_and_areas(as_alice, council_a):
    assert as_alice.post("/impact/settings/", {"text": ""}).status_code == 200
    as_alice.post(
        "/impact/settings/", {"action": "add_question", "text": "Does it close a building?"}
    )
    questions = list(ScreeningQuestion.objects.filter(council=council_a))
    assert len(questions) == 8 and questions[-1].text == "Does it close a building?"
    as_alice.post("/impact/settings/", {"action": "retire_question", "question": questions[0].pk})
    assert ScreeningQuestion.objects.filter(disabled_on__isnull=True).count() == 7
    as_alice.post(
        "/impact/settings/",
        {"action": "add_area", "name": "Human rights", "clearance_required": "on"},
    )
    assert ImplicationArea.objects.get(name="Human rights").clearance_required
    repeated = as_alice.post("/impact/settings/", {"action": "add_area", "name": "Legal"})
    assert "There is already an area called Legal" in repeated.content.decode()


def test_anyone_else_is_refused_in_the_rules_words(as_eve):
    response = as_eve.post("/impact/settings/", {"action": "add_question", "text": "X?"})
    assert response.status_code == 403
    assert "only the programme office can" in response.content.decode()


def test_the_programme_office_records_a_resident_budget_consultation(as_alice, as_vera):
    response = as_alice.post(
        "/impact/resident-consultations/",
        {"title": "Budget consultation", "fy": "11/12", "respondents": "750",
         "findings": "Protect vulnerable people\nConsider every service for efficiency"},
    )  # fmt: skip
    assert response.status_code == 302
    page = as_vera.get("/impact/resident-consultations/").content.decode()
    assert "750 residents" in page and "2011/12" in page and "Protect vulnerable people" in page
    assert "Record a resident budget consultation" not in page
    assert as_vera.post("/impact/resident-consultations/", {}).status_code == 403
    assert ResidentConsultation.objects.count() == 1
