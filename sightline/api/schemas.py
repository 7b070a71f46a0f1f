"""Error bodies shared by every part of the API."""

from typing import Annotated

from ninja import Path, Schema
from pydantic import Field

# The largest record id the API takes: any larger number is no record's id, and is refused
# (422) before the database is asked, whose 64-bit integers it might not fit.
MAX_ID = 10**18 - 1

RecordId = Annotated[int, Path(ge=1, le=MAX_ID, description="The record's id.")]
"""A record's id in an operation's path."""

Ref = Annotated[int, Field(ge=1, le=MAX_ID)]
"""A record's id in a request body or query."""


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
