"""The risk register and the API's risks, paged: fifty a page on the register, a hundred (at
most 500) in the API, counted in the database, with the same queries however many risks; and a
risk's history, fifty changes a page, newest first."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sightline.accounts.tests.factories import DirectorateFactory
from sightline.risks.tests.factories import RiskFactory


def queries(client, path):
    with CaptureQueriesContext(connection) as context:
        response = client.get(path)
    assert response.status_code == 200, response.content
    return len(context.captured_queries), response


def test_the_register_shows_fifty_risks_a_page_and_counts_them_all(as_vera, council_a):
    RiskFactory.create_batch(60, council=council_a)
    first = as_vera.get("/risks/").content.decode()
    assert "60 risks" in first and "Showing 1 to 50 of 60 risks." in first
    assert len(re.findall(r'id="risk-\d', first)) == 50
    assert 'href="?page=2" rel="next"' in first
    second = as_vera.get("/risks/?page=2").content.decode()
    assert "Showing 51 to 60 of 60 risks." in second
    assert len(re.findall(r'id="risk-\d', second)) == 10
    assert "Showing 51 to 60 of 60 risks." in as_vera.get("/risks/?page=7").content.decode()


def test_the_pages_follow_the_sort_and_keep_the_filters(as_vera, council_a):
    directorate = DirectorateFactory(council=council_a)
    for number in range(1, 56):
        RiskFactory(council=council_a, number=number, directorate=directorate)
    RiskFactory(council=council_a, number=99)  # another directorate's: filtered out
    query = f"directorate={directorate.pk}&sort=number"
    body = as_vera.get(f"/risks/?{query}").content.decode()
    assert "55 risks matching these filters" in body
    assert f'href="?directorate={directorate.pk}&amp;sort=number&amp;page=2" rel="next"' in body
    second = as_vera.get(f"/risks/?{query}&page=2", HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in second
    numbers = [n for n in range(1, 100) if f'id="risk-{n}"' in second]
    assert numbers == [51, 52, 53, 54, 55]


def test_the_register_takes_the_same_queries_for_5_and_60_risks(as_vera, council_a):
    RiskFactory.create_batch(5, council=council_a)
    few, _ = queries(as_vera, "/risks/")
    RiskFactory.create_batch(55, council=council_a)
    many, response = queries(as_vera, "/risks/")
    assert "Showing 1 to 50 of 60 risks." in response.content.decode()
    assert many == few
    assert queries(as_vera, "/risks/?page=2")[0] == few


# --- the API ---------------------------------------------------------------------------------


def test_the_api_pages_risks_with_limit_and_offset(as_vera, council_a, council_b):
    for number in range(1, 8):
        RiskFactory(council=council_a, number=number)
    RiskFactory(council=council_b)
    body = as_vera.get("/api/v1/risks?sort=number").json()
    assert (body["count"], body["limit"], body["offset"]) == (7, 100, 0)
    assert [r["number"] for r in body["items"]] == [1, 2, 3, 4, 5, 6, 7]
    page = as_vera.get("/api/v1/risks?sort=number&limit=2&offset=3").json()
    assert page["count"] == 7 and [r["number"] for r in page["items"]] == [4, 5]


@pytest.mark.parametrize("limit", ["501", "0", "many"])
def test_the_api_refuses_a_limit_outside_1_to_500_naming_it(as_vera, council_a, limit):
    response = as_vera.get(f"/api/v1/risks?limit={limit}")
    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["limit"]


def test_the_api_takes_the_same_queries_for_5_and_60_risks(as_vera, council_a):
    RiskFactory.create_batch(5, council=council_a)
    few, _ = queries(as_vera, "/api/v1/risks?limit=50")
    RiskFactory.create_batch(55, council=council_a)
    many, response = queries(as_vera, "/api/v1/risks?limit=50")
    assert response.json()["count"] == 60 and len(response.json()["items"]) == 50
    assert many == few


# --- a risk's history ------------------------------------------------------------------------


def change(risk, times):
    for n in range(times):
        risk.title = f"Title {n}"
        risk.save()


def test_a_risks_history_shows_fifty_changes_a_page_newest_first(as_vera, council_a):
    risk = RiskFactory(council=council_a, title="Title")
    change(risk, 59)  # sixty records: created, then 59 changes
    first = as_vera.get(f"/risks/{risk.pk}/").content.decode()
    assert "Showing changes 1 to 50, newest first." in first
    assert first.index("Title 58</li>") < first.index("Title 57</li>")
    assert "Title 9</li>" in first and "Title 8</li>" not in first
    assert 'href="?history=2#history" rel="next"' in first and "Newer changes" not in first
    second = as_vera.get(f"/risks/{risk.pk}/?history=2").content.decode()
    assert "Showing changes 51 to 60, newest first." in second
    assert "Title 8</li>" in second and "Title 9</li>" not in second and "Created" in second
    assert 'href="?history=1#history" rel="prev"' in second and "Older changes" not in second
    past = as_vera.get(f"/risks/{risk.pk}/?history=9").content.decode()
    assert "Showing changes 51 to 60, newest first." in past
    huge = as_vera.get(f"/risks/{risk.pk}/?history=99999999999999999999").content.decode()
    assert "Showing changes 51 to 60, newest first." in huge


def test_a_short_history_shows_no_pages(as_vera, council_a):
    risk = RiskFactory(council=council_a)
    change(risk, 3)
    body = as_vera.get(f"/risks/{risk.pk}/").content.decode()
    assert "Showing changes" not in body and "Older changes" not in body


def test_a_risks_page_takes_the_same_queries_for_5_and_60_changes(as_vera, council_a):
    risk = RiskFactory(council=council_a)
    change(risk, 4)
    few, _ = queries(as_vera, f"/risks/{risk.pk}/")
    change(risk, 55)
    many, response = queries(as_vera, f"/risks/{risk.pk}/")
    assert "Showing changes 1 to 50" in response.content.decode()
    assert many == few
    assert queries(as_vera, f"/risks/{risk.pk}/?history=2")[0] == few
