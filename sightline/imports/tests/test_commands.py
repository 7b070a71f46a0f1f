"""The command line: ``sightline import_proposals`` and ``sightline import KIND``, with a dry
run that prints the preview and saves nothing, the reading options, and a progress bar on
long files."""

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from sightline.accounts.models import Directorate
from sightline.imports.tests.conftest import TRACKER
from sightline.performance.models import Indicator
from sightline.risks.models import Risk
from sightline.savings.models import Proposal

SAVINGS = Path(__file__).parents[2] / "savings" / "tests" / "fixtures"
RISKS = Path(__file__).parents[2] / "risks" / "tests" / "fixtures"


def run(*args, **options):
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


def test_a_dry_run_prints_the_preview_one_line_a_year_and_saves_nothing(alice, council):
    out, _ = run(
        "import_proposals",
        str(SAVINGS / "committee_savings_thousands.csv"),
        council="arden",
        user="alice",
        dry_run=True,
        savings_type="Efficiency",
    )
    lines = out.splitlines()
    assert lines[0].startswith("Read 7 rows of ") and "(CSV, UTF-8, header on row 4)" in lines[0]
    assert "Proposals that would be created: 7; changed: 0; unchanged: 0." in lines
    assert lines[lines.index("By financial year:") + 1 :][:3] == [
        "  2026/27 £4,107,567",
        "  2027/28 £1,800,000",
        "  2028/29 £150,000",
    ]
    assert "Note: Row 14 is a subtotal (its amounts add up the rows above it): left out." in lines
    assert lines[-1] == "Nothing was saved (--dry-run)."
    assert not Proposal.objects.exists()


def test_the_options_of_the_command_line(alice, council, tmp_path):
    path = tmp_path / "resources.csv"
    path.write_text(
        "Scheme,Type,Amount 2026/27\n"
        "Consolidate offices,Efficiency,250\nShared legal service,Efficiency,-40\n"
    )
    out, _ = run(
        "import",
        "tracker",
        str(path),
        council="arden",
        user="alice",
        units="thousands",
        signs="savings-positive",
        directorate="Resources",
        column=["title=Scheme", "savings_type=Type", "amount=Amount 2026/27"],
        reference_prefix="RES",
        create_missing=True,
    )
    assert out.startswith(
        "Imported 2 proposals (2 new, 0 changed, 0 unchanged) with 2 savings lines"
    )
    assert "New directorates: Resources." in out
    assert dict(Proposal.objects.values_list("reference", "title")) == {
        "RES-001": "Consolidate offices",
        "RES-002": "Shared legal service",
    }
    assert Directorate.objects.filter(council=council, name="Resources").exists()
    assert "  2026/27 £210,000" in out


def test_a_column_option_names_a_field_the_import_knows(alice, council, tmp_path):
    path = tmp_path / "t.csv"
    path.write_text(TRACKER)
    with pytest.raises(CommandError, match="'colour' is not a field"):
        run("import_proposals", str(path), council="arden", user="alice", column=["colour=Ref"])
    with pytest.raises(CommandError, match="write it as FIELD=HEADER"):
        run("import_proposals", str(path), council="arden", user="alice", column=["title"])


def test_a_refused_dry_run_names_every_problem(alice, council, tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("Ref,Title,Savings type,Directorate,2026/27\nA,One,Efficiency,Nowhere,5\n")
    with pytest.raises(CommandError) as refused:
        run("import_proposals", str(path), council="arden", user="alice", dry_run=True)
    assert "Nothing could be imported" in str(refused.value)
    assert "Row 2, directorate: 'Nowhere' is not one of your council's directorates" in str(
        refused.value
    )


def test_a_long_file_shows_its_progress_on_stderr(alice, council, tmp_path):
    rows = [f"R{n:04d},Saving {n},Efficiency,Place,{n}" for n in range(1, 2001)]
    path = tmp_path / "long.csv"
    path.write_text("Ref,Title,Savings type,Directorate,2026/27 £\n" + "\n".join(rows) + "\n")
    out, err = run("import_proposals", str(path), council="arden", user="alice")
    bars = [line for line in err.splitlines() if line.startswith("[")]
    assert len(bars) == 10
    assert bars[0] == "[##..................] 200/2,000 rows"
    assert bars[-1] == "[####################] 2,000/2,000 rows"
    assert "Imported 2,000 proposals (2,000 new" in out


def test_the_other_kinds_import_from_the_command_line(alice, council):
    out, _ = run(
        "import",
        "risks",
        str(RISKS / "risk_register_scores_only.csv"),
        council="arden",
        user="alice",
    )
    assert out.startswith("Imported 2 risks (2 new, 0 changed, 0 unchanged)")
    assert list(Risk.objects.values_list("number", "initial_score", "residual_score")) == [
        (7, 16, 12),
        (8, 12, 6),
    ]
    assert not Indicator.objects.exists()


def test_the_command_refuses_a_login_that_may_not_import(eve, council, tmp_path):
    path = tmp_path / "t.csv"
    path.write_text(TRACKER)
    with pytest.raises(CommandError, match="You cannot import savings proposals"):
        run("import_proposals", str(path), council="arden", user="eve")


def test_a_zip_bomb_is_refused_at_the_command_line(alice, council, tmp_path):
    path = tmp_path / "bomb.xlsx"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    with pytest.raises(CommandError, match="bomb.xlsx is not a readable Excel workbook"):
        run("import_proposals", str(path), council="arden", user="alice")
