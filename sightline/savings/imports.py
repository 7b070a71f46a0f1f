"""Importing a council's existing savings tracker (CSV or XLSX), one row per savings line.

The columns are those of a typical tracker: reference, title, savings_type, directorate,
bundle, financial_year, amount, kind, recurring, budget_code. Rows with the same reference
are one proposal. Every row is checked before anything is written, and the whole file is
saved in one transaction: a file with any wrong row saves nothing, and a killed import leaves
the database as it was. Running the same file again replaces each reference's lines rather
than adding to them, so an import can always simply be run again.
"""

from __future__ import annotations

import csv
import datetime
import io
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.utils import timezone

from sightline.accounts.models import Council, Directorate, Role
from sightline.accounts.permissions import require_role
from sightline.core.audit import record_event
from sightline.core.fiscal import FinancialYear, FinancialYearError
from sightline.core.models import AuditEvent
from sightline.core.money import MoneyError, parse_money
from sightline.savings import rules, selectors
from sightline.savings.models import (
    BudgetCode,
    Bundle,
    DecisionStatus,
    Proposal,
    SavingKind,
    SavingLine,
    SavingsType,
)

COLUMNS = [
    "reference",
    "title",
    "savings_type",
    "directorate",
    "bundle",
    "financial_year",
    "amount",
    "kind",
    "recurring",
    "budget_code",
]
REQUIRED = {"reference", "title", "savings_type", "directorate", "financial_year", "amount"}
PROPOSAL_COLUMNS = ["title", "savings_type", "directorate", "bundle"]
YES = {"yes", "y", "true", "1", "recurring"}
NO = {"no", "n", "false", "0", "one-off", "one off", "oneoff"}
KINDS = {
    "reduction": SavingKind.REDUCTION,
    "expenditure reduction": SavingKind.REDUCTION,
    "income": SavingKind.INCOME,
}
MAX_MESSAGES = 50
BATCH = 2000


class ImportRefused(ValidationError):
    """The file has rows that are wrong; nothing was saved. ``messages`` name row and column."""


@dataclass
class ImportResult:
    rows: int = 0
    created: int = 0
    changed: int = 0
    unchanged: int = 0
    lines: int = 0
    references: list[str] = field(default_factory=list)

    @property
    def proposals(self) -> int:
        return self.created + self.changed + self.unchanged


# --- reading files ----------------------------------------------------------------------------


def _header(name: object) -> str:
    return str(name or "").strip().lower().replace(" ", "_").replace("-", "_")


def _cell(value: object) -> str:
    """A spreadsheet cell as the text a person would read in it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return format(Decimal(repr(value)).normalize(), "f")
    return str(value).strip()


def read_rows(path: str | Path) -> list[dict[str, str]]:
    """The rows of a CSV or XLSX file as dicts keyed by the normalised column names."""
    path = Path(path)
    if path.suffix.lower() in {".xlsx", ".xlsm"}:
        from openpyxl import load_workbook

        book = load_workbook(path, read_only=True, data_only=True)
        try:
            sheet = book.worksheets[0]
            values = sheet.iter_rows(values_only=True)
            header = [_header(v) for v in next(values, ())]
            rows = [
                {h: _cell(v) for h, v in zip(header, row, strict=False) if h}
                for row in values
                if any(v not in (None, "") for v in row)
            ]
        finally:
            book.close()
        _check_header(header)
        return rows
    if path.suffix.lower() not in {".csv", ".txt"}:
        raise ImportRefused(f"{path.name}: import a .csv or .xlsx file.")
    text = path.read_bytes().decode("utf-8-sig", errors="replace")
    reader = csv.reader(io.StringIO(text))
    header = [_header(v) for v in next(reader, [])]
    _check_header(header)
    return [
        {h: (v or "").strip() for h, v in zip(header, row, strict=False) if h}
        for row in reader
        if any((v or "").strip() for v in row)
    ]


def _check_header(header: list[str]) -> None:
    missing = [c for c in COLUMNS if c in REQUIRED and c not in header]
    if missing:
        found = ", ".join(h for h in header if h) or "none"
        raise ImportRefused(
            f"Row 1: the file has no {', '.join(missing)} column"
            f"{'s' if len(missing) > 1 else ''} (columns found: {found}). The columns are: "
            f"{', '.join(COLUMNS)}."
        )


# --- the service ------------------------------------------------------------------------------


@dataclass
class _Line:
    row: int
    fy: FinancialYear
    amount_pence: int
    kind: str
    recurring: bool
    budget_code: BudgetCode | None

    def key(self) -> tuple:
        return (
            self.fy.start_year,
            self.amount_pence,
            self.kind,
            self.recurring,
            self.budget_code.pk if self.budget_code else None,
        )


@dataclass
class _Group:
    reference: str
    row: int
    values: dict
    lines: list[_Line]


class _Table:
    """A council's reference data by name (case-insensitive), for reading a column."""

    def __init__(self, objs: Iterable, attr: str, what: str) -> None:
        self.what = what
        self.by_name = {getattr(o, attr).strip().lower(): o for o in objs}
        self.names = sorted(getattr(o, attr) for o in objs)

    def choices(self) -> str:
        shown = ", ".join(self.names[:12])
        return shown + (f" and {len(self.names) - 12} more" if len(self.names) > 12 else "")


