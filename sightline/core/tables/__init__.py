"""Reading tables as councils publish them (CSV and XLSX): a generic reader that finds the
header row, the units, the year columns and the subtotal rows, for importers built on it.

Core imports no Sightline app: what a column may hold is the importer's :class:`Schema`.
"""

from sightline.core.tables.amounts import AmountUnit, read_amount
from sightline.core.tables.cells import CellError, read_choice, read_date, read_number
from sightline.core.tables.errors import TableRefused
from sightline.core.tables.files import Grid, read_bytes, read_path
from sightline.core.tables.headers import HeaderInfo, clean_label, find_unit, parse_header
from sightline.core.tables.limits import Limits
from sightline.core.tables.preview import (
    SAVINGS_NEGATIVE,
    SAVINGS_POSITIVE,
    SIGNS,
    Change,
    Importer,
    ImportOptions,
    Preview,
    Problem,
    by_row,
    dry_run,
    rolled_back,
    rows_of,
)
from sightline.core.tables.table import (
    LEAVE_OUT,
    Column,
    Field,
    Record,
    Schema,
    Table,
    is_total_label,
    locate,
)
from sightline.core.tables.templates import Template, template_csv, template_xlsx
from sightline.core.tables.text import column_letter, is_nil, listed, plain, plain_key, quoted

__all__ = [
    "LEAVE_OUT",
    "SAVINGS_NEGATIVE",
    "SAVINGS_POSITIVE",
    "SIGNS",
    "AmountUnit",
    "CellError",
    "Change",
    "Column",
    "Field",
    "Grid",
    "HeaderInfo",
    "ImportOptions",
    "Importer",
    "Limits",
    "Preview",
    "Problem",
    "Record",
    "Schema",
    "Table",
    "TableRefused",
    "Template",
    "clean_label",
    "column_letter",
    "find_unit",
    "is_nil",
    "is_total_label",
    "listed",
    "locate",
    "parse_header",
    "plain",
    "plain_key",
    "quoted",
    "by_row",
    "rows_of",
    "read_amount",
    "read_choice",
    "read_date",
    "read_number",
    "dry_run",
    "rolled_back",
    "read_bytes",
    "read_path",
    "template_csv",
    "template_xlsx",
]
