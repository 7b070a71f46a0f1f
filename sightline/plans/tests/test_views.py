"""Every service plan page: happy path, anonymous, other council, role, method."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sightline.core.fiscal import FinancialYear
from sightline.plans.models import (
    Action,
    ObjectiveImpact,
    PersonalObjective,
    QuarterlyUpdate,
    ServicePlan,
    ServicePriority,
)
from sightline.plans.tests.factories import (
    ActionFactory,
    PersonalObjectiveFactory,
    QuarterlyUpdateFactory,
    ServicePlanFactory,
    ServicePriorityFactory,
)
from sightline.strategy.tests.factories import CorporatePlanFactory, PriorityFactory

FY10 = FinancialYear(2010)
TITLE = "Corporate Services Departmental Service Plan 2010/11"
LIMIT = (
    "A service plan has at most 6 priorities: Corporate Services Departmental Service Plan "
    "2010/11 already has 6. Remove or merge one first."
)


@pytest.fixture
def plan(dan):
    return ServicePlanFactory(directorate=dan.membership.directorate, title=TITLE)


@pytest.fixture
def objectives(council_a):
    corporate = CorporatePlanFactory(council=council_a, starts=FY10, ends=FY10)
    return {
        n: PriorityFactory(plan=corporate, number=n, title=f"Corporate objective {n}")
        for n in (7, 8)
    }


@pytest.fixture
def action(plan):
    priority = ServicePriorityFactory(plan=plan, number=6, title="Pay and grading review")
    return ActionFactory(
        priority=priority,
        description="Finalise Allowance Proposals",
        deadline="April 2010",
        deadline_on=datetime.date(2010, 4, 30),
    )


def reading_pages(plan, action):
    return [
        "/service-plans/",
        f"/service-plans/{plan.pk}/",
        f"/service-plans/actions/{action.pk}/",
        "/service-plans/objectives/",
    ]


def editing_pages(plan, action):
    priority = action.priority
    return [
        f"/service-plans/{plan.pk}/edit/",
        f"/service-plans/{plan.pk}/priorities/new/",
        f"/service-plans/{plan.pk}/priorities/{priority.pk}/edit/",
        f"/service-plans/{plan.pk}/actions/new/",
        f"/service-plans/actions/{action.pk}/edit/",
        f"/service-plans/{plan.pk}/impact/",
    ]


def update_page(plan, action):
    return f"/service-plans/{plan.pk}/actions/{action.pk}/update/"


def test_every_page_needs_a_login(public, plan, action):
    for path in [
        *reading_pages(plan, action),
        *editing_pages(plan, action),
        update_page(plan, action),
        "/service-plans/new/",
    ]:
        response = public.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith("/login/"), path


def test_every_reading_page_reads_for_a_viewer(as_vera, plan, action):
    for path in reading_pages(plan, action):
        assert as_vera.get(path).status_code == 200, path


def test_another_councils_plan_and_action_are_not_found(as_bob, plan, action):
    for path in [
        f"/service-plans/{plan.pk}/",
        f"/service-plans/actions/{action.pk}/",
        *editing_pages(plan, action),
        update_page(plan, action),
    ]:
        assert as_bob.get(path).status_code == 404, path
    assert TITLE not in as_bob.get("/service-plans/").content.decode()
    response = as_bob.post(
        update_page(plan, action), {"quarter": 2, "status": "complete", "narrative": "x"}
    )
    assert response.status_code == 404
    assert not QuarterlyUpdate.objects.exists()


def test_an_action_is_found_only_under_its_own_plan(as_alice, plan, action, council_a):
    other = ServicePlanFactory(directorate__council=council_a)
    assert as_alice.get(f"/service-plans/{other.pk}/actions/{action.pk}/update/").status_code == 404


@pytest.mark.parametrize("persona", ["as_vera", "as_colin", "as_fiona"])
def test_readers_may_not_edit_or_record_updates(request, persona, plan, action):
    client = request.getfixturevalue(persona)
    for path in [*editing_pages(plan, action), update_page(plan, action)]:
        response = client.get(path)
        assert response.status_code == 403, path
        assert "You cannot" in response.content.decode()
    assert client.get("/service-plans/new/").status_code == 403
    response = client.post(
        update_page(plan, action), {"quarter": 2, "status": "complete", "narrative": "x"}
    )
    assert response.status_code == 403
    assert not QuarterlyUpdate.objects.exists()


def test_an_editor_records_updates_but_may_not_edit_the_plan(as_eve, plan, action):
    for path in editing_pages(plan, action):
        assert as_eve.get(path).status_code == 403, path
    response = as_eve.post(f"/service-plans/{plan.pk}/priorities/new/", {"title": "Not allowed"})
    assert response.status_code == 403
    assert "only the programme office and the director of" in response.content.decode()
    assert as_eve.get(update_page(plan, action)).status_code == 200


def test_reading_pages_refuse_post_and_removing_refuses_get(as_alice, plan, action):
    for path in [
        "/service-plans/",
        f"/service-plans/{plan.pk}/",
        f"/service-plans/actions/{action.pk}/",
    ]:
        assert as_alice.post(path).status_code == 405, path
    remove = f"/service-plans/{plan.pk}/priorities/{action.priority.pk}/remove/"
    assert as_alice.get(remove).status_code == 405
    assert as_alice.delete(update_page(plan, action)).status_code == 405


# --- happy paths -------------------------------------------------------------------------------


def test_the_programme_office_starts_a_plan(as_alice, dan):
    response = as_alice.post(
        "/service-plans/new/",
        {"directorate": dan.membership.directorate.pk, "fy": "10/11", "title": TITLE},
    )
    plan = ServicePlan.objects.get(title=TITLE)
    assert response.status_code == 302
    assert response["Location"] == f"/service-plans/{plan.pk}/"
    assert plan.fy == FY10
    body = as_alice.get("/service-plans/").content.decode()
    assert "2010/11" in body and TITLE in body


def test_the_director_adds_a_priority_serving_a_corporate_objective(as_dan, plan, objectives):
    response = as_dan.post(
        f"/service-plans/{plan.pk}/priorities/new/",
        {
            "title": "Capture all external legal expenditure by the Council",
            "why": "To ensure that all external legal expenditure is kept to a minimum",
            "strategic_priority": objectives[7].pk,
        },
    )
    priority = ServicePriority.objects.get(plan=plan)
    assert response.status_code == 302
    assert response["Location"] == f"/service-plans/{plan.pk}/#priority-1"
    assert (priority.number, priority.strategic_priority) == (1, objectives[7])
    body = as_dan.get(f"/service-plans/{plan.pk}/").content.decode()
    assert "Capture all external legal expenditure by the Council" in body
    assert "7. Corporate objective 7" in body


def test_the_seventh_priority_is_refused_on_the_page_with_the_limit(as_alice, plan):
    for n in range(1, 7):
        ServicePriorityFactory(plan=plan, number=n)
    assert LIMIT in as_alice.get(f"/service-plans/{plan.pk}/priorities/new/").content.decode()
    response = as_alice.post(
        f"/service-plans/{plan.pk}/priorities/new/", {"title": "A seventh priority"}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in body
    assert LIMIT in body
    assert ServicePriority.objects.filter(plan=plan).count() == 6
    assert not ServicePriority.objects.filter(title="A seventh priority").exists()


def test_the_director_adds_an_action_with_its_deadline_as_worded(as_dan, plan, action):
    response = as_dan.post(
        f"/service-plans/{plan.pk}/actions/new/",
        {
            "priority": action.priority.pk,
            "description": "Develop a Communications Strategy",
            "resourced": "partly",
            "resources": "Use of existing resources",
            "deadline": "Depends on business plan",
            "deadline_on": "",
            "outcome": "To achieve implementation with the minimum of disruption.",
        },
    )
    added = Action.objects.get(description="Develop a Communications Strategy")
    assert response.status_code == 302
    assert response["Location"] == f"/service-plans/{plan.pk}/#action-{added.pk}"
    assert (added.resourced, added.deadline, added.deadline_on) == (
        "partly",
        "Depends on business plan",
        None,
    )
    assert "Depends on business plan" in as_dan.get(f"/service-plans/{plan.pk}/").content.decode()


def test_an_editor_records_a_quarterly_update_that_shows_on_the_plan(as_eve, eve, plan, action):
    form = as_eve.get(update_page(plan, action) + "?quarter=2").content.decode()
    assert "Quarter 2 (July to September 2010)" in form
    response = as_eve.post(
        update_page(plan, action),
        {
            "quarter": "2",
            "status": "delayed",
            "narrative": "Personnel\nNegotiations with Trade Unions on allowances are on-going.",
            "version": "0",
            "loaded_quarter": "2",
        },
    )
    update = QuarterlyUpdate.objects.get(action=action)
    assert response.status_code == 302
    assert response["Location"] == f"/service-plans/{plan.pk}/#action-{action.pk}"
    assert (update.quarter, update.status, update.created_by) == (2, "delayed", eve)
    body = as_eve.get(f"/service-plans/{plan.pk}/").content.decode()
    assert "Negotiations with Trade Unions on allowances are on-going." in body
    assert "Quarter 2 (July to September 2010)" in body
    assert ">Delayed<" in body
    assert ">Late<" in body  # its April 2010 deadline has passed and it is not complete


def test_recording_a_quarter_again_edits_it_and_a_stale_form_is_refused(
    as_eve, as_alice, plan, action
):
    QuarterlyUpdateFactory(action=action, quarter=1, narrative="First wording")
    form = as_alice.get(update_page(plan, action) + "?quarter=1").content.decode()
    assert "First wording" in form
    data = {
        "quarter": "1",
        "status": "complete",
        "narrative": "Done",
        "version": "1",
        "loaded_quarter": "1",
    }
    assert as_alice.post(update_page(plan, action), data).status_code == 302
    stale = as_eve.post(update_page(plan, action), {**data, "narrative": "Eve's"})
    assert stale.status_code == 200
    assert "was changed by someone else" in stale.content.decode()
    update = QuarterlyUpdate.objects.get(action=action)
    assert (update.narrative, update.version) == ("Done", 2)
    history = as_alice.get(f"/service-plans/actions/{action.pk}/").content.decode()
    assert "First wording" in history and "Changes to the Quarter 1 update position" in history


def test_a_quarterly_update_without_a_narrative_shows_an_error_summary(as_eve, plan, action):
    body = as_eve.post(update_page(plan, action), {"quarter": "2", "status": "complete"}).content
    assert "There is a problem" in body.decode()
    assert not QuarterlyUpdate.objects.exists()


def test_the_impact_grid_is_set_from_its_page_and_shown_as_a_table(as_dan, plan, objectives):
    seven, eight = objectives[7], objectives[8]
    response = as_dan.post(
        f"/service-plans/{plan.pk}/impact/",
        {f"objective_{seven.pk}": "positive", f"objective_{eight.pk}": "not_assessed"},
    )
    assert response.status_code == 302
    assert dict(ObjectiveImpact.objects.values_list("objective_id", "impact")) == {
        seven.pk: "positive"
    }
    body = as_dan.get(f"/service-plans/{plan.pk}/").content.decode()
    assert "Corporate objective monitoring" in body
    assert ">Positive<" in body and "Not assessed" in body


def test_the_programme_office_sets_a_personal_objective(as_alice, eve, action):
    response = as_alice.post(
        "/service-plans/objectives/",
        {
            "person": eve.person.pk,
            "action": action.pk,
            "title": "Agree the allowances with the trade unions",
            "starts_on": "2010-04-01",
        },
    )
    objective = PersonalObjective.objects.get()
    assert response.status_code == 302
    assert (objective.person, objective.action) == (eve.person, action)
    assert objective.review_on == datetime.date(2010, 10, 1)
    body = as_alice.get("/service-plans/objectives/").content.decode()
    assert "Agree the allowances with the trade unions" in body and "1 Oct 2010" in body


def test_personal_objectives_are_not_shown_to_other_staff(as_vera, as_eve, eve, action):
    objective = PersonalObjectiveFactory(person=eve.person, action=action, title="Eve's PPA")
    assert "Eve&#x27;s PPA" in as_eve.get("/service-plans/objectives/").content.decode()
    assert "Eve&#x27;s PPA" not in as_vera.get("/service-plans/objectives/").content.decode()
    assert as_vera.get(f"/service-plans/objectives/{objective.pk}/").status_code == 404


def test_the_plan_page_shows_its_history(as_alice, plan):
    as_alice.post(
        f"/service-plans/{plan.pk}/edit/",
        {"title": TITLE, "summary": "Revised summary", "version": "1", "reason": "Cabinet asked"},
    )
    plan.refresh_from_db()
    assert plan.summary == "Revised summary"
    body = as_alice.get(f"/service-plans/{plan.pk}/").content.decode()
    assert 'id="history"' in body and "Cabinet asked" in body


# --- performance -------------------------------------------------------------------------------


def _plan_with(council_a, priorities: int):
    plan = ServicePlanFactory(directorate__council=council_a)
    for n in range(1, priorities + 1):
        priority = ServicePriorityFactory(plan=plan, number=n)
        for _ in range(3):
            action = ActionFactory(priority=priority)
            QuarterlyUpdateFactory(action=action, quarter=1)
            QuarterlyUpdateFactory(action=action, quarter=2)
    return plan


def _queries(client, plan) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(f"/service-plans/{plan.pk}/").status_code == 200
    return len(queries)


def test_the_plan_page_makes_as_many_queries_for_6_priorities_as_for_2(as_vera, council_a):
    small, large = _plan_with(council_a, 2), _plan_with(council_a, 6)
    _queries(as_vera, small)
    assert _queries(as_vera, small) == _queries(as_vera, large)


def test_the_director_edits_a_priority_and_removes_an_empty_one(as_dan, plan, objectives):
    keep = ServicePriorityFactory(plan=plan, number=1, title="Old wording")
    empty = ServicePriorityFactory(plan=plan, number=2, title="To be merged")
    response = as_dan.post(
        f"/service-plans/{plan.pk}/priorities/{keep.pk}/edit/",
        {
            "title": "New wording",
            "why": "Because",
            "strategic_priority": objectives[8].pk,
            "version": "1",
            "reason": "Clearer",
        },
    )
    assert response.status_code == 302
    keep.refresh_from_db()
    assert (keep.title, keep.strategic_priority, keep.version) == ("New wording", objectives[8], 2)
    response = as_dan.post(
        f"/service-plans/{plan.pk}/priorities/{empty.pk}/remove/", {"reason": "Merged into 1"}
    )
    assert response.status_code == 302
    assert list(ServicePriority.objects.filter(plan=plan).values_list("number", flat=True)) == [1]


def test_a_priority_with_actions_is_not_removed(as_alice, plan, action):
    response = as_alice.post(
        f"/service-plans/{plan.pk}/priorities/{action.priority.pk}/remove/", follow=True
    )
    assert "still has actions" in response.content.decode()
    assert ServicePriority.objects.filter(pk=action.priority.pk).exists()


def test_the_director_edits_an_action_and_its_history_shows(as_dan, plan, action):
    response = as_dan.post(
        f"/service-plans/actions/{action.pk}/edit/",
        {
            "priority": action.priority.pk,
            "description": action.description,
            "resourced": "no",
            "resources": "",
            "deadline": "October 2010",
            "deadline_on": "2010-10-31",
            "outcome": action.outcome,
            "version": "1",
            "reason": "Deadline moved by Cabinet",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == f"/service-plans/actions/{action.pk}/"
    action.refresh_from_db()
    assert (action.deadline, action.resourced, action.version) == ("October 2010", "no", 2)
    body = as_dan.get(f"/service-plans/actions/{action.pk}/").content.decode()
    assert "Deadline moved by Cabinet" in body and "October 2010" in body


def test_a_person_records_their_end_of_year_review(as_eve, eve, action):
    objective = PersonalObjectiveFactory(person=eve.person, action=action, title="Eve's PPA")
    response = as_eve.post(
        f"/service-plans/objectives/{objective.pk}/",
        {
            "action": action.pk,
            "title": "Eve's PPA",
            "starts_on": "2010-04-01",
            "review_on": "2010-10-01",
            "final_review_on": "2011-03-31",
            "version": "1",
        },
    )
    assert response.status_code == 302
    objective.refresh_from_db()
    assert objective.final_review_on == datetime.date(2011, 3, 31)
    assert objective.person == eve.person


def test_an_edit_posted_with_a_version_that_is_not_a_number_is_no_server_error(as_alice, plan):
    """Found by tests/properties: a tampered version ("nul\\x00byte") reached int() in the view
    and answered 500."""
    response = as_alice.post(
        f"/service-plans/{plan.pk}/edit/",
        {"version": "not a number", "title": "Renamed plan", "report_of": "", "summary": ""},
    )
    assert response.status_code in (200, 302)
