"""Reads for performance indicators, scoped to the user's council and rights.

Approved actuals are read by everyone in the council. An actual awaiting approval (a draft)
is shown only to the indicator's owner and to those who may approve it (programme office,
directors, finance): it goes beyond the owner's team only once a second person approves it.

Who may see drafts is asked of ``sightline.performance.permissions``, the same functions its
rules use; who may change what is asked of those rules, never here.

Every RAG, direction and explanation shown anywhere (list, indicator page, API) comes from
:func:`period_rows`, so they always agree.
"""

from __future__ import annotations

import datetime
import re
from bisect import bisect_right
from collections.abc import Collection
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

from django.core.paginator import Page, Paginator
from django.db.models import OuterRef, Prefetch, Q, QuerySet, Subquery
from django.shortcuts import get_object_or_404

from sightline.accounts.models import Membership
from sightline.performance import rules
from sightline.performance.models import Actual, Indicator, Target
from sightline.performance.permissions import approves_actuals, sees_drafts_of
from sightline.performance.recent import recent_rows, trend_points
from sightline.strategy.models import DepartmentalPlan, Priority

# --- who may see what ------------------------------------------------------------------------


def sees_drafts(membership: Membership | None, indicator: Indicator) -> bool:
    """The owner and those who may approve see actuals awaiting approval; others do not."""
    return sees_drafts_of(membership, indicator)


# --- querysets -------------------------------------------------------------------------------


def indicator_list(*, membership: Membership) -> QuerySet[Indicator]:
    """The council's indicators (retired ones included, for their record)."""
    return Indicator.objects.filter(council=membership.council).select_related("owner")


def indicator_get(*, membership: Membership, pk: int) -> Indicator:
    return get_object_or_404(indicator_list(membership=membership), pk=pk)


def actual_list(*, membership: Membership) -> QuerySet[Actual]:
    """The actuals this member may see: approved ones, and drafts if entitled."""
    qs = Actual.objects.filter(indicator__council=membership.council)
    if approves_actuals(membership):
        return qs
    return qs.filter(
        Q(status=Actual.Status.APPROVED) | Q(indicator__owner__user_id=membership.user_id)
    )


def actual_get(*, membership: Membership, indicator: Indicator, pk: int) -> Actual:
    return get_object_or_404(
        actual_list(membership=membership).filter(indicator=indicator).select_related("indicator"),
        pk=pk,
    )


def priority_list(*, membership: Membership) -> QuerySet[Priority]:
    return Priority.objects.filter(plan__council=membership.council).select_related("plan")


def departmental_plan_list(*, membership: Membership) -> QuerySet[DepartmentalPlan]:
    return DepartmentalPlan.objects.filter(plan__council=membership.council).select_related(
        "directorate", "plan"
    )


# --- periods, RAG and direction --------------------------------------------------------------


@dataclass
class PeriodRow:
    """One period of an indicator: its target, actual, RAG and direction, in words too (the
    words made when first asked for: a list of 500 indicators shows one period's of each)."""

    period: datetime.date
    label: str
    unit: str
    target: Decimal | None
    actual: Actual | None
    rag: str | None = None
    direction: str | None = None
    indicator: Indicator | None = None
    previous: Actual | None = None  # the visible actual before this one

    @cached_property
    def rag_words(self) -> str:
        if self.actual is None:
            return ""
        if self.target is None:
            return (
                f"Not rated: {rules.format_value(self.actual.value, self.unit)} has no target "
                "to be measured against."
            )
        return rules.rag_explanation(
            actual=self.actual.value,
            target=self.target,
            polarity=self.indicator.polarity,
            tolerance=self.indicator.amber_tolerance,
            unit=self.unit,
        )

    @cached_property
    def direction_words(self) -> str:
        if self.actual is None:
            return ""
        if self.previous is None:
            return "No earlier figure to compare with"
        frequency = self.indicator.frequency
        if self.previous.period == rules.previous_period(self.period, frequency):
            label = f"last {rules.PERIOD_NOUN.get(frequency, 'period')}"
        else:
            label = f"in {rules.period_label(self.previous.period, frequency)}"
        return rules.direction_words(
            current=self.actual.value,
            previous=self.previous.value,
            polarity=self.indicator.polarity,
            unit=self.unit,
            previous_label=label,
        )

    @property
    def value(self) -> Decimal | None:
        return self.actual.value if self.actual else None

    @property
    def value_text(self) -> str:
        return rules.format_value(self.value, self.unit)

    @property
    def target_text(self) -> str:
        return rules.format_value(self.target, self.unit)

    @property
    def awaiting_approval(self) -> bool:
        return self.actual is not None and self.actual.status == Actual.Status.DRAFT


