"""Access-matrix rows for the public pages (``/c/<council>/``), their open data downloads, the
public API, and the programme office's settings page (``/public-settings/``).

The public pages, downloads and API answer anyone, signed in or not, once the council
publishes (``open=True``, ``EVERYONE``); they take GET only. What the council publishes is
the programme office's alone (``public.change_settings``), and so is publishing an exempt
proposal now (``savings.mark_exempt``): the proposal is found first, so an exempt one is a 404
to whoever may not read it, and another council's a 404 to everyone but its own office.
"""

from __future__ import annotations

from sightline.public.models import ExemptTotals, PublicSettings
from sightline.savings.models import DecisionStatus, Stage
from sightline.savings.tests.factories import ProposalFactory, SavingLineFactory
from tests.access.expectations import (
    AS_POST,
    EVERYONE,
    PROGRAMME_OFFICE,
    PROGRAMME_OFFICE_B,
    PROPOSAL_KINDS,
    Row,
    api,
    each,
    page,
    s,
)

COUNCIL = {"council": "mxa"}  # council A's short code (tests/access/world.py), lower-cased
YEAR = "2013-14"
PO = s(PROGRAMME_OFFICE)


def build(o, users) -> None:
    """Each council publishes, with a risk summary, and has one approved saving in 2013/14."""
    PublicSettings.objects.create(
        council=o.council,
        published=True,
        publish_risk_summary=True,
        exempt_totals=ExemptTotals.ONE_LINE,
    )
    o.public_proposal = ProposalFactory(
        council=o.council,
        savings_type=o.savings_type,
        directorate=o.directorate_x,
        stage=Stage.LIVE,
        decision_status=DecisionStatus.APPROVED,
        title="An approved public saving",
    )
    SavingLineFactory(proposal=o.public_proposal)  # 2013/14


def _public(route: str, name: str, **extra) -> Row:
    fixed = {**COUNCIL, **extra.pop("fixed", {})}
    return page(route, name, get=EVERYONE, open=True, fixed=fixed, **extra)


ROWS: list[Row] = [
    _public("c/<slug:council>/", "public:home"),
    _public("c/<slug:council>/savings/<str:year>/", "public:savings", fixed={"year": YEAR}),
    _public("c/<slug:council>/plan/", "public:plan"),
    _public("c/<slug:council>/indicators/", "public:indicators"),
    _public("c/<slug:council>/risks/", "public:risks"),
    _public("c/<slug:council>/data/", "public:data"),
    _public("c/<slug:council>/data/dictionary/", "public:dictionary"),
    _public(
        "c/<slug:council>/data/<slug:name>.csv",
        "public:download_csv",
        fixed={"name": f"savings-{YEAR}"},
    ),
    _public(
        "c/<slug:council>/data/<slug:name>.json",
        "public:download_json",
        fixed={"name": f"savings-totals-{YEAR}"},
    ),
    page(
        "public-settings/",
        "public_settings:edit",
        get=AS_POST,
        post=s(PROGRAMME_OFFICE, PROGRAMME_OFFICE_B),
        post_body={"exempt_totals": "leave_out", "published": "on", "reason": "Access matrix"},
    ),
    page(
        "public-settings/publish/<id:pk>/",
        "public_settings:publish",
        get=None,
        post=each(own=PO, other=PO, exempt=PO),
        kinds=PROPOSAL_KINDS,
        params={"pk": "proposal"},
        post_body={"reason": "Access matrix"},
        note="Publishing a proposal that is not exempt is refused with a message and a "
        "redirect, after the rule: a redirect counts as reaching it.",
    ),
    api("GET", "/api/v1/public/{council}/tables", EVERYONE, open=True, fixed=COUNCIL),
    api(
        "GET",
        "/api/v1/public/{council}/tables/{table}",
        EVERYONE,
        open=True,
        fixed={**COUNCIL, "table": f"savings-{YEAR}"},
    ),
]
