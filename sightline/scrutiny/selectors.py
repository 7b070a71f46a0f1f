"""Reads of the scrutiny workspace, scoped to the member's council and rights: deep dives,
their questions, the records' histories with direction-of-travel arrows, what may be called
in, and what the next scrutiny report shows."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Subquery
from django.shortcuts import get_object_or_404

from sightline.accounts.models import Membership
from sightline.performance.models import Actual, Indicator
from sightline.risks.models import Risk
from sightline.risks.selectors import readable as readable_risks
from sightline.savings.models import Forecast, Period, Proposal, Rag
from sightline.scrutiny.models import DeepDive, Question, Subject

RED_MONTHS_FOR_CALL_IN = 3

# Best first: a move to a later one is a downgrade.
RAG_RANK = {Rag.BLUE: 0, Rag.GREEN: 1, Rag.AMBER: 2, Rag.RED: 3}

WORSE, BETTER, SAME, FIRST = "worse", "better", "same", "first"
ARROWS = {WORSE: "↓", BETTER: "↑", SAME: "→", FIRST: "•"}
DIRECTION_WORDS = {
    WORSE: "Worsening",
    BETTER: "Improving",
    SAME: "No change",
    FIRST: "First rating",
}


def _direction(before_rank: int | None, after_rank: int | None) -> str:
    if before_rank is None:
        return FIRST
    if after_rank is None or before_rank == after_rank:
        return SAME
    return WORSE if after_rank > before_rank else BETTER


# --- deep dives ------------------------------------------------------------------------------


def deep_dive_list(*, membership: Membership) -> QuerySet[DeepDive]:
    """The council's deep dives this member may read: one on an exempt saving only for those
    entitled to read the saving."""
    visible = Proposal.objects.visible_to(membership).values("pk")
    return (
        DeepDive.objects.filter(council=membership.council_id)
        .filter(Q(proposal__isnull=True) | Q(proposal__in=visible))
        .select_related("proposal", "risk", "indicator", "opened_by")
    )


def deep_dive_index(*, membership: Membership) -> QuerySet[DeepDive]:
    """The deep dives with how many questions each has, and how many await an answer."""
    return deep_dive_list(membership=membership).annotate(
        n_questions=Count("questions"),
        n_open=Count("questions", filter=Q(questions__answered_at__isnull=True)),
    )


def deep_dive_get(*, membership: Membership, pk: int) -> DeepDive:
    return get_object_or_404(
        deep_dive_list(membership=membership).select_related(
            "proposal__lead_officer",
            "proposal__project_manager",
            "proposal__sponsor",
            "risk__owner",
            "indicator__owner",
        ),
        pk=pk,
    )


def question_get(*, membership: Membership, pk: int) -> Question:
    dives = deep_dive_list(membership=membership).values("pk")
    return get_object_or_404(
        Question.objects.filter(deep_dive__in=dives).select_related(
            "deep_dive__proposal__lead_officer",
            "deep_dive__proposal__project_manager",
            "deep_dive__proposal__sponsor",
            "deep_dive__risk__owner",
            "deep_dive__indicator__owner",
        ),
        pk=pk,
    )


def subject_choices(*, membership: Membership) -> dict:
    """What a councillor may open a deep dive on: the savings they may read, the open risks
    and the live indicators."""
    return {
        "proposals": list(
            Proposal.objects.visible_to(membership)
            .order_by("reference")
            .only("pk", "reference", "title")
        ),
        "risks": list(
            readable_risks(
                Risk.objects.filter(council=membership.council_id, closed_on__isnull=True),
                membership,
            ).order_by("number")
        ),
        "indicators": list(
            Indicator.objects.filter(council=membership.council_id).order_by("code")
        ),
    }


# --- histories -------------------------------------------------------------------------------


@dataclass
class Movement:
    """One step of a record's history: when, the value before and after, the direction of
    travel and the reason given."""

    when: str
    before: str
    after: str
    direction: str
    reason: str
    year: str = ""

    @property
    def arrow(self) -> str:
        return ARROWS[self.direction]

    @property
    def direction_label(self) -> str:
        return DIRECTION_WORDS[self.direction]


def saving_history(proposal: Proposal) -> list[Movement]:
    """Each month's forecast RAG for each year of the saving, against the month before."""
    found = []
    previous: dict = {}
    for f in Forecast.objects.filter(proposal=proposal).order_by("fy", "month"):
        before = previous.get(f.fy)
        found.append(
            Movement(
                when=f"{f.month:%B %Y}",
                before=Rag(before).label if before else "",
                after=Rag(f.rag).label,
                direction=_direction(RAG_RANK.get(before) if before else None, RAG_RANK.get(f.rag)),
                reason=f.commentary,
                year=str(f.fy),
            )
        )
        previous[f.fy] = f.rag
    return found


