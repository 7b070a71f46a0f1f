"""Importing savings tables as councils publish them: a column per year in £'000 with
brackets and directorate subtotals, a pounds table with minus signs, a table with no
references, and the tracker's own export, each read as the council meant, said in the
preview, and saved through the bulk service's rules."""

from pathlib import Path

import pytest
from django.test import Client

from sightline.accounts.models import Directorate, ServiceArea
from sightline.accounts.tests.factories import DirectorateFactory
from sightline.core.fiscal import FinancialYear
from sightline.core.tables import (
    SAVINGS_NEGATIVE,
    SAVINGS_POSITIVE,
    AmountUnit,
    ImportOptions,
    locate,
    read_bytes,
    read_path,
)
from sightline.savings import selectors, services
from sightline.savings.imports import TRACKER_IMPORTER
from sightline.savings.models import Proposal, SavingLine
from sightline.savings.tests.factories import (
    BudgetCodeFactory,
    BundleFactory,
    ProposalFactory,
    SavingLineFactory,
)

FIXTURES = Path(__file__).parent / "fixtures"
FY26, FY27, FY28 = FinancialYear(2026), FinancialYear(2027), FinancialYear(2028)


@pytest.fixture
def council(council_a):
    services.savings_types_ensure_defaults(council=council_a)
    for name in ("Adult Social Care", "Children's Services", "Place"):
        DirectorateFactory(council=council_a, name=name)
    return council_a


def table(source, *, sheet=None, **options):
    if isinstance(source, str) and not source.endswith((".csv", ".xlsx")):
        grid = read_bytes(source.encode(), filename="table.csv")
    else:
        grid = read_path(FIXTURES / source, sheet=sheet)
    return locate(grid, TRACKER_IMPORTER.schema, units=options.get("units"))


def preview(council, by, source, *, sheet=None, **options):
    return TRACKER_IMPORTER.preview(
        council=council,
        by=by,
        table=table(source, sheet=sheet, **options),
        options=ImportOptions(**options),
    )


def save(council, by, source, *, sheet=None, **options):
    return TRACKER_IMPORTER.save(
        council=council,
        by=by,
        table=table(source, sheet=sheet, **options),
        options=ImportOptions(**options),
        reason="",
    )


def planned(user, fy: FinancialYear) -> int:
    return selectors.programme_summary(membership=user.membership, fy=fy).totals.planned


COMMITTEE_WARNINGS = [
    "Amounts in columns D, E and F are read in thousands of pounds (£'000), as the title above "
    "the table ('Appendix B: Savings proposals 2026/27 to 2028/29 (£'000)') says.",
    "Signs: savings printed as negative amounts or in brackets, as every amount in the table is "
    "negative or in brackets: if they are costs rather than savings, choose savings printed as "
    "positive amounts (--signs savings-positive). So (553) is read as a saving of £553,000, and "
    "553 as a cost of £553,000.",
    "Rows 8 ('Adult Social Care total'), 11 ('Children's Services sub-total') and 15 ('Total') "
    "are totals: left out.",
    "Row 14 is a subtotal (its amounts add up the rows above it): left out.",
    "Column G ('Total') is not imported: Sightline adds up the years itself.",
]


def test_a_committee_table_in_thousands_with_brackets_and_subtotals_is_read_as_meant(
    alice, council
):
    result = preview(council, alice, "committee_savings_thousands.csv", savings_type="Efficiency")
    assert result.errors == []
    assert result.rows == 7  # four subtotal and total rows left out
    assert result.year_lines() == ["2026/27 £4,107,567", "2027/28 £1,800,000", "2028/29 £150,000"]
    assert result.groups == [
        ("Adult Social Care", [197_000_000, 95_000_000, 10_000_000]),
        ("Children's Services", [115_000_000, 55_000_000, 0]),
        ("Place", [98_756_700, 30_000_000, 5_000_000]),
    ]
    assert result.warnings == COMMITTEE_WARNINGS
    assert [c.key for c in result.created] == [
        "ASC01",
        "ASC02",
        "ASC03",
        "CS01",
        "CS02",
        "PL01",
        "PL02",
    ]
    assert result.created[0].details == ["2026/27: £1,200,000", "2027/28: £800,000"]
    assert not Proposal.objects.filter(council=council).exists()  # a preview saves nothing

    save(council, alice, "committee_savings_thousands.csv", savings_type="Efficiency")
    assert planned(alice, FY26) == 410_756_700  # not -£4.11m, and not £4,107
    assert planned(alice, FY27) == 180_000_000
    cs01 = Proposal.objects.get(council=council, reference="CS01")
    assert cs01.directorate.name == "Children's Services"  # "Children’s Services" in the file
    assert sorted((str(x.fy), x.amount_pence) for x in cs01.lines.all()) == [
        ("2026/27", 90_000_000),
        ("2027/28", 30_000_000),
    ]


