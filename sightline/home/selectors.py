"""What is waiting for a member on their home page: forecasts due this month, gates to decide,
proposals ready to move, indicator actuals to approve, risks due for review and quarterly
updates due, each on the records the member may act on (asked of each app's own rules).

Each kind of work is read in one query (the savings in two), whatever the size of the council,
and each rule is asked in Python of records already read, once the work is found waiting (a
gate or a due forecast costs less to check than a rule). A county has 1,600 proposals in play
and 10,000 saving lines: the proposals are read with only the fields the rules and gates read,
sharing one record per person, and the lines as plain numbers."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from typing import NamedTuple

from django.db.models import (
    BigIntegerField,
    Count,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from sightline.accounts.models import Membership, Person
from sightline.accounts.permissions import allowed
from sightline.core.fiscal import FinancialYear
from sightline.core.queries import attach_shared
from sightline.performance.models import Actual
from sightline.performance.rules import period_label
from sightline.performance.selectors import actual_list
from sightline.plans import rules as plan_rules
from sightline.plans.models import Action, QuarterlyUpdate, UpdateStatus
from sightline.risks.models import Risk
from sightline.savings import rules as savings_rules
from sightline.savings.models import (
    BenefitConfirmation,
    DecisionStatus,
    Forecast,
    Period,
    Proposal,
    SavingLine,
    Stage,
)

REVIEW_WITHIN_DAYS = 30
LISTED = 5  # items listed in a section; its count covers them all
# The next stage forward, whose gate a proposal may be ready for.
FORWARD = {Stage.IDEA: Stage.INITIATION, Stage.INITIATION: Stage.LIVE, Stage.LIVE: Stage.DELIVERED}
AWAITING_DECISION = (DecisionStatus.SUBMITTED, DecisionStatus.CONSULTATION)
# What the sections, their rules (``savings.record_forecast``, ``decide_proposal``,
# ``move_stage``) and the gates read of a proposal, and (read alongside, see
# ``attach_shared``) of its people.
PROPOSAL_FIELDS = (
    "council",
    "reference",
    "title",
    "stage",
    "decision_status",
    "directorate",
    "finance_lead",
    "accountant",
    "lead_officer",
    "project_manager",
    "sponsor",
)
PEOPLE = ("lead_officer", "project_manager", "sponsor")


@dataclass
class Item:
    text: str
    href: str
    hint: str = ""


@dataclass
class Section:
    """One kind of work waiting: how many, where to do it, and the first few."""

    key: str
    title: str
    label: str  # the title in a few words, under the count in the summary
    count: int
    href: str
    link_text: str
    items: list[Item] = field(default_factory=list)

    @property
    def more(self) -> int:
        return self.count - len(self.items)


@dataclass
class Waiting:
    sections: list[Section]

    @property
    def count(self) -> int:
        return sum(s.count for s in self.sections)


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


# --- savings ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class OpenMonth:
    """The council's newest open monitoring month, read with the proposals."""

    pk: int
    month: datetime.date

    @property
    def fy(self) -> FinancialYear:
        return FinancialYear.of(self.month)

    def __str__(self) -> str:
        return f"{self.month:%B %Y}"


class _Line(NamedTuple):
    """What the gates read of a saving line (a model instance each would cost ten times as
    much: a county has 10,000 lines)."""

    fy: FinancialYear
    amount_pence: int
    budget_code_id: int | None


@dataclass
class Facts:
    """What the rules need of each proposal: its saving lines, finance's confirmed years and the
    open month's recorded (proposal, year) forecasts, years as start years. A county's 10,000
    lines are kept as plain tuples of numbers, which Python's garbage collector stops tracking:
    kept as objects until the page was done, they made it scan the whole process again every
    other request (60 ms). The gates' lines are made for one proposal at a time."""

    # (start year, amount in pence, budget code id) of each line, by proposal
    lines: dict[int, list[tuple[int, int, int | None]]] = field(
        default_factory=lambda: defaultdict(list)
    )
    confirmed: dict[int, set[int]] = field(default_factory=lambda: defaultdict(set))
    forecast: set[tuple[int, int]] = field(default_factory=set)  # (proposal id, start year)
    years: dict[int, FinancialYear] = field(default_factory=dict)

    def year(self, start_year: int) -> FinancialYear:
        found = self.years.get(start_year)
        if found is None:
            found = self.years[start_year] = FinancialYear(start_year)
        return found

    def gate_lines(self, proposal_id: int) -> list[_Line]:
        return [
            _Line(self.year(year), amount, code_id)
            for year, amount, code_id in self.lines[proposal_id]
        ]

    def confirmed_years(self, proposal_id: int) -> set[FinancialYear]:
        return {self.year(year) for year in self.confirmed[proposal_id]}


