"""Savings proposals written as their documents describe them, through the savings services:
created or changed by ``proposal_create`` and ``proposal_update``, profiled by
``saving_lines_set``, decided by ``proposal_record_decision`` and moved through the stage
gates by ``proposal_advance_stage``, each only as far as it has not already gone.

Where a gate asks for something the document does not give (the Luton Together Phase 2
savings name no budget code), the programme office overrides the gate and says so: the
override shows on the proposal and in the monitoring reports, as any other would.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from sightline.accounts.models import Council
from sightline.core.fiscal import FinancialYear
from sightline.core.money import parse_money
from sightline.demo.sources import ILLUSTRATIVE
from sightline.demo.sync import differences, keep
from sightline.savings import rules
from sightline.savings.models import (
    BudgetCode,
    DecisionStatus,
    ProgrammeSettings,
    Proposal,
    SavingKind,
    SavingsType,
    Stage,
)
from sightline.savings.services import (
    budget_code_save,
    programme_settings_update,
    proposal_advance_stage,
    proposal_create,
    proposal_record_decision,
    proposal_update,
    saving_lines_set,
    savings_types_ensure_defaults,
)

# The decision steps and stages a proposal passes through to reach each state.
DECISION_PATH = {
    DecisionStatus.DRAFT: [],
    DecisionStatus.CONSULTATION: [DecisionStatus.SUBMITTED, DecisionStatus.CONSULTATION],
    DecisionStatus.APPROVED: [DecisionStatus.SUBMITTED, DecisionStatus.APPROVED],
}
STAGE_PATH = {Stage.IDEA: [], Stage.LIVE: [Stage.INITIATION, Stage.LIVE]}


@dataclass(frozen=True)
class Decision:
    """Where a proposal's decision stands, and (once decided) who decided it, when and where
    the decision is recorded."""

    status: str = DecisionStatus.DRAFT
    body: str = ""
    decided_on: datetime.date | None = None
    reference: str = ""
    note: str = ""  # why the proposal stands there: the document, or that it is illustrative


DRAFT = Decision()


def pence(text: str) -> int:
    return parse_money(text)


def programme_basics(council: Council, *, by) -> dict[str, SavingsType]:
    """The council's savings types (the defaults) and programme settings (the default RAG
    weights); the savings types by name."""
    savings_types_ensure_defaults(council=council)
    if not ProgrammeSettings.objects.filter(council=council).exists():
        programme_settings_update(council=council, by=by)
    return {t.name: t for t in SavingsType.objects.filter(council=council)}


def budget_code(council: Council, code: str, values: dict, *, by) -> BudgetCode:
    return keep(
        BudgetCode,
        {"council": council, "code": code},
        values,
        save=lambda obj, _version: budget_code_save(code=obj, by=by),
    )


def proposal(
    council: Council,
    *,
    by,
    reference: str,
    fields: dict,
    codes: list[BudgetCode],
    lines: list[tuple[FinancialYear, str, BudgetCode | None, *tuple[str, ...]]],
    source: str,
    kind: str = SavingKind.REDUCTION,
    decision: Decision = DRAFT,
    stage: str = Stage.IDEA,
) -> Proposal:
    """The proposal ``reference`` with ``fields``, its budget codes, its savings profile
    (year, amount, budget code per line), its decision and its stage, as ``source`` (the
    document's title) gives them."""
    found = Proposal.objects.filter(council=council, reference=reference).first()
    if found is None:
        current = proposal_create(
            by=by,
            data={"reference": reference, **fields, "budget_codes": codes},
            reason=f"Demo data from {source}",
        )
    else:
        changed = differences(found, fields)
        if {c.pk for c in codes} != set(found.budget_codes.values_list("pk", flat=True)):
            changed["budget_codes"] = codes
        current = found
        if changed:
            current = proposal_update(
                proposal=found,
                by=by,
                data=changed,
                expected_version=found.version,
                reason=f"Demo data from {source}",
            )
    _profile(current, lines, kind=kind, by=by, source=source)
    current = _decide(current, decision, by=by)
    return _advance(current, stage, by=by, source=source)


def _profile(proposal: Proposal, rows, *, kind: str, by, source: str) -> None:
    """Each row is (year, amount, budget code) or (year, amount, budget code, description):
    the description says how the document gives the year (spread over three budget years,
    or a year assumed where it gives none)."""
    wanted = [(row[0], pence(row[1]), row[2], row[3] if len(row) > 3 else "") for row in rows]
    have = [
        (ln.fy, ln.amount_pence, ln.budget_code_id, ln.kind, ln.description)
        for ln in proposal.lines.all()
    ]
    if have == [(fy, p, c.pk if c else None, kind, d) for fy, p, c, d in wanted]:
        return
    saving_lines_set(
        proposal=proposal,
        by=by,
        lines=[
            {
                "fy": fy,
                "amount_pence": amount,
                "kind": kind,
                "budget_code": code,
                "description": description,
            }
            for fy, amount, code, description in wanted
        ],
        expected_version=proposal.version,
        reason=f"Savings profile from {source}",
    )


def _remaining(path: list[str], current: str, start: str) -> list[str]:
    """The steps of ``path`` still to take from ``current``; none if it went another way."""
    if current in path:
        return path[path.index(current) + 1 :]
    return path if current == start else []


def _decide(proposal: Proposal, decision: Decision, *, by) -> Proposal:
    steps = _remaining(
        DECISION_PATH[decision.status], proposal.decision_status, DecisionStatus.DRAFT
    )
    for step in steps:
        decided = step == DecisionStatus.APPROVED
        proposal = proposal_record_decision(
            proposal=proposal,
            to=step,
            by=by,
            body=decision.body if decided else "",
            decided_on=decision.decided_on if decided else None,
            reference=decision.reference if decided else "",
            note=decision.note
            if step == decision.status
            else f"Submitted for decision. {ILLUSTRATIVE}.",
        )
    return proposal


def _advance(proposal: Proposal, stage: str, *, by, source: str) -> Proposal:
    for step in _remaining(STAGE_PATH[stage], proposal.stage, Stage.IDEA):
        missing = rules.gate_missing(
            proposal,
            step,
            lines=list(proposal.lines.all()),
            budget_code_count=proposal.budget_codes.count(),
            confirmed_years={b.fy for b in proposal.benefits.all()},
        )
        label = Stage(step).label.lower()
        reason = f"Moved to {label} for the demo. {ILLUSTRATIVE}."
        if missing:
            reason = (
                f"Gate overridden for the demo: the move to {label} asks for "
                f"{' and '.join(missing)}, which the document ({source}) does not give. "
                f"{ILLUSTRATIVE}."
            )
        proposal = proposal_advance_stage(
            proposal=proposal, to=step, by=by, reason=reason, override=bool(missing)
        )
    return proposal
