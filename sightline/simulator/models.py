"""A simulation (a snapshot of the programme's savings options, the council's service budgets,
a council-tax option and the gap to close), and the residents' submissions to it."""

from __future__ import annotations

import datetime

from django.db import models
from django.db.models import F, Q

from sightline.accounts.models import Council
from sightline.core.fiscal import FinancialYearField
from sightline.core.models import BaseModel, PenceField

PENCE = "Amount in pence."


class SimulationQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published_at__isnull=False)

    def open_on(self, day: datetime.date):
        """Published, not closed, and ``day`` within its opening and closing dates."""
        return self.published().filter(
            closed_at__isnull=True, opens_on__lte=day, closes_on__gte=day
        )


class Simulation(BaseModel):
    """A resident budget simulator for one year, generated from the live programme and the
    financial plan by the programme office. Its options and services are copied with their
    amounts, so a proposal changed later does not alter a consultation already running."""

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="+")
    fy = FinancialYearField("budget year")
    title = models.CharField(max_length=200)
    introduction = models.TextField(blank=True, help_text="What residents read first.")
    gap_pence = PenceField("gap to close", help_text=PENCE)
    gap_source = models.CharField(
        max_length=300, blank=True, help_text="Where the gap comes from, in words."
    )
    council_tax_pence = PenceField(
        "council tax income",
        help_text="The year's council tax income before any rise, in pence: a rise of 1% "
        "raises 1% of it.",
    )
    tax_max_hundredths = models.PositiveSmallIntegerField(
        "highest council tax rise",
        default=499,
        help_text="In hundredths of a per cent: 499 is 4.99%.",
    )
    opens_on = models.DateField("opens")
    closes_on = models.DateField("closes")
    published_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    results_sent_at = models.DateTimeField(null=True, blank=True)
    illustrative = models.BooleanField(
        default=False, help_text="Demonstration data, not a real consultation."
    )

    objects = SimulationQuerySet.as_manager()

    class Meta:
        ordering = ["-fy", "-opens_on", "id"]
        constraints = [
            # One a year, so its public address is the year's: /c/lbc/budget-simulator/2014-15/.
            models.UniqueConstraint(fields=["council", "fy"], name="simulation_one_a_year"),
            models.CheckConstraint(
                condition=Q(closes_on__gte=F("opens_on")), name="simulation_closes_after_opening"
            ),
            models.CheckConstraint(
                condition=Q(tax_max_hundredths__lte=9999), name="simulation_tax_rise_below_100"
            ),
            models.CheckConstraint(
                condition=Q(gap_pence__gte=0), name="simulation_gap_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(council_tax_pence__gte=0), name="simulation_tax_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def year_slug(self) -> str:
        """``2014-15``: the year in the simulation's public address."""
        return f"{self.fy.start_year}-{(self.fy.start_year + 1) % 100:02d}"

    def is_open(self, day: datetime.date) -> bool:
        return (
            self.published_at is not None
            and self.closed_at is None
            and self.opens_on <= day <= self.closes_on
        )

    def status(self, day: datetime.date) -> str:
        if self.published_at is None:
            return "Draft"
        if self.closed_at is not None or day > self.closes_on:
            return "Closed"
        if day < self.opens_on:
            return "Published, not yet open"
        return "Open"


class SimulationOption(BaseModel):
    """A savings option residents keep or remove: a proposal, copied with its saving."""

    simulation = models.ForeignKey(Simulation, on_delete=models.CASCADE, related_name="options")
    proposal = models.ForeignKey("savings.Proposal", on_delete=models.PROTECT, related_name="+")
    reference = models.CharField(max_length=40)
    title = models.CharField(max_length=300)
    summary = models.TextField(blank=True)
    amount_pence = PenceField("saving", help_text=PENCE)
    position = models.PositiveSmallIntegerField(default=0)
    consultation = models.ForeignKey(
        "impact.Consultation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The consultation record the results were sent to.",
    )

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["simulation", "proposal"], name="simulation_option_once"
            ),
            models.CheckConstraint(
                condition=Q(amount_pence__gte=0), name="simulation_option_saves"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"


class SimulationService(BaseModel):
    """A service budget line residents may move by a percentage within the council's range."""

    simulation = models.ForeignKey(Simulation, on_delete=models.CASCADE, related_name="services")
    line = models.ForeignKey(
        "finance.BudgetLine", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    name = models.CharField(max_length=200)
    budget_pence = PenceField("budget", help_text=PENCE)
    budget_source = models.CharField(max_length=100, blank=True)
    min_percent = models.SmallIntegerField(default=-10, help_text="The largest cut, e.g. -10.")
    max_percent = models.SmallIntegerField(default=10, help_text="The largest rise, e.g. 10.")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(min_percent__lte=0)
                & Q(max_percent__gte=0)
                & Q(min_percent__gte=-100)
                & Q(max_percent__lte=100),
                name="simulation_service_range_around_zero",
            ),
            models.CheckConstraint(
                condition=Q(budget_pence__gte=0), name="simulation_service_budget_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class AgeBand(models.TextChoices):
    UNDER_18 = "under_18", "Under 18"
    A18_24 = "18_24", "18 to 24"
    A25_34 = "25_34", "25 to 34"
    A35_44 = "35_44", "35 to 44"
    A45_54 = "45_54", "45 to 54"
    A55_64 = "55_64", "55 to 64"
    A65_74 = "65_74", "65 to 74"
    A75 = "75_over", "75 or over"
    NOT_SAID = "not_said", "Prefer not to say"


class Sex(models.TextChoices):
    FEMALE = "female", "Female"
    MALE = "male", "Male"
    NOT_SAID = "not_said", "Prefer not to say"


class Disability(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"
    NOT_SAID = "not_said", "Prefer not to say"


class EthnicGroup(models.TextChoices):
    ASIAN = "asian", "Asian or Asian British"
    BLACK = "black", "Black, Black British, Caribbean or African"
    MIXED = "mixed", "Mixed or multiple ethnic groups"
    WHITE = "white", "White"
    OTHER = "other", "Other ethnic group"
    NOT_SAID = "not_said", "Prefer not to say"


class Religion(models.TextChoices):
    NONE = "none", "No religion"
    CHRISTIAN = "christian", "Christian"
    MUSLIM = "muslim", "Muslim"
    HINDU = "hindu", "Hindu"
    SIKH = "sikh", "Sikh"
    JEWISH = "jewish", "Jewish"
    BUDDHIST = "buddhist", "Buddhist"
    OTHER = "other", "Other religion or belief"
    NOT_SAID = "not_said", "Prefer not to say"


class Orientation(models.TextChoices):
    STRAIGHT = "straight", "Straight or heterosexual"
    GAY_LESBIAN = "gay_lesbian", "Gay or lesbian"
    BISEXUAL = "bisexual", "Bisexual"
    OTHER = "other", "Another sexual orientation"
    NOT_SAID = "not_said", "Prefer not to say"


DEMOGRAPHICS = {
    "age_band": ("Age", AgeBand),
    "sex": ("Sex", Sex),
    "disability": ("Disability", Disability),
    "ethnic_group": ("Ethnic group", EthnicGroup),
    "religion": ("Religion or belief", Religion),
    "sexual_orientation": ("Sexual orientation", Orientation),
}


class Submission(models.Model):
    """One resident's budget: what they kept, how they moved each service and council tax,
    and what they chose to tell us about themselves. Nothing else about them is kept (no
    name, address, e-mail or IP address)."""

    simulation = models.ForeignKey(Simulation, on_delete=models.CASCADE, related_name="submissions")
    submitted_at = models.DateTimeField()
    tax_hundredths = models.PositiveSmallIntegerField(
        "council tax rise", default=0, help_text="In hundredths of a per cent."
    )
    total_pence = models.BigIntegerField(help_text="What the choices raise or save, in pence.")
    closes_gap = models.BooleanField()
    comment = models.TextField(blank=True, help_text="A general comment.")
    area = models.CharField("ward or postcode district", max_length=40, blank=True)
    age_band = models.CharField(max_length=20, choices=AgeBand.choices, blank=True)
    sex = models.CharField(max_length=20, choices=Sex.choices, blank=True)
    disability = models.CharField(max_length=20, choices=Disability.choices, blank=True)
    ethnic_group = models.CharField(max_length=20, choices=EthnicGroup.choices, blank=True)
    religion = models.CharField(max_length=20, choices=Religion.choices, blank=True)
    sexual_orientation = models.CharField(max_length=20, choices=Orientation.choices, blank=True)
    illustrative = models.BooleanField(
        default=False, help_text="Made up for the demonstration, not a resident's."
    )

    class Meta:
        ordering = ["submitted_at", "id"]

    def __str__(self) -> str:
        return f"Submission {self.pk} to {self.simulation}"


class OptionChoice(models.Model):
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="options")
    option = models.ForeignKey(SimulationOption, on_delete=models.CASCADE, related_name="choices")
    keep = models.BooleanField()
    comment = models.TextField(blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["submission", "option"], name="option_choice_once")
        ]


class ServiceChoice(models.Model):
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="services")
    service = models.ForeignKey(SimulationService, on_delete=models.CASCADE, related_name="choices")
    percent = models.SmallIntegerField(help_text="The move: -5 is a 5% cut.")

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["submission", "service"], name="service_choice_once")
        ]
