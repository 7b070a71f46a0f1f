"""Reading a few of each indicator's latest figures without reading its whole history: for
each indicator, the date to read from is found in the index on (indicator, period) by a
subquery, then the rows from those dates are read in one query, the indicators that share a
date asked for together. A county's 500 indicators have 30,000 actuals and 30,000 targets;
a list or report shows the latest of each and a trend of eight.

Only the querysets given are read: scoping them to the reader (which actuals they may see)
is the selectors' part (``sightline.performance.selectors``)."""

from __future__ import annotations

import datetime
from collections import defaultdict
from decimal import Decimal

from django.db.models import OuterRef, Q, QuerySet, Subquery

from sightline.performance.models import Actual, Indicator, Target


def _from(groups: dict[datetime.date | None, list[int]]) -> Q:
    """The rows of each group's indicators from its date on (every row for a date of None)."""
    found = Q(pk__in=[])
    for first, members in groups.items():
        found |= Q(indicator_id__in=members, **({"period__gte": first} if first else {}))
    return found


def recent_rows(
    visible: QuerySet,
    *,
    ids: list[int],
    recent: int,
    targets: QuerySet | None = None,
    fields: tuple[str, ...] = (),
) -> dict[int, tuple[list[Target], list[Actual]]]:
    """Each indicator's targets (of ``targets``, or all) and visible actuals from its
    ``recent``-th latest visible actual on, with the target in force for that one: three
    queries (the dates to read from, found in the indexes, then each kind read from them, the
    indicators that share a date asked for together). ``fields``: only these of each actual."""
    targets = Target.objects.all() if targets is None else targets

    since = Subquery(
        visible.filter(indicator_id=OuterRef("pk"))
        .order_by("-period")
        .values("period")[recent - 1 : recent]
    )
    in_force = Subquery(
        targets.filter(indicator_id=OuterRef("pk"), period__lte=OuterRef("since"))
        .order_by("-period")
        .values("period")[:1]
    )
    actuals_from: dict[datetime.date | None, list[int]] = defaultdict(list)
    targets_from: dict[datetime.date | None, list[int]] = defaultdict(list)
    for pk, first_actual, first_target in (
        Indicator.objects.filter(pk__in=ids)
        .annotate(since=since)
        .annotate(target_since=in_force)
        .values_list("pk", "since", "target_since")
    ):
        actuals_from[first_actual].append(pk)
        # No target at or before the first actual read: every target is from then on.
        targets_from[first_target if first_actual else None].append(pk)

    out: dict[int, tuple[list[Target], list[Actual]]] = {pk: ([], []) for pk in ids}
    kept = targets.filter(_from(targets_from)).only("indicator_id", "period", "value")
    for target in kept.order_by("period"):
        out[target.indicator_id][0].append(target)
    actuals = visible.filter(_from(actuals_from)).order_by("period")
    for actual in actuals.only(*fields) if fields else actuals:
        out[actual.indicator_id][1].append(actual)
    return out


def trend_points(
    visible: QuerySet, targets: QuerySet, *, ids: list[int], points: int
) -> dict[int, list[int | None]]:
    """Each indicator's values over its last ``points`` periods with a target or a visible
    actual, in hundredths (None: a target and no actual), for a sparkline: the last
    ``points`` of each kind are read, as values (the last ``points`` periods of either kind
    are among them). Four queries."""
    if not ids:
        return {}
    target_at, _ = _last_periods(targets, ids=ids, points=points)
    actual_at, values = _last_periods(visible, ids=ids, points=points)
    trends = {}
    for pk in ids:
        found = actual_at.get(pk, {})
        periods = sorted(set(found) | set(target_at.get(pk, {})))[-points:]
        trends[pk] = [int(values[found[p]] * 100) if p in found else None for p in periods]
    return trends


def _last_periods(
    queryset: QuerySet, *, ids: list[int], points: int
) -> tuple[dict[int, dict[datetime.date, int]], dict[int, Decimal]]:
    """The last ``points`` periods of each indicator in ``ids`` in ``queryset`` (actuals or
    targets), as ``{indicator_id: {period: pk}}``, and their values by pk, so that a county's
    tens of thousands of figures are not read to keep a few of each. Two queries: each
    indicator's earliest period to read (its ``points``-th newest, found in its index), then
    the rows from those dates, the indicators that share a date asked for together."""
    nth_newest = Subquery(
        queryset.filter(indicator_id=OuterRef("pk"))
        .order_by("-period")
        .values("period")[points - 1 : points]
    )
    sharing: dict[datetime.date | None, list[int]] = defaultdict(list)
    for pk, since in (
        Indicator.objects.filter(pk__in=ids).annotate(since=nth_newest).values_list("pk", "since")
    ):
        sharing[since].append(pk)
    found: dict[int, dict[datetime.date, int]] = {}
    values: dict[int, Decimal] = {}
    for pk, indicator_id, period, value in (
        queryset.filter(_from(sharing))
        .order_by()
        .values_list("pk", "indicator_id", "period", "value")
    ):
        found.setdefault(indicator_id, {})[period] = pk
        values[pk] = value
    return found, values
