"""Performance indicators: targets and actuals per period, RAG against target with an amber
tolerance, direction of travel against the last period, and approval before publication."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from sightline.accounts.models import Council, Person
from sightline.core.models import BaseModel
from sightline.strategy.models import DepartmentalPlan, Priority


class Indicator(BaseModel):
    class Unit(models.TextChoices):
        PERCENT = "percent", "%"
        NUMBER = "number", "Number"
        DAYS = "days", "Days"
        POUNDS = "pounds", "£"
        RATE = "rate", "Rate"

    class Polarity(models.TextChoices):
        HIGHER = "higher", "Higher is better"
        LOWER = "lower", "Lower is better"

    class Frequency(models.TextChoices):
        MONTHLY = "monthly", "Monthly"
        QUARTERLY = "quarterly", "Quarterly"
        ANNUAL = "annual", "Annual"

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="indicators")
    code = models.CharField(max_length=40, help_text="e.g. NI 59, LBC 1")
    title = models.CharField(max_length=400)
    definition = models.TextField(blank=True)
    unit = models.CharField(max_length=10, choices=Unit.choices, default=Unit.PERCENT)
    polarity = models.CharField(max_length=10, choices=Polarity.choices, default=Polarity.HIGHER)
    frequency = models.CharField(
        max_length=10, choices=Frequency.choices, default=Frequency.QUARTERLY
    )
    owner = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    amber_tolerance = models.DecimalField(
        max_digits=12,
        decimal_places=2,
        default=0,
        help_text="How far short of target, in the indicator's unit, is still Amber.",
    )
    priorities = models.ManyToManyField(Priority, blank=True, related_name="indicators")
    departmental_plans = models.ManyToManyField(
        DepartmentalPlan, blank=True, related_name="key_measures"
    )
    illustrative = models.BooleanField(
        default=False, help_text="Demo figures that are not from a real source."
    )
    public = models.BooleanField(
        default=False,
        help_text="Shown on the council's public pages and open data (approved actuals only).",
    )
    disabled_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["council", "code"], name="indicator_code_unique"),
            models.CheckConstraint(
                condition=Q(amber_tolerance__gte=0), name="tolerance_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class Target(BaseModel):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    period = models.DateField(help_text="The first day of the month, quarter or year.")
    value = models.DecimalField(max_digits=14, decimal_places=2)

    class Meta:
        ordering = ["indicator", "period"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "period"], name="target_unique_period")
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} target {self.period}: {self.value}"


class Actual(BaseModel):
    """A measured value, shown beyond the owner's team only once a second person approves it."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Awaiting approval"
        APPROVED = "approved", "Approved"

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="actuals")
    period = models.DateField(help_text="The first day of the month, quarter or year.")
    value = models.DecimalField(max_digits=14, decimal_places=2)
    commentary = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["indicator", "period"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "period"], name="actual_unique_period"),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(approved_by__isnull=False),
                name="approved_actual_has_approver",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.period}: {self.value}"
