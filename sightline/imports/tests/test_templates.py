"""Each kind of import offers a template, as CSV and as a workbook, that imports as it is."""

import pytest
from openpyxl import load_workbook

from sightline.core.tables import ImportOptions, locate, read_bytes
from sightline.imports.kinds import IMPORTERS


@pytest.mark.parametrize("kind", sorted(IMPORTERS))
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_each_template_downloads_and_its_header_is_recognised(as_alice, council, kind, fmt):
    response = as_alice.get(f"/imports/templates/{kind}/{fmt}/")
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="{kind}-template.{fmt}"'
    table = locate(read_bytes(response.content, filename=f"t.{fmt}"), IMPORTERS[kind].schema)
    assert all(c.field is not None for c in table.columns), table.notes()
    assert len(table.records()) == 1


def test_the_tracker_template_imports_as_it_is(as_alice, alice, council):
    content = as_alice.get("/imports/templates/tracker/xlsx/").content
    sheet = load_workbook(__import__("io").BytesIO(content)).active
    assert sheet.title == "Savings tracker"
    importer = IMPORTERS["tracker"]
    table = locate(read_bytes(content, filename="t.xlsx"), importer.schema)
    preview = importer.preview(council=council, by=alice, table=table, options=ImportOptions())
    assert preview.errors == []
    assert (
        "Signs: savings printed as positive amounts, as the title above the table"
        in preview.warnings[1]
    )


def test_templates_are_for_those_who_may_import_them(public, as_vera, as_fiona, as_alice, council):
    assert public.get("/imports/templates/tracker/csv/").status_code == 302
    assert as_vera.get("/imports/templates/tracker/csv/").status_code == 403
    assert as_fiona.get("/imports/templates/tracker/csv/").status_code == 403
    assert as_fiona.get("/imports/templates/budget_codes/csv/").status_code == 200
    assert as_alice.get("/imports/templates/nothing/csv/").status_code == 404
    assert as_alice.get("/imports/templates/tracker/pdf/").status_code == 404
    assert as_alice.post("/imports/templates/tracker/csv/").status_code == 405
