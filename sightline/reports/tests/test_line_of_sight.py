import datetime

import pytest
from django.core.management import call_command
from django.test import Client

from sightline.core.fiscal import FinancialYear
from sightline.performance.models import Indicator
from sightline.plans.models import Action, PersonalObjective, ServicePlan, ServicePriority
from sightline.savings.models import PriorityImpact
from sightline.savings.tests.factories import ProposalFactory
from sightline.strategy.models import Priority
from sightline.strategy.tests.factories import (
    DeliveryPriorityFactory,
    DepartmentalPlanFactory,
    EfficiencyProjectFactory,
    PriorityFactory,
)


@pytest.fixture
def thread(council_a, dan, eve):
    priority = PriorityFactory(plan__council=council_a, title="Ensure a financially sound Council")
    dplan = DepartmentalPlanFactory(plan=priority.plan, directorate=dan.membership.directorate)
    delivery = DeliveryPriorityFactory(
        departmental_plan=dplan, priority=priority, text="Collect more council tax"
    )
    project = EfficiencyProjectFactory(
        departmental_plan=dplan, priority=priority, title="Lean review"
    )
    linked = ProposalFactory(council=council_a, title="Shared legal service")
    linked.efficiency_projects.add(project)
    direct = ProposalFactory(council=council_a, title="Paperless committees", priority=priority)
    indicator = Indicator.objects.create(
        council=council_a, code="LBC 4", title="Council tax collected"
    )
    indicator.priorities.add(priority)
    splan = ServicePlan.objects.create(
        council=council_a,
        directorate=dan.membership.directorate,
        fy=FinancialYear(2010),
        title="Service Plan 2010/11",
    )
    sp = ServicePriority.objects.create(
        plan=splan, number=1, title="Integrate finance teams", strategic_priority=priority
    )
    action = Action.objects.create(priority=sp, description="Co-locate the finance teams")
    objective = PersonalObjective.objects.create(
        person=eve.person,
        action=action,
        title="Lead the move to Magdalen House",
        starts_on=datetime.date(2010, 4, 1),
        review_on=datetime.date(2010, 10, 1),
    )
    return locals()


def test_from_a_priority_the_line_of_sight_reaches_everything_beneath_it(as_vera, as_eve, thread):
    body = as_vera.get(
        f"/reports/line-of-sight/priorities/{thread['priority'].pk}/"
    ).content.decode()
    for text in [
        "Collect more council tax",
        "Lean review",
        "Shared legal service",
        "Paperless committees",
        "LBC 4",
        "Integrate finance teams",
        "Co-locate the finance teams",
    ]:
        assert text in body, text
    # A personal objective reaches as far as the person it belongs to (and their director and
    # the programme office); another reader learns only that there is one.
    own = as_eve.get(f"/reports/line-of-sight/priorities/{thread['priority'].pk}/").content
    assert "Lead the move to Magdalen House" in own.decode()
    assert "Lead the move to Magdalen House" not in body
    assert "1 personal objective you may not read" in body


def test_from_an_action_the_chain_goes_up_to_the_priority(as_vera, thread):
    body = as_vera.get(f"/reports/line-of-sight/action/{thread['action'].pk}/").content.decode()
    positions = [
        body.index(t)
        for t in [
            "Co-locate the finance teams",
            "Integrate finance teams",
            "Service Plan 2010/11",
            "Ensure a financially sound Council",
            thread["priority"].plan.title,
        ]
    ]
    assert positions == sorted(positions)


def test_from_a_personal_objective_and_a_proposal_the_chain_goes_up(as_vera, as_eve, thread):
    body = as_eve.get(
        f"/reports/line-of-sight/objective/{thread['objective'].pk}/"
    ).content.decode()
    assert "Ensure a financially sound Council" in body
    url = f"/reports/line-of-sight/objective/{thread['objective'].pk}/"
    assert as_vera.get(url).status_code == 404
    body = as_vera.get(f"/reports/line-of-sight/proposal/{thread['linked'].pk}/").content.decode()
    assert "Lean review" in body and "Ensure a financially sound Council" in body


def test_exempt_proposals_stay_out_of_the_line_of_sight_for_a_viewer(as_vera, as_alice, thread):
    thread["direct"].exempt, thread["direct"].exempt_paragraphs = True, "1"
    thread["direct"].save()
    path = f"/reports/line-of-sight/priorities/{thread['priority'].pk}/"
    assert "Paperless committees" not in as_vera.get(path).content.decode()
    assert "Paperless committees" in as_alice.get(path).content.decode()
    assert as_vera.get(f"/reports/line-of-sight/proposal/{thread['direct'].pk}/").status_code == 404