def _facts(proposal_ids, period: OpenMonth | None) -> Facts:
    """Lines, confirmations and the open month's forecasts of the proposals, in one query (a
    union of the three, each row saying which it is). A county has 10,000 lines: their years
    are read as start years, one ``FinancialYear`` made for each year rather than each line."""
    big = BigIntegerField()
    start_year = ExpressionWrapper(F("fy"), output_field=IntegerField())
    lines = (
        SavingLine.objects.filter(proposal__in=proposal_ids)
        .order_by()
        .values_list(Value("line"), "proposal_id", start_year, "amount_pence", "budget_code_id")
    )
    benefits = (
        BenefitConfirmation.objects.filter(proposal__in=proposal_ids)
        .order_by()
        .values_list(
            Value("benefit"),
            "proposal_id",
            start_year,
            "amount_pence",
            Value(None, output_field=big),
        )
    )
    forecasts = (
        Forecast.objects.filter(proposal__in=proposal_ids, period_id=period.pk if period else None)
        .order_by()
        .values_list(
            Value("forecast"),
            "proposal_id",
            start_year,
            "forecast_pence",
            Value(None, output_field=big),
        )
    )
    facts = Facts()
    for kind, proposal_id, year, amount, code_id in lines.union(benefits, forecasts, all=True):
        if kind == "line":
            facts.lines[proposal_id].append((year, amount, code_id))
        elif kind == "benefit":
            facts.confirmed[proposal_id].add(year)
        else:
            facts.forecast.add((proposal_id, year))
    return facts


def _forecasts_due(user, proposals, facts: Facts, period: OpenMonth | None) -> Section | None:
    if period is None:
        return None
    due, since = [], period.fy.start_year
    for p in proposals:
        if p.stage != Stage.LIVE:
            continue
        planned: dict[int, int] = defaultdict(int)
        for year, amount, _code_id in facts.lines[p.pk]:
            if year >= since:
                planned[year] += amount
        if any(
            total and (p.pk, year) not in facts.forecast for year, total in planned.items()
        ) and allowed(user, "savings.record_forecast", p):
            due.append(p)
    href = reverse("savings:round_grid", args=[period.pk]) + "?outstanding=on"
    return Section(
        key="forecasts",
        label="Forecasts due",
        title=f"Forecasts due for {period}",
        count=len(due),
        href=href,
        link_text=f"Record the {period} forecasts",
        items=[_proposal_item(p, "savings:proposal", "#monitoring") for p in due[:LISTED]],
    )


def _proposal_item(p: Proposal, name: str, anchor: str = "", hint: str = "") -> Item:
    return Item(
        text=f"{p.reference} {p.title}", href=reverse(name, args=[p.pk]) + anchor, hint=hint
    )


def _decisions(user, proposals) -> Section:
    waiting = [
        p
        for p in proposals
        if p.decision_status in AWAITING_DECISION and allowed(user, "savings.decide_proposal", p)
    ]
    return Section(
        key="decisions",
        label="Decisions to record",
        title="Proposals awaiting your decision",
        count=len(waiting),
        href=reverse("savings:tracker") + "?decision=submitted",
        link_text="Submitted proposals in the tracker",
        items=[
            _proposal_item(p, "savings:proposal_decision", hint=p.get_decision_status_display())
            for p in waiting[:LISTED]
        ],
    )


def _ready(user, proposals, facts: Facts) -> Section:
    ready = []
    for p in proposals:
        to = FORWARD.get(p.stage)
        if to is None:
            continue
        missing = savings_rules.gate_missing(
            p,
            to,
            lines=facts.gate_lines(p.pk),
            budget_code_count=p.code_count,
            confirmed_years=facts.confirmed_years(p.pk),
        )
        if not missing and allowed(user, "savings.move_stage", p):
            ready.append((p, to))
    return Section(
        key="ready",
        label="Ready to move on",
        title="Proposals ready to move to their next stage",
        count=len(ready),
        href=reverse("savings:tracker"),
        link_text="The tracker",
        items=[
            _proposal_item(
                p, "savings:proposal", "#gates", hint=f"Ready for {Stage(to).label.lower()}"
            )
            for p, to in ready[:LISTED]
        ],
    )


