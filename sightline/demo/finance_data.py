"""Luton Borough Council's medium-term financial plan as its documents give it, for the demo
loader (``sightline/demo/finance.py``): the Corporate Plan 2011-2014's tables 7.1 and 7.2
exactly; the plan's notes (Luton Together Phase 2's funding facts, the Executive report's
£48 million and £850k); an illustrative base scenario and its variants; the strategy's budget
cycle for 2013/14. What the documents do not give is marked illustrative where it is used.
"""

from __future__ import annotations

from sightline.core.fiscal import FinancialYear
from sightline.core.money import parse_money
from sightline.demo.sources import (
    CORPORATE_PLAN,
    EXECUTIVE_REPORT,
    ILLUSTRATIVE,
    LUTON_TOGETHER,
)
from sightline.finance.models import Category, MilestoneStatus, Section

FY10, FY11, FY12, FY13, FY14, FY15 = (FinancialYear(y) for y in range(2010, 2016))

# --- the Corporate Plan's tables 7.1 and 7.2 ----------------------------------------------------

# Table 7.1, revenue expenditure in 2011/12 (budget) against 2010/11 (provisional outturn), in
# £m: (note, line, 2011/12, 2010/11). The last line sits below service expenditure.
REVENUE = [
    ("A", "Education and children's services", "256.62", "233.29"),
    ("B", "Housing services", "106.25", "108.73"),
    ("C", "Adult social care", "71.77", "64.6"),
    ("D", "Cultural, environment and planning services", "41.31", "46.29"),
    ("", "Highways, roads and transport services", "20.07", "20.88"),
    ("", "Central services", "21.31", "20.52"),
    ("", "Other costs", "0.74", "1.17"),
]
CAPITAL_FINANCING_LINE = ("E", "Capital financing", "-37.99", "4.30")
# The footnote: the exceptional accounting entries for capital expenditure charged to the
# revenue accounts, by note, in £m.
ENTRIES = {"A": "40.90", "B": "1.32", "C": "-0.64", "D": "-1.83", "E": "-39.75"}
FOOTNOTE = (
    "£39.75 million of the increases in service expenditure for 2011/12 shown above relates to "
    "exceptional accounting entries for capital expenditure charged to the revenue accounts, in "
    "line with financial reporting requirements. The amounts relevant to each service area are "
    "in notes A to E."
)
OUTTURN_NOTE = "The 2010/11 figures are the provisional outturn."

# Table 7.2, the capital programme in 2011/12 and its financing, in £m.
CAPITAL_SPENDING = [
    ("Highways", "65.18"),
    ("Investments in schools", "57.44"),
    ("Cultural and related services", "18.20"),
    ("Housing (public sector)", "6.74"),
    ("Investment in public buildings", "3.86"),
    ("Housing (private sector)", "2.84"),
    ("Vehicles and plant", "1.01"),
    ("Social services", "0.81"),
    ("Planning and regeneration", "0.66"),
    ("Other", "0.12"),
]
CAPITAL_FINANCING = [
    ("Supported expenditure – capital grant", "108.50"),
    ("Prudential borrowing", "19.68"),
    ("Supported borrowing – revenue support", "9.30"),
    ("Major repairs allowance", "6.35"),
    ("Internal funds", "6.19"),
    ("Contributions", "4.07"),
    ("Usable capital receipts", "2.77"),
]

# --- the plan, its notes and its scenarios -----------------------------------------------------

PLAN = {
    "title": "Medium Term Financial Plan 2013/14 to 2015/16",
    "first_fy": FY13,
    "last_fy": FY15,
    # "£36 million has been saved in the past two years from a revenue budget of £170 million"
    "base_budget_pence": parse_money("£170m"),
    "notes": (
        "The years are Luton Together Phase 2's three budget years. The base budget is the "
        "strategy's revenue budget of £170 million, taken as 2012/13's net budget (the year it "
        "applies to is the demo's reading)."
    ),
}

