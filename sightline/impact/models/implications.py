"""A proposal's implications, as a committee report sets them out (Luton Borough Council's
Executive report of 4 March 2013: legal, finance, equalities, environment, health, community
safety and staffing), each cleared by a named officer, with their role, on a date. The officer
clears in Sightline as themselves; the report is final only when every clearance it needs is
given."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from sightline.accounts.models import Council, Person
from sightline.core.models import BaseModel


class ImplicationArea(BaseModel):
    """One kind of implication a council's reports set out; the council keeps the list."""

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="implication_areas")
    number = models.PositiveSmallIntegerField(help_text="Its place in the report's table.")
    name = models.CharField(max_length=120)
    clearance_required = models.BooleanField(
        default=False,
        help_text="A report cannot be final until an officer has cleared this implication.",
    )
    disabled_on = models.DateField(null=True, blank=True, help_text="Retired from use on.")

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["council", "name"], name="implication_area_unique"),
            models.UniqueConstraint(
                fields=["council", "number"], name="implication_area_number_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class ImplicationsRecord(BaseModel):
    """The proposal's report and whether its implications are final."""

    proposal = models.OneToOneField(
        "savings.Proposal", on_delete=models.CASCADE, related_name="implications_record"
    )
    report_title = models.CharField(max_length=300, blank=True)
    meeting = models.CharField(
        max_length=200, blank=True, help_text="e.g. Executive, 4 March 2013, agenda item 8."
    )
    final = models.BooleanField(
        default=False, help_text="Every clearance the report needs is given: it may be published."
    )
    finalised_at = models.DateTimeField(null=True, blank=True)
    finalised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    def __str__(self) -> str:
        return f"Implications of {self.proposal.reference}"


class Implication(BaseModel):
    """One implication: its text and its clearance by a named officer on a date."""

    proposal = models.ForeignKey(
        "savings.Proposal", on_delete=models.CASCADE, related_name="implications"
    )
    area = models.ForeignKey(ImplicationArea, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(blank=True)
    officer = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The officer who clears (agrees) this implication.",
    )
    officer_role = models.CharField(
        "officer's role", max_length=200, blank=True, help_text="As the report names it."
    )
    cleared_on = models.DateField(null=True, blank=True)
    cleared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The login that gave the clearance: the officer's own.",
    )
    clearance_note = models.CharField(max_length=300, blank=True, help_text="e.g. Agreed.")

    class Meta:
        ordering = ["area__number"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "area"], name="implication_unique"),
            models.CheckConstraint(
                condition=Q(cleared_on__isnull=True)
                | Q(officer__isnull=False, cleared_by__isnull=False),
                name="implication_cleared_by_its_officer",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.area} implications of {self.proposal.reference}"

    @property
    def cleared(self) -> bool:
        return self.cleared_on is not None
