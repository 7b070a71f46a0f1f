"""Finding a table in a grid: its header row (titles above it are common), what each column
holds, the units of its amounts, and its rows, with subtotal and total rows, headings and
repeated headers left out and named.

What a column may hold is the importer's :class:`Schema`: its fields, each with the header
words councils use for it. The reader knows nothing of savings or risks.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from sightline.core.money import MoneyError
from sightline.core.tables.amounts import AmountUnit, read_amount
from sightline.core.tables.errors import TableRefused
from sightline.core.tables.files import Grid
from sightline.core.tables.headers import HeaderInfo, clean_label, find_unit, parse_header
from sightline.core.tables.limits import Limits
from sightline.core.tables.text import column_letter, is_nil, listed, plain, plain_key, quoted

LEAVE_OUT = ""  # a chosen mapping that leaves a column out


@dataclass(frozen=True)
class Field:
    """Something a column may hold, and the header words that name it."""

    name: str
    label: str  # for templates, choices and messages: "Reference"
    aliases: tuple[str, ...] = ()  # header words; "" matches a header that only gives a unit
    period_aliases: tuple[str, ...] = ()  # its columns per year or quarter ("" = a bare year)
    numeric: bool = False  # an amount: subtotal rows are found by summing these
    key: bool = False  # identifies a row: a subtotal or total row has none
    imported: bool = True
    reason: str = ""  # why it is read but not imported
    total: bool = False  # a total across the year columns (never summed for subtotals)

    def __post_init__(self) -> None:
        object.__setattr__(self, "aliases", tuple(clean_label(a) for a in self.aliases))
        object.__setattr__(
            self, "period_aliases", tuple(clean_label(a) for a in self.period_aliases)
        )


@dataclass(frozen=True)
class Schema:
    """The fields of one kind of table (a savings tracker, a risk register)."""

    kind: str
    fields: tuple[Field, ...]

    def get(self, name: str) -> Field | None:
        return next((f for f in self.fields if f.name == name), None)

    def match(self, info: HeaderInfo) -> Field | None:
        if info.is_period:
            return next((f for f in self.fields if info.label in f.period_aliases), None)
        if not info.label and not info.unit:
            return None
        return next((f for f in self.fields if info.label in f.aliases), None)

    def choices(self, info: HeaderInfo) -> list[Field]:
        """The fields a user may choose for a column the reader could not place."""
        return [
            f
            for f in self.fields
            if f.imported and not f.total and (bool(f.period_aliases) == info.is_period)
        ]


@dataclass
class Column:
    index: int
    info: HeaderInfo
    field: Field | None = None
    how: str = ""  # "header", "chosen" (this import) or "remembered" (an earlier one)

    @property
    def letter(self) -> str:
        return column_letter(self.index)

    @property
    def header(self) -> str:
        return plain(self.info.text)

    @property
    def used(self) -> bool:
        return self.field is not None and self.field.imported and not self.field.total

    def named(self) -> str:
        return f"column {self.letter} ({quoted(self.header)})"


@dataclass
class Record:
    """A row of the table proper (not a heading or a subtotal)."""

    row: int
    cells: list[str]
    section: str  # the heading above it, if any ("Adult Social Care")
    table: Table = field(repr=False)
    read: dict[int, int | None | MoneyError] = field(default_factory=dict, repr=False)

    def amount(self, column: Column) -> int | None:
        """The amount in pence of one of the row's cells (None for nil), read once; raises
        :class:`MoneyError` saying why a cell is not an amount."""
        if column.index not in self.read:
            try:
                self.read[column.index] = self.table.amount(column, self.cell(column))
            except MoneyError as error:
                self.read[column.index] = error
        found = self.read[column.index]
        if isinstance(found, MoneyError):
            raise found
        return found

    def text(self, name: str) -> str:
        column = self.table.column(name)
        return self.cell(column) if column else ""

    def cell(self, column: Column) -> str:
        """The cell's text as written (curly quotes and all), without spaces at the ends."""
        return self.cells[column.index].strip() if column.index < len(self.cells) else ""

    def periods(self, name: str) -> list[tuple[Column, str]]:
        return [(c, self.cell(c)) for c in self.table.period_columns(name)]


@dataclass
class Skipped:
    row: int
    label: str
    why: str  # "total", "subtotal", "heading", "repeated header"


