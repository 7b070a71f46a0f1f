"""Service plans in the JSON API: reading plans and actions, recording an update position
through the same service as the page."""

import datetime

import pytest

from sightline.accounts.tests.factories import DirectorateFactory
from sightline.core.fiscal import FinancialYear
from sightline.plans.models import ObjectiveImpact, QuarterlyUpdate
from sightline.plans.tests.factories import (
    ActionFactory,
    QuarterlyUpdateFactory,
    ServicePlanFactory,
    ServicePriorityFactory,
)
from sightline.strategy.tests.factories import CorporatePlanFactory, PriorityFactory

FY10 = FinancialYear(2010)
JSON = "application/json"


@pytest.fixture
def plan(dan, council_a):
    plan = ServicePlanFactory(
        directorate=dan.membership.directorate,
        title="Corporate Services Departmental Service Plan 2010/11",
        report_of="Mr Mike Fogg, Director of Corporate Services",
    )
    corporate = CorporatePlanFactory(council=council_a, starts=FY10, ends=FY10)
    seven = PriorityFactory(plan=corporate, number=7, title="Improving council services")
    PriorityFactory(plan=corporate, number=8, title="Children and Young People")
    ObjectiveImpact.objects.create(plan=plan, objective=seven, impact="positive")
    priority = ServicePriorityFactory(
        plan=plan, number=6, title="Pay and grading", why="Equal pay", strategic_priority=seven
    )
    action = ActionFactory(
        priority=priority,
        description="Issue HR1 letters",
        deadline="March 2010",
        deadline_on=datetime.date(2010, 3, 31),
        order=1,
    )
    QuarterlyUpdateFactory(
        action=action, quarter=1, status="complete", narrative="Personnel\nAction complete"
    )
    return plan


def test_the_list_gives_the_councils_plans_only(as_vera, as_bob, plan):
    ServicePlanFactory(directorate=DirectorateFactory(council=plan.council), fy=FinancialYear(2011))
    response = as_vera.get("/api/v1/service-plans")
    assert response.status_code == 200
    rows = response.json()["items"]
    assert [r["financial_year"] for r in rows] == ["2011/12", "2010/11"]
    assert rows[1] == {
        "id": plan.pk,
        "url": f"/service-plans/{plan.pk}/",
        "title": "Corporate Services Departmental Service Plan 2010/11",
        "directorate": {"id": plan.directorate_id, "name": plan.directorate.name},
        "financial_year": "2010/11",
        "report_of": "Mr Mike Fogg, Director of Corporate Services",
    }
    assert as_bob.get("/api/v1/service-plans").json()["items"] == []


def test_a_plan_gives_its_priorities_actions_updates_and_grid(as_vera, plan):
    body = as_vera.get(f"/api/v1/service-plans/{plan.pk}").json()
    (priority,) = body["priorities"]
    assert (priority["number"], priority["why"]) == (6, "Equal pay")
    assert priority["strategic_priority"]["number"] == 7
    (action,) = priority["actions"]
    assert (action["number"], action["deadline"], action["late"]) == ("6.1", "March 2010", False)
    (update,) = action["updates"]
    assert update["quarter_label"] == "Quarter 1 (April to June 2010)"
    assert (update["status"], update["status_label"]) == ("complete", "Complete")
    assert update["narrative"] == "Personnel\nAction complete"
    assert [(c["objective"]["number"], c["impact"]) for c in body["impact"]] == [
        (7, "positive"),
        (8, None),
    ]


def test_an_action_reads_with_its_updates(as_vera, plan):
    action = QuarterlyUpdate.objects.get().action
    body = as_vera.get(f"/api/v1/actions/{action.pk}").json()
    assert body["id"] == action.pk and body["plan"] == plan.pk
    assert body["url"] == f"/service-plans/actions/{action.pk}/"
    assert [u["quarter"] for u in body["updates"]] == [1]


