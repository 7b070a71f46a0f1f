"""``sightline import_proposals FILE --council CODE --user USERNAME``: a council's tracker."""

from __future__ import annotations

import time

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from sightline.accounts.models import Council
from sightline.savings.imports import COLUMNS, ImportRefused, proposals_import, read_rows


class Command(BaseCommand):
    help = (
        "Import savings proposals from a CSV or XLSX tracker, one row per savings line, with "
        f"the columns {', '.join(COLUMNS)}. Nothing is saved if any row is wrong; running the "
        "same file again replaces each reference's lines rather than adding to them."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="A .csv or .xlsx file (the first sheet is read).")
        parser.add_argument("--council", required=True, help="The council's short code.")
        parser.add_argument(
            "--user", required=True, help="The programme office login the import is made as."
        )
        parser.add_argument("--reason", default="", help="Recorded in the history and audit log.")

    def handle(self, *args, file: str, council: str, user: str, reason: str, **options):
        found = Council.objects.filter(short_code=council).first()
        if found is None:
            raise CommandError(f"There is no council with the short code {council!r}.")
        by = get_user_model().objects.filter(username=user, is_active=True).first()
        if by is None:
            raise CommandError(f"There is no active login {user!r}.")
        started = time.perf_counter()
        try:
            rows = read_rows(file)
            result = proposals_import(
                council=found, by=by, rows=rows, reason=reason or f"Imported from {file}"
            )
        except FileNotFoundError as error:
            raise CommandError(f"{file}: no such file.") from error
        except ImportRefused as error:
            raise CommandError(
                f"Nothing was imported from {file}: fix these rows and run it again.\n"
                + "\n".join(error.messages)
            ) from error
        except PermissionDenied as error:
            raise CommandError(str(error)) from error
        elapsed = time.perf_counter() - started
        self.stdout.write(
            f"Imported {result.proposals:,} proposals ({result.created:,} new, "
            f"{result.changed:,} changed, {result.unchanged:,} unchanged) with "
            f"{result.lines:,} savings lines from {result.rows:,} rows of {file} in "
            f"{elapsed:.2f} s ({result.rows / max(elapsed, 1e-9):,.0f} rows a second)."
        )
