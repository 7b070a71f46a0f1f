import datetime

import pytest

from sightline.core.fiscal import FinancialYear
from sightline.savings import selectors, services
from sightline.savings.models import Period
from sightline.savings.tests.factories import ProposalFactory
from sightline.savings.tests.test_services import live

FY13 = FinancialYear(2013)


@pytest.fixture
def closed(alice, eve, council_a):
    proposal = live(ProposalFactory(council=council_a, lead_officer=eve.person, title="Original"))
    period = services.period_open(council=council_a, month=datetime.date(2013, 6, 1), by=alice)
    services.forecast_record(
        proposal=proposal,
        period=period,
        fy=FY13,
        forecast_pence=7_000_000,
        rag="amber",
        by=eve,
        commentary="Slow start",
    )
    return proposal, services.period_close(period=period, by=alice)


def test_a_closed_periods_report_is_identical_after_later_edits(alice, eve, council_a, closed):
    proposal, period = closed
    original = period.report
    services.proposal_update(
        proposal=proposal,
        by=eve,
        data={"title": "Renamed later"},
        expected_version=proposal.version,
    )
    services.saving_lines_set(proposal=proposal, by=eve, lines=[{"fy": FY13, "amount_pence": 1}])
    july = services.period_open(council=council_a, month=datetime.date(2013, 7, 1), by=alice)
    services.forecast_record(
        proposal=proposal,
        period=july,
        fy=FY13,
        forecast_pence=1,
        rag="red",
        by=eve,
        commentary="Collapsed",
    )
    period = Period.objects.get(pk=period.pk)
    assert period.report == original
    assert original["rows"][0]["title"] == "Original"
    assert original["rows"][0]["planned_pence"] == 10_000_000
    # ... and regenerated from history as it stood at closing, it is the same report.
    assert selectors.monitoring_report(period=period, as_of=period.closed_at) == original
    # The live report of the same period would differ: the history is what keeps it.
    assert selectors.monitoring_report(period=period) != original


def test_what_moved_lists_changes_of_forecast_and_rag_with_commentary(
    alice, eve, vera, council_a, closed
):
    proposal, june = closed
    july = services.period_open(council=council_a, month=datetime.date(2013, 7, 1), by=alice)
    services.forecast_record(
        proposal=proposal,
        period=july,
        fy=FY13,
        forecast_pence=2_000_000,
        rag="red",
        by=eve,
        commentary="Union dispute",
    )
    july = services.period_close(period=july, by=alice)
    [row] = selectors.what_moved(earlier=june, later=july, membership=vera.membership)
    assert (row["old_rag"], row["rag"]) == ("amber", "red")
    assert (row["old_forecast_pence"], row["forecast_pence"]) == (7_000_000, 2_000_000)
    assert row["commentary"] == "Union dispute"


def test_exempt_rows_are_hidden_from_a_viewers_report(alice, eve, vera, council_a, closed):
    proposal, period = closed
    proposal.exempt, proposal.exempt_paragraphs = True, "1"
    proposal.save()
    report = selectors.monitoring_report(period=period)
    assert selectors.visible_report(report, membership=vera.membership)["rows"] == []
    assert selectors.visible_report(report, membership=alice.membership)["rows"]


def test_a_gate_override_is_shown_in_the_monitoring_report(alice, eve, council_a):
    proposal = ProposalFactory(council=council_a, lead_officer=eve.person)
    services.proposal_advance_stage(
        proposal=proposal, to="initiation", by=alice, override=True, reason="Agreed by CLMT"
    )
    live(proposal)
    period = services.period_open(council=council_a, month=datetime.date(2013, 6, 1), by=alice)
    services.forecast_record(
        proposal=proposal, period=period, fy=FY13, forecast_pence=1, rag="green", by=eve
    )
    period = services.period_close(period=period, by=alice)
    [row] = period.report["rows"]
    assert row["gate_overrides"] == ["Idea to Initiation: Agreed by CLMT"]


def test_the_newest_month_gives_the_forecast_whatever_order_months_were_opened(
    alice, eve, council_a
):
    """Forecasts carry their period's month, and the dashboard takes the newest month's,
    even when an earlier month was opened (and forecast) after a later one."""
    from sightline.savings.models import Forecast
    from sightline.savings.tests.factories import SavingLineFactory

    proposal = live(ProposalFactory(council=council_a, lead_officer=eve.person))
    SavingLineFactory(proposal=proposal, fy=FY13, amount_pence=10_000)
    august = services.period_open(council=council_a, month=datetime.date(2013, 8, 1), by=alice)
    july = services.period_open(council=council_a, month=datetime.date(2013, 7, 1), by=alice)
    for period, pence, rag in [(august, 4_000, "red"), (july, 9_000, "amber")]:
        services.forecast_record(
            proposal=proposal,
            period=period,
            fy=FY13,
            forecast_pence=pence,
            rag=rag,
            by=eve,
            commentary="Changed",
        )
    months = dict(Forecast.objects.filter(proposal=proposal).values_list("period_id", "month"))
    assert months == {august.pk: datetime.date(2013, 8, 1), july.pk: datetime.date(2013, 7, 1)}
    summary = selectors.programme_summary(membership=alice.membership, fy=FY13)
    assert summary.totals.forecast == 4_000
    assert summary.rag["red"]["count"] == 1
    assert summary.rag["amber"]["count"] == 0
    [row] = selectors.tracker_rows(membership=alice.membership, fy=FY13)
    assert (row.latest_forecast, row.latest_rag) == (4_000, "red")
