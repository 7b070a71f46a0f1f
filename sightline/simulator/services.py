"""Every write of the simulator: generating a simulation from the programme and the plan,
publishing and closing it, residents' submissions, and sending the results to each proposal's
consultation record (through ``sightline.impact.services.consultation_save``, asked by its
own rule)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from sightline.accounts.models import Council
from sightline.accounts.permissions import check
from sightline.core.audit import save_audited
from sightline.core.fiscal import FinancialYear
from sightline.finance.models import BudgetLine, LineKind
from sightline.impact.models import Audience, Consultation
from sightline.impact.services import consultation_save
from sightline.savings.models import Proposal
from sightline.simulator import rules, selectors
from sightline.simulator.models import (
    DEMOGRAPHICS,
    OptionChoice,
    ServiceChoice,
    Simulation,
    SimulationOption,
    SimulationService,
    Submission,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import User

MAX_COMMENT = 2000


@dataclass
class ServicePick:
    line: BudgetLine
    min_percent: int
    max_percent: int


@transaction.atomic
def simulation_create(
    *,
    council: Council,
    by: User,
    fy: FinancialYear,
    title: str,
    introduction: str = "",
    gap_pence: int,
    gap_source: str = "",
    council_tax_pence: int,
    tax_max_hundredths: int,
    opens_on: datetime.date,
    closes_on: datetime.date,
    proposals: list[Proposal],
    services: list[ServicePick],
    illustrative: bool = False,
) -> Simulation:
    """Generate a simulation: a snapshot of the chosen proposals with their savings by ``fy``
    and of the chosen service budgets, so later changes to either leave it as residents saw
    it."""
    check(by, "simulator.create_simulation", council)
    errors: dict[str, list[str]] = {}
    if Simulation.objects.filter(council=council, fy=fy).exists():
        errors.setdefault("fy", []).append(f"There is already a simulator for {fy}")
    if closes_on < opens_on:
        errors.setdefault("closes_on", []).append("The closing date must be on or after opening")
    if not proposals:
        errors.setdefault("proposals", []).append("Choose at least one savings option to offer")
    published = set(selectors.published_proposals(council).values_list("pk", flat=True))
    amounts = {}
    for proposal in proposals:
        if proposal.council_id != council.pk or proposal.pk not in published:
            # An exempt or another council's proposal is never offered to the public.
            errors.setdefault("proposals", []).append(
                f"{proposal.reference} cannot be offered: only published proposals of the "
                "council's programme can"
            )
            continue
        amounts[proposal.pk] = selectors.option_amount(proposal, fy)
        if amounts[proposal.pk] <= 0:
            errors.setdefault("proposals", []).append(
                f"{proposal.reference} saves nothing by {fy}: choose proposals with a saving"
            )
    budgets = {}
    for pick in services:
        line = pick.line
        if line.council_id != council.pk or line.kind != LineKind.SERVICE:
            errors.setdefault("services", []).append(f"{line.name} is not one of the services")
            continue
        if not -100 <= pick.min_percent <= 0 <= pick.max_percent <= 100:
            errors.setdefault("services", []).append(
                f"{line.name}: the range must run from a cut (0 to -100%) to a rise (0 to 100%)"
            )
        offer = next(
            (o for o in selectors.service_lines(council=council, fy=fy) if o.line.pk == line.pk),
            None,
        )
        if offer is None or offer.budget_pence is None:
            errors.setdefault("services", []).append(f"{line.name} has no budget to move")
            continue
        budgets[line.pk] = offer
    if not 0 <= tax_max_hundredths <= 9999:
        errors.setdefault("tax_max", []).append("Enter a council tax limit from 0% to 99.99%")
    if errors:
        raise ValidationError(errors)
    simulation = Simulation(
        council=council,
        fy=fy,
        title=title.strip(),
        introduction=introduction.strip(),
        gap_pence=gap_pence,
        gap_source=gap_source.strip(),
        council_tax_pence=council_tax_pence,
        tax_max_hundredths=tax_max_hundredths,
        opens_on=opens_on,
        closes_on=closes_on,
        illustrative=illustrative,
    )
    save_audited(simulation, by=by, reason="Resident budget simulator generated")
    for position, proposal in enumerate(proposals, start=1):
        option = SimulationOption(
            simulation=simulation,
            proposal=proposal,
            reference=proposal.reference,
            title=proposal.title,
            summary=proposal.summary,
            amount_pence=amounts[proposal.pk],
            position=position,
        )
        save_audited(option, by=by, reason="Offered to residents")
    for position, pick in enumerate(services, start=1):
        offer = budgets[pick.line.pk]
        service = SimulationService(
            simulation=simulation,
            line=pick.line,
            name=pick.line.name,
            budget_pence=offer.budget_pence,
            budget_source=f"Budget {offer.source_fy}" if offer.source_fy else "",
            min_percent=pick.min_percent,
            max_percent=pick.max_percent,
            position=position,
        )
        save_audited(service, by=by, reason="Offered to residents")
    return simulation


def _locked(simulation: Simulation) -> Simulation:
    return Simulation.objects.select_for_update().get(pk=simulation.pk)


@transaction.atomic
def simulation_publish(*, simulation: Simulation, by: User) -> Simulation:
    """Publish the simulation: residents may answer it between its opening and closing dates."""
    check(by, "simulator.manage_simulation", simulation)
    current = _locked(simulation)
    if current.published_at is not None:
        raise ValidationError("The simulation is already published")
    current.published_at = timezone.now()
    save_audited(current, by=by, reason="Published to residents")
    return current


@transaction.atomic
def simulation_close(*, simulation: Simulation, by: User) -> Simulation:
    """Close the simulation to residents and send its results to each proposal's
    consultation record."""
    check(by, "simulator.manage_simulation", simulation)
    current = _locked(simulation)
    if current.closed_at is not None:
        raise ValidationError("The simulation is already closed")
    current.closed_at = timezone.now()
    save_audited(current, by=by, reason="Closed to residents")
    simulation_send_results(simulation=current, by=by)
    return current


@transaction.atomic
def simulation_send_results(*, simulation: Simulation, by: User) -> list[Consultation]:
    """Record (or bring up to date) a residents' consultation on each offered proposal:
    "Resident budget simulator, <dates>: N responses, X% would keep this saving; C comments"."""
    check(by, "simulator.manage_simulation", simulation)
    current = _locked(simulation)
    if current.published_at is None:
        raise ValidationError("A draft simulation has no results to send")
    sent = []
    for option in current.options.select_related("proposal", "consultation"):
        result = selectors.option_result(option)
        data = {
            "audience": Audience.RESIDENTS,
            "who": "Residents, through the resident budget simulator",
            "method": f"Resident budget simulator: {current.title}",
            "started_on": current.opens_on,
            "ended_on": current.closes_on,
            "responses": result.responses,
            "outcome": result.sentence,
        }
        existing = option.consultation
        consultation = consultation_save(
            proposal=option.proposal,
            by=by,
            data=data,
            consultation=existing,
            expected_version=existing.version if existing else None,
            reason="Results of the resident budget simulator",
        )
        if existing is None:
            option.consultation = consultation
            save_audited(option, by=by, reason="Results sent to the consultation record")
        sent.append(consultation)
    current.results_sent_at = timezone.now()
    save_audited(current, by=by, reason="Results sent to the proposals' consultation records")
    return sent


# --- residents' submissions ---------------------------------------------------------------------


@dataclass
class Answer:
    """One resident's budget, as read from the form."""

    keep: dict[int, bool] = field(default_factory=dict)  # option id -> kept
    option_comments: dict[int, str] = field(default_factory=dict)
    percents: dict[int, int] = field(default_factory=dict)  # service id -> move
    tax_hundredths: int = 0
    comment: str = ""
    area: str = ""
    demographics: dict[str, str] = field(default_factory=dict)


