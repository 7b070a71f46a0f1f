"""Every write to service plans: roles, the six-priority limit, one update per quarter,
versions, the impact grid and personal objectives."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from sightline.accounts.models import Role
from sightline.accounts.tests.factories import PersonFactory, member
from sightline.core.audit import StaleEdit
from sightline.core.fiscal import FinancialYear
from sightline.core.history import history_for
from sightline.plans import selectors, services
from sightline.plans.models import (
    Action,
    ObjectiveImpact,
    PersonalObjective,
    QuarterlyUpdate,
    ServicePriority,
    UpdateStatus,
)
from sightline.plans.tests.factories import (
    ActionFactory,
    PersonalObjectiveFactory,
    ServicePlanFactory,
    ServicePriorityFactory,
)
from sightline.strategy.tests.factories import CorporatePlanFactory, PriorityFactory

FY10 = FinancialYear(2010)
TITLE = "Corporate Services Departmental Service Plan 2010/11"


@pytest.fixture
def plan(dan):
    return ServicePlanFactory(directorate=dan.membership.directorate, title=TITLE)


@pytest.fixture
def objectives(council_a):
    corporate = CorporatePlanFactory(council=council_a, starts=FY10, ends=FY10)
    return {
        n: PriorityFactory(plan=corporate, number=n, title=f"Corporate objective {n}")
        for n in range(1, 9)
    }


@pytest.fixture
def action(plan):
    return ActionFactory(priority=ServicePriorityFactory(plan=plan, number=1))


def _six(plan):
    for n in range(1, 7):
        ServicePriorityFactory(plan=plan, number=n)


# --- plans and priorities ----------------------------------------------------------------------


def test_the_programme_office_starts_a_plan_for_a_directorate_and_year(alice, dan):
    plan = services.plan_create(
        by=alice, directorate=dan.membership.directorate, fy=FY10, title=TITLE
    )
    assert plan.council == alice.membership.council
    assert plan.history.filter(history_type="+", history_user=alice).exists()
    with pytest.raises(ValidationError, match="already has a service plan for 2010/11"):
        services.plan_create(by=alice, directorate=dan.membership.directorate, fy=FY10, title="x")


def test_a_director_starts_plans_only_for_their_own_directorate(dan, council_a):
    other = member(council_a, Role.DIRECTOR)
    with pytest.raises(PermissionDenied, match="only for their own directorate"):
        services.plan_create(by=dan, directorate=other.membership.directorate, fy=FY10, title="x")
    assert services.plan_create(by=dan, directorate=dan.membership.directorate, fy=FY10, title="x")


def test_priorities_are_numbered_in_turn_and_audited(alice, plan, objectives):
    first = services.priority_add(
        plan=plan, by=alice, title="Integration", why="Savings", strategic_priority=objectives[7]
    )
    second = services.priority_add(plan=plan, by=alice, title="ICT strategy")
    assert (first.number, second.number) == (1, 2)
    assert first.strategic_priority == objectives[7]
    assert ServicePriority.history.filter(history_type="+").count() == 2
    assert first.history.count() == 1


def test_a_seventh_priority_is_refused_with_a_message_naming_the_limit(alice, plan):
    _six(plan)
    with pytest.raises(ValidationError) as refused:
        services.priority_add(plan=plan, by=alice, title="A seventh priority")
    assert refused.value.messages == [
        "A service plan has at most 6 priorities: Corporate Services Departmental Service Plan "
        "2010/11 already has 6. Remove or merge one first."
    ]
    assert ServicePriority.objects.filter(plan=plan).count() == 6


def test_the_database_refuses_a_priority_numbered_past_six(plan):
    with pytest.raises(IntegrityError), transaction.atomic():
        ServicePriority.objects.create(plan=plan, number=7, title="Seventh")


def test_a_removed_priority_frees_its_number_but_not_while_it_has_actions(alice, plan):
    _six(plan)
    third = ServicePriority.objects.get(plan=plan, number=3)
    ActionFactory(priority=third)
    with pytest.raises(ValidationError, match="still has actions"):
        services.priority_remove(priority=third, by=alice)
    Action.objects.filter(priority=third).delete()
    services.priority_remove(priority=third, by=alice, reason="Merged into priority 2")
    assert services.priority_add(plan=plan, by=alice, title="Replacement").number == 3
    assert ServicePriority.history.filter(
        history_type="-", history_change_reason__contains="Merged"
    )


def test_a_priority_may_serve_only_its_own_councils_objective(alice, plan, council_b):
    theirs = PriorityFactory(plan=CorporatePlanFactory(council=council_b))
    with pytest.raises(ValidationError, match="your council's own corporate objectives"):
        services.priority_add(plan=plan, by=alice, title="x", strategic_priority=theirs)


def test_the_plans_director_edits_it_and_no_other_director_may(dan, plan, council_a):
    services.priority_add(plan=plan, by=dan, title="Dan's priority")
    other = member(council_a, Role.DIRECTOR)
    with pytest.raises(PermissionDenied, match="only the programme office and the director of"):
        services.priority_add(plan=plan, by=other, title="Not theirs")


@pytest.mark.parametrize("persona", ["eve", "fiona", "colin", "vera"])
def test_only_the_programme_office_and_director_change_the_plan(request, persona, plan, action):
    user = request.getfixturevalue(persona)
    with pytest.raises(PermissionDenied, match="You cannot"):
        services.priority_add(plan=plan, by=user, title="x")
    with pytest.raises(PermissionDenied):
        services.action_add(priority=action.priority, by=user, description="x")
    with pytest.raises(PermissionDenied):
        services.plan_update(plan=plan, by=user, data={"title": "x"})
    with pytest.raises(PermissionDenied):
        services.impact_grid_set(plan=plan, by=user, impacts={})


def test_a_stale_plan_edit_is_refused(alice, plan):
    services.plan_update(plan=plan, by=alice, data={"summary": "First"}, expected_version=1)
    with pytest.raises(StaleEdit):
        services.plan_update(plan=plan, by=alice, data={"summary": "Second"}, expected_version=1)
    plan.refresh_from_db()
    assert (plan.summary, plan.version) == ("First", 2)


# --- actions -----------------------------------------------------------------------------------


def test_actions_are_added_in_order_under_their_priority(dan, plan):
    priority = ServicePriorityFactory(plan=plan, number=6)
    first = services.action_add(
        priority=priority,
        by=dan,
        description="Complete TU Consultation concerning the implementation proposals.",
        resourced=Action.Resourced.YES,
        resources="Use of existing resources.",
        deadline="June 2010",
        deadline_on=datetime.date(2010, 6, 30),
        outcome="To avoid legal challenges if the pay structure has to be imposed.",
    )
    second = services.action_add(priority=priority, by=dan, description="Issue HR1 letters")
    assert (first.order, second.order) == (1, 2)
    assert first.deadline == "June 2010"


def test_an_action_moves_only_to_a_priority_of_its_own_plan(alice, action, council_a):
    elsewhere = ServicePriorityFactory(plan=ServicePlanFactory(directorate__council=council_a))
    with pytest.raises(ValidationError, match="this plan's own priorities"):
        services.action_update(action=action, by=alice, data={"priority": elsewhere})
    merged_into = ServicePriorityFactory(plan=action.priority.plan, number=2)
    moved = services.action_update(action=action, by=alice, data={"priority": merged_into})
    assert moved.priority == merged_into


# --- quarterly update positions ----------------------------------------------------------------


def test_an_editor_records_an_update_position(eve, action):
    update = services.quarterly_update_record(
        action=action, by=eve, quarter=2, status=UpdateStatus.ON_TARGET, narrative="Personnel\nOn"
    )
    assert (update.fy, update.quarter, update.status) == (FY10, 2, "on_target")
    assert update.created_by == eve
    assert update.history.filter(history_type="+", history_user=eve).exists()


@pytest.mark.parametrize("persona", ["fiona", "colin", "vera", "bob"])
def test_finance_councillors_viewers_and_other_councils_may_not_record_updates(
    request, persona, action
):
    user = request.getfixturevalue(persona)
    with pytest.raises(PermissionDenied):
        services.quarterly_update_record(
            action=action, by=user, quarter=1, status="complete", narrative="Done"
        )
    assert not QuarterlyUpdate.objects.exists()


def test_there_is_one_update_per_quarter_and_recording_it_again_edits_it(eve, alice, action):
    services.quarterly_update_record(
        action=action, by=eve, quarter=1, status="in_progress", narrative="Negotiations on-going."
    )
    again = services.quarterly_update_record(
        action=action,
        by=alice,
        quarter=1,
        status="delayed",
        narrative="Negotiations stalled.",
        expected_version=1,
        reason="Unions to ballot",
    )
    assert QuarterlyUpdate.objects.filter(action=action).count() == 1
    assert (again.version, again.status, again.narrative) == (2, "delayed", "Negotiations stalled.")
    assert again.history.count() == 2
    assert [h.narrative for h in again.history.order_by("history_id")] == [
        "Negotiations on-going.",
        "Negotiations stalled.",
    ]
    changed = history_for(again)[0]
    assert changed.changed()["status"] == ("In progress", "Delayed")
    assert changed.reason == "Unions to ballot"


def test_a_stale_update_is_refused_and_one_recorded_meanwhile_is_not_overwritten(
    eve, alice, action
):
    services.quarterly_update_record(
        action=action, by=eve, quarter=1, status="in_progress", narrative="Eve's"
    )
    services.quarterly_update_record(
        action=action,
        by=alice,
        quarter=1,
        status="complete",
        narrative="Alice's",
        expected_version=1,
    )
    with pytest.raises(StaleEdit, match="changed by someone else"):
        services.quarterly_update_record(
            action=action,
            by=eve,
            quarter=1,
            status="delayed",
            narrative="Eve's again",
            expected_version=1,
        )
    with pytest.raises(StaleEdit, match="already exists"):
        services.quarterly_update_record(
            action=action,
            by=eve,
            quarter=1,
            status="delayed",
            narrative="Eve's new",
            expected_version=0,
        )
    assert QuarterlyUpdate.objects.get(action=action).narrative == "Alice's"


def test_updates_are_for_quarters_1_to_4_of_the_plans_year_and_need_a_narrative(eve, action):
    with pytest.raises(ValidationError, match="plan is for 2010/11"):
        services.quarterly_update_record(
            action=action,
            by=eve,
            fy=FinancialYear(2011),
            quarter=1,
            status="complete",
            narrative="x",
        )
    with pytest.raises(ValidationError, match="quarter from 1 to 4"):
        services.quarterly_update_record(
            action=action, by=eve, quarter=5, status="complete", narrative="x"
        )
    with pytest.raises(ValidationError, match="position is at the end of the quarter"):
        services.quarterly_update_record(
            action=action, by=eve, quarter=1, status="complete", narrative="  "
        )
    with pytest.raises(ValidationError):
        services.quarterly_update_record(
            action=action, by=eve, quarter=1, status="finished", narrative="x"
        )
    assert not QuarterlyUpdate.objects.exists()


def test_a_late_action_is_one_whose_deadline_passed_and_is_not_complete(vera, eve, plan):
    priority = ServicePriorityFactory(plan=plan, number=6)
    late = ActionFactory(
        priority=priority, deadline="April 2010", deadline_on=datetime.date(2010, 4, 30)
    )
    done = ActionFactory(
        priority=priority, deadline="March 2010", deadline_on=datetime.date(2010, 3, 31)
    )
    ActionFactory(priority=priority, deadline="Depends on business plan", deadline_on=None)
    services.quarterly_update_record(
        action=late, by=eve, quarter=1, status="in_progress", narrative="x"
    )
    services.quarterly_update_record(
        action=done, by=eve, quarter=1, status="complete", narrative="x"
    )
    detail = selectors.plan_detail(membership=vera.membership, plan=plan)
    rows = {a.action.pk: a for a in detail["priorities"][0].actions}
    assert rows[late.pk].late and not rows[done.pk].late
    assert detail["late_count"] == 1


# --- the corporate objective impact grid -------------------------------------------------------


def test_the_impact_grid_is_set_changed_and_cleared_with_history(dan, plan, objectives):
    services.impact_grid_set(
        plan=plan, by=dan, impacts={objectives[7]: "positive", objectives[8]: "neutral"}
    )
    assert dict(ObjectiveImpact.objects.values_list("objective__number", "impact")) == {
        7: "positive",
        8: "neutral",
    }
    services.impact_grid_set(
        plan=plan, by=dan, impacts={objectives[8]: "negative", objectives[1]: None}
    )
    services.impact_grid_set(plan=plan, by=dan, impacts={objectives[7]: None}, reason="Unsure")
    assert dict(ObjectiveImpact.objects.values_list("objective__number", "impact")) == {
        8: "negative"
    }
    assert ObjectiveImpact.history.filter(history_type="-", history_change_reason="Unsure").exists()
    assert ObjectiveImpact.history.filter(history_type="-").count() == 1
    detail = selectors.plan_detail(membership=dan.membership, plan=plan)
    assert [(c.objective.number, c.impact and c.impact.impact) for c in detail["grid"]] == [
        (1, None),
        (2, None),
        (3, None),
        (4, None),
        (5, None),
        (6, None),
        (7, None),
        (8, "negative"),
    ]


def test_the_grid_takes_only_the_councils_own_objectives(alice, plan, council_b):
    theirs = PriorityFactory(plan=CorporatePlanFactory(council=council_b))
    with pytest.raises(ValidationError):
        services.impact_grid_set(plan=plan, by=alice, impacts={theirs: "positive"})
    assert not ObjectiveImpact.objects.exists()


# --- personal objectives (PPA) -----------------------------------------------------------------


def test_an_objectives_six_month_review_defaults_to_six_months_after_its_start(alice, eve, action):
    objective = services.objective_create(
        by=alice,
        person=eve.person,
        action=action,
        title="Deliver the new pay structure",
        starts_on=datetime.date(2010, 4, 1),
    )
    assert objective.review_on == datetime.date(2010, 10, 1)
    assert objective.final_review_on is None
    assert objective.history.filter(history_type="+", history_user=alice).exists()


def test_the_person_their_director_and_the_programme_office_keep_objectives(
    alice, dan, eve, vera, council_a, action
):
    services.objective_create(
        by=eve, person=eve.person, action=action, title="Mine", starts_on=datetime.date(2010, 4, 1)
    )
    services.objective_create(
        by=dan,
        person=vera.person,
        action=action,
        title="Dan's",
        starts_on=datetime.date(2010, 4, 1),
    )
    with pytest.raises(PermissionDenied, match="only the person themselves"):
        services.objective_create(
            by=eve,
            person=vera.person,
            action=action,
            title="x",
            starts_on=datetime.date(2010, 4, 1),
        )
    other = member(council_a, Role.DIRECTOR)
    with pytest.raises(PermissionDenied):
        services.objective_create(
            by=other,
            person=vera.person,
            action=action,
            title="x",
            starts_on=datetime.date(2010, 4, 1),
        )
    assert PersonalObjective.objects.count() == 2


def test_only_the_person_their_director_and_the_programme_office_read_an_objective(
    alice, dan, eve, vera, colin, council_a, action
):
    objective = PersonalObjectiveFactory(person=eve.person, action=action)
    other = member(council_a, Role.DIRECTOR)
    for user, sees in [
        (alice, True),
        (dan, True),
        (eve, True),
        (vera, False),
        (colin, False),
        (other, False),
    ]:
        visible = selectors.objective_list(membership=user.membership)
        assert visible.filter(pk=objective.pk).exists() is sees, user.username


def test_an_objective_is_for_a_person_and_action_of_the_same_council(alice, action, council_b):
    stranger = PersonFactory(council=council_b)
    with pytest.raises(PermissionDenied, match="another council"):
        services.objective_create(
            by=alice, person=stranger, action=action, title="x", starts_on=datetime.date(2010, 4, 1)
        )


def test_an_objectives_review_dates_follow_its_start(alice, eve, action):
    with pytest.raises(ValidationError, match="after the start date"):
        services.objective_create(
            by=alice,
            person=eve.person,
            action=action,
            title="x",
            starts_on=datetime.date(2010, 4, 1),
            review_on=datetime.date(2010, 3, 1),
        )
    objective = services.objective_create(
        by=alice, person=eve.person, action=action, title="x", starts_on=datetime.date(2010, 4, 1)
    )
    updated = services.objective_update(
        objective=objective,
        by=eve,
        data={"final_review_on": datetime.date(2011, 3, 31)},
        expected_version=1,
    )
    assert updated.version == 2 and updated.final_review_on == datetime.date(2011, 3, 31)
