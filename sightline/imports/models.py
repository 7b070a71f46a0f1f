"""A file a council uploads to import, kept between its preview and its import, and the
columns a council has told Sightline how to read."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from sightline.accounts.models import Council


class Upload(models.Model):
    """A file uploaded for import. The file itself waits on the server, in the council's own
    folder under ``SIGHTLINE_IMPORTS_DIR`` (never served), from the preview to the import,
    and is deleted once imported or discarded; this record stays as the log of the import."""

    class Status(models.TextChoices):
        WAITING = "waiting", "Waiting for confirmation"
        IMPORTED = "imported", "Imported"
        DISCARDED = "discarded", "Discarded"

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=20, help_text="What the file is: tracker, risks...")
    filename = models.CharField(max_length=200, help_text="The file's name as uploaded.")
    stored_as = models.CharField(max_length=80, unique=True, help_text="Its name on the server.")
    size = models.PositiveBigIntegerField(help_text="In bytes.")
    options = models.JSONField(default=dict, blank=True, help_text="How to read the table.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.WAITING)
    summary = models.JSONField(default=dict, blank=True, help_text="What the import did.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["council", "status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.filename} ({self.kind})"

    @property
    def is_waiting(self) -> bool:
        return self.status == self.Status.WAITING


class ColumnMapping(models.Model):
    """What a column of a council's tables holds, as the council chose it in a preview:
    remembered for its next import of the same kind."""

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=20)
    header = models.CharField(max_length=300, help_text="The header, plain and lower case.")
    field = models.CharField(max_length=60, blank=True, help_text="Blank: leave it out.")
    chosen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    chosen_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["kind", "header"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "kind", "header"], name="column_mapping_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind}: {self.header} -> {self.field or 'left out'}"
