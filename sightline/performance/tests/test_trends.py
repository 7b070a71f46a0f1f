"""The quarterly report's trends (``indicator_trends``) agree with the indicator table cut at
the report's date, in a number of queries that does not grow with the indicators."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sightline.accounts.models import Membership
from sightline.performance import selectors
from sightline.performance.models import Actual
from sightline.performance.tests.factories import ActualFactory, IndicatorFactory, TargetFactory

QUARTERS = [datetime.date(2012 + (m + 3) // 12, (m + 3) % 12 + 1, 1) for m in range(0, 36, 3)]


def _indicators(council, approver, count: int, start: int) -> None:
    """Indicators with a target every other quarter, actuals most quarters (one a draft), some
    targets with no actual and a last quarter with no target at all."""
    for n in range(start, start + count):
        indicator = IndicatorFactory(council=council, code=f"T {n}")
        for i, quarter in enumerate(QUARTERS):
            if i % 2 == 0:
                TargetFactory(indicator=indicator, period=quarter, value=Decimal(70 + i))
            if i % 5 != 3:
                ActualFactory(
                    indicator=indicator,
                    period=quarter,
                    value=Decimal(60 + (i * 7 + n) % 30) + Decimal("0.25"),
                    status=Actual.Status.DRAFT if i == 10 else Actual.Status.APPROVED,
                    approved_by=approver,
                    commentary=f"Quarter {i}",
                )


def _as_the_table_gives_it(membership, as_of):
    found = []
    for row in selectors.indicator_table(membership=membership):
        rows = [r for r in row.rows if r.period <= as_of]
        latest = next((r for r in reversed(rows) if r.actual is not None), None)
        values = [int(r.actual.value * 100) if r.actual is not None else None for r in rows][-8:]
        found.append((row.indicator.pk, _row(latest), values))
    return found


def _row(row):
    if row is None:
        return None
    return (
        row.period,
        row.label,
        row.rag,
        row.direction,
        row.value_text,
        row.target_text,
        row.direction_words,
        row.actual.pk,
        row.actual.commentary,
    )


@pytest.mark.parametrize("persona", ["alice", "vera"])  # drafts seen, and not
@pytest.mark.parametrize(
    "as_of",
    [datetime.date(2012, 3, 31), QUARTERS[4], QUARTERS[10], datetime.date(2016, 3, 31)],
)
def test_the_trends_are_the_table_cut_at_the_date(request, persona, as_of, council_a, alice):
    _indicators(council_a, alice, 3, 0)
    membership = Membership.objects.get(user=request.getfixturevalue(persona))
    trends = selectors.indicator_trends(membership=membership, as_of=as_of)
    assert [(t.indicator.pk, _row(t.latest), t.trend) for t in trends] == _as_the_table_gives_it(
        membership, as_of
    )


def test_the_trends_read_in_constant_queries(council_a, alice):
    membership = Membership.objects.select_related("council", "user").get(user=alice)
    as_of = datetime.date(2016, 3, 31)
    _indicators(council_a, alice, 2, 0)
    with CaptureQueriesContext(connection) as few:
        selectors.indicator_trends(membership=membership, as_of=as_of)
    _indicators(council_a, alice, 8, 2)
    with CaptureQueriesContext(connection) as many:
        assert len(selectors.indicator_trends(membership=membership, as_of=as_of)) == 10
    assert len(many) == len(few)


def test_the_target_in_force_is_found_when_every_recent_target_is_later_than_the_latest_actual(
    council_a, alice
):
    """Targets set for every quarter ahead, actuals only for the first two: the target in force
    for the latest actual is older than the last eight targets read for the sparkline."""
    membership = Membership.objects.select_related("council", "user").get(user=alice)
    indicator = IndicatorFactory(council=council_a, code="T ahead")
    for i, quarter in enumerate(QUARTERS):
        TargetFactory(indicator=indicator, period=quarter, value=Decimal(50 + i))
    for i in (0, 1):
        ActualFactory(
            indicator=indicator,
            period=QUARTERS[i],
            value=Decimal(40 + 20 * i),
            status=Actual.Status.APPROVED,
            approved_by=alice,
        )
    as_of = datetime.date(2016, 3, 31)
    [trend] = selectors.indicator_trends(membership=membership, as_of=as_of)
    assert trend.latest.target_text == _as_the_table_gives_it(membership, as_of)[0][1][5]
    assert trend.latest.rag == _as_the_table_gives_it(membership, as_of)[0][1][2] == "green"
    assert [(t.indicator.pk, _row(t.latest), t.trend) for t in [trend]] == _as_the_table_gives_it(
        membership, as_of
    )


@pytest.mark.parametrize("persona", ["alice", "vera"])  # drafts seen, and not
def test_a_lists_recent_rows_give_the_latest_figure_and_trend_of_every_row(
    request, persona, council_a, alice
):
    """The list page reads each indicator from its eighth latest actual on: its latest figure
    (RAG against the target in force, direction) and its trend are those of all its rows."""
    _indicators(council_a, alice, 3, 0)
    ahead = IndicatorFactory(council=council_a, code="T ahead")  # targets long after actuals
    for i, quarter in enumerate(QUARTERS):
        TargetFactory(indicator=ahead, period=quarter, value=Decimal(50 + i))
    for i in range(10):
        ActualFactory(
            indicator=ahead,
            period=datetime.date(2009, 1 + i, 1),
            value=Decimal(45 + i),
            status=Actual.Status.APPROVED,
            approved_by=alice,
        )
    IndicatorFactory(council=council_a, code="T none")  # no figures at all
    membership = Membership.objects.get(user=request.getfixturevalue(persona))
    ids = selectors.indicator_order(membership=membership)

    def seen(rows):
        return [
            (
                row.indicator.pk,
                _row(row.latest),
                [(r.period, r.value, r.target, r.rag) for r in row.rows if r.actual][-8:],
            )
            for row in rows
        ]

    recent = selectors.indicator_rows(membership=membership, ids=ids, recent=8)
    assert seen(recent) == seen(selectors.indicator_rows(membership=membership, ids=ids))
    assert len(recent) == 5


@pytest.mark.parametrize("persona", ["alice", "vera"])  # drafts seen, and not
def test_a_pages_trends_are_those_of_the_whole_report(request, persona, council_a, alice):
    """The report's page reads the latest figures of every indicator without their trends,
    then the trends of the lines it shows: the same as the whole report's."""
    _indicators(council_a, alice, 4, 0)
    membership = Membership.objects.get(user=request.getfixturevalue(persona))
    as_of = QUARTERS[9]
    whole = selectors.indicator_trends(membership=membership, as_of=as_of)
    bare = selectors.indicator_trends(membership=membership, as_of=as_of, trend_of=())
    assert [(t.indicator.pk, _row(t.latest)) for t in bare] == [
        (t.indicator.pk, _row(t.latest)) for t in whole
    ]
    assert all(t.trend == [] for t in bare) and all(t.trend for t in whole)
    shown = [whole[1].indicator.pk, whole[3].indicator.pk]
    assert selectors.trend_values(membership=membership, ids=shown, as_of=as_of) == {
        t.indicator.pk: t.trend for t in whole if t.indicator.pk in shown
    }