def risk_history(risk: Risk) -> list[Movement]:
    """Each change of the risk's residual score, with the reason given for it (the review's
    note or the change's reason), from the risk's history."""
    return [movement for movement, _ in _risk_moves(risk)]


def indicator_history(indicator: Indicator, *, membership: Membership) -> list[Actual]:
    qs = Actual.objects.filter(indicator=indicator)
    return list(qs.filter(status=Actual.Status.APPROVED).order_by("period"))


def red_months(proposal: Proposal) -> int:
    """How many months running, up to the saving's latest forecast, it has been rated Red
    (in any year it is forecast for)."""
    return _red_run(Forecast.objects.filter(proposal=proposal).values_list("month", "rag"))


def _red_months_of(proposal_ids) -> dict[int, int]:
    """:func:`red_months` of each of these proposals, in one query."""
    pairs: dict[int, list] = {}
    for proposal_id, month, rag in Forecast.objects.filter(
        proposal_id__in=proposal_ids
    ).values_list("proposal_id", "month", "rag"):
        pairs.setdefault(proposal_id, []).append((month, rag))
    return {proposal_id: _red_run(found) for proposal_id, found in pairs.items()}


def _red_run(pairs) -> int:
    """Months running rated Red, back from the latest of these (month, RAG) pairs."""
    months: dict[datetime.date, bool] = {}
    for month, rag in pairs:
        months[month] = months.get(month, False) or rag == Rag.RED
    count, expected = 0, None
    for month in sorted(months, reverse=True):
        if expected is not None and month != expected:
            break
        if not months[month]:
            break
        count += 1
        expected = (month - datetime.timedelta(days=1)).replace(day=1)
    return count


def call_in_grounds(dive: DeepDive) -> str | None:
    """Why the deep dive's record may be called in, or None when it may not: a saving Red
    for three months or more, or a risk above its appetite."""
    if dive.proposal_id:
        n = red_months(dive.proposal)
        if n >= RED_MONTHS_FOR_CALL_IN:
            return f"Rated Red for {n} months running."
        return None
    if dive.risk_id and dive.risk.above_appetite:
        return (
            f"Residual score {dive.risk.residual_score} is above the council's appetite of "
            f"{dive.risk.appetite_score}."
        )
    return None


def call_in_refusal(dive: DeepDive) -> str:
    if dive.proposal_id:
        return (
            f"Only a saving rated Red for {RED_MONTHS_FOR_CALL_IN} months or more can be called "
            f"in; this one has been Red for {red_months(dive.proposal)} months running."
        )
    if dive.risk_id:
        return "Only a risk whose residual score is above its appetite can be called in."
    return (
        "Only a saving rated Red for three months or more, or a risk above its appetite, "
        "can be called in."
    )


@dataclass
class Candidate:
    """A record that may be called in, and why."""

    subject: str
    label: str
    grounds: str
    proposal: Proposal | None = None
    risk: Risk | None = None


def call_in_candidates(*, membership: Membership) -> list[Candidate]:
    found = []
    # EXISTS, not a join made DISTINCT over every column of the proposal.
    live = list(
        Proposal.objects.visible_to(membership)
        .filter(Exists(Forecast.objects.filter(proposal=OuterRef("pk"), rag=Rag.RED)))
        .order_by("reference")
    )
    runs = _red_months_of([p.pk for p in live])
    for p in live:
        n = runs.get(p.pk, 0)
        if n >= RED_MONTHS_FOR_CALL_IN:
            found.append(
                Candidate(
                    Subject.SAVING,
                    f"{p.reference} {p.title}",
                    f"Red for {n} months running.",
                    proposal=p,
                )
            )
    for r in readable_risks(
        Risk.objects.filter(council=membership.council_id, closed_on__isnull=True), membership
    ).order_by("number"):
        if r.above_appetite:
            found.append(
                Candidate(
                    Subject.RISK,
                    f"Risk {r.number}: {r.title}",
                    f"Residual score {r.residual_score}, appetite {r.appetite_score}.",
                    risk=r,
                )
            )
    return found


