"""The corporate plan and its strategic priorities, and each directorate's departmental plan
(as in Luton Borough Council's Corporate Plan 2011-2014): the top of the golden thread."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q

from sightline.accounts.models import Council, Directorate, Person
from sightline.core.fiscal import FinancialYearField
from sightline.core.models import BaseModel


class CorporatePlan(BaseModel):
    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="corporate_plans")
    title = models.CharField(max_length=200)
    starts = FinancialYearField("first year")
    ends = FinancialYearField("last year")
    mission = models.TextField(blank=True)
    vision = models.TextField(blank=True)
    values = models.TextField(blank=True, help_text="One value a line.")

    class Meta:
        ordering = ["-starts"]
        constraints = [
            models.UniqueConstraint(fields=["council", "title"], name="corporate_plan_unique"),
            models.CheckConstraint(
                condition=Q(ends__gte=F("starts")), name="plan_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def value_list(self) -> list[str]:
        return [line.strip() for line in self.values.splitlines() if line.strip()]


class Priority(BaseModel):
    """A strategic priority (or corporate objective) of a corporate plan."""

    plan = models.ForeignKey(CorporatePlan, on_delete=models.CASCADE, related_name="priorities")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    lead = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["plan", "number"]
        verbose_name_plural = "priorities"
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="priority_number_unique")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class DepartmentalPlan(BaseModel):
    """A directorate's summary plan within the corporate plan (Luton Borough Council's Corporate
    Plan 2011-2014, section 5)."""

    plan = models.ForeignKey(
        CorporatePlan, on_delete=models.CASCADE, related_name="departmental_plans"
    )
    directorate = models.ForeignKey(Directorate, on_delete=models.PROTECT, related_name="+")
    cross_cutting = models.TextField(
        "cross-cutting plans and strategies", blank=True, help_text="One a line."
    )
    key_measures_text = models.TextField(
        "key performance measures not yet defined as indicators", blank=True
    )

    class Meta:
        ordering = ["directorate__name"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "directorate"], name="departmental_plan_unique")
        ]

    def __str__(self) -> str:
        return f"{self.directorate} – {self.plan}"

    def cross_cutting_list(self) -> list[str]:
        return [line.strip() for line in self.cross_cutting.splitlines() if line.strip()]


class DeliveryPriority(BaseModel):
    """A departmental delivery priority, grouped under the strategic priority (theme) it serves."""

    departmental_plan = models.ForeignKey(
        DepartmentalPlan, on_delete=models.CASCADE, related_name="delivery_priorities"
    )
    priority = models.ForeignKey(
        Priority,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="delivery_priorities",
        help_text="The strategic priority (theme) it serves.",
    )
    text = models.TextField()
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["departmental_plan", "priority__number", "order", "id"]
        verbose_name_plural = "delivery priorities"

    def __str__(self) -> str:
        return self.text[:100]


class EfficiencyProject(BaseModel):
    """A main departmental efficiency project; savings proposals link to it."""

    departmental_plan = models.ForeignKey(
        DepartmentalPlan, on_delete=models.CASCADE, related_name="efficiency_projects"
    )
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    priority = models.ForeignKey(
        Priority, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.title
