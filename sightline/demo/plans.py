"""Demo service plan: Sefton Council's Corporate Services Departmental Service Plan 2010/11,
complete, with its Quarter 1 (June 2010) update positions, its corporate objective monitoring
grid and one illustrative personal objective, all written by Sefton's programme office
through the service plan services.

Idempotent: each record is found first, created if missing and changed only where it differs.
"""

from __future__ import annotations

import datetime

from sightline.accounts.models import Council, Directorate, Person
from sightline.core.fiscal import FinancialYear
from sightline.demo.accounts import login
from sightline.demo.sources import SEFTON_SERVICE_PLAN, cite
from sightline.demo.strategy import sefton_objectives
from sightline.demo.sync import differences, ensure
from sightline.plans.models import (
    Action,
    Impact,
    ObjectiveImpact,
    PersonalObjective,
    QuarterlyUpdate,
    ServicePlan,
    ServicePriority,
    UpdateStatus,
)
from sightline.plans.services import (
    action_add,
    action_update,
    impact_grid_set,
    objective_create,
    objective_update,
    plan_create,
    plan_update,
    priority_add,
    priority_update,
    quarterly_update_record,
)

REASON = cite(SEFTON_SERVICE_PLAN)
FY = FinancialYear(2010)
Q1 = 1

# The report's grid marks objective 7 "V" (positive) and objective 8 "N" (read as neutral).
GRID = {7: Impact.POSITIVE, 8: Impact.NEUTRAL}
# Every priority of the plan is about the council's own services.
SERVES = 7

SUMMARY = (
    "To advise and seek approval for the Corporate Services 2010/11 Departmental Plan, as well "
    "as provide an update of actions at Quarter 1.\n"
    "The Cabinet Member is recommended to: 1. Agree the intended action plan for 2010/11, "
    "which is already underway. 2. Note the progress made to the end of June 2010 against the "
    "action plan.\n"
    "Reported to the Cabinet Member – Corporate Services (13 October 2010) and the Cabinet "
    "Member – Performance & Governance (3 November 2010).\n"
    "The report gives each Quarter 1 update position as narrative only: the statuses shown "
    "here were read from the narrative (or, where the outcomes column says \u201cOn target\u201d "
    "or \u201cIn progress\u201d, taken from it)."
)

# (number, priority, why it is a priority)
PRIORITIES = [
    (
        1,
        "Integration and review of all corporate service divisions, which include the combined "
        "BSU, Finance & IS, Legal and Personnel.",
        "This is as a result of the Transformation agenda to enable significant budgetary "
        "savings to be made across the Corporate Services Department.",
    ),
    (
        2,
        "Support the transformational agenda by both undertaking and supporting reviews and "
        "rationalisations.",
        "Delivery of a programme of rationalisation proposals that yield savings required as "
        "part of the transformation programme.",
    ),
    (
        3,
        "Create an ICT strategy that supports the transformation and rationalisation agenda.",
        "This will support the Transformation agenda, and will be influenced by the needs of "
        "the business.",
    ),
    (
        4,
        "Capture all external legal expenditure by the Council and optimise the use of the "
        "Legal Consortium.",
        "To ensure that all external legal expenditure is kept to a minimum and to ensure that "
        "value for money is obtained.",
    ),
    (
        5,
        "Provide legal support to major capital schemes in particular Housing Market Renewal.",
        "These are priority schemes which are major capital schemes requiring significant input.",
    ),
    (
        6,
        "Implementation of NJC pay and grading review in October 2010.",
        "To comply with the single status requirements of the Green Book and to resist Equal Pay "
        "claims in the future.",
    ),
]

EXISTING = "Use of existing resources."

