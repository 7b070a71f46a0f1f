"""Access-matrix rows for the committee papers (``/papers/``).

Every member of a council downloads its papers as the pages show them to them
(``papers.download``): the public version of the savings papers (no exempt proposal at all), a
proposal's form when they may read the proposal (an exempt one only if entitled), a service
plan, the performance report and the risk register. The full version, with exempt proposals
marked "Not for publication", only those entitled to exempt information
(``papers.download_exempt``). Word is asked for (the PDF is the same content, slower to make).
"""

from __future__ import annotations

from tests.access.expectations import (
    A_MEMBERS,
    BY_COUNCIL,
    BY_DIRECTORATE,
    EVERY_MEMBER,
    PROPOSAL_KINDS,
    SEES_EXEMPT,
    Row,
    each,
    page,
)

READ_PROPOSAL = each(own=A_MEMBERS, other=A_MEMBERS, exempt=SEES_EXEMPT)
FULL = "full"
PUBLIC = "public"

ROWS: list[Row] = [
    page(
        "papers/executive/<int:pk>/<str:edition>.<str:fmt>",
        "papers:executive",
        get=each(own=SEES_EXEMPT, other=SEES_EXEMPT),
        kinds=BY_DIRECTORATE,
        params={"pk": "directorate"},
        fixed={"edition": FULL, "fmt": "docx"},
        variant="full version",
    ),
    page(
        "papers/executive/<int:pk>/<str:edition>.<str:fmt>",
        "papers:executive",
        get=each(own=A_MEMBERS, other=A_MEMBERS),
        kinds=BY_DIRECTORATE,
        params={"pk": "directorate"},
        fixed={"edition": PUBLIC, "fmt": "docx"},
        variant="public version",
    ),
    page(
        "papers/proposals/<int:pk>/form.<str:fmt>",
        "papers:proposal",
        get=READ_PROPOSAL,
        kinds=PROPOSAL_KINDS,
        params={"pk": "proposal"},
        fixed={"fmt": "docx"},
    ),
    page(
        "papers/periods/<int:pk>/<str:edition>.<str:fmt>",
        "papers:period",
        get=each(own=SEES_EXEMPT),
        kinds=BY_COUNCIL,
        params={"pk": "period_closed"},
        fixed={"edition": FULL, "fmt": "docx"},
        variant="full version",
    ),
    page(
        "papers/periods/<int:pk>/<str:edition>.<str:fmt>",
        "papers:period",
        get=each(own=A_MEMBERS),
        kinds=BY_COUNCIL,
        params={"pk": "period_closed"},
        fixed={"edition": PUBLIC, "fmt": "docx"},
        variant="public version",
    ),
    page(
        "papers/service-plans/<int:pk>.<str:fmt>",
        "papers:plan",
        get=each(own=A_MEMBERS, other=A_MEMBERS),
        kinds=BY_DIRECTORATE,
        params={"pk": "service_plan"},
        fixed={"fmt": "docx"},
    ),
    page(
        "papers/performance.<str:fmt>",
        "papers:performance",
        get=EVERY_MEMBER,
        fixed={"fmt": "docx"},
    ),
    page("papers/risks.<str:fmt>", "papers:risks", get=EVERY_MEMBER, fixed={"fmt": "docx"}),
]