# (section, fy, text, amount, source)
NOTES = [
    (
        Section.PLAN,
        None,
        "Current targets for 2013-18: £18m in 2013/14, £18m in 2014/15, £14m in 2015/16, "
        "£14m in 2016/17 and £13m in 2017/18, £77m in all.",
        "£77m",
        LUTON_TOGETHER,
    ),
    (
        Section.PLAN,
        None,
        "The Council's £48 million budget reductions over the next three years (2013/14 to "
        "2015/16).",
        "£48m",
        EXECUTIVE_REPORT,
    ),
    (
        Section.PLAN,
        None,
        "The Chief Executive's Department must find a further £850k, profiled 2013/14 £200k, "
        "2014/15 £490k and 2015/16 £160k.",
        "£850k",
        EXECUTIVE_REPORT,
    ),
    (
        Section.PLAN,
        None,
        "We will deliver further savings of £49 million between 2013/14 and 2015/16.",
        "£49m",
        LUTON_TOGETHER,
    ),
    (
        Section.PLAN,
        None,
        "The programme team's cost each year (£2.1m in 2013/14, £2m, £1.6m, £1.6m, £1.5m) is "
        "illustrative: the strategy gives the team's return on investment target, eight times "
        "its cost, not the cost.",
        None,
        ILLUSTRATIVE,
    ),
    (
        Section.FUNDING,
        None,
        "The Council currently gets 65% of its income from Whitehall, which means it is highly "
        "dependent on central funding decisions.",
        None,
        CORPORATE_PLAN,
    ),
    (
        Section.FUNDING,
        FY14,
        "The government's estimated reduction in revenue support grant for Luton in 2014/15 is "
        "17.7 per cent, which equates to £11.3 million.",
        "£11.3m",
        LUTON_TOGETHER,
    ),
    (
        Section.FUNDING,
        None,
        "Central Beds Council can raise £118 million from council tax. Luton Council can only "
        "raise £53 million from this source.",
        "£53m",
        LUTON_TOGETHER,
    ),
    (
        Section.FUNDING,
        FY12,
        "The government's formula grant figures for 2012/13 indicate a savings requirement of "
        "around £16.5 million.",
        "£16.5m",
        CORPORATE_PLAN,
    ),
]

BASE_DESCRIPTION = (
    f"{ILLUSTRATIVE}: the documents do not publish Luton's funding and pressures year by year. "
    "The figures are chosen so that the savings required are Luton Together Phase 2's targets "
    "(£18m, £18m, £14m). From the strategy itself: council tax of £53 million, and the "
    "revenue support grant cut by 17.7%, £11.3 million, in 2014/15."
)
CT = Category.COUNCIL_TAX
# Category -> {year: (amount, or (tax base, Band D), basis)}
BASE = {
    Category.COUNCIL_TAX: {
        FY13: (
            ("42400", "£1,250"),
            "£53 million, what the strategy says Luton can raise from "
            "council tax; the tax base and Band D charge are illustrative.",
        ),
        FY14: (
            ("42800", "£1,250"),
            "Band D frozen; the tax base grows by 400 Band D equivalents (illustrative).",
        ),
        FY15: (
            ("43200", "£1,250"),
            "Band D frozen; the tax base grows by 400 Band D equivalents (illustrative).",
        ),
    },
    Category.BUSINESS_RATES: {
        FY13: ("£27m", "The council's share of business rates (illustrative)."),
        FY14: ("£27.54m", "Up 2% with inflation (illustrative)."),
        FY15: ("£28.09m", "Up 2% with inflation (illustrative)."),
    },
    Category.RSG: {
        FY13: (
            "£63.84m",
            "Illustrative: the grant from which a 17.7% cut is the strategy's £11.3 million.",
        ),
        FY14: (
            "£52.54m",
            "The government's estimated reduction for Luton in 2014/15: 17.7%, "
            "£11.3 million (Luton Together Phase 2).",
        ),
        FY15: ("£44.66m", "A further 15% cut (illustrative)."),
    },
    Category.OTHER_GRANTS: {
        FY13: ("£8.16m", "New homes bonus, council tax freeze grant and others (illustrative)."),
        FY14: ("£9.5m", "Illustrative."),
        FY15: ("£9.21m", "Illustrative."),
    },
    Category.FEES: {
        FY13: ("£6m", "Fees and charges not netted off service budgets (illustrative)."),
        FY14: ("£6.12m", "Up 2% (illustrative)."),
        FY15: ("£6.24m", "Up 2% (illustrative)."),
    },
    Category.RESERVES: {
        FY13: ("£2m", "One-off use of reserves in 2013/14 (illustrative)."),
        FY14: ("£0", "No use of reserves (illustrative)."),
        FY15: ("£0", "No use of reserves (illustrative)."),
    },
    Category.PAY: {
        FY13: ("£1m", "A 1% pay award on a pay bill of about £100m (illustrative)."),
        FY14: ("£1m", "A 1% pay award (illustrative)."),
        FY15: ("£1m", "A 1% pay award (illustrative)."),
    },
    Category.PRICES: {
        FY13: ("£2.5m", "Contract inflation (illustrative)."),
        FY14: ("£2.4m", "Contract inflation (illustrative)."),
        FY15: ("£2.3m", "Contract inflation (illustrative)."),
    },
    Category.DEMAND: {
        FY13: ("£3m", "Demographic change: older people and children in care (illustrative)."),
        FY14: ("£3.2m", "Demographic change (illustrative)."),
        FY15: ("£3.3m", "Demographic change (illustrative)."),
    },
    Category.NEW_BURDENS: {
        FY13: ("£1.5m", "Welfare reform and public health's transfer (illustrative)."),
        FY14: ("£0.6m", "Welfare reform (illustrative)."),
        FY15: ("£0.4m", "Welfare reform (illustrative)."),
    },
}
# Other scenarios: copies of the base with these figures changed.
VARIANTS = [
    (
        "Pessimistic",
        f"{ILLUSTRATIVE}: the base with a deeper grant cut in 2015/16 and faster demand.",
        {
            (Category.RSG, FY15): ("£39.41m", "A 25% cut in 2015/16 (illustrative)."),
            (Category.DEMAND, FY14): ("£4m", "Faster demographic growth (illustrative)."),
            (Category.DEMAND, FY15): ("£4.5m", "Faster demographic growth (illustrative)."),
        },
    ),
    (
        "Optimistic",
        f"{ILLUSTRATIVE}: the base with a milder grant cut in 2015/16.",
        {
            (Category.RSG, FY15): ("£47.29m", "A 10% cut in 2015/16 (illustrative)."),
            (Category.BUSINESS_RATES, FY15): ("£28.5m", "Growth in the rates base (illustrative)."),
        },
    ),
]

