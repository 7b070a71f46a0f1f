"""Every form that writes, posted with what people type, paste and tamper with: never a
server error; either saved (a redirect) or the form again with a GOV.UK error summary; and
the database keeps its rules either way (``invariants.py``).

The forms and who may use them come from the access matrix (``tests/access``): each row that
takes a POST is posted by the first persona its table lets succeed on council A's own record.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from django.conf import settings as django_settings
from django.db import transaction
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st

from tests.access.expectations import (
    ANONYMOUS,
    COUNCILLOR,
    DIRECTOR,
    EDITOR,
    FINANCE,
    OWN,
    PROGRAMME_OFFICE,
    ROWS,
)
from tests.access.harness import Cell, allowed, body_for, url_for
from tests.properties import invariants, pages
from tests.properties.values import nasty

pytestmark = pytest.mark.django_db

# Signing in and out, passwords, and the imports (tests/properties/test_imports.py) are not
# forms that write a council's records.
NOT_RECORD_FORMS = {
    "login",
    "logout",
    "password_change",
    "password_reset",
    "password_reset_confirm",
    "imports:upload",
    "imports:preview",
    "imports:confirm",
    "imports:discard",
}
# Pages that answer a post with the page itself, not a redirect, when nothing is wrong:
# the account page shows a new token once (saved); the budget simulator shows the resident's
# balance when they check it (nothing saved).
SHOWN_NOT_REDIRECTED = {"account": True, "simulator_public:simulate": False}
# Answers with the form and its error summary (the simulator refuses with 400 or 429).
FORM_AGAIN = {200, 400, 422, 429}
# Controls a browser does not let its user change: posting them changed (a tampered request)
# may be refused outright, as a URL naming no record is.
CONTROLS = {"submit", "hidden"}
# Fields a tamperer adds that the page does not offer them: marking a record exempt, moving
# it to another council.
SMUGGLED = ("exempt", "council")
PREFERENCE = (PROGRAMME_OFFICE, FINANCE, DIRECTOR, EDITOR, COUNCILLOR, ANONYMOUS)

FORM_ROWS = [
    row
    for row in ROWS
    if row.surface == "page" and row.access.get("POST") is not None
    if row.name not in NOT_RECORD_FORMS
]
# Forms also posted by a less entitled persona who may use them: the editor leading the
# proposal may change it but not mark it exempt.
ALSO_AS = {"savings:proposal_create": EDITOR, "savings:proposal_edit": EDITOR}
CASES = [(row, None) for row in FORM_ROWS] + [
    (row, ALSO_AS[row.name]) for row in FORM_ROWS if row.name in ALSO_AS
]


def _id(row) -> str:
    return f"{row.name}:{row.route}"


def _who(row, persona=None):
    kind = None
    if row.kinds:
        kind = OWN if OWN in row.kinds else row.kinds[0]
    may = allowed(row, "POST", kind)
    if persona is None:
        persona = next(p for p in PREFERENCE if p in may)
    assert persona in may, f"{persona} may not post {row.label}"
    return persona, kind


def _client(world, persona) -> Client:
    client = Client(raise_request_exception=True)
    if persona != ANONYMOUS:
        client.cookies[django_settings.SESSION_COOKIE_NAME] = world.sessions[persona]
    return client


def _foreign_ids(world) -> list[str]:
    """Ids of council B's records, to post where council A's belong."""
    return sorted(
        {str(v.pk) for v in vars(world.b).values() if getattr(v, "pk", None) is not None},
        key=int,
    )


def _summary_problems(response, page) -> list[str]:
    found = []
    if not page.has_summary:
        found.append("a 200 answer to a post without a GOV.UK error summary")
    if not page.title.startswith("Error: "):
        found.append(f"title {page.title!r} does not start 'Error: '")
    for href in page.summary_links:
        target = urlsplit(href).fragment
        if not href.startswith("#") or not target:
            found.append(f"error summary link {href!r} does not name a field")
        elif target not in page.ids:
            found.append(f"error summary link {href!r} names no element on the page")
    return found


@pytest.mark.parametrize(
    ("row", "as_persona"),
    [pytest.param(r, p, id=_id(r) + (f"[{p}]" if p else "")) for r, p in CASES],
)
def test_a_form_never_fails_and_keeps_the_rules(world, row, as_persona):
    persona, kind = _who(row, as_persona)
    url = url_for(world, row, kind)
    client = _client(world, persona)
    user = world.users.get(persona)
    council_id = (world.b if persona.endswith("_b") else world.a).council.pk
    with transaction.atomic():
        shown = client.get(url, row.query)
        transaction.set_rollback(True)
    forms = (
        pages.forms_posting_to(pages.read(shown.content.decode()), url)
        if (shown.status_code == 200)
        else []
    )
    cell = Cell(row, "POST", persona, kind, frozenset(), True)
    sample = {k: v if isinstance(v, list) else [str(v)] for k, v in body_for(world, cell).items()}
    bases = [{**f.defaults(), **sample} for f in forms] or [sample]
    foreign = _foreign_ids(world)

    @given(st.data())
    def post(data):
        index = data.draw(st.integers(0, len(bases) - 1), label="form")
        base = bases[index]
        form = forms[index] if forms else None
        names = list(dict.fromkeys([*(form.names() if form else []), *base, *SMUGGLED]))
        body = {}
        for name in names:
            how = data.draw(
                st.sampled_from(["keep", "keep", "keep", "nasty", "choice", "foreign", "drop"]),
                label=name,
            )
            if how == "keep" and name in base:
                body[name] = base[name]
            elif how == "nasty":
                body[name] = [data.draw(nasty, label=name)]
            elif how == "choice":
                options = (form.choices(name) if form else []) + ["999999999", "not-a-choice"]
                options += ["on", "true"] if name in SMUGGLED else []
                body[name] = [data.draw(st.sampled_from(options), label=name)]
            elif how == "foreign" and foreign:
                body[name] = [data.draw(st.sampled_from(foreign), label=name)]
        tampered = form is not None and any(
            f.kind in CONTROLS and body.get(f.name) != base.get(f.name) for f in form.fields
        )
        with transaction.atomic():
            before = invariants.Snapshot.take()
            response = client.post(url, body)
            code = response.status_code
            assert code < 500, f"{code} for {body!r}"
            saved = 300 <= code < 400
            found = []
            if code in FORM_AGAIN:
                page = pages.read(response.content.decode())
                if page.has_summary or row.name not in SHOWN_NOT_REDIRECTED:
                    found = _summary_problems(response, page)
                else:
                    saved = SHOWN_NOT_REDIRECTED[row.name]
            elif not saved and not (tampered and code in (400, 403, 404)):
                found = [f"{code} to an entitled {persona}: {response.content[:300]!r}"]
            found += invariants.problems(before, by=user, council_id=council_id, saved=saved)
            transaction.set_rollback(True)
        assert not found, f"posting {_short(body)} to {url}:\n" + "\n".join(found)

    post()


def _short(body) -> str:
    return re.sub(r"(x{20})x+", r"\1…", repr(body))[:2000]