def target_in_force(
    targets: list[Target], period: datetime.date, periods: list[datetime.date] | None = None
) -> Decimal | None:
    """The latest target set for this period or an earlier one (``targets`` sorted by
    period): an annual target holds for each quarter of its year until another is set.
    ``periods``: the targets' periods, if already listed."""
    index = bisect_right([t.period for t in targets] if periods is None else periods, period)
    return targets[index - 1].value if index else None


def period_rows(
    indicator: Indicator, targets: list[Target], actuals: list[Actual]
) -> list[PeriodRow]:
    """Every period with a target or a visible actual, oldest first, each with its RAG
    against the target in force and its direction against the previous visible actual."""
    targets = sorted(targets, key=lambda t: t.period)
    by_period = {a.period: a for a in actuals}
    periods = sorted({t.period for t in targets} | set(by_period))
    target_periods = [t.period for t in targets]
    unit, polarity, frequency = indicator.unit, indicator.polarity, indicator.frequency
    rows: list[PeriodRow] = []
    previous: Actual | None = None
    for period in periods:
        actual = by_period.get(period)
        row = PeriodRow(
            period=period,
            label=rules.period_label(period, frequency),
            unit=unit,
            target=target_in_force(targets, period, target_periods),
            actual=actual,
            indicator=indicator,
        )
        if actual is not None:
            if row.target is not None:
                row.rag = rules.rag(
                    actual=actual.value,
                    target=row.target,
                    polarity=polarity,
                    tolerance=indicator.amber_tolerance,
                )
            if previous is not None:
                row.previous = previous
                row.direction = rules.direction(
                    current=actual.value, previous=previous.value, polarity=polarity
                )
            previous = actual
        rows.append(row)
    return rows


def latest(rows: list[PeriodRow]) -> PeriodRow | None:
    """The latest period with a visible actual."""
    return next((row for row in reversed(rows) if row.actual is not None), None)


def code_sort_key(code: str) -> list:
    """Codes in the order people read them: NI 19 before NI 111, LBC 4 before LBC PPA."""
    return [
        (0, int(part), "") if part.isdigit() else (1, 0, part.lower())
        for part in re.split(r"(\d+)", code)
        if part
    ]


# --- pages -----------------------------------------------------------------------------------


@dataclass
class IndicatorDetail:
    indicator: Indicator
    rows: list[PeriodRow]
    latest: PeriodRow | None
    priorities: list[Priority]
    departmental_plans: list[DepartmentalPlan]
    sees_drafts: bool


def indicator_detail(*, membership: Membership, indicator: Indicator) -> IndicatorDetail:
    targets = list(indicator.targets.all())
    actuals = list(
        actual_list(membership=membership)
        .filter(indicator=indicator)
        .select_related("approved_by", "created_by", "modified_by", "indicator")
    )
    rows = period_rows(indicator, targets, actuals)
    return IndicatorDetail(
        indicator=indicator,
        rows=rows,
        latest=latest(rows),
        priorities=list(indicator.priorities.select_related("plan")),
        departmental_plans=list(indicator.departmental_plans.select_related("directorate")),
        sees_drafts=sees_drafts(membership, indicator),
    )


@dataclass
class TableRow:
    indicator: Indicator
    latest: PeriodRow | None
    rows: list[PeriodRow]

    @property
    def rag(self) -> str | None:
        return self.latest.rag if self.latest else None


RAG_FILTERS = {
    "green": "Green",
    "amber": "Amber",
    "red": "Red",
    "unrated": "Not rated",
}


def _in_use(*, membership: Membership, priority: Priority | int | None) -> QuerySet[Indicator]:
    qs = indicator_list(membership=membership).filter(disabled_on__isnull=True)
    if priority:
        qs = qs.filter(priorities=priority)
    return qs


