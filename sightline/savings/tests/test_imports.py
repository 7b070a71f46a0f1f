"""Importing a council's tracker: rows grouped by reference, every row checked, nothing
half-saved, and a re-run replacing lines rather than adding to them."""

import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command

from sightline.core.fiscal import FinancialYear
from sightline.core.history import history_for
from sightline.savings import selectors, services
from sightline.savings.imports import COLUMNS, ImportRefused, proposals_import, read_rows
from sightline.savings.models import Proposal, SavingLine
from sightline.savings.tests.factories import (
    BudgetCodeFactory,
    BundleFactory,
    ProposalFactory,
    SavingLineFactory,
)
from sightline.savings.tests.test_services import live

HEADER = ",".join(COLUMNS)
FY24, FY25 = FinancialYear(2024), FinancialYear(2025)


@pytest.fixture
def setup(alice, dan, council_a):
    services.savings_types_ensure_defaults(council=council_a)
    directorate = dan.membership.directorate
    directorate.name = "Adult Social Care"
    directorate.save()
    BundleFactory(council=council_a, name="Demand management")
    BudgetCodeFactory(council=council_a, code="ASC-001")
    return council_a


def csv_rows(text: str) -> list[dict]:
    import csv

    return list(csv.DictReader(io.StringIO(text)))


TRACKER = (
    f"{HEADER}\n"
    "ASC 01,Review of care packages,Efficiency,Adult Social Care,Demand management,2024/25,"
    "£24.5k,reduction,yes,ASC-001\n"
    'ASC 01,,,,,25/26,"92,000",reduction,no,\n'
    "ASC 02,Day services redesign,Service redesign,adult social care,,2024-25,£1.2m,income,,\n"
)


def test_it_imports_a_tracker_one_proposal_per_reference(alice, setup):
    result = proposals_import(council=setup, by=alice, rows=csv_rows(TRACKER))
    assert (result.rows, result.created, result.lines) == (3, 2, 3)
    review = Proposal.objects.get(council=setup, reference="ASC 01")
    assert review.title == "Review of care packages"
    assert review.bundle.name == "Demand management"
    assert review.stage == "idea" and review.decision_status == "draft"
    lines = sorted(
        (str(line.fy), line.amount_pence, line.kind, line.recurring) for line in review.lines.all()
    )
    assert lines == [
        ("2024/25", 2_450_000, "reduction", True),
        ("2025/26", 9_200_000, "reduction", False),
    ]
    assert [c.code for c in review.budget_codes.all()] == ["ASC-001"]
    day = Proposal.objects.get(council=setup, reference="ASC 02")
    assert day.directorate.name == "Adult Social Care"  # matched whatever the case
    assert [(line.amount_pence, line.kind) for line in day.lines.all()] == [(120_000_000, "income")]


def test_imported_records_have_their_history_and_audit_events(alice, setup):
    proposals_import(council=setup, by=alice, rows=csv_rows(TRACKER))
    review = Proposal.objects.get(reference="ASC 01")
    [created] = review.history.all()
    assert (created.history_type, created.history_user) == ("+", alice)
    assert SavingLine.history.filter(proposal_id=review.pk, history_type="+").count() == 2
    imported = Proposal.history.filter(council_id=setup.pk, history_type="+", history_user=alice)
    assert imported.count() == 2
    assert {h.history_change_reason for h in imported} == {"Imported from the council's tracker"}
    assert SavingLine.history.filter(history_type="+", history_user=alice).count() == 3


def test_a_wrong_amount_is_refused_naming_the_row_and_column_and_nothing_is_saved(alice, setup):
    text = TRACKER + "ASC 03,Libraries,Efficiency,Adult Social Care,,2024/25,£1.2.3,,,\n"
    with pytest.raises(ImportRefused) as error:
        proposals_import(council=setup, by=alice, rows=csv_rows(text))
    assert error.value.messages == [
        "Row 5, amount: '£1.2.3' is not an amount: it has more than one decimal point"
    ]
    assert not Proposal.objects.filter(council=setup).exists()
    assert not Proposal.history.filter(council_id=setup.pk).exists()


