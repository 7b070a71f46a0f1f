"""Equality screening, implications and their clearances, consultation and posts, from the
council documents, written through the impact services as the councils' own logins.

- London Borough of Tower Hamlets, Draft savings proposal SAV / RES 002 / 21-22: the Budget
  Equality Analysis Screening Tool's answers as the form gives them (the last question left
  unanswered), its summary of the staff affected (the vast majority female), so a full equality
  assessment is required; the assessment started with what the form says, not yet signed off;
  and the posts (1 Executive Support Team Leader, 5 Executive Support Officers with circa 4
  vacancies that could be held, 5 Senior Management Support Officers).
- Luton Borough Council, Executive report of 4 March 2013: its IMPLICATIONS table on the three
  reductions it recommends (CEX 01 to CEX 03), each clearance given by its officer, who is
  given a login to give it as themselves, on the date the report names; its consultations
  (all staff, key members, the unions informally).
- Luton Borough Council, Corporate Plan 2011-2014: the 750 residents' budget consultation.

Running it again changes nothing: each record is written only when it differs.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings

from sightline.accounts.models import Council, Person, Role
from sightline.accounts.services import login_create
from sightline.core.fiscal import FinancialYear
from sightline.demo.accounts import login
from sightline.demo.sources import CORPORATE_PLAN, EXECUTIVE_REPORT, TOWER_HAMLETS_PROPOSAL, cite
from sightline.impact import selectors, services
from sightline.impact.models import (
    Assessment,
    Characteristic,
    Consultation,
    Group,
    Impact,
    Implication,
    ImplicationArea,
    PostChange,
    ResidentConsultation,
    Screening,
)
from sightline.savings.models import Proposal

TH_REFERENCE = "SAV / RES 002 / 21-22"
FORM = cite(TOWER_HAMLETS_PROPOSAL, "its Budget Equality Analysis Screening Tool")
FEMALE = "The vast majority of staff impacted by this proposal are female."

# The screening tool's answers, by question number: (Yes, No or "" as the form leaves it, summary).
ANSWERS = {
    1: ("no", ""),
    2: ("no", ""),
    3: ("no", ""),
    4: ("yes", "However, this impacts officers internal to the Council only."),
    5: ("no", ""),
    6: (
        "yes",
        "The vast majority of staff impacted by this proposal are female and therefore a full EA "
        "will be required.",
    ),
    7: ("", ""),  # the form leaves "a redesign of the roles of staff?" unanswered
}
# (role, posts, FTE, filled, vacancies held): the form's staffing reductions. It names vacancies
# only at ESO level ("circa 4 ... which could be held to mitigate redundancy"), so the other
# posts are filled.
POSTS = [
    ("Executive Support Team Leader", 1, "1", 1, 0),
    ("Executive Support Officer", 5, "5", 1, 4),
    ("Senior Management Support Officer", 5, "5", 5, 0),
]
HELD = (
    "There are circa 4 vacancies at Executive Support Officer level, which could be held to "
    "mitigate redundancy for these roles."
)

REPORT = "Chief Executive's Department: Budget Reductions 2013/14"
MEETING = "Executive, 4 March 2013, agenda item 8"
IMPLICATIONS_TABLE = cite(EXECUTIVE_REPORT, "IMPLICATIONS")
HEALTH = (
    "The positive health impacts to the population of Luton continues to be positive, given the "
    "support the department offers on issues relating to cohesion, social justice and the "
    "voluntary sector and will contribute to positive mental wellbeing and ultimately higher "
    "health outcomes - this stance is maintained for at least a year. However, there is the risk "
    "that these budget reductions (in the future) will potentially have negative health and "
    "wellbeing impacts on Luton's population if further reductions are not managed, ensuring "
    "that areas that determine positive health outcomes (such as the voluntary groups the "
    "department currently works with) are not adversely affected."
)
LEGAL = (
    "Employees whose positions have been made redundant could seek to pursue claims for unfair "
    "dismissal and/or a protective award. Providing the Council can demonstrate a genuine need "
    "for redundancies (such a budgetary pressures) and follows a fair procedure, the risk of "
    "employees being successful will be minimised"
)
# area number (the default areas): (text, officer, officer's role, cleared on, login)
CLEARANCES = {
    1: (LEGAL, "Brenda Vale", "", datetime.date(2013, 2, 7), "brenda_vale"),
    2: (
        "The financial implications are set out in the body of the report.",
        "Finance and Airport Client Manager",
        "Finance and Airport Client Manager",
        datetime.date(2013, 2, 14),
        "finance_airport_client_manager",
    ),
    3: (
        "IIA is not required as there is no direct impact on staff or service provision.",
        "Sandra Legate",
        "Equality and Diversity Policy Manager",
        datetime.date(2013, 2, 11),
        "sandra_legate",
    ),
    4: (
        "This report does not have any environmental implications.",
        "Strategy & Sustainability Manager",
        "Strategy & Sustainability Manager",
        datetime.date(2013, 2, 13),
        "strategy_sustainability_manager",
    ),
    5: (
        HEALTH,
        "Chimeme Egbutah",
        "Advanced Health Improvement Specialist",
        datetime.date(2013, 2, 6),
        "chimeme_egbutah",
    ),
    6: ("None", None, "", None, ""),
    7: ("See proposal above.", None, "", None, ""),
}
CONSULTATIONS = [
    (
        "staff",
        "All staff in the Chief Executive's Department",
        "",
        "Consulted about the budget reductions, and impending restructure (paragraph 11).",
    ),
    ("members", "Key elected members", "", "Consulted (paragraph 12)."),
    ("trade_unions", "The unions", "Informal", "Consulted on an informal basis (paragraph 13)."),
]
RESIDENTS = {
    "title": "Budget consultation with Luton residents, for the Finance Review Group",
    "fy": FinancialYear(2011),
    "respondents": 750,
    "findings": (
        "Luton residents would most like to see no change or budget reduction in adult social "
        "care, children's social care, waste and education.\n"
        "Residents placed great importance on protecting vulnerable people.\n"
        "Residents were more willing to see budget reductions in cultural services, planning and "
        "regeneration, and democracy and central services.\n"
        "Residents stressed that all service areas should be considered for efficiency savings.\n"
        "The Council should minimise its publication of literature, avoid costly printing where "
        "possible, and make greater use of the Community Payback Scheme."
    ),
    "source": f"{CORPORATE_PLAN}, section 3.1: Needs and preferences",
}


def load(luton: Council, tower_hamlets: Council) -> None:
    load_tower_hamlets(tower_hamlets)
    load_luton(luton)


# --- Tower Hamlets ----------------------------------------------------------------------------


def load_tower_hamlets(council: Council) -> None:
    office = login("th_programme_office")
    proposal = Proposal.objects.get(council=council, reference=TH_REFERENCE)
    _screening(proposal, by=office)
    _assessment(proposal, by=office)
    _posts(proposal, by=office)


def _screening(proposal: Proposal, *, by) -> None:
    profile = [{"characteristic": Characteristic.SEX, "summary": FEMALE, "disproportionate": True}]
    found = Screening.objects.filter(proposal=proposal).first()
    if found is not None:
        current = {a.number: (a.answer, a.summary) for a in selectors.screening_rows(found, 0)}
        rows = [
            {
                "characteristic": p.characteristic,
                "summary": p.summary,
                "disproportionate": p.disproportionate,
            }
            for p in selectors.profile_rows(found)
        ]
        if current == ANSWERS and rows == profile:
            return
    services.screening_save(
        proposal=proposal,
        by=by,
        answers=ANSWERS,
        profile=profile,
        expected_version=found.version if found else None,
        reason=FORM,
    )


def _assessment(proposal: Proposal, *, by) -> None:
    """The full assessment, started with what the form says: staff, sex, negative."""
    impacts = [
        {
            "group": Group.STAFF,
            "characteristic": Characteristic.SEX,
            "impact": Impact.NEGATIVE,
            "evidence": f"The screening tool: {FEMALE[0].lower()}{FEMALE[1:]}",
            "mitigation": HELD,
        }
    ]
    found = Assessment.objects.filter(proposal=proposal).first()
    if (
        found is not None
        and [{k: getattr(i, k) for k in impacts[0]} for i in found.impacts.all()] == impacts
    ):
        return
    services.assessment_save(
        proposal=proposal,
        by=by,
        impacts=impacts,
        summary="",
        sign_off_officer=None,
        expected_version=found.version if found else None,
        reason=cite(
            TOWER_HAMLETS_PROPOSAL,
            "the screening tool: a full equality assessment, to be expanded at full Business "
            "Case stage",
        ),
    )


def _posts(proposal: Proposal, *, by) -> None:
    rows = [
        {
            "role": role,
            "posts": posts,
            "fte": Decimal(fte),
            "filled": filled,
            "vacancies_held": held,
        }
        for role, posts, fte, filled, held in POSTS
    ]
    found = list(PostChange.objects.filter(proposal=proposal))
    current = [
        {"role": p.role, "posts": p.posts, "fte": p.fte, "filled": p.filled,
         "vacancies_held": p.vacancies_held}
        for p in found
    ]  # fmt: skip
    if current == rows:
        return
    services.posts_set(
        proposal=proposal,
        by=by,
        rows=rows,
        expected=services.posts_token(found),
        reason=cite(TOWER_HAMLETS_PROPOSAL, "the staffing reductions"),
    )


# --- Luton ------------------------------------------------------------------------------------


def load_luton(council: Council) -> None:
    office = login("programme_office")
    people = {p.name: p for p in Person.objects.filter(council=council)}
    for _text, name, _role, _on, username in CLEARANCES.values():
        if name:
            _officer_login(council, people[name], username, by=office)
    for reference in ("CEX 01", "CEX 02", "CEX 03"):
        proposal = Proposal.objects.get(council=council, reference=reference)
        _implications(proposal, people, by=office)
        _consultations(proposal, by=office)
    if not ResidentConsultation.objects.filter(council=council, title=RESIDENTS["title"]).exists():
        services.resident_consultation_save(
            council=council, by=office, data=RESIDENTS, reason=cite(CORPORATE_PLAN, "section 3.1")
        )


def _officer_login(council: Council, person: Person, username: str, *, by) -> None:
    """A login for an officer the report names, so they clear as themselves: a viewer, who may
    read the programme and clear what names them, and change nothing else."""
    if person.user_id is None:
        login_create(
            council=council,
            username=username,
            role=Role.VIEWER,
            by=by,
            first_name=person.name,
            email=f"{username}@demo.sightline.invalid",
            password=settings.DEMO_PASSWORD,
            person=person,
        )


def _implications(proposal: Proposal, people: dict[str, Person], *, by) -> None:
    areas = {a.number: a for a in services.areas_ensure(council=proposal.council, by=by)}
    detail = selectors.implications_detail(proposal=proposal)
    record = detail["record"]
    if record is None or not record.final:
        items = [
            {
                "area": areas[number],
                "text": text,
                "officer": people[name] if name else None,
                "officer_role": role,
            }
            for number, (text, name, role, _on, _login) in CLEARANCES.items()
        ]
        services.implications_save(
            proposal=proposal,
            by=by,
            items=items,
            report_title=REPORT,
            meeting=MEETING,
            expected_version=record.version if record else None,
            reason=IMPLICATIONS_TABLE,
        )
        _clearances(proposal, areas)
        record = services.implications_mark_final(
            proposal=proposal,
            by=by,
            expected_version=selectors.implications_detail(proposal=proposal)["record"].version,
        )


def _clearances(proposal: Proposal, areas: dict[int, ImplicationArea]) -> None:
    """Each officer clears their implication, as themselves, on the date the report gives."""
    for number, (_text, name, _role, on, username) in CLEARANCES.items():
        if not name:
            continue
        implication = Implication.objects.get(proposal=proposal, area=areas[number])
        if implication.cleared_on == on:
            continue
        services.implication_clear(
            implication=implication,
            by=login(username),
            cleared_on=on,
            note="Agreed",
            expected_version=implication.version,
        )


def _consultations(proposal: Proposal, *, by) -> None:
    have = set(Consultation.objects.filter(proposal=proposal).values_list("audience", "who"))
    for audience, who, method, outcome in CONSULTATIONS:
        if (audience, who) in have:
            continue
        services.consultation_save(
            proposal=proposal,
            by=by,
            data={"audience": audience, "who": who, "method": method, "outcome": outcome},
            reason=cite(EXECUTIVE_REPORT, "Consultations, paragraphs 11 to 13"),
        )
