"""Equality, implications and the risk register's heat map, through the browser, on the demo
councils: the heat map of Luton's fourteen risks (given only scores, so counted by score and
never placed on the grid), placed once a review gives a risk its likelihood and impact; the
Tower Hamlets screening's outcome and its assessment; the cumulative impact of 2021/22; the
Executive report's clearances; and an officer clearing an implication as themselves."""

import re

import pytest
from django.core.management import call_command

from sightline.impact.models import Implication
from sightline.savings.models import Proposal
from tests.browser.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _sign_out(page):
    page.click("text=Sign out")
    page.wait_for_load_state()


def test_the_heat_map_counts_lutons_risks_and_places_one_once_reviewed(
    live_server, page, screenshot, settings
):
    call_command("load_demo", verbosity=0)
    sign_in(page, live_server, "programme_office", settings.DEMO_PASSWORD)
    page.goto(f"{live_server.url}/risks/")
    page.click("text=See the risks on a heat map")
    page.wait_for_url(f"{live_server.url}/risks/heat-map/")
    chart = page.locator("#heat-map svg")
    assert "Scored without a likelihood and an impact (14 risks)" in chart.inner_html()
    assert "No risk here gives a likelihood and an impact" in chart.inner_html()
    assert "14 open risks" in page.locator("#heat-risks caption").inner_text()
    scores = page.locator("#heat-scores").inner_text()
    assert "9 High" in scores and "6: risk 2, risk 3, risk 4, risk 5, risk 6, risk 12" in scores
    screenshot("heat-map-luton")

    # A review gives risk 5 its likelihood and impact: it is placed on the grid.
    page.goto(f"{live_server.url}/risks/")
    page.click("text=5. Failure to keep to approved budget")
    page.click("text=Record a review")
    page.fill("#reviewed_on_day", "1")
    page.fill("#reviewed_on_month", "6")
    page.fill("#reviewed_on_year", "2013")
    page.fill("#id_note", "Likelihood and impact agreed at the review.")
    page.select_option("#id_initial_likelihood", "3")
    page.select_option("#id_initial_impact", "3")
    page.fill("#id_initial_score", "")
    page.select_option("#id_residual_likelihood", "2")
    page.select_option("#id_residual_impact", "3")
    page.fill("#id_residual_score", "")
    page.click("button:text('Record the review')")
    page.wait_for_url(re.compile(r"/risks/\d+/$"))
    assert "(unchanged)" in page.locator("#review-history").inner_text()
    page.goto(f"{live_server.url}/risks/heat-map/")
    svg = page.locator("#heat-map svg").inner_html()
    assert "Initial 1" in svg and "Residual 1" in svg and "(13 risks)" in svg
    assert "3 x 3 = 9" in page.locator("#heat-risk-5").inner_text()
    screenshot("heat-map-after-review")


def test_screening_assessment_cumulative_impact_and_clearances(
    live_server, page, screenshot, settings
):
    call_command("load_demo", verbosity=0)
    password = settings.DEMO_PASSWORD
    th = Proposal.objects.get(reference="SAV / RES 002 / 21-22")

    sign_in(page, live_server, "th_programme_office", password)
    page.goto(f"{live_server.url}/impact/proposals/{th.pk}/screening/")
    outcome = page.locator("#outcome").inner_text()
    assert "Full equality assessment required" in outcome
    assert "Does the change involve a reduction in staff?" in outcome
    assert "The vast majority of staff impacted by this proposal are female" in outcome
    assert "This proposal cannot be approved" in page.locator("#gate").inner_text()
    screenshot("equality-screening")
    page.click("#main-content nav >> text=Equality assessment")
    assert "Negative" in page.locator("#impact-sex").inner_text()
    screenshot("equality-assessment")
    page.goto(f"{live_server.url}/impact/cumulative/?fy=2021/22")
    cell = page.locator("#cell-staff-sex").inner_text()
    assert "1 proposal, £553,000" in cell and "SAV / RES 002 / 21-22" in cell
    screenshot("cumulative-impact")
    _sign_out(page)

    # Luton: the Executive report's clearances, each by its officer on its date.
    cex = Proposal.objects.get(reference="CEX 01")
    sign_in(page, live_server, "viewer", password)
    page.goto(f"{live_server.url}/impact/proposals/{cex.pk}/implications/")
    table = page.locator("#implications").inner_text()
    for words in (
        "Brenda Vale, on 7 February 2013",
        "Sandra Legate, Equality and Diversity Policy Manager, on 11 February 2013",
        "Finance and Airport Client Manager, on 14 February 2013",
        "Strategy & Sustainability Manager, on 13 February 2013",
        "Chimeme Egbutah, Advanced Health Improvement Specialist, on 6 February 2013",
    ):
        assert words in table
    assert "Final" in page.locator("#report-status").inner_text()
    screenshot("implications-clearances")
    _sign_out(page)

    # The programme office names Sandra Legate for CEX 04's equalities implications; she
    # clears them herself.
    cex4 = Proposal.objects.get(reference="CEX 04")
    sign_in(page, live_server, "programme_office", password)
    page.goto(f"{live_server.url}/impact/proposals/{cex4.pk}/implications/edit/")
    page.fill("#id_a3", "An integrated impact assessment will be made of the restructure.")
    page.select_option(
        "#id_a3_officer", label="Sandra Legate, Equality and Diversity Policy Manager"
    )
    page.fill("#id_a3_role", "Equality and Diversity Policy Manager")
    page.click("button:text('Save the implications')")
    page.wait_for_url(re.compile(r"/implications/$"))
    assert "Awaiting clearance" in page.locator("#implications").inner_text()
    page.click("button:text('Mark the report final')")
    assert "not yet cleared by Sandra Legate" in page.locator(".govuk-error-summary").inner_text()
    _sign_out(page)

    sign_in(page, live_server, "sandra_legate", password)
    page.goto(f"{live_server.url}/impact/proposals/{cex4.pk}/implications/")
    page.click("text=Clear it")
    page.fill("#cleared_on_day", "1")
    page.fill("#cleared_on_month", "3")
    page.fill("#cleared_on_year", "2013")
    screenshot("implication-clear")
    page.click("button:text('Clear the implications')")
    page.wait_for_url(re.compile(r"/implications/$"))
    assert "Sandra Legate, Equality and Diversity Policy Manager, on 1 March 2013" in (
        page.locator("#implications").inner_text()
    )
    cleared = Implication.objects.get(proposal=cex4, area__number=3)
    assert cleared.cleared_by.username == "sandra_legate"
