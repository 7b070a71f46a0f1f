"""Realistic, deterministic data at scale for the benchmarks and reliability tests.

``sightline generate --scale luton|county|national [--seed N]`` calls :func:`generate`. The
same seed always gives the same records (names, amounts, stages, forecasts, reports): every
council draws from its own ``random.Random`` seeded with the seed and the council's code,
never from the global generator. Only the stamps (``created_at``, ``modified_at``) and the
password hashes differ between runs.

Records are written with ``bulk_create`` in batches, inside one transaction per council, so
django-simple-history's signals do not fire. The history the monitoring report reads back
(proposals, savings lines, forecasts, bundles and directorates) is written in bulk too, dated
before the month it belongs to, so a generated closed period's report can be produced again
from history exactly, as for a real one. Other records (indicators, actuals, targets, people,
plans, risks) have no history rows: acceptable for generated data.

This module is a tool that sits above the domain apps (it writes their tables directly, as a
fixture would); the apps never import it.
"""

from __future__ import annotations

import datetime
import math
import random
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import models, transaction

from sightline.accounts.models import (
    Council,
    Directorate,
    Membership,
    Person,
    Portfolio,
    Role,
    ServiceArea,
)
from sightline.core.fiscal import FinancialYear
from sightline.performance.models import Actual, Indicator, Target
from sightline.risks.models import Risk
from sightline.savings.models import (
    BenefitConfirmation,
    BudgetCode,
    Bundle,
    BundleTarget,
    DecisionBody,
    DecisionStatus,
    Forecast,
    Period,
    ProgrammeSettings,
    ProgrammeYear,
    Proposal,
    Rag,
    SavingKind,
    SavingLine,
    SavingsType,
    Stage,
)
from sightline.savings.selectors import monitoring_report
from sightline.savings.services import DEFAULT_TYPES
from sightline.strategy.models import CorporatePlan, DepartmentalPlan, Priority

BATCH = 2000
LONDON = ZoneInfo("Europe/London")
REASON = "Generated data (sightline generate)"

# The programme runs over five financial years; monitoring runs to March 2026.
FIRST_FY = FinancialYear(2024)
PROGRAMME_YEARS = [FIRST_FY + i for i in range(5)]
LAST_CLOSED_MONTH = datetime.date(2026, 3, 1)
# Everything generated "exists" from this moment in history, before any monitoring month.
HISTORY_START = datetime.datetime(2021, 2, 1, 9, 0, tzinfo=LONDON)
DECIDED_ON = datetime.date(2024, 2, 21)

SCALES = ("luton", "county", "national")


@dataclass(frozen=True)
class Profile:
    """How big one generated council is."""

    proposals: int
    lines: int
    bundles: int
    enabling: int
    directorates: int
    officers: int
    budget_codes: int
    closed_periods: int
    open_period: bool
    indicators: int
    actual_months: int
    priorities: int
    amount_max_pounds: int
    risks: int


LUTON = Profile(
    proposals=170,
    lines=520,
    bundles=6,
    enabling=2,
    directorates=6,
    officers=30,
    budget_codes=60,
    closed_periods=12,
    open_period=False,
    indicators=50,
    actual_months=60,
    priorities=6,
    amount_max_pounds=900_000,
    risks=20,
)
COUNTY = Profile(
    proposals=2000,
    lines=10_000,
    bundles=12,
    enabling=3,
    directorates=8,
    officers=90,
    budget_codes=300,
    closed_periods=24,
    open_period=False,
    indicators=500,
    actual_months=60,
    priorities=8,
    amount_max_pounds=1_500_000,
    risks=300,
)


def small_profile(rng: random.Random) -> Profile:
    """A district or small unitary in the national database: 20 to 80 proposals.

    National councils get one open monitoring month with forecasts but no closed ones: the
    national benchmark measures the programme summary, and 400 councils' stored reports
    would lengthen generation for nothing it measures.
    """
    proposals = rng.randint(20, 80)
    return Profile(
        proposals=proposals,
        lines=int(proposals * rng.uniform(2.5, 4.5)),
        bundles=rng.randint(3, 6),
        enabling=1,
        directorates=rng.randint(4, 6),
        officers=rng.randint(10, 20),
        budget_codes=rng.randint(10, 30),
        closed_periods=0,
        open_period=True,
        indicators=rng.randint(8, 20),
        actual_months=24,
        priorities=rng.randint(4, 6),
        amount_max_pounds=400_000,
        risks=8,  # fixed, not drawn: drawing would change the councils' other data
    )


NATIONAL_COUNTY = Profile(**{**COUNTY.__dict__, "closed_periods": 0, "open_period": True})


def _words(text: str) -> list[str]:
    return text.split()


# --- words ------------------------------------------------------------------------------------

