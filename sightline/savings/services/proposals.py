"""Creating, editing and archiving savings proposals, and their impact on priorities."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from sightline.accounts.permissions import allowed, check, council_id_of
from sightline.core.audit import check_version, save_audited, snapshot
from sightline.savings.models import (
    PriorityImpact,
    Proposal,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import User

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
RELATED = [
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


def check_links(proposal: Proposal) -> None:
    """The proposal's related records are its own council's, and its service area is in its
    directorate. Every write of a proposal asks this: a form, the API and an import alike."""
    errors = {}
    for name in RELATED:
        obj = getattr(proposal, name)
        if obj is not None and council_id_of(obj) != proposal.council_id:
            errors[name] = "Choose one of your council's own records."
    area = proposal.service_area
    if (
        area is not None
        and "service_area" not in errors
        and proposal.directorate_id
        and area.directorate_id != proposal.directorate_id
    ):
        errors["service_area"] = f"{area} is not in the {proposal.directorate} directorate."
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def proposal_create(*, by: User, data: dict, reason: str = "") -> Proposal:
    """Create a proposal in the idea stage, as a draft. An editor becomes its lead officer."""
    membership = check(by, "savings.create_proposal")
    proposal = Proposal(council=membership.council)
    for name in PROPOSAL_FIELDS:
        if name in data:
            setattr(proposal, name, data[name])
    check(by, "savings.create_proposal", proposal)
    if _marks_exempt(proposal, before={}):
        check(by, "savings.mark_exempt", proposal)
    if not allowed(by, "savings.change_proposal", proposal):
        # An editor leads what they create: they become its lead officer.
        proposal.lead_officer = by.person
    check_links(proposal)
    _check_reference_unique(proposal)
    save_audited(proposal, by=by, reason=reason)
    if "budget_codes" in data:
        _set_budget_codes(proposal, data["budget_codes"])
    return proposal


EXEMPT_FIELDS = ("exempt", "exempt_paragraphs", "exempt_until")


def _marks_exempt(proposal: Proposal, *, before: dict) -> bool:
    """Whether this save sets or changes the exempt (Schedule 12A) marking."""
    if not before:
        return bool(proposal.exempt or proposal.exempt_paragraphs or proposal.exempt_until)
    return any(before.get(name) != getattr(proposal, name) for name in EXEMPT_FIELDS)


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
    *,
    proposal: Proposal,
    by: User,
    data: dict,
    expected_version: int | None = None,
    reason: str = "",
) -> Proposal:
    """Edit a proposal's form fields. Finance may change only the finance lead and accountant."""
    changing = [n for n in PROPOSAL_FIELDS if n in data and data[n] != getattr(proposal, n)]
    if "budget_codes" in data and {c.pk for c in data["budget_codes"]} != set(
        proposal.budget_codes.values_list("pk", flat=True)
    ):
        changing.append("budget_codes")
    if changing and set(changing) <= set(FINANCE_FIELDS):
        check(by, "savings.assign_finance", proposal)
    else:
        check(by, "savings.change_proposal", proposal)
    if set(changing) & set(EXEMPT_FIELDS):
        check(by, "savings.mark_exempt", proposal)
    current = Proposal.objects.select_for_update().get(pk=proposal.pk)
    check_version(current, expected_version)
    before = snapshot(current)
    for name in PROPOSAL_FIELDS:
        if name in data:
            setattr(current, name, data[name])
    if current.directorate_id != before["directorate_id"] and not allowed(
        by, "savings.change_proposal", current
    ):
        raise PermissionDenied("A director cannot move a proposal out of their directorate.")
    check_links(current)
    _check_reference_unique(current)
    save_audited(current, by=by, reason=reason)
    if "budget_codes" in data:
        _set_budget_codes(current, data["budget_codes"])
    return current


@transaction.atomic
def proposal_efficiency_projects_set(
    *, proposal: Proposal, by: User, projects, expected_version: int | None = None, reason: str = ""
) -> Proposal:
    """Link a proposal to the departmental efficiency projects it delivers (the golden thread
    from a departmental plan to its savings), in place of the links it had. The proposal's
    history records who changed them and why; giving the same projects again changes
    nothing."""
    check(by, "savings.change_proposal", proposal)
    current = Proposal.objects.select_for_update().get(pk=proposal.pk)
    check_version(current, expected_version)
    projects = list(projects)
    if any(p.departmental_plan.plan.council_id != current.council_id for p in projects):
        raise ValidationError(
            {"efficiency_projects": "Choose your council's own efficiency projects."}
        )
    if {p.pk for p in projects} == set(current.efficiency_projects.values_list("pk", flat=True)):
        return current
    current.efficiency_projects.set(projects)
    save_audited(current, by=by, reason=reason or "Efficiency projects changed")
    proposal.version = current.version
    return current


@transaction.atomic
def proposal_archive(*, proposal: Proposal, by: User, reason: str) -> Proposal:
    check(by, "savings.archive_proposal", proposal)
    if not reason.strip():
        raise ValidationError({"reason": "Give the reason for archiving the proposal."})
    proposal.archived_at = timezone.now()
    save_audited(proposal, by=by, reason=reason)
    return proposal


@transaction.atomic
def proposal_publish(*, proposal: Proposal, by: User, reason: str = "") -> Proposal:
    """Publish an exempt (Schedule 12A) proposal now: its "may be published from" date
    becomes today, so everyone who reads the programme (and the public pages) sees it from
    now on. The proposal's history records who published it and why."""
    check(by, "savings.mark_exempt", proposal)
    current = Proposal.objects.select_for_update().get(pk=proposal.pk)
    today = timezone.localdate()
    if not current.exempt:
        raise ValidationError({"exempt": "The proposal is not exempt: it is already published."})
    if current.exempt_until is not None and current.exempt_until <= today:
        raise ValidationError(
            {"exempt_until": f"The proposal is already published (from {current.exempt_until})."}
        )
    current.exempt_until = today
    save_audited(current, by=by, reason=reason or "Published now")
    return current


@transaction.atomic
def priority_impact_record(
    *, proposal: Proposal, by: User, priority, impact: str, indicator=None, note: str = ""
) -> PriorityImpact:
    """Record a proposal's impact on a strategic priority (or one of its indicators)."""
    check(by, "savings.record_impact", proposal)
    errors = {
        name: "Choose one of your council's own records."
        for name, obj in (("priority", priority), ("indicator", indicator))
        if obj is not None and council_id_of(obj) != proposal.council_id
    }
    if errors:
        raise ValidationError(errors)
    if impact == PriorityImpact.Impact.NEGATIVE and not note.strip():
        raise ValidationError({"note": "Say how the saving harms the priority."})
    existing = PriorityImpact.objects.filter(
        proposal=proposal, priority=priority, indicator=indicator
    ).first()
    record = existing or PriorityImpact(proposal=proposal, priority=priority, indicator=indicator)
    record.impact, record.note = impact, note
    save_audited(record, by=by)
    return record