def _parse(council: Council, rows: list[Mapping[str, str]], first_row: int) -> list[_Group]:
    """Check every row; return the proposals to write, or raise with every problem found."""

    def table(model, attr, what):
        return _Table(model.objects.filter(council=council, disabled_on__isnull=True), attr, what)

    types = table(SavingsType, "name", "savings types")
    directorates = table(Directorate, "name", "directorates")
    bundles = table(Bundle, "name", "bundles")
    codes = table(BudgetCode, "code", "budget codes")
    errors: list[str] = []
    groups: dict[str, _Group] = {}

    def fail(row: int, column: str, message: str) -> None:
        errors.append(f"Row {row}, {column}: {message}")

    def named(row: int, column: str, text: str, table: _Table) -> object | None:
        if not text:
            return None
        found = table.by_name.get(text.lower())
        if found is None:
            fail(
                row,
                column,
                f"{text!r} is not one of your council's {table.what} "
                f"(use one of {table.choices()}).",
            )
        return found

    fy_cache: dict[str, FinancialYear] = {}
    for index, raw in enumerate(rows):
        row = first_row + index
        get = {c: (raw.get(c) or "").strip() for c in COLUMNS}
        reference = get["reference"]
        if not reference:
            fail(row, "reference", "every row needs the proposal's reference.")
            continue
        if len(reference) > 60:
            fail(row, "reference", f"{reference[:20]!r}… is longer than 60 characters.")
            continue
        if len(get["title"]) > 300:
            fail(row, "title", "the title is longer than 300 characters.")
        values = {
            "title": get["title"],
            "savings_type": named(row, "savings_type", get["savings_type"], types),
            "directorate": named(row, "directorate", get["directorate"], directorates),
            "bundle": named(row, "bundle", get["bundle"], bundles),
        }
        group = groups.get(reference)
        if group is None:
            for column in ("title", "savings_type", "directorate"):
                if not get[column]:
                    fail(row, column, f"the first row of {reference} needs its {column}.")
            group = groups[reference] = _Group(reference, row, values, [])
        else:
            for column in PROPOSAL_COLUMNS:
                if get[column] and values[column] != group.values[column]:
                    fail(
                        row,
                        column,
                        f"{get[column]!r} differs from row {group.row}'s for the same "
                        f"reference {reference}.",
                    )
        text = get["financial_year"]
        fy = fy_cache.get(text)
        if fy is None:
            try:
                fy = fy_cache[text] = FinancialYear.parse(text)
            except FinancialYearError as error:
                fail(row, "financial_year", str(error))
        try:
            amount = parse_money(get["amount"])
        except MoneyError as error:
            fail(row, "amount", str(error))
            amount = None
        kind = KINDS.get(get["kind"].lower()) if get["kind"] else SavingKind.REDUCTION
        if kind is None:
            fail(row, "kind", f"{get['kind']!r} is not a kind of saving (use reduction or income).")
        recurring_text = get["recurring"].lower()
        recurring = True if not recurring_text else recurring_text in YES
        if recurring_text and recurring_text not in YES | NO:
            fail(row, "recurring", f"{get['recurring']!r} is not yes or no.")
        code = named(row, "budget_code", get["budget_code"], codes)
        if fy is not None and amount is not None and kind is not None:
            group.lines.append(_Line(row, fy, amount, kind, recurring, code))
    if errors:
        more = len(errors) - MAX_MESSAGES
        shown = errors[:MAX_MESSAGES] + ([f"… and {more} more problems."] if more > 0 else [])
        raise ImportRefused(shown)
    return list(groups.values())