def test_every_wrong_row_is_reported_at_once(alice, setup):
    text = f"""{HEADER}
X 1,One,Efficiency,Nowhere,,2024/25,£1k,,,
X 2,Two,Efficiency,Adult Social Care,,2024,£1k,,,
X 3,Three,Efficiency,Adult Social Care,,2024/25,£1k,gift,maybe,NO-SUCH
,Four,Efficiency,Adult Social Care,,2024/25,£1k,,,
X 1,Other title,Efficiency,Adult Social Care,,2024/25,£1k,,,
"""
    with pytest.raises(ImportRefused) as error:
        proposals_import(council=setup, by=alice, rows=csv_rows(text))
    messages = error.value.messages
    assert messages[0].startswith("Row 2, directorate: 'Nowhere' is not one of your council's")
    assert "Row 3, financial_year: '2024' is not a financial year: give both years" in messages[1]
    assert "Row 4, kind: 'gift' is not a kind of saving" in messages[2]
    assert messages[3] == "Row 4, recurring: 'maybe' is not yes or no."
    assert messages[4].startswith("Row 4, budget_code: 'NO-SUCH' is not one of your council's")
    assert messages[5] == "Row 5, reference: every row needs the proposal's reference."
    assert messages[6].startswith("Row 6, title: 'Other title' differs from row 2's")
    assert not Proposal.objects.exists()


def test_running_the_same_file_again_changes_nothing(alice, setup):
    proposals_import(council=setup, by=alice, rows=csv_rows(TRACKER))
    again = proposals_import(council=setup, by=alice, rows=csv_rows(TRACKER))
    assert (again.created, again.changed, again.unchanged) == (0, 0, 2)
    assert SavingLine.objects.filter(proposal__council=setup).count() == 3
    assert Proposal.objects.get(reference="ASC 01").version == 1


def test_a_rerun_with_new_amounts_replaces_the_lines_rather_than_adding_to_them(alice, setup):
    proposals_import(council=setup, by=alice, rows=csv_rows(TRACKER))
    review = Proposal.objects.get(reference="ASC 01")
    old_ids = set(review.lines.values_list("pk", flat=True))
    changed = TRACKER.replace("£24.5k", "£30k").replace("Review of care", "Review of all care")
    result = proposals_import(council=setup, by=alice, rows=csv_rows(changed))
    assert (result.created, result.changed, result.unchanged) == (0, 1, 1)
    review.refresh_from_db()
    assert review.title == "Review of all care packages"
    assert review.version == 2
    assert sorted(review.lines.values_list("amount_pence", flat=True)) == [3_000_000, 9_200_000]
    assert not SavingLine.objects.filter(pk__in=old_ids).exists()
    assert SavingLine.history.filter(id__in=old_ids, history_type="-").count() == 2
    assert review.history.first().history_type == "~"
    event = history_for(review)[0]
    assert event.changed()["title"] == ("Review of care packages", "Review of all care packages")
    assert SavingLine.history.filter(proposal_id=review.pk, history_type="+").count() == 4


def test_an_existing_proposal_entered_by_hand_is_updated_in_place(alice, setup):
    existing = ProposalFactory(council=setup, reference="ASC 01", title="Old")
    SavingLineFactory(proposal=existing, fy=FY24, amount_pence=1)
    proposals_import(council=setup, by=alice, rows=csv_rows(TRACKER))
    assert Proposal.objects.filter(council=setup, reference="ASC 01").get().pk == existing.pk
    assert sorted(existing.lines.values_list("amount_pence", flat=True)) == [2_450_000, 9_200_000]


def test_an_approved_or_live_proposal_cannot_be_emptied_by_an_import(alice, setup):
    proposal = live(ProposalFactory(council=setup, reference="ASC 01", title="Review"))
    text = f"{HEADER}\nASC 01,Review,Efficiency,Adult Social Care,,2024/25,0,,,\n"
    with pytest.raises(ImportRefused, match="Row 2, amount: ASC 01 is approved or live"):
        proposals_import(council=setup, by=alice, rows=csv_rows(text))
    assert proposal.lines.get().amount_pence == 10_000_000


