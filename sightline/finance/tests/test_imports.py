"""Importing a financial plan table as councils publish it (the Corporate Plan's table 7.1,
in £m, with its subtotal and total), through the imports' preview and confirmation."""

import pytest

from sightline.core.fiscal import FinancialYear
from sightline.core.tables import ImportOptions, locate, read_bytes
from sightline.finance.imports import FINANCIAL_PLAN_IMPORTER
from sightline.finance.models import BudgetLine, LineKind
from sightline.imports import services as import_services
from sightline.imports.kinds import IMPORTERS

FY10, FY11 = FinancialYear(2010), FinancialYear(2011)

TABLE_7_1 = (
    "Revenue expenditure in 2011/12\n"
    "Note,Service,2010/11 outturn £m,2011/12 expenditure £m,Percentage of the Council's budget\n"
    "A,Education and children's services,233.29,256.62,50%\n"
    "B,Housing services,108.73,106.25,20%\n"
    "C,Adult social care,64.6,71.77,14%\n"
    'D,"Cultural, environment and planning services",46.29,41.31,8%\n'
    ',"Highways, roads and transport services",20.88,20.07,4%\n'
    ",Central services,20.52,21.31,4%\n"
    ",Other costs,1.17,0.74,\n"
    ",Service expenditure,495.48,518.07,\n"
    "E,Capital financing,4.30,-37.99,\n"
    ",TOTAL,499.78,480.08,\n"
    "Capital financing\n"
    ",Prudential borrowing,,19.68,\n"
    ",Usable capital receipts,,2.77,\n"
)


@pytest.fixture(autouse=True)
def kept_files(settings, tmp_path):
    settings.SIGHTLINE_IMPORTS_DIR = tmp_path / "imports"


def _table(text: str):
    grid = read_bytes(text.encode(), filename="plan.csv")
    return locate(grid, FINANCIAL_PLAN_IMPORTER.schema)


def test_the_financial_plan_is_a_kind_the_imports_offer():
    assert IMPORTERS["financial_plan"] is FINANCIAL_PLAN_IMPORTER


def test_the_preview_leaves_out_the_subtotal_and_the_total_and_saves_nothing(council_a, fiona):
    preview = FINANCIAL_PLAN_IMPORTER.preview(
        council=council_a, by=fiona, table=_table(TABLE_7_1), options=ImportOptions()
    )
    assert preview.ok, preview.errors
    assert len(preview.created) == 10
    # The revenue budget's totals, as the table's own TOTAL row gives them.
    assert dict(preview.years) == {
        "2010/11 outturn": 49_978_000_000,
        "2011/12 budget": 48_008_000_000,
    }
    groups = dict(preview.groups)
    assert groups["Capital financing"] == [0, 2_245_000_000]
    warnings = " ".join(preview.warnings)
    assert "'Service expenditure'" in warnings and "subtotal" in warnings
    assert "TOTAL" in warnings
    assert "works out each line's share" in warnings
    assert not BudgetLine.objects.exists()


def test_the_import_writes_each_line_in_its_table_with_budget_and_outturn(council_a, fiona):
    FINANCIAL_PLAN_IMPORTER.save(
        council=council_a,
        by=fiona,
        table=_table(TABLE_7_1),
        options=ImportOptions(),
        reason="Corporate Plan 2011-2014, table 7.1",
    )
    lines = {ln.name: ln for ln in BudgetLine.objects.filter(council=council_a)}
    assert lines["Capital financing"].kind == LineKind.REVENUE_OTHER
    assert lines["Adult social care"].kind == LineKind.SERVICE
    assert lines["Prudential borrowing"].kind == LineKind.CAPITAL_FINANCING
    figures = {
        f.fy: (f.budget_pence, f.outturn_pence) for f in lines["Adult social care"].figures.all()
    }
    assert figures == {FY10: (None, 6_460_000_000), FY11: (7_177_000_000, None)}
    assert "Service expenditure" not in lines and "TOTAL" not in lines


def test_importing_again_changes_only_what_changed(council_a, fiona):
    table = _table(TABLE_7_1)
    FINANCIAL_PLAN_IMPORTER.save(
        council=council_a, by=fiona, table=table, options=ImportOptions(), reason="First"
    )
    changed = (
        TABLE_7_1.replace("Central services,20.52,21.31", "Central services,20.52,22.00")
        .replace("495.48,518.07", "495.48,518.76")
        .replace("499.78,480.08", "499.78,480.77")
    )
    preview = FINANCIAL_PLAN_IMPORTER.preview(
        council=council_a, by=fiona, table=_table(changed), options=ImportOptions()
    )
    assert [c.key for c in preview.changed] == ["Central services"]
    assert preview.unchanged == 9


def test_a_subtotal_that_does_not_add_up_is_refused(council_a, fiona):
    bad = TABLE_7_1.replace("495.48,518.07", "495.48,518.00")
    preview = FINANCIAL_PLAN_IMPORTER.preview(
        council=council_a, by=fiona, table=_table(bad), options=ImportOptions()
    )
    assert any("'Service expenditure' is a subtotal" in e for e in preview.errors)
    assert not preview.created


def test_a_cell_that_is_not_an_amount_is_named_by_row_and_column(council_a, fiona):
    bad = TABLE_7_1.replace("108.73", "lots")
    preview = FINANCIAL_PLAN_IMPORTER.preview(
        council=council_a, by=fiona, table=_table(bad), options=ImportOptions()
    )
    assert any(e.startswith("Row 4, 2010/11 outturn £m:") for e in preview.errors)


def test_only_the_keepers_of_the_plan_may_import_it(council_a, as_vera, vera, fiona):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        import_services.upload_store(
            council=council_a,
            by=vera,
            kind="financial_plan",
            filename="plan.csv",
            data=TABLE_7_1.encode(),
            options=ImportOptions(),
        )


def test_the_upload_preview_and_confirm_pages_import_the_plan(as_fiona, fiona, council_a):
    stored = import_services.upload_store(
        council=council_a,
        by=fiona,
        kind="financial_plan",
        filename="plan.csv",
        data=TABLE_7_1.encode(),
        options=ImportOptions(),
    )
    page = as_fiona.get(f"/imports/{stored.pk}/").content.decode()
    assert "Check what this import will do" in page and "£480,080,000" in page
    response = as_fiona.post(f"/imports/{stored.pk}/confirm/")
    assert response.status_code == 302
    assert BudgetLine.objects.filter(council=council_a).count() == 10
    budget = as_fiona.get("/finance/budget/").content.decode()
    assert "£518.07m" in budget and "£480.08m" in budget