def answer_balance(simulation: Simulation, answer: Answer) -> rules.Balance:
    options = list(simulation.options.all())
    services = list(simulation.services.all())
    return rules.balance(
        gap=simulation.gap_pence,
        kept=[o.amount_pence for o in options if answer.keep.get(o.pk, True)],
        services=[(s.budget_pence, answer.percents.get(s.pk, 0)) for s in services],
        council_tax=simulation.council_tax_pence,
        tax_hundredths=answer.tax_hundredths,
    )


def answer_errors(simulation: Simulation, answer: Answer) -> dict[str, list[str]]:
    """What is wrong with the answer, by the form's field names."""
    errors: dict[str, list[str]] = {}
    for service in simulation.services.all():
        move = answer.percents.get(service.pk, 0)
        if not service.min_percent <= move <= service.max_percent:
            errors[f"service_{service.pk}"] = [
                f"{service.name}: enter a change from {service.min_percent}% to "
                f"{service.max_percent}%"
            ]
    if not 0 <= answer.tax_hundredths <= simulation.tax_max_hundredths:
        errors["tax"] = [
            f"Council tax: enter a rise from 0% to "
            f"{rules.format_percent(simulation.tax_max_hundredths)}%"
        ]
    for option_id, text in answer.option_comments.items():
        if len(text) > MAX_COMMENT:
            errors[f"comment_{option_id}"] = [f"Comments must be {MAX_COMMENT} characters or fewer"]
    if len(answer.comment) > MAX_COMMENT:
        errors["comment"] = [f"Comments must be {MAX_COMMENT} characters or fewer"]
    if len(answer.area) > 40:
        errors["area"] = ["Ward or postcode district must be 40 characters or fewer"]
    for name, value in answer.demographics.items():
        if name not in DEMOGRAPHICS or (value and value not in DEMOGRAPHICS[name][1].values):
            errors[name] = [f"{DEMOGRAPHICS.get(name, (name,))[0]}: choose one of the answers"]
    return errors


@transaction.atomic
def submission_create(
    *,
    simulation: Simulation,
    answer: Answer,
    illustrative: bool = False,
    at: datetime.datetime | None = None,
) -> Submission:
    """Save one resident's budget, all or nothing. Only a published simulation that is open
    today takes answers."""
    today = timezone.localdate()
    current = Simulation.objects.select_for_update().get(pk=simulation.pk)
    if not current.is_open(today):
        raise ValidationError("This budget simulator is not taking responses")
    errors = answer_errors(current, answer)
    if errors:
        raise ValidationError(errors)
    result = answer_balance(current, answer)
    submission = Submission.objects.create(
        simulation=current,
        submitted_at=at or timezone.now(),
        tax_hundredths=answer.tax_hundredths,
        total_pence=result.total,
        closes_gap=result.closes_gap,
        comment=answer.comment.strip(),
        area=answer.area.strip().upper(),
        illustrative=illustrative,
        **{name: answer.demographics.get(name, "") for name in DEMOGRAPHICS},
    )
    OptionChoice.objects.bulk_create(
        OptionChoice(
            submission=submission,
            option=option,
            keep=answer.keep.get(option.pk, True),
            comment=answer.option_comments.get(option.pk, "").strip(),
        )
        for option in current.options.all()
    )
    ServiceChoice.objects.bulk_create(
        ServiceChoice(
            submission=submission, service=service, percent=answer.percents.get(service.pk, 0)
        )
        for service in current.services.all()
    )
    return submission
