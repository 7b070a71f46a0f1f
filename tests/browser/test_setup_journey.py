"""A new council sets itself up without a developer: the operator runs ``create_council``,
and its programme office sets a password with the link it prints, then, in the browser, adds
its directorates, a bundle with a 2026/27 target and two budget codes with their budgets, sees
them counted on the set-up index, uploads its savings table as its committee paper printed it
(a column per year in £'000, savings in brackets, subtotal rows), reads the preview's totals
and warnings, confirms, and finds the same totals on the programme dashboard. No shell after
``create_council``."""

import re
from io import StringIO
from pathlib import Path

import pytest
import time_machine
from django.core.management import call_command

from sightline.accounts.models import Council, Directorate
from sightline.core.fiscal import FinancialYear
from sightline.core.money import format_m
from sightline.savings.models import BudgetCode, Bundle, Proposal
from tests.browser.conftest import assert_error_page, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a long password for Sefton"
TABLE = (
    Path(__file__).parents[2] / "sightline/savings/tests/fixtures/committee_savings_thousands.csv"
)


def _add(page, live_server, slug: str, fields: dict[str, str], button: str) -> None:
    page.goto(f"{live_server.url}/setup/{slug}/")
    page.click("main a.govuk-button")
    for selector, value in fields.items():
        page.fill(selector, value)
    page.click(f"button:text('{button}')")
    page.wait_for_url(re.compile(rf"/setup/{slug}/\d+/$"))