def _savings(membership: Membership, user) -> list[Section | None]:
    newest_open = Period.objects.filter(
        council=membership.council_id, status=Period.Status.OPEN
    ).order_by("-month")[:1]
    base = (
        Proposal.objects.visible_to(membership)
        .active()
        .filter(Q(stage__in=list(FORWARD)) | Q(decision_status__in=AWAITING_DECISION))
    )
    codes = (
        Proposal.budget_codes.through.objects.filter(proposal_id=OuterRef("pk"))
        .order_by()
        .values("proposal_id")
        .annotate(n=Count("*"))
        .values("n")
    )
    proposals = list(
        base.only(*PROPOSAL_FIELDS)
        .annotate(
            code_count=Coalesce(Subquery(codes, output_field=IntegerField()), 0),
            open_period=Subquery(newest_open.values("pk")),
            open_month=Subquery(newest_open.values("month")),
            **{f"{role}_user": F(f"{role}__user") for role in PEOPLE},
        )
        .order_by("reference")
    )
    for role in PEOPLE:  # one Person per person, not a copy per proposal (4,800 at a county)
        attach_shared(proposals, role, Person, user_id=f"{role}_user")
    first = proposals[0] if proposals else None
    period = OpenMonth(first.open_period, first.open_month) if first and first.open_period else None
    facts = _facts(base.values("pk"), period)
    return [
        _forecasts_due(user, proposals, facts, period),
        _decisions(user, proposals),
        _ready(user, proposals, facts),
    ]


# --- performance, risks and plans -------------------------------------------------------------


def _actuals(membership: Membership, user) -> Section:
    drafts = [
        a
        for a in actual_list(membership=membership)
        .filter(status=Actual.Status.DRAFT)
        .select_related("indicator")
        .order_by("period", "indicator__code")
        if allowed(user, "performance.approve_actual", a)
    ]
    return Section(
        key="actuals",
        label="Actuals to approve",
        title="Indicator actuals awaiting your approval",
        count=len(drafts),
        href=reverse("performance:list") + "#awaiting-approval",
        link_text="Actuals awaiting approval",
        items=[
            Item(
                text=f"{a.indicator.code} {a.indicator.title}",
                href=reverse("performance:indicator", args=[a.indicator_id]) + "#periods",
                hint=period_label(a.period, a.indicator.frequency),
            )
            for a in drafts[:LISTED]
        ],
    )


def _risks(membership: Membership, user, today: datetime.date) -> Section:
    due = [
        r
        for r in Risk.objects.filter(
            council=membership.council_id,
            closed_on__isnull=True,
            review_on__lte=today + datetime.timedelta(days=REVIEW_WITHIN_DAYS),
        )
        .select_related("owner")
        .only("council", "directorate", "number", "title", "review_on", "owner__user")
        .order_by("review_on", "number")
        if allowed(user, "risks.change_risk", r)
    ]
    return Section(
        key="risks",
        label="Risks to review",
        title="Risks due for review",
        count=len(due),
        href=reverse("risks:list") + "?sort=review",
        link_text="The risk register, by review date",
        items=[
            Item(
                text=str(r),
                href=reverse("risks:risk", args=[r.pk]),
                hint=("Review was due " if r.review_on < today else "Review due ")
                + f"{r.review_on.day} {r.review_on:%B %Y}",
            )
            for r in due[:LISTED]
        ],
    )


def _updates(membership: Membership, user, today: datetime.date) -> Section:
    fy, quarter = FinancialYear.of(today), plan_rules.quarter_of(today)
    this_quarter = QuarterlyUpdate.objects.filter(action=OuterRef("pk"), fy=fy)
    actions = [
        a
        for a in Action.objects.filter(
            priority__plan__council=membership.council_id, priority__plan__fy=fy
        )
        .exclude(Q(pk__in=this_quarter.filter(quarter=quarter).values("action_id")))
        .exclude(Q(pk__in=this_quarter.filter(status=UpdateStatus.COMPLETE).values("action_id")))
        .select_related("priority__plan__directorate")
        .order_by("priority__plan__directorate__name", "priority__number", "order", "id")
        if allowed(user, "plans.record_update", a.priority.plan)
    ]
    label = plan_rules.quarter_label(fy, quarter)
    return Section(
        key="updates",
        label="Update positions due",
        title=f"Update positions due for {label}",
        count=len(actions),
        href=reverse("plans:list"),
        link_text="Service plans",
        items=[
            Item(
                text=a.description[:120],
                href=reverse("plans:update_record", args=[a.priority.plan_id, a.pk])
                + f"?quarter={quarter}",
                hint=str(a.priority.plan.directorate),
            )
            for a in actions[:LISTED]
        ],
    )


def waiting_for(*, membership: Membership, user) -> Waiting:
    """Everything waiting for ``user``: only the kinds of work with something in them."""
    today = timezone.localdate()
    sections = [
        *_savings(membership, user),
        _actuals(membership, user),
        _risks(membership, user, today),
        _updates(membership, user, today),
    ]
    return Waiting(sections=[s for s in sections if s is not None and s.count])
