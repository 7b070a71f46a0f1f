"""Every write to the savings programme: role check, rules, full_clean, audit, one transaction."""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from sightline.accounts.models import Council, Role
from sightline.accounts.permissions import require_membership, require_role
from sightline.core.audit import check_version, record_event, save_audited, snapshot
from sightline.core.fiscal import FinancialYear
from sightline.savings import rules, selectors
from sightline.savings.models import (
    BenefitConfirmation,
    BudgetCode,
    BudgetCodeReview,
    Bundle,
    BundleTarget,
    DecisionEvent,
    DecisionStatus,
    Forecast,
    Lesson,
    Period,
    PriorityImpact,
    ProgrammeSettings,
    ProgrammeYear,
    Proposal,
    ProposalRisk,
    SavingKind,
    SavingLine,
    SavingsType,
    StaffingImpact,
    Stage,
    StageChange,
)

DEFAULT_TYPES = [
    # name, cashable, counts toward the budget gap
    ("Efficiency", True, True),
    ("Reduction in provision", True, True),
    ("Income generation", True, True),
    ("Service redesign", True, True),
    ("Commercialisation", True, True),
    ("Cost avoidance", False, False),
]

PROPOSAL_FIELDS = [
    "reference",
    "title",
    "savings_type",
    "directorate",
    "service_area",
    "bundle",
    "strategic_outcome",
    "priority",
    "lead_officer",
    "lead_member",
    "portfolio",
    "sponsor",
    "project_manager",
    "finance_lead",
    "accountant",
    "summary",
    "background",
    "proposal",
    "implementation_on",
    "resources",
    "notes",
    "exempt",
    "exempt_paragraphs",
    "exempt_until",
]
FINANCE_FIELDS = ["finance_lead", "accountant"]


def _require_edit(by, proposal: Proposal, *, action: str):
    membership = require_membership(by)
    if membership.council_id != proposal.council_id:
        raise PermissionDenied("This proposal belongs to another council.")
    if not selectors.can_edit(membership, proposal):
        raise PermissionDenied(
            f"You cannot {action}: only the programme office, the directorate's director or "
            "the proposal's lead officer, project manager or sponsor can."
        )
    return membership


def _check_same_council(council_id: int, **related) -> None:
    """Every related record must belong to the proposal's council."""
    errors = {}
    for name, obj in related.items():
        if obj is None:
            continue
        owner = getattr(obj, "council_id", None)
        if owner is None and hasattr(obj, "directorate"):
            owner = obj.directorate.council_id
        if owner is None and hasattr(obj, "plan"):
            owner = obj.plan.council_id
        if owner is not None and owner != council_id:
            errors[name] = "Choose one of your council's own records."
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def savings_types_ensure_defaults(*, council: Council) -> list[SavingsType]:
    return [
        SavingsType.objects.get_or_create(
            council=council,
            name=name,
            defaults={"cashable": cashable, "counts_toward_gap": counts},
        )[0]
        for name, cashable, counts in DEFAULT_TYPES
    ]


# --- proposals -----------------------------------------------------------------------------


@transaction.atomic
def proposal_create(*, by, data: dict, reason: str = "") -> Proposal:
    """Create a proposal in the idea stage, as a draft. An editor becomes its lead officer."""
    membership = require_role(
        by,
        [Role.PROGRAMME_OFFICE, Role.DIRECTOR, Role.EDITOR],
        action="create a savings proposal",
    )
    proposal = Proposal(council=membership.council)
    for name in PROPOSAL_FIELDS:
        if name in data:
            setattr(proposal, name, data[name])
    if membership.role == Role.DIRECTOR and proposal.directorate_id != membership.directorate_id:
        raise PermissionDenied("A director can only create proposals in their own directorate.")
    if membership.role == Role.EDITOR:
        person = getattr(by, "person", None)
        if person is None:
            raise PermissionDenied("Your login is not linked to a person, so it cannot lead.")
        if not selectors.leads(membership, proposal):
            proposal.lead_officer = person
    _check_same_council(membership.council_id, **{n: getattr(proposal, n) for n in _related()})
    _check_reference_unique(proposal)
    save_audited(
        proposal, by=by, verb="proposal.created", council=membership.council, reason=reason
    )
    if "budget_codes" in data:
        _set_budget_codes(proposal, data["budget_codes"])
    return proposal


