"""What the reliability tests run in separate processes, against a real database file (or a
PostgreSQL database) named by SQLITE_PATH or DATABASE_URL.

    python -m tests.reliability.workers setup-council CODE [PROPOSALS CSV_PATH ...]
    python -m tests.reliability.workers editor USERNAME PROPOSAL EDITS SEED READY_FILE GO_FILE
    python -m tests.reliability.workers tracker CODE PROPOSALS VARIANT PATH

Each prints one JSON object on its last line.
"""

from __future__ import annotations

import json
import os
import random
import sys
import time
from pathlib import Path


def _django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def setup_council(code: str) -> dict:
    """A council with a programme office login, reference data and one proposal."""
    from django.contrib.auth import get_user_model

    from sightline.accounts.models import Council, Directorate, Membership, Person, Role
    from sightline.savings import services
    from sightline.savings.models import BudgetCode, Bundle, SavingsType

    council = Council.objects.create(name=f"Reliability {code}", short_code=code)
    user = get_user_model().objects.create(username=f"{code}_po", first_name="Pat", last_name="Po")
    Membership.objects.create(user=user, council=council, role=Role.PROGRAMME_OFFICE)
    Person.objects.create(council=council, name="Pat Po", user=user)
    services.savings_types_ensure_defaults(council=council)
    directorates = [
        Directorate.objects.create(council=council, name=name)
        for name in ("Adult Social Care", "Place", "Resources")
    ]
    for name in ("Demand management", "Assets", "Workforce"):
        Bundle.objects.create(council=council, name=name)
    for i in range(1, 21):
        BudgetCode.objects.create(
            council=council, code=f"BC-{i:03d}", current_budget_pence=10**12, income=i % 7 == 0
        )
    proposal = services.proposal_create(
        by=user,
        data={
            "reference": "EDIT 1",
            "title": "Shared legal service",
            "savings_type": SavingsType.objects.get(council=council, name="Efficiency"),
            "directorate": directorates[0],
        },
    )
    return {"council": council.short_code, "user": user.username, "proposal": proposal.pk}


def editor(username: str, proposal_pk: int, edits: int, seed: int, ready: str, go: str) -> dict:
    """Read the proposal, think for a moment, save a new title against the version read."""
    from django.contrib.auth import get_user_model

    from sightline.core.audit import StaleEdit
    from sightline.savings import services
    from sightline.savings.models import Proposal

    user = get_user_model().objects.get(username=username)
    rng = random.Random(seed)
    Path(ready).touch()
    deadline = time.monotonic() + 120
    while not Path(go).exists():
        if time.monotonic() > deadline:
            return {"error": "never told to go"}
        time.sleep(0.01)
    accepted, refused, told, errors = 0, 0, 0, []
    for n in range(edits):
        proposal = Proposal.objects.get(pk=proposal_pk)
        read = proposal.version
        time.sleep(rng.uniform(0, 0.004))
        try:
            services.proposal_update(
                proposal=proposal,
                by=user,
                data={"title": f"Edited by worker {seed}, edit {n}"},
                expected_version=read,
            )
            accepted += 1
        except StaleEdit as error:
            refused += 1
            told += "changed by someone else" in " ".join(error.messages)
        except Exception as error:  # noqa: BLE001 - any other failure is reported to the test
            errors.append(repr(error))
    return {"accepted": accepted, "refused": refused, "told": told, "errors": errors}


def tracker(code: str, proposals: int, variant: int, path: str) -> dict:
    from sightline.accounts.models import Council
    from sightline.demo.scale import tracker_rows, write_tracker_csv

    rows = tracker_rows(
        council=Council.objects.get(short_code=code), proposals=proposals, variant=variant
    )
    write_tracker_csv(path, rows)
    return {"rows": len(rows)}


def main(argv: list[str]) -> None:
    _django()
    command, args = argv[0], argv[1:]
    if command == "setup-council":
        result = setup_council(args[0])
        for variant, path in enumerate(args[2:]):  # trackers to import, one per variant
            tracker(args[0], int(args[1]), variant, path)
    elif command == "editor":
        result = editor(args[0], int(args[1]), int(args[2]), int(args[3]), args[4], args[5])
    elif command == "tracker":
        result = tracker(args[0], int(args[1]), int(args[2]), args[3])
    else:
        raise SystemExit(f"unknown command {command!r}")
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1:])
