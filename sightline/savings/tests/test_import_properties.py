"""Whatever table a council uploads, the tracker import previews it or refuses it in its own
words (every problem by row and column): nothing else ever comes out of it."""

import csv
import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sightline.accounts.models import Directorate
from sightline.core.tables import ImportOptions, Limits, TableRefused, locate, read_bytes
from sightline.savings import services
from sightline.savings.imports import TRACKER_IMPORTER

HEADERS = ["Ref", "Title", "Description", "Directorate", "Savings type", "Bundle", "Service"]
HEADERS += ["2026/27", "Saving 27/28 £000", "Total", "Stage", "FTE", "Kind", "Recurring"]
HEADERS += ["Budget code", "Financial year", "Amount", ""]
VALUES = ["A1", "A1", "Place", "Efficiency", "Nowhere", "(553)", "-", "nil", "1,234", "£1.2m"]
VALUES += ["Total", "Sub-total", "2026/27", "yes", "maybe", "income", "x" * 70, "", "12e3"]
cell = st.one_of(st.sampled_from(VALUES), st.text(max_size=12))


@st.composite
def tables(draw) -> bytes:
    header = draw(st.lists(st.sampled_from(HEADERS), min_size=2, max_size=8))
    rows = draw(st.lists(st.lists(cell, max_size=len(header) + 1), max_size=12))
    title = draw(st.sampled_from([[], ["Savings (£'000)"], ["Savings shown in brackets"]]))
    out = io.StringIO()
    writer = csv.writer(out)
    if title:
        writer.writerow(title)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8", "replace")


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    data=tables(),
    options=st.sampled_from(
        [
            ImportOptions(),
            ImportOptions(create_missing=True, reference_prefix="SAV", savings_type="Efficiency"),
        ]
    ),
)
def test_any_table_is_previewed_or_refused_in_the_imports_own_words(
    alice, council_a, data, options
):
    services.savings_types_ensure_defaults(council=council_a)
    Directorate.objects.get_or_create(council=council_a, name="Place")
    try:
        table = locate(read_bytes(data, filename="t.csv"), TRACKER_IMPORTER.schema, limits=Limits())
    except TableRefused:
        return
    preview = TRACKER_IMPORTER.preview(council=council_a, by=alice, table=table, options=options)
    assert all(isinstance(e, str) and e for e in preview.errors)
    assert preview.ok or not preview.created