def indicator_order(
    *, membership: Membership, priority: Priority | int | None = None, rag: str | None = None
) -> list[int]:
    """The ids of the council's indicators in use that match the filters, in the order people
    read their codes: one query of a few columns, however many indicators.

    For a RAG filter the database gives each indicator its latest visible actual and the
    target in force for that period; the rating itself is :func:`rules.rag`'s, in exact
    decimals, so the list filters by the very RAG that every page shows."""
    qs = _in_use(membership=membership, priority=priority)
    if rag not in RAG_FILTERS:
        pairs = qs.values_list("pk", "code")
        return [pk for pk, _ in sorted(pairs, key=lambda pair: code_sort_key(pair[1]))]
    visible = (
        actual_list(membership=membership).filter(indicator=OuterRef("pk")).order_by("-period")
    )
    qs = qs.annotate(
        latest_period=Subquery(visible.values("period")[:1]),
        latest_value=Subquery(visible.values("value")[:1]),
    ).annotate(
        target_value=Subquery(
            Target.objects.filter(indicator=OuterRef("pk"), period__lte=OuterRef("latest_period"))
            .order_by("-period")
            .values("value")[:1]
        )
    )
    found = []
    for pk, code, polarity, tolerance, value, target in qs.values_list(
        "pk", "code", "polarity", "amber_tolerance", "latest_value", "target_value"
    ):
        rating = (
            None
            if value is None or target is None
            else rules.rag(actual=value, target=target, polarity=polarity, tolerance=tolerance)
        )
        if (rag == "unrated" and rating is None) or rating == rag:
            found.append((code_sort_key(code), pk))
    return [pk for _, pk in sorted(found)]


def indicator_rows(
    *, membership: Membership, ids: list[int], recent: int | None = None
) -> list[TableRow]:
    """These indicators (ids from :func:`indicator_order`), in that order, each with its latest
    visible figure, RAG and direction. Three queries, however many indicators.

    With ``recent``, each indicator's rows start at its ``recent``-th latest visible actual
    (and the target in force for it), which is all a list shows (the latest figure and a
    trend): a county's indicators are not read back years for a page. One query more."""
    indicators = indicator_list(membership=membership).filter(pk__in=ids)
    visible = actual_list(membership=membership)
    if recent is None:
        qs = indicators.prefetch_related(
            # A target's period and value are all the table reads of it.
            Prefetch(
                "targets",
                queryset=Target.objects.only("indicator_id", "period", "value").order_by("period"),
            ),
            Prefetch("actuals", queryset=visible.order_by("period")),
        )
        by_pk = {indicator.pk: indicator for indicator in qs} if ids else {}
        found = {pk: (list(i.targets.all()), list(i.actuals.all())) for pk, i in by_pk.items()}
    else:
        by_pk = {indicator.pk: indicator for indicator in indicators} if ids else {}
        found = recent_rows(visible, ids=list(by_pk), recent=max(recent, 2))
    table = []
    for pk in ids:
        indicator = by_pk.get(pk)
        if indicator is None:
            continue
        targets, actuals = found.get(pk, ([], []))
        rows = period_rows(indicator, targets, actuals)
        table.append(TableRow(indicator=indicator, latest=latest(rows), rows=rows))
    return table


def indicator_table(
    *, membership: Membership, priority: Priority | int | None = None, rag: str | None = None
) -> list[TableRow]:
    """The council's indicators in use, each with its latest visible figure, RAG and
    direction; filtered by the priority they measure and by RAG. Four queries, however many
    indicators (pages show one page of them: :func:`indicator_page`)."""
    ids = indicator_order(membership=membership, priority=priority, rag=rag)
    return indicator_rows(membership=membership, ids=ids)


INDICATOR_PAGE_SIZE = 50
# The actuals a list's trend shows (the latest and the seven before it).
SPARKLINE_PERIODS = 8


def indicator_page(
    *,
    membership: Membership,
    number: int | str | None,
    priority: Priority | int | None = None,
    rag: str | None = None,
    per_page: int = INDICATOR_PAGE_SIZE,
) -> Page:
    """One page of :func:`indicator_table` (a page past the last is the last): its
    ``object_list`` holds the page's rows only, read in five queries whatever the page."""
    ids = indicator_order(membership=membership, priority=priority, rag=rag)
    page = Paginator(ids, per_page).get_page(number)
    page.object_list = indicator_rows(
        membership=membership, ids=list(page.object_list), recent=SPARKLINE_PERIODS
    )
    return page


