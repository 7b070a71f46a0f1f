"""Access-matrix rows for the impact pages and API operations (equality screening and
assessment, cumulative impact, implications and clearances, consultation, posts, collective
consultation), and for the risk register's heat map, reviews and links.

A proposal's impact records are read as the proposal is (``READ_PROPOSAL``: the exempt one
only by those entitled) and written by its editors (``CHANGE_PROPOSAL``: the programme office,
the directorate's director, the editor who leads it). An assessment is signed off, and an
implication cleared, only by the officer it names: in council A, the finance persona for every
proposal (finance may read the exempt one); in council B, an officer without a login, so its
programme office is refused there as council A's is. The programme office keeps the screening
questions, the implication areas and the resident budget consultations; every member reads
them. A risk is reviewed and linked by its managers (``RISK_MANAGERS``).
"""

from __future__ import annotations

from sightline.impact.models import Assessment, Implication, ImplicationArea
from tests.access.expectations import (
    AS_POST,
    BY_DIRECTORATE,
    CHANGE_PROPOSAL,
    EVERY_MEMBER,
    FINANCE,
    PROGRAMME_OFFICE,
    PROGRAMME_OFFICE_B,
    PROPOSAL_KINDS,
    READ_BY_DIRECTORATE,
    READ_PROPOSAL,
    REASON,
    RISK_MANAGERS,
    Row,
    api,
    each,
    page,
    s,
)

A = "/api/v1"
# The officer named on every council A record: finance (who may read the exempt proposal).
NAMED_OFFICER = each(own=s(FINANCE), other=s(FINANCE), exempt=s(FINANCE))
PO_ANY = s(PROGRAMME_OFFICE, PROGRAMME_OFFICE_B)
PROPOSAL = {"kinds": PROPOSAL_KINDS, "params": {"pk": "proposal"}}


def _proposal_page(route: str, name: str, *, form: bool = False, post=None) -> Row:
    if form:
        return page(route, name, get=AS_POST, post=CHANGE_PROPOSAL, **PROPOSAL)
    return page(route, name, get=READ_PROPOSAL, post=post, **PROPOSAL)


