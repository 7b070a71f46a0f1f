"""Issue 19's public pages, read as a resident would: no login, the demo council's approved
savings and totals, its budget gap, corporate plan and indicators, the open data; Tower
Hamlets' exempt draft savings proposal (SAV / RES 002 / 21-22) absent from every page, file
and API answer, and from a viewer's programme. axe-core finds no WCAG 2.2 A/AA violation, at
desktop width and on a phone (375 px); screenshots of both are in var/screenshots/."""

import json
from pathlib import Path

import pytest
from django.core.management import call_command

from sightline.savings.models import Proposal
from tests.browser.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
EXEMPT_REFERENCE = "SAV / RES 002 / 21-22"
EXEMPT_TITLE = "Reorganisation of Executive Support"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def axe_violations(page) -> list[str]:
    """axe-core's WCAG 2.2 A and AA violations on the page, as "rule: target" lines."""
    if not AXE.exists():
        pytest.fail("axe-core is missing: npm ci (package.json's devDependencies)")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG
    )
    assert len(result["passes"]) > 10  # axe ran its rules
    return [f"{v['id']}: {node['target']}" for v in result["violations"] for node in v["nodes"]]


@pytest.fixture
def resident(browser):
    """A visitor who never signs in. CSP is bypassed only so axe-core can be injected."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def _shot(page, name: str) -> None:
    from tests.browser.conftest import SCREENSHOTS

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def test_a_resident_reads_luton_s_public_pages_and_never_the_exempt_proposal(
    live_server, resident, page, settings
):
    call_command("load_demo", verbosity=0)
    page_ = resident
    base = f"{live_server.url}/c/lbc/"

    # The overview: the gap, and the approved savings' totals.
    response = page_.goto(base)
    assert response.status == 200
    assert "max-age=300" in response.headers["cache-control"]
    assert "set-cookie" not in response.headers
    assert page_.locator("h1").inner_text() == "Savings, plans and performance"
    assert "Luton Borough Council" in page_.locator("header").inner_text()
    assert page_.locator("text=Signed in as").count() == 0
    gap = page_.locator("table", has_text="The budget gap, year by year")
    assert "£18,000,000" in gap.inner_text()
    totals = page_.locator("table", has_text="Approved savings in 2013/14")
    assert "£5,743,000" in totals.locator("tr[data-total]").inner_text()
    assert axe_violations(page_) == []
    _shot(page_, "public-home")

    # Each approved saving in 2013/14, with its status and rating.
    page_.click("nav[aria-label=Menu] >> text=Savings")
    page_.wait_for_url(f"{base}savings/2013-14/")
    table = page_.locator("table", has_text="by directorate and service")
    assert table.locator("tbody tr").count() == 9
    assert "The voluntary separation of two employees" in table.inner_text()
    assert "£92,000" in table.inner_text()
    assert axe_violations(page_) == []
    _shot(page_, "public-savings")

    # On a phone.
    page_.set_viewport_size({"width": 375, "height": 800})
    page_.reload()
    assert page_.evaluate("document.documentElement.scrollWidth") <= 375
    assert axe_violations(page_) == []
    _shot(page_, "public-savings-375")
    page_.goto(base)
    _shot(page_, "public-home-375")
    page_.set_viewport_size({"width": 1280, "height": 900})

    for path, heading in (
        ("plan/", "Corporate Plan"),
        ("indicators/", "How the council is performing"),
        ("risks/", "Risk register summary"),
        ("data/", "Open data"),
        ("data/dictionary/", "Data dictionary"),
    ):
        page_.goto(base + path)
        assert heading.lower() in page_.locator("h1").inner_text().lower(), path
        assert axe_violations(page_) == [], path
    page_.goto(base + "indicators/")
    assert page_.locator("svg[role=img]").count() >= 3
    _shot(page_, "public-indicators")

    # The CSV agrees with the page.
    csv_text = page_.request.get(base + "data/savings-totals-2013-14.csv").text()
    assert "2013/14,All,9,5743000.00,92000.00" in csv_text

    # Tower Hamlets publishes too; its exempt proposal is in no page, file or API answer.
    th = f"{live_server.url}/c/lbth/"
    urls = [th, th + "data/", th + "data/budget-gap.json", th + "data/priorities.csv"]
    urls += [f"{live_server.url}/api/v1/public/lbth/tables"]
    for url in urls:
        answer = page_.request.get(url)
        assert answer.status == 200, url
        assert EXEMPT_REFERENCE not in answer.text(), url
        assert EXEMPT_TITLE not in answer.text(), url
    page_.goto(th)
    assert axe_violations(page_) == []
    _shot(page_, "public-tower-hamlets")

    # Sefton publishes nothing: not found.
    assert page_.request.get(f"{live_server.url}/c/sefton/").status == 404

    # A Tower Hamlets viewer, signed in, does not find it either.
    exempt = Proposal.objects.get(reference=EXEMPT_REFERENCE)
    assert exempt.exempt
    sign_in(page, live_server, "th_viewer", settings.DEMO_PASSWORD)
    assert page.goto(f"{live_server.url}/programme/proposals/{exempt.pk}/").status == 404
    for url in ("/programme/tracker/", "/api/v1/proposals", "/c/lbth/"):
        page.goto(live_server.url + url)
        assert EXEMPT_TITLE not in page.content(), url
    listed = json.loads(page.request.get(f"{live_server.url}/api/v1/proposals").text())
    assert EXEMPT_REFERENCE not in json.dumps(listed)

    # The programme office's settings: what is published, the indicators, publish now.
    sign_in(page_, live_server, "th_programme_office", settings.DEMO_PASSWORD)
    page_.goto(f"{live_server.url}/public-settings/")
    assert page_.locator("#id_published").is_checked()
    assert EXEMPT_TITLE in page_.locator("table", has_text="Exempt proposals").inner_text()
    assert axe_violations(page_) == []
    _shot(page_, "public-settings")
