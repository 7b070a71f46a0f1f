"""Open data: CSV and JSON of each public table under the Open Government Licence, formula
inert, with a dictionary; and the public read-only API."""

from __future__ import annotations

import csv
import io
import json

import pytest

from sightline.public.models import PublicSettings
from sightline.savings.models import DecisionStatus, Stage
from sightline.savings.tests.factories import ProposalFactory, SavingLineFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def saving(council_a):
    PublicSettings.objects.create(council=council_a, published=True)
    proposal = ProposalFactory(
        council=council_a,
        reference="SAV 1",
        title='=HYPERLINK("http://evil")',
        stage=Stage.LIVE,
        decision_status=DecisionStatus.APPROVED,
    )
    SavingLineFactory(proposal=proposal, amount_pence=-12_345)  # invest to save: £-123.45
    return proposal


def test_the_savings_csv_is_formula_inert_with_money_in_pounds(public, saving):
    response = public.get("/c/arden/data/savings-2013-14.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0]["title"] == '\'=HYPERLINK("http://evil")'
    assert rows[0]["planned_saving"] == "-123.45"  # a number stays a number
    assert rows[0]["financial_year"] == "2013/14"


def test_the_json_names_its_licence_and_columns(public, saving):
    data = json.loads(public.get("/c/arden/data/savings-2013-14.json").content)
    assert data["licence"]["name"] == "Open Government Licence v3.0"
    assert data["publisher"] == "Arden District Council"
    assert {"name", "type", "meaning", "unit"} <= set(data["columns"][0])
    planned = next(c for c in data["columns"] if c["name"] == "planned_saving")
    assert planned["type"] == "decimal" and "pounds" in planned["unit"]
    assert data["rows"][0]["planned_saving"] == "-123.45"


def test_the_data_page_lists_stable_addresses_and_the_licence(public, saving):
    text = public.get("/c/arden/data/").content.decode()
    assert "/c/arden/data/savings-2013-14.csv" in text
    assert "Open Government Licence v3.0" in text
    dictionary = public.get("/c/arden/data/dictionary/").content.decode()
    assert "planned_saving" in dictionary and "pounds" in dictionary


def test_the_public_api_lists_and_gives_tables_without_a_login(public, saving):
    listed = public.get("/api/v1/public/arden/tables")
    assert listed.status_code == 200
    names = [t["table"] for t in listed.json()["tables"]]
    assert "savings-2013-14" in names and "budget-gap" in names
    table = public.get("/api/v1/public/arden/tables/savings-2013-14").json()
    assert table["licence"]["name"] == "Open Government Licence v3.0"
    assert table["rows"][0]["reference"] == "SAV 1"
    assert public.get("/api/v1/public/arden/tables/nothing").status_code == 404
    assert public.get("/api/v1/public/nowhere/tables").status_code == 404


def test_the_public_api_is_in_the_openapi_document(public):
    spec = public.get("/api/v1/openapi.json").json()
    assert "/api/v1/public/{council}/tables/{table}" in spec["paths"]
    operation = spec["paths"]["/api/v1/public/{council}/tables"]["get"]
    assert not operation.get("security")


def test_the_savings_totals_csv_gives_each_directorate_the_unnamed_line_and_all(
    public, saving, council_a
):
    from sightline.public.models import ExemptTotals

    PublicSettings.objects.filter(council=council_a).update(exempt_totals=ExemptTotals.ONE_LINE)
    secret = ProposalFactory(
        council=council_a,
        stage=Stage.LIVE,
        decision_status=DecisionStatus.APPROVED,
        exempt=True,
        exempt_paragraphs="1",
    )
    SavingLineFactory(proposal=secret, amount_pence=55_300_000)
    response = public.get("/c/arden/data/savings-totals-2013-14.csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [(r["directorate"], r["savings"], r["planned_saving"]) for r in rows] == [
        (saving.directorate.name, "1", "-123.45"),
        ("Not yet published", "1", "553000.00"),
        ("All", "2", "552876.55"),
    ]
