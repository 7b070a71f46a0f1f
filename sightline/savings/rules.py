"""The programme's rules as pure functions: gates, profiles and weights. No reads, no writes."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from sightline.core.fiscal import FinancialYear
from sightline.core.money import format_pounds
from sightline.savings.models import DecisionStatus, Proposal, Rag, SavingLine, Stage

# Which stage may follow which (the programme office may also reopen a closed one).
TRANSITIONS: dict[str, set[str]] = {
    Stage.IDEA: {Stage.INITIATION, Stage.WITHDRAWN},
    Stage.INITIATION: {Stage.LIVE, Stage.IDEA, Stage.WITHDRAWN},
    Stage.LIVE: {Stage.DELIVERED, Stage.FAILED, Stage.WITHDRAWN},
    Stage.DELIVERED: set(),
    Stage.WITHDRAWN: {Stage.IDEA},
    Stage.FAILED: {Stage.IDEA},
}
NEEDS_REASON = {Stage.WITHDRAWN, Stage.FAILED}

# Steps that are the decision itself (recorded by the programme office or the director);
# submitting and returning to draft are the proposal's editors' to take.
DECIDED = {DecisionStatus.CONSULTATION, DecisionStatus.APPROVED, DecisionStatus.REJECTED}

DECISION_STEPS = {
    DecisionStatus.DRAFT: {DecisionStatus.SUBMITTED},
    DecisionStatus.SUBMITTED: {
        DecisionStatus.CONSULTATION,
        DecisionStatus.APPROVED,
        DecisionStatus.REJECTED,
        DecisionStatus.DRAFT,
    },
    DecisionStatus.CONSULTATION: {DecisionStatus.APPROVED, DecisionStatus.REJECTED},
    DecisionStatus.APPROVED: set(),
    DecisionStatus.REJECTED: {DecisionStatus.DRAFT},
}


def profile_is_empty(lines: Iterable[SavingLine]) -> bool:
    return not any(line.amount_pence for line in lines)


def gate_missing(
    proposal: Proposal,
    to: str,
    *,
    lines: list[SavingLine],
    budget_code_count: int,
    confirmed_years: set[FinancialYear],
) -> list[str]:
    """What the gate into ``to`` finds missing, in the council's words; empty when it passes."""
    missing: list[str] = []
    if to == Stage.INITIATION:
        if proposal.sponsor_id is None:
            missing.append("a sponsor")
        if proposal.project_manager_id is None:
            missing.append("a project manager")
        if not budget_code_count and not any(line.budget_code_id for line in lines):
            missing.append("an indicative budget code")
        if proposal.finance_lead_id is None:
            missing.append("a finance lead")
    elif to == Stage.LIVE:
        if proposal.accountant_id is None:
            missing.append("a named accountant")
        if profile_is_empty(lines):
            missing.append("a savings profile (at least one year with a saving)")
    elif to == Stage.DELIVERED:
        years = sorted({line.fy for line in lines if line.amount_pence})
        if not years:
            missing.append("a savings profile (at least one year with a saving)")
        for fy in years:
            if fy not in confirmed_years:
                missing.append(f"finance's confirmation that the {fy} saving has left the budget")
    return missing


def gate_message(to: str, missing: list[str]) -> str:
    label = Stage(to).label.lower()
    needs = missing[0] if len(missing) == 1 else ", ".join(missing[:-1]) + " and " + missing[-1]
    return f"This proposal cannot move to {label}: it needs {needs}."


@dataclass(frozen=True)
class ProfileRow:
    fy: FinancialYear
    incremental_pence: int
    cumulative_pence: int
    one_off_pence: int


def profile(lines: Iterable[SavingLine]) -> list[ProfileRow]:
    """Incremental savings per year with the cumulative reduction against the base budget.

    A recurring saving carries into every later year; a one-off counts only in its own year.
    Years between the first and last are shown even when nothing new is saved in them.
    """
    recurring: dict[FinancialYear, int] = defaultdict(int)
    one_off: dict[FinancialYear, int] = defaultdict(int)
    for line in lines:
        (recurring if line.recurring else one_off)[line.fy] += line.amount_pence
    years = sorted(set(recurring) | set(one_off))
    if not years:
        return []
    rows, running = [], 0
    for fy in FinancialYear.range(years[0], years[-1]):
        running += recurring.get(fy, 0)
        rows.append(
            ProfileRow(
                fy=fy,
                incremental_pence=recurring.get(fy, 0) + one_off.get(fy, 0),
                cumulative_pence=running + one_off.get(fy, 0),
                one_off_pence=one_off.get(fy, 0),
            )
        )
    return rows


def weighted(pence: int, percent: int) -> int:
    """``pence`` weighted by a whole ``percent``, rounded half up (away from zero) to the penny.

    Whole-number arithmetic, exact for any size: the dashboard weighs every saving with it.
    """
    whole, rest = divmod(abs(pence * percent), 100)
    value = whole + (rest >= 50)
    return -value if pence * percent < 0 else value


def rag_weights(settings) -> dict[str | None, int]:
    return {
        Rag.BLUE: settings.weight_blue,
        Rag.GREEN: settings.weight_green,
        Rag.AMBER: settings.weight_amber,
        Rag.RED: settings.weight_red,
        None: settings.weight_unrated,
    }


def commentary_required(*, rag: str, previous_rag: str | None) -> str | None:
    """Why commentary is required for this forecast, or None when it is optional."""
    if rag in {Rag.AMBER, Rag.RED}:
        return f"Commentary is required when a saving is rated {Rag(rag).label}."
    if previous_rag is not None and previous_rag != rag:
        return (
            f"Commentary is required when the RAG changes "
            f"(from {Rag(previous_rag).label} to {Rag(rag).label})."
        )
    return None


def over_budget_message(code, fy: FinancialYear, total: int) -> str:
    return (
        f"Budget code {code.code}: savings of {format_pounds(total)} by {fy} would exceed its "
        f"current budget of {format_pounds(code.current_budget_pence)}. The same pound cannot be "
        "saved twice: check the other proposals on this code or the budget."
    )


def duplicate_lines(lines: Iterable[SavingLine]) -> list[tuple[int, str]]:
    """Lines that repeat an earlier one's year, kind and budget code, as (index, message):
    they are one saving and belong on one line."""
    seen: set[tuple] = set()
    found = []
    for index, line in enumerate(lines):
        key = (line.fy, line.kind, line.budget_code_id)
        if key in seen:
            kind = "income" if line.kind == "income" else "reduction"
            found.append(
                (
                    index,
                    f"There are two {kind} lines for {line.fy} on the same budget code: put them "
                    "on one line.",
                )
            )
        seen.add(key)
    return found
