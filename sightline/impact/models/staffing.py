"""The posts a proposal affects (role, grade, FTE, filled or vacant, vacancies held,
redundancies and redeployment), its consultations, and the resident budget consultations a
council attaches to its programme."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q

from sightline.accounts.models import Council
from sightline.core.fiscal import FinancialYearField
from sightline.core.models import BaseModel


class PostChange(BaseModel):
    """Posts of one role a proposal deletes or changes (London Borough of Tower Hamlets, Draft
    savings proposal SAV / RES 002 / 21-22: 5 Executive Support Officers, circa 4 of them
    vacancies that could be held)."""

    proposal = models.ForeignKey(
        "savings.Proposal", on_delete=models.CASCADE, related_name="post_changes"
    )
    role = models.CharField(max_length=200)
    grade = models.CharField(max_length=40, blank=True)
    establishment = models.CharField(
        max_length=200,
        blank=True,
        help_text="The workplace the posts belong to: collective consultation on redundancies "
        "is counted by establishment. Blank: the council's own, as one establishment.",
    )
    posts = models.PositiveSmallIntegerField(default=1, help_text="How many posts of this role.")
    fte = models.DecimalField("FTE", max_digits=7, decimal_places=2)
    filled = models.PositiveSmallIntegerField(
        default=0, help_text="How many of the posts have someone in them."
    )
    vacancies_held = models.PositiveSmallIntegerField(
        default=0, help_text="Vacant posts held empty to avoid redundancies."
    )
    voluntary_redundancies = models.PositiveSmallIntegerField(default=0)
    compulsory_redundancies = models.PositiveSmallIntegerField(default=0)
    redeployed = models.PositiveSmallIntegerField(
        default=0, help_text="Post holders to be found other posts, so not dismissed."
    )
    dismissal_on = models.DateField(
        "proposed first dismissal",
        null=True,
        blank=True,
        help_text="When the first post holder would leave. Blank: the proposal's implementation "
        "date.",
    )
    holders = models.TextField(
        "post holders",
        blank=True,
        help_text="Names of the staff in these posts: read only by the programme office, the "
        "directorate's director and the proposal's leads.",
    )

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(fte__gte=0)
                & Q(filled__lte=F("posts"))
                & Q(vacancies_held__lte=F("posts") - F("filled")),
                name="post_change_filled_and_held_within_posts",
            ),
            models.CheckConstraint(
                condition=Q(
                    filled__gte=F("voluntary_redundancies")
                    + F("compulsory_redundancies")
                    + F("redeployed")
                ),
                name="post_change_outcomes_within_filled",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.posts} x {self.role} ({self.proposal.reference})"

    @property
    def vacant(self) -> int:
        return self.posts - self.filled

    @property
    def proposed_redundancies(self) -> int:
        """Post holders the council proposes to dismiss as redundant: every filled post it
        deletes, less those to be redeployed (a voluntary redundancy is still a dismissal)."""
        return self.filled - self.redeployed


class Audience(models.TextChoices):
    STAFF = "staff", "Staff"
    TRADE_UNIONS = "trade_unions", "Trade unions"
    MEMBERS = "members", "Members (councillors)"
    RESIDENTS = "residents", "Residents"
    PARTNERS = "partners", "Partners and others"


class Consultation(BaseModel):
    """A consultation on a proposal: with whom, when, how, how many responded, the outcome,
    and "you said, we did"."""

    proposal = models.ForeignKey(
        "savings.Proposal", on_delete=models.CASCADE, related_name="consultations"
    )
    audience = models.CharField(max_length=20, choices=Audience.choices)
    who = models.CharField(
        "who was consulted", max_length=300, help_text="e.g. All staff in the department."
    )
    method = models.CharField(
        "how", max_length=200, blank=True, help_text="e.g. Informal meetings; an online survey."
    )
    started_on = models.DateField(null=True, blank=True)
    ended_on = models.DateField(null=True, blank=True)
    responses = models.PositiveIntegerField(null=True, blank=True)
    outcome = models.TextField(blank=True)
    you_said = models.TextField("you said", blank=True)
    we_did = models.TextField("we did", blank=True)

    class Meta:
        ordering = ["started_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True)
                | Q(started_on__isnull=True)
                | Q(ended_on__gte=F("started_on")),
                name="consultation_ends_after_it_starts",
            )
        ]

    def __str__(self) -> str:
        return f"Consultation with {self.who} ({self.proposal.reference})"


class ResidentConsultation(BaseModel):
    """A consultation of residents on the budget as a whole (Luton Borough Council, Corporate
    Plan 2011-2014: 750 residents said which budgets to protect), attached to the programme."""

    council = models.ForeignKey(
        Council, on_delete=models.PROTECT, related_name="resident_consultations"
    )
    title = models.CharField(max_length=300)
    fy = FinancialYearField("budget year", null=True, blank=True)
    respondents = models.PositiveIntegerField(null=True, blank=True)
    findings = models.TextField(help_text="What residents said, one finding a line.")
    source = models.CharField(max_length=300, blank=True, help_text="Where the results are.")

    class Meta:
        ordering = ["-fy", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def finding_lines(self) -> list[str]:
        return [line.strip() for line in self.findings.splitlines() if line.strip()]
