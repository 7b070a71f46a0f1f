"""Every kind of import, end to end through its services (keep the file, preview, save), fed
the tables councils really send: a column per year, amounts in brackets, £'000 headings,
subtotal and blank rows, curly quotes, duplicate references, impossible years, as CSV or
XLSX. The preview either refuses, naming the row or the column, or shows the totals that
saving then stores; a refused or failed save stores nothing; what is stored keeps the rules
(``invariants.py``)."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.test import override_settings
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook

from sightline.core.tables import ImportOptions, Problem, TableRefused
from sightline.imports import services
from sightline.imports.kinds import IMPORTERS
from sightline.imports.selectors import upload_preview
from sightline.savings.models import SavingLine
from tests.access.expectations import PROGRAMME_OFFICE
from tests.properties import invariants
from tests.properties.values import MONEY

pytestmark = pytest.mark.django_db

AMOUNTS = [*MONEY, "(553)", "1,234.5", "24500", "92000", "-", "12e3", "((1))", ""]
TEXTS = ["Children’s Services", "“Quoted” title", '=HYPERLINK("x")', "", " ", "Total"]
YEAR_HEADINGS = [
    "Saving 2026/27 (£)",
    "Saving 2026/27 (£'000)",
    "2026/27 £000",
    "2026-27 (£k)",
    "2013/15",
    "Saving 26/27",
    "Budget 2026/27 (£)",
    "2026/27 budget £m",
    "Q1 2026/27 actual",
    "Target 2026/27",
]


def _names(world) -> dict[str, list[str]]:
    a = world.a
    return {
        "directorate": [a.directorate_x.name, a.directorate_y.name, "Nowhere", ""],
        "type": [a.savings_type.name, "Efficiency", "Unknown type"],
        "code": [a.budget_code_x.code, a.budget_code_y.code, "NO-SUCH-CODE"],
    }


@st.composite
def tables(draw, importer, names):
    """A table of the importer's kind: its template, mangled the ways councils' tables are."""
    template = importer.template
    header = list(template.header)
    for i, heading in enumerate(header):
        if any(ch.isdigit() for ch in heading) and draw(st.booleans()):
            header[i] = draw(st.sampled_from(YEAR_HEADINGS))
    base_rows = [list(r) + [""] * (len(header) - len(r)) for r in template.rows]
    rows = []
    for n in range(draw(st.integers(1, 6))):
        row = list(draw(st.sampled_from(base_rows)))
        for i, heading in enumerate(header):
            low = heading.lower()
            if i == 0 and draw(st.booleans()):
                row[i] = f"{row[i]}-{n}" if draw(st.integers(0, 3)) else row[i]  # duplicates
            elif "directorate" in low:
                row[i] = draw(st.sampled_from(names["directorate"]))
            elif "savings type" in low:
                row[i] = draw(st.sampled_from(names["type"]))
            elif "budget code" in low and i > 0:
                row[i] = draw(st.sampled_from(names["code"]))
            elif any(ch.isdigit() for ch in heading) and draw(st.integers(0, 2)) == 0:
                row[i] = draw(st.sampled_from(AMOUNTS))
            elif draw(st.integers(0, 6)) == 0:
                row[i] = draw(st.sampled_from(TEXTS))
        rows.append(row)
        extra = draw(st.integers(0, 8))
        if extra == 0:
            rows.append([""] * len(header))  # a blank row
        elif extra == 1:
            rows.append(["", "Total", *[""] * (len(header) - 2)])  # a subtotal row
        elif extra == 2:
            rows.append(["", "Sub-total", *["(1,000)"] * (len(header) - 2)])
    notes = draw(st.sampled_from([template.notes, [], ["Savings proposals (£'000)"]]))
    return [[note] for note in notes] + [header] + rows


def _csv(grid, encoding) -> bytes:
    out = io.StringIO(newline="")
    csv.writer(out).writerows(grid)
    return out.getvalue().encode(encoding, errors="replace")


def _xlsx(grid) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in grid:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _names_a_place(error: str, grid) -> bool:
    """Whether a refusal names the row or the column it is about."""
    problem = Problem.of(error)
    if problem.row or problem.column:
        return True
    headings = {cell.strip().lower() for row in grid[:4] for cell in row if cell.strip()}
    text = error.lower()
    return "column" in text or "row" in text or any(h in text for h in headings)


def _tracker_totals(council) -> dict[str, int]:
    lines = SavingLine.objects.filter(proposal__council=council)
    return {str(r["fy"]): r["t"] for r in lines.values("fy").annotate(t=Sum("amount_pence"))}


@pytest.mark.parametrize("kind", sorted(IMPORTERS))
def test_an_import_previews_what_it_saves_or_refuses_and_stores_nothing(world, kind, tmp_path):
    importer = IMPORTERS[kind]
    by = world.users[PROGRAMME_OFFICE]
    council = world.a.council
    names = _names(world)

    @given(
        grid=tables(importer, names),
        fmt=st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "xlsx"]),
        create_missing=st.booleans(),
    )
    def run(grid, fmt, create_missing):
        data = _xlsx(grid) if fmt == "xlsx" else _csv(grid, fmt)
        filename = "table.xlsx" if fmt == "xlsx" else "table.csv"
        options = ImportOptions(create_missing=create_missing)
        with transaction.atomic():
            try:
                _check(kind, by, council, filename, data, options, grid)
            finally:
                transaction.set_rollback(True)

    with override_settings(SIGHTLINE_IMPORTS_DIR=tmp_path / "imports"):
        run()


def _check(kind, by, council, filename, data, options, grid):
    before = invariants.Snapshot.take()
    try:
        upload = services.upload_store(
            council=council, by=by, kind=kind, filename=filename, data=data, options=options
        )
    except TableRefused as refusal:
        assert refusal.messages, "a refused file says why"
        assert not invariants.problems(before, by=by, council_id=council.pk, saved=False)
        return
    _, preview = upload_preview(upload=upload, by=by)
    stored = invariants.Snapshot.take()
    if preview.errors:
        unplaced = [e for e in preview.errors if not _names_a_place(e, grid)]
        assert not unplaced, f"refusals naming no row or column: {unplaced}"
        with (
            pytest.raises((TableRefused, ValidationError, PermissionDenied)),
            transaction.atomic(),
        ):
            services.upload_import(upload=upload, by=by)
        found = invariants.problems(stored, by=by, council_id=council.pk, saved=False)
        assert not found, f"a refused import stored something: {found}"
        return
    totals_before = _tracker_totals(council) if kind == "tracker" else {}
    saved = services.upload_import(upload=upload, by=by)
    assert saved.years == preview.years, "the preview's totals are what was saved"
    assert (len(saved.created), len(saved.changed), saved.unchanged) == (
        len(preview.created),
        len(preview.changed),
        preview.unchanged,
    )
    if kind == "tracker" and not preview.changed:
        after = _tracker_totals(council)
        stored_years = {
            fy: after.get(fy, 0) - totals_before.get(fy, 0)
            for fy in after.keys() | totals_before.keys()
        }
        for label, pence in preview.years:
            assert stored_years.get(label, 0) == pence, (label, pence, stored_years)
    found = invariants.problems(before, by=by, council_id=council.pk, saved=True)
    assert not found, "\n".join(found)
