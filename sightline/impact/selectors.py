"""Reads of a proposal's equality screening and assessment, implications, consultation and
posts, and of the programme's cumulative impact and collective consultation.

Every read starts from the proposals the member may read (``sightline.savings.selectors``,
which asks ``Proposal.objects.visible_to``): an exempt proposal's records are a 404 to those not
entitled, and never in their totals, counts or downloads."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, QuerySet, Sum

from sightline.accounts.models import Council, Membership
from sightline.core.fiscal import FinancialYear
from sightline.impact import rules
from sightline.impact.models import (
    Assessment,
    AssessmentImpact,
    Characteristic,
    Consultation,
    Group,
    Impact,
    Implication,
    ImplicationArea,
    ImplicationsRecord,
    PostChange,
    ResidentConsultation,
    Screening,
    ScreeningQuestion,
    StaffProfile,
)
from sightline.savings.models import Proposal
from sightline.savings.selectors import proposal_get, tracker_rows

NOT_STATED = "Establishment not stated"


def proposal_for(*, membership: Membership, pk: int) -> Proposal:
    """The proposal, if the member may read it (an exempt one only if entitled): else 404."""
    return proposal_get(membership=membership, pk=pk)


# --- screening --------------------------------------------------------------------------------


def questions(council: Council | int) -> list[ScreeningQuestion]:
    """The council's screening questions in use (none until it screens or sets its own)."""
    return list(ScreeningQuestion.objects.filter(council=council, disabled_on__isnull=True))


def screening_rows(screening: Screening | None, council_id: int) -> list[rules.AnswerRow]:
    """Each question in use, and any retired one the screening answered, with its answer."""
    answers = {}
    if screening is not None:
        answers = {a.question_id: a for a in screening.answers.select_related("question")}
    asked = {q.pk: q for q in questions(council_id)}
    asked.update({a.question_id: a.question for a in answers.values()})
    rows = []
    for question in sorted(asked.values(), key=lambda q: q.number):
        answer = answers.get(question.pk)
        rows.append(
            rules.AnswerRow(
                number=question.number,
                question=question.text,
                answer=answer.answer if answer else "",
                summary=answer.summary if answer else "",
            )
        )
    return rows


def profile_rows(screening: Screening | None) -> list[rules.ProfileRow]:
    if screening is None:
        return []
    return [
        rules.ProfileRow(p.characteristic, p.summary, p.disproportionate)
        for p in screening.staff_profile.all()
    ]


def screening_state(proposal: Proposal) -> tuple[rules.Outcome | None, Assessment | None]:
    """The screening's outcome (None: never screened) and the full assessment, if any."""
    screening = Screening.objects.filter(proposal=proposal).first()
    assessment = Assessment.objects.filter(proposal=proposal).first()
    if screening is None:
        return None, assessment
    outcome = rules.screening_outcome(
        screening_rows(screening, proposal.council_id), profile_rows(screening)
    )
    return outcome, assessment


def screening_detail(*, proposal: Proposal) -> dict:
    screening = Screening.objects.filter(proposal=proposal).first()
    answers = screening_rows(screening, proposal.council_id)
    profile = profile_rows(screening)
    outcome = rules.screening_outcome(answers, profile) if screening else None
    assessment = Assessment.objects.filter(proposal=proposal).first()
    return {
        "screening": screening,
        "answers": answers,
        "profile": profile,
        "outcome": outcome,
        "assessment": assessment,
        "defaults": rules.DEFAULT_QUESTIONS if not answers else (),
        "blockers": rules.gate_words(
            outcome, assessment_complete=bool(assessment and assessment.complete)
        ),
    }


# --- the full assessment ----------------------------------------------------------------------


@dataclass
class AssessmentRow:
    characteristic: str
    label: str
    residents: AssessmentImpact | None = None
    staff: AssessmentImpact | None = None


def assessment_detail(*, proposal: Proposal) -> dict:
    assessment = (
        Assessment.objects.filter(proposal=proposal)
        .select_related("sign_off_officer", "signed_off_by")
        .first()
    )
    impacts = list(assessment.impacts.all()) if assessment else []
    rows = {value: AssessmentRow(value, label) for value, label in Characteristic.choices}
    for impact in impacts:
        setattr(rows[impact.characteristic], impact.group, impact)
    gaps = rules.sign_off_gaps(
        [rules.ImpactRow(i.group, i.characteristic, i.impact) for i in impacts],
        summary=assessment.summary if assessment else "",
    )
    outcome, _ = screening_state(proposal)
    return {
        "assessment": assessment,
        "rows": list(rows.values()),
        "gaps": gaps,
        "outcome": outcome,
    }


