"""Councils, their directorates, service areas, portfolios and people, and who may do what."""

from __future__ import annotations

import hashlib
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from sightline.core.models import BaseModel


class Role(models.TextChoices):
    PROGRAMME_OFFICE = "programme_office", "Programme office"
    FINANCE = "finance", "Finance"
    DIRECTOR = "director", "Director"
    EDITOR = "editor", "Editor"
    COUNCILLOR = "councillor", "Councillor"
    VIEWER = "viewer", "Viewer"


class ActiveQuerySet(models.QuerySet):
    def active(self):
        return self.filter(disabled_on__isnull=True)


class Council(BaseModel):
    name = models.CharField(max_length=200, unique=True)
    short_code = models.SlugField(
        max_length=20, unique=True, help_text="Short code used in references, e.g. LBC."
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Person(BaseModel):
    """An officer or councillor named in plans and proposals; a login is optional."""

    class Kind(models.TextChoices):
        OFFICER = "officer", "Officer"
        COUNCILLOR = "councillor", "Councillor"

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="people")
    name = models.CharField(max_length=200)
    job_title = models.CharField(max_length=200, blank=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.OFFICER)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )
    disabled_on = models.DateField(null=True, blank=True, help_text="Retired from use on.")

    objects = ActiveQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"
        constraints = [
            models.UniqueConstraint(
                fields=["council", "name", "job_title"], name="person_unique_in_council"
            )
        ]

    def __str__(self) -> str:
        if not self.job_title or self.job_title == self.name:
            return self.name
        return f"{self.name}, {self.job_title}"


class Directorate(BaseModel):
    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="directorates")
    name = models.CharField(max_length=200)
    director = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="directs"
    )
    disabled_on = models.DateField(null=True, blank=True)

    objects = ActiveQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["council", "name"], name="directorate_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class ServiceArea(BaseModel):
    directorate = models.ForeignKey(
        Directorate, on_delete=models.PROTECT, related_name="service_areas"
    )
    name = models.CharField(max_length=200)
    disabled_on = models.DateField(null=True, blank=True)

    objects = ActiveQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["directorate", "name"], name="service_area_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class Portfolio(BaseModel):
    """A lead member's (portfolio holder's) area of responsibility."""

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="portfolios")
    name = models.CharField(max_length=200)
    lead_member = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="portfolios",
        limit_choices_to={"kind": Person.Kind.COUNCILLOR},
    )
    directorate = models.ForeignKey(
        Directorate,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="portfolios",
        help_text="The directorate whose lead member this portfolio's holder is, if any: "
        "a directorate's Executive report names its portfolio holders as lead members.",
    )
    disabled_on = models.DateField(null=True, blank=True)

    objects = ActiveQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["council", "name"], name="portfolio_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class Membership(BaseModel):
    """A login's place in one council, with its role."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership"
    )
    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(max_length=30, choices=Role.choices)
    directorate = models.ForeignKey(
        Directorate,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="For a director: the directorate they may edit.",
    )
    exempt_access = models.BooleanField(
        default=False,
        help_text="For a councillor: may read exempt (Schedule 12A) items.",
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=~Q(role="director") | Q(directorate__isnull=False),
                name="membership_director_has_directorate",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()}, {self.council}"

    @property
    def sees_exempt(self) -> bool:
        """Whether this member may read exempt (Schedule 12A) information."""
        if self.role in {Role.PROGRAMME_OFFICE, Role.FINANCE, Role.DIRECTOR}:
            return True
        return self.role == Role.COUNCILLOR and self.exempt_access


def default_token_expiry():
    """A token's expiry unless another is chosen: 90 days from now."""
    return timezone.now() + timedelta(days=90)


class ApiToken(models.Model):
    """A personal API token; only its SHA-256 is stored."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=100, default="API token")
    prefix = models.CharField(max_length=8, help_text="The first characters, to recognise it.")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(
        default=default_token_expiry, help_text="After this the token is refused (401)."
    )
    revoked_at = models.DateTimeField(null=True, blank=True)
    password_stamp = models.CharField(
        max_length=128,
        blank=True,
        help_text="The owner's session hash when it was made: a password change ends it.",
    )
    revoked_reason = models.CharField(
        max_length=100, blank=True, help_text="Why it ended: revoked, or the password changed."
    )
    # Who made each token and who ended it, and when: the audit trail of a credential. The
    # secret's hash and the password stamp stay out of it, and so does the time it was last
    # used (written without a save, so it makes no history row).
    history = HistoricalRecords(excluded_fields=["token_hash", "password_stamp", "last_used_at"])

    class ExpiryChoices(models.IntegerChoices):
        DAYS_30 = 30, "30 days"
        DAYS_90 = 90, "90 days"
        DAYS_180 = 180, "180 days"
        DAYS_365 = 365, "1 year"

    DEFAULT_EXPIRY_DAYS = 90

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def hash(raw: str) -> str:
        return hashlib.sha256(raw.encode()).hexdigest()
