"""Personal objectives fifty a page, and an action's history fifty changes a page, each with
the same queries however many there are."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sightline.plans.tests.factories import (
    ActionFactory,
    PersonalObjectiveFactory,
    ServicePlanFactory,
    ServicePriorityFactory,
)


@pytest.fixture
def action(dan):
    plan = ServicePlanFactory(directorate=dan.membership.directorate)
    priority = ServicePriorityFactory(plan=plan, number=1, title="Pay and grading review")
    return ActionFactory(priority=priority, description="Finalise Allowance Proposals")


def add(action, count, start=0):
    for n in range(start, start + count):
        PersonalObjectiveFactory(
            action=action, title=f"Objective {n:03d}", starts_on=datetime.date(2010, 4, 1)
        )


def queries(client, path):
    with CaptureQueriesContext(connection) as context:
        response = client.get(path)
    assert response.status_code == 200, response.content
    return len(context.captured_queries), response.content.decode()


def test_objectives_are_shown_fifty_a_page(as_alice, action):
    add(action, 55)
    first = as_alice.get("/service-plans/objectives/").content.decode()
    assert "Showing 1 to 50 of 55 objectives." in first
    assert first.count(">Objective 0") == 50
    second = as_alice.get("/service-plans/objectives/?page=2").content.decode()
    assert "Showing 51 to 55 of 55 objectives." in second and second.count(">Objective 0") == 5
    assert "Showing 51 to 55" in as_alice.get("/service-plans/objectives/?page=9").content.decode()


def test_the_objectives_page_takes_the_same_queries_for_5_and_60(as_alice, action):
    add(action, 5)
    few, _ = queries(as_alice, "/service-plans/objectives/")
    add(action, 55, start=5)
    many, body = queries(as_alice, "/service-plans/objectives/")
    assert "Showing 1 to 50 of 60 objectives." in body
    assert many == few


def test_an_actions_history_is_paged_with_the_same_queries(as_alice, action):
    def change(times):
        for n in range(times):
            action.outcome = f"Outcome {n}"
            action.save()

    change(4)
    few, body = queries(as_alice, f"/service-plans/actions/{action.pk}/")
    assert "Showing changes" not in body
    change(55)
    many, body = queries(as_alice, f"/service-plans/actions/{action.pk}/")
    assert "Showing changes 1 to 50, newest first." in body
    assert 'href="?history=2#history" rel="next"' in body
    assert many == few
    older, body = queries(as_alice, f"/service-plans/actions/{action.pk}/?history=2")
    assert "Showing changes 51 to 60, newest first." in body and older == few
