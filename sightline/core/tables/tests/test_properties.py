"""Whatever a file holds, reading it ends in a table or in the import's own refusal
(:class:`TableRefused`), never in anything else; a cell that is not an amount says so
(:class:`MoneyError`, reported by row and column)."""

import contextlib
import csv
import io
from decimal import Decimal

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from sightline.core.money import MoneyError
from sightline.core.tables import (
    AmountUnit,
    Limits,
    TableRefused,
    locate,
    parse_header,
    read_amount,
    read_bytes,
)
from sightline.core.tables.tests.test_reader import SCHEMA

SMALL = Limits(max_rows=200, max_columns=30, max_cell=300, max_bytes=200_000)
WORDS = [
    "Ref",
    "Title",
    "Description",
    "Directorate",
    "2026/27",
    "Saving 26/27 £000",
    "(£k)",
    "Total",
    "Sub-total",
    "Stage",
    "£'000",
    "2026-27 (£)",
    "Q1 2026/27",
    "Children’s Services",
    "(553)",
    "-",
    "–",
    "nil",
    "1,234.5",
    "£1.2m",
    "12e3",
    "((1))",
    "£",
    "",
    " ",
    "\u00a0",
    "=SUM(A1:A3)",
    "'",
    '"',
]
cell = st.one_of(st.sampled_from(WORDS), st.text(max_size=20))
row = st.lists(cell, max_size=8)
grids = st.lists(row, max_size=25)


def as_csv(rows) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode("utf-8", "surrogatepass")


def _read(data: bytes, name: str = "t.csv"):
    try:
        grid = read_bytes(data, filename=name, limits=SMALL)
        table = locate(grid, SCHEMA, limits=SMALL)
    except TableRefused:
        return
    for record in table.records():
        for column, text in record.periods("amount"):
            with contextlib.suppress(MoneyError):
                table.amount(column, text)
    table.notes()
    table.unit_notes(table.columns)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=3000))
@example(b"\xff\xfe\x00\x00")
@example(b"PK\x03\x04garbage")
@example(b"Ref,Title\n\x00")
@example(b"\xef\xbb\xbf")
def test_any_bytes_read_into_a_table_or_are_refused(data):
    _read(data)
    _read(data, name="t.xlsx")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(grids)
def test_any_table_of_text_reads_or_is_refused(rows):
    try:
        data = as_csv(rows)
    except UnicodeEncodeError:
        return
    _read(data)


@st.composite
def workbooks(draw) -> bytes:
    book = Workbook()
    sheet = book.active
    for values in draw(
        st.lists(st.lists(st.one_of(cell, st.integers(), st.floats()), max_size=6), max_size=12)
    ):
        try:
            sheet.append(values)
        except Exception:  # openpyxl refuses control characters in a cell: so does Excel
            return b""
    out = io.BytesIO()
    book.save(out)
    data = bytearray(out.getvalue())
    # The saved workbook's length varies with its timestamp: draw positions independently of
    # it, so the same example draws the same data every run.
    for position, value in draw(
        st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), max_size=3)
    ):
        data[position % len(data)] = value  # damage it here and there
    return bytes(data)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(workbooks())
def test_any_workbook_damaged_or_not_reads_or_is_refused(data):
    _read(data, name="t.xlsx")


@given(st.text(max_size=40), st.sampled_from(list(AmountUnit)))
def test_an_amount_is_read_or_refused_with_its_reason(text, unit):
    try:
        pence = read_amount(text, unit)
    except MoneyError:
        return
    assert pence is None or isinstance(pence, int)


@given(st.text(max_size=60))
def test_any_header_can_be_read(text):
    info = parse_header(text)
    assert info.is_period == (info.fy is not None and info.fy_last is None)


@given(
    st.integers(min_value=0, max_value=10**12),
    st.integers(min_value=0, max_value=6),
    st.booleans(),
    st.sampled_from(["", "(", "-"]),
    st.booleans(),
    st.sampled_from(list(AmountUnit)),
)
def test_the_quick_reading_of_a_plain_number_is_the_parsers(
    whole, places, commas, sign, pound, unit
):
    """A plain number is read without the full parser; it must read as the parser does."""
    from sightline.core.money import Unit, parse_money
    from sightline.core.tables.amounts import _quick

    digits = f"{whole:,}" if commas else str(whole)
    text = digits + (("." + "5" * places) if places else "")
    text = ("£" if pound else "") + text
    text = f"({text})" if sign == "(" else sign + text
    quick = _quick(text, unit)
    if quick is None:
        return
    if unit is AmountUnit.MILLIONS:  # millions of pounds: exactly, to the penny
        number = Decimal(text.strip("()-£").replace(",", "")) * 100_000_000
        expected = -int(number) if sign else int(number)
    else:
        expected = parse_money(text, unit=Unit(unit.value))
    assert quick == expected


def test_a_workbook_declaring_a_zip_version_python_cannot_read_is_refused():
    """Found by the test above: a part declaring zip version 6.4 made ``zipfile`` raise
    NotImplementedError, which reached the user as a server error."""
    book = Workbook()
    book.active.append(["Ref", "Title"])
    out = io.BytesIO()
    book.save(out)
    data = bytearray(out.getvalue())
    at = data.find(b"PK\x01\x02")  # the first central directory entry
    data[at + 6 : at + 8] = (64).to_bytes(2, "little")  # version needed to extract: 6.4
    try:
        read_bytes(bytes(data), filename="savings.xlsx", limits=SMALL)
    except TableRefused as refused:
        assert "savings.xlsx is not a readable Excel workbook" in str(refused)
    else:  # pragma: no cover - the damage must be refused
        raise AssertionError("the damaged workbook was read")