def test_the_same_table_as_a_workbook_reads_the_same(alice, council):
    result = preview(
        council,
        alice,
        "committee_savings_thousands.xlsx",
        sheet="Appendix B",
        savings_type="Efficiency",
    )
    assert result.errors == []
    assert result.year_lines() == ["2026/27 £4,107,567", "2027/28 £1,800,000", "2028/29 £150,000"]
    assert result.warnings[0] == (
        "Amounts in columns D, E and F are read in thousands of pounds (£'000), as the title "
        "above the table ('Savings (£'000)') says."
    )
    assert "Column G ('Stage') is not imported: a proposal moves between stages through its " in (
        " ".join(result.warnings)
    )


def test_running_a_published_table_again_changes_nothing(alice, council):
    save(council, alice, "committee_savings_thousands.csv", savings_type="Efficiency")
    again = preview(council, alice, "committee_savings_thousands.csv", savings_type="Efficiency")
    assert (len(again.created), len(again.changed), again.unchanged) == (0, 0, 7)


def test_a_pounds_table_with_minus_signs_for_one_directorate(alice, council):
    options = {"directorate": "Chief Executive’s Department", "create_missing": True}
    result = preview(council, alice, "department_reductions_pounds.csv", **options)
    assert result.errors == []
    assert result.year_lines() == ["2013/14 £200,000", "2014/15 £90,000", "2015/16 £40,000"]
    assert result.to_create == {
        "directorates": ["Chief Executive's Department"],
        "service areas": [
            "Communications (Chief Executive's Department)",
            "Policy and Performance (Chief Executive's Department)",
        ],
    }
    assert (
        "Amounts in columns E, F and G are read in pounds (£), as their headers say."
        in result.warnings
    )
    assert (
        "Column H ('FTE 2013/14') is not imported: FTE reductions are recorded by role and year on "
        "each proposal's staffing page, so an FTE figure alone is not imported." in result.warnings
    )
    save(council, alice, "department_reductions_pounds.csv", **options)
    cex = Directorate.objects.get(council=council, name="Chief Executive's Department")
    assert cex.history.get().history_user == alice
    assert ServiceArea.objects.filter(directorate=cex).count() == 2
    assert planned(alice, FinancialYear(2013)) == 20_000_000
    proposal = Proposal.objects.get(council=council, reference="CEX 03")
    assert proposal.service_area.name == "Policy and Performance"
    assert proposal.savings_type.name == "Efficiency"


def test_unknown_directorates_and_bundles_are_named_and_created_only_when_asked(alice, council):
    text = (
        "Ref,Title,Savings type,Directorate,Bundle,2026/27\nN1,New,Efficiency,Resources,Digital,5\n"
    )
    refused = preview(council, alice, text)
    assert refused.errors == [
        "Row 2, directorate: 'Resources' is not one of your council's directorates (use one of "
        "Adult Social Care, Children's Services and Place, or choose to create what the file "
        "names (--create-missing)).",
        "Row 2, bundle: 'Digital' is not one of your council's bundles (use one of none yet, or "
        "choose to create what the file names (--create-missing)).",
    ]
    result = preview(council, alice, text, create_missing=True)
    assert result.to_create == {"directorates": ["Resources"], "bundles": ["Digital"]}
    assert not Directorate.objects.filter(name="Resources").exists()
    save(council, alice, text, create_missing=True)
    assert Proposal.objects.get(reference="N1").bundle.name == "Digital"


