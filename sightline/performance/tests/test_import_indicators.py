"""Importing indicators with their targets and actuals from a performance report's table:
each written by the service a form uses, so the same rules hold, and only what differs is
written."""

import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied

from sightline.accounts.tests.factories import PersonFactory
from sightline.core.tables import ImportOptions, TableRefused, locate, read_bytes, read_path
from sightline.imports.indicators import INDICATORS_IMPORTER as IMPORTER
from sightline.performance.models import Actual, Indicator, Target
from sightline.performance.services_bulk import IndicatorRow, indicators_save_many

REPORT = Path(__file__).parent / "fixtures" / "performance_report_indicators.csv"


@pytest.fixture(autouse=True)
def january_2026(time_machine):
    time_machine.move_to(datetime.datetime(2026, 1, 15, 12))


def table(text=None):
    grid = read_path(REPORT) if text is None else read_bytes(text.encode())
    return locate(grid, IMPORTER.schema)


def test_a_performance_reports_indicator_table_is_imported_with_targets_and_actuals(
    alice, council_a
):
    preview = IMPORTER.preview(council=council_a, by=alice, table=table(), options=ImportOptions())
    assert preview.errors == []
    assert [c.key for c in preview.created] == ["LBC 1", "LBC 2", "NI 59"]
    assert (
        "Column L ('RAG') is not imported: Sightline works out each actual's RAG and direction "
        "from its target." in preview.warnings
    )
    assert not Indicator.objects.exists()

    saved = IMPORTER.save(
        council=council_a, by=alice, table=table(), options=ImportOptions(), reason=""
    )
    assert saved.counts == {"targets": 6, "actuals": 5}
    ni59 = Indicator.objects.get(council=council_a, code="NI 59")
    assert (ni59.unit, ni59.polarity, ni59.frequency, ni59.amber_tolerance) == (
        "percent",
        "higher",
        "quarterly",
        Decimal("5"),
    )
    assert ni59.title.startswith("Initial assessments for children’s social care")
    actual = Actual.objects.get(indicator=ni59)
    assert (actual.period, actual.value, actual.status) == (
        datetime.date(2025, 4, 1),
        Decimal("76"),
        Actual.Status.DRAFT,  # it awaits a second person's approval, as any actual does
    )
    assert actual.commentary == "Staffing gaps in the assessment team, now being filled."
    tax = Actual.objects.filter(indicator__code="LBC 2").order_by("period")
    assert [a.value for a in tax] == [Decimal("28.1"), Decimal("55.4")]
    assert (
        Target.objects.get(indicator__code="LBC 1", period=datetime.date(2025, 7, 1)).value == 115
    )

    again = IMPORTER.preview(council=council_a, by=alice, table=table(), options=ImportOptions())
    assert (len(again.created), len(again.changed), again.unchanged) == (0, 0, 3)


def test_a_red_actual_without_commentary_is_refused_as_the_form_refuses_it(alice, council_a):
    text = "Code,Title,Good is,Target 2025/26,Q1 2025/26 actual\nX 1,Missed,Higher,90,50\n"
    preview = IMPORTER.preview(
        council=council_a, by=alice, table=table(text), options=ImportOptions()
    )
    assert len(preview.errors) == 1
    assert preview.errors[0].startswith(
        "Row 2, commentary: Commentary is required when the actual is Red"
    )
    assert not Indicator.objects.exists()


def test_an_actual_for_a_period_not_yet_begun_is_refused_by_row_and_column(alice, council_a):
    text = "Code,Title,Q1 2026/27 actual\nX 1,Later,50\n"
    preview = IMPORTER.preview(
        council=council_a, by=alice, table=table(text), options=ImportOptions()
    )
    assert preview.errors == [
        "Row 2, Q1 2026/27 actual: Q1 2026/27 has not begun yet, so it cannot have an actual."
    ]


def test_a_changed_target_is_the_only_write(alice, council_a):
    IMPORTER.save(council=council_a, by=alice, table=table(), options=ImportOptions(), reason="")
    actuals = set(Actual.objects.values_list("pk", "version"))
    text = REPORT.read_text().replace(",120,126,", ",110,126,")
    preview = IMPORTER.preview(
        council=council_a, by=alice, table=table(text), options=ImportOptions()
    )
    assert [(c.key, c.details) for c in preview.changed] == [("LBC 1", ["Target Q1 2025/26: 110"])]
    IMPORTER.save(
        council=council_a, by=alice, table=table(text), options=ImportOptions(), reason=""
    )
    assert set(Actual.objects.values_list("pk", "version")) == actuals


def test_owners_are_matched_by_name_and_created_only_when_asked(alice, council_a):
    PersonFactory(council=council_a, name="Ann O’Neill")
    text = "Code,Title,Owner\nX 1,One,Ann O'Neill\nX 2,Two,Sam Brown\n"
    refused = IMPORTER.preview(
        council=council_a, by=alice, table=table(text), options=ImportOptions()
    )
    assert refused.errors == [
        "Row 3, owner: 'Sam Brown' is not one of your council's people (add them under Council, "
        "or choose to create what the file names (--create-missing))."
    ]
    options = ImportOptions(create_missing=True)
    assert IMPORTER.preview(
        council=council_a, by=alice, table=table(text), options=options
    ).to_create == {"people": ["Sam Brown"]}
    IMPORTER.save(council=council_a, by=alice, table=table(text), options=options, reason="")
    assert Indicator.objects.get(code="X 1").owner.name == "Ann O’Neill"


def test_only_the_programme_office_imports_indicators(dan, council_a):
    with pytest.raises(
        PermissionDenied, match="You cannot import indicators, their targets and actuals"
    ):
        indicators_save_many(council=council_a, by=dan, rows=[IndicatorRow(2, "X")])


def test_the_bulk_service_refuses_every_bad_row_at_once(alice, council_a):
    rows = [
        IndicatorRow(2, "A", {"title": "One", "polarity": "sideways"}),
        IndicatorRow(3, "B", {"title": ""}),
    ]
    with pytest.raises(TableRefused) as refused:
        indicators_save_many(council=council_a, by=alice, rows=rows)
    assert refused.value.messages == [
        "Row 2, polarity: Value 'sideways' is not a valid choice.",
        "Row 3, title: This field cannot be blank.",
    ]
    assert not Indicator.objects.exists()
