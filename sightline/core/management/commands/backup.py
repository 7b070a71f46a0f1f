"""``sightline backup FILE``: every table to one portable file, with per-table checksums."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError

from sightline.core import backup


class Command(BaseCommand):
    help = (
        "Write every table to FILE (gzipped JSON lines, restorable on SQLite or PostgreSQL "
        "with `sightline restore FILE`). With --checksums, print each table's row count and "
        "SHA-256; with --checksums and no FILE, only print them."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="Where to write the backup, e.g. x.json.gz")
        parser.add_argument(
            "--checksums", action="store_true", help="Print each table's row count and hash."
        )

    def handle(self, *args, file: str | None, checksums: bool, **options):
        if not file and not checksums:
            raise CommandError("Give the FILE to write, or --checksums to print them only.")
        started = time.perf_counter()
        missing = backup.tables_not_copied()
        if missing:
            self.stderr.write(f"These tables have no model and are not copied: {missing}")
        try:
            sums = backup.backup(file) if file else backup.checksums()
        except (backup.BackupError, OSError) as error:
            raise CommandError(str(error)) from error
        if checksums:
            print_checksums(self, sums)
        if file:
            self.stdout.write(
                f"Backed up {len(sums)} tables, {sum(s.rows for s in sums):,} rows, to {file} "
                f"in {time.perf_counter() - started:.1f} s."
            )


def print_checksums(command: BaseCommand, sums) -> None:
    for checksum in sums:
        command.stdout.write(f"{checksum.table}\t{checksum.rows}\t{checksum.sha256}")