FIRST_NAMES = _words(
    "Aisha Alan Amara Ben Bethan Carl Chloe Dev Dylan Eleanor Emeka Fatima Gareth Grace "
    "Hannah Harpreet Ian Imran Jade James Joanne Kate Kwame Laura Liam Mei Mohammed Nadia "
    "Niamh Oliver Owen Priya Rachel Rhys Ruth Sam Sarah Sean Sophie Tariq Tom Una "
    "Victoria Will Yusuf Zara"
)
SURNAMES = _words(
    "Adams Ahmed Bailey Begum Brown Campbell Chen Clarke Davies Edwards Evans Fletcher "
    "Green Hall Hughes Hussain Jackson Jones Kaur Khan Lewis Lloyd Martin Morgan Murphy "
    "Nowak Okafor Owens Patel Price Roberts Robinson Shah Singh Smith Taylor Thomas "
    "Turner Walker Ward Watson White Williams Wilson Wood Wright Young"
)
JOB_TITLES = [
    "Head of Service",
    "Service Manager",
    "Project Manager",
    "Finance Business Partner",
    "Senior Accountant",
    "Transformation Lead",
    "Commissioning Manager",
    "Programme Manager",
    "Operations Manager",
    "Strategic Lead",
]
DIRECTORATES = [
    ("Adult Social Care", "ASC", ["Care homes", "Home care", "Reablement", "Day services"]),
    ("Children's Services", "CS", ["Fostering", "Early help", "Education", "Youth services"]),
    ("Place", "PL", ["Highways", "Waste", "Planning", "Parks"]),
    ("Resources", "RES", ["Finance", "HR", "IT", "Property"]),
    ("Public Health", "PH", ["Health improvement", "Substance misuse", "Sexual health"]),
    ("Customer and Digital", "CD", ["Contact centre", "Digital", "Libraries"]),
    ("Economy and Growth", "EG", ["Regeneration", "Skills", "Culture"]),
    ("Chief Executive's Office", "CEX", ["Policy", "Communications", "Legal"]),
]
BUNDLE_NAMES = [
    "Demand management",
    "Commissioning and procurement",
    "Assets and estates",
    "Income and commercialisation",
    "Workforce",
    "Prevention and early help",
    "Place-based services",
    "Corporate efficiency",
    "Transport",
    "Partnerships",
    "Digital by default",
    "Customer access",
]
ENABLING_NAMES = ["Digital enabling", "Customer access enabling", "Agile working"]
ACTIONS = [
    "Review of",
    "Redesign of",
    "Re-procurement of",
    "Demand management in",
    "Digital transformation of",
    "Shared service for",
    "Rationalisation of",
    "Automation of",
    "Consolidation of",
    "Fees and charges for",
    "Commissioning review of",
    "Income generation from",
    "Restructure of",
    "Contract renegotiation for",
]
SERVICES = [
    "home to school transport",
    "residential care placements",
    "library services",
    "household waste collection",
    "street lighting",
    "highways maintenance",
    "children's residential placements",
    "leisure centres",
    "parking enforcement",
    "council tax collection",
    "the customer contact centre",
    "day opportunities",
    "supported housing",
    "the office estate",
    "agency staffing",
    "printing and post",
    "grounds maintenance",
    "public health contracts",
    "fleet management",
    "business support",
    "domiciliary care",
    "the youth offer",
    "bereavement services",
    "planning applications",
]
INDICATOR_SUBJECTS = [
    "Adults supported to live at home",
    "Delayed transfers of care",
    "Children in care per 10,000",
    "Repeat referrals to children's social care",
    "Household waste recycled",
    "Principal roads in need of repair",
    "Council tax collected",
    "Business rates collected",
    "Calls answered within 60 seconds",
    "Days to process housing benefit claims",
    "Staff sickness absence",
    "Planning applications decided in time",
    "Library visits",
    "Residents satisfied with their area",
    "Households in temporary accommodation",
    "Young people not in education or employment",
    "Adults in contact with secondary mental health services in employment",
    "Smoking prevalence in adults",
    "Invoices paid within 30 days",
    "Complaints answered in time",
]
PRIORITY_TITLES = [
    "A thriving economy with good jobs",
    "Children and young people have the best start",
    "Older and vulnerable people live independently",
    "A clean, green and safe place",
    "Healthy communities",
    "Decent, affordable homes",
    "An efficient, modern council",
    "Strong, connected communities",
]
PLACES = _words(
    "Ash Brock Cal Dun Elm Fern Glen Hart Ivy King Lark Mill North Oak Pen Queen Red Stan "
    "Thorn Up Wal West Wood Yar"
)
PLACE_ENDINGS = _words(
    "bury ford ton ham field wick ley mouth by stead worth gate well dale hurst combe port more"
)
KINDS_OF_COUNCIL = ["District Council", "Borough Council", "City Council"]

# Stage, decision, share of proposals.
STAGE_MIX = [
    (Stage.IDEA, (DecisionStatus.DRAFT, DecisionStatus.SUBMITTED), 20),
    (Stage.INITIATION, (DecisionStatus.SUBMITTED, DecisionStatus.APPROVED), 15),
    (Stage.LIVE, (DecisionStatus.APPROVED,), 45),
    (Stage.DELIVERED, (DecisionStatus.APPROVED,), 8),
    (Stage.WITHDRAWN, (DecisionStatus.DRAFT, DecisionStatus.REJECTED), 7),
    (Stage.FAILED, (DecisionStatus.APPROVED,), 5),
]


# --- helpers ----------------------------------------------------------------------------------


def _month_back(month: datetime.date, count: int) -> datetime.date:
    index = month.year * 12 + month.month - 1 - count
    return datetime.date(index // 12, index % 12 + 1, 1)


def _months(last: datetime.date, count: int) -> list[datetime.date]:
    return [_month_back(last, count - 1 - i) for i in range(count)]


def _at(day: datetime.date, hour: int = 12) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, 0, tzinfo=LONDON)


def _pounds(rng: random.Random, low: int, high: int, step: int = 500) -> int:
    """An amount in pence between ``low`` and ``high`` pounds, log-uniform, in ``step``s."""
    value = math.exp(rng.uniform(math.log(low), math.log(high)))
    return int(round(value / step)) * step * 100


def _person_name(rng: random.Random) -> str:
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}"