def _related():
    return [
        "priority",
        "savings_type",
        "directorate",
        "service_area",
        "bundle",
        "lead_officer",
        "lead_member",
        "portfolio",
        "sponsor",
        "project_manager",
        "finance_lead",
        "accountant",
    ]


def _check_reference_unique(proposal: Proposal) -> None:
    clash = Proposal.objects.filter(council_id=proposal.council_id, reference=proposal.reference)
    if proposal.pk:
        clash = clash.exclude(pk=proposal.pk)
    if clash.exists():
        raise ValidationError(
            {"reference": f"Reference {proposal.reference} is already used by another proposal."}
        )


def _set_budget_codes(proposal: Proposal, codes) -> None:
    codes = list(codes)
    for code in codes:
        if code.council_id != proposal.council_id:
            raise ValidationError({"budget_codes": "Choose your council's own budget codes."})
    proposal.budget_codes.set(codes)


@transaction.atomic
def proposal_update(
    *, proposal: Proposal, by, data: dict, expected_version: int | None = None, reason: str = ""
) -> Proposal:
    """Edit a proposal's form fields. Finance may change only the finance lead and accountant."""
    membership = require_membership(by)
    changing = [n for n in PROPOSAL_FIELDS if n in data and data[n] != getattr(proposal, n)]
    if "budget_codes" in data and {c.pk for c in data["budget_codes"]} != set(
        proposal.budget_codes.values_list("pk", flat=True)
    ):
        changing.append("budget_codes")
    finance_only = (
        bool(changing) and set(changing) <= set(FINANCE_FIELDS) and membership.role == Role.FINANCE
    )
    if not finance_only:
        _require_edit(by, proposal, action="edit this proposal")
    current = Proposal.objects.select_for_update().get(pk=proposal.pk)
    check_version(current, expected_version)
    before = snapshot(current)
    for name in PROPOSAL_FIELDS:
        if name in data:
            setattr(current, name, data[name])
    if (
        membership.role == Role.DIRECTOR
        and current.directorate_id != membership.directorate_id
        and not finance_only
    ):
        raise PermissionDenied("A director cannot move a proposal out of their directorate.")
    _check_same_council(current.council_id, **{n: getattr(current, n) for n in _related()})
    _check_reference_unique(current)
    save_audited(
        current,
        by=by,
        verb="proposal.changed",
        council=current.council,
        before=before,
        reason=reason,
    )
    if "budget_codes" in data:
        _set_budget_codes(current, data["budget_codes"])
    return current


@transaction.atomic
def proposal_archive(*, proposal: Proposal, by, reason: str) -> Proposal:
    require_role(by, [Role.PROGRAMME_OFFICE], action="archive a proposal")
    if not reason.strip():
        raise ValidationError({"reason": "Give the reason for archiving the proposal."})
    before = snapshot(proposal)
    proposal.archived_at = timezone.now()
    save_audited(
        proposal,
        by=by,
        verb="proposal.archived",
        council=proposal.council,
        before=before,
        reason=reason,
    )
    return proposal


