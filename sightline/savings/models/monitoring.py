"""Monthly monitoring: the months a council monitors, and each live saving's forecast and RAG in
them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from sightline.accounts.models import (
    Council,
)
from sightline.core.fiscal import FinancialYearField
from sightline.core.models import BaseModel, PenceField
from sightline.core.money import MAX_AMOUNT_PENCE
from sightline.savings.models.programme import PENCE
from sightline.savings.models.proposals import Proposal


class Rag(models.TextChoices):
    BLUE = "blue", "Blue (delivered)"
    GREEN = "green", "Green"
    AMBER = "amber", "Amber"
    RED = "red", "Red"


class Period(BaseModel):
    """A monitoring month. Once the programme office closes it, its figures are frozen."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="periods")
    month = models.DateField(help_text="The first day of the month monitored.")
    fy = FinancialYearField("financial year")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    report = models.JSONField(
        null=True, blank=True, help_text="The monitoring report as it stood when closed."
    )

    class Meta:
        ordering = ["-month"]
        constraints = [
            models.UniqueConstraint(fields=["council", "month"], name="period_unique_month"),
            models.CheckConstraint(
                condition=Q(status="open") | Q(closed_at__isnull=False),
                name="period_closed_has_time",
            ),
        ]

    def __str__(self) -> str:
        return self.month.strftime("%B %Y")

    @property
    def is_closed(self) -> bool:
        return self.status == self.Status.CLOSED


class Forecast(BaseModel):
    """One month's forecast for one year of a live saving, with its RAG and commentary."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="forecasts")
    period = models.ForeignKey(Period, on_delete=models.PROTECT, related_name="forecasts")
    month = models.DateField(
        editable=False,
        help_text="The period's month, kept here so the latest forecast is found by an index.",
    )
    fy = FinancialYearField("financial year of the saving")
    forecast_pence = PenceField("forecast", help_text=PENCE)
    rag = models.CharField("RAG", max_length=10, choices=Rag.choices)
    commentary = models.TextField(blank=True)
    slippage_pence = PenceField(
        "slippage", default=0, help_text="Amount moved to a later year, in pence."
    )
    slipped_to = FinancialYearField("slipped to", null=True, blank=True)
    replacement = models.TextField(
        "replacement saving", blank=True, help_text="The mitigation or replacement saving."
    )

    class Meta:
        ordering = ["month", "fy"]
        # The figures in the index too: the latest forecast is read from the index alone.
        indexes = [
            models.Index(
                fields=["proposal", "fy", "month", "forecast_pence", "rag"], name="forecast_latest"
            )
        ]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "period", "fy"], name="forecast_unique"),
            models.CheckConstraint(
                condition=Q(slippage_pence__gte=0), name="forecast_slippage_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(forecast_pence__gte=-MAX_AMOUNT_PENCE)
                & Q(forecast_pence__lte=MAX_AMOUNT_PENCE)
                & Q(slippage_pence__lte=MAX_AMOUNT_PENCE),
                name="forecast_within_a_budget",
            ),
            models.CheckConstraint(
                condition=Q(slippage_pence=0) | Q(slipped_to__isnull=False),
                name="forecast_slippage_has_a_year",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.proposal.reference} {self.fy} in {self.period}"