# --- implications -----------------------------------------------------------------------------


def areas(council: Council | int) -> list[ImplicationArea]:
    return list(ImplicationArea.objects.filter(council=council, disabled_on__isnull=True))


def implication_rows(items: list[Implication]) -> list[rules.ImplicationRow]:
    return [
        rules.ImplicationRow(
            area=i.area.name,
            clearance_required=i.area.clearance_required,
            officer=i.officer.name if i.officer else "",
            cleared=i.cleared,
        )
        for i in items
    ]


def implications_detail(*, proposal: Proposal) -> dict:
    record = ImplicationsRecord.objects.filter(proposal=proposal).first()
    items = list(
        Implication.objects.filter(proposal=proposal).select_related(
            "area", "officer", "cleared_by"
        )
    )
    in_use = areas(proposal.council_id)
    required = [a.name for a in in_use if a.clearance_required]
    return {
        "record": record,
        "implications": items,
        "areas": in_use,
        "missing": rules.missing_clearances(implication_rows(items), required),
    }


def implication_get(*, membership: Membership, pk: int) -> Implication:
    """One implication, if the member may read its proposal: else 404."""
    from django.shortcuts import get_object_or_404

    return get_object_or_404(
        Implication.objects.filter(
            proposal__in=Proposal.objects.visible_to(membership)
        ).select_related("area", "officer", "proposal"),
        pk=pk,
    )


# --- consultation and posts -------------------------------------------------------------------


def consultations(*, proposal: Proposal) -> list[Consultation]:
    return list(proposal.consultations.all())


def resident_consultations(*, membership: Membership) -> list[ResidentConsultation]:
    return list(ResidentConsultation.objects.filter(council=membership.council))


@dataclass
class PostTotals:
    posts: int = 0
    fte: Decimal = Decimal(0)
    filled: int = 0
    vacant: int = 0
    vacancies_held: int = 0
    voluntary: int = 0
    compulsory: int = 0
    redeployed: int = 0
    proposed_redundancies: int = 0


def post_totals(posts: list[PostChange]) -> PostTotals:
    totals = PostTotals()
    for p in posts:
        totals.posts += p.posts
        totals.fte += p.fte
        totals.filled += p.filled
        totals.vacant += p.vacant
        totals.vacancies_held += p.vacancies_held
        totals.voluntary += p.voluntary_redundancies
        totals.compulsory += p.compulsory_redundancies
        totals.redeployed += p.redeployed
        totals.proposed_redundancies += p.proposed_redundancies
    return totals


def posts(*, proposal: Proposal) -> list[PostChange]:
    return list(proposal.post_changes.all())


def windows(*, membership: Membership) -> list[rules.Window]:
    """Collective consultation across every proposal the member may read that is still in the
    programme: each establishment's busiest 90 days of proposed redundancies."""
    found = PostChange.objects.filter(
        proposal__in=Proposal.objects.visible_to(membership).active()
    ).select_related("proposal")
    return rules.collective_consultation(
        rules.Redundancies(
            establishment=p.establishment or NOT_STATED,
            on=p.dismissal_on or p.proposal.implementation_on,
            count=p.proposed_redundancies,
            label=p.proposal.reference,
        )
        for p in found
    )


def warnings_for(*, membership: Membership, proposal: Proposal) -> list[rules.Window]:
    """The windows reaching the threshold for collective consultation that count this
    proposal's redundancies."""
    return [w for w in windows(membership=membership) if w.days and proposal.reference in w.labels]


# --- cumulative impact ------------------------------------------------------------------------


@dataclass
class Behind:
    """A proposal behind a cell, with its money and the assessment's words."""

    proposal: Proposal
    pence: int
    impact: AssessmentImpact | None = None
    signed_off: bool = False


@dataclass
class Cell:
    group: str
    characteristic: str
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(Impact.values, 0))
    negative: list[Behind] = field(default_factory=list)
    flagged: list[Behind] = field(default_factory=list)  # staff affected disproportionately

    @property
    def negative_pence(self) -> int:
        return sum(b.pence for b in self.negative)


@dataclass
class Cumulative:
    fy: FinancialYear | None
    count: int  # the proposals counted: still in the programme, saving in ``fy`` if given
    total_pence: int  # their saving in ``fy``, or in all years
    rows: list[tuple[str, str, dict[str, Cell]]]  # characteristic, label, cells by group
    assessed: list[Proposal]
    awaiting: list[Proposal]  # screened as needing an assessment that is not signed off


