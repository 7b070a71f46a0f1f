"""Reads for importing: a council's uploads, the kinds a user may import, and the preview of
what an upload would do."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.http import Http404

from sightline.accounts.permissions import allowed, check, require_membership
from sightline.core.tables import (
    Grid,
    Importer,
    ImportOptions,
    Limits,
    Preview,
    Table,
    TableRefused,
    locate,
    read_path,
)
from sightline.imports.kinds import IMPORTERS
from sightline.imports.models import ColumnMapping, Upload


def importers_for(user) -> list[Importer]:
    """The kinds of table ``user`` may import into their council."""
    membership = require_membership(user)
    return [i for i in IMPORTERS.values() if allowed(user, i.rule, membership.council)]


def upload_get(*, user, pk: int) -> Upload:
    """One of the user's council's uploads, if they may import its kind: another council's
    is a 404; one they may not import, a 403 with the rule's words."""
    membership = require_membership(user)
    upload = Upload.objects.filter(council=membership.council, pk=pk).first()
    if upload is None or upload.kind not in IMPORTERS:
        raise Http404("No such upload")
    check(user, IMPORTERS[upload.kind].rule, membership.council)
    return upload


def upload_path(upload: Upload):
    return settings.SIGHTLINE_IMPORTS_DIR / str(upload.council_id) / upload.stored_as


def mappings_for(*, council_id: int, kind: str) -> dict[str, str]:
    """The columns the council has told Sightline how to read, for ``kind``."""
    return dict(
        ColumnMapping.objects.filter(council_id=council_id, kind=kind).values_list(
            "header", "field"
        )
    )


@dataclass
class Reading:
    """An upload read: its grid and table, or the refusal of the file."""

    importer: Importer
    options: ImportOptions
    grid: Grid | None = None
    table: Table | None = None
    refused: list[str] | None = None


def upload_read(upload: Upload) -> Reading:
    """The upload's file, read into a table with the options and the council's mappings."""
    importer = IMPORTERS[upload.kind]
    options = ImportOptions.from_json(upload.options)
    reading = Reading(importer, options)
    path = upload_path(upload)
    if not path.exists():
        reading.refused = ["The file is no longer on the server: upload it again."]
        return reading
    try:
        reading.grid = read_path(path, sheet=options.sheet or None, limits=Limits.from_settings())
        reading.table = locate(
            reading.grid,
            importer.schema,
            chosen=options.columns,
            remembered=mappings_for(council_id=upload.council_id, kind=upload.kind),
            units=options.units,
            limits=Limits.from_settings(),
        )
    except TableRefused as error:
        reading.refused = list(error.messages)
    return reading


def upload_preview(*, upload: Upload, by) -> tuple[Reading, Preview]:
    """What importing the upload would do; nothing is saved."""
    reading = upload_read(upload)
    if reading.refused is not None:
        return reading, Preview(kind=upload.kind, errors=reading.refused)
    try:
        preview = reading.importer.preview(
            council=upload.council, by=by, table=reading.table, options=reading.options
        )
    except TableRefused as error:
        preview = Preview(kind=upload.kind, errors=list(error.messages))
    return reading, preview


def uploads_recent(*, user, limit: int = 10) -> list[Upload]:
    """The council's latest uploads of the kinds ``user`` may import."""
    membership = require_membership(user)
    kinds = [i.kind for i in importers_for(user)]
    return list(
        Upload.objects.filter(council=membership.council, kind__in=kinds)
        .select_related("created_by")
        .order_by("-created_at", "-id")[:limit]
    )


def savings_type_names(*, council_id: int) -> list[str]:
    from sightline.savings.models import SavingsType

    return list(
        SavingsType.objects.filter(council_id=council_id, disabled_on__isnull=True)
        .order_by("name")
        .values_list("name", flat=True)
    )
