"""The home page says what is waiting for each person: forecasts due, gates to decide, proposals
ready to move, actuals to approve, risks due for review and update positions due."""

import datetime
import re
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from sightline.accounts.tests.factories import PersonFactory
from sightline.core.fiscal import FinancialYear
from sightline.performance.models import Actual
from sightline.performance.tests.factories import IndicatorFactory
from sightline.plans import rules as plan_rules
from sightline.plans.tests.factories import (
    ActionFactory,
    QuarterlyUpdateFactory,
    ServicePlanFactory,
    ServicePriorityFactory,
)
from sightline.risks.tests.factories import RiskFactory
from sightline.savings import services
from sightline.savings.models import DecisionStatus, Forecast
from sightline.savings.tests.factories import (
    BudgetCodeFactory,
    ProposalFactory,
    ready_for_initiation,
)
from sightline.savings.tests.round_helpers import live_saving


def today() -> datetime.date:
    return timezone.localdate()


@pytest.fixture
def council(council_a, alice, dan, eve):
    """Work waiting in Dan's directorate (led or owned by Eve) and elsewhere."""
    fy = FinancialYear.of(today())
    mine = dan.membership.directorate
    colleague = PersonFactory(council=council_a, name="Colleague")
    period = services.period_open(council=council_a, month=today().replace(day=1), by=alice)
    due_here = live_saving(
        council_a, lead=eve.person, directorate=mine, reference="SAV 1", years={fy: 100}
    )
    due_elsewhere = live_saving(council_a, lead=colleague, reference="SAV 2", years={fy: 100})
    submitted = ProposalFactory(
        council=council_a,
        directorate=mine,
        reference="SAV 3",
        title="Awaiting the Executive",
        decision_status=DecisionStatus.SUBMITTED,
    )
    ready = ready_for_initiation(
        ProposalFactory(
            council=council_a,
            directorate=mine,
            lead_officer=eve.person,
            reference="SAV 4",
            title="Ready for initiation",
        )
    )
    indicator = IndicatorFactory(council=council_a, code="LBC 1", title="Council tax collected")
    actual = Actual.objects.create(
        indicator=indicator, period=datetime.date(2013, 4, 1), value=96, created_by=dan
    )
    soon = today() + datetime.timedelta(days=10)
    later = today() + datetime.timedelta(days=60)
    risk = RiskFactory(
        council=council_a, directorate=mine, owner=eve.person, title="Soon", review_on=soon
    )
    RiskFactory(
        council=council_a, directorate=mine, owner=eve.person, title="Later", review_on=later
    )
    RiskFactory(
        council=council_a, directorate=mine, title="Closed", review_on=soon, closed_on=today()
    )
    plan = ServicePlanFactory(directorate=mine, council=council_a, fy=fy)
    action = ActionFactory(priority=ServicePriorityFactory(plan=plan), description="Open a hub")
    return SimpleNamespace(
        period=period,
        due_here=due_here,
        due_elsewhere=due_elsewhere,
        submitted=submitted,
        ready=ready,
        actual=actual,
        risk=risk,
        action=action,
        fy=fy,
    )


def waiting(client) -> dict[str, int]:
    """The count in each section of the home page, by its heading's id."""
    body = client.get("/").content.decode()
    return {
        key: int(count)
        for key, count in re.findall(
            r'<h3 class="govuk-heading-m" id="(\w+)">.*?data-count="(\d+)"', body
        )
    }


def test_the_programme_office_sees_everything_waiting_in_the_council(as_alice, council):
    assert waiting(as_alice) == {
        "forecasts": 2,
        "decisions": 1,
        "ready": 1,
        "actuals": 1,
        "risks": 1,
        "updates": 1,
    }
    body = as_alice.get("/").content.decode()
    assert f"Forecasts due for {today():%B %Y}" in body
    assert f'href="/programme/periods/{council.period.pk}/forecasts/?outstanding=on"' in body
    assert f'href="/programme/proposals/{council.submitted.pk}/decision/"' in body
    assert "Ready for initiation" in body and "Soon" in body and "Later" not in body
    assert "Closed" not in body
    quarter = plan_rules.quarter_label(council.fy, plan_rules.quarter_of(today()))
    assert f"Update positions due for {quarter}" in body