def test_a_new_council_sets_itself_up_in_the_browser(
    live_server, page, screenshot, settings, tmp_path
):
    settings.SITE_URL = live_server.url
    settings.SIGHTLINE_IMPORTS_DIR = tmp_path
    # The set-up forms offer last year to four years ahead: 2026/27 is this year.
    with time_machine.travel("2026-12-04 10:00 +00:00", tick=True):
        out = StringIO()
        call_command(
            "create_council", "sefton", name="Sefton Council", admin="sefton_po", stdout=out
        )
        assert Council.objects.get().name == "Sefton Council"
        link = re.search(r"http\S+/password-reset/\S+/", out.getvalue()).group(0)

        # The programme office sets its password with the printed link, then signs in.
        page.goto(link)
        page.fill("#id_new_password1", PASSWORD)
        page.fill("#id_new_password2", PASSWORD)
        page.click("button:text('Set password')")
        page.wait_for_load_state()
        sign_in(page, live_server, "sefton_po", PASSWORD)
        page.goto(f"{live_server.url}/setup/")
        missing = page.locator("#missing-list").inner_text()
        assert "No budget codes yet: proposals cannot pass their first gate." in missing
        assert "No directorates yet" in missing and "No savings types yet" not in missing
        screenshot("setup-index-new-council")

        # Its directorates.
        for name in ("Corporate Services", "Adult Social Care", "Children's Services", "Place"):
            _add(page, live_server, "directorates", {"#id_name": name}, "Add the directorate")
        assert "Directorate Place added." in page.locator("main").inner_text()
        page.goto(f"{live_server.url}/setup/directorates/")
        assert "4 directorates" in page.locator("#records caption").inner_text()
        screenshot("setup-directorates")

        # A bundle with a 2026/27 target: first as enabling, which is refused by name.
        page.goto(f"{live_server.url}/setup/bundles/new/")
        page.fill("#id_name", "Customer access")
        page.fill("#id_vision", "One front door for every resident.")
        page.check("#id_enabling")
        page.fill("#id_target_2026", "£1.2m")
        page.click("button:text('Add the bundle')")
        assert_error_page(page)
        summary = page.locator(".govuk-error-summary").inner_text()
        assert "An enabling bundle has no target" in summary
        screenshot("setup-bundle-error")
        page.uncheck("#id_enabling")
        page.click("button:text('Add the bundle')")
        page.wait_for_url(re.compile(r"/setup/bundles/\d+/$"))
        assert "£1,200,000" in page.locator("#years").inner_text()
        page.goto(f"{live_server.url}/setup/bundles/")
        assert "2026/27: £1,200,000" in page.locator("#records").inner_text()
        screenshot("setup-bundles")

        # Two budget codes with their budgets by year.
        directorate = Directorate.objects.get(name="Corporate Services")
        _add(
            page,
            live_server,
            "budget-codes",
            {"#id_code": "CS100", "#id_name": "Executive support", "#id_budget_2026": "450,000"},
            "Add the budget code",
        )
        page.goto(f"{live_server.url}/setup/budget-codes/new/")
        page.fill("#id_code", "CS200")
        page.fill("#id_name", "Customer services")
        page.select_option("#id_directorate", str(directorate.pk))
        page.fill("#id_budget_2026", "1,957,000")
        page.fill("#id_budget_2027", "1,800,000")
        page.click("button:text('Add the budget code')")
        page.wait_for_url(re.compile(r"/setup/budget-codes/\d+/$"))
        screenshot("setup-budget-code")
        page.goto(f"{live_server.url}/setup/budget-codes/")
        assert "2 budget codes" in page.locator("#records caption").inner_text()
        screenshot("setup-budget-codes")
        code = BudgetCode.objects.get(code="CS200")
        assert code.current_budget_pence == 180_000_000
        assert code.budget_fy == FinancialYear(2027)
        assert code.directorate == directorate

        # The set-up index counts them, and no longer says they are missing.
        page.goto(f"{live_server.url}/setup/")
        assert "4 directorates" in page.locator("#task-directorates").inner_text()
        assert "1 bundle" in page.locator("#task-bundles").inner_text()
        assert "2 budget codes" in page.locator("#task-budget-codes").inner_text()
        assert "No budget codes yet" not in page.locator("main").inner_text()
        screenshot("setup-index")

        for slug in ("savings-types", "people", "portfolios", "service-areas"):
            page.goto(f"{live_server.url}/setup/{slug}/")
            screenshot(f"setup-{slug}")
        page.goto(f"{live_server.url}/setup/logins/")
        assert "sefton_po" in page.locator("#logins").inner_text()
        screenshot("setup-logins")
        page.goto(f"{live_server.url}/setup/logins/new/")
        screenshot("setup-login-invite")

        # Its savings table, as the committee paper printed it, through the preview.
        page.goto(f"{live_server.url}/programme/?fy=2026/27")
        assert page.locator("#figure-planned").inner_text() == "£0.00m"
        page.goto(f"{live_server.url}/imports/")
        page.check("text=Savings tracker")
        page.set_input_files("#id_file", str(TABLE))
        page.click("button:text('Upload and check')")
        page.wait_for_url(re.compile(r"/imports/\d+/$"))
        page.select_option("#id_savings_type", label="Efficiency")
        page.click("button:text('Read the table again')")
        page.wait_for_url(re.compile(r"/imports/\d+/#summary$"))
        totals = page.locator("#totals").inner_text()
        assert "2026/27\t£4,107,567" in totals and "2027/28\t£1,800,000" in totals
        warnings = page.locator("#warnings").inner_text()
        assert "read in thousands of pounds (£'000)" in warnings
        assert "Row 14 is a subtotal (its amounts add up the rows above it): left out." in warnings
        screenshot("setup-import-preview")
        assert not Proposal.objects.exists()
        page.click("#confirm")
        page.wait_for_load_state()
        assert "7 new proposals" in page.locator(".govuk-notification-banner").inner_text()

        # The dashboard shows the totals the preview showed.
        page.goto(f"{live_server.url}/programme/?fy=2026/27")
        assert page.locator("#figure-planned").inner_text() == format_m(410_756_700) == "£4.11m"
        screenshot("setup-import-dashboard")
        page.goto(f"{live_server.url}/programme/?fy=2027/28")
        assert page.locator("#figure-planned").inner_text() == format_m(180_000_000)
    assert Bundle.objects.get().targets.get().target_pence == 120_000_000
