"""Service plans (as in Sefton Council's Corporate Services Departmental Service Plan 2010/11):
at most six priorities, each with actions and quarterly update positions, the corporate
objective impact grid, and personal (PPA) objectives."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from sightline.accounts.models import Council, Directorate, Person
from sightline.core.fiscal import FinancialYearField
from sightline.core.models import BaseModel
from sightline.strategy.models import Priority

MAX_PRIORITIES = 6


class ServicePlan(BaseModel):
    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="service_plans")
    directorate = models.ForeignKey(Directorate, on_delete=models.PROTECT, related_name="+")
    fy = FinancialYearField("financial year")
    title = models.CharField(max_length=300)
    report_of = models.CharField(max_length=300, blank=True)
    summary = models.TextField(blank=True)

    class Meta:
        ordering = ["-fy", "directorate__name"]
        constraints = [
            models.UniqueConstraint(fields=["directorate", "fy"], name="service_plan_unique_year")
        ]

    def __str__(self) -> str:
        return self.title


class ServicePriority(BaseModel):
    plan = models.ForeignKey(ServicePlan, on_delete=models.CASCADE, related_name="priorities")
    number = models.PositiveSmallIntegerField()
    title = models.TextField()
    why = models.TextField("why it is a priority", blank=True)
    strategic_priority = models.ForeignKey(
        Priority,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="service_priorities",
        help_text="The strategic priority (corporate objective) it serves.",
    )

    class Meta:
        ordering = ["plan", "number"]
        verbose_name_plural = "service priorities"
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="service_priority_number"),
            models.CheckConstraint(
                condition=Q(number__gte=1) & Q(number__lte=MAX_PRIORITIES),
                name="service_priority_at_most_six",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title[:80]}"


class Action(BaseModel):
    class Resourced(models.TextChoices):
        YES = "yes", "Yes"
        PARTLY = "partly", "Partly"
        NO = "no", "No"

    priority = models.ForeignKey(ServicePriority, on_delete=models.CASCADE, related_name="actions")
    description = models.TextField()
    resourced = models.CharField(max_length=10, choices=Resourced.choices, default=Resourced.YES)
    resources = models.TextField("how it is resourced", blank=True)
    deadline = models.CharField(
        max_length=200, blank=True, help_text="As the plan words it, e.g. March 2011."
    )
    deadline_on = models.DateField("deadline date", null=True, blank=True)
    outcome = models.TextField("expected outcome and measure", blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["priority", "order", "id"]

    def __str__(self) -> str:
        return self.description[:100]


class UpdateStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    ON_TARGET = "on_target", "On target"
    IN_PROGRESS = "in_progress", "In progress"
    DELAYED = "delayed", "Delayed"
    COMPLETE = "complete", "Complete"


class QuarterlyUpdate(BaseModel):
    """The update position of an action at the end of a quarter (Q1 = April to June)."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    fy = FinancialYearField("financial year")
    quarter = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=20, choices=UpdateStatus.choices)
    narrative = models.TextField()

    class Meta:
        ordering = ["action", "fy", "quarter"]
        constraints = [
            models.UniqueConstraint(fields=["action", "fy", "quarter"], name="update_unique"),
            models.CheckConstraint(
                condition=Q(quarter__gte=1) & Q(quarter__lte=4), name="update_quarter_1_to_4"
            ),
        ]

    def __str__(self) -> str:
        return f"Q{self.quarter} {self.fy}: {self.get_status_display()}"


class Impact(models.TextChoices):
    POSITIVE = "positive", "Positive"
    NEUTRAL = "neutral", "Neutral"
    NEGATIVE = "negative", "Negative"


class ObjectiveImpact(BaseModel):
    """A report's impact on one corporate objective (the corporate objective monitoring grid of
    Sefton Council's Corporate Services Departmental Service Plan 2010/11)."""

    plan = models.ForeignKey(ServicePlan, on_delete=models.CASCADE, related_name="impacts")
    objective = models.ForeignKey(Priority, on_delete=models.PROTECT, related_name="+")
    impact = models.CharField(max_length=10, choices=Impact.choices)

    class Meta:
        ordering = ["objective__number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "objective"], name="objective_impact_unique")
        ]

    def __str__(self) -> str:
        return f"{self.objective}: {self.get_impact_display()}"


class PersonalObjective(BaseModel):
    """A person's objective (PPA), linked to the service plan action it serves."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="objectives")
    action = models.ForeignKey(Action, on_delete=models.PROTECT, related_name="objectives")
    title = models.TextField()
    starts_on = models.DateField()
    review_on = models.DateField("six-month review")
    final_review_on = models.DateField("end of year review", null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["person__name", "starts_on"]

    def __str__(self) -> str:
        return self.title[:100]