def test_a_table_without_references_is_numbered_and_matched_by_title_when_imported_again(
    alice, council
):
    options = {"directorate": "Place", "reference_prefix": "SAV"}
    save(council, alice, "savings_without_references.csv", **options)
    refs = dict(Proposal.objects.filter(council=council).values_list("title", "reference"))
    assert refs == {
        "Consolidate office accommodation": "SAV-001",
        "Digital by default: online forms": "SAV-002",
        "Renegotiate the insurance contract": "SAV-003",
    }
    text = (
        "Proposal,Savings type,2026-27\n"
        "Renegotiate the insurance contract,Efficiency,80\n"
        "Shared legal service,Efficiency,40\n"
        "Consolidate office accommodation,Efficiency,250\n"
    )
    result = preview(council, alice, text, units=AmountUnit.THOUSANDS, **options)
    assert [(c.key, c.action) for c in result.created + result.changed] == [
        ("SAV-004", "create"),
        ("SAV-003", "change"),
    ]
    assert result.changed[0].details == ["2026/27: £75,000 to £80,000"]


def test_a_table_without_references_or_a_prefix_is_refused_naming_each_row(alice, council):
    result = preview(council, alice, "savings_without_references.csv", directorate="Place")
    assert [p.row for p in result.problems] == ["3", "4", "5"]
    assert result.problems[0].message.startswith("the row has no reference: give the table's")


def test_a_table_of_both_signs_that_does_not_say_is_refused_until_the_user_says(alice, council):
    text = (
        "Ref,Title,Savings type,Directorate,2026/27 £000\n"
        "A,One,Efficiency,Place,(10)\nB,Two,Efficiency,Place,4\n"
    )
    refused = preview(council, alice, text)
    assert refused.errors == [
        "Row 1, signs: the amounts have both signs (1 positive, 1 negative or in brackets) and "
        "the table does not say which are savings: choose how the table prints savings "
        "(--signs savings-positive or --signs savings-negative)."
    ]
    result = preview(council, alice, text, signs=SAVINGS_NEGATIVE)
    assert result.year_lines() == ["2026/27 £6,000"]
    assert result.warnings[1].startswith(
        "Signs: savings printed as negative amounts or in brackets, as you chose."
    )
    assert preview(council, alice, text, signs=SAVINGS_POSITIVE).year_lines() == ["2026/27 -£6,000"]


def test_a_table_that_says_how_it_prints_savings_is_read_so(alice, council):
    text = (
        "Savings are shown in brackets; figures in £000s\n"
        "Ref,Title,Savings type,Directorate,2026/27\n"
        "A,One,Efficiency,Place,(10)\nB,Two,Efficiency,Place,4\n"
    )
    result = preview(council, alice, text)
    assert result.year_lines() == ["2026/27 £6,000"]
    assert result.warnings[1].startswith(
        "Signs: savings printed as negative amounts or in brackets, as the title above the table "
        "('Savings are shown in brackets; figures in £000s') says."
    )


def test_a_table_with_no_unit_is_read_in_pounds_and_says_so_and_a_chosen_unit_wins(alice, council):
    text = 'Ref,Title,Savings type,Directorate,2026/27\nA,One,Efficiency,Place,"20,749"\n'
    result = preview(council, alice, text)
    assert result.year_lines() == ["2026/27 £20,749"]
    assert result.warnings[0] == (
        "Amounts in column E are read in pounds (£), as the table names no unit (if it is in "
        "£'000, choose thousands)."
    )
    chosen = preview(council, alice, text, units=AmountUnit.THOUSANDS)
    assert chosen.year_lines() == ["2026/27 £20,749,000"]


def test_fte_stage_decision_and_rag_columns_are_listed_never_dropped_in_silence(alice, council):
    text = (
        "Ref,Title,Savings type,Directorate,2026/27,FTE,Stage,Decision,RAG,Lead officer,Notes\n"
        "A,One,Efficiency,Place,5,1,Live,Approved,Green,Ann,x\n"
    )
    result = preview(council, alice, text)
    unused = [w.split(" is not imported")[0] for w in result.warnings if "is not imported" in w]
    assert unused == [
        "Column F ('FTE')",
        "Column G ('Stage')",
        "Column H ('Decision')",
        "Column I ('RAG')",
        "Column J ('Lead officer')",
        "Column K ('Notes')",
    ]


