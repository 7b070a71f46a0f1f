"""The public read-only API: a council's published tables as open data, without a login.

``GET /api/v1/public/{council}/tables`` lists them; ``GET /api/v1/public/{council}/tables/
{table}`` gives one, with its metadata (publisher, the Open Government Licence v3.0, each
column's name, type, meaning and unit) and its rows: the same figures as the public pages and
their CSV and JSON downloads (``sightline.public.opendata``), never anything exempt. A council
that does not publish answers 404. Money is given in pounds as strings with two decimals."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from ninja import Path, Router, Schema
from pydantic import Field

from sightline.api.schemas import ErrorOut, InvalidOut
from sightline.public import opendata, selectors

router = Router(tags=["public"], auth=None)

Slug = Field(..., min_length=1, max_length=40, pattern=r"^[-a-zA-Z0-9_]+$")


class LicenceOut(Schema):
    name: str
    url: str


class OpenDataColumnOut(Schema):
    name: str
    type: str = Field(description="text, decimal, integer, date or boolean")
    meaning: str
    unit: str


class TableLinkOut(Schema):
    table: str = Field(description="The table's name, e.g. savings-2013-14.")
    title: str
    financial_year: str | None
    csv: str
    json_url: str = Field(alias="json")


class TablesOut(Schema):
    publisher: str
    licence: LicenceOut
    tables: list[TableLinkOut]


class TableOut(Schema):
    publisher: str
    table: str
    title: str
    description: str
    licence: LicenceOut
    columns: list[OpenDataColumnOut]
    rows: list[dict[str, str | int | bool | None]]


class CouncilPath(Schema):
    council: str = Slug


class TablePath(Schema):
    council: str = Slug
    table: str = Field(..., min_length=1, max_length=60, pattern=r"^[-a-z0-9]+$")


@router.get(
    "/public/{council}/tables",
    response={200: TablesOut, 404: ErrorOut, 422: InvalidOut},
    by_alias=True,
    summary="A council's open data tables",
)
def public_tables(request: HttpRequest, path: Path[CouncilPath]):
    """Every table the council publishes, with the addresses of its CSV and JSON files."""
    council, settings = selectors.public_council(path.council)
    slug = selectors.public_slug(council)
    return {
        "publisher": council.name,
        "licence": opendata.LICENCE,
        "tables": [
            {
                "table": name,
                "title": table.title,
                "financial_year": str(fy) if fy else None,
                "csv": reverse("public:download_csv", kwargs={"council": slug, "name": name}),
                "json": reverse("public:download_json", kwargs={"council": slug, "name": name}),
            }
            for table, name, fy in opendata.available(council, settings)
        ],
    }


@router.get(
    "/public/{council}/tables/{table}",
    response={200: TableOut, 404: ErrorOut, 422: InvalidOut},
    summary="One open data table",
)
def public_table(request: HttpRequest, path: Path[TablePath]):
    """One table (e.g. ``savings-2013-14``, ``budget-gap``, ``indicators``): its metadata and
    rows."""
    council, settings = selectors.public_council(path.council)
    found = opendata.dataset(council, settings, path.table)
    return {**opendata.metadata(found), "rows": found.rows}
