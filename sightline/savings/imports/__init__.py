"""Bringing a council's own tables into Sightline: reading files, then writing through the
services' rules."""

from sightline.savings.imports.importer import TRACKER_IMPORTER, TrackerImporter
from sightline.savings.imports.published import TrackerPlan, plan_tracker
from sightline.savings.imports.reading import COLUMNS, read_rows
from sightline.savings.imports.tracker import proposals_import
from sightline.savings.services.bulk import ImportRefused, ImportResult

__all__ = [
    "COLUMNS",
    "TRACKER_IMPORTER",
    "ImportRefused",
    "ImportResult",
    "TrackerImporter",
    "TrackerPlan",
    "plan_tracker",
    "proposals_import",
    "read_rows",
]
