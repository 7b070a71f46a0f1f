"""Luton's scrutiny workspace, all illustrative (the council documents hold no councillors'
questions): a councillor's deep dives on a saving Red since January 2014 (with a question the
programme office answered, and a call-in answered on the record), on a strategic risk and on
an indicator, through the scrutiny services as the demo logins. Running it twice changes
nothing."""

from __future__ import annotations

from sightline.accounts.models import Council
from sightline.demo.accounts import login
from sightline.demo.sources import ILLUSTRATIVE
from sightline.performance.models import Indicator
from sightline.risks.models import Risk
from sightline.savings.models import Proposal
from sightline.scrutiny.models import Question
from sightline.scrutiny.services import call_in, deep_dive_open, question_answer, question_ask

NOTE = f"({ILLUSTRATIVE}.)"

QUESTIONS = [
    # (subject, question, answer or "")
    (
        "CL 01",
        "Why has this saving been rated Red since January, and what is being done to "
        f"replace it? {NOTE}",
        "The service redesign slipped while the consultation was extended; a replacement "
        f"saving is being sought within the bundle and will come to the March meeting. {NOTE}",
    ),
    (
        "risk",
        f"How confident is the programme office that the controls on this risk are working? {NOTE}",
        "",
    ),
    (
        "indicator",
        f"Is the latest figure on track against the target, and if not why not? {NOTE}",
        "",
    ),
]

CALL_IN = (
    f"The committee should examine the replacement plan before the year end. {NOTE}",
    f"The director will attend the next meeting with the replacement plan. {NOTE}",
)


def load_luton(council: Council) -> None:
    councillor, office = login("councillor"), login("programme_office")
    saving = Proposal.objects.filter(council=council, reference="CL 01").first()
    risk = Risk.objects.filter(council=council).order_by("number").first()
    indicator = Indicator.objects.filter(council=council).order_by("code").first()
    records = {
        "CL 01": {"proposal": saving},
        "risk": {"risk": risk},
        "indicator": {"indicator": indicator},
    }
    for key, text, answer in QUESTIONS:
        record = records[key]
        if next(iter(record.values())) is None:
            continue
        dive = deep_dive_open(by=councillor, purpose=NOTE, **record)
        question = Question.objects.filter(deep_dive=dive, text=text).first()
        if question is None:
            question = question_ask(by=councillor, deep_dive=dive, text=text)
        if answer and not question.answered:
            question_answer(by=office, question=question, answer=answer)
    if saving is not None:
        dive = deep_dive_open(by=councillor, proposal=saving, purpose=NOTE)
        if not Question.objects.filter(deep_dive=dive, kind=Question.Kind.CALL_IN).exists():
            called = call_in(by=councillor, deep_dive=dive, text=CALL_IN[0])
            question_answer(by=office, question=called, answer=CALL_IN[1])
