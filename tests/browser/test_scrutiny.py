"""Issue 18's scrutiny journey on the demo council: a councillor opens a deep dive on a saving
Red since January, asks a question (first leaving it empty), the programme office answers it
on the record, and the councillor calls the saving in; its direction of travel shows with
arrows and words."""

import re

import pytest
from django.core.management import call_command

from tests.browser.conftest import assert_error_page, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_councillor_asks_an_officer_answers_and_the_councillor_calls_in(
    live_server, page, screenshot, settings
):
    call_command("load_demo", verbosity=0)
    sign_in(page, live_server, "councillor", settings.DEMO_PASSWORD)

    # The workspace: the deep dives, what may be called in, the month's direction of travel.
    page.click("nav >> text=Scrutiny")
    page.wait_for_url(f"{live_server.url}/scrutiny/")
    assert page.locator("h1").inner_text() == "Scrutiny"
    candidates = page.locator("#call-in + ul").inner_text()
    assert "CL 01" in candidates and "Red for 3 months running" in candidates
    screenshot("scrutiny-index")

    # A deep dive on the Red saving: its history of RAG moves with arrows and reasons.
    page.click("#call-in + ul >> text=Open a deep dive")
    page.click("button:text('Open the deep dive')")
    page.wait_for_url(re.compile(r"/scrutiny/deep-dives/\d+/$"))
    deep_dive_url = page.url
    assert page.locator("h1").inner_text().startswith("CL 01")
    assert "Red" in page.locator("#movements").inner_text()

    # An empty question is refused with the field named; then the question is logged.
    page.click("button:text('Log the question')")
    page.wait_for_selector(".govuk-error-summary")
    assert_error_page(page)
    assert page.locator(".govuk-error-summary a[href='#id_ask-text']").count() == 1
    screenshot("scrutiny-question-error")
    page.fill("#id_ask-text", "What will replace this saving if it cannot be delivered?")
    page.click("button:text('Log the question')")
    page.wait_for_selector(".govuk-notification-banner")
    assert "Your question is logged." in page.locator(".govuk-notification-banner").inner_text()
    question = page.locator(".govuk-summary-card", has_text="What will replace this saving")
    assert "Awaiting an answer" in question.inner_text()
    assert (
        question.locator(".govuk-summary-card__actions").count() == 0
    )  # a councillor does not answer

    # The programme office answers it on the record.
    page.context.clear_cookies()
    sign_in(page, live_server, "programme_office", settings.DEMO_PASSWORD)
    page.goto(deep_dive_url)
    assert page.locator("button:text('Log the question')").count() == 0
    question = page.locator(".govuk-summary-card", has_text="What will replace this saving")
    question.locator("a:text('Answer')").click()
    page.fill("#id_answer", "A replacement from the library bundle comes to the March meeting.")
    page.click("button:text('Put the answer on the record')")
    page.wait_for_url(deep_dive_url)
    question = page.locator(".govuk-summary-card", has_text="What will replace this saving")
    assert "A replacement from the library bundle" in question.inner_text()
    screenshot("scrutiny-answered")

    # The councillor reads the answer and calls the saving in.
    page.context.clear_cookies()
    sign_in(page, live_server, "councillor", settings.DEMO_PASSWORD)
    page.goto(deep_dive_url)
    question = page.locator(".govuk-summary-card", has_text="What will replace this saving")
    assert "A replacement from the library bundle" in question.inner_text()
    page.fill(
        "#id_call-text", "The board should see the recovery plan in full before the budget is set."
    )
    page.click("button:text('Call it in')")
    page.wait_for_selector(".govuk-notification-banner")
    assert "The call-in is recorded." in page.locator(".govuk-notification-banner").inner_text()
    call_in = page.locator(".govuk-summary-card", has_text="The board should see the recovery plan")
    assert "Call-in" in call_in.inner_text() and "Rated Red for 3 months running." in (
        call_in.inner_text()
    )
    screenshot("scrutiny-called-in")
