"""Paged lists in the browser: the programme office pages through the indicator list and the
risk register, filters kept, on a desktop and a phone; and a reader without JavaScript does
the same with plain links and the form's button."""

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from sightline.accounts.models import Council
from sightline.performance.tests.factories import ActualFactory, IndicatorFactory, TargetFactory
from sightline.risks.tests.factories import RiskFactory
from tests.browser.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def grow(council):
    """Sixty more indicators (Red: 60 against 80) and sixty more risks than the demo's."""
    approver = User.objects.get(username="finance")
    for n in range(60):
        indicator = IndicatorFactory(council=council, code=f"PG {n + 1}", title=f"Paged {n + 1}")
        TargetFactory(indicator=indicator)
        ActualFactory(indicator=indicator, value=60, approved_by=approver)
    last = council.risks.order_by("-number").first().number
    for n in range(60):
        RiskFactory(council=council, number=last + n + 1, title=f"Paged risk {n + 1}")


def test_the_indicator_list_and_the_risk_register_page_with_filters_kept(
    live_server, browser, settings
):
    call_command("load_demo", verbosity=0)
    council = Council.objects.get(short_code="lbc")
    grow(council)
    indicators = council.indicators.filter(disabled_on__isnull=True).count()
    risks = council.risks.filter(closed_on__isnull=True).count()
    for width, height, name in [(1280, 900, "1280"), (375, 812, "375")]:
        context = browser.new_context(viewport={"width": width, "height": height})
        page = context.new_page()
        page.set_default_timeout(15_000)
        sign_in(page, live_server, "programme_office", settings.DEMO_PASSWORD)
        page.goto(f"{live_server.url}/indicators/")
        summary = page.locator("#pagination-summary").inner_text()
        assert summary == f"Showing 1 to 50 of {indicators} indicators."
        assert page.locator("#indicators tbody tr").count() == 50
        page.screenshot(path=_shot(f"paged-indicators-{name}"), full_page=True)
        page.select_option("#id_rag", "red")  # HTMX fetches the table
        page.wait_for_url("**/indicators/?*rag=red*")
        page.locator("#pagination-summary").wait_for()
        red = page.locator("#pagination-summary").inner_text()
        assert red.startswith("Showing 1 to 50 of ")
        page.click(".govuk-pagination__next a")
        page.wait_for_url("**page=2*")
        assert "rag=red" in page.url
        assert page.locator("#id_rag").input_value() == "red"
        assert page.locator("#pagination-summary").inner_text().startswith("Showing 51 to ")

        page.goto(f"{live_server.url}/risks/")
        assert (
            page.locator("#pagination-summary").inner_text() == f"Showing 1 to 50 of {risks} risks."
        )
        page.screenshot(path=_shot(f"paged-risks-{name}"), full_page=True)
        page.goto(f"{live_server.url}/risks/?page=2")
        page.screenshot(path=_shot(f"paged-risks-page-2-{name}"), full_page=True)
        assert page.locator("#risks tbody tr").count() == risks - 50
        context.close()


def test_a_reader_without_javascript_filters_and_pages(live_server, browser, settings):
    call_command("load_demo", verbosity=0)
    grow(Council.objects.get(short_code="lbc"))
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    sign_in(page, live_server, "programme_office", settings.DEMO_PASSWORD)
    page.goto(f"{live_server.url}/risks/")
    page.fill("#id_q", "Paged risk")
    page.click("text=Apply filters")
    page.wait_for_url("**q=Paged+risk*")
    assert page.locator("#pagination-summary").inner_text() == "Showing 1 to 50 of 60 risks."
    page.click(".govuk-pagination__next a")
    page.wait_for_url("**page=2*")
    assert "q=Paged+risk" in page.url
    assert page.locator("#risks tbody tr").count() == 10
    assert page.locator("#id_q").input_value() == "Paged risk"
    page.goto(f"{live_server.url}/indicators/?rag=red")
    page.click(".govuk-pagination__next a")
    page.wait_for_url("**rag=red&page=2*")
    assert page.locator("#pagination-summary").inner_text().startswith("Showing 51 to ")
    context.close()


def _shot(name: str) -> str:
    from tests.browser.conftest import SCREENSHOTS

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return str(SCREENSHOTS / f"{name}.png")
