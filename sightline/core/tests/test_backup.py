"""Backup and restore: every table, checksums identical after the round trip, and a restore
that refuses rather than half-loads."""

import gzip
import io
import json

import pytest
from django.core.management import CommandError, call_command

from sightline.accounts.models import Council
from sightline.core import backup
from sightline.demo.scale import generate


@pytest.fixture
def data(db):
    generate(scale="national", councils=1, seed=3)
    return Council.objects.get()


def test_every_table_in_the_database_is_backed_up(db):
    assert backup.tables_not_copied() == []
    tables = {m._meta.db_table for m in backup.models_to_copy()}
    assert {"savings_proposal", "savings_historicalsavingline", "django_migrations"} <= tables
    assert "savings_proposal_budget_codes" in tables


def test_a_restored_backup_has_identical_checksums(data, tmp_path):
    path = tmp_path / "backup.json.gz"
    written = backup.backup(path)
    assert written == backup.checksums()
    proposals = next(c for c in written if c.table == "savings_proposal")
    assert proposals.rows > 0
    restored = backup.restore(path, replace=True)
    assert restored == written
    assert Council.objects.get().name == data.name


def test_checksums_change_when_one_value_changes(data):
    before = {c.table: c for c in backup.checksums()}
    Council.objects.filter(pk=data.pk).update(name="Renamed")
    after = {c.table: c for c in backup.checksums()}
    assert after["accounts_council"].sha256 != before["accounts_council"].sha256
    assert after["accounts_council"].rows == before["accounts_council"].rows
    assert after["savings_proposal"] == before["savings_proposal"]


def test_restore_refuses_a_database_that_holds_data(data, tmp_path):
    path = tmp_path / "backup.json.gz"
    backup.backup(path)
    with pytest.raises(backup.BackupError, match=r"already holds data \(1 councils, 2 users\)"):
        backup.restore(path)


def _rewrite(path, change):
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        lines = handle.read().splitlines()
    lines = change(lines)
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")


def test_a_tampered_backup_is_refused_and_nothing_is_kept(data, tmp_path):
    path = tmp_path / "backup.json.gz"
    backup.backup(path)

    def tamper(lines):
        return [line.replace(data.name, "Someone Else's Council") for line in lines]

    _rewrite(path, tamper)
    Council.objects.filter(pk=data.pk).update(name="Changed since")
    with pytest.raises(backup.BackupError, match="does not match the backup's checksums"):
        backup.restore(path, replace=True)
    assert Council.objects.get().name == "Changed since"  # the transaction was rolled back


def test_restore_refuses_a_database_at_another_schema(data, tmp_path):
    path = tmp_path / "backup.json.gz"
    backup.backup(path)

    def newer(lines):
        header = json.loads(lines[0])
        header["migrations"].append(["savings", "9999_future"])
        return [json.dumps(header), *lines[1:]]

    _rewrite(path, newer)
    with pytest.raises(backup.BackupError, match="missing savings.9999_future"):
        backup.restore(path, replace=True)


def test_restore_refuses_a_file_that_is_not_a_backup(db, tmp_path):
    path = tmp_path / "other.json.gz"
    with gzip.open(path, "wt") as handle:
        handle.write('{"hello": 1}\n')
    with pytest.raises(backup.BackupError, match="is not a Sightline backup"):
        backup.restore(path)
    with pytest.raises(backup.BackupError, match="no such file"):
        backup.restore(tmp_path / "missing.json.gz")


def test_values_of_every_kind_survive_encoding():
    import datetime
    import decimal

    from sightline.core.fiscal import FinancialYear

    values = [
        None,
        True,
        7,
        "£24.5k",
        datetime.datetime(2026, 3, 31, 23, 59, tzinfo=datetime.UTC),
        datetime.date(2026, 4, 1),
        decimal.Decimal("12.30"),
        {"rows": [1, 2]},
        b"\x00\xff",
    ]
    assert [backup.decode(json.loads(json.dumps(backup.encode(v)))) for v in values] == values
    assert backup.encode(FinancialYear(2013)) == 2013


def test_the_commands_write_restore_and_print_checksums(data, tmp_path):
    path = tmp_path / "b.json.gz"
    out = io.StringIO()
    call_command("backup", str(path), checksums=True, stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[-1].startswith("Backed up ")
    table, rows, sha = next(line for line in lines if line.startswith("accounts_council\t")).split(
        "\t"
    )
    assert (rows, len(sha)) == ("1", 64)
    out = io.StringIO()
    call_command("restore", str(path), replace=True, stdout=out)
    assert "every table's checksum matches the backup" in out.getvalue()
    with pytest.raises(CommandError, match="already holds data"):
        call_command("restore", str(path))
    with pytest.raises(CommandError, match="Give the FILE"):
        call_command("backup")
