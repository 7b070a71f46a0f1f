"""Reading a file into a grid: the common encodings, Excel workbooks, and every file that
could tire the server refused by name, with its row and column, before it is unpacked."""

import codecs
import datetime
import io
import re
import struct
import time
import tracemalloc
import zipfile

import pytest
from openpyxl import Workbook

from sightline.core.tables import Limits, TableRefused, read_bytes, read_path

TEXT = "Ref,Directorate,2026/27\nA1,Children’s Services,£1.5k\n"


def cells(grid):
    return [cells for _, cells in grid.rows]


def xlsx(rows, *, title="Savings", extra_sheets=(), formats=None) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    for (row, column), number_format in (formats or {}).items():
        sheet.cell(row, column).number_format = number_format
    for name, extra in extra_sheets:
        other = book.create_sheet(name)
        for row in extra:
            other.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# --- encodings ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data, encoding",
    [
        (TEXT.encode("utf-8"), "UTF-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "UTF-8"),
        (TEXT.encode("utf-16"), "UTF-16"),  # with its byte order mark, little-endian here
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "UTF-16"),
        (TEXT.encode("cp1252"), "Windows-1252"),
    ],
)
def test_it_reads_csv_in_each_common_encoding(data, encoding):
    grid = read_bytes(data, filename="savings.csv")
    assert cells(grid) == [
        ["Ref", "Directorate", "2026/27"],
        ["A1", "Children’s Services", "£1.5k"],
    ]
    assert grid.source == f"CSV, {encoding}"


def test_utf32_is_refused_by_name():
    with pytest.raises(TableRefused, match="savings.csv is in UTF-32"):
        read_bytes(TEXT.encode("utf-32"), filename="savings.csv")


def test_bytes_no_common_encoding_reads_are_refused_naming_the_row():
    data = b"Ref,Title\nA1,ok\n" + b"A2,\x81\xff\n"  # 0x81 is not in Windows-1252
    with pytest.raises(TableRefused) as refused:
        read_bytes(data, filename="savings.csv")
    assert refused.value.messages == [
        "Row 3: savings.csv cannot be read as Windows-1252 (byte 0x81). Sightline reads CSV in "
        "UTF-8, UTF-16 or Windows-1252. Save it from Excel as an Excel workbook (.xlsx) or as "
        "'CSV UTF-8'."
    ]


def test_semicolons_and_tabs_are_read_as_the_separator():
    assert cells(read_bytes(b"Ref;Title\nA1;One\n"))[1] == ["A1", "One"]
    assert cells(read_bytes(b"Ref\tTitle\nA1\tOne, two\n"))[1] == ["A1", "One, two"]


# --- what is refused, by row and column ----------------------------------------------------


def test_a_nul_byte_is_refused_naming_its_row_and_column():
    with pytest.raises(TableRefused, match=r"Row 2, column B: the cell holds a NUL byte"):
        read_bytes(b"Ref,Title\nA1,On\x00e\n", filename="x.csv")


def test_a_cell_over_the_limit_is_refused_naming_its_row_and_column():
    data = ("Ref,Title\nA1,ok\nA2," + "x" * 2_001 + "\n").encode()
    with pytest.raises(TableRefused) as refused:
        read_bytes(data)
    assert refused.value.messages == [
        "Row 3, column B: a cell of 2,001 characters; a cell may hold at most 2,000."
    ]


def test_a_cell_past_the_csv_modules_own_limit_is_refused_not_a_traceback():
    data = ('Ref,Title\nA1,"' + "x" * 200_000 + '"\n').encode()
    with pytest.raises(TableRefused, match="Row 2"):
        read_bytes(data)


def test_too_many_rows_or_columns_are_refused_naming_the_row():
    limits = Limits(max_rows=3, max_columns=4)
    with pytest.raises(TableRefused, match="Row 4: the table has more than 3 rows"):
        read_bytes(b"a,b\n1,2\n3,4\n5,6\n", limits=limits)
    with pytest.raises(TableRefused, match="Row 2, column E: the table has more than 4 columns"):
        read_bytes(b"a,b\n1,2,3,4,5\n", limits=limits)


def test_an_oversized_file_is_refused_before_it_is_read(tmp_path, settings):
    settings.SIGHTLINE_IMPORT_MAX_BYTES = 1_000
    path = tmp_path / "big.csv"
    path.write_bytes(b"Ref,Title\n" + b"A,B\n" * 500)
    with pytest.raises(TableRefused) as refused:
        read_path(path)
    assert refused.value.messages == [
        "big.csv is 2 KB: a file may be at most 1,000 bytes. Import it in parts, or remove other "
        "sheets."
    ]


@pytest.mark.parametrize(
    "data, what",
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "an Excel 97-2003 workbook (.xls)"),
        (b"%PDF-1.7\n...", "a PDF document"),
        (b"<html><table><tr><td>1</td></tr></table></html>", "a web page"),
        (b"", "empty"),
    ],
)
def test_files_that_are_not_tables_are_refused_by_what_they_are(data, what):
    with pytest.raises(TableRefused, match=re.escape(what)):
        read_bytes(data, filename="savings.csv")


