"""The programme's frame: its settings, yearly targets and team cost, savings types, bundles with
their targets, budget codes, and the summary's change token."""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from sightline.accounts.models import (
    Council,
    Directorate,
    Person,
)
from sightline.core.fiscal import FinancialYearField
from sightline.core.models import BaseModel, PenceField

PENCE = "Amount in pence."


class ProgrammeSettings(BaseModel):
    """A council's programme-wide settings: RAG weights for the risk-adjusted forecast, ROI."""

    council = models.OneToOneField(
        Council, on_delete=models.PROTECT, related_name="programme_settings"
    )
    weight_blue = models.PositiveSmallIntegerField(default=100, help_text="Per cent.")
    weight_green = models.PositiveSmallIntegerField(default=100, help_text="Per cent.")
    weight_amber = models.PositiveSmallIntegerField(default=50, help_text="Per cent.")
    weight_red = models.PositiveSmallIntegerField(default=0, help_text="Per cent.")
    weight_unrated = models.PositiveSmallIntegerField(
        default=50, help_text="Per cent, for savings with no forecast yet."
    )
    roi_target = models.PositiveSmallIntegerField(
        default=8, help_text="Return on investment target: savings delivered per £1 of team cost."
    )

    class Meta:
        verbose_name_plural = "programme settings"
        constraints = [
            models.CheckConstraint(
                condition=Q(weight_blue__lte=100)
                & Q(weight_green__lte=100)
                & Q(weight_amber__lte=100)
                & Q(weight_red__lte=100)
                & Q(weight_unrated__lte=100),
                name="programme_weights_are_percentages",
            )
        ]

    def __str__(self) -> str:
        return f"Programme settings for {self.council}"


class ProgrammeYear(BaseModel):
    """The council's savings target for one financial year and the programme team's cost."""

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="programme_years")
    fy = FinancialYearField("financial year")
    target_pence = PenceField("savings target", help_text=PENCE)
    team_cost_pence = PenceField("programme team cost", default=0, help_text=PENCE)

    class Meta:
        ordering = ["fy"]
        constraints = [
            models.UniqueConstraint(fields=["council", "fy"], name="programme_year_unique"),
            models.CheckConstraint(
                condition=Q(target_pence__gte=0) & Q(team_cost_pence__gte=0),
                name="programme_year_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.council} {self.fy}"


class SavingsTypeQuerySet(models.QuerySet):
    def active(self):
        return self.filter(disabled_on__isnull=True)

    def counting_toward_gap(self):
        """The types whose savings count toward closing the budget gap (the MTFP's)."""
        return self.filter(counts_toward_gap=True)


class SavingsType(BaseModel):
    """A configurable kind of saving, with its counting rule: cashable or not (does money
    leave a budget?), recurring or one-off (does it carry into later years?), and whether its
    savings count toward the budget gap. Retired with ``disabled_on``, never deleted."""

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="savings_types")
    name = models.CharField(max_length=100)
    cashable = models.BooleanField(
        default=True, help_text="Money leaves a budget (not only a cost avoided)."
    )
    recurring = models.BooleanField(
        default=True,
        help_text="Its savings carry into every later year; a one-off saving counts only once.",
    )
    counts_toward_gap = models.BooleanField(
        "counts toward the budget gap",
        default=True,
        help_text="Its savings are counted against the budget gap.",
    )
    disabled_on = models.DateField(null=True, blank=True)

    objects = SavingsTypeQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["council", "name"], name="savings_type_unique")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def counting_rule(self) -> str:
        """The type's counting rule in words: "cashable, recurring, counts toward the budget
        gap"."""
        return ", ".join(
            [
                "cashable" if self.cashable else "non-cashable",
                "recurring" if self.recurring else "one-off",
                "counts toward the budget gap"
                if self.counts_toward_gap
                else "does not count toward the budget gap",
            ]
        )


class Bundle(BaseModel):
    """A cross-department group of projects with a sponsor, a lead and a target per year."""

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="bundles")
    name = models.CharField(max_length=200)
    vision = models.TextField(blank=True)
    sponsor = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    lead = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    enabling = models.BooleanField(
        default=False,
        help_text="An enabling bundle's savings are counted in other bundles; it has no target.",
    )
    disabled_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["enabling", "name"]
        constraints = [models.UniqueConstraint(fields=["council", "name"], name="bundle_unique")]

    def __str__(self) -> str:
        return self.name


class BundleTarget(BaseModel):
    bundle = models.ForeignKey(Bundle, on_delete=models.CASCADE, related_name="targets")
    fy = FinancialYearField("financial year")
    target_pence = PenceField("target", help_text=PENCE)

    class Meta:
        ordering = ["fy"]
        constraints = [
            models.UniqueConstraint(fields=["bundle", "fy"], name="bundle_target_unique"),
            models.CheckConstraint(
                condition=Q(target_pence__gte=0), name="bundle_target_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.bundle} {self.fy}"


class BudgetCode(BaseModel):
    """A ledger line (cost centre) a saving comes off, with its current budget: the budget of
    its latest year (``budget_fy``) when it has budgets by year (:class:`BudgetCodeBudget`)."""

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="budget_codes")
    code = models.CharField(max_length=40)
    name = models.CharField(max_length=200, blank=True)
    directorate = models.ForeignKey(
        Directorate, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    current_budget_pence = PenceField("current budget", help_text=PENCE)
    budget_fy = FinancialYearField("budget year", null=True, blank=True)
    income = models.BooleanField(
        default=False, help_text="An income code: savings here are extra income, not reductions."
    )
    disabled_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["council", "code"], name="budget_code_unique")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}".strip()


class BudgetCodeBudgetQuerySet(models.QuerySet):
    def by_code_and_year(self) -> dict[tuple[int, object], int]:
        """Each budget in pence by (budget code id, financial year)."""
        return {(b.code_id, b.fy): b.budget_pence for b in self}


class BudgetCodeBudget(BaseModel):
    """A budget code's budget for one financial year. The over-budget rule compares each
    year's cumulative reductions on the code with that year's budget where one is given,
    else with the code's current budget (the latest year's)."""

    code = models.ForeignKey(BudgetCode, on_delete=models.CASCADE, related_name="budgets")
    fy = FinancialYearField("financial year")
    budget_pence = PenceField("budget", help_text=PENCE)

    objects = BudgetCodeBudgetQuerySet.as_manager()

    class Meta:
        ordering = ["fy"]
        constraints = [
            models.UniqueConstraint(fields=["code", "fy"], name="budget_code_budget_unique"),
            models.CheckConstraint(
                condition=Q(budget_pence__gte=0), name="budget_code_budget_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.fy}"


class SummaryVersion(models.Model):
    """A token per council that changes in the same transaction as any write to the records
    the programme summary reads; kept up by database triggers (``summary_cache``), not by
    Django. Derived, so not backed up: a restore makes new tokens.

    ``council_id`` is a plain column, not a foreign key, so that the triggers and a restore
    never trip over each other; ``txid`` (PostgreSQL) stops a transaction changing it twice.
    """

    council_id = models.BigIntegerField(primary_key=True)
    token = models.CharField(max_length=36)
    txid = models.BigIntegerField(null=True)

    def __str__(self) -> str:
        return f"council {self.council_id}: {self.token}"
