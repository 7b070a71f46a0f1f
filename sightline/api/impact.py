"""Equality screening and assessment, cumulative impact, implications and clearances,
consultation, posts and collective consultation, in the JSON API.

An interface only: reads go through ``sightline.impact.selectors`` (a proposal the caller may
not read, an exempt one included, is a 404, and never counted); each write asks the same rule
as the pages (``sightline.impact.permissions``) before acting, and goes through
``sightline.impact.services``, which asks it again. Money is pounds as strings.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from ninja import Query, Router, Schema
from pydantic import StrictBool, StrictInt

from sightline.accounts.permissions import allowed, check, require_membership
from sightline.api.schemas import ERRORS, FinancialYearText, PageIn, RecordId, page_of, paged
from sightline.core.fiscal import FinancialYear
from sightline.core.money import pounds_string
from sightline.impact import selectors, services
from sightline.impact.models import Group

router = Router(tags=["equality, implications and staffing"])


# --- screening --------------------------------------------------------------------------------


class OutcomeOut(Schema):
    required: bool | None  # None: the screening is not finished
    words: str
    reasons: list[str]
    unanswered: int


class AnswerOut(Schema):
    number: int
    question: str
    answer: str  # "yes", "no" or "" (not answered)
    summary: str


class ProfileOut(Schema):
    characteristic: str
    label: str
    summary: str
    disproportionate: bool


class ScreeningOut(Schema):
    proposal_id: int
    reference: str
    screened: bool
    outcome: OutcomeOut | None
    answers: list[AnswerOut]
    staff_profile: list[ProfileOut]
    comments: str
    approval_blockers: list[str]
    version: int | None


class AnswerIn(Schema):
    number: StrictInt
    answer: str = ""
    summary: str = ""


class ProfileIn(Schema):
    characteristic: str
    summary: str
    disproportionate: StrictBool = False


class ScreeningIn(Schema):
    """The screening's answers by question number (those not sent stay as they are), the
    staff affected by protected characteristic (replacing any given before), comments, and
    the ``version`` read (none for a first screening)."""

    answers: list[AnswerIn] = []
    staff_profile: list[ProfileIn] = []
    comments: str = ""
    version: StrictInt | None = None
    reason: str = ""


def _screening_out(proposal) -> dict:
    detail = selectors.screening_detail(proposal=proposal)
    screening, outcome = detail["screening"], detail["outcome"]
    return {
        "proposal_id": proposal.pk,
        "reference": proposal.reference,
        "screened": screening is not None,
        "outcome": (
            {
                "required": outcome.required,
                "words": outcome.words,
                "reasons": outcome.reasons,
                "unanswered": outcome.unanswered,
            }
            if outcome
            else None
        ),
        "answers": [vars(a) for a in detail["answers"]],
        "staff_profile": [
            {
                "characteristic": p.characteristic,
                "label": p.label,
                "summary": p.summary,
                "disproportionate": p.disproportionate,
            }
            for p in detail["profile"]
        ],
        "comments": screening.comments if screening else "",
        "approval_blockers": detail["blockers"],
        "version": screening.version if screening else None,
    }


@router.get("/proposals/{proposal_id}/equality-screening", response={200: ScreeningOut, **ERRORS})
def screening_get(request, proposal_id: RecordId):
    """The proposal's equality screening: each trigger question's answer, the staff affected
    by protected characteristic, and whether a full equality assessment is required, and why."""
    membership = require_membership(request.user)
    return _screening_out(selectors.proposal_for(membership=membership, pk=proposal_id))


@router.put("/proposals/{proposal_id}/equality-screening", response={200: ScreeningOut, **ERRORS})
def screening_put(request, proposal_id: RecordId, payload: ScreeningIn):
    """Record the screening (the proposal's editors). A Yes needs its summary."""
    membership = require_membership(request.user)
    proposal = selectors.proposal_for(membership=membership, pk=proposal_id)
    check(request.user, "impact.screen_proposal", proposal)
    services.screening_save(
        proposal=proposal,
        by=request.user,
        answers={a.number: (a.answer, a.summary) for a in payload.answers},
        profile=[p.dict() for p in payload.staff_profile],
        comments=payload.comments,
        expected_version=payload.version,
        reason=payload.reason,
    )
    return _screening_out(proposal)


# --- the full assessment ----------------------------------------------------------------------


class ImpactOut(Schema):
    group: str
    characteristic: str
    impact: str
    evidence: str
    mitigation: str


class AssessmentOut(Schema):
    proposal_id: int
    started: bool
    signed_off: bool
    sign_off_officer: str | None
    signed_off_at: datetime.datetime | None
    conclusion: str
    impacts: list[ImpactOut]
    still_needed: list[str]
    version: int | None


@router.get("/proposals/{proposal_id}/equality-assessment", response={200: AssessmentOut, **ERRORS})
def assessment_get(request, proposal_id: RecordId):
    """The proposal's full equality assessment: the impact on each protected characteristic
    for residents and for staff, its conclusion and its sign-off."""
    membership = require_membership(request.user)
    proposal = selectors.proposal_for(membership=membership, pk=proposal_id)
    detail = selectors.assessment_detail(proposal=proposal)
    found = detail["assessment"]
    impacts = [
        {
            "group": i.group,
            "characteristic": i.characteristic,
            "impact": i.impact,
            "evidence": i.evidence,
            "mitigation": i.mitigation,
        }
        for row in detail["rows"]
        for i in (row.residents, row.staff)
        if i is not None
    ]
    officer = found.sign_off_officer if found else None
    return {
        "proposal_id": proposal.pk,
        "started": found is not None,
        "signed_off": bool(found and found.complete),
        "sign_off_officer": officer.name if officer else None,
        "signed_off_at": found.signed_off_at if found else None,
        "conclusion": found.summary if found else "",
        "impacts": impacts,
        "still_needed": detail["gaps"] if found else [],
        "version": found.version if found else None,
    }


# --- cumulative impact ------------------------------------------------------------------------


class BehindOut(Schema):
    proposal_id: int
    reference: str
    title: str
    saving: str
    assessment_signed_off: bool


class CellOut(Schema):
    negative: int
    negative_saving: str
    proposals: list[BehindOut]
    positive: int
    neutral: int
    not_known: int


class CharacteristicOut(Schema):
    characteristic: str
    label: str
    residents: CellOut
    staff: CellOut


class CumulativeOut(Schema):
    financial_year: str | None  # None: the whole programme
    proposals: int
    saving: str
    assessed: list[str]
    awaiting_assessment: list[str]
    characteristics: list[CharacteristicOut]


class CumulativeQuery(Schema):
    fy: FinancialYearText = ""  # e.g. 2021/22; blank or "all" for the whole programme


def _cell(cell) -> dict:
    return {
        "negative": len(cell.negative),
        "negative_saving": pounds_string(cell.negative_pence),
        "proposals": [
            {
                "proposal_id": b.proposal.pk,
                "reference": b.proposal.reference,
                "title": b.proposal.title,
                "saving": pounds_string(b.pence),
                "assessment_signed_off": b.signed_off,
            }
            for b in cell.negative
        ],
        "positive": cell.counts["positive"],
        "neutral": cell.counts["neutral"],
        "not_known": cell.counts["not_known"],
    }


@router.get("/equality/cumulative", response={200: CumulativeOut, **ERRORS})
def cumulative(request, query: Query[CumulativeQuery]):
    """Every proposal's impacts by protected characteristic, for a financial year (``fy``;
    blank for the whole programme): each negative cell's proposals and the money behind them
    (each proposal's saving that year, or in all years)."""
    membership = require_membership(request.user)
    fy = None
    if query.fy.strip() and query.fy.strip() != "all":
        try:
            fy = FinancialYear.parse(query.fy)
        except ValueError as error:
            raise ValidationError({"fy": str(error)}) from None
    found = selectors.cumulative_impact(membership=membership, fy=fy)
    return {
        "financial_year": str(fy) if fy else None,
        "proposals": found.count,
        "saving": pounds_string(found.total_pence),
        "assessed": [p.reference for p in found.assessed],
        "awaiting_assessment": [p.reference for p in found.awaiting],
        "characteristics": [
            {
                "characteristic": value,
                "label": label,
                "residents": _cell(cells[Group.RESIDENTS]),
                "staff": _cell(cells[Group.STAFF]),
            }
            for value, label, cells in found.rows
        ],
    }


# --- implications -----------------------------------------------------------------------------


class ImplicationOut(Schema):
    id: int
    area: str
    clearance_required: bool
    text: str
    officer: str | None
    officer_role: str
    cleared: bool
    cleared_on: datetime.date | None
    clearance_note: str
    version: int


class ImplicationsOut(Schema):
    proposal_id: int
    report_title: str
    meeting: str
    final: bool
    implications: list[ImplicationOut]
    missing_clearances: list[str]


def _implication(i) -> dict:
    return {
        "id": i.pk,
        "area": i.area.name,
        "clearance_required": i.area.clearance_required,
        "text": i.text,
        "officer": i.officer.name if i.officer else None,
        "officer_role": i.officer_role,
        "cleared": i.cleared,
        "cleared_on": i.cleared_on,
        "clearance_note": i.clearance_note,
        "version": i.version,
    }


@router.get("/proposals/{proposal_id}/implications", response={200: ImplicationsOut, **ERRORS})
def implications_get(request, proposal_id: RecordId):
    """The proposal's implications, each with its clearance by a named officer on a date, and
    the clearances still missing before the report may be final."""
    membership = require_membership(request.user)
    proposal = selectors.proposal_for(membership=membership, pk=proposal_id)
    detail = selectors.implications_detail(proposal=proposal)
    record = detail["record"]
    return {
        "proposal_id": proposal.pk,
        "report_title": record.report_title if record else "",
        "meeting": record.meeting if record else "",
        "final": bool(record and record.final),
        "implications": [_implication(i) for i in detail["implications"]],
        "missing_clearances": detail["missing"],
    }


class ClearanceIn(Schema):
    cleared_on: datetime.date
    note: str = "Agreed"
    version: StrictInt | None = None


@router.post("/implications/{implication_id}/clearance", response={200: ImplicationOut, **ERRORS})
def implication_clear(request, implication_id: RecordId, payload: ClearanceIn):
    """Clear an implication: only the officer it names, as themselves."""
    membership = require_membership(request.user)
    implication = selectors.implication_get(membership=membership, pk=implication_id)
    check(request.user, "impact.clear_implication", implication)
    cleared = services.implication_clear(
        implication=implication,
        by=request.user,
        cleared_on=payload.cleared_on,
        note=payload.note,
        expected_version=payload.version,
    )
    return _implication(cleared)


# --- consultation, posts and collective consultation -------------------------------------------


class ConsultationOut(Schema):
    id: int
    audience: str
    who: str
    method: str
    started_on: datetime.date | None
    ended_on: datetime.date | None
    responses: int | None
    outcome: str
    you_said: str
    we_did: str


@router.get(
    "/proposals/{proposal_id}/consultations",
    response={200: paged(ConsultationOut, "ConsultationPageOut"), **ERRORS},
)
def consultations(request, proposal_id: RecordId, page: Query[PageIn]):
    """The proposal's consultation log: with whom, when, how many responded, the outcome;
    paged."""
    membership = require_membership(request.user)
    proposal = selectors.proposal_for(membership=membership, pk=proposal_id)
    return page_of(
        selectors.consultations(proposal=proposal),
        page,
        lambda c: {name: getattr(c, name) for name in ConsultationOut.model_fields},
    )


class PostOut(Schema):
    role: str
    grade: str
    establishment: str
    posts: int
    fte: str
    filled: int
    vacant: int
    vacancies_held: int
    voluntary_redundancies: int
    compulsory_redundancies: int
    redeployed: int
    proposed_redundancies: int
    dismissal_on: datetime.date | None
    holders: str | None  # None: the caller may not read the names of post holders


@router.get(
    "/proposals/{proposal_id}/posts", response={200: paged(PostOut, "PostPageOut"), **ERRORS}
)
def posts(request, proposal_id: RecordId, page: Query[PageIn]):
    """The posts the proposal affects; the names of post holders only for those entitled;
    paged."""
    membership = require_membership(request.user)
    proposal = selectors.proposal_for(membership=membership, pk=proposal_id)
    sees = allowed(request.user, "impact.see_post_holders", proposal)

    def out(p) -> dict:
        return {
            **{
                name: getattr(p, name)
                for name in PostOut.model_fields
                if name not in {"fte", "holders"}
            },
            "fte": f"{p.fte:.2f}",
            "holders": p.holders if sees else None,
        }

    return page_of(selectors.posts(proposal=proposal), page, out)


class WindowOut(Schema):
    establishment: str
    redundancies: int
    from_date: datetime.date | None
    to_date: datetime.date | None
    minimum_consultation_days: int  # 0: below the threshold of 20
    consult_by: datetime.date | None
    proposals: list[str]


def _window_out(w) -> dict:
    return {
        "establishment": w.establishment,
        "redundancies": w.count,
        "from_date": w.starts_on,
        "to_date": w.ends_on,
        "minimum_consultation_days": w.days,
        "consult_by": w.consult_by,
        "proposals": w.labels,
    }


@router.get("/collective-consultation", response={200: paged(WindowOut, "WindowPageOut"), **ERRORS})
def collective_consultation(request, page: Query[PageIn]):
    """Each establishment's busiest 90 days of proposed redundancies across the proposals the
    caller may read, and the statutory minimum period of collective consultation they need;
    paged."""
    membership = require_membership(request.user)
    return page_of(selectors.windows(membership=membership), page, _window_out)