def _check_budgets(proposal: Proposal, new_lines: list[SavingLine]) -> None:
    """Refuse a profile that would save more on a budget code than the code's budget."""
    codes = {line.budget_code_id for line in new_lines if line.budget_code_id}
    if not codes:
        return
    others = SavingLine.objects.filter(budget_code_id__in=codes).exclude(proposal=proposal)
    others = others.filter(proposal__in=Proposal.objects.active())
    by_code: dict[int, list[SavingLine]] = defaultdict(list)
    for line in [*others, *new_lines]:
        if line.budget_code_id in codes and line.kind == SavingKind.REDUCTION:
            by_code[line.budget_code_id].append(line)
    budget_codes = {c.pk: c for c in BudgetCode.objects.filter(pk__in=codes)}
    errors = []
    for code_id, lines in by_code.items():
        code = budget_codes[code_id]
        if code.income:
            continue
        for row in rules.profile(lines):
            if row.cumulative_pence > code.current_budget_pence:
                errors.append(rules.over_budget_message(code, row.fy, row.cumulative_pence))
                break
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def saving_lines_set(
    *,
    proposal: Proposal,
    by,
    lines: list[dict],
    expected_version: int | None = None,
    reason: str = "",
) -> list[SavingLine]:
    """Replace a proposal's savings profile (one dict per line: fy, amount_pence, kind,
    recurring, budget_code, description). Nothing is saved if any line is wrong."""
    _require_edit(by, proposal, action="change this proposal's savings")
    current = Proposal.objects.select_for_update().get(pk=proposal.pk)
    check_version(current, expected_version)
    new_lines = []
    errors = {}
    for index, data in enumerate(lines, start=1):
        line = SavingLine(proposal=current, **data)
        if line.budget_code_id and line.budget_code.council_id != current.council_id:
            errors[f"line {index}"] = "Choose one of your council's budget codes."
        try:
            line.full_clean(exclude=["proposal"])
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                errors[f"line {index} ({field})"] = " ".join(messages)
        new_lines.append(line)
    if errors:
        raise ValidationError(errors)
    if rules.profile_is_empty(new_lines) and (
        current.decision_status == DecisionStatus.APPROVED or current.stage in selectors.IN_DELIVERY
    ):
        raise ValidationError(
            f"An {'approved' if current.decision_status == DecisionStatus.APPROVED else 'live'} "
            "proposal cannot have an empty savings profile."
        )
    _check_budgets(current, new_lines)
    old = {(str(line.fy), line.amount_pence, line.kind) for line in current.lines.all()}
    for line in current.lines.all():
        line._history_user = by
        line._change_reason = reason
        line.delete()
    for line in new_lines:
        save_audited(
            line, by=by, verb="saving_line.created", council=current.council, reason=reason
        )
    before = snapshot(current)
    save_audited(
        current,
        by=by,
        verb="proposal.profile_changed",
        council=current.council,
        before=before,
        reason=reason or "Savings profile changed",
    )
    record_event(
        actor=by,
        verb="proposal.profile",
        target=current,
        council=current.council,
        changes={
            "lines": [
                sorted(f"{fy} {pence} {kind}" for fy, pence, kind in old),
                sorted(f"{line.fy} {line.amount_pence} {line.kind}" for line in new_lines),
            ]
        },
        reason=reason,
    )
    proposal.version = current.version
    return new_lines


@transaction.atomic
def staffing_set(*, proposal: Proposal, by, rows: list[dict], reason: str = "") -> None:
    """Replace the staffing impact: fy, role, fte, vacancies_held per row."""
    _require_edit(by, proposal, action="change this proposal's staffing impact")
    new = []
    errors = {}
    for index, data in enumerate(rows, start=1):
        row = StaffingImpact(proposal=proposal, **data)
        try:
            row.full_clean(exclude=["proposal"])
        except ValidationError as error:
            errors[f"row {index}"] = " ".join(m for ms in error.message_dict.values() for m in ms)
        if row.vacancies_held and row.fte is not None and row.vacancies_held > row.fte:
            errors[f"row {index}"] = "Vacancies held cannot be more than the FTE reduction."
        new.append(row)
    if errors:
        raise ValidationError(errors)
    for row in proposal.staffing.all():
        row._history_user = by
        row._change_reason = reason
        row.delete()
    for row in new:
        save_audited(row, by=by, verb="staffing.created", council=proposal.council, reason=reason)


