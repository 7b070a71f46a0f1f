"""Server time and SQL queries of the main pages at luton and county scale, with the raw SQL
floor (the same queries replayed on a bare cursor) and the ratio page / floor.

    .venv/bin/python bench/pages.py [--runs 7]
    .venv/bin/python bench/pages.py --profile "tracker" [--scale county]   # pyinstrument

Django's test Client, logged in as the generated programme office user, DEBUG off; the
median of several runs after two warm-up requests. Queries are counted on one more run.
The dashboard is timed twice: with its figures computed on every request, and as served,
with them kept between requests (the warm-up computes them; the runs then read them).
A benchmark database generated before the risk register has no risks: its risk page is
skipped with a note (generate the database again to time it).

The generator makes no financial plan, public settings, budget simulator or open month: the
pages of those (`extra_pages`) are timed on a throwaway copy of the scale's database to which
`extras` has added them through the services. Each page's CPU time in this process is given
besides its wall time: on a machine shared with other work it is the steadier figure.
"""

from __future__ import annotations

import argparse
import json
import os
import time

from _common import (
    FY,
    copy_database,
    drop_database,
    engine,
    median,
    ms,
    run_worker,
    setup_django,
    table,
)

SCALES = ["luton", "county"]
KEPT = "dashboard, figures kept"
NO_RISK = "no open risk in this database (generated before risks: generate it again)"
NO_DATA = "nothing of the kind in this database"


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
        # What every page costs before it reads anything: the session, the membership, the
        # middleware and the base template (a page of the signed-in member's own account).
        ("baseline: account page", "/account/"),
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
        ("performance report", f"/reports/performance/?fy={FY}&quarter=4"),
        ("home: waiting", "/"),
        ("setup", "/setup/"),
        ("scrutiny workspace", "/scrutiny/"),
        ("equality: cumulative impact", "/impact/cumulative/"),
        ("equality: a screening", f"/impact/proposals/{proposal.pk}/screening/"),
        ("equality: an assessment", f"/impact/proposals/{proposal.pk}/assessment/"),
    ]


# The pages of features the generator leaves empty (a financial plan, public pages, a resident
# budget simulator): timed after `extras` has added them, then rolled back.
def extra_pages(code: str, made: dict) -> list[tuple[str, str | None]]:
    slug = code.lower()
    scenario, simulation, period = made.get("scenario"), made["simulation"], made["period"]
    return [
        ("round: forecast grid", f"/programme/periods/{period.pk}/forecasts/"),
        ("round: outstanding", f"/programme/periods/{period.pk}/outstanding/"),
        ("financial plan", "/finance/"),
        ("financial plan: budget tables", "/finance/budget/"),
        ("financial plan: scenarios", "/finance/scenarios/"),
        ("financial plan: a scenario", f"/finance/scenarios/{scenario.pk}/" if scenario else None),
        ("public: council page", f"/c/{slug}/"),
        ("public: open data", f"/c/{slug}/data/"),
        (
            "public: budget simulator",
            f"/c/{slug}/budget-simulator/{simulation.year_slug}/",
        ),
    ]


