"""The corporate risk register (as in Luton Borough Council's Corporate Plan 2011-2014,
appendix C): each risk scored likelihood x impact before (initial) and after (residual) its
existing controls, with an owner, and linked to the strategic priority it threatens."""

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
        null=True,
        blank=True,
        help_text="Likelihood x impact before the existing controls (1 to 25); blank for a "
        "risk the council rates by RAG alone (its RAG by quarter).",
    )
    controls = models.TextField("existing controls", blank=True)
    residual_likelihood = models.PositiveSmallIntegerField(null=True, blank=True)
    residual_impact = models.PositiveSmallIntegerField(null=True, blank=True)
    residual_score = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="Likelihood x impact with the existing controls in place (1 to 25); blank "
        "for a risk the council rates by RAG alone.",
    )
    further_actions = models.TextField(blank=True, help_text="What more is planned, by when.")
    target_score = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="The score the further actions aim to bring the risk to (1 to 25), no higher "
        "than the residual score.",
    )
    appetite_score = models.PositiveSmallIntegerField(
        "risk appetite",
        null=True,
        blank=True,
        help_text="The highest residual score the council will accept for this risk (1 to 25); "
        "above it, the risk is outside the council's appetite.",
    )
    proposals = models.ManyToManyField(
        "savings.Proposal",
        blank=True,
        related_name="register_risks",
        help_text="The savings proposals the risk threatens, or that carry it.",
    )
    bundles = models.ManyToManyField(
        "savings.Bundle",
        blank=True,
        related_name="register_risks",
        help_text="The savings bundles the risk threatens.",
    )
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
            models.CheckConstraint(
                condition=Q(target_score__isnull=True)
                | Q(target_score__gte=1, target_score__lte=MAX_SCORE),
                name="risk_target_score_range",
            ),
            models.CheckConstraint(
                condition=Q(appetite_score__isnull=True)
                | Q(appetite_score__gte=1, appetite_score__lte=MAX_SCORE),
                name="risk_appetite_score_range",
            ),
            # Scored (both scores) or rated by RAG alone (neither): never half a score.
            models.CheckConstraint(
                condition=Q(initial_score__isnull=True, residual_score__isnull=True)
                | Q(initial_score__isnull=False, residual_score__isnull=False),
                name="risk_scored_or_rated_by_rag",
            ),
        ]
        indexes = [models.Index(fields=["council", "closed_on", "residual_score"])]

    def __str__(self) -> str:
        return f"Risk {self.number}: {self.title}"

    @property
    def reduction(self) -> int:
        if self.initial_score is None or self.residual_score is None:
            return 0
        return self.initial_score - self.residual_score

    @property
    def scored(self) -> bool:
        return self.residual_score is not None

    @property
    def above_appetite(self) -> bool | None:
        """Whether the residual score is above the council's appetite for this risk (None
        when either is not given)."""
        if self.appetite_score is None or self.residual_score is None:
            return None
        return self.residual_score > self.appetite_score

    @property
    def placed(self) -> bool:
        """Whether the risk can be placed on the heat map: both positions given as likelihood
        and impact, not only as scores."""
        return None not in (
            self.initial_likelihood,
            self.initial_impact,
            self.residual_likelihood,
            self.residual_impact,
        )


class RiskRag(BaseModel):
    """A risk's RAG for one quarter, as a register that rates its risks Red, Amber or Green
    each quarter gives it (held as given: no likelihood or impact is read into it)."""

    class Rag(models.TextChoices):
        RED = "red", "Red"
        AMBER = "amber", "Amber"
        GREEN = "green", "Green"

    risk = models.ForeignKey(Risk, on_delete=models.CASCADE, related_name="rags")
    quarter = models.DateField(
        help_text="The first day of the quarter: 1 April, 1 July, 1 October or 1 January."
    )
    rag = models.CharField("RAG", max_length=10, choices=Rag.choices)

    class Meta:
        ordering = ["quarter"]
        constraints = [
            models.UniqueConstraint(fields=["risk", "quarter"], name="risk_rag_unique_quarter")
        ]

    def __str__(self) -> str:
        return f"Risk {self.risk.number} {self.quarter:%b %Y}: {self.get_rag_display()}"

    @property
    def label(self) -> str:
        """``Q1 2026/27``."""
        start = self.quarter.year if self.quarter.month >= 4 else self.quarter.year - 1
        number = (self.quarter.month - 4) % 12 // 3 + 1
        return f"Q{number} {start}/{(start + 1) % 100:02d}"


class RiskReview(BaseModel):
    """A review of a risk on a date: its scores before and after, and what the reviewer found.
    The register's review history, showing how each risk's scores moved."""

    risk = models.ForeignKey(Risk, on_delete=models.CASCADE, related_name="reviews")
    reviewed_on = models.DateField(help_text="The day the risk was reviewed.")
    initial_before = models.PositiveSmallIntegerField(null=True, blank=True)
    residual_before = models.PositiveSmallIntegerField(null=True, blank=True)
    initial_likelihood = models.PositiveSmallIntegerField(null=True, blank=True)
    initial_impact = models.PositiveSmallIntegerField(null=True, blank=True)
    initial_score = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="The initial score the review left (1 to 25)."
    )
    residual_likelihood = models.PositiveSmallIntegerField(null=True, blank=True)
    residual_impact = models.PositiveSmallIntegerField(null=True, blank=True)
    residual_score = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="The residual score the review left (1 to 25)."
    )
    target_score = models.PositiveSmallIntegerField(null=True, blank=True)
    note = models.TextField(help_text="What the review found: controls, actions, changes.")
    next_review_on = models.DateField("next review", null=True, blank=True)

    class Meta:
        ordering = ["-reviewed_on", "-id"]
        indexes = [models.Index(fields=["risk", "reviewed_on"])]

    def __str__(self) -> str:
        return f"Risk {self.risk.number} reviewed on {self.reviewed_on:%-d %B %Y}"

    @property
    def residual_moved(self) -> int | None:
        """How far the review moved the residual score (negative: down)."""
        if self.residual_before is None or self.residual_score is None:
            return None
        return self.residual_score - self.residual_before

    @property
    def initial_moved(self) -> int | None:
        if self.initial_before is None or self.initial_score is None:
            return None
        return self.initial_score - self.initial_before
