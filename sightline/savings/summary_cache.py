"""The programme summary, kept between requests until a record it reads changes.

The dashboard, the bundle pages and the API all show :func:`selectors.programme_summary`,
which reads every proposal of the council. It is cached under a key that holds a *token*:
a random string per council (``SummaryVersion``) that database triggers replace in the same
transaction as any insert, update or delete of a table the summary reads (:data:`WATCHED`).
A write by any route (a form, an import, the API, the admin, a bulk update, raw SQL)
changes the token, so the next read misses the cache and computes the figures afresh; no
code path has to remember to clear it. ``docs/adr/0001-summary-cache.md`` says why.

A summary is stored only if the token was the same before and after it was computed, so
figures read while a write committed are never kept. Inside a transaction the cache is not
used at all: on PostgreSQL the token changes at commit, so a transaction that has written
would otherwise read its own summary from before the write.

Who may see what is part of the key: everyone entitled to exempt information shares one
entry; anyone else has their own, as they also see what they lead. So is the date, as an
exempt proposal becomes public on its ``exempt_until`` date.
"""

# ruff: noqa: S608 - the SQL here is built from this module's own table names, never from input

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.utils import timezone

TABLE = "savings_summaryversion"

# Each table the summary reads, and how a row names its council: directly (None), or through
# a parent table's council_id (parent table, foreign key column). A test checks that every
# table in the summary's SQL is here and has its triggers.
WATCHED: dict[str, tuple[str, str] | None] = {
    "accounts_directorate": None,
    "accounts_person": None,
    "savings_benefitconfirmation": ("savings_proposal", "proposal_id"),
    "savings_bundle": None,
    "savings_bundletarget": ("savings_bundle", "bundle_id"),
    "savings_forecast": ("savings_proposal", "proposal_id"),
    "savings_period": None,
    "savings_programmesettings": None,
    "savings_programmeyear": None,
    "savings_proposal": None,
    "savings_savingline": ("savings_proposal", "proposal_id"),
}

T = TypeVar("T")


# --- the triggers ------------------------------------------------------------------------------


def _council(ref: str, path: tuple[str, str] | None) -> str:
    """SQL for the council of the row ``ref`` (NEW or OLD)."""
    if path is None:
        return f"{ref}.council_id"
    parent, column = path
    return f'(SELECT council_id FROM "{parent}" WHERE id = {ref}.{column})'


def _sqlite(watched: dict) -> list[str]:
    token = "lower(hex(randomblob(16)))"
    sql = [
        f'CREATE TRIGGER "sightline_summary_council" AFTER INSERT ON "accounts_council" '
        f'BEGIN INSERT OR REPLACE INTO "{TABLE}" (council_id, token, txid) '
        f"VALUES (NEW.id, {token}, NULL); END"
    ]
    for table, path in watched.items():
        for op, refs in (("INSERT", ["NEW"]), ("UPDATE", ["NEW", "OLD"]), ("DELETE", ["OLD"])):
            councils = ", ".join(_council(ref, path) for ref in refs)
            sql.append(
                f'CREATE TRIGGER "sightline_summary_{table}_{op.lower()}" AFTER {op} ON "{table}" '
                f'BEGIN UPDATE "{TABLE}" SET token = {token} WHERE council_id IN ({councils}); END'
            )
    return sql


def _postgresql(watched: dict) -> list[str]:
    # Constraint triggers, deferred: they run at commit, so a transaction holds the council's
    # token row only while it commits (an import does not block other editors), and the txid
    # test makes the first of a transaction's rows change the token and the rest do nothing.
    sql = [
        f"""CREATE OR REPLACE FUNCTION sightline_summary_touch(c bigint) RETURNS void AS $$
        BEGIN
          IF c IS NOT NULL THEN
            UPDATE "{TABLE}" SET token = gen_random_uuid()::text, txid = txid_current()
            WHERE council_id = c AND txid IS DISTINCT FROM txid_current();
          END IF;
        END $$ LANGUAGE plpgsql""",
        f"""CREATE OR REPLACE FUNCTION sightline_summary_council() RETURNS trigger AS $$
        BEGIN
          INSERT INTO "{TABLE}" (council_id, token, txid)
          VALUES (NEW.id, gen_random_uuid()::text, NULL)
          ON CONFLICT (council_id) DO UPDATE SET token = EXCLUDED.token, txid = NULL;
          RETURN NULL;
        END $$ LANGUAGE plpgsql""",
        'CREATE TRIGGER "sightline_summary_council" AFTER INSERT ON "accounts_council" '
        "FOR EACH ROW EXECUTE FUNCTION sightline_summary_council()",
    ]
    for table, path in watched.items():
        sql += [
            f"""CREATE OR REPLACE FUNCTION "sightline_summary_{table}"() RETURNS trigger AS $$
            BEGIN
              IF TG_OP <> 'DELETE' THEN PERFORM sightline_summary_touch({_council("NEW", path)});
              END IF;
              IF TG_OP <> 'INSERT' THEN PERFORM sightline_summary_touch({_council("OLD", path)});
              END IF;
              RETURN NULL;
            END $$ LANGUAGE plpgsql""",
            f'CREATE CONSTRAINT TRIGGER "sightline_summary_{table}" '
            f'AFTER INSERT OR UPDATE OR DELETE ON "{table}" DEFERRABLE INITIALLY DEFERRED '
            f'FOR EACH ROW EXECUTE FUNCTION "sightline_summary_{table}"()',
        ]
    return sql


