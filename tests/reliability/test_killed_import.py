"""An import killed (SIGKILL) at random moments: the database is consistent every time, the
file's proposals are either all there with all their lines or none of that run's changes
are, and the import can simply be run again."""

import csv
import random
import signal
import time
from collections import defaultdict

import pytest

from sightline.core.fiscal import FinancialYear
from sightline.core.money import parse_money
from tests.reliability.conftest import FULL, counts

pytestmark = pytest.mark.reliability


def expected_state(path) -> dict:
    """What the file says: reference -> sorted (fy, pence, kind, recurring, code) lines."""
    state = defaultdict(list)
    with open(path, encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            state[row["reference"]].append(
                (
                    FinancialYear.parse(row["financial_year"]).start_year,
                    parse_money(row["amount"]),
                    row["kind"] or "reduction",
                    row["recurring"] != "no",
                    row["budget_code"] or None,
                )
            )
    return {ref: sorted(lines) for ref, lines in state.items()}


def observed_state(db, council: str) -> dict:
    rows = db.query(
        "SELECT p.reference, l.fy, l.amount_pence, l.kind, l.recurring, b.code "
        "FROM savings_proposal p JOIN accounts_council c ON c.id = p.council_id "
        "LEFT JOIN savings_savingline l ON l.proposal_id = p.id "
        "LEFT JOIN savings_budgetcode b ON b.id = l.budget_code_id "
        "WHERE c.short_code = %s AND p.reference LIKE 'TRK %%'",
        (council,),
    )
    state = defaultdict(list)
    for ref, fy, pence, kind, recurring, code in rows:
        state[ref]  # a proposal without lines shows as an empty list
        if fy is not None:
            state[ref].append((fy, pence, kind, bool(recurring), code))
    return {ref: sorted(lines) for ref, lines in state.items()}


def test_a_killed_import_leaves_the_database_consistent_and_can_be_run_again(
    file_database, tmp_path
):
    kills, proposals = counts((3, 400), (20, 1500))
    paths = [tmp_path / "tracker-0.csv", tmp_path / "tracker-1.csv"]
    setup = file_database.json(
        file_database.worker("setup-council", "kil", str(proposals), *map(str, paths))
    )
    files = [(path, expected_state(path)) for path in paths]
    assert files[0][1] != files[1][1] and len(files[0][1]) == proposals

    def importing(path):
        return file_database.command(
            "import_proposals", str(path), "--council", "kil", "--user", setup["user"]
        )

    rng = random.Random(20260401)
    state = observed_state(file_database, "kil")
    assert state == {}
    # Kill at a random moment of a run. The quick version guesses how long a run takes; the
    # full one times a whole run first and aims at its second half, where the import writes.
    earliest, latest = 0.2, 3.5
    if FULL:
        started = time.monotonic()
        done = file_database.run(importing(files[1][0]))
        assert done.returncode == 0, done.stderr[-3000:]
        state = observed_state(file_database, "kil")
        assert state == files[1][1]
        latest = time.monotonic() - started
        earliest = latest * 0.45
    outcomes, settled = [], []
    for n in range(kills):
        path, wanted = files[n % 2]
        process = file_database.popen(importing(path))
        time.sleep(rng.uniform(earliest, latest))
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
        settled.append(file_database.settle())
        after = observed_state(file_database, "kil")
        # All of the previous state or all of the new one: never a mixture, never a
        # proposal without its lines.
        assert after in (state, wanted), f"kill {n + 1}: a half-saved import"
        outcomes.append(
            "finished"
            if process.returncode == 0
            else "committed"
            if after == wanted != state
            else "nothing kept"
        )
        state = after
    print(f"{kills} kills: {outcomes}")
    print(f"the killed sessions took up to {max(settled) * 1000:.0f} ms to end on the server")

    # Run again, to the end: the right proposals, lines and totals.
    path, wanted = files[kills % 2]
    started = time.monotonic()
    done = file_database.run(importing(path))
    assert done.returncode == 0, done.stderr[-3000:]
    assert observed_state(file_database, "kil") == wanted
    print(f"the import run again to the end took {time.monotonic() - started:.1f} s")
    [(lines, total)] = file_database.query(
        "SELECT COUNT(*), SUM(l.amount_pence) FROM savings_savingline l "
        "JOIN savings_proposal p ON p.id = l.proposal_id WHERE p.reference LIKE 'TRK %%'"
    )
    assert lines == sum(len(v) for v in wanted.values())
    assert total == sum(pence for v in wanted.values() for _, pence, *_ in v)
