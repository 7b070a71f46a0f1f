"""Seed 004's Corporate Services Departmental Service Plan 2010/11 reads back complete on its
page after ``load_demo``. The expected text is copied from the seed, not from the loader."""

import html
import re

import pytest
from django.test import Client

from sightline.accounts.models import Council, Role
from sightline.accounts.tests.factories import member
from sightline.plans.models import ObjectiveImpact, PersonalObjective, QuarterlyUpdate, ServicePlan

PRIORITIES = [
    "Integration and review of all corporate service divisions, which include the combined BSU, "
    "Finance & IS, Legal and Personnel.",
    "Support the transformational agenda by both undertaking and supporting reviews and "
    "rationalisations.",
    "Create an ICT strategy that supports the transformation and rationalisation agenda.",
    "Capture all external legal expenditure by the Council and optimise the use of the Legal "
    "Consortium.",
    "Provide legal support to major capital schemes in particular Housing Market Renewal.",
    "Implementation of NJC pay and grading review in October 2010.",
]
WHY = [
    "This is as a result of the Transformation agenda to enable significant budgetary savings to "
    "be made across the Corporate Services Department.",
    "Delivery of a programme of rationalisation proposals that yield savings required as part of "
    "the transformation programme.",
    "This will support the Transformation agenda, and will be influenced by the needs of the "
    "business.",
    "To ensure that all external legal expenditure is kept to a minimum and to ensure that value "
    "for money is obtained.",
    "These are priority schemes which are major capital schemes requiring significant input.",
    "To comply with the single status requirements of the Green Book and to resist Equal Pay "
    "claims in the future.",
]
ACTIONS = [
    "Any interim arrangements are finalised and permanent recruitment has been undertaken for key "
    "positions. Consult service users in the creation and development of all integrated services "
    "within the Corporate Services Department to ensure that they are fit for purpose. Implement "
    "agreed structures. Deliver cost savings on previous structures.",
    "Providing information, advice & support to achieve interim savings. Developing efficiency "
    "proposals. Consulting & Negotiating the proposals with the trade unions.",
    "Dependent upon completion of the Council's business and transformation strategy. Input from "
    "major departments on business change. Work with Arvato to create technical strategy.",
    "Full co-ordination between Consortium Members, internal legal staff and client departments.",
    "Providing Legal Services in connection with land acquisition, planning processes, compulsory "
    "purchase orders and statutory orders.",
    "Complete TU Consultation concerning the implementation proposals.",
    "Issue HR1 & Section Notice Letters regarding the potential to dismiss and re- engage the NJC "
    "workforce.",
    "Finalise Allowance Proposals so they can joined to the pay structure proposals.",
    "Develop a Communications Strategy that ensures that the Council's proposals are understood "
    "by all stakeholders",
    "Finalise New Pay Specification so that Arvato can build the new pay structure in Resource "
    "Link.",
]
DEADLINES = [
    "March 2011",
    "Depends on business plan",
    "April 2011",
    "Timescales will be in accordance with the programmes for each scheme Review progress - "
    "March 2011",
    "June 2010",
    "March 2010",
    "April 2010",
]
RESOURCED = [
    "Use of existing resources.",
    "Funding will be in accordance with the Council's Capital Programme.",
]
OUTCOMES = [
    "To maintain and improve the efficiency of the Corporate Services Department at reduced cost",
    "To benchmark external legal expenditure for the financial years 2008/9 and 2009/10 and to "
    "compare with expenditure in 2010/11",
    "Successful completion of capital schemes e.g. road link and HMR Projects.",
    "To avoid legal challenges if the pay structure has to be imposed. The trade unions have not "
    "formally approved the pay structure and wish to ballot. This may cause delays",
    "To develop and test the new pay structure for operation in October.",
]
# Every Quarter 1 update position, each with its division headings.
Q1 = [
    "Finance & IS It is proposed that finance teams from Children, Schools and Familiies "
    "(2 teams), Health and Well Being and the Chief Executives & Communities Business Support "
    "Unit (1 team) will integrate with Corporate Finance in Magdalen House at the beginning of "
    "October 2010",
    "Once the teams are colocated, a fundamental review of structure and fuctions will be carried "
    "out with a view to having a final structure in place by 1st April 2011.",
    "Legal Action has been taken to establish a 'pure' legal function with a sole focus on "
    "providing authoritative advice and support to the Council and Client Departments.",
    "With finally Democratic Services being relocated to the Assistant Chief Executive.",
    "Personnel Integration process in progress. Physical moves of staff have been made within "
    "Merton House",
    "Finance & IS In addition to delivering service efficiencies and improvements the target "
    "budget savings of £100K will be delivered. Legal No comments to date. Personnel As part of "
    "the integration process and the review of job roles",
    "Finance & IS The ICT Strategy will provide the requirements and direction for ICT "
    "expenditure. It will create new projects and curtail or foreshorten others.",
    "Legal There have been a number of ICT technical issues which have required addressing before "
    "the Consortium could become operationally effective.",
    "Legal Acquisitions were previously outsourced to external solicitors, but are now being "
    "conducted by the in house legal department with effect from July 2010.",
    "Personnel Consultation with Trade Unions undertaken in relation to the implementation of pay "
    "and grading However, Trade Unions are also considering their responses to likely impacts.",
    "Personnel Action complete and was issued within the target deadline set.",
    "Personnel Negotiations with Trade Unions on allowances are on-going. It is unlikely that "
    "these will be implemented at the same time as pay and grading in October 2010.",
    "Personnel A communications strategy was implemented and has included the following methods. "
    "A Help Desk to answer any queries on JE results. A Managers tool-kit. A staff booklet.",
    "Personalised letters to each employee.",
    "Personnel Work is on-going and meetings have been held with Arvato to discuss "
    "implementation, but it is anticipated that the new pay structure within Resource Link will "
    "be delivered on time.",
]


