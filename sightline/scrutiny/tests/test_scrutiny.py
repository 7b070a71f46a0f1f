"""The scrutiny workspace: deep dives, questions answered on the record, call-ins, and the
direction of travel, with who may do each."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from sightline.core.fiscal import FinancialYear
from sightline.risks.tests.factories import RiskFactory
from sightline.savings.models import Forecast, Rag, Stage
from sightline.savings.tests.factories import PeriodFactory, ProposalFactory
from sightline.scrutiny import selectors, services
from sightline.scrutiny.models import DeepDive, Question

FY = FinancialYear(2013)
MONTHS = [datetime.date(2014, 1, 1), datetime.date(2014, 2, 1), datetime.date(2014, 3, 1)]


def _forecasts(proposal, rags):
    for month, rag in zip(MONTHS, rags, strict=False):
        period = PeriodFactory(council=proposal.council, month=month)
        Forecast.objects.create(
            proposal=proposal,
            period=period,
            month=month,
            fy=FY,
            forecast_pence=100,
            rag=rag,
            commentary=f"{rag} because of the consultation",
        )


@pytest.fixture
def saving(council_a):
    return ProposalFactory(council=council_a, stage=Stage.LIVE, title="Libraries redesign")


@pytest.fixture
def red_saving(saving):
    _forecasts(saving, [Rag.RED, Rag.RED, Rag.RED])
    return saving


@pytest.fixture
def dive(colin, red_saving):
    return services.deep_dive_open(by=colin, proposal=red_saving, purpose="Why Red?")


# --- the services -----------------------------------------------------------------------------


def test_a_councillor_opens_a_deep_dive_and_opening_it_again_returns_the_same(colin, saving):
    first = services.deep_dive_open(by=colin, proposal=saving)
    assert services.deep_dive_open(by=colin, proposal=saving) == first
    assert first.history.first().history_change_reason == "Deep dive opened"


@pytest.mark.parametrize("persona", ["alice", "vera", "dan", "eve"])
def test_only_councillors_open_deep_dives(request, persona, saving):
    with pytest.raises(PermissionDenied, match="only councillors"):
        services.deep_dive_open(by=request.getfixturevalue(persona), proposal=saving)


def test_a_deep_dive_needs_exactly_one_record(colin, saving, council_a):
    with pytest.raises(ValidationError) as error:
        services.deep_dive_open(by=colin, proposal=saving, risk=RiskFactory(council=council_a))
    assert "subject" in error.value.message_dict


def test_a_councillor_without_exempt_access_cannot_open_one_on_an_exempt_saving(colin, council_a):
    secret = ProposalFactory(council=council_a, exempt=True, exempt_paragraphs="3")
    with pytest.raises(PermissionDenied):
        services.deep_dive_open(by=colin, proposal=secret)
    assert not DeepDive.objects.exists()


def test_a_question_needs_text_and_is_audited(colin, dive):
    with pytest.raises(ValidationError) as error:
        services.question_ask(by=colin, deep_dive=dive, text="   ")
    assert error.value.message_dict == {"text": ["Enter your question"]}
    question = services.question_ask(by=colin, deep_dive=dive, text="When will it recover?")
    assert question.period.month == MONTHS[-1]  # for the next scrutiny report
    assert question.history.first().history_user == colin


def test_the_programme_office_answers_on_the_record_and_history_keeps_each_answer(
    alice, colin, dive
):
    question = services.question_ask(by=colin, deep_dive=dive, text="When will it recover?")
    services.question_answer(by=alice, question=question, answer="By June.")
    services.question_answer(by=alice, question=question, answer="By July, after the vote.")
    question.refresh_from_db()
    assert question.answer == "By July, after the vote." and question.answered_by == alice
    assert [h.answer for h in question.history.order_by("history_id")] == [
        "",
        "By June.",
        "By July, after the vote.",
    ]


@pytest.mark.parametrize("persona", ["colin", "vera", "eve"])
def test_councillors_viewers_and_other_editors_do_not_answer(request, persona, colin, dive):
    question = services.question_ask(by=colin, deep_dive=dive, text="Why?")
    with pytest.raises(PermissionDenied, match="answer this question"):
        services.question_answer(
            by=request.getfixturevalue(persona), question=question, answer="Because."
        )


def test_the_director_of_the_savings_directorate_answers(dan, colin, council_a):
    from sightline.accounts.models import Membership

    saving = ProposalFactory(
        council=council_a, directorate=Membership.objects.get(user=dan).directorate
    )
    dive = services.deep_dive_open(by=colin, proposal=saving)
    question = services.question_ask(by=colin, deep_dive=dive, text="Why?")
    services.question_answer(by=dan, question=question, answer="Because.")


def test_an_empty_answer_is_refused_naming_the_field(alice, colin, dive):
    question = services.question_ask(by=colin, deep_dive=dive, text="Why?")
    with pytest.raises(ValidationError) as error:
        services.question_answer(by=alice, question=question, answer="")
    assert error.value.message_dict == {"answer": ["Enter the answer"]}


def test_a_saving_red_for_three_months_can_be_called_in_once_until_answered(alice, colin, dive):
    called = services.call_in(by=colin, deep_dive=dive, text="The committee should see it.")
    assert called.kind == Question.Kind.CALL_IN
    assert called.text.startswith("Rated Red for 3 months running.")
    with pytest.raises(ValidationError, match="already called in"):
        services.call_in(by=colin, deep_dive=dive, text="Again.")
    services.question_answer(by=alice, question=called, answer="It comes to the next meeting.")
    services.call_in(by=colin, deep_dive=dive, text="Again, after the answer.")


def test_a_saving_red_for_two_months_cannot_be_called_in(colin, saving):
    _forecasts(saving, [Rag.AMBER, Rag.RED, Rag.RED])
    dive = services.deep_dive_open(by=colin, proposal=saving)
    with pytest.raises(ValidationError) as error:
        services.call_in(by=colin, deep_dive=dive, text="Please.")
    assert "Red for 2 months running" in error.value.message_dict["text"][0]
    assert not Question.objects.exists()


def test_a_gap_in_the_months_breaks_the_red_run(saving):
    for month in (MONTHS[0], MONTHS[2], datetime.date(2014, 4, 1)):
        Forecast.objects.create(
            proposal=saving,
            period=PeriodFactory(council=saving.council, month=month),
            month=month,
            fy=FY,
            forecast_pence=1,
            rag=Rag.RED,
            commentary="Red",
        )
    assert selectors.red_months(saving) == 2


def test_a_risk_above_its_appetite_can_be_called_in_and_one_within_it_cannot(colin, council_a):
    above = RiskFactory(council=council_a, initial_score=16, residual_score=12, appetite_score=8)
    within = RiskFactory(council=council_a, residual_score=6, appetite_score=8)
    called = services.call_in(
        by=colin, deep_dive=services.deep_dive_open(by=colin, risk=above), text="Too high."
    )
    assert "above the council's appetite of 8" in called.text
    with pytest.raises(ValidationError, match="above its appetite"):
        services.call_in(
            by=colin, deep_dive=services.deep_dive_open(by=colin, risk=within), text="Hm."
        )
    labels = [c.label for c in selectors.call_in_candidates(membership=colin.membership)]
    assert labels == [f"Risk {above.number}: {above.title}"]


def test_viewers_neither_ask_nor_call_in(vera, dive):
    with pytest.raises(PermissionDenied):
        services.question_ask(by=vera, deep_dive=dive, text="Why?")
    with pytest.raises(PermissionDenied):
        services.call_in(by=vera, deep_dive=dive, text="Why?")


def test_a_saving_history_shows_each_downgrade_with_its_arrow_and_reason(saving):
    _forecasts(saving, [Rag.GREEN, Rag.AMBER, Rag.GREEN])
    moves = selectors.saving_history(saving)
    assert [(m.before, m.after, m.arrow) for m in moves] == [
        ("", "Green", "•"),
        ("Green", "Amber", "↓"),
        ("Amber", "Green", "↑"),
    ]
    assert moves[1].reason == "amber because of the consultation"


def test_a_risk_score_change_shows_its_arrow_and_reason(alice, council_a):
    from sightline.risks.services import risk_save

    risk = risk_save(by=alice, data={"title": "Funding", "initial_score": 16, "residual_score": 8})
    risk_save(
        by=alice,
        risk=risk,
        data={"residual_score": 12},
        reason="The grant was cut.",
        expected_version=risk.version,
    )
    (move,) = selectors.risk_history(risk)
    assert (move.before, move.after, move.arrow, move.reason) == (
        "8",
        "12",
        "↓",
        "The grant was cut.",
    )


# --- the pages --------------------------------------------------------------------------------


def test_the_workspace_is_read_by_every_member_but_only_councillors_are_offered_to_open(
    as_vera, as_colin, dive
):
    page = as_vera.get(reverse("scrutiny:index"))
    assert page.status_code == 200
    assert dive.subject_label in page.content.decode()
    assert "Open a deep dive" not in page.content.decode()
    assert 'id="open-deep-dive"' in as_colin.get(reverse("scrutiny:index")).content.decode()


def test_a_councillor_asks_on_the_page_and_an_officer_answers(as_colin, as_alice, dive):
    url = reverse("scrutiny:deep_dive", args=[dive.pk])
    empty = as_colin.post(url, {"action": "ask", "ask-text": ""})
    assert empty.status_code == 200 and "Enter your question" in empty.content.decode()
    response = as_colin.post(url, {"action": "ask", "ask-text": "When will it recover?"})
    assert response.status_code == 302
    question = Question.objects.get()
    page = as_alice.get(url).content.decode()
    assert (
        "When will it recover?" in page and reverse("scrutiny:answer", args=[question.pk]) in page
    )
    assert "Log the question" not in page  # the officer is not offered the councillor's form
    answered = as_alice.post(
        reverse("scrutiny:answer", args=[question.pk]),
        {"answer": "By June.", "version": question.version},
    )
    assert answered.status_code == 302
    assert "By June." in as_colin.get(url).content.decode()


def test_a_councillor_calls_in_on_the_page(as_colin, dive):
    url = reverse("scrutiny:deep_dive", args=[dive.pk])
    assert "Call it in" in as_colin.get(url).content.decode()
    as_colin.post(url, {"action": "call_in", "call-text": "The committee should see it."})
    assert Question.objects.get().kind == Question.Kind.CALL_IN
    # Called in and awaiting a response: the form is not offered again.
    page = as_colin.get(url).content.decode()
    assert "Call it in" not in page and 'id="call-in-awaiting"' in page


def test_a_viewer_posting_a_question_is_refused(as_vera, dive):
    url = reverse("scrutiny:deep_dive", args=[dive.pk])
    assert as_vera.post(url, {"action": "ask", "ask-text": "Hi"}).status_code == 403
    assert not Question.objects.exists()


def test_a_deep_dive_on_an_exempt_saving_is_a_404_for_those_not_entitled(
    as_colin, as_alice, colin, council_a
):
    from sightline.accounts.models import Membership

    secret = ProposalFactory(council=council_a, exempt=True, exempt_paragraphs="3")
    Membership.objects.filter(user=colin).update(exempt_access=True)
    colin = type(colin).objects.get(pk=colin.pk)  # its membership read afresh
    dive = services.deep_dive_open(by=colin, proposal=secret)
    Membership.objects.filter(user=colin).update(exempt_access=False)
    url = reverse("scrutiny:deep_dive", args=[dive.pk])
    assert as_colin.get(url).status_code == 404
    assert secret.title not in as_colin.get(reverse("scrutiny:index")).content.decode()
    assert as_alice.get(url).status_code == 200


def test_another_councils_deep_dive_is_a_404(as_bob, dive):
    assert as_bob.get(reverse("scrutiny:deep_dive", args=[dive.pk])).status_code == 404


def test_the_risk_form_names_the_reason_field_when_a_score_changes_without_one(as_alice, council_a):
    risk = RiskFactory(council=council_a, initial_score=9, residual_score=6)
    response = as_alice.post(
        reverse("risks:edit", args=[risk.pk]),
        {"version": "1", "title": risk.title, "initial_score": "9", "residual_score": "4"},
    )
    text = response.content.decode()
    assert response.status_code == 200 and "#id_reason" in text
    assert "Say why the residual score from 6 to 4 changes" in text
    risk.refresh_from_db()
    assert risk.residual_score == 6


def test_the_api_lists_the_deep_dives_a_member_may_read(as_vera, as_bob, alice, colin, dive):
    services.question_answer(
        by=alice,
        question=services.question_ask(by=colin, deep_dive=dive, text="Why?"),
        answer="Because.",
    )
    body = as_vera.get("/api/v1/scrutiny/deep-dives").json()
    assert body["count"] == 1
    (item,) = body["items"]
    assert item["record"] == dive.subject_label and item["subject"] == "saving"
    assert [(q["text"], q["answer"]) for q in item["questions"]] == [("Why?", "Because.")]
    assert as_vera.get(f"/api/v1/scrutiny/deep-dives/{dive.pk}").json()["id"] == dive.pk
    assert as_bob.get(f"/api/v1/scrutiny/deep-dives/{dive.pk}").status_code == 404
    assert as_bob.get("/api/v1/scrutiny/deep-dives").json()["count"] == 0
