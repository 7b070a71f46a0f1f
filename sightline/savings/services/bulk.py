"""Many proposals and their savings profiles written at once (an import), through the same
rules as one proposal written by a form: the permission rule, each proposal's links
(:func:`check_links`), its reference unique in the council, each line's own checks and the
profile's (:func:`line_errors`), and the budget codes' budgets (:func:`budget_errors`).

Only the writing differs: Django's ``bulk_create`` and ``bulk_update`` with
django-simple-history's bulk helpers, so ten thousand lines take seconds, each with its
history row carrying who and why. Nothing is written unless every proposal passes.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from sightline.accounts.models import Council
from sightline.accounts.permissions import check
from sightline.savings.models import Proposal, SavingLine
from sightline.savings.services.profile import budget_errors, line_errors
from sightline.savings.services.proposals import check_links

BATCH = 2000

# The proposal fields an import may set, and the line fields it gives.
IMPORT_FIELDS = ("title", "savings_type", "directorate", "bundle")
LINE_FIELDS = ("fy", "amount_pence", "kind", "recurring", "budget_code", "description")


class ImportRefused(ValidationError):
    """Rows are wrong; nothing was saved. Each message names its row and column."""


@dataclass
class LineRow:
    """One savings line read from a row of a file."""

    row: int
    values: dict  # LINE_FIELDS

    def key(self) -> tuple:
        v = self.values
        code = v.get("budget_code")
        return (v["fy"].start_year, v["amount_pence"], v["kind"], v["recurring"], code and code.pk)


@dataclass
class ProposalRows:
    """One proposal read from a file: its reference, its first row, its fields and lines."""

    reference: str
    row: int
    values: dict  # IMPORT_FIELDS; a blank value leaves an existing proposal's as it is
    lines: list[LineRow] = field(default_factory=list)


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


# The import's column for a model field, for messages that name the file's column.
COLUMN = {"amount_pence": "amount", "fy": "financial_year"}


def _line_key(line: SavingLine) -> tuple:
    return (line.fy.start_year, line.amount_pence, line.kind, line.recurring, line.budget_code_id)


@transaction.atomic
def proposals_save_many(
    *, council: Council, by, groups: list[ProposalRows], rows: int, reason: str = ""
) -> ImportResult:
    """Create or update ``groups`` of the council's proposals, replacing each one's lines
    whose profile differs (unchanged ones are left alone). Refuses, saving nothing, with every
    problem named by row and column."""
    check(by, "savings.import_proposals", council)
    reason = reason or "Imported from the council's tracker"
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

    errors: list[str] = []
    result = ImportResult(rows=rows, references=[g.reference for g in groups])
    created: list[Proposal] = []
    changed: list[Proposal] = []
    profiles: dict[str, tuple[ProposalRows, Proposal, list[SavingLine]]] = {}
    for group in groups:
        proposal = existing.get(group.reference) or Proposal(
            council=council, reference=group.reference, created_by=by
        )
        fields_changed = _apply_fields(proposal, group)
        errors += _proposal_errors(proposal, group)
        lines = [SavingLine(proposal=proposal, **ln.values) for ln in group.lines]
        same = proposal.pk is not None and sorted(ln.key() for ln in group.lines) == sorted(
            _line_key(line) for line in old_lines[proposal.pk]
        )
        if not same:
            for index, name, message in line_errors(proposal, lines):
                row = group.lines[index].row if group.lines else group.row
                errors.append(f"Row {row}, {COLUMN.get(name, name)}: {message}")
            profiles[group.reference] = (group, proposal, lines)
        if proposal.pk is None:
            created.append(proposal)
        elif fields_changed or not same:
            changed.append(proposal)
        else:
            result.unchanged += 1
    if not errors:
        errors += _budget_messages(profiles, existing)
    if errors:
        raise ImportRefused(errors)

    # Proposals: new ones in bulk; changed ones with their version bumped, as an edit would.
    for proposal in created:
        proposal.modified_by = by
    bulk_create_with_history(
        created,
        Proposal,
        batch_size=BATCH,
        default_user=by,
        default_change_reason=reason,
        default_date=now,
    )
    for proposal in changed:
        proposal.version += 1
        proposal.modified_by, proposal.modified_at = by, now
    bulk_update_with_history(
        changed,
        Proposal,
        ["title", "savings_type", "directorate", "bundle", "version", "modified_by", "modified_at"],
        batch_size=BATCH,
        default_user=by,
        default_change_reason=reason,
        default_date=now,
    )

    # Lines: a replaced profile's old lines go, with their history, then every new line.
    gone = [line for _, p, _ in profiles.values() if p.pk in old_lines for line in old_lines[p.pk]]
    _delete_with_history(gone, by=by, reason=reason, when=now)
    lines = []
    for _, proposal, new_lines in profiles.values():
        for line in new_lines:
            line.proposal = proposal  # now with its id
            line.created_by = line.modified_by = by
            lines.append(line)
    bulk_create_with_history(
        lines,
        SavingLine,
        batch_size=BATCH,
        default_user=by,
        default_change_reason=reason,
        default_date=now,
    )

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

    result.created, result.changed = len(created), len(changed)
    result.lines = sum(len(g.lines) for g in groups)
    return result


def _apply_fields(proposal: Proposal, group: ProposalRows) -> bool:
    """Set the file's values on the proposal; whether any of them changed it."""
    changed = False
    for name in IMPORT_FIELDS:
        value = group.values.get(name)
        if proposal.pk and name != "bundle" and not value:
            continue  # a later row may leave it blank; the first row gave it
        if name == "title":
            current, wanted = proposal.title, value
        else:
            current, wanted = getattr(proposal, f"{name}_id"), value.pk if value else None
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
        proposal.full_clean(
            exclude=["council", *IMPORT_FIELDS[1:]],
            validate_unique=False,
            validate_constraints=False,
        )
    except ValidationError as error:
        return [
            f"Row {group.row}, {COLUMN.get(name, name)}: {' '.join(messages)}"
            for name, messages in error.message_dict.items()
        ]
    return []


def _budget_messages(profiles, existing) -> list[str]:
    """Budget codes the file would save beyond their budget, named by the row of the line."""
    known = {p.pk: g for g, p, _ in profiles.values() if p.pk}
    by_id: dict[int, list[SavingLine]] = {}
    row_of: dict[int, int] = {}
    # New proposals have no id yet: give each a stand-in, negative so it clashes with none.
    for stand_in, (group, proposal, lines) in enumerate(profiles.values(), start=1):
        key = proposal.pk or -stand_in
        by_id[key] = lines
        for line, line_row in zip(lines, group.lines, strict=True):
            line.proposal_id = key
            row_of[id(line)] = line_row.row
        known.setdefault(key, group)
    messages = [
        f"Row {row_of.get(id(line), known[pid].row)}, budget_code: {message}"
        for pid, line, message in budget_errors(by_id)
    ]
    for _, proposal, lines in profiles.values():
        for line in lines:
            line.proposal = proposal
    return messages


def _delete_with_history(lines: list[SavingLine], *, by, reason: str, when) -> None:
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
