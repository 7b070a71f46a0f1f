"""Issue 19's simulator journey: a resident (no login) opens Luton's 2014/15 budget
simulator, generated from the demo programme and financial plan, moves a service's slider and
sees the totals move, removes a saving, checks the budget and sends it; the programme office
sends the results to the proposals; the proposal's consultation record shows them. The same
form works with JavaScript off."""

import re

import pytest
from django.core.management import call_command

from sightline.savings.models import Proposal
from sightline.simulator.models import Simulation, Submission
from tests.browser.conftest import SCREENSHOTS, assert_error_page, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _figure(page, name: str) -> str:
    return page.locator(f'#sl-sim-summary [data-sl-sim="{name}"]').inner_text()


def test_a_resident_balances_the_budget_and_the_proposal_hears_of_it(
    live_server, browser, page, screenshot, settings
):
    settings.SIMULATOR_MIN_SECONDS = 0
    call_command("load_demo", verbosity=0)
    simulation = Simulation.objects.get(council__short_code="lbc")
    before = simulation.submissions.count()
    page.set_viewport_size({"width": 1280, "height": 900})

    # The council's simulators, then Luton's 2014/15 one.
    page.goto(f"{live_server.url}/c/lbc/budget-simulator/")
    page.click(f"text={simulation.title}")
    page.wait_for_url(f"{live_server.url}/c/lbc/budget-simulator/2014-15/")
    assert page.locator("h1").inner_text() == simulation.title
    assert _figure(page, "gap") == "£18,000,000"
    start_total = _figure(page, "total")
    screenshot("budget-simulator-1280")

    # A slider (added by the static script) moves the number box and the totals, live.
    education = page.locator(".sl-sim-service").first
    slider = education.locator("input.sl-sim-slider")
    slider.fill("-5")
    assert education.locator("input[type=number]").input_value() == "-5"
    assert _figure(page, "services") == "£12,831,000"  # 5% of £256.62m
    assert _figure(page, "total") != start_total
    # Remove a saving, choose a council tax rise.
    option = page.locator(".sl-sim-option").first
    option.locator("input[value=remove]").check()
    page.fill("#id_tax", "1.99")
    assert _figure(page, "tax") == "£1,064,650"  # 1.99% of £53.5m
    verdict = page.locator('#sl-sim-summary [data-sl-sim="verdict"]').inner_text()
    assert verdict.startswith("Your budget closes the gap")

    # The server agrees when asked.
    page.click("button:text('Check my budget')")
    assert "Your budget closes the gap" in page.locator(".govuk-notification-banner").inner_text()
    assert page.locator("#id_tax").input_value() == "1.99"
    option.locator("summary").click()  # the comment box is behind "Comment on ..."
    option.locator("textarea").fill("Keep the evening buses")
    page.click("button:text('Send my budget')")
    page.wait_for_url(re.compile(r"/thanks/$"))
    assert "Thank you" in page.locator("h1").inner_text()
    assert simulation.submissions.count() == before + 1
    saved = Submission.objects.latest("id")
    assert saved.tax_hundredths == 199 and not saved.illustrative
    first = simulation.options.first()
    assert saved.options.get(option=first).keep is False

    # On a phone.
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"{live_server.url}/c/lbc/budget-simulator/{simulation.year_slug}/")
    page.locator(".sl-sim-service").first.locator("input.sl-sim-slider").fill("-3")
    screenshot("budget-simulator-375")
    # Scrolled into the services, the bar at the foot of the screen keeps the total in sight.
    page.locator(".sl-sim-service").nth(2).scroll_into_view_if_needed()
    bar = page.locator(".sl-sim-bar-mobile")
    assert bar.is_visible() and "Your total" in bar.inner_text()
    page.screenshot(path=str(SCREENSHOTS / "budget-simulator-375-scrolled.png"))

    # The programme office reads the results and sends them to the proposals.
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, live_server, "programme_office", settings.DEMO_PASSWORD)
    page.goto(f"{live_server.url}/simulator/")
    page.click(f"text={simulation.title}")
    assert f"{before + 1} responses" in page.locator("main").inner_text()
    screenshot("budget-simulator-results")
    page.click("button:text('Send results to proposals')")
    assert "Results sent" in page.locator(".govuk-notification-banner").inner_text()

    # The proposal's consultation record shows them.
    proposal = Proposal.objects.get(pk=first.proposal_id)
    page.goto(f"{live_server.url}/impact/proposals/{proposal.pk}/consultations/")
    log = page.locator("#consultations").inner_text()
    assert f"{before + 1} responses" in log and "would keep this saving" in log
    assert "Resident budget simulator" in log
    screenshot("budget-simulator-consultation-record")


def test_the_simulator_works_without_javascript(live_server, browser, settings):
    settings.SIMULATOR_MIN_SECONDS = 0
    call_command("load_demo", verbosity=0)
    simulation = Simulation.objects.get(council__short_code="lbc")
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/c/lbc/budget-simulator/{simulation.year_slug}/")
    assert page.locator("input.sl-sim-slider").count() == 0  # no script, no sliders
    service = simulation.services.first()
    page.fill(f"#id_service_{service.pk}", "-50")
    page.click("button:text('Check my budget')")
    assert_error_page(page)
    assert page.locator(f".govuk-error-summary a[href='#id_service_{service.pk}']").count() == 1
    page.fill(f"#id_service_{service.pk}", "-10")
    page.fill("#id_tax", "1.99")
    page.click("button:text('Check my budget')")
    banner = page.locator(".govuk-notification-banner").inner_text()
    assert "closes the gap" in banner or "short of closing the gap" in banner
    page.screenshot(path=str(SCREENSHOTS / "budget-simulator-no-js.png"), full_page=True)
    context.close()
