"""Issue 17's journey: finance opens the demo council's medium-term financial plan (Luton
Borough Council's Corporate Plan tables, Luton Together Phase 2's cycle), reads the gap and its
chart, changes an assumption and sees the gap move, compares the scenarios, reads the budget
cycle and the programme dashboard's place in it, and downloads the plan as a PDF, rendered to
PNG pages to look at."""

import re
import shutil
import subprocess

import pytest
from django.core.management import call_command

from tests.browser.conftest import SCREENSHOTS, assert_error_page, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_finance_reads_the_plan_moves_its_gap_and_prints_it(
    live_server, page, screenshot, settings
):
    call_command("load_demo", verbosity=0)
    sign_in(page, live_server, "finance", settings.DEMO_PASSWORD)

    # The plan and its gap, with its chart.
    page.goto(f"{live_server.url}/finance/")
    assert page.locator("h1").inner_text() == "Medium Term Financial Plan 2013/14 to 2015/16"
    assert page.locator("#required-2013").inner_text() == "£18.00m"
    assert page.locator("#figure-remaining-2013").inner_text() == "£7.92m"
    chart = page.locator("#gap-chart svg")
    assert chart.get_attribute("role") == "img"
    assert "2014/15: Savings to find £18.00m" in chart.locator("desc").text_content()
    screenshot("financial-plan")
    chart.screenshot(path=str(SCREENSHOTS / "financial-plan-gap-chart.png"))

    # The budget tables: the Corporate Plan's figures, computed shares, capital balanced.
    page.click("nav[aria-label='Financial plan'] >> text=Revenue budget and capital programme")
    page.wait_for_url(f"{live_server.url}/finance/budget/")
    assert "£518.07m" in page.locator("#service-expenditure").inner_text()
    assert "£480.08m" in page.locator("#revenue-total").inner_text()
    assert "£156.86m" in page.locator("#capital-financing-total").inner_text()
    assert "Balanced" in page.locator("#capital-balance").inner_text()
    screenshot("financial-plan-budget")

    # A deeper grant cut in 2015/16 on the base scenario: the gap moves.
    page.goto(f"{live_server.url}/finance/scenarios/")
    page.click("#compare-required >> text=Base")
    page.wait_for_url(re.compile(r"/finance/scenarios/\d+/$"))
    assert "-£11.30m (-17.7%)" in page.locator("#largest-change").inner_text()
    screenshot("financial-plan-scenario")
    page.click("#cell-rsg-2015 >> text=Change")
    page.fill("#id_amount_pence", "")
    page.fill("#id_amount_pence", "lots")
    page.click("button:text('Save the figure')")
    assert_error_page(page)
    assert page.locator(".govuk-error-summary a[href='#id_amount_pence']").count() == 1
    screenshot("financial-plan-assumption-error")
    page.fill("#id_amount_pence", "£41.66m")
    page.fill("#id_basis", "A 20.7% cut in 2015/16")
    page.fill("#id_reason", "Spending review")
    page.click("button:text('Save the figure')")
    page.wait_for_url(re.compile(r"/finance/scenarios/\d+/$"))
    assert page.locator("#required-2015").inner_text() == "£17.00m"
    page.goto(f"{live_server.url}/finance/")
    assert page.locator("#required-2015").inner_text() == "£17.00m"

    # The scenarios side by side.
    page.goto(f"{live_server.url}/finance/scenarios/")
    rows = page.locator("#compare-required tbody tr")
    assert rows.count() == 3
    assert "£53.00m" in rows.first.inner_text()  # the base's three years, now
    screenshot("financial-plan-scenarios")

    # The budget cycle, and the programme dashboard's place in it.
    page.goto(f"{live_server.url}/finance/cycle/")
    assert "Monthly reporting" in page.locator("#cycle-now").inner_text()
    assert "Cycle repeats for 2015/16" in page.locator("#cycle-next").inner_text()
    screenshot("budget-cycle")
    page.goto(f"{live_server.url}/programme/?fy=2013/14")
    assert "Due next" in page.locator("#budget-cycle-now").inner_text()
    screenshot("programme-dashboard-cycle")

    # The plan as a PDF, its pages rendered to PNG to look at.
    response = page.request.get(f"{live_server.url}/finance/plan.pdf")
    assert response.ok and response.headers["content-type"] == "application/pdf"
    pdf = SCREENSHOTS / "financial-plan.pdf"
    pdf.write_bytes(response.body())
    if shutil.which("pdftoppm"):
        subprocess.run(
            ["pdftoppm", "-png", "-r", "70", str(pdf), str(SCREENSHOTS / "financial-plan-pdf")],
            check=True,
        )
        assert (SCREENSHOTS / "financial-plan-pdf-1.png").exists()