def history_for(dive: DeepDive, *, membership: Membership) -> dict:
    if dive.proposal_id:
        return {"movements": saving_history(dive.proposal)}
    if dive.risk_id:
        return {"movements": risk_history(dive.risk)}
    return {"actuals": indicator_history(dive.indicator, membership=membership)}


# --- the scrutiny report ---------------------------------------------------------------------


@dataclass(frozen=True)
class QuestionLine:
    subject: str  # "Saving", "Risk" or "Indicator"
    record: str  # "CL 01 Libraries ...", "Risk 4: ..."
    question: str
    asked_by: str
    asked_on: str
    answer: str  # "" while unanswered
    answered_by: str
    answered_on: str
    exempt: bool = False  # about an exempt saving: left out of the public report


@dataclass(frozen=True)
class CallInLine:
    subject: str
    record: str
    grounds: str
    called_in_by: str
    called_in_on: str
    response: str
    responded_by: str
    responded_on: str
    exempt: bool = False


@dataclass(frozen=True)
class RagChange:
    subject: str  # "Saving" or "Risk"
    record: str
    year: str  # a saving's financial year; "" for a risk
    before: str  # "Green", or a risk's residual score "12"
    after: str
    direction: str  # "worse", "better" or "same"
    arrow: str  # "↓", "↑", "→"
    direction_label: str  # "Worsening", "Improving"
    reason: str
    when: str
    exempt: bool = False


@dataclass
class ScrutinyReport:
    questions: list[QuestionLine] = field(default_factory=list)
    call_ins: list[CallInLine] = field(default_factory=list)
    rag_changes: list[RagChange] = field(default_factory=list)


def _name(user) -> str:
    if user is None:
        return ""
    person = getattr(user, "person", None)
    if person is not None:
        return str(person)
    return user.get_full_name() or user.get_username()


def _day(moment) -> str:
    from django.utils import timezone

    return f"{timezone.localtime(moment):%-d %B %Y}" if moment else ""