def extras(code: str) -> dict:
    """What the generator does not make, made through the services as the programme office
    would: the next monitoring month opened (the generated months are all closed), a five-year
    financial plan with five service budget lines per directorate, a base and a variant
    scenario with every assumption set, the council's pages published, and a resident budget
    simulator offering the 40 largest published savings and 20 services."""
    import datetime

    from django.contrib.auth import get_user_model
    from django.db.models import Sum
    from django.utils import timezone

    from sightline.accounts.models import Council
    from sightline.core.fiscal import FinancialYear
    from sightline.finance.models import FUNDING, PRESSURES, BudgetLine, LineKind, Scenario
    from sightline.finance.services.budget import budget_lines_save_many, plan_save
    from sightline.finance.services.scenarios import assumption_set, scenario_save
    from sightline.public.services import public_settings_save
    from sightline.savings.models import Period
    from sightline.savings.services.monitoring import period_open
    from sightline.simulator.selectors import published_proposals
    from sightline.simulator.services import ServicePick, simulation_create, simulation_publish

    council = Council.objects.get(short_code=code)
    by = get_user_model().objects.get(username=f"{code}_programme_office")
    first = FinancialYear.parse(FY)
    today = timezone.localdate()
    years = [FinancialYear(first.start_year + i) for i in range(5)]
    plan_save(
        council=council,
        by=by,
        title=f"Medium Term Financial Plan {years[0]} to {years[-1]}",
        first_fy=years[0],
        last_fy=years[-1],
        base_budget_pence=450_000_000_00,
    )
    services = [
        f"{d.name}: service {n}" for d in council.directorates.order_by("name") for n in range(1, 6)
    ]
    budget_lines_save_many(
        council=council,
        by=by,
        rows=[
            {
                "kind": LineKind.SERVICE,
                "name": name,
                "position": i,
                "figures": {
                    fy: (10_000_000_00 + i * 1_000_00 + k * 50_000_00, None)
                    for k, fy in enumerate(years)
                },
            }
            for i, name in enumerate(services, start=1)
        ],
    )
    made: dict = {}
    last = Period.objects.filter(council=council).order_by("-month").first()
    month = (last.month + datetime.timedelta(days=32)).replace(day=1) if last else today
    made["period"] = period_open(council=council, month=month, by=by)
    for position, (name, is_base) in enumerate((("Base case", True), ("Lower grant", False))):
        scenario = scenario_save(
            scenario=Scenario(council=council, name=name, is_base=is_base, position=position),
            by=by,
        )
        for k, fy in enumerate(years):
            for j, category in enumerate((*FUNDING, *PRESSURES)):
                assumption_set(
                    scenario=scenario,
                    category=category,
                    fy=fy,
                    by=by,
                    amount_pence=(20_000_000_00 + j * 1_000_000_00) * (100 + k) // 100,
                    basis="Benchmark figure",
                )
        made.setdefault("scenario", scenario)
    public_settings_save(council=council, by=by, published=True, publish_risk_summary=True)
    offered = list(
        published_proposals(council)
        .filter(lines__fy__lte=first)
        .annotate(saving=Sum("lines__amount_pence"))
        .filter(saving__gt=0)
        .order_by("-saving", "reference")[:40]
    )
    simulation = simulation_create(
        council=council,
        by=by,
        fy=first,
        title=f"Balance the budget for {first}",
        gap_pence=30_000_000_00,
        council_tax_pence=300_000_000_00,
        tax_max_hundredths=499,
        opens_on=today - datetime.timedelta(days=7),
        closes_on=today + datetime.timedelta(days=30),
        proposals=offered,
        services=[
            ServicePick(line=line, min_percent=-10, max_percent=10)
            for line in BudgetLine.objects.filter(council=council, kind=LineKind.SERVICE)[:20]
        ],
    )
    made["simulation"] = simulation_publish(simulation=simulation, by=by)
    return made


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


def profile(scale: str, wanted: str) -> str:
    """One request of the page named ``wanted`` at ``scale``, profiled by pyinstrument (after
    a warm-up): the text report, slowest calls first."""
    setup_django()
    from django.contrib.auth import get_user_model
    from django.db import transaction
    from django.test import Client
    from pyinstrument import Profiler

    client = Client()
    client.force_login(get_user_model().objects.get(username=f"{scale}_programme_office"))
    with transaction.atomic():
        found = dict(pages(scale))
        if wanted not in found:
            found = dict(extra_pages(scale, extras(scale)))
        url = found[wanted]
        client.get(url)
        profiler = Profiler(interval=0.0005)
        with profiler:
            client.get(url)
        transaction.set_rollback(True)
    return profiler.output_text(unicode=True, color=False, show_all=False)


