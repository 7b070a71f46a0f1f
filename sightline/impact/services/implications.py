"""Writing a proposal's implications, their clearances by the officers named, and whether the
report is final; and the council's list of implication areas."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from sightline.accounts.models import Council
from sightline.accounts.permissions import check
from sightline.core.audit import check_version, save_audited
from sightline.impact import rules, selectors
from sightline.impact.models import Implication, ImplicationArea, ImplicationsRecord
from sightline.impact.services.common import officer_errors, raise_if
from sightline.savings.models import Proposal

if TYPE_CHECKING:
    from django.contrib.auth.models import User

DEFAULT_REASON = (
    "The default implication areas: Luton Borough Council's Executive report of 4 March 2013"
)
FINAL = "The report is final: mark it draft again before changing its implications."


def areas_ensure(*, council: Council, by: User) -> list[ImplicationArea]:
    """The council's implication areas in use; the default set the first time it is needed."""
    if not ImplicationArea.objects.filter(council=council).exists():
        for number, (name, required) in enumerate(rules.DEFAULT_AREAS, start=1):
            area = ImplicationArea(
                council=council, number=number, name=name, clearance_required=required
            )
            save_audited(area, by=by, reason=DEFAULT_REASON)
    return selectors.areas(council)


@transaction.atomic
def area_add(*, council: Council, by: User, name: str, clearance_required: bool) -> ImplicationArea:
    """Add an implication area the council's reports set out, after the others."""
    check(by, "impact.keep_settings", council)
    areas_ensure(council=council, by=by)
    if ImplicationArea.objects.filter(council=council, name__iexact=name.strip()).exists():
        raise ValidationError({"name": f"There is already an area called {name.strip()}."})
    last = ImplicationArea.objects.filter(council=council).aggregate(n=Max("number"))["n"]
    area = ImplicationArea(
        council=council,
        number=(last or 0) + 1,
        name=name.strip(),
        clearance_required=clearance_required,
    )
    save_audited(area, by=by, reason="Implication area added")
    return area


@transaction.atomic
def area_retire(*, area: ImplicationArea, by: User) -> ImplicationArea:
    check(by, "impact.keep_settings", area.council)
    current = ImplicationArea.objects.select_for_update().get(pk=area.pk)
    if current.disabled_on is None:
        current.disabled_on = timezone.localdate()
        save_audited(current, by=by, reason="Implication area retired")
    return current


def _record(proposal: Proposal) -> ImplicationsRecord:
    return ImplicationsRecord.objects.select_for_update().filter(
        proposal=proposal
    ).first() or ImplicationsRecord(proposal=proposal)


@transaction.atomic
def implications_save(
    *,
    proposal: Proposal,
    by: User,
    items: list[dict],
    report_title: str = "",
    meeting: str = "",
    expected_version: int | None = None,
    reason: str = "",
) -> ImplicationsRecord:
    """Write the proposal's implications: for each area (``area``), its ``text``, the
    ``officer`` who clears it and their ``officer_role``. A change to the text or the officer
    of a cleared implication withdraws its clearance: the officer clears what it now says."""
    check(by, "impact.write_implications", proposal)
    in_use = {a.pk: a for a in areas_ensure(council=proposal.council, by=by)}
    record = _record(proposal)
    if record.pk:
        check_version(record, expected_version)
    if record.final:
        raise ValidationError(FINAL)
    existing = {i.area_id: i for i in Implication.objects.filter(proposal=proposal)}
    errors = {}
    for item in items:
        area = item["area"]
        if area.pk not in in_use and area.pk not in existing:
            errors["items"] = "Write implications only for your council's areas."
        errors.update(
            officer_errors(proposal, item.get("officer"), field=f"a{area.number}_officer")
        )
    raise_if(errors)
    record.report_title, record.meeting = report_title.strip(), meeting.strip()
    save_audited(record, by=by, reason=reason or "Implications written")
    for item in items:
        area = item["area"]
        row = existing.get(area.pk) or Implication(proposal=proposal, area=area)
        text, officer = (item.get("text") or "").strip(), item.get("officer")
        role = (item.get("officer_role") or "").strip()
        if row.pk and (row.text, row.officer_id, row.officer_role) == (
            text,
            getattr(officer, "pk", None),
            role,
        ):
            continue
        if row.pk is None and not (text or officer):
            continue
        officer_id = getattr(officer, "pk", None)
        withdrawn = row.cleared and (row.text != text or row.officer_id != officer_id)
        row.text, row.officer, row.officer_role = text, officer, role
        if withdrawn:
            row.cleared_on, row.cleared_by, row.clearance_note = None, None, ""
        withdrawn_words = "Changed after its clearance: the clearance is withdrawn"
        save_audited(row, by=by, reason=withdrawn_words if withdrawn else reason)
    return record


@transaction.atomic
def implication_clear(
    *,
    implication: Implication,
    by: User,
    cleared_on: datetime.date,
    note: str = "Agreed",
    expected_version: int | None = None,
) -> Implication:
    """The officer named clears the implication, as themselves, on ``cleared_on`` (today or a
    day past: the day they agreed it)."""
    current = (
        Implication.objects.select_for_update(of=("self",))
        .select_related("officer", "area", "proposal")
        .get(pk=implication.pk)
    )
    check(by, "impact.clear_implication", current)
    check_version(current, expected_version)
    if cleared_on is None:
        raise ValidationError({"cleared_on": "Enter the date you cleared the implication"})
    if cleared_on > timezone.localdate():
        raise ValidationError({"cleared_on": "The date of the clearance must be today or past"})
    if not current.text.strip():
        raise ValidationError("There is no text to clear yet: the report's author writes it first.")
    current.cleared_on, current.cleared_by = cleared_on, by
    current.clearance_note = (note or "Agreed").strip()
    save_audited(current, by=by, reason=f"Cleared by {current.officer.name}")
    implication.version = current.version
    return current


@transaction.atomic
def implications_mark_final(
    *, proposal: Proposal, by: User, final: bool = True, expected_version: int | None = None
) -> ImplicationsRecord:
    """Mark the report final, once every clearance it needs is given (or draft again)."""
    check(by, "impact.write_implications", proposal)
    record = _record(proposal)
    if record.pk:
        check_version(record, expected_version)
    if final:
        detail = selectors.implications_detail(proposal=proposal)
        if not detail["implications"]:
            raise ValidationError("The report has no implications yet: write them first.")
        if detail["missing"]:
            raise ValidationError(
                ["The report cannot be final: these clearances are missing.", *detail["missing"]],
                code="clearances",
            )
    if record.final == final:
        return record
    record.final = final
    record.finalised_at = timezone.now() if final else None
    record.finalised_by = by if final else None
    save_audited(record, by=by, reason="Marked final" if final else "Marked draft again")
    return record
