"""The risk register in the JSON API: the register, one risk, adding and changing a risk, its
reviews, and the heat map's cells.

An interface only: reads go through ``sightline.risks.selectors`` (scoped to the caller's
council); before acting, each write asks the same rule as the pages
(``sightline.risks.permissions``), and goes through ``sightline.risks.services``, which asks
it again.
"""

from __future__ import annotations

import datetime
from typing import Literal

from django.core.exceptions import ValidationError
from ninja import Query, Router, Schema, Status
from pydantic import StrictInt

from sightline.accounts.permissions import check, require_membership
from sightline.api.schemas import ERRORS, PageIn, RecordId, Ref, page_body, page_of, paged
from sightline.risks import selectors, services
from sightline.risks.models import Risk

router = Router(tags=["risk register"])

PAGE_PATH = "/risks/{pk}/"


class RiskOut(Schema):
    id: int
    url: str
    number: int
    title: str
    description: str
    directorate: str | None
    directorate_id: int | None
    owner: str | None
    owner_id: int | None
    priority: str | None
    priority_id: int | None
    initial_likelihood: int | None
    initial_impact: int | None
    initial_score: int | None  # None: a risk rated by its RAG each quarter
    controls: str
    residual_likelihood: int | None
    residual_impact: int | None
    residual_score: int | None
    further_actions: str
    target_score: int | None
    appetite_score: int | None
    above_appetite: bool | None
    proposal_ids: list[int]  # only the proposals the caller may read
    bundle_ids: list[int]
    review_on: datetime.date | None
    closed_on: datetime.date | None
    closed_reason: str
    version: int


class RiskFilters(Schema):
    q: str = ""
    directorate: Ref | None = None
    closed: bool = False
    sort: Literal["residual", "initial", "number", "review"] = "residual"


class RiskIn(Schema):
    """A risk's fields. On a change, send only those that change and the ``version`` read."""

    title: str | None = None
    description: str | None = None
    directorate_id: Ref | None = None
    owner_id: Ref | None = None
    priority_id: Ref | None = None
    initial_likelihood: StrictInt | None = None
    initial_impact: StrictInt | None = None
    initial_score: StrictInt | None = None
    controls: str | None = None
    residual_likelihood: StrictInt | None = None
    residual_impact: StrictInt | None = None
    residual_score: StrictInt | None = None
    further_actions: str | None = None
    target_score: StrictInt | None = None
    appetite_score: StrictInt | None = None
    review_on: datetime.date | None = None
    version: StrictInt | None = None
    reason: str = ""


def _out(risk: Risk, membership) -> dict:
    if not hasattr(risk, "visible_proposals"):
        selectors.attach_links([risk], membership=membership)
    return {
        "id": risk.pk,
        "url": PAGE_PATH.format(pk=risk.pk),
        **{
            name: getattr(risk, name)
            for name in (
                "number",
                "title",
                "description",
                "directorate_id",
                "owner_id",
                "priority_id",
                "initial_likelihood",
                "initial_impact",
                "initial_score",
                "controls",
                "residual_likelihood",
                "residual_impact",
                "residual_score",
                "further_actions",
                "target_score",
                "appetite_score",
                "above_appetite",
                "review_on",
                "closed_on",
                "closed_reason",
                "version",
            )
        },
        "directorate": risk.directorate.name if risk.directorate else None,
        "owner": risk.owner.name if risk.owner else None,
        "priority": str(risk.priority) if risk.priority else None,
        "proposal_ids": [p.pk for p in risk.visible_proposals],
        "bundle_ids": [b.pk for b in risk.linked_bundles],
    }


LINKS = {"directorate_id": "directorates", "owner_id": "people", "priority_id": "priorities"}


def _data(membership, payload: RiskIn) -> dict:
    """The fields sent, with ids turned into the council's own records (another council's
    id is refused by name)."""
    sent = payload.dict(exclude_unset=True)
    sent.pop("version", None)
    sent.pop("reason", None)
    found = selectors.choices(membership=membership)
    data, errors = {}, {}
    for name, value in sent.items():
        if name in LINKS:
            field = name.removesuffix("_id")
            if value is None:
                data[field] = None
            else:
                record = found[LINKS[name]].filter(pk=value).first()
                if record is None:
                    errors[name] = f"No {field} {value} in your council."
                data[field] = record
        elif value is None and name in {"title", "description", "controls", "further_actions"}:
            data[name] = ""
        else:
            data[name] = value
    if errors:
        raise ValidationError(errors)
    return data


RiskPageOut = paged(RiskOut, "RiskPageOut")


@router.get("/risks", response={200: RiskPageOut, **ERRORS})
def risk_list(request, filters: Query[RiskFilters], page: Query[PageIn]):
    """The council's risk register: open risks (``closed=true`` for closed ones), highest
    residual score first unless ``sort`` says otherwise; ``q`` searches the title and
    controls, ``directorate`` is a directorate's id.

    Paged: ``count`` risks match; ``items`` holds at most ``limit`` of them (100 unless
    asked, at most 500) from ``offset``."""
    membership = require_membership(request.user)
    directorate = None
    if filters.directorate is not None:
        directorate = (
            selectors.choices(membership=membership)["directorates"]
            .filter(pk=filters.directorate)
            .first()
        )
        if directorate is None:
            raise ValidationError({"directorate": "No such directorate in your council."})
    risks = selectors.risk_list(
        membership=membership,
        q=filters.q,
        directorate=directorate,
        closed=filters.closed,
        sort=filters.sort,
    )
    chosen = list(risks[page.offset : page.offset + page.limit])
    items = [_out(r, membership) for r in selectors.attach_links(chosen, membership=membership)]
    return page_body(count=risks.count(), page=page, items=items)


