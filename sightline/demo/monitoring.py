"""Luton's monthly monitoring, all illustrative: January and February 2014 closed, March open.

The programme office opens each month, records each live saving's forecast and closes the
month (``period_open``, ``forecast_record``, ``period_close``), so each closed month keeps the
report as it stood when it closed, the same report its history produces again. Finance
confirms that CEX 01's saving left the budget (``benefit_confirm``).
"""

from __future__ import annotations

import datetime

from sightline.accounts.models import Council
from sightline.core.money import format_k
from sightline.demo.accounts import login
from sightline.demo.proposals import pence
from sightline.demo.savings_data import DELIVERY, FY13, FY14
from sightline.demo.sources import ILLUSTRATIVE
from sightline.demo.sync import differences
from sightline.savings.models import BenefitConfirmation, Forecast, Period, Proposal
from sightline.savings.services import (
    benefit_confirm,
    forecast_record,
    period_close,
    period_open,
)

MONTHS = [datetime.date(2014, 1, 1), datetime.date(2014, 2, 1), datetime.date(2014, 3, 1)]
CLOSED = MONTHS[:2]


def load_luton(council: Council) -> None:
    office, finance = login("programme_office"), login("finance")
    proposals = {p.reference: p for p in Proposal.objects.filter(council=council)}
    _benefit(proposals["CEX 01"], by=finance)
    for index, month in enumerate(MONTHS):
        period = Period.objects.filter(council=council, month=month).first()
        if period is None:
            period = period_open(council=council, month=month, by=office)
        if period.is_closed:
            continue  # its figures are frozen
        for reference, (_stage, jan_rag, feb_rag, feb_amount) in DELIVERY.items():
            proposal = proposals[reference]
            planned = sum(line.amount_pence for line in proposal.lines.all() if line.fy == FY13)
            rag, amount = (jan_rag, planned) if index == 0 else (feb_rag, pence(feb_amount))
            if index == 2 and rag == "amber":
                continue  # March is still being filled in
            commentary = ""
            if rag in {"amber", "red"} or (index and rag != jan_rag):
                commentary = _commentary(rag, planned, amount)
            slippage = max(planned - amount, 0) if rag in {"amber", "red"} else 0
            _forecast(
                proposal,
                period,
                {
                    "forecast_pence": amount,
                    "rag": rag,
                    "commentary": commentary,
                    "slippage_pence": slippage,
                    "slipped_to": FY14 if slippage else None,
                    "replacement": (
                        "A replacement saving is being sought within the bundle (illustrative)."
                        if rag == "red"
                        else ""
                    ),
                },
                by=office,
            )
        if month in CLOSED:
            period_close(period=period, by=office)


def _forecast(proposal: Proposal, period: Period, wanted: dict, *, by) -> None:
    found = Forecast.objects.filter(proposal=proposal, period=period, fy=FY13).first()
    if found is not None and not differences(found, wanted):
        return
    forecast_record(
        proposal=proposal,
        period=period,
        fy=FY13,
        by=by,
        expected_version=found.version if found else None,
        **wanted,
    )


def _benefit(proposal: Proposal, *, by) -> None:
    """Finance confirms that the two posts' saving (£92k) has left the 2013/14 budget."""
    wanted = {
        "amount_pence": pence("£92k"),
        "confirmed_on": datetime.date(2014, 2, 20),
        "note": f"The two posts left on 31 March 2013. {ILLUSTRATIVE}.",
    }
    found = BenefitConfirmation.objects.filter(proposal=proposal, fy=FY13).first()
    if found is None or differences(found, wanted):
        benefit_confirm(
            proposal=proposal,
            fy=FY13,
            by=by,
            expected_version=found.version if found else None,
            **wanted,
        )


def _commentary(rag: str, planned: int, amount: int) -> str:
    if rag == "blue":
        return "Delivered: finance has confirmed the saving (illustrative)."
    if rag == "green":
        return "Back on track after the January review (illustrative)."
    gap = planned - amount
    if rag == "amber":
        return f"Part-year effect: {format_k(gap)} expected to slip to 2014/15 (illustrative)."
    return f"Consultation delayed implementation; {format_k(gap)} at risk this year (illustrative)."
