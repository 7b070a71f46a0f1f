"""The savings programmes of the demo councils, as their documents give them.

Figures from the documents are exact. What the demo needs and the documents do not give
(RAG ratings, forecasts, stages, accountants, programme team cost) is marked illustrative in
the record's notes or commentary by the loader.
"""

from __future__ import annotations

from sightline.core.fiscal import FinancialYear
from sightline.savings.models import SavingKind, Stage

FY13, FY14, FY15, FY16, FY17 = (FinancialYear(y) for y in range(2013, 2018))

# Luton Together Phase 2: current targets for 2013-18 (the programme team's cost is
# illustrative), and the bundles with their sponsoring department, targets and visions.
TARGETS = {FY13: "£18m", FY14: "£18m", FY15: "£14m", FY16: "£14m", FY17: "£13m"}
TEAM_COST = {FY13: "£2.1m", FY14: "£2m", FY15: "£1.6m", FY16: "£1.6m", FY17: "£1.5m"}
BUNDLES = [
    (
        "Children & learning",
        ["£4.87m", "£2.9m", "£2.04m"],
        "To design, deliver and commission services for Luton's children and young people "
        "which will further raise levels of educational attainment, protect the vulnerable and "
        "improve life chances.",
        "Children and Learning Department",
    ),
    (
        "Commercial and transformational services",
        ["£4.26m", "£3.8m", "£2.80m"],
        "To transform business support, commissioning, procurement and category management, "
        "deliver significant cost reductions and income streams and promote high standards of "
        "management practice.",
        "Customer and Corporate Service Department",
    ),
    (
        "Environment & regeneration",
        ["£4.43m", "£5.14m", "£2.26m"],
        "To continue to make a visible difference by delivering key front line services to an "
        "acceptable standard and at optimal cost.",
        "Environment and Regeneration Department",
    ),
    (
        "Housing & community living",
        ["£6.73m", "£3.82m", "£2.80m"],
        "To protect vulnerable people whilst maximising prevention opportunities in order to "
        "minimise growth in demand for support services.",
        "Housing and Community Living Department",
    ),
    (
        "Customer connect",
        None,
        "To increase the shift towards more convenient, cost-effective access channel "
        "alternatives for customers and citizens. This will increasingly involve self-service.",
        "Customer and Corporate Service Department",
    ),
    (
        "Estate rationalisation",
        None,
        "To reduce significantly the council's footprint (both space and carbon) and increase "
        "agile working.",
        "Customer and Corporate Service Department",
    ),
]

# The Executive report of 4 March 2013, recommendation 1: the Chief Executive's Department's
# 2013/14 reductions (reference, title, amount, savings type).
CEX_REDUCTIONS = [
    (
        "CEX 01",
        "The voluntary separation of two employees from 31/3/13",
        "£92k",
        "Reduction in provision",
    ),
    ("CEX 02", "The deletion of part time vacancies", "£24.5k", "Efficiency"),
    ("CEX 03", "Base budget reductions", "£83.5k", "Efficiency"),
]
CEX_BACKGROUND = (
    "Over the past two financial years the Chief Executive's Department has saved in the region "
    "of £800k. As part of the Council's £48 million budget reductions over the next three years, "
    "the department must find a further £850k, profiled 2013/14 £200k, 2014/15 £490k, 2015/16 "
    "£160k."
)

# The kind of saving: an expenditure reduction, or income.
SPEND, EARN = SavingKind.REDUCTION, SavingKind.INCOME
CUT, REDESIGN, INCOME = "Reduction in provision", "Service redesign", "Income generation"
EFFICIENCY, COMMERCIAL = "Efficiency", "Commercialisation"
ER = ("Environment & regeneration", "Environment and Regeneration Department")
HCL = ("Housing & community living", "Housing and Community Living Department")
CL = ("Children & learning", "Children and Learning Department")

# How Luton Together Phase 2 gives each saving's year, said in the line's description and the
# proposal's notes: a year the text names, a spread over the years it names, or (where it
# names none) a year assumed.
YEAR_ASSUMED = (
    "Year assumed: Luton Together Phase 2 gives no year for this saving. It is placed in "
    "2013/14, the strategy's first year."
)
NOTE_ASSUMED = (
    "Luton Together Phase 2 gives no year for this saving: its line is placed in 2013/14 and "
    "marked as an assumed year."
)


def assumed(amount: str) -> tuple[list[tuple], str]:
    """A saving the strategy gives no year for: 2013/14, marked assumed."""
    return [(FY13, amount, YEAR_ASSUMED)], NOTE_ASSUMED


