"""Issue 4's journey: the owner of an indicator records a quarter's actual with commentary;
a second person approves it; only then does the viewer see it on the indicator page."""

import re

import pytest
from django.core.management import call_command

from sightline.performance.models import Actual, Indicator
from tests.browser.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_out(page):
    page.click("text=Sign out")
    page.wait_for_load_state()


def test_an_actual_is_recorded_approved_by_a_second_person_and_then_shown_to_all(
    live_server, page, screenshot, settings
):
    call_command("load_demo", verbosity=0)
    password = settings.DEMO_PASSWORD
    lbc1 = Indicator.objects.get(council__short_code="lbc", code="LBC 1")
    indicator_url = f"{live_server.url}/indicators/{lbc1.pk}/"

    # The demo editor owns LBC 1 and records Q1 2013/14.
    sign_in(page, live_server, "editor", password)
    page.goto(f"{live_server.url}/indicators/")
    page.click("a:text-is('LBC 1')")
    page.wait_for_url(indicator_url)
    page.click("text=Record an actual")
    assert page.input_value("#id_period") == "Q1 2013/14"
    page.fill("#id_value", "10.5")
    page.click("text=Record the actual")
    summary = page.locator(".govuk-error-summary").inner_text()
    assert "Commentary is required when the actual is Red" in summary
    assert "10.5 days is 2.5 days worse than the target of 8.0 days" in summary
    screenshot("indicator-actual-red-needs-commentary")
    page.fill("#id_value", "8.6")
    page.fill("#id_commentary", "Sickness fell again as long-term cases returned to work.")
    page.click("text=Record the actual")
    page.wait_for_url(re.compile(r"/indicators/\d+/#periods$"))
    assert (
        "Actual for Q1 2013/14 recorded" in page.locator(".govuk-notification-banner").inner_text()
    )
    assert "Awaiting approval" in page.locator("#period-2013-04").inner_text()
    screenshot("indicator-actual-recorded")
    actual = Actual.objects.get(indicator=lbc1, period__year=2013, period__month=4)
    assert actual.status == Actual.Status.DRAFT
    sign_out(page)

    # Before approval, the viewer still sees Q4 2012/13 as the latest figure.
    sign_in(page, live_server, "viewer", password)
    page.goto(indicator_url)
    assert "Latest: Q4 2012/13" in page.locator("#latest").inner_text()
    assert page.locator("#period-2013-04").count() == 0
    sign_out(page)

    # The programme office approves it from the list of actuals awaiting approval.
    sign_in(page, live_server, "programme_office", password)
    page.goto(f"{live_server.url}/indicators/")
    row = page.locator("#awaiting tr", has_text="LBC 1")
    assert "Q1 2013/14" in row.inner_text() and "8.6 days" in row.inner_text()
    screenshot("indicator-awaiting-approval")
    row.get_by_role("button", name=re.compile("Approve")).click()
    page.wait_for_url(re.compile(r"/indicators/#awaiting-approval$"))
    banner = page.locator(".govuk-notification-banner").inner_text()
    assert "LBC 1 actual for Q1 2013/14 approved" in banner
    actual.refresh_from_db()
    assert actual.status == Actual.Status.APPROVED
    assert actual.approved_by.username == "programme_office"
    sign_out(page)

    # Now the viewer sees the approved figure, its RAG and direction in words.
    sign_in(page, live_server, "viewer", password)
    page.goto(indicator_url)
    latest = page.locator("#latest").inner_text()
    assert "Latest: Q1 2013/14" in latest and "8.6 days" in latest
    assert "Amber: 8.6 days is 0.6 days worse than the target of 8.0 days" in latest
    assert "Improving: down from 9.5 days last quarter" in latest
    period = page.locator("#period-2013-04").inner_text()
    assert "Sickness fell again" in period and "Approved" in period
    screenshot("indicator-approved-for-viewer")