def test_orphans_lists_items_linked_to_no_priority(as_vera, council_a, thread):
    ProposalFactory(council=council_a, title="Unlinked saving")
    Indicator.objects.create(council=council_a, code="LBC 99", title="Unlinked indicator")
    body = as_vera.get("/reports/orphans/").content.decode()
    assert "Unlinked saving" in body and "LBC 99" in body
    assert "Shared legal service" not in body and "Paperless committees" not in body


def test_negative_impacts_are_listed(as_vera, thread):
    PriorityImpact.objects.create(
        proposal=thread["direct"],
        priority=thread["priority"],
        impact="negative",
        note="Fewer meetings recorded",
    )
    body = as_vera.get("/reports/negative-impacts/").content.decode()
    assert "Paperless committees" in body and "Fewer meetings recorded" in body


def test_another_councils_items_are_not_found(as_bob, thread):
    assert (
        as_bob.get(f"/reports/line-of-sight/priorities/{thread['priority'].pk}/").status_code == 404
    )
    assert as_bob.get(f"/reports/line-of-sight/action/{thread['action'].pk}/").status_code == 404
    assert as_bob.get("/reports/line-of-sight/nonsense/1/").status_code == 404


def test_reports_need_a_login_and_refuse_post(public, as_vera, thread):
    for path in ["/reports/line-of-sight/", "/reports/orphans/", "/reports/negative-impacts/"]:
        assert public.get(path).status_code == 302
        assert as_vera.post(path).status_code == 405


@pytest.mark.django_db
def test_the_demo_line_of_sight_from_a_financially_sound_council_reaches_savings_and_indicators(
    settings,
):
    call_command("load_demo", verbosity=0)
    client = Client()
    client.login(username="viewer", password=settings.DEMO_PASSWORD)
    priority = Priority.objects.get(
        title="Ensure a financially sound and efficient Council", plan__council__short_code="lbc"
    )
    body = client.get(f"/reports/line-of-sight/priorities/{priority.pk}/").content.decode()
    assert "CEX 01" in body and "The voluntary separation of two employees" in body
    assert "Embedding the Citizen Engagement workstream" in body
    assert "Delivery of the Luton transformation programme" in body


def test_the_api_gives_the_line_of_sight_beneath_a_priority(as_vera, as_bob, thread):
    response = as_vera.get(f"/api/v1/priorities/{thread['priority'].pk}/line-of-sight")
    assert response.status_code == 200
    body = response.json()
    assert [i["label"] for i in body["indicators"]] == ["LBC 4 Council tax collected"]
    assert {p["id"] for p in body["savings_proposals"]} == {
        thread["linked"].pk,
        thread["direct"].pk,
    }
    assert body["actions"][0]["label"] == "Co-locate the finance teams"
    assert (
        as_bob.get(f"/api/v1/priorities/{thread['priority'].pk}/line-of-sight").status_code == 404
    )
    plans = as_vera.get("/api/v1/corporate-plans").json()["items"]
    assert plans[0]["priorities"][0]["title"] == "Ensure a financially sound Council"


def test_the_quarterly_performance_report_shows_exceptions_and_late_actions(as_vera, thread):
    import datetime
    from decimal import Decimal

    from sightline.performance.models import Actual, Target
    from sightline.plans.models import QuarterlyUpdate

    indicator = thread["indicator"]
    indicator.polarity = "higher"
    indicator.save()
    Target.objects.create(
        indicator=indicator, period=datetime.date(2010, 4, 1), value=Decimal("96")
    )
    Actual.objects.create(
        indicator=indicator,
        period=datetime.date(2010, 4, 1),
        value=Decimal("90.5"),
        commentary="Recession hit collection",
        status="approved",
        approved_by=thread["eve"],
    )
    QuarterlyUpdate.objects.create(
        action=thread["action"],
        fy=FinancialYear(2010),
        quarter=1,
        status="delayed",
        narrative="Accommodation not ready",
    )
    body = as_vera.get("/reports/performance/?fy=2010/11&quarter=1").content.decode()
    assert "Recession hit collection" in body
    assert "Accommodation not ready" in body
    assert "Co-locate the finance teams" in body
    assert as_vera.post("/reports/performance/").status_code == 405


def test_the_line_of_sight_of_a_priority_shows_the_open_risks_to_it(as_vera, thread, council_a):
    from sightline.risks.tests.factories import RiskFactory

    priority = thread["priority"]
    RiskFactory(council=council_a, number=5, title="Failure to keep to budget", priority=priority)
    RiskFactory(
        council=council_a,
        number=6,
        title="A closed risk",
        priority=priority,
        closed_on=datetime.date(2026, 1, 1),
    )
    body = as_vera.get(f"/reports/line-of-sight/priorities/{priority.pk}/").content.decode()
    assert "Risk 5</a> Failure to keep to budget: residual score 6 (initial 9)" in body
    assert "A closed risk" not in body
