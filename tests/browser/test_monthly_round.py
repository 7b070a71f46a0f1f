"""Issue 15's monthly round: an editor opens the forecast grid, finds last month's figures
carried over, changes two rows (one to Amber with commentary) and saves them together; the
programme office sees the outstanding list shrink and closes the month on its confirmation
page. Each role's home page says what is waiting for them."""

import datetime
import re

import pytest
from django.utils import timezone

from sightline.accounts.models import Role
from sightline.accounts.tests.factories import PASSWORD, DirectorateFactory, PersonFactory, member
from sightline.core.fiscal import FinancialYear
from sightline.performance.models import Actual
from sightline.performance.tests.factories import IndicatorFactory
from sightline.plans.tests.factories import (
    ActionFactory,
    ServicePlanFactory,
    ServicePriorityFactory,
)
from sightline.risks.tests.factories import RiskFactory
from sightline.savings import services
from sightline.savings.models import DecisionStatus, Forecast, Period
from sightline.savings.tests.factories import BundleFactory, ProposalFactory, ready_for_initiation
from sightline.savings.tests.round_helpers import FY13, FY14, live_saving
from tests.browser.conftest import assert_error_page, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MAY, JUNE = datetime.date(2013, 5, 1), datetime.date(2013, 6, 1)


def _person(user, first: str, last: str, title: str):
    user.first_name, user.last_name = first, last
    user.save()
    user.person.name, user.person.job_title = f"{first} {last}", title
    user.person.save()
    return user


def _council():
    """A council in its June 2013 round: the editor leads three live savings, forecast in May;
    a colleague leads one more; and some work waits on each role."""
    from sightline.accounts.tests.factories import CouncilFactory

    council = CouncilFactory(name="Arden District Council", short_code="arden")
    resources = DirectorateFactory(council=council, name="Resources")
    users = {
        "office": _person(
            member(council, Role.PROGRAMME_OFFICE, username="office"),
            "Priya",
            "Shah",
            "Programme manager",
        ),
        "finance": _person(
            member(council, Role.FINANCE, username="finance"),
            "Frank",
            "Obi",
            "Finance business partner",
        ),
        "director": _person(
            member(council, Role.DIRECTOR, username="director", directorate=resources),
            "Dana",
            "Reid",
            "Director of Resources",
        ),
        "editor": _person(
            member(council, Role.EDITOR, username="editor"), "Ed", "Lowe", "Head of Legal Services"
        ),
        "councillor": _person(
            member(council, Role.COUNCILLOR, username="councillor"), "Carol", "Hunt", "Councillor"
        ),
        "viewer": _person(
            member(council, Role.VIEWER, username="viewer"), "Vic", "Moss", "Officer"
        ),
    }
    editor, office = users["editor"], users["office"]
    colleague = PersonFactory(council=council, name="Sam Patel", job_title="Head of Revenues")
    bundle = BundleFactory(council=council, name="Support services")
    common = {"directorate": resources, "bundle": bundle}
    legal = live_saving(
        council,
        lead=editor.person,
        reference="RES 01",
        title="Shared legal service with neighbouring councils",
        years={FY13: 9_000_000, FY14: 3_000_000},
        **common,
    )
    print_room = live_saving(
        council,
        lead=editor.person,
        reference="RES 02",
        title="Close the print room",
        years={FY13: 4_500_000},
        **common,
    )
    live_saving(
        council,
        lead=editor.person,
        reference="RES 03",
        title="Renegotiate the archive storage contract",
        years={FY13: 2_000_000},
        **common,
    )
    live_saving(
        council,
        lead=colleague,
        reference="RES 04",
        title="Council tax single person discount review",
        years={FY13: 12_000_000},
        **common,
    )
    live_saving(
        council, reference="RES 05", title="Mail room automation", years={FY13: 1_500_000}, **common
    )
    may = services.period_open(council=council, month=MAY, by=office)
    for saving, pence in ((legal, 9_000_000), (print_room, 4_500_000)):
        services.forecast_record(
            proposal=saving, period=may, fy=FY13, forecast_pence=pence, rag="green", by=editor
        )
    services.period_close(period=may, by=office)
    services.period_open(council=council, month=JUNE, by=office)

    # Work waiting on others: a decision, a gate, an actual, a risk and an update position.
    ProposalFactory(
        council=council,
        reference="RES 06",
        title="Procurement hub with the county",
        decision_status=DecisionStatus.SUBMITTED,
        **common,
    )
    ready_for_initiation(
        ProposalFactory(
            council=council,
            lead_officer=editor.person,
            reference="RES 07",
            title="Digital council tax forms",
            **common,
        )
    )
    indicator = IndicatorFactory(
        council=council, code="LBC 1", title="Council tax collected in year"
    )
    Actual.objects.create(
        indicator=indicator,
        period=datetime.date(2013, 4, 1),
        value=96,
        created_by=users["director"],
    )
    today = timezone.localdate()
    RiskFactory(
        council=council,
        directorate=resources,
        owner=editor.person,
        title="Legal case load rises after the merger",
        review_on=today + datetime.timedelta(days=12),
    )
    plan = ServicePlanFactory(
        directorate=resources,
        council=council,
        fy=FinancialYear.of(today),
        title="Resources Service Plan",
    )
    ActionFactory(
        priority=ServicePriorityFactory(plan=plan, number=1),
        description="Move the legal team to the shared service",
    )
    return council, legal, print_room


def outstanding(page) -> str:
    return page.locator("#outstanding-summary").inner_text()


