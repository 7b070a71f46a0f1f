"""``sightline import KIND FILE --council CODE --user USERNAME [--dry-run] ...``: a council's
savings tracker, budget codes, indicators or risk register (see ``sightline import --help``)."""

from sightline.imports.cli import ImportCommand


class Command(ImportCommand):
    pass