def _db_value(field, value, cache: dict):
    """A value as the database driver takes it; the common plain values go through as they
    are, which is what makes a bulk write of thousands of rows fast."""
    if value is None or type(value) in (int, str, bool):
        return value
    if isinstance(value, FinancialYear):
        return value.start_year
    if isinstance(value, datetime.datetime):
        key = ("datetime", value)
        if key not in cache:
            cache[key] = field.get_db_prep_save(value, connection)
        return cache[key]
    return field.get_db_prep_save(value, connection)


def _insert(model, objs: list) -> None:
    """INSERT ``objs`` (instances, or dicts by attname) with one ``executemany``.

    Like ``bulk_create`` without its per-value compilation and without signals (the caller
    writes the history rows itself); ``created_at`` and ``modified_at`` must be set. The new
    ids are not read back: see :func:`_new_ids`.
    """
    if not objs:
        return
    meta = model._meta
    fields = [f for f in meta.concrete_fields if not f.primary_key]  # the database numbers
    quote = connection.ops.quote_name
    sql = (
        f"INSERT INTO {quote(meta.db_table)} ({', '.join(quote(f.column) for f in fields)}) "  # noqa: S608
        f"VALUES ({', '.join(['%s'] * len(fields))})"
    )
    cache: dict = {}
    if isinstance(objs[0], dict):
        rows = [[_db_value(f, o.get(f.attname), cache) for f in fields] for o in objs]
    else:
        rows = [[_db_value(f, getattr(o, f.attname), cache) for f in fields] for o in objs]
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH):
            cursor.executemany(sql, rows[start : start + BATCH])


def _update(model, objs: list, names: list[str]) -> None:
    """UPDATE the ``names`` fields of ``objs`` with one ``executemany`` (no signals)."""
    if not objs:
        return
    meta = model._meta
    fields = [meta.get_field(name) for name in names]
    quote = connection.ops.quote_name
    sql = (
        f"UPDATE {quote(meta.db_table)} SET "  # noqa: S608
        f"{', '.join(f'{quote(f.column)} = %s' for f in fields)} "
        f"WHERE {quote(meta.pk.column)} = %s"
    )
    cache: dict = {}
    rows = [[*(_db_value(f, getattr(o, f.attname), cache) for f in fields), o.pk] for o in objs]
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH):
            cursor.executemany(sql, rows[start : start + BATCH])


def _new_ids(objs: list, queryset, key) -> None:
    """Give freshly inserted ``objs`` their ids, read back from ``queryset`` (the rows just
    written and no others): ids are handed out in the order of the insert."""
    by_key: dict = defaultdict(list)
    for pk, *values in queryset.order_by("pk").values_list("pk", *key):
        by_key[tuple(values)].append(pk)
    for obj in objs:
        obj.pk = by_key[tuple(getattr(obj, k) for k in key)].pop(0)
        obj._state.adding, obj._state.db = False, connection.alias


