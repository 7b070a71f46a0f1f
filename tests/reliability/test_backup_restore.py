"""Backup and restore: a generated database, backed up and restored into an empty one, has
every table's checksum identical."""

import pytest

from tests.reliability.conftest import FULL

pytestmark = pytest.mark.reliability


def _checksums(text: str) -> dict[str, tuple[str, str]]:
    rows = [line.split("\t") for line in text.splitlines() if line.count("\t") == 2]
    return {table: (count, sha) for table, count, sha in rows}


def test_a_backup_restored_into_an_empty_database_has_identical_checksums(
    file_database, another_database, tmp_path
):
    generate = ["--scale", "county"] if FULL else ["--scale", "national", "--councils", "2"]
    done = file_database.run(file_database.command("generate", *generate), timeout=900)
    assert done.returncode == 0, done.stderr[-3000:]
    path = tmp_path / "sightline-backup.json.gz"
    made = file_database.run(file_database.command("backup", str(path), "--checksums"))
    assert made.returncode == 0, made.stderr[-3000:]
    before = _checksums(made.stdout)
    assert int(before["savings_savingline"][0]) > 0
    assert int(before["savings_historicalproposal"][0]) > 0

    restored = another_database.run(another_database.command("restore", str(path)))
    assert restored.returncode == 0, restored.stderr[-3000:]
    assert "every table's checksum matches the backup" in restored.stdout
    after = another_database.run(another_database.command("backup", "--checksums"))
    assert after.returncode == 0, after.stderr[-3000:]
    assert _checksums(after.stdout) == before
    # ... and the restored database serves the same council.
    [(name,)] = another_database.query("SELECT name FROM accounts_council ORDER BY id LIMIT 1")
    assert (
        name == file_database.query("SELECT name FROM accounts_council ORDER BY id LIMIT 1")[0][0]
    )
