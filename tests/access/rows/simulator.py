"""Access-matrix rows for the resident budget simulator: the residents' pages
(``/c/<council>/budget-simulator/``) and the programme office's (``/simulator/``).

Residents answer a published, open simulation with no login (``open=True``, ``EVERYONE``, GET
and POST: an empty POST is answered with the form's errors). Every member of the council
reads its simulations and their results (``simulator.read_results``); the programme office
alone generates one (``simulator.create_simulation``) and publishes, closes or sends its
results (``simulator.manage_simulation``). Another council's simulation is a 404 to all but
its own members.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from sightline.core.fiscal import FinancialYear
from sightline.simulator.models import Simulation
from tests.access.expectations import (
    A_MEMBERS,
    AS_POST,
    BY_COUNCIL,
    EVERY_MEMBER,
    EVERYONE,
    PROGRAMME_OFFICE,
    PROGRAMME_OFFICE_B,
    Row,
    each,
    page,
    s,
)

COUNCIL = {"council": "mxa"}  # council A's short code (tests/access/world.py), lower-cased
YEAR = {**COUNCIL, "year": "2014-15"}  # and the year of its simulation


def build(o, users) -> None:
    """Each council has a published simulation, open today."""
    today = timezone.localdate()
    o.simulation = Simulation.objects.create(
        council=o.council,
        fy=FinancialYear(2014),
        title="Matrix simulation",
        gap_pence=100_000_000,
        council_tax_pence=5_000_000_000,
        opens_on=today - datetime.timedelta(days=1),
        closes_on=today + datetime.timedelta(days=30),
        published_at=timezone.now(),
    )


def _public(route: str, name: str, fixed=COUNCIL, **extra) -> Row:
    return page(route, name, open=True, fixed=fixed, **extra)


def _record(key: str = "simulation") -> dict:
    return {"kinds": BY_COUNCIL, "params": {"pk": key}}


ROWS: list[Row] = [
    _public("c/<slug:council>/budget-simulator/", "simulator_public:home", get=EVERYONE),
    _public(
        "c/<slug:council>/budget-simulator/<str:year>/",
        "simulator_public:simulate",
        fixed=YEAR,
        get=EVERYONE,
        post=EVERYONE,
        post_body={"action": "check"},
    ),
    _public(
        "c/<slug:council>/budget-simulator/<str:year>/thanks/",
        "simulator_public:thanks",
        fixed=YEAR,
        get=EVERYONE,
    ),
    page("simulator/", "simulator:list", get=EVERY_MEMBER),
    page(
        "simulator/new/",
        "simulator:create",
        get=AS_POST,
        post=s(PROGRAMME_OFFICE, PROGRAMME_OFFICE_B),
    ),
    page("simulator/<pk>/", "simulator:detail", get=each(own=A_MEMBERS), **_record()),
    page(
        "simulator/<pk>/action/",
        "simulator:action",
        get=None,
        post=each(own=s(PROGRAMME_OFFICE)),
        post_body={"action": "send"},
        **_record(),
    ),
    page(
        "simulator/<pk>/results.csv",
        "simulator:results_csv",
        get=each(own=A_MEMBERS),
        **_record(),
    ),
]
