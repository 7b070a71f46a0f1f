"""The councillors' scrutiny workspace: deep dives on a saving, a risk or an indicator, the
questions councillors log on them and the answers officers give on the record, and call-ins
(a saving Red for three months or more, or a risk above its appetite, called in for the
committee to examine). Answers are kept in the record's history; nothing is deleted."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from sightline.accounts.models import Council
from sightline.core.models import BaseModel
from sightline.performance.models import Indicator
from sightline.risks.models import Risk
from sightline.savings.models import Period, Proposal


class Subject(models.TextChoices):
    SAVING = "saving", "Saving"
    RISK = "risk", "Risk"
    INDICATOR = "indicator", "Indicator"


class DeepDive(BaseModel):
    """A councillor's deep dive on one saving, risk or indicator."""

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="+")
    subject = models.CharField(max_length=10, choices=Subject.choices)
    proposal = models.ForeignKey(
        Proposal, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    risk = models.ForeignKey(
        Risk, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    indicator = models.ForeignKey(
        Indicator, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    purpose = models.TextField(
        blank=True, help_text="What the councillor wants the deep dive to examine."
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(
                        subject="saving",
                        proposal__isnull=False,
                        risk__isnull=True,
                        indicator__isnull=True,
                    )
                    | Q(
                        subject="risk",
                        proposal__isnull=True,
                        risk__isnull=False,
                        indicator__isnull=True,
                    )
                    | Q(
                        subject="indicator",
                        proposal__isnull=True,
                        risk__isnull=True,
                        indicator__isnull=False,
                    )
                ),
                name="deep_dive_one_subject",
            ),
        ]

    @property
    def record(self):
        return self.proposal or self.risk or self.indicator

    @property
    def directorate_id(self) -> int | None:
        """The record's directorate, for the director who may answer."""
        record = self.record
        return getattr(record, "directorate_id", None)

    def __str__(self) -> str:
        return f"Deep dive: {self.subject_label}"

    @property
    def subject_label(self) -> str:
        record = self.record
        if self.proposal_id:
            return f"{record.reference} {record.title}"
        if self.risk_id:
            return f"Risk {record.number}: {record.title}"
        return str(record)


class Question(BaseModel):
    """A question a councillor logs on a deep dive, or a call-in; answered by an officer."""

    class Kind(models.TextChoices):
        QUESTION = "question", "Question"
        CALL_IN = "call_in", "Call-in"

    deep_dive = models.ForeignKey(DeepDive, on_delete=models.PROTECT, related_name="questions")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.QUESTION)
    text = models.TextField("question")
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    answer = models.TextField(blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    period = models.ForeignKey(
        Period,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The monitoring month whose scrutiny report the question appears in: the "
        "council's latest month when it was asked.",
    )

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(answered_at__isnull=True) | ~Q(answer=""),
                name="question_answer_when_answered",
            ),
        ]

    @property
    def council_id(self) -> int:
        return self.deep_dive.council_id

    @property
    def directorate_id(self) -> int | None:
        return self.deep_dive.directorate_id

    @property
    def answered(self) -> bool:
        return self.answered_at is not None

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.deep_dive.subject_label}"