@transaction.atomic
def risk_set(*, proposal: Proposal, by, rows: list[dict], reason: str = "") -> None:
    """Replace the risks and mitigations: description, mitigation per row."""
    _require_edit(by, proposal, action="change this proposal's risks")
    for row in proposal.risks.all():
        row._history_user = by
        row.delete()
    for order, data in enumerate(rows, start=1):
        risk = ProposalRisk(proposal=proposal, order=order, **data)
        save_audited(risk, by=by, verb="risk.created", council=proposal.council, reason=reason)


# --- stages and decisions ------------------------------------------------------------------


@transaction.atomic
def proposal_advance_stage(
    *, proposal: Proposal, to: str, by, reason: str = "", override: bool = False
) -> Proposal:
    """Move a proposal to another stage if its gate passes; the programme office may override
    a failed gate with a recorded reason, shown on the proposal and in reports."""
    membership = _require_edit(by, proposal, action="move this proposal between stages")
    current = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if to not in rules.TRANSITIONS.get(current.stage, set()):
        raise ValidationError(
            f"A proposal at {Stage(current.stage).label.lower()} cannot move to "
            f"{Stage(to).label.lower()}."
        )
    if (
        current.stage in {Stage.WITHDRAWN, Stage.FAILED}
        and membership.role != Role.PROGRAMME_OFFICE
    ):
        raise PermissionDenied(
            "Only the programme office can reopen a withdrawn or failed proposal."
        )
    if to in rules.NEEDS_REASON and not reason.strip():
        raise ValidationError(
            {"reason": f"Give the reason the proposal is {Stage(to).label.lower()}."}
        )
    lines = list(current.lines.all())
    missing = rules.gate_missing(
        current,
        to,
        lines=lines,
        budget_code_count=current.budget_codes.count(),
        confirmed_years={b.fy for b in current.benefits.all()},
    )
    if missing and not override:
        raise ValidationError(rules.gate_message(to, missing), code="gate")
    if override:
        require_role(by, [Role.PROGRAMME_OFFICE], action="override a stage gate")
        if not reason.strip():
            raise ValidationError({"reason": "Give the reason for overriding the gate."})
    before = snapshot(current)
    from_stage = current.stage
    current.stage = to
    if to in rules.NEEDS_REASON:
        current.stage_reason = reason
    save_audited(
        current,
        by=by,
        verb="proposal.gate_overridden" if override and missing else "proposal.stage_changed",
        council=current.council,
        before=before,
        reason=reason,
    )
    StageChange.objects.create(
        proposal=current,
        from_stage=from_stage,
        to_stage=to,
        reason=reason,
        overridden=bool(override and missing),
        missing=missing,
        by=by,
    )
    return current


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


@transaction.atomic
def proposal_record_decision(
    *,
    proposal: Proposal,
    to: str,
    by,
    body: str = "",
    decided_on: datetime.date | None = None,
    reference: str = "",
    note: str = "",
) -> Proposal:
    """Submit a proposal, put it to consultation, or record its approval or rejection by a
    named body on a date with the decision's reference."""
    membership = require_membership(by)
    current = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if to not in DECISION_STEPS.get(current.decision_status, set()):
        raise ValidationError(
            f"A proposal that is {DecisionStatus(current.decision_status).label.lower()} cannot "
            f"become {DecisionStatus(to).label.lower()}."
        )
    if to in {DecisionStatus.SUBMITTED, DecisionStatus.DRAFT}:
        _require_edit(by, current, action="submit this proposal")
    elif not selectors.can_decide(membership, current):
        raise PermissionDenied(
            "You cannot record a decision: only the programme office or the directorate's "
            "director can."
        )
    errors = {}
    if to in {DecisionStatus.APPROVED, DecisionStatus.REJECTED}:
        if not body:
            errors["body"] = "Select who made the decision."
        if decided_on is None:
            errors["decided_on"] = "Enter the date of the decision."
        elif decided_on > timezone.localdate():
            errors["decided_on"] = "The date of the decision must be today or in the past."
    if to == DecisionStatus.APPROVED and rules.profile_is_empty(current.lines.all()):
        errors["__all__"] = (
            "This proposal cannot be approved: its savings profile is empty. Add the savings "
            "for at least one year first."
        )
    if errors:
        raise ValidationError(errors)
    before = snapshot(current)
    from_status = current.decision_status
    current.decision_status = to
    if to in {DecisionStatus.APPROVED, DecisionStatus.REJECTED}:
        current.decision_body, current.decision_on, current.decision_reference = (
            body,
            decided_on,
            reference,
        )
    save_audited(
        current, by=by, verb=f"proposal.{to}", council=current.council, before=before, reason=note
    )
    DecisionEvent.objects.create(
        proposal=current,
        from_status=from_status,
        to_status=to,
        body=body,
        decided_on=decided_on,
        reference=reference,
        note=note,
        by=by,
    )
    return current