def over_three_years(amounts: tuple[str, str, str], words: str) -> tuple[list[tuple], str]:
    """A saving the strategy gives "over the next three budget years": spread over 2013/14,
    2014/15 and 2015/16, evenly (the split is the demo's; the text gives none)."""
    description = (
        f"{words} (Luton Together Phase 2): spread over 2013/14 to 2015/16 as "
        f"{', '.join(amounts)}; the even split is assumed."
    )
    lines = [
        (fy, amount, description) for fy, amount in zip((FY13, FY14, FY15), amounts, strict=True)
    ]
    return (
        lines,
        f"{words}: spread over the three budget years 2013/14 to 2015/16, evenly (assumed).",
    )


ER_09_WORDS = (
    "Posts cut in 2013/14, no savings in 2014/15, more in 2015/16: £204k by 2015/16 in all "
    "(Luton Together Phase 2). The split between 2013/14 and 2015/16 is assumed (half each)."
)
LICENSING_WORDS = (
    "The licensing review's delegations came into force on 1 April 2013 (Luton Together "
    "Phase 2): 2013/14."
)

# Luton Together Phase 2, appendix 4 (from the prospectus 2013-2016): (reference, title,
# bundle and department, (savings profile, note) or None, savings type, kind). A profile line
# is (year, amount, description).
APPENDIX_4 = [
    (
        "ER 01",
        "Street services: concessionary travel off peak only, Dial-a-Ride contributions",
        ER,
        assumed("£330k"),
        CUT,
        SPEND,
    ),
    (
        "ER 02",
        "Fly tipping and graffiti removal within two working days",
        ER,
        assumed("£415k"),
        CUT,
        SPEND,
    ),
    (
        "ER 03",
        "Reduced planned footpath repair, road safety publicity and street furniture",
        ER,
        assumed("£658k"),
        CUT,
        SPEND,
    ),
    (
        "ER 04",
        "Parks to statutory minimum ground maintenance; full-cost event charges",
        ER,
        None,
        CUT,
        SPEND,
    ),
    (
        "ER 05",
        "Development management at a basic level; minimal forward planning",
        ER,
        assumed("£552k"),
        CUT,
        SPEND,
    ),
    (
        "ER 06",
        "Transport strategy, sustainability and flood management to statutory minimum",
        ER,
        assumed("£436k"),
        CUT,
        SPEND,
    ),
    (
        "ER 07",
        "Reduced capability on sustainable transport measures",
        ER,
        assumed("£75k"),
        CUT,
        SPEND,
    ),
    (
        "ER 08",
        "Trading standards and environmental health prioritised to high risk cases",
        ER,
        assumed("£480k"),
        CUT,
        SPEND,
    ),
    (
        "ER 09",
        "Abandoned vehicles and stray dogs: fewer posts, dog warden income, enforcement review",
        ER,
        (
            [(FY13, "£102k", ER_09_WORDS), (FY15, "£102k", ER_09_WORDS)],
            "£204k by 2015/16: savings in 2013/14 and 2015/16, none in 2014/15 (the strategy's "
            "own years); the split between the two years is assumed.",
        ),
        REDESIGN,
        SPEND,
    ),
    (
        "ER 10",
        "Community safety and civil protection to statutory minimum",
        ER,
        assumed("£241k"),
        CUT,
        SPEND,
    ),
    (
        "ER 11",
        "Parking charges increase; more CCTV enforcement",
        ER,
        assumed("£150k"),
        INCOME,
        EARN,
    ),
    (
        "ER 12",
        "Self-funding licensing service",
        ER,
        (
            [(FY13, "£100k", LICENSING_WORDS)],
            "A saving, not income: the licensing service becomes self funding through a review "
            "that streamlined decisions, in force from 1 April 2013.",
        ),
        EFFICIENCY,
        SPEND,
    ),
    (
        "ER 13",
        "Economic development service kept under review",
        ER,
        assumed("£250k"),
        EFFICIENCY,
        SPEND,
    ),
    (
        "HCL 01",
        "Review of commissioned support services for vulnerable adults",
        HCL,
        assumed("£2.22m"),
        EFFICIENCY,
        SPEND,
    ),
    (
        "HCL 02",
        "Remodel day care for older people and people with physical disabilities",
        HCL,
        assumed("£1.1m"),
        REDESIGN,
        SPEND,
    ),
    (
        "HCL 03",
        "Prevention and early intervention in adult social care",
        HCL,
        over_three_years(("£867k", "£867k", "£866k"), "£2.6m over the next three budget years"),
        REDESIGN,
        SPEND,
    ),
    (
        "HCL 04",
        "Sustainable older people's meals service",
        HCL,
        assumed("£250k"),
        REDESIGN,
        SPEND,
    ),
    (
        "HCL 05",
        "Remodel services for people with learning disabilities",
        HCL,
        assumed("£1.6m"),
        REDESIGN,
        SPEND,
    ),
    (
        "HCL 06",
        "Housing services: self service, partnerships, repairs traded service",
        HCL,
        assumed("£1.1m"),
        COMMERCIAL,
        SPEND,
    ),
    (
        "HCL 07",
        "Transfer community centres to charitable partners",
        HCL,
        assumed("£1.5m"),
        REDESIGN,
        SPEND,
    ),
    (
        "HCL 08",
        "Organisational restructure of management",
        HCL,
        assumed("£0.7m"),
        EFFICIENCY,
        SPEND,
    ),
    (
        "CL 01",
        "Targeted and integrated youth service; review of youth offending",
        CL,
        assumed("£700k"),
        REDESIGN,
        SPEND,
    ),
    (
        "CL 02",
        "Prevention and early intervention funding",
        CL,
        assumed("£3.679m"),
        CUT,
        SPEND,
    ),
    (
        "CL 03",
        "Prevention and early intervention: internal service remodelling",
        CL,
        assumed("£312k"),
        REDESIGN,
        SPEND,
    ),
    (
        "CL 04",
        "Schools support on a traded basis",
        CL,
        over_three_years(
            ("£134k", "£133k", "£133k"),
            "£400k as more services are traded with more schools over the next three years",
        ),
        COMMERCIAL,
        SPEND,
    ),
    (
        "CL 05",
        "Schools support: internal remodelling and extra income",
        CL,
        assumed("£1.066m"),
        COMMERCIAL,
        SPEND,
    ),
    (
        "CL 06",
        "Fundamental review of fostering; looked-after children commissioning",
        CL,
        assumed("£450k"),
        EFFICIENCY,
        SPEND,
    ),
]

