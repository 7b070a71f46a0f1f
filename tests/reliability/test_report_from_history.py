"""A closed month's monitoring report, produced again from history after later edits made
through the services, equals the report stored when it closed."""

import datetime

import pytest
from django.contrib.auth import get_user_model

from sightline.core.fiscal import FinancialYear
from sightline.demo import scale
from sightline.savings import selectors, services
from sightline.savings.models import Period, Proposal, Stage
from tests.reliability.conftest import FULL

pytestmark = pytest.mark.reliability


def _check_every_closed_report(council) -> int:
    closed = list(Period.objects.filter(council=council, status="closed").order_by("month"))
    for period in closed:
        again = selectors.monitoring_report(period=period, as_of=period.closed_at)
        assert again == period.report, f"{period}: the report from history differs"
    return len(closed)


def test_closed_reports_are_produced_again_from_history_after_later_edits(db):
    name = "county" if FULL else "luton"
    scale.generate(scale=name)
    office = get_user_model().objects.get(username=f"{name}_programme_office")
    council = office.membership.council
    assert _check_every_closed_report(council) == (24 if FULL else 12)

    live = list(
        Proposal.objects.filter(council=council, stage=Stage.LIVE).order_by("reference")[:30]
    )
    last = Period.objects.filter(council=council).order_by("-month").first()
    reported = {row["proposal_id"] for row in last.report["rows"]}
    edited = [p for p in live if p.pk in reported][:10]
    assert edited, "some edited proposals must be in the closed reports"
    for n, proposal in enumerate(edited):
        proposal = services.proposal_update(
            proposal=proposal,
            by=office,
            data={"title": f"Renamed later {n}"},
            expected_version=proposal.version,
        )
        fys = sorted({line.fy for line in proposal.lines.all()})
        services.saving_lines_set(
            proposal=proposal,
            by=office,
            lines=[{"fy": fy, "amount_pence": 1_000_000 * (n + 1)} for fy in fys],
            reason="Re-profiled",
        )
    services.proposal_archive(proposal=live[-1], by=office, reason="Merged into another")

    # A new month is opened, forecast, closed; then more edits after it closed.
    month = services.period_open(council=council, month=datetime.date(2026, 4, 1), by=office)
    for proposal in edited:
        services.forecast_record(
            proposal=proposal,
            period=month,
            fy=FinancialYear(2026),
            forecast_pence=500_000,
            rag="amber",
            by=office,
            commentary="Slipping",
        )
    month = services.period_close(period=month, by=office)
    assert len(month.report["rows"]) == len(edited)
    services.proposal_update(
        proposal=Proposal.objects.get(pk=edited[0].pk),
        by=office,
        data={"title": "Renamed after April closed"},
    )

    assert _check_every_closed_report(council) == (25 if FULL else 13)
    # The live reading of an old month would differ: history is what keeps it exact.
    assert selectors.monitoring_report(period=last) != last.report
