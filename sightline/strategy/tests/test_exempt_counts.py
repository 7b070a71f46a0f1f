"""The golden thread counts and lists only the savings proposals its reader may see: exempt
ones for those entitled, their own leads, or once they may be published."""

import datetime
import re

import pytest

from sightline.savings.tests.factories import ProposalFactory
from sightline.strategy.tests.factories import EfficiencyProjectFactory, PriorityFactory


@pytest.fixture
def priority(council_a):
    return PriorityFactory(plan__council=council_a, number=1, title="A financially sound Council")


def savings_count(client) -> int:
    body = client.get("/plan/").content.decode()
    row = re.search(r"1\. A financially sound Council</a>.*?</tr>", body, re.S).group(0)
    return int(re.findall(r'<td class="govuk-table__cell sl-num">(\d+)</td>', row)[-1])


@pytest.fixture
def exempt(council_a, priority):
    ProposalFactory(council=council_a, priority=priority, title="Open saving")
    return ProposalFactory(
        council=council_a,
        priority=priority,
        title="Closure of a care home",
        exempt=True,
        exempt_paragraphs="3",
    )


def test_the_plan_counts_an_exempt_proposal_only_for_those_entitled(as_vera, as_alice, exempt):
    assert savings_count(as_alice) == 2
    assert savings_count(as_vera) == 1


def test_the_plan_counts_an_exempt_proposal_for_its_lead(as_eve, eve, exempt):
    assert savings_count(as_eve) == 1
    exempt.lead_officer = eve.person
    exempt.save()
    assert savings_count(as_eve) == 2


def test_the_plan_counts_an_exempt_proposal_once_it_may_be_published(as_vera, exempt):
    exempt.exempt_until = datetime.date(2020, 1, 1)
    exempt.save()
    assert savings_count(as_vera) == 2


def test_the_plan_does_not_count_archived_or_another_councils_proposals(
    as_alice, council_a, council_b, priority
):
    from django.utils import timezone

    ProposalFactory(council=council_a, priority=priority, archived_at=timezone.now())
    ProposalFactory(council=council_b, priority=priority)
    assert savings_count(as_alice) == 0


def test_a_departmental_plan_lists_an_exempt_proposal_to_its_lead_but_not_a_viewer(
    as_eve, as_vera, eve, council_a, dan
):
    project = EfficiencyProjectFactory(
        departmental_plan__plan__council=council_a,
        departmental_plan__directorate=dan.membership.directorate,
    )
    proposal = ProposalFactory(
        council=council_a,
        reference="SAV 900",
        exempt=True,
        exempt_paragraphs="3",
        lead_officer=eve.person,
    )
    proposal.efficiency_projects.add(project)
    path = f"/plan/departments/{project.departmental_plan.pk}/"
    assert "SAV 900" in as_eve.get(path).content.decode()
    assert "SAV 900" not in as_vera.get(path).content.decode()
