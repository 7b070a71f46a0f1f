"""Access-matrix rows for the scrutiny workspace (``/scrutiny/``) and the Excel downloads of
the tracker, the indicators and the risk register (``/reports/downloads/``).

Every member reads the workspace and its deep dives (viewers included); a deep dive on the
exempt proposal only those entitled to exempt information. Councillors open deep dives, ask
and call in (``scrutiny.open_deep_dive``, ``scrutiny.ask_question``, ``scrutiny.call_in``);
officers answer (``scrutiny.answer_question``): the programme office, the director of the
record's directorate and the record's own officers (the editor leads X's proposal). The
downloads are read by every member, with what each may see.
"""

from __future__ import annotations

from sightline.scrutiny.models import DeepDive, Question, Subject
from tests.access.expectations import (
    A_MEMBERS,
    AS_POST,
    COUNCILLOR,
    COUNCILLOR_EXEMPT,
    DIRECTOR,
    EDITOR,
    EVERY_MEMBER,
    PROGRAMME_OFFICE,
    PROPOSAL_KINDS,
    SEES_EXEMPT,
    Row,
    api,
    each,
    page,
    s,
)

A = "/api/v1"

COUNCILLORS = s(COUNCILLOR, COUNCILLOR_EXEMPT)
ASK = {"action": "ask", "ask-text": "Access matrix question"}
ANSWER = {"answer": "Access matrix answer"}

ROWS: list[Row] = [
    page("scrutiny/", "scrutiny:index", get=EVERY_MEMBER),
    page("scrutiny/deep-dives/new/", "scrutiny:deep_dive_add", get=AS_POST, post=COUNCILLORS),
    page(
        "scrutiny/deep-dives/<int:pk>/",
        "scrutiny:deep_dive",
        get=each(own=A_MEMBERS, other=A_MEMBERS, exempt=SEES_EXEMPT),
        post=each(own=COUNCILLORS, other=COUNCILLORS, exempt=s(COUNCILLOR_EXEMPT)),
        post_body=ASK,
        kinds=PROPOSAL_KINDS,
        params={"pk": "deep_dive"},
    ),
    page(
        "scrutiny/questions/<int:pk>/answer/",
        "scrutiny:answer",
        get=AS_POST,
        # X's proposal: the programme office, X's director and the editor who leads it; Y's
        # and the exempt one (in Y, led by an officer without a login): the programme office.
        post=each(
            own=s(PROGRAMME_OFFICE, DIRECTOR, EDITOR),
            other=s(PROGRAMME_OFFICE),
            exempt=s(PROGRAMME_OFFICE),
        ),
        post_body=ANSWER,
        kinds=PROPOSAL_KINDS,
        params={"pk": "question"},
    ),
    # The workspace in the API, read only: as the pages.
    api("GET", f"{A}/scrutiny/deep-dives", EVERY_MEMBER),
    api(
        "GET",
        f"{A}/scrutiny/deep-dives/{{deep_dive_id}}",
        each(own=A_MEMBERS, other=A_MEMBERS, exempt=SEES_EXEMPT),
        kinds=PROPOSAL_KINDS,
        params={"deep_dive_id": "deep_dive"},
    ),
    page("reports/downloads/tracker.xlsx", "reports:tracker_xlsx", get=EVERY_MEMBER),
    page("reports/downloads/indicators.xlsx", "reports:indicators_xlsx", get=EVERY_MEMBER),
    page("reports/downloads/risk-register.xlsx", "reports:risks_xlsx", get=EVERY_MEMBER),
]


def build(o, users) -> None:
    """A deep dive on each of the council's proposals (X's, Y's and the exempt one), each
    with a question awaiting an answer."""
    in_a = not o.council.short_code.endswith("b")
    asker = users["councillor_exempt"] if in_a else users["programme_office_b"]
    for suffix in ("_x", "_y", "_exempt"):
        dive = DeepDive.objects.create(
            council=o.council,
            subject=Subject.SAVING,
            proposal=getattr(o, f"proposal{suffix}"),
            opened_by=asker,
        )
        setattr(o, f"deep_dive{suffix}", dive)
        setattr(
            o,
            f"question{suffix}",
            Question.objects.create(deep_dive=dive, text="Access matrix", asked_by=asker),
        )
