"""A load test on loopback: gunicorn (DEBUG off) serving the generated database, locust
headless against the programme dashboard, 10 and 50 users for about 30 s each, at luton
and county scale. Reports p50, p95, p99 and requests per second. Only 127.0.0.1 is used.

    .venv/bin/python bench/load.py [--seconds 30] [--users 10,50] [--scales luton,county]

Needs locust (a dev tool, not a dependency of Sightline): .venv/bin/pip install locust
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

from _common import BIN, FY, ROOT, ensure_database, setup_django, table

# gunicorn: sync workers, one more than the cores. A sync worker accepts a connection only
# when it is free, so the kernel shares requests out among the processes; gthread workers
# keep their clients' keep-alive connections, so one process can hold most of the users
# while the other idles (docs/benchmarks.md has the figures of both). BENCH_WORKER_CLASS,
# BENCH_WORKERS and BENCH_THREADS try others.
WORKER_CLASS = os.environ.get("BENCH_WORKER_CLASS", "sync")
WORKERS = int(os.environ.get("BENCH_WORKERS", str((os.cpu_count() or 2) + 1)))
THREADS = int(os.environ.get("BENCH_THREADS", "1"))


def sessions(count: int, username: str) -> list[str]:
    """Signed-in session keys, made up front so logging in is not what is measured."""
    setup_django()
    from django.contrib.auth import get_user_model
    from django.test import Client

    user = get_user_model().objects.get(username=username)
    keys = []
    for _ in range(count):
        client = Client()
        client.force_login(user)
        keys.append(client.cookies["sessionid"].value)
    return keys


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(env: dict[str, str], var: Path) -> tuple[subprocess.Popen, int]:
    env = {**env, "SIGHTLINE_VAR_DIR": str(var)}
    (var / "assets").symlink_to(ROOT / "var" / "assets")
    subprocess.run(  # noqa: S603
        [str(BIN / "sightline"), "collectstatic", "--noinput", "-v0"], env=env, check=True
    )
    port = free_port()
    server = subprocess.Popen(  # noqa: S603
        [
            str(BIN / "gunicorn"),
            "config.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(WORKERS),
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
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2)  # noqa: S310
            return server, port
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("gunicorn did not start")


RAMP = 10  # seconds over which the users arrive, left out of the figures


def locust(port: int, users: int, seconds: int, keys: list[str], out: Path) -> dict:
    """Users arrive over RAMP seconds; the figures are of the ``seconds`` after that (locust's
    --reset-stats), with every user active: the steady state, not 50 first requests at once."""
    env = {
        **os.environ,
        "BENCH_SESSIONS": ",".join(keys),
        "BENCH_PATH": f"/programme/?fy={FY}",
    }
    prefix = out / f"u{users}"
    subprocess.run(  # noqa: S603
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
            f"http://127.0.0.1:{port}",
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
        check=True,
        capture_output=True,
        timeout=seconds + 120,
    )
    with open(f"{prefix}_stats.csv") as handle:
        row = next(r for r in csv.DictReader(handle) if r["Name"] == "Aggregated")
    return {
        "requests": int(row["Request Count"]),
        "failures": int(row["Failure Count"]),
        "p50": float(row["50%"]),
        "p95": float(row["95%"]),
        "p99": float(row["99%"]),
        "rps": float(row["Requests/s"]),
    }


def one_request(port: int, key: str) -> float:
    request = urllib.request.Request(  # noqa: S310
        f"http://127.0.0.1:{port}/programme/?fy={FY}", headers={"Cookie": f"sessionid={key}"}
    )
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=300) as response:  # noqa: S310
        response.read()
    return time.perf_counter() - started


def editor(scale: str, every: float, stop: threading.Event, done: list[int]) -> None:
    """Another officer saving a change to one of the council's saving lines every ``every``
    seconds, each in its own transaction: the dashboard's kept figures go stale each time."""
    from django.db import connection
    from django.utils import timezone

    from sightline.savings.models import SavingLine

    line = SavingLine.objects.filter(proposal__council__short_code=scale).order_by("pk").first()
    try:
        while not stop.wait(every):
            SavingLine.objects.filter(pk=line.pk).update(modified_at=timezone.now())
            done.append(1)
    finally:
        connection.close()


def worker(scale: str, users: list[int], seconds: int, edit_every: float) -> dict:
    keys = sessions(max(users), f"{scale}_programme_office")
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        server, port = serve(dict(os.environ), Path(tmp))
        try:
            first = min(one_request(port, keys[0]) for _ in range(2))
            results["one request"] = first
            for count in users:
                if first * count / (WORKERS * THREADS) > seconds:
                    results[count] = {"skipped": f"one request takes {first:.1f} s"}
                    continue
                stop, edits = threading.Event(), []
                if edit_every:
                    thread = threading.Thread(target=editor, args=(scale, edit_every, stop, edits))
                    thread.start()
                try:
                    results[count] = locust(port, count, seconds, keys, Path(tmp))
                finally:
                    stop.set()
                    if edit_every:
                        thread.join()
                results[count]["edits"] = len(edits)
        finally:
            server.terminate()
            server.wait(timeout=30)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale")
    parser.add_argument("--worker", action="store_true")
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--users", default="10,50")
    parser.add_argument("--scales", default="luton,county")
    parser.add_argument(
        "--edit-every",
        type=float,
        default=0,
        help="seconds between edits to a saving line while the users read (0: none)",
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
        print(json.dumps(worker(args.scale, users, args.seconds, args.edit_every)))
        return
    found = {}
    for scale in args.scales.split(","):
        env = ensure_database(scale)
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
                "--edit-every",
                str(args.edit_every),
            ],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        if done.returncode != 0:
            raise SystemExit(f"load test at {scale} scale failed:\n{done.stderr[-3000:]}")
        found[scale] = json.loads(done.stdout.strip().splitlines()[-1])
    print(
        f"\n## Load: gunicorn ({WORKERS} {WORKER_CLASS} workers x {THREADS} threads, DEBUG off) "
        f"on 127.0.0.1, locust headless, users arriving over {RAMP} s, then {args.seconds} s "
        "measured, each user opening the dashboard every 1-3 s; the summary cache "
        + ("off" if os.environ.get("SIGHTLINE_SUMMARY_CACHE") in {"0", "false", "no"} else "on")
        + (f", a saving line edited every {args.edit_every:g} s" if args.edit_every else "")
        + "\n"
    )
    rows = []
    for scale, result in found.items():
        for count in users:
            r = result[str(count)]
            if "skipped" in r:
                rows.append(
                    [scale, count, "-", "-", "-", "-", "-", f"not run: {r['skipped']}", "-"]
                )
                continue
            rows.append(
                [
                    scale,
                    count,
                    r["requests"],
                    f"{r['p50']:.0f}",
                    f"{r['p95']:.0f}",
                    f"{r['p99']:.0f}",
                    f"{r['rps']:.1f}",
                    r["failures"],
                    r.get("edits", 0),
                ]
            )
    print(
        table(
            [
                "scale",
                "users",
                "requests",
                "p50 ms",
                "p95 ms",
                "p99 ms",
                "req/s",
                "failures",
                "edits",
            ],
            rows,
        )
    )
    for scale, result in found.items():
        print(f"- {scale}: one dashboard request alone took {result['one request'] * 1000:,.0f} ms")
    (ROOT / "var" / "bench" / "load.json").write_text(json.dumps(found))


if __name__ == "__main__":
    main()
