"""Many officers editing one proposal at once: no update is lost, each accepted write has its
history record, and every refused one is told why."""

import json
import time

import pytest

from tests.reliability.conftest import counts

pytestmark = pytest.mark.reliability


def test_concurrent_editors_lose_no_update_and_refused_writes_are_told_why(file_database, tmp_path):
    processes, edits_each = counts((4, 15), (20, 50))
    setup = file_database.json(file_database.worker("setup-council", "rel"))
    workers = [
        file_database.popen(
            file_database.worker(
                "editor",
                setup["user"],
                str(setup["proposal"]),
                str(edits_each),
                str(seed),
                str(tmp_path / f"ready-{seed}"),
                str(tmp_path / "go"),
            )
        )
        for seed in range(processes)
    ]
    deadline = time.monotonic() + 120
    while len(list(tmp_path.glob("ready-*"))) < processes and time.monotonic() < deadline:
        time.sleep(0.05)
    (tmp_path / "go").touch()  # every editor starts at once
    results = []
    for worker in workers:
        out, err = worker.communicate(timeout=600)
        assert worker.returncode == 0, err[-3000:]
        results.append(json.loads(out.strip().splitlines()[-1]))

    assert [r.get("errors", r.get("error")) for r in results] == [[]] * processes
    accepted = sum(r["accepted"] for r in results)
    refused = sum(r["refused"] for r in results)
    assert accepted + refused == processes * edits_each
    assert accepted >= 1
    print(f"{processes} editors, {accepted} writes accepted, {refused} refused as stale")
    # Every refused write was refused with the StaleEdit message.
    assert sum(r["told"] for r in results) == refused
    # No lost update: each accepted write moved the version on by exactly one.
    [(version, title)] = file_database.query(
        "SELECT version, title FROM savings_proposal WHERE id = %s", (setup["proposal"],)
    )
    assert version == 1 + accepted
    assert title.startswith("Edited by worker")
    # One history record per accepted write (plus the one made when it was created).
    [(changes,)] = file_database.query(
        "SELECT COUNT(*) FROM savings_historicalproposal WHERE id = %s AND history_type = '~'",
        (setup["proposal"],),
    )
    assert changes == accepted
    # Each of them says who made it (the one audit trail: docs/adr/0002-one-audit-trail.md).
    [(events,)] = file_database.query(
        "SELECT COUNT(*) FROM savings_historicalproposal WHERE id = %s AND history_type = '~' "
        "AND history_user_id IS NOT NULL",
        (setup["proposal"],),
    )
    assert events == accepted
    versions = file_database.query(
        "SELECT version FROM savings_historicalproposal WHERE id = %s ORDER BY history_id",
        (setup["proposal"],),
    )
    assert [v for (v,) in versions] == list(range(1, accepted + 2))