ROWS: list[Row] = [
    # the programme's pages
    page("impact/", "impact:index", get=EVERY_MEMBER),
    page("impact/cumulative/", "impact:cumulative", get=EVERY_MEMBER),
    page("impact/cumulative/csv/", "impact:cumulative_csv", get=EVERY_MEMBER),
    page("impact/cumulative/xlsx/", "impact:cumulative_xlsx", get=EVERY_MEMBER),
    page("impact/collective-consultation/", "impact:collective_consultation", get=EVERY_MEMBER),
    # Every member reads the list; its form (and so a POST) is the programme office's.
    page(
        "impact/resident-consultations/",
        "impact:resident_consultations",
        get=EVERY_MEMBER,
        post=PO_ANY,
    ),
    page("impact/settings/", "impact:settings", get=EVERY_MEMBER, post=PO_ANY),
    # one proposal's pages
    _proposal_page("impact/proposals/<int:pk>/", "impact:proposal"),
    _proposal_page("impact/proposals/<int:pk>/screening/", "impact:screening"),
    _proposal_page("impact/proposals/<int:pk>/screening/edit/", "impact:screening_edit", form=True),
    _proposal_page("impact/proposals/<int:pk>/assessment/", "impact:assessment"),
    _proposal_page(
        "impact/proposals/<int:pk>/assessment/edit/", "impact:assessment_edit", form=True
    ),
    page(
        "impact/proposals/<int:pk>/assessment/sign-off/",
        "impact:assessment_sign_off",
        get=AS_POST,
        post=NAMED_OFFICER,
        note="An empty post is refused by the form (confirm it), after the rule.",
        **PROPOSAL,
    ),
    _proposal_page("impact/proposals/<int:pk>/implications/", "impact:implications"),
    _proposal_page(
        "impact/proposals/<int:pk>/implications/edit/", "impact:implications_edit", form=True
    ),
    page(
        "impact/proposals/<int:pk>/implications/final/",
        "impact:implications_final",
        get=None,
        post=CHANGE_PROPOSAL,
        note="Refused by the service while a clearance is missing: said, then back to the page.",
        **PROPOSAL,
    ),
    page(
        "impact/implications/<int:pk>/clear/",
        "impact:implication_clear",
        get=AS_POST,
        post=NAMED_OFFICER,
        kinds=PROPOSAL_KINDS,
        params={"pk": "implication"},
    ),
    _proposal_page("impact/proposals/<int:pk>/consultations/", "impact:consultations"),
    _proposal_page(
        "impact/proposals/<int:pk>/consultations/new/", "impact:consultation_add", form=True
    ),
    _proposal_page("impact/proposals/<int:pk>/posts/", "impact:posts"),
    _proposal_page("impact/proposals/<int:pk>/posts/edit/", "impact:posts_edit", form=True),
    # the risk register's heat map, reviews and links
    page("risks/heat-map/", "risks:heat_map", get=EVERY_MEMBER),
    page(
        "risks/<int:pk>/review/",
        "risks:review",
        get=AS_POST,
        post=RISK_MANAGERS,
        kinds=BY_DIRECTORATE,
        params={"pk": "risk"},
    ),
    page(
        "risks/<int:pk>/links/",
        "risks:links",
        get=AS_POST,
        post=RISK_MANAGERS,
        kinds=BY_DIRECTORATE,
        params={"pk": "risk"},
    ),
    # the API
    api("GET", f"{A}/risks/heat-map", EVERY_MEMBER),
    api(
        "GET",
        f"{A}/risks/{{risk_id}}/reviews",
        READ_BY_DIRECTORATE,
        kinds=BY_DIRECTORATE,
        params={"risk_id": "risk"},
    ),
    api(
        "POST",
        f"{A}/risks/{{risk_id}}/reviews",
        RISK_MANAGERS,
        kinds=BY_DIRECTORATE,
        params={"risk_id": "risk"},
        body={"reviewed_on": "2013-06-01", "note": REASON},
    ),
    api(
        "GET",
        f"{A}/proposals/{{proposal_id}}/equality-screening",
        READ_PROPOSAL,
        kinds=PROPOSAL_KINDS,
        params={"proposal_id": "proposal"},
    ),
    api(
        "PUT",
        f"{A}/proposals/{{proposal_id}}/equality-screening",
        CHANGE_PROPOSAL,
        kinds=PROPOSAL_KINDS,
        params={"proposal_id": "proposal"},
        body={"answers": [{"number": 1, "answer": "no"}]},
    ),
    api(
        "GET",
        f"{A}/proposals/{{proposal_id}}/equality-assessment",
        READ_PROPOSAL,
        kinds=PROPOSAL_KINDS,
        params={"proposal_id": "proposal"},
    ),
    api("GET", f"{A}/equality/cumulative", EVERY_MEMBER),
    api(
        "GET",
        f"{A}/proposals/{{proposal_id}}/implications",
        READ_PROPOSAL,
        kinds=PROPOSAL_KINDS,
        params={"proposal_id": "proposal"},
    ),
    api(
        "POST",
        f"{A}/implications/{{implication_id}}/clearance",
        NAMED_OFFICER,
        kinds=PROPOSAL_KINDS,
        params={"implication_id": "implication"},
        body={"cleared_on": "2013-06-01"},
    ),
    api(
        "GET",
        f"{A}/proposals/{{proposal_id}}/consultations",
        READ_PROPOSAL,
        kinds=PROPOSAL_KINDS,
        params={"proposal_id": "proposal"},
    ),
    api(
        "GET",
        f"{A}/proposals/{{proposal_id}}/posts",
        READ_PROPOSAL,
        kinds=PROPOSAL_KINDS,
        params={"proposal_id": "proposal"},
    ),
    api("GET", f"{A}/collective-consultation", EVERY_MEMBER),
]


def build(o, users) -> None:
    """Each proposal's equality assessment and a legal implication, both naming the officer
    who signs off and clears: in council A the finance persona; in council B an officer
    without a login."""
    in_a = not o.council.short_code.endswith("b")
    officer = users["finance"].person if in_a else o.person_x
    area = ImplicationArea.objects.create(
        council=o.council, number=1, name="Legal", clearance_required=True
    )
    for suffix in ("_x", "_y", "_exempt"):
        proposal = getattr(o, f"proposal{suffix}")
        Assessment.objects.create(proposal=proposal, sign_off_officer=officer, summary=REASON)
        implication = Implication.objects.create(
            proposal=proposal, area=area, text="Access matrix implication", officer=officer
        )
        setattr(o, f"implication{suffix}", implication)
