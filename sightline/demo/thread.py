"""The golden thread from Luton's Corporate Plan 2011-2014 to its savings, loaded after both:
each proposal's strategic priority and the departmental efficiency projects it delivers, and
the harm some of them do to a priority. The links are the demo's reading of the documents
(illustrative); the words of the harms are Luton Together Phase 2's."""

from __future__ import annotations

from collections import defaultdict

from sightline.accounts.models import Council
from sightline.demo.accounts import login
from sightline.demo.sources import CORPORATE_PLAN, ILLUSTRATIVE, cite
from sightline.demo.strategy import EFFICIENCY, PLAN_TITLE
from sightline.savings.models import PriorityImpact, Proposal
from sightline.savings.services import (
    priority_impact_record,
    proposal_efficiency_projects_set,
    proposal_update,
)
from sightline.strategy.models import CorporatePlan, EfficiencyProject

# The strategic priority each department's savings serve, by the reference's prefix.
PRIORITY_BY_PREFIX = {"CEX": 8, "ER": 6, "HCL": 1, "CL": 1}

# Negative impacts recorded on savings proposals: Luton Together Phase 2 says reduced services
# "will negatively impact on environmental quality".
NEGATIVE = [
    (
        "ER 05",
        6,
        "Minimal forward planning: insufficient to support projects for environmental improvement and green space (Luton Together Phase 2, appendix 4).",
    ),
    (
        "ER 07",
        4,
        "Reduced capability on sustainable transport risks increased congestion and less business investment (Luton Together Phase 2, appendix 4).",
    ),
    (
        "CL 02",
        1,
        "Less early intervention funding for vulnerable children unless other funding is found (illustrative reading of Luton Together Phase 2, appendix 4).",
    ),
]


def load_luton(council: Council) -> None:
    office = login("programme_office")
    plan = CorporatePlan.objects.get(council=council, title=PLAN_TITLE)
    priorities = {p.number: p for p in plan.priorities.all()}
    proposals = {p.reference: p for p in Proposal.objects.filter(council=council)}

    projects = defaultdict(list)
    for _name, _theme, title, references in EFFICIENCY:
        project = EfficiencyProject.objects.get(departmental_plan__plan=plan, title=title)
        for reference in references:
            projects[reference].append(project)
    for reference, linked in projects.items():
        proposal = proposals[reference]
        if {p.pk for p in linked} != set(proposal.efficiency_projects.values_list("pk", flat=True)):
            proposal_efficiency_projects_set(
                proposal=proposal,
                by=office,
                projects=linked,
                expected_version=proposal.version,
                reason=cite(CORPORATE_PLAN, "section 5: main departmental efficiency projects"),
            )

    for reference, proposal in proposals.items():
        number = PRIORITY_BY_PREFIX.get(reference.split()[0])
        if number and proposal.priority_id != priorities[number].pk:
            proposal_update(
                proposal=proposal,
                by=office,
                data={"priority": priorities[number]},
                expected_version=proposal.version,
                reason=f"Golden thread link to the {CORPORATE_PLAN}. {ILLUSTRATIVE}.",
            )

    for reference, number, note in NEGATIVE:
        proposal, priority = proposals[reference], priorities[number]
        recorded = PriorityImpact.objects.filter(
            proposal=proposal, priority=priority, indicator=None
        ).first()
        if recorded is None or (recorded.impact, recorded.note) != (
            PriorityImpact.Impact.NEGATIVE,
            note,
        ):
            priority_impact_record(
                proposal=proposal,
                by=office,
                priority=priority,
                impact=PriorityImpact.Impact.NEGATIVE,
                note=note,
            )
