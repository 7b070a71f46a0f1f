"""What the benchmarks share: their own databases under var/bench/ (or PostgreSQL databases
named sightline_bench_<scale> when DATABASE_URL is set), generated once and kept, and a
production-like environment (DEBUG off)."""

from __future__ import annotations

import json
import os
import platform
import sqlite3
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH_DIR = ROOT / "var" / "bench"
PYTHON = sys.executable
BIN = Path(PYTHON).parent
# Each scale's council short code, and how many councils a complete database holds.
MARKERS = {"luton": ("luton", 1), "county": ("county", 1), "national": ("n0400", 400)}
FY = "2025/26"  # the year the generated monitoring months are in


def bench_env(scale: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DEBUG="0",
        SECRET_KEY="benchmarks-only-not-a-secret",
        SECURE="0",
        LOG_LEVEL="WARNING",
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        PYTHONPATH=str(ROOT),
    )
    url = os.environ.get("DATABASE_URL")
    if url:
        env["DATABASE_URL"] = f"{url.rsplit('/', 1)[0]}/sightline_bench_{scale}"
    else:
        env.pop("DATABASE_URL", None)
        env["SQLITE_PATH"] = str(BENCH_DIR / f"{scale}.sqlite3")
    return env


def engine() -> str:
    return "PostgreSQL" if os.environ.get("DATABASE_URL") else "SQLite"


def _has_data(scale: str, env: dict[str, str]) -> bool:
    code, councils = MARKERS[scale]
    sql = "SELECT COUNT(*) FROM accounts_council"
    try:
        if "DATABASE_URL" in env:
            import psycopg

            with psycopg.connect(env["DATABASE_URL"]) as conn:
                [(count,)] = conn.execute(sql).fetchall()
                found = conn.execute(
                    "SELECT 1 FROM accounts_council WHERE short_code = %s", (code,)
                ).fetchall()
        else:
            with sqlite3.connect(env["SQLITE_PATH"]) as conn:
                [(count,)] = conn.execute(sql).fetchall()
                found = conn.execute(
                    "SELECT 1 FROM accounts_council WHERE short_code = ?", (code,)
                ).fetchall()
    except Exception:  # noqa: BLE001 - no database or no tables yet
        return False
    return bool(found) and count == councils


def _fresh(env: dict[str, str]) -> None:
    if "DATABASE_URL" in env:
        import psycopg

        base, name = env["DATABASE_URL"].rsplit("/", 1)
        with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')
    else:
        BENCH_DIR.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            Path(env["SQLITE_PATH"] + suffix).unlink(missing_ok=True)


def sightline(env: dict[str, str], *args: str, check: bool = True) -> str:
    done = subprocess.run(  # noqa: S603 - our own console script
        [str(BIN / "sightline"), *args], env=env, cwd=ROOT, capture_output=True, text=True
    )
    if check and done.returncode != 0:
        raise SystemExit(f"sightline {' '.join(args)} failed:\n{done.stderr[-3000:]}")
    return done.stdout


def ensure_database(scale: str) -> dict[str, str]:
    """The scale's benchmark database, generated (seed 1) unless it is already there; a kept
    one is brought up to the code's migrations (new indexes change the figures)."""
    env = bench_env(scale)
    if _has_data(scale, env):
        sightline(env, "migrate", "--noinput", "-v0")
    else:
        print(f"-- generating the {scale} database ({engine()}); done once, then kept", flush=True)
        _fresh(env)
        sightline(env, "migrate", "--noinput", "-v0")
        out = sightline(env, "generate", "--scale", scale)
        print("   " + out.strip().splitlines()[-1], flush=True)
    return env


def run_worker(script: str, scale: str, *args: str, env: dict[str, str] | None = None) -> dict:
    """Run ``script --scale SCALE --worker`` against the scale's database; its JSON result."""
    env = env or ensure_database(scale)
    done = subprocess.run(  # noqa: S603
        [PYTHON, str(ROOT / "bench" / script), "--scale", scale, "--worker", *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise SystemExit(f"{script} --scale {scale} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def setup_django() -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()


def median(values) -> float:
    return statistics.median(values)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.1f}"


def table(headers: list[str], rows: list[list]) -> str:
    cells = [headers, *[[str(c) for c in row] for row in rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    lines = [
        "| " + " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) + " |"
        for row in cells
    ]
    lines.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)


def machine() -> str:
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
        memory = next(
            int(line.split()[1]) // 1024 // 1024
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        )
    except OSError:
        memory = 0
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0
    return (
        f"{os.cpu_count()} cores ({model}), {memory} GiB memory, Python "
        f"{platform.python_version()}, {engine()}, load average {load:.2f} at the start"
    )


def fresh_database(name: str, *generate: str) -> dict[str, str]:
    """A new database named ``name`` for a benchmark that writes, generated with ``generate``
    options (none: only migrated)."""
    env = bench_env(name)
    _fresh(env)
    sightline(env, "migrate", "--noinput", "-v0")
    if generate:
        sightline(env, "generate", *generate)
    return env


def copy_database(scale: str, name: str) -> dict[str, str] | None:
    """A throwaway copy of the scale's benchmark database named ``name``, for a benchmark that
    must commit what it adds (the summary cache is not used inside a transaction). None on
    PostgreSQL when the scale's database is in use (a template must have no other session)."""
    source, env = ensure_database(scale), bench_env(name)
    if "DATABASE_URL" in env:
        import psycopg

        base, target = env["DATABASE_URL"].rsplit("/", 1)
        template = source["DATABASE_URL"].rsplit("/", 1)[1]
        with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{target}" WITH (FORCE)')
            try:
                conn.execute(f'CREATE DATABASE "{target}" TEMPLATE "{template}"')
            except psycopg.Error:
                return None
        return env
    import shutil

    with sqlite3.connect(source["SQLITE_PATH"]) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    for suffix in ("-wal", "-shm"):
        Path(env["SQLITE_PATH"] + suffix).unlink(missing_ok=True)
    shutil.copyfile(source["SQLITE_PATH"], env["SQLITE_PATH"])
    return env


def drop_database(env: dict[str, str]) -> None:
    """Remove a copy made by :func:`copy_database`."""
    if "DATABASE_URL" in env:
        import psycopg

        base, name = env["DATABASE_URL"].rsplit("/", 1)
        with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        return
    for suffix in ("", "-wal", "-shm"):
        Path(env["SQLITE_PATH"] + suffix).unlink(missing_ok=True)
