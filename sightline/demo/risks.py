"""Demo risk register: the fourteen corporate risks of Luton Borough Council's Corporate Plan
2011-2014, appendix C ("Keeping on track – risk management"), exactly as the plan writes them,
added to the register by the programme office through ``risk_save``.

The plan gives each risk a number, a title, an initial and a residual score and its existing
controls; it gives no likelihood or impact and names no owner, so the demo records neither.
Two conversion artefacts are tidied: risk 12's heading ends with a full stop (no other heading
does), and risk 4's controls write "5<sup>th</sup>" where the original had a superscript.
"""

from __future__ import annotations

from sightline.accounts.models import Council
from sightline.demo.accounts import login
from sightline.demo.sources import CORPORATE_PLAN, cite
from sightline.demo.sync import ensure
from sightline.risks.models import Risk
from sightline.risks.services import risk_save

APPENDIX_C = cite(CORPORATE_PLAN, "appendix C")

# number: (title, initial score, residual score, existing controls)
RISKS = {
    1: (
        "Council’s reputation locally and reputation of Luton",
        8,
        6,
        "Wide-ranging public engagement, including through area committees and the citizens "
        "panel. Community consultation and tenant groups and customer surveys.",
    ),
    2: (
        "Significant project failure",
        9,
        6,
        "A new project management framework introduced in 2011 and a major projects group.",
    ),
    3: (
        "Staff performance - overload/stress at a time when the Council needs to reduce budgets "
        "significantly, which is likely to impact on staffing numbers",
        9,
        6,
        "New Personal Performance Appraisal system and competencies. Management supervision and "
        "team briefings. Corporately adopted stress policy and stress assessment process. Free "
        "counselling service.",
    ),
    4: (
        "Major Luton emergency including potential social unrest",
        9,
        6,
        "Emergency plan in place; held and communicated to key officers. Member of the "
        "Bedfordshire and Luton Local Resilience Forum (BLLRF). Emergency officer in place within "
        "the Town Hall. Other agencies e.g. police, fire and rescue trained to deal with "
        "emergencies. Emergency plan office situated in Wardown. Training of staff and "
        "volunteers. Community Cohesion Contingency Planning group well established. Lessons "
        "learnt and applied from the EDL march held on 5th February 2011 – development of "
        "community mediators in Luton is regarded nationally as best practice.",
    ),
    5: (
        "Failure to keep to approved budget, particularly in relation to demand-led services, "
        "new requirements, savings targets, loss of income and grants",
        9,
        6,
        "Monthly budget monitoring procedures. Introduction of moratoria as and when necessary. "
        "For certain specific areas, forecasts and management information to predict patterns "
        "(e.g. children's services, homelessness). Robust Medium Term Financial Plan. Service "
        "plans compiled with reference to the budget. Financial training provided to managers. "
        "Action plans required for any predicted overspend. Contingency in budget.",
    ),
    6: (
        "Decrease in volume of airport traffic or closure resulting in reduction of key income "
        "stream",
        9,
        6,
        "Contract with Airport Company. Regular reviews of predictions and estimates. Regular "
        "monitoring by Airport Client Manager over local issues - macro environment outside of "
        "Council's influence.",
    ),
    7: (
        "Loss or failure of key supplier, provider or partner",
        8,
        5,
        "Tender/procurement process. Contingency planning. Financial credibility check "
        "undertaken. Regular meeting and monitoring of contracts. Care standards/legislative "
        "controls may be applicable including independent inspection. Insurance cover. Bond "
        "clause within contract.",
    ),
    8: (
        "Failure/cessation of joint arrangements, pooled budgets and third party agreements, or "
        "partnership working",
        8,
        3,
        "Risk assessment procedure in place for partnership working. Insurance cover. "
        "Longstanding partnerships in place with established contacts and pattern of joint "
        "working. Good practice models utilised. External audit. Training in financial "
        "regulations. Register of agreements.",
    ),
    9: (
        "Loss or collapse of key IT application/hardware or data corruption, or unauthorised "
        "access to personal data on Council systems",
        8,
        6,
        "IT contingency officer and contingency plan, including off site support. Backups, "
        "lightning conductors. Paper systems. Insurance cover. Major application penetration "
        "testing. External accreditations ISO2001 and ISO9001. Government Connect requirements "
        "implemented.",
    ),
    10: (
        "Treasury management",
        8,
        3,  # the plan writes "Residual score: 3."
        "Investments spread over range of financial institutions. Only invest with organisations "
        "that have been assessed to have credit ratings acceptable. Included in the Budget Risk "
        "Management Strategy. Follow advice from independent advisor. Continually monitor.",
    ),
    11: (
        "Uninsurable loss: for example, pollution or terrorist attack",
        6,
        6,
        "Emergency/contingency plan, Civil Protection Officer. Self insurance fund (insurance "
        "reserve). Annually review budget contingency. Application can be made for the "
        "Government Bellwin Scheme. Risks considered during budget estimates process.",
    ),
    12: (
        "Climate change and environmental, social and financial risks arising",
        9,
        8,
        "Climate Change Team, Corporate Energy Manager, and Strategic Waste Manager leading on "
        "identifying and minimising risks in their areas. Council signed up to Nottingham "
        "declaration. Energy Policy approved. Authority is also part of the Carbon Trust Local "
        "Authority Carbon Management Programme, which commits and details actions to achieve a "
        "carbon reduction target over the next 5 and 10 years. Environmental impact to be "
        "assessed in all Council reporting. Sustainability a key part of the Corporate "
        "Procurement Strategy.",
    ),
    13: (
        "Serious breach of health and safety legislation",
        6,
        6,
        "Corporate safety policies and guidance with clear accountabilities and support where "
        "necessary. Health and Safety Forum in place with minutes taken to management board. "
        "Management guidance and risk assessment processes in place. Health and Safety briefing "
        "notes produced regularly for managers following forum meetings. Core training modules "
        "and health and safety is part of the induction course. Specific and specialist "
        "training arrangements where required above this.",
    ),
    14: (
        "Change management",
        5,
        5,
        "Council gaining and applying experience in implementing change programme. No strategic "
        "partnerships planned in the short term. Good relationship with trade unions and "
        "communication with staff. Consultation exercises with workforce when appropriate.",
    ),
}


def load_luton(council: Council) -> None:
    """The plan's corporate risk register, one risk per number (reloading changes nothing)."""
    office = login("programme_office")
    existing = {r.number: r for r in Risk.objects.filter(council=council)}
    for number, (title, initial, residual, controls) in RISKS.items():
        wanted = {
            "title": title,
            "initial_score": initial,
            "residual_score": residual,
            "controls": controls,
        }
        ensure(
            existing.get(number),
            wanted,
            create=lambda number=number, wanted=wanted: risk_save(
                by=office, data={"number": number, **wanted}, reason=APPENDIX_C
            ),
            update=lambda risk, changed: risk_save(
                by=office,
                risk=risk,
                data=changed,
                expected_version=risk.version,
                reason=APPENDIX_C,
            ),
        )