@dataclass
class Table:
    schema: Schema
    header_row: int
    title: list[str]
    columns: list[Column]
    rows: list[tuple[int, list[str]]]
    units: AmountUnit | None = None  # chosen by the user
    unit: AmountUnit | None = None  # the table's own, from its title or a header cell
    unit_where: str = ""
    skipped: list[Skipped] = field(default_factory=list)
    unnamed: dict[int, int] = field(default_factory=dict)  # column -> rows with a value
    on_progress: Callable[[int, int], None] | None = None  # (rows read, rows), every tenth

    def column(self, name: str) -> Column | None:
        return self._by_name()[0].get(name)

    def period_columns(self, name: str) -> list[Column]:
        return self._by_name()[1].get(name, [])

    def _by_name(self) -> tuple[dict[str, Column], dict[str, list[Column]]]:
        """The columns by field name (asked for every cell of every row, so kept)."""
        if getattr(self, "_index", None) is None:
            single: dict[str, Column] = {}
            periods: dict[str, list[Column]] = defaultdict(list)
            for c in self.columns:
                if c.field and c.info.is_period:
                    periods[c.field.name].append(c)
                elif c.field:
                    single.setdefault(c.field.name, c)
            self._index = (single, dict(periods))
        return self._index

    def unit_of(self, column: Column) -> tuple[AmountUnit, str]:
        """The unit a column's amounts are read in, and where it comes from: "chosen",
        "header" (its own), "table" (the title or a header cell) or "none"."""
        if self.units:
            return self.units, "chosen"
        if column.info.unit:
            return column.info.unit, "header"
        if self.unit:
            return self.unit, "table"
        return AmountUnit.POUNDS, "none"

    def amount(self, column: Column, text: str) -> int | None:
        """A cell of an amount column in pence (None for nil); raises MoneyError."""
        return read_amount(text, self.unit_of(column)[0])

    def records(self) -> list[Record]:
        return _Rows(self).read()

    # --- what the preview says about the table -------------------------------------------

    def unit_notes(self, columns: list[Column]) -> list[str]:
        """How the amounts of ``columns`` were read, one line per unit and reason."""
        groups: dict[tuple[AmountUnit, str], list[str]] = defaultdict(list)
        for column in columns:
            groups[self.unit_of(column)].append(column.letter)
        notes = []
        for (unit, source), letters in groups.items():
            many = len(letters) > 1
            where = f"columns {listed(letters)}" if many else f"column {letters[0]}"
            why = {
                "chosen": "as you chose",
                "header": f"as {'their headers say' if many else 'its header says'}",
                "table": f"as {self.unit_where} says",
                "none": "as the table names no unit (if it is in £'000, choose thousands)",
            }[source]
            note = f"Amounts in {where} are read in {unit.words}, {why}."
            said = ({c.info.unit for c in columns} | {self.unit}) - {None, unit}
            if source == "chosen" and said:
                note += f" The table itself says {listed([u.words for u in said])}."
            notes.append(note)
        return notes

    def notes(self) -> list[str]:
        """Rows left out and columns not used, each named."""
        notes = []
        what = {
            "total": ("a total", "totals"),
            "subtotal": (
                "a subtotal (its amounts add up the rows above it)",
                "subtotals (their amounts add up the rows above them)",
            ),
            "heading": ("a heading", "headings"),
            "repeated header": ("the header again", "the header again"),
        }
        for why, (one, many) in what.items():
            rows = [s for s in self.skipped if s.why == why]
            if rows:
                named = listed(
                    [f"{s.row} ({quoted(s.label, 40)})" if s.label else str(s.row) for s in rows],
                    limit=12,
                )
                verb = f"s {named} are {many}" if len(rows) > 1 else f" {named} is {one}"
                notes.append(f"Row{verb}: left out.")
        for column in self.columns:
            named = column.named()
            named = named[:1].upper() + named[1:]
            if column.how in {"chosen", "remembered"} and column.field:
                when = "for this import" if column.how == "chosen" else "at an earlier import"
                notes.append(f"{named} is read as {column.field.label}, as chosen {when}.")
            if column.field and not column.field.imported:
                notes.append(f"{named} is not imported: {column.field.reason}")
            elif column.how.startswith("another"):
                notes.append(f"{named} is {column.how}: not imported.")
            elif column.field is None and column.how != "chosen":
                notes.append(f"{named} is not a column Sightline knows: not imported.")
        for index, count in sorted(self.unnamed.items()):
            notes.append(
                f"Column {column_letter(index)} has values in {count:,} row"
                f"{'s' if count > 1 else ''} but no header: not imported."
            )
        return notes

    def unplaced(self) -> list[Column]:
        """Columns the reader could not place, which the user may map."""
        return [c for c in self.columns if c.field is None or c.how in {"chosen", "remembered"}]


