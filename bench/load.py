"""The mixed load test on loopback: gunicorn as the README recommends (DEBUG off, sync
workers, one more than the cores) serving a generated database, and locust headless running
the roles' real journeys (bench/locustfile.py: programme office, finance, directors, editors
entering forecasts through the form, councillors, the public), reads and writes mixed.
Users arrive over 10 s, then ``--seconds`` are measured. Reports p95 and p99 per page,
failures, and the write check: every forecast POST locust counted as accepted is in the
forecasts' history afterwards (none lost). Only 127.0.0.1 is used.

    .venv/bin/python bench/load.py [--seconds 30] [--users 50,200] [--scales luton,county]
        [--servers 2] [--councils 40]

The engine is the benchmarks' usual choice: PostgreSQL databases sightline_bench_<scale> when
DATABASE_URL is set, else SQLite under var/bench/. ``--servers 2`` starts two gunicorns on
two loopback ports over the same database and spreads the users over both. At national
scale the users are spread over ``--councils`` councils (the four county-sized ones among
them). The run adds logins the generator does not make (finance, a director, councillors,
editors leading a few live savings each), opens the next month if none is open and publishes
the councils' public pages; it works on a copy of the benchmark database (load-<scale>.sqlite3, or
sightline_bench_load_<scale>), made afresh each run: the kept one is left as it was.

Needs locust (a dev tool, not a dependency of Sightline): .venv/bin/pip install locust
"""

from __future__ import annotations

import argparse
import csv
import functools
import importlib.util
import json
import math
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import uuid
from pathlib import Path

from _common import BIN, ROOT, ensure_database, setup_django, table

# gunicorn: sync workers, one more than the cores. A sync worker accepts a connection only
# when it is free, so the kernel shares requests out among the processes; gthread workers
# keep their clients' keep-alive connections, so one process can hold most of the users
# while the other idles (docs/benchmarks.md has the figures of both). BENCH_WORKER_CLASS,
# BENCH_WORKERS and BENCH_THREADS try others.
WORKER_CLASS = os.environ.get("BENCH_WORKER_CLASS", "sync")
WORKERS = int(os.environ.get("BENCH_WORKERS", str((os.cpu_count() or 2) + 1)))
THREADS = int(os.environ.get("BENCH_THREADS", "1"))
RAMP = 10  # seconds over which the users arrive, left out of the figures
ROLES = ("programme_office", "finance", "director", "editor", "councillor", "public")
EDITOR_LOGINS = 40  # most editor logins made per council; each leads a few live savings
EDITOR_SAVINGS = 3
TARGET_MS = 200  # the p95 target for every page at 50 users


# --- the plan: logins, sessions and the records the journeys open ---------------------------


def _login(council, username: str, role: str, **membership):
    """The login ``username`` with the demo password (hashed once, as `sightline generate`
    does), made with its membership if it is not there yet."""
    from django.contrib.auth import get_user_model

    from sightline.accounts.models import Membership

    User = get_user_model()
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User.objects.create(
            username=username,
            password=_password_hash(),
            first_name=council.short_code.upper(),
            last_name=role.replace("_", " ").capitalize(),
        )
        Membership.objects.create(user=user, council=council, role=role, **membership)
    return user


@functools.cache
def _password_hash() -> str:
    from django.conf import settings
    from django.contrib.auth.hashers import make_password

    return make_password(settings.DEMO_PASSWORD)


