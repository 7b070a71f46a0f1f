"""The risk register's journey: the programme office reads the demo council's register (seed
001 appendix C), adds a risk with bad scores and is told which, corrects it, lowers its
residual score with a reason, and a viewer reads it."""

import re

import pytest
from django.core.management import call_command

from sightline.risks.models import Risk
from tests.browser.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_risk_is_added_scored_changed_and_read_by_a_viewer(
    live_server, page, screenshot, settings
):
    call_command("load_demo", verbosity=0)
    password = settings.DEMO_PASSWORD
    sign_in(page, live_server, "programme_office", password)
    page.click(".govuk-service-navigation >> text=Risks")
    page.wait_for_url(f"{live_server.url}/risks/")
    first = page.locator("#risks tbody tr").first.inner_text()
    assert first.startswith("12. Climate change") and "9" in first and "8" in first
    assert "14 risks" in page.locator("#risks caption").inner_text()
    screenshot("risk-register")

    page.click("text=Add a risk")
    page.fill("#id_title", "Loss of the shared payroll service")
    page.select_option("#id_initial_likelihood", "3")
    page.select_option("#id_initial_impact", "4")
    page.fill("#id_initial_score", "10")
    page.fill("#id_residual_score", "6")
    page.click("button:text('Add the risk')")
    summary = page.locator(".govuk-error-summary").inner_text()
    assert "The initial score 10 is not likelihood 3 x impact 4 = 12" in summary
    screenshot("risk-add-bad-score")
    assert not Risk.objects.filter(title__startswith="Loss of the shared payroll").exists()
    page.fill("#id_initial_score", "")
    page.fill("#id_controls", "A second supplier on standby.")
    page.click("button:text('Add the risk')")
    page.wait_for_url(re.compile(r"/risks/\d+/$"))
    assert (
        "Risk 15 added to the register" in page.locator(".govuk-notification-banner").inner_text()
    )
    assert "12" in page.locator("#initial").inner_text()

    page.click("text=Change the risk")
    page.fill("#id_residual_score", "4")
    page.fill("#id_reason", "Standby contract signed")
    page.click("button:text('Save the risk')")
    page.wait_for_url(re.compile(r"/risks/\d+/$"))
    assert "The controls take 8 off the initial score." in page.locator("#residual").inner_text()
    assert (
        "Standby contract signed" in page.locator("#history + .sl-table-scroll table").inner_text()
    )
    screenshot("risk-page")
    page.click("text=Sign out")
    page.wait_for_load_state()

    sign_in(page, live_server, "viewer", password)
    page.goto(f"{live_server.url}/risks/?q=payroll")
    assert "15. Loss of the shared payroll service" in page.locator("#risks").inner_text()
    assert page.locator("text=Add a risk").count() == 0