# --- the budget cycle ----------------------------------------------------------------------------

CYCLE_NOTE = "Months from Luton Together Phase 2; the days and the status are illustrative."
CYCLE_NOTE_NO_OWNER = (
    "Months from Luton Together Phase 2; the days, the status and the owner (the strategy "
    "names none) are illustrative."
)
# (name, first month, last month (year, month), owner, owner given by the strategy, status as at
# the end of March 2014)
DONE, UNDER_WAY, NOT_STARTED = (
    MilestoneStatus.DONE,
    MilestoneStatus.IN_PROGRESS,
    MilestoneStatus.NOT_STARTED,
)
CYCLE = [
    ("Initial strategy to Executive", (2013, 3), (2013, 3), "Executive", True, DONE),
    ("Staff consultations", (2013, 4), (2013, 5), "Human resources", False, DONE),
    (
        "Financial analysis of the new options for savings proposals",
        (2013, 4),
        (2013, 5),
        "Finance",
        False,
        DONE,
    ),
    (
        "Revised strategy backed by outline plans to Executive",
        (2013, 6),
        (2013, 6),
        "Executive",
        True,
        DONE,
    ),
    (
        "Monthly reporting on progress of strategy and savings programme",
        (2013, 4),
        (2014, 3),
        "Finance review group (members) and senior management leadership group",
        True,
        UNDER_WAY,
    ),
    (
        "Budget consultation proposals to Scrutiny finance group",
        (2013, 7),
        (2013, 7),
        "Scrutiny finance group",
        True,
        DONE,
    ),
    (
        "New projects for the 14/15 budget agreed by members",
        (2013, 8),
        (2013, 9),
        "Members",
        True,
        DONE,
    ),
    ("Draft list for 14/15 agreed by members", (2013, 8), (2013, 9), "Members", True, DONE),
    (
        "Budget consultations with citizens",
        (2013, 9),
        (2014, 1),
        "Policy and performance",
        False,
        DONE,
    ),
    (
        "Staff consultations on specific project proposals start",
        (2013, 9),
        (2013, 9),
        "Human resources",
        False,
        DONE,
    ),
    (
        "Decisions made and implemented",
        (2013, 11),
        (2014, 1),
        "Executive",
        False,
        DONE,
    ),
    ("Decisions take effect at the start of March", (2014, 3), None, "Finance", False, DONE),
    ("Cycle repeats for 2015/16", (2014, 3), (2014, 3), "Programme office", False, NOT_STARTED),
]
