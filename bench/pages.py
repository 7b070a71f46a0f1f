"""Server time and SQL queries of the main pages at luton and county scale, with the raw SQL
floor (the same queries replayed on a bare cursor) and the ratio page / floor.

    .venv/bin/python bench/pages.py [--runs 7]

Django's test Client, logged in as the generated programme office user, DEBUG off; the
median of several runs after two warm-up requests. Queries are counted on one more run.
The dashboard is timed twice: with its figures computed on every request, and as served,
with them kept between requests (the warm-up computes them; the runs then read them).
A benchmark database generated before the risk register has no risks: its risk page is
skipped with a note (generate the database again to time it).
"""

from __future__ import annotations

import argparse
import json
import time

from _common import FY, median, ms, run_worker, setup_django, table

SCALES = ["luton", "county"]
KEPT = "dashboard, figures kept"
NO_RISK = "no open risk in this database (generated before risks: generate it again)"


def pages(code: str) -> list[tuple[str, str | None]]:
    from sightline.accounts.models import Council
    from sightline.performance.models import Indicator
    from sightline.risks.models import Risk
    from sightline.savings.models import Proposal
    from sightline.strategy.models import Priority

    council = Council.objects.get(short_code=code)
    proposal = (
        Proposal.objects.filter(
            council=council, stage="live", forecasts__isnull=False, priority__isnull=False
        )
        .order_by("reference")
        .first()
    )
    indicator = Indicator.objects.filter(council=council).order_by("code").first()
    priority = Priority.objects.filter(plan__council=council).order_by("number").first()
    risk = Risk.objects.filter(council=council).open().order_by("number").first()
    return [
        # The dashboard twice: its figures computed on every request (the summary cache off),
        # then as served, the figures kept between requests until a record changes.
        ("dashboard", f"/programme/?fy={FY}"),
        (KEPT, f"/programme/?fy={FY}"),
        ("tracker", f"/programme/tracker/?fy={FY}"),
        ("proposal", f"/programme/proposals/{proposal.pk}/"),
        ("indicator list", "/indicators/"),
        ("indicator", f"/indicators/{indicator.pk}/"),
        ("line of sight", "/reports/line-of-sight/"),
        ("line of sight: a priority", f"/reports/line-of-sight/priorities/{priority.pk}/"),
        ("corporate plan", "/plan/"),
        ("risk register", "/risks/"),
        ("risk", f"/risks/{risk.pk}/" if risk else None),
    ]


def floor(queries: list[str], runs: int) -> float:
    """The same SQL on a raw cursor, every row fetched: the least the page could cost."""
    from django.db import connection, transaction

    statements = [
        q
        for q in queries
        if not q.upper().startswith(("SAVEPOINT", "RELEASE", "ROLLBACK", "BEGIN", "COMMIT"))
    ]
    times = []
    for _ in range(runs + 1):
        with transaction.atomic():
            started = time.perf_counter()
            with connection.cursor() as cursor:
                for sql in statements:
                    cursor.execute(sql)
                    if cursor.description is not None:
                        cursor.fetchall()
            times.append(time.perf_counter() - started)
            transaction.set_rollback(True)
    return median(times[1:])


def worker(scale: str, runs: int) -> dict:
    setup_django()
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.test.utils import override_settings

    client = Client()
    client.force_login(get_user_model().objects.get(username=f"{scale}_programme_office"))
    results = {}
    for name, url in pages(scale):
        if url is None:
            results[name] = {"url": "/risks/<pk>/", "status": NO_RISK}
            continue
        with override_settings(SIGHTLINE_SUMMARY_CACHE=name != "dashboard"):
            results[name] = page(client, url, runs)
    return results


def page(client, url: str, runs: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    status = client.get(url).status_code
    if status != 200:
        return {"url": url, "status": status}
    started = time.perf_counter()
    client.get(url)
    slow = time.perf_counter() - started > 5  # a pathological page: time it once
    times = []
    for _ in range(1 if slow else runs):
        started = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - started)
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    sql = [q["sql"] for q in captured.captured_queries]
    return {
        "url": url,
        "status": 200,
        "seconds": median(times),
        "queries": len(sql),
        "bytes": len(response.content),
        "floor": floor(sql, 1 if slow else runs),
        "runs": 1 if slow else runs,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale")
    parser.add_argument("--worker", action="store_true")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args.scale, args.runs)))
        return
    found = {scale: run_worker("pages.py", scale, "--runs", str(args.runs)) for scale in SCALES}
    print(f"\n## Pages: median of {args.runs} runs, server time in ms (DEBUG off)\n")
    rows, notes = [], []
    for name in found["luton"]:
        luton, county = found["luton"][name], found["county"][name]
        if luton["status"] != 200 or county["status"] != 200:
            if NO_RISK in (luton["status"], county["status"]):
                notes.append(f"- {name} ({luton['url']}): skipped, {NO_RISK}")
            else:
                notes.append(
                    f"- {name} ({luton['url']}): HTTP {luton['status']} at luton, "
                    f"{county['status']} at county — skipped (not built yet?)"
                )
            continue
        # The kept dashboard is held against the floor of computing its figures: its own few
        # queries are not the figures' cost.
        floor_s = county["floor"]
        if name == KEPT and found["county"]["dashboard"]["status"] == 200:
            floor_s = found["county"]["dashboard"]["floor"]
            notes.append(
                f"- {name}: page / floor against the SQL floor of computing the figures (the "
                f"dashboard row); its own {county['queries']} queries take "
                f"{ms(county['floor'])} ms on a raw cursor"
            )
        rows.append(
            [
                name,
                ms(luton["seconds"]),
                luton["queries"],
                ms(county["seconds"]),
                county["queries"],
                "same" if luton["queries"] == county["queries"] else "DIFFERENT",
                ms(floor_s),
                f"{county['seconds'] / floor_s:.1f}x",
                f"{county['bytes'] // 1024:,} KiB",
            ]
        )
        if county["runs"] == 1:
            notes.append(f"- {name}: over 5 s a request at county scale, so timed once")
    print(
        table(
            [
                "page",
                "luton ms",
                "luton queries",
                "county ms",
                "county queries",
                "queries",
                "county SQL floor ms",
                "page / floor",
                "county HTML",
            ],
            rows,
        )
    )
    for note in notes:
        print(note)
    print(json.dumps({"pages": found}), file=open_results("pages"))


def open_results(name: str):
    from _common import BENCH_DIR

    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    return open(BENCH_DIR / f"{name}.json", "w")  # noqa: SIM115 - closed at exit


if __name__ == "__main__":
    main()
