"""Reading a council's file (CSV or XLSX) into rows of text keyed by column name."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path

from sightline.savings.services.bulk import ImportRefused

COLUMNS = [
    "reference",
    "title",
    "savings_type",
    "directorate",
    "bundle",
    "financial_year",
    "amount",
    "kind",
    "recurring",
    "budget_code",
]
REQUIRED = {"reference", "title", "savings_type", "directorate", "financial_year", "amount"}


def _header(name: object) -> str:
    return str(name or "").strip().lower().replace(" ", "_").replace("-", "_")


def _cell(value: object) -> str:
    """A spreadsheet cell as the text a person would read in it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return format(Decimal(repr(value)).normalize(), "f")
    return str(value).strip()


def read_rows(path: str | Path) -> list[dict[str, str]]:
    """The rows of a CSV or XLSX file as dicts keyed by the normalised column names."""
    path = Path(path)
    if path.suffix.lower() in {".xlsx", ".xlsm"}:
        from openpyxl import load_workbook

        book = load_workbook(path, read_only=True, data_only=True)
        try:
            sheet = book.worksheets[0]
            values = sheet.iter_rows(values_only=True)
            header = [_header(v) for v in next(values, ())]
            rows = [
                {h: _cell(v) for h, v in zip(header, row, strict=False) if h}
                for row in values
                if any(v not in (None, "") for v in row)
            ]
        finally:
            book.close()
        _check_header(header)
        return rows
    if path.suffix.lower() not in {".csv", ".txt"}:
        raise ImportRefused(f"{path.name}: import a .csv or .xlsx file.")
    text = path.read_bytes().decode("utf-8-sig", errors="replace")
    reader = csv.reader(io.StringIO(text))
    header = [_header(v) for v in next(reader, [])]
    _check_header(header)
    return [
        {h: (v or "").strip() for h, v in zip(header, row, strict=False) if h}
        for row in reader
        if any((v or "").strip() for v in row)
    ]


def _check_header(header: list[str]) -> None:
    missing = [c for c in COLUMNS if c in REQUIRED and c not in header]
    if missing:
        found = ", ".join(h for h in header if h) or "none"
        raise ImportRefused(
            f"Row 1: the file has no {', '.join(missing)} column"
            f"{'s' if len(missing) > 1 else ''} (columns found: {found}). The columns are: "
            f"{', '.join(COLUMNS)}."
        )