# --- finding the header row -------------------------------------------------------------------


def locate(
    grid: Grid,
    schema: Schema,
    *,
    chosen: dict[str, str] | None = None,
    remembered: dict[str, str] | None = None,
    units: AmountUnit | None = None,
    limits: Limits | None = None,
) -> Table:
    """The table in ``grid``: its header row is the first of the top rows that names the
    most of ``schema``'s columns. ``chosen`` and ``remembered`` map a header (its
    :attr:`HeaderInfo.key`) to a field name, or to ``""`` to leave the column out."""
    limits = limits or Limits()
    mapping = {**(remembered or {}), **(chosen or {})}
    best, best_score = None, 0
    for position, (number, cells) in enumerate(grid.rows[: limits.header_rows]):
        infos = [parse_header(c) for c in cells]
        score = sum(1 for i in infos if i.text and (i.key in mapping or schema.match(i)))
        if score > best_score:
            best, best_score = (position, number, infos), score
    if best is None or best_score < 2:
        names = listed([f.label for f in schema.fields if f.imported][:8])
        raise TableRefused(
            f"No header row found in the first {limits.header_rows} rows: a row naming the "
            f"columns, such as {names}, is needed."
        )
    position, number, infos = best
    columns = _columns(infos, schema, chosen or {}, remembered or {})
    title = [plain(" ".join(c for c in cells if c)) for _, cells in grid.rows[:position]]
    table = Table(
        schema=schema,
        header_row=number,
        title=[t for t in title if t],
        columns=columns,
        rows=grid.rows[position + 1 :],
        units=units,
    )
    _table_unit(table, infos)
    return table


def _columns(infos, schema: Schema, chosen: dict, remembered: dict) -> list[Column]:
    columns: list[Column] = []
    taken: dict[tuple, Column] = {}
    for index, info in enumerate(infos):
        if not info.text:
            continue
        column = Column(index, info)
        for how, mapping in (("chosen", chosen), ("remembered", remembered)):
            if info.key in mapping and not column.how:
                column.field, column.how = schema.get(mapping[info.key]), how
        if not column.how:
            column.field = schema.match(info)
            column.how = "header" if column.field else ""
        if column.field is not None:
            slot = (
                (column.field.name, info.fy, info.quarter)
                if info.is_period
                else (column.field.name,)
            )
            if slot in taken and column.field.imported:
                if info.is_period:
                    _clash(taken[slot], column)
                column.how = f"another {column.field.label} column ({taken[slot].named()} is used)"
                column.field = None
            else:
                taken[slot] = column
        columns.append(column)
    return columns


def _clash(first: Column, second: Column) -> None:
    period = ""
    if second.info.is_period:
        quarter = f" Q{second.info.quarter}" if second.info.quarter else ""
        period = f" for {second.info.fy}{quarter}"
    raise TableRefused(
        f"Row 1 of the table: {first.named()} and {second.named()} are both "
        f"{second.field.label}{period}: leave one out."
    )


def _table_unit(table: Table, infos: list[HeaderInfo]) -> None:
    for line in table.title:
        unit = find_unit(line)
        if unit:
            table.unit, table.unit_where = unit, f"the title above the table ({quoted(line, 120)})"
            return
    for index, info in enumerate(infos):
        if info.unit and not info.is_period and not info.label:
            table.unit = info.unit
            table.unit_where = f"the header of column {column_letter(index)}"
            return


# --- reading the rows -------------------------------------------------------------------------

_TOTAL = re.compile(
    r"^(?:grand |sub ?|net |overall )?totals?(?:$|\s*[:(£]|\s+(?:savings?|for|of|proposed)\b)"
    r"|\b(?:sub ?)?totals?$",
)


def is_total_label(text: str, *, key: str | None = None) -> bool:
    """A total's label: "Total", "Sub-total", "Directorate total", "Total savings", "Total
    for Place". (``key``: the text already made plain and case-folded.)"""
    return bool(_TOTAL.search((plain_key(text) if key is None else key).replace("-", " ")))