def test_the_monthly_round_from_the_grid_to_closing_the_month(live_server, page, screenshot):
    council, legal, print_room = _council()
    june = Period.objects.get(council=council, month=JUNE)

    # The programme office sees what is outstanding before the round.
    sign_in(page, live_server, "office", PASSWORD)
    page.goto(f"{live_server.url}/programme/periods/{june.pk}/outstanding/")
    assert "5 live savings" in outstanding(page)
    page.click("text=Sign out")

    # The editor starts from the home page, where the forecasts wait.
    sign_in(page, live_server, "editor", PASSWORD)
    assert "Forecasts due for June 2013" in page.locator("main").inner_text()
    page.click("text=Record the June 2013 forecasts")
    page.wait_for_url(re.compile(r"/forecasts/\?outstanding=on$"))
    legal_13 = f"#id_r{legal.pk}-2013"
    print_13 = f"#id_r{print_room.pk}-2013"
    # Last month's figures are carried over.
    assert page.input_value(f"{legal_13}-forecast") == "£90,000"
    assert page.input_value(f"{legal_13}-rag") == "green"
    assert page.input_value(f"#id_r{legal.pk}-2014-forecast") == "£30,000"
    assert page.input_value(f"#id_r{legal.pk}-2014-rag") == ""
    assert "Sam Patel" not in page.locator("#grid").inner_text()  # not the editor's to update
    screenshot("round-grid")

    # Amber without commentary is refused, and nothing is saved.
    page.fill(f"{legal_13}-forecast", "£70k")
    page.select_option(f"{legal_13}-rag", "amber")
    page.fill(f"{print_13}-forecast", "£40,000")
    page.click("text=Save the changed rows")
    summary = page.locator(".govuk-error-summary").inner_text()
    assert "Row RES 01 2013/14: Commentary is required when a saving is rated Amber." in summary
    assert_error_page(page)
    assert not Forecast.objects.filter(period=june).exists()
    screenshot("round-grid-error")

    page.fill(f"{legal_13}-commentary", "The neighbouring councils' sign-off moved to July.")
    page.click("text=Save the changed rows")
    assert (
        "2 forecasts recorded for June 2013"
        in page.locator(".govuk-notification-banner").inner_text()
    )
    saved = {f.proposal_id: f for f in Forecast.objects.filter(period=june)}
    assert (saved[legal.pk].forecast_pence, saved[legal.pk].rag) == (7_000_000, "amber")
    assert (saved[print_room.pk].forecast_pence, saved[print_room.pk].rag) == (4_000_000, "green")
    page.click("text=Sign out")

    # The programme office sees the list shrink, and closes the month on the confirmation page.
    sign_in(page, live_server, "office", PASSWORD)
    page.goto(f"{live_server.url}/programme/periods/{june.pk}/outstanding/")
    assert "4 live savings" in outstanding(page)  # RES 02 is done; RES 01 still has 2014/15
    screenshot("round-outstanding")
    page.goto(f"{live_server.url}/programme/periods/{june.pk}/")
    page.click("text=Close June 2013")
    page.wait_for_url(re.compile(r"/close/$"))
    assert "4 live savings" in outstanding(page)
    screenshot("round-close-confirmation")
    page.click("button:has-text('Close June 2013')")
    assert "Tick to confirm" in page.locator(".govuk-error-summary").inner_text()
    assert not Period.objects.get(pk=june.pk).is_closed
    page.check("#id_outstanding")
    page.click("button:has-text('Close June 2013')")
    page.wait_for_url(re.compile(rf"/periods/{june.pk}/$"))
    assert "June 2013 closed" in page.locator(".govuk-notification-banner").inner_text()
    assert Period.objects.get(pk=june.pk).is_closed


@pytest.mark.parametrize(
    ("username", "expected"),
    [
        ("office", "Proposals awaiting your decision"),
        ("finance", "Indicator actuals awaiting your approval"),
        ("director", "Risks due for review"),
        ("editor", "Forecasts due for June 2013"),
        ("councillor", "Nothing is waiting for you"),
        ("viewer", "Nothing is waiting for you"),
    ],
)
def test_each_role_sees_what_is_waiting_for_them(live_server, page, screenshot, username, expected):
    _council()
    sign_in(page, live_server, username, PASSWORD)
    page.goto(f"{live_server.url}/")
    assert expected in page.locator("main").inner_text()
    screenshot(f"home-{username}")


def test_finance_changes_a_confirmation_and_is_warned_above_the_plan(live_server, page, screenshot):
    council, legal, _ = _council()
    sign_in(page, live_server, "finance", PASSWORD)
    page.goto(f"{live_server.url}/programme/proposals/{legal.pk}/benefits/")
    page.fill("#id_amount", "£85k")
    page.fill("#id_note", "Two posts left on 30 June")
    page.click("button:has-text('Confirm')")
    page.wait_for_url(re.compile(r"/proposals/\d+/#monitoring$"))
    page.goto(f"{live_server.url}/programme/proposals/{legal.pk}/benefits/?fy=2013/14")
    assert "Already confirmed: £85,000" in page.locator("#existing").inner_text()
    page.fill("#id_amount", "£95k")
    page.click("button:has-text('Save the change')")
    assert (
        "is more than the £90,000 planned for 2013/14"
        in page.locator(".govuk-error-summary").inner_text()
    )
    screenshot("benefit-over-planned")
    page.check("#id_over_planned")
    page.click("button:has-text('Save the change')")
    page.wait_for_url(re.compile(r"/proposals/\d+/#monitoring$"))
    page.click("text=History of the 2013/14 confirmation")
    assert "£85,000" in page.locator("#confirmation-history-2013").inner_text()
    page.locator("#monitoring").scroll_into_view_if_needed()
    screenshot("benefit-on-proposal")
