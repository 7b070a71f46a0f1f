"""The corporate risk register (seed 001 appendix C): each risk scored likelihood x impact
before (initial) and after (residual) its existing controls, with an owner, and linked to the
strategic priority it threatens."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q

from sightline.accounts.models import Council, Directorate, Person
from sightline.core.models import BaseModel
from sightline.strategy.models import Priority

SCALE = range(1, 6)  # likelihood and impact are each rated 1 to 5
MAX_SCORE = 25


class RiskQuerySet(models.QuerySet):
    def open(self):
        return self.filter(closed_on__isnull=True)


class Risk(BaseModel):
    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="risks")
    number = models.PositiveIntegerField(help_text="The risk's number in the council's register.")
    title = models.CharField(max_length=400)
    description = models.TextField(blank=True, help_text="Cause and consequence.")
    directorate = models.ForeignKey(
        Directorate, null=True, blank=True, on_delete=models.PROTECT, related_name="risks"
    )
    owner = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="risks_owned"
    )
    priority = models.ForeignKey(
        Priority,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="risks",
        help_text="The strategic priority the risk threatens.",
    )
    initial_likelihood = models.PositiveSmallIntegerField(null=True, blank=True)
    initial_impact = models.PositiveSmallIntegerField(null=True, blank=True)
    initial_score = models.PositiveSmallIntegerField(
        help_text="Likelihood x impact before the existing controls (1 to 25)."
    )
    controls = models.TextField("existing controls", blank=True)
    residual_likelihood = models.PositiveSmallIntegerField(null=True, blank=True)
    residual_impact = models.PositiveSmallIntegerField(null=True, blank=True)
    residual_score = models.PositiveSmallIntegerField(
        help_text="Likelihood x impact with the existing controls in place (1 to 25)."
    )
    further_actions = models.TextField(blank=True, help_text="What more is planned, by when.")
    review_on = models.DateField("next review", null=True, blank=True)
    closed_on = models.DateField(null=True, blank=True)
    closed_reason = models.TextField(blank=True)

    objects = RiskQuerySet.as_manager()

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["council", "number"], name="risk_number_unique"),
            models.CheckConstraint(
                condition=Q(initial_score__gte=1, initial_score__lte=MAX_SCORE),
                name="risk_initial_score_range",
            ),
            models.CheckConstraint(
                condition=Q(residual_score__gte=1, residual_score__lte=F("initial_score")),
                name="risk_residual_within_initial",
            ),
        ]
        indexes = [models.Index(fields=["council", "closed_on", "residual_score"])]

    def __str__(self) -> str:
        return f"Risk {self.number}: {self.title}"

    @property
    def reduction(self) -> int:
        return self.initial_score - self.residual_score