class _Rows:
    """Reads a table's rows, leaving out and naming subtotals, totals and headings."""

    def __init__(self, table: Table) -> None:
        self.table = table
        self.numeric = [c for c in table.columns if c.used and c.field.numeric]
        self.numeric_indexes = {c.index for c in self.numeric}
        self.key = next((c for c in table.columns if c.field and c.field.key), None)
        self.header_keys = {c.index: c.info.key for c in table.columns}
        self.since: dict[int, int] = defaultdict(int)
        self.all: dict[int, int] = defaultdict(int)
        self.details_since = 0
        self.section = ""

    def read(self) -> list[Record]:
        table = self.table
        table.skipped, table.unnamed = [], defaultdict(int)
        named = {c.index for c in table.columns}
        records = []
        total, step = len(table.rows), max(len(table.rows) // 10, 1)
        for done, (number, cells) in enumerate(table.rows, start=1):
            if table.on_progress and (done % step == 0 or done == total):
                table.on_progress(done, total)
            filled = [i for i, text in enumerate(cells) if text.strip()]
            if not filled:
                continue
            for index in filled:
                if index not in named:
                    table.unnamed[index] += 1
            record = self.classify(number, cells, filled)
            if record is not None:
                records.append(record)
        table.unnamed = dict(table.unnamed)
        return records

    def classify(self, number: int, cells: list[str], filled: list[int]) -> Record | None:
        texts = {i: plain(cells[i]) for i in filled}
        keys = {i: t.casefold() for i, t in texts.items()}
        if self.is_repeated_header(keys):
            return self.skip(number, texts, "repeated header")
        read: dict[int, int | None | MoneyError] = {}
        amounts = self.amounts(cells, read)
        key = keys.get(self.key.index, "") if self.key else ""
        labels = [t for i, t in texts.items() if i not in self.numeric_indexes]
        totals = [is_total_label("", key=keys[i]) for i in texts if i not in self.numeric_indexes]
        if any(totals) and (not key or is_total_label("", key=key)):
            self.reset()
            return self.skip(number, texts, "total")
        if not key and self.adds_up(amounts, labels):
            self.reset()
            return self.skip(number, texts, "subtotal")
        if len(filled) == 1 and not amounts:
            self.section = texts[filled[0]]
            return self.skip(number, texts, "heading")
        for index, pence in amounts.items():
            self.since[index] += pence or 0
            self.all[index] += pence or 0
        self.details_since += 1
        return Record(number, cells, self.section, self.table, read)

    def amounts(self, cells: list[str], read: dict) -> dict[int, int | None]:
        """The row's amounts by column (None: unreadable), leaving out nil cells; each cell
        as read (or why not) in ``read``."""
        found = {}
        for column in self.numeric:
            text = cells[column.index] if column.index < len(cells) else ""
            if is_nil(text):
                read[column.index] = None
                continue
            try:
                found[column.index] = read[column.index] = self.table.amount(column, text)
            except MoneyError as error:
                found[column.index], read[column.index] = None, error
        return found

    def adds_up(self, amounts: dict[int, int | None], labels: list[str]) -> bool:
        """The row's amounts are the sum of the rows since the last subtotal (or of every
        row: a grand total), and it has no reference (nor, when the table has no reference
        column, any words of its own but a heading's)."""
        if not amounts or None in amounts.values() or not any(amounts.values()):
            return False
        if self.key is None and any(plain_key(t) != plain_key(self.section) for t in labels):
            return False
        columns = [c.index for c in self.numeric]
        row = {i: amounts.get(i) or 0 for i in columns}
        since = self.details_since and row == {i: self.since[i] for i in columns}
        return bool(since or row == {i: self.all[i] for i in columns})

    def is_repeated_header(self, keys: dict[int, str]) -> bool:
        same = [i for i, k in keys.items() if self.header_keys.get(i) == k]
        return len(same) >= max(2, len(self.header_keys) // 2)

    def reset(self) -> None:
        self.since = defaultdict(int)
        self.details_since = 0

    def skip(self, number: int, texts: dict[int, str], why: str) -> None:
        words = [t for t in texts.values() if any(ch.isalpha() for ch in t)]
        self.table.skipped.append(Skipped(number, words[0] if words else "", why))
        return None
