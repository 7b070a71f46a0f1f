"""Issue 3's journey: a project lead creates a proposal with a profile, is refused initiation,
adds a finance lead, moves on; an approver approves; the dashboard's approved total moves."""

import re

import pytest
from django.core.management import call_command

from sightline.accounts.models import Membership
from sightline.core.fiscal import FinancialYear
from sightline.core.money import format_m
from sightline.savings.selectors import programme_summary
from tests.browser.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def approved_on_dashboard(page, live_server) -> str:
    page.goto(f"{live_server.url}/programme/?fy=2013/14")
    return page.locator("#figure-approved").inner_text()


def test_a_proposal_goes_from_idea_to_approved_and_the_dashboard_moves(
    live_server, page, screenshot, settings
):
    call_command("load_demo", verbosity=0)
    password = settings.DEMO_PASSWORD
    viewer = Membership.objects.get(user__username="viewer")
    before = programme_summary(membership=viewer, fy=FinancialYear(2013)).totals.approved

    # The project lead creates the proposal and its savings profile.
    sign_in(page, live_server, "editor", password)
    page.goto(f"{live_server.url}/programme/proposals/new/")
    page.fill("#id_reference", "CEX 05 / 13-14")
    page.fill("#id_title", "Shared legal services with neighbouring councils")
    page.select_option("#id_savings_type", label="Efficiency")
    page.select_option("#id_directorate", label="Chief Executive's Department")
    page.click("text=Create and add savings")
    page.wait_for_url(re.compile(r"/savings/$"))
    page.fill("#id_lines-0-fy", "13/14")
    page.fill("#id_lines-0-amount", "£24.5k")
    page.click("text=Save the savings profile")
    page.wait_for_url(re.compile(r"/programme/proposals/\d+/$"))
    assert "£24,500" in page.locator("#profile").inner_text()

    # Initiation is refused, saying exactly what is missing.
    page.check("#to-initiation")
    page.click("text=Move the proposal")
    banner = page.locator(".govuk-error-summary").inner_text()
    assert (
        "it needs a sponsor, a project manager, an indicative budget code and a finance lead"
        in banner
    )
    screenshot("journey-gate-refused")

    # The lead adds the sponsor, project manager, budget code and finance lead, and moves on.
    page.click("text=Edit the proposal")
    page.select_option("#id_sponsor", label="Trevor Holden, Chief Executive")
    page.select_option("#id_project_manager", label="Demo Project Lead, Demo editor login")
    page.select_option("#id_finance_lead", label="Finance and Airport Client Manager")
    page.check("text=CEX-0001 Chief Executive's Department base budget")
    page.fill("#id_reason", "Resources agreed at CLMT")
    page.click("text=Save changes")
    page.check("#to-initiation")
    page.click("text=Move the proposal")
    assert "Moved to initiation" in page.locator(".govuk-notification-banner").inner_text()
    proposal_url = page.url.split("#")[0]

    page.goto(proposal_url + "decision/")
    page.select_option("#id_to", label="Submitted")
    page.click("text=Record the decision")
    page.locator(".govuk-notification-banner").wait_for()

    # The director of the department approves it for the Executive.
    page.click("text=Sign out")
    sign_in(page, live_server, "director", password)
    assert approved_on_dashboard(page, live_server) == format_m(before)
    page.goto(proposal_url + "decision/")
    page.select_option("#id_to", label="Approved")
    page.select_option("#id_body", label="Executive")
    page.fill("#decided_on_day", "4")
    page.fill("#decided_on_month", "3")
    page.fill("#decided_on_year", "2013")
    page.fill("#id_reference", "Executive 4 March 2013")
    page.click("text=Record the decision")
    page.locator(".govuk-notification-banner").wait_for()
    screenshot("journey-approved")

    after = approved_on_dashboard(page, live_server)
    assert after == format_m(before + 2_450_000)
    assert after != format_m(before)
    screenshot("journey-dashboard")