class Writer:
    """Bulk inserts, counted per table, with history rows where the report needs them."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()

    def add(
        self,
        model: type[models.Model],
        objs: list,
        *,
        history: bool = False,
        when: datetime.datetime = HISTORY_START,
    ) -> list:
        if not objs:
            return objs
        created = model._default_manager.bulk_create(objs, batch_size=BATCH)
        self.counts[model._meta.label] += len(created)
        if history:
            self.history(model, created, when=when)
        return created

    def history(self, model, objs, *, when: datetime.datetime = HISTORY_START) -> None:
        model.history.bulk_history_create(
            objs, batch_size=BATCH, default_date=when, default_change_reason=REASON
        )
        self.counts[model.history.model._meta.label] += len(objs)


# --- one council ------------------------------------------------------------------------------


@dataclass
class Generated:
    council: Council
    counts: Counter


def generate_council(
    *, code: str, name: str, profile: Profile, seed: int, password_hash: str
) -> Generated:
    """Create one council with its programme, monitoring, indicators and risk register, in one
    transaction."""
    rng = random.Random(f"{seed}:{code}")
    w = Writer()
    with transaction.atomic():
        council = w.add(Council, [Council(name=name, short_code=code)], history=True)[0]
        users = _logins(w, council, code, password_hash)
        po_user = users[Role.PROGRAMME_OFFICE]
        directorates, areas = _directorates(w, rng, council, profile)
        officers, councillors = _people(w, rng, council, profile)
        portfolios = w.add(
            Portfolio,
            [
                Portfolio(council=council, name=f"Portfolio for {d.name}", lead_member=c)
                for d, c in zip(directorates, councillors, strict=False)
            ],
        )
        types = w.add(
            SavingsType,
            [
                SavingsType(council=council, name=n, cashable=c, counts_toward_gap=g)
                for n, c, g in DEFAULT_TYPES
            ],
        )
        w.add(ProgrammeSettings, [ProgrammeSettings(council=council)])
        bundles = _bundles(w, rng, council, profile, directorates)
        codes = _budget_codes(w, rng, council, profile, directorates)
        priorities = _strategy(w, rng, council, profile, directorates, officers)
        proposals, lines = _proposals(
            w,
            rng,
            council,
            profile,
            po_user=po_user,
            directorates=directorates,
            areas=areas,
            bundles=bundles,
            types=types,
            codes=codes,
            officers=officers,
            councillors=councillors,
            portfolios=portfolios,
            priorities=priorities,
        )
        _targets(w, rng, council, bundles, proposals, lines)
        _benefits(w, rng, proposals, lines)
        _monitoring(w, rng, council, profile, proposals, lines, po_user)
        _indicators(w, rng, council, profile, officers, priorities, po_user)
        # Last, so that the risks' draws leave every other table as it was before risks.
        _risks(w, rng, council, profile, directorates, officers, priorities, po_user)
    return Generated(council=council, counts=w.counts)


def _logins(w: Writer, council: Council, code: str, password_hash: str) -> dict:
    User = get_user_model()
    roles = [(Role.PROGRAMME_OFFICE, "Programme Office"), (Role.VIEWER, "Viewer")]
    users = w.add(
        User,
        [
            User(
                username=f"{code}_{role.value}",
                first_name=council.short_code.upper(),
                last_name=label,
                password=password_hash,
            )
            for role, label in roles
        ],
    )
    w.add(
        Membership,
        [
            Membership(user=u, council=council, role=r)
            for u, (r, _) in zip(users, roles, strict=True)
        ],
    )
    w.add(
        Person,
        [
            Person(council=council, name=u.get_full_name(), job_title=label, user=u)
            for u, (_, label) in zip(users, roles, strict=True)
        ],
        history=True,
    )
    return {role: user for user, (role, _) in zip(users, roles, strict=True)}


def _directorates(w, rng, council, profile):
    chosen = DIRECTORATES[: profile.directorates]
    directors = w.add(
        Person,
        [
            Person(council=council, name=_person_name(rng), job_title=f"Director of {n}")
            for n, _, _ in chosen
        ],
        history=True,
    )
    directorates = w.add(
        Directorate,
        [
            Directorate(council=council, name=n, director=d)
            for (n, _, _), d in zip(chosen, directors, strict=True)
        ],
        history=True,
    )
    for d, (_, abbr, _) in zip(directorates, chosen, strict=True):
        d.abbr = abbr
    areas = w.add(
        ServiceArea,
        [
            ServiceArea(directorate=d, name=a)
            for d, (_, _, names) in zip(directorates, chosen, strict=True)
            for a in names
        ],
        history=True,
    )
    by_directorate = defaultdict(list)
    for a in areas:
        by_directorate[a.directorate_id].append(a)
    return directorates, by_directorate


def _people(w, rng, council, profile):
    seen = set()
    officers = []
    while len(officers) < profile.officers:
        name, title = _person_name(rng), rng.choice(JOB_TITLES)
        if (name, title) in seen:
            continue
        seen.add((name, title))
        officers.append(Person(council=council, name=name, job_title=title))
    councillors = [
        Person(
            council=council,
            name=f"Cllr {_person_name(rng)} {i}",
            job_title="Cabinet Member",
            kind=Person.Kind.COUNCILLOR,
        )
        for i in range(1, profile.directorates + 1)
    ]
    return w.add(Person, officers, history=True), w.add(Person, councillors, history=True)


def _bundles(w, rng, council, profile, directorates):
    names = BUNDLE_NAMES[: profile.bundles - profile.enabling]
    enabling = ENABLING_NAMES[: profile.enabling]
    return w.add(
        Bundle,
        [
            Bundle(
                council=council,
                name=n,
                enabling=n in enabling,
                vision=f"To deliver {n.lower()} savings across the council.",
                sponsor=rng.choice(directorates).director,
            )
            for n in [*names, *enabling]
        ],
        history=True,
    )


def _budget_codes(w, rng, council, profile, directorates):
    return w.add(
        BudgetCode,
        [
            BudgetCode(
                council=council,
                code=f"{rng.choice(directorates).abbr}-{i:05d}",
                name=f"Cost centre {i}",
                directorate=None,
                current_budget_pence=_pounds(rng, 2_000_000, 40_000_000, 1000),
                budget_fy=FIRST_FY,
                income=rng.random() < 0.1,
            )
            for i in range(1, profile.budget_codes + 1)
        ],
    )


def _strategy(w, rng, council, profile, directorates, officers):
    plan = w.add(
        CorporatePlan,
        [
            CorporatePlan(
                council=council,
                title=f"{council.name} Plan 2024 to 2029",
                starts=FIRST_FY,
                ends=PROGRAMME_YEARS[-1],
                mission="Working together for a fairer, greener place.",
            )
        ],
    )[0]
    priorities = w.add(
        Priority,
        [
            Priority(plan=plan, number=i, title=t, lead=rng.choice(officers))
            for i, t in enumerate(PRIORITY_TITLES[: profile.priorities], start=1)
        ],
    )
    w.add(DepartmentalPlan, [DepartmentalPlan(plan=plan, directorate=d) for d in directorates])
    return priorities


def _line_counts(rng: random.Random, proposals: int, lines: int) -> list[int]:
    """How many lines each proposal has: between 1 and 10, adding up to ``lines`` exactly."""
    base, extra = divmod(lines, proposals)
    counts = [base + (1 if i < extra else 0) for i in range(proposals)]
    for _ in range(proposals * 2):
        i, j = rng.randrange(proposals), rng.randrange(proposals)
        if counts[i] > 1 and counts[j] < 10:
            counts[i] -= 1
            counts[j] += 1
    return counts


def _proposals(w, rng, council, profile, **ctx):
    po_user = ctx["po_user"]
    stages = [s for s, _, weight in STAGE_MIX for _ in range(weight)]
    decisions = {s: d for s, d, _ in STAGE_MIX}
    counts = _line_counts(rng, profile.proposals, profile.lines)
    proposals, plan = [], []
    for index in range(profile.proposals):
        directorate = rng.choice(ctx["directorates"])
        stage = rng.choice(stages)
        decision = rng.choice(decisions[stage])
        bundle = rng.choice(ctx["bundles"]) if rng.random() < 0.9 else None
        started = stage != Stage.IDEA
        exempt = rng.random() < 0.03
        title = f"{rng.choice(ACTIONS)} {rng.choice(SERVICES)}"
        p = Proposal(
            council=council,
            reference=f"{directorate.abbr} {index + 1:04d}",
            title=title[0].upper() + title[1:],
            savings_type=rng.choice(ctx["types"][:5]),
            directorate=directorate,
            service_area=rng.choice(ctx["areas"][directorate.pk]),
            bundle=bundle,
            priority=rng.choice(ctx["priorities"]) if rng.random() < 0.7 else None,
            lead_officer=rng.choice(ctx["officers"]),
            lead_member=rng.choice(ctx["councillors"]),
            portfolio=rng.choice(ctx["portfolios"]),
            sponsor=directorate.director if started else None,
            project_manager=rng.choice(ctx["officers"]) if started else None,
            finance_lead=rng.choice(ctx["officers"]) if started else None,
            accountant=(
                rng.choice(ctx["officers"])
                if stage in {Stage.LIVE, Stage.DELIVERED, Stage.FAILED}
                else None
            ),
            summary=f"{title[0].upper() + title[1:]} to reduce cost while protecting outcomes.",
            implementation_on=(FIRST_FY + rng.randrange(3)).starts_on if started else None,
            stage=stage,
            stage_reason=(
                "Generated: no longer viable." if stage in {Stage.WITHDRAWN, Stage.FAILED} else ""
            ),
            decision_status=decision,
            decision_body=(
                rng.choice([DecisionBody.CABINET, DecisionBody.FULL_COUNCIL])
                if decision in {DecisionStatus.APPROVED, DecisionStatus.REJECTED}
                else ""
            ),
            decision_on=(
                DECIDED_ON
                if decision in {DecisionStatus.APPROVED, DecisionStatus.REJECTED}
                else None
            ),
            decision_reference=(
                "Budget Council, 21 February 2024"
                if decision in {DecisionStatus.APPROVED, DecisionStatus.REJECTED}
                else ""
            ),
            exempt=exempt,
            exempt_paragraphs="3" if exempt else "",
            created_by=po_user,
            modified_by=po_user,
        )
        proposals.append(p)
        plan.append(counts[index])
    proposals = w.add(Proposal, proposals, history=True)
    lines, links = [], set()
    codes = ctx["codes"]
    for p, count in zip(proposals, plan, strict=True):
        years = min(count, rng.randint(1, 5))
        first = rng.randrange(0, 6 - years)
        fys = [PROGRAMME_YEARS[first + i] for i in range(years)]
        income = p.savings_type.name in {"Income generation", "Commercialisation"}
        for n in range(count):
            fy = fys[n % years]
            code = rng.choice(codes)
            amount = _pounds(rng, 5_000, profile.amount_max_pounds)
            if n == 0 and rng.random() < 0.03:
                amount = -amount // 4  # invest to save
            lines.append(
                SavingLine(
                    proposal=p,
                    fy=fy,
                    amount_pence=amount,
                    kind=SavingKind.INCOME if income or code.income else SavingKind.REDUCTION,
                    recurring=rng.random() < 0.85,
                    budget_code=code,
                    description="",
                )
            )
            links.add((p.pk, code.pk))
    lines = w.add(SavingLine, lines, history=True)
    Through = Proposal.budget_codes.through
    w.add(Through, [Through(proposal_id=p, budgetcode_id=c) for p, c in sorted(links)])
    return proposals, lines


def _planned(proposals, lines) -> dict[tuple[int, FinancialYear], int]:
    planned: dict[tuple[int, FinancialYear], int] = defaultdict(int)
    for line in lines:
        planned[(line.proposal_id, line.fy)] += line.amount_pence
    return planned


def _targets(w, rng, council, bundles, proposals, lines):
    planned = _planned(proposals, lines)
    active = {
        p.pk: p
        for p in proposals
        if p.stage not in {Stage.WITHDRAWN, Stage.FAILED}
        and p.decision_status != DecisionStatus.REJECTED
    }
    by_year: dict[FinancialYear, int] = defaultdict(int)
    by_bundle: dict[tuple[int, FinancialYear], int] = defaultdict(int)
    for (pid, fy), pence in planned.items():
        if pid in active:
            by_year[fy] += pence
            if active[pid].bundle_id:
                by_bundle[(active[pid].bundle_id, fy)] += pence

    def rounded(pence: int, percent: int) -> int:
        """``percent`` of ``pence``, to the nearest £100k."""
        return max(0, (pence * percent // 100 + 5_000_000) // 10_000_000 * 10_000_000)

    w.add(
        ProgrammeYear,
        [
            ProgrammeYear(
                council=council,
                fy=fy,
                target_pence=rounded(by_year[fy], rng.randint(80, 105)),
                team_cost_pence=rounded(by_year[fy], 6),
            )
            for fy in PROGRAMME_YEARS
        ],
    )
    w.add(
        BundleTarget,
        [
            BundleTarget(
                bundle=b, fy=fy, target_pence=rounded(by_bundle[(b.pk, fy)], rng.randint(80, 110))
            )
            for b in bundles
            if not b.enabling
            for fy in PROGRAMME_YEARS
        ],
    )


def _benefits(w, rng, proposals, lines):
    planned = _planned(proposals, lines)
    stage = {p.pk: p.stage for p in proposals}
    rows = []
    for (pid, fy), pence in sorted(planned.items(), key=lambda kv: (kv[0][0], kv[0][1])):
        if fy > FIRST_FY or pence <= 0:
            continue
        if stage[pid] == Stage.DELIVERED or (stage[pid] == Stage.LIVE and rng.random() < 0.6):
            rows.append(
                BenefitConfirmation(
                    proposal_id=pid,
                    fy=fy,
                    amount_pence=pence if rng.random() < 0.8 else pence * 9 // 10,
                    confirmed_on=fy.ends_on + datetime.timedelta(days=45),
                    note="Confirmed at outturn.",
                )
            )
    w.add(BenefitConfirmation, rows)


RAG_START = [Rag.GREEN] * 6 + [Rag.AMBER] * 3 + [Rag.RED]
COMMENTS = {
    Rag.AMBER: [
        "Consultation has delayed implementation by two months.",
        "Procurement slipped; part of the saving moves to next year.",
        "Demand is higher than modelled; mitigation being worked up.",
    ],
    Rag.RED: [
        "The saving will not be achieved this year: replacement proposals are being sought.",
        "Legal challenge has paused the change.",
    ],
    Rag.GREEN: ["Back on track after the restructure completed."],
    Rag.BLUE: ["Delivered: the budget has been reduced."],
}


def _monitoring(w, rng, council, profile, proposals, lines, po_user):
    months = _months(LAST_CLOSED_MONTH, profile.closed_periods)
    if profile.open_period:
        months.append(_month_back(LAST_CLOSED_MONTH, -1))
    if not months:
        return
    closed = set(months[: profile.closed_periods])
    periods = []
    for month in months:
        is_closed = month in closed
        next_month = _month_back(month, -1)
        periods.append(
            Period(
                council=council,
                month=month,
                fy=FinancialYear.of(month),
                status=Period.Status.CLOSED if is_closed else Period.Status.OPEN,
                closed_at=_at(next_month.replace(day=6), 17) if is_closed else None,
                closed_by=po_user if is_closed else None,
            )
        )
    periods = w.add(Period, periods)
    planned = _planned(proposals, lines)
    delivering = [p for p in proposals if p.stage in {Stage.LIVE, Stage.DELIVERED}]
    rag_now: dict[tuple[int, FinancialYear], str] = {}
    forecasts = []
    for period in periods:
        for p in delivering:
            plan = planned.get((p.pk, period.fy), 0)
            if plan <= 0:
                continue
            key = (p.pk, period.fy)
            previous = rag_now.get(key)
            if p.stage == Stage.DELIVERED:
                rag = Rag.BLUE
            elif previous is None:
                rag = rng.choice(RAG_START)
            elif rng.random() < 0.08:
                rag = rng.choice([Rag.GREEN, Rag.AMBER, Rag.RED, Rag.BLUE])
            else:
                rag = previous
            rag_now[key] = rag
            percent = {
                Rag.BLUE: 100,
                Rag.GREEN: rng.randint(95, 100),
                Rag.AMBER: rng.randint(60, 90),
                Rag.RED: rng.randint(0, 50),
            }[rag]
            forecast = plan * percent // 100 // 10_000 * 10_000  # whole £100
            slip = 0
            slipped_to = None
            slipping = rag in {Rag.AMBER, Rag.RED} and period.fy < PROGRAMME_YEARS[-1]
            if slipping and rng.random() < 0.3:
                slip, slipped_to = plan - forecast, period.fy + 1
            needs = rag in {Rag.AMBER, Rag.RED} or (previous is not None and previous != rag)
            f = Forecast(
                proposal=p,
                period=period,
                month=period.month,
                fy=period.fy,
                forecast_pence=forecast,
                rag=rag,
                commentary=rng.choice(COMMENTS[rag]) if needs else "",
                slippage_pence=slip,
                slipped_to=slipped_to,
                replacement="Replacement savings identified in the same bundle." if slip else "",
                created_by=po_user,
                modified_by=po_user,
            )
            f._history_date = _at(period.month.replace(day=20))
            forecasts.append(f)
    w.add(Forecast, forecasts, history=True)
    for period in periods:
        if period.status == Period.Status.CLOSED:
            period.report = monitoring_report(period=period)
    Period.objects.bulk_update(periods, ["report"], batch_size=50)
    for period in periods:
        period._history_date = period.closed_at or HISTORY_START
    w.history(Period, periods)


UNITS = [
    (Indicator.Unit.PERCENT, 40, 95),
    (Indicator.Unit.NUMBER, 100, 5000),
    (Indicator.Unit.DAYS, 5, 60),
    (Indicator.Unit.RATE, 5, 80),
]


def _indicators(w, rng, council, profile, officers, priorities, po_user):
    if not profile.indicators:
        return
    prefix = council.short_code.upper()[:6]
    indicators, shapes = [], []
    for i in range(1, profile.indicators + 1):
        unit, low, high = rng.choice(UNITS)
        subject = rng.choice(INDICATOR_SUBJECTS)
        indicators.append(
            Indicator(
                council=council,
                code=f"{prefix} {i:03d}",
                title=f"{subject} ({i})",
                definition=f"{subject}, measured monthly.",
                unit=unit,
                polarity=rng.choice(list(Indicator.Polarity)),
                frequency=Indicator.Frequency.MONTHLY,
                owner=rng.choice(officers),
                amber_tolerance=Decimal(rng.randint(1, 5)),
            )
        )
        shapes.append((rng.uniform(low, high), rng.uniform(-0.004, 0.006), high))
    indicators = w.add(Indicator, indicators)
    plans = {
        dp.directorate_id: dp
        for dp in DepartmentalPlan.objects.filter(plan__council=council).order_by("pk")
    }
    plan_list = list(plans.values())
    ToPriority = Indicator.priorities.through
    ToPlan = Indicator.departmental_plans.through
    links, plan_links = [], []
    for ind in indicators:
        for priority in rng.sample(priorities, k=min(len(priorities), rng.randint(1, 2))):
            links.append(ToPriority(indicator_id=ind.pk, priority_id=priority.pk))
        plan_links.append(ToPlan(indicator_id=ind.pk, departmentalplan_id=rng.choice(plan_list).pk))
    w.add(ToPriority, links)
    w.add(ToPlan, plan_links)
    months = _months(LAST_CLOSED_MONTH, profile.actual_months)
    targets, actuals = [], []
    for ind, (base, trend, _high) in zip(indicators, shapes, strict=True):
        for n, month in enumerate(months):
            level = base * (1 + trend * n)
            if ind.unit == Indicator.Unit.PERCENT:
                level = min(level, 99.5)
            target = Decimal(str(round(level * 1.02, 1)))
            value = Decimal(str(round(level * rng.uniform(0.93, 1.07), 2)))
            targets.append(Target(indicator=ind, period=month, value=target))
            actuals.append(
                Actual(
                    indicator=ind,
                    period=month,
                    value=value,
                    status=Actual.Status.APPROVED,
                    approved_by=po_user,
                    approved_at=_at(_month_back(month, -1).replace(day=15)),
                )
            )
    w.add(Target, targets)
    w.add(Actual, actuals)


# Typical council risk themes: (title, cause and consequence, existing controls, further
# actions). "{s}" is the service the risk is about.
RISK_THEMES = [
    (
        "Overspend against budget in {s}",
        "Demand and prices rise faster than the budget for {s}, so the service overspends and "
        "the council must find savings elsewhere in year.",
        [
            "Monthly budget monitoring with the finance business partner.",
            "Demand forecasts reviewed each quarter.",
            "Spending controls on non-essential purchases.",
            "Action plans required for any predicted overspend.",
        ],
        ["Recovery plan to the next budget board.", "Review of eligibility criteria."],
    ),
    (
        "Rising demand for {s}",
        "More residents need {s} than the service is resourced for, so waiting times grow and "
        "statutory duties may be missed.",
        [
            "Demand modelling refreshed each quarter.",
            "Prevention and early help offer in place.",
            "Waiting lists prioritised by need.",
        ],
        ["Invest-to-save business case for demand management.", "Review of the front door."],
    ),
    (
        "Failure of a key supplier or provider of {s}",
        "A contractor or provider of {s} fails or withdraws, leaving residents without a service "
        "and the council paying more for emergency cover.",
        [
            "Financial credibility checks at tender and annually.",
            "Contract monitoring meetings each month.",
            "Contingency plans agreed with alternative providers.",
            "Bond clause within the contract.",
        ],
        ["Market sustainability review.", "Step-in arrangements tested with the provider."],
    ),
    (
        "Loss of key staff and recruitment difficulties in {s}",
        "Vacancies and turnover in {s} leave the service reliant on agency staff, at higher cost "
        "and with less continuity for residents.",
        [
            "Workforce plan reviewed each quarter.",
            "Market supplements for hard-to-fill posts.",
            "Succession planning for key roles.",
        ],
        ["Grow-our-own apprenticeship scheme.", "Retention survey and action plan."],
    ),
    (
        "Cyber attack or IT failure disrupting {s}",
        "A cyber attack or the failure of a key system stops {s} working and may expose "
        "personal data.",
        [
            "Backups held off site and restores tested.",
            "Penetration testing of major applications.",
            "Staff cyber security training, completed annually.",
            "IT disaster recovery plan.",
        ],
        ["Move the service's system to the cloud platform.", "Phishing simulation exercise."],
    ),
    (
        "Data breach involving {s} records",
        "Personal data held by {s} is lost or disclosed in error, harming residents and leading "
        "to action by the Information Commissioner.",
        [
            "Data protection training for all staff.",
            "Secure email and role-based access to records.",
            "Breach reporting procedure with the data protection officer.",
        ],
        ["Audit of access rights.", "Records retention review."],
    ),
    (
        "Savings not delivered in {s}",
        "The savings planned for {s} slip or fail, widening the gap in the medium term "
        "financial plan.",
        [
            "Savings tracked monthly by the programme office.",
            "Gateway reviews before each stage.",
            "Replacement savings identified for any slippage.",
        ],
        ["Deep dive at the next programme board.", "Lead member briefing on options."],
    ),
    (
        "Serious health and safety incident in {s}",
        "A member of staff or the public is seriously hurt in the course of {s}, with harm to "
        "them, prosecution and loss of reputation.",
        [
            "Risk assessments reviewed annually and after any incident.",
            "Health and safety training on induction.",
            "Incident reporting and investigation procedure.",
        ],
        ["Health and safety audit of the service.", "Refresher training for managers."],
    ),
    (
        "Legal challenge to changes in {s}",
        "A decision to change {s} is challenged by judicial review, delaying the change and "
        "its savings.",
        [
            "Equality impact assessment for every change.",
            "Legal advice before decisions are taken.",
            "Consultation in line with the council's standards.",
        ],
        ["Consultation plan agreed with legal services.", "Decision report reviewed by legal."],
    ),
    (
        "Failure to meet statutory duties in {s}",
        "{S} does not meet a statutory duty or timescale, exposing the council to complaints, "
        "ombudsman findings and intervention.",
        [
            "Performance indicators reported monthly.",
            "Quality assurance of case files.",
            "Scheme of delegation and procedures up to date.",
        ],
        ["Peer review of the service.", "Improvement plan to scrutiny."],
    ),
    (
        "Loss of income from {s}",
        "Fees, charges or grant income for {s} fall short of the budget, leaving a gap to close.",
        [
            "Income monitored monthly against profile.",
            "Fees and charges reviewed annually.",
            "Grant conditions tracked by finance.",
        ],
        ["Commercial review of charges.", "Diversify funding sources."],
    ),
    (
        "Inflation in contract costs for {s}",
        "Price rises in the contracts for {s} run ahead of the budget's inflation allowance.",
        [
            "Inflation allowance in the medium term financial plan.",
            "Price review clauses negotiated in contracts.",
            "Procurement pipeline reviewed quarterly.",
        ],
        ["Re-procurement options appraisal.", "Benchmark costs with neighbouring councils."],
    ),
    (
        "Business continuity: {s} unable to operate in an emergency",
        "Severe weather, a pandemic or the loss of a building stops {s} for days, harming the "
        "residents who rely on it.",
        [
            "Business continuity plan, tested annually.",
            "Member of the local resilience forum.",
            "Remote working for key staff.",
        ],
        ["Exercise the business continuity plan.", "Identify alternative premises."],
    ),
    (
        "Poor inspection outcome for {s}",
        "An inspection judges {s} inadequate, leading to intervention and damage to the "
        "council's reputation.",
        [
            "Self-assessment refreshed each year.",
            "Improvement board chaired by the director.",
            "Mock inspection carried out.",
        ],
        ["Act on the mock inspection's findings.", "Practice improvement programme."],
    ),
    (
        "Fraud or financial irregularity in {s}",
        "Fraud in {s} loses the council money and public confidence.",
        [
            "Segregation of duties in payments.",
            "Internal audit programme.",
            "Counter-fraud training and whistleblowing policy.",
        ],
        ["Data matching exercise.", "Audit of the service's payments."],
    ),
    (
        "Partnership arrangements for {s} breaking down",
        "A partner withdraws from the shared arrangements for {s} or pooled budgets are not "
        "agreed, so services and funding are lost.",
        [
            "Partnership agreements with exit clauses.",
            "Joint governance board meets quarterly.",
            "Register of agreements kept up to date.",
        ],
        ["Renew the partnership agreement.", "Joint risk workshop with partners."],
    ),
    (
        "Climate change and severe weather affecting {s}",
        "Flooding, heat and storms disrupt {s} and raise its costs.",
        [
            "Climate adaptation plan.",
            "Severe weather procedures.",
            "Carbon reduction targets in the service plan.",
        ],
        ["Climate risk assessment of the service's assets.", "Heatwave plan refreshed."],
    ),
]
# The services risks are about, with the directorate that usually runs them.
RISK_SERVICES = [
    ("home to school transport", "CS"),
    ("residential care placements", "ASC"),
    ("library services", "CD"),
    ("household waste collection", "PL"),
    ("highways maintenance", "PL"),
    ("children's residential placements", "CS"),
    ("leisure centres", "EG"),
    ("parking enforcement", "PL"),
    ("council tax collection", "RES"),
    ("the customer contact centre", "CD"),
    ("day opportunities", "ASC"),
    ("supported housing", "ASC"),
    ("the office estate", "RES"),
    ("public health contracts", "PH"),
    ("domiciliary care", "ASC"),
    ("fostering and adoption", "CS"),
    ("special educational needs", "CS"),
    ("planning and building control", "PL"),
    ("payroll and HR", "RES"),
    ("ICT infrastructure", "RES"),
    ("substance misuse services", "PH"),
    ("regeneration schemes", "EG"),
    ("elections", "CEX"),
    ("legal services", "CEX"),
]
CLOSED_REASONS = [
    "The risk has passed: the contract was re-let.",
    "Merged into a wider corporate risk.",
    "The service was decommissioned.",
    "Controls have brought the risk within appetite; monitored by the service.",
]
REVIEWS_FROM = datetime.date(2026, 4, 1)


def _risks(w, rng, council, profile, directorates, officers, priorities, po_user):
    """The council's risk register: likelihood x impact before and after the controls, the
    residual never above the initial; about half linked to a priority, about 5% closed."""
    if not profile.risks:
        return
    by_abbr = {d.abbr: d for d in directorates}
    subjects = [(t, s) for t in range(len(RISK_THEMES)) for s in range(len(RISK_SERVICES))]
    picked = rng.sample(subjects, k=min(profile.risks, len(subjects)))
    picked += [rng.choice(subjects) for _ in range(profile.risks - len(picked))]
    risks = []
    for number, (t, s) in enumerate(picked, start=1):
        title, cause, controls, actions = RISK_THEMES[t]
        service, abbr = RISK_SERVICES[s]
        directorate = by_abbr.get(abbr) or rng.choice(directorates)
        likelihood, impact = rng.randint(2, 5), rng.randint(2, 5)
        # The controls mostly make a risk less likely; they soften its impact less.
        residual_likelihood = rng.randint(max(1, likelihood - 2), likelihood)
        residual_impact = rng.randint(max(1, impact - 1), impact)
        closed = rng.random() < 0.05
        closed_on = datetime.date(2024, 4, 1) + datetime.timedelta(days=rng.randrange(720))
        review_on = REVIEWS_FROM + datetime.timedelta(days=rng.randrange(120))
        action_by = _month_back(REVIEWS_FROM, -rng.randint(2, 9))
        risks.append(
            Risk(
                council=council,
                number=number,
                title=title.format(s=service),
                description=cause.format(s=service, S=service[0].upper() + service[1:]),
                directorate=directorate,
                owner=directorate.director if rng.random() < 0.3 else rng.choice(officers),
                priority=rng.choice(priorities) if priorities and rng.random() < 0.5 else None,
                initial_likelihood=likelihood,
                initial_impact=impact,
                initial_score=likelihood * impact,
                controls=" ".join(rng.sample(controls, k=rng.randint(2, len(controls)))),
                residual_likelihood=residual_likelihood,
                residual_impact=residual_impact,
                residual_score=residual_likelihood * residual_impact,
                further_actions="" if closed else f"{rng.choice(actions)} By {action_by:%B %Y}.",
                review_on=None if closed else review_on,
                closed_on=closed_on if closed else None,
                closed_reason=rng.choice(CLOSED_REASONS) if closed else "",
                created_by=po_user,
                modified_by=po_user,
            )
        )
    w.add(Risk, risks)


# --- the scales -------------------------------------------------------------------------------


def council_plan(scale: str, *, seed: int, councils: int | None = None):
    """The councils a scale creates: (code, name, profile) each."""
    if scale == "luton":
        return [("luton", "Luton-scale Borough Council (generated)", LUTON)]
    if scale == "county":
        return [("county", "County-scale County Council (generated)", COUNTY)]
    if scale != "national":
        raise ValueError(f"{scale!r} is not a scale: use one of {', '.join(SCALES)}")
    rng = random.Random(f"{seed}:national")
    count = 400 if councils is None else councils
    names = [f"{a}{b}" for a in PLACES for b in PLACE_ENDINGS]
    rng.shuffle(names)
    plan = []
    for i in range(count):
        place = names[i % len(names)]
        again = "" if i < len(names) else f" {i // len(names) + 1}"
        code = f"n{i + 1:04d}"
        if i % 100 == 50:  # about one council in a hundred is county-sized
            plan.append((code, f"{place}shire{again} County Council (generated)", NATIONAL_COUNTY))
        else:
            kind = rng.choice(KINDS_OF_COUNCIL)
            plan.append((code, f"{place}{again} {kind} (generated)", small_profile(rng)))
    return plan


def generate(
    *,
    scale: str,
    seed: int = 1,
    councils: int | None = None,
    log: Callable[[str], None] = lambda message: None,
) -> Counter:
    """Generate a scale's councils; return the number of rows written per table."""
    plan = council_plan(scale, seed=seed, councils=councils)
    clash = Council.objects.filter(short_code__in=[code for code, _, _ in plan]).first()
    if clash is not None:
        raise ValueError(
            f"Council {clash.short_code!r} ({clash.name}) already exists in this database: "
            "generate into an empty database (set SQLITE_PATH or DATABASE_URL)."
        )
    password_hash = make_password(settings.DEMO_PASSWORD)
    totals: Counter = Counter()
    started = time.perf_counter()
    for n, (code, name, profile) in enumerate(plan, start=1):
        t0 = time.perf_counter()
        result = generate_council(
            code=code, name=name, profile=profile, seed=seed, password_hash=password_hash
        )
        totals.update(result.counts)
        if len(plan) <= 10 or n % 50 == 0 or profile.proposals >= 1000:
            log(
                f"{n}/{len(plan)} {name}: {profile.proposals} proposals in "
                f"{time.perf_counter() - t0:.1f} s (total {time.perf_counter() - started:.1f} s)"
            )
    return totals


