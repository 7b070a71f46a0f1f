"""The risk register in the JSON API: the register, one risk, adding and changing a risk.

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

from sightline.accounts.permissions import check, require_membership
from sightline.api.schemas import ERRORS, RecordId, Ref
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
    initial_score: int
    controls: str
    residual_likelihood: int | None
    residual_impact: int | None
    residual_score: int
    further_actions: str
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
    initial_likelihood: int | None = None
    initial_impact: int | None = None
    initial_score: int | None = None
    controls: str | None = None
    residual_likelihood: int | None = None
    residual_impact: int | None = None
    residual_score: int | None = None
    further_actions: str | None = None
    review_on: datetime.date | None = None
    version: int | None = None
    reason: str = ""


def _out(risk: Risk) -> dict:
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
                "review_on",
                "closed_on",
                "closed_reason",
                "version",
            )
        },
        "directorate": risk.directorate.name if risk.directorate else None,
        "owner": risk.owner.name if risk.owner else None,
        "priority": str(risk.priority) if risk.priority else None,
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


@router.get("/risks", response={200: list[RiskOut], **ERRORS})
def risk_list(request, filters: Query[RiskFilters]):
    """The council's risk register: open risks (``closed=true`` for closed ones), highest
    residual score first unless ``sort`` says otherwise; ``q`` searches the title and
    controls, ``directorate`` is a directorate's id."""
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
    return [_out(r) for r in risks]


@router.get("/risks/{risk_id}", response={200: RiskOut, **ERRORS})
def risk_get(request, risk_id: RecordId):
    membership = require_membership(request.user)
    return _out(selectors.risk_get(membership=membership, pk=risk_id))


@router.post("/risks", response={201: RiskOut, **ERRORS})
def risk_create(request, payload: RiskIn):
    """Add a risk (programme office; a director for their own directorate). Give each score,
    or its likelihood and impact (1 to 5 each) and the score is their product."""
    membership = check(request.user, "risks.add_risk")
    risk = services.risk_save(
        by=request.user, data=_data(membership, payload), reason=payload.reason
    )
    return Status(201, _out(selectors.risk_get(membership=membership, pk=risk.pk)))


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
    return _out(selectors.risk_get(membership=membership, pk=risk_id))
