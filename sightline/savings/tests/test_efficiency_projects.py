"""A proposal is linked to the departmental efficiency projects it delivers by those who may
change it, only to its own council's projects, with the change in its history."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sightline.core.audit import StaleEdit
from sightline.savings import services
from sightline.savings.tests.factories import ProposalFactory
from sightline.strategy.tests.factories import CorporatePlanFactory, EfficiencyProjectFactory


@pytest.fixture
def proposal(council_a, eve):
    return ProposalFactory(council=council_a, lead_officer=eve.person)


@pytest.fixture
def projects(council_a):
    plan = CorporatePlanFactory(council=council_a)
    return [
        EfficiencyProjectFactory(departmental_plan__plan=plan, title="Lean review of teams"),
        EfficiencyProjectFactory(departmental_plan__plan=plan, title="Day care modernisation"),
    ]


def test_the_programme_office_links_a_proposal_to_its_efficiency_projects(
    alice, proposal, projects
):
    services.proposal_efficiency_projects_set(
        proposal=proposal,
        by=alice,
        projects=projects,
        expected_version=proposal.version,
        reason="The departmental plan's efficiency project",
    )
    assert set(proposal.efficiency_projects.all()) == set(projects)
    assert proposal.version == 2
    change = proposal.history.latest()
    assert change.history_user == alice
    assert change.history_change_reason == "The departmental plan's efficiency project"


def test_the_proposals_lead_may_link_it_and_giving_the_same_projects_changes_nothing(
    eve, proposal, projects
):
    services.proposal_efficiency_projects_set(proposal=proposal, by=eve, projects=projects[:1])
    versions = proposal.history.count()
    services.proposal_efficiency_projects_set(proposal=proposal, by=eve, projects=projects[:1])
    assert proposal.history.count() == versions
    assert list(proposal.efficiency_projects.all()) == projects[:1]


def test_links_replace_the_ones_it_had(alice, proposal, projects):
    services.proposal_efficiency_projects_set(proposal=proposal, by=alice, projects=projects)
    services.proposal_efficiency_projects_set(proposal=proposal, by=alice, projects=[])
    assert not proposal.efficiency_projects.exists()


def test_a_viewer_cannot_link_a_proposal(vera, proposal, projects):
    with pytest.raises(PermissionDenied, match="change this proposal"):
        services.proposal_efficiency_projects_set(proposal=proposal, by=vera, projects=projects)
    assert not proposal.efficiency_projects.exists()


def test_another_councils_projects_are_refused(alice, proposal, council_b):
    theirs = EfficiencyProjectFactory(
        departmental_plan__plan=CorporatePlanFactory(council=council_b)
    )
    with pytest.raises(ValidationError, match="your council's own efficiency projects"):
        services.proposal_efficiency_projects_set(proposal=proposal, by=alice, projects=[theirs])
    assert not proposal.efficiency_projects.exists()


def test_a_stale_edit_is_refused(alice, proposal, projects):
    with pytest.raises(StaleEdit):
        services.proposal_efficiency_projects_set(
            proposal=proposal, by=alice, projects=projects, expected_version=proposal.version + 1
        )