# --- a tracker to import ----------------------------------------------------------------------


def tracker_rows(
    *,
    council: Council,
    proposals: int,
    lines_per_proposal: int = 5,
    seed: int = 1,
    variant: int = 0,
) -> list[dict[str, str]]:
    """Rows of a council's tracker for ``sightline import_proposals``, amounts written the
    ways councils write them (``£24.5k``, ``92,000``, ``£1.2m``). A different ``variant``
    changes the amounts and titles of the same references."""
    rng = random.Random(f"{seed}:{council.short_code}:tracker:{variant}")
    types = [t.name for t in SavingsType.objects.filter(council=council).order_by("pk")[:5]]
    directorates = list(Directorate.objects.filter(council=council).order_by("pk"))
    bundles = [b.name for b in Bundle.objects.filter(council=council).order_by("pk")] + [""]
    codes = list(BudgetCode.objects.filter(council=council).order_by("pk"))
    rows = []
    for n in range(1, proposals + 1):
        directorate = directorates[n % len(directorates)]
        title = f"{ACTIONS[n % len(ACTIONS)]} {SERVICES[(n * 7) % len(SERVICES)]}"
        first = {
            "reference": f"TRK {n:05d}",
            "title": f"{title[0].upper()}{title[1:]} (v{variant})",
            "savings_type": types[n % len(types)],
            "directorate": directorate.name,
            "bundle": bundles[n % len(bundles)],
        }
        for i in range(lines_per_proposal):
            pounds = rng.randrange(10, 900) * 500
            amount = rng.choice(
                [f"£{pounds:,}", f"{pounds:,}", f"£{pounds / 1000:g}k", f"{pounds}"]
            )
            code = codes[(n + i) % len(codes)] if codes and rng.random() < 0.8 else None
            rows.append(
                {
                    **(first if i == 0 else {"reference": first["reference"]}),
                    "financial_year": PROGRAMME_YEARS[i % len(PROGRAMME_YEARS)].short,
                    "amount": amount,
                    "kind": "income" if code is not None and code.income else "reduction",
                    "recurring": rng.choice(["yes", "yes", "yes", "no"]),
                    "budget_code": code.code if code else "",
                }
            )
    return rows


def write_tracker_csv(path, rows: list[dict[str, str]]) -> None:
    import csv

    from sightline.savings.imports import COLUMNS

    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        for row in rows:
            writer.writerow({c: row.get(c, "") for c in COLUMNS})
