"""Demo indicators: the key performance measures of Luton Borough Council's Corporate Plan
2011-2014, as indicators, defined by the programme office with their targets and actuals.

Codes and titles are exactly as the Corporate Plan (section 5) gives them; units, polarity,
frequency and amber tolerances are the demo's sensible choices. The plan gives no values, so
eight indicators carry figures marked illustrative (``illustrative=True`` and "illustrative"
in the commentary), except the points Luton Together Phase 2 (2013) does give: sickness
absence falling from 13.6 to 9.5 days per person against a target of less than 8 days,
council tax collection of 96.5 per cent, and benefit processing cut from 31 to 10 days.

Actuals are recorded and then approved by a second person, as the rules ask: the programme
office records most and finance approves them; the demo editor, who owns LBC 1, records its
actuals and the programme office approves them.

Indicators are linked to the strategic priorities (themes) and departmental plans of the
"Corporate Plan 2011 – 2014" when those exist, so this loader works with or without them.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from sightline.accounts.models import Council, Person
from sightline.demo.accounts import login
from sightline.demo.sources import CORPORATE_PLAN, ILLUSTRATIVE, LUTON_TOGETHER, cite
from sightline.demo.strategy import PLAN_TITLE
from sightline.demo.sync import differences
from sightline.performance.models import Actual, Indicator, Target
from sightline.performance.services import (
    actual_approve,
    actual_record,
    indicator_save,
    target_set,
)
from sightline.strategy.models import DepartmentalPlan, Priority

MEASURES = cite(CORPORATE_PLAN, "section 5: key performance measures")
DEMO_EDITOR = "Demo Project Lead"

CHILDREN = "Children and Learning Department"
CORPORATE = "Customer and Corporate Service Department"
HOUSING = "Housing and Community Living Department"
HEALTH = "Public Health"
DIRECTORS = {
    CHILDREN: "Martin Pratt",
    CORPORATE: "Steve Heappey",
    HOUSING: "Pam Garraway",
    HEALTH: "Gerry Taylor",
}
DEMO_EDITOR = "Demo Project Lead"

P, N, D, R = (
    Indicator.Unit.PERCENT,
    Indicator.Unit.NUMBER,
    Indicator.Unit.DAYS,
    Indicator.Unit.RATE,
)
UP, DOWN = Indicator.Polarity.HIGHER, Indicator.Polarity.LOWER
Q, A = Indicator.Frequency.QUARTERLY, Indicator.Frequency.ANNUAL

# The Corporate Plan's codes and titles, exactly as written there.
TITLES = {
    "NI 59": "Percentage of initial assessments for children’s social care carried out within 10 working days of referral",
    "NI 60": "Percentage of core assessments for children’s social care carried out within 35 working days of their commencement",
    "NI 81": "Inequality gap in the achievement of a level 3 qualification by the age of 19",
    "NI 82": "Inequality gap in the achievement of a level 2 qualification by the age of 19",
    "NI 92": "Narrowing the gap between the lowest achieving 20% in the early years foundation stage profile and the rest",
    "NI 19": "Rate of proven reoffending by young offenders",
    "NI 73": "Achievement at level 4 or above in both English and Maths at Key Stage 2",
    "NI 75": "Achievement of five or more GCSEs at A*-C including English and Maths",
    "NI 43": "Young people within the youth justice system receiving a conviction in court who are sentenced to custody",
    "NI 56": "Obesity among primary school age children in Year 6",
    "NI 94": "Progression by two levels in Maths between Key Stages 1 and 2",
    "NI 111": "First time entrants into the youth justice system aged 10-17 (per 100,000 population)",
    "NI 112": "Under 18 conception rate reduction (per 1000 girls aged 15-17 years old)",
    "NI 117": "16-18 years NEET",
    "NI 181": "Time taken to process housing and council tax benefits",
    "LBC 1": "Working days lost to sickness absence",
    "LBC 4": "Percentage/ £s of council tax collected in-year",
    "LBC 5": "Percentage/ £s of council tax arrears collected in-year",
    "LBC 6": "Percentage of customer service calls answered in time",
    "LBC 7": "Percentage of customer service calls answered in time",
    "LBC PPA": "Percentage of Personal Performance Appraisals (PPAs) completed on time",
    "NI 125": "Achieving independence for older people through rehabilitation and intermediate care",
    "NI 130": "Self directed support",
    "NI 141": "Percentage of vulnerable people achieving independent living",
    "NI 142": "Percentage of vulnerable people supported to maintain independent living",
    "NI 145": "Adults with learning disabilities in settled accommodation",
    "NI 155": "Number of affordable homes delivered",
    "NI 158": "Percentage of non decent council homes",
    "NI 163": "Proportion of population qualified to at least level 2 or higher",
    "D40": "Client receiving a review as a percentage of adult and older clients receiving a service",
    "NI 120": "All age all cause mortality rates",
    "NI 121": "Mortality rate all circulatory diseases in under 75s",
    "NI 122": "Mortality all cancers in under 75s",
    "NI 123": "Smoking cessation",
    "NI 124": "People with Long Term Conditions supported to be independent and in control of their condition",
    "NI 137": "Healthy life expectancy at 65",
}

# code, unit, polarity, frequency, amber tolerance, priorities (themes) it measures in spirit,
# the departments whose plan lists it.
INDICATORS = [
    ("NI 59", P, UP, Q, "5", [1], [CHILDREN]),
    ("NI 60", P, UP, Q, "5", [1], [CHILDREN]),
    ("NI 81", P, DOWN, A, "2", [3], [CHILDREN]),
    ("NI 82", P, DOWN, A, "2", [3], [CHILDREN]),
    ("NI 92", P, DOWN, A, "2", [3, 2], [CHILDREN]),
    ("NI 19", R, DOWN, A, "0.1", [5], [CHILDREN]),
    ("NI 73", P, UP, A, "2", [3], [CHILDREN]),
    ("NI 75", P, UP, A, "2", [3], [CHILDREN]),
    ("NI 43", P, DOWN, Q, "1", [5], [CHILDREN]),
    ("NI 56", P, DOWN, A, "1", [2], [CHILDREN]),
    ("NI 94", P, UP, A, "2", [3], [CHILDREN]),
    ("NI 111", R, DOWN, Q, "50", [5], [CHILDREN]),
    ("NI 112", R, DOWN, A, "2", [2], [CHILDREN, HEALTH]),
    ("NI 117", P, DOWN, Q, "1", [3], [CHILDREN]),
    ("NI 181", D, DOWN, Q, "3", [8, 1], [CORPORATE]),
    ("LBC 1", D, DOWN, Q, "2", [8], [CORPORATE]),
    ("LBC 4", P, UP, A, "0.5", [8], [CORPORATE]),
    ("LBC 5", P, UP, A, "2", [8], [CORPORATE]),
    ("LBC 6", P, UP, Q, "5", [8], [CORPORATE]),
    ("LBC 7", P, UP, Q, "5", [8], [CORPORATE]),
    ("LBC PPA", P, UP, Q, "5", [8], [CORPORATE]),
    ("NI 125", P, UP, A, "3", [1], [HOUSING]),
    ("NI 130", P, UP, Q, "3", [1], [HOUSING]),
    ("NI 141", P, UP, Q, "3", [1], [HOUSING]),
    ("NI 142", P, UP, Q, "2", [1], [HOUSING]),
    ("NI 145", P, UP, Q, "3", [1], [HOUSING]),
    ("NI 155", N, UP, Q, "10", [6], [HOUSING]),
    ("NI 158", P, DOWN, A, "2", [6], [HOUSING]),
    ("NI 163", P, UP, A, "2", [3], [HOUSING]),
    ("D40", P, UP, Q, "5", [1], [HOUSING]),
    ("NI 120", R, DOWN, A, "20", [2], [HEALTH]),
    ("NI 121", R, DOWN, A, "5", [2], [HEALTH]),
    ("NI 122", R, DOWN, A, "5", [2], [HEALTH]),
    ("NI 123", R, UP, Q, "50", [2], [HEALTH]),
    ("NI 124", P, UP, A, "3", [2], [HEALTH]),
    ("NI 137", N, UP, A, "0.5", [2], [HEALTH]),
]

NOTES = {
    "NI 81": "The gap in percentage points.",
    "NI 82": "The gap in percentage points.",
    "NI 92": "The gap in percentage points.",
    "NI 19": "The Corporate Plan writes the code as “N 19”.",
    "NI 112": "Shared by two departmental plans: Public Health's lists it as “NI 112 – Under 18 conception rate”.",
    "NI 117": "Percentage of 16 to 18 year olds not in education, employment or training.",
    "NI 181": "Average days to process new claims and changes of circumstances.",
    "LBC 1": "Working days lost per person (full-time equivalent), rolling twelve months.",
    "LBC 4": "Reported here as the percentage collected.",
    "LBC 5": "Reported here as the percentage collected.",
    "LBC 6": "The Corporate Plan lists LBC 6 and LBC 7 together under this title.",
    "LBC 7": "The Corporate Plan lists LBC 6 and LBC 7 together under this title.",
    "LBC PPA": "A new indicator in the Corporate Plan, with a target of 100%.",
    "NI 130": "Percentage of social care clients receiving self directed support.",
    "NI 155": "Homes completed in the quarter.",
    "NI 120": "Per 100,000 population, age standardised.",
    "NI 121": "Per 100,000 population.",
    "NI 122": "Per 100,000 population.",
    "NI 123": "Four-week quitters per 100,000 population aged 16 and over.",
    "NI 137": "In years.",
}

Q1_12, Q2_12, Q3_12, Q4_12 = (
    datetime.date(2012, 4, 1),
    datetime.date(2012, 7, 1),
    datetime.date(2012, 10, 1),
    datetime.date(2013, 1, 1),
)
FY10, FY11, FY12 = (datetime.date(year, 4, 1) for year in (2010, 2011, 2012))
DRAFT = "draft"

# code: (targets {period: value}, actuals [(period, value, commentary, status)])
# Every figure is illustrative unless its commentary names Luton Together Phase 2.
FIGURES = {
    "LBC 1": (
        {Q1_12: "8"},
        [
            (
                Q1_12,
                "13.6",
                f"13.6 days per person (from {LUTON_TOGETHER}): the start of the ten months in which sickness fell. Return-to-work interviews and the sickness policy are being enforced.",
                None,
            ),  # noqa: E501
            (
                Q2_12,
                "12.1",
                "Illustrative figure between Luton Together Phase 2's two points. Falling as long-term cases are resolved.",
                None,
            ),  # noqa: E501
            (
                Q3_12,
                "10.8",
                "Illustrative figure between Luton Together Phase 2's two points. Managers trained in the sickness policy.",
                None,
            ),  # noqa: E501
            (
                Q4_12,
                "9.5",
                f"9.5 days per person (from {LUTON_TOGETHER}): down from 13.6 but still above the target of less than 8 days.",
                None,
            ),  # noqa: E501
        ],
    ),
    "LBC 4": (
        {FY10: "96"},
        [
            (FY10, "95.2", "Illustrative figure. Collection affected by the recession.", None),
            (FY11, "95.8", "Illustrative figure. Recovery action brought forward.", None),
            (
                FY12,
                "96.5",
                f"96.5 per cent (from {LUTON_TOGETHER}): the best collection rate in 20 years.",
                None,
            ),  # noqa: E501
        ],
    ),
    "NI 181": (
        {Q1_12: "12"},
        [
            (
                Q1_12,
                "31",
                f"31 days (from {LUTON_TOGETHER}): processing time before the benefits service was redesigned.",
                None,
            ),  # noqa: E501
            (Q2_12, "22", "Illustrative figure. Backlog being cleared after the redesign.", None),
            (Q3_12, "14", "Illustrative figure. Online claims now taken.", None),
            (
                Q4_12,
                "10",
                f"10 days (from {LUTON_TOGETHER}): benefit processing cut from 31 to 10 days, with 48 hours for fast track claims.",
                None,
            ),  # noqa: E501
        ],
    ),
    "NI 59": (
        {Q1_12: "80"},
        [
            (Q1_12, "72", "Illustrative figure. Vacancies in the assessment team.", None),
            (Q2_12, "78", "Illustrative figure. Agency social workers recruited.", None),
            (Q3_12, "81", "Illustrative figure.", None),
            (Q4_12, "76", "Illustrative figure. A rise in referrals in January.", None),
        ],
    ),
    "NI 60": (
        {Q1_12: "75"},
        [
            (Q1_12, "68", "Illustrative figure. Assessments delayed by caseloads.", None),
            (Q2_12, "74", "Illustrative figure.", None),
            (Q3_12, "79", "Illustrative figure.", None),
            (
                Q4_12,
                "80",
                "Illustrative figure, entered by the programme office from the department's return.",
                DRAFT,
            ),  # noqa: E501
        ],
    ),
    "NI 117": (
        {Q1_12: "7"},
        [
            (
                Q1_12,
                "9.1",
                "Illustrative figure. Seasonal peak after the end of the school year.",
                None,
            ),  # noqa: E501
            (Q2_12, "8.4", "Illustrative figure. Tracking of unknown destinations improved.", None),
            (Q3_12, "7.6", "Illustrative figure.", None),
            (Q4_12, "6.8", "Illustrative figure.", None),
        ],
    ),
    "NI 155": (
        {Q1_12: "50"},
        [
            (Q1_12, "32", "Illustrative figure. Two schemes delayed by funding.", None),
            (Q2_12, "45", "Illustrative figure.", None),
            (Q3_12, "58", "Illustrative figure. The delayed schemes completed.", None),
            (Q4_12, "52", "Illustrative figure.", None),
        ],
    ),
    "LBC PPA": (
        {Q1_12: "100"},
        [
            (Q3_12, "91", "Illustrative figure. Appraisals in two directorates late.", None),
            (Q4_12, "96", "Illustrative figure.", None),
        ],
    ),
}

TARGET_SOURCES = {
    "LBC 1": cite(LUTON_TOGETHER, "a target of less than eight days per person"),
    "LBC PPA": cite(CORPORATE_PLAN, "a new indicator with a target of 100%"),
}


def load_luton(council: Council) -> None:
    """The Corporate Plan's key performance measures as indicators, with illustrative values."""
    office, finance, editor = login("programme_office"), login("finance"), login("editor")
    priorities = {
        p.number: p for p in Priority.objects.filter(plan__council=council, plan__title=PLAN_TITLE)
    }
    plans = {
        d.directorate.name: d
        for d in DepartmentalPlan.objects.filter(
            plan__council=council, plan__title=PLAN_TITLE
        ).select_related("directorate")
    }
    people = {p.name: p for p in Person.objects.filter(council=council)}
    existing = {i.code: i for i in Indicator.objects.filter(council=council)}
    for code, unit, polarity, frequency, tolerance, themes, departments in INDICATORS:
        owner = (
            people.get(DEMO_EDITOR) if code == "LBC 1" else people.get(DIRECTORS[departments[-1]])
        )
        if code == "NI 112":
            owner = people.get(DIRECTORS[HEALTH])
        wanted = {
            "title": TITLES[code],
            "definition": _definition(code, departments),
            "unit": unit,
            "polarity": polarity,
            "frequency": frequency,
            "amber_tolerance": Decimal(tolerance),
            "owner": owner,
            "illustrative": code in FIGURES,
        }
        links = {
            "priorities": [priorities[n] for n in themes if n in priorities],
            "departmental_plans": [plans[d] for d in departments if d in plans],
        }
        indicator = _indicator(existing.get(code), code, wanted, links, by=office)
        targets, actuals = FIGURES.get(code, ({}, []))
        for period, value in targets.items():
            _target(
                indicator,
                period,
                Decimal(value),
                by=office,
                reason=TARGET_SOURCES.get(code, ILLUSTRATIVE),
            )
        # Never the same person twice: who records an actual does not approve it.
        recorder, approver = (editor, office) if code == "LBC 1" else (office, finance)
        for period, value, commentary, status in actuals:
            _actual(
                indicator,
                period,
                Decimal(value),
                commentary,
                approved=status != DRAFT,
                recorder=recorder,
                approver=approver,
            )


