"""Reading proposals: which a member may see (exempt ones only if entitled), one proposal's page,
and the checks no spreadsheet makes."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch, Q, QuerySet, Sum

from sightline.accounts.models import Membership
from sightline.core.fiscal import FinancialYear
from sightline.savings import rules
from sightline.savings.models import (
    Bundle,
    DecisionStatus,
    Lesson,
    Proposal,
    SavingKind,
    SavingLine,
    Stage,
)

IN_DELIVERY = {Stage.LIVE, Stage.DELIVERED}


def _visible(qs: QuerySet[Proposal], membership: Membership) -> QuerySet[Proposal]:
    """Exempt proposals only for those entitled, their own leads, or once publishable."""
    return qs.visible_to(membership)


def secret_proposals(membership: Membership) -> QuerySet[Proposal]:
    """The council's exempt proposals the member may not read (not yet published, not theirs
    to lead, and the member not entitled): what a record drawn only from them must not show."""
    readable = Proposal.objects.visible_to(membership).values("pk")
    return Proposal.objects.filter(council=membership.council, exempt=True).exclude(pk__in=readable)


def drawn_only_from_secret(links: QuerySet, owner: str, membership: Membership) -> QuerySet:
    """Of ``links`` (a many-to-many table from records to proposals, ``owner`` naming the
    record's column), the records whose every linked proposal is secret to the member: a
    lesson learnt from, or a register risk raised for, an exempt proposal alone is part of
    it. A record linked to no proposal, or to one the member may read, is not."""
    secret = secret_proposals(membership).values("pk")
    open_links = links.exclude(proposal__in=secret).values(owner)
    return links.filter(proposal__in=secret).exclude(**{f"{owner}__in": open_links}).values(owner)


def proposal_list(*, membership: Membership) -> QuerySet[Proposal]:
    return _visible(Proposal.objects.all(), membership).select_related(
        "savings_type", "directorate", "bundle", "service_area"
    )


def proposal_get(*, membership: Membership, pk: int) -> Proposal:
    from django.shortcuts import get_object_or_404

    return get_object_or_404(
        proposal_list(membership=membership).select_related(
            "lead_officer",
            "lead_member",
            "portfolio",
            "sponsor",
            "project_manager",
            "finance_lead",
            "accountant",
        ),
        pk=pk,
    )


def proposal_detail(*, membership: Membership, proposal: Proposal) -> dict:
    lines = list(proposal.lines.select_related("budget_code"))
    codes = list(proposal.budget_codes.all())
    confirmed = {b.fy: b for b in proposal.benefits.all()}
    gates = {}
    for to in (Stage.INITIATION, Stage.LIVE, Stage.DELIVERED):
        gates[to] = rules.gate_missing(
            proposal,
            to,
            lines=lines,
            budget_code_count=len(codes),
            confirmed_years=set(confirmed),
        )
    return {
        "lines": lines,
        "profile": rules.profile(lines),
        "budget_codes": codes,
        "staffing": (staffing := list(proposal.staffing.all())),
        "fte_total": sum((s.fte for s in staffing), Decimal(0)),
        "vacancies_total": sum((s.vacancies_held for s in staffing), Decimal(0)),
        "risks": list(proposal.risks.all()),
        "benefits": confirmed,
        "gates": gates,
        "stage_changes": list(proposal.stage_changes.select_related("by")),
        "decisions": list(proposal.decisions.select_related("by")),
        "forecasts": list(
            proposal.forecasts.select_related("period")
            .defer("period__report")
            .order_by("-period__month", "fy")
        ),
        "transitions": sorted(rules.TRANSITIONS.get(proposal.stage, set())),
        "lessons": list(proposal.lessons.all()),
        "impacts": list(proposal.impacts.select_related("priority", "indicator")),
    }


@dataclass
class CodeCheck:
    code: object
    proposals: list[Proposal]
    over_budget: list[tuple[FinancialYear, int]]
    shared: bool
    reviewed: bool


def reductions_by_year(lines, budget_years=()) -> list[tuple[FinancialYear, int]]:
    """A budget code's cumulative reductions by year: each year of the lines' profile, and
    each later year the code has a budget of its own for, into which recurring savings carry
    (a budget that falls after the last saving is still held to)."""
    rows = rules.profile(lines)
    found = [(row.fy, row.cumulative_pence) for row in rows]
    if rows:
        carried = rows[-1].cumulative_pence - rows[-1].one_off_pence
        found += [(fy, carried) for fy in sorted(set(budget_years)) if fy > rows[-1].fy]
    return found


def budget_code_checks(*, membership: Membership) -> list[CodeCheck]:
    """Double counting: codes saved beyond their budget in a year, and codes shared by two or
    more proposals that finance has not yet confirmed."""
    from sightline.savings.models import BudgetCode, BudgetCodeReview
    from sightline.savings.models.programme import BudgetCodeBudget

    proposals = {p.pk: p for p in Proposal.objects.filter(council=membership.council).active()}
    lines = SavingLine.objects.filter(
        proposal_id__in=list(proposals), budget_code__isnull=False
    ).select_related("budget_code")
    by_code: dict[int, list[SavingLine]] = defaultdict(list)
    for line in lines:
        by_code[line.budget_code_id].append(line)
    for p in Proposal.budget_codes.through.objects.filter(proposal_id__in=list(proposals)):
        by_code.setdefault(p.budgetcode_id, [])
    codes = {c.pk: c for c in BudgetCode.objects.filter(pk__in=list(by_code))}
    # Each year's reductions against that year's budget where one is given, else the current.
    yearly = BudgetCodeBudget.objects.filter(code_id__in=list(codes)).by_code_and_year()
    linked = defaultdict(set)
    for row in Proposal.budget_codes.through.objects.filter(proposal_id__in=list(proposals)):
        linked[row.budgetcode_id].add(row.proposal_id)
    reviews = set(
        BudgetCodeReview.objects.filter(budget_code_id__in=list(codes)).values_list(
            "budget_code_id", "proposals_key"
        )
    )
    visible = set(_visible(Proposal.objects.all(), membership).values_list("pk", flat=True))
    for proposal in proposals.values():
        # Double counting is checked across every proposal; an exempt one the member may not
        # see is counted but never named.
        proposal.withheld = proposal.pk not in visible
    checks = []
    for code_id, code_lines in by_code.items():
        code = codes[code_id]
        ids = sorted({line.proposal_id for line in code_lines} | linked[code_id])
        over = []
        if not code.income:
            reductions = [line for line in code_lines if line.kind == SavingKind.REDUCTION]
            years = [fy for cid, fy in yearly if cid == code_id]
            for fy, total in reductions_by_year(reductions, years):
                if total > yearly.get((code_id, fy), code.current_budget_pence):
                    over.append((fy, total))
        shared = len(ids) > 1
        reviewed = (code_id, proposals_key(ids)) in reviews
        if over or shared:
            checks.append(
                CodeCheck(
                    code=code,
                    proposals=[proposals[i] for i in ids],
                    over_budget=over,
                    shared=shared,
                    reviewed=reviewed,
                )
            )
    return sorted(checks, key=lambda c: c.code.code)


def proposals_key(ids) -> str:
    return ",".join(str(i) for i in sorted(ids))


def empty_profile_checks(*, membership: Membership) -> list[Proposal]:
    """Approved or live proposals with no saving in any year: they count for nothing."""
    qs = (
        _visible(Proposal.objects.all(), membership)
        .active()
        .filter(Q(decision_status=DecisionStatus.APPROVED) | Q(stage__in=IN_DELIVERY))
        .annotate(total=Sum("lines__amount_pence"))
    )
    return [p for p in qs if not p.total]


def lesson_list(*, membership: Membership) -> QuerySet[Lesson]:
    """The council's lessons the member may read. A lesson drawn only from proposals the
    member may not read (an exempt proposal before it is published) is part of them and is
    left out; on the others, only the proposals the member may read are listed."""
    links = Lesson.proposals.through.objects.filter(lesson__council=membership.council)
    return (
        Lesson.objects.filter(council=membership.council)
        .exclude(pk__in=drawn_only_from_secret(links, "lesson_id", membership))
        .prefetch_related(
            Prefetch("proposals", queryset=Proposal.objects.visible_to(membership)), "bundles"
        )
    )


def bundle_list(*, membership: Membership) -> QuerySet[Bundle]:
    return Bundle.objects.filter(council=membership.council).select_related("sponsor", "lead")
