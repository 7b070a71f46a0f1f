"""What a generated council looks like: its size at each scale, the words its names are drawn from,
and the writer that puts its records in the database in bulk."""

from __future__ import annotations

import datetime
import math
import random
from collections import Counter
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.db import models

from sightline.accounts.models import (
    Council,
)
from sightline.core.fiscal import FinancialYear
from sightline.savings.models import (
    DecisionStatus,
    Stage,
)

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


@dataclass
class Generated:
    council: Council
    counts: Counter
