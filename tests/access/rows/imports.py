"""Access-matrix rows for importing a council's tables (``/imports/``).

Who may import is the rule of each kind of table: ``savings.import_proposals`` (the
programme office) for the tracker, ``savings.import_budget_codes`` (the programme office or
finance) for budget codes, ``performance.import_indicators`` and ``risks.import_risks`` (the
programme office). The upload page is for those who may import at least one kind (finance
sees only budget codes); an upload's preview, confirm and discard for those who may import
its kind, in its own council (another council's upload is a 404). The upload in the world is
a tracker, so finance is refused it.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.conf import settings

from tests.access.expectations import (
    AS_POST,
    BY_COUNCIL,
    FINANCE,
    PROGRAMME_OFFICE,
    PROGRAMME_OFFICE_B,
    Row,
    each,
    page,
    s,
)

OFFICES = s(PROGRAMME_OFFICE, PROGRAMME_OFFICE_B)
IMPORTERS = s(PROGRAMME_OFFICE, PROGRAMME_OFFICE_B, FINANCE)  # of some kind: see above
OWN_OFFICE = each(own=s(PROGRAMME_OFFICE))

ROWS: list[Row] = [
    # An empty POST is the form shown again with its errors: a success for those who may.
    page("imports/", "imports:upload", get=AS_POST, post=IMPORTERS),
    page(
        "imports/<id:pk>/",
        "imports:preview",
        get=AS_POST,
        post=OWN_OFFICE,
        kinds=BY_COUNCIL,
        params={"pk": "upload"},
    ),
    page(
        "imports/<id:pk>/confirm/",
        "imports:confirm",
        get=None,
        post=OWN_OFFICE,
        kinds=BY_COUNCIL,
        params={"pk": "upload"},
    ),
    page(
        "imports/<id:pk>/discard/",
        "imports:discard",
        get=None,
        post=OWN_OFFICE,
        kinds=BY_COUNCIL,
        params={"pk": "upload"},
    ),
    page(
        "imports/templates/<slug:kind>/<slug:fmt>/",
        "imports:template",
        get=OFFICES,
        fixed={"kind": "tracker", "fmt": "xlsx"},
        variant="tracker",
    ),
    page(
        "imports/templates/<slug:kind>/<slug:fmt>/",
        "imports:template",
        get=IMPORTERS,
        fixed={"kind": "budget_codes", "fmt": "csv"},
        variant="budget codes",
        method_check=False,
    ),
]


def build(o, users) -> None:
    """A tracker uploaded by the council's programme office, waiting for its confirmation."""
    from sightline.core.tables import ImportOptions
    from sightline.imports.services import upload_store

    # The matrix keeps its uploaded files in a folder of its own, not the server's var/.
    if Path(settings.SIGHTLINE_IMPORTS_DIR) == Path(settings.VAR_DIR) / "imports":
        settings.SIGHTLINE_IMPORTS_DIR = Path(tempfile.mkdtemp(prefix="matrix-imports-"))
    office = users[
        "programme_office_b" if o.council.short_code.endswith("b") else "programme_office"
    ]
    text = (
        "Ref,Title,Savings type,Directorate,2013/14 £\n"
        f"MX 1,Matrix import,{o.savings_type.name},{o.directorate_x.name},1000\n"
    )
    o.upload = upload_store(
        council=o.council,
        by=office,
        kind="tracker",
        filename="matrix.csv",
        data=text.encode(),
        options=ImportOptions(),
    )
