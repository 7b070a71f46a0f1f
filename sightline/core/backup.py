"""A portable backup of every table, its restore, and per-table checksums.

``sightline backup FILE`` writes every table of the database (every model's table, the
many-to-many tables, the history tables and ``django_migrations``) to one gzipped JSON-lines
file, read through Django's fields so the same file restores on SQLite or PostgreSQL.
``sightline restore FILE`` loads it into an empty, migrated database in one transaction and
checks that every table's checksum matches the one recorded in the file.

A table's checksum is its row count and the SHA-256 of its rows in primary-key order, each
row written as canonical JSON: two databases holding the same data have the same checksums,
whatever engine they run on. ``sightline backup --checksums`` prints them.
"""

from __future__ import annotations

import base64
import datetime
import decimal
import gzip
import hashlib
import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.migrations.recorder import MigrationRecorder

from sightline.core.fiscal import FinancialYear

FORMAT = "sightline-backup"
VERSION = 1
CHUNK = 2000


class BackupError(Exception):
    """The backup cannot be made or restored here; the message says why and what to do."""


@dataclass(frozen=True)
class Checksum:
    table: str
    rows: int
    sha256: str

    def __str__(self) -> str:
        return f"{self.table:<48} {self.rows:>9,}  {self.sha256[:16]}"


# Tables the database keeps up itself, left out of a backup: restoring the programme summary's
# tokens would be wrong (the triggers change them as the rows go in), so the restored
# councils get new ones (sightline/savings/summary_cache.py).
DERIVED = {"savings_summaryversion"}


def models_to_copy() -> list:
    """Every model with a table of its own, auto-created many-to-many ones included, and the
    migration records; each table once, in name order. Derived tables are left out."""
    seen: dict[str, object] = {}
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.proxy or not meta.managed or meta.swapped or meta.db_table in DERIVED:
            continue
        seen.setdefault(meta.db_table, model)
    seen.setdefault(MigrationRecorder.Migration._meta.db_table, MigrationRecorder.Migration)
    return [seen[name] for name in sorted(seen)]


def tables_not_copied() -> list[str]:
    """Tables in the database that no model describes (a backup would leave them out)."""
    known = {m._meta.db_table for m in models_to_copy()} | DERIVED
    present = set(connection.introspection.table_names())
    return sorted(t for t in present - known if not t.startswith("sqlite_"))


# --- values -----------------------------------------------------------------------------------


def encode(value):
    """A field's Python value as plain JSON, tagged where JSON has no type of its own."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, FinancialYear):
        return value.start_year
    if isinstance(value, datetime.datetime):
        return {"dt": value.isoformat()}
    if isinstance(value, datetime.date):
        return {"date": value.isoformat()}
    if isinstance(value, datetime.time):
        return {"time": value.isoformat()}
    if isinstance(value, datetime.timedelta):
        return {"us": value // datetime.timedelta(microseconds=1)}
    if isinstance(value, decimal.Decimal):
        return {"dec": str(value)}
    if isinstance(value, float):
        return {"float": repr(value)}
    if isinstance(value, uuid.UUID):
        return {"uuid": str(value)}
    if isinstance(value, bytes | memoryview):
        return {"b64": base64.b64encode(bytes(value)).decode()}
    if isinstance(value, dict | list):
        return {"json": value}
    raise BackupError(f"cannot back up a value of type {type(value).__name__}: {value!r}")


def decode(value):
    if not isinstance(value, dict):
        return value
    [(tag, data)] = value.items()
    return {
        "dt": datetime.datetime.fromisoformat,
        "date": datetime.date.fromisoformat,
        "time": datetime.time.fromisoformat,
        "us": lambda us: datetime.timedelta(microseconds=us),
        "dec": decimal.Decimal,
        "float": float,
        "uuid": uuid.UUID,
        "b64": base64.b64decode,
        "json": lambda v: v,
    }[tag](data)


def _fields(model) -> list:
    return list(model._meta.concrete_fields)


def _rows(model) -> Iterator[list]:
    """The table's rows in primary-key order, each as a list of encoded values."""
    fields = _fields(model)
    names = [f.attname for f in fields]
    pk = model._meta.pk
    qs = model._base_manager.using(connection.alias).values_list(*names)
    integer_pk = pk.get_internal_type() in {"AutoField", "BigAutoField", "IntegerField"}
    if integer_pk:
        for row in qs.order_by(pk.attname).iterator(chunk_size=CHUNK):
            yield [encode(v) for v in row]
    else:  # text keys (sessions): sorted here, as collations differ between engines
        position = names.index(pk.attname)
        for row in sorted(qs.iterator(chunk_size=CHUNK), key=lambda r: str(r[position])):
            yield [encode(v) for v in row]