def test_only_the_programme_office_can_import(eve, fiona, setup):
    for user in (eve, fiona):
        with pytest.raises(PermissionDenied, match="only programme office can"):
            proposals_import(council=setup, by=user, rows=csv_rows(TRACKER))


def test_nobody_imports_into_another_council(alice, setup, council_b):
    with pytest.raises(PermissionDenied, match="your own council"):
        proposals_import(council=council_b, by=alice, rows=csv_rows(TRACKER))


def test_a_later_import_leaves_a_closed_periods_report_as_it_was(alice, eve, setup):
    proposal = live(ProposalFactory(council=setup, reference="ASC 01", title="Review"))
    period = services.period_open(council=setup, month=datetime.date(2013, 6, 1), by=alice)
    services.forecast_record(
        proposal=proposal,
        period=period,
        fy=FinancialYear(2013),
        forecast_pence=9_000_000,
        rag="green",
        by=alice,
    )
    period = services.period_close(period=period, by=alice)
    text = f"{HEADER}\nASC 01,Renamed,Efficiency,Adult Social Care,,2013/14,£5,,,\n"
    proposals_import(council=setup, by=alice, rows=csv_rows(text))
    assert selectors.monitoring_report(period=period, as_of=period.closed_at) == period.report
    assert selectors.monitoring_report(period=period)["rows"][0]["title"] == "Renamed"


# --- the command ------------------------------------------------------------------------------


def test_the_command_imports_a_csv_file(alice, setup, tmp_path):
    path = tmp_path / "tracker.csv"
    path.write_text(TRACKER, encoding="utf-8-sig")
    out = io.StringIO()
    call_command("import_proposals", str(path), council="arden", user="alice", stdout=out)
    assert (
        "Imported 2 proposals (2 new, 0 changed, 0 unchanged) with 3 savings lines"
        in out.getvalue()
    )
    assert Proposal.objects.filter(council=setup).count() == 2


def test_the_command_imports_an_xlsx_file_with_numbers_in_cells(alice, setup, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(HEADER.split(","))
    sheet.append(
        [
            "ASC 01",
            "Review",
            "Efficiency",
            "Adult Social Care",
            None,
            "2024/25",
            24500.5,
            None,
            True,
            None,
        ]
    )
    sheet.append(["ASC 01", None, None, None, None, "2025/26", 92000, "income", False, None])
    path = tmp_path / "tracker.xlsx"
    book.save(path)
    call_command("import_proposals", str(path), council="arden", user="alice", stdout=io.StringIO())
    lines = Proposal.objects.get(reference="ASC 01").lines.order_by("fy")
    assert [(line.amount_pence, line.kind, line.recurring) for line in lines] == [
        (2_450_050, "reduction", True),
        (9_200_000, "income", False),
    ]


def test_the_command_refuses_a_wrong_file_saying_which_rows(alice, setup, tmp_path):
    path = tmp_path / "tracker.csv"
    path.write_text(TRACKER.replace("£1.2m", "£1.2.3"), encoding="utf-8")
    with pytest.raises(CommandError) as error:
        call_command("import_proposals", str(path), council="arden", user="alice")
    assert "Nothing was imported" in str(error.value)
    assert "Row 4, amount: '£1.2.3' is not an amount" in str(error.value)
    assert not Proposal.objects.exists()


def test_a_file_without_an_amount_column_is_refused(alice, setup, tmp_path):
    path = tmp_path / "tracker.csv"
    path.write_text("reference,title,savings_type,directorate,financial_year\nA,B,C,D,2024/25\n")
    with pytest.raises(ImportRefused, match="Row 1: the file has no amount column"):
        read_rows(path)


def test_the_command_names_an_unknown_council_or_login(alice, setup, tmp_path):
    path = tmp_path / "tracker.csv"
    path.write_text(TRACKER)
    with pytest.raises(CommandError, match="no council with the short code 'nope'"):
        call_command("import_proposals", str(path), council="nope", user="alice")
    with pytest.raises(CommandError, match="no active login 'nobody'"):
        call_command("import_proposals", str(path), council="arden", user="nobody")
