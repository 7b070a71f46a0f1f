"""Reading a council's file into a grid of text: CSV in any common encoding, or a sheet of an
Excel workbook (.xlsx), refusing whatever could tire the server before it is unpacked.

Every refusal is a :class:`TableRefused` naming the row and column it found; no input gives
anything else.
"""

from __future__ import annotations

import codecs
import csv
import datetime
import io
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from sightline.core.tables.errors import TableRefused
from sightline.core.tables.limits import Limits, size_words
from sightline.core.tables.text import column_letter

SAVE_AS = "Save it from Excel as an Excel workbook (.xlsx) or as 'CSV UTF-8'."

# What other files start with, to say what a file is when it is not a table we read.
_SIGNATURES = [
    (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        "an Excel 97-2003 workbook (.xls) or a workbook with a password",
    ),
    (b"%PDF", "a PDF document"),
    (b"{\\rtf", "a Rich Text document"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
]
_TEXT_ENCODINGS = "UTF-8, UTF-16 or Windows-1252"


@dataclass
class Grid:
    """A table's cells as text, row by row, numbered as a spreadsheet numbers them."""

    rows: list[tuple[int, list[str]]] = field(default_factory=list)
    source: str = ""  # what was read: "CSV, UTF-8" or "Excel workbook, sheet 'Savings'"


def read_path(path: str | Path, *, sheet: str | None = None, limits: Limits | None = None) -> Grid:
    """The grid of a file on disk; its size is checked before it is read."""
    limits = limits or Limits.from_settings()
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as error:
        raise TableRefused(f"{path.name}: the file cannot be opened ({error.strerror}).") from error
    _check_size(path.name, size, limits)
    return read_bytes(path.read_bytes(), filename=path.name, sheet=sheet, limits=limits)


def read_bytes(
    data: bytes, *, filename: str = "", sheet: str | None = None, limits: Limits | None = None
) -> Grid:
    """The grid of a CSV or XLSX file's bytes (told apart by their content, not their name)."""
    limits = limits or Limits.from_settings()
    name = Path(filename).name or "The file"
    _check_size(name, len(data), limits)
    if not data.strip():
        raise TableRefused(f"{name} is empty.")
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _read_xlsx(data, name, sheet, limits)
    for signature, what in _SIGNATURES:
        if data.startswith(signature):
            raise TableRefused(f"{name} is {what}, not a table Sightline reads. {SAVE_AS}")
    if Path(filename).suffix.lower() in {".xlsx", ".xlsm"}:
        raise TableRefused(f"{name} is named as an Excel workbook but is not one. {SAVE_AS}")
    head = data[:512].lstrip().lower()
    if head.startswith((b"<html", b"<!doctype", b"<table", b"<?xml")):
        raise TableRefused(f"{name} is a web page or XML, not a table Sightline reads. {SAVE_AS}")
    if sheet:
        raise TableRefused(f"{name} is a CSV file: it has no sheets, so do not name one.")
    return _read_csv(data, name, limits)


def _check_size(name: str, size: int, limits: Limits) -> None:
    if size > limits.max_bytes:
        raise TableRefused(
            f"{name} is {size_words(size)}: a file may be at most "
            f"{size_words(limits.max_bytes)}. Import it in parts, or remove other sheets."
        )


# --- CSV ------------------------------------------------------------------------------------


def _decode(data: bytes, name: str) -> tuple[str, str]:
    """The text of a CSV file and the encoding it was read in."""
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        raise TableRefused(
            f"{name} is in UTF-32, which Sightline does not read: use {_TEXT_ENCODINGS}. {SAVE_AS}"
        )
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8", "UTF-8", name), "UTF-8"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16", "UTF-16", name), "UTF-16"
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    return _strict(data, "cp1252", "Windows-1252", name), "Windows-1252"


