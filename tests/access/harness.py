"""How the access matrix turns a row of ``expectations.py`` into requests and verdicts.

A *cell* is one request: a row, a method, a persona and an object kind. Each is sent inside a
savepoint that is rolled back, so no write disturbs the next cell.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from types import SimpleNamespace
from urllib.parse import urlsplit

from django.db import transaction
from django.urls import reverse

from tests.access.expectations import (
    ANONYMOUS,
    AS_POST,
    COUNCIL_B,
    EXEMPT,
    OWN,
    PERSONAS,
    PROGRAMME_OFFICE,
    PROGRAMME_OFFICE_B,
    ROWS,
    SEES_EXEMPT,
    Row,
)

LOGIN_PATHS = {"/login/", "/admin/login/"}


@dataclass(frozen=True)
class Cell:
    row: Row
    method: str
    persona: str
    kind: str | None
    expected: frozenset[str]  # the outcomes that pass (see ``outcome``)
    success: bool  # whether the table lets this persona succeed here


@dataclass(frozen=True)
class Mismatch:
    cell: Cell
    got: str
    url: str

    @property
    def category(self) -> str:
        if self.cell.success:
            return "unexpected refusal"
        if self.got in success_outcomes(self.cell.row):
            return "open door"
        return "wrong refusal"


# --- what the table expects -------------------------------------------------------------------


def _for_kind(access, kind: str) -> frozenset:
    if isinstance(access, frozenset):
        return access
    try:
        return access[kind]
    except KeyError:
        raise KeyError(f"The row has no set for kind {kind!r}") from None


def allowed(row: Row, method: str, kind: str | None) -> frozenset:
    """The personas the table lets succeed at ``method`` on a record of ``kind``."""
    access = row.access[method]
    if access == AS_POST:
        access = row.access["POST"]
    if kind is None:
        return access
    if kind == COUNCIL_B:
        # Council B's record: its programme office gets what council A's gets on its own.
        if PROGRAMME_OFFICE in _for_kind(access, OWN):
            return frozenset({PROGRAMME_OFFICE_B})
        return frozenset()
    return _for_kind(access, kind)


def success_outcomes(row: Row) -> frozenset:
    if row.success is not None:
        return row.success
    if row.surface == "admin":
        return frozenset({"ok"})
    if row.surface == "api":
        return frozenset({"ok", "422"})  # 422: refused by validation, after the gate
    return frozenset({"ok", "redirect"})


def home(persona: str) -> str:
    return "b" if persona == PROGRAMME_OFFICE_B else "a"


def expected(row: Row, method: str, persona: str, kind: str | None) -> tuple[frozenset, bool]:
    """The outcomes that pass for one cell, and whether they are a success."""
    if persona in allowed(row, method, kind):
        return success_outcomes(row), True
    if persona == ANONYMOUS and not row.open:
        return {
            "page": frozenset({"login"}),
            "api": frozenset({"401"}),
            "admin": frozenset({"login", "redirect"}),
        }[row.surface], False
    if row.surface == "admin":
        return frozenset({"login", "redirect", "403", "404"}), False
    if kind is not None and home(persona) != ("b" if kind == COUNCIL_B else "a"):
        return frozenset({"404"}), False
    if kind == EXEMPT and persona not in SEES_EXEMPT:
        return frozenset({"404"}), False
    if kind is not None and persona in allowed_hidden(row, kind):
        return frozenset({"403", "404"}), False
    return row.refused_with, False


def allowed_hidden(row: Row, kind: str) -> frozenset:
    """Council A's members from whom the record of ``kind`` is private (403 or 404 both do)."""
    if not row.hidden or kind == COUNCIL_B:
        return frozenset()
    return _for_kind(row.hidden, kind)


def cells(row: Row) -> list[Cell]:
    found = []
    kinds = row.kinds or (None,)
    for method, access in row.access.items():
        if access is None:
            continue
        for kind in kinds:
            for persona in PERSONAS:
                outcomes, success = expected(row, method, persona, kind)
                found.append(Cell(row, method, persona, kind, outcomes, success))
    # A method the endpoint does not take: 405 (asked by a programme office who may read).
    refused_methods = [m for m in ("GET", "POST") if row.access.get(m, None) is None]
    if row.surface == "admin":
        refused_methods = [m for m in refused_methods if m == "GET"]
    if row.surface == "api":
        taken = {r.name for r in ROWS if r.surface == "api" and r.route == row.route}
        refused_methods = [] if "DELETE" in taken else ["DELETE"]
    if not row.method_check:
        refused_methods = []
    persona = PROGRAMME_OFFICE
    for method in refused_methods:
        found.append(Cell(row, method, persona, kinds[0], frozenset({"405"}), False))
    return found


