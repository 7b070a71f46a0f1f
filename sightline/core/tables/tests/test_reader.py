"""Finding the table in a grid: the header row below titles, units from the header or the
title or the user, a column per year, brackets and dashes, and subtotal, total and heading
rows left out and named."""

import pytest

from sightline.core.fiscal import FinancialYear
from sightline.core.money import MoneyError
from sightline.core.tables import (
    AmountUnit,
    Field,
    Grid,
    Schema,
    TableRefused,
    is_nil,
    is_total_label,
    locate,
    parse_header,
    plain,
    plain_key,
    read_amount,
    read_bytes,
)

AMOUNT = ("", "saving", "savings", "amount")
SCHEMA_FIELDS = (
    Field("reference", "Reference", ("ref", "reference"), key=True),
    Field("title", "Title", ("title", "description")),
    Field("directorate", "Directorate", ("directorate",)),
    Field("amount", "Saving", AMOUNT, period_aliases=AMOUNT, numeric=True),
    Field("stage", "Stage", ("stage",), imported=False, reason="stages have gates."),
    Field("total", "Total", ("total",), imported=False, total=True, reason="added up."),
)
SCHEMA = Schema("test", SCHEMA_FIELDS)


def table_of(text: str, **options):
    return locate(read_bytes(text.encode()), SCHEMA, **options)


PUBLISHED = """Appendix B: Savings proposals (£'000)
,,,,
Ref,Directorate,Description,2026/27,2027/28,Total
A1,Adult Social Care,Care packages,"(1,200)",(800),"(2,000)"
A2,Adult Social Care,Day services,(350),–,(350)
,Adult Social Care total,,"(1,550)",(800),"(2,350)"
C1,Children’s Services,Agency staff,(900),nil,(900)
,,,(900),-,(900)
,Total,,"(2,450)",(800),"(3,250)"
"""


def test_the_header_row_is_found_below_the_titles():
    table = table_of(PUBLISHED)
    assert table.header_row == 3
    assert table.title == ["Appendix B: Savings proposals (£'000)"]
    assert [(c.letter, c.field and c.field.name, c.info.fy) for c in table.columns] == [
        ("A", "reference", None),
        ("B", "directorate", None),
        ("C", "title", None),
        ("D", "amount", FinancialYear(2026)),
        ("E", "amount", FinancialYear(2027)),
        ("F", "total", None),
    ]


def test_units_come_from_the_title_and_subtotals_and_totals_are_left_out_and_named():
    table = table_of(PUBLISHED)
    records = table.records()
    assert [r.row for r in records] == [4, 5, 7]
    amounts = [table.amount(c, text) for c, text in records[0].periods("amount")]
    assert amounts == [-120_000_000, -80_000_000]
    assert [table.amount(c, t) for c, t in records[1].periods("amount")] == [-35_000_000, None]
    notes = table.notes()
    assert notes[0] == ("Rows 6 ('Adult Social Care total') and 9 ('Total') are totals: left out.")
    assert notes[1] == "Row 8 is a subtotal (its amounts add up the rows above it): left out."
    assert "Column F ('Total') is not imported: added up." in notes
    assert table.unit_notes(table.period_columns("amount")) == [
        "Amounts in columns D and E are read in thousands of pounds (£'000), as the title "
        "above the table ('Appendix B: Savings proposals (£'000)') says."
    ]


def test_a_chosen_unit_wins_and_says_what_the_table_said():
    table = table_of(PUBLISHED, units=AmountUnit.POUNDS)
    assert table.unit_notes(table.period_columns("amount")) == [
        "Amounts in columns D and E are read in pounds (£), as you chose. The table itself says "
        "thousands of pounds (£'000)."
    ]


def test_a_table_without_units_says_it_read_pounds():
    table = table_of("Ref,Title,2026-27\nA1,One,20749\nA2,Two,1\n")
    assert table.unit_notes(table.period_columns("amount")) == [
        "Amounts in column C are read in pounds (£), as the table names no unit (if it is in "
        "£'000, choose thousands)."
    ]


@pytest.mark.parametrize(
    "header, fy, unit, label",
    [
        ("2026/27 (£)", 2026, AmountUnit.POUNDS, ""),
        ("2026-27", 2026, None, ""),
        ("Saving 26/27", 2026, None, "saving"),
        ("2026/27 £000", 2026, AmountUnit.THOUSANDS, ""),
        ("Savings\n2026/27\n£’000s", 2026, AmountUnit.THOUSANDS, "savings"),
        ("FY2026/2027 (£k)", 2026, AmountUnit.THOUSANDS, ""),
        ("2026/27 £m", 2026, AmountUnit.MILLIONS, ""),
    ],
)
def test_year_columns_are_recognised_however_they_are_headed(header, fy, unit, label):
    info = parse_header(header)
    assert (info.fy, info.unit, info.label, info.is_period) == (
        FinancialYear(fy),
        unit,
        label,
        True,
    )


def test_a_range_of_years_is_a_total_not_a_year():
    info = parse_header("Total 2026/27 to 2028/29")
    assert (info.is_period, info.label) == (False, "total")


def test_header_text_is_made_plain_before_it_is_matched():
    table = table_of("REF.\u00a0,  Description ,Directorate\nA1,One,Place\nA2,Two,Place\n")
    assert [c.field.name for c in table.columns] == ["reference", "title", "directorate"]


