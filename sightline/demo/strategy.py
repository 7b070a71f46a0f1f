"""Corporate plans from the council documents: Luton Borough Council's Corporate Plan
2011-2014, and the corporate objectives of Sefton Council's Corporate Services Departmental
Service Plan 2010/11. The programme office keeps them, through ``plan_record_save``."""

from __future__ import annotations

from sightline.accounts.models import Council, Directorate
from sightline.core.fiscal import FinancialYear
from sightline.demo.accounts import login
from sightline.demo.sources import CORPORATE_PLAN, SEFTON_SERVICE_PLAN, cite
from sightline.demo.sync import keep
from sightline.strategy.models import (
    CorporatePlan,
    DeliveryPriority,
    DepartmentalPlan,
    EfficiencyProject,
    Priority,
)
from sightline.strategy.services import plan_record_save

PLAN_TITLE = "Corporate Plan 2011 – 2014"
SEFTON_PLAN_TITLE = "Sefton corporate objectives"

MISSION = "The needs of Luton's people will be first in everything we do."
VISION = (
    "Luton Borough Council will be a high performing, financially viable authority, delivering "
    "high quality services that improve health and opportunity for local people and protect "
    "the most vulnerable.\n\n"
    "Together with our partners, we will help make Luton a place where everyone can learn and "
    "thrive and where business can grow and prosper.\n\n"
    "Celebrating and building on Luton's rich history and its vibrant, cultural mix, we will "
    "develop safe, strong, sustainable communities.\n\n"
    "We will be responsive, accountable and innovative – a leader in what we do and a voice "
    "for our town."
)
VALUES = [
    "Embrace equality and diversity, cohesion and inclusion",
    "Respect others",
    "Act with integrity",
    "Constantly strive for improvement",
    "Focus on our customers and citizens",
    "Promote accountability to local people",
]
PRIORITIES = [
    "Empower, support and protect the vulnerable",
    "Improve health and promote health equality",
    "Improve life and learning opportunities for all",
    "Create a vibrant environment where businesses thrive and prosper",
    "Reduce crime, antisocial behaviour and the fear it causes",
    "Protect and enhance the quality of the natural and built environment",
    "Strengthen community cohesion",
    "Ensure a financially sound and efficient Council",
]
# The plan names no priority leads: the director whose plan leads on it (illustrative).
PRIORITY_LEADS = {
    1: "Housing and Community Living Department",
    2: "Public Health",
    3: "Children and Learning Department",
    4: "Environment and Regeneration Department",
    5: "Environment and Regeneration Department",
    6: "Environment and Regeneration Department",
    7: "Chief Executive's Department",
    8: "Customer and Corporate Service Department",
}

CEX = "Chief Executive's Department"
CL = "Children and Learning Department"
CCS = "Customer and Corporate Service Department"
ER = "Environment and Regeneration Department"
HCL = "Housing and Community Living Department"
PH = "Public Health"