def test_a_column_per_year_replaces_only_those_years_and_keeps_an_unchanged_year(alice, council):
    place = Directorate.objects.get(council=council, name="Place")
    proposal = ProposalFactory(
        council=council, reference="PL01", title="Green waste", directorate=place
    )
    code_a, code_b = BudgetCodeFactory(council=council), BudgetCodeFactory(council=council)
    earlier = SavingLineFactory(proposal=proposal, fy=FinancialYear(2025), amount_pence=100)
    split = [
        SavingLineFactory(proposal=proposal, fy=FY26, amount_pence=6_000_00, budget_code=code_a),
        SavingLineFactory(proposal=proposal, fy=FY26, amount_pence=4_000_00, budget_code=code_b),
    ]
    old = SavingLineFactory(proposal=proposal, fy=FY27, amount_pence=5)
    text = 'Ref,Title,2026/27,2027/28\nPL01,Green waste,"10,000",500\n'
    result = save(council, alice, text)
    assert [(c.key, c.details) for c in result.changed] == [("PL01", ["2027/28: £0.05 to £500"])]
    kept = set(proposal.lines.values_list("pk", flat=True))
    assert {earlier.pk, split[0].pk, split[1].pk} <= kept  # 2026/27's £10,000 is as it was
    assert old.pk not in kept
    assert SavingLine.history.filter(id=old.pk, history_type="-").exists()


def test_one_bad_row_in_a_hundred_refuses_the_whole_file_naming_every_bad_row(alice, council):
    rows = [f"R{n:03d},Saving {n},Efficiency,Place,{n}" for n in range(1, 201)]
    rows[56] = "R057,Saving 57,Efficiency,Place,£1.2.3"
    rows[142] = "R143,Saving 143,Efficiency,Nowhere,143"
    text = "Ref,Title,Savings type,Directorate,2026/27 £\n" + "\n".join(rows) + "\n"
    result = preview(council, alice, text)
    assert [(p.row, p.column) for p in result.problems] == [
        ("58", "2026/27 £"),
        ("144", "directorate"),
    ]
    with pytest.raises(services.ImportRefused):
        save(council, alice, text)
    assert not Proposal.objects.filter(council=council).exists()


def test_the_tracker_export_imports_back_unchanged(alice, council):
    place = Directorate.objects.get(council=council, name="Place")
    bundle = BundleFactory(council=council, name="Demand management")
    codes = [BudgetCodeFactory(council=council) for _ in range(2)]
    first = ProposalFactory(
        council=council,
        reference="PL 01",
        title="Children’s centres",
        directorate=place,
        bundle=bundle,
    )
    SavingLineFactory(
        proposal=first, fy=FinancialYear(2013), amount_pence=24_500_00, budget_code=codes[0]
    )
    SavingLineFactory(
        proposal=first, fy=FinancialYear(2013), amount_pence=1_000_00, budget_code=codes[1]
    )
    SavingLineFactory(proposal=first, fy=FinancialYear(2014), amount_pence=-5_000_00)
    second = ProposalFactory(
        council=council, reference="PL 02", directorate=place, exempt=True, exempt_paragraphs="3"
    )
    SavingLineFactory(proposal=second, fy=FinancialYear(2013), amount_pence=-7_000_00)
    lines_before = set(SavingLine.objects.values_list("pk", "amount_pence"))

    client = Client()
    client.force_login(alice)
    exported = client.get("/programme/tracker/?fy=2013/14&format=csv").content
    grid = read_bytes(exported, filename="tracker-13-14.csv")
    again = TRACKER_IMPORTER.preview(
        council=council,
        by=alice,
        table=locate(grid, TRACKER_IMPORTER.schema),
        options=ImportOptions(),
    )
    assert again.errors == []
    assert (len(again.created), len(again.changed), again.unchanged) == (0, 0, 2)
    assert "Signs: savings printed as positive amounts, as in the tracker Sightline exports." in (
        " ".join(again.warnings)
    )
    TRACKER_IMPORTER.save(
        council=council,
        by=alice,
        table=locate(grid, TRACKER_IMPORTER.schema),
        options=ImportOptions(),
        reason="",
    )
    assert set(SavingLine.objects.values_list("pk", "amount_pence")) == lines_before
    first.refresh_from_db()
    assert (first.version, first.bundle, first.title) == (1, bundle, "Children’s centres")
