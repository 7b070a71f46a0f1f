"""Closing a month, on a page that shows what is outstanding and what closing does."""

import datetime
from types import SimpleNamespace

import pytest

from sightline.savings import selectors, services
from sightline.savings.models import Period
from sightline.savings.tests.round_helpers import FY13, live_saving


@pytest.fixture
def month(council_a, alice, eve):
    forecast = live_saving(council_a, lead=eve.person, reference="SAV 1")
    missing = live_saving(council_a, lead=eve.person, reference="SAV 2", title="Not yet forecast")
    june = services.period_open(council=council_a, month=datetime.date(2013, 6, 1), by=alice)
    services.forecast_record(
        proposal=forecast, period=june, fy=FY13, forecast_pence=9_000_000, rag="green", by=eve
    )
    return SimpleNamespace(june=june, missing=missing, url=f"/programme/periods/{june.pk}/close/")


def test_the_page_shows_what_is_outstanding_and_what_closing_does(as_alice, month):
    body = as_alice.get(month.url).content.decode()
    assert "1 live saving</strong> still without a forecast for June 2013: 1 of 2 years" in body
    assert "Not yet forecast" in body
    assert "kept exactly as it stands now" in body and "cannot be reopened" in body
    assert "Close the month with 1 saving still without a forecast" in body
    assert not Period.objects.get(pk=month.june.pk).is_closed  # looking closes nothing


def test_closing_with_savings_outstanding_needs_the_tick(as_alice, alice, month):
    response = as_alice.post(month.url, {})
    body = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Close June 2013" in body
    assert '<a href="#id_outstanding">Tick to confirm you are closing the month' in body
    assert not Period.objects.get(pk=month.june.pk).is_closed
    response = as_alice.post(month.url, {"outstanding": "on"})
    assert (
        response.status_code == 302
        and response["Location"] == f"/programme/periods/{month.june.pk}/"
    )
    period = Period.objects.get(pk=month.june.pk)
    assert period.is_closed and period.closed_by == alice
    assert [r["reference"] for r in period.report["rows"]] == ["SAV 1"]
    assert period.report == selectors.monitoring_report(period=period, as_of=period.closed_at)


def test_a_month_with_nothing_outstanding_closes_without_a_tick(as_alice, alice, eve, month):
    services.forecast_record(
        proposal=month.missing, period=month.june, fy=FY13, forecast_pence=1, rag="green", by=eve
    )
    body = as_alice.get(month.url).content.decode()
    assert "Every live saving has its forecast for June 2013" in body
    assert 'name="outstanding"' not in body
    assert as_alice.post(month.url).status_code == 302
    assert Period.objects.get(pk=month.june.pk).is_closed


def test_the_month_page_links_to_the_confirmation_page_rather_than_closing(as_alice, month):
    body = as_alice.get(f"/programme/periods/{month.june.pk}/").content.decode()
    assert f'href="/programme/periods/{month.june.pk}/close/">Close June 2013</a>' in body
    assert f'action="/programme/periods/{month.june.pk}/close/"' not in body


def test_a_closed_month_cannot_be_closed_again(as_alice, alice, month):
    services.period_close(period=month.june, by=alice)
    response = as_alice.get(month.url, follow=True)
    assert "June 2013 is already closed" in response.content.decode()
    closed_at = Period.objects.get(pk=month.june.pk).closed_at
    as_alice.post(month.url, {"outstanding": "on"})
    assert Period.objects.get(pk=month.june.pk).closed_at == closed_at


# --- the doors ------------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_sign_in(public, month):
    for response in (public.get(month.url), public.post(month.url)):
        assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_another_councils_month_is_not_found(as_bob, month):
    assert as_bob.get(month.url).status_code == 404
    assert as_bob.post(month.url, {"outstanding": "on"}).status_code == 404


def test_an_editor_is_refused_with_the_rules_words_and_offered_no_form(as_eve, month):
    for response in (as_eve.get(month.url), as_eve.post(month.url, {"outstanding": "on"})):
        body = response.content.decode()
        assert response.status_code == 403
        assert (
            "You cannot close a monitoring period: only the programme office can, and your role "
            "is editor." in body
        )
        assert "Close June 2013</button>" not in body
    assert not Period.objects.get(pk=month.june.pk).is_closed
    page = as_eve.get(f"/programme/periods/{month.june.pk}/").content.decode()
    assert "/close/" not in page


def test_the_page_takes_only_get_and_post(as_alice, month):
    assert as_alice.put(month.url).status_code == 405
    assert as_alice.delete(month.url).status_code == 405


def test_the_page_lists_the_outstanding_lists_first_page_and_links_to_the_rest(
    as_alice, council_a, eve, month, monkeypatch
):
    """A county's month may have 1,600 years to forecast: the page lists a page of them and
    links each lead, and the rest, to the outstanding list."""
    from sightline.savings.views import monitoring

    monkeypatch.setattr(monitoring, "OUTSTANDING_PAGE_SIZE", 1)
    live_saving(council_a, lead=eve.person, reference="SAV 3", title="Also not forecast")
    body = as_alice.get(month.url).content.decode()
    assert "2 live savings</strong> still without a forecast for June 2013" in body
    assert ("Not yet forecast" in body) != ("Also not forecast" in body)  # one of the two
    outstanding = f"/programme/periods/{month.june.pk}/outstanding/"
    assert f'And 1 more year to forecast: <a class="govuk-link" href="{outstanding}?page=2">' in (
        body
    )
    assert f'href="{outstanding}?page=1#lead-' in body


def test_the_months_report_shows_its_lines_a_page_at_a_time(as_alice, eve, month, monkeypatch):
    from sightline.savings.views import monitoring

    monkeypatch.setattr(monitoring, "REPORT_PAGE_SIZE", 1)
    services.forecast_record(
        proposal=month.missing,
        period=month.june,
        fy=FY13,
        forecast_pence=1_000_000,
        rag="amber",
        commentary="Late",
        by=eve,
    )
    url = f"/programme/periods/{month.june.pk}/"
    first, second = (as_alice.get(url + query).content.decode() for query in ("", "?page=2"))
    assert "Showing 1 to 1 of 2 lines." in first and 'href="?page=2" rel="next"' in first
    assert "Showing 2 to 2 of 2 lines." in second
    assert ("SAV 1</a>" in first) != ("SAV 1</a>" in second)
    assert ("SAV 2</a>" in first) != ("SAV 2</a>" in second)