def install_sql(vendor: str, watched: dict) -> list[str]:
    """The statements that create the triggers on ``vendor`` for the ``watched`` tables."""
    if vendor == "sqlite":
        return _sqlite(watched)
    if vendor == "postgresql":
        return _postgresql(watched)
    raise NotImplementedError(f"no summary triggers for {vendor}")


def drop_sql(vendor: str, watched: dict) -> list[str]:
    if vendor == "sqlite":
        return ['DROP TRIGGER IF EXISTS "sightline_summary_council"'] + [
            f'DROP TRIGGER IF EXISTS "sightline_summary_{table}_{op}"'
            for table in watched
            for op in ("insert", "update", "delete")
        ]
    return [
        'DROP TRIGGER IF EXISTS "sightline_summary_council" ON "accounts_council"',
        "DROP FUNCTION IF EXISTS sightline_summary_council()",
        *(f'DROP TRIGGER IF EXISTS "sightline_summary_{t}" ON "{t}"' for t in watched),
        *(f'DROP FUNCTION IF EXISTS "sightline_summary_{t}"()' for t in watched),
        "DROP FUNCTION IF EXISTS sightline_summary_touch(bigint)",
    ]


def reinstall_triggers(*, using: str = "default", **_) -> None:
    """Drop and install every summary trigger afresh, if the watched tables exist.

    Run after every ``migrate`` (``post_migrate``, see ``apps.py``): SQLite rebuilds a table
    to alter one of its columns, and a rebuilt table has lost its triggers. Installing them
    again whatever the migrations did keeps the cache right without each later migration
    having to remember it. Idempotent.
    """
    from django.db import connections

    target = connections[using]
    existing = set(target.introspection.table_names())
    if TABLE not in existing or not set(WATCHED) <= existing:
        return
    with target.cursor() as cursor:
        for sql in [*drop_sql(target.vendor, WATCHED), *install_sql(target.vendor, WATCHED)]:
            cursor.execute(sql)


def triggered_tables() -> set[str]:
    """The tables that have a summary trigger in this database (for the completeness test)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT tbl_name FROM sqlite_master WHERE type = 'trigger' "
                "AND name LIKE 'sightline_summary_%'"
            )
        else:
            cursor.execute(
                "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
                "WHERE t.tgname LIKE 'sightline_summary_%'"
            )
        return {row[0] for row in cursor.fetchall()}


# --- the cache ---------------------------------------------------------------------------------


def token(council_id: int) -> str | None:
    with connection.cursor() as cursor:
        cursor.execute(f'SELECT token FROM "{TABLE}" WHERE council_id = %s', [council_id])
        row = cursor.fetchone()
    return row[0] if row else None


def usable() -> bool:
    return settings.SIGHTLINE_SUMMARY_CACHE and not connection.in_atomic_block


def cached(membership, fy, compute: Callable[[], T]) -> T:
    """``compute()``, or the value it gave for the same council, year, viewer, day and token."""
    if not usable():
        return compute()
    council_id = membership.council_id
    before = token(council_id)
    if before is None:  # no token row (a council made before the triggers): never cached
        return compute()
    viewer = "exempt" if membership.sees_exempt else f"user-{membership.user_id}"
    key = f"summary:{council_id}:{fy.start_year}:{viewer}:{timezone.localdate()}:{before}"
    cache = caches[settings.SIGHTLINE_SUMMARY_CACHE_ALIAS]
    value = cache.get(key)
    if value is None:
        value = compute()
        if token(council_id) == before:
            cache.set(key, value)
    return value
