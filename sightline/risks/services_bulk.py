"""Many risks written at once (an import of a council's register), each through
:func:`sightline.risks.services.risk_save`, the service a form uses, so every rule applies:
who may add or change a risk, its directorate and owner of the council's own, and the
scoring rules. A register that gives only scores is held as given; one that rates a risk
only by RAG each quarter is held with its RAGs and no scores, never invented ones. Nothing
is saved unless every row passes."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from sightline.accounts.models import Council
from sightline.accounts.permissions import check
from sightline.core.audit import save_audited
from sightline.core.tables import Change, TableRefused
from sightline.risks.models import Risk, RiskRag
from sightline.risks.services import SCORE_FIELDS, risk_save

if TYPE_CHECKING:
    from django.contrib.auth.models import User


@dataclass
class RiskRow:
    """One risk read from a register: its number, the fields the register gives, and its
    RAG by quarter (the quarter's first day), with the columns they came from."""

    row: int
    number: int
    values: dict = field(default_factory=dict)  # fields of risks.services.RISK_FIELDS
    rags: dict[datetime.date, str] = field(default_factory=dict)
    where: dict[datetime.date, str] = field(default_factory=dict)


@dataclass
class RisksResult:
    created: list[Change] = field(default_factory=list)
    changed: list[Change] = field(default_factory=list)
    unchanged: int = 0
    rags: int = 0


def _messages(row: int, error: Exception, column: str = "") -> list[str]:
    if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
        return [
            f"Row {row}, {column or name}: {' '.join(messages)}"
            for name, messages in error.message_dict.items()
        ]
    words = error.messages if isinstance(error, ValidationError) else [str(error)]
    return [f"Row {row}, {column or 'number'}: {' '.join(words)}"]


@transaction.atomic
def risks_save_many(
    *, council: Council, by: User, rows: list[RiskRow], reason: str = "", dry_run: bool = False
) -> RisksResult:
    """Add or change the council's risks (by number) and their RAG by quarter. Refuses,
    saving nothing, with every problem by row and column; with ``dry_run`` checks everything,
    saves nothing, and says what it would do."""
    check(by, "risks.import_risks", council)
    reason = reason or "Imported from the council's risk register"
    existing = {
        r.number: r
        for r in Risk.objects.filter(council=council, number__in=[r.number for r in rows])
    }
    rags = {(r.risk_id, r.quarter): r for r in RiskRag.objects.filter(risk__in=existing.values())}
    errors: list[str] = []
    result = RisksResult()
    seen: dict[int, int] = {}
    for row in rows:
        if row.number in seen:
            errors.append(
                f"Row {row.row}, number: risk {row.number} is also on row {seen[row.number]}."
            )
            continue
        seen[row.number] = row.row
        found, change = _save_one(row, existing.get(row.number), rags, by=by, reason=reason)
        errors += found
        result.rags += sum(1 for d in (change.details if change else []) if d.startswith("RAG "))
        if change is None:
            result.unchanged += 1
        elif change.action == "create":
            result.created.append(change)
        else:
            result.changed.append(change)
    if errors:
        raise TableRefused(errors)
    if dry_run:
        transaction.set_rollback(True)
    return result


def _save_one(row: RiskRow, risk: Risk | None, rags: dict, *, by: User, reason: str):
    data = {k: v for k, v in row.values.items() if risk is None or getattr(risk, k) != v}
    rag_only = bool(row.rags) and not any(row.values.get(n) is not None for n in SCORE_FIELDS)
    change = None
    try:
        if risk is None:
            risk = risk_save(
                by=by, data={**data, "number": row.number}, reason=reason, rag_only=rag_only
            )
            change = Change(str(row.number), risk.title, "create")
        elif data:
            if risk.closed_on is not None:
                return [
                    f"Row {row.row}, number: risk {row.number} is closed: reopen it first."
                ], None
            risk = risk_save(by=by, data=data, risk=risk, reason=reason, rag_only=rag_only)
            changed = ", ".join(n.replace("_", " ") for n in data)
            change = Change(str(row.number), risk.title, "change", [f"Changed: {changed}"])
    except (ValidationError, PermissionDenied) as error:
        return _messages(row.row, error), None
    errors = []
    for quarter, rag in sorted(row.rags.items()):
        current = rags.get((risk.pk, quarter))
        if current is not None and current.rag == rag:
            continue
        try:
            check(by, "risks.change_risk", risk)
            item = current or RiskRag(risk=risk, quarter=quarter)
            item.rag = rag
            item.full_clean(exclude=["risk"], validate_constraints=False)
            save_audited(item, by=by, reason=reason)
        except (ValidationError, PermissionDenied) as error:
            errors += _messages(row.row, error, row.where.get(quarter, "rag"))
            continue
        change = change or Change(str(row.number), risk.title, "change")
        change.details.append(f"RAG {item.label}: {item.get_rag_display()}")
    return errors, change
