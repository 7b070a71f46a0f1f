"""The medium-term financial plan: the council's revenue budget by service and year (budget and
outturn, with notes), its capital programme and the programme's financing, its funding and
pressures by year under named scenarios, and its yearly budget cycle.

The budget tables are the council's own lines (Luton Borough Council, Corporate Plan
2011-2014, tables 7.1 and 7.2, is the example the demo loads); shares and totals are computed
from them, never stored. The gap (spending need less funding) is worked out by
``sightline.finance.rules`` from a scenario's assumptions and set against the savings
programme by ``sightline.finance.selectors``.
"""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q

from sightline.accounts.models import Council
from sightline.core.fiscal import FinancialYearField
from sightline.core.models import BaseModel, PenceField

PENCE = "Amount in pence."


class FinancialPlan(BaseModel):
    """A council's medium-term financial plan: its years, and the net budget it starts from
    (the budget of the year before its first, which every later year's gap builds on)."""

    council = models.OneToOneField(Council, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(max_length=200)
    first_fy = FinancialYearField("first year")
    last_fy = FinancialYearField("last year")
    base_budget_pence = PenceField(
        "base budget",
        help_text="The net revenue budget of the year before the plan's first year, in pence.",
    )
    closed_through = FinancialYearField(
        "closed through",
        null=True,
        blank=True,
        help_text="Every year up to and including this one is closed: its outturn is known, "
        "and its unachieved savings are carried into the next year's gap.",
    )
    notes = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(last_fy__gte=F("first_fy")), name="financial_plan_years_in_order"
            ),
            models.CheckConstraint(
                condition=Q(base_budget_pence__gte=0), name="financial_plan_base_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class LineKind(models.TextChoices):
    SERVICE = "service", "Service expenditure"
    REVENUE_OTHER = "revenue_other", "Revenue, below service expenditure"
    CAPITAL_SPENDING = "capital_spending", "Capital expenditure"
    CAPITAL_FINANCING = "capital_financing", "Capital financing"


REVENUE_KINDS = (LineKind.SERVICE, LineKind.REVENUE_OTHER)
CAPITAL_KINDS = (LineKind.CAPITAL_SPENDING, LineKind.CAPITAL_FINANCING)


class BudgetLineQuerySet(models.QuerySet):
    def active(self):
        return self.filter(disabled_on__isnull=True)

    def revenue(self):
        return self.filter(kind__in=REVENUE_KINDS)

    def capital(self):
        return self.filter(kind__in=CAPITAL_KINDS)


class BudgetLine(BaseModel):
    """One of the council's own lines: a service in the revenue budget ("Adult social care"),
    an item below service expenditure ("Capital financing"), a capital programme line
    ("Highways") or a source of capital financing ("Prudential borrowing"). Retired with
    ``disabled_on``, never deleted."""

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=20, choices=LineKind.choices)
    name = models.CharField(max_length=200)
    position = models.PositiveSmallIntegerField(default=0, help_text="Its place in the table.")
    disabled_on = models.DateField(null=True, blank=True)

    objects = BudgetLineQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "position", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "kind", "name"], name="budget_line_unique_name"
            )
        ]

    def __str__(self) -> str:
        return self.name


class BudgetFigure(BaseModel):
    """A line's budget and outturn for one financial year (either may be missing: a plan
    has budgets ahead of their outturn, and a past year may be known by its outturn alone)."""

    line = models.ForeignKey(BudgetLine, on_delete=models.CASCADE, related_name="figures")
    fy = FinancialYearField("financial year")
    budget_pence = PenceField("budget", null=True, blank=True, help_text=PENCE)
    outturn_pence = PenceField("outturn", null=True, blank=True, help_text=PENCE)

    class Meta:
        ordering = ["fy"]
        constraints = [
            models.UniqueConstraint(fields=["line", "fy"], name="budget_figure_unique_year"),
            models.CheckConstraint(
                condition=Q(budget_pence__isnull=False) | Q(outturn_pence__isnull=False),
                name="budget_figure_has_a_figure",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.line} {self.fy}"


class Section(models.TextChoices):
    PLAN = "plan", "The plan"
    REVENUE = "revenue", "Revenue budget"
    CAPITAL = "capital", "Capital programme"
    FUNDING = "funding", "Funding and pressures"


class BudgetNote(BaseModel):
    """A note on the plan: a footnote on a line's figure (the Corporate Plan's exceptional
    accounting entries, A to E) or on a table, or a fact the plan rests on (65% of income
    from central government), with its amount where it has one and where it comes from."""

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="+")
    section = models.CharField(max_length=10, choices=Section.choices, default=Section.PLAN)
    line = models.ForeignKey(
        BudgetLine, null=True, blank=True, on_delete=models.PROTECT, related_name="notes"
    )
    fy = FinancialYearField("financial year", null=True, blank=True)
    label = models.CharField(max_length=10, blank=True, help_text="The note's mark, e.g. A.")
    text = models.TextField()
    amount_pence = PenceField("amount", null=True, blank=True, help_text=PENCE)
    source = models.CharField(
        max_length=300, blank=True, help_text="Where it comes from: a document's title."
    )
    position = models.PositiveSmallIntegerField(default=0)
    disabled_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["position", "label", "id"]

    def __str__(self) -> str:
        return f"{self.label} {self.text[:60]}".strip()


