"""Savings proposals with every field of the standard form (London Borough of Tower Hamlets, Draft
savings proposal SAV / RES 002 / 21-22), their savings by year, staffing, risks, stage changes,
decisions, confirmed benefits, impacts on priorities, double-counting reviews and the learning
log."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from sightline.accounts.models import (
    Council,
    Directorate,
    Person,
    Portfolio,
    ServiceArea,
)
from sightline.core.fiscal import FinancialYearField
from sightline.core.models import BaseModel, PenceField
from sightline.core.money import MAX_AMOUNT_PENCE
from sightline.savings.models.programme import PENCE, BudgetCode, Bundle, SavingsType


class Stage(models.TextChoices):
    IDEA = "idea", "Idea"
    INITIATION = "initiation", "Initiation"
    LIVE = "live", "Live"
    DELIVERED = "delivered", "Delivered"
    WITHDRAWN = "withdrawn", "Withdrawn"
    FAILED = "failed", "Failed"


class DecisionStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    CONSULTATION = "consultation", "In consultation"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Rejected"


class DecisionBody(models.TextChoices):
    EXECUTIVE = "executive", "Executive"
    CABINET = "cabinet", "Cabinet"
    FULL_COUNCIL = "full_council", "Full Council"
    DELEGATED = "delegated", "Delegated officer"


class ProposalQuerySet(models.QuerySet):
    def visible_to(self, membership):
        """The council's proposals that ``membership`` may read: not archived, and exempt
        (Schedule 12A) ones only for those entitled, the proposal's own leads, or once its
        publication date has come. Every read of proposals starts here, in this app and in
        any app that reaches proposals through a relation (a priority's ``proposals``)."""
        qs = self.filter(council=membership.council_id, archived_at__isnull=True)
        if membership.sees_exempt:
            return qs
        return qs.filter(
            Q(exempt=False)
            | Q(exempt_until__lte=timezone.localdate())
            | Q(lead_officer__user=membership.user_id)
            | Q(project_manager__user=membership.user_id)
            | Q(sponsor__user=membership.user_id)
        )

    def active(self):
        """Proposals still in the programme: not withdrawn, failed, rejected or archived."""
        return (
            self.exclude(stage__in=[Stage.WITHDRAWN, Stage.FAILED])
            .exclude(decision_status=DecisionStatus.REJECTED)
            .filter(archived_at__isnull=True)
        )


class Proposal(BaseModel):
    """One savings proposal, with every field of the standard form (London Borough of Tower
    Hamlets, Draft savings proposal SAV / RES 002 / 21-22)."""

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="proposals")
    reference = models.CharField(
        max_length=60, help_text="The council's own, e.g. SAV / RES 002 / 21-22."
    )
    title = models.CharField(max_length=300)
    savings_type = models.ForeignKey(SavingsType, on_delete=models.PROTECT, related_name="+")
    directorate = models.ForeignKey(Directorate, on_delete=models.PROTECT, related_name="+")
    service_area = models.ForeignKey(
        ServiceArea, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    bundle = models.ForeignKey(
        Bundle, null=True, blank=True, on_delete=models.PROTECT, related_name="proposals"
    )
    strategic_outcome = models.CharField("strategic priority outcome", max_length=300, blank=True)
    priority = models.ForeignKey(
        "strategy.Priority",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="proposals",
        help_text="The strategic priority this saving serves (the golden thread).",
    )
    efficiency_projects = models.ManyToManyField(
        "strategy.EfficiencyProject", blank=True, related_name="proposals"
    )
    lead_officer = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    lead_member = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    portfolio = models.ForeignKey(
        Portfolio, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    sponsor = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    project_manager = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    finance_lead = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    accountant = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The named accountant finance allocates before the project can go live.",
    )
    budget_codes = models.ManyToManyField(BudgetCode, blank=True, related_name="proposals")
    summary = models.TextField(blank=True)
    background = models.TextField(blank=True)
    proposal = models.TextField("the proposal", blank=True)
    implementation_on = models.DateField("implementation date", null=True, blank=True)
    resources = models.TextField("resources and implementation", blank=True)
    notes = models.TextField(blank=True)

    stage = models.CharField(max_length=20, choices=Stage.choices, default=Stage.IDEA)
    stage_reason = models.TextField(blank=True, help_text="Why it was withdrawn or failed.")
    decision_status = models.CharField(
        max_length=20, choices=DecisionStatus.choices, default=DecisionStatus.DRAFT
    )
    decision_body = models.CharField(max_length=20, choices=DecisionBody.choices, blank=True)
    decision_on = models.DateField(null=True, blank=True)
    decision_reference = models.CharField(max_length=100, blank=True)

    exempt = models.BooleanField(
        default=False, help_text="Exempt information under Schedule 12A, Local Government Act 1972."
    )
    exempt_paragraphs = models.CharField(
        "Schedule 12A paragraphs", max_length=40, blank=True, help_text="e.g. 1, 4"
    )
    exempt_until = models.DateField("may be published from", null=True, blank=True)
    archived_at = models.DateTimeField(null=True, blank=True)

    objects = ProposalQuerySet.as_manager()

    class Meta:
        ordering = ["reference"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "reference"], name="proposal_reference_unique"
            ),
            models.CheckConstraint(
                condition=Q(exempt=False) | ~Q(exempt_paragraphs=""),
                name="proposal_exempt_names_its_paragraphs",
            ),
        ]
        indexes = [models.Index(fields=["council", "stage", "decision_status"])]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"


