"""Luton's resident budget simulator for 2014/15, generated from the demo programme and
financial plan by the programme office, open now, with illustrative responses (made up for
the demonstration and marked so: Luton Together Phase 2 consulted some 750 residents, but
their answers are not in the documents)."""

from __future__ import annotations

import datetime
import random

from django.utils import timezone

from sightline.accounts.models import Council, Membership
from sightline.core.fiscal import FinancialYear
from sightline.demo.accounts import login
from sightline.simulator import selectors, services
from sightline.simulator.models import DEMOGRAPHICS, Simulation

FY = FinancialYear.parse("2014/15")
TITLE = "Luton's budget 2014/15: could you balance it? (illustrative)"
INTRODUCTION = (
    "Illustrative: a demonstration of the resident budget simulator. Luton Together Phase 2 "
    "promised budget consultations with citizens from September to January; this simulator "
    "shows how residents could try the real choices for 2014/15 themselves."
)
RESPONSES = 24
COMMENTS = [
    "Keep the buses running in the evenings for shift workers.",
    "Parks matter for children in the town centre: please do not cut them further.",
    "Charging more for parking is fairer than cutting services.",
    "Day services for people with learning disabilities must stay local.",
    "I would rather pay a little more council tax than lose these services.",
    "Community centres are the only place some groups can meet.",
    "",
    "",
]
AREAS = ["LU1", "LU2", "LU3", "LU4", "Biscot", "Dallow", "High Town", ""]


def load_luton(council: Council) -> Simulation:
    """The open simulation and its illustrative responses; running it twice changes nothing."""
    found = Simulation.objects.filter(council=council, fy=FY, title=TITLE).first()
    if found is not None:
        return found
    office = login("programme_office")
    membership = Membership.objects.get(user=office)
    defaults = selectors.defaults(membership=membership, fy=FY)
    offers = [o for o in selectors.offerable(membership=membership, fy=FY) if o.default]
    lines = [s for s in selectors.service_lines(council=council, fy=FY) if s.budget_pence]
    today = timezone.localdate()
    simulation = services.simulation_create(
        council=council,
        by=office,
        fy=FY,
        title=TITLE,
        introduction=INTRODUCTION,
        gap_pence=defaults.gap_pence or 0,
        gap_source=defaults.gap_source,
        council_tax_pence=defaults.council_tax_pence or 0,
        tax_max_hundredths=199,
        opens_on=today - datetime.timedelta(days=14),
        closes_on=today + datetime.timedelta(days=60),
        proposals=sorted((o.proposal for o in offers), key=lambda p: p.reference),
        services=[services.ServicePick(s.line, -10, 10) for s in lines],
        illustrative=True,
    )
    simulation = services.simulation_publish(simulation=simulation, by=office)
    _responses(simulation)
    return simulation


def _responses(simulation: Simulation) -> None:
    """Illustrative responses, the same every time (a seeded generator)."""
    chance = random.Random(2014)  # noqa: S311 (illustrative data, not security)
    options = list(simulation.options.all())
    service_rows = list(simulation.services.all())
    now = timezone.now()
    for number in range(RESPONSES):
        answer = services.Answer(
            keep={o.pk: chance.random() < 0.7 for o in options},
            option_comments={
                o.pk: chance.choice(COMMENTS) if chance.random() < 0.15 else "" for o in options
            },
            percents={s.pk: chance.choice([-5, -3, -2, 0, 0, 0, 2, 5]) for s in service_rows},
            tax_hundredths=chance.choice([0, 0, 100, 150, 199]),
            comment=chance.choice(COMMENTS),
            area=chance.choice(AREAS),
            demographics={
                name: chance.choice(["", *enum.values]) for name, (_, enum) in DEMOGRAPHICS.items()
            },
        )
        services.submission_create(
            simulation=simulation,
            answer=answer,
            illustrative=True,
            at=now - datetime.timedelta(hours=RESPONSES - number),
        )
