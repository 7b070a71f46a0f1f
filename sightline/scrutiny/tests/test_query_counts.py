"""The scrutiny workspace reads in a number of queries that does not grow with the council:
tested at two sizes, with savings rated Red (candidates for call-in) and risks whose scores
moved in the months it shows."""

from __future__ import annotations

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sightline.core.fiscal import FinancialYear
from sightline.risks.services import risk_save
from sightline.savings.models import Forecast, Rag, Stage
from sightline.savings.tests.factories import PeriodFactory, ProposalFactory

FY = FinancialYear(2013)
MONTHS = [datetime.date(2014, 1, 1), datetime.date(2014, 2, 1), datetime.date(2014, 3, 1)]


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse("scrutiny:index")).status_code == 200
    return len(captured)


def _grow(council, by, periods, count: int, start: int) -> None:
    for n in range(start, start + count):
        proposal = ProposalFactory(council=council, stage=Stage.LIVE, title=f"Saving {n}")
        for period, rag in zip(periods, [Rag.AMBER, Rag.RED, Rag.RED], strict=True):
            Forecast.objects.create(
                proposal=proposal,
                period=period,
                month=period.month,
                fy=FY,
                forecast_pence=100,
                rag=rag,
                commentary="The consultation was late",
            )
        risk = risk_save(
            by=by, data={"title": f"Risk {n}", "initial_score": 16, "residual_score": 8}
        )
        risk_save(
            by=by,
            risk=risk,
            data={"residual_score": 12},
            reason="The grant was cut.",
            expected_version=risk.version,
        )


def test_the_workspace_reads_in_constant_queries(as_vera, alice, council_a):
    periods = [PeriodFactory(council=council_a, month=month) for month in MONTHS]
    _grow(council_a, alice, periods, 2, 0)
    few = _queries(as_vera)
    _grow(council_a, alice, periods, 8, 2)
    assert _queries(as_vera) == few