# The Corporate Plan, section 5: (directorate, theme number or None, delivery priority)
DELIVERY = [
    (
        CEX,
        7,
        "Ten recommendations from the report of the Luton Commission on Community Cohesion covering Luton's economy, image, the transparency of how resources are allocated within the borough, and continuing to develop the programme of work under the Luton in Harmony banner.",
    ),
    (
        CEX,
        7,
        "The Social Justice Framework 2011-2015 for Luton sets the direction for how the Council and its partners will continue to embed the principles and desired outcomes for equality, cohesion and inclusion across the borough.",
    ),
    (
        CEX,
        8,
        "Development of the Council's strategic centre as the driver for meaningful citizen engagement, strategic policy making and high performance that runs throughout all the Council's business.",
    ),
    (
        CEX,
        7,
        "Establishing the relationship between area committees and 'Your Say Your Way' neighbourhood governance.",
    ),
    (
        CEX,
        8,
        "Delivery of the Luton transformation programme: meeting the budget challenge of £60 million cumulative savings by 2014/15; changing the Council's culture and improving its productivity.",
    ),
    (
        CL,
        1,
        "Promoting prevention and early intervention through commissioning and providing a range of services designed to support and strengthen families, and targeting services to support the most vulnerable.",
    ),
    (
        CL,
        1,
        "Safeguarding Luton's children to the highest standard through leading strong partnership working, decisive interventions and effective care planning.",
    ),
    (
        CL,
        1,
        "Transforming services for children in care by ensuring timely and effective planning, promoting their health and education, and preparing young people to lead fulfilling and productive adult lives.",
    ),
    (
        CL,
        1,
        "Better integrating social care, education and health services for disabled children and those with Special Educational Needs.",
    ),
    (
        CL,
        2,
        "Promoting improved childhood through integrated provision in children's centres, active and healthy lifestyles, narrowing the gap, and high quality information and advice.",
    ),
    (
        CL,
        3,
        "Give all young people the best start in life and further improve educational standards.",
    ),
    (
        CL,
        5,
        "Promoting and commissioning positive activities for young people; supporting young people who suffer or witness domestic abuse; challenging and supporting young offenders through the Youth Offending Service.",
    ),
    (
        CL,
        7,
        "Engagement of young people through active citizenship; the 'My Place' TOKKO centre; links between schools; challenging extremism.",
    ),
    (
        CL,
        8,
        "Driven by the principles of prevention and early intervention: sharper focus on families with high dependency and multiple needs; traded services; review of children in care placements; review of Special Educational Needs and disability.",
    ),
    (
        CCS,
        8,
        "Optimise and deliver transformation outcomes, including the financial commitments in the tracker efficiency programme, re-shaping support services, channel shift, collecting more council tax and an optimised model for benefit assessment and revenue collection.",
    ),
    (
        CCS,
        8,
        "Providing the required support services to help front-line departments achieving their objectives including ICT fundamentals.",
    ),
    (
        CCS,
        4,
        "Deliver optimum way forward to develop the airport through 2014 to 2028 and beyond whilst maximising ongoing income.",
    ),
    (
        ER,
        1,
        "Protect the community from illegal, unsafe and anti-social practices; support elderly, young and vulnerable people; reduce unemployment.",
    ),
    (
        ER,
        2,
        "Safety and protection; encourage healthy life style choices; environmental pollution management.",
    ),
    (
        ER,
        3,
        "Up skilling Luton's workforce and reducing unemployment; maximising investment in skills; apprenticeships and work experience.",
    ),
    (
        ER,
        4,
        "Sites for quality employment; the right environment for business; business growth and inward investment; image and promotion; deliver the Core Strategy; build more than 200 new homes over the next two years.",
    ),
    (
        ER,
        5,
        "Deliver the Community Safety Partnership Plan priorities; the 'Prevent' local delivery plan; the night time economy; high quality public lighting.",
    ),
    (
        ER,
        6,
        "Improve air pollution, reduce noise, parks, street cleansing; quality in new development; waste reduction and recycling; Carbon Trust programme to reduce CO2 emissions by 11% by 2014.",
    ),
    (
        ER,
        7,
        "Promoting image and pride in the town; town centre regeneration and access; community involvement.",
    ),
    (
        HCL,
        1,
        "Focus reablement services; personalisation of social care; Health and Wellbeing centres; housing repairs appointments; prevention and early intervention; safeguarding adults at risk; housing options for homeless households.",
    ),
    (
        HCL,
        2,
        "Seize the opportunities offered by the transfer of Public Health; integration with NHS Luton; cultural and leisure services targeting areas most in need; housing solutions for special needs.",
    ),
    (
        HCL,
        3,
        "Adult and Community Learning courses; the apprenticeship programme; a volunteer programme; plans for the impact of housing benefit changes.",
    ),
    (
        HCL,
        4,
        "Local care provision; review of the housing repairs maintenance service; Adult Community Learning's support for local business.",
    ),
    (HCL, 5, "Maintain and develop tenant services to target antisocial behaviour."),
    (
        HCL,
        6,
        "Affordable homes, including empty homes back into use; the decent homes standard; the 50 metre aquatic centre.",
    ),
    (HCL, 7, "Neighbourhood governance; community festivals; inclusive community services."),
    (
        HCL,
        8,
        "Deliver the reform of the Housing Revenue Account (self financing); implement the adult care outcomes framework; reduce the income loss from void properties.",
    ),
    (PH, 2, "Tackling cardiovascular disease through the national health checks programme."),
    (
        PH,
        2,
        "Reduce smoking prevalence through prevention, cessation and tobacco free communities.",
    ),
    (PH, 2, "Preventing overweight and obesity in families with children aged 0-5."),
    (PH, 2, "Drugs and alcohol, including support to people to lead a drug free life."),
    (
        PH,
        2,
        "Long term conditions: undiagnosed CVD and diabetes, quality of primary care management, self management.",
    ),
    (
        PH,
        2,
        "Reduce infant mortality by promoting healthy pregnancy and supporting high risk families.",
    ),
    (PH, 2, "Develop cancer screening services and improve uptake."),
]

