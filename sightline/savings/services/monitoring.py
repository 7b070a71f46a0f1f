"""Monthly monitoring: opening a month, recording forecasts (one at a time, or the whole round
from the forecast grid, all or nothing) and closing it."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from sightline.accounts.models import Council
from sightline.accounts.permissions import check
from sightline.core.audit import StaleEdit, check_version, save_audited
from sightline.core.fiscal import FinancialYear
from sightline.savings import rules, selectors
from sightline.savings.models import (
    Forecast,
    Period,
    Proposal,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import User


@transaction.atomic
def period_open(*, council: Council, month: datetime.date, by: User) -> Period:
    check(by, "savings.open_period", council)
    month = month.replace(day=1)
    if Period.objects.filter(council=council, month=month).exists():
        raise ValidationError({"month": f"{month:%B %Y} already has a monitoring period."})
    period = Period(council=council, month=month, fy=FinancialYear.of(month))
    save_audited(period, by=by)
    return period


@transaction.atomic
def forecast_record(
    *,
    proposal: Proposal,
    period: Period,
    fy: FinancialYear,
    forecast_pence: int,
    rag: str,
    by: User,
    commentary: str = "",
    slippage_pence: int = 0,
    slipped_to: FinancialYear | None = None,
    replacement: str = "",
    expected_version: int | None = None,
) -> Forecast:
    """Record this month's forecast for one year of a live saving."""
    check(by, "savings.record_forecast", proposal)
    if period.council_id != proposal.council_id:
        raise PermissionDenied("This monitoring period belongs to another council.")
    period = Period.objects.select_for_update().get(pk=period.pk)
    if period.is_closed:
        raise ValidationError(
            f"The {period} period is closed: its figures are frozen. Record the forecast in an "
            "open period."
        )
    if proposal.stage not in selectors.IN_DELIVERY:
        raise ValidationError("Forecasts are recorded for live savings only.")
    errors = {}
    previous = (
        Forecast.objects.filter(proposal=proposal, fy=fy, month__lt=period.month)
        .order_by("-month")
        .first()
    )
    why = rules.commentary_required(rag=rag, previous_rag=previous.rag if previous else None)
    if why and not commentary.strip():
        errors["commentary"] = why
    if slippage_pence:
        if slipped_to is None:
            errors["slipped_to"] = "Select the later year the slipped saving moves to."
        elif slipped_to <= fy:
            errors["slipped_to"] = f"Slippage moves a saving to a year after {fy}."
    if errors:
        raise ValidationError(errors)
    existing = Forecast.objects.filter(proposal=proposal, period=period, fy=fy).first()
    if existing:
        if expected_version is None:
            raise StaleEdit(
                f"A {fy} forecast for {period} was already recorded (version {existing.version}). "
                "Reload the page to see it, then make your change to it.",
                code="stale",
            )
        check_version(existing, expected_version)
    forecast = existing or Forecast(proposal=proposal, period=period, month=period.month, fy=fy)
    forecast.forecast_pence = forecast_pence
    forecast.rag = rag
    forecast.commentary = commentary
    forecast.slippage_pence = slippage_pence
    forecast.slipped_to = slipped_to if slippage_pence else None
    forecast.replacement = replacement
    save_audited(forecast, by=by, reason=commentary)
    return forecast


@dataclass(frozen=True)
class RoundEntry:
    """One row of the monthly round as typed in the forecast grid: a year of a live saving."""

    proposal: Proposal
    fy: FinancialYear
    forecast_pence: int
    rag: str
    commentary: str = ""
    expected_version: int | None = None  # of this month's forecast; None when there is none

    @property
    def key(self) -> str:
        return f"{self.proposal.pk}-{self.fy.start_year}"


class RoundRefused(ValidationError):
    """Rows of the round were refused, so none was saved. ``rows`` maps each refused row's key
    (``RoundEntry.key``) to its error, for the grid to show beside the row."""

    def __init__(self, rows: dict[str, ValidationError]):
        self.rows = rows
        super().__init__(
            f"{len(rows)} row{'s' if len(rows) != 1 else ''} could not be saved, so nothing was "
            "saved."
        )


@transaction.atomic
def forecasts_record_round(
    *, period: Period, entries: list[RoundEntry], by: User
) -> list[Forecast]:
    """Record the monthly round: each row through :func:`forecast_record`, in one transaction.
    If any row is refused, nothing is saved and :class:`RoundRefused` names every refused row.

    The grid types the forecast, RAG and commentary only: a row's slippage, the year it slipped
    to and its replacement saving stay as this month's forecast already has them."""
    already = {
        (f.proposal_id, f.fy): f
        for f in Forecast.objects.filter(
            period=period, proposal_id__in=[e.proposal.pk for e in entries]
        )
    }
    refused: dict[str, ValidationError] = {}
    saved = []
    for entry in entries:
        kept = already.get((entry.proposal.pk, entry.fy))
        try:
            saved.append(
                forecast_record(
                    proposal=entry.proposal,
                    period=period,
                    fy=entry.fy,
                    forecast_pence=entry.forecast_pence,
                    rag=entry.rag,
                    commentary=entry.commentary,
                    slippage_pence=kept.slippage_pence if kept else 0,
                    slipped_to=kept.slipped_to if kept else None,
                    replacement=kept.replacement if kept else "",
                    expected_version=entry.expected_version,
                    by=by,
                )
            )
        except ValidationError as error:
            refused[entry.key] = error
    if refused:
        raise RoundRefused(refused)
    return saved


@transaction.atomic
def period_close(*, period: Period, by: User) -> Period:
    """Close a month: its forecasts are frozen and its report is kept exactly as it stands."""
    check(by, "savings.close_period", period)
    period = Period.objects.select_for_update().get(pk=period.pk)
    if period.is_closed:
        raise ValidationError(f"The {period} period is already closed.")
    period.status = Period.Status.CLOSED
    period.closed_at = timezone.now()
    period.closed_by = by
    period.report = selectors.monitoring_report(period=period)
    save_audited(period, by=by)
    return period
