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
