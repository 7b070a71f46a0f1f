"""``sightline import_proposals FILE --council CODE --user USERNAME``: a council's savings
tracker, or the savings table of a committee paper (``sightline import tracker`` by its
older name), with the same options."""

from __future__ import annotations

from sightline.imports.cli import ImportCommand


class Command(ImportCommand):
    help = (
        "Import savings proposals from a CSV or XLSX table: a row per proposal with a column per "
        "financial year, or a row per proposal and year. Nothing is saved if any row is wrong; "
        "running the same file again changes nothing; --dry-run shows what it would do."
    )
    kind = "tracker"