def test_finance_sees_every_live_savings_forecast_and_the_actual_to_approve(as_fiona, council):
    assert waiting(as_fiona) == {"forecasts": 2, "actuals": 1}


def test_a_director_sees_their_directorates_work_but_not_an_actual_they_recorded(as_dan, council):
    assert waiting(as_dan) == {"forecasts": 1, "decisions": 1, "ready": 1, "risks": 1, "updates": 1}


def test_an_editor_sees_what_they_lead_and_own(as_eve, council):
    assert waiting(as_eve) == {"forecasts": 1, "ready": 1, "risks": 1, "updates": 1}


@pytest.mark.parametrize("persona", ["as_colin", "as_vera"])
def test_a_councillor_and_a_viewer_are_told_nothing_is_waiting(request, persona, council):
    body = request.getfixturevalue(persona).get("/").content.decode()
    assert "Nothing is waiting for you" in body
    assert "data-count" not in body


def test_work_done_leaves_the_home_page(as_alice, alice, dan, eve, council):
    services.forecast_record(
        proposal=council.due_here,
        period=council.period,
        fy=council.fy,
        forecast_pence=100,
        rag="green",
        by=eve,
    )
    QuarterlyUpdateFactory(
        action=council.action, fy=council.fy, quarter=plan_rules.quarter_of(today())
    )
    council.risk.review_on = today() + datetime.timedelta(days=90)
    council.risk.save()
    council.actual.created_by = alice  # now alice recorded it: she may not approve it
    council.actual.save()
    assert waiting(as_alice) == {"forecasts": 1, "decisions": 1, "ready": 1}


def test_the_home_page_takes_the_same_queries_for_a_small_council_as_a_large_one(
    as_alice, council_a, dan, eve, council
):
    def count() -> int:
        with CaptureQueriesContext(connection) as context:
            assert as_alice.get("/").status_code == 200
        return len(context.captured_queries)

    small = count()
    for n in range(30):
        live_saving(council_a, lead=eve.person, reference=f"SAV L{n}", years={council.fy: n + 1})
        ProposalFactory(
            council=council_a, reference=f"SAV S{n}", decision_status=DecisionStatus.SUBMITTED
        )
        RiskFactory(council=council_a, review_on=today(), owner=eve.person)
        ActionFactory(priority=council.action.priority)
        Actual.objects.create(
            indicator=IndicatorFactory(council=council_a),
            period=datetime.date(2013, 4, 1),
            value=n,
        )
    Forecast.objects.all().delete()
    assert count() == small
    assert waiting(as_alice)["forecasts"] == 32


def test_an_editors_home_page_takes_the_same_queries_for_a_small_council_as_a_large_one(
    as_eve, council_a, eve, council
):
    """The rules ask who leads each proposal: the people are read with the proposals."""

    def count() -> int:
        with CaptureQueriesContext(connection) as context:
            assert as_eve.get("/").status_code == 200
        return len(context.captured_queries)

    small = count()
    colleague = PersonFactory(council=council_a, name="Another colleague")
    ready = {
        role: PersonFactory(council=council_a, name=f"Another {role}")
        for role in ("sponsor", "project_manager", "finance_lead")
    }
    for n in range(30):
        live_saving(council_a, lead=eve.person, reference=f"SAV L{n}", years={council.fy: n + 1})
        live_saving(council_a, lead=colleague, reference=f"SAV O{n}", years={council.fy: 1})
        mine = ProposalFactory(
            council=council_a, lead_officer=eve.person, reference=f"SAV R{n}", **ready
        )
        mine.budget_codes.add(BudgetCodeFactory(council=council_a))
        ProposalFactory(council=council_a, sponsor=colleague, reference=f"SAV I{n}")
    assert count() == small
    assert waiting(as_eve)["forecasts"] == 31 and waiting(as_eve)["ready"] == 31