CROSS_CUTTING = {
    CEX: [
        "Report of the Luton Commission on Community Cohesion (2011)",
        "Social Justice Framework (2011)",
        "Single Equality Scheme (2009)",
        "Luton Community Safety Partnership: Strategic Assessment (2010)",
    ],
    CL: [
        "Children and Young People's Plan 2010/11",
        "Anti bullying strategy",
        "Family Poverty Strategy",
        "Children in Care Strategy",
        "SEN Strategy",
        "Safeguarding Strategy",
        "Early Intervention Strategy",
        "Joint Strategic Needs Assessment",
        "Local Safeguarding Children Board business plan",
    ],
    CCS: [
        "Medium Term Financial Plan and Strategy",
        "Organisational Development Strategy",
        "Office Accommodation Strategy",
        "Corporate Asset Management Plan",
    ],
    ER: [],
    HCL: [
        "Adult Social Care Outcomes Framework",
        "Joint Strategic Needs Assessment",
        "Family Poverty Strategy",
        "Dementia Strategy",
        "Joint Prevention Strategy",
    ],
    PH: [
        "Healthy Lives, Healthy People",
        "Strategy for public health in England",
        "Health Inequalities Strategy",
        "Tobacco Control Strategy",
        "Drug and Alcohol Strategies",
        "Healthy Weight Strategy",
        "Infant Mortality Strategy",
        "Joint Strategic Needs Assessment",
        "Family Poverty Strategy",
    ],
}

MEASURES_WITHOUT_CODES = {
    CEX: "Citizens' Panel: proportion of residents who say that people from different backgrounds get along\nCitizens' Panel: proportion of residents who say they can influence decisions\nCitizens' Panel: changes in satisfaction with public services in relation to treating residents with respect and consideration",
    CL: "Outcome of unannounced inspection of safeguarding and children in care\nOutcome of inspections of regulated services, e.g. fostering\nWorking with families to prevent and reduce the need for intervention\nMunro review quality outcomes\nBullying measure (to be identified)",
    ER: "Effective service delivery alongside a major restructure with reduced capacity\nDelivery of the Core Strategy\nThe long-term waste strategy\nOverall crime, overall serious crime\nDomestic violence\nLocation, offenders and victims (new indicators)\nCommunity Safety Survey\nFear of crime",
    HCL: "Percentage/£s of rent income collected\nIncome loss through void properties (£ value and % of rent roll)\nBed and Breakfast placements – total numbers",
    PH: "Prevalence of adult and childhood obesity\nPrevalence of infant mortality\nReducing alcohol related hospital admissions\nAdult participation in physical activity\nIncreasing the number of drug users in treatment",
    CCS: "",
}