def test_another_councils_plan_and_action_are_not_found(as_bob, plan):
    action = QuarterlyUpdate.objects.get().action
    assert as_bob.get(f"/api/v1/service-plans/{plan.pk}").status_code == 404
    assert as_bob.get(f"/api/v1/actions/{action.pk}").status_code == 404
    response = as_bob.put(
        f"/api/v1/actions/{action.pk}/updates",
        {"quarter": 2, "status": "complete", "narrative": "x"},
        content_type=JSON,
    )
    assert response.status_code == 404


def test_an_editor_records_an_update_and_recording_it_again_edits_it(as_eve, eve, plan):
    action = ActionFactory(priority=plan.priorities.get())
    url = f"/api/v1/actions/{action.pk}/updates"
    first = as_eve.put(
        url,
        {"financial_year": "10/11", "quarter": 2, "status": "in_progress", "narrative": "Begun"},
        content_type=JSON,
    )
    assert first.status_code == 200, first.content
    assert first.json()["version"] == 1
    second = as_eve.put(
        url,
        {"quarter": 2, "status": "delayed", "narrative": "Stalled", "version": 1},
        content_type=JSON,
    )
    assert second.status_code == 200
    update = QuarterlyUpdate.objects.get(action=action)
    assert (update.status, update.narrative, update.version, update.modified_by) == (
        "delayed",
        "Stalled",
        2,
        eve,
    )
    stale = as_eve.put(
        url,
        {"quarter": 2, "status": "complete", "narrative": "Done", "version": 1},
        content_type=JSON,
    )
    assert stale.status_code == 422
    assert "changed by someone else" in stale.json()["detail"]


def test_updates_refuse_a_wrong_year_quarter_or_status(as_eve, plan):
    action = QuarterlyUpdate.objects.get().action
    url = f"/api/v1/actions/{action.pk}/updates"
    wrong_year = as_eve.put(
        url,
        {"financial_year": "2011/12", "quarter": 2, "status": "complete", "narrative": "x"},
        content_type=JSON,
    )
    assert wrong_year.status_code == 422
    assert "financial_year" in wrong_year.json()["errors"]
    not_a_year = as_eve.put(
        url,
        {"financial_year": "2011", "quarter": 2, "status": "complete", "narrative": "x"},
        content_type=JSON,
    )
    assert not_a_year.status_code == 422
    bad_quarter = as_eve.put(
        url, {"quarter": 5, "status": "complete", "narrative": "x"}, content_type=JSON
    )
    assert bad_quarter.status_code == 422
    bad_status = as_eve.put(
        url, {"quarter": 2, "status": "finished", "narrative": "x"}, content_type=JSON
    )
    assert bad_status.status_code == 422
    assert QuarterlyUpdate.objects.filter(action=action).count() == 1


def test_a_viewer_may_not_record_an_update(as_vera, plan):
    action = QuarterlyUpdate.objects.get().action
    response = as_vera.put(
        f"/api/v1/actions/{action.pk}/updates",
        {"quarter": 2, "status": "complete", "narrative": "x"},
        content_type=JSON,
    )
    assert response.status_code == 403
    assert "only the programme office" in response.json()["detail"]


def test_the_api_needs_a_login(public, plan):
    assert public.get("/api/v1/service-plans").status_code == 401


def test_the_api_schema_describes_the_service_plan_endpoints(as_vera):
    paths = as_vera.get("/api/v1/openapi.json").json()["paths"]
    assert {
        "/api/v1/service-plans",
        "/api/v1/service-plans/{plan_id}",
        "/api/v1/actions/{action_id}",
        "/api/v1/actions/{action_id}/updates",
    } <= set(paths)


def test_the_api_asks_the_rule_before_reading_the_update(as_vera, plan):
    action = QuarterlyUpdate.objects.get().action
    response = as_vera.put(
        f"/api/v1/actions/{action.pk}/updates",
        {"financial_year": "not a year", "quarter": 9, "status": "complete", "narrative": "x"},
        content_type=JSON,
    )
    assert response.status_code == 403
    assert response.json()["detail"] == (
        "You cannot record an update position on this service plan's actions: only the "
        f"programme office, the director of {plan.directorate} and editors can, and your role "
        "is viewer."
    )