def _sessions(user, count: int) -> list[str]:
    """Signed-in sessions of ``user``, as signing in makes them (so that signing in, a
    password hash each, is not what is measured)."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    keys = []
    for _ in range(count):
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        keys.append(session.session_key)
    return keys


def council_plan(code: str, seats: int) -> dict:
    """One council's part of the plan, making its missing logins; ``seats``: sessions per
    role (one per simulated user of that role who may sit down at this council)."""
    from django.db.models import Count

    from sightline.accounts.models import Council, Directorate, Membership, Person, Role
    from sightline.performance.models import Indicator
    from sightline.public.models import PublicSettings
    from sightline.public.selectors import savings_years, year_slug
    from sightline.savings.models import Period, Proposal
    from sightline.savings.selectors.proposals import IN_DELIVERY
    from sightline.savings.services.monitoring import period_open

    council = Council.objects.get(short_code=code)
    PublicSettings.objects.update_or_create(council=council, defaults={"published": True})
    periods = Period.objects.filter(council=council).order_by("-month")
    fy = periods[0].fy  # the year the pages are read for: the newest month's
    open_period = periods.filter(status=Period.Status.OPEN).first()
    if open_period is None:  # the programme office opens the next month for the round
        office = Membership.objects.filter(council=council, role=Role.PROGRAMME_OFFICE)[0].user
        month = periods[0].month
        month = month.replace(year=month.year + month.month // 12, month=month.month % 12 + 1)
        open_period = period_open(council=council, month=month, by=office)
    years = savings_years(council)
    public_year = fy if fy in years else (years[-1] if years else fy)
    proposals = list(
        Proposal.objects.filter(council=council).order_by("pk").values_list("pk", flat=True)
    )
    live = list(
        Proposal.objects.filter(council=council, stage__in=IN_DELIVERY)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    busiest = (
        Proposal.objects.filter(council=council, directorate__isnull=False)
        .values("directorate")
        .annotate(n=Count("pk"))
        .order_by("-n", "directorate")
        .first()
    )
    directorate = Directorate.objects.get(pk=busiest["directorate"])
    sessions: dict[str, list[dict]] = {}
    for role in ("programme_office", "finance", "councillor"):
        user = _login(council, f"{code}_{role}", role)
        sessions[role] = [{"session": k, "username": user.username} for k in _sessions(user, seats)]
    director = _login(council, f"{code}_director", Role.DIRECTOR, directorate=directorate)
    theirs = (
        list(
            Proposal.objects.filter(directorate=directorate)
            .order_by("pk")
            .values_list("pk", flat=True)
        )[:50]
        or proposals[:1]
    )
    sessions["director"] = [
        {
            "session": k,
            "username": director.username,
            "directorate": directorate.pk,
            "proposals": theirs,
        }
        for k in _sessions(director, seats)
    ]
    # Editors: each leads (as project manager) EDITOR_SAVINGS live savings of its own.
    logins = min(EDITOR_LOGINS, len(live) // EDITOR_SAVINGS)
    if not logins:
        raise SystemExit(f"{code} has fewer than {EDITOR_SAVINGS} live savings for the editors")
    editors = []
    for i in range(logins):
        user = _login(council, f"{code}_editor{i + 1:02d}", Role.EDITOR)
        person, _ = Person.objects.get_or_create(
            council=council, name=f"Load test editor {i + 1}", defaults={"user": user}
        )
        mine = live[i * EDITOR_SAVINGS : (i + 1) * EDITOR_SAVINGS]
        Proposal.objects.filter(pk__in=mine).update(project_manager=person)
        editors.append((user, mine))
    sessions["editor"] = [
        {"session": k, "username": user.username, "proposals": mine}
        for seat in range(seats)
        for user, mine in [editors[seat % len(editors)]]
        for k in _sessions(user, 1)
    ]
    sessions["public"] = []
    closed = list(
        Period.objects.filter(council=council, status=Period.Status.CLOSED)
        .order_by("-month")
        .values_list("pk", flat=True)[:6]
    )
    return {
        "code": code,
        "slug": code.lower(),
        "fy": str(fy),
        "year_slug": year_slug(public_year),
        "open_period": open_period.pk,
        "closed_periods": closed,
        "proposals": proposals[:: max(1, len(proposals) // 200)],
        "live": live[:200],
        "indicators": list(
            Indicator.objects.filter(council=council).values_list("pk", flat=True)[:20]
        ),
        "editor_logins": len(editors),
        "sessions": sessions,
    }


def councils_for(scale: str, count: int) -> list[str]:
    from django.db.models import Count

    from sightline.accounts.models import Council
    from sightline.savings.models import Proposal

    if scale != "national":
        return [scale]
    codes = list(Council.objects.order_by("short_code").values_list("short_code", flat=True))
    step = max(1, len(codes) // count)
    chosen = codes[::step][:count]
    # The county-sized councils are in every national run: they are the slowest pages.
    big = (
        Proposal.objects.values("council__short_code")
        .annotate(n=Count("pk"))
        .filter(n__gte=1000)
        .values_list("council__short_code", flat=True)
    )
    return sorted(set(chosen) | set(big))


def plan(scale: str, users: int, councils: int) -> dict:
    setup_django()
    codes = councils_for(scale, councils)
    seats = math.ceil(users / len(codes)) + 1
    return {
        "run": uuid.uuid4().hex[:8],
        "councils": [council_plan(code, seats) for code in codes],
    }


def writes_found(run: str) -> list[str]:
    """The markers of this run's forecasts in the forecasts' history (one row per save)."""
    import re

    from sightline.savings.models import Forecast

    found = Forecast.history.filter(commentary__contains=f"[load:{run} ").values_list(
        "commentary", flat=True
    )
    return [m.group(0) for c in found for m in [re.search(r"\[load:[^\]]+\]", c)] if m]


# --- the servers and locust ------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def gunicorn(env: dict[str, str], port: int, workers: int = WORKERS) -> subprocess.Popen:
    """``gunicorn config.wsgi`` as the README recommends, on 127.0.0.1:``port``, answering."""
    server = subprocess.Popen(  # noqa: S603
        [
            str(BIN / "gunicorn"),
            "config.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--threads",
            str(THREADS),
            "--worker-class",
            WORKER_CLASS,
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=ROOT,
    )
    for _ in range(150):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2)  # noqa: S310
            return server
        except OSError:
            if server.poll() is not None:
                break
            time.sleep(0.2)
    server.kill()
    raise SystemExit("gunicorn did not start")


def serve(env: dict[str, str], var: Path, servers: int) -> tuple[list[subprocess.Popen], list]:
    # No collectstatic: locust fetches pages, not their CSS, and WhiteNoise finds the files
    # without it (WHITENOISE_USE_FINDERS); collecting and compressing them takes a minute.
    env = {**env, "SIGHTLINE_VAR_DIR": str(var)}
    (var / "assets").symlink_to(ROOT / "var" / "assets")
    procs, ports = [], []
    try:
        for _ in range(servers):
            port = free_port()
            procs.append(gunicorn(env, port))
            ports.append(port)
    except BaseException:
        for p in procs:
            p.terminate()
        raise
    return procs, ports


def server_pids(masters: list[int]) -> dict[str, list[int]]:
    """The gunicorn workers of ``masters``, and the database's server processes serving
    this database (PostgreSQL; none for SQLite, which runs in the workers)."""
    from django.db import connection

    workers = []
    for master in masters:
        try:
            children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
        except OSError:
            children = []
        workers += [int(c) for c in children]
    database = []
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
                "AND pid <> pg_backend_pid()"
            )
            database = [pid for (pid,) in cursor.fetchall()]
    return {"app": workers, "database": database}


def cpu_seconds(pids: dict[str, list[int]]) -> dict[str, dict[int, float]]:
    """User and system CPU seconds of each process (Linux /proc); gone ones left out."""
    tick = os.sysconf("SC_CLK_TCK")
    found: dict[str, dict[int, float]] = {}
    for kind, group in pids.items():
        found[kind] = {}
        for pid in group:
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            found[kind][pid] = (int(fields[11]) + int(fields[12])) / tick
    return found


def locust(
    ports: list[int], users: int, seconds: int, plan_file: Path, out: Path, masters: list[int]
) -> dict:
    """Users arrive over RAMP seconds; the figures are of the ``seconds`` after that (locust's
    --reset-stats), with every user active: the steady state, not 200 first requests at once."""
    prefix = out / f"u{users}"
    writes = out / f"u{users}-writes.json"
    hosts = [f"http://127.0.0.1:{p}" for p in ports]
    env = {
        **os.environ,
        "BENCH_PLAN": str(plan_file),
        "BENCH_HOSTS": ",".join(hosts),
        "BENCH_WRITES": str(writes),
    }
    runner = subprocess.Popen(  # noqa: S603
        [
            str(BIN / "locust"),
            "-f",
            str(ROOT / "bench" / "locustfile.py"),
            "--headless",
            "--users",
            str(users),
            "--spawn-rate",
            str(users / RAMP),
            "--reset-stats",
            "--run-time",
            f"{seconds + RAMP}s",
            "--stop-timeout",
            "10",
            "--host",
            hosts[0],
            "--csv",
            str(prefix),
            "--only-summary",
            "--loglevel",
            "WARNING",
            "--exit-code-on-error",
            "0",
        ],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    # The servers' CPU time over the measured window (gunicorn workers, and PostgreSQL's
    # backends for them): what the requests cost whatever else shares the machine.
    time.sleep(RAMP)
    before = cpu_seconds(server_pids(masters))
    _, err = runner.communicate(timeout=seconds + 180)
    after = cpu_seconds(server_pids(masters))
    if runner.returncode != 0:
        raise SystemExit(f"locust failed:\n{err.decode()[-3000:]}")
    cpu = {
        kind: sum(
            after[kind].get(pid, 0) - t for pid, t in before[kind].items() if pid in after[kind]
        )
        for kind in before
    }
    pages = {}
    with open(f"{prefix}_stats.csv") as handle:
        for row in csv.DictReader(handle):
            if not int(row["Request Count"]):
                continue
            pages[row["Name"]] = {
                "requests": int(row["Request Count"]),
                "failures": int(row["Failure Count"]),
                "p50": float(row["50%"]),
                "p95": float(row["95%"]),
                "p99": float(row["99%"]),
                "rps": float(row["Requests/s"]),
            }
    failures = []
    with open(f"{prefix}_failures.csv") as handle:
        failures = [
            f"{r['Name']}: {r['Error']} ({r['Occurrences']})" for r in csv.DictReader(handle)
        ]
    written = json.loads(writes.read_text()) if writes.exists() else {}
    requests = max(pages.get("Aggregated", {}).get("requests", 0), 1)
    return {
        "cpu_ms": {kind: value * 1000 / requests for kind, value in cpu.items()},
        "pages": pages,
        "failure_kinds": failures[:10],
        "accepted": written.get("accepted", []),
        "conflicts": len(written.get("conflicts", [])),
    }


def alone_paths(c: dict) -> list[tuple[str, str, str]]:
    """(page, role, path) of each page of the journeys (bench/locustfile.py), for timing each
    one alone before the users arrive."""
    fy, slug, year = c["fy"], c["slug"], c["year_slug"]
    director = c["sessions"]["director"][0]
    editor = c["sessions"]["editor"][0]
    pages = [
        ("dashboard", "programme_office", f"/programme/?fy={fy}"),
        ("tracker", "programme_office", f"/programme/tracker/?fy={fy}&stage=live&rag="),
        (
            "tracker (directorate)",
            "director",
            f"/programme/tracker/?fy={fy}&directorate={director['directorate']}",
        ),
        ("proposal", "programme_office", f"/programme/proposals/{c['proposals'][0]}/"),
        ("round grid", "programme_office", f"/programme/periods/{c['open_period']}/forecasts/"),
        ("months (history)", "programme_office", "/programme/periods/"),
        ("financial plan (gap)", "finance", "/finance/"),
        ("budget", "finance", "/finance/budget/"),
        ("confirmation form", "finance", f"/programme/proposals/{c['live'][0]}/benefits/"),
        ("risk register", "director", f"/risks/?directorate={director['directorate']}"),
        ("forecast form", "editor", f"/programme/proposals/{editor['proposals'][0]}/forecast/"),
        ("scrutiny", "councillor", "/scrutiny/"),
        ("indicators", "councillor", "/indicators/"),
        ("performance report", "councillor", "/reports/performance/"),
        ("public home", "public", f"/c/{slug}/"),
        ("public savings", "public", f"/c/{slug}/savings/{year}/"),
        ("open data", "public", f"/c/{slug}/data/"),
        ("open data CSV", "public", f"/c/{slug}/data/savings-{year}.csv"),
        ("public plan", "public", f"/c/{slug}/plan/"),
    ]
    if c["closed_periods"]:
        pages.append(
            ("month report", "programme_office", f"/programme/periods/{c['closed_periods'][0]}/")
        )
    return pages


def alone(port: int, council: dict) -> dict[str, float]:
    """Each page timed alone (no other users), the median of 3, in ms: what a page costs on
    the machine as it is at the time, without queueing behind other requests."""
    times = {}
    for name, role, path in alone_paths(council):
        sessions = council["sessions"].get(role) or [{}]
        key = sessions[0].get("session")
        headers = {"Cookie": f"sessionid={key}"} if key else {}
        runs = []
        for _ in range(3):
            request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers=headers)  # noqa: S310
            started = time.perf_counter()
            with urllib.request.urlopen(request, timeout=120) as response:  # noqa: S310
                response.read()
            runs.append(time.perf_counter() - started)
        times[name] = sorted(runs)[1] * 1000
    return times


def editor(code: str, every: float, stop: threading.Event, done: list[int]) -> None:
    """``--edit-every``: besides the editors' forms, one of the council's saving lines saved
    every ``every`` seconds straight to the database: the kept summary goes stale each time."""
    from django.db import connection
    from django.utils import timezone

    from sightline.savings.models import SavingLine

    line = SavingLine.objects.filter(proposal__council__short_code=code).order_by("pk").first()
    try:
        while not stop.wait(every):
            SavingLine.objects.filter(pk=line.pk).update(modified_at=timezone.now())
            done.append(1)
    finally:
        connection.close()


def worker(
    scale: str, users: list[int], seconds: int, servers: int, councils: int, edit_every: float
) -> dict:
    the_plan = plan(scale, max(users), councils)
    results = {"councils": len(the_plan["councils"]), "servers": servers}
    with tempfile.TemporaryDirectory() as tmp:
        plan_file = Path(tmp) / "plan.json"
        procs, ports = serve(dict(os.environ), Path(tmp), servers)
        try:
            results["alone"] = alone(ports[0], the_plan["councils"][0])
            for count in users:
                the_plan["run"] = uuid.uuid4().hex[:8]
                plan_file.write_text(json.dumps(the_plan))
                stop, edits = threading.Event(), []
                if edit_every:
                    code = the_plan["councils"][0]["code"]
                    thread = threading.Thread(target=editor, args=(code, edit_every, stop, edits))
                    thread.start()
                try:
                    masters = [p.pid for p in procs]
                    r = locust(ports, count, seconds, plan_file, Path(tmp), masters)
                finally:
                    stop.set()
                    if edit_every:
                        thread.join()
                found = writes_found(the_plan["run"])
                accepted = r.pop("accepted")
                r["writes"] = {
                    "accepted": len(accepted),
                    "found": len(set(found) & set(accepted)),
                    "lost": sorted(set(accepted) - set(found))[:10],
                    "lost_count": len(set(accepted) - set(found)),
                    "unreported": len(set(found) - set(accepted)),
                }
                r["edits"] = len(edits)
                results[count] = r
        finally:
            for p in procs:
                p.terminate()
            for p in procs:
                p.wait(timeout=30)
    return results


# --- the report -----------------------------------------------------------------------------

PAGE_ORDER = [
    "dashboard",
    "tracker",
    "tracker (directorate)",
    "proposal",
    "round grid",
    "months (history)",
    "month report",
    "financial plan (gap)",
    "budget",
    "confirmation form",
    "risk register",
    "forecast form",
    "forecast POST",
    "scrutiny",
    "indicators",
    "performance report",
    "public home",
    "public savings",
    "open data",
    "open data CSV",
    "public plan",
]


def report(found: dict, users: list[int], seconds: int, engine: str) -> list[str]:
    """The per-page table of each scale and user count; returns the targets not met."""
    missed = []
    for scale, result in found.items():
        for count in users:
            r = result[str(count)]
            pages = r["pages"]
            w = r["writes"]
            names = [n for n in PAGE_ORDER if n in pages] + sorted(
                n for n in pages if n not in PAGE_ORDER and n != "Aggregated"
            )
            by_itself = result.get("alone", {})
            rows = [
                [
                    n,
                    f"{by_itself[n]:.0f}" if n in by_itself else "",
                    pages[n]["requests"],
                    f"{pages[n]['p50']:.0f}",
                    f"{pages[n]['p95']:.0f}",
                    f"{pages[n]['p99']:.0f}",
                    pages[n]["failures"],
                ]
                for n in [*names, "Aggregated"]
            ]
            print(
                f"\n### {scale}, {count} users, {engine}, {result['servers']} server(s)"
                + (f", {result['councils']} councils" if result["councils"] > 1 else "")
                + f": {pages['Aggregated']['rps']:.1f} requests/s\n"
            )
            print(
                table(
                    ["page", "alone ms", "requests", "p50 ms", "p95 ms", "p99 ms", "failures"],
                    rows,
                )
            )
            print(
                f"- writes: {w['accepted']} forecast POSTs accepted, {w['found']} of them in the "
                f"forecasts' history, {w['lost_count']} lost"
                + (f" ({', '.join(w['lost'])})" if w["lost"] else "")
                + f"; {r['conflicts']} refused as another editor's change came first"
                + (
                    f"; {w['unreported']} saved but not counted by locust"
                    if w["unreported"]
                    else ""
                )
            )
            if r.get("cpu_ms"):
                c = r["cpu_ms"]
                print(
                    f"- the servers' CPU time per request over the measured window: "
                    f"{c['app']:.0f} ms in gunicorn"
                    + (f" + {c['database']:.0f} ms in PostgreSQL" if c.get("database") else "")
                )
            if r["failure_kinds"]:
                print("- failures: " + "; ".join(r["failure_kinds"]))
            failures = pages["Aggregated"]["failures"]
            if failures:
                missed.append(f"{scale} at {count} users: {failures} failures")
            if w["lost_count"]:
                missed.append(f"{scale} at {count} users: {w['lost_count']} writes lost")
            if count <= 50:
                slow = [n for n in names if pages[n]["p95"] > TARGET_MS]
                if slow:
                    missed.append(
                        f"{scale} at {count} users: p95 over {TARGET_MS} ms for "
                        + ", ".join(f"{n} ({pages[n]['p95']:.0f} ms)" for n in slow)
                    )
    if "luton" in found and "county" in found:
        for count in users:
            lut = found["luton"][str(count)]["pages"]
            cty = found["county"][str(count)]["pages"]
            over = [
                f"{n} ({cty[n]['p95']:.0f} against {lut[n]['p95']:.0f} ms)"
                for n in PAGE_ORDER
                if n in lut and n in cty and cty[n]["p95"] > 2 * max(lut[n]["p95"], 1)
            ]
            if over:
                missed.append(
                    f"county p95 more than twice luton's at {count} users: " + ", ".join(over)
                )
    return missed


def copy_of(scale: str, env: dict[str, str]) -> dict[str, str]:
    """A copy of the scale's benchmark database for this run: the run writes (logins, a
    month opened, forecasts), and the other benchmarks read the kept one."""
    env = dict(env)
    if "DATABASE_URL" in env:
        import psycopg

        base, source = env["DATABASE_URL"].rsplit("/", 1)
        name = f"sightline_bench_load_{scale}"
        with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            for attempt in range(60):  # a template may have no other session connected
                try:
                    conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{source}"')
                    break
                except psycopg.errors.ObjectInUse:
                    if attempt == 59:
                        raise
                    time.sleep(5)
        env["DATABASE_URL"] = f"{base}/{name}"
    else:
        import sqlite3

        path = Path(env["SQLITE_PATH"]).with_name(f"load-{scale}.sqlite3")
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        with sqlite3.connect(env["SQLITE_PATH"]) as src, sqlite3.connect(path) as dest:
            src.backup(dest)
        with sqlite3.connect(path) as conn:
            conn.execute("PRAGMA journal_mode=WAL")
        env["SQLITE_PATH"] = str(path)
    return env


def drop_copy(env: dict[str, str]) -> None:
    if "DATABASE_URL" in env:
        import psycopg

        base, name = env["DATABASE_URL"].rsplit("/", 1)
        with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale")
    parser.add_argument("--worker", action="store_true")
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--users", default="50,200")
    parser.add_argument("--scales", default="luton,county")
    parser.add_argument("--servers", type=int, default=1, help="gunicorns over one database")
    parser.add_argument(
        "--councils", type=int, default=40, help="national scale: councils the users spread over"
    )
    parser.add_argument(
        "--edit-every",
        type=float,
        default=0,
        help="seconds between direct saves of a saving line while the users work (0: none)",
    )
    args = parser.parse_args()
    if importlib.util.find_spec("locust") is None:
        raise SystemExit(
            "bench/load.py needs locust, which is not installed: run "
            "`.venv/bin/pip install locust` (or `uv pip install --python .venv/bin/python "
            "locust`) and try again."
        )
    users = [int(u) for u in args.users.split(",")]
    if args.worker:
        result = worker(
            args.scale, users, args.seconds, args.servers, args.councils, args.edit_every
        )
        print(json.dumps(result))
        return
    engine = "PostgreSQL" if os.environ.get("DATABASE_URL") else "SQLite"
    load = os.getloadavg()[0]
    found = {}
    for scale in args.scales.split(","):
        env = copy_of(scale, ensure_database(scale))
        done = subprocess.run(  # noqa: S603
            [
                sys.executable,
                __file__,
                "--scale",
                scale,
                "--worker",
                "--seconds",
                str(args.seconds),
                "--users",
                args.users,
                "--servers",
                str(args.servers),
                "--councils",
                str(args.councils),
                "--edit-every",
                str(args.edit_every),
            ],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        drop_copy(env)
        if done.returncode != 0:
            raise SystemExit(f"load test at {scale} scale failed:\n{done.stderr[-3000:]}")
        found[scale] = json.loads(done.stdout.strip().splitlines()[-1])
    print(
        f"\n## Mixed load: {args.servers} x gunicorn ({WORKERS} {WORKER_CLASS} workers x "
        f"{THREADS} threads, DEBUG off) on 127.0.0.1, {engine}, locust headless running the "
        f"roles' journeys (bench/locustfile.py), users arriving over {RAMP} s, then "
        f"{args.seconds} s measured; load average {load:.2f} at the start, "
        f"{os.getloadavg()[0]:.2f} at the end; the summary cache "
        + ("off" if os.environ.get("SIGHTLINE_SUMMARY_CACHE") in {"0", "false", "no"} else "on")
        + (f", a saving line saved every {args.edit_every:g} s" if args.edit_every else "")
    )
    missed = report(found, users, args.seconds, engine)
    print("\n**Targets not met:** " + ("; ".join(missed) if missed else "none"))
    out = ROOT / "var" / "bench"
    out.mkdir(parents=True, exist_ok=True)
    name = f"load-{engine.lower()}-{args.servers}s-{'-'.join(args.scales.split(','))}.json"
    (out / name).write_text(json.dumps(found))


if __name__ == "__main__":
    main()