def _strict(data: bytes, codec: str, label: str, name: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as error:
        row = data[: error.start].count(b"\n") + 1
        byte = data[error.start : error.start + 1].hex().upper()
        raise TableRefused(
            f"Row {row}: {name} cannot be read as {label} (byte 0x{byte}). Sightline reads CSV "
            f"in {_TEXT_ENCODINGS}. {SAVE_AS}"
        ) from error


def _delimiter(text: str) -> str:
    """Comma, unless most of the first lines are split by semicolons or tabs instead."""
    lines = [line for line in text.splitlines()[:30] if line.strip()]
    counts = {d: sum(1 for line in lines if d in line) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: (counts[d], d == ","))
    return best if counts[best] else ","


def _read_csv(data: bytes, name: str, limits: Limits) -> Grid:
    text, encoding = _decode(data, name)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    grid = Grid(source=f"CSV, {encoding}")
    number = 0
    try:
        for number, row in enumerate(reader, start=1):  # noqa: B007
            grid.rows.append((number, _checked(number, row, limits)))
    except csv.Error as error:
        raise TableRefused(f"Row {number + 1}: {name} cannot be read as CSV ({error}).") from error
    return grid


def _checked(number: int, cells: list[str], limits: Limits) -> list[str]:
    """A row's cells, after the limits: rows, columns, cell length and NUL bytes."""
    if number > limits.max_rows:
        raise TableRefused(
            f"Row {number:,}: the table has more than {limits.max_rows:,} rows. Import it in parts."
        )
    while cells and not (cells[-1] or "").strip():
        cells = cells[:-1]
    if len(cells) > limits.max_columns:
        raise TableRefused(
            f"Row {number}, column {column_letter(len(cells) - 1)}: the table has more than "
            f"{limits.max_columns} columns."
        )
    for index, cell in enumerate(cells):
        if len(cell) > limits.max_cell:
            raise TableRefused(
                f"Row {number}, column {column_letter(index)}: a cell of {len(cell):,} "
                f"characters; a cell may hold at most {limits.max_cell:,}."
            )
        if "\x00" in cell:
            raise TableRefused(
                f"Row {number}, column {column_letter(index)}: the cell holds a NUL byte, so "
                f"this is not a text table. {SAVE_AS}"
            )
    return [cell.strip() for cell in cells]


# --- XLSX -----------------------------------------------------------------------------------


def _check_zip(data: bytes, name: str, limits: Limits) -> None:
    """Refuse a workbook that would unpack too far, from its directory alone: nothing is
    unpacked to find out (Python's zipfile then stops each part at its declared size)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        parts = archive.infolist()
    # NotImplementedError: a part that declares a zip version Python cannot read (6.4).
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        OSError,
        ValueError,
        EOFError,
        NotImplementedError,
    ) as error:
        raise TableRefused(
            f"{name} is not a readable Excel workbook ({error}). {SAVE_AS}"
        ) from error
    if len(parts) > limits.max_parts:
        raise TableRefused(f"{name} holds {len(parts):,} parts: not an ordinary workbook.")
    names = {part.filename for part in parts}
    if "xl/workbook.xml" not in names:
        what = "a Word document" if "word/document.xml" in names else "a zip archive"
        if "mimetype" in names and "content.xml" in names:
            what = "an OpenDocument file (.ods)"
        raise TableRefused(f"{name} is {what}, not an Excel workbook. {SAVE_AS}")
    unpacked = sum(part.file_size for part in parts)
    if unpacked > limits.max_unpacked_bytes:
        raise TableRefused(
            f"{name} would unpack to {size_words(unpacked)}: a workbook may unpack to at most "
            f"{size_words(limits.max_unpacked_bytes)}."
        )
    for part in parts:
        if part.file_size > 1024 * 1024 and part.file_size > limits.max_ratio * max(
            part.compress_size, 1
        ):
            ratio = part.file_size // max(part.compress_size, 1)
            raise TableRefused(
                f"{name}: its part {part.filename[:80]} unpacks {ratio:,} "
                f"times over (at most {limits.max_ratio}): not an ordinary workbook."
            )


def _read_xlsx(data: bytes, name: str, sheet: str | None, limits: Limits) -> Grid:
    _check_zip(data, name, limits)
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl on a damaged file raises many kinds of error
        raise TableRefused(
            f"{name} cannot be read as an Excel workbook: it may be damaged "
            f"({type(error).__name__}). {SAVE_AS}"
        ) from error
    try:
        worksheet = _worksheet(book, name, sheet)
        grid = Grid(source=f"Excel workbook, sheet '{worksheet.title}'")
        _read_sheet(worksheet, grid, name, limits)
    finally:
        book.close()
    return grid


def _worksheet(book, name: str, sheet: str | None):
    if sheet:
        wanted = sheet.strip().casefold()
        for worksheet in book.worksheets:
            if worksheet.title.strip().casefold() == wanted:
                return worksheet
        titles = ", ".join(f"'{w.title}'" for w in book.worksheets) or "none"
        raise TableRefused(f"{name} has no sheet '{sheet}' (its sheets: {titles}).")
    if not book.worksheets:
        raise TableRefused(f"{name} has no worksheet.")
    return book.worksheets[0]


def _read_sheet(worksheet, grid: Grid, name: str, limits: Limits) -> None:
    number = 0
    try:
        worksheet.reset_dimensions()  # a sheet's own claim to its size is not trusted
        for number, row in enumerate(worksheet.iter_rows(), start=1):  # noqa: B007
            if len(row) > limits.max_columns and any(
                c.value not in (None, "") for c in row[limits.max_columns :]
            ):
                raise TableRefused(
                    f"Row {number}, column {column_letter(len(row) - 1)}: the table has more "
                    f"than {limits.max_columns} columns."
                )
            cells = [_text(c) for c in row[: limits.max_columns]]
            grid.rows.append((number, _checked(number, cells, limits)))
    except TableRefused:
        raise
    except Exception as error:  # a damaged sheet: openpyxl's parser raises many kinds
        raise TableRefused(
            f"Row {number + 1}: {name} cannot be read past this row: the workbook may be "
            f"damaged ({type(error).__name__}). {SAVE_AS}"
        ) from error


def _text(cell) -> str:
    """A spreadsheet cell as the text a person reads in it."""
    value = getattr(cell, "value", None)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        number = _number(value)
        if "%" in (getattr(cell, "number_format", "") or "") and number is not None:
            return format((number * 100).normalize(), "f") + "%"
        return format(number.normalize(), "f") if number is not None else str(value)
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value).strip()


def _number(value: int | float) -> Decimal | None:
    """An Excel number as Excel shows it: at most 15 significant digits, so a sum stored as
    4107.5669999999995 reads 4107.567."""
    if isinstance(value, int):
        return Decimal(value)
    try:
        number = Decimal(format(value, ".15g"))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None
