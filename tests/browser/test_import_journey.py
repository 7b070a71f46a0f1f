"""Issue 15's journey: the programme office uploads the savings table of a committee paper
as published (a column per year in £'000, savings in brackets, directorate subtotals), sees
in the preview the totals it means and every assumption made, confirms, and finds the same
totals on the programme dashboard."""

import re
from pathlib import Path

import pytest

from sightline.accounts.models import Role
from sightline.accounts.tests.factories import PASSWORD, CouncilFactory, DirectorateFactory, member
from sightline.core.money import format_m
from sightline.savings import services
from sightline.savings.models import Proposal
from tests.browser.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TABLE = (
    Path(__file__).parents[2] / "sightline/savings/tests/fixtures/committee_savings_thousands.csv"
)


def planned(page, live_server, fy: str) -> str:
    page.goto(f"{live_server.url}/programme/?fy={fy}")
    return page.locator("#figure-planned").inner_text()


def test_a_published_savings_table_is_previewed_imported_and_on_the_dashboard(
    live_server, page, screenshot, settings, tmp_path
):
    settings.SIGHTLINE_IMPORTS_DIR = tmp_path
    council = CouncilFactory(name="Arden District Council", short_code="arden")
    services.savings_types_ensure_defaults(council=council)
    for name in ("Adult Social Care", "Children's Services", "Place"):
        DirectorateFactory(council=council, name=name)
    member(council, Role.PROGRAMME_OFFICE, username="alice")
    sign_in(page, live_server, "alice", PASSWORD)
    assert planned(page, live_server, "2026/27") == "£0.00m"

    # Upload the table as the committee paper printed it.
    page.goto(f"{live_server.url}/imports/")
    page.check("text=Savings tracker")
    page.set_input_files("#id_file", str(TABLE))
    page.click("text=Say how to read the table")
    screenshot("import-upload")
    page.click("button:text('Upload and check')")
    page.wait_for_url(re.compile(r"/imports/\d+/$"))

    # The table names no savings type: the preview says so, and nothing can be imported yet.
    problems = page.locator("#problems-table").inner_text()
    assert "the table has no savings type column: choose the savings type" in problems
    assert page.locator("#confirm").count() == 0
    screenshot("import-preview-problem")
    page.select_option("#id_savings_type", label="Efficiency")
    page.click("button:text('Read the table again')")
    page.wait_for_url(re.compile(r"/imports/\d+/#summary$"))

    # The preview: the totals meant (not -£4.11m, not £4,107), and what was assumed.
    totals = page.locator("#totals").inner_text()
    assert "2026/27\t£4,107,567" in totals and "2027/28\t£1,800,000" in totals
    assert "Place\t£987,567\t£300,000\t£50,000" in page.locator("#by-group").inner_text()
    warnings = page.locator("#warnings").inner_text()
    assert "read in thousands of pounds (£'000), as the title above the table" in warnings
    assert "Signs: savings printed as negative amounts or in brackets" in warnings
    assert "Row 14 is a subtotal (its amounts add up the rows above it): left out." in warnings
    assert "7 new, 0 changed, 0 unchanged" in page.locator("#outcome").inner_text()
    screenshot("import-preview")
    assert not Proposal.objects.exists()

    page.click("#confirm")
    page.wait_for_load_state()
    assert (
        "Imported committee_savings_thousands.csv: 7 new proposals"
        in page.locator(".govuk-notification-banner").inner_text()
    )
    screenshot("import-done")

    # The dashboard shows the same totals.
    assert planned(page, live_server, "2026/27") == format_m(410_756_700) == "£4.11m"
    assert planned(page, live_server, "2027/28") == format_m(180_000_000)
    screenshot("import-dashboard")
