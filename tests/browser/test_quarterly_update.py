"""Issue 4's journey: an editor of Sefton Council records the Quarter 2 update position of an
action of seed 004's service plan and sees it on the plan, beside the Quarter 1 position."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from sightline.accounts.models import Council, Membership, Role
from sightline.plans.models import QuarterlyUpdate
from tests.browser.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-sefton-editor-password"
NARRATIVE = (
    "Personnel\n"
    "The new pay structure was built in Resource Link and tested with Arvato in September."
)


def test_an_editor_records_a_quarter_2_update_and_sees_it_on_the_plan(
    live_server, page, screenshot
):
    call_command("load_demo", verbosity=0)
    sefton = Council.objects.get(short_code="sefton")
    user = get_user_model().objects.create_user(
        "sefton-editor", password=PASSWORD, first_name="Sefton", last_name="Editor"
    )
    Membership.objects.create(user=user, council=sefton, role=Role.EDITOR)

    sign_in(page, live_server, "sefton-editor", PASSWORD)
    page.goto(f"{live_server.url}/service-plans/")
    page.click("text=Corporate Services Departmental Service Plan 2010/11")
    page.wait_for_url(re.compile(r"/service-plans/\d+/$"))
    plan_url = page.url
    assert "Implementation of NJC pay and grading review in October 2010." in page.content()

    card = page.locator(".govuk-summary-card", has_text="Finalise New Pay Specification")
    assert "Work is on-going and meetings have been held with Arvato" in card.inner_text()
    card.get_by_role("link", name=re.compile("Record an update")).click()
    page.wait_for_url(re.compile(r"/actions/\d+/update/"))

    page.get_by_label("Quarter 2 (July to September 2010)").check()
    page.get_by_label("Complete", exact=True).check()
    page.fill("#id_narrative", NARRATIVE)
    page.fill("#id_reason", "Quarter 2 monitoring")
    screenshot("quarterly-update-form")
    page.click("text=Record the update")
    page.wait_for_url(re.compile(r"/service-plans/\d+/#action-\d+$"))

    banner = page.locator(".govuk-notification-banner").inner_text()
    assert "Quarter 2 (July to September 2010) update position recorded: complete" in banner
    card = page.locator(".govuk-summary-card", has_text="Finalise New Pay Specification")
    text = card.inner_text()
    assert "Quarter 1 (April to June 2010)" in text
    assert "Quarter 2 (July to September 2010)" in text
    assert "tested with Arvato in September" in text
    assert "Late" not in text  # complete now, so no longer late
    card.scroll_into_view_if_needed()
    screenshot("quarterly-update-on-plan")

    update = QuarterlyUpdate.objects.get(
        action__description__startswith="Finalise New Pay Specification", quarter=2
    )
    assert (update.status, update.created_by) == ("complete", user)
    assert page.url.startswith(plan_url)
