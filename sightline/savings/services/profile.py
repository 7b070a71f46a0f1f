"""A proposal's savings profile, staffing impact and risks, each replaced whole."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction

from sightline.accounts.permissions import check
from sightline.core.audit import check_version, delete_audited, save_audited
from sightline.core.money import format_pounds
from sightline.savings import rules, selectors
from sightline.savings.models import (
    BudgetCode,
    DecisionStatus,
    Proposal,
    ProposalRisk,
    SavingKind,
    SavingLine,
    StaffingImpact,
)
from sightline.savings.models.programme import BudgetCodeBudget
from sightline.savings.selectors.proposals import reductions_by_year

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def line_errors(proposal: Proposal, lines: list[SavingLine]) -> list[tuple[int, str, str]]:
    """What is wrong with a proposal's new savings lines, as (line index from 0, field,
    message): each line's own fields, a budget code of another council, two lines that should
    be one, and an empty profile for an approved or live proposal. The form, the API and the
    import all ask this, so a profile one of them refuses, none of them saves."""
    errors: list[tuple[int, str, str]] = []
    for index, line in enumerate(lines):
        code = line.budget_code
        if code is not None and code.council_id != proposal.council_id:
            errors.append((index, "budget_code", "Choose one of your council's budget codes."))
        try:
            # The proposal and budget code are checked above, without a query a line.
            line.full_clean(exclude=["proposal", "budget_code"], validate_constraints=False)
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                errors.append((index, field, " ".join(messages)))
    for index, message in rules.duplicate_lines(lines):
        errors.append((index, "budget_code", message))
    if rules.profile_is_empty(lines) and (
        proposal.decision_status == DecisionStatus.APPROVED
        or proposal.stage in selectors.IN_DELIVERY
    ):
        errors.append(
            (
                0,
                "amount_pence",
                f"{proposal.reference} is approved or live, so it cannot have an empty savings "
                "profile.",
            )
        )
    return errors


def budget_errors(new_lines: dict[int, list[SavingLine]]) -> list[tuple[int, SavingLine, str]]:
    """Budget codes that the new profiles (by proposal id) would save beyond their budget,
    counting every other active proposal's lines on the same codes: (proposal id, the line
    that takes the code over, message)."""
    codes = {
        line.budget_code_id for lines in new_lines.values() for line in lines if line.budget_code_id
    }
    if not codes:
        return []
    others = (
        SavingLine.objects.filter(budget_code_id__in=codes, kind=SavingKind.REDUCTION)
        .exclude(proposal_id__in=list(new_lines))
        .filter(proposal__in=Proposal.objects.active())
    )
    by_code: dict[int, list[SavingLine]] = defaultdict(list)
    for line in [*others, *(ln for lines in new_lines.values() for ln in lines)]:
        if line.budget_code_id in codes and line.kind == SavingKind.REDUCTION:
            by_code[line.budget_code_id].append(line)
    budget_codes = {c.pk: c for c in BudgetCode.objects.filter(pk__in=codes)}
    yearly = BudgetCodeBudget.objects.filter(code_id__in=codes).by_code_and_year()
    found = []
    for code_id, lines in sorted(by_code.items()):
        code = budget_codes[code_id]
        if code.income:
            continue
        years = [fy for cid, fy in yearly if cid == code_id]
        for fy, total in reductions_by_year(lines, years):
            budget = yearly.get((code_id, fy), code.current_budget_pence)
            if total > budget:
                culprit = next(
                    (ln for ln in lines if ln.fy == fy and ln.proposal_id in new_lines),
                    next(ln for ln in lines if ln.proposal_id in new_lines),
                )
                message = (
                    _over_year_budget(code, fy, total, budget)
                    if (code_id, fy) in yearly
                    else rules.over_budget_message(code, fy, total)
                )
                found.append((culprit.proposal_id, culprit, message))
                break
    return found


def _over_year_budget(code: BudgetCode, fy, total: int, budget: int) -> str:
    """The over-budget message for a year the code has its own budget for."""
    return (
        f"Budget code {code.code}: savings of {format_pounds(total)} by {fy} would exceed its "
        f"{fy} budget of {format_pounds(budget)}. The same pound cannot be saved twice: check "
        "the other proposals on this code or the budget."
    )


@transaction.atomic
def saving_lines_set(
    *,
    proposal: Proposal,
    by: User,
    lines: list[dict],
    expected_version: int | None = None,
    reason: str = "",
) -> list[SavingLine]:
    """Replace a proposal's savings profile (one dict per line: fy, amount_pence, kind,
    recurring, budget_code, description). Nothing is saved if any line is wrong."""
    check(by, "savings.change_proposal", proposal)
    current = Proposal.objects.select_for_update().get(pk=proposal.pk)
    check_version(current, expected_version)
    new_lines = [SavingLine(proposal=current, **data) for data in lines]
    errors = {
        f"line {index + 1} ({field})": message
        for index, field, message in line_errors(current, new_lines)
    }
    if errors:
        raise ValidationError(errors)
    over = budget_errors({current.pk: new_lines})
    if over:
        raise ValidationError([message for _, _, message in over])
    for line in current.lines.all():
        delete_audited(line, by=by, reason=reason)
    for line in new_lines:
        save_audited(line, by=by, reason=reason)
    save_audited(current, by=by, reason=reason or "Savings profile changed")
    proposal.version = current.version
    return new_lines


@transaction.atomic
def proposal_staffing_set(
    *,
    proposal: Proposal,
    by: User,
    staffing: list[dict],
    risks: list[dict],
    expected_version: int | None,
    reason: str = "",
) -> Proposal:
    """Replace a proposal's staffing impact (fy, role, fte, vacancies_held per row) and its
    risks and mitigations (description, mitigation per row), against the version the editor
    read. Nothing is saved if any row is wrong."""
    check(by, "savings.change_proposal", proposal)
    current = Proposal.objects.select_for_update().get(pk=proposal.pk)
    check_version(current, expected_version)
    new_staffing = []
    errors = {}
    for index, data in enumerate(staffing, start=1):
        row = StaffingImpact(proposal=current, **data)
        try:
            row.full_clean(exclude=["proposal"])
        except ValidationError as error:
            errors[f"staffing row {index}"] = " ".join(
                m for ms in error.message_dict.values() for m in ms
            )
        if row.vacancies_held and row.fte is not None and row.vacancies_held > row.fte:
            errors[f"staffing row {index}"] = (
                "Vacancies held cannot be more than the FTE reduction."
            )
        new_staffing.append(row)
    new_risks = []
    for order, data in enumerate(risks, start=1):
        risk = ProposalRisk(proposal=current, order=order, **data)
        try:
            risk.full_clean(exclude=["proposal"])
        except ValidationError as error:
            errors[f"risk {order}"] = " ".join(m for ms in error.message_dict.values() for m in ms)
        new_risks.append(risk)
    if errors:
        raise ValidationError(errors)
    for old in [*current.staffing.all(), *current.risks.all()]:
        delete_audited(old, by=by, reason=reason)
    for row in [*new_staffing, *new_risks]:
        save_audited(row, by=by, reason=reason)
    save_audited(current, by=by, reason=reason or "Staffing impact and risks changed")
    proposal.version = current.version
    return current
