"""``sightline restore FILE``: load a backup into an empty, migrated database."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError

from sightline.core import backup
from sightline.core.management.commands.backup import print_checksums


class Command(BaseCommand):
    help = (
        "Load a backup made by `sightline backup` into this database, which must be migrated "
        "and empty (or pass --replace to wipe it). Everything is loaded in one transaction and "
        "every table's checksum must equal the backup's, or nothing is kept."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument(
            "--replace", action="store_true", help="Wipe a database that already holds data."
        )
        parser.add_argument(
            "--checksums", action="store_true", help="Print each table's row count and hash."
        )

    def handle(self, *args, file: str, replace: bool, checksums: bool, **options):
        started = time.perf_counter()
        try:
            sums = backup.restore(file, replace=replace)
        except (backup.BackupError, OSError) as error:
            raise CommandError(str(error)) from error
        if checksums:
            print_checksums(self, sums)
        self.stdout.write(
            f"Restored {len(sums)} tables, {sum(s.rows for s in sums):,} rows, from {file} in "
            f"{time.perf_counter() - started:.1f} s; every table's checksum matches the backup."
        )