@transaction.atomic
def benefit_confirm(
    *,
    proposal: Proposal,
    fy: FinancialYear,
    amount_pence: int,
    by,
    confirmed_on: datetime.date | None = None,
    note: str = "",
) -> BenefitConfirmation:
    """Finance confirms that a year's saving has left the budget (benefits realised)."""
    membership = require_role(
        by, [Role.FINANCE, Role.PROGRAMME_OFFICE], action="confirm that a saving has been delivered"
    )
    if membership.council_id != proposal.council_id:
        raise PermissionDenied("This proposal belongs to another council.")
    if proposal.stage not in selectors.IN_DELIVERY:
        raise ValidationError("Only a live proposal's savings can be confirmed as delivered.")
    if amount_pence < 0:
        raise ValidationError({"amount_pence": "Enter the saving confirmed, zero or more."})
    existing = BenefitConfirmation.objects.filter(proposal=proposal, fy=fy).first()
    confirmation = existing or BenefitConfirmation(proposal=proposal, fy=fy)
    before = snapshot(existing) if existing else {}
    confirmation.amount_pence = amount_pence
    confirmation.confirmed_on = confirmed_on or timezone.localdate()
    confirmation.note = note
    save_audited(
        confirmation,
        by=by,
        verb="benefit.confirmed",
        council=proposal.council,
        before=before,
        reason=note,
    )
    return confirmation


# --- monitoring ----------------------------------------------------------------------------


@transaction.atomic
def period_open(*, council: Council, month: datetime.date, by) -> Period:
    membership = require_role(by, [Role.PROGRAMME_OFFICE], action="open a monitoring period")
    if membership.council_id != council.pk:
        raise PermissionDenied("You can only open periods for your own council.")
    month = month.replace(day=1)
    if Period.objects.filter(council=council, month=month).exists():
        raise ValidationError({"month": f"{month:%B %Y} already has a monitoring period."})
    period = Period(council=council, month=month, fy=FinancialYear.of(month))
    save_audited(period, by=by, verb="period.opened", council=council)
    return period