def test_headings_repeated_headers_and_unknown_columns_are_named():
    text = (
        "Ref,Title,2026/27,Lead officer\nAdult Social Care\nA1,One,5,Ann\n"
        "Ref,Title,2026/27,Lead officer\nA2,Two,7,Bob\n,,9,stray\n"
    )
    table = table_of(text)
    records = table.records()
    assert [(r.row, r.section) for r in records] == [
        (3, "Adult Social Care"),
        (5, "Adult Social Care"),
        (6, "Adult Social Care"),  # no reference, but 9 is not 5 + 7: a row, not a subtotal
    ]
    notes = table.notes()
    assert "Row 2 ('Adult Social Care') is a heading: left out." in notes
    assert "Row 4 ('Ref') is the header again: left out." in notes
    assert "Column D ('Lead officer') is not a column Sightline knows: not imported." in notes
    assert [s.row for s in table.skipped] == [2, 4]


def test_a_row_with_no_reference_that_adds_up_the_rows_since_the_last_subtotal_is_left_out():
    table = table_of(
        "Ref,Title,2026/27,2027/28\nA1,One,5,1\nA2,Two,7,-\n,,12,1\nB1,Three,3,3\n,,15,4\n"
    )
    assert [r.row for r in table.records()] == [2, 3, 5]
    assert [(s.row, s.why) for s in table.skipped] == [(4, "subtotal"), (6, "subtotal")]


def test_a_grand_total_after_subtotals_is_left_out():
    text = "Ref,Title,2026/27\nA1,One,5\n,,5\nB1,Two,7\n,,7\n,,12\n"
    table = table_of(text)
    assert [r.row for r in table.records()] == [2, 4]
    assert [s.row for s in table.skipped] == [3, 5, 6]


def test_a_row_with_a_reference_is_never_a_subtotal():
    table = table_of("Ref,Title,2026/27\nA1,One,5\nA2,Same again,5\n")
    assert [r.row for r in table.records()] == [2, 3]


@pytest.mark.parametrize(
    "label",
    [
        "Total",
        "TOTAL",
        "Sub-total",
        "Subtotal",
        "Directorate total",
        "Total savings",
        "Total for Place",
        "Grand total",
        "Place Total:"[:-1],
    ],
)
def test_total_labels(label):
    assert is_total_label(label)


@pytest.mark.parametrize("label", ["Total facilities management review", "Totally new", ""])
def test_titles_that_only_start_with_total_are_not_totals(label):
    assert not is_total_label(label)


def test_two_columns_for_one_year_are_refused():
    with pytest.raises(
        TableRefused, match="column C .* and column D .* are both Saving for 2026/27"
    ):
        table_of("Ref,Title,2026/27,Saving 26/27\nA1,One,1,2\n")


def test_a_second_column_of_the_same_field_is_named_and_left_out():
    table = table_of("Ref,Title,Description,2026/27\nA1,One,Longer,1\n")
    assert (
        "Column C ('Description') is another Title column (column B ('Title') is used): not "
        "imported." in table.notes()
    )


def test_no_header_row_is_refused_saying_what_is_needed():
    with pytest.raises(TableRefused, match="No header row found in the first 30 rows"):
        table_of("just,some\nwords,here\n")


def test_chosen_and_remembered_columns_are_read_and_said():
    text = "Ref,Lead,2026/27\nA1,One,5\n"
    table = table_of(text, remembered={"lead": "title"})
    assert table.column("title").letter == "B"
    assert "Column B ('Lead') is read as Title, as chosen at an earlier import." in table.notes()
    table = table_of(text, chosen={"lead": ""}, remembered={"lead": "title"})
    assert table.column("title") is None


@pytest.mark.parametrize(
    "text, unit, pence",
    [
        ("(553)", AmountUnit.THOUSANDS, -55_300_000),
        ("-553", AmountUnit.THOUSANDS, -55_300_000),
        ("−553", AmountUnit.THOUSANDS, -55_300_000),
        ("20,749", AmountUnit.THOUSANDS, 2_074_900_000),
        ("20,749", AmountUnit.POUNDS, 2_074_900),
        ("(£4,107,567)", AmountUnit.POUNDS, -410_756_700),
        ("1.25", AmountUnit.MILLIONS, 125_000_000),
        ("£24.5k", AmountUnit.POUNDS, 2_450_000),
        ("-", AmountUnit.THOUSANDS, None),
        ("–", AmountUnit.POUNDS, None),
        ("—", AmountUnit.POUNDS, None),
        ("nil", AmountUnit.POUNDS, None),
        ("NIL", AmountUnit.POUNDS, None),
        ("", AmountUnit.POUNDS, None),
    ],
)
def test_amounts_as_councils_print_them(text, unit, pence):
    assert read_amount(text, unit) == pence


def test_an_amount_with_a_suffix_in_a_millions_column_is_refused():
    with pytest.raises(MoneyError, match="in a £m column is ambiguous"):
        read_amount("1.5k", AmountUnit.MILLIONS)


def test_curly_quotes_dashes_and_non_breaking_spaces_match_their_plain_form():
    assert plain_key("Children’s\u00a0Services") == plain_key("children's services")
    assert plain("Sub\u2013total  \u201cA\u201d") == 'Sub-total "A"'
    assert is_nil("\u2013") and is_nil(" nil ") and not is_nil("0")


def test_a_grid_with_no_rows_has_no_header():
    with pytest.raises(TableRefused):
        locate(Grid(rows=[]), SCHEMA)
