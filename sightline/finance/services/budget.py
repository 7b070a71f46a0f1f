"""Writes to the plan itself and its budget tables: the plan's years and base budget, the
council's own budget lines with their figures by year, and the notes; closing a year."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from sightline.accounts.models import Council
from sightline.accounts.permissions import check
from sightline.accounts.services import check_own_links
from sightline.core.audit import check_version, delete_audited, save_audited, save_edit
from sightline.core.fiscal import FinancialYear
from sightline.finance.models import (
    REVENUE_KINDS,
    BudgetFigure,
    BudgetLine,
    BudgetNote,
    FinancialPlan,
    Section,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import User

# A line's figures for the years given: (budget, outturn) in pence; (None, None) removes
# that year's figures.
Figures = dict[FinancialYear, tuple[int | None, int | None]]


@transaction.atomic
def plan_save(
    *,
    council: Council,
    by: User,
    title: str,
    first_fy: FinancialYear,
    last_fy: FinancialYear,
    base_budget_pence: int,
    notes: str = "",
    expected_version: int | None = None,
    reason: str = "",
) -> FinancialPlan:
    """Set up the council's plan, or change it as read at ``expected_version``: its title,
    its first and last years and the base budget its gap builds on."""
    check(by, "finance.change_plan", council)
    plan = FinancialPlan.objects.select_for_update().filter(council=council).first()
    if plan is None:
        plan = FinancialPlan(council=council)
    else:
        check_version(plan, expected_version)
    if last_fy < first_fy:
        raise ValidationError({"last_fy": f"The last year comes before the first ({first_fy})."})
    if last_fy.start_year - first_fy.start_year > 9:
        raise ValidationError({"last_fy": "A plan runs for at most ten years."})
    plan.title, plan.first_fy, plan.last_fy = title.strip(), first_fy, last_fy
    plan.base_budget_pence, plan.notes = base_budget_pence, notes
    save_audited(plan, by=by, reason=reason)
    return plan


def _name_taken(line: BudgetLine) -> None:
    taken = BudgetLine.objects.filter(
        council_id=line.council_id, kind=line.kind, name__iexact=line.name
    ).exclude(pk=line.pk)
    if taken.exists():
        raise ValidationError(
            {"name": f"The {line.get_kind_display().lower()} table already has “{line.name}”."}
        )


@transaction.atomic
def budget_line_save(
    *,
    line: BudgetLine,
    by: User,
    figures: Figures | None = None,
    expected_version: int | None = None,
    reason: str = "",
) -> BudgetLine:
    """Add one of the council's budget lines, or change one as read at
    ``expected_version``, and set its figures for the years given."""
    check(by, "finance.change_budget", line)
    line.name = line.name.strip()
    _name_taken(line)
    save_edit(line, by=by, reason=reason, expected_version=expected_version)
    _set_figures(line, figures or {}, by=by, reason=reason)
    return line


def _set_figures(line: BudgetLine, figures: Figures, *, by: User, reason: str) -> None:
    current = {f.fy: f for f in line.figures.all()}
    for fy, (budget, outturn) in sorted(figures.items()):
        figure = current.get(fy)
        if budget is None and outturn is None:
            if figure is not None:
                delete_audited(figure, by=by, reason=reason or f"Figures for {fy} removed")
            continue
        figure = figure or BudgetFigure(line=line, fy=fy)
        if figure.pk and (figure.budget_pence, figure.outturn_pence) == (budget, outturn):
            continue
        figure.budget_pence, figure.outturn_pence = budget, outturn
        try:
            save_audited(figure, by=by, reason=reason)
        except ValidationError as error:
            raise ValidationError({f"figures {fy}": error.messages}) from error


@transaction.atomic
def budget_line_retire(
    *, line: BudgetLine, by: User, reason: str, expected_version: int | None = None
) -> BudgetLine:
    """Retire a line the council no longer keeps (it stays, with its figures, in history)."""
    current = BudgetLine.objects.select_for_update().get(pk=line.pk)
    check(by, "finance.change_budget", current)
    check_version(current, expected_version)
    if not reason.strip():
        raise ValidationError({"reason": "Say why the line is being retired"})
    current.disabled_on = timezone.localdate()
    save_audited(current, by=by, reason=reason)
    line.version, line.disabled_on = current.version, current.disabled_on
    return current


@transaction.atomic
def budget_note_save(
    *, note: BudgetNote, by: User, expected_version: int | None = None, reason: str = ""
) -> BudgetNote:
    """Add a note to the plan (on a line, a year or the plan as a whole), or change one."""
    check(by, "finance.change_budget", note)
    check_own_links(note)
    if note.line_id is not None:
        note.section = Section.REVENUE if note.line.kind in REVENUE_KINDS else Section.CAPITAL
    note.label, note.text = note.label.strip(), note.text.strip()
    if not note.text:
        raise ValidationError({"text": "Enter the note"})
    save_edit(note, by=by, reason=reason, expected_version=expected_version)
    return note


@transaction.atomic
def year_close(*, council: Council, fy: FinancialYear, by: User, reason: str = "") -> FinancialPlan:
    """Close ``fy``: its outturn is known, and its unachieved savings come into the next
    year's gap. Years close in order."""
    check(by, "finance.close_year", council)
    plan = _plan_for_update(council)
    if plan.closed_through is not None and fy <= plan.closed_through:
        raise ValidationError({"fy": f"{fy} is already closed."})
    if fy > plan.last_fy:
        raise ValidationError({"fy": f"{fy} is after the plan's last year, {plan.last_fy}."})
    following = plan.closed_through.next() if plan.closed_through else plan.first_fy
    if fy > following:
        raise ValidationError({"fy": f"Close {following} first: years close in order."})
    plan.closed_through = fy
    save_audited(plan, by=by, reason=reason or f"{fy} closed")
    return plan