# Illustrative delivery state: (reference: stage, January RAG, February RAG, February forecast)
DELIVERY = {
    "CEX 01": (Stage.LIVE, "green", "blue", "£92k"),
    "CEX 02": (Stage.LIVE, "green", "green", "£24.5k"),
    "CEX 03": (Stage.LIVE, "amber", "amber", "£60k"),
    "ER 02": (Stage.LIVE, "green", "amber", "£300k"),
    "ER 03": (Stage.LIVE, "amber", "red", "£200k"),
    "HCL 01": (Stage.LIVE, "green", "green", "£2.22m"),
    "HCL 02": (Stage.LIVE, "amber", "amber", "£800k"),
    "CL 01": (Stage.LIVE, "red", "red", "£350k"),
    "CL 06": (Stage.LIVE, "green", "amber", "£400k"),
}

# Luton Together Phase 2, appendix 3: the learning log (learning, actions, measure of success).
LESSONS = [
    (
        "More evidence needed on which to base bundle and project targets.",
        "Projects will not be able to move to the initiation phase of the tracker until they "
        "have resources attached, an indicative budget code identified and a finance lead "
        "allocated.",
        "100% projects in the transformation programme have resources allocated to them "
        "(sponsors, project managers and technical investment). 100% of transformation "
        "projects have a justifiable savings target allocated to them.",
    ),
    (
        "Need to get staff more involved in key decisions and the process of delivering projects.",
        "Project management training for staff involved in projects; an internal "
        "communications and culture change programme; the Middle Management Challenge reached "
        "over 800 managers in 2011.",
        "Consultation and general involvement of staff results in higher quality and more "
        "transformational solutions; the Shape the Change survey evidenced increased "
        "workforce awareness and sense of involvement.",
    ),
    (
        "Improve early focus on coding savings, clarify project and bundle interdependencies "
        "and reduce duplication.",
        "Finance to allocate a named accountant to every project before it can move to the "
        "'live' phase of the tracker; a finance lead seconded to pick up potential "
        "duplication.",
        "Ongoing resolution of potential coding and duplication problems. Fewer 'failed savings'.",
    ),
    (
        "Effective, transparent allocation of resources to priorities.",
        "The new competency framework and a closer relationship between the LEx team and "
        "bundle sponsors; CLMT governs resource allocation at a monthly programme performance "
        "review.",
        "Substantial numbers of new project managers allocated to tracker projects. All "
        "priority projects fully resourced.",
    ),
    (
        "Greater clarity required on strategic priorities and vision.",
        "This strategy and its related internal communications programme.",
        "Shape the Change staff survey will continue to track understanding of transformation "
        "strategy.",
    ),
    (
        "Closer working between LEx/Fin/HR/IM to drive efficiency.",
        "Regular contact and progress checks between the teams in order to drive the "
        "programme and allocate resources appropriately.",
        "One tracker to include all finance and IM information, linked to the HR consultation "
        "tracker.",
    ),
]