@dataclass
class TrendLine:
    indicator: Indicator
    latest: PeriodRow | None  # as :func:`indicator_rows` gives it, up to the date asked
    trend: list[int | None]  # the last periods' actuals in hundredths (None: no actual)


def indicator_trends(
    *,
    membership: Membership,
    as_of: datetime.date,
    points: int = 8,
    trend_of: Collection[int] | None = None,
) -> list[TrendLine]:
    """Every indicator in use, in the order of their codes, as it stood at ``as_of``: its
    latest visible figure with RAG and direction, and the values of its last ``points``
    periods (those with a target or a visible actual) for a sparkline — what
    :func:`indicator_table` gives for periods up to ``as_of``, without reading every actual
    as a record: the two latest actuals of each indicator and the targets from the one in
    force for them, as records; the last ``points`` targets and actuals of each in
    ``trend_of`` (every indicator when None; an empty trend for the others), as values. Nine
    queries, however many indicators."""
    ids = indicator_order(membership=membership)
    if not ids:
        return []
    # What the report, its papers and the rows read of an indicator and of an actual.
    indicators = {
        i.pk: i
        for i in Indicator.objects.filter(council=membership.council, pk__in=ids).only(
            "council_id", "code", "title", "unit", "polarity", "frequency", "amber_tolerance"
        )
    }
    visible = actual_list(membership=membership).filter(period__lte=as_of)
    targets = Target.objects.filter(period__lte=as_of)
    found = recent_rows(
        visible,
        ids=ids,
        recent=2,
        targets=targets,
        fields=("indicator_id", "period", "value", "commentary", "status"),
    )
    wanted = ids if trend_of is None else [pk for pk in ids if pk in set(trend_of)]
    trends = trend_points(visible, targets, ids=wanted, points=max(points, 1))
    lines = []
    for pk in ids:
        indicator = indicators.get(pk)
        if indicator is None:
            continue
        rows = period_rows(indicator, *found[pk])
        lines.append(TrendLine(indicator=indicator, latest=latest(rows), trend=trends.get(pk, [])))
    return lines


def trend_values(
    *, membership: Membership, ids: list[int], as_of: datetime.date, points: int = 8
) -> dict[int, list[int | None]]:
    """The sparkline values of these indicators (as :func:`indicator_trends` gives them), for
    a page that shows a few of a report's indicators (only the council's). Five queries."""
    mine = indicator_list(membership=membership).filter(pk__in=ids)
    ids = list(mine.values_list("pk", flat=True))
    visible = actual_list(membership=membership).filter(period__lte=as_of)
    return trend_points(visible, Target.objects.filter(period__lte=as_of), ids=ids, points=points)


@dataclass
class AwaitingRow:
    actual: Actual
    label: str
    value: str
    target: str
    rag: str | None
    recorded_by: str


def actuals_awaiting_approval(*, membership: Membership) -> list[AwaitingRow]:
    """Drafts this member may approve (as the rule ``performance.approve_actual`` has it):
    none for those who may not approve, and never one they recorded themselves."""
    if not approves_actuals(membership):
        return []
    drafts = (
        Actual.objects.filter(indicator__council=membership.council, status=Actual.Status.DRAFT)
        .exclude(Q(created_by_id=membership.user_id) | Q(modified_by_id=membership.user_id))
        .select_related("indicator", "created_by", "modified_by")
        .order_by("indicator__code", "period")
    )
    drafts = list(drafts)
    targets: dict[int, list[Target]] = {}
    for target in Target.objects.filter(indicator_id__in={a.indicator_id for a in drafts}):
        targets.setdefault(target.indicator_id, []).append(target)
    out = []
    for actual in drafts:
        indicator = actual.indicator
        goal = target_in_force(
            sorted(targets.get(indicator.pk, []), key=lambda t: t.period), actual.period
        )
        user = actual.modified_by or actual.created_by
        out.append(
            AwaitingRow(
                actual=actual,
                label=rules.period_label(actual.period, indicator.frequency),
                value=rules.format_value(actual.value, indicator.unit),
                target=rules.format_value(goal, indicator.unit) if goal is not None else "—",
                rag=(
                    rules.rag(
                        actual=actual.value,
                        target=goal,
                        polarity=indicator.polarity,
                        tolerance=indicator.amber_tolerance,
                    )
                    if goal is not None
                    else None
                ),
                recorded_by=(user.get_full_name() or user.get_username()) if user else "System",
            )
        )
    return out
