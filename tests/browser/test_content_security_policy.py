"""Issue 19's doors, in the browser: the programme office walks the main pages with the
Content-Security-Policy on and not one violation is reported (GOV.UK Frontend, HTMX and the
SVG charts all work without inline script); then someone guesses a password five times and
the sixth attempt meets the lockout page."""

import pytest
from django.core.management import call_command

from tests.browser.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Playwright's init scripts run outside the page's CSP: they record every violation event.
RECORD_VIOLATIONS = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
});
"""


def _watch(page):
    console, errors = [], []
    page.on(
        "console",
        lambda msg: (
            console.append(f"{msg.type}: {msg.text}") if msg.type in {"error", "warning"} else None
        ),
    )
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.add_init_script(RECORD_VIOLATIONS)
    return console, errors


def _visit(page, url):
    response = page.goto(url)
    page.wait_for_load_state("networkidle")
    return response


def _first_link(page, live_server, list_path, pattern):
    _visit(page, f"{live_server.url}{list_path}")
    link = page.locator(f"main a[href*='{pattern}']").first
    return link.get_attribute("href") if link.count() else None


def test_the_main_pages_load_with_no_content_security_policy_violation(
    live_server, page, screenshot, settings
):
    call_command("load_demo", verbosity=0)
    console, errors = _watch(page)
    sign_in(page, live_server, "programme_office", settings.DEMO_PASSWORD)
    assert page.url == f"{live_server.url}/"

    # Every page in the navigation, then a record of each kind, the account and the API docs.
    paths = ["/"] + [
        href
        for href in page.locator("#navigation a").evaluate_all(
            "els => els.map(e => e.getAttribute('href'))"
        )
        if href != "/"
    ]
    for list_path, pattern in [
        ("/programme/proposals/", "/programme/proposals/"),
        ("/service-plans/", "/service-plans/"),
        ("/risks/", "/risks/"),
        ("/indicators/", "/indicators/"),
    ]:
        href = _first_link(page, live_server, list_path, pattern)
        if href and href.rstrip("/") != list_path.rstrip("/"):
            paths.append(href)
    paths += ["/finance/budget/", "/finance/scenarios/", "/account/", "/council/", "/api/v1/docs"]

    visited = []
    for path in dict.fromkeys(paths):
        response = _visit(page, f"{live_server.url}{path}")
        assert response.status == 200, path
        header = response.headers["content-security-policy"]
        assert "script-src 'self'" in header
        violations = page.evaluate("window.__csp")
        assert violations == [], (path, violations)
        visited.append(path)
    assert len(visited) >= 15, visited

    # A token made on the account page, named and with a chosen term, is listed.
    _visit(page, f"{live_server.url}/account/")
    page.fill("#id_name", "Finance spreadsheet link")
    page.check("input[name=expires_in_days][value='30']")
    page.click("button:text('Create a token')")
    page.wait_for_load_state()
    assert page.locator("#new-token").inner_text().startswith("sl_")
    row = page.locator("#your-tokens tbody tr").first.inner_text()
    assert "Finance spreadsheet link" in row and "Never" in row
    assert page.evaluate("window.__csp") == []
    screenshot("account-tokens")

    # GOV.UK Frontend started from the static module (no inline script needed).
    _visit(page, f"{live_server.url}/")
    classes = page.evaluate("document.body.className")
    assert "js-enabled" in classes and "govuk-frontend-supported" in classes
    assert page.locator("[data-module='govuk-skip-link'][data-govuk-skip-link-init]").count() == 1
    assert page.evaluate("typeof htmx") == "object"
    assert page.evaluate("htmx.config.includeIndicatorStyles") is False
    screenshot("csp-home")

    csp_console = [line for line in console if "Content Security Policy" in line]
    assert csp_console == []
    assert errors == []

    # The watch works: an inline script slipped into the page is refused and reported.
    page.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = 'window.__ran = true'; document.body.appendChild(s); }"
    )
    page.wait_for_function("window.__csp.length > 0")
    assert page.evaluate("window.__ran") is None
    assert page.evaluate("window.__csp")[0].startswith("script-src-elem inline")


def test_the_sixth_sign_in_attempt_meets_the_lockout_page(live_server, page, screenshot, settings):
    call_command("load_demo", verbosity=0)
    for _ in range(4):
        sign_in(page, live_server, "finance", "not the password")
        assert page.locator(".govuk-error-summary").is_visible()
    sign_in(page, live_server, "finance", "not the password")
    sign_in(page, live_server, "finance", settings.DEMO_PASSWORD)
    assert page.locator("h1").inner_text() == "Signing in is locked for now"
    assert "You can try again after" in page.locator("main").inner_text()
    screenshot("sign-in-locked")
    # Someone else at the same address is not locked out.
    sign_in(page, live_server, "viewer", settings.DEMO_PASSWORD)
    assert page.url == f"{live_server.url}/"