# (priority, action, resourced, how, deadline as worded, deadline date, outcomes, Q1 status,
#  Q1 update position). Division headings stay on their own lines in the narrative.
ACTIONS = [
    (
        1,
        "Any interim arrangements are finalised and permanent recruitment has been undertaken "
        "for key positions. Consult service users in the creation and development of all "
        "integrated services within the Corporate Services Department to ensure that they are "
        "fit for purpose. Implement agreed structures. Deliver cost savings on previous "
        "structures.",
        Action.Resourced.YES,
        EXISTING,
        "March 2011",
        datetime.date(2011, 3, 31),
        "To maintain and improve the efficiency of the Corporate Services Department at reduced "
        "cost",
        UpdateStatus.IN_PROGRESS,
        "Finance & IS\n"
        "It is proposed that finance teams from Children, Schools and Familiies (2 teams), "
        "Health and Well Being and the Chief Executives & Communities Business Support Unit "
        "(1 team) will integrate with Corporate Finance in Magdalen House at the beginning of "
        "October 2010, subject to suitable accommodation being ready. Meetings have taken place "
        "with all of the staff affected and an interim management structure has been agreed. "
        "Once the teams are colocated, a fundamental review of structure and fuctions will be "
        "carried out with a view to having a final structure in place by 1st April 2011.\n\n"
        "Legal\n"
        "Action has been taken to establish a 'pure' legal function with a sole focus on "
        "providing authoritative advice and support to the Council and Client Departments. To "
        "this end: Land Charges has been relocated to the Planning & Economic Development "
        "Department. The Registrars and Coroners Services have been relocated to the Leisure and "
        "Tourism Department. With finally Democratic Services being relocated to the Assistant "
        "Chief Executive.\n\n"
        "Personnel\n"
        "Integration process in progress. Physical moves of staff have been made within Merton "
        "House and future ones are anticipated for BSU staff based within Magdalen House. "
        "Structure and job roles are to be finalised.",
    ),
    (
        2,
        "Providing information, advice & support to achieve interim savings. Developing "
        "efficiency proposals. Consulting & Negotiating the proposals with the trade unions.",
        Action.Resourced.YES,
        EXISTING,
        "March 2011",
        datetime.date(2011, 3, 31),
        "Delivery of a programme of rationalisation proposals that yield savings required as "
        "part of the transformation programme",
        UpdateStatus.ON_TARGET,
        "Finance & IS\n"
        "In addition to delivering service efficiencies and improvements the target budget "
        "savings of £100K will be delivered.\n\n"
        "Legal\n"
        "No comments to date.\n\n"
        "Personnel\n"
        "As part of the integration process and the review of job roles, it is anticipated that "
        "both current and future cost savings on current budgets will be achieved.",
    ),
    (
        3,
        "Dependent upon completion of the Council's business and transformation strategy. Input "
        "from major departments on business change. Work with Arvato to create technical "
        "strategy.",
        Action.Resourced.YES,
        EXISTING,
        "Depends on business plan",
        None,
        "The ICT Strategy will provide the requirements and direction for ICT expenditure. It "
        "will create new projects and curtail or foreshorten others",
        UpdateStatus.NOT_STARTED,
        "Finance & IS\n"
        "The ICT Strategy will provide the requirements and direction for ICT expenditure. It "
        "will create new projects and curtail or foreshorten others.",
    ),
    (
        4,
        "Full co-ordination between Consortium Members, internal legal staff and client "
        "departments.",
        Action.Resourced.YES,
        EXISTING,
        "April 2011",
        datetime.date(2011, 4, 30),
        "To benchmark external legal expenditure for the financial years 2008/9 and 2009/10 and "
        "to compare with expenditure in 2010/11",
        UpdateStatus.IN_PROGRESS,
        "Legal\n"
        "There have been a number of ICT technical issues which have required addressing before "
        "the Consortium could become operationally effective. A number of those have now been "
        "overcome and legal staff are to be trained on the full uses of the Consortium in "
        "Sept/Oct 2010, with a view to realising benefits as quickly as possible thereafter",
    ),
    (
        5,
        "Providing Legal Services in connection with land acquisition, planning processes, "
        "compulsory purchase orders and statutory orders.",
        Action.Resourced.YES,
        "Funding will be in accordance with the Council's Capital Programme.",
        "Timescales will be in accordance with the programmes for each scheme Review progress - "
        "March 2011",
        datetime.date(2011, 3, 31),
        "Successful completion of capital schemes e.g. road link and HMR Projects.",
        UpdateStatus.IN_PROGRESS,
        "Legal\n"
        "Acquisitions were previously outsourced to external solicitors, but are now being "
        "conducted by the in house legal department with effect from July 2010. The main "
        "compulsory purchase order work is still being carried out by external solicitors in the "
        "interests of continuity in this complex matter.",
    ),
    (
        6,
        "Complete TU Consultation concerning the implementation proposals.",
        Action.Resourced.YES,
        EXISTING,
        "June 2010",
        datetime.date(2010, 6, 30),
        "To avoid legal challenges if the pay structure has to be imposed. The trade unions have "
        "not formally approved the pay structure and wish to ballot. This may cause delays",
        UpdateStatus.IN_PROGRESS,
        "Personnel\n"
        "Consultation with Trade Unions undertaken in relation to the implementation of pay and "
        "grading However, Trade Unions are also considering their responses to likely impacts.",
    ),
    (
        6,
        "Issue HR1 & Section Notice Letters regarding the potential to dismiss and re- engage "
        "the NJC workforce.",
        Action.Resourced.YES,
        EXISTING,
        "March 2010",
        datetime.date(2010, 3, 31),
        "To ensure the Council complies with the relevant notification and consultation "
        "procedures specified in employment law. On target",
        UpdateStatus.COMPLETE,
        "Personnel\nAction complete and was issued within the target deadline set.",
    ),
    (
        6,
        "Finalise Allowance Proposals so they can joined to the pay structure proposals.",
        Action.Resourced.YES,
        EXISTING,
        "April 2010",
        datetime.date(2010, 4, 30),
        "To avoid cost increases that will arise by implementing the new pay structure. In "
        "progress",
        UpdateStatus.IN_PROGRESS,
        "Personnel\n"
        "Negotiations with Trade Unions on allowances are on-going. It is unlikely that these "
        "will be implemented at the same time as pay and grading in October 2010.",
    ),
    (
        6,
        "Develop a Communications Strategy that ensures that the Council's proposals are "
        "understood by all stakeholders",
        Action.Resourced.YES,
        "Use of existing resources",
        "April 2010",
        datetime.date(2010, 4, 30),
        "To achieve implementation with the minimum of disruption. In Progress.",
        UpdateStatus.IN_PROGRESS,
        "Personnel\n"
        "A communications strategy was implemented and has included the following methods.\n"
        "A Help Desk to answer any queries on JE results.\n"
        "A Managers tool-kit.\n"
        "A staff booklet.\n"
        "For those staff suffering detriment, a personalised meeting with their Manager.\n"
        "Information on the intranet.\n"
        "Manager briefings.\n"
        "Personalised letters to each employee.",
    ),
    (
        6,
        "Finalise New Pay Specification so that Arvato can build the new pay structure in "
        "Resource Link.",
        Action.Resourced.YES,
        "Use of existing resources",
        "June 2010",
        datetime.date(2010, 6, 30),
        "To develop and test the new pay structure for operation in October. In progress",
        UpdateStatus.IN_PROGRESS,
        "Personnel\n"
        "Work is on-going and meetings have been held with Arvato to discuss implementation, but "
        "it is anticipated that the new pay structure within Resource Link will be delivered on "
        "time.",
    ),
]

