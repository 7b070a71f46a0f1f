"""``sightline generate --scale luton|county|national``: deterministic data for benchmarks."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from sightline.demo import scale


class Command(BaseCommand):
    help = (
        "Generate realistic, deterministic data at luton, county or national scale (the same "
        "seed gives the same data). Each council gets the logins <code>_programme_office and "
        "<code>_viewer with the demo password."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", required=True, choices=scale.SCALES)
        parser.add_argument("--seed", type=int, default=1, help="Default 1.")
        parser.add_argument(
            "--councils",
            type=int,
            default=None,
            help="National scale only: how many councils (default 400).",
        )

    def handle(self, *args, scale: str, seed: int, councils: int | None, **options):
        if councils is not None and scale != "national":
            raise CommandError("--councils applies to --scale national only.")
        if councils is not None and councils < 1:
            raise CommandError("--councils must be 1 or more.")
        started = time.perf_counter()
        try:
            counts = _generate(self, scale, seed, councils)
        except ValueError as error:
            raise CommandError(str(error)) from error
        elapsed = time.perf_counter() - started
        _analyse(self)
        width = max(len(label) for label in counts)
        for label, count in sorted(counts.items()):
            self.stdout.write(f"  {label:<{width}}  {count:>9,}")
        rows = sum(counts.values())
        self.stdout.write(
            f"Generated {scale} scale (seed {seed}): {rows:,} rows in {elapsed:.1f} s "
            f"({rows / elapsed:,.0f} rows a second)."
        )


def _generate(command: BaseCommand, name: str, seed: int, councils: int | None):
    return scale.generate(
        scale=name, seed=seed, councils=councils, log=lambda m: command.stdout.write(m)
    )


def _analyse(command: BaseCommand) -> None:
    """After a bulk load, PostgreSQL's advice: VACUUM ANALYZE, so that the planner knows the
    tables' sizes and index-only scans need not visit the rows (autovacuum would do it in
    time; the benchmarks should not wait for it). Not timed with the generation."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    command.stdout.write(f"  VACUUM ANALYZE: {time.perf_counter() - started:.1f} s")