def _month_end(period: Period) -> datetime.datetime:
    from django.utils import timezone

    month = period.month
    following = (month.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return timezone.make_aware(datetime.datetime.combine(following, datetime.time.min))


def scrutiny_for_report(*, council, period: Period) -> ScrutinyReport:
    """What the scrutiny report for ``period`` shows: the questions and call-ins logged for
    it (with their answers, given up to the month's close if it is closed), and the month's
    RAG changes and risk-score changes with their direction of travel and reasons.

    Lines about an exempt saving carry ``exempt=True``: the public report leaves them out."""
    cutoff = period.closed_at if period.closed_at else None
    report = ScrutinyReport()
    questions = (
        Question.objects.filter(deep_dive__council=council, period=period)
        .select_related(
            "deep_dive__proposal",
            "deep_dive__risk",
            "deep_dive__indicator",
            "asked_by__person",
            "answered_by__person",
        )
        .order_by("created_at", "pk")
    )
    for q in questions:
        dive = q.deep_dive
        answered = q.answered_at is not None and (cutoff is None or q.answered_at <= cutoff)
        exempt = bool(dive.proposal_id and dive.proposal.exempt)
        if q.kind == Question.Kind.CALL_IN:
            report.call_ins.append(
                CallInLine(
                    subject=dive.get_subject_display(),
                    record=dive.subject_label,
                    grounds=q.text,
                    called_in_by=_name(q.asked_by),
                    called_in_on=_day(q.created_at),
                    response=q.answer if answered else "",
                    responded_by=_name(q.answered_by) if answered else "",
                    responded_on=_day(q.answered_at) if answered else "",
                    exempt=exempt,
                )
            )
        else:
            report.questions.append(
                QuestionLine(
                    subject=dive.get_subject_display(),
                    record=dive.subject_label,
                    question=q.text,
                    asked_by=_name(q.asked_by),
                    asked_on=_day(q.created_at),
                    answer=q.answer if answered else "",
                    answered_by=_name(q.answered_by) if answered else "",
                    answered_on=_day(q.answered_at) if answered else "",
                    exempt=exempt,
                )
            )
    report.rag_changes = _rag_changes(council=council, period=period)
    return report


def rag_changes(*, council, periods: list[Period]) -> list[RagChange]:
    """Every change of a saving's RAG and of a risk's residual score in each of these months,
    month by month in the order given (the workspace's direction of travel): the risks and
    their history read once for all the months."""
    risks = _risks_with_history(council)
    return [
        change
        for period in periods
        for change in _rag_changes(council=council, period=period, risks=risks)
    ]


def _risks_with_history(council) -> tuple[list[Risk], dict[int, list], set[int]]:
    """The council's risks in number order, each one's history records oldest first, and
    the risks that are exempt (raised for exempt proposals alone)."""
    # A risk raised for exempt proposals alone is part of them: exempt in the report too.
    links = Risk.proposals.through.objects.filter(risk__council=council)
    open_links = links.filter(proposal__exempt=False).values("risk_id")
    exempt_risks = set(
        links.filter(proposal__exempt=True)
        .exclude(risk_id__in=open_links)
        .values_list("risk_id", flat=True)
    )
    risks = Risk.objects.filter(council=council).order_by("number")
    records: dict[int, list] = {}
    for record in Risk.history.filter(id__in=risks.values("pk")).order_by(
        "id", "history_date", "history_id"
    ):
        records.setdefault(record.id, []).append(record)
    return list(risks), records, exempt_risks


def _rag_changes(*, council, period: Period, risks=None) -> list[RagChange]:
    changes = []
    # Each of this month's forecasts with the RAG of the latest month before for its year.
    this_month = (
        Forecast.objects.filter(
            proposal__council=council, period=period, proposal__archived_at__isnull=True
        )
        .select_related("proposal")
        .annotate(
            before=Subquery(
                Forecast.objects.filter(
                    proposal=OuterRef("proposal"), fy=OuterRef("fy"), month__lt=period.month
                )
                .order_by("-month")
                .values("rag")[:1]
            )
        )
        # Only the changes are read: a first rating or the same one is not a change.
        .filter(before__isnull=False)
        .exclude(before=F("rag"))
    )
    for f in sorted(this_month, key=lambda f: (f.proposal.reference, f.fy)):
        before = f.before
        direction = _direction(RAG_RANK[before], RAG_RANK[f.rag])
        changes.append(
            RagChange(
                subject="Saving",
                record=f"{f.proposal.reference} {f.proposal.title}",
                year=str(f.fy),
                before=Rag(before).label,
                after=Rag(f.rag).label,
                direction=direction,
                arrow=ARROWS[direction],
                direction_label=DIRECTION_WORDS[direction],
                reason=f.commentary,
                when=f"{period.month:%B %Y}",
                exempt=f.proposal.exempt,
            )
        )
    start = _month_end_start(period)
    end = _month_end(period)
    risks, records, exempt_risks = risks or _risks_with_history(council)
    for risk in risks:
        for m, moment in _moves(records.get(risk.pk, [])):
            if start <= moment < end:
                changes.append(
                    RagChange(
                        subject="Risk",
                        record=f"Risk {risk.number}: {risk.title}",
                        year="",
                        before=m.before,
                        after=m.after,
                        direction=m.direction,
                        arrow=m.arrow,
                        direction_label=m.direction_label,
                        reason=m.reason,
                        when=m.when,
                        exempt=risk.pk in exempt_risks,
                    )
                )
    return changes


def _month_end_start(period: Period) -> datetime.datetime:
    from django.utils import timezone

    return timezone.make_aware(datetime.datetime.combine(period.month, datetime.time.min))


def _risk_moves(risk: Risk):
    return _moves(risk.history.order_by("history_date", "history_id"))


def _moves(records):
    """Each change of residual score in these history records of one risk, oldest first."""
    before = None
    first = True
    for record in records:
        score = record.residual_score
        if not first and score != before:
            yield (
                Movement(
                    when=f"{record.history_date:%-d %B %Y}",
                    before=str(before) if before is not None else "not scored",
                    after=str(score) if score is not None else "not scored",
                    direction=_direction(before, score),
                    reason=record.history_change_reason or "",
                ),
                record.history_date,
            )
        before, first = score, False


def open_questions_for(*, membership: Membership) -> QuerySet[Question]:
    dives = deep_dive_list(membership=membership).values("pk")
    return Question.objects.filter(deep_dive__in=dives, answered_at__isnull=True).select_related(
        "deep_dive__proposal", "deep_dive__risk", "deep_dive__indicator"
    )