class HeatCellOut(Schema):
    likelihood: int | None  # None: risks the register gives only a score
    impact: int | None
    score: int
    band: str
    initial: list[int]  # the risks' numbers at this position before the existing controls
    residual: list[int]  # and with them


class HeatMapOut(Schema):
    grid: list[HeatCellOut]
    scored_only: list[HeatCellOut]
    rated_by_rag: list[int]


def _cell(cell) -> dict:
    return {
        "likelihood": cell.likelihood,
        "impact": cell.impact,
        "score": cell.score,
        "band": cell.band,
        "initial": [r.number for r in cell.initial],
        "residual": [r.number for r in cell.residual],
    }


# Declared before "/risks/{risk_id}", so that its path is not read as a risk's id.
@router.get("/risks/heat-map", response={200: HeatMapOut, **ERRORS})
def risk_heat_map(request):
    """The open risks on the 5 x 5 heat map: each cell that holds a risk (likelihood, impact,
    score and band, and the numbers of the risks at their initial and residual positions);
    the risks the register gives only a score, by score; and those rated by RAG alone."""
    membership = require_membership(request.user)
    grid, scores, unrated = selectors.heat_cells(selectors.heat_map_risks(membership=membership))
    return {
        "grid": [_cell(c) for c in grid],
        "scored_only": [_cell(c) for c in scores],
        "rated_by_rag": [r.number for r in unrated],
    }


@router.get("/risks/{risk_id}", response={200: RiskOut, **ERRORS})
def risk_get(request, risk_id: RecordId):
    membership = require_membership(request.user)
    return _out(selectors.risk_get(membership=membership, pk=risk_id), membership)


@router.post("/risks", response={201: RiskOut, **ERRORS})
def risk_create(request, payload: RiskIn):
    """Add a risk (programme office; a director for their own directorate). Give each score,
    or its likelihood and impact (1 to 5 each) and the score is their product."""
    membership = check(request.user, "risks.add_risk")
    risk = services.risk_save(
        by=request.user, data=_data(membership, payload), reason=payload.reason
    )
    return Status(201, _out(selectors.risk_get(membership=membership, pk=risk.pk), membership))


@router.patch("/risks/{risk_id}", response={200: RiskOut, **ERRORS})
def risk_update(request, risk_id: RecordId, payload: RiskIn):
    """Change a risk: send the fields that change and the ``version`` you read; an edit made
    against an older version is refused (422: changed by someone else)."""
    membership = require_membership(request.user)
    risk = selectors.risk_get(membership=membership, pk=risk_id)
    check(request.user, "risks.change_risk", risk)
    services.risk_save(
        by=request.user,
        risk=risk,
        data=_data(membership, payload),
        expected_version=payload.version,
        reason=payload.reason,
    )
    return _out(selectors.risk_get(membership=membership, pk=risk_id), membership)


# --- the heat map and reviews ------------------------------------------------------------------


class ReviewOut(Schema):
    id: int
    reviewed_on: datetime.date
    initial_before: int | None
    residual_before: int | None
    initial_likelihood: int | None
    initial_impact: int | None
    initial_score: int | None
    residual_likelihood: int | None
    residual_impact: int | None
    residual_score: int | None
    target_score: int | None
    note: str
    next_review_on: datetime.date | None
    recorded_by: str


class ReviewIn(Schema):
    """A review: its date and what it found; the scores it leaves (those not sent stay as
    they are); the next review; and the ``version`` of the risk you read."""

    reviewed_on: datetime.date
    note: str
    initial_likelihood: StrictInt | None = None
    initial_impact: StrictInt | None = None
    initial_score: StrictInt | None = None
    residual_likelihood: StrictInt | None = None
    residual_impact: StrictInt | None = None
    residual_score: StrictInt | None = None
    target_score: StrictInt | None = None
    next_review_on: datetime.date | None = None
    version: StrictInt | None = None


def _review_out(review) -> dict:
    by = review.created_by
    return {
        **{name: getattr(review, name) for name in ReviewOut.model_fields if hasattr(review, name)},
        "recorded_by": (by.get_full_name() or by.get_username()) if by else "",
    }


@router.get("/risks/{risk_id}/reviews", response={200: paged(ReviewOut, "ReviewPageOut"), **ERRORS})
def risk_review_list(request, risk_id: RecordId, page: Query[PageIn]):
    """The risk's reviews, newest first, each with the scores before and after; paged."""
    membership = require_membership(request.user)
    risk = selectors.risk_get(membership=membership, pk=risk_id)
    return page_of(selectors.risk_reviews(risk=risk), page, _review_out)


@router.post("/risks/{risk_id}/reviews", response={201: ReviewOut, **ERRORS})
def risk_review_create(request, risk_id: RecordId, payload: ReviewIn):
    """Record a review (the risk's managers): the scores are checked as any change is."""
    membership = require_membership(request.user)
    risk = selectors.risk_get(membership=membership, pk=risk_id)
    check(request.user, "risks.review_risk", risk)
    sent = payload.dict(exclude_unset=True)
    data = {name: sent[name] for name in services.REVIEW_FIELDS if name in sent}
    review = services.risk_review(
        by=request.user,
        risk=risk,
        reviewed_on=payload.reviewed_on,
        note=payload.note,
        data=data,
        next_review_on=payload.next_review_on,
        expected_version=payload.version,
    )
    return Status(201, _review_out(review))