class SavingKind(models.TextChoices):
    REDUCTION = "reduction", "Expenditure reduction"
    INCOME = "income", "Income"


class SavingLine(BaseModel):
    """The incremental saving in one financial year (Luton Borough Council's Chief Executive's
    Department: £200k, £490k and £160k in 2013/14 to 2015/16)."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="lines")
    fy = FinancialYearField("financial year")
    amount_pence = PenceField(
        "saving", help_text="Incremental saving that year, in pence; negative for invest-to-save."
    )
    kind = models.CharField(max_length=20, choices=SavingKind.choices, default=SavingKind.REDUCTION)
    recurring = models.BooleanField(
        default=True, help_text="Recurring savings carry into later years; one-off ones do not."
    )
    budget_code = models.ForeignKey(
        BudgetCode, null=True, blank=True, on_delete=models.PROTECT, related_name="lines"
    )
    description = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["fy", "id"]
        # The amount in the index too: the dashboard sums a year's lines from the index alone.
        indexes = [models.Index(fields=["proposal", "fy", "amount_pence"], name="line_year")]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount_pence__gte=-MAX_AMOUNT_PENCE)
                & Q(amount_pence__lte=MAX_AMOUNT_PENCE),
                name="line_amount_within_a_budget",
            )
        ]

    def __str__(self) -> str:
        return f"{self.proposal.reference} {self.fy}"


class StaffingImpact(BaseModel):
    """FTE reductions by role in one financial year, and vacancies held to avoid redundancy."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="staffing")
    fy = FinancialYearField("financial year")
    role = models.CharField(max_length=200)
    fte = models.DecimalField("FTE reduction", max_digits=7, decimal_places=2)
    vacancies_held = models.DecimalField(
        "vacancies held to mitigate redundancy", max_digits=7, decimal_places=2, default=0
    )

    class Meta:
        ordering = ["fy", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(fte__gte=0)
                & Q(vacancies_held__gte=0)
                & Q(vacancies_held__lte=F("fte")),
                name="staffing_vacancies_within_fte",
            )
        ]

    def __str__(self) -> str:
        return f"{self.fte} FTE {self.role} ({self.fy})"


class ProposalRisk(BaseModel):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="risks")
    description = models.TextField()
    mitigation = models.TextField(blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.description[:80]


class StageChange(models.Model):
    """A move between stages, with the gate's verdict and any override (append-only)."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="stage_changes")
    from_stage = models.CharField(max_length=20, choices=Stage.choices)
    to_stage = models.CharField(max_length=20, choices=Stage.choices)
    reason = models.TextField(blank=True)
    overridden = models.BooleanField(default=False)
    missing = models.JSONField(default=list, blank=True, help_text="What the gate found missing.")
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.proposal.reference}: {self.from_stage} -> {self.to_stage}"


class DecisionEvent(models.Model):
    """A step in a proposal's decision: submitted, consulted on, approved or rejected."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="decisions")
    from_status = models.CharField(max_length=20, choices=DecisionStatus.choices)
    to_status = models.CharField(max_length=20, choices=DecisionStatus.choices)
    body = models.CharField(max_length=20, choices=DecisionBody.choices, blank=True)
    decided_on = models.DateField(null=True, blank=True)
    reference = models.CharField(max_length=100, blank=True)
    note = models.TextField(blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.proposal.reference}: {self.to_status}"


class BenefitConfirmation(BaseModel):
    """Finance's confirmation that a year's saving has left the budget (benefits realised)."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="benefits")
    fy = FinancialYearField("financial year")
    amount_pence = PenceField("saving confirmed", help_text=PENCE)
    confirmed_on = models.DateField()
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["fy"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "fy"], name="benefit_unique_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.proposal.reference} {self.fy} confirmed"


class Lesson(BaseModel):
    """The learning log (Luton Together Phase 2, appendix 3): a lesson, what was done about it
    and how success is measured."""

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="lessons")
    learning = models.TextField()
    actions = models.TextField("actions taken")
    measure_of_success = models.TextField()
    proposals = models.ManyToManyField(Proposal, blank=True, related_name="lessons")
    bundles = models.ManyToManyField(Bundle, blank=True, related_name="lessons")

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.learning[:80]


class BudgetCodeReview(BaseModel):
    """Finance's confirmation that proposals sharing a budget code do not double count."""

    budget_code = models.ForeignKey(BudgetCode, on_delete=models.CASCADE, related_name="reviews")
    proposals_key = models.CharField(
        max_length=400, help_text="The proposals confirmed, as sorted ids; a new one lapses it."
    )
    note = models.TextField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["budget_code", "proposals_key"], name="review_unique")
        ]

    def __str__(self) -> str:
        return f"{self.budget_code} reviewed"


class PriorityImpact(BaseModel):
    """A proposal's recorded impact on a strategic priority or one of its indicators."""

    class Impact(models.TextChoices):
        POSITIVE = "positive", "Positive"
        NEUTRAL = "neutral", "Neutral"
        NEGATIVE = "negative", "Negative"

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="impacts")
    priority = models.ForeignKey(
        "strategy.Priority", on_delete=models.PROTECT, related_name="proposal_impacts"
    )
    indicator = models.ForeignKey(
        "performance.Indicator",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="proposal_impacts",
    )
    impact = models.CharField(max_length=10, choices=Impact.choices)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["priority__number"]

    def __str__(self) -> str:
        return f"{self.proposal.reference}: {self.get_impact_display()} on {self.priority}"