class Scenario(BaseModel):
    """A named set of assumptions about funding and pressures (base, optimistic,
    pessimistic), compared side by side. One is the council's base scenario."""

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(max_length=100)
    description = models.TextField(blank=True)
    is_base = models.BooleanField(
        "base scenario", default=False, help_text="The scenario the plan is set on."
    )
    illustrative = models.BooleanField(
        default=False, help_text="Its figures are illustrative, not the council's own."
    )
    position = models.PositiveSmallIntegerField(default=0)
    disabled_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["position", "name"]
        constraints = [
            models.UniqueConstraint(fields=["council", "name"], name="scenario_unique_name"),
            models.UniqueConstraint(
                fields=["council"], condition=Q(is_base=True), name="scenario_one_base"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Category(models.TextChoices):
    # Funding: what pays for the budget.
    COUNCIL_TAX = "council_tax", "Council tax"
    BUSINESS_RATES = "business_rates", "Business rates"
    RSG = "rsg", "Revenue support grant"
    OTHER_GRANTS = "other_grants", "Other grants"
    FEES = "fees", "Fees and charges"
    RESERVES = "reserves", "Use of reserves"
    # Pressures: what the budget must grow by.
    PAY = "pay", "Pay inflation"
    PRICES = "prices", "Price inflation"
    DEMAND = "demand", "Demographic demand"
    NEW_BURDENS = "new_burdens", "New burdens"


FUNDING = (
    Category.COUNCIL_TAX,
    Category.BUSINESS_RATES,
    Category.RSG,
    Category.OTHER_GRANTS,
    Category.FEES,
    Category.RESERVES,
)
PRESSURES = (Category.PAY, Category.PRICES, Category.DEMAND, Category.NEW_BURDENS)


class Assumption(BaseModel):
    """One figure of a scenario for one year, with the assumption behind it written beside
    it. Council tax is its tax base (Band D equivalent properties) times its Band D charge."""

    scenario = models.ForeignKey(Scenario, on_delete=models.CASCADE, related_name="assumptions")
    category = models.CharField(max_length=20, choices=Category.choices)
    fy = FinancialYearField("financial year")
    amount_pence = PenceField("amount", help_text=PENCE)
    tax_base = models.DecimalField(
        "tax base",
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Band D equivalent properties (council tax only).",
    )
    band_d_pence = PenceField(
        "Band D charge", null=True, blank=True, help_text="Pence (council tax only)."
    )
    basis = models.TextField(
        "assumption", blank=True, help_text="The assumption behind the figure, in words."
    )

    class Meta:
        ordering = ["fy", "category"]
        constraints = [
            models.UniqueConstraint(
                fields=["scenario", "category", "fy"], name="assumption_unique_year"
            ),
            models.CheckConstraint(
                condition=Q(category="council_tax")
                | (Q(tax_base__isnull=True) & Q(band_d_pence__isnull=True)),
                name="assumption_tax_base_only_for_council_tax",
            ),
            models.CheckConstraint(
                condition=(Q(tax_base__isnull=True) & Q(band_d_pence__isnull=True))
                | (Q(tax_base__gt=0) & Q(band_d_pence__gt=0)),
                name="assumption_tax_base_with_band_d",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.scenario}: {self.get_category_display()} {self.fy}"

    @property
    def is_funding(self) -> bool:
        return self.category in FUNDING


class MilestoneStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"


class Milestone(BaseModel):
    """A step of the council's yearly budget cycle (Luton Together Phase 2's timeline runs
    March to March: strategy to the Executive, consultations, decisions taking effect)."""

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="+")
    fy = FinancialYearField(
        "cycle year", help_text="The financial year the cycle runs in (it sets the next budget)."
    )
    name = models.CharField(max_length=300)
    starts_on = models.DateField("starts", null=True, blank=True)
    due_on = models.DateField("due")
    months_only = models.BooleanField(
        default=False, help_text="The dates are known to the month only."
    )
    owner = models.CharField(
        max_length=200, blank=True, help_text="Who it belongs to: a body, a team or an officer."
    )
    status = models.CharField(
        max_length=20, choices=MilestoneStatus.choices, default=MilestoneStatus.NOT_STARTED
    )
    note = models.TextField(blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["fy", "due_on", "position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(starts_on__isnull=True) | Q(starts_on__lte=F("due_on")),
                name="milestone_starts_before_due",
            )
        ]

    def __str__(self) -> str:
        return self.name