PAY_SPECIFICATION = ACTIONS[-1][1]


def load_sefton(council: Council) -> None:
    """The Corporate Services Departmental Service Plan 2010/11 with its Q1 updates."""
    office = login("sefton_programme_office")
    directorate = Directorate.objects.get(council=council, name="Corporate Services")
    objectives = sefton_objectives(council)
    plan = _plan(directorate, by=office)
    existing = {p.number: p for p in ServicePriority.objects.filter(plan=plan)}
    priorities = {
        number: ensure(
            existing.get(number),
            {"title": title, "why": why, "strategic_priority": objectives[SERVES]},
            create=lambda number=number, title=title, why=why: priority_add(
                plan=plan,
                by=office,
                number=number,
                title=title,
                why=why,
                strategic_priority=objectives[SERVES],
                reason=REASON,
            ),
            update=lambda priority, changed: priority_update(
                priority=priority,
                by=office,
                data=changed,
                expected_version=priority.version,
                reason=REASON,
            ),
        )
        for number, title, why in PRIORITIES
    }
    actions = _actions(priorities, by=office)
    wanted = {objectives[number]: impact for number, impact in GRID.items()}
    grid = {i.objective_id: i.impact for i in ObjectiveImpact.objects.filter(plan=plan)}
    if any(grid.get(objective.pk) != impact for objective, impact in wanted.items()):
        impact_grid_set(plan=plan, by=office, impacts=wanted, reason=REASON)
    _objective(council, actions[PAY_SPECIFICATION], by=office)


