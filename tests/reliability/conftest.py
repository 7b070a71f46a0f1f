"""The reliability suite: real processes against a real database.

Each test gets its own database: an SQLite file (WAL) copied from the migrated test database,
or, when DATABASE_URL is set, a PostgreSQL database made from it as a template. Work is done
in subprocesses pointed at it through SQLITE_PATH or DATABASE_URL, as a server would be.
Quick versions run in the default suite; ``RELIABILITY_FULL=1`` (``make reliability``) runs
the full counts.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest

FULL = os.environ.get("RELIABILITY_FULL") == "1"
ROOT = Path(__file__).resolve().parents[2]


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "reliability: real processes against a real database (RELIABILITY_FULL=1 for full counts)",
    )


def counts(quick, full):
    return full if FULL else quick


@dataclass
class FileDatabase:
    """A database of its own for one test, and how to run Sightline against it."""

    vendor: str
    name: str  # the SQLite file, or the PostgreSQL database name
    url: str = ""

    @property
    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "SQLITE_PATH"}}
        env.update(
            DJANGO_SETTINGS_MODULE="config.settings",
            LOG_LEVEL="WARNING",
            PYTHONPATH=str(ROOT),
        )
        if self.vendor == "sqlite":
            env["SQLITE_PATH"] = self.name
        else:
            env["DATABASE_URL"] = self.url
        return env

    def command(self, *args: str) -> list[str]:
        return [sys.executable, "-m", "sightline.cli", *args]

    def worker(self, *args: str) -> list[str]:
        return [sys.executable, "-m", "tests.reliability.workers", *args]

    def run(self, argv: list[str], *, timeout: float = 300) -> subprocess.CompletedProcess:
        return subprocess.run(
            argv, env=self.env, cwd=ROOT, capture_output=True, text=True, timeout=timeout
        )

    def json(self, argv: list[str]) -> dict:
        done = self.run(argv)
        assert done.returncode == 0, done.stderr[-3000:]
        return json.loads(done.stdout.strip().splitlines()[-1])

    def popen(self, argv: list[str]) -> subprocess.Popen:
        return subprocess.Popen(
            argv, env=self.env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )

    def settle(self, *, timeout: float = 60) -> float:
        """Wait until no other session is connected to the database, and return how long
        that took. A client killed after sending COMMIT leaves its server session to finish
        the commit (on PostgreSQL the summary's deferred triggers run then): the transaction
        is decided, committed or rolled back, only when that session ends. SQLite has no
        server: the killed process's transaction ended with it."""
        if self.vendor == "sqlite":
            return 0.0
        started = time.monotonic()
        while True:
            [(others,)] = self.query(
                "SELECT COUNT(*) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
            waited = time.monotonic() - started
            if not others:
                return waited
            assert waited < timeout, f"{others} sessions still connected after {timeout} s"
            time.sleep(0.02)

    def query(self, sql: str, params: tuple = ()) -> list[tuple]:
        """Read the database directly (DB-API), as an outside observer."""
        if self.vendor == "sqlite":
            with sqlite3.connect(self.name, timeout=30) as conn:
                return conn.execute(sql.replace("%s", "?"), params).fetchall()
        import psycopg

        with psycopg.connect(self.url) as conn:
            return conn.execute(sql, params).fetchall()


def _pg_admin(url: str):
    import psycopg

    base = url.rsplit("/", 1)[0]
    return psycopg.connect(f"{base}/postgres", autocommit=True), base


@pytest.fixture(scope="session")
def _template(django_db_setup, django_db_blocker, tmp_path_factory):
    """The migrated (empty) test database, saved once as a template for each test's copy."""
    from django.db import connection

    with django_db_blocker.unblock():
        if connection.vendor == "sqlite":
            path = tmp_path_factory.mktemp("reliability") / "template.sqlite3"
            connection.ensure_connection()
            target = sqlite3.connect(path)
            connection.connection.backup(target)
            target.close()
            yield ("sqlite", str(path))
            return
        source = connection.settings_dict["NAME"]
        connection.close()
        admin, base = _pg_admin(os.environ["DATABASE_URL"])
        name = f"rel_template_{uuid.uuid4().hex[:10]}"
        with admin:
            admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{source}"')
        yield ("postgresql", name)
        admin, _ = _pg_admin(os.environ["DATABASE_URL"])
        with admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def file_database(_template, tmp_path):
    """A fresh, migrated, empty database for this test (SQLite file or PostgreSQL)."""
    yield from _new_database(_template, tmp_path)


@pytest.fixture
def another_database(_template, tmp_path_factory):
    yield from _new_database(_template, tmp_path_factory.mktemp("another"))


def _new_database(template, directory):
    vendor, source = template
    if vendor == "sqlite":
        path = Path(directory) / "sightline.sqlite3"
        with sqlite3.connect(source) as src, sqlite3.connect(path) as dest:
            src.backup(dest)
        with sqlite3.connect(path) as conn:
            conn.execute("PRAGMA journal_mode=WAL")
        yield FileDatabase("sqlite", str(path))
        return
    admin, base = _pg_admin(os.environ["DATABASE_URL"])
    name = f"rel_{uuid.uuid4().hex[:12]}"
    with admin:
        admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{source}"')
    yield FileDatabase("postgresql", name, f"{base}/{name}")
    admin, _ = _pg_admin(os.environ["DATABASE_URL"])
    with admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
