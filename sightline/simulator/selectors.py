"""Reads for the simulator: what a simulation may offer (from the programme and the plan),
the simulations a member or a resident may see, and the results, per option and per
proposal."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Q, QuerySet, Sum
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from sightline.accounts.models import Council, Membership
from sightline.core.fiscal import FinancialYear, FinancialYearError
from sightline.finance import selectors as finance_selectors
from sightline.finance.models import BudgetFigure, BudgetLine, Category, LineKind
from sightline.savings.models import DecisionStatus, Proposal
from sightline.simulator import rules
from sightline.simulator.models import (
    DEMOGRAPHICS,
    OptionChoice,
    ServiceChoice,
    Simulation,
    SimulationOption,
    Submission,
)

# --- what a simulation may offer ----------------------------------------------------------------


def published_proposals(council: Council) -> QuerySet[Proposal]:
    """The council's proposals anyone may read: not archived, and not exempt unless their
    publication date has come. Only these may ever be offered to residents."""
    today = timezone.localdate()
    return (
        Proposal.objects.filter(council=council, archived_at__isnull=True)
        .active()
        .filter(Q(exempt=False) | Q(exempt_until__lte=today))
    )


def option_amount(proposal: Proposal, fy: FinancialYear) -> int:
    """The saving the proposal makes by ``fy``: its lines up to and including that year."""
    total = proposal.lines.filter(fy__lte=fy).aggregate(total=Sum("amount_pence"))["total"]
    return max(0, total or 0)


@dataclass
class Offer:
    proposal: Proposal
    amount_pence: int
    default: bool  # offered unless the programme office says otherwise


def offerable(*, membership: Membership, fy: FinancialYear) -> list[Offer]:
    """The proposals a simulation for ``fy`` may offer: published ones still in the
    programme, each with its saving by that year. Offered by default: those at consultation
    with a saving."""
    found = []
    qs = published_proposals(membership.council).order_by("reference")
    for proposal in qs:
        amount = option_amount(proposal, fy)
        default = proposal.decision_status == DecisionStatus.CONSULTATION and amount > 0
        found.append(Offer(proposal, amount, default))
    return found


@dataclass
class ServiceOffer:
    line: BudgetLine
    budget_pence: int | None
    source_fy: FinancialYear | None


def service_lines(*, council: Council, fy: FinancialYear) -> list[ServiceOffer]:
    """The council's service budget lines, each with its latest budget up to ``fy`` (or the
    earliest after it, if none)."""
    found = []
    lines = BudgetLine.objects.filter(
        council=council, kind=LineKind.SERVICE, disabled_on__isnull=True
    ).order_by("position", "name")
    for line in lines:
        figures = BudgetFigure.objects.filter(line=line, budget_pence__isnull=False)
        figure = (
            figures.filter(fy__lte=fy).order_by("-fy").first() or figures.order_by("fy").first()
        )
        found.append(
            ServiceOffer(
                line,
                figure.budget_pence if figure else None,
                figure.fy if figure else None,
            )
        )
    return found


@dataclass
class Defaults:
    gap_pence: int | None = None
    gap_source: str = ""
    council_tax_pence: int | None = None
    years: list[FinancialYear] = field(default_factory=list)


def defaults(*, membership: Membership, fy: FinancialYear | None) -> Defaults:
    """The gap to close in ``fy`` (what remains after the approved savings, in the plan's
    base scenario) and the year's council tax income, from the financial plan."""
    plan = finance_selectors.plan_get(membership=membership)
    found = Defaults(years=finance_selectors.plan_years(plan))
    scenario = finance_selectors.scenario_base(membership=membership)
    if plan is None or scenario is None or fy is None:
        return found
    gap = finance_selectors.gap(membership=membership, plan=plan, scenario=scenario)
    for year in gap.years:
        if year.fy == fy:
            found.gap_pence = max(0, year.remaining["approved"])
            found.gap_source = (
                f"{plan.title}, {scenario.name} scenario: the gap in {fy} after the savings "
                "already approved"
            )
    tax = scenario.assumptions.filter(category=Category.COUNCIL_TAX, fy=fy).first()
    if tax is not None:
        found.council_tax_pence = tax.amount_pence
    return found


# --- the simulations ----------------------------------------------------------------------------


def simulation_list(*, membership: Membership) -> QuerySet[Simulation]:
    return Simulation.objects.filter(council=membership.council)


def simulation_get(*, membership: Membership, pk: int) -> Simulation:
    return get_object_or_404(simulation_list(membership=membership), pk=pk)


def public_slug(council: Council) -> str:
    """The council's part of its public address (``/c/<slug>/``), as the public pages use."""
    return council.short_code.lower()


def public_council(slug: str) -> Council:
    council = Council.objects.filter(short_code__iexact=slug).first()
    if council is None or public_slug(council) != slug:
        raise Http404("No such council")
    return council


def public_simulations(council: Council) -> QuerySet[Simulation]:
    """The council's published simulations, newest first."""
    return Simulation.objects.filter(council=council).published()


def public_simulation(council: Council, year: str) -> Simulation:
    """The council's published simulation for the year in the address (``2014-15``); a
    draft, or a year written any other way, is not found."""
    try:
        fy = FinancialYear.parse(year.replace("-", "/"))
    except FinancialYearError:
        raise Http404("No such year") from None
    found = get_object_or_404(public_simulations(council), fy=fy)
    if found.year_slug != year:
        raise Http404("No such year")
    return found


