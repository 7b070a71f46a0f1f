"""The rules of equality screening and assessment, implications, and collective consultation
on redundancies: plain functions of values already read, so each rule has its own test.

The one exception is :func:`approval_blockers`, the approval gate the savings decision
service asks (it reads the proposal's screening and assessment through their relations)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from sightline.impact.models import Characteristic, Group, Impact

# London Borough of Tower Hamlets, Budget Equality Analysis Screening Tool (in its Draft savings
# proposal SAV / RES 002 / 21-22): (section, question), the council's set until it keeps its own.
DEFAULT_QUESTIONS: tuple[tuple[str, str], ...] = (
    ("", "Does the change reduce resources available to address inequality?"),
    ("", "Does the change reduce resources available to support vulnerable residents?"),
    ("", "Does the change involve direct impact on front line services?"),
    ("Changes to a Service", "Does the change alter who is eligible for the service?"),
    ("Changes to a Service", "Does the change alter access to the service?"),
    ("Changes to Staffing", "Does the change involve a reduction in staff?"),
    ("Changes to Staffing", "Does the change involve a redesign of the roles of staff?"),
)

# Luton Borough Council's Executive report (4 March 2013), its IMPLICATIONS table: (area, whether
# a report may be final without its clearance). The council adds its own.
DEFAULT_AREAS: tuple[tuple[str, bool], ...] = (
    ("Legal", True),
    ("Finance", True),
    ("Equalities, cohesion and inclusion (social justice)", True),
    ("Environment", False),
    ("Health", False),
    ("Community safety", False),
    ("Staffing", False),
)

# The Trade Union and Labour Relations (Consolidation) Act 1992, section 188: collective
# consultation begins in good time, and at least this many days before the first dismissal,
# when this many redundancies are proposed at one establishment within 90 days.
WINDOW_DAYS = 90
THRESHOLDS: tuple[tuple[int, int], ...] = ((100, 45), (20, 30))  # (at least, days)


# --- screening --------------------------------------------------------------------------------


@dataclass(frozen=True)
class AnswerRow:
    number: int
    question: str
    answer: str  # "yes", "no" or "" (not answered)
    summary: str = ""


@dataclass(frozen=True)
class ProfileRow:
    characteristic: str
    summary: str
    disproportionate: bool = False

    @property
    def label(self) -> str:
        return dict(Characteristic.choices).get(self.characteristic, self.characteristic)


@dataclass(frozen=True)
class Outcome:
    """Whether a full equality assessment is required (None: not yet known), and why."""

    required: bool | None
    reasons: list[str]
    unanswered: int

    @property
    def words(self) -> str:
        if self.required:
            return "Full equality assessment required"
        if self.required is False:
            return "No full equality assessment required"
        return "Not yet known: the screening is not finished"


def screening_errors(answers: Iterable[AnswerRow]) -> dict[int, str]:
    """A Yes needs its summary: how the change affects each protected characteristic."""
    return {
        a.number: (
            f"Question {a.number}: say how the change affects each protected characteristic, "
            "as it is answered Yes"
        )
        for a in answers
        if a.answer == "yes" and not a.summary.strip()
    }


def screening_outcome(answers: Sequence[AnswerRow], profile: Sequence[ProfileRow]) -> Outcome:
    """A full equality assessment is required when any trigger question is answered Yes, or
    the staff affected include a group with a protected characteristic affected
    disproportionately; it is not required when every question is answered No and no group is;
    otherwise it is not yet known. The reasons name each Yes and each such group."""
    reasons = [
        f"Yes to question {a.number}, “{a.question}”: {a.summary.strip()}"
        for a in answers
        if a.answer == "yes"
    ]
    reasons += [
        f"Staff with a protected characteristic affected disproportionately ({p.label.lower()}):"
        f" {p.summary.strip()}"
        for p in profile
        if p.disproportionate
    ]
    unanswered = sum(1 for a in answers if not a.answer)
    if reasons:
        return Outcome(True, reasons, unanswered)
    if unanswered or not answers:
        return Outcome(None, [], unanswered)
    return Outcome(False, ["Every trigger question is answered No."], 0)


# --- the full assessment ----------------------------------------------------------------------


@dataclass(frozen=True)
class ImpactRow:
    group: str
    characteristic: str
    impact: str
    evidence: str = ""
    mitigation: str = ""


def impact_errors(rows: Iterable[ImpactRow]) -> dict[str, str]:
    """A negative impact needs its evidence and what will mitigate it."""
    errors = {}
    groups, labels = dict(Group.choices), dict(Characteristic.choices)
    for row in rows:
        if row.impact != Impact.NEGATIVE:
            continue
        where = f"{labels[row.characteristic]} ({groups[row.group].lower()})"
        if not row.evidence.strip():
            errors[f"{row.group}-{row.characteristic}-evidence"] = (
                f"{where}: give the evidence for a negative impact"
            )
        if not row.mitigation.strip():
            errors[f"{row.group}-{row.characteristic}-mitigation"] = (
                f"{where}: say how the negative impact will be mitigated, or why it cannot be"
            )
    return errors


def sign_off_gaps(rows: Iterable[ImpactRow], *, summary: str) -> list[str]:
    """What an assessment still lacks before its officer may sign it off: an impact for each
    protected characteristic, for residents and for staff, and a conclusion."""
    rated = {(r.group, r.characteristic) for r in rows if r.impact}
    gaps = []
    for group, group_label in Group.choices:
        missing = [label for value, label in Characteristic.choices if (group, value) not in rated]
        if missing:
            gaps.append(f"The impact on {group_label.lower()} for: {', '.join(missing)}")
    if not summary.strip():
        gaps.append("The assessment's conclusion")
    return gaps


# --- the approval gate ------------------------------------------------------------------------


def gate_words(outcome: Outcome | None, *, assessment_complete: bool) -> list[str]:
    """Why a proposal may not be approved yet, given its screening's outcome (None: not
    screened) and whether its full equality assessment is signed off."""
    if outcome is None:
        return []
    if outcome.required and not assessment_complete:
        return [
            "This proposal cannot be approved: its equality screening requires a full equality "
            "assessment, and that assessment is not yet signed off."
        ]
    if outcome.required is None:
        return [
            "This proposal cannot be approved: its equality screening is not finished "
            f"({outcome.unanswered} trigger question{'s' if outcome.unanswered != 1 else ''} "
            "not answered), so whether it needs a full equality assessment is not known."
        ]
    return []


def approval_blockers(proposal) -> list[str]:
    """Why ``proposal`` may not be approved yet: asked by the savings decision service before
    it records an approval. A proposal never screened is not held back here."""
    from sightline.impact.selectors import screening_state

    outcome, assessment = screening_state(proposal)
    return gate_words(outcome, assessment_complete=bool(assessment and assessment.complete))


# --- implications -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ImplicationRow:
    area: str
    clearance_required: bool
    officer: str  # "" when no officer is named
    cleared: bool


def missing_clearances(rows: Iterable[ImplicationRow], required_areas: Iterable[str]) -> list[str]:
    """The clearances a report still needs before it may be final: every area the council
    requires cleared, and every implication that names an officer to clear it."""
    rows = list(rows)
    found = {r.area: r for r in rows}
    missing = [
        f"{area}: no implication written, and its clearance is required"
        for area in required_areas
        if area not in found
    ]
    for row in rows:
        if row.cleared:
            continue
        if row.officer:
            missing.append(f"{row.area}: not yet cleared by {row.officer}")
        elif row.clearance_required:
            missing.append(f"{row.area}: name the officer who clears it")
    return missing


# --- collective consultation on redundancies ---------------------------------------------------


@dataclass(frozen=True)
class Redundancies:
    """Redundancies proposed by one proposal at one establishment, from a date (None: the
    proposal gives no date, so they are counted in every window)."""

    establishment: str
    on: datetime.date | None
    count: int
    label: str  # the proposal's reference


@dataclass
class Window:
    """The busiest 90 days of proposed redundancies at one establishment."""

    establishment: str
    count: int
    starts_on: datetime.date | None
    ends_on: datetime.date | None
    days: int  # the statutory minimum period of collective consultation; 0 below 20
    labels: list[str] = field(default_factory=list)
    undated: int = 0

    @property
    def consult_by(self) -> datetime.date | None:
        """The last day collective consultation (and the HR1 notice) may begin."""
        if not self.days or self.starts_on is None:
            return None
        return self.starts_on - datetime.timedelta(days=self.days)


def minimum_consultation_days(count: int) -> int:
    """The statutory minimum period of collective consultation for ``count`` redundancies
    proposed at one establishment within 90 days: 45 days at 100 or more, 30 days at 20 to
    99, none below 20."""
    for at_least, days in THRESHOLDS:
        if count >= at_least:
            return days
    return 0


def collective_consultation(items: Iterable[Redundancies]) -> list[Window]:
    """For each establishment, the 90-day period with the most proposed redundancies (counting
    those without a date in every period, the stricter reading) and the consultation it
    needs; busiest first."""
    by_place: dict[str, list[Redundancies]] = {}
    for item in items:
        if item.count > 0:
            by_place.setdefault(item.establishment, []).append(item)
    windows = []
    for place, found in by_place.items():
        undated = [i for i in found if i.on is None]
        dated = sorted((i for i in found if i.on is not None), key=lambda i: i.on)
        base = sum(i.count for i in undated)
        best = Window(place, base, None, None, 0, sorted({i.label for i in undated}), base)
        for start in dated:
            end = start.on + datetime.timedelta(days=WINDOW_DAYS - 1)
            inside = [i for i in dated if start.on <= i.on <= end]
            count = base + sum(i.count for i in inside)
            if count > best.count or best.starts_on is None:
                labels = sorted({i.label for i in [*undated, *inside]})
                best = Window(place, count, start.on, inside[-1].on, 0, labels, base)
        best.days = minimum_consultation_days(best.count)
        windows.append(best)
    return sorted(windows, key=lambda w: (-w.count, w.establishment))