def worker(scale: str, runs: int, extra: str | None = None) -> dict:
    """The main pages; with ``extra``, the pages of what :func:`extras` adds instead, added
    and committed (``commit``: on a copy of the database) or rolled back afterwards
    (``rollback``: the summary cache is then unused, as inside any transaction)."""
    setup_django()
    from django.contrib.auth import get_user_model
    from django.db import transaction
    from django.test import Client
    from django.test.utils import override_settings

    client = Client()
    client.force_login(get_user_model().objects.get(username=f"{scale}_programme_office"))
    if extra == "commit":
        made = extras(scale)
        return {name: page(client, url, runs) for name, url in extra_pages(scale, made)}
    if extra == "rollback":
        with transaction.atomic():
            made = extras(scale)
            found = {name: page(client, url, runs) for name, url in extra_pages(scale, made)}
            transaction.set_rollback(True)
        return {name: {**result, "rolled_back": True} for name, result in found.items()}
    results = {}
    for name, url in pages(scale):
        if url is None:
            results[name] = (
                {"url": "/risks/<pk>/", "status": NO_RISK}
                if name == "risk"
                else {"url": name, "status": NO_DATA}
            )
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
    times, cpu = [], []
    for _ in range(1 if slow else runs):
        started, cpu_started = time.perf_counter(), time.process_time()
        response = client.get(url)
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - cpu_started)
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    sql = [q["sql"] for q in captured.captured_queries]
    return {
        "url": url,
        "status": 200,
        "seconds": median(times),
        # This process's CPU time: on a shared machine, what the page cost it whoever else ran
        # (on SQLite the queries' too; on PostgreSQL their time is the server's).
        "cpu": median(cpu),
        "queries": len(sql),
        "bytes": len(response.content),
        "floor": floor(sql, 1 if slow else runs),
        "runs": 1 if slow else runs,
    }


def measure(scale: str, runs: int) -> dict:
    """Every page at ``scale``: the main ones on the kept database, the others on a throwaway
    copy of it with :func:`extras` committed (on PostgreSQL, when the database is in use and
    cannot be copied, with them rolled back afterwards instead)."""
    found = run_worker("pages.py", scale, "--runs", str(runs))
    copy = copy_database(scale, f"{scale}_extras")
    if copy is None:
        return found | run_worker("pages.py", scale, "--runs", str(runs), "--extras", "rollback")
    try:
        return found | run_worker(
            "pages.py", scale, "--runs", str(runs), "--extras", "commit", env=copy
        )
    finally:
        drop_database(copy)


def verdict(seconds: float, ratio: float) -> str:
    """Issue 20's targets for a page at county scale: under 100 ms, within 5x its SQL floor."""
    misses = [m for m, missed in (("over 100 ms", seconds > 0.1), ("over 5x", ratio > 5)) if missed]
    return "MISS: " + ", ".join(misses) if misses else "met"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale")
    parser.add_argument("--worker", action="store_true")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--extras", choices=["commit", "rollback"], help=argparse.SUPPRESS)
    parser.add_argument("--profile", metavar="PAGE", help="profile one page (its name above)")
    args = parser.parse_args()
    if args.profile:
        from _common import bench_env

        os.environ.update(bench_env(args.scale or "county"))
        print(profile(args.scale or "county", args.profile))
        return
    if args.worker:
        print(json.dumps(worker(args.scale, args.runs, args.extras)))
        return
    found = {scale: measure(scale, args.runs) for scale in SCALES}
    print(
        f"\n## Pages ({engine()}): median of {args.runs} runs, server time in ms (DEBUG off); "
        f"load average {os.getloadavg()[0]:.2f} at the end\n"
    )
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
                ms(county["cpu"]),
                f"{county['bytes'] // 1024:,} KiB",
                verdict(county["seconds"], county["seconds"] / floor_s),
            ]
        )
        if county.get("rolled_back"):
            notes.append(
                f"- {name}: timed inside a rolled-back transaction (the database could not be "
                "copied), so with the programme's figures computed on every request"
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
                "county CPU ms",
                "county HTML",
                "100 ms, 5x",
            ],
            rows,
        )
    )
    for note in notes:
        print(note)
    print(json.dumps({"pages": found}), file=open_results(f"pages-{engine().lower()}"))


def open_results(name: str):
    from _common import BENCH_DIR

    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    return open(BENCH_DIR / f"{name}.json", "w")  # noqa: SIM115 - closed at exit


if __name__ == "__main__":
    main()
