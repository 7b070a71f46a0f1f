"""The councillors' scrutiny workspace in the JSON API, read only: the deep dives and one
deep dive with its questions, call-ins and answers.

An interface only: reads go through ``sightline.scrutiny.selectors``, scoped to the caller's
council; a deep dive on an exempt saving only for those entitled to read it.
"""

from __future__ import annotations

import datetime

from ninja import Query, Router, Schema

from sightline.accounts.permissions import require_membership
from sightline.api.schemas import ERRORS, PageIn, RecordId, page_body, paged
from sightline.scrutiny import selectors
from sightline.scrutiny.models import DeepDive

router = Router(tags=["scrutiny"])

PAGE_PATH = "/scrutiny/deep-dives/{pk}/"


class QuestionOut(Schema):
    id: int
    kind: str  # "question" or "call_in"
    text: str
    asked_by: str
    asked_at: datetime.datetime
    answer: str
    answered_by: str | None
    answered_at: datetime.datetime | None


class DeepDiveOut(Schema):
    id: int
    url: str
    subject: str  # "saving", "risk" or "indicator"
    record: str
    proposal_id: int | None
    risk_id: int | None
    indicator_id: int | None
    purpose: str
    opened_at: datetime.datetime
    questions: list[QuestionOut]


DeepDivePageOut = paged(DeepDiveOut, "DeepDivePage")


def _name(user) -> str | None:
    if user is None:
        return None
    return user.get_full_name() or user.get_username()


def _out(dive: DeepDive) -> dict:
    return {
        "id": dive.pk,
        "url": PAGE_PATH.format(pk=dive.pk),
        "subject": dive.subject,
        "record": dive.subject_label,
        "proposal_id": dive.proposal_id,
        "risk_id": dive.risk_id,
        "indicator_id": dive.indicator_id,
        "purpose": dive.purpose,
        "opened_at": dive.created_at,
        "questions": [
            {
                "id": q.pk,
                "kind": q.kind,
                "text": q.text,
                "asked_by": _name(q.asked_by),
                "asked_at": q.created_at,
                "answer": q.answer,
                "answered_by": _name(q.answered_by),
                "answered_at": q.answered_at,
            }
            for q in dive.questions.all()
        ],
    }


@router.get("/scrutiny/deep-dives", response={200: DeepDivePageOut, **ERRORS})
def deep_dive_list(request, page: Query[PageIn]):
    """The council's deep dives, newest first, each with its questions and call-ins.

    Paged: ``count`` deep dives; ``items`` holds at most ``limit`` of them from ``offset``."""
    membership = require_membership(request.user)
    qs = selectors.deep_dive_list(membership=membership)
    count = qs.count()
    dives = qs.prefetch_related("questions__asked_by", "questions__answered_by")[
        page.offset : page.offset + page.limit
    ]
    return page_body(count=count, page=page, items=[_out(d) for d in dives])


@router.get("/scrutiny/deep-dives/{deep_dive_id}", response={200: DeepDiveOut, **ERRORS})
def deep_dive_get(request, deep_dive_id: RecordId):
    membership = require_membership(request.user)
    return _out(selectors.deep_dive_get(membership=membership, pk=deep_dive_id))
