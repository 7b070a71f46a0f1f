"""The budget tables' pages: the tables, adding and changing a line with its figures,
retiring it, and the notes."""

import pytest

from sightline.core.fiscal import FinancialYear
from sightline.finance.models import BudgetLine, BudgetNote, LineKind
from sightline.finance.tests.factories import (
    BudgetFigureFactory,
    BudgetLineFactory,
    BudgetNoteFactory,
)

FY11 = FinancialYear(2011)
M = 100_000_000


def _figures(*rows, prefix="figures"):
    data = {f"{prefix}-TOTAL_FORMS": str(len(rows) + 1), f"{prefix}-INITIAL_FORMS": "0"}
    for index, (fy, budget, outturn) in enumerate(rows):
        data.update(
            {
                f"{prefix}-{index}-fy": fy,
                f"{prefix}-{index}-budget_pence": budget,
                f"{prefix}-{index}-outturn_pence": outturn,
            }
        )
    return data


def test_every_member_reads_the_tables_with_their_shares(as_vera, council_a):
    line = BudgetLineFactory(council=council_a, name="Adult social care")
    BudgetFigureFactory(line=line, fy=FY11, budget_pence=75 * M)
    other = BudgetLineFactory(council=council_a, name="Housing")
    BudgetFigureFactory(line=other, fy=FY11, budget_pence=25 * M)
    body = as_vera.get("/finance/budget/").content.decode()
    assert "75.0%" in body and "25.0%" in body
    assert '<td class="govuk-table__cell sl-num"><strong>£100.00m</strong></td>' in body
    assert "Add a line" not in body


def test_finance_adds_a_line_typed_as_the_council_writes_it(as_fiona, council_a):
    response = as_fiona.post(
        "/finance/budget/lines/new/",
        {
            "kind": LineKind.SERVICE,
            "name": "Education and children's services",
            "position": "1",
            **_figures(("2011/12", "£256.62m", ""), ("10/11", "", "233,290,000")),
        },
    )
    assert response.status_code == 302
    line = BudgetLine.objects.get(council=council_a)
    assert {f.fy.start_year: (f.budget_pence, f.outturn_pence) for f in line.figures.all()} == {
        2010: (None, 23_329_000_000),
        2011: (25_662_000_000, None),
    }


def test_a_row_without_a_figure_or_twice_a_year_is_refused(as_fiona, council_a):
    response = as_fiona.post(
        "/finance/budget/lines/new/",
        {"kind": LineKind.SERVICE, "name": "X", "position": "0", **_figures(("2011/12", "", ""))},
    )
    assert "Row 1: Enter the budget, the outturn or both" in response.content.decode()
    response = as_fiona.post(
        "/finance/budget/lines/new/",
        {
            "kind": LineKind.SERVICE,
            "name": "X",
            "position": "0",
            **_figures(("2011/12", "£1m", ""), ("11/12", "£2m", "")),
        },
    )
    assert "2011/12 is given twice" in response.content.decode()
    assert not BudgetLine.objects.exists()


def test_changing_a_line_removes_a_year_taken_off_the_form(as_alice, council_a):
    line = BudgetLineFactory(council=council_a)
    BudgetFigureFactory(line=line, fy=FY11, budget_pence=M)
    BudgetFigureFactory(line=line, fy=FinancialYear(2012), budget_pence=2 * M)
    data = {
        "kind": line.kind,
        "name": "Renamed",
        "position": "2",
        "version": line.version,
        **_figures(("2011/12", "£1.5m", "")),
    }
    assert as_alice.post(f"/finance/budget/lines/{line.pk}/", data).status_code == 302
    line.refresh_from_db()
    assert line.name == "Renamed"
    assert [(f.fy, f.budget_pence) for f in line.figures.all()] == [(FY11, 150_000_000)]


def test_a_line_is_retired_with_a_reason(as_alice, council_a):
    line = BudgetLineFactory(council=council_a)
    url = f"/finance/budget/lines/{line.pk}/"
    as_alice.post(url, {"action": "retire", "version": line.version, "retire_reason": "Moved"})
    line.refresh_from_db()
    assert line.disabled_on is not None


def test_a_note_is_added_with_its_amount(as_fiona, council_a):
    line = BudgetLineFactory(council=council_a, kind=LineKind.SERVICE)
    response = as_fiona.post(
        "/finance/notes/new/",
        {
            "section": "plan",
            "line": line.pk,
            "fy": "2011/12",
            "label": "A",
            "text": "Exceptional accounting entries",
            "amount_pence": "£40.90m",
            "position": "0",
        },
    )
    assert response.status_code == 302
    note = BudgetNote.objects.get()
    assert (note.section, note.amount_pence) == ("revenue", 4_090_000_000)


def test_a_viewer_is_refused_the_line_and_note_forms(as_vera, council_a):
    line = BudgetLineFactory(council=council_a)
    note = BudgetNoteFactory(council=council_a)
    for url in (
        "/finance/budget/lines/new/",
        f"/finance/budget/lines/{line.pk}/",
        "/finance/notes/new/",
        f"/finance/notes/{note.pk}/",
    ):
        response = as_vera.get(url)
        assert response.status_code == 403
        assert "You cannot change the budget tables" in response.content.decode()
        assert '<form method="post" novalidate>' not in response.content.decode()


def test_another_councils_line_is_not_found(as_alice, council_b):
    line = BudgetLineFactory(council=council_b)
    assert as_alice.get(f"/finance/budget/lines/{line.pk}/").status_code == 404


@pytest.mark.parametrize("url", ["/finance/budget/"])
def test_the_tables_page_refuses_a_post_and_needs_a_login(as_alice, public, url):
    assert as_alice.post(url).status_code == 405
    assert public.get(url).status_code == 302