# Main departmental efficiency projects, and the demo savings (Luton Together Phase 2) they
# are linked to.
EFFICIENCY = [
    (
        CEX,
        8,
        "Embedding the Citizen Engagement workstream through a Lean focussed review of team productivity in 2011/12",
        ["CEX 01", "CEX 02", "CEX 03", "CEX 04"],
    ),
    (
        CL,
        1,
        "Further workforce remodelling around integrated services, which will save £650k",
        ["CL 03"],
    ),
    (CL, 1, "Sharper focus on high dependency families", ["CL 02"]),
    (CL, 3, "Business development of services to schools", ["CL 04", "CL 05"]),
    (
        CCS,
        8,
        "Corporate services bundle: reducing costs across administrative and business support services",
        [],
    ),
    (
        ER,
        6,
        "Merging teams, reducing management, reviewing work patterns; street lighting through smarter procurement",
        ["ER 02", "ER 03"],
    ),
    (HCL, 1, "Day care modernisation and transport efficiencies", ["HCL 02"]),
]

SEFTON_OBJECTIVES = [
    "Creating a Learning Community",
    "Creating Safe Communities",
    "Jobs and Prosperity",
    "Improving Health and Well-Being",
    "Environmental Sustainability",
    "Creating Inclusive Communities",
    "Improving the Quality of Council Services and Strengthening local Democracy",
    "Children and Young People",
]


def _kept(by, reason: str):
    """How the programme office ``by`` saves a part of the corporate plan."""
    return lambda obj, version: plan_record_save(
        obj=obj, by=by, reason=reason, expected_version=version
    )


def load_luton(council: Council) -> None:
    """The Corporate Plan 2011-2014: mission, vision and values, the eight strategic
    priorities, each department's plan with its delivery priorities and efficiency projects."""
    office = login("programme_office")
    plan = keep(
        CorporatePlan,
        {"council": council, "title": PLAN_TITLE},
        {
            "starts": FinancialYear(2011),
            "ends": FinancialYear(2013),
            "mission": MISSION,
            "vision": VISION,
            "values": "\n".join(VALUES),
        },
        save=_kept(office, cite(CORPORATE_PLAN, "mission, vision and values")),
    )
    directorates = {d.name: d for d in Directorate.objects.filter(council=council)}
    lead_reason = cite(CORPORATE_PLAN, "section 4. Lead: illustrative (the plan names none).")
    priorities = {
        number: keep(
            Priority,
            {"plan": plan, "number": number},
            {"title": title, "lead": directorates[PRIORITY_LEADS[number]].director},
            save=_kept(office, lead_reason),
        )
        for number, title in enumerate(PRIORITIES, start=1)
    }
    section_5 = _kept(office, cite(CORPORATE_PLAN, "section 5"))
    plans = {
        name: keep(
            DepartmentalPlan,
            {"plan": plan, "directorate": directorate},
            {
                "cross_cutting": "\n".join(CROSS_CUTTING.get(name, [])),
                "key_measures_text": MEASURES_WITHOUT_CODES.get(name, ""),
            },
            save=section_5,
        )
        for name, directorate in directorates.items()
    }
    for order, (name, theme, text) in enumerate(DELIVERY):
        keep(
            DeliveryPriority,
            {"departmental_plan": plans[name], "text": text},
            {"priority": priorities[theme], "order": order},
            save=section_5,
        )
    projects = _kept(
        office, cite(CORPORATE_PLAN, "section 5: main departmental efficiency projects")
    )
    for name, theme, title, _ in EFFICIENCY:
        keep(
            EfficiencyProject,
            {"departmental_plan": plans[name], "title": title},
            {"priority": priorities[theme]},
            save=projects,
        )


def sefton_objectives(council: Council) -> dict[int, Priority]:
    """Sefton's eight corporate objectives, from the monitoring grid of its service plan
    report, by number."""
    save = _kept(
        login("sefton_programme_office"),
        cite(SEFTON_SERVICE_PLAN, "the corporate objectives of the report's monitoring grid"),
    )
    plan = keep(
        CorporatePlan,
        {"council": council, "title": SEFTON_PLAN_TITLE},
        {"starts": FinancialYear(2010), "ends": FinancialYear(2010)},
        save=save,
    )
    return {
        number: keep(Priority, {"plan": plan, "number": number}, {"title": title}, save=save)
        for number, title in enumerate(SEFTON_OBJECTIVES, start=1)
    }


def load_sefton(council: Council) -> None:
    sefton_objectives(council)