def _line(row: list) -> str:
    return json.dumps(row, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def checksums() -> list[Checksum]:
    """Every table's row count and the SHA-256 of its rows in primary-key order."""
    result = []
    for model in models_to_copy():
        digest, count = hashlib.sha256(), 0
        for row in _rows(model):
            digest.update(_line(row).encode())
            digest.update(b"\n")
            count += 1
        result.append(Checksum(model._meta.db_table, count, digest.hexdigest()))
    return result


# --- backup -----------------------------------------------------------------------------------


def backup(path: str | Path) -> list[Checksum]:
    """Write every table to ``path`` (gzipped JSON lines); return the tables' checksums.

    Read in one transaction (a consistent snapshot on PostgreSQL; on SQLite, writers wait).
    """
    sums = []
    with transaction.atomic(), gzip.open(path, "wt", encoding="utf-8", compresslevel=6) as out:
        applied = sorted(MigrationRecorder(connection).applied_migrations())
        header = {
            "format": FORMAT,
            "version": VERSION,
            "engine": connection.vendor,
            "made_at": datetime.datetime.now(datetime.UTC).isoformat(),
            "migrations": [list(m) for m in applied],
        }
        out.write(json.dumps(header) + "\n")
        for model in models_to_copy():
            fields = _fields(model)
            digest, count = hashlib.sha256(), 0
            rows = []
            for row in _rows(model):
                line = _line(row)
                digest.update(line.encode())
                digest.update(b"\n")
                rows.append(line)
                count += 1
            table = model._meta.db_table
            out.write(
                json.dumps(
                    {
                        "table": table,
                        "columns": [f.attname for f in fields],
                        "rows": count,
                        "sha256": digest.hexdigest(),
                    }
                )
                + "\n"
            )
            for line in rows:
                out.write(line + "\n")
            sums.append(Checksum(table, count, digest.hexdigest()))
    return sums


# --- restore ----------------------------------------------------------------------------------


def _read(path: str | Path):
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        first = handle.readline()
        try:
            header = json.loads(first)
        except json.JSONDecodeError as error:
            raise BackupError(f"{path} is not a Sightline backup.") from error
        if header.get("format") != FORMAT:
            raise BackupError(f"{path} is not a Sightline backup.")
        if header.get("version") != VERSION:
            raise BackupError(f"{path} is a version {header.get('version')} backup; this reads 1.")
        yield header
        table = None
        for line in handle:
            if line.startswith("{"):
                if table is not None:
                    yield table
                table = json.loads(line)
                table["data"] = []
            else:
                table["data"].append(json.loads(line))
        if table is not None:
            yield table


def _holds_data() -> dict[str, int]:
    """The tables that hold someone's data already: any login, or any council (the model
    named by ``SIGHTLINE_COUNCIL_MODEL``, found through the app registry, as core sits below
    the app that defines it)."""
    from django.apps import apps
    from django.conf import settings

    counts = {
        "councils": apps.get_model(settings.SIGHTLINE_COUNCIL_MODEL).objects.count(),
        "users": apps.get_model(settings.AUTH_USER_MODEL).objects.count(),
    }
    return {k: v for k, v in counts.items() if v}


def restore(path: str | Path, *, replace: bool = False) -> list[Checksum]:
    """Load a backup into this database in one transaction; return the checksums after.

    The database must be migrated to exactly the backup's migrations, and hold no councils or
    users unless ``replace`` is given. Every table's rows are replaced by the backup's, and
    every checksum must then equal the one recorded in the file, or nothing is kept.
    """
    path = Path(path)
    if not path.exists():
        raise BackupError(f"{path}: no such file.")
    by_table = {m._meta.db_table: m for m in models_to_copy()}
    reader = _read(path)
    header = next(reader)
    applied = sorted(list(m) for m in MigrationRecorder(connection).applied_migrations())
    if applied != sorted(header["migrations"]):
        theirs, ours = {tuple(m) for m in header["migrations"]}, {tuple(m) for m in applied}
        missing, extra = sorted(theirs - ours), sorted(ours - theirs)
        raise BackupError(
            "This database is not migrated to the backup's schema: "
            + (f"missing {', '.join('.'.join(m) for m in missing[:5])}. " if missing else "")
            + (f"it has {', '.join('.'.join(m) for m in extra[:5])} besides. " if extra else "")
            + "Restore into a new database migrated to the same version of Sightline."
        )
    if not replace and (held := _holds_data()):
        raise BackupError(
            "This database already holds data ("
            + ", ".join(f"{n} {k}" for k, n in held.items())
            + "): restore into an empty, migrated database, or pass --replace to wipe it."
        )
    expected = []
    quote = connection.ops.quote_name
    with transaction.atomic():
        with connection.cursor() as cursor:
            for table in by_table:
                cursor.execute(f"DELETE FROM {quote(table)}")  # noqa: S608
        for table in reader:
            model = by_table.get(table["table"])
            if model is None:
                raise BackupError(
                    f"The backup has a table {table['table']!r} this version does not know."
                )
            fields = {f.attname: f for f in _fields(model)}
            columns = table["columns"]
            if set(columns) != set(fields):
                raise BackupError(f"The columns of {table['table']} differ from the backup's.")
            ordered = [fields[c] for c in columns]
            sql = (
                f"INSERT INTO {quote(table['table'])} "  # noqa: S608
                f"({', '.join(quote(f.column) for f in ordered)}) "
                f"VALUES ({', '.join(['%s'] * len(ordered))})"
            )
            with connection.cursor() as cursor:
                for start in range(0, len(table["data"]), CHUNK):
                    cursor.executemany(
                        sql,
                        [
                            [_prepare(f, v) for f, v in zip(ordered, row, strict=True)]
                            for row in table["data"][start : start + CHUNK]
                        ],
                    )
            expected.append(Checksum(table["table"], table["rows"], table["sha256"]))
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), list(by_table.values())):
                cursor.execute(sql)
        ContentType.objects.clear_cache()
        after = checksums()
        wrong = [
            f"{a.table} ({a.rows:,} rows, backup {e.rows:,})"
            for a, e in zip(sorted(after, key=_name), sorted(expected, key=_name), strict=False)
            if (a.table, a.rows, a.sha256) != (e.table, e.rows, e.sha256)
        ]
        if len(after) != len(expected) or wrong:
            raise BackupError(
                "The restored data does not match the backup's checksums, so nothing was "
                f"restored: {', '.join(wrong) or 'a different set of tables'}."
            )
    return after


def _prepare(field, value):
    """An encoded value as the database takes it for ``field``."""
    value = decode(value)
    if field.get_internal_type() != "JSONField":
        value = field.to_python(value)
    return field.get_db_prep_save(value, connection)


def _name(checksum: Checksum) -> str:
    return checksum.table