def _plan(directorate: Directorate, *, by) -> ServicePlan:
    wanted = {
        "title": "Corporate Services Departmental Service Plan 2010/11",
        "report_of": (
            "Mr Mike Fogg, Director of Corporate Services; "
            "Dr Sue Walton, Assistant Director – Business Support"
        ),
        "summary": SUMMARY,
    }
    return ensure(
        ServicePlan.objects.filter(directorate=directorate, fy=FY).first(),
        wanted,
        create=lambda: plan_create(by=by, directorate=directorate, fy=FY, reason=REASON, **wanted),
        update=lambda plan, changed: plan_update(
            plan=plan, by=by, data=changed, expected_version=plan.version, reason=REASON
        ),
    )


def _actions(priorities: dict[int, ServicePriority], *, by) -> dict[str, Action]:
    """Each priority's actions in the plan's order, with their Q1 update positions."""
    existing = {
        (a.priority_id, a.order): a
        for a in Action.objects.filter(priority__in=list(priorities.values()))
    }
    updates = {
        u.action_id: u
        for u in QuarterlyUpdate.objects.filter(
            action__in=list(existing.values()), fy=FY, quarter=Q1
        )
    }
    orders: dict[int, int] = {}
    actions = {}
    for number, text, resourced, how, deadline, deadline_on, outcome, status, narrative in ACTIONS:
        priority = priorities[number]
        orders[number] = orders.get(number, 0) + 1
        wanted = {
            "description": text,
            "resourced": resourced,
            "resources": how,
            "deadline": deadline,
            "deadline_on": deadline_on,
            "outcome": outcome,
        }
        # action_add numbers each new action after its priority's last one: in plan order.
        action = ensure(
            existing.get((priority.pk, orders[number])),
            wanted,
            create=lambda priority=priority, wanted=wanted: action_add(
                priority=priority, by=by, reason=REASON, **wanted
            ),
            update=lambda action, changed: action_update(
                action=action, by=by, data=changed, expected_version=action.version, reason=REASON
            ),
        )
        actions[text] = action
        update = updates.get(action.pk)
        if update is None or (update.status, update.narrative) != (status, narrative):
            quarterly_update_record(
                action=action,
                by=by,
                quarter=Q1,
                fy=FY,
                status=status,
                narrative=narrative,
                expected_version=update.version if update else 0,
                reason=REASON,
            )
    return actions


def _objective(council: Council, action: Action, *, by) -> PersonalObjective:
    """One illustrative personal objective for Dr Sue Walton, serving the pay specification."""
    sue = Person.objects.get(council=council, name="Dr Sue Walton")
    wanted = {
        "title": (
            "Illustrative objective (not from the service plan): make sure the new pay "
            "specification is finalised so that Arvato can build the new pay structure in "
            "Resource Link in time for pay and grading in October 2010."
        ),
        "starts_on": datetime.date(2010, 4, 1),
        "review_on": datetime.date(2010, 10, 1),
        "final_review_on": datetime.date(2011, 3, 31),
    }
    found = PersonalObjective.objects.filter(person=sue, action=action).first()
    if found is None:
        return objective_create(by=by, person=sue, action=action, reason=REASON, **wanted)
    changed = differences(found, wanted)
    if not changed:
        return found
    return objective_update(
        objective=found, by=by, data=changed, expected_version=found.version, reason=REASON
    )
