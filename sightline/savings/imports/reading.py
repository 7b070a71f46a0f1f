"""Reading a tracker in Sightline's own layout (CSV or XLSX, the header on row 1) into rows of
text keyed by column name. The file is read by :mod:`sightline.core.tables`, so any common
encoding is read and an oversized file, a zip bomb or a NUL byte is refused."""

from __future__ import annotations

from pathlib import Path

from sightline.core.tables import TableRefused, plain_key, read_path
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
    return plain_key(name).replace(" ", "_").replace("-", "_")


def read_rows(path: str | Path) -> list[dict[str, str]]:
    """The rows of a CSV or XLSX file as dicts keyed by the normalised column names."""
    path = Path(path)
    if path.suffix.lower() not in {".csv", ".txt", ".xlsx", ".xlsm"}:
        raise ImportRefused(f"{path.name}: import a .csv or .xlsx file.")
    try:
        grid = read_path(path)
    except TableRefused as error:
        raise ImportRefused(error.messages) from error
    rows = iter(grid.rows)
    header = [_header(v) for v in next(rows, (1, []))[1]]
    _check_header(header)
    return [
        {h: v for h, v in zip(header, cells, strict=False) if h}
        for _, cells in rows
        if any(v for v in cells)
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