def _definition(code: str, departments: list[str]) -> str:
    listed = " and ".join(departments)
    plural = "s" if len(departments) > 1 else ""
    definition = (
        f"A key performance measure in the {listed} plan{plural} (Corporate Plan 2011-2014)."
    )
    if code in NOTES:
        definition += f" {NOTES[code]}"
    if code == "LBC 1":
        definition += " Owned in the demo by the demo editor login, who records its actuals."
    return definition


def _indicator(found: Indicator | None, code: str, wanted: dict, links: dict, *, by) -> Indicator:
    if found is None:
        return indicator_save(by=by, data={"code": code, **wanted, **links}, reason=MEASURES)
    changed = differences(found, wanted)
    for name, records in links.items():
        if {r.pk for r in records} != set(getattr(found, name).values_list("pk", flat=True)):
            changed[name] = records
    if not changed:
        return found
    return indicator_save(
        by=by, indicator=found, data=changed, expected_version=found.version, reason=MEASURES
    )


def _target(
    indicator: Indicator, period: datetime.date, value: Decimal, *, by, reason: str
) -> None:
    found = Target.objects.filter(indicator=indicator, period=period).first()
    if found is None or found.value != value:
        target_set(
            indicator=indicator,
            period=period,
            value=value,
            by=by,
            expected_version=found.version if found else None,
            reason=reason,
        )


def _actual(indicator, period, value, commentary, *, approved: bool, recorder, approver) -> None:
    """The period's actual as the figures give it: recorded by ``recorder`` and, unless it
    still awaits approval, approved by ``approver``."""
    found = Actual.objects.filter(indicator=indicator, period=period).first()
    is_approved = found is not None and found.status == Actual.Status.APPROVED
    if (
        found is None
        or (found.value, found.commentary) != (value, commentary)
        or (is_approved and not approved)
    ):
        found = actual_record(
            indicator=indicator,
            period=period,
            value=value,
            commentary=commentary,
            by=recorder,
            expected_version=found.version if found else None,
        )
    if approved and found.status != Actual.Status.APPROVED:
        actual_approve(actual=found, by=approver, expected_version=found.version)
