"""The access matrix: every URL pattern and API operation, asked by every persona about every
kind of record, with the outcome ``expectations.py`` says the policy gives.

One test per URL pattern or API operation; its failure lists each cell that does not match:
open doors (a success the table refuses), unexpected refusals (a refusal the table does not
make), and wrong refusals (refused, but not as the policy says: 403 for 404, a 500...).
"""

import dataclasses

import pytest

from tests.access.expectations import EDITOR, OWN, ROWS, VIEWER, each, s
from tests.access.harness import check_rows, count_cells, describe

pytestmark = pytest.mark.django_db

PATTERNS: dict[str, list] = {}
for _row in ROWS:
    PATTERNS.setdefault(_row.label, []).append(_row)


@pytest.mark.parametrize("pattern", [pytest.param(p, id=p) for p in PATTERNS])
def test_access(world, pattern):
    rows = PATTERNS[pattern]
    mismatches = check_rows(world, rows, record_to_report=True)
    if mismatches:
        pytest.fail(
            f"{len(mismatches)} of {count_cells(rows)} cells at {pattern} do not match "
            f"tests/access/expectations.py:\n{describe(mismatches)}",
            pytrace=False,
        )


def test_the_matrix_catches_an_open_door_and_a_refusal(world):
    """A table that is wrong either way is caught: the harness can fail."""
    (row,) = PATTERNS["risks/<int:pk>/edit/ (risks:edit)"]
    wrong = dataclasses.replace(
        row,
        kinds=(OWN,),
        # The editor owns the risk (may edit it), the viewer may not.
        access={"GET": s(VIEWER), "POST": each(own=s(VIEWER))},
    )
    found = {(m.category, m.cell.persona) for m in check_rows(world, [wrong])}
    assert ("open door", EDITOR) in found
    assert ("unexpected refusal", VIEWER) in found
