"""Writing what people typed into files that spreadsheets open."""

from __future__ import annotations

# A cell a spreadsheet reads as a formula (or a command) when it starts with one of these.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# Excel on Windows reads a CSV as UTF-8 only when it starts with a byte-order mark; without
# it "£" shows as "Â£".
UTF8_BOM = "\ufeff"


def spreadsheet_text(value: object) -> str:
    """Text from a user made inert for a spreadsheet: a cell beginning ``=``, ``+``, ``-``,
    ``@``, a tab or a carriage return is written with a leading apostrophe, which spreadsheets
    show as plain text and never run (OWASP's advice against formula injection)."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def is_formula_like(value: object) -> bool:
    """Whether a spreadsheet would read ``value`` (text) as a formula or a command."""
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def csv_row(values) -> list:
    """A row for ``csv.writer``: every piece of text made inert (:func:`spreadsheet_text`);
    numbers, dates and None are written as they are."""
    return [spreadsheet_text(v) if isinstance(v, str) else v for v in values]


def xlsx_inert(cell) -> None:
    """Make an openpyxl cell holding text that starts like a formula plain text: a string
    cell (``data_type`` "s", which Excel and LibreOffice never evaluate) with the quote-prefix
    style, so it stays text even when someone edits it in Excel. The text is kept as typed."""
    if is_formula_like(cell.value):
        text = cell.value
        cell.value = text
        cell.data_type = "s"
        cell.quotePrefix = True


def xlsx_append(sheet, values) -> None:
    """``sheet.append(values)`` with every piece of text inert (:func:`xlsx_inert`). Every
    row the product writes from what people typed goes through here; only the product's own
    formulas (a summary's SUMIFS) are written as formulas, cell by cell."""
    sheet.append(list(values))
    for cell in sheet[sheet.max_row]:
        xlsx_inert(cell)


def xlsx_set(sheet, coordinate: str, value) -> None:
    """Set one cell to ``value``, inert if it is text that starts like a formula."""
    cell = sheet[coordinate]
    cell.value = value
    xlsx_inert(cell)
