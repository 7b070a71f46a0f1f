"""Many proposals and their savings profiles written at once (an import), through the same
rules as one proposal written by a form: the permission rule, each proposal's links
(:func:`check_links`), its reference unique in the council, each line's own checks and the
profile's (:func:`line_errors`), and the budget codes' budgets (:func:`budget_errors`).

Only the writing differs: new records and their history rows go in as a few multi-row
INSERTs (:mod:`sightline.savings.services.bulk_insert`), changed ones through Django's
``bulk_update`` with django-simple-history's helper, so ten thousand proposals take seconds,
each with its history row carrying who and why. Nothing is written unless every proposal
passes; with ``dry_run`` nothing is written at all, and the result says what would be.

A proposal read from a table with a column per year (``ProposalRows.years``) speaks only for
those years: its lines in other years are kept, and a year whose total is what Sightline
already holds keeps its lines (and their budget codes) as they are.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from sightline.accounts.models import Council
from sightline.accounts.permissions import check
from sightline.core.fiscal import FinancialYear
from sightline.core.money import format_pounds
from sightline.core.tables import Change, TableRefused
from sightline.savings.models import Proposal, SavingLine
from sightline.savings.services.bulk_insert import insert, insert_history
from sightline.savings.services.profile import budget_errors, line_errors
from sightline.savings.services.proposals import check_links

if TYPE_CHECKING:
    from django.contrib.auth.models import User

BATCH = 2000

# The proposal fields an import may set, and the line fields it gives.
IMPORT_FIELDS = ("title", "savings_type", "directorate", "service_area", "bundle")
LINE_FIELDS = ("fy", "amount_pence", "kind", "recurring", "budget_code", "description")


class ImportRefused(TableRefused):
    """Rows are wrong; nothing was saved. Each message names its row and column."""


@dataclass
class LineRow:
    """One savings line read from a row of a file."""

    row: int
    values: dict  # LINE_FIELDS
    column: str = ""  # the file's column it came from, for messages ("2026/27")

    def key(self) -> tuple:
        v = self.values
        code = v.get("budget_code")
        return (v["fy"].start_year, v["amount_pence"], v["kind"], v["recurring"], code and code.pk)


@dataclass
class ProposalRows:
    """One proposal read from a file: its reference, its first row, its fields and lines."""

    reference: str
    row: int
    values: dict  # IMPORT_FIELDS present in the file; a blank one leaves an existing value
    lines: list[LineRow] = field(default_factory=list)
    # The years the file speaks for (a column per year); None: the whole profile.
    years: frozenset[FinancialYear] | None = None
    # Compare a year by its total (a published table gives one figure a year).
    year_totals: bool = False


@dataclass
class ImportResult:
    rows: int = 0
    created: int = 0
    changed: int = 0
    unchanged: int = 0
    lines: int = 0
    references: list[str] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)  # what was (or would be) done

    @property
    def proposals(self) -> int:
        return self.created + self.changed + self.unchanged


# The import's column for a model field, for messages that name the file's column.
COLUMN = {"amount_pence": "amount", "fy": "financial_year"}


def _line_key(line: SavingLine) -> tuple:
    return (line.fy.start_year, line.amount_pence, line.kind, line.recurring, line.budget_code_id)


@dataclass
class _Plan:
    """One proposal's part in the import: the lines to write and to remove, and the profile
    it will have (for the profile's rules)."""

    group: ProposalRows
    proposal: Proposal
    new: list[tuple[LineRow, SavingLine]] = field(default_factory=list)
    gone: list[SavingLine] = field(default_factory=list)
    kept: list[SavingLine] = field(default_factory=list)

    @property
    def profile(self) -> list[SavingLine]:
        return [line for _, line in self.new] + self.kept

    def row_of(self, index: int) -> int:
        return self.new[index][0].row if index < len(self.new) else self.group.row

    def column_of(self, index: int, name: str) -> str:
        if index < len(self.new) and self.new[index][0].column and name == "amount_pence":
            return self.new[index][0].column
        return COLUMN.get(name, name)


def _plan_lines(plan: _Plan, old: list[SavingLine]) -> bool:
    """Work out which lines the proposal's rows replace; whether its profile changes."""
    group, proposal = plan.group, plan.proposal
    make = [(ln, SavingLine(proposal=proposal, **ln.values)) for ln in group.lines]
    if proposal.pk is None:
        plan.new = make
        return True
    if group.years is None:
        if sorted(ln.key() for ln in group.lines) == sorted(_line_key(x) for x in old):
            plan.kept = list(old)
            return False
        plan.new, plan.gone = make, list(old)
        return True
    replaced = set()
    for fy in group.years:
        olds = [x for x in old if x.fy == fy]
        news = [ln for ln in group.lines if ln.values["fy"] == fy]
        if group.year_totals:
            same = sum(x.amount_pence for x in olds) == sum(
                ln.values["amount_pence"] for ln in news
            )
        else:
            same = sorted(ln.key() for ln in news) == sorted(_line_key(x) for x in olds)
        if not same:
            replaced.add(fy)
    plan.new = [(ln, line) for ln, line in make if line.fy in replaced]
    plan.gone = [x for x in old if x.fy in replaced]
    plan.kept = [x for x in old if x.fy not in replaced]
    return bool(replaced)


@transaction.atomic
def proposals_save_many(
    *,
    council: Council,
    by: User,
    groups: list[ProposalRows],
    rows: int,
    reason: str = "",
    dry_run: bool = False,
) -> ImportResult:
    """Create or update ``groups`` of the council's proposals, replacing the lines whose
    profile differs (unchanged ones are left alone). Refuses, saving nothing, with every
    problem named by row and column. With ``dry_run``, checks everything and saves
    nothing: the result says what would be created and changed."""
    check(by, "savings.import_proposals", council)
    reason = reason or "Imported from the council's tracker"
    existing = {
        p.reference: p
        for p in Proposal.objects.select_for_update(of=("self",))
        .select_related(*IMPORT_FIELDS[1:])
        .filter(council=council, reference__in=[g.reference for g in groups])
    }
    old_lines: dict[int, list[SavingLine]] = defaultdict(list)
    for line in SavingLine.objects.filter(proposal__in=list(existing.values())).order_by("pk"):
        old_lines[line.proposal_id].append(line)

    errors: list[str] = []
    result = ImportResult(rows=rows, references=[g.reference for g in groups])
    created: list[Proposal] = []
    changed: list[Proposal] = []
    plans: list[_Plan] = []
    for group in groups:
        proposal = existing.get(group.reference) or Proposal(
            council=council, reference=group.reference, created_by=by
        )
        before = _describe(proposal, old_lines[proposal.pk] if proposal.pk else [])
        fields_changed = _apply_fields(proposal, group)
        errors += _proposal_errors(proposal, group)
        plan = _Plan(group, proposal)
        lines_changed = _plan_lines(plan, old_lines[proposal.pk] if proposal.pk else [])
        if lines_changed:
            for index, name, message in line_errors(proposal, plan.profile):
                errors.append(f"Row {plan.row_of(index)}, {plan.column_of(index, name)}: {message}")
            plans.append(plan)
        if proposal.pk is None:
            created.append(proposal)
            result.changes.append(_change(proposal, plan, before, "create"))
        elif fields_changed or lines_changed:
            changed.append(proposal)
            result.changes.append(_change(proposal, plan, before, "change"))
        else:
            result.unchanged += 1
    if not errors:
        errors += _budget_messages(plans)
    if errors:
        raise ImportRefused(errors)
    result.created, result.changed = len(created), len(changed)
    result.lines = sum(len(g.lines) for g in groups)
    if not dry_run:
        _write(created, changed, plans, by=by, reason=reason)
    return result


def _write(
    created: list[Proposal], changed: list[Proposal], plans: list[_Plan], *, by: User, reason
):
    now = timezone.now()
    # Proposals: new ones in bulk; changed ones with their version bumped, as an edit would.
    for proposal in created:
        proposal.modified_by = by
    history = {"default_user": by, "default_change_reason": reason, "default_date": now}
    insert(Proposal, created, when=now)
    insert_history(Proposal, created, by=by, reason=reason, when=now)
    for proposal in changed:
        proposal.version += 1
        proposal.modified_by, proposal.modified_at = by, now
    bulk_update_with_history(
        changed,
        Proposal,
        [*IMPORT_FIELDS, "version", "modified_by", "modified_at"],
        batch_size=BATCH,
        **history,
    )

    # Lines: a replaced year's (or profile's) old lines go, with their history, then the new.
    _delete_with_history([x for plan in plans for x in plan.gone], by=by, reason=reason, when=now)
    lines = []
    for plan in plans:
        for _, line in plan.new:
            line.proposal = plan.proposal  # now with its id
            line.created_by = line.modified_by = by
            lines.append(line)
    insert(SavingLine, lines, when=now)
    insert_history(SavingLine, lines, by=by, reason=reason, when=now)

    # A budget code named on a line is linked to its proposal (the initiation gate's code).
    through = Proposal.budget_codes.through
    wanted = {(line.proposal_id, line.budget_code_id) for line in lines if line.budget_code_id}
    have = set(
        through.objects.filter(proposal_id__in={p for p, _ in wanted}).values_list(
            "proposal_id", "budgetcode_id"
        )
    )
    through.objects.bulk_create(
        [through(proposal_id=p, budgetcode_id=c) for p, c in sorted(wanted - have)],
        batch_size=BATCH,
    )


def _apply_fields(proposal: Proposal, group: ProposalRows) -> bool:
    """Set the file's values on the proposal; whether any of them changed it."""
    changed = False
    for name in IMPORT_FIELDS:
        if name not in group.values:
            continue  # the file has no such column: the proposal keeps its own
        value = group.values[name]
        if proposal.pk and name not in {"bundle", "service_area"} and not value:
            continue  # a later row may leave it blank; the first row gave it
        if name == "title":
            current, wanted = proposal.title, value
        else:
            current, wanted = getattr(proposal, f"{name}_id"), value.pk if value else None
            if value is not None and value.pk is None:
                current, wanted = None, value  # a record the import is to create
        if current != wanted:
            setattr(proposal, name, value)
            changed = True
    return changed


def _proposal_errors(proposal: Proposal, group: ProposalRows) -> list[str]:
    """What is wrong with the proposal as the file leaves it, named by its first row."""
    try:
        check_links(proposal)
        # Its links were checked just above, and its reference is unique in the file and
        # matched to the council's own: no query a proposal.
        # Its stamps are the importer's own, set by this service: no query a proposal either.
        proposal.full_clean(
            exclude=["council", "created_by", "modified_by", *IMPORT_FIELDS[1:]],
            validate_unique=False,
            validate_constraints=False,
        )
    except ValidationError as error:
        return [
            f"Row {group.row}, {COLUMN.get(name, name)}: {' '.join(messages)}"
            for name, messages in error.message_dict.items()
        ]
    return []


def _budget_messages(plans: list[_Plan]) -> list[str]:
    """Budget codes the file would save beyond their budget, named by the row of the line."""
    by_id: dict[int, list[SavingLine]] = {}
    where: dict[int, int] = {}
    owner: dict[int, _Plan] = {}
    # New proposals have no id yet: give each a stand-in, negative so it clashes with none.
    for stand_in, plan in enumerate(plans, start=1):
        key = plan.proposal.pk or -stand_in
        profile = plan.profile
        by_id[key], owner[key] = profile, plan
        for index, line in enumerate(profile):
            if line.pk is None:
                line.proposal_id = key
            where[id(line)] = plan.row_of(index)
    messages = [
        f"Row {where.get(id(line), owner[pid].group.row)}, budget_code: {message}"
        for pid, line, message in budget_errors(by_id)
    ]
    for plan in plans:
        for _, line in plan.new:
            line.proposal = plan.proposal
    return messages


def _describe(proposal: Proposal, lines: list[SavingLine]) -> dict:
    """What a proposal holds now, to say what an import changes."""
    years: dict[FinancialYear, int] = defaultdict(int)
    for line in lines:
        years[line.fy] += line.amount_pence
    values = {"title": proposal.title}
    for name in IMPORT_FIELDS[1:]:
        # The related record as set (perhaps one the import is to create), without a query.
        related = proposal._state.fields_cache.get(name)
        values[name] = str(related) if related is not None else ""
    return {"values": values, "years": dict(years)}


def _change(proposal: Proposal, plan: _Plan, before: dict, action: str) -> Change:
    after = _describe(proposal, plan.profile)
    details = []
    if action == "change":
        for name, old in before["values"].items():
            new = after["values"][name]
            if new != old:
                label = name.replace("_", " ").capitalize()
                details.append(f"{label}: {old or 'none'} to {new or 'none'}")
    for fy in sorted(set(before["years"]) | set(after["years"])):
        old, new = before["years"].get(fy), after["years"].get(fy)
        if action == "create":
            details.append(f"{fy}: {format_pounds(new or 0)}")
        elif old != new:
            details.append(f"{fy}: {format_pounds(old or 0)} to {format_pounds(new or 0)}")
    return Change(proposal.reference, proposal.title, action, details)


def _delete_with_history(lines: list[SavingLine], *, by: User, reason: str, when) -> None:
    """Delete lines in bulk, each with its history row ("-"), as a deletion one by one has."""
    if not lines:
        return
    history = SavingLine.history.model
    names = [f.attname for f in history.tracked_fields]
    history.objects.bulk_create(
        [
            history(
                **{n: getattr(line, n) for n in names},
                history_date=when,
                history_user=by,
                history_change_reason=reason,
                history_type="-",
            )
            for line in lines
        ],
        batch_size=BATCH,
    )
    pks = [line.pk for line in lines]
    for start in range(0, len(pks), 500):
        SavingLine.objects.filter(pk__in=pks[start : start + 500])._raw_delete(
            SavingLine.objects.db
        )
