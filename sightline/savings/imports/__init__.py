"""Bringing a council's own tables into Sightline: reading files, then writing through the
services' rules."""

from sightline.savings.imports.reading import COLUMNS, read_rows
from sightline.savings.imports.tracker import proposals_import
from sightline.savings.services.bulk import ImportRefused, ImportResult

__all__ = ["COLUMNS", "ImportRefused", "ImportResult", "proposals_import", "read_rows"]
