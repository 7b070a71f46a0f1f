"""Equality screening (the trigger questions of London Borough of Tower Hamlets' Budget
Equality Analysis Screening Tool, a set each council keeps) and the full equality assessment:
the impact on each of the nine protected characteristics of the Equality Act 2010, for
residents and for staff, signed off by a named officer."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from sightline.accounts.models import Council, Person
from sightline.core.models import BaseModel


class Characteristic(models.TextChoices):
    """The nine protected characteristics of the Equality Act 2010, section 4."""

    AGE = "age", "Age"
    DISABILITY = "disability", "Disability"
    GENDER_REASSIGNMENT = "gender_reassignment", "Gender reassignment"
    MARRIAGE = "marriage_civil_partnership", "Marriage and civil partnership"
    PREGNANCY = "pregnancy_maternity", "Pregnancy and maternity"
    RACE = "race", "Race"
    RELIGION = "religion_belief", "Religion or belief"
    SEX = "sex", "Sex"
    SEXUAL_ORIENTATION = "sexual_orientation", "Sexual orientation"


class Group(models.TextChoices):
    RESIDENTS = "residents", "Residents and service users"
    STAFF = "staff", "Staff"


class Impact(models.TextChoices):
    POSITIVE = "positive", "Positive"
    NEUTRAL = "neutral", "Neutral"
    NEGATIVE = "negative", "Negative"
    NOT_KNOWN = "not_known", "Not known"


class ScreeningQuestion(BaseModel):
    """One trigger question of the council's screening tool. Retired, never deleted, so an
    old screening still reads as it was answered."""

    council = models.ForeignKey(
        Council, on_delete=models.PROTECT, related_name="screening_questions"
    )
    number = models.PositiveSmallIntegerField(help_text="Its place in the screening tool.")
    section = models.CharField(
        max_length=100, blank=True, help_text="The tool's heading, e.g. Changes to Staffing."
    )
    text = models.CharField(max_length=400)
    disabled_on = models.DateField(null=True, blank=True, help_text="Retired from use on.")

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "number"], name="screening_question_number_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.text}"


class Screening(BaseModel):
    """A proposal's equality screening: its answers, the staff it affects by protected
    characteristic, and any further information. Whether a full equality assessment is
    required is worked out from them (``sightline.impact.rules.screening_outcome``)."""

    proposal = models.OneToOneField(
        "savings.Proposal", on_delete=models.CASCADE, related_name="equality_screening"
    )
    comments = models.TextField("additional information and comments", blank=True)

    def __str__(self) -> str:
        return f"Equality screening of {self.proposal.reference}"


class Answer(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"


class ScreeningAnswer(BaseModel):
    screening = models.ForeignKey(Screening, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(ScreeningQuestion, on_delete=models.PROTECT, related_name="+")
    answer = models.CharField(
        max_length=3, choices=Answer.choices, blank=True, help_text="Blank: not answered."
    )
    summary = models.TextField(
        blank=True,
        help_text="For a Yes: how the change affects each protected characteristic.",
    )

    class Meta:
        ordering = ["question__number"]
        constraints = [
            models.UniqueConstraint(
                fields=["screening", "question"], name="screening_answer_unique"
            ),
            models.CheckConstraint(
                condition=~Q(answer="yes") | ~Q(summary=""), name="screening_yes_has_summary"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.question}: {self.get_answer_display() or 'not answered'}"


class StaffProfile(BaseModel):
    """The screening's summary of the staff affected, by protected characteristic."""

    screening = models.ForeignKey(Screening, on_delete=models.CASCADE, related_name="staff_profile")
    characteristic = models.CharField(max_length=40, choices=Characteristic.choices)
    summary = models.TextField(help_text="Who among the staff affected has this characteristic.")
    disproportionate = models.BooleanField(
        "affected disproportionately",
        default=False,
        help_text="Staff with this characteristic are affected more than others.",
    )

    class Meta:
        ordering = ["characteristic"]
        constraints = [
            models.UniqueConstraint(
                fields=["screening", "characteristic"], name="staff_profile_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_characteristic_display()}: {self.summary[:60]}"


class Assessment(BaseModel):
    """A proposal's full equality assessment, reviewed and signed off by a named officer, who
    signs off in Sightline as themselves."""

    proposal = models.OneToOneField(
        "savings.Proposal", on_delete=models.CASCADE, related_name="equality_assessment"
    )
    summary = models.TextField("conclusion", blank=True)
    sign_off_officer = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The officer who reviews and signs off the assessment.",
    )
    signed_off_at = models.DateTimeField(null=True, blank=True)
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(signed_off_at__isnull=True)
                | Q(signed_off_by__isnull=False, sign_off_officer__isnull=False),
                name="assessment_signed_off_by_its_officer",
            )
        ]

    def __str__(self) -> str:
        return f"Equality assessment of {self.proposal.reference}"

    @property
    def complete(self) -> bool:
        return self.signed_off_at is not None


class AssessmentImpact(BaseModel):
    """The impact on one protected characteristic, for residents or for staff."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="impacts")
    group = models.CharField(max_length=20, choices=Group.choices)
    characteristic = models.CharField(max_length=40, choices=Characteristic.choices)
    impact = models.CharField(max_length=20, choices=Impact.choices)
    evidence = models.TextField(blank=True)
    mitigation = models.TextField(blank=True)

    class Meta:
        ordering = ["group", "characteristic"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "group", "characteristic"], name="assessment_impact_unique"
            )
        ]

    def __str__(self) -> str:
        return (
            f"{self.get_impact_display()} for {self.get_group_display().lower()}: "
            f"{self.get_characteristic_display()}"
        )