def test_a_csv_named_xlsx_or_a_damaged_workbook_is_refused():
    with pytest.raises(TableRefused, match="named as an Excel workbook but is not one"):
        read_bytes(b"Ref,Title\n", filename="savings.xlsx")
    damaged = xlsx([["Ref", "Title"]])[:-200]
    with pytest.raises(TableRefused, match="not a readable Excel workbook"):
        read_bytes(damaged, filename="savings.xlsx")


def test_an_opendocument_spreadsheet_is_refused_by_name():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<x/>")
    with pytest.raises(TableRefused, match=r"an OpenDocument file \(.ods\)"):
        read_bytes(out.getvalue(), filename="savings.ods")


# --- zip bombs: refused from the directory, before anything is unpacked ---------------------


@pytest.fixture(scope="module")
def bomb() -> bytes:
    """A 1 MB workbook whose sheet unpacks to a gigabyte (today's import took 2.2 GB)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        real = xlsx([["Ref", "Title"]])
        with zipfile.ZipFile(io.BytesIO(real)) as source:
            for item in source.infolist():
                if item.filename != "xl/worksheets/sheet1.xml":
                    archive.writestr(item, source.read(item))
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            chunk = b" " * (16 * 1024 * 1024)
            for _ in range(64):
                sheet.write(chunk)
    return out.getvalue()


def test_a_zip_bomb_is_refused_quickly_with_little_memory(bomb):
    assert len(bomb) < 2 * 1024 * 1024
    tracemalloc.start()
    started = time.perf_counter()
    try:
        with pytest.raises(TableRefused) as refused:
            read_bytes(bomb, filename="bomb.xlsx")
        elapsed = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert refused.value.messages[0].startswith("bomb.xlsx would unpack to 1 GB")
    assert elapsed < 1.0
    assert peak < 20 * 1024 * 1024  # the file itself is 1 MB


def test_a_part_that_unpacks_too_far_is_refused_even_under_the_total(bomb):
    limits = Limits(max_unpacked_bytes=2 * 1024 * 1024 * 1024)
    with pytest.raises(TableRefused, match="xl/worksheets/sheet1.xml unpacks .* times over"):
        read_bytes(bomb, filename="bomb.xlsx", limits=limits)


def test_a_workbook_that_lies_about_its_size_is_stopped_at_the_size_it_gave():
    """A sheet that says it is small but unpacks to 50 MB: Python's zip reader stops at the
    size given, so the workbook reads as damaged, not as 50 MB in memory."""
    out = io.BytesIO()
    real = xlsx([["Ref", "Title"]])
    with (
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive,
        zipfile.ZipFile(io.BytesIO(real)) as source,
    ):
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"</sheetData>", b" " * 50_000_000 + b"</sheetData>")
            archive.writestr(item.filename, data)
    data = bytearray(out.getvalue())
    # Patch every central-directory entry for the sheet to claim 1,000 bytes unpacked.
    position = 0
    while (position := data.find(b"PK\x01\x02", position)) != -1:
        name_length = struct.unpack_from("<H", data, position + 28)[0]
        name = bytes(data[position + 46 : position + 46 + name_length])
        if name == b"xl/worksheets/sheet1.xml":
            struct.pack_into("<I", data, position + 24, 1_000)
        position += 4
    tracemalloc.start()
    try:
        with pytest.raises(TableRefused, match="damaged"):
            read_bytes(bytes(data), filename="liar.xlsx")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 30 * 1024 * 1024


# --- workbooks ---------------------------------------------------------------------------------


def test_a_workbook_is_read_as_excel_shows_it():
    data = xlsx(
        [
            ["Savings £'000"],
            ["Ref", "Saving", "Recurring", "Start", "Collected"],
            ["A1", 4107.5669999999995, True, datetime.datetime(2026, 4, 1), 0.281],
            ["A2", -553, False, None, 1],
        ],
        formats={(3, 5): "0.0%"},
    )
    grid = read_bytes(data, filename="savings.xlsx")
    assert grid.source == "Excel workbook, sheet 'Savings'"
    assert cells(grid) == [
        ["Savings £'000"],
        ["Ref", "Saving", "Recurring", "Start", "Collected"],
        ["A1", "4107.567", "yes", "2026-04-01", "28.1%"],
        ["A2", "-553", "no", "", "1"],
    ]


def test_a_named_sheet_is_read_and_a_missing_one_names_the_sheets():
    data = xlsx([["Notes"]], title="Cover", extra_sheets=[("Savings", [["Ref", "Title"]])])
    assert cells(read_bytes(data, filename="p.xlsx", sheet="savings")) == [["Ref", "Title"]]
    with pytest.raises(
        TableRefused, match="has no sheet 'Risks' \\(its sheets: 'Cover', 'Savings'\\)"
    ):
        read_bytes(data, filename="p.xlsx", sheet="Risks")


def test_a_cell_far_to_the_right_is_refused_naming_its_column():
    book = Workbook()
    book.active["A1"], book.active["A2"] = "Ref", "A1"
    book.active.cell(2, 300).value = "stray"
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(TableRefused, match="Row 2, column KN: the table has more than 200 columns"):
        read_bytes(out.getvalue(), filename="wide.xlsx")
