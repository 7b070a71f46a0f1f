"""Helpers for the monthly round's tests: live savings and a grid post as the page makes it."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from sightline.core.fiscal import FinancialYear
from sightline.savings import selectors
from sightline.savings.models import Stage
from sightline.savings.monitoring_forms import GridRowForm
from sightline.savings.tests.factories import ProposalFactory, SavingLineFactory

FY13, FY14 = FinancialYear(2013), FinancialYear(2014)


def live_saving(council, *, lead=None, years=None, **extra):
    """A live proposal of ``council`` led by ``lead``, saving ``years`` ({year: pence})."""
    proposal = ProposalFactory(council=council, lead_officer=lead, stage=Stage.LIVE, **extra)
    for fy, pence in (years or {FY13: 10_000_000}).items():
        SavingLineFactory(proposal=proposal, fy=fy, amount_pence=pence)
    return proposal


def grid_post(period, user, changes: dict | None = None) -> dict:
    """What the grid page posts for ``user``: every row as shown (its values and, hidden, the
    same values as shown), with ``changes`` ({row key: {field: value}}) typed over them."""
    grid = selectors.forecast_grid(membership=user.membership, user=user, period=period)
    rows = selectors.attach_previous(period=period, rows=grid.rows)
    data: dict = {"row": []}
    for row in rows:
        form = GridRowForm(row=row)
        data["row"].append(row.key)
        for name in ("forecast", "rag", "commentary"):
            bound = form[name]
            shown = bound.field.prepare_value(bound.value())
            shown = "" if shown is None else shown
            data[f"{form.prefix}-{name}"] = shown
            data[f"initial-{form.prefix}-{name}"] = shown
        version = form["version"].value()
        data[f"{form.prefix}-version"] = "" if version is None else version
        for name, value in (changes or {}).get(row.key, {}).items():
            data[f"{form.prefix}-{name}"] = value
    return data


def key(proposal, fy: FinancialYear) -> str:
    return f"{proposal.pk}-{fy.start_year}"


def queries(client, path: str) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(path).status_code == 200
    return len(context.captured_queries)
