"""A new council sets itself up without a developer: the operator runs ``create_council``,
and its programme office sets a password with the link it prints, then, in the browser, adds
two directorates, a bundle with a 2026/27 target and two budget codes with their budgets, and
sees them counted on the set-up index."""

import re
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command

from sightline.accounts.models import Council, Directorate
from sightline.core.fiscal import FinancialYear
from sightline.savings.models import BudgetCode, Bundle
from tests.browser.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a long password for Sefton"


def _add(page, live_server, slug: str, fields: dict[str, str], button: str) -> None:
    page.goto(f"{live_server.url}/setup/{slug}/")
    page.click("main a.govuk-button")
    for selector, value in fields.items():
        page.fill(selector, value)
    page.click(f"button:text('{button}')")
    page.wait_for_url(re.compile(rf"/setup/{slug}/\d+/$"))


def test_a_new_council_sets_itself_up_in_the_browser(live_server, page, screenshot, settings):
    settings.SITE_URL = live_server.url
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

        # Two directorates.
        for name in ("Corporate Services", "Adult Social Care"):
            _add(page, live_server, "directorates", {"#id_name": name}, "Add the directorate")
        assert "Directorate Adult Social Care added." in page.locator("main").inner_text()
        page.goto(f"{live_server.url}/setup/directorates/")
        assert "2 directorates" in page.locator("#records caption").inner_text()
        screenshot("setup-directorates")

        # A bundle with a 2026/27 target: first as enabling, which is refused by name.
        page.goto(f"{live_server.url}/setup/bundles/new/")
        page.fill("#id_name", "Customer access")
        page.fill("#id_vision", "One front door for every resident.")
        page.check("#id_enabling")
        page.fill("#id_target_2026", "£1.2m")
        page.click("button:text('Add the bundle')")
        assert page.title().startswith("Error: ")
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
        assert "2 directorates" in page.locator("#task-directorates").inner_text()
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
    assert Bundle.objects.get().targets.get().target_pence == 120_000_000
