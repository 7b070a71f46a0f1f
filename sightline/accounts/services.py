"""Writes for accounts: API tokens and reference data, each audited in its transaction."""

from __future__ import annotations

import secrets

from django.db import transaction
from django.utils import timezone

from sightline.accounts.models import ApiToken
from sightline.accounts.permissions import check
from sightline.core.audit import save_edit

TOKEN_PREFIX = "sl_"


@transaction.atomic
def token_create(*, user, name: str = "API token") -> tuple[ApiToken, str]:
    """A new personal token for ``user``; the raw token is returned once and never stored."""
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name or "API token", prefix=raw[:8], token_hash=ApiToken.hash(raw)
    )
    return token, raw


@transaction.atomic
def token_revoke(*, token: ApiToken, by) -> None:
    """Revoke a token: its owner may, and so may their own council's programme office."""
    check(by, "accounts.revoke_token", token)
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])


def token_authenticate(raw: str):
    """The active user behind a raw token, or None; records when it was last used."""
    if not raw or not raw.startswith(TOKEN_PREFIX):
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(token_hash=ApiToken.hash(raw), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


@transaction.atomic
def reference_save(*, obj, by, reason: str = "", expected_version: int | None = None) -> None:
    """Create or edit a piece of reference data (directorate, service area, person, portfolio).

    Only the programme office keeps reference data; the record must be in their council.
    """
    check(by, "accounts.change_reference_data", obj)
    save_edit(obj, by=by, reason=reason, expected_version=expected_version)
