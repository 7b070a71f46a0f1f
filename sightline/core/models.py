"""Base model and the audit log every service writes to in the same transaction."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
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


class AuditEvent(models.Model):
    """An append-only record of one action: who did what to which record, and why."""

    council = models.ForeignKey(
        "accounts.Council", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    verb = models.CharField(max_length=80, help_text="e.g. proposal.approved")
    target_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    target_id = models.CharField(max_length=40)
    target = GenericForeignKey("target_type", "target_id")
    target_repr = models.CharField(max_length=300)
    changes = models.JSONField(default=dict, blank=True, help_text="{field: [old, new]}")
    reason = models.TextField(blank=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id", "at"])]

    def __str__(self) -> str:
        return f"{self.verb} {self.target_repr} at {self.at:%Y-%m-%d %H:%M}"