def _text(body: str) -> str:
    """The page as a reader sees it: tags dropped, entities decoded, whitespace collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


@pytest.fixture
def sefton_plan(demo_data, db):
    sefton = Council.objects.get(short_code="sefton")
    client = Client()
    client.force_login(member(sefton, Role.VIEWER))
    plan = ServicePlan.objects.get(
        council=sefton, title="Corporate Services Departmental Service Plan 2010/11"
    )
    return plan, client


def test_seed_004s_plan_reads_back_complete_on_its_page(sefton_plan):
    plan, client = sefton_plan
    response = client.get(f"/service-plans/{plan.pk}/")
    assert response.status_code == 200
    page = _text(response.content.decode())
    assert "Mike Fogg, Director of Corporate Services" in page
    for text in [*PRIORITIES, *WHY, *ACTIONS, *DEADLINES, *RESOURCED, *OUTCOMES, *Q1]:
        assert " ".join(text.split()) in page, text
    assert "statuses shown here were read from the narrative" in page
    assert plan.priorities.count() == 6
    assert QuarterlyUpdate.objects.filter(action__priority__plan=plan, quarter=1).count() == 10


def test_seed_004s_statuses_and_objective_grid(sefton_plan):
    plan, client = sefton_plan
    hr1 = QuarterlyUpdate.objects.get(action__description__startswith="Issue HR1")
    assert hr1.status == "complete"
    allowances = QuarterlyUpdate.objects.get(action__description__startswith="Finalise Allowance")
    assert allowances.status == "in_progress"
    grid = dict(
        ObjectiveImpact.objects.filter(plan=plan).values_list("objective__number", "impact")
    )
    assert grid == {7: "positive", 8: "neutral"}
    assert {p.strategic_priority.number for p in plan.priorities.all()} == {7}
    page = _text(client.get(f"/service-plans/{plan.pk}/").content.decode())
    assert (
        "7. Improving the Quality of Council Services and Strengthening local Democracy Positive"
        in page
    )
    assert "8. Children and Young People Neutral" in page
    assert "1. Creating a Learning Community Not assessed" in page


def test_the_demo_has_one_illustrative_personal_objective_for_sue_walton(sefton_plan):
    objective = PersonalObjective.objects.get(person__name="Dr Sue Walton")
    assert "Illustrative" in objective.title
    assert objective.action.description.startswith("Finalise New Pay Specification")
    assert objective.review_on.isoformat() == "2010-10-01"
