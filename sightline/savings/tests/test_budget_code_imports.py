"""Importing budget codes with their budget for each year, from a budget book's table in
£'000, through the bulk service the set-up pages' rules share."""

from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied

from sightline.accounts.tests.factories import DirectorateFactory
from sightline.core.fiscal import FinancialYear
from sightline.core.tables import ImportOptions, locate, read_bytes, read_path
from sightline.savings.imports.budget_codes import BUDGET_CODES_IMPORTER as IMPORTER
from sightline.savings.models import BudgetCode
from sightline.savings.models.programme import BudgetCodeBudget

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def council(council_a):
    for name in ("Adult Social Care", "Place"):
        DirectorateFactory(council=council_a, name=name)
    return council_a


def table(source):
    if source.endswith(".csv"):
        return locate(read_path(FIXTURES / source), IMPORTER.schema)
    return locate(read_bytes(source.encode()), IMPORTER.schema)


def test_a_budget_book_table_in_thousands_is_read_with_its_budget_for_each_year(alice, council):
    preview = IMPORTER.preview(
        council=council,
        by=alice,
        table=table("budget_book_cost_centres.csv"),
        options=ImportOptions(),
    )
    assert preview.errors == []
    assert preview.year_lines() == ["2025/26 £36,649,000", "2026/27 £38,000,000"]
    assert [c.key for c in preview.created] == ["ASC-001", "ASC-002", "PL-010"]
    assert "Row 6 ('Total') is a total: left out." in preview.warnings
    assert (
        "Column G ('2025/26 outturn') is not imported: Sightline keeps a code's budget, not what "
        "was spent against it." in preview.warnings
    )
    assert not BudgetCode.objects.exists()

    IMPORTER.save(
        council=council,
        by=alice,
        table=table("budget_book_cost_centres.csv"),
        options=ImportOptions(),
        reason="",
    )
    parking = BudgetCode.objects.get(council=council, code="PL-010")
    assert (parking.income, parking.directorate.name) == (True, "Place")
    assert (parking.current_budget_pence, parking.budget_fy) == (360_000_000, FinancialYear(2026))
    assert BudgetCodeBudget.objects.filter(code__council=council).count() == 6
    again = IMPORTER.preview(
        council=council,
        by=alice,
        table=table("budget_book_cost_centres.csv"),
        options=ImportOptions(),
    )
    assert (len(again.created), len(again.changed), again.unchanged) == (0, 0, 3)


def test_a_budget_without_a_year_is_refused_saying_how_to_give_one(alice, council):
    preview = IMPORTER.preview(
        council=council,
        by=alice,
        table=table("Code,Name,Budget\nX1,One,100\n"),
        options=ImportOptions(),
    )
    assert preview.errors == [
        "Row 2, Budget: the budget names no financial year: head the column like 'Budget 2026/27', "
        "or add a Financial year column."
    ]


def test_finance_may_import_budget_codes_and_an_editor_may_not(fiona, eve, council):
    source = table("Code,Name,Budget 2026/27\nX1,One,100\n")
    assert IMPORTER.preview(council=council, by=fiona, table=source, options=ImportOptions()).ok
    with pytest.raises(PermissionDenied, match="only the programme office or finance can"):
        IMPORTER.preview(council=council, by=eve, table=source, options=ImportOptions())


def test_a_preview_that_would_create_a_directorate_shows_its_codes_and_saves_nothing(
    alice, council
):
    """Found by tests/properties: the dry run met the unsaved new directorate and failed
    (a server error on the preview page) instead of showing what saving would do."""
    source = (
        "Budget code,Name,Directorate,Income,Budget 2026/27 (£)\n"
        "NEW-001,Lighthouse,Coastal Services,No,1000\n"
    )
    preview = IMPORTER.preview(
        council=council,
        by=alice,
        table=table(source),
        options=ImportOptions(create_missing=True),
    )
    assert preview.errors == []
    assert [c.key for c in preview.created] == ["NEW-001"]
    assert not BudgetCode.objects.exists()
    assert not council.directorates.filter(name="Coastal Services").exists()