@transaction.atomic
def forecast_record(
    *,
    proposal: Proposal,
    period: Period,
    fy: FinancialYear,
    forecast_pence: int,
    rag: str,
    by,
    commentary: str = "",
    slippage_pence: int = 0,
    slipped_to: FinancialYear | None = None,
    replacement: str = "",
    expected_version: int | None = None,
) -> Forecast:
    """Record this month's forecast for one year of a live saving."""
    membership = require_membership(by)
    if membership.role != Role.FINANCE:
        _require_edit(by, proposal, action="record a forecast for this proposal")
    if period.council_id != proposal.council_id or membership.council_id != proposal.council_id:
        raise PermissionDenied("This proposal belongs to another council.")
    period = Period.objects.select_for_update().get(pk=period.pk)
    if period.is_closed:
        raise ValidationError(
            f"The {period} period is closed: its figures are frozen. Record the forecast in an "
            "open period."
        )
    if proposal.stage not in selectors.IN_DELIVERY:
        raise ValidationError("Forecasts are recorded for live savings only.")
    errors = {}
    previous = (
        Forecast.objects.filter(proposal=proposal, fy=fy, month__lt=period.month)
        .order_by("-month")
        .first()
    )
    why = rules.commentary_required(rag=rag, previous_rag=previous.rag if previous else None)
    if why and not commentary.strip():
        errors["commentary"] = why
    if slippage_pence:
        if slipped_to is None:
            errors["slipped_to"] = "Select the later year the slipped saving moves to."
        elif slipped_to <= fy:
            errors["slipped_to"] = f"Slippage moves a saving to a year after {fy}."
    if errors:
        raise ValidationError(errors)
    existing = Forecast.objects.filter(proposal=proposal, period=period, fy=fy).first()
    if existing:
        check_version(existing, expected_version)
    forecast = existing or Forecast(proposal=proposal, period=period, month=period.month, fy=fy)
    before = snapshot(existing) if existing else {}
    forecast.forecast_pence = forecast_pence
    forecast.rag = rag
    forecast.commentary = commentary
    forecast.slippage_pence = slippage_pence
    forecast.slipped_to = slipped_to if slippage_pence else None
    forecast.replacement = replacement
    save_audited(
        forecast,
        by=by,
        verb="forecast.recorded",
        council=proposal.council,
        before=before,
        reason=commentary,
    )
    return forecast


@transaction.atomic
def period_close(*, period: Period, by) -> Period:
    """Close a month: its forecasts are frozen and its report is kept exactly as it stands."""
    membership = require_role(by, [Role.PROGRAMME_OFFICE], action="close a monitoring period")
    period = Period.objects.select_for_update().get(pk=period.pk)
    if membership.council_id != period.council_id:
        raise PermissionDenied("You can only close your own council's periods.")
    if period.is_closed:
        raise ValidationError(f"The {period} period is already closed.")
    before = snapshot(period)
    period.status = Period.Status.CLOSED
    period.closed_at = timezone.now()
    period.closed_by = by
    period.report = selectors.monitoring_report(period=period)
    save_audited(period, by=by, verb="period.closed", council=period.council, before=before)
    return period


# --- programme, bundles, budget codes, checks, lessons -------------------------------------


@transaction.atomic
def programme_year_set(
    *, council: Council, fy: FinancialYear, target_pence: int, team_cost_pence: int, by
) -> ProgrammeYear:
    membership = require_role(by, [Role.PROGRAMME_OFFICE], action="set the programme's targets")
    if membership.council_id != council.pk:
        raise PermissionDenied("You can only set your own council's targets.")
    year = ProgrammeYear.objects.filter(council=council, fy=fy).first()
    before = snapshot(year) if year else {}
    year = year or ProgrammeYear(council=council, fy=fy)
    year.target_pence, year.team_cost_pence = target_pence, team_cost_pence
    save_audited(year, by=by, verb="programme_year.set", council=council, before=before)
    return year


@transaction.atomic
def programme_settings_update(*, council: Council, by, **weights) -> ProgrammeSettings:
    membership = require_role(by, [Role.PROGRAMME_OFFICE], action="change the programme settings")
    if membership.council_id != council.pk:
        raise PermissionDenied("You can only change your own council's settings.")
    settings = ProgrammeSettings.objects.filter(council=council).first()
    before = snapshot(settings) if settings else {}
    settings = settings or ProgrammeSettings(council=council)
    for name, value in weights.items():
        setattr(settings, name, value)
    save_audited(settings, by=by, verb="programme_settings.changed", council=council, before=before)
    return settings


