"""The tracker's totals summed and counted in the database, and the API's proposals paged."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sightline.core.fiscal import FinancialYear
from sightline.savings import selectors
from sightline.savings.models import DecisionStatus, Stage
from sightline.savings.tests.factories import (
    ProgrammeYearFactory,
    ProposalFactory,
    SavingLineFactory,
)

FY13, FY14 = FinancialYear(2013), FinancialYear(2014)


def add(council, count, **fields):
    for _ in range(count):
        proposal = ProposalFactory(council=council, **fields)
        SavingLineFactory(proposal=proposal, fy=FY13, amount_pence=1_000_000)
        SavingLineFactory(proposal=proposal, fy=FY14, amount_pence=7)


@pytest.fixture
def mixed(council_a):
    ProgrammeYearFactory(council=council_a, fy=FY13)
    add(council_a, 2, stage=Stage.LIVE, decision_status=DecisionStatus.APPROVED)
    add(council_a, 3)  # ideas
    add(council_a, 1, stage=Stage.WITHDRAWN, decision_status=DecisionStatus.APPROVED)
    add(council_a, 1, stage=Stage.FAILED)
    add(council_a, 1, decision_status=DecisionStatus.REJECTED)
    ProposalFactory(council=council_a)  # no saving at all
    ProposalFactory(council=council_a, exempt=True, exempt_paragraphs="1")  # £0, exempt
    return council_a


@pytest.mark.parametrize(
    "filters", [{}, {"stage": Stage.LIVE}, {"rag": "unrated", "sort": "rag"}, {"q": "nothing"}]
)
def test_the_database_totals_are_the_sums_of_the_rows(mixed, alice, filters):
    rows = selectors.tracker_rows(membership=alice.membership, fy=FY13, filters=filters)
    with CaptureQueriesContext(connection) as context:
        totals = selectors.tracker_totals(rows)
    assert len(context.captured_queries) == 1
    assert totals == selectors.tracker_totals(list(rows))


def test_the_totals_count_only_active_proposals_and_what_the_reader_may_see(mixed, alice, vera):
    everything = selectors.tracker_rows(membership=alice.membership, fy=FY13)
    assert selectors.tracker_totals(everything) == {
        "planned": 5_000_000,
        "approved": 2_000_000,
        "count": 10,
    }
    visible = selectors.tracker_rows(membership=vera.membership, fy=FY13)
    assert selectors.tracker_totals(visible)["count"] == 9


def test_the_tracker_takes_the_same_queries_for_5_and_120_proposals(as_alice, council_a):
    ProgrammeYearFactory(council=council_a, fy=FY13)

    def queries(path):
        with CaptureQueriesContext(connection) as context:
            response = as_alice.get(path)
        assert response.status_code == 200
        return len(context.captured_queries), response.content.decode()

    add(council_a, 5)
    few, _ = queries("/programme/tracker/?fy=2013/14")
    add(council_a, 115)
    many, body = queries("/programme/tracker/?fy=2013/14")
    assert "120 proposals" in body and "Showing 1 to 100 of 120 proposals." in body
    assert '<strong id="tracker-planned">£1,200,000</strong>' in body
    assert many == few
    assert queries("/programme/tracker/?fy=2013/14&page=2")[0] == few


# --- the API ---------------------------------------------------------------------------------


def test_the_api_pages_proposals_with_limit_and_offset(as_alice, council_a):
    ProgrammeYearFactory(council=council_a, fy=FY13)
    add(council_a, 7)
    body = as_alice.get("/api/v1/proposals?fy=2013/14").json()
    assert (body["count"], body["limit"], body["offset"], len(body["items"])) == (7, 100, 0, 7)
    references = [row["reference"] for row in body["items"]]
    page = as_alice.get("/api/v1/proposals?fy=2013/14&limit=2&offset=2").json()
    assert (page["count"], page["limit"], page["offset"]) == (7, 2, 2)
    assert [row["reference"] for row in page["items"]] == references[2:4]
    refused = as_alice.get("/api/v1/proposals?limit=1000")
    assert refused.status_code == 422 and list(refused.json()["errors"]) == ["limit"]
    assert "less than or equal to 500" in refused.json()["detail"]


def test_the_api_takes_the_same_queries_for_5_and_60_proposals(as_alice, council_a):
    ProgrammeYearFactory(council=council_a, fy=FY13)

    def queries():
        with CaptureQueriesContext(connection) as context:
            response = as_alice.get("/api/v1/proposals?fy=2013/14&limit=50")
        assert response.status_code == 200
        return len(context.captured_queries), response.json()

    add(council_a, 5)
    few, _ = queries()
    add(council_a, 55)
    many, body = queries()
    assert body["count"] == 60 and len(body["items"]) == 50
    assert many == few


def test_the_openapi_document_describes_the_paged_lists(public, db):
    document = public.get("/api/v1/openapi.json").json()
    schemas = document["components"]["schemas"]
    for name, item in [
        ("TrackerPageOut", "TrackerRowOut"),
        ("RiskPageOut", "RiskOut"),
        ("IndicatorPageOut", "IndicatorSummaryOut"),
    ]:
        assert set(schemas[name]["properties"]) == {"count", "limit", "offset", "items"}
        assert schemas[name]["properties"]["items"]["items"]["$ref"].endswith(item)
    parameters = {p["name"]: p for p in document["paths"]["/api/v1/proposals"]["get"]["parameters"]}
    assert parameters["limit"]["schema"]["maximum"] == 500
    assert parameters["limit"]["schema"]["default"] == 100
