"""The impact app's rules, each on its own: the screening's outcome, a negative impact's
evidence, what sign-off needs, clearances before a report is final, and collective
consultation on redundancies at 19, 20, 99 and 100."""

import datetime

import pytest

from sightline.impact import rules
from sightline.impact.rules import AnswerRow, ImpactRow, ImplicationRow, ProfileRow, Redundancies

TOWER_HAMLETS = [
    AnswerRow(1, "Does the change reduce resources available to address inequality?", "no"),
    AnswerRow(2, "Does the change reduce resources for vulnerable residents?", "no"),
    AnswerRow(3, "Does the change involve direct impact on front line services?", "no"),
    AnswerRow(4, "Does the change alter who is eligible for the service?", "yes",
              "However, this impacts officers internal to the Council only."),
    AnswerRow(5, "Does the change alter access to the service?", "no"),
    AnswerRow(6, "Does the change involve a reduction in staff?", "yes",
              "The vast majority of staff impacted by this proposal are female and therefore a "
              "full EA will be required."),
    AnswerRow(7, "Does the change involve a redesign of the roles of staff?", ""),
]  # fmt: skip


def test_the_tower_hamlets_answers_require_a_full_assessment_and_say_why():
    outcome = rules.screening_outcome(
        TOWER_HAMLETS, [ProfileRow("sex", "The vast majority are female.", True)]
    )
    assert outcome.required is True
    assert outcome.words == "Full equality assessment required"
    assert outcome.reasons[1].startswith(
        "Yes to question 6, “Does the change involve a reduction in staff?”: The vast majority"
    )
    assert "(sex): The vast majority are female." in outcome.reasons[2]
    assert outcome.unanswered == 1


def test_every_answer_no_requires_no_assessment_and_an_unanswered_one_leaves_it_open():
    noes = [AnswerRow(n, f"Question {n}", "no") for n in (1, 2)]
    assert rules.screening_outcome(noes, []).required is False
    open_ = rules.screening_outcome([*noes, AnswerRow(3, "Question 3", "")], [])
    assert open_.required is None and open_.unanswered == 1
    assert open_.words == "Not yet known: the screening is not finished"


def test_a_staff_group_affected_disproportionately_requires_an_assessment_on_its_own():
    noes = [AnswerRow(1, "Question 1", "no")]
    outcome = rules.screening_outcome(noes, [ProfileRow("age", "Most are over 55.", True)])
    assert outcome.required is True and "(age): Most are over 55." in outcome.reasons[0]
    assert (
        rules.screening_outcome(noes, [ProfileRow("age", "Mixed ages.", False)]).required is False
    )


def test_a_yes_needs_its_summary():
    errors = rules.screening_errors([AnswerRow(6, "Staff?", "yes", "  "), AnswerRow(1, "?", "no")])
    assert list(errors) == [6] and "as it is answered Yes" in errors[6]


def test_a_negative_impact_needs_evidence_and_mitigation():
    errors = rules.impact_errors(
        [ImpactRow("staff", "sex", "negative"), ImpactRow("residents", "age", "neutral")]
    )
    assert set(errors) == {"staff-sex-evidence", "staff-sex-mitigation"}
    assert errors["staff-sex-mitigation"].startswith("Sex (staff): say how")


def test_sign_off_needs_every_characteristic_for_residents_and_staff_and_a_conclusion():
    rows = [
        ImpactRow(g, c, "neutral")
        for g in ("residents", "staff")
        for c, _ in rules.Characteristic.choices
    ]
    assert rules.sign_off_gaps(rows, summary="Fine") == []
    gaps = rules.sign_off_gaps(rows[1:], summary="")
    assert gaps == [
        "The impact on residents and service users for: Age",
        "The assessment's conclusion",
    ]


def test_the_approval_gate_holds_a_proposal_needing_an_assessment_until_it_is_signed_off():
    required = rules.screening_outcome(TOWER_HAMLETS, [])
    assert rules.gate_words(required, assessment_complete=False)[0].startswith(
        "This proposal cannot be approved: its equality screening requires a full equality "
        "assessment"
    )
    assert rules.gate_words(required, assessment_complete=True) == []
    assert rules.gate_words(None, assessment_complete=False) == []  # never screened
    unfinished = rules.screening_outcome([AnswerRow(1, "?", "")], [])
    assert (
        "1 trigger question not answered"
        in rules.gate_words(unfinished, assessment_complete=False)[0]
    )


def test_a_report_needs_each_required_clearance_and_each_named_officers():
    rows = [
        ImplicationRow("Legal", True, "Brenda Vale", True),
        ImplicationRow("Finance", True, "", False),
        ImplicationRow("Health", False, "Chimeme Egbutah", False),
        ImplicationRow("Community safety", False, "", False),
    ]
    assert rules.missing_clearances(rows, ["Legal", "Finance", "Equalities"]) == [
        "Equalities: no implication written, and its clearance is required",
        "Finance: name the officer who clears it",
        "Health: not yet cleared by Chimeme Egbutah",
    ]


APRIL = datetime.date(2021, 4, 1)


@pytest.mark.parametrize(("count", "days"), [(19, 0), (20, 30), (99, 30), (100, 45)])
def test_collective_consultation_begins_at_20_and_lengthens_at_100(count, days):
    assert rules.minimum_consultation_days(count) == days
    [window] = rules.collective_consultation([Redundancies("Town Hall", APRIL, count, "SAV 1")])
    assert (window.count, window.days) == (count, days)
    assert window.consult_by == (APRIL - datetime.timedelta(days=days) if days else None)


def test_proposals_at_one_establishment_count_together_within_90_days():
    items = [
        Redundancies("Town Hall", APRIL, 12, "SAV 1"),
        Redundancies("Town Hall", APRIL + datetime.timedelta(days=89), 8, "SAV 2"),
        Redundancies("Depot", APRIL, 15, "SAV 3"),
    ]
    town_hall, depot = rules.collective_consultation(items)
    assert (town_hall.establishment, town_hall.count, town_hall.days) == ("Town Hall", 20, 30)
    assert town_hall.labels == ["SAV 1", "SAV 2"] and town_hall.consult_by == datetime.date(
        2021, 3, 2
    )
    assert (depot.count, depot.days) == (15, 0)


def test_redundancies_90_days_apart_are_not_counted_together():
    items = [
        Redundancies("Town Hall", APRIL, 12, "SAV 1"),
        Redundancies("Town Hall", APRIL + datetime.timedelta(days=90), 8, "SAV 2"),
    ]
    [window] = rules.collective_consultation(items)
    assert (window.count, window.days) == (12, 0)


def test_redundancies_without_a_date_count_in_every_window():
    items = [
        Redundancies("Town Hall", None, 5, "SAV 1"),
        Redundancies("Town Hall", APRIL, 15, "SAV 2"),
    ]
    [window] = rules.collective_consultation(items)
    assert (window.count, window.days, window.undated) == (20, 30, 5)
    assert window.starts_on == APRIL and window.labels == ["SAV 1", "SAV 2"]
