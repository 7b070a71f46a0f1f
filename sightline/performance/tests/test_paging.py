"""The indicator list and the API's indicators, paged: fifty a page on the list, a hundred (at
most 500) in the API, counted in the database, with the same queries however many indicators."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sightline.performance import selectors
from sightline.performance.models import Indicator
from sightline.performance.tests.factories import (
    Q1_13,
    ActualFactory,
    IndicatorFactory,
    TargetFactory,
)

D = Decimal
Q2_13 = datetime.date(2013, 7, 1)


def add(council, owner, approver, count, *, value=D("72")):
    """``count`` indicators, each with a target of 80, an approved actual and a draft."""
    for _ in range(count):
        indicator = IndicatorFactory(council=council, owner=owner)
        TargetFactory(indicator=indicator)
        ActualFactory(indicator=indicator, value=value, approved_by=approver)
        ActualFactory(indicator=indicator, period=Q2_13, status="draft", approved_at=None)


def queries(client, path):
    with CaptureQueriesContext(connection) as context:
        response = client.get(path)
    assert response.status_code == 200, response.content
    return len(context.captured_queries), response


# --- the list page ---------------------------------------------------------------------------


def test_the_list_shows_fifty_indicators_a_page_and_counts_them_all(as_vera, council_a, eve, fiona):
    add(council_a, eve.person, fiona, 60)
    first = as_vera.get("/indicators/").content.decode()
    assert "60 indicators: the latest actual against its target" in first
    assert "Showing 1 to 50 of 60 indicators." in first
    assert first.count('<tr class="govuk-table__row">') == 51  # the heading row and fifty
    assert 'href="?page=2" rel="next"' in first
    second = as_vera.get("/indicators/?page=2").content.decode()
    assert "Showing 51 to 60 of 60 indicators." in second
    assert second.count('<tr class="govuk-table__row">') == 11
    assert 'href="?page=1" rel="prev"' in second


def test_the_pages_keep_the_codes_order_people_read(as_vera, council_a):
    for code in ["NI 111", "NI 19", "LBC 4", "NI 2"] + [f"ZZ {n}" for n in range(50)]:
        IndicatorFactory(council=council_a, code=code)
    body = as_vera.get("/indicators/").content.decode()
    assert body.index(">LBC 4<") < body.index(">NI 2<") < body.index(">NI 19<")
    assert body.index(">NI 19<") < body.index(">NI 111<")
    assert ">ZZ 45<" in body and ">ZZ 46<" not in body
    assert ">ZZ 46<" in as_vera.get("/indicators/?page=2").content.decode()


def test_a_page_past_the_last_or_not_a_number_shows_the_last_or_the_first(
    as_vera, council_a, eve, fiona
):
    add(council_a, eve.person, fiona, 55)
    assert "Showing 51 to 55 of 55" in as_vera.get("/indicators/?page=99").content.decode()
    assert "Showing 1 to 50 of 55" in as_vera.get("/indicators/?page=x").content.decode()


def test_the_page_links_keep_the_filters(as_vera, council_a, eve, fiona):
    add(council_a, eve.person, fiona, 52)  # 72 against 80: Red
    add(council_a, eve.person, fiona, 3, value=D("90"))  # Green
    body = as_vera.get("/indicators/?rag=red").content.decode()
    assert "52 indicators matching these filters" in body
    assert "Showing 1 to 50 of 52 indicators." in body
    assert 'href="?rag=red&amp;page=2" rel="next"' in body
    htmx = as_vera.get("/indicators/?rag=red&page=2", headers={"HX-Request": "true"})
    assert "Showing 51 to 52 of 52 indicators." in htmx.content.decode()
    green = as_vera.get("/indicators/?rag=green").content.decode()
    assert "3 indicators matching these filters" in green and "Showing" not in green


def test_the_list_takes_the_same_queries_for_5_and_60_indicators_on_any_page(
    as_alice, council_a, eve, fiona
):
    add(council_a, eve.person, fiona, 5)
    few, _ = queries(as_alice, "/indicators/")
    filtered, _ = queries(as_alice, "/indicators/?rag=red")
    add(council_a, eve.person, fiona, 55)
    many, response = queries(as_alice, "/indicators/")
    assert "Showing 1 to 50 of 60" in response.content.decode()
    assert many == few
    assert queries(as_alice, "/indicators/?page=2")[0] == few
    assert queries(as_alice, "/indicators/?rag=red")[0] == filtered


# --- the quarterly performance report --------------------------------------------------------

REPORT = "/reports/performance/?fy=2013/14&quarter=4"


def test_the_quarterly_report_shows_fifty_indicator_lines_a_page_and_counts_them_all(
    as_vera, council_a, eve, fiona
):
    add(council_a, eve.person, fiona, 60)  # 72 against 80: every one Red
    first = as_vera.get(REPORT).content.decode()
    assert "<strong>60</strong> Red" in first  # the counts are of every indicator
    assert "Showing 1 to 50 of 60 indicator lines." in first
    assert _charts(first) == 50  # a trend is drawn only when shown
    assert 'href="?fy=2013%2F14&amp;quarter=4&amp;page=2" rel="next"' in first
    assert first.count("No commentary") == 60  # every Red indicator among the exceptions
    second = as_vera.get(REPORT + "&page=2").content.decode()
    assert "Showing 51 to 60 of 60 indicator lines." in second
    # The exceptions and late actions are on the first page only, and linked from the others.
    assert "No commentary" not in second and ">Actions late or delayed<" not in second
    assert 'href="?fy=2013%2F14&amp;quarter=4#exceptions">the first page</a>' in second
    assert _charts(second) == 10
    shown = {code for body in (first, second) for code in _codes(body)}
    assert shown == set(Indicator.objects.filter(council=council_a).values_list("code", flat=True))


def _charts(body: str) -> int:
    return body.split('id="indicators"')[1].count("sl-chart-sparkline")


def _codes(body: str) -> list[str]:
    part = body.split('id="indicators"')[1]
    return [chunk.split("</a>")[0].split(">")[-1] for chunk in part.split('href="/indicators/')[1:]]


def test_the_quarterly_report_takes_the_same_queries_for_5_and_60_indicators_on_any_page(
    as_alice, council_a, eve, fiona
):
    add(council_a, eve.person, fiona, 5)
    few, _ = queries(as_alice, REPORT)
    add(council_a, eve.person, fiona, 55)
    many, response = queries(as_alice, REPORT)
    assert "Showing 1 to 50 of 60" in response.content.decode()
    assert many == few
    assert queries(as_alice, REPORT + "&page=2")[0] == few


# --- the RAG filter, read in the database ----------------------------------------------------


def test_the_rag_filter_agrees_with_the_rag_every_page_shows(vera, council_a, eve, fiona):
    """Boundaries included: a shortfall equal to the tolerance is Amber, in exact decimals
    (96.1 against 96.3 within 0.2), and lower-is-better indicators are the mirror image."""
    cases = [
        (Indicator.Polarity.HIGHER, "80", "5", "80"),  # green: meets it
        (Indicator.Polarity.HIGHER, "80", "5", "75"),  # amber: short by the tolerance
        (Indicator.Polarity.HIGHER, "80", "5", "74.99"),  # red
        (Indicator.Polarity.HIGHER, "96.3", "0.2", "96.1"),  # amber
        (Indicator.Polarity.LOWER, "8", "1.5", "9.5"),  # amber
        (Indicator.Polarity.LOWER, "8", "1.5", "7"),  # green
        (Indicator.Polarity.LOWER, "8", "1.5", "9.51"),  # red
    ]
    for polarity, target, tolerance, value in cases:
        indicator = IndicatorFactory(
            council=council_a, polarity=polarity, amber_tolerance=D(tolerance), owner=eve.person
        )
        TargetFactory(indicator=indicator, value=D(target))
        ActualFactory(indicator=indicator, value=D(value), approved_by=fiona)
    later = IndicatorFactory(council=council_a)  # a later target does not rate an earlier actual
    TargetFactory(indicator=later, period=Q2_13, value=D("10"))
    ActualFactory(indicator=later, period=Q1_13, value=D("90"), approved_by=fiona)
    IndicatorFactory(council=council_a)  # no actual: not rated
    membership = vera.membership
    table = selectors.indicator_table(membership=membership)
    for rag in ["green", "amber", "red", "unrated"]:
        expected = [r.indicator.pk for r in table if (r.rag or "unrated") == rag]
        assert selectors.indicator_order(membership=membership, rag=rag) == expected, rag
    counts = {
        rag: len(selectors.indicator_order(membership=membership, rag=rag))
        for rag in ["green", "amber", "red", "unrated"]
    }
    assert counts == {"green": 2, "amber": 3, "red": 2, "unrated": 2}


def test_a_draft_rates_the_indicator_only_for_those_who_see_it(vera, alice, council_a, fiona):
    indicator = IndicatorFactory(council=council_a)
    TargetFactory(indicator=indicator, value=D("80"))
    ActualFactory(indicator=indicator, value=D("60"), approved_by=fiona)
    ActualFactory(indicator=indicator, period=Q2_13, value=D("90"), status="draft")
    assert selectors.indicator_order(membership=vera.membership, rag="red") == [indicator.pk]
    assert selectors.indicator_order(membership=alice.membership, rag="green") == [indicator.pk]


# --- the API ---------------------------------------------------------------------------------


def test_the_api_pages_indicators_with_limit_and_offset(as_vera, council_a, eve, fiona):
    add(council_a, eve.person, fiona, 7)
    body = as_vera.get("/api/v1/indicators").json()
    assert (body["count"], body["limit"], body["offset"], len(body["items"])) == (7, 100, 0, 7)
    codes = [row["code"] for row in body["items"]]
    page = as_vera.get("/api/v1/indicators?limit=3&offset=5").json()
    assert (page["count"], page["limit"], page["offset"]) == (7, 3, 5)
    assert [row["code"] for row in page["items"]] == codes[5:]
    past = as_vera.get("/api/v1/indicators?offset=50").json()
    assert past["count"] == 7 and past["items"] == []


@pytest.mark.parametrize(
    ("query", "field"), [("limit=501", "limit"), ("limit=0", "limit"), ("offset=-1", "offset")]
)
def test_the_api_refuses_a_limit_over_500_naming_it(as_vera, council_a, query, field):
    response = as_vera.get(f"/api/v1/indicators?{query}")
    assert response.status_code == 422
    body = response.json()
    assert list(body["errors"]) == [field] and body["detail"].startswith(f"{field}: ")


def test_the_api_takes_the_same_queries_for_5_and_60_indicators(as_alice, council_a, eve, fiona):
    add(council_a, eve.person, fiona, 5)
    few, _ = queries(as_alice, "/api/v1/indicators?limit=50")
    filtered, _ = queries(as_alice, "/api/v1/indicators?limit=50&rag=red")
    add(council_a, eve.person, fiona, 55)
    many, response = queries(as_alice, "/api/v1/indicators?limit=50")
    assert response.json()["count"] == 60 and len(response.json()["items"]) == 50
    assert many == few
    assert queries(as_alice, "/api/v1/indicators?limit=50&rag=red")[0] == filtered
