"""Writes for importing: keeping an uploaded file until it is imported, remembering how a
council's columns are read, and the import itself, through the kind's own bulk service."""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from sightline.accounts.models import Council
from sightline.accounts.permissions import check
from sightline.core.tables import (
    ImportOptions,
    Limits,
    Preview,
    TableRefused,
    read_bytes,
)
from sightline.imports.kinds import IMPORTERS
from sightline.imports.models import ColumnMapping, Upload
from sightline.imports.selectors import upload_path, upload_read

if TYPE_CHECKING:
    from django.contrib.auth.models import User

STALE_AFTER = timezone.timedelta(days=1)
SUFFIXES = {".csv", ".txt", ".tsv", ".xlsx", ".xlsm"}


def _rule(kind: str) -> str:
    importer = IMPORTERS.get(kind)
    if importer is None:
        raise PermissionDenied(f"{kind!r} is not a kind of table Sightline imports.")
    return importer.rule


@transaction.atomic
def upload_store(
    *, council: Council, by: User, kind: str, filename: str, data: bytes, options: ImportOptions
) -> Upload:
    """Keep an uploaded file for its preview, in the council's own folder (never served).
    The file is read first: one that cannot be read is refused, and not kept."""
    check(by, _rule(kind), council)
    suffix = Path(filename).suffix.lower()
    name = Path(filename).name[:200] or "upload"
    if suffix not in SUFFIXES:
        raise TableRefused(f"{name}: import a .csv or .xlsx file.")
    read_bytes(data, filename=name, sheet=options.sheet or None, limits=Limits.from_settings())
    _discard_stale(council)
    upload = Upload(
        council=council,
        kind=kind,
        filename=name,
        stored_as=secrets.token_hex(16) + suffix,
        size=len(data),
        options=options.as_json(),
        created_by=by,
    )
    path = upload_path(upload)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    path.write_bytes(data)
    path.chmod(0o600)
    upload.save()
    return upload


@transaction.atomic
def upload_options_set(*, upload: Upload, by: User, options: ImportOptions) -> Upload:
    """Read the upload again with new options; the columns the user placed are remembered
    for the council's next import of the same kind."""
    check(by, _rule(upload.kind), upload.council)
    _require_waiting(upload)
    upload.options = options.as_json()
    upload.save(update_fields=["options"])
    for header, field in options.columns.items():
        ColumnMapping.objects.update_or_create(
            council=upload.council,
            kind=upload.kind,
            header=header[:300],
            defaults={"field": field, "chosen_by": by},
        )
    return upload


@transaction.atomic
def upload_import(*, upload: Upload, by: User, reason: str = "") -> Preview:
    """Import the upload: its table is read and every row checked again, then written by
    the kind's bulk service, all or nothing. The file is deleted once the import is saved."""
    check(by, _rule(upload.kind), upload.council)
    upload = Upload.objects.select_for_update().get(pk=upload.pk)
    _require_waiting(upload)
    reading = upload_read(upload)
    if reading.refused is not None:
        raise TableRefused(reading.refused)
    preview = reading.importer.save(
        council=upload.council,
        by=by,
        table=reading.table,
        options=reading.options,
        reason=reason or f"Imported from {upload.filename}",
    )
    upload.status, upload.finished_at = Upload.Status.IMPORTED, timezone.now()
    upload.summary = {
        "rows": preview.rows,
        "created": len(preview.created),
        "changed": len(preview.changed),
        "unchanged": preview.unchanged,
        "years": preview.years,
    }
    upload.save(update_fields=["status", "finished_at", "summary"])
    _delete_on_commit(upload_path(upload))
    return preview


@transaction.atomic
def upload_discard(*, upload: Upload, by: User) -> Upload:
    """Discard an upload that will not be imported: its file is deleted."""
    check(by, _rule(upload.kind), upload.council)
    _require_waiting(upload)
    upload.status, upload.finished_at = Upload.Status.DISCARDED, timezone.now()
    upload.save(update_fields=["status", "finished_at"])
    _delete_on_commit(upload_path(upload))
    return upload


def _require_waiting(upload: Upload) -> None:
    if not upload.is_waiting:
        raise TableRefused(
            f"{upload.filename} was already {upload.get_status_display().lower()}: upload it "
            "again to import it again."
        )


def _discard_stale(council: Council) -> None:
    """Uploads left waiting for a day are discarded, and their files deleted."""
    stale = Upload.objects.filter(
        council=council,
        status=Upload.Status.WAITING,
        created_at__lt=timezone.now() - STALE_AFTER,
    )
    for upload in stale:
        _delete_on_commit(upload_path(upload))
    stale.update(status=Upload.Status.DISCARDED, finished_at=timezone.now())


def _delete_on_commit(path: Path) -> None:
    """Delete a kept file once the transaction that finished with it is saved."""
    transaction.on_commit(lambda: path.unlink(missing_ok=True))