def cumulative_impact(*, membership: Membership, fy: FinancialYear | None) -> Cumulative:
    """Every visible proposal still in the programme (with a saving in ``fy``, or any, for the
    whole programme), its assessed impact on each protected characteristic for residents and
    for staff, the money behind each (the proposal's saving that year, or in all years), and
    the proposals behind each negative cell."""
    rows = tracker_rows(membership=membership, fy=fy or FinancialYear.current()).active()
    if fy is not None:
        rows = rows.filter(fy_amount__isnull=False)
    amount = "fy_amount" if fy else "total_amount"
    # The count and the money in the database; as records, only the proposals behind a cell.
    summary = rows.order_by().aggregate(count=Count("pk"), total=Sum(amount))
    counted = rows.order_by().values("pk")
    behind = (
        set(
            AssessmentImpact.objects.filter(assessment__proposal__in=counted).values_list(
                "assessment__proposal_id", flat=True
            )
        )
        | set(
            StaffProfile.objects.filter(
                screening__proposal__in=counted, disproportionate=True
            ).values_list("screening__proposal_id", flat=True)
        )
        | set(Screening.objects.filter(proposal__in=counted).values_list("proposal_id", flat=True))
    )
    by_pk = {p.pk: p for p in rows.filter(pk__in=behind)}
    money = {pk: (getattr(p, amount) or 0) for pk, p in by_pk.items()}
    cells = {
        (group, value): Cell(group, value)
        for value, _ in Characteristic.choices
        for group, _ in Group.choices
    }
    impacts = AssessmentImpact.objects.filter(
        assessment__proposal_id__in=list(by_pk)
    ).select_related("assessment")
    assessed = set()
    for impact in impacts:
        pid = impact.assessment.proposal_id
        assessed.add(pid)
        cell = cells[impact.group, impact.characteristic]
        cell.counts[impact.impact] += 1
        if impact.impact == Impact.NEGATIVE:
            cell.negative.append(Behind(by_pk[pid], money[pid], impact, impact.assessment.complete))
    for profile in StaffProfile.objects.filter(
        screening__proposal_id__in=list(by_pk), disproportionate=True
    ).select_related("screening"):
        pid = profile.screening.proposal_id
        cells[Group.STAFF, profile.characteristic].flagged.append(Behind(by_pk[pid], money[pid]))
    awaiting = _awaiting(by_pk)
    table = [
        (value, label, {group: cells[group, value] for group, _ in Group.choices})
        for value, label in Characteristic.choices
    ]
    for _, _, by_group in table:
        for cell in by_group.values():
            cell.negative.sort(key=lambda b: (-b.pence, b.proposal.reference))
    return Cumulative(
        fy=fy,
        count=summary["count"],
        total_pence=summary["total"] or 0,
        rows=table,
        assessed=[by_pk[pk] for pk in sorted(assessed, key=lambda pk: by_pk[pk].reference)],
        awaiting=awaiting,
    )


def _awaiting(by_pk: dict[int, Proposal]) -> list[Proposal]:
    """The proposals whose screening requires a full assessment not yet signed off."""
    screenings = (
        Screening.objects.filter(proposal_id__in=list(by_pk))
        .select_related("proposal")
        .prefetch_related("answers__question", "staff_profile")
    )
    signed = set(
        Assessment.objects.filter(
            proposal_id__in=list(by_pk), signed_off_at__isnull=False
        ).values_list("proposal_id", flat=True)
    )
    waiting = []
    for screening in screenings:
        answers = [
            rules.AnswerRow(a.question.number, a.question.text, a.answer, a.summary)
            for a in screening.answers.all()
        ]
        outcome = rules.screening_outcome(answers, profile_rows(screening))
        if outcome.required and screening.proposal_id not in signed:
            waiting.append(by_pk[screening.proposal_id])
    return sorted(waiting, key=lambda p: p.reference)


def proposals_with_records(*, membership: Membership) -> QuerySet[Proposal]:
    """The proposals the member may read that have a screening, an assessment, implications,
    consultations or posts: the impact pages' index."""
    visible = Proposal.objects.visible_to(membership)
    return (
        (
            visible.filter(equality_screening__isnull=False)
            | visible.filter(equality_assessment__isnull=False)
            | visible.filter(implications__isnull=False)
            | visible.filter(consultations__isnull=False)
            | visible.filter(post_changes__isnull=False)
        )
        .distinct()
        .order_by("reference")
    )
