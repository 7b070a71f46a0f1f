"""The import commands: ``sightline import KIND FILE --council CODE --user USERNAME`` and
``sightline import_proposals FILE ...`` (the tracker), with the same options.

KIND is ``tracker``, ``budget_codes``, ``indicators`` or ``risks``. With ``--dry-run`` it
prints what the import would do (one line per financial year, like ``2026/27 £4,107,567``)
and saves nothing; otherwise it saves every row or, if any is wrong, none.
"""

from __future__ import annotations

import time

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from sightline.accounts.models import Council
from sightline.core.tables import (
    SAVINGS_NEGATIVE,
    SAVINGS_POSITIVE,
    AmountUnit,
    ImportOptions,
    Limits,
    Preview,
    locate,
    parse_header,
    read_path,
)
from sightline.imports.kinds import IMPORTERS
from sightline.imports.selectors import mappings_for

LONG = 1_000  # rows past which progress is shown


class ImportCommand(BaseCommand):
    help = (
        "Import a council's table (CSV or XLSX): its savings tracker, budget codes, indicators "
        "or risk register. Nothing is saved if any row is wrong; --dry-run shows what it would "
        "do and saves nothing."
    )
    kind: str | None = None  # a command for one kind sets it

    def add_arguments(self, parser):
        if self.kind is None:
            parser.add_argument("kind", choices=sorted(IMPORTERS), help="What the file is.")
        parser.add_argument("file", help="A .csv or .xlsx file.")
        parser.add_argument("--council", required=True, help="The council's short code.")
        parser.add_argument(
            "--user", required=True, help="The login the import is made as (its rules apply)."
        )
        parser.add_argument("--reason", default="", help="Recorded in the history.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Show what it would do; save nothing."
        )
        parser.add_argument(
            "--units",
            choices=[u.value for u in AmountUnit],
            help="What a bare number counts, when the table does not say (or says wrongly).",
        )
        parser.add_argument(
            "--signs",
            choices=[SAVINGS_POSITIVE, SAVINGS_NEGATIVE],
            help="How the table prints savings: positive, or negative/in brackets.",
        )
        parser.add_argument("--directorate", default="", help="A table of one directorate.")
        parser.add_argument(
            "--column",
            action="append",
            default=[],
            metavar="FIELD=HEADER",
            help="Read the column headed HEADER as FIELD (repeatable); FIELD= leaves it out.",
        )
        parser.add_argument(
            "--reference-prefix", default="", help="Number a table without references: SAV-001."
        )
        parser.add_argument(
            "--create-missing",
            action="store_true",
            help="Create the directorates, service areas, bundles and people the file names.",
        )
        parser.add_argument("--savings-type", default="", help="For rows that give none.")
        parser.add_argument("--sheet", default="", help="The workbook's sheet (else the first).")

    def handle(self, *args, **options):
        kind = self.kind or options["kind"]
        importer = IMPORTERS[kind]
        council, by = self.council_and_user(options["council"], options["user"])
        read_options = self.read_options(importer, options)
        path = options["file"]
        started = time.perf_counter()
        try:
            grid = read_path(path, sheet=read_options.sheet or None, limits=Limits.from_settings())
            table = locate(
                grid,
                importer.schema,
                chosen=read_options.columns,
                remembered=mappings_for(council_id=council.pk, kind=kind),
                units=read_options.units,
                limits=Limits.from_settings(),
            )
            if len(table.rows) >= LONG:
                table.on_progress = self.progress
            if options["dry_run"]:
                result = importer.preview(council=council, by=by, table=table, options=read_options)
            else:
                self.stderr.write(f"Reading {len(table.rows):,} rows of {path}…")
                result = importer.save(
                    council=council,
                    by=by,
                    table=table,
                    options=read_options,
                    reason=options["reason"] or f"Imported from {path}",
                )
        except PermissionDenied as error:
            raise CommandError(str(error)) from error
        except ValidationError as error:
            raise CommandError(
                f"Nothing was imported from {path}: fix these rows and run it again.\n"
                + "\n".join(error.messages)
            ) from error
        self.report(result, grid.source, table.header_row, path, time.perf_counter() - started)
        if not result.ok:
            raise CommandError(
                f"Nothing could be imported from {path}: fix these rows and run it again.\n"
                + "\n".join(result.errors)
            )

    def council_and_user(self, code: str, username: str):
        council = Council.objects.filter(short_code=code).first()
        if council is None:
            raise CommandError(f"There is no council with the short code {code!r}.")
        by = get_user_model().objects.filter(username=username, is_active=True).first()
        if by is None:
            raise CommandError(f"There is no active login {username!r}.")
        return council, by

    def read_options(self, importer, options) -> ImportOptions:
        columns = {}
        for given in options["column"]:
            name, sep, header = given.partition("=")
            name = name.strip()
            if not sep or not header.strip():
                raise CommandError(f"--column {given!r}: write it as FIELD=HEADER.")
            if name and importer.schema.get(name) is None:
                known = ", ".join(f.name for f in importer.schema.fields if f.imported)
                raise CommandError(f"--column {given!r}: {name!r} is not a field (use {known}).")
            columns[parse_header(header).key] = name
        return ImportOptions(
            units=AmountUnit(options["units"]) if options["units"] else None,
            signs=options["signs"],
            sheet=options["sheet"],
            directorate=options["directorate"],
            reference_prefix=options["reference_prefix"],
            create_missing=options["create_missing"],
            savings_type=options["savings_type"],
            columns=columns,
        )

    def progress(self, done: int, total: int) -> None:
        """A plain-text progress bar on stderr, every tenth of the rows."""
        filled = 20 * done // max(total, 1)
        self.stderr.write(f"[{'#' * filled}{'.' * (20 - filled)}] {done:,}/{total:,} rows")

    def report(self, result: Preview, source: str, header_row: int, path: str, elapsed: float):
        write = self.stdout.write
        noun = result.noun
        if result.saved:
            total = len(result.created) + len(result.changed) + result.unchanged
            counts = "".join(f" with {n:,} {what}" for what, n in result.counts.items())
            write(
                f"Imported {total:,} {noun}s ({len(result.created):,} new, "
                f"{len(result.changed):,} changed, {result.unchanged:,} unchanged){counts} from "
                f"{result.rows:,} rows of {path} in {elapsed:.2f} s "
                f"({result.rows / max(elapsed, 1e-9):,.0f} rows a second)."
            )
        else:
            write(f"Read {result.rows:,} rows of {path} ({source}, header on row {header_row}).")
            if result.ok:
                write(
                    f"{noun.capitalize()}s that would be created: {len(result.created):,}; "
                    f"changed: {len(result.changed):,}; unchanged: {result.unchanged:,}."
                )
        for what, names in result.to_create.items():
            write(f"New {what}: {', '.join(names)}.")
        if result.years:
            write("By financial year:")
            for line in result.year_lines():
                write(f"  {line}")
        for warning in result.warnings:
            write(f"Note: {warning}")
        if result.ok and not result.saved:
            write("Nothing was saved (--dry-run).")