@transaction.atomic
def bundle_save(*, bundle: Bundle, by, targets: dict[FinancialYear, int] | None = None) -> Bundle:
    membership = require_role(by, [Role.PROGRAMME_OFFICE], action="change a bundle")
    if membership.council_id != bundle.council_id:
        raise PermissionDenied("You can only change your own council's bundles.")
    before = snapshot(Bundle.objects.get(pk=bundle.pk)) if bundle.pk else {}
    save_audited(bundle, by=by, verb="bundle.saved", council=bundle.council, before=before)
    for fy, pence in (targets or {}).items():
        if bundle.enabling and pence:
            raise ValidationError(
                "An enabling bundle has no target: its savings are counted in other bundles."
            )
        target = BundleTarget.objects.filter(bundle=bundle, fy=fy).first()
        previous = snapshot(target) if target else {}
        target = target or BundleTarget(bundle=bundle, fy=fy)
        target.target_pence = pence
        save_audited(
            target, by=by, verb="bundle_target.set", council=bundle.council, before=previous
        )
    return bundle


@transaction.atomic
def budget_code_save(*, code: BudgetCode, by) -> BudgetCode:
    membership = require_role(
        by, [Role.PROGRAMME_OFFICE, Role.FINANCE], action="change a budget code"
    )
    if membership.council_id != code.council_id:
        raise PermissionDenied("You can only change your own council's budget codes.")
    before = snapshot(BudgetCode.objects.get(pk=code.pk)) if code.pk else {}
    save_audited(code, by=by, verb="budget_code.saved", council=code.council, before=before)
    return code


@transaction.atomic
def budget_code_review_confirm(*, budget_code: BudgetCode, by, note: str) -> BudgetCodeReview:
    """Finance confirms that the proposals now sharing a budget code do not double count."""
    membership = require_role(
        by,
        [Role.FINANCE],
        action="confirm that proposals sharing a budget code do not double count",
    )
    if membership.council_id != budget_code.council_id:
        raise PermissionDenied("This budget code belongs to another council.")
    if not note.strip():
        raise ValidationError({"note": "Say why the savings on this code do not overlap."})
    check = next(
        (
            c
            for c in selectors.budget_code_checks(membership=membership)
            if c.code.pk == budget_code.pk
        ),
        None,
    )
    if check is None or not check.shared:
        raise ValidationError("This budget code is not shared by two or more proposals.")
    review = BudgetCodeReview(
        budget_code=budget_code,
        proposals_key=selectors.proposals_key(p.pk for p in check.proposals),
        note=note,
    )
    save_audited(
        review, by=by, verb="budget_code.reviewed", council=budget_code.council, reason=note
    )
    return review


@transaction.atomic
def lesson_save(*, lesson: Lesson, by, proposals=None, bundles=None) -> Lesson:
    membership = require_role(
        by, [Role.PROGRAMME_OFFICE, Role.DIRECTOR], action="change the learning log"
    )
    if membership.council_id != lesson.council_id:
        raise PermissionDenied("You can only change your own council's learning log.")
    before = snapshot(Lesson.objects.get(pk=lesson.pk)) if lesson.pk else {}
    save_audited(lesson, by=by, verb="lesson.saved", council=lesson.council, before=before)
    if proposals is not None:
        lesson.proposals.set([p for p in proposals if p.council_id == lesson.council_id])
    if bundles is not None:
        lesson.bundles.set([b for b in bundles if b.council_id == lesson.council_id])
    return lesson


@transaction.atomic
def priority_impact_record(
    *, proposal: Proposal, by, priority, impact: str, indicator=None, note: str = ""
) -> PriorityImpact:
    """Record a proposal's impact on a strategic priority (or one of its indicators)."""
    _require_edit(by, proposal, action="record this proposal's impact on a priority")
    _check_same_council(proposal.council_id, priority=priority, indicator=indicator)
    if impact == PriorityImpact.Impact.NEGATIVE and not note.strip():
        raise ValidationError({"note": "Say how the saving harms the priority."})
    existing = PriorityImpact.objects.filter(
        proposal=proposal, priority=priority, indicator=indicator
    ).first()
    before = snapshot(existing) if existing else {}
    record = existing or PriorityImpact(proposal=proposal, priority=priority, indicator=indicator)
    record.impact, record.note = impact, note
    save_audited(
        record, by=by, verb="proposal.impact_recorded", council=proposal.council, before=before
    )
    return record
