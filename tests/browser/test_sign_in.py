import pytest
from django.core.management import call_command

from tests.browser.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_programme_officer_signs_in_and_lands_on_the_home_page(
    live_server, page, screenshot, settings
):
    call_command("load_demo", verbosity=0)
    sign_in(page, live_server, "programme_office", settings.DEMO_PASSWORD)
    assert page.url == f"{live_server.url}/"
    assert page.locator("h1").inner_text() == "Sightline"
    assert "Luton Borough Council" in page.locator("header").inner_text()
    # The GOV.UK stylesheet and its font are really served and applied.
    font = page.evaluate("getComputedStyle(document.querySelector('h1')).fontFamily")
    assert "GDS Transport" in font or "arial" in font.lower()
    assert screenshot("home").stat().st_size > 10_000


def test_a_wrong_password_is_refused_in_the_browser(live_server, page, db):
    sign_in(page, live_server, "nobody", "wrong")
    assert page.locator(".govuk-error-summary").is_visible()
