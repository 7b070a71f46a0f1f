"""The base every record of Sightline stands on: stamps, a version against lost updates, and
its history (who changed what, when and why), and money as bounded whole pence."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from sightline.core.money import validate_amount


class PenceField(models.BigIntegerField):
    """An amount of money in whole pence, bounded to what a council budget can hold
    (:data:`sightline.core.money.MAX_AMOUNT_PENCE` either way)."""

    default_validators = [validate_amount]


class BaseModel(models.Model):
    """Stamps, an optimistic-locking version and full history (who, when, what, why)."""

    created_at = models.DateTimeField(auto_now_add=True)
    modified_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    modified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    version = models.PositiveIntegerField(
        default=1, help_text="Incremented by every saved edit; a stale edit is refused."
    )
    history = HistoricalRecords(inherit=True)

    class Meta:
        abstract = True
