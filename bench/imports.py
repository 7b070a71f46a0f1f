"""Import rows per second (`proposals_import`, every check, history and audit included)
against a raw bulk insert of the same rows (two executemany INSERTs, nothing else).

    .venv/bin/python bench/imports.py [--proposals 2000]
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from _common import fresh_database, run_worker, table


def raw_insert(council, rows: list[dict]) -> float:
    """The floor: the same proposals and lines written with two executemany INSERTs."""
    from django.db import connection, transaction
    from django.utils import timezone

    from sightline.accounts.models import Directorate
    from sightline.core.fiscal import FinancialYear
    from sightline.core.money import parse_money
    from sightline.savings.models import BudgetCode, Bundle, SavingsType

    types = {t.name: t.pk for t in SavingsType.objects.filter(council=council)}
    directorates = {d.name: d.pk for d in Directorate.objects.filter(council=council)}
    bundles = {b.name: b.pk for b in Bundle.objects.filter(council=council)}
    codes = {c.code: c.pk for c in BudgetCode.objects.filter(council=council)}
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    started = time.perf_counter()
    with transaction.atomic():
        firsts = {}
        for row in rows:
            firsts.setdefault(row["reference"], row)
        with connection.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO savings_proposal (council_id, reference, title, savings_type_id, "
                "directorate_id, bundle_id, strategic_outcome, summary, background, proposal, "
                "resources, notes, stage, stage_reason, decision_status, decision_body, "
                "decision_reference, exempt, exempt_paragraphs, created_at, modified_at, "
                "version) VALUES (%s, %s, %s, %s, %s, %s, '', '', '', '', '', '', 'idea', '', "
                "'draft', '', '', %s, '', %s, %s, 1)",
                [
                    (
                        council.pk,
                        ref,
                        r["title"],
                        types[r["savings_type"]],
                        directorates[r["directorate"]],
                        bundles.get(r["bundle"]),
                        False,
                        now,
                        now,
                    )
                    for ref, r in firsts.items()
                ],
            )
            cursor.execute(
                "SELECT reference, id FROM savings_proposal WHERE council_id = %s", [council.pk]
            )
            ids = dict(cursor.fetchall())
            cursor.executemany(
                "INSERT INTO savings_savingline (proposal_id, fy, amount_pence, kind, recurring, "
                "budget_code_id, description, created_at, modified_at, version) "
                "VALUES (%s, %s, %s, %s, %s, %s, '', %s, %s, 1)",
                [
                    (
                        ids[r["reference"]],
                        FinancialYear.parse(r["financial_year"]).start_year,
                        parse_money(r["amount"]),
                        r["kind"] or "reduction",
                        r["recurring"] != "no",
                        codes.get(r["budget_code"]),
                        now,
                        now,
                    )
                    for r in rows
                ],
            )
        elapsed = time.perf_counter() - started
        transaction.set_rollback(True)
    return elapsed


def worker(proposals: int) -> dict:
    from _common import setup_django

    setup_django()
    from django.contrib.auth import get_user_model

    from sightline.accounts.models import Council
    from sightline.demo.scale import tracker_rows, write_tracker_csv
    from sightline.savings.imports import proposals_import, read_rows

    council = Council.objects.get(short_code="n0001")
    user = get_user_model().objects.get(username="n0001_programme_office")
    result = {}
    with tempfile.TemporaryDirectory() as tmp:
        paths = [Path(tmp) / "a.csv", Path(tmp) / "b.csv"]
        for variant, path in enumerate(paths):
            write_tracker_csv(
                path, tracker_rows(council=council, proposals=proposals, variant=variant)
            )
        rows = read_rows(paths[0])
        result["rows"] = len(rows)
        result["raw"] = min(raw_insert(council, rows) for _ in range(3))
        for label, path in (("new", paths[0]), ("unchanged", paths[0]), ("replaced", paths[1])):
            started = time.perf_counter()
            proposals_import(council=council, by=user, rows=read_rows(path))
            result[label] = time.perf_counter() - started
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale")
    parser.add_argument("--worker", action="store_true")
    parser.add_argument("--proposals", type=int, default=2000)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args.proposals)))
        return
    env = fresh_database("import", "--scale", "national", "--councils", "1")
    r = run_worker("imports.py", "import", "--proposals", str(args.proposals), env=env)
    rows = r["rows"]
    print(f"\n## Import: {rows:,} rows ({args.proposals:,} proposals), one council\n")
    print(
        table(
            ["what", "seconds", "rows a second", "against the raw insert"],
            [
                [
                    "raw bulk insert (2 executemany, no checks)",
                    f"{r['raw']:.2f}",
                    f"{rows / r['raw']:,.0f}",
                    "1x",
                ],
                *[
                    [
                        f"sightline import: {label}",
                        f"{r[label]:.2f}",
                        f"{rows / r[label]:,.0f}",
                        f"{r[label] / r['raw']:.1f}x slower",
                    ]
                    for label in ("new", "unchanged", "replaced")
                ],
            ],
        )
    )
    print(
        "- the import times include reading the CSV file, checking every row, history rows "
        "and audit events; new = 10,000 new lines, replaced = every amount changed"
    )


if __name__ == "__main__":
    main()
