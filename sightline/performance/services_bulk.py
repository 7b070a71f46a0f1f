"""Many indicators with their targets and actuals written at once (an import). Each record
is written by the service a form uses (:func:`indicator_save`, :func:`target_set`,
:func:`actual_record`), so every rule applies as it does to one typed in: the define and
record rules, a unique code, the period of the indicator's frequency, no actual for a period
not yet begun, commentary for a Red actual, and a second person's approval for each actual.
Only what differs from what Sightline holds is written; every problem is named by row and
column, and nothing is saved unless every row passes."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from sightline.accounts.models import Council
from sightline.accounts.permissions import check
from sightline.core.tables import Change, TableRefused
from sightline.performance import rules
from sightline.performance.models import Actual, Indicator, Target
from sightline.performance.services import actual_record, indicator_save, target_set

if TYPE_CHECKING:
    from django.contrib.auth.models import User


@dataclass
class IndicatorRow:
    """One indicator read from a file: its code, the fields the file gives, and its targets
    and actuals by period (any day of the period), with the columns they came from."""

    row: int
    code: str
    values: dict = field(default_factory=dict)  # fields of INDICATOR_FIELDS
    targets: dict[datetime.date, Decimal] = field(default_factory=dict)
    actuals: dict[datetime.date, tuple[Decimal, str]] = field(default_factory=dict)
    where: dict[tuple[str, datetime.date], tuple[int, str]] = field(default_factory=dict)


@dataclass
class IndicatorsResult:
    created: list[Change] = field(default_factory=list)
    changed: list[Change] = field(default_factory=list)
    unchanged: int = 0
    targets: int = 0
    actuals: int = 0


# A service's error on these names is about the cell itself: named by the file's column.
CELL = {"__all__", "period", "value"}


def _messages(row: int, column: str, error: Exception) -> list[str]:
    if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
        return [
            f"Row {row}, {column if name in CELL else name}: {' '.join(messages)}"
            for name, messages in error.message_dict.items()
        ]
    words = error.messages if isinstance(error, ValidationError) else [str(error)]
    return [f"Row {row}, {column}: {' '.join(words)}"]


@transaction.atomic
def indicators_save_many(
    *, council: Council, by: User, rows: list[IndicatorRow], reason: str = "", dry_run: bool = False
) -> IndicatorsResult:
    """Create or change the council's indicators and set their targets and actuals.
    Refuses, saving nothing, with every problem by row and column; with ``dry_run`` checks
    everything, saves nothing, and says what it would do."""
    check(by, "performance.import_indicators", council)
    reason = reason or "Imported from the council's indicators"
    existing = {
        i.code: i
        for i in Indicator.objects.filter(council=council, code__in=[r.code for r in rows])
    }
    targets = {
        (t.indicator_id, t.period): t
        for t in Target.objects.filter(indicator__in=existing.values())
    }
    actuals = {
        (a.indicator_id, a.period): a
        for a in Actual.objects.filter(indicator__in=existing.values())
    }
    errors: list[str] = []
    result = IndicatorsResult()
    for row in rows:
        writer = _Writer(row, existing.get(row.code), by=by, reason=reason)
        errors += writer.write(targets, actuals)
        if writer.change is None:
            result.unchanged += 1
        elif writer.change.action == "create":
            result.created.append(writer.change)
        else:
            result.changed.append(writer.change)
        result.targets += writer.targets
        result.actuals += writer.actuals
    if errors:
        raise TableRefused(errors)
    if dry_run:
        transaction.set_rollback(True)
    return result


class _Writer:
    """Writes one indicator's row, through the services, only where it differs."""

    def __init__(self, row: IndicatorRow, indicator: Indicator | None, *, by: User, reason: str):
        self.row, self.indicator, self.by, self.reason = row, indicator, by, reason
        self.change: Change | None = None
        self.targets = self.actuals = 0

    def note(self, detail: str | None = None) -> None:
        if self.change is None:
            title = self.row.values.get("title") or (self.indicator and self.indicator.title)
            self.change = Change(self.row.code, title or "", "change")
        if detail:
            self.change.details.append(detail)

    def write(self, targets: dict, actuals: dict) -> list[str]:
        row, indicator = self.row, self.indicator
        data = {
            k: v for k, v in row.values.items() if indicator is None or getattr(indicator, k) != v
        }
        try:
            if indicator is None:
                indicator = indicator_save(
                    by=self.by, data={**data, "code": row.code}, reason=self.reason
                )
                self.change = Change(row.code, indicator.title, "create")
            elif data:
                indicator = indicator_save(
                    by=self.by, data=data, indicator=indicator, reason=self.reason
                )
                self.note(f"Changed: {', '.join(n.replace('_', ' ') for n in data)}")
        except (ValidationError, PermissionDenied) as error:
            return _messages(row.row, "code", error)
        self.indicator = indicator
        return self.periods(targets, actuals)

    def periods(self, targets: dict, actuals: dict) -> list[str]:
        row, indicator = self.row, self.indicator
        errors: list[str] = []
        seen: dict[tuple[str, datetime.date], tuple[int, str]] = {}
        items = [("target", p, (v, "")) for p, v in row.targets.items()]
        items += [("actual", p, v) for p, v in row.actuals.items()]
        for what, day, (value, commentary) in sorted(items, key=lambda i: (i[0] != "target", i[1])):
            period = rules.period_start(day, indicator.frequency)
            line, column = row.where.get((what, day), (row.row, what))
            label = rules.period_label(period, indicator.frequency)
            if (what, period) in seen:
                other = seen[(what, period)][1]
                often = indicator.get_frequency_display().lower()
                errors.append(
                    f"Row {line}, {column}: {indicator.code} is reported {often}, so {column} "
                    f"and {other} are both its {what} for {label}."
                )
                continue
            seen[(what, period)] = (line, column)
            try:
                errors += self.period(what, period, value, commentary, targets, actuals, label)
            except (ValidationError, PermissionDenied) as error:
                errors += _messages(line, column, error)
        return errors

    def period(self, what, period, value, commentary, targets, actuals, label) -> list[str]:
        indicator = self.indicator
        key = (indicator.pk, period)
        if what == "target":
            current = targets.get(key)
            if current is None or current.value != value:
                target_set(
                    indicator=indicator, period=period, value=value, by=self.by, reason=self.reason
                )
                self.targets += 1
                if self.change is None or self.change.action != "create":
                    self.note(f"Target {label}: {value}")
            return []
        current = actuals.get(key)
        if (
            current is None
            or current.value != value
            or (commentary and current.commentary != commentary)
        ):
            actual_record(
                indicator=indicator,
                period=period,
                value=value,
                commentary=commentary or (current.commentary if current else ""),
                by=self.by,
                expected_version=current.version if current else None,
            )
            self.actuals += 1
            if self.change is None or self.change.action != "create":
                self.note(f"Actual {label}: {value}")
        return []
