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