@transaction.atomic
def year_reopen(*, council: Council, fy: FinancialYear, by: User, reason: str) -> FinancialPlan:
    """Reopen the last closed year (its outturn was not final after all)."""
    check(by, "finance.close_year", council)
    plan = _plan_for_update(council)
    if plan.closed_through != fy:
        latest = plan.closed_through
        raise ValidationError(
            {"fy": f"Only the last closed year, {latest}, can be reopened."}
            if latest
            else {"fy": "No year is closed."}
        )
    if not reason.strip():
        raise ValidationError({"reason": "Say why the year is being reopened"})
    plan.closed_through = fy.previous()
    save_audited(plan, by=by, reason=reason)
    return plan


def _plan_for_update(council: Council) -> FinancialPlan:
    plan = FinancialPlan.objects.select_for_update().filter(council=council).first()
    if plan is None:
        raise ValidationError("Set up the financial plan first: its years and base budget.")
    return plan


@dataclass
class LinesResult:
    """What a table of budget lines did: the lines created, those changed, how many stood."""

    created: list[BudgetLine] = field(default_factory=list)
    changed: list[BudgetLine] = field(default_factory=list)
    unchanged: int = 0
    figures: int = 0  # the yearly figures written


@transaction.atomic
def budget_lines_save_many(
    *, council: Council, by: User, rows: list[dict], reason: str = ""
) -> LinesResult:
    """A table of the council's budget lines (an imported financial plan), each row
    ``{"kind", "name", "position", "figures": {year: (budget, outturn)}}``: a line of that
    name in that table is brought up to date (the years given), another is added. Every row
    goes through :func:`budget_line_save`, so every rule a form asks is asked; all or
    nothing."""
    check(by, "finance.import_plan", council)
    result = LinesResult()
    errors = []
    for index, row in enumerate(rows, start=1):
        line = BudgetLine.objects.filter(
            council=council, kind=row["kind"], name__iexact=row["name"].strip()
        ).first()
        have = {f.fy: (f.budget_pence, f.outturn_pence) for f in line.figures.all()} if line else {}
        wanted = {fy: v for fy, v in row["figures"].items() if have.get(fy) != v}
        if line is not None and not wanted:
            result.unchanged += 1
            continue
        target = line or BudgetLine(
            council=council, kind=row["kind"], name=row["name"], position=row.get("position", 0)
        )
        try:
            budget_line_save(
                line=target,
                by=by,
                figures=wanted,
                expected_version=line.version if line else None,
                reason=reason,
            )
        except ValidationError as error:
            where = row.get("row", index)
            errors.extend(f"Row {where}: {message}" for message in error.messages)
            continue
        result.figures += len(wanted)
        (result.changed if line else result.created).append(target)
    if errors:
        raise ValidationError(errors)
    return result
