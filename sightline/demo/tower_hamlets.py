"""The London Borough of Tower Hamlets' draft savings proposal SAV / RES 002 / 21-22,
complete, exempt until its staff consultation ends: written by the council's programme office
(who alone may mark a proposal exempt) through the savings services.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from sightline.accounts.models import Council, Directorate, Person, Portfolio, ServiceArea
from sightline.core.fiscal import FinancialYear
from sightline.core.money import Unit, parse_money
from sightline.demo.accounts import login
from sightline.demo.proposals import budget_code, programme_basics, proposal
from sightline.demo.sources import TOWER_HAMLETS_PROPOSAL
from sightline.savings.services import proposal_staffing_set

FY21 = FinancialYear(2021)

SUMMARY = (
    "Further reduce Executive Support and ensure consistency across senior management tiers, "
    "removing the flexible Executive Support Officer resource."
)
BACKGROUND = (
    "Phase 1 of the Executive Support element of the wider Reorganisation of Administrative and "
    "Executive Support Services review has been implemented, providing dedicated support to the "
    "Corporate Leadership Team, forward planning for the Mayor's Advisory Board, Cabinet and "
    "Statutory Committees, senior executive support for the Chief Executive and Corporate "
    "Directors, Executive Support to Divisional Directors at one officer shared by two, three "
    "flexible Executive Support Officers, and Senior Management Support Officers at one to three "
    "Service Managers."
)
PROPOSAL = (
    "In view of the changing financial landscape due to Covid-19, and with more meetings held "
    "virtually: 1. remove all flexible Executive Support Officer resource (3 FTE, full cost circa "
    "£135k); 2. all Divisional Directors share Executive Support at a ratio of at least 1 ESO to "
    "2 DDs; 3. no executive support below Divisional Director tier. Service Managers to embrace "
    "the enabled manager concept."
)
NOTES = (
    f"From {TOWER_HAMLETS_PROPOSAL} (Directorate service: Business Support). Exempt under "
    "Schedule 12A paragraphs 1 (individuals) and 4 (labour relations) until the staff "
    "consultation ends; set 'may be published from' when its end date is known. "
)

# (role, FTE reduction, vacancies held) in 2021-22: 11 FTE in all.
STAFFING = [
    ("Executive Support Team Leader", "1", "0"),
    ("Executive Support Officer", "5", "4"),
    ("Senior Management Support Officer", "5", "0"),
]
RISKS = [
    (
        "Culture of the organisation is unwilling to accept a further reduction in Executive "
        "Support resource and service provision, particularly at management tiers below "
        "Divisional Director.",
        "Full buy-in and support provided by CLT and clear communications of this.",
    ),
    ("Concept of Enabled Manager is not accepted by the Council.", "Clear communication from CLT."),
    # The form gives risk 3 no mitigation of its own: its overriding mitigation is for all
    # the risks, and is in the proposal's notes (OVERRIDING_MITIGATION).
    (
        "Trade Unions reject proposal on the basis that it is a further review of Executive "
        "Support.",
        "",
    ),
]
OVERRIDING_MITIGATION = (
    "Overriding mitigation (for all the risks, as the form gives it): a clear Executive Support "
    "Service offering, endorsed by CLT and communicated across the senior management tiers."
)


def load_tower_hamlets(council: Council) -> None:
    office = login("th_programme_office")
    types = programme_basics(council, by=office)
    resources = Directorate.objects.get(council=council, name="Resources")
    people = {p.name: p for p in Person.objects.filter(council=council)}
    code = budget_code(
        council,
        "RES-BUS-EXEC",
        {
            "name": "Executive Support (Business Support)",
            "directorate": resources,
            "current_budget_pence": parse_money("1,957", unit=Unit.THOUSANDS),
            "budget_fy": FinancialYear(2020),
        },
        by=office,
    )
    saving = proposal(
        council,
        by=office,
        reference="SAV / RES 002 / 21-22",
        fields={
            "title": "Reorganisation of Executive Support – Phase 2",
            "savings_type": types["Reduction in provision"],
            "directorate": resources,
            "service_area": ServiceArea.objects.get(directorate=resources, name="Central services"),
            "strategic_outcome": "13. Not aligned with Strategic outcome",
            "lead_officer": people["Steven Tinkler"],
            "lead_member": people["Cllr Candida Ronald"],
            "portfolio": Portfolio.objects.get(
                council=council, name="Resources and the Voluntary Sector"
            ),
            "summary": SUMMARY,
            "background": BACKGROUND,
            "proposal": PROPOSAL,
            "implementation_on": datetime.date(2021, 4, 1),
            "resources": "Implementation would be scheduled for 1st April 2021.",
            "exempt": True,
            "exempt_paragraphs": "1, 4",
            "exempt_until": None,
            "notes": NOTES + OVERRIDING_MITIGATION,
        },
        codes=[code],
        lines=[(FY21, "£553k", code)],
        source=TOWER_HAMLETS_PROPOSAL,
    )
    staffing = [
        {"fy": FY21, "role": role, "fte": Decimal(fte), "vacancies_held": Decimal(held)}
        for role, fte, held in STAFFING
    ]
    risks = [{"description": d, "mitigation": m} for d, m in RISKS]
    current_staffing = [
        {"fy": s.fy, "role": s.role, "fte": s.fte, "vacancies_held": s.vacancies_held}
        for s in saving.staffing.all()
    ]
    current_risks = [
        {"description": r.description, "mitigation": r.mitigation} for r in saving.risks.all()
    ]
    if (current_staffing, current_risks) != (staffing, risks):
        proposal_staffing_set(
            proposal=saving,
            by=office,
            staffing=staffing,
            risks=risks,
            expected_version=saving.version,
            reason=f"Staffing impact and risks from {TOWER_HAMLETS_PROPOSAL}",
        )