def _historical(model, objs, *, kind: str, by, reason: str, when) -> None:
    """History rows for records written in bulk, so history reads them back as of any date."""
    names = [f.attname for f in model.history.model.tracked_fields]
    stamp = {
        "history_date": when,
        "history_user_id": by.pk,
        "history_change_reason": reason,
        "history_type": kind,
    }
    _insert(model.history.model, [{**{n: getattr(o, n) for n in names}, **stamp} for o in objs])


@transaction.atomic
def proposals_import(
    *,
    council: Council,
    by,
    rows: list[Mapping[str, str]],
    reason: str = "",
    first_row: int = 2,
) -> ImportResult:
    """Create or update a council's proposals from tracker rows, one per savings line.

    ``rows`` are dicts keyed by :data:`COLUMNS`; row numbers in messages count the header as
    row 1, as a spreadsheet does. An existing reference's title, type, directorate and bundle
    are updated and its lines replaced (unchanged ones are left alone). Nothing is saved if
    any row is wrong. Budget codes over their budget are not refused here: the checks page
    lists them, as it does for lines entered by hand.
    """
    membership = require_role(by, [Role.PROGRAMME_OFFICE], action="import savings proposals")
    if membership.council_id != council.pk:
        raise PermissionDenied("You can only import your own council's proposals.")
    reason = reason or "Imported from the council's tracker"
    groups = _parse(council, rows, first_row)
    now = timezone.now()
    existing = {
        p.reference: p
        for p in Proposal.objects.select_for_update().filter(
            council=council, reference__in=[g.reference for g in groups]
        )
    }
    old_lines: dict[int, list[SavingLine]] = defaultdict(list)
    for line in SavingLine.objects.filter(proposal__in=list(existing.values())).order_by("pk"):
        old_lines[line.proposal_id].append(line)

    result = ImportResult(rows=len(rows), references=[g.reference for g in groups])
    names = _names(council)
    errors = []
    new: list[tuple[_Group, Proposal]] = []
    touched: dict[int, tuple[Proposal, dict]] = {}  # changed fields or replaced lines
    replace: list[tuple[_Group, Proposal]] = []
    for group in groups:
        p = existing.get(group.reference)
        if p is None:
            p = Proposal(
                council=council,
                reference=group.reference,
                created_by=by,
                modified_by=by,
                created_at=now,
                modified_at=now,
            )
            for name, value in group.values.items():
                setattr(p, name, value)
            new.append((group, p))
            continue
        changes = {}
        for name in PROPOSAL_COLUMNS:
            value = group.values[name]
            if name != "bundle" and not value:
                continue  # a later row may leave them blank; the first row was checked
            if name == "title":
                old, new_value = p.title, value
            else:
                old, new_value = getattr(p, f"{name}_id"), value.pk if value else None
            if old != new_value:
                changes[name] = [names.get((name, old), old), names.get((name, new_value), value)]
                setattr(p, name, value)
        same_lines = sorted(line.key() for line in group.lines) == sorted(
            _key(line) for line in old_lines[p.pk]
        )
        if not same_lines:
            if rules.profile_is_empty(group.lines) and (
                p.decision_status == DecisionStatus.APPROVED or p.stage in selectors.IN_DELIVERY
            ):
                errors.append(
                    f"Row {group.row}, amount: {p.reference} is approved or live, so its "
                    "savings profile cannot be empty."
                )
            replace.append((group, p))
            changes["lines"] = [len(old_lines[p.pk]), len(group.lines)]
        if changes:
            touched[p.pk] = (p, changes)
        else:
            result.unchanged += 1
    if errors:
        raise ImportRefused(errors)
    result.changed = len(touched)

    # Proposals: new ones in bulk; changed ones with their version bumped, as an edit would.
    created = [p for _, p in new]
    _insert(Proposal, created)
    _new_ids(
        created,
        Proposal.objects.filter(council=council, reference__in=[p.reference for p in created]),
        ["reference"],
    )
    result.created = len(created)
    for p, _ in touched.values():
        p.version += 1
        p.modified_by, p.modified_at = by, now
    _update(
        Proposal,
        [p for p, _ in touched.values()],
        ["title", "savings_type", "directorate", "bundle", "version", "modified_by", "modified_at"],
    )
    _historical(Proposal, created, kind="+", by=by, reason=reason, when=now)
    _historical(
        Proposal, [p for p, _ in touched.values()], kind="~", by=by, reason=reason, when=now
    )

    # Lines: a replaced profile's old lines go (with their history), then every new line.
    gone = [line for _, p in replace for line in old_lines[p.pk]]
    _delete(SavingLine, [line.pk for line in gone])
    _historical(SavingLine, gone, kind="-", by=by, reason=reason, when=now)
    writes = new + replace
    lines = [
        SavingLine(
            proposal=p,
            fy=line.fy,
            amount_pence=line.amount_pence,
            kind=line.kind,
            recurring=line.recurring,
            budget_code=line.budget_code,
            created_by=by,
            modified_by=by,
            created_at=now,
            modified_at=now,
        )
        for group, p in writes
        for line in group.lines
    ]
    _insert(SavingLine, lines)
    _new_ids(
        lines, SavingLine.objects.filter(proposal__in=[p.pk for _, p in writes]), ["proposal_id"]
    )
    _historical(SavingLine, lines, kind="+", by=by, reason=reason, when=now)
    result.lines = sum(len(g.lines) for g in groups)

    # A budget code named on a line is linked to its proposal (the initiation gate's code).
    Through = Proposal.budget_codes.through
    wanted = {(p.pk, ln.budget_code.pk) for g, p in writes for ln in g.lines if ln.budget_code}
    have = set(
        Through.objects.filter(proposal_id__in={pid for pid, _ in wanted}).values_list(
            "proposal_id", "budgetcode_id"
        )
    )
    _insert(Through, [{"proposal_id": p, "budgetcode_id": c} for p, c in sorted(wanted - have)])

    # The audit trail: an event per proposal created or changed, and one for the import.
    kind = ContentType.objects.get_for_model(Proposal)

    def event(p: Proposal, verb: str, changes: dict) -> dict:
        return {
            "council_id": council.pk,
            "actor_id": by.pk,
            "verb": verb,
            "target_type_id": kind.pk,
            "target_id": str(p.pk),
            "target_repr": str(p)[:300],
            "changes": changes,
            "reason": reason,
            "at": now,
        }

    _insert(
        AuditEvent,
        [event(p, "proposal.imported", {"lines": [0, len(g.lines)]}) for g, p in new]
        + [event(p, "proposal.import_changed", c) for p, c in touched.values()],
    )
    record_event(
        actor=by,
        verb="proposals.imported",
        target=council,
        council=council,
        changes={
            "rows": result.rows,
            "created": result.created,
            "changed": result.changed,
            "unchanged": result.unchanged,
            "lines": result.lines,
        },
        reason=reason,
    )
    return result


def _names(council: Council) -> dict[tuple[str, int], str]:
    """Names of the council's types, directorates and bundles by id, for the audit trail."""
    names: dict[tuple[str, int], str] = {}
    for column, model in (
        ("savings_type", SavingsType),
        ("directorate", Directorate),
        ("bundle", Bundle),
    ):
        for pk, name in model.objects.filter(council=council).values_list("pk", "name"):
            names[(column, pk)] = name
    return names


def _delete(model, pks: list[int]) -> None:
    """Delete rows by id in one statement a chunk, without a signal per row (the caller
    writes their history in bulk)."""
    table = connection.ops.quote_name(model._meta.db_table)
    column = connection.ops.quote_name(model._meta.pk.column)
    with connection.cursor() as cursor:
        for start in range(0, len(pks), 500):
            chunk = pks[start : start + 500]
            marks = ", ".join(["%s"] * len(chunk))
            cursor.execute(f"DELETE FROM {table} WHERE {column} IN ({marks})", chunk)  # noqa: S608


def _key(line: SavingLine) -> tuple:
    return (line.fy.start_year, line.amount_pence, line.kind, line.recurring, line.budget_code_id)
