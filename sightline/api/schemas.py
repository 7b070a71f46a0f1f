"""Error bodies shared by every part of the API."""

from collections.abc import Callable
from typing import Annotated

from django.db.models import QuerySet
from ninja import Path, Schema
from pydantic import Field

# The largest record id the API takes: any larger number is no record's id, and is refused
# (422) before the database is asked, whose 64-bit integers it might not fit.
MAX_ID = 10**18 - 1

RecordId = Annotated[int, Path(ge=1, le=MAX_ID, description="The record's id.")]
"""A record's id in an operation's path."""

Ref = Annotated[int, Field(ge=1, le=MAX_ID)]
"""A record's id in a request body or query."""

FINANCIAL_YEAR_FORMAT = "financial-year"
FinancialYearText = Annotated[
    str,
    Field(
        max_length=20,
        description=(
            "A financial year, from 1 April: 2013/14 (13/14, 2013-14, 2013/2014 and FY2013/14 "
            "are read too)."
        ),
        json_schema_extra={"format": FINANCIAL_YEAR_FORMAT},
    ),
]
"""A financial year sent to the API, documented with its own string format."""


class ErrorOut(Schema):
    detail: str


class InvalidOut(Schema):
    detail: str
    errors: dict[str, list[str]]


ERRORS = {403: ErrorOut, 404: ErrorOut, 422: InvalidOut}


# --- paged lists -----------------------------------------------------------------------------

DEFAULT_LIMIT = 100
MAX_LIMIT = 500


class PageIn(Schema):
    """Which slice of a list to return: ``limit`` items (at most 500) from ``offset``."""

    limit: int = Field(
        DEFAULT_LIMIT,
        ge=1,
        le=MAX_LIMIT,
        description=f"How many items to return: {DEFAULT_LIMIT} unless asked, at most {MAX_LIMIT}.",
    )
    offset: int = Field(0, ge=0, le=MAX_ID, description="How many items to skip from the start.")


def paged(item: type[Schema], name: str) -> type[Schema]:
    """The response of a paged list: ``count`` (every item that matches the filters, counted
    in the database), the ``limit`` and ``offset`` asked for, and this page's ``items``."""
    return type(
        name,
        (Schema,),
        {
            "__annotations__": {
                "count": int,
                "limit": int,
                "offset": int,
                "items": list[item],
            },
            "__doc__": (
                "One page of a list: count is how many items match in all, items those from "
                "offset, at most limit of them."
            ),
        },
    )


def page_body(*, count: int, page: PageIn, items: list) -> dict:
    return {"count": count, "limit": page.limit, "offset": page.offset, "items": items}


def page_of(rows, page: PageIn, out: Callable) -> dict:
    """One page of ``rows``, each given by ``out``: a queryset is counted and sliced in the
    database (ordered by id when it has no order of its own, so pages never overlap), a list
    worked out in Python is sliced as it is."""
    if isinstance(rows, QuerySet):
        if not rows.ordered:
            rows = rows.order_by("pk")
        count = rows.count()
    else:
        rows = list(rows)
        count = len(rows)
    chosen = rows[page.offset : page.offset + page.limit]
    return page_body(count=count, page=page, items=[out(row) for row in chosen])


# --- the refusals every operation documents ------------------------------------------------


def _error(description: str, ref: str = "ErrorOut", headers: dict | None = None) -> dict:
    response = {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{ref}"}}},
    }
    if headers:
        response["headers"] = {
            name: {"description": text, "schema": {"type": kind}}
            for name, (kind, text) in headers.items()
        }
    return response


UNAUTHORISED = _error(
    "No valid token or signed-in session.",
    headers={"WWW-Authenticate": ("string", "How to authenticate: a bearer token.")},
)
LOCKED_OUT = _error(
    "Too many invalid tokens from the caller's address.",
    ref="InvalidOut",
    headers={"Retry-After": ("integer", "Seconds until tokens are taken again.")},
)


def document_refusals(schema: dict) -> dict:
    """Add to each operation of the OpenAPI document the refusals it can answer, one shared
    set of bodies (``ErrorOut``, ``InvalidOut`` naming the field): 401 and 429 where it needs
    authentication, 403 where a role may be refused, 404 where a path names a record, 422
    where it takes parameters or a body, 400 where the body may not be JSON."""
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components.setdefault("ErrorOut", ErrorOut.model_json_schema())
    components.setdefault("InvalidOut", InvalidOut.model_json_schema())
    for methods in schema.get("paths", {}).values():
        for operation in methods.values():
            responses = operation.setdefault("responses", {})
            parameters = operation.get("parameters", [])
            refusals: dict[str, dict] = {}
            if operation.get("security"):
                refusals["401"] = UNAUTHORISED
                refusals["403"] = _error("Your role may not do this.")
                refusals["429"] = LOCKED_OUT
            if any(p.get("in") == "path" for p in parameters):
                refusals["404"] = _error("No such record, or not one you may see.")
            if parameters or "requestBody" in operation:
                refusals["422"] = _error("A field is not valid: errors names it.", "InvalidOut")
            if "requestBody" in operation:
                refusals["400"] = _error("The body is not JSON.")
            for status, response in refusals.items():
                responses.setdefault(status, response)
    return schema