# --- results --------------------------------------------------------------------------------


@dataclass
class OptionResult:
    option: SimulationOption
    kept: int
    removed: int
    comments: list[str]

    @property
    def answered(self) -> int:
        return self.kept + self.removed

    @property
    def kept_percent(self) -> Decimal | None:
        return rules.share(self.kept, self.answered)


@dataclass
class ServiceResult:
    name: str
    budget_pence: int
    average_hundredths: int | None
    cut: int
    kept_same: int
    raised: int


@dataclass
class Results:
    simulation: Simulation
    responses: int
    closing_gap: int
    options: list[OptionResult]
    services: list[ServiceResult]
    tax: list[tuple[str, int]]  # (rise, how many chose it)
    tax_average_hundredths: int | None
    comments: list[str]
    demographics: list[tuple[str, list[tuple[str, int]]]]
    illustrative: int


def results(simulation: Simulation) -> Results:
    """Every submission to the simulation, summarised: per option how many kept or removed
    it and their comments, the average move per service, the council tax chosen, and who
    answered (as far as they told us)."""
    submissions = list(simulation.submissions.all())
    choices = OptionChoice.objects.filter(submission__simulation=simulation)
    by_option: dict[int, list[OptionChoice]] = {}
    for choice in choices:
        by_option.setdefault(choice.option_id, []).append(choice)
    options = []
    for option in simulation.options.all():
        mine = by_option.get(option.pk, [])
        options.append(
            OptionResult(
                option=option,
                kept=sum(1 for c in mine if c.keep),
                removed=sum(1 for c in mine if not c.keep),
                comments=[c.comment for c in mine if c.comment],
            )
        )
    moves: dict[int, list[int]] = {}
    for move in ServiceChoice.objects.filter(submission__simulation=simulation):
        moves.setdefault(move.service_id, []).append(move.percent)
    services = []
    for service in simulation.services.all():
        mine = moves.get(service.pk, [])
        services.append(
            ServiceResult(
                name=service.name,
                budget_pence=service.budget_pence,
                average_hundredths=rules.average_hundredths(mine),
                cut=sum(1 for p in mine if p < 0),
                kept_same=sum(1 for p in mine if p == 0),
                raised=sum(1 for p in mine if p > 0),
            )
        )
    taxes = Counter(s.tax_hundredths for s in submissions)
    demographics = []
    for name, (label, choices_enum) in DEMOGRAPHICS.items():
        counted = Counter(getattr(s, name) for s in submissions)
        rows = [(text, counted[value]) for value, text in choices_enum.choices]
        rows.append(("Not answered", counted[""]))
        demographics.append((label, rows))
    return Results(
        simulation=simulation,
        responses=len(submissions),
        closing_gap=sum(1 for s in submissions if s.closes_gap),
        options=options,
        services=services,
        tax=[(rules.format_percent(t) + "%", taxes[t]) for t in sorted(taxes)],
        tax_average_hundredths=_tax_average(submissions),
        comments=[s.comment for s in submissions if s.comment],
        demographics=demographics,
        illustrative=sum(1 for s in submissions if s.illustrative),
    )


def _tax_average(submissions: list[Submission]) -> int | None:
    if not submissions:
        return None
    return int(
        (Decimal(sum(s.tax_hundredths for s in submissions)) / len(submissions)).quantize(
            Decimal(1), rounding=ROUND_HALF_UP
        )
    )


@dataclass
class ProposalResult:
    """What residents said of one proposal in one simulation."""

    simulation: Simulation
    responses: int
    kept: int
    removed: int
    comments: int

    @property
    def kept_percent(self) -> Decimal | None:
        return rules.share(self.kept, self.kept + self.removed)

    @property
    def opens_on(self) -> datetime.date:
        return self.simulation.opens_on

    @property
    def closes_on(self) -> datetime.date:
        return self.simulation.closes_on

    @property
    def sentence(self) -> str:
        return consultation_sentence(self)


def consultation_sentence(result: ProposalResult) -> str:
    """ "Resident budget simulator, 1 September 2014 to 31 January 2015: 12 responses, 58%
    would keep this saving; 3 comments."""
    percent = result.kept_percent
    keep = f"{percent}% would keep this saving" if percent is not None else "no answers yet"
    noun = "response" if result.responses == 1 else "responses"
    comments = "comment" if result.comments == 1 else "comments"
    return (
        f"Resident budget simulator, {_day(result.opens_on)} to {_day(result.closes_on)}: "
        f"{result.responses} {noun}, {keep}; {result.comments} {comments}."
    )


def _day(day: datetime.date) -> str:
    return f"{day.day} {day:%B %Y}"


def option_result(option: SimulationOption) -> ProposalResult:
    choices = list(option.choices.all())
    return ProposalResult(
        simulation=option.simulation,
        responses=option.simulation.submissions.count(),
        kept=sum(1 for c in choices if c.keep),
        removed=sum(1 for c in choices if not c.keep),
        comments=sum(1 for c in choices if c.comment),
    )


def results_for_proposal(proposal: Proposal) -> list[ProposalResult]:
    """What residents said of ``proposal`` in each published simulation that offered it,
    oldest first: for the committee report. The caller has already decided the reader may
    see the proposal; the results themselves are residents' public answers."""
    options = (
        SimulationOption.objects.filter(proposal=proposal, simulation__published_at__isnull=False)
        .select_related("simulation")
        .order_by("simulation__opens_on", "simulation_id")
    )
    return [option_result(option) for option in options]
