"""What a council publishes on its public pages (``/c/<council>/``) and as open data.

Nothing is public until the council's programme office turns publishing on: a council with no
settings, or with publishing off, answers 404 at every public address."""

from __future__ import annotations

from django.db import models

from sightline.accounts.models import Council
from sightline.core.models import BaseModel


class ExemptTotals(models.TextChoices):
    LEAVE_OUT = "leave_out", "Leave them out of the totals"
    ONE_LINE = "one_line", "Show one line: “not yet published: £X across N savings”"


class PublicSettings(BaseModel):
    """A council's choices for its public pages and open data."""

    council = models.OneToOneField(
        Council, on_delete=models.PROTECT, related_name="public_settings"
    )
    published = models.BooleanField(
        "publish the public pages",
        default=False,
        help_text="Off: every public page, download and public API answer is not found.",
    )
    exempt_totals = models.CharField(
        "exempt savings in public totals",
        max_length=20,
        choices=ExemptTotals.choices,
        default=ExemptTotals.LEAVE_OUT,
        help_text="Approved savings still exempt (Schedule 12A) are never named in public; "
        "they are either left out of the totals or shown as one unnamed line.",
    )
    publish_risk_summary = models.BooleanField(
        "publish a summary of the risk register",
        default=False,
        help_text="Counts of open risks by residual score band; never a risk's words.",
    )

    class Meta:
        verbose_name = "public settings"
        verbose_name_plural = "public settings"

    def __str__(self) -> str:
        return f"Public settings of {self.council}"