# --- asking -----------------------------------------------------------------------------------


def url_for(world, row: Row, kind: str | None) -> str:
    values = {**row.fixed}
    for param, spec in row.params.items():
        values[param] = world.resolve(kind, spec)
    if row.surface == "api":
        return row.route.format(**values)
    if row.path is not None:
        return row.path.format(**values)
    return reverse(row.name, kwargs=values)


def body_for(world, cell: Cell) -> dict:
    body = cell.row.bodies.get(cell.method, {})
    if callable(body):
        if cell.kind is None:
            ns = world.council_of(cell.persona)
        else:
            ns = world.b if cell.kind == COUNCIL_B else world.a
        ctx = SimpleNamespace(ns=ns, obj=lambda key: world.obj(cell.kind, key))
        body = body(ctx)
    return dict(body)


def outcome(row: Row, response) -> str:
    """What the response amounts to: "ok" (2xx), "login" (a redirect to a login page),
    "redirect" (any other redirect), or the status code ("403", "404", "422", "500"...)."""
    code = response.status_code
    if 200 <= code < 300:
        return "ok"
    if code in (301, 302, 303, 307, 308):
        if urlsplit(response["Location"]).path in LOGIN_PATHS:
            return "login"
        return "redirect"
    return str(code)


def ask(world, cell: Cell) -> tuple[str, str, int]:
    """Send the cell's request in a savepoint that is rolled back: (outcome, url, status)."""
    row = cell.row
    url = url_for(world, row, cell.kind)
    client = world.client(cell.persona)
    with transaction.atomic():
        if cell.method == "GET":
            response = client.get(url, row.query)
        elif cell.method == "POST" and row.surface != "api":
            response = client.post(url, body_for(world, cell))
        else:
            response = client.generic(
                cell.method,
                url,
                json.dumps(body_for(world, cell)),
                content_type="application/json",
            )
        transaction.set_rollback(True)
    return outcome(row, response), url, response.status_code


def check_rows(world, rows: list[Row], *, record_to_report: bool = False) -> list[Mismatch]:
    mismatches = []
    for row in rows:
        for cell in cells(row):
            got, url, _ = ask(world, cell)
            if got not in cell.expected:
                mismatches.append(Mismatch(cell, got, url))
    if record_to_report:
        record(mismatches)
    return mismatches


def count_cells(rows: list[Row]) -> int:
    return sum(len(cells(row)) for row in rows)


# --- telling ----------------------------------------------------------------------------------

TITLES = {
    "open door": "OPEN DOORS (succeeded where the table refuses)",
    "unexpected refusal": "UNEXPECTED REFUSALS (refused where the table allows)",
    "wrong refusal": "WRONG REFUSALS (refused, but not as the policy says)",
}


def describe(mismatches: list[Mismatch]) -> str:
    lines = []
    for category, title in TITLES.items():
        found = [m for m in mismatches if m.category == category]
        if not found:
            continue
        lines.append(f"{title}: {len(found)}")
        for m in found:
            c = m.cell
            variant = f" [{c.row.variant}]" if c.row.variant else ""
            want = "/".join(sorted(c.expected))
            lines.append(
                f"  {c.method:<6} {c.kind or '-':<9} {c.persona:<19} got {m.got:<8} "
                f"want {want:<18} {m.url}{variant}"
            )
    return "\n".join(lines)


def record(mismatches: list[Mismatch]) -> None:
    """With ACCESS_MATRIX_REPORT=path, append every mismatch to that file as JSON lines."""
    path = os.environ.get("ACCESS_MATRIX_REPORT")
    if not path or not mismatches:
        return
    with open(path, "a", encoding="utf-8") as out:
        for m in mismatches:
            c = m.cell
            out.write(
                json.dumps(
                    {
                        "category": m.category,
                        "pattern": c.row.label,
                        "variant": c.row.variant,
                        "method": c.method,
                        "kind": c.kind,
                        "persona": c.persona,
                        "got": m.got,
                        "expected": sorted(c.expected),
                        "url": m.url,
                    }
                )
                + "\n"
            )
